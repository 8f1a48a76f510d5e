//! One document: its front matter (but the `anonymity:` block, which names
//! allowed terms by design) and comments, the text a reader sees in its
//! body, its file name (which becomes an address), a quote's length and an
//! allowance's reason. What a text holds is `hits.rs`'s to find.

use super::yaml_files::push_yaml_without_comments;
use super::{Found, Scanner, Target};
use crate::diag::Diagnostic;
use crate::markdown::{self, PlainText};
use crate::model::{Allowance, Doc};
use crate::reading;
use crate::source::Span;
use crate::yaml::Yaml;
use std::ops::Range;

impl Scanner<'_, '_> {
    /// Scans a document's front matter and the text a reader sees in its
    /// body; gives back that text, and where in it the body's begins.
    pub(super) fn scan_doc<M>(
        &self,
        doc: &Doc<M>,
        allowance: Option<&Allowance>,
        whole: bool,
        found: &mut Found,
    ) -> (PlainText, usize) {
        let source = self.site.project.sources.get(doc.file);
        let text = source.text.as_str();
        let yaml = Yaml::new(doc.file, source, doc.yaml.clone());
        check_reason(&yaml, allowance, &mut found.out);
        let mut plain = PlainText::default();
        let mut comments = PlainText::default();
        let comment_ranges = reading::yaml_comments(text, doc.yaml.clone());
        for range in front_matter_ranges(text, doc.yaml.clone()) {
            push_yaml_without_comments(text, range, &comment_ranges, &mut plain, &mut comments);
        }
        if !comments.text.is_empty() {
            let target = Target {
                file: doc.file,
                plain: comments,
                allowance,
                reach: None,
                id_exempt: Vec::new(),
            };
            self.scan_comment(&target, found);
        }
        let body = plain.text.len();
        // A draft whose title alone is published: its body is not read.
        if whole {
            markdown::plain_text(text, doc.body.clone(), &mut plain);
            super::left_open::check_body(doc, text, &mut found.out);
        }
        let id_exempt = yaml
            .key_span("participant")
            .map(|s| {
                let end = text[s.range.end..]
                    .find('\n')
                    .map_or(text.len(), |i| s.range.end + i);
                s.range.start..end
            })
            .into_iter()
            .collect();
        // An allowance reaches the body and the title, which the gate lets
        // it through in wherever they are shown; any other field is shown
        // apart from them (a summary on other pages), and refused there.
        let entry = |key: &str| {
            let start = yaml.key_span(key)?.range.start;
            Some(start..entry_end(text, start, doc.yaml.end))
        };
        let mut reach: Vec<Range<usize>> = ["title", "anonymity"]
            .into_iter()
            .filter_map(entry)
            .collect();
        reach.push(doc.body.clone());
        let target = Target {
            file: doc.file,
            plain,
            allowance,
            reach: Some(reach),
            id_exempt,
        };
        self.scan_target(&target, found);
        self.scan_file_name(doc, found);
        (target.plain, body)
    }

    /// Ids become URLs, so the file name is published too: in every link to
    /// the page, on pages the file's allowance does not reach, and as the
    /// name of the page's file, which the final check refuses too (red
    /// team, round 32: an allowed term in a file name passed here, and was
    /// then refused there with no place named).
    fn scan_file_name<M>(&self, doc: &Doc<M>, found: &mut Found) {
        // The id as it is (a hyphen is a word boundary to the matcher, and
        // joins a word split by it too: `thistle-bury`).
        let name = doc.id.as_str();
        let span = Span::file_start(doc.file);
        for hit in self.matcher.find(name) {
            if hit.partial {
                continue;
            }
            found.out.push(
                Diagnostic::error("anonymity::identifier-in-file-name", format!("this file's name contains a name from the identifiers list ({}), and file names become web addresses", hit.list.name()))
                    .at(span.clone())
                    .label("the file name is published as part of a link")
                    .fix("rename the file using a pseudonym or a description (an allowance in the file does not reach its name, which every link to it shows)"),
            );
        }
        if !self.participant_ids.find(&doc.id).is_empty() {
            found.out.push(
                Diagnostic::error("anonymity::participant-id", "this file's name contains a participant id, and file names become web addresses")
                    .at(span)
                    .fix("rename the file; participant ids must never be published"),
            );
        }
    }

    /// `body`: the text a reader sees in the quote (block breaks between
    /// its paragraphs count as no word).
    pub(super) fn check_length(
        &self,
        doc: &Doc<crate::model::QuoteMeta>,
        body: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        let text = self.site.project.sources.text(doc.file);
        let words = body
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        let limit = self.site.project.config.max_quote_words;
        if words > limit {
            out.push(
                Diagnostic::warning("anonymity::long-quote", format!("this quote is {words} words long; consent covered extracts of up to {limit} words"))
                    .at(Span::new(doc.file, doc.body.start..doc.body.start + text[doc.body.clone()].find('\n').unwrap_or(0)))
                    .fix("shorten the extract, marking cuts with [...]"),
            );
        }
    }
}

/// Ranges of the front matter to scan: everything but the `anonymity:` block
/// (which names allowed terms by design).
fn front_matter_ranges(text: &str, yaml: Range<usize>) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = yaml.start;
    let mut skipping = false;
    let mut pos = yaml.start;
    while pos < yaml.end {
        let end = text[pos..yaml.end]
            .find('\n')
            .map_or(yaml.end, |i| pos + i + 1);
        let line = &text[pos..end];
        let top_level = !line.starts_with([' ', '\t']) && !line.trim().is_empty();
        if top_level && line.starts_with("anonymity:") {
            if pos > start {
                ranges.push(start..pos);
            }
            skipping = true;
        } else if top_level && skipping {
            skipping = false;
            start = pos;
        }
        pos = end;
    }
    if !skipping && yaml.end > start {
        ranges.push(start..yaml.end);
    }
    ranges
}

/// Where the front matter entry whose key begins at `start` ends (`end`:
/// the front matter's): in a flow mapping (`{title: …, summary: …}`), at the
/// first `,` or `}` outside quotes and brackets; otherwise before the first
/// line after it, not blank or a comment, indented no deeper than its key
/// (round 15: keys indented by a space were all read as the title's).
pub(crate) fn entry_end(text: &str, start: usize, end: usize) -> usize {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    let indent = before.len();
    if !before.trim().is_empty() {
        // In a flow mapping.
        let (mut depth, mut quote) = (0usize, None::<char>);
        // A quotation mark opens a quoted value only where a value begins
        // (an apostrophe in `{title: Nurses' views, …}` is a letter).
        let mut value_begins = false;
        for (i, c) in text[start..end].char_indices() {
            let begins = value_begins;
            value_begins =
                quote.is_none() && (matches!(c, ':' | ',' | '[' | '{') || (begins && c == ' '));
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if begins => quote = Some(c),
                (None, '[' | '{') => depth += 1,
                (None, ']' | '}') if depth > 0 => depth -= 1,
                (None, ',' | '}') if depth == 0 => return start + i,
                _ => {}
            }
        }
        return end;
    }
    let mut at = text[start..end].find('\n').map_or(end, |i| start + i + 1);
    while at < end {
        let line_end = text[at..end].find('\n').map_or(end, |i| at + i + 1);
        let line = &text[at..line_end];
        let content = line.trim_start();
        let deeper = line.len() - content.len() > indent;
        if !(content.trim().is_empty() || content.starts_with('#') || deeper) {
            return at;
        }
        at = line_end;
    }
    end
}

fn check_reason(yaml: &Yaml, allowance: Option<&Allowance>, out: &mut Vec<Diagnostic>) {
    let Some(allowance) = allowance else { return };
    let missing = allowance
        .reason
        .as_deref()
        .is_none_or(|r| r.trim().is_empty());
    if missing && !allowance.allow.is_empty() {
        out.push(
            Diagnostic::error("anonymity::allowance-without-reason", "an allowance needs a reason")
                .at(yaml.key_span("anonymity").unwrap_or_else(|| yaml.start_span()))
                .label("`allow:` without `reason:`")
                .fix("add `reason:` under `anonymity:` saying why the term may be published and who agreed"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymity_block_is_not_scanned() {
        let text = "title: X\nanonymity:\n  allow: [Jane]\n  reason: r\nborough: a\n";
        let ranges = front_matter_ranges(text, 0..text.len());
        let kept: String = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(kept, "title: X\nborough: a\n");
    }

    /// Where a front matter entry ends, in a flow mapping and in a block
    /// one indented by a space (round 15), and with an apostrophe in an
    /// unquoted value.
    #[test]
    fn an_entry_ends_where_the_next_key_begins() {
        let end = |text: &str, key: &str| {
            let start = text.find(key).unwrap();
            text[start..entry_end(text, start, text.len())].to_string()
        };
        let flow = "{title: Nurses' views, summary: In Thistlebury, anonymity: {allow: [A, B], reason: 'r, s'}}";
        assert_eq!(end(flow, "title"), "title: Nurses' views");
        assert_eq!(
            end(flow, "anonymity"),
            "anonymity: {allow: [A, B], reason: 'r, s'}"
        );
        let quoted = "{title: 'A, B', summary: S}";
        assert_eq!(end(quoted, "title"), "title: 'A, B'");
        let indented = " title: T\n   more of it\n summary: S\n";
        assert_eq!(end(indented, "title"), "title: T\n   more of it\n");
    }
}
