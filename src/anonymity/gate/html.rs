//! How the gate reads HTML (and SVG or XML): as a browser and a search
//! engine read it, through the HTML5 tokenizer of `html5gum` (which
//! [`text`] also uses to decode character references in other files).
//!
//! Text is joined across inline elements and comments (`Tob<b>ias</b>`,
//! `Jane<!-- x -->Smith`, `<wbr>` are one word), and read a second time
//! with a space at each of them; a block element ends a block of text;
//! `<br>` is a space. Every character reference is decoded (the tokenizer
//! does it in text and attribute values). Every attribute value is read on
//! its own (with the decodings of [`text::versions`]: percent-encoded
//! links, say), and so are tag and attribute names, comments, a doctype,
//! and the contents of `<script>`, `<style>` and the other elements whose
//! text a browser does not decode (read as text, and again as HTML, for
//! `<noscript>` shows its contents as HTML where scripts are off).

use super::text;
use html5gum::{DefaultEmitter, Error, State, Token, Tokenizer};

/// Elements a name may run across: the text on either side is one run.
const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "rb", "rp", "rt", "rtc",
    "ruby", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
    "var", "wbr", // SVG's own text runs:
    "tspan", "textpath", "tref",
];

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
}

impl Run {
    fn text(&mut self, s: &str) {
        // A browser shows a line break or a tab in text as a space.
        let collapsed;
        let s = match s.contains(['\n', '\r', '\t', '\x0c']) {
            true => {
                collapsed = s.replace(['\n', '\r', '\t', '\x0c'], " ");
                collapsed.as_str()
            }
            false => s,
        };
        if !self.overridden.is_empty() || s.contains('\u{202e}') {
            self.overridden.push_str(s);
        }
        if text::has_invisible(s) {
            self.joined.push_str(&text::without_invisible(s));
            self.spaced.push_str(&text::invisible_as_space(s));
            self.split = true;
        } else {
            self.joined.push_str(s);
            self.spaced.push_str(s);
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
    }

    fn end(&mut self, blocks: &mut Vec<String>) {
        let run = std::mem::take(self);
        if run.joined.trim().is_empty() && run.spaced.trim().is_empty() {
            return;
        }
        // What a right-to-left override reverses, as it is shown.
        if let Some(shown) = text::overridden_as_shown(&run.overridden) {
            text::versions(&shown, blocks);
        }
        if run.split {
            blocks.push(run.spaced);
        }
        blocks.push(run.joined);
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Whether the tokenizer stopped inside a tag, comment or doctype at the
/// end of the file: what it held is not emitted as a token.
fn lost_at_end(error: &Error) -> bool {
    matches!(
        error,
        Error::EofInTag
            | Error::EofInComment
            | Error::EofInDoctype
            | Error::EofInScriptHtmlCommentLikeText
            | Error::EofInCdata
    )
}

/// Reads `html` into blocks of text (see the module's list).
pub fn read(html: &str, blocks: &mut Vec<String>) {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut run = Run::default();
    // Tag and attribute names, each once.
    let mut names: Vec<String> = Vec::new();
    let mut note = |name: String| {
        if !names.contains(&name) {
            names.push(name);
        }
    };
    // Inside an element whose text is not decoded (`<script>`, `<style>`…).
    let mut raw = false;
    let mut lost = false;
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = lossy(&tag.name);
                note(name.clone());
                for (attribute, value) in &tag.attributes {
                    note(lossy(attribute));
                    text::versions(&lossy(&value.value), blocks);
                }
                boundary(&name, &mut run, blocks);
                raw = !tag.self_closing
                    && matches!(
                        html5gum::naive_next_state(&tag.name),
                        Some(State::RawText | State::ScriptData | State::PlainText)
                    );
            }
            Token::EndTag(tag) => {
                let name = lossy(&tag.name);
                boundary(&name, &mut run, blocks);
                raw = false;
            }
            Token::String(s) => {
                let s = lossy(&s.value);
                if raw {
                    raw_text(&s, blocks);
                } else {
                    run.text(&s);
                }
            }
            Token::Comment(comment) => {
                text::versions(&lossy(&comment.value), blocks);
                if comment.value.contains(&b'<') {
                    read(&lossy(&comment.value), blocks);
                }
                run.inline();
            }
            Token::Doctype(doctype) => {
                let ids = [&doctype.public_identifier, &doctype.system_identifier];
                blocks.push(lossy(&doctype.name));
                for part in ids.into_iter().flatten() {
                    blocks.push(lossy(part));
                }
            }
            Token::Error(error) => lost |= lost_at_end(&error.value),
        }
    }
    run.end(blocks);
    blocks.push(names.join("\n"));
    if lost {
        // Fail closed: the unfinished end is read as text too.
        text::versions(html, blocks);
    }
}

/// An element's tag in a run of text: nothing (inline), a space (`<br>`)
/// or the end of a block.
fn boundary(name: &str, run: &mut Run, blocks: &mut Vec<String>) {
    let name = name.to_ascii_lowercase();
    if name == "br" {
        run.space();
    } else if INLINE.contains(&name.as_str()) {
        run.inline();
    } else {
        run.end(blocks);
    }
}

/// The contents of `<script>`, `<style>` and the like: as text with every
/// decoding, and as HTML (a script may write it into the page).
fn raw_text(s: &str, blocks: &mut Vec<String>) {
    text::versions(s, blocks);
    if s.contains('<') {
        read(s, blocks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<String> {
        let mut blocks = Vec::new();
        read(html, &mut blocks);
        blocks
    }

    fn reads(html: &str, wanted: &str) -> bool {
        blocks(html).iter().any(|b| b.contains(wanted))
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

    #[test]
    fn blocks_end_at_block_elements_and_br_is_a_space() {
        let found = blocks("<p>Jane</p><p>Smith</p>");
        assert!(
            !found
                .iter()
                .any(|b| b.contains("Jane") && b.contains("Smith"))
        );
        assert!(reads("<p>Jane<br>Smith</p>", "Jane Smith"));
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
        assert!(reads("<template><p>Tobias</p></template>", "Tobias"));
        assert!(reads("<!-- Tobias -->", "Tobias"));
        assert!(reads("<script>x = '&#84;obias'</script>", "Tobias"));
    }

    #[test]
    fn an_unfinished_tag_at_the_end_is_read() {
        assert!(reads("<p>x</p><div title=\"Tobias", "Tobias"));
        assert!(reads("<p>x</p><!-- Tobias", "Tobias"));
    }
}
