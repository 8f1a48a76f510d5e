//! What the YAML reader reports badly, said in a researcher's words: a
//! control character (no line), a number too large to hold (serde's
//! types), a file that is not `key: value` lines (another file's example),
//! and where a value is in the identifiers list (whose keys may be real
//! names). Each was a misleading message (#case-12, #case-04).

use super::{ReadError, Schema, Yaml, field_of, path_text, strip_location};
use crate::diag::Diagnostic;
use std::ops::Range;

impl Yaml<'_> {
    /// A character YAML does not allow (a NUL, say), which the reader
    /// reports with no line: found here, and pointed at (#case-12.6).
    pub(super) fn control_character(&self, error: &serde_yaml::Error) -> Diagnostic {
        let found = self
            .text
            .char_indices()
            .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'));
        let (span, what) = match found {
            Some((at, c)) => (
                self.span(at..at + c.len_utf8()),
                format!("an invisible control character (U+{:04X})", c as u32),
            ),
            None => (
                self.error_span(error),
                "an invisible control character".into(),
            ),
        };
        Diagnostic::error(
            "yaml::syntax",
            format!("this YAML cannot be read: it holds {what}, which YAML does not allow"),
        )
        .at(span)
        .label("this character")
        .fix("delete the character (most editors do not show it: delete the text around it and type it again)")
    }

    /// Where a whole number too large for the reader to hold is in `text`
    /// (this text, perhaps with such numbers already written over), when
    /// that is what `error` says: its digits.
    pub(super) fn too_large_at(
        &self,
        text: &str,
        error: &serde_yaml::Error,
    ) -> Option<Range<usize>> {
        let said = strip_location(&error.to_string());
        let number = too_large(&said)?;
        let at = error
            .location()
            .map(|l| l.index())
            .filter(|&at| text.get(at..).is_some_and(|t| t.starts_with(number)))
            .or_else(|| text.find(number))?;
        let digits = &text[at..at + number.len()];
        let is_number = !number.is_empty()
            && digits
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'-' || b == b'+');
        is_number.then_some(at..at + number.len())
    }

    /// A whole number too large for any setting, which the reader cannot
    /// hold (#case-12.3: it was "integer as u128, expected any YAML value").
    /// The setting is named when its key is on the number's line (a key
    /// of the identifiers list may be a real name: never).
    pub(super) fn too_large(&self, digits: Range<usize>) -> Diagnostic {
        let key = match self.private() {
            true => None,
            false => key_path(self.text, digits.start),
        };
        let message = match key {
            Some(key) => format!("`{key}` is too large a number to read"),
            None => "this number is too large to read".into(),
        };
        Diagnostic::error("yaml::invalid-value", message)
            .at(self.span(digits))
            .label("too large")
            .fix("write a smaller number (every setting that takes a number needs far fewer digits), or put the text in quotes if it is not a number")
    }

    /// Where a value is, as a message names it (`anonymity.k`, `codes[1]`),
    /// and its field. In the identifiers list, a key below the top may be
    /// a real name: it is named `…` (`replace.…`), and the field is the
    /// one at the top.
    pub(super) fn place<'e>(&self, error: &'e ReadError) -> (String, &'e str) {
        use serde_path_to_error::Segment;
        if !self.private() {
            return (path_text(error.path()), field_of(error.path()));
        }
        let (mut path, mut field) = (String::new(), "");
        for segment in error.path().iter() {
            match segment {
                Segment::Map { key } if path.is_empty() => {
                    path.push_str(key);
                    field = key;
                }
                Segment::Map { .. } => path.push_str(".…"),
                Segment::Seq { index } => path.push_str(&format!("[{index}]")),
                _ => {}
            }
        }
        (path, field)
    }
}

/// How to write a file of `schema` as `key: value` lines, with an example
/// of its own (#case-12.7: the identifiers list was given a finding's).
pub(super) fn one_field_per_line(schema: &Schema) -> String {
    if schema.fields.contains(&"title") {
        return "write one field per line, such as `title: Co-location without collaboration`"
            .into();
    }
    let fields: Vec<String> = schema.fields.iter().map(|f| format!("`{f}:`")).collect();
    format!(
        "write one field per line, each followed by its value; the fields of {} are {}",
        schema.what,
        fields.join(", ")
    )
}

/// The digits of a whole number too large for the reader to hold, from
/// its message (`invalid type: integer `99…9` as u128`).
fn too_large(said: &str) -> Option<&str> {
    let (_, rest) = said.split_once("invalid type: integer `")?;
    let (number, rest) = rest.split_once('`')?;
    (rest.starts_with(" as u128") || rest.starts_with(" as i128")).then_some(number)
}

/// serde's message without the keys it starts with (`replace.Some Name: `).
pub(super) fn without_path(said: &str) -> &str {
    const STARTS: [&str; 6] = [
        "invalid type",
        "invalid value",
        "invalid length",
        "duplicate entry",
        "unknown variant",
        "unknown field",
    ];
    STARTS
        .iter()
        .filter_map(|start| said.find(start))
        .min()
        .map_or(said, |at| &said[at..])
}

/// The dotted key (`anonymity.k`) of a value at `at` written in block
/// style as `key: value`, found from the keys less indented above it;
/// `None` for any other shape (a list item, a flow mapping), where the
/// message does without it.
fn key_path(text: &str, at: usize) -> Option<String> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[start..at];
    let key = before.trim_end().strip_suffix(':')?.trim();
    let simple = |key: &str| {
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    };
    if !simple(key) {
        return None;
    }
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let mut keys = vec![key];
    let mut width = indent(before);
    for line in text[..start].lines().rev() {
        let content = line.trim();
        if width == 0 {
            break;
        }
        if content.is_empty() || content.starts_with('#') || indent(line) >= width {
            continue;
        }
        let parent = content.strip_suffix(':').filter(|k| simple(k))?;
        keys.push(parent);
        width = indent(line);
    }
    (width == 0).then(|| keys.into_iter().rev().collect::<Vec<_>>().join("."))
}

#[cfg(test)]
mod tests {
    use super::key_path;

    #[test]
    fn a_key_is_named_with_the_keys_above_it() {
        let text = "title: T\nanonymity:\n  # the threshold\n\n  k: 99\n";
        assert_eq!(
            key_path(text, text.find("99").unwrap()).as_deref(),
            Some("anonymity.k")
        );
        assert_eq!(key_path("k: 99", 3).as_deref(), Some("k"));
        // A list item or a flow mapping is not named.
        assert_eq!(key_path("a:\n  - 99", 9), None);
        assert_eq!(key_path("a: {k: 99}", 7), None);
    }
}
