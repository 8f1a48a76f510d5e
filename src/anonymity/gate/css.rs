//! What a style sheet may do to the text the gate reads. A style sheet can
//! show text that is in no element (`content: "…"`, list markers, quotes),
//! join an attribute's value to the text beside it (`attr()`), or show
//! text in another order than it is written (`unicode-bidi:
//! bidi-override`, a `-reverse` flex direction, `order:`). The gate reads
//! text in place and in order, so a style sheet that does any of these
//! with letters or digits is refused: it cannot be read as it is shown.
//! Punctuation (`content: "\201C"`, `"— "`) and a link's own address
//! (`attr(href)`, which print styles show and the gate reads on its own)
//! are allowed. Owns the `cssparser` dependency (a CSS tokenizer, the one
//! `scraper` uses).
//!
//! Not read: what a style sheet moves on screen (positioning, grids,
//! transforms), which the gate reads in the page's order.

use cssparser::{ParseError, ParseErrorKind, Parser, Token};

/// Properties whose strings are shown as text.
const SHOWN: &[&str] = &[
    "content",
    "quotes",
    "list-style",
    "list-style-type",
    "text-overflow",
    "text-emphasis",
    "text-emphasis-style",
    "hyphenate-character",
    "-webkit-hyphenate-character",
    // @counter-style descriptors
    "symbols",
    "additive-symbols",
    "prefix",
    "suffix",
    "pad",
    "negative",
];

/// Properties that can show text in another order than it is written.
const REORDER: &[&str] = &[
    "unicode-bidi",
    "flex-direction",
    "flex-flow",
    "-webkit-flex-direction",
    "-webkit-flex-flow",
    "box-direction",
    "-webkit-box-direction",
    "order",
    "-webkit-order",
];

/// Properties that set a counter, which generated text can show.
const COUNTERS: &[&str] = &["counter-reset", "counter-set", "counter-increment"];

/// Attributes whose value generated text may show: a link's or an image's
/// own address.
const SHOWN_ATTRIBUTES: &[&str] = &["href", "src"];

pub const GENERATED: &str = "its style shows generated text holding letters or digits (a `content:` string, a list marker or quotation marks), which the gate cannot read where it is shown";
pub const ATTRIBUTE: &str = "its style shows an attribute's value as text (`attr()` in `content:`), joined to text beside it, which the gate cannot read as it is shown";
pub const VARIABLE: &str =
    "its style shows a custom property (`var()`) as generated text, which the gate cannot read";
pub const REORDERS: &str = "its style shows text in another order than it is written (`unicode-bidi: bidi-override`, a `-reverse` flex direction or `order:`), which the gate cannot read as it is shown";
pub const COUNTER: &str =
    "its style sets a counter to a number of three or more digits, which generated text can show";

/// Whether `css` (a style sheet, or a `style` attribute's declarations)
/// shows only text the gate can read in place; why not otherwise.
pub fn check(css: &str) -> Result<(), &'static str> {
    let mut parser = Parser::new(css);
    block(&mut parser).map_err(|refused| match refused.kind {
        ParseErrorKind::Custom(why) => why,
        ParseErrorKind::Basic(_) => GENERATED,
    })
}

type Refused = ParseError<&'static str>;

fn refuse(why: &'static str) -> Refused {
    ParseError {
        kind: ParseErrorKind::Custom(why),
    }
}

/// A list of rules or declarations: `property: value` pairs, and nested
/// blocks, each read on its own.
fn block(parser: &mut Parser) -> Result<(), Refused> {
    let mut last_ident: Option<String> = None;
    let mut property: Option<String> = None;
    loop {
        let token = match parser.next() {
            Ok(token) => token.clone(),
            Err(_) => return Ok(()),
        };
        if let Some(name) = &property {
            match token {
                Token::Semicolon => property = None,
                Token::CurlyBracketBlock => {
                    property = None;
                    parser.parse_nested_block(block)?;
                }
                token => value(parser, name, &token)?,
            }
            continue;
        }
        match token {
            Token::Ident(name) => last_ident = Some(name.to_ascii_lowercase()),
            Token::Colon => property = last_ident.take(),
            Token::CurlyBracketBlock => {
                last_ident = None;
                parser.parse_nested_block(block)?;
            }
            Token::Function(_) | Token::ParenthesisBlock | Token::SquareBracketBlock => {
                last_ident = None;
            }
            _ => last_ident = None,
        }
    }
}

/// One token of `property`'s value (a function's or block's contents
/// read as part of it).
fn value<'i>(parser: &mut Parser<'i>, property: &str, token: &Token<'i>) -> Result<(), Refused> {
    let shown = SHOWN.contains(&property);
    match token {
        Token::QuotedString(text) if shown && text.chars().any(char::is_alphanumeric) => {
            Err(refuse(GENERATED))
        }
        Token::Ident(word)
            if REORDER.contains(&property)
                && (word.to_ascii_lowercase().contains("override")
                    || word.to_ascii_lowercase().contains("reverse")) =>
        {
            Err(refuse(REORDERS))
        }
        Token::Number { value, .. }
            if matches!(property, "order" | "-webkit-order") && *value != 0.0 =>
        {
            Err(refuse(REORDERS))
        }
        Token::Number { value, .. } if COUNTERS.contains(&property) && value.abs() >= 100.0 => {
            Err(refuse(COUNTER))
        }
        Token::Function(name) => {
            let name = name.to_ascii_lowercase();
            if shown && (name == "var" || name == "env") {
                return Err(refuse(VARIABLE));
            }
            let attr = shown && name == "attr";
            parser.parse_nested_block(|inner| {
                let mut first = true;
                while let Ok(token) = inner.next() {
                    let token = token.clone();
                    if attr && first {
                        let allowed = matches!(&token, Token::Ident(a)
                            if SHOWN_ATTRIBUTES.contains(&a.to_ascii_lowercase().as_str()));
                        if !allowed {
                            return Err(refuse(ATTRIBUTE));
                        }
                    }
                    first = false;
                    value(inner, property, &token)?;
                }
                Ok(())
            })
        }
        Token::ParenthesisBlock | Token::SquareBracketBlock => parser.parse_nested_block(|inner| {
            while let Ok(token) = inner.next() {
                let token = token.clone();
                value(inner, property, &token)?;
            }
            Ok(())
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_themes_style_sheet_is_readable() {
        let theme = include_str!("../../../themes/default/static/style.css");
        assert_eq!(check(theme), Ok(()));
    }

    /// Defect (red team, round 2): a style sheet assembled a name out of
    /// strings, attribute values and an element's text.
    #[test]
    fn generated_text_with_letters_is_refused() {
        for css in [
            r#".w1::after { content: "Thistle" "bury" }"#,
            r#".w3::before{content:"Marjorie Quill"}"#,
            r#"@media print { p::after { content: 'x' } }"#,
            r#"li { list-style-type: "Tobias " }"#,
            r#"q { quotes: "Jane" "Smith" }"#,
            r#"p::before { CONTENT: "\54 obias" }"#,
            r#"@counter-style x { symbols: "A" "B"; prefix: "Jane " }"#,
        ] {
            assert_eq!(check(css), Err(GENERATED), "{css}");
        }
        assert_eq!(
            check(".w2::before{content:attr(data-a) attr(data-b)}"),
            Err(ATTRIBUTE)
        );
        assert_eq!(
            check(":root{--x:\"Jane\"} p::after{content:var(--x)}"),
            Err(VARIABLE)
        );
    }

    /// Defect (red team, round 2): text shown reversed or reordered by a
    /// style.
    #[test]
    fn reordering_is_refused() {
        for css in [
            "unicode-bidi:bidi-override;direction:rtl",
            "display:inline-flex;flex-direction:row-reverse",
            ".x { flex-flow: column-reverse wrap }",
            ".x > :first-child { order: 2 }",
        ] {
            assert_eq!(check(css), Err(REORDERS), "{css}");
        }
        assert_eq!(check("ol { counter-reset: item 2079460958 }"), Err(COUNTER));
    }

    #[test]
    fn punctuation_addresses_and_layout_are_allowed() {
        for css in [
            r#"blockquote p::before { content: "\201C"; } figcaption::before { content: "— " }"#,
            r#"a[href]::after { content: " <" attr(href) ">"; }"#,
            r#"p { content: none; border: 1px solid; order: 0; font-family: "Segoe UI" }"#,
            r#"a:hover { color: red } .x { display: inline; direction: rtl; unicode-bidi: isolate }"#,
            "ol { counter-reset: item 1 }",
        ] {
            assert_eq!(check(css), Ok(()), "{css}");
        }
    }
}
