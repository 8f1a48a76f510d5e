//! The lock that keeps two builds writing one output folder apart (two
//! projects with the same `--output`, or one project built twice): a file
//! beside the output folder, named after it, held from before anything
//! beside or in the output folder is touched until the build is done, then
//! removed. A build that cannot take it does not build.
//!
//! The output folder itself is locked too where it is there: one folder
//! reached by two names (a bind mount) has a lock file beside each name,
//! but one folder.
//!
//! The file is removed by the build holding it, before it lets go; a build
//! that took the lock of a file no longer there (removed as it waited)
//! tries again with the file there now, so two builds never hold the lock
//! of one output folder at once.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The start of the lock file's name; the output folder's name follows
/// (or, where that would make too long a name, [`super::staging::tag`]).
pub const LOCK: &str = ".evalsite-lock-";

/// The longest file name most file systems take, in bytes.
pub(super) const LONGEST_NAME: usize = 255;

/// How many times a build tries again for a lock file removed as it took
/// it.
const TRIES: usize = 20;

/// Held while a build writes the output folder; when dropped, the file is
/// removed (where the system tells that it is still the one locked, and it
/// is empty, as evalsite makes it) and the lock let go (by the system too, if the build is killed: the
/// file is then left, and the next build uses it and removes it).
#[derive(Debug)]
pub(super) struct Lock {
    file: std::fs::File,
    path: PathBuf,
    /// The output folder itself, locked too where it is there: one folder
    /// reached by two names (a bind mount) has two lock files beside it,
    /// but one folder to lock (second reliability red team, case 1).
    _folder: Option<std::fs::File>,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let empty = std::fs::symlink_metadata(&self.path).is_ok_and(|m| m.len() == 0);
        if cfg!(unix) && empty && is_at(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// The lock file of the output folder `name` in `parent`.
pub(super) fn path(parent: &Path, name: &OsStr) -> PathBuf {
    let readable = name
        .to_str()
        .filter(|name| LOCK.len() + name.len() <= LONGEST_NAME);
    match readable {
        Some(name) => parent.join(format!("{LOCK}{name}")),
        None => parent.join(format!("{LOCK}{}", super::staging::tag(name))),
    }
}

/// Takes the lock of the output folder `name` in `parent` (`shown` as the
/// researcher gave it, for messages), without waiting. The file is made if
/// it is not there, never through a link; an error says why the lock could
/// not be taken (another build holds it, or it cannot be made or locked).
pub(super) fn lock(parent: &Path, name: &OsStr, shown: &Path) -> anyhow::Result<Lock> {
    let path = path(parent, name);
    let unable = |why: String| {
        anyhow::anyhow!(
            "evalsite cannot take the lock {} ({why}), which keeps two builds from writing {} at once, so it did not build; nothing was changed",
            path.display(),
            shown.display()
        )
    };
    for _ in 0..TRIES {
        let file = open(&path).map_err(unable)?;
        match file.try_lock() {
            Ok(()) if is_at(&file, &path) => {
                // Made first, so that the lock file goes (when it drops) if
                // the folder's lock cannot be taken.
                let mut lock = Lock {
                    file,
                    path,
                    _folder: None,
                };
                lock._folder = lock_folder(&parent.join(name), shown)?;
                return Ok(lock);
            }
            // Removed by the build that held it, as this one took it.
            Ok(()) => continue,
            Err(std::fs::TryLockError::WouldBlock) => anyhow::bail!(
                "another build is writing {} ({} is locked); wait for it to finish, then build again",
                shown.display(),
                path.display()
            ),
            Err(std::fs::TryLockError::Error(error)) => {
                return Err(unable(format!(
                    "the file system there does not lock files: {error}"
                )));
            }
        }
    }
    Err(unable(
        "it was removed and made again each time evalsite took it".into(),
    ))
}

/// Locks the output folder `folder` itself where it is there and can be
/// opened (on Unix a folder can be locked as a file is); `None` where it is
/// not there yet, or cannot be opened to lock (its lock file then keeps
/// builds apart). Another build holding it is an error.
fn lock_folder(folder: &Path, shown: &Path) -> anyhow::Result<Option<std::fs::File>> {
    let is_folder = std::fs::metadata(folder).is_ok_and(|m| m.is_dir());
    let Some(file) = is_folder
        .then(|| std::fs::File::open(folder).ok())
        .flatten()
    else {
        return Ok(None);
    };
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => anyhow::bail!(
            "another build is writing {} (under another name for the same folder); wait for it to finish, then build again",
            shown.display()
        ),
        // A file system that does not lock folders: the lock file is all.
        Err(std::fs::TryLockError::Error(_)) => Ok(None),
    }
}

/// Whether `file` is (still) the file at `path`.
fn is_at(file: &std::fs::File, path: &Path) -> bool {
    let (Ok(open), Ok(there)) = (file.metadata(), std::fs::symlink_metadata(path)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        there.is_file() && open.ino() == there.ino() && open.dev() == there.dev()
    }
    // No way to tell the file from another of its name: it is taken to
    // be, and never removed (see [`Lock`]'s `drop`).
    #[cfg(not(unix))]
    {
        let _ = open;
        there.is_file()
    }
}

/// The lock file at `path`, made if it is not there: with `create_new`,
/// which never follows a link (a link to nothing is not made into a file
/// where it points), and otherwise opened only where it is a file.
fn open(path: &Path) -> Result<std::fs::File, String> {
    let made = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    match made {
        Ok(file) => return Ok(file),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(format!("it cannot be made: {e}")),
    }
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("it cannot be read: {e}"))?;
    if meta.file_type().is_symlink() {
        return Err("it is a link; remove it, and evalsite makes a file of its own there".into());
    }
    if !meta.is_file() {
        return Err("it is not a file; remove it, and evalsite makes one there".into());
    }
    // Opened for writing where it can be (some network file systems lock
    // only such files), else for reading; nothing is ever written to it.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .or_else(|_| std::fs::File::open(path))
        .map_err(|e| format!("it cannot be opened: {e}"))?;
    // A link put there since it was looked at is followed no further than
    // this: what was opened must be a file.
    match file.metadata() {
        Ok(meta) if meta.is_file() => Ok(file),
        _ => Err("it is not a file; remove it, and evalsite makes one there".into()),
    }
}
