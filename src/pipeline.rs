//! The only orchestrator: load → parse → resolve → check → render → scan
//! output. `build`, `check` and `serve` all call [`run`]; what happens to the
//! rendered files afterwards (written to disk, kept in memory, dropped) is
//! the caller's choice.

use crate::anonymity::{self, AllowanceUsed};
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::{self, Rendered, theme};
use crate::source::Sources;
use crate::{config, load, parse, resolve};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What the pipeline is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub include_drafts: bool,
    /// Render pages (and scan them); `check` without rendering still compiles templates.
    pub render: bool,
}

/// Counts for the build summary.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub pages: usize,
    pub quotes: usize,
    pub findings: usize,
    pub allowances: Vec<(String, String, String)>,
}

/// The result of one run: every diagnostic, the sources they point into, and
/// the rendered site when there were no errors.
pub struct Outcome {
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    pub rendered: Option<Rendered>,
    pub summary: Summary,
    /// How long each stage took, in order, for `EVALSITE_TIMINGS=1` and the benchmark.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Measures stages one after another.
struct Stopwatch {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    fn start() -> Stopwatch {
        Stopwatch {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// Runs the whole pipeline. `Err` only for failures that are not the
/// researcher's input (I/O and the like).
pub fn run(options: &Options) -> anyhow::Result<Outcome> {
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut clock = Stopwatch::start();
    let root = options.root.as_path();
    let loaded = load::load_config(root, &mut out)?;
    let config_file = loaded.config.map(|id| (id, loaded.sources.get(id)));
    let settings = config::parse(config_file, &mut out);
    let loaded = load::load_content(root, loaded, &settings.identifiers, &mut out)?;
    clock.lap("load");
    let mut project = parse::parse(loaded, settings, &mut out);
    let theme_name = project.config.theme.clone();
    let mut theme = theme::load(root, &theme_name, &mut project.sources, &mut out)?;
    clock.lap("parse");
    let site = resolve::resolve(&project, options.include_drafts, &mut out);
    clock.lap("resolve");
    let checked = anonymity::check_sources(&site, &mut out);
    clock.lap("check");
    let source_errors = out.iter().any(Diagnostic::is_error);
    let mut rendered = None;
    if options.render
        && let Some(theme) = &mut theme
    {
        let pages = render::render(&site, theme, &mut out);
        clock.lap("render");
        if !source_errors {
            anonymity::check_output(&checked, &pages, &mut out);
        }
        clock.lap("output-scan");
        rendered = Some(pages);
    }
    let summary = summarise(&project, &site, &checked.allowances, rendered.as_ref());
    let mut diagnostics = Diagnostics::default();
    for diagnostic in out {
        diagnostics.push(diagnostic);
    }
    diagnostics.sort();
    let rendered = rendered.filter(|_| !diagnostics.has_errors());
    drop(site);
    Ok(Outcome {
        sources: project.sources,
        diagnostics,
        rendered,
        summary,
        timings: clock.laps,
    })
}

fn summarise(
    project: &parse::Project,
    site: &resolve::Site,
    allowances: &[AllowanceUsed],
    rendered: Option<&Rendered>,
) -> Summary {
    Summary {
        pages: rendered.map_or(0, |r| {
            r.files.keys().filter(|p| p.ends_with(".html")).count()
        }),
        quotes: project.quotes.len(),
        findings: site.published_findings().len(),
        allowances: allowances
            .iter()
            .map(|a| {
                (
                    project.sources.name(a.file).to_string(),
                    a.term.clone(),
                    a.reason.clone(),
                )
            })
            .collect(),
    }
}

/// The default output folder of a project.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("site")
}
