//! Fetching one file: from disk, or from serve mode's memo when it is
//! unchanged, then joining it to the sources (a file that is not UTF-8 is
//! kept and reported). Fetching is done in parallel, joining in path order.
//! Does not decide which files are read.

use super::Memo;
use super::memo::Stamp;
use crate::diag::Diagnostic;
use crate::files::display_name;
use crate::files::read::{decode, not_utf8, read_bytes};
use crate::source::{FileId, SourceFile, Sources};
use anyhow::Context;
use std::path::Path;
use std::sync::Arc;

/// Reads one file, or takes it from `memo` when unchanged since the previous
/// run; a file that is not UTF-8 is kept (lossily) and reported at the first
/// byte that is not.
pub(super) fn read(
    root: &Path,
    path: &Path,
    sources: &mut Sources,
    out: &mut Vec<Diagnostic>,
    memo: Option<&mut Memo>,
) -> anyhow::Result<FileId> {
    let fetched = fetch(root, path, memo.as_deref(), is_inside(root, path))?;
    Ok(admit(path, fetched, sources, out, memo, None).0)
}

/// A file as fetched from disk or from the memo, before it joins the sources
/// (fetching is done in parallel, joining in path order).
pub(super) struct Fetched {
    file: Got,
    /// The file's metadata, when there is a memo to keep it in.
    stamp: Option<Stamp>,
}

enum Got {
    Reused(Arc<SourceFile>),
    /// Read from disk; `not_utf8` is the offset of the first byte that is not.
    Read {
        file: SourceFile,
        not_utf8: Option<usize>,
    },
}

/// Fetches one file; `reported` when a watcher's report covers `path`.
pub(super) fn fetch(
    root: &Path,
    path: &Path,
    memo: Option<&Memo>,
    reported: bool,
) -> anyhow::Result<Fetched> {
    let unchanged = memo
        .filter(|_| reported)
        .and_then(|memo| memo.reported_unchanged(path));
    if let Some((stamp, file)) = unchanged {
        return Ok(Fetched {
            file: Got::Reused(file),
            stamp: Some(stamp),
        });
    }
    let stamp = match memo {
        Some(_) => Some(Stamp::of(
            &std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?,
        )),
        None => None,
    };
    if let Some(file) = memo
        .zip(stamp)
        .and_then(|(memo, stamp)| memo.reuse(path, stamp))
    {
        return Ok(Fetched {
            file: Got::Reused(file),
            stamp,
        });
    }
    let bytes = read_bytes(path).with_context(|| format!("reading {}", path.display()))?;
    let (file, not_utf8) = decode(display_name(root, path), bytes);
    Ok(Fetched {
        file: Got::Read { file, not_utf8 },
        stamp,
    })
}

/// Puts a fetched file into `sources` (in place of the file at `slot`, if
/// given) and notes it in the memo; says whether it was text.
pub(super) fn admit(
    path: &Path,
    fetched: Fetched,
    sources: &mut Sources,
    out: &mut Vec<Diagnostic>,
    memo: Option<&mut Memo>,
    slot: Option<FileId>,
) -> (FileId, bool) {
    let read = matches!(fetched.file, Got::Read { .. });
    let mut place = |file: Arc<SourceFile>| match slot {
        Some(id) => {
            sources.replace(id, file);
            id
        }
        None => sources.add_shared(file),
    };
    let (id, clean) = match fetched.file {
        Got::Reused(file) => (place(file), true),
        Got::Read {
            file,
            not_utf8: invalid,
        } => {
            let id = place(Arc::new(file));
            if let Some(valid) = invalid {
                out.push(not_utf8(id, valid));
            }
            (id, invalid.is_none())
        }
    };
    if let Some(memo) = memo {
        if read {
            memo.read += 1;
        }
        // A file that was not UTF-8 is read again next time, for its message.
        let found = fetched.stamp.filter(|_| clean);
        memo.found(path, found.map(|stamp| (stamp, sources.shared(id))));
    }
    (id, clean)
}

/// Whether `path` is inside the project at `root` as written, so that a
/// watcher's report of the project covers it. A file elsewhere (an
/// identifiers list outside the project, `../private/names.yaml`) is always
/// compared by its metadata.
fn is_inside(root: &Path, path: &Path) -> bool {
    path.strip_prefix(root).is_ok_and(|relative| {
        relative
            .components()
            .all(|part| matches!(part, std::path::Component::Normal(_)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_cover_only_files_inside_the_project() {
        let root = Path::new("/p/study");
        assert!(is_inside(root, &root.join("evalsite.yaml")));
        assert!(is_inside(root, &root.join("private/names.yaml")));
        assert!(!is_inside(root, &root.join("../private/names.yaml")));
        assert!(!is_inside(root, Path::new("/elsewhere/names.yaml")));
    }
}
