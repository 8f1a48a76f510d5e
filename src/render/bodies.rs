//! Bodies and quotes as pages show them: each body's Markdown as HTML, its
//! entity links and embeds resolved for the page ([`PageLinks`]), and each
//! quote's template data with its figure, made once per depth and shared.
//! Does not decide which page shows what.

use super::links::At;
use super::memo::Shown;
use super::run::template_failure;
use super::views::*;
use super::{PageLinks, Renderer, maps, urls};
use crate::diag::Diagnostic;
use crate::markdown;
use crate::model::{Doc, Kind};
use crate::resolve::{PathwayIx, QuoteIx};
use crate::source::FileId;
use crate::tables;
use rayon::prelude::*;

/// The partial that draws one quote: made once per quote and depth, and
/// given to templates as the quote's `figure`.
const QUOTE_PARTIAL: &str = "partials/quote.html";

/// Whether a quote is set in quotation marks: words someone said are;
/// field notes and documents (whose text quotes what it quotes itself)
/// are not, nor is a body that already ends with a closing quotation mark
/// (a second one would be doubled).
fn quote_marks(quote: &crate::model::Quote, body: &str) -> bool {
    use crate::model::QuoteSource;
    let said = !matches!(
        quote.meta.source,
        Some(QuoteSource::FieldNotes | QuoteSource::Document)
    ) && (quote.meta.participant.is_some() || quote.meta.source.is_some());
    let closes = body
        .trim_end()
        .ends_with(['"', '\u{201D}', '\u{2019}', '\'']);
    said && !closes
}

/// A quote value's `figure` (empty if its partial failed, which is reported).
pub(super) fn figure_of(quote: &tera::Value) -> &str {
    quote
        .get_from_path("figure")
        .and_then(tera::Value::as_str)
        .unwrap_or("")
}

impl markdown::Links for PageLinks<'_, '_, '_> {
    fn href(&self, kind: Kind, id: &str) -> Option<String> {
        self.at.link(kind, id).map(|l| l.url().to_string())
    }

    fn title(&self, kind: Kind, id: &str) -> String {
        self.at.title(kind, id).unwrap_or_else(|| id.to_string())
    }

    fn embed(&self, kind: Kind, id: &str) -> String {
        let Some(index) = self.at.site.lookup(kind, id) else {
            return String::new();
        };
        match kind {
            // A quote set inside itself would never end, one too deep would
            // grow every page that shows it (an error already).
            Kind::Quote if self.at.site.quote_never_embedded[QuoteIx(index)] => String::new(),
            Kind::Quote => {
                figure_of(&self.renderer.quote_value(&self.at, QuoteIx(index))).to_string()
            }
            Kind::Pathway => {
                let mut context = tera::Context::new();
                context.insert("map", &maps::map_view(&self.at, PathwayIx(index)));
                context.insert("root", self.at.root);
                self.renderer
                    .theme
                    .render_text("partials/map.html", &context)
                    .unwrap_or_default()
            }
            _ => String::new(),
        }
    }

    fn participant_table(&self, spec: &str) -> String {
        // A table that names no field is an error, reported by `resolve`.
        let Ok(parsed) = tables::Spec::parse(spec) else {
            return String::new();
        };
        let table = tables::table(
            &self.renderer.registry(),
            parsed,
            self.at.site.project.config.k,
        );
        let mut context = tera::Context::new();
        context.insert("table", &table);
        let renderer = self.renderer;
        renderer
            .theme
            .render_text(tables::PARTIAL, &context)
            .unwrap_or_else(|error| {
                let diagnostic = *template_failure(renderer.theme, &error, tables::PARTIAL);
                let mut failed = renderer
                    .failed_pieces
                    .lock()
                    .unwrap_or_else(|e| e.into_inner());
                failed.push((diagnostic, format!("the participant table `{spec}`")));
                String::new()
            })
    }
}

impl<'s, 'p> Renderer<'s, 'p> {
    /// A body as HTML (template data, shared), noting on this page the
    /// bodies it shows.
    pub(super) fn body_html<M>(&self, at: &At<'_, 'p>, doc: &Doc<M>) -> tera::Value {
        // Only entity links and embeds depend on where the page is; a body
        // without them is the same HTML at every depth, made once.
        let depth = usize::from(!at.root.is_empty() && !doc.refs.is_empty());
        let html = self.bodies.get(doc.file.0, depth, at.shown, |shown| {
            shown.note(doc.file);
            let text = &self.site.project.sources.text(doc.file)[doc.body.clone()];
            let links = PageLinks {
                renderer: self,
                at: At { shown, ..*at },
            };
            markdown::to_html(text, &links).into()
        });
        if let Some(text) = html.as_str() {
            self.note_fragment(doc.file, || text.to_string());
        }
        html
    }

    /// Keeps `text` as set on a page, if `file` has an allowance.
    pub(super) fn note_fragment(&self, file: FileId, text: impl FnOnce() -> String) {
        if self.allowing.contains_key(&file) {
            let mut fragments = self.fragments.lock().unwrap_or_else(|e| e.into_inner());
            fragments.entry(file).or_default().insert(text());
        }
    }

    /// Every quote's data for pages one folder down, made in parallel
    /// before the pages that show them (a code's page would otherwise make
    /// hundreds on one thread while the other cores wait). Pages at the top
    /// of the site show few quotes (the quote list's first page, a hundred
    /// by default) and make theirs as they go.
    pub(super) fn make_quotes(&self) {
        (0..self.site.project.quotes.len())
            .into_par_iter()
            .map(QuoteIx)
            .for_each(|q| {
                // Shown on no page yet: each page that shows the quote
                // notes what it shows when it takes it.
                let shown = Shown::default();
                let at = At {
                    site: self.site,
                    root: "../",
                    links: self.links,
                    shown: &shown,
                };
                self.quote_value(&at, q);
            });
    }

    /// A quote's [`QuoteView`] as template data with its `figure`, made
    /// once per depth.
    pub(super) fn quote_value(&self, at: &At<'_, 'p>, q: QuoteIx) -> tera::Value {
        let depth = usize::from(!at.root.is_empty());
        self.quotes.get(q.0, depth, at.shown, |shown| {
            let at = At { shown, ..*at };
            let quote = tera::Value::from_serializable(&self.quote_view(&at, q));
            self.with_figure(quote, &at, q)
        })
    }

    /// `quote` with its `figure` field: the quote partial rendered for it,
    /// once, for every page that shows the quote (a partial sees only
    /// `quote` and `root`, so the figure is the same on all of them).
    fn with_figure(&self, quote: tera::Value, at: &At<'_, 'p>, q: QuoteIx) -> tera::Value {
        let mut context = tera::Context::new();
        context.insert_value("quote", quote);
        context.insert("root", at.root);
        let figure = self.theme.render_text(QUOTE_PARTIAL, &context);
        let quote = context.remove("quote").unwrap_or_else(tera::Value::none);
        let figure = figure.unwrap_or_else(|error| {
            let id = &self.site.project.quotes[q].id;
            let diagnostic = (*template_failure(self.theme, &error, QUOTE_PARTIAL)).note(
                "a quote's partial is drawn once for every page that shows the quote, with only `quote` and `root` (and `site_title`)",
            );
            self.piece_failed(diagnostic, id);
            String::new()
        });
        let Some(mut fields) = quote.into_map() else {
            return tera::Value::none();
        };
        fields.insert("figure".into(), figure.into());
        fields.into()
    }

    /// Notes a problem met while making a quote's figure, to be reported
    /// once the pages are made.
    fn piece_failed(&self, diagnostic: Diagnostic, quote: &str) {
        let mut failed = self.failed_pieces.lock().unwrap_or_else(|e| e.into_inner());
        failed.push((diagnostic, format!("the figure of the quote {quote}")));
    }

    pub(super) fn quote_view(&self, at: &At<'_, 'p>, q: QuoteIx) -> QuoteView {
        let quote = &self.site.project.quotes[q];
        let html = self.body_html(at, quote);
        QuoteView {
            id: quote.id.clone(),
            url: format!("{}{}", at.root, urls::of(Kind::Quote, &quote.id)),
            html,
            attribution: self.site.attribution(q),
            // A quote without a participant is attributed by its source
            // already ("Field notes, Borough A"): not named twice.
            source: match self.site.quote_participant[q] {
                Some(_) => quote.meta.source.map_or("", |s| s.label()).to_string(),
                None => String::new(),
            },
            marks: quote_marks(
                quote,
                &self.site.project.sources.text(quote.file)[quote.body.clone()],
            ),
            borough: self
                .site
                .published_borough(q)
                .and_then(|b| at.link(Kind::Borough, b)),
            codes: at.links(Kind::Code, quote.meta.codes.iter().map(String::as_str)),
            findings: self.site.quote_findings[q]
                .iter()
                .map(|&f| at.finding_link(f))
                .collect(),
        }
    }
}
