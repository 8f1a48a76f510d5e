//! Reading YAML (front matter, `participants.yaml`, `evalsite.yaml`) into typed
//! values with diagnostics that point into the original file: syntax errors,
//! every unknown field with a suggested spelling, wrong types and missing
//! fields. Also finds where a key or value sits, for later stages' messages.
//! Does not know what any field means.

use crate::diag::Diagnostic;
use crate::source::{FileId, SourceFile, Span};
use serde::de::DeserializeOwned;
use serde_yaml::Value;
use std::ops::Range;

mod depth;
pub use depth::MAX_FLOW_DEPTH;

/// The fields one kind of file may have, for the unknown-field check.
pub struct Schema {
    /// What the file is, in a researcher's words: "a finding".
    pub what: &'static str,
    pub fields: &'static [&'static str],
    /// Fields whose value is a mapping, or a list of mappings, with their own fields.
    pub nested: &'static [(&'static str, &'static [&'static str])],
}

/// A YAML text inside a source file.
#[derive(Clone, Copy)]
pub struct Yaml<'a> {
    pub file: FileId,
    pub source: &'a SourceFile,
    pub offset: usize,
    pub text: &'a str,
}

impl<'a> Yaml<'a> {
    pub fn new(file: FileId, source: &'a SourceFile, range: Range<usize>) -> Yaml<'a> {
        Yaml {
            file,
            source,
            offset: range.start,
            text: &source.text[range],
        }
    }

    fn span(&self, range: Range<usize>) -> Span {
        Span::new(
            self.file,
            self.offset + range.start..self.offset + range.end,
        )
    }

    /// Span of the front matter's first line, for problems with no better place.
    pub fn start_span(&self) -> Span {
        let end = self.text.find('\n').unwrap_or(self.text.len());
        self.span(0..end.min(self.text.len()))
    }

    fn error_span(&self, error: &serde_yaml::Error) -> Span {
        match error.location() {
            Some(location) => {
                let index = location.index().min(self.text.len());
                let end = self.text[index..]
                    .find(['\n', ',', ']', '}'])
                    .map_or(self.text.len(), |i| index + i);
                self.span(index..end.max(index))
            }
            None => self.start_span(),
        }
    }

    /// The first tab in a line's indentation, up to the line where reading
    /// stopped (a tab there is what YAML's "cannot start any token" means).
    fn indenting_tab(&self, error: &serde_yaml::Error) -> Option<usize> {
        let stop = error.location().map_or(self.text.len(), |l| l.index());
        let stop = stop.min(self.text.len());
        let end = self.text[stop..]
            .find('\n')
            .map_or(self.text.len(), |i| stop + i);
        let mut start = 0;
        for line in self.text[..end].split_inclusive('\n') {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            if let Some(tab) = line[..indent].find('\t') {
                return Some(start + tab);
            }
            start += line.len();
        }
        None
    }

    /// Where `key:` is written (the first time), as a span over the key.
    pub fn key_span(&self, key: &str) -> Option<Span> {
        find_key(self.text, key, 0).map(|r| self.span(r))
    }

    /// Where `value` is written as the value (or an item of the list) of `key`,
    /// falling back to the key itself and then to the first line.
    pub fn value_span(&self, key: &str, value: &str) -> Span {
        self.value_span_nth(key, value, 0)
    }

    /// Like [`Yaml::value_span`], for the `nth` time `key` is written (a list of mappings).
    pub fn value_span_nth(&self, key: &str, value: &str, nth: usize) -> Span {
        let mut from = 0;
        let mut key_ranges = Vec::new();
        while let Some(range) = find_key(self.text, key, from) {
            from = range.end;
            key_ranges.push(range);
        }
        let ordered = key_ranges
            .get(nth)
            .into_iter()
            .chain(key_ranges.iter())
            .cloned();
        for key_range in ordered.clone() {
            if let Some(found) = find_value_after(self.text, key_range.end, value) {
                return self.span(found);
            }
        }
        key_ranges
            .first()
            .map(|r| self.span(r.clone()))
            .unwrap_or_else(|| self.start_span())
    }

    /// Parses into `T`, reporting every problem. `None` when the value cannot be used.
    pub fn parse<T: DeserializeOwned>(
        &self,
        schema: &Schema,
        out: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        match self.read(schema, out)? {
            (parsed, true) => Some(parsed),
            (_, false) => None,
        }
    }

    /// Parses into `T`, reporting every problem: with `true` when there was
    /// none, with `false` when only values of the wrong kind were wrong and
    /// `T` is what the rest gives (those fields left out); `None` when the
    /// text cannot be read or a field is missing.
    pub fn read<T: DeserializeOwned>(
        &self,
        schema: &Schema,
        out: &mut Vec<Diagnostic>,
    ) -> Option<(T, bool)> {
        if let Some(at) = depth::too_deep(self.text, MAX_FLOW_DEPTH) {
            out.push(self.too_deep(at));
            return None;
        }
        let value: Value = match serde_yaml::from_str(self.text) {
            Ok(value) => value,
            Err(error) => {
                out.push(self.syntax_error(&error));
                return None;
            }
        };
        let text = if value.is_null() { "{}" } else { self.text };
        if !value.is_null() && !value.is_mapping() {
            out.push(
                Diagnostic::error(
                    "yaml::not-a-mapping",
                    format!("the settings of {} must be `key: value` lines", schema.what),
                )
                .at(self.start_span())
                .label("this is not a `key: value` mapping")
                .fix(
                    "write one field per line, such as `title: Co-location without collaboration`",
                ),
            );
            return None;
        }
        let before = out.len();
        self.check_fields(&value, schema, out);
        // Most files read straight from the tree already parsed. The tree is
        // stricter than the text in one way (`title: 2024` is a number there,
        // a string when read from the text), and its errors have no place:
        // anything it refuses is read again from the text.
        if let Ok(parsed) = serde_yaml::from_value::<T>(value) {
            return Some((parsed, true));
        }
        let error = match serde_yaml::from_str::<T>(text) {
            Ok(parsed) => return Some((parsed, true)),
            Err(error) => error,
        };
        // An unknown field already reported often causes a follow-on type error.
        if out.len() == before || error.location().is_some() {
            out.push(self.value_error(&error, schema));
        }
        self.read_the_rest(text, error, schema, out)
            .map(|parsed| (parsed, false))
    }

    /// After `error`, the other values of the wrong kind, each reported at
    /// its field (serde stops at the first): the field is left out and the
    /// rest read again, until it reads. Returns what it then gives.
    fn read_the_rest<T: DeserializeOwned>(
        &self,
        text: &str,
        mut error: serde_yaml::Error,
        schema: &Schema,
        out: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        let mut tree: Value = serde_yaml::from_str(text).ok()?;
        let mut reported = Vec::new();
        loop {
            let message = strip_location(&error.to_string());
            let (path, _) = message.split_once(": ")?;
            // A field missing, or one already left out: nothing more to read.
            if path.contains(' ')
                || reported.iter().any(|p| p == path)
                || !leave_out(&mut tree, path)
            {
                return None;
            }
            reported.push(path.to_string());
            // Written out and read as text, as the file is.
            let rest = serde_yaml::to_string(&tree).ok()?;
            error = match serde_yaml::from_str::<T>(&rest) {
                Ok(parsed) => return Some(parsed),
                Err(next) => next,
            };
            let next = strip_location(&error.to_string());
            if missing_field(&next).is_some() {
                return None;
            }
            let (message, fix) = explain_value_error(&next, schema.what);
            let (path, given) = next.split_once(": ").unwrap_or(("", ""));
            out.push(
                Diagnostic::error("yaml::invalid-value", message)
                    .at(self.value_span(field_of(path), written(given)))
                    .label("here")
                    .fix(fix),
            );
        }
    }

    /// Refused before the parser sees it: see [`depth`].
    fn too_deep(&self, at: usize) -> Diagnostic {
        Diagnostic::error(
            "yaml::too-deep",
            format!(
                "lists and mappings in brackets are nested more than {MAX_FLOW_DEPTH} levels deep"
            ),
        )
        .at(self.span(at..at + 1))
        .label(format!("level {} opens here", MAX_FLOW_DEPTH + 1))
        .fix(
            "close the brackets `[` and `{` you opened, or write the list one item per line \
             with `- `; if the text is meant to contain brackets, put it in quotes",
        )
    }

    fn syntax_error(&self, error: &serde_yaml::Error) -> Diagnostic {
        if let Some(tab) = self.indenting_tab(error) {
            return Diagnostic::error(
                "yaml::tab",
                "this YAML cannot be read: a line is indented with a tab, and YAML allows only spaces",
            )
            .at(self.span(tab..tab + 1))
            .label("a tab")
            .fix("replace the tab with spaces (most editors can show tabs and convert them)");
        }
        Diagnostic::error(
            "yaml::syntax",
            format!(
                "this YAML cannot be read: {}",
                strip_location(&error.to_string())
            ),
        )
        .at(self.error_span(error))
        .label("the problem is here or just before")
        .fix(
            "check the indentation, that each field is `name: value`, and that text containing \
             `:` or `#` is in quotes",
        )
    }

    fn value_error(&self, error: &serde_yaml::Error, schema: &Schema) -> Diagnostic {
        let message = strip_location(&error.to_string());
        let (message, fix) = explain_value_error(&message, schema.what);
        let span = if let Some(field) = missing_field(&error.to_string()) {
            let _ = field;
            self.start_span()
        } else {
            self.error_span(error)
        };
        Diagnostic::error("yaml::invalid-value", message)
            .at(span)
            .label("here")
            .fix(fix)
    }

    fn check_fields(&self, value: &Value, schema: &Schema, out: &mut Vec<Diagnostic>) {
        let Some(mapping) = value.as_mapping() else {
            return;
        };
        for (key, inner) in mapping {
            let Some(key) = key.as_str() else { continue };
            if !schema.fields.contains(&key) {
                out.push(self.unknown_field(key, schema.fields, schema.what));
                continue;
            }
            if let Some((_, nested)) = schema.nested.iter().find(|(name, _)| *name == key) {
                let maps: Vec<&Value> = match inner {
                    Value::Sequence(items) => items.iter().collect(),
                    other => vec![other],
                };
                for map in maps.into_iter().filter_map(Value::as_mapping) {
                    for nested_key in map.keys().filter_map(Value::as_str) {
                        if !nested.contains(&nested_key) {
                            out.push(self.unknown_field(nested_key, nested, schema.what));
                        }
                    }
                }
            }
        }
    }

    fn unknown_field(&self, key: &str, known: &[&str], what: &str) -> Diagnostic {
        let span = self.key_span(key).unwrap_or_else(|| self.start_span());
        let diagnostic = Diagnostic::error(
            "yaml::unknown-field",
            format!("`{key}` is not a field of {what}"),
        )
        .at(span)
        .label("unknown field");
        match closest(key, known) {
            Some(best) => diagnostic.fix(format!("did you mean `{best}`?")),
            None => diagnostic.fix(format!(
                "the fields of {what} are: {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

/// The known name closest in spelling to `word`, if any is close.
pub fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), *k))
        .filter(|(distance, k)| *distance <= 2.max(k.len() / 4))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next()
}

fn explain_value_error(message: &str, what: &str) -> (String, String) {
    if let Some(field) = missing_field(message) {
        return (
            format!("{what} needs a `{field}:` field"),
            format!("add a `{field}:` line to the front matter"),
        );
    }
    // serde's messages name the field's path first: `anonymity.k: invalid
    // type: string "three", expected i64`.
    let (path, detail) = match message.split_once(": ") {
        Some((path, detail)) if !path.contains(' ') => (path, detail),
        _ => ("", message),
    };
    let subject = match path {
        "" => "this value".to_string(),
        path => format!("`{path}`"),
    };
    let field = field_of(path);
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
            format!("this value has the wrong form: {message}"),
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

/// The field of a serde path as it is written: `k` of `anonymity.k`,
/// `codes` of `codes[1]`.
fn field_of(path: &str) -> &str {
    let field = path.rsplit('.').next().unwrap_or(path);
    field.split('[').next().unwrap_or(field)
}

/// The value as written in the file, from serde's account of it
/// (`invalid type: string "three", expected i64` gives `three`), or "" when
/// it cannot tell.
fn written(detail: &str) -> &str {
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

/// Removes the field at a serde path (`anonymity.k`; the whole list for
/// `codes[1]`) from a tree. False when there is no such field.
fn leave_out(tree: &mut Value, path: &str) -> bool {
    let mut keys: Vec<&str> = Vec::new();
    for part in path.split('.') {
        let (key, indexed) = match part.split_once('[') {
            Some((key, _)) => (key, true),
            None => (part, false),
        };
        keys.push(key);
        if indexed {
            break;
        }
    }
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

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// The range of `key` written as a mapping key (`key:` at a line start, after
/// indentation or `- `, or inside `{…}`), searching from byte `from`.
fn find_key(text: &str, key: &str, from: usize) -> Option<Range<usize>> {
    if key.is_empty() {
        // An empty key (`"": x`) is found everywhere and nowhere: no span.
        return None;
    }
    let bytes = text.as_bytes();
    let mut search = from;
    while let Some(i) = text[search..].find(key) {
        let start = search + i;
        let end = start + key.len();
        search = end;
        let before_ok = start == 0 || !is_word_byte(bytes[start - 1]);
        let before_ok = before_ok && {
            let prefix = text[..start].trim_end_matches([' ', '\t', '"', '\'']);
            prefix.is_empty() || prefix.ends_with(['\n', '-', '{', ','])
        };
        let rest = text[end..].trim_start_matches(['"', '\'']);
        if before_ok && rest.trim_start_matches([' ', '\t']).starts_with(':') {
            return Some(start..end);
        }
    }
    None
}

/// The range of `value` as a whole token after byte `from`, up to the next key
/// at the same or lesser indentation (approximated as the next line that is
/// not a list item or continuation).
fn find_value_after(text: &str, from: usize, value: &str) -> Option<Range<usize>> {
    if value.is_empty() {
        return None;
    }
    let limit = value_extent(text, from);
    let bytes = text.as_bytes();
    let mut search = from;
    while let Some(i) = text[search..limit].find(value) {
        let start = search + i;
        let end = start + value.len();
        search = end;
        let before_ok = start == 0 || !is_word_byte(bytes[start - 1]);
        let after_ok = end >= bytes.len() || !is_word_byte(bytes[end]);
        if before_ok && after_ok {
            return Some(start..end);
        }
    }
    None
}

fn value_extent(text: &str, from: usize) -> usize {
    let line_start = text[..from].rfind('\n').map_or(0, |i| i + 1);
    let indent = text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '-')
        .count();
    let mut pos = text[from..].find('\n').map_or(text.len(), |i| from + i + 1);
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..line_end];
        let line_indent = line.chars().take_while(|c| *c == ' ').count();
        let is_item = line.trim_start().starts_with('-');
        if !line.trim().is_empty() && line_indent <= indent && !(is_item && line_indent == indent) {
            return pos;
        }
        if !line.trim().is_empty() && line_indent <= indent && is_item && indent > 0 {
            return pos;
        }
        pos = line_end + 1;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Finding {
        title: String,
        #[serde(default)]
        boroughs: Vec<String>,
    }

    const FINDING: Schema = Schema {
        what: "a finding",
        fields: &["title", "boroughs", "codes"],
        nested: &[],
    };

    fn parse(text: &str) -> (Option<Finding>, Vec<Diagnostic>, SourceFile) {
        let file = SourceFile::new("f.md", text);
        let yaml = Yaml::new(FileId(0), &file, 0..text.len());
        let mut out = Vec::new();
        let parsed = yaml.parse::<Finding>(&FINDING, &mut out);
        (parsed, out, file.clone())
    }

    fn position(file: &SourceFile, d: &Diagnostic) -> (usize, usize) {
        file.line_column(d.span.as_ref().unwrap().range.start)
    }

    #[test]
    fn unknown_field_suggests_the_near_spelling() {
        let (parsed, out, file) = parse("title: X\nbouroughs: [a]\n");
        let parsed = parsed.unwrap();
        assert_eq!(parsed.title, "X");
        assert!(parsed.boroughs.is_empty());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, "yaml::unknown-field");
        assert_eq!(out[0].fix.as_deref(), Some("did you mean `boroughs`?"));
        assert_eq!(position(&file, &out[0]), (2, 1));
    }

    #[test]
    fn scalars_read_as_text_where_text_is_expected() {
        for (yaml, title, boroughs) in [
            ("title: X\nboroughs: [a, b]\n", "X", vec!["a", "b"]),
            (
                "title: 2024\nboroughs: [3, yes, 1.5]\n",
                "2024",
                vec!["3", "yes", "1.5"],
            ),
            ("title: true\n", "true", vec![]),
            ("title: '007'\nboroughs: [~x]\n", "007", vec!["~x"]),
        ] {
            let (parsed, out, _) = parse(yaml);
            assert!(out.is_empty(), "{yaml}: {out:?}");
            let parsed = parsed.unwrap();
            assert_eq!(parsed.title, title, "{yaml}");
            assert_eq!(parsed.boroughs, boroughs, "{yaml}");
        }
    }

    #[test]
    fn every_unknown_field_is_reported() {
        let (_, out, _) = parse("title: X\ntitel: Y\nborougs: [a]\n");
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn syntax_error_has_a_position() {
        let (parsed, out, file) = parse("title: X\nboroughs: [a\n");
        assert!(parsed.is_none());
        assert_eq!(out[0].code, "yaml::syntax");
        assert!(position(&file, &out[0]).0 >= 2);
    }

    #[test]
    fn wrong_type_and_missing_field_are_explained() {
        let (_, out, file) = parse("title: X\nboroughs: a\n");
        assert_eq!(out[0].code, "yaml::invalid-value");
        assert!(out[0].message.contains("list"), "{}", out[0].message);
        assert_eq!(position(&file, &out[0]).0, 2);
        let (_, out, _) = parse("boroughs: [a]\n");
        assert_eq!(out[0].message, "a finding needs a `title:` field");
    }

    #[derive(Debug, Deserialize)]
    struct Settings {
        title: Option<String>,
        k: Option<i64>,
        draft: Option<bool>,
        #[serde(default)]
        boroughs: Vec<String>,
    }

    const SETTINGS: Schema = Schema {
        what: "evalsite.yaml",
        fields: &["title", "k", "draft", "boroughs"],
        nested: &[],
    };

    fn read(text: &str) -> (Option<(Settings, bool)>, Vec<Diagnostic>, SourceFile) {
        let file = SourceFile::new("evalsite.yaml", text);
        let yaml = Yaml::new(FileId(0), &file, 0..text.len());
        let mut out = Vec::new();
        let read = yaml.read::<Settings>(&SETTINGS, &mut out);
        (read, out, file.clone())
    }

    #[test]
    fn every_value_of_the_wrong_kind_is_reported_and_the_rest_kept() {
        let text = "title: My study\nk: three\ndraft: maybe\nboroughs: [a, [b]]\n";
        let (read, mut out, file) = read(text);
        out.sort_by_key(|d| d.span.as_ref().map(|s| s.range.start));
        let messages: Vec<&str> = out.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                r#"`k` must be a whole number, not the text "three""#,
                r#"`draft` must be true or false, not the text "maybe""#,
                "`boroughs[1]` must be text, not a list",
            ],
            "{out:?}"
        );
        let at: Vec<(usize, usize)> = out.iter().map(|d| position(&file, d)).collect();
        assert_eq!(at[..2], [(2, 4), (3, 8)]);
        assert_eq!(at[2].0, 4);
        let (settings, clean) = read.unwrap();
        assert!(!clean);
        assert_eq!(settings.title.as_deref(), Some("My study"));
        assert_eq!((settings.k, settings.draft), (None, None));
        assert!(settings.boroughs.is_empty());
    }

    #[test]
    fn a_required_field_left_out_is_not_reported_missing() {
        let (parsed, out, _) = parse("title: [x]\nboroughs: a\n");
        assert!(parsed.is_none());
        let messages: Vec<&str> = out.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`title` must be text, not a list",
                r#"`boroughs` must be a list, not the text "a""#,
            ]
        );
    }

    #[test]
    fn wrong_values_are_explained_in_a_researchers_words() {
        let explained = |message: &str| explain_value_error(message, "a finding");
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

    #[test]
    fn value_span_finds_list_items_and_block_lists() {
        let text = "title: X\ncodes: [alpha, beta]\nboroughs:\n  - a\n  - beta\n";
        let file = SourceFile::new("f.md", text);
        let yaml = Yaml::new(FileId(0), &file, 0..text.len());
        let span = yaml.value_span("codes", "beta");
        assert_eq!(file.line_column(span.range.start), (2, 16));
        let span = yaml.value_span("boroughs", "beta");
        assert_eq!(file.line_column(span.range.start), (5, 5));
    }

    /// Regression (fuzz target): an empty key (`"": x`, as in an
    /// identifiers list's `replace:`) was found at every position without
    /// moving on, and the search never ended.
    #[test]
    fn an_empty_key_has_no_span() {
        assert_eq!(find_key("replace:\n  \"\": x\n", "", 0), None);
    }

    #[test]
    fn value_span_nth_picks_the_right_list_entry() {
        let text = "edges:\n  - {from: a, to: b}\n  - {from: b, to: zz}\n";
        let file = SourceFile::new("p.md", text);
        let yaml = Yaml::new(FileId(0), &file, 0..text.len());
        let span = yaml.value_span_nth("to", "zz", 1);
        assert_eq!(file.line_column(span.range.start), (3, 19));
    }
}
