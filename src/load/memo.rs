//! Serve mode's memory of what load read: each file with its metadata, the
//! last listing of content/, and where each file went. A file unchanged
//! since the previous run is not read again; with a watcher's report of
//! what changed, the other files are not even looked at. Does not decide
//! what a file is (that is [`super::content`]).

use super::Loaded;
use super::content::{Place, settle};
use super::fetch::{admit, fetch};
use crate::diag::Diagnostic;
use crate::files::is_within;
use crate::files::listing::{Listing, is_listable, listing};
use crate::hash::FastMap;
use crate::source::{FileId, SourceFile};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// What each file read in the previous run was, for serve mode: a file
/// whose metadata has not changed since is not read again; and when the
/// watcher says which paths changed, the others are not even asked about.
#[derive(Default)]
pub struct Memo {
    /// Every file read, kept up to date as runs read them again.
    files: FastMap<PathBuf, Kept>,
    /// The paths reported changed for the next run (see [`Memo::report`]).
    reported: Option<Vec<PathBuf>>,
    /// This run's reported paths: a file the previous run read, outside
    /// them, is taken as it was.
    pub(super) changed: Option<Vec<PathBuf>>,
    /// The files under content/ that the previous run found, sorted.
    pub(super) listed: Vec<PathBuf>,
    /// What else it found there (links, pipes, sockets, devices), sorted.
    pub(super) others: Vec<PathBuf>,
    /// When this run and the previous one started reading.
    started: Option<SystemTime>,
    previous_start: Option<SystemTime>,
    /// Counts runs; a file's entry says which run last found it.
    run: u64,
    /// What content/ gave the last run, if every file in it was text.
    pub(super) layout: Option<Layout>,
    /// How many files the last run read from disk.
    pub read: usize,
}

/// A file as a run read it, for the runs after.
struct Kept {
    stamp: Stamp,
    file: Arc<SourceFile>,
    /// The last run that found the file.
    run: u64,
}

/// What each file under content/ became in the last run: with a report
/// that only some of them were edited (none added, removed or moved), the
/// next run has the same files in the same places, and reads the edited
/// ones alone.
pub(super) struct Layout {
    /// How many files were read before content/ (the settings file).
    pub(super) first: usize,
    /// For each file of the listing, in its order.
    pub(super) roles: Vec<Role>,
    /// The files read from content/, in order: their ids follow `first`.
    pub(super) files: Vec<Arc<SourceFile>>,
}

#[derive(Clone, Copy)]
pub(super) enum Role {
    /// Not read (not Markdown, nor the registry).
    Skipped,
    /// The `n`th file read from content/, and what it is.
    Read(usize, Place),
}

/// What a file's metadata says of its contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// The inode's change time, which no program can set back (Unix).
    changed: Option<(i64, i64)>,
}

impl Stamp {
    pub(super) fn of(metadata: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let changed = {
            use std::os::unix::fs::MetadataExt;
            Some((metadata.ctime(), metadata.ctime_nsec()))
        };
        #[cfg(not(unix))]
        let changed = None;
        Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            changed,
        }
    }

    /// Whether a file with this stamp was certainly last written before
    /// `time`: file times are coarse, so a file written just before a read
    /// may be written again within the same tick without its stamp changing.
    fn settled_before(&self, time: SystemTime) -> bool {
        let margin = std::time::Duration::from_secs(1);
        self.modified
            .is_some_and(|modified| modified + margin < time)
    }
}

impl Memo {
    /// Says which paths (files or folders) changed since the previous run
    /// began, as a file watcher saw them, for the next run alone: it then
    /// walks and reads only those, and takes the previous run's other files
    /// as they were without asking the disk (listing and asking about
    /// 12,000 files takes 40 ms). Without a report, the whole content folder
    /// is walked and every file's metadata compared.
    pub fn report(&mut self, changed: Vec<PathBuf>) {
        self.reported = Some(changed);
    }

    /// Starts a run: what the last run read becomes what this one may reuse.
    pub(super) fn begin(&mut self) {
        self.run += 1;
        self.previous_start = self.started.replace(SystemTime::now());
        self.changed = self.reported.take();
        self.read = 0;
    }

    /// The files under `content`, sorted: with a report, the previous run's
    /// list with the reported paths looked at again (a folder walked, a
    /// file kept if it is there); without one, a walk of the whole folder.
    pub(super) fn list(&mut self, content: &Path) -> anyhow::Result<Listing> {
        let mut listed = std::mem::take(&mut self.listed);
        let mut others = std::mem::take(&mut self.others);
        let Some(changed) = &self.changed else {
            return listing(content);
        };
        if listed.is_empty() || changed.iter().any(|c| content.starts_with(c)) {
            return listing(content);
        }
        listed.retain(|path| !changed.iter().any(|c| is_within(path, c)));
        others.retain(|path| !changed.iter().any(|c| is_within(path, c)));
        for path in changed.iter().filter(|c| is_listable(content, c)) {
            // As the walk does: links are not followed.
            let found = match std::fs::symlink_metadata(path) {
                Ok(meta) if meta.is_dir() => listing(path)?,
                Ok(meta) if meta.is_file() => Listing {
                    files: vec![path.clone()],
                    ..Listing::default()
                },
                Ok(_) => Listing {
                    others: vec![path.clone()],
                    ..Listing::default()
                },
                Err(_) => Listing::default(),
            };
            // Into place, keeping the walk's order (a few among thousands).
            for (found, into) in [(found.files, &mut listed), (found.others, &mut others)] {
                for file in found {
                    if let Err(at) = into.binary_search(&file) {
                        into.insert(at, file);
                    }
                }
            }
        }
        Ok(Listing {
            files: listed,
            others,
            unreadable: Vec::new(),
        })
    }

    /// The previous run's copy of `path`, if a report says that neither it
    /// nor a folder it is in changed since.
    pub(super) fn reported_unchanged(&self, path: &Path) -> Option<(Stamp, Arc<SourceFile>)> {
        let changed = self.changed.as_ref()?;
        if changed.iter().any(|c| is_within(path, c)) {
            return None;
        }
        self.files
            .get(path)
            .map(|kept| (kept.stamp, kept.file.clone()))
    }

    /// The previous run's copy of `path`, if the file is certainly unchanged.
    pub(super) fn reuse(&self, path: &Path, stamp: Stamp) -> Option<Arc<SourceFile>> {
        let kept = self.files.get(path)?;
        let settled = self
            .previous_start
            .is_some_and(|start| stamp.settled_before(start));
        (kept.stamp == stamp && settled).then(|| kept.file.clone())
    }

    /// Notes that this run found `path` as `file`, or, with no stamp, that
    /// it is to be read again next time.
    pub(super) fn found(&mut self, path: &Path, found: Option<(Stamp, Arc<SourceFile>)>) {
        let run = self.run;
        match (self.files.get_mut(path), found) {
            (Some(kept), Some((stamp, file))) => *kept = Kept { stamp, file, run },
            (None, Some((stamp, file))) => {
                self.files
                    .insert(path.to_path_buf(), Kept { stamp, file, run });
            }
            (_, None) => {
                self.files.remove(path);
            }
        }
    }

    /// Forgets the files this run did not find (after a full run: deleted).
    pub(super) fn forget_unfound(&mut self) {
        let run = self.run;
        self.files.retain(|_, kept| kept.run == run);
    }
}

/// Serve mode's short way, when the watcher's report names only files the
/// last run read from content/ (edited, none added, removed or moved) and
/// all of that run's files there were text: the same files in the same
/// places, the reported ones read again and the rest not even looked at.
/// Returns false, having done nothing, when that is not the case.
pub(super) fn reread_reported(
    root: &Path,
    content: &Path,
    loaded: &mut Loaded,
    out: &mut Vec<Diagnostic>,
    memo: &mut Memo,
) -> anyhow::Result<bool> {
    let (Some(changed), Some(layout)) = (&memo.changed, &memo.layout) else {
        return Ok(false);
    };
    if layout.first != loaded.sources.len() || layout.roles.len() != memo.listed.len() {
        return Ok(false);
    }
    let mut edited = Vec::new();
    for path in changed {
        // Outside content/, or a file no listing takes: not content.
        if !is_listable(content, path) {
            continue;
        }
        let Ok(at) = memo.listed.binary_search(path) else {
            return Ok(false);
        };
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_file() => edited.push(at),
            _ => return Ok(false),
        }
    }
    let Some(mut layout) = memo.layout.take() else {
        return Ok(false);
    };
    loaded.sources.extend(layout.files.iter().cloned());
    for role in &layout.roles {
        if let Role::Read(n, place) = *role {
            settle(loaded, FileId(layout.first + n), place, out);
        }
    }
    let mut all_text = true;
    for at in edited {
        let Role::Read(n, _) = layout.roles[at] else {
            continue;
        };
        let path = memo.listed[at].clone();
        let fetched = fetch(root, &path, Some(memo), true)?;
        let slot = FileId(layout.first + n);
        let (_, clean) = admit(
            &path,
            fetched,
            &mut loaded.sources,
            out,
            Some(memo),
            Some(slot),
        );
        all_text &= clean;
        layout.files[n] = loaded.sources.shared(slot);
    }
    memo.layout = all_text.then_some(layout);
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{ListAt, load_config, load_content};

    /// Loads the project at `root` with `memo`, giving each file's text by name.
    fn load_texts(root: &Path, memo: &mut Memo) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let loaded = load_config(root, &mut out, Some(&mut *memo)).unwrap();
        let loaded = load_content(root, loaded, ListAt::None, &mut out, Some(memo)).unwrap();
        assert!(out.is_empty(), "{out:?}");
        loaded
            .sources
            .iter()
            .map(|(_, file)| (file.name.clone(), file.text.clone()))
            .collect()
    }

    /// A project of two quotes, `a` and `b`, in content/quotes/b/.
    fn two_quotes() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let quotes = dir.path().join("content/quotes/b");
        std::fs::create_dir_all(&quotes).unwrap();
        let (a, b) = (quotes.join("a.md"), quotes.join("b.md"));
        std::fs::write(&a, "first a").unwrap();
        std::fs::write(&b, "first b").unwrap();
        (dir, quotes, a, b)
    }

    #[test]
    fn after_edits_alone_the_files_not_reported_are_not_looked_at() {
        let (dir, quotes, a, b) = two_quotes();
        let root = dir.path();
        let mut memo = Memo::default();
        let first = load_texts(root, &mut memo);
        let last_found = |memo: &Memo, path: &Path| memo.files[path].run;

        std::fs::write(&a, "second a").unwrap();
        memo.report(vec![a.clone()]);
        let texts = load_texts(root, &mut memo);
        assert_eq!(
            texts[0],
            ("content/quotes/b/a.md".into(), "second a".into())
        );
        assert_eq!(texts[1], first[1]);
        assert_eq!(last_found(&memo, &a), memo.run);
        assert!(last_found(&memo, &b) < memo.run, "b was looked at");

        // A file added: the listing changes, and every file is found again.
        std::fs::write(quotes.join("c.md"), "new c").unwrap();
        memo.report(vec![quotes.join("c.md")]);
        assert_eq!(load_texts(root, &mut memo).len(), 3);
        assert_eq!(last_found(&memo, &b), memo.run);
    }

    /// Serve mode: a pipe in content/ is an error on every rebuild, also
    /// those that read only the reported edits, until it is gone; it is
    /// never opened (or the rebuild would wait).
    #[cfg(unix)]
    #[test]
    fn a_pipe_in_content_stays_an_error_while_serving() {
        let (dir, quotes, a, _) = two_quotes();
        let root = dir.path();
        let codes = |memo: &mut Memo| {
            let mut out = Vec::new();
            let loaded = load_config(root, &mut out, Some(&mut *memo)).unwrap();
            load_content(root, loaded, ListAt::None, &mut out, Some(memo)).unwrap();
            out.iter().map(|d| d.code).collect::<Vec<_>>()
        };
        let mut memo = Memo::default();
        assert!(codes(&mut memo).is_empty());
        let pipe = quotes.join("x.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(made.success());
        memo.report(vec![pipe.clone()]);
        assert_eq!(codes(&mut memo), ["load::unreadable"]);
        std::fs::write(&a, "edited").unwrap();
        memo.report(vec![a.clone()]);
        assert_eq!(codes(&mut memo), ["load::unreadable"], "after an edit");
        assert_eq!(codes(&mut memo), ["load::unreadable"], "unreported");
        std::fs::remove_file(&pipe).unwrap();
        memo.report(vec![pipe]);
        assert!(codes(&mut memo).is_empty());
    }

    #[test]
    fn a_report_of_changes_decides_what_is_read_again() {
        let (dir, quotes, a, b) = two_quotes();
        let root = dir.path();
        let mut memo = Memo::default();
        load_texts(root, &mut memo);
        let text_of = |texts: &[(String, String)], name: &str| {
            texts.iter().find(|(n, _)| n == name).unwrap().1.clone()
        };

        // Reported unchanged: taken as it was, without looking at the disk.
        std::fs::write(&a, "second a").unwrap();
        memo.report(vec![b.clone()]);
        let texts = load_texts(root, &mut memo);
        assert_eq!(text_of(&texts, "content/quotes/b/a.md"), "first a");
        assert_eq!(memo.read, 1);

        // Reported itself, or its folder: read again.
        memo.report(vec![a.clone()]);
        let texts = load_texts(root, &mut memo);
        assert_eq!(text_of(&texts, "content/quotes/b/a.md"), "second a");
        std::fs::write(&b, "second b").unwrap();
        memo.report(vec![quotes.clone()]);
        let texts = load_texts(root, &mut memo);
        assert_eq!(text_of(&texts, "content/quotes/b/b.md"), "second b");
        assert_eq!(memo.read, 2);

        // A new file, reported, is listed and read.
        std::fs::write(quotes.join("c.md"), "new c").unwrap();
        memo.report(vec![quotes.join("c.md")]);
        let texts = load_texts(root, &mut memo);
        assert_eq!(text_of(&texts, "content/quotes/b/c.md"), "new c");

        // Folders made, emptied, renamed and hidden, each reported as a
        // watcher would: the same files as a fresh walk finds.
        let fresh = |root: &Path| load_texts(root, &mut Memo::default());
        let steps: [(&str, &[&str]); 5] = [
            (
                "mkdir content/quotes/new && echo x > content/quotes/new/d.md",
                &["content/quotes/new"],
            ),
            ("rm content/quotes/b/b.md", &["content/quotes/b/b.md"]),
            (
                "mv content/quotes/new content/quotes/old",
                &["content/quotes/new", "content/quotes/old"],
            ),
            (
                "mkdir content/.hidden && echo y > content/.hidden/e.md",
                &["content/.hidden"],
            ),
            (
                "echo z > content/quotes/old/x.md~",
                &["content/quotes/old/x.md~"],
            ),
        ];
        for (command, reported) in steps {
            let status = std::process::Command::new("sh")
                .args(["-c", command])
                .current_dir(root)
                .status()
                .unwrap();
            assert!(status.success(), "{command}");
            memo.report(reported.iter().map(|r| root.join(r)).collect());
            assert_eq!(load_texts(root, &mut memo), fresh(root), "after {command}");
        }

        // A report counts for one run: the next one compares metadata again.
        std::fs::write(&a, "third a, longer").unwrap();
        let texts = load_texts(root, &mut memo);
        assert_eq!(text_of(&texts, "content/quotes/b/a.md"), "third a, longer");
    }
}
