//! Watching the project for changes: content/, themes/, evalsite.yaml and the
//! identifiers file (the one the settings name, or the one named by the
//! `EVALSITE_IDENTIFIERS` environment variable, wherever it is). Folders
//! are watched rather than files, because editors
//! save through a temporary file and a rename; a burst of events from one save
//! is coalesced, and editors' temporary and backup files are ignored. Does not
//! build: it only says that something changed.

use crate::files::listing;
use crate::{config, load};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long the watcher holds an event for others of the same save: an
/// editor's save (a write, or a temporary file and a rename) is over well
/// within this, and every millisecond waited here is one more before the
/// page changes. A save that takes longer costs one more rebuild, never a
/// missed change: what arrives during a build is built after it.
const DEBOUNCE: Duration = Duration::from_millis(5);
/// How often held events are looked at: an event waits for up to this long
/// beyond [`DEBOUNCE`] (the debouncer's own choice, a quarter of it, would
/// add about 1 ms less; a wake-up every 2 ms costs nothing to speak of).
const TICK: Duration = Duration::from_millis(2);

/// What changed in one burst of events: the paths (files and folders), or
/// `None` when events may have been missed and anything may have changed.
pub type Changed = Option<Vec<PathBuf>>;

/// Which paths under the project can change the site.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Scope {
    root: PathBuf,
    /// The identifiers list given from outside the settings, if any (as
    /// the watcher reports it: its folder's real path).
    given: Option<PathBuf>,
    /// The identifiers file: the one given, else the one the settings name.
    identifiers: PathBuf,
}

impl Scope {
    fn read(root: &Path, given: Option<&Path>) -> Scope {
        let given = given.map(as_reported);
        Scope {
            root: root.to_path_buf(),
            identifiers: (given.clone()).unwrap_or_else(|| root.join(identifiers_setting(root))),
            given,
        }
    }

    /// Whether a change at `path` can change the site. site/, target/ and
    /// anything else at the top of the project are not part of it.
    fn is_relevant(&self, path: &Path) -> bool {
        if path == self.identifiers || self.identifiers.starts_with(path) && path != self.root {
            return true;
        }
        // What a walk of the project passes over cannot change the site.
        if !listing::is_listable(&self.root, path) {
            return false;
        }
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return false;
        };
        relative == Path::new(config::FILE_NAME)
            || relative.starts_with("content")
            || relative.starts_with("themes")
    }

    /// The folders to watch and how, for the folders that exist now.
    fn folders(&self) -> BTreeMap<PathBuf, RecursiveMode> {
        let mut folders = BTreeMap::from([(self.root.clone(), RecursiveMode::NonRecursive)]);
        for name in ["content", "themes"] {
            folders.insert(self.root.join(name), RecursiveMode::Recursive);
        }
        if let Some(parent) = self.identifiers.parent() {
            let inside = |name: &str| parent.starts_with(self.root.join(name));
            if !inside("content") && !inside("themes") {
                folders
                    .entry(parent.to_path_buf())
                    .or_insert(RecursiveMode::NonRecursive);
            }
        }
        folders.retain(|folder, _| folder.is_dir());
        folders
    }
}

/// `path` as the watcher reports changes to it: absolute, its folder's
/// links followed (macOS reports `/private/var/…` for `/var/…`), its own
/// name kept (a list that is a link is watched where the link is).
fn as_reported(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (path.parent().map(Path::canonicalize), path.file_name()) {
        (Some(Ok(folder)), Some(name)) => folder.join(name),
        _ => path,
    }
}

/// Where the settings put the identifiers file (read again when they change).
fn identifiers_setting(root: &Path) -> String {
    let mut ignored = Vec::new();
    let loaded = match load::load_config(root, &mut ignored, None) {
        Ok(loaded) => loaded,
        Err(_) => return config::parse(None, &mut ignored).identifiers,
    };
    let file = loaded.config.map(|id| (id, loaded.sources.get(id)));
    config::parse(file, &mut ignored).identifiers
}

/// The watcher and the folders it watches now.
struct Watching {
    debouncer: Debouncer<notify_debouncer_full::notify::RecommendedWatcher, RecommendedCache>,
    scope: Scope,
    watched: BTreeMap<PathBuf, RecursiveMode>,
}

impl Watching {
    /// Watches the folders that exist now and stops watching those that are
    /// gone; `renewed` are folders that were removed or replaced, watched
    /// again from scratch.
    fn refresh(&mut self, renewed: &[PathBuf]) {
        let wanted = self.scope.folders();
        let stale: Vec<PathBuf> = self
            .watched
            .iter()
            .filter(|(folder, mode)| wanted.get(*folder) != Some(*mode) || renewed.contains(folder))
            .map(|(folder, _)| folder.clone())
            .collect();
        for folder in stale {
            let _ = self.debouncer.unwatch(&folder);
            self.watched.remove(&folder);
        }
        for (folder, mode) in wanted {
            if self.watched.contains_key(&folder) {
                continue;
            }
            match self.debouncer.watch(&folder, mode) {
                Ok(()) => {
                    self.watched.insert(folder, mode);
                }
                Err(error) => {
                    crate::say!("warning: cannot watch {}: {error}", folder.display());
                }
            }
        }
    }

    /// Handles one coalesced burst of events: what changed, if anything
    /// that can change the site did.
    fn handle(&mut self, result: DebounceEventResult) -> Option<Changed> {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for error in errors {
                    crate::say!("warning: watching the project: {error}");
                }
                // Something may have been missed: rebuild to be safe.
                self.refresh(&[]);
                return Some(None);
            }
        };
        // The system's queue of events overflowed: some were lost.
        if events.iter().any(|event| event.need_rescan()) {
            crate::say!(
                "warning: too many changes at once to follow; reading the whole project again"
            );
            self.refresh(&[]);
            return Some(None);
        }
        let paths: Vec<&PathBuf> = events
            .iter()
            .filter(|event| !matches!(event.kind, EventKind::Access(_)))
            .flat_map(|event| event.paths.iter())
            .filter(|path| self.scope.is_relevant(path))
            .collect();
        if paths.is_empty() {
            return None;
        }
        let config = self.scope.root.join(config::FILE_NAME);
        if paths.iter().any(|path| **path == config) {
            self.scope = Scope::read(&self.scope.root, self.scope.given.as_deref());
        }
        let renewed: Vec<PathBuf> = paths
            .iter()
            .filter(|path| self.watched.contains_key(**path))
            .map(|path| (*path).clone())
            .collect();
        self.refresh(&renewed);
        Some(Some(paths.into_iter().cloned().collect()))
    }
}

/// Starts watching the project at `root`, and the identifiers list
/// `identifiers` when one is given from outside the settings, calling
/// `on_change` with what changed after each burst of relevant changes.
/// Watching has begun when this returns, so no save made after it is missed.
pub fn start(
    root: &Path,
    identifiers: Option<&Path>,
    on_change: impl Fn(Changed) + Send + 'static,
) -> anyhow::Result<()> {
    let (sender, receiver) = std::sync::mpsc::channel();
    let debouncer = new_debouncer(DEBOUNCE, Some(TICK), sender)?;
    let mut watching = Watching {
        debouncer,
        scope: Scope::read(root, identifiers),
        watched: BTreeMap::new(),
    };
    watching.refresh(&[]);
    if watching.watched.is_empty() {
        anyhow::bail!(
            "cannot watch the project folder {}: does it exist?",
            root.display()
        );
    }
    std::thread::Builder::new()
        .name("evalsite-watch".into())
        .spawn(move || {
            for result in receiver {
                if let Some(changed) = watching.handle(result) {
                    on_change(changed);
                }
            }
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope() -> Scope {
        Scope {
            root: PathBuf::from("/project"),
            given: None,
            identifiers: PathBuf::from("/project/private/identifiers.yaml"),
        }
    }

    #[test]
    fn content_themes_settings_and_identifiers_are_watched() {
        let scope = scope();
        for path in [
            "/project/content/findings/x.md",
            "/project/content/quotes/a",
            "/project/content",
            "/project/themes/default/page.html",
            "/project/evalsite.yaml",
            "/project/private/identifiers.yaml",
            "/project/private",
        ] {
            assert!(scope.is_relevant(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn temporary_files_and_other_folders_are_not() {
        let scope = scope();
        for path in [
            "/project/content/quotes/a/.same-building.md.swp",
            "/project/content/findings/x.md~",
            "/project/content/findings/4913",
            "/project/content/findings/.#x.md",
            "/project/content/.git/index",
            "/project/site/index.html",
            "/project/target/debug/evalsite",
            "/project/README.md",
            "/project/private/other.yaml",
            "/project",
            "/elsewhere/content/x.md",
        ] {
            assert!(!scope.is_relevant(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn a_hidden_project_folder_is_still_watched() {
        // Regression: temporary folders such as /tmp/.tmpAbC are hidden; only
        // names below the project root may be ignored.
        let scope = Scope {
            root: PathBuf::from("/tmp/.tmpAbC"),
            given: None,
            identifiers: PathBuf::from("/tmp/.tmpAbC/private/identifiers.yaml"),
        };
        assert!(scope.is_relevant(Path::new("/tmp/.tmpAbC/content/index.md")));
    }

    #[test]
    fn a_burst_reports_its_relevant_paths_or_that_events_were_lost() {
        use notify_debouncer_full::DebouncedEvent;
        use notify_debouncer_full::notify::event::{Event, Flag, ModifyKind};
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let mut watching = Watching {
            debouncer: new_debouncer(DEBOUNCE, None, |_| {}).unwrap(),
            scope: Scope::read(dir.path(), None),
            watched: BTreeMap::new(),
        };
        let event = |path: &str| {
            let event =
                Event::new(EventKind::Modify(ModifyKind::Any)).add_path(dir.path().join(path));
            DebouncedEvent::new(event, std::time::Instant::now())
        };
        let quote = dir.path().join("content/q.md");
        assert_eq!(
            watching.handle(Ok(vec![event("content/q.md"), event("content/.q.md.swp")])),
            Some(Some(vec![quote]))
        );
        assert_eq!(watching.handle(Ok(vec![event("site/index.html")])), None);
        let lost = Event::new(EventKind::Other).set_flag(Flag::Rescan);
        let lost = DebouncedEvent::new(lost, std::time::Instant::now());
        assert_eq!(watching.handle(Ok(vec![lost])), Some(None));
    }

    #[test]
    fn only_existing_folders_are_watched() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::create_dir(dir.path().join("private")).unwrap();
        let folders = Scope::read(dir.path(), None).folders();
        assert_eq!(
            folders.into_iter().collect::<Vec<_>>(),
            vec![
                (dir.path().to_path_buf(), RecursiveMode::NonRecursive),
                (dir.path().join("content"), RecursiveMode::Recursive),
                (dir.path().join("private"), RecursiveMode::NonRecursive),
            ]
        );
    }
}

#[cfg(test)]
mod tests_given {
    use super::*;

    // Regression: a list named by EVALSITE_IDENTIFIERS (a build server's
    // secret, or a list kept outside the project) was not watched: an edit
    // to it changed nothing in the preview.
    #[test]
    fn a_list_given_from_outside_is_watched_in_place_of_the_settings() {
        let project = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::create_dir(project.path().join("content")).unwrap();
        std::fs::create_dir(project.path().join("private")).unwrap();
        let list = elsewhere.path().join("names.yaml");
        let root = project.path().canonicalize().unwrap();
        let scope = Scope::read(&root, Some(&list));
        let list = elsewhere.path().canonicalize().unwrap().join("names.yaml");
        assert_eq!(scope.identifiers, list);
        assert!(scope.is_relevant(&list));
        assert!(!scope.is_relevant(&list.with_file_name("other.yaml")));
        assert!(!scope.is_relevant(&root.join("private/identifiers.yaml")));
        let folders = scope.folders();
        assert_eq!(
            folders.get(list.parent().unwrap()),
            Some(&RecursiveMode::NonRecursive)
        );
        assert!(!folders.contains_key(&root.join("private")));
    }
}
