//! The codebook, each code's page and the framework matrix: codes by
//! borough, counted by the one rule of [`super::coding`].

use super::links::{At, Link};
use super::memo::Shown;
use super::views::*;
use super::{Page, Renderer, urls};
use crate::model::Kind;
use crate::resolve::CodeIx;

impl<'s, 'p> Renderer<'s, 'p> {
    fn code_view(&self, at: &At<'_, 'p>, c: CodeIx, depth: usize, with_quotes: bool) -> CodeView {
        let project = self.site.project;
        let code = &project.codes[c];
        let boroughs: Vec<CodeBoroughView> = self
            .site
            .borough_order
            .iter()
            .map(|&b| {
                let borough = &project.boroughs[b];
                let coded = self.coding.coded(self.site, c, &[b]);
                CodeBoroughView {
                    borough: Link::new(
                        &borough.meta.title,
                        at.root,
                        &urls::of(Kind::Borough, &borough.id),
                    ),
                    findings: coded.findings.iter().map(|&f| at.finding_link(f)).collect(),
                    quote_count: coded.quote_count,
                    finding_count: coded.finding_count,
                    quotes: if with_quotes {
                        coded
                            .quotes
                            .iter()
                            .map(|&q| self.quote_value(at, q))
                            .collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        let children = self
            .site
            .code_children
            .get(&Some(c))
            .into_iter()
            .flatten()
            .filter_map(|&child| at.link(Kind::Code, &project.codes[child].id))
            .collect();
        let all = self.coding.coded(self.site, c, &self.site.borough_order);
        CodeView {
            id: code.id.clone(),
            title: label(&code.meta.title).into_owned(),
            url: format!("{}{}", at.root, urls::of(Kind::Code, &code.id)),
            depth,
            html: self.body_html(at, code),
            parent: self
                .site
                .code_parent(c)
                .and_then(|p| at.link(Kind::Code, &project.codes[p].id)),
            children,
            quote_count: all.quote_count,
            finding_count: all.finding_count,
            boroughs,
        }
    }

    pub(super) fn code(&self, c: CodeIx, depth: usize, shown: &Shown) -> Page {
        let code = &self.site.project.codes[c];
        let path = urls::of(Kind::Code, &code.id);
        let mut data = tera::Context::new();
        data.insert(
            "code",
            &self.code_view(&self.at(&path, shown), c, depth, true),
        );
        // Marked in the menu as the part of the site this page is in.
        data.insert("section", urls::CODEBOOK);
        Page {
            path,
            template: "code.html",
            title: code.meta.title.clone(),
            origin: Some(code.file),
            data,
        }
    }

    pub(super) fn codebook(&self, shown: &Shown) -> Page {
        let at = self.at(urls::CODEBOOK, shown);
        let codes: Vec<CodeView> = self
            .site
            .code_tree()
            .into_iter()
            .map(|(c, depth)| self.code_view(&at, c, depth, false))
            .collect();
        let mut data = tera::Context::new();
        data.insert("codes", &codes);
        data.insert("boroughs", &self.borough_links(&at));
        Page {
            path: urls::CODEBOOK.into(),
            template: "codebook.html",
            title: "Codebook".into(),
            origin: None,
            data,
        }
    }

    pub(super) fn matrix(&self, shown: &Shown) -> Page {
        let project = self.site.project;
        let at = self.at(urls::MATRIX, shown);
        let rows: Vec<MatrixRow> = self
            .site
            .code_tree()
            .into_iter()
            .filter_map(|(c, depth)| {
                let cells = self
                    .site
                    .borough_order
                    .iter()
                    .map(|&b| {
                        // The one counting rule: a theme counts its codes.
                        let coded = self.coding.coded(self.site, c, &[b]);
                        MatrixCell {
                            empty: coded.findings.is_empty() && coded.quote_count.total == 0,
                            findings: coded.findings.iter().map(|&f| at.finding_link(f)).collect(),
                            quote_count: coded.quote_count,
                            finding_count: coded.finding_count,
                        }
                    })
                    .collect();
                Some(MatrixRow {
                    code: at.link(Kind::Code, &project.codes[c].id)?,
                    depth,
                    theme: depth == 0,
                    cells,
                })
            })
            .collect();
        let mut data = tera::Context::new();
        data.insert("rows", &rows);
        data.insert("boroughs", &self.borough_links(&at));
        Page {
            path: urls::MATRIX.into(),
            template: "matrix.html",
            title: "Framework matrix".into(),
            origin: None,
            data,
        }
    }
}
