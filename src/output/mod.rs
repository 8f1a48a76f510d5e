//! Where the rendered site goes. A build writes every file into a temporary
//! sibling of the output folder and swaps it in with one atomic exchange at
//! the end (two renames where the system has no exchange), so a failed or
//! killed build leaves the previous site exactly as it was. This module
//! checks the output folder against the project ([`Target`]) and runs the
//! steps in order; the steps are its submodules:
//!
//! - [`marker`]: the file that marks a folder evalsite made, and what it lists;
//! - [`previous`]: whether the folder there now may be replaced;
//! - [`write`]: the files written (or linked from the previous site);
//! - [`swap`]: the new site put in place, the old one and what killed builds
//!   left removed;
//! - [`lock`]: the lock that keeps two builds of a project apart.
//!
//! Serve mode keeps the files in memory instead and never calls this.

mod lock;
mod marker;
mod previous;
mod swap;
mod write;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_changed;

pub use lock::{LOCK_FILE, Lock, LockError, lock};
pub use marker::MARKER;

pub use swap::Kept;

use anyhow::Context;
use marker::{Marker, Written};
use previous::{Previous, refuse_changed, replaceable};
use rayon::prelude::*;
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use swap::{Ours, RANDOM, STAGING, exchange, remove_leftovers, remove_previous, swap_in};
use write::{Replacing, Stamp, write_files};

/// A folder or file evalsite refuses to replace, with the reason and what
/// to do, for the researcher (exit code 1, as for a problem in the files).
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// What a build read, which the output folder may not be, hold, or (for
/// the folders a build reads from) be inside.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The project folder.
    pub root: PathBuf,
    /// Folders and files the build reads, with how the researcher knows
    /// them (`content/`, `the identifiers list`): the output may not be or
    /// hold one.
    pub read: Vec<(PathBuf, String)>,
    /// Folders the build lists (content/, the theme's): the output may not
    /// be inside one either, or the next build would read the site.
    pub listed: Vec<PathBuf>,
}

/// An output folder checked against the project: not one of its folders,
/// nor holding one, nor inside a folder a build reads. Made by
/// [`Target::new`] only.
#[derive(Debug)]
pub struct Target {
    /// As the researcher gave it, for messages.
    shown: PathBuf,
    /// Where the folder is, with links followed, absolute: a `site/` that
    /// is a link to a web root stays a link, and the folder it points to
    /// is the one replaced.
    real: PathBuf,
}

impl Target {
    /// Checks `output` against what the build read. `Err` holds a
    /// [`Refused`] when the folder may not be used.
    pub fn new(output: &Path, inputs: &Inputs) -> anyhow::Result<Target> {
        let real = absolute(&followed(output)?)?;
        let refuse = |why: String| -> anyhow::Result<Target> {
            Err(Refused(format!(
                "evalsite will not write the site into {}: {why}; choose another --output folder, such as site/ in the project",
                output.display()
            ))
            .into())
        };
        let root = absolute(&inputs.root)?;
        if real == root {
            return refuse("it is the project folder".into());
        }
        if root.starts_with(&real) {
            return refuse("it holds the project folder".into());
        }
        for (path, what) in &inputs.read {
            let path = absolute(path)?;
            if path == real {
                return refuse(format!("it is {what}"));
            }
            if path.starts_with(&real) {
                return refuse(format!("it holds {what}"));
            }
        }
        for folder in &inputs.listed {
            if real.starts_with(absolute(folder)?) {
                return refuse(format!(
                    "it is inside {}/, which a build reads",
                    crate::load::display_name(&inputs.root, folder)
                ));
            }
        }
        // A file where a folder of the path must be: creating the folder
        // would fail with the system's words and exit code 2 (#case-12.10).
        let file = real.ancestors().skip(1).find(|a| a.exists());
        if let Some(file) = file.filter(|a| !a.is_dir()) {
            return refuse(format!("{} is a file, not a folder", file.display()));
        }
        Ok(Target {
            // `site/` named as `site`: its files are `site/a.txt`, not
            // `site//a.txt` (#case-12.11).
            shown: output.components().collect(),
            real,
        })
    }
}

/// `path` with its last part followed while it is a link (the folder a
/// link to a web root points to), so a `site/` that is a link stays one.
fn followed(path: &Path) -> anyhow::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&path)
                    .with_context(|| format!("reading the link {}", path.display()))?;
                path = match path.parent() {
                    Some(parent) => parent.join(to),
                    None => to,
                };
            }
            _ => return Ok(path),
        }
    }
    anyhow::bail!("{} is a loop of links", path.display())
}

/// `path` absolute, with links followed as far as it exists and `.` and
/// `..` resolved, so that two paths to one folder compare equal.
fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    let path = std::path::absolute(path).with_context(|| format!("finding {}", path.display()))?;
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let mut real = real;
            for part in rest.iter().rev() {
                match part {
                    std::path::Component::ParentDir => {
                        real.pop();
                    }
                    std::path::Component::CurDir => {}
                    part => real.push(part),
                }
            }
            return Ok(real);
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return Ok(path),
        }
    }
}

/// Writes a site that passed the disclosure gate (paths relative to the
/// site root) as the folder `target`, replacing the folder there only if
/// evalsite made it: nothing but a gated site can be written. Gives the
/// folders kept rather than removed (with files that were not evalsite's
/// in them), for a warning.
pub fn write_site(
    target: &Target,
    site: &crate::anonymity::gate::Gated,
) -> anyhow::Result<Vec<Kept>> {
    write_files_as_site(target, site.files())
}

/// [`write_site`] for any files: private, so that only a gated site is
/// written (the tests below call it with made-up files).
fn write_files_as_site<B: Borrow<Vec<u8>> + Sync>(
    target: &Target,
    files: &BTreeMap<String, B>,
) -> anyhow::Result<Vec<Kept>> {
    let real = &target.real;
    let (Some(parent), Some(name)) = (real.parent(), real.file_name()) else {
        anyhow::bail!(Refused(format!(
            "evalsite will not write the site into {}: it is the top of the file system",
            target.shown.display()
        )));
    };
    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let name = name.to_string_lossy();
    let mut kept = remove_leftovers(parent, &name);
    let previous = match replaceable(target, files)? {
        Previous::None => None,
        Previous::Marked(marker) => Some(marker),
        Previous::Unmarked(found) => Some(adopt(real, &found)?),
    };
    let marker_stamp = previous
        .as_ref()
        .and_then(|_| Stamp::now(&real.join(MARKER)));
    let files: Vec<(&String, &B)> = files.iter().collect();
    let written: Vec<Written> = files
        .par_iter()
        .map(|(_, bytes)| Written::of((*bytes).borrow()))
        .collect();
    let listing = || {
        files
            .iter()
            .zip(&written)
            .map(|((p, _), w)| (p.as_str(), *w))
    };
    let staging = tempfile::Builder::new()
        .prefix(&format!("{STAGING}{name}-"))
        .rand_bytes(RANDOM)
        .tempdir_in(parent)
        .with_context(|| format!("creating a temporary folder in {}", parent.display()))?;
    marker::write(staging.path(), listing(), true)?;
    let replacing = previous
        .as_ref()
        .map(|marker| Replacing { dir: real, marker });
    let mut seen = match write_files(staging.path(), &files, &written, replacing)? {
        Ok(seen) => seen,
        Err(changed) => {
            return Err(refuse_changed(
                &target.shown.display().to_string(),
                &changed,
            ));
        }
    };
    seen.extend(marker_stamp.map(|stamp| (MARKER.to_string(), stamp)));
    marker::write(staging.path(), listing(), false)?;
    if let Some(old) = swap_in(staging, real, parent, &name, exchange)? {
        let what = format!("the previous {}", target.shown.display());
        kept.extend(remove_previous(
            &old,
            &Ours::Seen(&seen),
            parent,
            &name,
            what,
        ));
    }
    // Named beside the output folder as the researcher gave it, unless
    // that is a link (then the kept folder is beside the folder it
    // points to, named in full).
    if target.shown.file_name() == real.file_name() {
        for kept in &mut kept {
            if let Some(name) = kept.folder.file_name() {
                kept.folder = target.shown.with_file_name(name);
            }
        }
    }
    Ok(kept)
}

/// Marks a site of the version before markers with what it holds (all of
/// which an evalsite wrote, as [`replaceable`] found) before it is moved
/// aside, so that if this build is killed before removing it, the next one
/// knows it for evalsite's.
fn adopt(real: &Path, found: &[String]) -> anyhow::Result<Marker> {
    let files: BTreeMap<String, Option<Written>> = found
        .par_iter()
        .map(|path| {
            let full = real.join(path);
            let written =
                marker::written_in(&full).with_context(|| format!("reading {}", full.display()))?;
            Ok((path.clone(), Some(written)))
        })
        .collect::<anyhow::Result<_>>()?;
    let listing = files.iter().filter_map(|(p, w)| Some((p.as_str(), (*w)?)));
    marker::write(real, listing, false)?;
    Ok(Marker {
        files,
        unfinished: false,
    })
}
