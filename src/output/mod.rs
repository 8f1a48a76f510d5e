//! Where the rendered site goes. A build writes every file into a temporary
//! folder beside the output folder as soon as the disclosure gate has
//! passed it ([`Writing`]), checks once the whole site has passed that all
//! of it is there, and only then puts it in place: a failed or killed
//! build leaves the previous site exactly as it was. This module runs the
//! steps in order; the steps are its submodules:
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
#[cfg(test)]
mod tests_stream;

pub use lock::LOCK;
pub use marker::MARKER;
pub use remove::Kept;
pub use target::{Inputs, Refused, Target};

use crate::anonymity::gate::{self, Gated};
use crate::render::Contents;
use anyhow::Context;
use marker::{Lines, Marker, Recorded, Written};
use previous::{Previous, refuse_changed, replaceable};
use rayon::prelude::*;
use remove::{Ours, remove_previous};
use staging::{STAGING, discard, remove_leftovers};
#[cfg(test)]
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;
use swap::{Exchange, exchange, is_mount_point, swap_contents, swap_folder};
use write::{Put, Replacing, Stamp, Writer};

/// [`Writing::finish`] for any files: private, so that only a gated site
/// is written (the tests below call it with made-up files).
#[cfg(test)]
fn write_files_as_site<B: Borrow<Vec<u8>>>(
    target: &Target,
    files: &BTreeMap<String, B>,
) -> anyhow::Result<Vec<Kept>> {
    write_with(target, files, exchange)
}

/// [`write_files_as_site`] with `exchange` (another in tests, to try the
/// two renames used where the system has no atomic exchange, and a swap
/// that fails).
#[cfg(test)]
fn write_with<B: Borrow<Vec<u8>>>(
    target: &Target,
    files: &BTreeMap<String, B>,
    exchange: Exchange,
) -> anyhow::Result<Vec<Kept>> {
    let files: BTreeMap<String, Contents> = (files.iter())
        .map(|(path, bytes)| (path.clone(), std::sync::Arc::new(bytes.borrow().clone())))
        .collect();
    let target = Target {
        shown: target.shown.clone(),
        real: target.real.clone(),
    };
    Writing::new(Ok(target), exchange).finish_files(&files)
}

/// A site written into its staging folder while the disclosure gate
/// reads it, each file as soon as it alone has passed (see
/// [`gate::Stage`]), and put in place only once the whole site has passed
/// ([`Writing::finish`], which takes the gated site); a build that fails
/// removes it ([`Writing::abandon`]). Nothing a reader can see changes
/// before the whole site has passed: the staging folder is beside the
/// output folder (inside it, hidden, where that is a mount point), and the
/// output folder is as it was until the swap.
///
/// The staging folder is begun once every file's name has passed, because
/// its folders and its marker (which lists every file, with its length and
/// a hash of its bytes, so that a killed build's folder can be removed by
/// the next) hold the names; no file's bytes are written before they pass.
/// Where it would be made inside the output folder, or folders would be
/// made for the output folder, or a previous site is there, it is begun
/// only once the whole site has passed ([`begins_early`]).
pub struct Writing {
    target: anyhow::Result<Target>,
    exchange: Exchange,
    begun: OnceLock<anyhow::Result<Begun>>,
}

/// The staging folder once begun, and the thread that writes into it.
struct Begun {
    _lock: lock::Lock,
    parent: PathBuf,
    name: String,
    tag: String,
    /// Folders kept while removing what killed builds left.
    kept: Vec<Kept>,
    /// The previous site's marker (as found, or made for a site of the
    /// version before markers: `unmarked`).
    previous: Option<Arc<Marker>>,
    unmarked: bool,
    site: Arc<NewSite>,
    staging: PathBuf,
    /// The permissions the staging folder was made with, given back once
    /// the site in it has passed ([`staging::shut`]).
    made: std::fs::Permissions,
    /// How the previous site's marker looked when the build found it.
    marker_stamp: Option<Stamp>,
    writer: Arc<Writer>,
    /// Where begun before the whole site has passed ([`begins_early`]):
    /// the thread writing each file as it passes.
    streaming: Option<Streaming>,
}

/// The thread that writes each file of the new site as it passes.
struct Streaming {
    /// The index of each file (in the new site) to write, as it passes.
    send: Sender<usize>,
    thread: JoinHandle<anyhow::Result<Vec<(usize, Put)>>>,
}

impl Streaming {
    fn start(site: Arc<NewSite>, writer: Arc<Writer>) -> anyhow::Result<Streaming> {
        let (send, receive) = std::sync::mpsc::channel::<usize>();
        // One thread: the gate's reading keeps the cores busy, and two
        // writers into one folder wait on each other.
        let thread = std::thread::Builder::new()
            .name("evalsite-write".into())
            .spawn(move || {
                let mut put = Vec::new();
                for index in receive {
                    let (path, bytes) = &site.files[index];
                    put.push((index, writer.put(path, bytes, site.written[index])?));
                }
                Ok(put)
            })
            .context("starting the thread that writes the site")?;
        Ok(Streaming { send, thread })
    }

    /// Hands over the file at `index`, to be written.
    fn put(&self, index: usize) {
        // The thread stops at its first error, which `end` gives.
        let _ = self.send.send(index);
    }

    /// Waits until every file handed over is written; gives what writing
    /// each found, by index.
    fn end(self) -> anyhow::Result<Vec<(usize, Put)>> {
        drop(self.send);
        match self.thread.join() {
            Ok(put) => put,
            Err(_) => anyhow::bail!("the thread writing the site failed"),
        }
    }
}

impl Writing {
    /// A site to write into `target`, or the reason it may not be (given
    /// by [`Writing::finish`], if the site passes).
    pub fn to(target: anyhow::Result<Target>) -> Writing {
        Writing::new(target, exchange)
    }

    fn new(target: anyhow::Result<Target>, exchange: Exchange) -> Writing {
        Writing {
            target,
            exchange,
            begun: OnceLock::new(),
        }
    }

    /// Puts the site that passed the gate (the very files begun with) in
    /// place of the output folder, writing whatever was not written yet:
    /// nothing but a gated site can be put in place. Gives the folders
    /// kept rather than removed (with files that were not evalsite's in
    /// them), for a warning.
    pub fn finish(self, site: &Gated) -> anyhow::Result<Vec<Kept>> {
        self.finish_files(site.files())
    }

    fn finish_files(mut self, files: &BTreeMap<String, Contents>) -> anyhow::Result<Vec<Kept>> {
        let began = self.begun.take();
        let target = std::mem::replace(&mut self.target, Err(anyhow::anyhow!("finished")))?;
        let begun = match began {
            Some(begun) => begun?,
            None => begin(&target, files, false)?,
        };
        finish(&target, begun, files, self.exchange)
    }

    /// Removes what was written, after a build that failed. Gives the
    /// folders kept rather than removed (with files that were not
    /// evalsite's in them), for a warning: this build's, and those of
    /// killed builds, which were removed as it began writing.
    pub fn abandon(mut self) -> Vec<Kept> {
        self.abandon_begun()
    }

    fn abandon_begun(&mut self) -> Vec<Kept> {
        let Some(Ok(begun)) = self.begun.take() else {
            return Vec::new();
        };
        let Begun {
            _lock,
            parent,
            name,
            mut kept,
            site,
            staging,
            streaming,
            ..
        } = begun;
        if let Some(streaming) = streaming {
            let _ = streaming.end();
        }
        let what = "the new site of a build that failed".to_string();
        kept.extend(remove_previous(
            &staging,
            &Ours::Listed(&site.unfinished()),
            &parent,
            &name,
            what,
        ));
        if let Ok(target) = &self.target {
            named_as_shown(target, &mut kept);
        }
        kept
    }
}

/// A build that stops before it finishes or abandons its writing (a
/// panic) removes what it wrote too.
impl Drop for Writing {
    fn drop(&mut self) {
        self.abandon_begun();
    }
}

impl gate::Stage for Writing {
    fn open(&self, named: gate::Named) {
        if let Some(target) = self.target.as_ref().ok().filter(|t| begins_early(t)) {
            self.begun
                .get_or_init(|| begin(target, named.files(), true));
        }
    }

    fn put(&self, passed: gate::Passed) {
        let Some(Ok(
            begun @ Begun {
                streaming: Some(streaming),
                ..
            },
        )) = self.begun.get()
        else {
            return;
        };
        let files = &begun.site.files;
        let found = files.binary_search_by(|(path, _)| path.as_str().cmp(passed.path()));
        // Only the very bytes the site was begun with (`finish` holds the
        // whole gated site to them): anything else is written, if it
        // passes, by `finish`.
        if let Some(index) = found
            .ok()
            .filter(|&i| Arc::ptr_eq(&files[i].1, passed.bytes()))
        {
            streaming.put(index);
        }
    }
}

/// Whether the writing of a site into `target` may begin before the whole
/// site has passed (once every name has): not where that would make
/// anything a build that then fails leaves behind or a reader may see,
/// so that such a build changes nothing on disk, as before. Not where
/// the folder that is to hold the output folder is not there yet (the
/// folders `begin` makes for it would stay after a build that fails), nor
/// where the staging folder would be made inside the output folder (a
/// mount point, or one mounted elsewhere too: a web server may be
/// serving it, and the staging folder's marker lists every file, with
/// its length and a hash of its bytes, before any file has passed).
/// There `finish` begins it, once the whole site has passed.
fn begins_early(target: &Target) -> bool {
    let real = &target.real;
    // Nor over a previous site: most of its files are linked into the new
    // one, which is quicker done after the gate on every core than beside
    // it, so beginning early would only hold the lock, and leave the
    // staging folder's marker beside it, for longer.
    let nothing_there = real.read_dir().map_or_else(
        |e| e.kind() == std::io::ErrorKind::NotFound,
        |mut d| d.next().is_none(),
    );
    real.parent().is_some_and(Path::is_dir)
        && nothing_there
        && !is_mount_point(real)
        && !mounts::mounted_elsewhere(real)
}

/// Begins writing `files` as the folder `target`: takes the lock, removes
/// what killed builds left, checks that what is there may be replaced,
/// makes the staging folder with the marker of an unfinished site and
/// every folder of the new one, and, when begun `early` (before the whole
/// site has passed, see [`begins_early`]), starts the thread that writes
/// each file as it passes.
fn begin(
    target: &Target,
    files: &BTreeMap<String, Contents>,
    early: bool,
) -> anyhow::Result<Begun> {
    let real = &target.real;
    let (Some(parent), Some(name)) = (real.parent(), real.file_name()) else {
        anyhow::bail!(Refused(format!(
            "evalsite will not write the site into {}: it is the top of the file system",
            target.shown.display()
        )));
    };
    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let lock = lock::lock(parent, name, &target.shown)?;
    let tag = staging::tag(name);
    let name = name.to_string_lossy();
    let kept = remove_leftovers(&[parent, real], parent, &name, &tag, files);
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
    let previous = previous.map(Arc::new);
    let site = Arc::new(NewSite::of(files, contents_only));
    let place = if mount { real.as_path() } else { parent };
    let staging = staging::make(place, STAGING, &tag)?;
    // What is written of the new site is removed if the build stops.
    let abandon = |error| discard(&staging, &site.unfinished(), parent, &name, error);
    let made = staging::shut(&staging).map_err(abandon)?;
    marker::write(&staging, site.listing(), site.lines(true)).map_err(abandon)?;
    let replacing = previous
        .as_ref()
        .map(|marker| Replacing { dir: real, marker });
    let marker_stamp = replacing.and_then(|_| Stamp::now(&real.join(MARKER)));
    let paths = site.files.iter().map(|(path, _)| path.as_str());
    let writer = Arc::new(Writer::new(&staging, paths, replacing).map_err(abandon)?);
    let streaming = early
        .then(|| Streaming::start(site.clone(), writer.clone()))
        .transpose()
        .map_err(abandon)?;
    Ok(Begun {
        _lock: lock,
        parent: parent.to_path_buf(),
        name: name.into_owned(),
        tag,
        kept,
        previous,
        unmarked,
        site,
        staging,
        made,
        marker_stamp,
        writer,
        streaming,
    })
}

/// Writes what was not written yet of `files` (the gated site, which must
/// be the very one begun with), marks the staging folder, checks that it
/// is all there, and puts it in place.
fn finish(
    target: &Target,
    begun: Begun,
    files: &BTreeMap<String, Contents>,
    exchange: Exchange,
) -> anyhow::Result<Vec<Kept>> {
    let Begun {
        _lock,
        parent,
        name,
        tag,
        mut kept,
        previous,
        unmarked,
        site,
        staging,
        made,
        marker_stamp,
        writer,
        streaming,
    } = begun;
    let real = &target.real;
    let parent = parent.as_path();
    let abandon = |error| discard(&staging, &site.unfinished(), parent, &name, error);
    let streamed = match streaming {
        Some(streaming) => streaming.end().map_err(abandon)?,
        None => Vec::new(),
    };
    let same = files.len() == site.files.len()
        && (files.iter().zip(&site.files)).all(|((p, b), (q, c))| p == q && Arc::ptr_eq(b, c));
    if !same {
        return Err(abandon(anyhow::anyhow!(
            "the site that passed the gate is not the one being written; nothing was put in place"
        )));
    }
    let mut done = vec![false; site.files.len()];
    for (index, _) in &streamed {
        done[*index] = true;
    }
    let rest: Vec<Put> = (site.files.par_iter().zip(&site.written).zip(&done))
        .filter(|(_, done)| !**done)
        .map(|(((path, bytes), &written), _)| writer.put(path, bytes, written))
        .collect::<anyhow::Result<_>>()
        .map_err(abandon)?;
    let put = streamed
        .into_iter()
        .map(|(_, put)| put)
        .chain(rest)
        .collect();
    let paths: Vec<&str> = site.files.iter().map(|(path, _)| path.as_str()).collect();
    let mut seen = match writer.seen(&paths, put) {
        Ok(seen) => seen,
        Err(changed) => {
            let shown = target.shown.display().to_string();
            return Err(abandon(refuse_changed(&shown, &changed)));
        }
    };
    seen.extend(marker_stamp.map(|stamp| (MARKER.to_string(), stamp)));
    let both = (|| {
        marker::put(site.marker.as_bytes(), &staging, &staging)?;
        complete(&staging, site.listing())?;
        // The whole site has passed: the folder may be seen.
        staging::open(&staging, made)?;
        (site.contents_only)
            .then(|| both_versions(real, site.listing(), previous.as_deref(), site.lines(false)))
            .transpose()
    })()
    .map_err(abandon)?;
    let holders = match both {
        Some(both) => {
            let contents = swap::Contents {
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
    let wrote_marker = site.contents_only || unmarked;
    let what = format!("the previous {}", target.shown.display());
    for holder in holders {
        let mut seen = std::borrow::Cow::Borrowed(&seen);
        if let Some(stamp) = Stamp::now(&holder.join(MARKER)).filter(|_| wrote_marker) {
            seen.to_mut().insert(MARKER.to_string(), stamp);
        }
        let ours = Ours::Seen(&seen);
        kept.extend(remove_previous(&holder, &ours, parent, &name, what.clone()));
    }
    named_as_shown(target, &mut kept);
    Ok(kept)
}

/// The folders `kept` named beside the output folder as the researcher
/// gave it, unless that is a link (then a kept folder is beside the
/// folder it points to, named in full).
fn named_as_shown(target: &Target, kept: &mut [Kept]) {
    if target.shown.file_name() == target.real.file_name() {
        for kept in kept {
            if let Some(name) = kept.folder.file_name() {
                kept.folder = target.shown.with_file_name(name);
            }
        }
    }
}

/// The files of the new site, with what each is, and its marker.
struct NewSite {
    files: Vec<(String, Contents)>,
    written: Vec<Written>,
    /// The marker's text once every file is written.
    marker: String,
    contents_only: bool,
}

impl NewSite {
    fn of(files: &BTreeMap<String, Contents>, contents_only: bool) -> Self {
        let files: Vec<(String, Contents)> =
            files.iter().map(|(p, b)| (p.clone(), b.clone())).collect();
        let written = files
            .par_iter()
            .map(|(_, bytes)| Written::of(bytes))
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
