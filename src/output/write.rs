//! The writing itself: every file of the new site into the staging folder,
//! or hard-linked from the previous site where it holds the same bytes.

use anyhow::Context;
use rayon::prelude::*;
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Writes each file under `root`, or, where `previous` (the site being
/// replaced) has the file with the same bytes, hard-links that file instead:
/// after a small edit most of a large site is unchanged, and linking is much
/// cheaper than writing, and than deleting the old copy afterwards (its data
/// stays in use). The previous site is only read, never changed.
pub(super) fn write_files<B: Borrow<Vec<u8>> + Sync>(
    root: &Path,
    files: &BTreeMap<String, B>,
    previous: Option<&Path>,
) -> anyhow::Result<()> {
    let folders: std::collections::BTreeSet<&Path> = files
        .keys()
        .filter_map(|path| Path::new(path).parent())
        .collect();
    for folder in folders {
        let dir = root.join(folder);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    // Cleared at the first link that fails (a file system without hard
    // links, or an output folder that is a mount point): write from then on.
    let linking = AtomicBool::new(previous.is_some());
    files.par_iter().try_for_each(|(path, bytes)| {
        let full = root.join(path);
        let bytes = bytes.borrow();
        if let Some(previous) = previous.filter(|_| linking.load(Ordering::Relaxed)) {
            let old = previous.join(path);
            if holds(&old, bytes) {
                if std::fs::hard_link(&old, &full).is_ok() {
                    return Ok(());
                }
                linking.store(false, Ordering::Relaxed);
            }
        }
        std::fs::write(&full, bytes).with_context(|| format!("writing {}", full.display()))
    })
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
    let read = crate::load::read_in_pieces(&mut file, |piece| {
        same = rest.get(..piece.len()) == Some(piece);
        rest = rest.get(piece.len()..).unwrap_or_default();
        same && !rest.is_empty()
    });
    read.is_ok() && same && rest.is_empty()
}
