//! Links as templates see them (`title` and `url`, relative to the page),
//! each made once per entity and depth and shared by every page's data
//! ([`Links`]), and [`At`], which makes them for one page. Does not decide
//! which links a page shows.

use super::memo::Shown;
use super::urls;
use super::views::label;
use crate::model::Kind;
use crate::resolve::{FindingIx, Site};
use serde::Serialize;
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
    /// Where the bodies shown on the page are noted.
    pub shown: &'s Shown,
}

impl At<'_, '_> {
    pub fn link(&self, kind: Kind, id: &str) -> Option<Link> {
        let i = self.site.lookup(kind, id)?;
        if kind == Kind::Finding && !self.site.is_published_finding(FindingIx(i)) {
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
        self.note_attribution(kind, i);
        Some(self.title_of(kind, i))
    }

    /// A quote's title (the text of a link to it written without text)
    /// prints its attribution: the page shows where the quote comes from,
    /// so the quote is noted as shown there (the gate holds a page about a
    /// borough to k for every quote it attributes).
    fn note_attribution(&self, kind: Kind, i: usize) {
        if kind == Kind::Quote {
            self.shown.note(self.site.project.quotes[i].file);
        }
    }

    fn title_of(&self, kind: Kind, i: usize) -> String {
        self.site.title_of(kind, i)
    }

    pub fn links<'a>(&self, kind: Kind, ids: impl IntoIterator<Item = &'a str>) -> Vec<Link> {
        ids.into_iter()
            .filter_map(|id| self.link(kind, id))
            .collect()
    }

    /// The link of finding `f`, published or not.
    pub fn finding_link(&self, f: FindingIx) -> Link {
        let id = &self.site.project.findings[f].id;
        let make = || self.fresh_link(Kind::Finding, f.0, id);
        match self.site.is_published_finding(f) {
            true => self.made(Kind::Finding, f.0, make),
            false => make(),
        }
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
}
