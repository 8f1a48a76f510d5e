//! The data each template sees, built from the resolved site. Every URL here
//! is already relative to the page it appears on. Owns no HTML beyond what
//! Markdown bodies render to; the templates own the markup.

use super::coding::Count;
use super::links::Link;
use crate::resolve::Site;
use serde::Serialize;
use std::borrow::Cow;

/// A heading with what is listed under it.
#[derive(Debug, Clone, Serialize)]
pub struct Group<T> {
    pub head: Link,
    pub items: T,
}

/// A heading of the quote list with the quotes under it on one page;
/// `continued` when some of them are on the page before.
#[derive(Debug, Clone, Serialize)]
pub struct ListGroup {
    pub head: Link,
    pub items: Vec<tera::Value>,
    pub continued: bool,
}

/// Where a page of a list split over several pages stands among them.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// This page's number, from 1, and how many pages there are.
    pub number: usize,
    pub count: usize,
    /// How many items the list holds, and the first and last on this page
    /// (counted from 1; both 0 when the list is empty).
    pub total: usize,
    pub first: usize,
    pub last: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The pages to link: the first, the last and those near this one.
    pub pages: Vec<PagerPage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PagerPage {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages between the one before this and this are not linked.
    pub gap_before: bool,
}

/// A finding's free facet, such as "Learning loop: double".
#[derive(Debug, Clone, Serialize)]
pub struct Attribute {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    pub id: String,
    pub url: String,
    /// The body as HTML.
    pub html: tera::Value,
    pub attribution: String,
    /// The kind of source when the attribution does not name it already.
    pub source: String,
    /// Set in quotation marks (words said, not notes or documents).
    pub marks: bool,
    pub borough: Option<Link>,
    pub codes: Vec<Link>,
    pub findings: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub id: String,
    pub title: String,
    pub url: String,
    /// The body as HTML (empty on a borough report).
    pub html: tera::Value,
    /// `summary:` as HTML, else the body's first paragraph.
    pub summary: tera::Value,
    /// The summary was written as `summary:` (so it is not the body's start).
    pub lead: bool,
    /// `kind: strength`: drawn on maps as a strength, not friction.
    pub strength: bool,
    pub draft: bool,
    pub codes: Vec<Link>,
    /// The codes after the first (a finding is placed under its first code).
    pub tags: Vec<Link>,
    pub boroughs: Vec<Link>,
    pub attributes: Vec<Attribute>,
    /// Evidence quotes, as [`QuoteView`]s (empty on a borough report,
    /// which shows `evidence` alone).
    pub quotes: Vec<tera::Value>,
    /// How many evidence quotes there are (from the borough, on a borough
    /// report).
    pub quote_count: usize,
    /// Evidence quotes not already embedded in the narrative (empty on a
    /// borough report).
    pub more_quotes: Vec<tera::Value>,
    /// The strongest few of `quotes`: those the narrative sets first.
    pub evidence: Vec<tera::Value>,
    pub backlinks: Vec<Link>,
}

/// A finding in the findings list.
#[derive(Debug, Clone, Serialize)]
pub struct FindingItem {
    pub link: Link,
    pub summary: tera::Value,
    pub strength: bool,
    pub boroughs: Vec<Link>,
    pub themes: Vec<Link>,
    /// Ids of its boroughs and themes, space-separated, for the filter.
    pub borough_ids: String,
    pub theme_ids: String,
    pub quote_count: usize,
}

/// A choice of a list's filter.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub id: String,
    pub title: String,
}

/// A top-level theme of a borough report: the findings placed under it
/// (those whose first code is in it), those placed under another theme
/// that are coded here too, and its counts by the counting rule.
#[derive(Debug, Clone, Serialize)]
pub struct ReportTheme {
    pub head: Link,
    pub id: String,
    /// [`FindingView`]s.
    pub findings: Vec<tera::Value>,
    /// Findings coded to this theme too, placed under another.
    pub also: Vec<Link>,
    pub finding_count: Count,
    pub quote_count: Count,
}

/// A codebook entry with its per-borough numbers.
#[derive(Debug, Clone, Serialize)]
pub struct CodeView {
    pub id: String,
    pub title: String,
    pub url: String,
    pub depth: usize,
    /// The body as HTML.
    pub html: tera::Value,
    pub parent: Option<Link>,
    pub children: Vec<Link>,
    pub boroughs: Vec<CodeBoroughView>,
    /// Across all boroughs, by the counting rule ([`Count`]).
    pub quote_count: Count,
    pub finding_count: Count,
}

#[derive(Debug, Clone, Serialize)]
pub struct CodeBoroughView {
    pub borough: Link,
    pub findings: Vec<Link>,
    /// [`QuoteView`]s.
    pub quotes: Vec<tera::Value>,
    pub quote_count: Count,
    pub finding_count: Count,
}

/// One cell of the framework matrix.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixCell {
    pub findings: Vec<Link>,
    pub quote_count: Count,
    pub finding_count: Count,
    pub empty: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub code: Link,
    pub depth: usize,
    pub theme: bool,
    pub cells: Vec<MatrixCell>,
}

/// Text for readers from a label written in YAML: straight apostrophes and
/// single quotes become typographic ones (`Nurses' station` → `Nurses’
/// station`, `'fit'` → `‘fit’`), as Markdown bodies get them. Only what is
/// shown is changed; ids and the anonymity checks read the file as written.
pub fn label(text: &str) -> Cow<'_, str> {
    if !text.contains('\'') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut before: Option<char> = None;
    for c in text.chars() {
        if c == '\'' {
            let opens = before
                .is_none_or(|b| b.is_whitespace() || "([{\u{201C}\"-\u{2013}\u{2014}".contains(b));
            out.push(if opens { '\u{2018}' } else { '\u{2019}' });
        } else {
            out.push(c);
        }
        before = Some(c);
    }
    Cow::Owned(out)
}

/// The report's furniture from `content/index.md`, for every page's footer
/// and the landing page: each field as written (labels made typographic).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Furniture {
    pub title: String,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub version: Option<String>,
    pub doi: Option<String>,
    /// `https://doi.org/…` for the DOI.
    pub doi_url: Option<String>,
    pub licence: Option<String>,
    pub cite: Option<String>,
    pub funder: Option<String>,
}

pub fn furniture(site: &Site) -> Furniture {
    let Some(landing) = site.project.landing.as_ref() else {
        return Furniture::default();
    };
    let meta = &landing.meta;
    let text = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| label(v).into_owned())
    };
    let doi = meta
        .doi
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            d.trim_start_matches("https://doi.org/")
                .trim_start_matches("doi:")
                .to_string()
        });
    Furniture {
        title: label(&meta.title).into_owned(),
        authors: meta.authors.clone(),
        published: text(&meta.published),
        version: text(&meta.version),
        doi_url: doi.as_ref().map(|d| format!("https://doi.org/{d}")),
        doi,
        licence: text(&meta.licence),
        cite: text(&meta.cite),
        funder: text(&meta.funder),
    }
}

/// Display text for a finding's free facet value.
pub fn attribute_text(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Sequence(items) => items
            .iter()
            .map(attribute_text)
            .collect::<Vec<_>>()
            .join(", "),
        serde_yaml::Value::Null => String::new(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// `learning-loop` → `Learning loop`.
pub fn humanise(key: &str) -> String {
    let spaced = key.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_get_typographic_apostrophes_and_quotes() {
        assert_eq!(label("Nurses' station"), "Nurses\u{2019} station");
        assert_eq!(
            label("'Fit' for discharge"),
            "\u{2018}Fit\u{2019} for discharge"
        );
        assert_eq!(
            label("St Mary's (the 'old' wing)"),
            "St Mary\u{2019}s (the \u{2018}old\u{2019} wing)"
        );
        assert!(matches!(label("No apostrophe"), Cow::Borrowed(_)));
    }

    #[test]
    fn facet_names_read_as_words() {
        assert_eq!(humanise("learning-loop"), "Learning loop");
    }
}
