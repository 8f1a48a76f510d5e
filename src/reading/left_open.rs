//! What raw HTML leaves open for the rest of a page: an element whose text
//! runs to its end tag (`<script>`, `<style>`, `<textarea>`, `<title>`,
//! `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`, `<noscript>`), or to the
//! end of the page (`<plaintext>`), left without it; a comment (`<!--`)
//! left without its `-->`; a tag left without its `>`. Whatever the page
//! has after such a piece (the rest of the report, the theme's menu and
//! footer) becomes the element's text, the comment or the tag's
//! attributes. Read by html5ever's tokenizer (a browser's), given the
//! pieces one by one with where each is written. Does not know Markdown.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::{Cell, RefCell};

/// What a piece of raw HTML leaves open, and where its `<` is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOpen {
    /// The byte where it begins (the `<` of its tag), as the caller counts.
    pub at: usize,
    pub what: Open,
}

/// What is left open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Open {
    /// An element whose text runs to its end tag (its name, lower case).
    Element(String),
    /// A comment, a `<!…` or `<?…` section, or a tag, not ended.
    Markup,
}

/// The elements a browser reads as text up to their end tag (the HTML
/// standard's "in body" rules, scripting enabled, as the gate's parser
/// reads a page), with how their text is read; `plaintext` never ends.
fn text_until_end_tag(name: &str) -> Option<TokenSinkResult<()>> {
    match name {
        "script" => Some(TokenSinkResult::RawData(RawKind::ScriptData)),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            Some(TokenSinkResult::RawData(RawKind::Rawtext))
        }
        "textarea" | "title" => Some(TokenSinkResult::RawData(RawKind::Rcdata)),
        "plaintext" => Some(TokenSinkResult::Plaintext),
        _ => None,
    }
}

/// The tokenizer's listener: which element is open and since where.
#[derive(Default)]
struct Sink {
    /// Where the piece of markup being fed may have begun: the `<` of the
    /// first of the pieces fed since the last token (a tag's attribute
    /// may hold a `<`).
    quiet_since: Cell<Option<usize>>,
    /// The `<` that begins the piece being fed.
    piece: Cell<usize>,
    /// Whether a token (not an error) came while the piece was fed.
    heard: Cell<bool>,
    open: RefCell<Option<LeftOpen>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::ParseError(_) | Token::EOFToken => return TokenSinkResult::Continue,
            Token::TagToken(tag) => {
                let began = self.quiet_since.get().unwrap_or(self.piece.get());
                let name = tag.name.to_string();
                let mut open = self.open.borrow_mut();
                match tag.kind {
                    TagKind::StartTag => {
                        if let Some(reading) = text_until_end_tag(&name) {
                            *open = Some(LeftOpen {
                                at: began,
                                what: Open::Element(name),
                            });
                            self.heard.set(true);
                            return reading;
                        }
                    }
                    // The tokenizer gives only the end tag that ends it.
                    TagKind::EndTag => {
                        if matches!(&*open, Some(LeftOpen { what: Open::Element(n), .. }) if *n == name)
                        {
                            *open = None;
                        }
                    }
                }
            }
            Token::DoctypeToken(_)
            | Token::CommentToken(_)
            | Token::CharacterTokens(_)
            | Token::NullCharacterToken => {}
        }
        self.heard.set(true);
        TokenSinkResult::Continue
    }
}

/// Raw HTML read piece by piece, as a page holds it.
pub struct Reader {
    tokenizer: Tokenizer<Sink>,
    queue: BufferQueue,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            tokenizer: Tokenizer::new(Sink::default(), TokenizerOpts::default()),
            queue: BufferQueue::default(),
        }
    }
}

impl Reader {
    /// Reads `html`, written from byte `at` on.
    pub fn feed(&mut self, html: &str, at: usize) {
        // Fed from each `<` to the next, so that what a token began with
        // is known: the `<` of the piece, or of the first piece since the
        // last token.
        let mut start = 0;
        while start < html.len() {
            let end = memchr::memchr(b'<', &html.as_bytes()[start + 1..])
                .map_or(html.len(), |i| start + 1 + i);
            let sink = &self.tokenizer.sink;
            sink.piece.set(at + start);
            sink.heard.set(false);
            self.queue
                .push_back(StrTendril::from_slice(&html[start..end]));
            while !matches!(
                self.tokenizer.feed(&self.queue),
                html5ever::TokenizerResult::Done
            ) {}
            let sink = &self.tokenizer.sink;
            // Nothing heard: markup begun here or before is not ended
            // (text, a character reference waiting for its `;`, is not
            // markup).
            let begins = html.as_bytes()[start] == b'<';
            let since = sink.quiet_since.get();
            let since = since.or(begins.then_some(at + start));
            sink.quiet_since.set(since.filter(|_| !sink.heard.get()));
            start = end;
        }
    }

    /// What is open after what was fed: the element whose text would run
    /// on, or else the markup begun and not ended.
    pub fn open(&self) -> Option<LeftOpen> {
        let sink = &self.tokenizer.sink;
        sink.open.borrow().clone().or_else(|| {
            sink.quiet_since.get().map(|at| LeftOpen {
                at,
                what: Open::Markup,
            })
        })
    }
}

/// What `html`, read whole, leaves open at its end.
pub fn left_open(html: &str) -> Option<LeftOpen> {
    let mut reader = Reader::default();
    reader.feed(html, 0);
    reader.open()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(html: &str) -> Option<(usize, String)> {
        left_open(html).map(|o| {
            let what = match o.what {
                Open::Element(name) => name,
                Open::Markup => "markup".to_string(),
            };
            (o.at, what)
        })
    }

    #[test]
    fn elements_left_open_are_found_where_their_tag_begins() {
        assert_eq!(
            open("We met <script>var a = 1;"),
            Some((7, "script".into()))
        );
        assert_eq!(open("a <STYLE>p{}"), Some((2, "style".into())));
        assert_eq!(open("<textarea>x</b>"), Some((0, "textarea".into())));
        assert_eq!(open("<p><title>x"), Some((3, "title".into())));
        assert_eq!(
            open("<plaintext>x</plaintext>"),
            Some((0, "plaintext".into()))
        );
        for name in ["xmp", "iframe", "noembed", "noframes", "noscript"] {
            assert_eq!(open(&format!("<{name}>x")), Some((0, name.to_string())));
        }
        // A `<` in an attribute's value: the tag begins at the first.
        assert_eq!(open(r#"<script title="a<b">x"#), Some((0, "script".into())));
    }

    #[test]
    fn comments_and_tags_left_open_are_found() {
        assert_eq!(open("a <!-- hidden <b>x</b>"), Some((2, "markup".into())));
        assert_eq!(open(r#"<div class="x"#), Some((0, "markup".into())));
        assert_eq!(open("<!doctype"), Some((0, "markup".into())));
    }

    #[test]
    fn what_is_closed_is_not_open() {
        for html in [
            "<script>var a = '<b>';</script>",
            "<script>x</script >",
            "<style>p{}</STYLE>",
            "<textarea><script></textarea>",
            "<!-- a --> b",
            "<!--> b",
            "a < b and c <3",
            "<p>x</p><br/>",
            "&copy",
            "",
        ] {
            assert_eq!(open(html), None, "{html}");
        }
        // Not its end tag: `</scripts>`.
        assert_eq!(open("<script>x</scripts>"), Some((0, "script".into())));
    }

    #[test]
    fn pieces_fed_apart_are_read_as_one() {
        let mut reader = Reader::default();
        reader.feed("<script>", 10);
        assert_eq!(
            reader.open(),
            Some(LeftOpen {
                at: 10,
                what: Open::Element("script".into())
            })
        );
        reader.feed("</script>", 40);
        assert_eq!(reader.open(), None);
    }
}
