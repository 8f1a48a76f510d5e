//! Putting the new site in place (one atomic exchange, or two renames),
//! removing the previous one, and tidying what killed builds left.

use super::marker::is_marked;
use anyhow::Context;
use rayon::prelude::*;
use std::path::Path;

/// The names of the folders a build makes beside the output folder: the new
/// site while it is written, and (where the system has no atomic exchange)
/// the previous one while it is deleted. Each is followed by the output
/// folder's name, `-` and [`RANDOM`] random characters.
pub(super) const STAGING: &str = ".evalsite-build-";
pub(super) const OLD: &str = ".evalsite-old-";
pub(super) const RANDOM: usize = 8;

/// Deletes what killed builds left beside the output folder `name` in
/// `parent`: folders named as this module names them for that output, and
/// marked (never anything else, whatever its name).
pub(super) fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let ours = [STAGING, OLD].iter().any(|prefix| {
            file_name
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix(name))
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|random| {
                    random.len() == RANDOM && random.chars().all(|c| c.is_ascii_alphanumeric())
                })
        });
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if ours && is_dir && is_marked(&entry.path()) {
            remove_tree(&entry.path());
        }
    }
}

/// Puts the written site `staging` in the place of `target`: with one
/// atomic exchange where the system has it (a kill at any moment leaves
/// either the old site or the new one there), else with two renames.
/// `exchange` is [`exchange`] but in tests of the two renames.
pub(super) fn swap_in(
    staging: tempfile::TempDir,
    target: &Path,
    parent: &Path,
    name: &str,
    exchange: fn(&Path, &Path) -> std::io::Result<bool>,
) -> anyhow::Result<()> {
    let moving = || format!("moving the new site into {}", target.display());
    if !target.exists() {
        std::fs::rename(staging.path(), target).with_context(moving)?;
        let _ = staging.keep();
        return Ok(());
    }
    if exchange(staging.path(), target).with_context(moving)? {
        // The staging folder's name now holds the previous site.
        remove_tree(&staging.keep());
        return Ok(());
    }
    let staged = staging.keep();
    let old = tempfile::Builder::new()
        .prefix(&format!("{OLD}{name}-"))
        .rand_bytes(RANDOM)
        .tempdir_in(parent)?
        .keep();
    std::fs::remove_dir(&old)?;
    std::fs::rename(target, &old)
        .with_context(|| format!("moving the previous {} aside", target.display()))?;
    if let Err(error) = std::fs::rename(&staged, target) {
        let _ = std::fs::rename(&old, target);
        remove_tree(&staged);
        return Err(error).with_context(moving);
    }
    remove_tree(&old);
    Ok(())
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

/// Deletes the previous site, its files in parallel (most of a large site is
/// thousands of small files in one folder; those linked into the new site
/// only lose a name).
fn remove_tree(dir: &Path) {
    crate::load::files_under(dir).par_iter().for_each(|file| {
        let _ = std::fs::remove_file(file);
    });
    let _ = std::fs::remove_dir_all(dir);
}
