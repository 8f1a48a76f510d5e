//! The writing itself: every file of the new site into the staging folder,
//! or hard-linked from the previous site where it holds the same bytes;
//! and, as the previous site's files are read for that, the check that
//! each is still as evalsite wrote it (a file changed by hand stops the
//! build), noting how each looked ([`Seen`]) so that only files nobody
//! touched since are removed with the old site.

use super::marker::{self, Marker, Recorded, Written};
use anyhow::Context;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// How a file of the previous site looked when the build found it as
/// evalsite wrote it: a change to it since (written to, replaced, cut)
/// changes one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(meta),
        }
    }

    /// The stamp of the file (not a link) at `path` now.
    pub fn now(path: &Path) -> Option<Stamp> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        meta.is_file().then(|| Stamp::of(&meta))
    }
}

/// The previous site's files (relative) found as evalsite wrote them, and
/// how they looked then: what may be removed with it.
pub(super) type Seen = BTreeMap<String, Stamp>;

/// The site being replaced: its folder and its marker.
#[derive(Clone, Copy)]
pub(super) struct Replacing<'a> {
    pub dir: &'a Path,
    pub marker: &'a Arc<Marker>,
}

/// What a file of the previous site was found to be.
pub(super) enum Found {
    /// Not there.
    Gone,
    /// As evalsite wrote it; `same` when it holds the bytes the new build
    /// writes at its path.
    AsWritten { stamp: Stamp, same: bool },
    /// Changed after evalsite wrote it, or not a file.
    Changed,
}

/// What writing one file found of the previous site's file at its path
/// (none where the previous site does not list it), and whether the file
/// was linked from there.
pub(super) type Put = Option<(String, Found, bool)>;

/// Writes files under `root`, one at a time in any order, or, where the
/// previous site has the file with the same bytes, hard-links that file
/// instead: after a small edit most of a large site is unchanged, and
/// linking is much cheaper than writing, and than deleting the old copy
/// afterwards (its data stays in use). The previous site is only read,
/// never changed.
pub(super) struct Writer {
    root: PathBuf,
    previous: Option<(PathBuf, Arc<Marker>)>,
    /// Cleared at the first link that fails (a file system without hard
    /// links, or an output folder that is a mount point): write from then
    /// on.
    linking: AtomicBool,
}

impl Writer {
    /// A writer into `root` (which holds no file yet) replacing `previous`,
    /// with every folder of `paths` made.
    pub fn new<'a>(
        root: &Path,
        paths: impl Iterator<Item = &'a str>,
        previous: Option<Replacing>,
    ) -> anyhow::Result<Writer> {
        let folders: std::collections::BTreeSet<&Path> =
            paths.filter_map(|path| Path::new(path).parent()).collect();
        for folder in folders {
            let dir = root.join(folder);
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        Ok(Writer {
            root: root.to_path_buf(),
            previous: previous.map(|p| (p.dir.to_path_buf(), p.marker.clone())),
            linking: AtomicBool::new(previous.is_some()),
        })
    }

    /// Writes (or links) the file at `path`, whose bytes are `bytes`
    /// (`new` says what they are), checking the previous site's file
    /// there as it reads it.
    pub fn put(&self, path: &str, bytes: &[u8], new: Written) -> anyhow::Result<Put> {
        let full = self.root.join(path);
        let listed = (self.previous.as_ref())
            .and_then(|(dir, marker)| Some((dir.join(path), marker.files.get(path)?)));
        let Some((old, recorded)) = listed else {
            write(&full, bytes)?;
            return Ok(None);
        };
        let found = check(&old, recorded, Some((bytes, new)));
        let linked = match found {
            Found::AsWritten { same: true, .. } if self.linking.load(Ordering::Relaxed) => {
                let linked = std::fs::hard_link(&old, &full).is_ok();
                if !linked {
                    self.linking.store(false, Ordering::Relaxed);
                }
                linked
            }
            _ => false,
        };
        if !linked {
            write(&full, bytes)?;
        }
        Ok(Some((path.to_string(), found, linked)))
    }

    /// Once every file of the new site (`paths`, sorted) is written, with
    /// what writing each found (`put`): the previous site's files as the
    /// build found them. `Err` holds the files of the previous site that
    /// were changed after evalsite wrote them, when there are any (then
    /// nothing of it may be replaced).
    pub fn seen(&self, paths: &[&str], put: Vec<Put>) -> Result<Seen, Vec<String>> {
        let Some((dir, marker)) = &self.previous else {
            return Ok(Seen::new());
        };
        // The previous site's files the new build does not write are
        // checked too: they are removed with it.
        let gone = (marker.files.par_iter())
            .filter(|(path, _)| paths.binary_search(&path.as_str()).is_err())
            .map(|(path, recorded)| {
                let found = check(&dir.join(path), recorded, None);
                Some((path.clone(), found, false))
            });
        // Looked at last, just before the swap: a linked file is the
        // previous site's, shared, and if it changed since it was read,
        // the new site would hold bytes the gate never read.
        let checked: Vec<(String, Option<Stamp>)> = (put.into_par_iter().chain(gone).flatten())
            .filter_map(|(path, found, linked)| match found {
                Found::AsWritten { stamp, .. }
                    if linked && Stamp::now(&self.root.join(&path)) != Some(stamp) =>
                {
                    Some((path, None))
                }
                Found::AsWritten { stamp, .. } => Some((path, Some(stamp))),
                Found::Changed => Some((path, None)),
                Found::Gone => None,
            })
            .collect();
        let mut seen = Seen::new();
        let mut changed = Vec::new();
        for (path, stamp) in checked {
            match stamp {
                Some(stamp) => {
                    seen.insert(path, stamp);
                }
                None => changed.push(path),
            }
        }
        if !changed.is_empty() {
            changed.sort();
            return Err(changed);
        }
        Ok(seen)
    }
}

fn write(full: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(full, bytes).with_context(|| format!("writing {}", full.display()))
}

/// What the previous site's file at `old` is, against what its marker
/// says evalsite wrote there and the bytes the new build writes at its
/// path, if any. The file is read once at most: where evalsite wrote there
/// what it writes now, comparing its bytes with the new ones tells both
/// whether it is unchanged and whether it can be linked.
fn check(old: &Path, recorded: &Recorded, new: Option<(&[u8], Written)>) -> Found {
    let meta = match std::fs::symlink_metadata(old) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Found::Gone,
        Ok(meta) if meta.is_file() => meta,
        _ => return Found::Changed,
    };
    let stamp = Stamp::of(&meta);
    let as_written = |same| Found::AsWritten { stamp, same };
    if !recorded.has_len(meta.len()) {
        return Found::Changed;
    }
    match (recorded, new) {
        (Recorded::Unknown, Some((bytes, _))) => as_written(holds(old, bytes)),
        (Recorded::Unknown, None) => as_written(false),
        (recorded, Some((bytes, new))) if recorded.has(new) && holds(old, bytes) => {
            as_written(true)
        }
        // What it holds is not the one version listed.
        (Recorded::One(one), Some((_, new))) if *one == new => Found::Changed,
        (recorded, _) => match marker::written_in(old) {
            Ok(now) if recorded.has(now) => as_written(false),
            _ => Found::Changed,
        },
    }
}

/// Whether `path` is a regular file (not a link to one) holding `bytes`:
/// compared a piece at a time as it is read, so the longest pages (a
/// borough's report at 50,000 quotes is 10 MB) are not read into memory.
pub(super) fn holds(path: &Path, bytes: &[u8]) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return false;
    }
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    // Read until the length its metadata gave (no call to find the end).
    let (mut rest, mut same) = (bytes, true);
    let read = crate::files::read::read_in_pieces(&mut file, |piece| {
        same = rest.get(..piece.len()) == Some(piece);
        rest = rest.get(piece.len()..).unwrap_or_default();
        same && !rest.is_empty()
    });
    read.is_ok() && same && rest.is_empty()
}
