//! Putting the new site in place: the new folder and the old swap places
//! in one step where the system can ([`swap_folder`]). The previous site
//! ends in a folder of evalsite's own, to be removed ([`super::remove`]).

use super::staging::{self, OLD};
use anyhow::Context;
use std::path::{Path, PathBuf};

/// Swaps two files or folders in one step; false where the system or the
/// file system cannot ([`exchange`], or another in tests).
pub(super) type Exchange = fn(&Path, &Path) -> std::io::Result<bool>;

/// Puts the written site `staging` in the place of `target`: renamed there
/// if nothing is there; else with one atomic exchange where the system has
/// it (a kill at any moment leaves either the old site or the new one
/// there), or two renames. Gives where the previous site is now, if there
/// was one.
pub(super) fn swap_folder(
    staging: &Path,
    target: &Path,
    tag: &str,
    exchange: Exchange,
) -> anyhow::Result<Option<PathBuf>> {
    let moving = || format!("moving the new site into {}", target.display());
    if std::fs::symlink_metadata(target).is_err() {
        if !rename_new(staging, target).with_context(moving)? {
            anyhow::bail!(
                "{}: something was put there while the site was written",
                moving()
            );
        }
        return Ok(None);
    }
    if exchange(staging, target).with_context(moving)? {
        // The staging folder's name now holds the previous site.
        return Ok(Some(staging.to_path_buf()));
    }
    let parent = staging.parent().unwrap_or(Path::new("."));
    let old = staging::make(parent, OLD, tag)?;
    std::fs::remove_dir(&old).with_context(|| format!("removing {}", old.display()))?;
    std::fs::rename(target, &old)
        .with_context(|| format!("moving the previous {} aside", target.display()))?;
    if let Err(error) = std::fs::rename(staging, target) {
        return Err(match std::fs::rename(&old, target) {
            Ok(()) => anyhow::Error::new(error).context(moving()),
            Err(back) => anyhow::anyhow!(
                "{}: {error}; and the previous site could not be moved back from {}: {back}; move it back to {} yourself",
                moving(),
                old.display(),
                target.display()
            ),
        });
    }
    Ok(Some(old))
}

/// Swaps the folders `a` and `b` in one step; false where the system or
/// the file system cannot.
#[cfg(target_os = "linux")]
pub(super) fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

#[cfg(not(target_os = "linux"))]
pub(super) fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Renames `from` to `to` unless something is at `to` (false then).
pub(super) fn rename_new(from: &Path, to: &Path) -> std::io::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(true),
            Err(Errno::EXIST) => return Ok(false),
            Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => {}
            Err(error) => return Err(error.into()),
        }
    }
    if std::fs::symlink_metadata(to).is_ok() {
        return Ok(false);
    }
    std::fs::rename(from, to).map(|()| true)
}
