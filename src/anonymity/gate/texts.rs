//! What the gate reads of one file, before it looks in it: blocks of
//! text, the page's flows, the text where its blocks meet, and why it
//! cannot be read, if it cannot; and how deep documents inside documents
//! are read.

use super::text;
use std::sync::Arc;

/// What the gate reads in one file.
#[derive(Default)]
pub(super) struct Texts {
    /// Blocks of text, each searched for everything.
    pub blocks: Vec<String>,
    /// The pieces of a drawing's text joined side by side ([`super::drawn`]),
    /// each searched as a block, but for participant ids written with a
    /// mark between each two of their parts only: a drawing's ordinary
    /// labels ("Borough A", "GP", "1"), joined in some order, make an id
    /// with its marks left out that no reader sees.
    pub drawn: Vec<String>,
    /// A page's text joined across every element (see [`html`]), searched
    /// for the words names and addresses are made of.
    pub flows: Vec<String>,
    /// The text around each place two blocks of a page meet, searched for
    /// numbers and postcodes.
    pub numbers: Vec<String>,
    /// The names the site's style sheets may hide or lay out anew.
    pub styles: Arc<super::css::Effects>,
    /// A style shows text in capitals (`text-transform: uppercase`), so
    /// lower-case letters are read as capitals too, for postcodes and NI
    /// numbers.
    pub capitals: bool,
    /// With `capitals`, the text of a page's lines and where its blocks
    /// meet, in capitals, searched for postcodes and NI numbers.
    pub capital_lines: Vec<String>,
    /// The addresses a page leads to or shows (`href`, `src`, `data`…),
    /// as written, when `links_wanted` (a page about some boroughs).
    pub links: Vec<String>,
    pub links_wanted: bool,
    /// The page's `<base href>`, against which its links resolve.
    pub base: Option<String>,
    /// Scripts, event handlers and a refresh's `content`, which may send a
    /// reader to an address they spell out.
    pub scripts: Vec<String>,
    /// Why the file cannot be read as it is shown, if it cannot.
    pub unreadable: Option<&'static str>,
    /// How many ASCII letters and digits of text always shown keep two
    /// elements that may be hidden from mattering to one hit (see
    /// `line::parts`); `None`: every such element of a line matters to
    /// every other.
    pub reach: Option<usize>,
    /// How deep the document being read is set in others (a comment, a
    /// script, a frame's `srcdoc`, a `data:` address read as HTML).
    pub depth: usize,
    /// The documents inside documents read so far, each read once.
    pub inner: crate::hash::FastSet<u64>,
    /// What three or more pieces of a drawing's text are tried against
    /// (see [`super::drawn`]).
    pub targets: Arc<super::drawn::Targets>,
}

/// How deep documents set in documents are read; deeper is refused.
pub(super) const MAX_DEPTH: usize = 8;

/// Why a file whose documents nest deeper than [`MAX_DEPTH`] is refused.
pub(super) const TOO_DEEP: &str = "it sets documents in documents (comments, scripts, frames or `data:` addresses holding markup) more than 8 deep, deeper than the gate reads";

impl Texts {
    pub fn flow(&mut self, flow: String) {
        if text::has_invisible(&flow) {
            self.flows.push(text::without_invisible(&flow));
            self.flows.push(text::invisible_as_space(&flow));
        }
        self.flows.push(flow);
    }

    /// The file cannot be read as it is shown (the first reason is kept).
    pub fn refuse(&mut self, why: &'static str) {
        self.unreadable.get_or_insert(why);
    }

    /// Reads `document`, set in the one being read, with `read` one level
    /// deeper: each distinct one once, and none past [`MAX_DEPTH`] (the
    /// file is then refused).
    pub fn inner(&mut self, document: &str, read: impl FnOnce(&str, &mut Texts)) {
        use std::hash::{Hash, Hasher};
        let mut hasher = rustc_hash::FxHasher::default();
        document.hash(&mut hasher);
        if !self.inner.insert(hasher.finish()) {
            return;
        }
        if self.depth >= MAX_DEPTH {
            return self.refuse(TOO_DEEP);
        }
        self.depth += 1;
        read(document, self);
        self.depth -= 1;
    }
}
