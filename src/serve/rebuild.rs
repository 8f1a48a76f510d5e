//! Rebuilding the preview: one call runs the pipeline (the same one as
//! `evalsite build`), prints its problems and returns what it built; a loop
//! runs that call whenever the watcher reports a change, one build at a time.
//! Does not watch or serve.

use super::snapshot::{Built, Problem, Publisher, shared};
use super::watch::Changed;
use crate::diag::{self, Format};
use crate::memo::Memo;
use crate::pipeline::{self, Mode, Options};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::Notify;

/// Builds the site in memory once, printing the problems as `evalsite build`
/// would, and redoing only what changed since the build that filled `memo`.
/// `Err` only for failures that are not the researcher's (I/O, say).
pub fn build(
    options: &Options,
    memo: &mut Memo,
    early: crate::reuse::Early,
    format: Format,
) -> anyhow::Result<Built> {
    let started = Instant::now();
    let outcome = pipeline::run(options, Mode::Serve(memo, early))?;
    if options.timings {
        outcome.timings.print();
    }
    diag::emit(&outcome.sources, &outcome.diagnostics, format);
    let problems = outcome
        .diagnostics
        .iter()
        .map(|d| Problem::from_diagnostic(&outcome.sources, d, &outcome.redactor))
        .collect();
    // Only a site that passed the gate is served.
    let files = outcome.rendered.map(|gated| {
        gated
            .into_files()
            .into_iter()
            .map(|(path, contents)| (path, shared(contents)))
            .collect()
    });
    if format != Format::Json {
        let seconds = started.elapsed().as_secs_f64();
        match &files {
            Some(_) => crate::say!("Built {} pages in {seconds:.2} s.", outcome.summary.pages),
            None => {
                let errors = outcome.diagnostics.error_count();
                crate::say!(
                    "Not rebuilt: {errors} {} (shown on every page of the preview, which keeps \
                     the last version that built).",
                    if errors == 1 { "problem" } else { "problems" }
                );
            }
        }
    }
    Ok(Built {
        files,
        problems,
        redactor: Some(outcome.redactor),
    })
}

fn internal_problem(message: String) -> Problem {
    Problem {
        file: None,
        line: None,
        column: None,
        severity: diag::Severity::Error,
        code: "serve::build-failed".to_string(),
        message,
        fix: Some("check that the project's files can be read; save again to retry".to_string()),
    }
}

/// What one build leaves for the next; builds take turns with it.
pub type SharedMemo = Arc<Mutex<Memo>>;

/// The changes the watcher reported since the last build began, and a
/// wake-up for the loop that builds. Holds at most one pending wake-up, so
/// changes that arrive during a build cause exactly one more build after it.
#[derive(Default)]
pub struct Changes {
    wake: Notify,
    /// The paths reported so far, or `None` once a report said that events
    /// were missed (then every file is looked at again).
    seen: Mutex<Option<Vec<PathBuf>>>,
}

impl Changes {
    /// Notes what changed and wakes the building loop.
    pub fn report(&self, changed: Changed) {
        {
            let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
            match (&mut *seen, changed) {
                (Some(seen), Some(paths)) => seen.extend(paths),
                (seen, _) => *seen = None,
            }
        }
        self.wake.notify_one();
    }

    /// What was reported since the last call, leaving nothing reported.
    fn take(&self) -> Option<Vec<PathBuf>> {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        seen.replace(Vec::new())
    }
}

/// Runs [`build`] off the async threads; `changed` is what changed since
/// the previous build began, where the watcher could say. With `early`,
/// the rebuild's pages are published as soon as they are made, to be shown
/// one by one as each passes the gate, and `named` says what changed.
pub async fn build_in_background(
    options: Arc<Options>,
    memo: SharedMemo,
    changed: Option<Vec<PathBuf>>,
    format: Format,
    early: Option<(Arc<Publisher>, Option<Vec<String>>)>,
) -> anyhow::Result<Built> {
    tokio::task::spawn_blocking(move || {
        let publish = |pages: crate::anonymity::gate::Early| {
            if let Some((publisher, named)) = &early {
                publisher.publish_early(pages, named.clone());
            }
        };
        // A build that panicked leaves nothing trustworthy behind.
        let mut memo = memo.lock().unwrap_or_else(|poisoned| {
            let mut memo = poisoned.into_inner();
            *memo = Memo::default();
            memo
        });
        if let Some(changed) = changed {
            memo.report(changed);
        }
        build(&options, &mut memo, &publish, format)
    })
    .await
    .map_err(|error| {
        anyhow::anyhow!("evalsite failed while building ({error}): please report this as a bug")
    })?
}

/// Rebuilds after each change, forever, one build at a time. A failure
/// that is not the researcher's becomes a problem on the pages too, and the
/// preview goes on.
pub async fn keep_building(
    changes: Arc<Changes>,
    publisher: Arc<Publisher>,
    options: Arc<Options>,
    memo: SharedMemo,
    format: Format,
) {
    loop {
        changes.wake.notified().await;
        let changed = changes.take();
        let named = changed.as_ref().map(|paths| {
            let mut named: Vec<String> = paths
                .iter()
                .map(|p| {
                    let relative = p.strip_prefix(&options.root).unwrap_or(p);
                    relative.to_string_lossy().replace('\\', "/")
                })
                .collect();
            named.sort();
            named.dedup();
            named
        });
        let early = Some((publisher.clone(), named.clone()));
        let built = match build_in_background(options.clone(), memo.clone(), changed, format, early)
            .await
        {
            Ok(built) => built,
            Err(error) => {
                crate::say!("error: {error:#}");
                Built {
                    files: None,
                    problems: vec![internal_problem(format!("{error:#}"))],
                    redactor: None,
                }
            }
        };
        publisher.publish_after(built, named);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_gather_until_taken_and_a_lost_track_stays_lost() {
        let changes = Changes::default();
        // Before any build has taken a report, nothing is known.
        assert_eq!(changes.take(), None);
        changes.report(Some(vec![PathBuf::from("a")]));
        changes.report(Some(vec![PathBuf::from("b")]));
        assert_eq!(
            changes.take(),
            Some(vec![PathBuf::from("a"), PathBuf::from("b")])
        );
        assert_eq!(changes.take(), Some(Vec::new()));
        changes.report(None);
        changes.report(Some(vec![PathBuf::from("c")]));
        assert_eq!(
            changes.take(),
            None,
            "a later report must not hide lost events"
        );
        assert_eq!(changes.take(), Some(Vec::new()));
    }
}
