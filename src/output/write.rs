//! The writing itself: every file of the new site into the staging folder,
//! or hard-linked from the previous site where it holds the same bytes;
//! and, as the previous site's files are read for that, the check that
//! each is still as evalsite wrote it (a file changed by hand stops the
//! build), noting how each looked ([`Seen`]) so that only files nobody
//! touched since are removed with the old site.

use super::marker::{self, Marker, Recorded, Written};
use anyhow::Context;
use rayon::prelude::*;
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::path::Path;
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
    pub marker: &'a Marker,
}

/// What a file of the previous site was found to be.
enum Found {
    /// Not there.
    Gone,
    /// As evalsite wrote it; `same` when it holds the bytes the new build
    /// writes at its path.
    AsWritten { stamp: Stamp, same: bool },
    /// Changed after evalsite wrote it, or not a file.
    Changed,
}

/// Writes each file (with `written`, what each is: same order) under
/// `root`, or, where the previous site has the file with the same bytes,
/// hard-links that file instead: after a small edit most of a large site is
/// unchanged, and linking is much cheaper than writing, and than deleting
/// the old copy afterwards (its data stays in use). The previous site is
/// only read, never changed. `Err` holds the files of the previous site
/// that were changed after evalsite wrote them, when there are any (then
/// nothing of it may be replaced).
pub(super) fn write_files<B: Borrow<Vec<u8>> + Sync>(
    root: &Path,
    files: &[(&String, &B)],
    written: &[Written],
    previous: Option<Replacing>,
) -> anyhow::Result<Result<Seen, Vec<String>>> {
    let folders: std::collections::BTreeSet<&Path> = files
        .iter()
        .filter_map(|(path, _)| Path::new(path.as_str()).parent())
        .collect();
    for folder in folders {
        let dir = root.join(folder);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    // Cleared at the first link that fails (a file system without hard
    // links, or an output folder that is a mount point): write from then on.
    let linking = AtomicBool::new(previous.is_some());
    let found: Vec<Option<(String, Found, bool)>> = files
        .par_iter()
        .zip(written)
        .map(|((path, bytes), &new)| {
            let full = root.join(path);
            let bytes: &[u8] = (*bytes).borrow();
            let Some((old, recorded)) = previous.and_then(|p| listed(p, path)) else {
                write(&full, bytes)?;
                return Ok(None);
            };
            let found = check(&old, recorded, Some((bytes, new)));
            let linked = match found {
                Found::AsWritten { same: true, .. } if linking.load(Ordering::Relaxed) => {
                    let linked = std::fs::hard_link(&old, &full).is_ok();
                    if !linked {
                        linking.store(false, Ordering::Relaxed);
                    }
                    linked
                }
                _ => false,
            };
            if !linked {
                write(&full, bytes)?;
            }
            Ok(Some((path.to_string(), found, linked)))
        })
        .collect::<anyhow::Result<_>>()?;
    let Some(previous) = previous else {
        return Ok(Ok(Seen::new()));
    };
    // The previous site's files the new build does not write are checked too:
    // they are removed with it.
    let gone = (previous.marker.files.par_iter())
        .filter(|(path, _)| {
            (files.binary_search_by(|(p, _)| p.as_str().cmp(path.as_str()))).is_err()
        })
        .map(|(path, recorded)| {
            let found = check(&previous.dir.join(path), recorded, None);
            Some((path.clone(), found, false))
        });
    // Looked at last, just before the swap: a linked file is the previous
    // site's, shared, and if it changed since it was read, the new site
    // would hold bytes the gate never read.
    let checked: Vec<(String, Option<Stamp>)> = (found.into_par_iter().chain(gone).flatten())
        .filter_map(|(path, found, linked)| match found {
            Found::AsWritten { stamp, .. }
                if linked && Stamp::now(&root.join(&path)) != Some(stamp) =>
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
        return Ok(Err(changed));
    }
    Ok(Ok(seen))
}

fn write(full: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(full, bytes).with_context(|| format!("writing {}", full.display()))
}

/// Where the previous site has `path` and what its marker says was
/// written there, if it lists it.
fn listed<'a>(previous: Replacing<'a>, path: &str) -> Option<(std::path::PathBuf, &'a Recorded)> {
    let recorded = previous.marker.files.get(path)?;
    Some((previous.dir.join(path), recorded))
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
