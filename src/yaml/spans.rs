//! Where things are written in a YAML text, found by searching the text:
//! a key, a value under a key (the nth time the key is written, for a list
//! of mappings), where the parser stopped, a tab in an indent. The parsed
//! tree has no positions, so later stages' messages find their place here.

use super::Yaml;
use crate::source::Span;
use std::ops::Range;

impl Yaml<'_> {
    pub(super) fn error_span(&self, error: &serde_yaml::Error) -> Span {
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
    pub(super) fn indenting_tab(&self, error: &serde_yaml::Error) -> Option<usize> {
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

    /// Where `key:` is written the time after the `skip` times from byte
    /// `from` on, as a span over the key.
    pub(super) fn key_span_after(&self, key: &str, from: usize, skip: usize) -> Option<Span> {
        let mut at = from;
        let mut found = None;
        for _ in 0..=skip {
            let range = find_key(self.text, key, at)?;
            at = range.end;
            found = Some(range);
        }
        found.map(|r| self.span(r))
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
    /// Regression (fuzz target): an empty key (`"": x`, as in an
    /// identifiers list's `replace:`) was found at every position without
    /// moving on, and the search never ended.
    #[test]
    fn an_empty_key_has_no_span() {
        assert_eq!(super::find_key("replace:\n  \"\": x\n", "", 0), None);
    }

    use super::*;
    use crate::source::{FileId, SourceFile};

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

    #[test]
    fn value_span_nth_picks_the_right_list_entry() {
        let text = "edges:\n  - {from: a, to: b}\n  - {from: b, to: zz}\n";
        let file = SourceFile::new("p.md", text);
        let yaml = Yaml::new(FileId(0), &file, 0..text.len());
        let span = yaml.value_span_nth("to", "zz", 1);
        assert_eq!(file.line_column(span.range.start), (3, 19));
    }
}
