//! What the style sheets give custom properties (`--paper: #fdfdfb`) and
//! the page as its background, so that a value written with `var()` is
//! read as each value it may take (`color: var(--paper)` is the page's
//! colour), and text is held to the page's own background, not only to
//! white.
//!
//! Every value a custom property is given anywhere is taken as one it may
//! have anywhere (a property set on one element is seen by those inside
//! it): more values than the page uses only means more is read as may be
//! hidden. Values are compared as cssparser writes them back, so a name
//! written with escapes (`v\61r(`) is found too.

use super::colour::{self, Rgb};
use cssparser::{Parser, ToCss, Token};
use std::collections::{BTreeMap, BTreeSet};

/// How many ways one value may read with its `var()`s replaced before the
/// gate takes it that it may hide its element (fail closed).
const VARIANTS: usize = 64;
/// How deep `var()`s may stand in the values of others.
const DEPTH: usize = 8;

/// The custom properties' values and the page's backgrounds, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Palette {
    custom: BTreeMap<String, BTreeSet<String>>,
    page: BTreeSet<String>,
}

impl Palette {
    /// Notes a declaration of `property` (lower case) with `value`, in a
    /// rule that may select the page (`html`, `body`, `:root`, any
    /// element) when `page`.
    pub(super) fn give(&mut self, property: &str, value: &str, page: bool) {
        if property.starts_with("--") {
            let values = self.custom.entry(property.to_string()).or_default();
            values.insert(normalised(value));
        } else if page && matches!(property, "background" | "background-color") {
            self.page.insert(normalised(value));
        }
    }

    /// Whether everything `other` gives is given here already.
    pub fn holds(&self, other: &Palette) -> bool {
        other.page.is_subset(&self.page)
            && (other.custom.iter())
                .all(|(name, values)| self.custom.get(name).is_some_and(|v| values.is_subset(v)))
    }

    /// Whether `value` (as written) has a `var()` in it.
    pub(super) fn uses(value: &str) -> bool {
        may_use(value) && first_var(&normalised(value)).is_some()
    }

    /// Each way `value` may read with every `var()` in it replaced by a
    /// value its custom property is given, or by its fallback; a property
    /// given nowhere, with no fallback, makes the declaration void (it is
    /// then as if not written). `None` past [`VARIANTS`] ways, or past
    /// [`DEPTH`] of `var()`s in values: the gate cannot work it out.
    pub(super) fn variants(&self, value: &str) -> Option<Vec<String>> {
        let mut done = Vec::new();
        let mut todo = vec![(normalised(value), 0)];
        while let Some((text, depth)) = todo.pop() {
            let Some(var) = first_var(&text) else {
                done.push(text.trim().to_string());
                continue;
            };
            if depth >= DEPTH {
                return None;
            }
            let Var { start, end, .. } = var;
            let given = self.custom.get(&var.name).into_iter().flatten();
            for value in given.map(String::as_str).chain(var.fallback) {
                todo.push((
                    format!("{} {value} {}", &text[..start], &text[end..]),
                    depth + 1,
                ));
            }
            if done.len() + todo.len() > VARIANTS {
                return None;
            }
        }
        Some(done)
    }

    /// The colours the page's background may be: white (a browser's own),
    /// and each the style sheets give it. `None` where a background's
    /// `var()`s cannot be worked out.
    pub(super) fn page_colours(&self) -> Option<Vec<Rgb>> {
        let mut colours = vec![[255.0; 3]];
        for value in &self.page {
            for value in self.variants(value)? {
                colours.extend(colour::colours_in(&value));
            }
        }
        Some(colours)
    }
}

/// Whether `value` may have a `var()` in it, as [`normalised`] writes it:
/// only where `var(` is written in it, in any case, or an escape (`\61`)
/// may make one (comments become spaces, which join nothing). Most
/// declarations have neither, and are not read again.
fn may_use(value: &str) -> bool {
    value.contains('\\')
        || value
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"var("))
}

/// A `var()` in a value: where it is, the property it names and its
/// fallback.
struct Var<'t> {
    start: usize,
    end: usize,
    name: String,
    fallback: Option<&'t str>,
}

/// The first `var(` in `text` (as [`normalised`] writes it), if any, with
/// its closing bracket; one without (cut short) is taken as naming a
/// property given nowhere.
fn first_var(text: &str) -> Option<Var<'_>> {
    let lower = text.to_ascii_lowercase();
    let start = (lower.match_indices("var(")).map(|(i, _)| i).find(|&i| {
        !(lower[..i].chars().next_back())
            .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
    })?;
    let open = start + "var(".len();
    let (mut depth, mut comma, mut end) = (0usize, None, text.len());
    for (i, c) in text[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = open + i + 1;
                break;
            }
            ')' => depth -= 1,
            ',' if depth == 0 && comma.is_none() => comma = Some(open + i),
            _ => {}
        }
    }
    let close = if end == text.len() && !text.ends_with(')') {
        text.len()
    } else {
        end - 1
    };
    let name_end = comma.unwrap_or(close);
    Some(Var {
        start,
        end,
        name: text[open..name_end].trim().to_ascii_lowercase(),
        fallback: comma.map(|c| text[c + 1..close].trim()),
    })
}

/// `value` as cssparser reads and writes it back: escapes decoded where
/// they are not needed (`v\61r(` is `var(`), comments gone.
fn normalised(value: &str) -> String {
    let mut out = String::new();
    write(&mut Parser::new(value), &mut out);
    out.trim().to_string()
}

fn write(parser: &mut Parser, out: &mut String) {
    while let Ok(token) = parser.next_including_whitespace_and_comments().cloned() {
        let closing = match &token {
            Token::Comment(_) => {
                out.push(' ');
                continue;
            }
            Token::Function(_) | Token::ParenthesisBlock => Some(')'),
            Token::SquareBracketBlock => Some(']'),
            Token::CurlyBracketBlock => Some('}'),
            _ => None,
        };
        let _ = token.to_css(out);
        if let Some(closing) = closing {
            let _ = parser.parse_nested_block(|inner| {
                write(inner, out);
                Ok::<(), cssparser::ParseError<()>>(())
            });
            out.push(closing);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn palette(pairs: &[(&str, &str)]) -> Palette {
        let mut palette = Palette::default();
        for (name, value) in pairs {
            palette.give(name, value, false);
        }
        palette
    }

    #[test]
    fn values_are_read_with_each_value_their_properties_are_given() {
        let p = palette(&[("--a", "#fff"), ("--a", "#111"), ("--b", "var(--a)")]);
        let mut ways = p.variants("var(--b) ").unwrap();
        ways.sort();
        assert_eq!(ways, ["#111", "#fff"]);
        // A fallback is one more way; a property given nowhere is none.
        let mut ways = p.variants("var(--c, red)").unwrap();
        ways.sort();
        assert_eq!(ways, ["red"]);
        assert_eq!(p.variants("var(--c)").unwrap(), Vec::<String>::new());
        // Escapes and comments do not hide a `var()`.
        assert_eq!(p.variants("v\\61r(/**/--b)").unwrap().len(), 2);
        assert!(Palette::uses("V\\41R(--x)"));
        assert!(!Palette::uses("somevar(--x)"));
    }

    proptest::proptest! {
        /// The quick look never passes over a value the whole reading
        /// finds a `var()` in.
        #[test]
        fn the_quick_look_misses_no_var(value in r#"[vVaArR(\\/*61 \-x)"']{0,24}"#) {
            let found = first_var(&normalised(&value)).is_some();
            proptest::prop_assert!(!found || may_use(&value), "{value:?}");
        }
    }

    #[test]
    fn too_many_ways_or_too_deep_cannot_be_worked_out() {
        let mut pairs = Vec::new();
        let values: Vec<String> = (0..10).map(|i| format!("#{i}{i}{i}")).collect();
        for value in &values {
            pairs.push(("--a", value.as_str()));
        }
        let p = palette(&pairs);
        assert_eq!(p.variants("var(--a) var(--a)"), None);
        let p = palette(&[("--a", "var(--a)")]);
        assert_eq!(p.variants("var(--a)"), None);
    }

    #[test]
    fn the_page_is_white_and_what_the_sheets_give_it() {
        let mut p = palette(&[("--paper", "#111")]);
        p.give("background", "var(--paper)", true);
        p.give("background", "#222", false);
        assert_eq!(p.page_colours().unwrap(), [[255.0; 3], [17.0, 17.0, 17.0]]);
    }
}
