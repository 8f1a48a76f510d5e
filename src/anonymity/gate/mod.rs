//! The disclosure gate: the one check over exactly the bytes that will be
//! written or served, after everything is made. Every output file is read
//! whatever its type ([`html`] for markup, [`text`] for everything else,
//! the readable runs of an image; a file it cannot read is refused), and so
//! is every file and folder name ([`names`]); what it reads is searched
//! with the source checks' own matchers (listed terms, structured
//! identifiers, participant ids).
//!
//! Only [`gate`] makes a [`Gated`] site, and only a [`Gated`] site can be
//! written (`output::write_site`) or served: a later kind of output that
//! wants to reach a reader has to pass here first.
//!
//! An allowance allows its terms only in the text of the file that has it
//! ([`allowed_here`]); where a finding came from is in [`origin`].

mod css;
mod early;
mod html;
mod line;
mod names;
mod origin;
mod text;

pub use early::Early;

use super::Checked;
use super::identifiers::{TermMatcher, normalise};
use super::participant_ids::ParticipantIds;
use super::patterns;
use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::model::Allowance;
use crate::render::{Contents, Rendered};
use crate::resolve::Site;
use crate::source::{FileId, Sources, Span};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A site every byte of which passed the gate: the only thing that can be
/// written or served.
pub struct Gated(Rendered);

impl Gated {
    /// The files, by site-relative path.
    pub fn files(&self) -> &BTreeMap<String, Contents> {
        &self.0.files
    }

    pub fn into_files(self) -> BTreeMap<String, Contents> {
        self.0.files
    }
}

/// What the gate needs besides the files: what to look for, and where to
/// look for the source of what it finds.
pub struct Inputs<'a> {
    pub checked: &'a Checked,
    pub sources: &'a Sources,
    /// The project's own template files (the embedded theme has none).
    pub templates: Vec<FileId>,
    /// Where the theme's static files come from, for messages.
    pub theme_folder: String,
}

/// What passed the gate in the last run (serve mode): a file whose bytes
/// are the very ones that passed (the same shared buffer, which no one can
/// change while the memo holds it), seen with the same allowances, passes
/// again with the same identifiers, registry and allowances.
#[derive(Default)]
pub struct Memo {
    inputs: u64,
    passed: FastMap<String, (Contents, u64)>,
    /// The blocks of text in which nothing was found, with the same
    /// identifiers, registry and allowances (`inputs`): whether a block is
    /// clean depends on nothing else (see [`Clean`]), so a rebuild after
    /// one edit searches only the text the edit changed.
    clean: Clean,
    /// How many files the last run read rather than reused.
    pub read: usize,
}

/// Past this many clean blocks kept between rebuilds (about ten times the
/// distinct blocks of a 10,000-quote site), the preview starts afresh, so
/// a long session of edits does not grow without end.
const CLEAN_KEPT: usize = 2_000_000;

/// What to look for in what the gate reads.
pub(super) struct Look<'a> {
    matcher: &'a TermMatcher,
    ids: &'a ParticipantIds,
    /// The class, id and element names the site's style sheets may hide.
    hiding: Arc<crate::hash::FastSet<String>>,
}

/// One thing found, without the text found.
pub(super) struct Hit {
    /// What it is, in a reader's words ("a UK phone number").
    pub what: String,
    /// For a listed term: its normalised forms (as listed, as written), to
    /// match against allowances.
    pub term: Vec<String>,
}

/// What the gate reads in one file.
#[derive(Default)]
pub(super) struct Texts {
    /// Blocks of text, each searched for everything.
    pub blocks: Vec<String>,
    /// A page's text joined across every element (see [`html`]), searched
    /// for the words names and addresses are made of.
    pub flows: Vec<String>,
    /// The text around each place two blocks of a page meet, searched for
    /// numbers and postcodes.
    pub numbers: Vec<String>,
    /// The class, id and element names the site's style sheets may hide.
    pub hiding: Arc<crate::hash::FastSet<String>>,
    /// Why the file cannot be read as it is shown, if it cannot.
    pub unreadable: Option<&'static str>,
    /// How deep the document being read is set in others (a comment, a
    /// script, a frame's `srcdoc`, a `data:` address read as HTML).
    pub depth: usize,
    /// The documents inside documents read so far, each read once.
    pub inner: crate::hash::FastSet<u64>,
}

/// How deep documents set in documents are read; deeper is refused.
const MAX_DEPTH: usize = 8;

/// Why a file whose documents nest deeper than [`MAX_DEPTH`] is refused.
const TOO_DEEP: &str = "it sets documents in documents (comments, scripts, frames or `data:` addresses holding markup) more than 8 deep, deeper than the gate reads";

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

const DASHES: [char; 9] = [
    '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}', '\u{fe63}',
    '\u{ff0d}',
];
const SPACES: [char; 19] = [
    '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}',
    '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}',
    '\u{202f}', '\u{205f}', '\u{3000}',
];

/// Between two blocks of text searched in one go: no term or pattern holds
/// it, and the blank lines end a sentence.
const SEPARATOR: &str = "\n\n\u{b6}\n\n";

/// Blocks of text in which nothing was found, during one run of the gate:
/// the menu, headers and every quote's figure repeat across thousands of
/// pages, and are searched once. Sound because what is found in a block
/// does not depend on the blocks beside it: the [`SEPARATOR`] holds no
/// letter, digit or id character, and its blank line ends a sentence, so no
/// term, pattern or date-of-birth cue reaches across it (the property test
/// reads every page with a cache warmed on other pages).
#[derive(Default)]
pub(super) struct Clean(std::sync::RwLock<crate::hash::FastSet<Box<str>>>);

impl Clean {
    fn len(&self) -> usize {
        self.0.read().map_or(0, |set| set.len())
    }
}

/// The class, id and element names the style sheets among `files` may
/// hide (see [`css::hiding_names`]).
fn hiding_names<'f>(
    files: impl Iterator<Item = (&'f String, &'f Contents)>,
) -> Arc<crate::hash::FastSet<String>> {
    let names = files
        .filter(|(path, _)| path.to_ascii_lowercase().ends_with(".css"))
        .filter_map(|(_, bytes)| std::str::from_utf8(bytes).ok())
        .flat_map(css::hiding_names)
        .collect();
    Arc::new(names)
}

impl Look<'_> {
    /// An empty reading of a file, knowing what the site's style sheets
    /// may hide.
    pub fn texts(&self) -> Texts {
        Texts {
            hiding: self.hiding.clone(),
            ..Texts::default()
        }
    }

    /// Everything found in what was read of one file: the blocks, then
    /// the flows.
    pub fn find(&self, texts: &Texts) -> Vec<Hit> {
        self.find_in(texts, None)
    }

    /// [`Look::find`], passing over the blocks `clean` has and adding
    /// those in which nothing is found.
    pub fn find_in(&self, texts: &Texts, clean: Option<&Clean>) -> Vec<Hit> {
        let mut found = self.find_with(&texts.blocks, clean);
        for flow in &texts.flows {
            found.extend(self.find_flowing(flow));
        }
        found.extend(find_numbers(&texts.numbers));
        found
    }

    /// In a page's text joined across every element: listed terms,
    /// participant ids and email addresses (not numbers, which tables and
    /// lists set side by side).
    fn find_flowing(&self, flow: &str) -> Vec<Hit> {
        let mut found = Vec::new();
        for hit in self.matcher.find(flow) {
            if !hit.partial {
                found.push(Hit {
                    what: format!("a term from the identifiers list ({})", hit.list.name()),
                    term: vec![
                        normalise(self.matcher.term(&hit)),
                        normalise(&flow[hit.range.clone()]),
                    ],
                });
            }
        }
        for _ in self.ids.find(flow) {
            found.push(Hit {
                what: "a participant id".to_string(),
                term: Vec::new(),
            });
        }
        if flow.contains('@') {
            let emails = patterns::find_patterns(flow)
                .into_iter()
                .filter(|hit| hit.kind == patterns::PatternKind::Email);
            for hit in emails {
                found.push(Hit {
                    what: hit.kind.describe().to_string(),
                    term: Vec::new(),
                });
            }
        }
        found
    }

    /// [`Look::find`], passing over the blocks `clean` has and adding those
    /// in which nothing is found.
    pub fn find_with(&self, blocks: &[String], clean: Option<&Clean>) -> Vec<Hit> {
        // Each distinct block once (a page repeats its menu's links, class
        // names, …), less those already found clean.
        let mut seen: crate::hash::FastSet<&str> = crate::hash::FastSet::default();
        let mut todo: Vec<&str> = Vec::new();
        {
            let known = clean.map(|c| c.0.read().unwrap_or_else(|e| e.into_inner()));
            for block in blocks {
                let known_clean = known.as_ref().is_some_and(|k| k.contains(block.as_str()));
                if seen.insert(block.as_str()) && !known_clean {
                    todo.push(block);
                }
            }
        }
        let mut joined = String::with_capacity(todo.iter().map(|b| 2 * b.len() + 10).sum());
        let mut starts = Vec::with_capacity(todo.len());
        for block in &todo {
            starts.push(joined.len());
            joined.push_str(block);
            joined.push_str(SEPARATOR);
            // A reader sees a Unicode dash as a hyphen and a Unicode space
            // as a space: read once more with them folded, as part of the
            // same block.
            if block.contains(DASHES) || block.contains(SPACES) {
                joined.push_str(&block.replace(DASHES, "-").replace(SPACES, " "));
                joined.push_str(SEPARATOR);
            }
        }
        let mut found = Vec::new();
        let mut dirty: Vec<std::ops::Range<usize>> = Vec::new();
        for hit in self.matcher.find(&joined) {
            // A first or last name alone is not refused, but its block is
            // not clean either.
            dirty.push(hit.range.clone());
            if hit.partial {
                continue;
            }
            found.push(Hit {
                what: format!("a term from the identifiers list ({})", hit.list.name()),
                term: vec![
                    normalise(self.matcher.term(&hit)),
                    normalise(&joined[hit.range.clone()]),
                ],
            });
        }
        for range in self.ids.find(&joined) {
            dirty.push(range);
            found.push(Hit {
                what: "a participant id".to_string(),
                term: Vec::new(),
            });
        }
        if patterns::may_hold_one(&joined) {
            for hit in patterns::find_patterns(&joined) {
                dirty.push(hit.range.clone());
                found.push(Hit {
                    what: hit.kind.describe().to_string(),
                    term: Vec::new(),
                });
            }
        }
        if let Some(clean) = clean {
            // Every block a finding touches is not clean.
            let mut is_dirty = vec![false; todo.len()];
            for range in dirty {
                let block_of = |at: usize| starts.partition_point(|&s| s <= at).saturating_sub(1);
                let (first, last) = (block_of(range.start), block_of(range.end.max(1) - 1));
                for flag in &mut is_dirty[first..=last.max(first)] {
                    *flag = true;
                }
            }
            let mut known = clean.0.write().unwrap_or_else(|e| e.into_inner());
            for (block, dirty) in todo.iter().zip(is_dirty) {
                if !dirty {
                    known.insert(Box::from(*block));
                }
            }
        }
        found
    }
}

/// Phone, NHS and National Insurance numbers and postcodes in the text
/// around the places blocks meet (the other patterns are read in blocks
/// and flows).
fn find_numbers(numbers: &[String]) -> Vec<Hit> {
    use patterns::PatternKind::{NhsNumber, NiNumber, Phone, Postcode};
    let mut found = Vec::new();
    for number in numbers {
        let folded = number.replace(DASHES, "-").replace(SPACES, " ");
        let versions = std::iter::once(number).chain((folded != *number).then_some(&folded));
        for text in versions {
            for hit in patterns::find_patterns(text) {
                if matches!(hit.kind, Phone | NhsNumber | NiNumber | Postcode) {
                    found.push(Hit {
                        what: hit.kind.describe().to_string(),
                        term: Vec::new(),
                    });
                }
            }
        }
    }
    found
}

/// File types read as markup.
const MARKUP: &[&str] = &["html", "htm", "xhtml", "svg", "xml"];
/// Binary types whose readable runs are read (names kept in an image's
/// metadata, or in a font's name table).
const BINARY: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp", "tif", "tiff", "ttf", "otf",
];

/// Reads one file as it will be published into `texts`, or says why it
/// cannot be read.
fn read(path: &str, bytes: &[u8], texts: &mut Texts) -> Result<(), &'static str> {
    let lower = path.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            readable_as_utf8(text)?;
            if MARKUP.contains(&ext) {
                html::read(text, texts);
            } else {
                text::versions(text, texts);
                if text.contains('<') {
                    html::read(text, texts);
                }
            }
            if ext == "css" {
                css::check(text, css::Context::Sheet)?;
            }
        }
        Err(_) if BINARY.contains(&ext) => {
            // Compressed PNG text, in a .png or in a PNG inside an .ico or
            // misnamed: it cannot be read here, so it is refused.
            if contains(bytes, b"zTXt") || contains(bytes, b"iTXt") {
                return Err("it is an image with compressed text in its metadata");
            }
            text::versions(&text::readable_runs(bytes), texts);
        }
        Err(_) => {
            return Err("it is neither UTF-8 text nor an image or font whose text can be read");
        }
    }
    match texts.unreadable {
        Some(why) => Err(why),
        None => Ok(()),
    }
}

/// Whether a browser shows `text` as the UTF-8 it is read as: a file that
/// holds the escape character that switches ISO-2022 encodings, or
/// declares XML entities (which an XML reader expands), would show
/// something else. (A declared encoding is read where it is declared: a
/// meta tag, an XML declaration, a style sheet's `@charset`, a `data:`
/// address.)
fn readable_as_utf8(text: &str) -> Result<(), &'static str> {
    if text.contains('\u{1b}') {
        return Err(
            "it holds an escape character, with which some encodings (ISO-2022) change what the text says",
        );
    }
    let lower = text.to_ascii_lowercase();
    if lower.contains("<!entity") {
        return Err(
            "it declares XML entities, which a reader expands into text the gate does not see",
        );
    }
    Ok(())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// Every term allowed, normalised, by the file that allows it.
pub fn allowances(site: &Site) -> FastMap<FileId, Vec<String>> {
    let project = site.project;
    let mut by_file: FastMap<FileId, Vec<String>> = FastMap::default();
    let mut add = |file: FileId, allowance: Option<&Allowance>| {
        if let Some(allowance) = allowance
            && !allowance.allow.is_empty()
        {
            let terms = allowance.allow.iter().map(|t| normalise(t));
            by_file.entry(file).or_default().extend(terms);
        }
    };
    if let Some(d) = &project.landing {
        add(d.file, d.meta.anonymity.as_ref());
    }
    project
        .boroughs
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .codes
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .quotes
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .findings
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .pathways
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .pages
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    by_file
}

/// What the gate found in one file.
#[derive(Default)]
struct Found {
    /// Descriptions, each once.
    what: BTreeSet<String>,
    /// Found in the file's name rather than its contents.
    in_name: BTreeSet<String>,
    unreadable: Option<&'static str>,
}

/// Reads every file of `rendered` and every name, and lets the site through
/// only if nothing is found; otherwise reports what was found, one message
/// per kind of leak naming the files.
pub fn gate(
    inputs: &Inputs,
    rendered: Rendered,
    memo: Option<&mut Memo>,
    out: &mut Vec<Diagnostic>,
) -> Option<Gated> {
    let checked = inputs.checked;
    let look = Look {
        matcher: &checked.matcher,
        ids: &checked.participant_ids,
        hiding: hiding_names(rendered.files.iter()),
    };
    let key = checked.gate_inputs;
    let mut fresh = Memo::default();
    let mut memo = memo.map(|memo| {
        if memo.inputs != key {
            *memo = Memo::default();
        }
        memo
    });
    let clean = match memo.as_deref_mut() {
        Some(memo) if memo.clean.len() < CLEAN_KEPT => std::mem::take(&mut memo.clean),
        _ => Clean::default(),
    };
    let passed = memo.as_deref().map(|m| &m.passed);
    let titles = titles_digest(&rendered, checked);
    let results: Vec<(&String, u64, Option<Found>)> = rendered
        .files
        .par_iter()
        .map(|(path, bytes)| {
            let context = context_of(&rendered, checked, path, titles);
            if passed.is_some_and(|p| passed_before(p, path, bytes, context)) {
                return (path, context, None);
            }
            (
                path,
                context,
                Some(examine(&look, &clean, checked, &rendered, path, bytes)),
            )
        })
        .collect();
    let mut leaks: BTreeMap<(String, bool), Vec<&str>> = BTreeMap::new();
    let mut read = 0;
    for (path, context, found) in results {
        let Some(found) = found else {
            fresh
                .passed
                .insert(path.clone(), (rendered.files[path].clone(), context));
            continue;
        };
        read += 1;
        if let Some(why) = found.unreadable {
            out.push(unreadable(inputs, &rendered, path, why));
        } else if found.what.is_empty() && found.in_name.is_empty() {
            fresh
                .passed
                .insert(path.clone(), (rendered.files[path].clone(), context));
        }
        for what in found.what {
            leaks.entry((what, false)).or_default().push(path);
        }
        for what in found.in_name {
            leaks.entry((what, true)).or_default().push(path);
        }
    }
    // Every quote a page about some boroughs shows, held to k there.
    let before = out.len();
    let pages = rendered
        .origins
        .iter()
        .map(|(path, &origin)| (path.as_str(), origin, shown(&rendered, path)));
    checked.pages.check(inputs.sources, pages, out);
    let small_groups = out.len() > before;
    let failed = small_groups
        || !leaks.is_empty()
        || out.iter().any(|d| d.code == "anonymity::unreadable-output");
    for ((what, in_name), pages) in &leaks {
        out.push(leak(inputs, &look, &rendered, what, *in_name, pages));
    }
    if let Some(memo) = memo {
        fresh.inputs = key;
        fresh.read = read;
        fresh.clean = clean;
        *memo = fresh;
    }
    (!failed).then_some(Gated(rendered))
}

/// Whether `bytes` are the very bytes that passed at `path` last time
/// (the same shared buffer: no one can change it while the memo holds it),
/// seen with the same allowances.
fn passed_before(
    passed: &FastMap<String, (Contents, u64)>,
    path: &str,
    bytes: &Contents,
    context: u64,
) -> bool {
    passed
        .get(path)
        .is_some_and(|(then, c)| Arc::ptr_eq(then, bytes) && *c == context)
}

/// What every page's allowances depend on: the titles of the files with
/// an allowance (menus and listings print them on any page).
fn titles_digest(rendered: &Rendered, checked: &Checked) -> u64 {
    let mut titles: Vec<_> = rendered
        .titles
        .iter()
        .filter(|(file, _)| checked.allowed.contains_key(file))
        .collect();
    titles.sort();
    let mut hasher = rustc_hash::FxHasher::default();
    titles.hash(&mut hasher);
    hasher.finish()
}

/// What the page's allowances depend on: the titles digest, and the body
/// of each allowing file it shows.
fn context_of(rendered: &Rendered, checked: &Checked, path: &str, titles: u64) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    titles.hash(&mut hasher);
    for file in shown(rendered, path) {
        if checked.allowed.contains_key(&file) {
            file.hash(&mut hasher);
            rendered.fragments.get(&file).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// The source files whose text a page shows: the one it is made from and
/// those whose bodies it shows.
fn shown(rendered: &Rendered, path: &str) -> Vec<FileId> {
    let mut files: Vec<FileId> = rendered.origins.get(path).copied().into_iter().collect();
    files.extend(rendered.shows.get(path).into_iter().flatten().copied());
    files.sort();
    files.dedup();
    files
}

/// Reads one file and its name.
fn examine(
    look: &Look,
    clean: &Clean,
    checked: &Checked,
    rendered: &Rendered,
    path: &str,
    bytes: &[u8],
) -> Found {
    let mut found = Found::default();
    let mut name = look.texts();
    names::read(path, &mut name);
    for hit in look.find(&name) {
        found.in_name.insert(hit.what);
    }
    let mut texts = look.texts();
    if let Err(why) = read(path, bytes, &mut texts) {
        found.unreadable = Some(why);
        return found;
    }
    let mut allowed_terms: BTreeSet<String> = BTreeSet::new();
    for hit in look.find_in(&texts, Some(clean)) {
        match hit
            .term
            .iter()
            .find(|t| checked.allowed.values().flatten().any(|a| a == *t))
        {
            Some(term) => {
                if allowed_terms.insert(term.clone())
                    && !allowed_here(look, checked, rendered, path, bytes, term)
                {
                    found
                        .what
                        .insert(format!("{} outside the file that allows it", hit.what));
                }
            }
            None => {
                found.what.insert(hit.what);
            }
        }
    }
    found
}

/// Whether every occurrence of the allowed `term` on a page lies in the
/// text of a file that allows it: the page is read again with each copy of
/// those files' text on it (their bodies as rendered, their titles) cut
/// out, and the term must then be found nowhere. What a template prints,
/// or another file writes (with a character reference, say), is outside
/// those copies and is still read.
fn allowed_here(
    look: &Look,
    checked: &Checked,
    rendered: &Rendered,
    path: &str,
    bytes: &[u8],
    term: &str,
) -> bool {
    let Ok(page) = std::str::from_utf8(bytes) else {
        return false;
    };
    let allows = |file: &FileId| {
        checked
            .allowed
            .get(file)
            .is_some_and(|terms| terms.iter().any(|t| t == term))
    };
    // The bodies of the allowing files this page shows, and their titles
    // (which menus and listings print on any page).
    let bodies = shown(rendered, path)
        .into_iter()
        .filter(allows)
        .flat_map(|file| rendered.fragments.get(&file).into_iter().flatten());
    let titles = rendered
        .titles
        .iter()
        .filter(|(file, _)| allows(file))
        .map(|(_, title)| title);
    let mut fragments: Vec<&str> = bodies
        .chain(titles)
        .map(String::as_str)
        .filter(|f| !f.is_empty())
        .collect();
    if fragments.is_empty() {
        return false;
    }
    // Longest first, so a copy inside another is cut with it.
    fragments.sort_by_key(|f| std::cmp::Reverse(f.len()));
    let mut cut = page.to_string();
    for fragment in fragments {
        if cut.contains(fragment) {
            cut = cut.replace(fragment, " \u{b6} ");
        }
    }
    let mut texts = look.texts();
    if read(path, cut.as_bytes(), &mut texts).is_err() {
        return false;
    }
    !look
        .find(&texts)
        .iter()
        .any(|hit| hit.term.iter().any(|t| t == term))
}

fn unreadable(inputs: &Inputs, rendered: &Rendered, path: &str, why: &'static str) -> Diagnostic {
    let from = match path.strip_prefix("static/") {
        Some(file) => format!(" (the theme's static file {}/{file})", inputs.theme_folder),
        None => String::new(),
    };
    let diagnostic = Diagnostic::error(
        "anonymity::unreadable-output",
        format!("the generated file {path}{from} cannot be checked: {why}"),
    );
    // The line of a source file the page shows, or of a template, that
    // holds what cannot be read.
    let files = shown(rendered, path);
    let line = origin::find_unreadable(inputs.sources, &files, why)
        .map(|span| (span, format!("{path} shows this line")))
        .or_else(|| {
            origin::find_unreadable(inputs.sources, &inputs.templates, why)
                .map(|span| (span, format!("this template line is on {path}")))
        });
    match line {
        Some((span, label)) => diagnostic
            .at(span)
            .label(label)
            .fix("remove it, or write it so that it is plain text in the page"),
        None => diagnostic.fix("evalsite publishes only what it can read: remove what it names, or replace the file with one it can read (UTF-8 text, an uncompressed font, an image without compressed metadata)"),
    }
}

/// The message for one kind of leak, found on `pages`.
fn leak(
    inputs: &Inputs,
    look: &Look,
    rendered: &Rendered,
    what: &str,
    in_name: bool,
    pages: &[&str],
) -> Diagnostic {
    let first = pages[0];
    let more = match pages.len() {
        1 => String::new(),
        n => format!(" and {} other generated files", n - 1),
    };
    let message = match in_name {
        true => format!("the name of the generated file {first}{more} would publish {what}"),
        false => format!("the generated page {first}{more} would publish {what}"),
    };
    let mut diagnostic = Diagnostic::error("anonymity::output-leak", message);
    if pages.len() > 1 {
        let listed: Vec<&str> = pages.iter().take(8).copied().collect();
        let ellipsis = if pages.len() > 8 { ", …" } else { "" };
        diagnostic = diagnostic.note(format!("pages: {}{ellipsis}", listed.join(", ")));
    }
    if in_name {
        diagnostic = diagnostic.fix("rename the file or folder it comes from");
        return match first.strip_prefix("static/") {
            Some(file) => diagnostic.note(format!(
                "{first} is the theme's static file {}/{file}",
                inputs.theme_folder
            )),
            None => diagnostic,
        };
    }
    // The source file and line that produced it, where one did: a file the
    // page shows (not one allowing the term, whose text may hold it), then
    // the project's own templates.
    let what_plain = what.trim_end_matches(" outside the file that allows it");
    let allowing = |file: &FileId| what_plain != what && inputs.checked.allowed.contains_key(file);
    // The first page whose shown files hold it, in the order of the pages.
    let mut searched: Vec<FileId> = Vec::new();
    for page in pages {
        let files: Vec<FileId> = shown(rendered, page)
            .into_iter()
            .filter(|f| !allowing(f) && !searched.contains(f))
            .collect();
        if let Some(span) = origin::find(look, inputs.sources, &files, what_plain) {
            return diagnostic
                .at(span)
                .label(format!("{page} shows this line, read as a browser reads it"))
                .fix(match what_plain == what {
                    true => "the source check did not read it as written here (markup, a comment or a character reference inside it): remove it, or replace it with a redaction such as `[name]`",
                    false => "an allowance allows a term only where the file that has it writes it as plain text: remove it here, or write it plainly in the allowing file",
                });
        }
        searched.extend(files);
    }
    if let Some(span) = origin::find(look, inputs.sources, &inputs.templates, what_plain) {
        return diagnostic
            .at(span)
            .label(format!("this template line prints it on {first}"))
            .fix("remove it from the template");
    }
    diagnostic = diagnostic.fix("the source files passed the checks, so a template or theme file prints it: find what it prints and remove it, or correct the theme");
    match (first.strip_prefix("static/"), rendered.origins.get(first)) {
        (Some(file), _) => diagnostic.note(format!(
            "{first} is the theme's static file {}/{file}",
            inputs.theme_folder
        )),
        (None, Some(&file)) => diagnostic.at(Span::file_start(file)).label(format!(
            "{first} is made from this file; a template or theme file prints it"
        )),
        (None, None) => diagnostic.note(format!(
            "{first} is a listing page made from several files; a template or theme file prints it"
        )),
    }
}

#[cfg(test)]
mod tests;
