//! How the gate reads HTML (and SVG or XML): as a browser builds and shows
//! it. The page is parsed by a real HTML5 parser (`html5ever`, through
//! `scraper`) into the tree a browser builds, so tags a browser drops (a
//! stray `</div>`, table tags outside a table, a second `<body>`) are
//! dropped here too, and text a browser moves (out of a table) is read
//! where it is shown.
//!
//! What is read:
//! - **Blocks**: the text between the elements a browser shows as blocks
//!   by default ([`layout::parts_words`]: paragraphs, list items, table
//!   cells…). Within a block, text is joined across every other element
//!   (inline, unknown, custom) and comment, and read again with a space at
//!   each of them; `<br>` is a space. Text inside `<bdo dir=rtl>` is also
//!   read reversed, as it is shown.
//! - **The flow**: all the text the page shows, joined across every
//!   element, blocks included, as `textContent` gives it and as a style
//!   sheet that lays blocks out inline shows it. It is searched for the
//!   words that make names and addresses (listed terms, participant ids,
//!   email addresses), not for numbers, which tables set side by side.
//! - Every attribute value (with the decodings of [`text::versions`]; an
//!   `iframe`'s `srcdoc` and `data:` documents as HTML), tag and attribute
//!   names, comments (as text, and as HTML), a doctype, and the contents
//!   of `<script>`, `<style>` and the other elements a browser does not
//!   show (as text, and as HTML).
//! - In SVG, the numbers of a drawing (`d`, `points`, `transform`…) are
//!   read for names, ids and addresses only, not as phone or NHS numbers.
//! - A page the parser had to repair (a parse error) is read once more as
//!   plain text, so what the repair threw away (a duplicate attribute, an
//!   attribute on an end tag, an unfinished tag) is read too.
//!
//! Style sheets and `style` attributes are held to [`css::check`].

use super::{Texts, css, text};
use crate::reading::layout;
use scraper::{Html, Node};

/// One run of text between block boundaries, read two ways: with nothing
/// at each inline tag, comment and invisible character, and with a space.
#[derive(Default)]
struct Run {
    joined: String,
    spaced: String,
    /// Whether the two differ.
    split: bool,
    /// The text as written from the first right-to-left override on
    /// (empty without one), to read as it is shown.
    overridden: String,
    /// The run as shown where a `<bdo dir=rtl>` reverses part of it:
    /// `None` without one.
    shown: Option<String>,
}

impl Run {
    fn text(&mut self, s: &str) {
        let s = shown_spaces(s);
        if !self.overridden.is_empty() || s.contains('\u{202e}') {
            self.overridden.push_str(&s);
        }
        if let Some(shown) = &mut self.shown {
            shown.push_str(&s);
        }
        if text::has_invisible(&s) {
            self.joined.push_str(&text::without_invisible(&s));
            self.spaced.push_str(&text::invisible_as_space(&s));
            self.split = true;
        } else {
            self.joined.push_str(&s);
            self.spaced.push_str(&s);
        }
    }

    /// An inline tag or a comment: nothing, or a space.
    fn inline(&mut self) {
        self.spaced.push(' ');
        self.split = true;
    }

    /// `<br>`: a space both ways.
    fn space(&mut self) {
        self.joined.push(' ');
        self.spaced.push(' ');
        if let Some(shown) = &mut self.shown {
            shown.push(' ');
        }
    }

    /// Where a `<bdo dir=rtl>` begins: the shown reading from here on is
    /// reversed where it ends.
    fn reversal_starts(&mut self) -> usize {
        let joined = &self.joined;
        self.shown.get_or_insert_with(|| joined.clone()).len()
    }

    fn reversal_ends(&mut self, from: usize) {
        if let Some(shown) = &mut self.shown {
            let reversed: String = shown[from..].chars().rev().collect();
            shown.truncate(from);
            shown.push_str(&reversed);
        }
    }

    fn end(&mut self, texts: &mut Texts) {
        let run = std::mem::take(self);
        if run.joined.trim().is_empty() && run.spaced.trim().is_empty() {
            return;
        }
        // What a right-to-left override reverses, as it is shown.
        if let Some(shown) = text::overridden_as_shown(&run.overridden) {
            text::versions(&shown, texts);
        }
        if let Some(shown) = run.shown {
            text::versions(&shown, texts);
        }
        if run.split {
            texts.blocks.push(run.spaced);
        }
        texts.blocks.push(run.joined);
    }
}

/// A browser shows a line break or a tab in text as a space.
fn shown_spaces(s: &str) -> std::borrow::Cow<'_, str> {
    match s.contains(['\n', '\r', '\t', '\x0c']) {
        true => s.replace(['\n', '\r', '\t', '\x0c'], " ").into(),
        false => s.into(),
    }
}

/// Elements whose contents a browser does not show, read as text (and as
/// HTML, for a script may write them into the page).
const HIDDEN_RAW: &[&str] = &[
    "script", "style", "iframe", "noembed", "noframes", "noscript",
];

/// SVG attributes that hold a drawing's numbers (a path, points, a
/// transform): read for names and ids, not for phone or NHS numbers, which
/// a run of coordinates can look like.
const GEOMETRY: &[&str] = &[
    "d",
    "points",
    "viewbox",
    "transform",
    "stroke-dasharray",
    "values",
    "keytimes",
    "keysplines",
    "x",
    "y",
    "dx",
    "dy",
    "rotate",
];

/// The state of one page's reading.
struct Reader<'t> {
    texts: &'t mut Texts,
    run: Run,
    /// Everything shown, joined across every element (see the module).
    flow: String,
    /// Tag and attribute names, each once, in the order met.
    names: Vec<String>,
    named: crate::hash::FastSet<String>,
}

/// Reads `html` into `texts` (see the module's list).
pub fn read(html: &str, texts: &mut Texts) {
    let document = Html::parse_document(html);
    let mut reader = Reader {
        texts,
        run: Run::default(),
        flow: String::new(),
        names: Vec::new(),
        named: Default::default(),
    };
    reader.tree(document.tree.root());
    reader.run.end(reader.texts);
    let Reader {
        texts, flow, names, ..
    } = reader;
    texts.blocks.push(names.join("\n"));
    if !flow.trim().is_empty() {
        texts.flow(flow);
    }
    if document.errors.iter().any(|e| may_drop_text(e)) {
        // Fail closed: what the parser's repairs left out is in the text.
        text::versions(html, texts);
    }
}

impl Reader<'_> {
    fn note(&mut self, name: &str) {
        if !self.named.contains(name) {
            self.named.insert(name.to_string());
            self.names.push(name.to_string());
        }
    }

    /// Reads the tree under `root` in document order, without recursion
    /// (a page may nest elements thousands deep).
    fn tree(&mut self, root: ego_tree::NodeRef<'_, Node>) {
        // For each open element: whether its contents are hidden, whether
        // it parts words, and where a reversal it makes begins.
        let mut open: Vec<(bool, bool, Option<usize>)> = Vec::new();
        for edge in root.traverse() {
            let hidden = open.last().is_some_and(|&(hidden, ..)| hidden);
            match edge {
                ego_tree::iter::Edge::Open(node) => match node.value() {
                    Node::Element(element) => {
                        let opened = self.open(element, hidden);
                        open.push(opened);
                    }
                    other => self.leaf(other, hidden),
                },
                ego_tree::iter::Edge::Close(node) => {
                    if let Node::Element(element) = node.value()
                        && let Some((_, block, from)) = open.pop()
                    {
                        if let Some(from) = from {
                            self.run.reversal_ends(from);
                        }
                        if element.name().eq_ignore_ascii_case("br") {
                            continue;
                        }
                        match block {
                            true => self.run.end(self.texts),
                            false => self.run.inline(),
                        }
                    }
                }
            }
        }
    }

    /// A node that is not an element; `hidden` inside an element whose
    /// contents a browser does not show.
    fn leaf(&mut self, node: &Node, hidden: bool) {
        match node {
            Node::Text(t) if hidden => raw_text(t, self.texts),
            Node::Text(t) => {
                self.run.text(t);
                self.flow.push_str(&shown_spaces(t));
            }
            Node::Comment(comment) => {
                text::versions(comment, self.texts);
                if comment.contains('<') {
                    self.texts.inner(comment, read);
                }
                self.run.inline();
            }
            Node::Doctype(doctype) => {
                for part in [doctype.name(), doctype.public_id(), doctype.system_id()] {
                    if !part.is_empty() {
                        self.texts.blocks.push(part.to_string());
                    }
                }
            }
            Node::ProcessingInstruction(pi) => {
                self.texts.blocks.push(pi.target.to_string());
                text::versions(&pi.data, self.texts);
            }
            Node::Element(_) | Node::Document | Node::Fragment => {}
        }
    }

    /// An element's start: its names and attributes read, and what its
    /// contents are (hidden, a block, reversed from where).
    fn open(
        &mut self,
        element: &scraper::node::Element,
        hidden: bool,
    ) -> (bool, bool, Option<usize>) {
        let name = element.name().to_ascii_lowercase();
        self.note(&name);
        let svg = &*element.name.ns == "http://www.w3.org/2000/svg";
        for (attribute, value) in element.attrs() {
            self.note(attribute);
            match svg && GEOMETRY.contains(&attribute.to_ascii_lowercase().as_str()) {
                // Coordinates, not text: a run of them is no phone number.
                true => self.texts.flow(value.to_string()),
                false => self.attribute(attribute, value),
            }
        }
        let hidden = hidden || HIDDEN_RAW.contains(&name.as_str());
        if name == "br" {
            self.run.space();
            self.flow.push(' ');
            return (hidden, false, None);
        }
        let block = layout::parts_words(&name);
        match block {
            true => self.run.end(self.texts),
            false => self.run.inline(),
        }
        let reversed = name == "bdo" && element.attr("dir").is_some_and(is_rtl);
        let from = reversed.then(|| self.run.reversal_starts());
        (hidden, block, from)
    }

    fn attribute(&mut self, name: &str, value: &str) {
        text::versions(value, self.texts);
        match name.to_ascii_lowercase().as_str() {
            // A document in an attribute, shown in a frame.
            "srcdoc" => self.texts.inner(value, read),
            "style" => {
                if let Err(why) = css::check(value) {
                    self.texts.refuse(why);
                }
            }
            _ => {}
        }
    }
}

/// Whether a repair the parser reports may have left something out (a
/// tag it ignored with its attributes, a duplicate attribute, an
/// unfinished tag or comment); a character reference without its `;` is
/// decoded, not left out.
fn may_drop_text(error: &str) -> bool {
    !error.contains("haracter reference")
}

fn is_rtl(dir: &str) -> bool {
    dir.trim().eq_ignore_ascii_case("rtl")
}

/// The contents of `<script>`, `<style>` and the like: as text with every
/// decoding, and as HTML (a script may write it into the page); a style
/// sheet is held to [`css::check`].
fn raw_text(s: &str, texts: &mut Texts) {
    text::versions(s, texts);
    if let Err(why) = css::check(s) {
        texts.refuse(why);
    }
    if s.contains('<') {
        texts.inner(s, read);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Texts {
        let mut texts = Texts::default();
        read(html, &mut texts);
        texts
    }

    fn reads(html: &str, wanted: &str) -> bool {
        texts(html).blocks.iter().any(|b| b.contains(wanted))
    }

    fn flows(html: &str, wanted: &str) -> bool {
        texts(html).flows.iter().any(|b| b.contains(wanted))
    }

    #[test]
    fn text_is_joined_across_inline_tags_and_comments() {
        assert!(reads("<p>Tob<b>ias</b> Smith</p>", "Tobias Smith"));
        assert!(reads("<p>Jane<!-- x -->Smith</p>", "JaneSmith"));
        assert!(reads("<p>Jane<!-- x -->Smith</p>", "Jane Smith"));
        assert!(reads("<p>Tob<wbr>ias</p>", "Tobias"));
        assert!(reads("<p>07700 900<b>123</b></p>", "07700 900123"));
        assert!(reads("<p>07700 900<b>123</b></p>", "07700 900 123"));
        assert!(reads("<p>Tob\u{ad}ias Tob\u{200b}ias</p>", "Tobias Tobias"));
    }

    /// Defect (red team, round 2): elements a browser lays out inline by
    /// default (custom and unknown elements, `<output>`, `<button>`,
    /// MathML) were read as word breaks.
    #[test]
    fn elements_not_shown_as_blocks_join_words() {
        for html in [
            "<p>Thistle<x-place>bury</x-place></p>",
            "<p>Thistle<output>bury</output></p>",
            "<p>Thistle<button>bury</button></p>",
            "<p><math><mi>Thistle</mi><mi>bury</mi></math></p>",
            "<p>Thistle<label-x>bury</label-x></p>",
        ] {
            assert!(reads(html, "Thistlebury"), "{html}");
        }
    }

    /// Defect (red team, round 2): tags a browser drops (a stray end tag,
    /// table tags outside a table, a second `<body>`) were read as word
    /// breaks, and text a browser moves out of a table was read where it
    /// was written.
    #[test]
    fn tags_a_browser_drops_do_not_part_words() {
        for (html, wanted) in [
            (
                "<p>j.smith@exam</div>ple.nhs.uk</p>",
                "j.smith@example.nhs.uk",
            ),
            ("<p>ask a-gp</li>-1</p>", "a-gp-1"),
            ("<p>Marjorie Quill<td>feather</p>", "Marjorie Quillfeather"),
            ("<p>Mardle Va<body>le</p>", "Mardle Vale"),
            ("<p>Thistle<tr>bury</p>", "Thistlebury"),
            ("<p>Gannet Str<head>eet</p>", "Gannet Street"),
            (
                "<div>Tobias Wren<table><tr><td>x</td></tr>hallow</table></div>",
                "Tobias Wrenhallow",
            ),
        ] {
            assert!(reads(html, wanted), "{html}");
        }
    }

    #[test]
    fn blocks_end_at_block_elements_and_br_is_a_space() {
        let found = texts("<!doctype html><p>Jane</p><p>Smith</p>");
        assert!(
            !found
                .blocks
                .iter()
                .any(|b| b.contains("Jane") && b.contains("Smith"))
        );
        assert!(reads("<p>Jane<br>Smith</p>", "Jane Smith"));
    }

    /// Defect (red team, round 2): a style sheet can lay blocks out
    /// inline (`display: inline`), so the words of a name are also read
    /// across every element.
    #[test]
    fn the_flow_joins_text_across_blocks() {
        assert!(flows(
            "<div>Mardle V<div style='display:inline'>ale</div></div>",
            "Mardle Vale"
        ));
        assert!(flows("<p>Mardle </p><p>Vale</p>", "Mardle Vale"));
        assert!(!flows(
            "<p>x</p><script>Mardle</script><p>Vale</p>",
            "MardleVale"
        ));
    }

    #[test]
    fn character_references_are_decoded() {
        assert!(reads("<p>&#x54;obias T&#111;bias</p>", "Tobias Tobias"));
        assert!(reads("<p>Jane&NewLine;Smith</p>", "Jane Smith"));
        assert!(reads("<p title='T&#111;bias'>x</p>", "Tobias"));
    }

    #[test]
    fn attributes_names_scripts_styles_and_comments_are_read() {
        assert!(reads("<a href='/p/%54obias%20Smith'>x</a>", "Tobias Smith"));
        assert!(reads(
            "<code class='language-tobias'>x</code>",
            "language-tobias"
        ));
        assert!(reads("<img alt='Tobias'>", "Tobias"));
        assert!(reads("<div data-who='Tobias'></div>", "Tobias"));
        assert!(reads("<meta content='Tobias'>", "Tobias"));
        assert!(reads("<tobias-smith></tobias-smith>", "tobias-smith"));
        assert!(reads("<div tobias></div>", "tobias"));
        assert!(reads(
            r#"<script type="application/ld+json">{"author":"\u0054obias"}</script>"#,
            "Tobias"
        ));
        assert!(reads(
            r#"<style>a::after{content:"\54 obias"}</style>"#,
            "Tobias"
        ));
        assert!(reads("<noscript><p>Tob<b>ias</b></p></noscript>", "Tobias"));
        assert!(reads("<template><p>Tob<b>ias</b></p></template>", "Tobias"));
        assert!(reads("<!-- Tobias -->", "Tobias"));
        assert!(reads("<script>x = '&#84;obias'</script>", "Tobias"));
    }

    /// Defect (red team, round 2): a document inside an attribute (a
    /// frame's `srcdoc`) was read as plain text, so markup inside it split
    /// a name.
    #[test]
    fn a_document_in_an_attribute_is_read_as_html() {
        assert!(reads(
            "<iframe srcdoc=\"Thistle<b>bury</b>\"></iframe>",
            "Thistlebury"
        ));
        assert!(reads(
            "<iframe srcdoc=\"&lt;p&gt;Cressington Ma&lt;span&gt;rsh\"></iframe>",
            "Cressington Marsh"
        ));
    }

    /// Defect (red team, round 2): `<bdo dir=rtl>` shows its text reversed.
    #[test]
    fn bdo_is_read_as_shown() {
        assert!(reads(
            "<p><bdo dir=rtl>yrubeltsihT</bdo></p>",
            "Thistlebury"
        ));
        assert!(reads(
            "<p>Thi<bdo dir='RTL'>yrubelts</bdo></p>",
            "Thistlebury"
        ));
    }

    #[test]
    fn what_the_parser_repairs_is_read_as_text_too() {
        assert!(reads("<p>x</p><div title=\"Tobias", "Tobias"));
        assert!(reads("<p>x</p><!-- Tobias", "Tobias"));
        // A duplicate attribute, which the parser drops.
        assert!(reads("<p title=a title=\"T&#111;bias\">x</p>", "Tobias"));
        // An attribute on an end tag.
        assert!(reads("<p>x</p title=\"Tobias\">", "Tobias"));
    }

    /// Defect (red team, reliability): nested comments, scripts or frames
    /// were read by a recursion as deep as the nesting, which overflowed
    /// the stack, and `data:` documents inside `data:` documents were read
    /// twice per level.
    #[test]
    fn documents_in_documents_are_read_once_and_not_too_deep() {
        for opener in [
            "<!--",
            "<script>",
            "<noscript>",
            "<iframe>",
            "<![CDATA[",
            "<?x ",
        ] {
            let html = opener.repeat(3_000);
            let found = texts(&html);
            assert!(found.unreadable.is_some(), "{opener}");
        }
        assert!(texts("<!-- <b>x</b> -->").unreadable.is_none());
        // Ten thousand distinct tag names are read in linear time.
        let many: String = (0..10_000).map(|i| format!("<t{i}>")).collect();
        assert!(texts(&many).unreadable.is_none());
    }

    /// Defect (red team, reliability): a pathway map's own coordinates
    /// (`C442 210 442 3678`) were refused as an NHS number.
    #[test]
    fn drawing_numbers_are_not_read_as_numbers_but_names_are() {
        let found = texts("<!doctype html><svg><path d=\"M1 2 C442 210 442 3678\"/></svg>");
        assert!(found.blocks.iter().all(|b| !b.contains("442 3678")));
        assert!(found.flows.iter().any(|b| b.contains("442 3678")));
        assert!(reads("<p d=\"020 7946 0958\">x</p>", "020 7946 0958"));
    }

    #[test]
    fn generated_text_in_a_style_is_refused() {
        let found = texts("<style>.w::before{content:\"Marjorie Quill\"}</style><p>x</p>");
        assert!(found.unreadable.is_some());
        let found = texts("<p style=\"unicode-bidi:bidi-override;direction:rtl\">x</p>");
        assert!(found.unreadable.is_some());
        assert!(
            texts("<style>q::before{content:\"\\201C\"}</style>")
                .unreadable
                .is_none()
        );
    }
}
