//! The navigation every page shares and the site's title, built once per
//! build, and the menu drawn from them once per state it can be in.

use super::theme::Theme;
use super::urls;
use crate::hash::FastMap;
use crate::model::{Doc, Kind};
use crate::resolve::Site;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    title: String,
    /// Site-relative; templates prefix `root` and compare it with `current`.
    path: String,
    children: Vec<NavItem>,
    /// In the menu partial: "page" on this page's item, "true" on the item
    /// of the part of the site it is in, else empty (always empty in `nav`).
    current: &'static str,
}

fn item(title: &str, path: String, children: Vec<NavItem>) -> NavItem {
    NavItem {
        title: super::views::label(title).into_owned(),
        path,
        children,
        current: "",
    }
}

/// The partial that draws the menu.
pub const MENU_PARTIAL: &str = "partials/nav.html";

/// The menu as HTML (`nav_html`), drawn by [`MENU_PARTIAL`] once for each
/// state it can be in, rather than on every page: at each folder depth,
/// unmarked or with one item marked as the page's or its section's.
pub struct Menus {
    /// By depth and the marked item's path: marked as the page, and as its section.
    marked: [FastMap<String, [tera::Value; 2]>; 2],
    plain: [tera::Value; 2],
}

impl Menus {
    /// Draws every state of the menu `nav` with `tera`.
    pub fn draw(nav: &[NavItem], theme: &Theme) -> Result<Menus, tera::Error> {
        let draw = |nav: &[NavItem], depth: usize| -> Result<tera::Value, tera::Error> {
            let mut context = tera::Context::new();
            context.insert("nav", nav);
            context.insert("root", ["", "../"][depth]);
            Ok(theme.render_text(MENU_PARTIAL, &context)?.into())
        };
        let mut paths = Vec::new();
        for item in nav {
            paths.extend(item.children.iter().map(|c| c.path.clone()));
            if !item.path.is_empty() {
                paths.push(item.path.clone());
            }
        }
        let mut marked: [FastMap<String, [tera::Value; 2]>; 2] = Default::default();
        for (depth, marked) in marked.iter_mut().enumerate() {
            for path in &paths {
                let page = draw(&with_mark(nav, path, "page"), depth)?;
                let section = draw(&with_mark(nav, path, "true"), depth)?;
                marked.insert(path.clone(), [page, section]);
            }
        }
        Ok(Menus {
            marked,
            plain: [draw(nav, 0)?, draw(nav, 1)?],
        })
    }

    /// The menu of a page at `depth` (0 at the top of the site, 1 in a
    /// folder) in the part of the site `section`, whose own path is `current`.
    pub fn of(&self, depth: usize, section: &str, current: &str) -> tera::Value {
        match self.marked[depth].get(section) {
            Some([page, _]) if section == current => page.clone(),
            Some([_, section]) => section.clone(),
            None => self.plain[depth].clone(),
        }
    }
}

/// `nav` with the item of `path` marked `current`.
fn with_mark(nav: &[NavItem], path: &str, current: &'static str) -> Vec<NavItem> {
    nav.iter()
        .map(|item| NavItem {
            current: if item.path == path { current } else { "" },
            children: with_mark(&item.children, path, current),
            ..item.clone()
        })
        .collect()
}

pub fn site_title(site: &Site) -> String {
    let project = site.project;
    project
        .config
        .title
        .clone()
        .or_else(|| project.landing.as_ref().map(|l| l.meta.title.clone()))
        .map_or_else(
            || "Evaluation report".to_string(),
            |title| super::views::label(&title).into_owned(),
        )
}

/// Overview, the boroughs, findings, codebook, matrix, pathways, quotes and the free pages.
pub fn navigation(site: &Site) -> Vec<NavItem> {
    let project = site.project;
    let boroughs: Vec<NavItem> = site
        .borough_order
        .iter()
        .map(|&b| {
            let borough = &project.boroughs[b];
            item(
                &borough.meta.title,
                urls::of(Kind::Borough, &borough.id),
                vec![],
            )
        })
        .collect();
    let mut nav = vec![item("Overview", urls::INDEX.into(), vec![])];
    if !boroughs.is_empty() {
        nav.push(item("Boroughs", String::new(), boroughs));
    }
    nav.push(item("Findings", urls::FINDINGS.into(), vec![]));
    nav.push(item("Codebook", urls::CODEBOOK.into(), vec![]));
    nav.push(item("Matrix", urls::MATRIX.into(), vec![]));
    if !project.pathways.is_empty() {
        nav.push(item("Pathways", urls::PATHWAYS.into(), vec![]));
    }
    nav.push(item("Quotes", urls::QUOTES.into(), vec![]));
    let mut pages: Vec<&Doc<_>> = project.pages.iter().collect();
    pages.sort_by(|a, b| {
        (a.meta.order.unwrap_or(i64::MAX), &a.meta.title)
            .cmp(&(b.meta.order.unwrap_or(i64::MAX), &b.meta.title))
    });
    for page in pages {
        nav.push(item(
            &page.meta.title,
            urls::of(Kind::Page, &page.id),
            vec![],
        ));
    }
    nav
}
