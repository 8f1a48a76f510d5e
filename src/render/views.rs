//! The data each template sees, built from the resolved site. Every URL here
//! is already relative to the page it appears on. Owns no HTML beyond what
//! Markdown bodies render to; the templates own the markup.

use super::urls;
use crate::hash::FastMap;
use crate::model::Kind;
use crate::resolve::Site;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::OnceLock;

/// A link as templates see it, `title` and `url`: template data made once
/// and shared (a code's link is on thousands of quotes), so a page's data
/// takes it without copying its text.
#[derive(Debug, Clone)]
pub struct Link(tera::Value);

impl Serialize for Link {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl Link {
    pub fn new(title: &str, root: &str, path: &str) -> Link {
        #[derive(Serialize)]
        struct Fields<'a> {
            title: &'a str,
            url: &'a str,
        }
        let url = format!("{root}{path}");
        let title = &label(title);
        Link(tera::Value::from_serializable(&Fields { title, url: &url }))
    }

    pub fn title(&self) -> &str {
        self.field("title")
    }

    pub fn url(&self) -> &str {
        self.field("url")
    }

    fn field(&self, name: &'static str) -> &str {
        self.0
            .get_from_path(name)
            .and_then(tera::Value::as_str)
            .unwrap_or_default()
    }
}

/// The links of one render, each made once per depth (0 for pages at the
/// site's root, 1 for pages in a folder), by kind and index.
pub struct Links {
    made: Vec<Vec<[OnceLock<Link>; 2]>>,
}

impl Links {
    pub fn new(site: &Site) -> Links {
        let project = site.project;
        let count = |kind: Kind| match kind {
            Kind::Landing => 1,
            Kind::Borough => project.boroughs.len(),
            Kind::Code => project.codes.len(),
            Kind::Quote => project.quotes.len(),
            Kind::Finding => project.findings.len(),
            Kind::Pathway => project.pathways.len(),
            Kind::Page => project.pages.len(),
        };
        let slots = |kind| (0..count(kind)).map(|_| Default::default()).collect();
        Links {
            made: Kind::ALL.iter().map(|&kind| slots(kind)).collect(),
        }
    }

    fn slot(&self, kind: Kind, i: usize, depth: usize) -> &OnceLock<Link> {
        let k = Kind::ALL
            .iter()
            .position(|&k| k == kind)
            .unwrap_or_default();
        &self.made[k][i][depth]
    }
}

/// Builds links relative to one page.
#[derive(Clone, Copy)]
pub struct At<'s, 'p> {
    pub site: &'s Site<'p>,
    pub root: &'s str,
    pub links: &'s Links,
}

impl At<'_, '_> {
    pub fn link(&self, kind: Kind, id: &str) -> Option<Link> {
        let i = self.site.lookup(kind, id)?;
        if kind == Kind::Finding && !self.site.is_published_finding(i) {
            return None;
        }
        Some(self.made(kind, i, || self.fresh_link(kind, i, id)))
    }

    /// The link of entity `i` of `kind`, made by `make` if it has not been
    /// at this depth.
    fn made(&self, kind: Kind, i: usize, make: impl FnOnce() -> Link) -> Link {
        let depth = usize::from(!self.root.is_empty());
        let slot = self.links.slot(kind, i, depth);
        slot.get_or_init(make).clone()
    }

    fn fresh_link(&self, kind: Kind, i: usize, id: &str) -> Link {
        Link::new(&self.title_of(kind, i), self.root, &urls::of(kind, id))
    }

    /// The title of an entity, published or not.
    pub fn title(&self, kind: Kind, id: &str) -> Option<String> {
        let i = self.site.lookup(kind, id)?;
        Some(self.title_of(kind, i))
    }

    fn title_of(&self, kind: Kind, i: usize) -> String {
        let project = self.site.project;
        match kind {
            Kind::Borough => project.boroughs[i].meta.title.clone(),
            Kind::Code => project.codes[i].meta.title.clone(),
            Kind::Quote => format!("Quote: {}", self.site.attribution(i)),
            Kind::Finding => project.findings[i].meta.title.clone(),
            Kind::Pathway => project.pathways[i].meta.title.clone(),
            Kind::Page => project.pages[i].meta.title.clone(),
            Kind::Landing => project
                .landing
                .as_ref()
                .map_or_else(String::new, |l| l.meta.title.clone()),
        }
    }

    pub fn links<'a>(&self, kind: Kind, ids: impl IntoIterator<Item = &'a str>) -> Vec<Link> {
        ids.into_iter()
            .filter_map(|id| self.link(kind, id))
            .collect()
    }

    /// The link of finding `f`, published or not.
    pub fn finding_link(&self, f: usize) -> Link {
        let id = &self.site.project.findings[f].id;
        let make = || self.fresh_link(Kind::Finding, f, id);
        match self.site.is_published_finding(f) {
            true => self.made(Kind::Finding, f, make),
            false => make(),
        }
    }
}

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
    /// Evidence quotes (from one borough on a borough report), as [`QuoteView`]s.
    pub quotes: Vec<tera::Value>,
    /// How many those are.
    pub quote_count: usize,
    /// Evidence quotes not already embedded in the narrative.
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

/// A number shown for a code, by the one counting rule: `total` is what is
/// coded to the code or to any code under it, each counted once; `below`
/// is how many of those reach it only through a code under it (so a
/// theme shows "n, of which m in sub-codes", and a code without sub-codes
/// has `below` 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    pub total: usize,
    pub below: usize,
}

/// What is coded to one code (and the codes under it) in some boroughs.
#[derive(Debug, Clone, Default)]
pub struct Coded {
    /// Published findings, in list order (`order:`, then title).
    pub findings: Vec<usize>,
    /// Quotes placed in those boroughs, in file order.
    pub quotes: Vec<usize>,
    pub finding_count: Count,
    pub quote_count: Count,
}

/// Who is coded where: published findings and placed quotes by the code
/// they are coded to directly and the borough they are in. Every count on
/// every page is made from this by [`Coding::coded`], so the codebook, code
/// pages, the matrix and borough reports cannot disagree.
#[derive(Debug, Default)]
pub struct Coding {
    findings: FastMap<(usize, usize), Vec<usize>>,
    quotes: FastMap<(usize, usize), Vec<usize>>,
    /// Each published finding's place in list order.
    rank: FastMap<usize, usize>,
}

impl Coding {
    /// `published` is the published findings in list order.
    pub fn new(site: &Site, published: &[usize]) -> Coding {
        let project = site.project;
        let mut coding = Coding::default();
        for (rank, &f) in published.iter().enumerate() {
            coding.rank.insert(f, rank);
            let meta = &project.findings[f].meta;
            for code in meta.codes.iter().filter_map(|c| site.lookup(Kind::Code, c)) {
                for borough in meta
                    .boroughs
                    .iter()
                    .filter_map(|b| site.lookup(Kind::Borough, b))
                {
                    coding.findings.entry((code, borough)).or_default().push(f);
                }
            }
        }
        for (q, quote) in project.quotes.iter().enumerate() {
            // Placed by the one rule for counts (src/tables/counts.rs).
            let Some(borough) = crate::tables::counts::counted_borough(site, q)
                .and_then(|b| site.lookup(Kind::Borough, b))
            else {
                continue;
            };
            for code in quote
                .meta
                .codes
                .iter()
                .filter_map(|c| site.lookup(Kind::Code, c))
            {
                coding.quotes.entry((code, borough)).or_default().push(q);
            }
        }
        coding
    }

    /// What is coded to `code` or any code under it in `boroughs`, each
    /// finding and quote once, with its counts (see [`Count`]).
    pub fn coded(&self, site: &Site, code: usize, boroughs: &[usize]) -> Coded {
        let codes = site.code_with_descendants(code);
        let gather = |by: &FastMap<(usize, usize), Vec<usize>>| {
            let mut direct: Vec<usize> = Vec::new();
            let mut all: Vec<usize> = Vec::new();
            for &b in boroughs {
                for (i, &c) in codes.iter().enumerate() {
                    let items = by.get(&(c, b)).into_iter().flatten();
                    if i == 0 {
                        direct.extend(items.clone());
                    }
                    all.extend(items);
                }
            }
            direct.sort_unstable();
            direct.dedup();
            all.sort_unstable();
            all.dedup();
            let count = Count {
                total: all.len(),
                below: all.len() - direct.len(),
            };
            (all, count)
        };
        let (mut findings, finding_count) = gather(&self.findings);
        let (quotes, quote_count) = gather(&self.quotes);
        findings.sort_by_key(|f| self.rank.get(f).copied().unwrap_or(usize::MAX));
        Coded {
            findings,
            quotes,
            finding_count,
            quote_count,
        }
    }
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
    fn a_shared_link_reads_as_title_and_url_in_and_out_of_templates() {
        let link = Link::new("Shared records", "../", "codebook/t2-c3.html");
        assert_eq!(link.title(), "Shared records");
        assert_eq!(link.url(), "../codebook/t2-c3.html");
        #[derive(Serialize)]
        struct View {
            codes: Vec<Link>,
            borough: Option<Link>,
        }
        let view = View {
            codes: vec![link.clone(), link],
            borough: None,
        };
        let mut tera = tera::Tera::default();
        let template = "{% for c in view.codes %}<a href=\"{{ c.url }}\">{{ c.title }}</a>{% endfor %}{{ view.borough is none }}";
        tera.add_raw_template("t", template).unwrap();
        let mut context = tera::Context::new();
        context.insert("view", &view);
        let html = tera.render("t", &context).unwrap();
        let one = "<a href=\"../codebook/t2-c3.html\">Shared records</a>";
        assert_eq!(html, format!("{one}{one}true"));
    }

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
