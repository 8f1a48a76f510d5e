//! serde's account of a value of the wrong kind, in a researcher's words:
//! at `anonymity.k`, `invalid type: string "three", expected i64` becomes
//! "`anonymity.k` must be a whole number, not the text \"three\"", with a
//! fix. Where the value is comes from serde_path_to_error, as a path of
//! keys and list items; what was wrong with it serde_yaml gives only as
//! text (serde's standard wording), so that is read from the text.

use super::closest;
use serde_path_to_error::{Path, Segment};
use serde_yaml::Value;

/// A value that could not be read, and where it is.
pub(super) type ReadError = serde_path_to_error::Error<serde_yaml::Error>;

/// Reads `text` into `T`, saying where the first value that could not be
/// read is.
pub(super) fn from_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ReadError> {
    serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text))
}

/// The path of a value as a researcher reads it (`anonymity.k`,
/// `codes[1]`), or "" at the top of the file.
pub(super) fn path_text(path: &Path) -> String {
    match path.iter().next() {
        Some(_) => path.to_string(),
        None => String::new(),
    }
}

/// What serde says was wrong, without the path (which it writes first)
/// or the line.
pub(super) fn detail(error: &ReadError) -> String {
    let message = strip_location(&error.inner().to_string());
    let path = path_text(error.path());
    match message.strip_prefix(&format!("{path}: ")) {
        Some(detail) if !path.is_empty() => detail.to_string(),
        _ => message,
    }
}

pub(super) fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The field missing from the top of the file, if that is what `detail`
/// (about the value at `path`) says. (One missing inside a mapping is
/// explained as that mapping's wrong form.)
pub(super) fn missing_field<'d>(path: &str, detail: &'d str) -> Option<&'d str> {
    let rest = detail.strip_prefix("missing field `")?;
    rest.split('`').next().filter(|_| path.is_empty())
}

/// The message and fix for `detail` (serde's words) about the value at
/// `path` (as [`path_text`] gives it), whose field is `field`.
pub(super) fn explain_value_error(
    path: &str,
    field: &str,
    detail: &str,
    what: &str,
) -> (String, String) {
    if let Some(field) = missing_field(path, detail) {
        return (
            format!("{what} needs a `{field}:` field"),
            format!("add a `{field}:` line to the front matter"),
        );
    }
    let subject = match path {
        "" => "this value".to_string(),
        path => format!("`{path}`"),
    };
    if let Some(rest) = detail.strip_prefix("unknown variant ") {
        let (given, allowed) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let words: Vec<&str> = allowed
            .trim_start_matches("one of ")
            .split(['`', ',', ' '])
            .filter(|w| !w.is_empty() && *w != "or")
            .collect();
        let fix = match closest(given.trim_matches('`'), &words) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("write {allowed}"),
        };
        return (format!("{subject} must be {allowed}, not {given}"), fix);
    }
    let Some(rest) = detail.strip_prefix("invalid type: ") else {
        return (
            format!("{subject} has the wrong form: {detail}"),
            "check the format reference in docs/content-format.md for this field".into(),
        );
    };
    let (given, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let (expected, fix) = match expected {
        "a sequence" => (
            "a list".to_string(),
            format!(
                "write a list in brackets, such as `{field}: [first, second]`, or one item per line after `{field}:`, each starting with `- `"
            ),
        ),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => (
            "a whole number".to_string(),
            format!("write the number in digits, such as `{field}: 3`"),
        ),
        "f32" | "f64" => (
            "a number".to_string(),
            format!("write the number in digits, such as `{field}: 1.5`"),
        ),
        "a string" => (
            "text".to_string(),
            format!(
                "write the text after `{field}:`, in quotes if it begins with `[`, `{{` or `-` or holds `: ` or ` #`"
            ),
        ),
        "a boolean" => (
            "true or false".to_string(),
            format!("write `{field}: true` or `{field}: false`"),
        ),
        // What serde expects of a value chosen from a few words (an enum)
        // given a list or a mapping: it means the YAML tag `!a4`, which no
        // one writes (#case-12.4).
        other if other.starts_with("a YAML tag") => (
            "one word".to_string(),
            format!(
                "write one of the values `{field}` allows after `{field}:`, on the same line and without brackets (docs/content-format.md lists them)"
            ),
        ),
        other if other == "a map" || other.starts_with("struct ") => (
            "`name: value` lines".to_string(),
            format!(
                "write the settings on the lines under `{field}:`, indented, one `name: value` on each"
            ),
        ),
        other => (
            other.to_string(),
            "check the format reference in docs/content-format.md for this field".to_string(),
        ),
    };
    (
        format!("{subject} must be {expected}, not {}", described(given)),
        fix,
    )
}

/// The field of a path as it is written: `k` of `anonymity.k`, `codes` of
/// `codes[1]`.
pub(super) fn field_of(path: &Path) -> &str {
    let mut keys = path.iter().filter_map(|segment| match segment {
        Segment::Map { key } => Some(key.as_str()),
        _ => None,
    });
    keys.next_back().unwrap_or("")
}

/// The value as written in the file, from serde's account of it
/// (`invalid type: string "three", expected i64` gives `three`), or "" when
/// it cannot tell.
pub(super) fn written(detail: &str) -> &str {
    if let Some(rest) = detail.strip_prefix("unknown variant `") {
        return rest.split('`').next().unwrap_or("");
    }
    let given = detail
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
        .map_or("", |(given, _)| given);
    let given = given
        .strip_prefix("string ")
        .or_else(|| given.strip_prefix("integer "))
        .or_else(|| given.strip_prefix("floating point "))
        .or_else(|| given.strip_prefix("boolean "))
        .unwrap_or("");
    given.trim_matches(['"', '`'])
}

/// Removes the field at `path` (`anonymity.k`; the whole list for
/// `codes[1]`) from a tree. False when there is no such field.
pub(super) fn leave_out(tree: &mut Value, path: &Path) -> bool {
    let keys: Vec<&str> = path
        .iter()
        .map_while(|segment| match segment {
            Segment::Map { key } => Some(key.as_str()),
            _ => None,
        })
        .collect();
    let Some((last, parents)) = keys.split_last() else {
        return false;
    };
    let mut at = tree;
    for key in parents {
        match at.get_mut(*key) {
            Some(inner) => at = inner,
            None => return false,
        }
    }
    at.as_mapping_mut()
        .and_then(|map| map.remove(*last))
        .is_some()
}

/// What serde says a value was, in a researcher's words.
fn described(given: &str) -> String {
    let quoted = |rest: &str| rest.trim_matches('`').to_string();
    if let Some(text) = given.strip_prefix("string ") {
        return format!("the text {text}");
    }
    for number in ["integer ", "floating point "] {
        if let Some(rest) = given.strip_prefix(number) {
            return format!("the number {}", quoted(rest));
        }
    }
    match given {
        "sequence" => "a list".to_string(),
        "map" => "`name: value` lines".to_string(),
        "unit value" => "nothing".to_string(),
        other => match other.strip_prefix("boolean ") {
            Some(rest) => quoted(rest),
            None => other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_values_are_explained_in_a_researchers_words() {
        // As serde_yaml writes them: the path, then what was wrong.
        let explained = |message: &str| {
            let (path, detail) = message.split_once(": ").unwrap();
            let field = path.rsplit('.').next().unwrap().split('[').next().unwrap();
            explain_value_error(path, field, detail, "a finding")
        };
        let cases = [
            (
                r#"codes: invalid type: string "abc", expected a sequence"#,
                r#"`codes` must be a list, not the text "abc""#,
                "write a list in brackets, such as `codes: [first, second]`",
            ),
            (
                r#"anonymity.k: invalid type: string "three", expected i64"#,
                r#"`anonymity.k` must be a whole number, not the text "three""#,
                "write the number in digits, such as `k: 3`",
            ),
            (
                "order: invalid type: floating point `1.5`, expected i64",
                "`order` must be a whole number, not the number 1.5",
                "such as `order: 3`",
            ),
            (
                "title: invalid type: sequence, expected a string",
                "`title` must be text, not a list",
                "write the text after `title:`",
            ),
            (
                "codes[1]: invalid type: sequence, expected a string",
                "`codes[1]` must be text, not a list",
                "after `codes:`",
            ),
            (
                r#"draft: invalid type: string "maybe", expected a boolean"#,
                r#"`draft` must be true or false, not the text "maybe""#,
                "write `draft: true` or `draft: false`",
            ),
            (
                "anonymity: invalid type: integer `5`, expected struct RawAnonymity",
                "`anonymity` must be `name: value` lines, not the number 5",
                "indented, one `name: value` on each",
            ),
            (
                "paper: invalid type: sequence, expected a YAML tag starting with '!'",
                "`paper` must be one word, not a list",
                "write one of the values `paper` allows after `paper:`, on the same line",
            ),
            (
                "status: unknown variant `fnal`, expected `draft` or `final`",
                "`status` must be `draft` or `final`, not `fnal`",
                "did you mean `final`?",
            ),
            (
                "source: unknown variant `chat`, expected one of `interview`, `focus-group`, `document`",
                "`source` must be one of `interview`, `focus-group`, `document`, not `chat`",
                "write one of `interview`, `focus-group`, `document`",
            ),
        ];
        for (serde_says, message, fix) in cases {
            let (got_message, got_fix) = explained(serde_says);
            assert_eq!(got_message, message, "{serde_says}");
            assert!(got_fix.contains(fix), "{serde_says}: {got_fix}");
            assert!(!got_message.contains("i64") && !got_message.contains("struct"));
        }
    }
}
