//! What a style sheet may do to the elements it selects, as far as the
//! gate's reading of lines depends on it: hide them (`display: none`, a
//! clip, a size of nothing, moved far off the page), or lay out a table
//! cell as something else (`display: inline`, a float), so that numbers in
//! neighbouring cells read as one.
//!
//! Selectors are not matched: every word of a rule's selector is taken as
//! a name it may select (more names than needed only means more text is
//! also read both ways). A selector whose subject names nothing
//! (`:first-child`, `p > *`, `:nth-child(2)`) may select any element, and
//! is kept as [`ANY`].

use super::Refused;
use crate::hash::FastSet;
use cssparser::{Parser, Token};

/// The name that stands for every element: a rule whose selector's subject
/// names no element, class, id or attribute.
pub const ANY: &str = "*";

/// The names the rules of style sheets may hide or lay out anew.
#[derive(Debug, Default, Clone)]
pub struct Effects {
    /// Names whose elements a rule may hide.
    pub hiding: FastSet<String>,
    /// Names whose elements a rule gives a `display` or `float` of its own
    /// (a table cell so styled may be no cell at all).
    pub reshaping: FastSet<String>,
}

impl Effects {
    /// Adds what the rules of `css` may do.
    pub fn read(&mut self, css: &str) {
        let mut parser = Parser::new(css);
        block(&mut parser, self);
    }

    /// Whether an element of tag `name` with `attributes` may be hidden.
    pub fn hides<'a>(
        &self,
        name: &str,
        attributes: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> bool {
        selects(&self.hiding, name, attributes)
    }

    /// Whether an element of tag `name` with `attributes` may be laid out
    /// anew.
    pub fn reshapes<'a>(
        &self,
        name: &str,
        attributes: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> bool {
        selects(&self.reshaping, name, attributes)
    }

    /// Whether every name of `other` is here already.
    pub fn holds(&self, other: &Effects) -> bool {
        other.hiding.is_subset(&self.hiding) && other.reshaping.is_subset(&self.reshaping)
    }

    pub fn extend(&mut self, other: Effects) {
        self.hiding.extend(other.hiding);
        self.reshaping.extend(other.reshaping);
    }
}

/// Whether a rule naming `names` may select the element: any element, or
/// one of its tag, classes, id or attribute names is named.
fn selects<'a>(
    names: &FastSet<String>,
    tag: &str,
    mut attributes: impl Iterator<Item = (&'a str, &'a str)>,
) -> bool {
    names.contains(ANY)
        || names.contains(tag)
        || attributes.any(|(attribute, value)| match attribute {
            "class" => value.split_whitespace().any(|c| names.contains(c)),
            "id" => names.contains(value.trim()),
            other => names.contains(other),
        })
}

/// Whether a `style` attribute's declarations may hide its element.
pub fn hides_its_element(declarations: &str) -> bool {
    let mut parser = Parser::new(declarations);
    block(&mut parser, &mut Effects::default()).hides
}

/// Whether a `style` attribute's declarations may lay its element out
/// anew.
pub fn reshapes_its_element(declarations: &str) -> bool {
    let mut parser = Parser::new(declarations);
    block(&mut parser, &mut Effects::default()).reshapes
}

/// What a block's own declarations do.
#[derive(Default)]
struct Does {
    hides: bool,
    reshapes: bool,
}

/// Reads a block (a sheet, a rule's declarations, an `@media` block) into
/// `effects`: each nested rule's names, under what its declarations do;
/// returns what the block's own declarations do.
fn block<'i>(parser: &mut Parser<'i>, effects: &mut Effects) -> Does {
    let mut does = Does::default();
    let mut item: Item<'i> = Item::default();
    while let Ok(token) = parser.next_including_whitespace_and_comments().cloned() {
        match token {
            Token::Semicolon => {
                item.declaration(&mut does);
                item = Item::default();
            }
            Token::CurlyBracketBlock => {
                let inner = parser
                    .parse_nested_block(|inner| Ok::<Does, Refused>(block(inner, effects)))
                    .unwrap_or_default();
                let names = item.selected();
                if inner.hides {
                    effects.hiding.extend(names.iter().cloned());
                }
                if inner.reshapes {
                    effects.reshaping.extend(names);
                }
                item = Item::default();
            }
            Token::SquareBracketBlock | Token::ParenthesisBlock | Token::Function(_) => {
                let _ = parser.parse_nested_block(|inner| {
                    words(inner, &mut item.inner);
                    Ok::<(), Refused>(())
                });
                item.tokens.push(token);
            }
            token => item.tokens.push(token),
        }
    }
    item.declaration(&mut does);
    does
}

/// The tokens of a declaration or of a rule's prelude, read so far, with
/// the words inside its brackets and functions.
#[derive(Default)]
struct Item<'i> {
    tokens: Vec<Token<'i>>,
    inner: Vec<String>,
}

impl Item<'_> {
    /// Reads the item as a declaration (`property: value`).
    fn declaration(&self, does: &mut Does) {
        let mut tokens = self
            .tokens
            .iter()
            .filter(|t| !matches!(t, Token::WhiteSpace(_) | Token::Comment(_)));
        let (Some(Token::Ident(property)), Some(Token::Colon)) = (tokens.next(), tokens.next())
        else {
            return;
        };
        let property = property.to_ascii_lowercase();
        for token in tokens {
            does.hides |= hiding(&property, token);
            does.reshapes |= reshaping(&property, token);
        }
    }

    /// The names a rule with this prelude may select: every word of it,
    /// and [`ANY`] when a selector's subject names nothing. An at-rule's
    /// prelude (`@media print`) selects nothing.
    fn selected(&self) -> Vec<String> {
        if matches!(self.tokens.first(), Some(Token::AtKeyword(_))) {
            return Vec::new();
        }
        let mut names: Vec<String> = self.inner.clone();
        // Whether the compound selector being read names something, and
        // whether a combinator may start the next one.
        let mut named = false;
        let mut space = false;
        let mut after_colon = false;
        let mut any = false;
        for token in &self.tokens {
            let starts_compound = matches!(
                token,
                Token::Ident(_)
                    | Token::IDHash(_)
                    | Token::Hash(_)
                    | Token::Colon
                    | Token::SquareBracketBlock
                    | Token::Function(_)
                    | Token::Delim('.' | '*' | '&')
            );
            if space && starts_compound {
                named = false;
            }
            space = false;
            match token {
                Token::WhiteSpace(_) | Token::Comment(_) => space = true,
                Token::Delim('>' | '+' | '~') => named = false,
                Token::Comma => {
                    any |= !named;
                    named = false;
                }
                Token::Ident(name) => {
                    names.push(name.to_string());
                    named |= !after_colon;
                }
                Token::IDHash(name) | Token::Hash(name) => {
                    names.push(name.to_string());
                    named = true;
                }
                Token::SquareBracketBlock => named = true,
                // `&` stands for the rule it is nested in, which is read
                // with its own names.
                Token::Delim('&') => named = true,
                _ => {}
            }
            after_colon = matches!(token, Token::Colon);
        }
        any |= !named;
        if any {
            names.push(ANY.to_string());
        }
        // Element and attribute names are matched without case (`TD`).
        let lower: Vec<String> = names
            .iter()
            .map(|n| n.to_ascii_lowercase())
            .filter(|n| !names.contains(n))
            .collect();
        names.extend(lower);
        names
    }
}

/// Every word inside a selector's brackets or functions.
fn words(parser: &mut Parser, words: &mut Vec<String>) {
    while let Ok(token) = parser.next() {
        match token.clone() {
            Token::Ident(name) | Token::IDHash(name) | Token::Hash(name) => {
                words.push(name.to_string())
            }
            Token::SquareBracketBlock | Token::ParenthesisBlock | Token::Function(_) => {
                let _ = parser.parse_nested_block(|inner| {
                    self::words(inner, words);
                    Ok::<(), Refused>(())
                });
            }
            _ => {}
        }
    }
}

/// Whether `token` in `property`'s value may lay a table cell out as
/// something else: any `display` but a cell's own, any float.
fn reshaping(property: &str, token: &Token) -> bool {
    let Token::Ident(value) = token else {
        return false;
    };
    match property {
        "display" => {
            !value.eq_ignore_ascii_case("table-cell") && !value.eq_ignore_ascii_case("none")
        }
        "float" => !value.eq_ignore_ascii_case("none"),
        _ => false,
    }
}

/// Whether `token` in `property`'s value may hide an element's text.
fn hiding(property: &str, token: &Token) -> bool {
    let word = |w: &str| matches!(token, Token::Ident(i) if i.eq_ignore_ascii_case(w));
    let number = match token {
        Token::Number { value, .. }
        | Token::Dimension { value, .. }
        | Token::Percentage {
            unit_value: value, ..
        } => Some(*value),
        _ => None,
    };
    match property {
        "display" => word("none"),
        "visibility" => word("hidden") || word("collapse"),
        "content-visibility" => word("hidden"),
        "opacity" | "max-width" | "max-height" | "line-height" => number == Some(0.0),
        // A size of less than a pixel, in any unit (`font: 0/0 a`, `.01px`).
        "font-size" | "font" => number.is_some_and(|n| n.abs() < 1.0),
        "width" | "height" => number.is_some_and(|n| n <= 1.0),
        "clip" | "clip-path" => !(word("auto") || word("none")),
        "color" | "-webkit-text-fill-color" => word("transparent"),
        // Far off the page, in any unit (`-9999px`, `-99em`).
        "text-indent" | "left" | "top" | "right" | "bottom" | "margin-left" | "margin-top"
        | "inset" | "inset-inline-start" | "inset-block-start" => {
            number.is_some_and(|n| n <= -10.0)
        }
        "transform" | "translate" | "scale" => {
            number.is_some()
                || matches!(token, Token::Function(f)
                    if ["scale", "translate", "matrix"]
                        .iter()
                        .any(|t| f.to_ascii_lowercase().starts_with(t)))
        }
        _ => false,
    }
}
