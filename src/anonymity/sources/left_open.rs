//! Raw HTML that leaves an element, a comment or a tag open for the rest
//! of the page: whatever the page has after it (the rest of the report,
//! the site's menu and footer) would become the element's text, the
//! comment or the tag, and the page could not be read as a reader sees it.
//! Refused where it is written, in a body, in a finding's first paragraph
//! (shown alone as its summary) and in a finding's `summary:` (the only
//! front matter written out as Markdown).

use crate::diag::Diagnostic;
use crate::markdown;
use crate::model::{Doc, FindingMeta};
use crate::reading::{LeftOpen, Open};
use crate::source::Span;
use std::ops::Range;

/// What a body, read whole, leaves open.
pub(super) fn check_body<M>(doc: &Doc<M>, text: &str, out: &mut Vec<Diagnostic>) {
    if let Some(open) = markdown::left_open(text, doc.body.clone()) {
        out.push(refusal(doc, text, &open, None));
    }
}

/// What a finding's summary leaves open: its `summary:`, or else its
/// body's first paragraph, shown alone on the pages that list it.
pub(super) fn check_summary(doc: &Doc<FindingMeta>, text: &str, out: &mut Vec<Diagnostic>) {
    match &doc.meta.summary {
        Some(summary) => {
            let Some(open) = markdown::left_open(summary, 0..summary.len()) else {
                return;
            };
            let at = in_summary(doc, text, summary, &open);
            out.push(refusal(
                doc,
                text,
                &LeftOpen { at, ..open },
                Some("summary"),
            ));
        }
        None => {
            let body = &text[doc.body.clone()];
            let Some(paragraph) = markdown::first_paragraph(body) else {
                return;
            };
            let start = doc.body.start + (paragraph.as_ptr() as usize - body.as_ptr() as usize);
            let range = start..start + paragraph.len();
            // Left open by the body as a whole: refused there already.
            if markdown::left_open(text, doc.body.clone()).is_some() {
                return;
            }
            if let Some(open) = markdown::left_open(text, range) {
                out.push(refusal(doc, text, &open, Some("first paragraph")));
            }
        }
    }
}

/// Where in the file the `<…` that `summary` leaves open at `open.at` is
/// written: the same tag, the same time it is written in the summary's
/// entry; else the `summary:` key.
fn in_summary(doc: &Doc<FindingMeta>, text: &str, summary: &str, open: &LeftOpen) -> usize {
    let key = find_summary_key(text, doc.yaml.clone());
    let Some(key) = key else {
        return doc.yaml.start;
    };
    let entry = key.start..super::entry_end(text, key.start, doc.yaml.end);
    let tag = written_tag(summary, open.at);
    let nth = summary[..open.at].matches(tag).count();
    text[entry.clone()]
        .match_indices(tag)
        .nth(nth)
        .map_or(key.start, |(i, _)| entry.start + i)
}

/// The `summary:` key of the front matter `yaml` of `text`.
fn find_summary_key(text: &str, yaml: Range<usize>) -> Option<Range<usize>> {
    let mut at = yaml.start;
    for line in text[yaml.clone()].split_inclusive('\n') {
        let key = line.trim_start_matches([' ', '{']);
        if key.starts_with("summary:") {
            let start = at + (line.len() - key.len());
            return Some(start..start + "summary".len());
        }
        at += line.len();
    }
    None
}

/// The opening of what is left open at `at` of `text`: `<!--`, or `<`
/// and a name.
fn written_tag(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    if rest.starts_with("<!--") {
        return &rest[..4];
    }
    let end = rest
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '>' | '/' | '<'))
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

/// The refusal of what is left open at `open.at` of `text` (in `field`,
/// if not the body).
fn refusal<M>(doc: &Doc<M>, text: &str, open: &LeftOpen, field: Option<&str>) -> Diagnostic {
    let tag = written_tag(text, open.at);
    let span = Span::new(doc.file, open.at..open.at + tag.len());
    let shown_alone = match field {
        Some("first paragraph") => {
            " (this paragraph is shown alone as the finding's summary on the pages that list it)"
        }
        _ => "",
    };
    let (message, label, fix) = match &open.what {
        Open::Element(name) => (
            format!(
                "this `<{name}>` is never closed{shown_alone}, so everything after it on the page (the rest of the text, the site's menu and footer) would be read as {}, not shown as the page",
                contents(name)
            ),
            format!("`<{name}>` opened here, and no `</{name}>` after it"),
            format!(
                "close it (`</{name}>`) where it ends, or, to show the tag itself, write it as code (`` `<{name}>` ``) or escaped (`&lt;{name}>`)"
            ),
        ),
        Open::Markup if tag == "<!--" => (
            format!(
                "this comment is never ended{shown_alone}, so everything after it on the page (the rest of the text, the site's menu and footer) would be hidden in it"
            ),
            "`<!--` opened here, and no `-->` after it".to_string(),
            "end it with `-->`, or, to show it, write it as code (`` `<!--` ``) or escaped (`&lt;!--`)".to_string(),
        ),
        Open::Markup => (
            format!(
                "this tag is never ended with `>`{shown_alone}, so what comes after it on the page would be read as part of the tag, not shown"
            ),
            "begun here, and no `>` ends it".to_string(),
            "end the tag with `>`, or, to show it, write it as code (`` `<…` ``) or escaped (`&lt;`)".to_string(),
        ),
    };
    Diagnostic::error("anonymity::left-open", message)
        .at(span)
        .label(label)
        .fix(fix)
}

/// What the rest of a page becomes inside an element named `name`.
fn contents(name: &str) -> &'static str {
    match name {
        "script" => "a script's code",
        "style" => "a style sheet's rules",
        "textarea" => "the text of a form's text box",
        "title" => "the page's title",
        "plaintext" => "raw markup",
        _ => "the element's own text, which a browser does not show",
    }
}
