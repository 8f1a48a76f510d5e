//! The navigation every page shares and the site's title, built once per build.

use super::urls;
use crate::model::{Doc, Kind};
use crate::resolve::Site;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    title: String,
    /// Site-relative; templates prefix `root` and compare it with `current`.
    path: String,
    children: Vec<NavItem>,
}

fn item(title: &str, path: String, children: Vec<NavItem>) -> NavItem {
    NavItem {
        title: title.to_string(),
        path,
        children,
    }
}

pub fn site_title(site: &Site) -> String {
    let project = site.project;
    project
        .config
        .title
        .clone()
        .or_else(|| project.landing.as_ref().map(|l| l.meta.title.clone()))
        .unwrap_or_else(|| "Evaluation report".to_string())
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
