//! The lock that keeps two builds of one project apart: the file
//! [`LOCK_FILE`] in the project folder, held while a build runs.

use std::path::{Path, PathBuf};

/// The lock file in the project folder, held while a build runs.
pub const LOCK_FILE: &str = ".evalsite.lock";

/// Holds the project's lock while a build runs; let go when dropped.
pub struct Lock {
    _file: Option<std::fs::File>,
}

/// Why the lock was not taken.
pub enum LockError {
    /// Another build of the project holds it.
    Busy(PathBuf),
    /// The lock file cannot be made or locked here (a read-only project
    /// folder, a file system without locks): the build goes on unlocked.
    Unavailable(PathBuf, std::io::Error),
}

/// Takes the lock of the project at `root` (the file [`LOCK_FILE`] in it,
/// made if need be and left in place), without waiting.
pub fn lock(root: &Path) -> Result<Lock, LockError> {
    let path = root.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| LockError::Unavailable(path.clone(), e))?;
    match file.try_lock() {
        Ok(()) => Ok(Lock { _file: Some(file) }),
        Err(std::fs::TryLockError::WouldBlock) => Err(LockError::Busy(path)),
        Err(std::fs::TryLockError::Error(e)) => Err(LockError::Unavailable(path, e)),
    }
}

impl Lock {
    /// No lock, for a build that goes on without one.
    pub fn none() -> Lock {
        Lock { _file: None }
    }
}
