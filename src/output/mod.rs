//! Where the rendered site goes. A build writes every file into a temporary
//! folder beside the output folder, checks that all of it is there, and
//! only then puts it in place: a failed or killed build leaves the
//! previous site exactly as it was. This module runs the steps in order;
//! the steps are its submodules:
//!
//! - [`target`]: the output folder checked against the project;
//! - [`lock`]: the lock that keeps two builds writing one output folder
//!   apart, held from the first step to the last;
//! - [`staging`]: the temporary folders, and what killed builds left;
//! - [`marker`]: the file that marks a folder evalsite made, and what it
//!   lists;
//! - [`previous`]: whether the folder there now may be replaced;
//! - [`write`]: the files written (or linked from the previous site);
//! - [`swap`]: the new site put in place: a folder evalsite made swaps
//!   places with the new one, one the researcher made (or a mount point)
//!   keeps its place and has what is in it swapped;
//! - [`remove`]: the previous site removed, only as far as evalsite wrote
//!   it.
//!
//! Serve mode keeps the files in memory instead and never calls this.

mod lock;
mod marker;
mod mounts;
mod previous;
mod remove;
mod staging;
mod swap;
mod target;
mod write;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_changed;
#[cfg(test)]
mod tests_folder;

pub use lock::LOCK;
pub use marker::MARKER;
pub use remove::Kept;
pub use target::{Inputs, Refused, Target};

use anyhow::Context;
use marker::{Lines, Marker, Recorded, Written};
use previous::{Previous, refuse_changed, replaceable};
use rayon::prelude::*;
use remove::{Ours, remove_previous};
use staging::{STAGING, discard, remove_leftovers};
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::path::Path;
use swap::{Contents, Exchange, exchange, is_mount_point, swap_contents, swap_folder};
use write::{Replacing, Seen, Stamp, write_files};

/// Writes a site that passed the disclosure gate (paths relative to the
/// site root) as the folder `target`, replacing what is there only if
/// evalsite wrote it (and the folder itself only if evalsite made it):
/// nothing but a gated site can be written. Gives the folders kept rather
/// than removed (with files that were not evalsite's in them), for a
/// warning.
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
    write_with(target, files, exchange)
}

/// [`write_files_as_site`] with `exchange` (another in tests, to try the
/// two renames used where the system has no atomic exchange, and a swap
/// that fails).
fn write_with<B: Borrow<Vec<u8>> + Sync>(
    target: &Target,
    files: &BTreeMap<String, B>,
    exchange: Exchange,
) -> anyhow::Result<Vec<Kept>> {
    let real = &target.real;
    let (Some(parent), Some(name)) = (real.parent(), real.file_name()) else {
        anyhow::bail!(Refused(format!(
            "evalsite will not write the site into {}: it is the top of the file system",
            target.shown.display()
        )));
    };
    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let _lock = lock::lock(parent, name, &target.shown)?;
    let tag = staging::tag(name);
    let name = name.to_string_lossy();
    let mut kept = remove_leftovers(&[parent, real], parent, &name, &tag, files);
    let previous = replaceable(target, files)?;
    // A mount point cannot be replaced, nor a file moved into it from
    // another file system, and a folder mounted elsewhere too would leave
    // that mount showing the old folder: the new site is written inside it.
    let mount = is_mount_point(real) || mounts::mounted_elsewhere(real);
    let contents_only = mount
        || match &previous {
            Previous::Empty => true,
            Previous::Marked(marker) => marker.contents_only,
            Previous::None | Previous::Unmarked(_) => false,
        };
    let (previous, unmarked) = match previous {
        Previous::None | Previous::Empty => (None, false),
        Previous::Marked(marker) => (Some(marker), false),
        Previous::Unmarked(found) => (Some(adopt(real, &found)?), true),
    };
    let site = NewSite::of(files, contents_only);
    let place = if mount { real.as_path() } else { parent };
    let staging = staging::make(place, STAGING, &tag)?;
    // What is written of the new site is removed if the build stops.
    let abandon = |error| discard(&staging, &site.unfinished(), parent, &name, error);
    let (seen, both) = fill(&staging, &site, target, previous.as_ref()).map_err(abandon)?;
    let holders = match both {
        Some(both) => {
            let contents = Contents {
                staging: &staging,
                target: real,
                both: &both,
                new: &site.marker,
                tag: &tag,
                exchange,
            };
            match swap_contents(&contents) {
                Ok(holders) => holders,
                Err(failed) if failed.restored => return Err(abandon(failed.error)),
                // The folders are left for the next build to finish with.
                Err(failed) => return Err(failed.error),
            }
        }
        None => {
            let old = swap_folder(&staging, real, &tag, exchange).map_err(abandon)?;
            if let (Some(old), Some(adopted), true) = (&old, &previous, unmarked) {
                // Marked now that it is out of place, so that a build
                // killed before it is removed leaves it known for
                // evalsite's (as it is until then by its pages, see
                // [`staging::remove_leftovers`]). Where that fails, it is
                // removed all the same, only less safely.
                let _ = write_marker(old, adopted);
            }
            old.into_iter().collect()
        }
    };
    // The marker in each holder is the one the build found, unless this
    // build wrote it there (the one listing both versions; an old site's).
    let wrote_marker = contents_only || unmarked;
    let what = format!("the previous {}", target.shown.display());
    for holder in holders {
        let mut seen = std::borrow::Cow::Borrowed(&seen);
        if let Some(stamp) = Stamp::now(&holder.join(MARKER)).filter(|_| wrote_marker) {
            seen.to_mut().insert(MARKER.to_string(), stamp);
        }
        let ours = Ours::Seen(&seen);
        kept.extend(remove_previous(&holder, &ours, parent, &name, what.clone()));
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

/// The files of the new site, with what each is, and its marker.
struct NewSite<'a, B> {
    files: Vec<(&'a String, &'a B)>,
    written: Vec<Written>,
    /// The marker's text once every file is written.
    marker: String,
    contents_only: bool,
}

impl<'a, B: Borrow<Vec<u8>> + Sync> NewSite<'a, B> {
    fn of(files: &'a BTreeMap<String, B>, contents_only: bool) -> Self {
        let files: Vec<(&String, &B)> = files.iter().collect();
        let written = files
            .par_iter()
            .map(|(_, bytes)| Written::of((*bytes).borrow()))
            .collect();
        let mut site = NewSite {
            files,
            written,
            marker: String::new(),
            contents_only,
        };
        site.marker = marker::text(site.listing(), site.lines(false));
        site
    }

    /// Each file's path and what is written there.
    fn listing(&self) -> impl Iterator<Item = (&str, Written)> {
        (self.files.iter())
            .zip(&self.written)
            .map(|((p, _), w)| (p.as_str(), *w))
    }

    fn lines(&self, unfinished: bool) -> Lines {
        Lines {
            unfinished,
            contents_only: self.contents_only,
        }
    }

    /// The marker of the folder while it is written (what a build removes
    /// of it, if it stops).
    fn unfinished(&self) -> Marker {
        staging::unfinished(self.listing())
    }
}

/// Writes the new site into `staging` (linking what it can from the
/// `previous` site of `target`, and checking its files as it goes), marks
/// it, and checks that it is all there. Gives the previous site's files
/// as the build found them, and, where what is in the folder is to be
/// swapped, the marker listing both versions of each file.
fn fill<B: Borrow<Vec<u8>> + Sync>(
    staging: &Path,
    site: &NewSite<B>,
    target: &Target,
    previous: Option<&Marker>,
) -> anyhow::Result<(Seen, Option<String>)> {
    let real = &target.real;
    marker::write(staging, site.listing(), site.lines(true))?;
    let replacing = previous.map(|marker| Replacing { dir: real, marker });
    let marker_stamp = replacing.and_then(|_| Stamp::now(&real.join(MARKER)));
    let mut seen = match write_files(staging, &site.files, &site.written, replacing)? {
        Ok(seen) => seen,
        Err(changed) => {
            let shown = target.shown.display().to_string();
            return Err(refuse_changed(&shown, &changed));
        }
    };
    seen.extend(marker_stamp.map(|stamp| (MARKER.to_string(), stamp)));
    marker::put(site.marker.as_bytes(), staging, staging)?;
    complete(staging, site.listing())?;
    let both = site
        .contents_only
        .then(|| both_versions(real, site.listing(), previous, site.lines(false)))
        .transpose()?;
    Ok((seen, both))
}

/// What a site of the version before markers holds (all of which an
/// evalsite wrote, as [`replaceable`] found), as a marker would list it.
/// Nothing is written into it here: it is marked once it is out of place.
fn adopt(real: &Path, found: &[String]) -> anyhow::Result<Marker> {
    let files: BTreeMap<String, Recorded> = found
        .par_iter()
        .map(|path| {
            let full = real.join(path);
            let written =
                marker::written_in(&full).with_context(|| format!("reading {}", full.display()))?;
            Ok((path.clone(), Recorded::One(written)))
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(Marker {
        files,
        unfinished: false,
        contents_only: false,
    })
}

/// Writes `marker`'s listing into `dir` as its marker.
fn write_marker(dir: &Path, marker: &Marker) -> anyhow::Result<()> {
    let listing = (marker.files.iter())
        .flat_map(|(path, recorded)| recorded.versions().iter().map(|w| (path.as_str(), *w)));
    marker::write(dir, listing, Lines::default())
}

/// The text of the marker that lists both the new site's files (`new`)
/// and the previous site's (`previous`'s, in `real`): each version of a
/// path once. A previous file whose marker did not say what was written
/// (format 2) is read for it.
fn both_versions<'a>(
    real: &Path,
    new: impl Iterator<Item = (&'a str, Written)>,
    previous: Option<&Marker>,
    lines: Lines,
) -> anyhow::Result<String> {
    let mut all: BTreeMap<&str, Recorded> = new.map(|(p, w)| (p, Recorded::One(w))).collect();
    for (path, recorded) in previous.into_iter().flat_map(|m| &m.files) {
        let versions = match recorded {
            Recorded::Unknown => match marker::written_in(&real.join(path)) {
                Ok(written) => vec![written],
                Err(_) => continue,
            },
            recorded => recorded.versions().to_vec(),
        };
        for written in versions {
            match all.get_mut(path.as_str()) {
                Some(listed) => listed.add(written),
                None => {
                    all.insert(path, Recorded::One(written));
                }
            }
        }
    }
    let listing =
        (all.iter()).flat_map(|(path, recorded)| recorded.versions().iter().map(|w| (*path, *w)));
    Ok(marker::text(listing, lines))
}

/// Checks that every file `listing` gives is in `dir` with its length (and
/// the marker with them), the last look before the new site is put in
/// place: a site cut short (by another program, or a build that is not
/// evalsite's removing what it took for a leftover) is never published.
fn complete<'a>(
    dir: &Path,
    listing: impl Iterator<Item = (&'a str, Written)>,
) -> anyhow::Result<()> {
    let listing: Vec<(&str, Written)> = listing.collect();
    let mut missing: Vec<&str> = listing
        .par_iter()
        .filter(|(path, written)| {
            let meta = std::fs::symlink_metadata(dir.join(path));
            !meta.is_ok_and(|meta| meta.is_file() && meta.len() == written.len)
        })
        .map(|(path, _)| *path)
        .collect();
    if !std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file()) {
        missing.push(MARKER);
    }
    if missing.is_empty() {
        return Ok(());
    }
    missing.sort();
    anyhow::bail!(
        "the new site in {} is not complete ({} of its files are missing or cut short, such as {}): something else changed that folder while evalsite wrote it; the previous site was left as it was; build again",
        dir.display(),
        missing.len(),
        missing[0]
    )
}
