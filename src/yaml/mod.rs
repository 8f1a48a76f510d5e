//! Reading YAML (front matter, `participants.yaml`, `evalsite.yaml`) into typed
//! values with diagnostics that point into the original file: syntax errors,
//! every unknown field with a suggested spelling, wrong types and missing
//! fields. Also finds where a key or value sits, for later stages' messages
//! (`spans`); serde's account of a wrong value is put in a researcher's
//! words in `explain`; `depth` refuses nesting too deep before parsing.
//! Does not know what any field means.

use crate::diag::Diagnostic;
use crate::source::{FileId, SourceFile, Span};
use awkward::{one_field_per_line, without_path};
use serde::de::DeserializeOwned;
use serde_yaml::Value;
use std::borrow::Cow;
use std::ops::Range;

mod awkward;
mod depth;
mod explain;
mod spans;
pub use depth::MAX_FLOW_DEPTH;
use explain::{
    ReadError, detail, explain_value_error, field_of, from_text, leave_out, missing_field,
    path_text, strip_location, written,
};

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
        let text = &source.text[range.clone()];
        // A byte-order mark, which some editors write first, is no part of
        // the YAML: the reader took the text after it for a second
        // document (#case-12.5).
        let bom = if text.starts_with('\u{FEFF}') {
            '\u{FEFF}'.len_utf8()
        } else {
            0
        };
        Yaml {
            file,
            source,
            offset: range.start + bom,
            text: &text[bom..],
        }
    }

    /// Whether no message may quote the text (the identifiers list): it
    /// names a place by its field alone.
    pub(super) fn private(&self) -> bool {
        self.source.is_private()
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
        let mut text = Cow::Borrowed(self.text);
        let value: Value = loop {
            let error = match serde_yaml::from_str(&text) {
                Ok(value) => break value,
                Err(error) => error,
            };
            // A number too large to hold is reported and read as no value,
            // written over with `~` and spaces (so every place in the text
            // stays where it was): the other settings still apply.
            let Some(range) = self.too_large_at(&text, &error) else {
                out.push(self.syntax_error(&error));
                return None;
            };
            out.push(self.too_large(range.clone()));
            let mut blank = text.into_owned();
            blank.replace_range(range.clone(), &format!("{:<1$}", "~", range.len()));
            text = Cow::Owned(blank);
        };
        let text: &str = if value.is_null() { "{}" } else { &text };
        if !value.is_null() && !value.is_mapping() {
            out.push(
                Diagnostic::error(
                    "yaml::not-a-mapping",
                    format!("the settings of {} must be `key: value` lines", schema.what),
                )
                .at(self.start_span())
                .label("this is not a `key: value` mapping")
                .fix(one_field_per_line(schema)),
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
        let error = match from_text::<T>(text) {
            Ok(parsed) => return Some((parsed, true)),
            Err(error) => error,
        };
        // An unknown field already reported often causes a follow-on type
        // error, or the same report again (from `deny_unknown_fields`).
        let again = out.len() > before && detail(&error).starts_with("unknown field");
        if (out.len() == before || error.inner().location().is_some()) && !again {
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
        mut error: ReadError,
        schema: &Schema,
        out: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        let mut tree: Value = serde_yaml::from_str(text).ok()?;
        let mut reported = Vec::new();
        loop {
            let path = path_text(error.path());
            // At the top (a field missing), or a field already left out:
            // nothing more to read.
            if path.is_empty() || reported.contains(&path) || !leave_out(&mut tree, error.path()) {
                return None;
            }
            reported.push(path);
            // Written out and read as text, as the file is.
            let rest = serde_yaml::to_string(&tree).ok()?;
            error = match from_text::<T>(&rest) {
                Ok(parsed) => return Some(parsed),
                Err(next) => next,
            };
            let detail = detail(&error);
            if missing_field(&path_text(error.path()), &detail).is_some() {
                return None;
            }
            let (path, field) = self.place(&error);
            let (message, fix) = explain_value_error(&path, field, &detail, schema.what);
            out.push(
                Diagnostic::error("yaml::invalid-value", message)
                    .at(self.value_span(field, written(&detail)))
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
        let said = strip_location(&error.to_string());
        if said.contains("control characters are not allowed") {
            return self.control_character(error);
        }
        if let Some(duplicate) = self.duplicate_key(error, &said) {
            return duplicate;
        }
        // serde names where the problem is by the keys above it, which in
        // the identifiers list may be real names.
        let said = match self.private() {
            true => without_path(&said),
            false => &said,
        };
        Diagnostic::error("yaml::syntax", format!("this YAML cannot be read: {said}"))
            .at(self.error_span(error))
            .label("the problem is here or just before")
            .fix(
                "check the indentation, that each field is `name: value`, and that text containing \
             `:` or `#` is in quotes",
            )
    }

    /// A key given twice in one mapping, named where it is given the
    /// second time: the parser's place is the mapping's start, or the
    /// first of the two (red team, round 24). In the identifiers list a
    /// key may be a real name, and is not repeated.
    fn duplicate_key(&self, error: &serde_yaml::Error, said: &str) -> Option<Diagnostic> {
        let rest = said.split_once("duplicate entry with key \"")?.1;
        let key = &rest[..rest.find('"')?];
        let from = error
            .location()
            .map_or(0, |l| l.index())
            .min(self.text.len());
        let second =
            (self.key_span_after(key, from, 1)).or_else(|| self.key_span_after(key, from, 0))?;
        let message = match self.private() {
            true => "this YAML cannot be read: a duplicate entry, a key given twice".to_string(),
            false => format!("this YAML cannot be read: a duplicate entry, `{key}` given twice"),
        };
        Some(
            Diagnostic::error("yaml::syntax", message)
                .at(second)
                .label("given a second time here")
                .fix("keep one of the two, or merge them"),
        )
    }

    fn value_error(&self, error: &ReadError, schema: &Schema) -> Diagnostic {
        let detail = detail(error);
        let (path, field) = self.place(error);
        let (message, fix) = explain_value_error(&path, field, &detail, schema.what);
        let span = match missing_field(&path, &detail) {
            Some(_) => self.start_span(),
            None => self.error_span(error.inner()),
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
        // A key in the identifiers list may be a real name: not repeated.
        let message = match self.private() {
            true => format!("this key is not a field of {what}"),
            false => format!("`{key}` is not a field of {what}"),
        };
        let diagnostic = Diagnostic::error("yaml::unknown-field", message)
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

    /// Round 24: a key given twice is named where it is given again.
    #[test]
    fn a_key_given_twice_is_named_at_the_second() {
        let (parsed, out, file) = parse("title: X\nboroughs: [a]\ntitle: Y\n");
        assert!(parsed.is_none());
        assert_eq!(out[0].code, "yaml::syntax");
        assert!(
            out[0].message.contains("`title` given twice"),
            "{}",
            out[0].message
        );
        assert_eq!(position(&file, &out[0]).0, 3);
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
}
