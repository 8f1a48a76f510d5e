//! What a style sheet may do to the text the gate reads, and what it may
//! hide. A style sheet can show text that is in no element (`content:
//! "…"`, counters, list markers, quotes), join an attribute's value to the
//! text beside it (`attr()`), show letters in another order than they are
//! written (`unicode-bidi: bidi-override`), or, in a `style` attribute or
//! a page's `<style>` element, show boxes in another order or place (a
//! `-reverse` flex direction, `order:`, a grid place, a float to the
//! right, a box taken out of the line: [`Context`]).
//! The gate reads text in place and in order, so a style that does any of
//! these with letters or digits is refused ([`check`]): it cannot be read
//! as it is shown. Punctuation (`content: "\201C"`, `"— "`) and a link's
//! own address (`attr(href)`, which print styles show and the gate reads
//! on its own) are allowed. A style sheet from elsewhere (`@import` of
//! another address) cannot be read, and is refused.
//!
//! [`Effects`] gives the class, id and element names a style sheet may
//! hide (`display: none`, a clip, a size of nothing…): text inside such an
//! element is also read as if it were not there; and those it may lay out
//! anew (a table cell shown inline is no cell).
//!
//! A theme's style sheet files may order and place boxes (its page's
//! regions on a grid): [`Effects`] gives the names they place, and the
//! gate refuses any element so named but the page's regions. Not read:
//! what a style sheet moves on screen (transforms, offsets): the gate
//! reads those in the page's order. Owns the `cssparser` dependency (the tokenizer `scraper` uses).

use cssparser::{ParseError, ParseErrorKind, Parser, Token};

mod colour;
mod effects;
mod palette;
pub use effects::{Effects, Own, SMALLEST_FONT, Selected};
#[cfg(test)]
pub use effects::{hides_its_element, reshapes_its_element};
pub use palette::Palette;

/// Where a style is written. A `style` attribute styles its own element,
/// and a page's `<style>` element the page's own boxes, which a
/// researcher writes: there a style that shows boxes in another order or
/// place than they are written is refused. A theme's `.css` file lays out
/// the theme's own boxes (a menu, a grid of the page's regions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// A theme's style sheet file (`.css`).
    Sheet,
    /// A `<style>` element in a page.
    Element,
    /// A `style` attribute.
    Attribute,
}

impl Context {
    /// Whether a box shown in another order or place is refused here.
    fn keeps_order(self) -> bool {
        self != Context::Sheet
    }
}

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
];

/// Keywords of the shown properties other than `content:` (a list
/// style's name, `text-overflow: ellipsis`, `quotes: auto`…); any other
/// word names a counter style or is shown, and is refused.
const SHOWN_KEYWORDS: &[&str] = &[
    "none",
    "auto",
    "normal",
    "clip",
    "ellipsis",
    "fade",
    "inside",
    "outside",
    "disc",
    "circle",
    "square",
    "disclosure-open",
    "disclosure-closed",
    "decimal",
    "decimal-leading-zero",
    "lower-roman",
    "upper-roman",
    "lower-greek",
    "lower-alpha",
    "upper-alpha",
    "lower-latin",
    "upper-latin",
    // The other counter styles CSS defines: each shows an item's number in
    // some script's numerals or letters, nothing else.
    "arabic-indic",
    "armenian",
    "upper-armenian",
    "lower-armenian",
    "bengali",
    "cambodian",
    "khmer",
    "cjk-decimal",
    "cjk-earthly-branch",
    "cjk-heavenly-stem",
    "devanagari",
    "ethiopic-numeric",
    "georgian",
    "gujarati",
    "gurmukhi",
    "hebrew",
    "hiragana",
    "hiragana-iroha",
    "japanese-formal",
    "japanese-informal",
    "kannada",
    "katakana",
    "katakana-iroha",
    "korean-hangul-formal",
    "korean-hanja-formal",
    "korean-hanja-informal",
    "lao",
    "malayalam",
    "mongolian",
    "myanmar",
    "oriya",
    "persian",
    "simp-chinese-formal",
    "simp-chinese-informal",
    "tamil",
    "telugu",
    "thai",
    "tibetan",
    "trad-chinese-formal",
    "trad-chinese-informal",
    "filled",
    "open",
    "dot",
    "double-circle",
    "triangle",
    "sesame",
    "over",
    "under",
    "left",
    "right",
    "match-parent",
];

/// Words `content:` may hold that show no text of their own.
const CONTENT_WORDS: &[&str] = &[
    "none",
    "normal",
    "open-quote",
    "close-quote",
    "no-open-quote",
    "no-close-quote",
];

/// Words every property may hold, and `!important`.
const CSS_WIDE: &[&str] = &[
    "inherit",
    "initial",
    "unset",
    "revert",
    "revert-layer",
    "important",
];

/// Properties that show letters in another order than they are written.
const REVERSE_LETTERS: &[&str] = &["unicode-bidi"];

/// Properties that show boxes in another order than they are written.
const REORDER_BOXES: &[&str] = &[
    "flex-direction",
    "flex-flow",
    "-webkit-flex-direction",
    "-webkit-flex-flow",
    "box-direction",
    "-webkit-box-direction",
    "order",
    "-webkit-order",
];

/// Properties that place a box elsewhere than it is written (red team,
/// round 26: a grid's cells set in swapped columns, two boxes floated
/// right, a caption shown below its table, a box taken out of the line),
/// with the words that do (a grid place: any but `auto`).
const PLACE_BOXES: &[(&str, &[&str])] = &[
    ("float", &["right", "inline-end"]),
    ("caption-side", &["bottom", "block-end", "inline-end"]),
    ("position", &["absolute", "fixed"]),
    ("grid-area", &[]),
    ("grid-row", &[]),
    ("grid-column", &[]),
    ("grid-row-start", &[]),
    ("grid-row-end", &[]),
    ("grid-column-start", &[]),
    ("grid-column-end", &[]),
];

/// Properties that set a counter, which generated text can show.
const COUNTERS: &[&str] = &["counter-reset", "counter-set", "counter-increment"];

/// Attributes whose value generated text may show: a link's or an image's
/// own address.
const SHOWN_ATTRIBUTES: &[&str] = &["href", "src"];

pub const GENERATED: &str = "its style shows generated text holding letters or digits (a `content:` string or counter, a list marker or quotation marks), which the gate cannot read where it is shown";
pub const ATTRIBUTE: &str = "its style shows an attribute's value as text (`attr()` in `content:`), joined to text beside it, which the gate cannot read as it is shown";
pub const VARIABLE: &str =
    "its style shows a custom property (`var()`) as generated text, which the gate cannot read";
pub const REORDERS: &str = "its style shows text in another order than it is written (`unicode-bidi: bidi-override`; or in a `style` attribute or a `<style>` element a `-reverse` direction, `order:`, a grid place, `float: right`, `caption-side: bottom` or `position: absolute`, or an offset: `left:`, a negative margin, a transform), which the gate cannot read as it is shown";
pub const PLACED: &str = "the site's style sheet shows this box elsewhere than it is written (by its class, id or element name: a grid place, `float: right`, `position: absolute`, `order:` or a `-reverse` direction), and it is not one of the page's regions (an element of `<body>` outside `<main>`), so the gate cannot read its text as it is shown";
pub const COUNTER: &str =
    "its style sets a counter to a number of three or more digits, which generated text can show";
pub const CHARSET: &str = "its style sheet declares a character encoding other than UTF-8 (`@charset`), in which a browser would show other text than the gate reads";
pub const COUNTER_STYLE: &str = "its style sheet defines a counter style (`@counter-style`), whose markers can spell any word, which the gate cannot read where they are shown";
pub const ELSEWHERE: &str = "it loads a style sheet that is not one of the site's files (`@import` or `<link>` of an address with a scheme or host, or of a `data:` address), whose rules the gate cannot apply: copy the style sheet into the theme's static/ folder and import it by its path";

/// Whether `css` shows only text the gate can read in place; why not
/// otherwise.
pub fn check(css: &str, context: Context) -> Result<(), &'static str> {
    let mut parser = Parser::new(css);
    let style = Style { context };
    style
        .block(&mut parser)
        .map_err(|refused| match refused.kind {
            ParseErrorKind::Custom(why) => why,
            ParseErrorKind::Basic(_) => GENERATED,
        })
}

/// Where in `css` the first rule [`check`] refuses begins (a byte offset),
/// found by checking each top-level rule on its own: for a message that
/// names the line of a theme's style sheet.
pub fn refused_at(css: &str) -> Option<usize> {
    let mut parser = Parser::new(css);
    let mut start = parser.position();
    loop {
        let token = parser.next().cloned();
        let end = match token {
            Ok(Token::CurlyBracketBlock) => {
                let _ = parser.parse_nested_block(|inner| {
                    while inner.next().is_ok() {}
                    Ok::<(), Refused>(())
                });
                parser.position()
            }
            Ok(Token::Semicolon) => parser.position(),
            Ok(_) => continue,
            Err(_) => parser.position(),
        };
        let rule = parser.slice(start..end);
        if check(rule, Context::Sheet).is_err() {
            // Past the white space and comments the rule begins with.
            let mut rest = rule.trim_start();
            while let Some(comment) = rest.strip_prefix("/*") {
                rest = comment
                    .split_once("*/")
                    .map_or("", |(_, after)| after)
                    .trim_start();
            }
            return Some(start.byte_index() + rule.len() - rest.len());
        }
        if token.is_err() {
            return None;
        }
        start = parser.position();
    }
}

type Refused = ParseError<&'static str>;

fn refuse(why: &'static str) -> Refused {
    ParseError {
        kind: ParseErrorKind::Custom(why),
    }
}

struct Style {
    context: Context,
}

impl Style {
    /// A list of rules or declarations: `property: value` pairs, at-rules
    /// and nested blocks, each read on its own.
    fn block(&self, parser: &mut Parser) -> Result<(), Refused> {
        let mut last_ident: Option<String> = None;
        let mut property: Option<String> = None;
        let mut at_rule: Option<String> = None;
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
                        parser.parse_nested_block(|p| self.block(p))?;
                    }
                    token => self.value(parser, name, &token)?,
                }
                continue;
            }
            match token {
                Token::AtKeyword(name) if name.eq_ignore_ascii_case("counter-style") => {
                    return Err(refuse(COUNTER_STYLE));
                }
                Token::AtKeyword(name) => at_rule = Some(name.to_ascii_lowercase()),
                Token::Ident(name) => last_ident = Some(name.to_ascii_lowercase()),
                Token::Colon => property = last_ident.take(),
                Token::Semicolon => at_rule = None,
                Token::CurlyBracketBlock => {
                    last_ident = None;
                    at_rule = None;
                    parser.parse_nested_block(|p| self.block(p))?;
                }
                Token::QuotedString(name) if at_rule.as_deref() == Some("charset") => {
                    if !super::is_utf8_name(&name.trim().to_ascii_lowercase()) {
                        return Err(refuse(CHARSET));
                    }
                }
                Token::QuotedString(_) | Token::UnquotedUrl(_) | Token::Function(_)
                    if at_rule.as_deref() == Some("import") =>
                {
                    if !imports_here(&token, parser) {
                        return Err(refuse(ELSEWHERE));
                    }
                }
                _ => last_ident = None,
            }
        }
    }

    /// One token of `property`'s value (a function's or block's contents
    /// read as part of it).
    fn value<'i>(
        &self,
        parser: &mut Parser<'i>,
        property: &str,
        token: &Token<'i>,
    ) -> Result<(), Refused> {
        let shown = SHOWN.contains(&property);
        let lower = |word: &str| word.to_ascii_lowercase();
        match token {
            Token::QuotedString(text) if shown && text.chars().any(char::is_alphanumeric) => {
                Err(refuse(GENERATED))
            }
            Token::Ident(word) if CSS_WIDE.contains(&lower(word).as_str()) => Ok(()),
            // An unknown word in `content:`, or a word in another shown
            // property that is not one of its keywords (a counter style's
            // name, which may spell anything).
            Token::Ident(word)
                if (property == "content" && !CONTENT_WORDS.contains(&lower(word).as_str()))
                    || (shown
                        && property != "content"
                        // An emphasis mark is a shape or a string, never
                        // a counter style; its words are shapes and colours.
                        && !property.starts_with("text-emphasis")
                        && !SHOWN_KEYWORDS.contains(&lower(word).as_str())) =>
            {
                Err(refuse(GENERATED))
            }
            Token::Ident(word)
                if REVERSE_LETTERS.contains(&property) && lower(word).contains("override") =>
            {
                Err(refuse(REORDERS))
            }
            _ if self.context.keeps_order()
                && (moves(property, token) || offsets(property, token)) =>
            {
                Err(refuse(REORDERS))
            }
            Token::Number { value, .. } if COUNTERS.contains(&property) && value.abs() >= 100.0 => {
                Err(refuse(COUNTER))
            }
            Token::Function(name) => {
                let name = lower(name);
                if shown && matches!(name.as_str(), "var" | "env") {
                    return Err(refuse(VARIABLE));
                }
                if shown && matches!(name.as_str(), "counter" | "counters") {
                    return Err(refuse(GENERATED));
                }
                let attr = shown && name == "attr";
                // A picture's address (`content: url("external.svg")`) is
                // no text shown; it is read as the sheet's text is.
                let address = matches!(
                    name.as_str(),
                    "url" | "src" | "image" | "image-set" | "-webkit-image-set"
                );
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
                            first = false;
                            continue;
                        }
                        first = false;
                        // Inside a function, words are its arguments
                        // (`url(…)`, `rgb(…)`), not shown text.
                        let argument = matches!(token, Token::Ident(_))
                            || (address && matches!(token, Token::QuotedString(_)));
                        if !argument {
                            self.value(inner, property, &token)?;
                        }
                    }
                    Ok(())
                })
            }
            Token::ParenthesisBlock | Token::SquareBracketBlock => {
                parser.parse_nested_block(|inner| {
                    while let Ok(token) = inner.next() {
                        let token = token.clone();
                        self.value(inner, property, &token)?;
                    }
                    Ok(())
                })
            }
            _ => Ok(()),
        }
    }
}

/// Whether a style sheet's `address` is not one of the site's files: it
/// has a scheme or a host, read as a browser reads an address (tabs and
/// line breaks dropped, a backslash a slash: `/\\host` is `//host`). A
/// `data:` address is one too: its text is read where it is written, but
/// its rules would hide or move text where the gate does not apply them
/// (red team, round 10).
pub fn from_elsewhere(address: &str) -> bool {
    let address: String = address
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| {
            if c == '\\' {
                '/'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    address.contains(':') || address.starts_with("//")
}

/// Whether an `@import`'s address (`token`, and a `url(…)`'s contents) is
/// a file of the site (an address without a scheme or host), read as
/// every published file is, and applied with the others.
fn imports_here(token: &Token, parser: &mut Parser) -> bool {
    let here = |address: &str| !from_elsewhere(address);
    match token {
        Token::QuotedString(address) | Token::UnquotedUrl(address) => here(address),
        Token::Function(name) if name.eq_ignore_ascii_case("url") => parser
            .parse_nested_block(|inner| {
                let read = matches!(inner.next(), Ok(Token::QuotedString(a)) if here(a));
                while inner.next().is_ok() {}
                Ok::<bool, Refused>(read)
            })
            .unwrap_or(false),
        _ => false,
    }
}

/// Whether a style sheet shows text in capitals (`text-transform`,
/// small capitals), so that lower-case letters are shown as the capitals
/// of a postcode or an NI number.
pub fn shows_capitals(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    (lower.contains("text-transform")
        && (lower.contains("uppercase") || lower.contains("capitalize")))
        || (lower.contains("font-variant") && lower.contains("caps"))
}

#[cfg(test)]
mod tests;

/// Whether `token`, in `property`'s value, shows boxes in another order
/// or place than they are written: a `-reverse` direction, an `order:`
/// other than 0, or a place elsewhere ([`PLACE_BOXES`]).
pub fn moves(property: &str, token: &Token<'_>) -> bool {
    match token {
        Token::Ident(word) if REORDER_BOXES.contains(&property) => {
            word.to_ascii_lowercase().contains("reverse")
        }
        Token::Number { value, .. } if matches!(property, "order" | "-webkit-order") => {
            *value != 0.0
        }
        _ => places_elsewhere(property, token),
    }
}

/// Properties that move a box from where it is written by an offset.
const OFFSETS: &[&str] = &[
    "left",
    "right",
    "top",
    "bottom",
    "inset",
    "inset-inline",
    "inset-block",
    "inset-inline-start",
    "inset-inline-end",
    "inset-block-start",
    "inset-block-end",
    "transform",
    "translate",
    "rotate",
    "scale",
];

/// Properties whose negative values pull a box over the one before it.
const MARGINS: &[&str] = &[
    "margin",
    "margin-left",
    "margin-right",
    "margin-top",
    "margin-bottom",
    "margin-inline",
    "margin-inline-start",
    "margin-inline-end",
    "margin-block",
    "margin-block-start",
    "margin-block-end",
];

/// Whether `token`, in `property`'s value, may move its box by an offset
/// (`position: relative; left: 4em`, a transform, a negative margin),
/// which shows boxes written apart side by side in another order: any
/// offset or transform but none, and a margin that is negative or worked
/// out (`calc()`, `var()`).
fn offsets(property: &str, token: &Token<'_>) -> bool {
    let offset = OFFSETS.contains(&property);
    if !offset && !MARGINS.contains(&property) {
        return false;
    }
    match token {
        Token::WhiteSpace(_) | Token::Comment(_) | Token::Comma | Token::Delim('/') => false,
        Token::Ident(word) => {
            offset && !matches!(word.to_ascii_lowercase().as_str(), "auto" | "none")
        }
        Token::Number { value, .. } | Token::Dimension { value, .. } => match offset {
            true => *value != 0.0,
            false => *value < 0.0,
        },
        Token::Percentage { unit_value, .. } => match offset {
            true => *unit_value != 0.0,
            false => *unit_value < 0.0,
        },
        _ => true,
    }
}

/// Whether `token`, in `property`'s value, places its box elsewhere than
/// it is written ([`PLACE_BOXES`]).
fn places_elsewhere(property: &str, token: &Token<'_>) -> bool {
    let Some((_, words)) = PLACE_BOXES.iter().find(|(p, _)| *p == property) else {
        return false;
    };
    match token {
        Token::WhiteSpace(_) | Token::Comment(_) => false,
        Token::Ident(word) => {
            let word = word.to_ascii_lowercase();
            match words.is_empty() {
                true => word != "auto",
                false => words.contains(&word.as_str()),
            }
        }
        // A grid's line number, span or slash.
        _ => words.is_empty(),
    }
}
