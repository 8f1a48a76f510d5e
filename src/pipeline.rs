//! The only orchestrator: load → parse → theme → resolve → check → render →
//! gate (→ write). `build`, `check` and `serve` all call [`run`], saying
//! which they are with a [`Mode`]; a build's files are written into the
//! output folder as the gate lets each through ([`output::Writing`]), and
//! put in place once the whole site has passed; the preview serves them
//! from memory. Serve mode's reuse of the previous run is in
//! [`crate::reuse`], the stage timings in [`crate::timings`].

use crate::anonymity::gate::{self, Gated};
use crate::anonymity::{self, Checked};
use crate::diag::{Diagnostic, Diagnostics};
use crate::memo::{Memo, Work};
use crate::render::{
    self, Rendered,
    theme::{self, Theme},
};
use crate::resolve::Site;
use crate::source::Sources;
use crate::timings::{Stopwatch, Timings, timed};
use crate::{config, load, output, parse, resolve, reuse};
use std::path::{Path, PathBuf};

/// Which command the run is for.
pub enum Mode<'m> {
    /// Every check, the pages made and gated too (the gate is a check),
    /// then let go.
    Check,
    /// As a check, keeping the gated pages for the caller.
    Build,
    /// As a build, writing the gated pages into the output folder at this
    /// path ([`Outcome::written`]).
    Write(&'m Path),
    /// As a build, reusing what `memo` kept from the previous run for what
    /// has not changed since, and refilling it. Gives exactly what a build
    /// gives (tests/incremental.rs holds it to that).
    /// `early` is handed each rebuild's pages as soon as they are made,
    /// to show one by one as each passes the gate on its own
    /// ([`gate::Early`]), before the whole site has.
    Serve(&'m mut Memo, reuse::Early<'m>),
}

impl Mode<'_> {
    fn memo(&mut self) -> Option<&mut Memo> {
        match self {
            Mode::Serve(memo, _) => Some(memo),
            Mode::Check | Mode::Build | Mode::Write(_) => None,
        }
    }

    /// Where a build writes its site.
    fn output(&self) -> Option<&Path> {
        match self {
            Mode::Write(dir) => Some(dir),
            Mode::Check | Mode::Build | Mode::Serve(..) => None,
        }
    }

    /// Serve mode's memo and what it does with a rebuild's pages early.
    fn serve(&mut self) -> Option<(&mut Memo, reuse::Early<'_>)> {
        match self {
            Mode::Serve(memo, early) => Some((memo, *early)),
            Mode::Check | Mode::Build | Mode::Write(_) => None,
        }
    }
}

/// What the pipeline is asked to do, the environment already read by `main`.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub include_drafts: bool,
    /// The identifiers list given on purpose from outside the settings
    /// (the `EVALSITE_IDENTIFIERS` environment variable, read by `main`),
    /// in place of the one the settings name; it may be anywhere.
    pub identifiers: Option<PathBuf>,
    /// Whether the caller prints the stage timings (`EVALSITE_TIMINGS`,
    /// read by `main`): see [`Outcome::timings`].
    pub timings: bool,
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
}

/// The result of one run: every diagnostic, the sources they point into, and
/// the rendered site when there were no errors (it passed the gate).
pub struct Outcome {
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    /// The gated site, in a build or serve mode without errors.
    pub rendered: Option<Gated>,
    pub summary: Summary,
    /// In [`Mode::Write`], once the site passed: the folders kept rather
    /// than removed (for a warning), or why the site could not be written
    /// (an [`output::Refused`] for a folder the researcher must change);
    /// after a build that failed, the folders kept while its unfinished
    /// site and what killed builds left were removed, if any.
    pub written: Option<anyhow::Result<Vec<output::Kept>>>,
    /// How long each stage took, for `EVALSITE_TIMINGS=1` and the benchmark.
    pub timings: Timings,
    /// What this run did itself rather than reuse from the previous run
    /// (in serve mode; a check or build reuses nothing).
    pub work: Work,
    /// Takes listed terms and participant ids out of what the preview
    /// shows besides the site (its status and page of problems).
    pub redactor: gate::Redactor,
}

/// Runs the whole pipeline. `Err` only for failures that are not the
/// researcher's input (I/O and the like).
pub fn run(options: &Options, mut mode: Mode) -> anyhow::Result<Outcome> {
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut clock = Stopwatch::start();
    let root = options.root.as_path();
    let (loaded, settings, identifiers_list) = load(options, &mut out, mode.memo())?;
    clock.lap("load");
    let parse_memo = mode.memo().map(|m| &mut m.parse);
    let mut project = parse::parse(loaded, settings, &mut out, parse_memo);
    clock.lap("parse");
    // Settings that cannot be read leave the defaults in their place:
    // what is judged by them is not the project's, and is not reported.
    let read_so_far = project.config.unread.then_some(out.len());
    let theme_name = project.config.theme.clone();
    let theme_folder = root.join("themes").join(&theme_name);
    // Checked before anything is made: the site is written as it passes.
    let writing = mode.output().map(|dir| {
        let read = output_inputs(root, identifiers_list.as_deref(), &theme_folder);
        output::Writing::to(output::Target::new(dir, &read))
    });
    let mut theme = theme::load(root, &theme_name, &mut project.sources, &mut out)?;
    clock.lap("theme");
    let site = resolve::resolve(&project, options.include_drafts, &mut out);
    clock.lap("resolve");
    let (checked, made) = check(&site, theme.as_mut(), mode.memo(), &mut out, &mut clock);
    let source_errors = out.iter().any(Diagnostic::is_error);
    let redactor = gate::Redactor::new(&checked);
    let link_title = |kind, id: &str| site.lookup(kind, id).map(|i| site.title_of(kind, i));
    let inputs = |theme: &Theme| gate::Inputs {
        checked: &checked,
        sources: &project.sources,
        templates: theme.template_files.values().copied().collect(),
        theme_folder: format!("themes/{theme_name}/static"),
        link_title: &link_title,
    };
    // Gate what was made alongside the checks (in serve mode, only what
    // changed since the last good build); a theme that did not load leaves
    // nothing to gate.
    let (gated, work) = match (&theme, mode.serve(), made) {
        (Some(theme), Some(serve), Made::Serve(made)) => reuse::gate(
            *made,
            &inputs(theme),
            source_errors,
            serve,
            &mut out,
            &mut clock,
        ),
        (Some(theme), None, Made::Build(made)) => {
            let stage = writing.as_ref().map(|w| w as &dyn gate::Stage);
            gate_made(
                &inputs(theme),
                *made,
                source_errors,
                stage,
                &mut out,
                &mut clock,
            )
        }
        (_, serve, _) => (None, serve.map_or_else(Work::default, |(m, _)| m.work())),
    };
    let summary = summarise(&project, &site, &checked, gated.as_ref());
    if let Some(read) = read_so_far {
        out.truncate(read);
    }
    let diagnostics = diagnostics(out, &project.sources);
    let rendered = gated.filter(|_| !matches!(mode, Mode::Check) && !diagnostics.has_errors());
    let written = writing.map(|writing| match &rendered {
        Some(gated) => writing.finish(gated),
        None => Ok(writing.abandon()),
    });
    if written.is_some() {
        clock.lap("write");
    }
    drop(site);
    let sources = std::mem::take(&mut project.sources);
    if let Some(memo) = mode.memo() {
        memo.parse.keep(project);
    }
    Ok(Outcome {
        sources,
        diagnostics,
        rendered,
        written,
        summary,
        timings: clock.stop(),
        work,
        redactor,
    })
}

/// Stage 1: the settings, then the content and the identifiers list they
/// name (or the one given from outside); and where that list is.
fn load(
    options: &Options,
    out: &mut Vec<Diagnostic>,
    memo: Option<&mut Memo>,
) -> anyhow::Result<(load::Loaded, config::Config, Option<PathBuf>)> {
    let root = options.root.as_path();
    let mut memo = memo.map(|m| &mut m.load);
    let loaded = load::load_config(root, out, memo.as_deref_mut())?;
    let config_file = loaded.config.map(|id| (id, loaded.sources.get(id)));
    let mut settings = config::parse(config_file, out);
    config::confine(&mut settings, root, options.identifiers.is_none(), out);
    // A list given in the environment is read whatever the settings say,
    // and the summary may not say that none was.
    if options.identifiers.is_some() {
        settings.no_identifiers = None;
    }
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
    let loaded = load::load_content(root, loaded, list, out, memo)?;
    Ok((loaded, settings, identifiers_list))
}

/// What was rendered alongside the checks of the sources.
enum Made {
    /// A check or build: every page, with its own problems (which are not
    /// the sources').
    Build(Box<(Rendered, Vec<Diagnostic>)>),
    /// Serve mode: only the pages a change shows on, and the last good
    /// build they go in.
    Serve(Box<reuse::Made>),
    /// The theme did not load.
    Nothing,
}

/// Stage 4, the checks of the sources. What the pages are made from does
/// not depend on what the checks find: the pages are made while the
/// sources are checked, each filling the cores where the other leaves them
/// idle. In serve mode only the pages a change shows on are made
/// ([`reuse::render`]), and a save's page is ready sooner for it.
fn check(
    site: &Site,
    theme: Option<&mut Theme>,
    memo: Option<&mut Memo>,
    out: &mut Vec<Diagnostic>,
    clock: &mut Stopwatch,
) -> (Checked, Made) {
    let (memo, checks, references) = match memo {
        Some(memo) => {
            let Memo {
                checks,
                resolve,
                base,
                ..
            } = memo;
            (Some(base), Some(checks), Some(resolve))
        }
        None => (None, None, None),
    };
    let Some(theme) = theme else {
        let checked = sources_and_references(site, out, checks, references);
        clock.lap("check");
        return (checked, Made::Nothing);
    };
    let mut render_out = Vec::new();
    let (checked, made) = match memo {
        None => {
            let ((checked, checking), (made, rendering)) = rayon::join(
                || timed(|| sources_and_references(site, out, None, None)),
                // Nothing renders again after a build: what the pages were
                // made from is let go before the gate.
                || timed(|| render::render(site, theme, false, &mut render_out)),
            );
            clock.lap("check+render");
            clock.within("check", checking);
            clock.within("render", rendering);
            return (checked, Made::Build(Box::new((made, render_out))));
        }
        Some(base) => {
            let base = base.take();
            let ((checked, checking), (made, rendering)) = rayon::join(
                || timed(|| sources_and_references(site, out, checks, references)),
                || timed(|| reuse::render(site, theme, base, &mut render_out)),
            );
            clock.lap("check+render");
            clock.within("check", checking);
            clock.within("render", rendering);
            (checked, made)
        }
    };
    out.append(&mut render_out);
    (checked, Made::Serve(Box::new(made)))
}

/// The checks of the sources beside those of the site's references and
/// hand-written counts ([`resolve::check`], which only reads the site):
/// `out` has the latter's problems first, where resolving used to put them.
fn sources_and_references(
    site: &Site,
    out: &mut Vec<Diagnostic>,
    checks: Option<&mut anonymity::Memo>,
    references: Option<&mut resolve::Memo>,
) -> Checked {
    let before = out.len();
    let (checked, found) = rayon::join(
        || anonymity::check_sources(site, out, checks),
        || resolve::check(site, references),
    );
    out.splice(before..before, found);
    checked
}

/// Stage 6 in a check or build: the pages made alongside the checks, with
/// their own problems, and the gate over them unless the sources had errors
/// (giving a build's `stage` each file as it passes).
fn gate_made(
    inputs: &gate::Inputs,
    (made, mut render_out): (Rendered, Vec<Diagnostic>),
    source_errors: bool,
    stage: Option<&dyn gate::Stage>,
    out: &mut Vec<Diagnostic>,
    clock: &mut Stopwatch,
) -> (Option<Gated>, Work) {
    out.append(&mut render_out);
    let work = Work {
        rendered: made.files.keys().cloned().collect(),
        ..Work::default()
    };
    let gated = (!source_errors).then(|| gate::gate(inputs, made, None, stage, out));
    clock.lap("gate");
    (gated.flatten(), work)
}

/// Every diagnostic of the run, knock-ons dropped, in file order.
fn diagnostics(mut out: Vec<Diagnostic>, sources: &Sources) -> Diagnostics {
    drop_knock_ons(&mut out, sources);
    let mut diagnostics = Diagnostics::default();
    for diagnostic in out {
        diagnostics.push(diagnostic);
    }
    diagnostics.finish(sources);
    diagnostics
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
    site: &Site,
    checked: &Checked,
    gated: Option<&Gated>,
) -> Summary {
    let pages = gated.map_or(0, |gated| {
        let files = gated.files().keys();
        files.filter(|p| p.ends_with(".html")).count()
    });
    Summary {
        pages,
        quotes: project.quotes.len(),
        findings: site.published_findings().len(),
        allowances: checked
            .allowances
            .iter()
            .map(|a| {
                (
                    project.sources.name(a.file).to_string(),
                    a.term.clone(),
                    a.reason.clone(),
                )
            })
            .collect(),
        no_identifiers: project.config.no_identifiers.clone(),
    }
}

/// What the build read, which the output folder may not replace: the
/// project's content/ and private/, its theme's folder (which may not
/// exist) and its identifiers list.
fn output_inputs(root: &Path, list: Option<&Path>, theme_folder: &Path) -> output::Inputs {
    let mut read = vec![
        (root.join("content"), "content/".to_string()),
        (root.join("private"), "private/".to_string()),
        (theme_folder.to_path_buf(), "the theme's folder".to_string()),
    ];
    if let Some(list) = list {
        read.push((list.to_path_buf(), "the identifiers list".to_string()));
    }
    // Not inside private/ or themes/ either, where nothing published
    // belongs (and a theme made there later would be read).
    output::Inputs {
        root: root.to_path_buf(),
        read,
        listed: vec![
            root.join("content"),
            root.join("private"),
            root.join("themes"),
            theme_folder.to_path_buf(),
        ],
    }
}
/// The default output folder of a project.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("site")
}
