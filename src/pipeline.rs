//! The only orchestrator: load → parse → resolve → check → render → scan
//! output. `build`, `check` and `serve` all call [`run`]; what happens to the
//! rendered files afterwards (written to disk, kept in memory, dropped) is
//! the caller's choice.

use crate::anonymity::gate::{self, Gated};
use crate::anonymity::{self, AllowanceUsed};
use crate::diag::{Diagnostic, Diagnostics};
use crate::memo::{self, Memo};
use crate::render::{self, theme};
use crate::source::Sources;
use crate::{config, load, parse, resolve};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What the pipeline is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub include_drafts: bool,
    /// Keep the rendered pages in the outcome (to write or serve them). A
    /// check only needs to know they pass the gate.
    pub keep: bool,
    /// The identifiers list given on purpose from outside the settings
    /// (the `EVALSITE_IDENTIFIERS` environment variable, read by `main`),
    /// in place of the one the settings name; it may be anywhere.
    pub identifiers: Option<PathBuf>,
}

/// Counts for the build summary.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub pages: usize,
    pub quotes: usize,
    pub findings: usize,
    pub allowances: Vec<(String, String, String)>,
    /// Why the project has no identifiers list (`identifiers: none`).
    pub no_identifiers: Option<String>,
    /// The identifiers list the checks read, and the project's theme
    /// folder (which may not exist): with content/ and private/, what the
    /// output folder may not replace.
    pub identifiers_list: Option<PathBuf>,
    pub theme_folder: PathBuf,
}

/// The result of one run: every diagnostic, the sources they point into, and
/// the rendered site when there were no errors (it passed the gate).
pub struct Outcome {
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    pub rendered: Option<Gated>,
    pub summary: Summary,
    /// How long each stage took, in order, for `EVALSITE_TIMINGS=1` and the
    /// benchmark; stages that ran alongside each other share one entry.
    pub timings: Vec<(&'static str, Duration)>,
    /// How long each of the stages that ran alongside each other took.
    pub within: Vec<Within>,
    /// What this run did itself rather than reuse from the previous run
    /// (filled by [`rerun`]; [`run`] reuses nothing).
    pub work: Work,
}

/// What one run did itself: with a [`Memo`], files unchanged since the
/// previous run are neither parsed nor scanned again, and after a change to
/// bodies alone only the pages showing them are rendered.
#[derive(Debug, Clone, Default)]
pub struct Work {
    /// Files read from disk.
    pub read: usize,
    /// Markdown files parsed.
    pub parsed: usize,
    /// Files scanned by the anonymisation checks.
    pub scanned: usize,
    /// Pages rendered, by path.
    pub rendered: Vec<String>,
    /// Files the gate read (the others passed it before, byte for byte).
    pub gated: usize,
}

impl Outcome {
    /// Stage timings on standard error when `EVALSITE_TIMINGS` is set (for
    /// the benchmark), with the caller's own stage (writing) after them.
    pub fn print_timings(&self, after: Option<Duration>) {
        if std::env::var_os("EVALSITE_TIMINGS").is_none() {
            return;
        }
        let after = after.map(|d| ("write", d));
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        for (stage, duration) in self.timings.iter().copied().chain(after) {
            eprintln!("timing: {stage} {:.1}", ms(duration));
        }
        for Within { stage, lap, took } in &self.within {
            eprintln!("timing: {stage} {:.1} within {lap}", ms(*took));
        }
    }
}

/// Runs `f`, and says how long it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

/// Measures stages one after another.
struct Stopwatch {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
    /// Stages that ran alongside each other, each timed on its own, with
    /// the lap they ran within.
    within: Vec<Within>,
}

impl Stopwatch {
    fn start() -> Stopwatch {
        Stopwatch {
            last: Instant::now(),
            laps: Vec::new(),
            within: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }

    /// Notes how long `stage`, one of those that ran alongside each other
    /// in the last lap, took on its own.
    fn within(&mut self, stage: &'static str, took: Duration) {
        if let Some(&(lap, _)) = self.laps.last() {
            self.within.push(Within { stage, lap, took });
        }
    }
}

/// How long a stage that ran alongside another took on its own.
#[derive(Debug, Clone, Copy)]
pub struct Within {
    pub stage: &'static str,
    /// The lap (named for the stages in it) it ran within.
    pub lap: &'static str,
    pub took: Duration,
}

/// Runs the whole pipeline. `Err` only for failures that are not the
/// researcher's input (I/O and the like).
pub fn run(options: &Options) -> anyhow::Result<Outcome> {
    run_with(options, None)
}

/// Runs the whole pipeline, reusing what `memo` kept from the previous run
/// for whatever has not changed since, and refilling it. Gives exactly what
/// [`run`] gives.
pub fn rerun(options: &Options, memo: &mut Memo) -> anyhow::Result<Outcome> {
    run_with(options, Some(memo))
}

fn run_with(options: &Options, mut memo: Option<&mut Memo>) -> anyhow::Result<Outcome> {
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut clock = Stopwatch::start();
    let root = options.root.as_path();
    let loaded = load::load_config(root, &mut out, memo.as_deref_mut().map(|m| &mut m.load))?;
    let config_file = loaded.config.map(|id| (id, loaded.sources.get(id)));
    let settings = config::parse(config_file, &mut out);
    let load_memo = memo.as_deref_mut().map(|m| &mut m.load);
    let list = match (&options.identifiers, &settings.no_identifiers) {
        (Some(given), _) => load::ListAt::Given(given),
        (None, Some(_)) => load::ListAt::None,
        (None, None) => load::ListAt::Setting(&settings.identifiers),
    };
    let identifiers_list = match list {
        load::ListAt::Given(path) => Some(path.to_path_buf()),
        load::ListAt::Setting(relative) => Some(root.join(relative)),
        load::ListAt::None => None,
    };
    let loaded = load::load_content(root, loaded, list, &mut out, load_memo)?;
    clock.lap("load");
    let parse_memo = memo.as_deref_mut().map(|m| &mut m.parse);
    let mut project = parse::parse(loaded, settings, &mut out, parse_memo);
    clock.lap("parse");
    let theme_name = project.config.theme.clone();
    let mut theme = theme::load(root, &theme_name, &mut project.sources, &mut out)?;
    clock.lap("theme");
    let site = resolve::resolve(&project, options.include_drafts, &mut out);
    clock.lap("resolve");
    // Without a memo (a build or a check, not serve mode), what the pages
    // are made from does not depend on what the checks find: the pages are
    // made while the sources are checked, each filling the cores where the
    // other leaves them idle.
    let together = memo.is_none();
    let checks_memo = memo.as_deref_mut().map(|m| &mut m.checks);
    let mut render_out = Vec::new();
    let (checked, made) = match &mut theme {
        Some(theme) if together => {
            let ((checked, checking), (made, rendering)) = rayon::join(
                || timed(|| anonymity::check_sources(&site, &mut out, checks_memo)),
                || {
                    // Nothing renders again after a build: what the pages
                    // were made from is let go before the gate.
                    timed(|| Some(render::render(&site, theme, false, &mut render_out)))
                },
            );
            clock.lap("check+render");
            clock.within("check", checking);
            clock.within("render", rendering);
            (checked, made)
        }
        _ => {
            let checked = anonymity::check_sources(&site, &mut out, checks_memo);
            clock.lap("check");
            // Serve mode: the pages are made once the sources are checked,
            // and only those a change shows on.
            (checked, None)
        }
    };
    let source_errors = out.iter().any(Diagnostic::is_error);
    out.append(&mut render_out);
    let mut work = Work::default();
    if let Some(memo) = memo.as_deref() {
        work.read = memo.load.read;
        work.parsed = memo.parse.parsed;
        work.scanned = memo.checks.scanned;
    }
    let mut rendered = None;
    let mut pages = 0;
    // The last good build, taken from the memo while this run renders.
    let mut base = memo.as_deref_mut().and_then(|m| m.base.take());
    let next_base;
    let inputs = theme.as_ref().map(|theme| gate::Inputs {
        checked: &checked,
        sources: &project.sources,
        templates: theme.template_files.values().copied().collect(),
        theme_folder: format!("themes/{theme_name}/static"),
    });
    match (made, &mut theme, &inputs) {
        (made, Some(theme), Some(inputs)) => {
            let prints = memo.is_some().then(|| memo::fingerprint(&project));
            // After a change to bodies alone, only the pages showing those bodies
            // are rendered; the rest are the last good build's.
            let changed = base
                .as_ref()
                .zip(prints.as_deref())
                .and_then(|(base, now)| base.changed_bodies(now));
            let fresh = match (made, &mut base, &changed) {
                (Some(rendered), ..) => rendered,
                (_, Some(base), Some(changed)) => {
                    let fresh =
                        render::rerender(&site, theme, &mut base.rendered.memo, changed, &mut out);
                    clock.lap("render");
                    fresh
                }
                _ => {
                    let fresh = render::render(&site, theme, prints.is_some(), &mut out);
                    clock.lap("render");
                    fresh
                }
            };
            work.rendered = fresh.files.keys().cloned().collect();
            let gate_memo = memo.as_deref_mut().map(|m| &mut m.checks.gate);
            let partial = changed.is_some() && base.is_some();
            // The whole site as it would be served or written, gated once.
            let gated = match (source_errors, prints.is_some(), partial) {
                (true, ..) => None,
                (false, false, _) => {
                    gate::gate(inputs, fresh, gate_memo, &mut out).map(|g| (g, None))
                }
                (false, true, false) => {
                    let whole = fresh.pages();
                    gate::gate(inputs, whole, gate_memo, &mut out).map(|g| (g, Some(fresh)))
                }
                (false, true, true) => {
                    let mut whole = base
                        .as_ref()
                        .map(|b| b.rendered.pages())
                        .unwrap_or_default();
                    whole.update(fresh.pages());
                    gate::gate(inputs, whole, gate_memo, &mut out).map(|g| (g, Some(fresh)))
                }
            };
            clock.lap("gate");
            if let Some(m) = memo.as_deref() {
                work.gated = m.checks.gate.read;
            }
            let failed = out.iter().any(Diagnostic::is_error);
            match (gated, prints) {
                (Some((gated, Some(fresh))), Some(prints)) if !failed => {
                    let whole = match (partial, base.take()) {
                        (true, Some(mut base)) => {
                            base.rendered.update(fresh);
                            base.rendered
                        }
                        _ => fresh,
                    };
                    next_base = Some(memo::Base {
                        rendered: whole,
                        prints,
                    });
                    rendered = Some(gated);
                }
                (gated, _) => {
                    // A failed run leaves the last good build as it was.
                    next_base = base.take();
                    rendered = gated.map(|(gated, _)| gated);
                }
            }
        }
        _ => next_base = base,
    }
    if let Some(rendered) = &rendered {
        pages = rendered
            .files()
            .keys()
            .filter(|p| p.ends_with(".html"))
            .count();
    }
    let mut summary = summarise(&project, &site, &checked.allowances, pages);
    summary.no_identifiers = project.config.no_identifiers.clone();
    summary.identifiers_list = identifiers_list;
    summary.theme_folder = root.join("themes").join(&project.config.theme);
    drop_knock_ons(&mut out, &project.sources);
    let mut diagnostics = Diagnostics::default();
    for diagnostic in out {
        diagnostics.push(diagnostic);
    }
    diagnostics.sort();
    let rendered = rendered.filter(|_| options.keep && !diagnostics.has_errors());
    drop(site);
    let sources = std::mem::take(&mut project.sources);
    if let Some(memo) = memo {
        memo.base = next_base;
        memo.parse.keep(project);
    }
    Ok(Outcome {
        sources,
        diagnostics,
        rendered,
        summary,
        timings: clock.laps,
        within: clock.within,
        work,
    })
}

/// A front matter value of the wrong kind is reported and the file kept
/// without it (see [`crate::yaml::Yaml::read`]): what a later stage says
/// about the field left out (no codes, say) is a knock-on of the one
/// mistake, so it is dropped where it points at the same line (but for
/// what the anonymisation checks find).
fn drop_knock_ons(out: &mut Vec<Diagnostic>, sources: &Sources) {
    let line_of = |d: &Diagnostic| {
        let span = d.span.as_ref()?;
        Some((
            span.file,
            sources.get(span.file).line_column(span.range.start).0,
        ))
    };
    let wrong: Vec<_> = out
        .iter()
        .filter(|d| d.code == "yaml::invalid-value")
        .filter_map(line_of)
        .collect();
    if wrong.is_empty() {
        return;
    }
    // What the anonymisation checks find is never held back, nor a file
    // that is not UTF-8 (the cause of what the YAML reader says of it).
    let kept = |d: &Diagnostic| {
        ["yaml::", "anonymity::", "load::"]
            .iter()
            .any(|kind| d.code.starts_with(kind))
    };
    out.retain(|d| kept(d) || line_of(d).is_none_or(|l| !wrong.contains(&l)));
}

fn summarise(
    project: &parse::Project,
    site: &resolve::Site,
    allowances: &[AllowanceUsed],
    pages: usize,
) -> Summary {
    Summary {
        pages,
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
        ..Summary::default()
    }
}

/// The default output folder of a project.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("site")
}
