//! What the preview serves at one moment: the last site that built and the
//! outcome of the latest build, held together as one value that is swapped
//! whole. Owns the status the page's script reads; does not build (that is
//! `rebuild`) or serve (that is `http`).

use crate::anonymity::gate::{Early, Redactor};
use crate::diag::{Diagnostic, Severity};
use crate::render::Contents;
use crate::source::Sources;
use axum::body::Bytes;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use tokio::sync::watch;

/// One version of the built site, kept in memory.
#[derive(Debug)]
pub struct Site {
    /// Names this version for the pages' script: the server's instance and
    /// the build's number, so a restarted server never looks unchanged.
    pub token: String,
    /// Site-relative path (`findings/x.html`) → contents.
    pub files: BTreeMap<String, Bytes>,
}

/// One problem of the latest build, as the page's overlay shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Problem {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub severity: Severity,
    pub code: String,
    pub message: String,
    pub fix: Option<String>,
}

impl Problem {
    /// The problem as the preview shows it: its message and fix with every
    /// listed term and participant id taken out (see [`Redactor`]).
    pub fn from_diagnostic(
        sources: &Sources,
        diagnostic: &Diagnostic,
        redactor: &Redactor,
    ) -> Problem {
        let position = diagnostic.span.as_ref().map(|span| {
            let file = sources.get(span.file);
            let (line, column) = file.line_column(span.range.start);
            (file.name.clone(), line, column)
        });
        Problem {
            file: position.as_ref().map(|(file, _, _)| redactor.redact(file)),
            line: position.as_ref().map(|&(_, line, _)| line),
            column: position.as_ref().map(|&(_, _, column)| column),
            severity: diagnostic.severity,
            code: diagnostic.code.to_string(),
            message: redactor.redact(&diagnostic.message),
            fix: diagnostic.fix.as_deref().map(|fix| redactor.redact(fix)),
        }
    }

    /// `file:line:column: severity[code]: message` and the fix, for the placeholder page.
    pub fn to_text(&self) -> String {
        let place = match (&self.file, self.line, self.column) {
            (Some(file), Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            (Some(file), _, _) => file.clone(),
            _ => "the project".to_string(),
        };
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut text = format!("{place}: {severity}[{}]: {}", self.code, self.message);
        if let Some(fix) = &self.fix {
            text.push_str(&format!("\n    how to fix it: {fix}"));
        }
        text
    }
}

/// What one build produced: the site's files when it had no errors, and
/// every problem either way.
#[derive(Debug, Default)]
pub struct Built {
    pub files: Option<BTreeMap<String, Bytes>>,
    pub problems: Vec<Problem>,
    /// What takes listed terms, ids and numbers out of what the status
    /// says besides the problems (the paths that changed); `None` where
    /// the build did not get as far as reading the list (those paths are
    /// then not shown).
    pub redactor: Option<Redactor>,
}

/// The site being served and the latest build's outcome.
#[derive(Debug)]
pub struct Snapshot {
    /// How many builds have finished, good or failed (the first is 1).
    pub version: u64,
    /// The last site that built without errors, if any has.
    pub site: Option<Arc<Site>>,
    /// Whether the latest build had no errors.
    pub ok: bool,
    /// The latest build's problems (its warnings, when it built).
    pub problems: Vec<Problem>,
    /// The paths whose change started the latest build, relative to the
    /// project, as the watcher reported them; `None` for the first build and
    /// when the watcher lost track (then everything was looked at again).
    pub changed: Option<Vec<String>>,
    /// The rebuild under way, once its pages are made and while the whole
    /// gate reads them: each is shown as soon as it passes on its own.
    pub pending: Option<Pending>,
}

/// A rebuild's files while the whole gate reads them, with the name its
/// site will have if it passes. None may be served before
/// [`Early::passes`] says so.
#[derive(Clone)]
pub struct Pending {
    pub site: Arc<Site>,
    pub early: Arc<Early>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending")
            .field("site", &self.site.token)
            .finish()
    }
}

#[derive(Serialize)]
struct Status<'a> {
    ok: bool,
    version: u64,
    site: Option<&'a str>,
    files: usize,
    diagnostics: &'a [Problem],
    changed: Option<&'a [String]>,
    /// A rebuild's pages are shown as each passes while the whole site is
    /// read; its verdict comes with the next version.
    checking: bool,
}

impl Snapshot {
    /// The JSON of `/__evalsite/status`: `{ok, version, site, files,
    /// diagnostics: [{file, line, column, severity, code, message, fix}],
    /// changed}`,
    /// where `site` names the version being served (null before any built)
    /// and `files` counts its files.
    pub fn status_json(&self) -> String {
        let status = match &self.pending {
            Some(pending) => Status {
                ok: true,
                version: self.version,
                site: Some(pending.site.token.as_str()),
                files: pending.site.files.len(),
                diagnostics: &[],
                changed: self.changed.as_deref(),
                checking: true,
            },
            None => Status {
                ok: self.ok,
                version: self.version,
                site: self.site.as_ref().map(|site| site.token.as_str()),
                files: self.site.as_ref().map_or(0, |site| site.files.len()),
                diagnostics: &self.problems,
                changed: self.changed.as_deref(),
                checking: false,
            },
        };
        serde_json::to_string(&status).unwrap_or_default()
    }

    /// The problems as plain text, one after the other.
    pub fn problems_text(&self) -> String {
        let lines: Vec<String> = self.problems.iter().map(Problem::to_text).collect();
        lines.join("\n")
    }
}

/// Publishes each finished build: the next snapshot replaces the current one
/// in one step, and only then are the open pages told.
pub struct Publisher {
    instance: String,
    sender: watch::Sender<Arc<Snapshot>>,
}

impl Publisher {
    /// Starts with the first build; the receiver is what requests read.
    pub fn start(first: Built) -> (Publisher, watch::Receiver<Arc<Snapshot>>) {
        let instance = instance_name();
        let snapshot = next(&instance, None, first, None);
        let (sender, receiver) = watch::channel(Arc::new(snapshot));
        (Publisher { instance, sender }, receiver)
    }

    /// Swaps in the snapshot of a new build. A failed build keeps the last
    /// good site and carries its problems instead.
    pub fn publish(&self, built: Built) {
        self.publish_after(built, None);
    }

    /// A rebuild's pages, made and about to be read by the whole gate:
    /// the preview shows each as soon as it passes on its own, under the
    /// name the site will have if the whole gate passes it (so open pages
    /// reload once, now). The build's number and status stay the last
    /// build's until it ends.
    pub fn publish_early(&self, early: Early, changed: Option<Vec<String>>) {
        let changed = redacted(changed, Some(&early.redactor()));
        let files = early
            .files()
            .iter()
            .map(|(path, contents)| (path.clone(), shared(contents.clone())))
            .collect();
        let early = Arc::new(early);
        self.sender.send_modify(|current| {
            let token = format!("{}-{}", self.instance, current.version + 1);
            let pending = Pending {
                site: Arc::new(Site { token, files }),
                early,
            };
            *current = Arc::new(Snapshot {
                version: current.version,
                site: current.site.clone(),
                ok: current.ok,
                problems: current.problems.clone(),
                changed,
                pending: Some(pending),
            });
        });
    }

    /// [`Publisher::publish`], saying which paths' change started the build.
    pub fn publish_after(&self, built: Built, changed: Option<Vec<String>>) {
        self.sender.send_modify(|current| {
            *current = Arc::new(next(&self.instance, Some(current), built, changed));
        });
    }
}

fn next(
    instance: &str,
    current: Option<&Snapshot>,
    built: Built,
    changed: Option<Vec<String>>,
) -> Snapshot {
    let version = current.map_or(0, |c| c.version) + 1;
    let ok = built.files.is_some();
    let site = match built.files {
        Some(files) => Some(Arc::new(Site {
            token: format!("{instance}-{version}"),
            files,
        })),
        None => current.and_then(|c| c.site.clone()),
    };
    Snapshot {
        version,
        site,
        ok,
        problems: built.problems,
        changed: redacted(changed, built.redactor.as_ref()),
        pending: None,
    }
}

/// The paths that changed as the status may show them: a file's name is
/// the researcher's words, and may hold a listed name, an id or a number
/// (red team, round 23: `content/quotes/a/marjorie-quillfeather-visit.md`
/// beside messages that redact it). Without a redactor, none are shown.
fn redacted(changed: Option<Vec<String>>, redactor: Option<&Redactor>) -> Option<Vec<String>> {
    let redactor = redactor?;
    changed.map(|paths| paths.iter().map(|path| redactor.redact(path)).collect())
}

/// A page shared between the pipeline's memo and the served version.
struct Shared(Contents);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The served form of a page the pipeline made (the same buffer).
pub fn shared(contents: Contents) -> Bytes {
    Bytes::from_owner(Shared(contents))
}

/// A name for this run of the server, different from the last run's.
fn instance_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() ^ (d.as_secs() as u32));
    format!("{:x}{:x}", std::process::id(), nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good(page: &str) -> Built {
        Built {
            files: Some(BTreeMap::from([(
                "index.html".to_string(),
                Bytes::from(page.to_string()),
            )])),
            problems: Vec::new(),
            redactor: None,
        }
    }

    fn failed() -> Built {
        Built {
            files: None,
            problems: vec![Problem {
                file: Some("content/x.md".into()),
                line: Some(3),
                column: Some(8),
                severity: Severity::Error,
                code: "reference::unknown-code".into(),
                message: "there is no code `nope`".into(),
                fix: Some("add it".into()),
            }],
            redactor: None,
        }
    }

    #[test]
    fn a_failed_build_keeps_the_last_good_site() {
        let (publisher, receiver) = Publisher::start(good("one"));
        let first = receiver.borrow().clone();
        assert!(first.ok);
        assert_eq!(first.version, 1);
        publisher.publish(failed());
        let broken = receiver.borrow().clone();
        assert!(!broken.ok);
        assert_eq!(broken.version, 2);
        assert!(Arc::ptr_eq(
            broken.site.as_ref().unwrap(),
            first.site.as_ref().unwrap()
        ));
        let status: serde_json::Value = serde_json::from_str(&broken.status_json()).unwrap();
        assert_eq!(status["ok"], false);
        assert_eq!(status["site"], first.site.as_ref().unwrap().token.as_str());
        assert_eq!(status["diagnostics"][0]["file"], "content/x.md");
        assert_eq!(status["diagnostics"][0]["line"], 3);
        assert_eq!(status["diagnostics"][0]["fix"], "add it");
        publisher.publish(good("two"));
        let fixed = receiver.borrow().clone();
        assert!(fixed.ok);
        assert_ne!(
            fixed.site.as_ref().unwrap().token,
            first.site.as_ref().unwrap().token
        );
    }

    #[test]
    fn a_failed_first_build_has_no_site() {
        let (_publisher, receiver) = Publisher::start(failed());
        let snapshot = receiver.borrow().clone();
        assert!(snapshot.site.is_none());
        assert!(snapshot.problems_text().contains(
            "content/x.md:3:8: error[reference::unknown-code]: there is no code `nope`\n    how to fix it: add it"
        ));
    }
}
