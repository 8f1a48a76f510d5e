//! Where the rendered site goes. A build writes every file into a temporary
//! sibling of the output folder and swaps it in with one atomic exchange at
//! the end (two renames where the system has no exchange), so a failed or
//! killed build leaves the previous site exactly as it was. Owns the rules
//! for which folder a build may replace (only one it made itself, marked by
//! [`MARKER`]), the lock that keeps two builds of a project apart, and the
//! tidying of what killed builds left. Serve mode keeps the files in memory
//! instead and never calls this.

use anyhow::Context;
use rayon::prelude::*;
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The pages at the top of every site since the first evalsite, before
/// sites were marked.
const OLDEST_TOP_PAGES: &[&str] = &[
    "index.html",
    "findings.html",
    "quotes.html",
    "codebook.html",
    "matrix.html",
    "pathways.html",
];

/// The file at the root of every site evalsite writes: a folder that has it
/// was made by evalsite, and the next build may replace it. It is published
/// with the site, so it holds no name and no path on the researcher's
/// computer: only the paths, relative to the site's top, of the files the
/// build wrote there. Those are the site's own web addresses, each already
/// published as a file (and file names are checked for identifiers at
/// their source), so the list discloses nothing the site does not.
pub const MARKER: &str = ".evalsite-site";

/// The marker's first line, by which it is known; the second gives the
/// format of the site folder.
const MARKER_FIRST_LINE: &str = "This folder was written by evalsite build.";
const MARKER_HEAD: &str = "This folder was written by evalsite build.\nformat: 2\nThe next build replaces the files listed below, and stops if the folder holds any other.\nfiles:\n";
/// The line after which a marker of format 2 lists the files, one a line.
const MARKER_FILES: &str = "files:";
/// How many files or folders a refusal names before "and N more".
const NAMED: usize = 10;

/// The lock file in the project folder, held while a build runs.
pub const LOCK_FILE: &str = ".evalsite.lock";

/// The names of the folders a build makes beside the output folder: the new
/// site while it is written, and (where the system has no atomic exchange)
/// the previous one while it is deleted. Each is followed by the output
/// folder's name, `-` and [`RANDOM`] random characters.
const STAGING: &str = ".evalsite-build-";
const OLD: &str = ".evalsite-old-";
const RANDOM: usize = 8;

/// The folders of pages evalsite has written: an old site without a marker
/// (from a version before markers) is recognised by holding only pages in
/// these and files the new build writes, and every page the new build
/// writes at its top.
const PAGE_FOLDERS: &[&str] = &[
    "boroughs",
    "codebook",
    "compare",
    "findings",
    "pages",
    "pathways",
    "quote-list",
    "quotes",
    "static",
];

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
        Ok(Target {
            shown: output.to_path_buf(),
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

/// Writes a site that passed the disclosure gate (paths relative to the
/// site root) as the folder `target`, replacing the folder there only if
/// evalsite made it: nothing but a gated site can be written.
pub fn write_site(target: &Target, site: &crate::anonymity::gate::Gated) -> anyhow::Result<()> {
    write_files_as_site(target, site.files())
}

/// [`write_site`] for any files: private, so that only a gated site is
/// written (the tests below call it with made-up files).
fn write_files_as_site<B: Borrow<Vec<u8>> + Sync>(
    target: &Target,
    files: &BTreeMap<String, B>,
) -> anyhow::Result<()> {
    let real = &target.real;
    let (Some(parent), Some(name)) = (real.parent(), real.file_name()) else {
        anyhow::bail!(Refused(format!(
            "evalsite will not write the site into {}: it is the top of the file system",
            target.shown.display()
        )));
    };
    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let name = name.to_string_lossy();
    remove_leftovers(parent, &name);
    let previous = replaceable(target, files)?;
    if let Previous::Unmarked(found) = &previous {
        // Marked (with what it holds, all of which an evalsite wrote) before
        // it is moved aside, so that if this build is killed before deleting
        // it, the next one knows it for evalsite's.
        write_marker(real, found)?;
    }
    let staging = tempfile::Builder::new()
        .prefix(&format!("{STAGING}{name}-"))
        .rand_bytes(RANDOM)
        .tempdir_in(parent)
        .with_context(|| format!("creating a temporary folder in {}", parent.display()))?;
    write_marker(staging.path(), files.keys())?;
    let previous = (previous != Previous::None).then_some(real.as_path());
    write_files(staging.path(), files, previous)?;
    swap_in(staging, real, parent, &name, exchange)
}

/// What is at the output folder now.
#[derive(Debug, PartialEq, Eq)]
enum Previous {
    /// Nothing, or an empty folder.
    None,
    /// A site with the marker, holding only files it lists.
    Marked,
    /// A site from a version of evalsite before markers listed files, with
    /// the files it holds (relative).
    Unmarked(Vec<String>),
}

/// Whether the folder at `target` may be replaced: it does not exist, is
/// empty, has the marker and holds only the files it lists, or holds only
/// what an earlier evalsite wrote (see [`PAGE_FOLDERS`]). Anything else is
/// someone's folder, or holds someone's files, which a build would delete.
fn replaceable<B>(target: &Target, files: &BTreeMap<String, B>) -> anyhow::Result<Previous> {
    let (real, shown) = (&target.real, target.shown.display());
    let meta = match std::fs::symlink_metadata(real) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Previous::None),
        Err(e) => return Err(e).with_context(|| format!("reading {shown}")),
    };
    if !meta.is_dir() {
        anyhow::bail!(Refused(format!(
            "evalsite will not replace {shown}: it is a file, not a folder; choose another --output folder"
        )));
    }
    let marker = marker_of(real);
    if let Some(Some(listed)) = &marker {
        // The folders the listed files are in, found once (a large site is
        // tens of thousands of files in a few folders).
        let folders: std::collections::BTreeSet<&str> = listed
            .iter()
            .flat_map(|file| file.match_indices('/').map(|(at, _)| &file[..at]))
            .collect();
        let foreign = foreign_in(
            real,
            |path| listed.contains(path),
            |path| folders.contains(path),
        );
        if foreign.is_empty() {
            return Ok(Previous::Marked);
        }
        anyhow::bail!(Refused(format!(
            "evalsite will not replace {shown}: it holds files evalsite did not write, which a build would delete: {}; move them out of {shown} and build again (add files such as CNAME to a copy of the site when you publish it), or, if they should be published, put them in the theme's static/ folder, where the checks read them",
            named(&shown.to_string(), &foreign)
        )));
    }
    let mut entries = std::fs::read_dir(real).with_context(|| format!("reading {shown}"))?;
    if entries.next().is_none() {
        return Ok(Previous::None);
    }
    // Unmarked, or marked by a version that did not list the files (it
    // replaced the folder whole): only what a build writes may be there.
    let foreign = foreign_files(real, files);
    // Every page each version of evalsite has written at the top is there:
    // a folder of someone's own pages (an index.html alone) is not taken
    // for a site. (Pages added since, such as accessibility.html, are not
    // asked for, or no older site could ever be replaced.)
    let lacking: Vec<&str> = OLDEST_TOP_PAGES
        .iter()
        .copied()
        .filter(|path| files.contains_key(*path) && !real.join(path).is_file())
        .collect();
    if foreign.is_empty() && (lacking.is_empty() || marker.is_some()) {
        let found = foreign_in(real, |_| false, |_| true);
        return Ok(Previous::Unmarked(
            found.into_iter().filter(|f| f != MARKER).collect(),
        ));
    }
    if marker.is_some() {
        anyhow::bail!(Refused(format!(
            "evalsite will not replace {shown}: it holds files evalsite did not write, which a build would delete: {}; move them out of {shown} and build again (add files such as CNAME to a copy of the site when you publish it), or, if they should be published, put them in the theme's static/ folder, where the checks read them",
            named(&shown.to_string(), &foreign)
        )));
    }
    if foreign.is_empty() {
        anyhow::bail!(Refused(format!(
            "evalsite will not replace {shown}: it was not made by evalsite (it has no {MARKER} file) and it does not look like a site evalsite made (it has no {}); if it is a site an older evalsite made, delete it yourself and build again, or choose an empty or new folder for --output",
            lacking[0]
        )));
    }
    anyhow::bail!(Refused(format!(
        "evalsite will not replace {shown}: it was not made by evalsite (it has no {MARKER} file) and it holds files a build does not write: {}; choose an empty or new folder for --output, or move those files out of {shown} and build again",
        named(&shown.to_string(), &foreign)
    )))
}

/// The first [`NAMED`] of `found` (relative to `shown`), then "and N more".
fn named(shown: &str, found: &[String]) -> String {
    let some: Vec<String> = found
        .iter()
        .take(NAMED)
        .map(|f| format!("{shown}/{f}"))
        .collect();
    match found.len() - some.len() {
        0 => some.join(", "),
        n => format!("{} and {n} more", some.join(", ")),
    }
}

/// Whether `dir` has the marker (a file, not a link, starting as evalsite
/// writes it).
fn is_marked(dir: &Path) -> bool {
    marker_of(dir).is_some()
}

/// The marker in `dir`: `None` without one, `Some(None)` for a marker that
/// lists no files (format 1, which replaced the folder whole), else the
/// files it lists.
fn marker_of(dir: &Path) -> Option<Option<std::collections::BTreeSet<String>>> {
    let path = dir.join(MARKER);
    let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
    if !is_file {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(MARKER_FIRST_LINE) {
        return None;
    }
    if !lines.by_ref().any(|line| line == MARKER_FILES) {
        return Some(None);
    }
    Some(Some(lines.map(str::to_string).collect()))
}

/// Writes the marker into `dir`, listing `files` (relative paths).
fn write_marker<S: AsRef<str>>(
    dir: &Path,
    files: impl IntoIterator<Item = S>,
) -> anyhow::Result<()> {
    let path = dir.join(MARKER);
    let mut text = MARKER_HEAD.to_string();
    for file in files {
        text.push_str(file.as_ref());
        text.push('\n');
    }
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))
}

/// The files and folders in `dir` (relative, sorted) that no build writes:
/// not in `files` nor a page in one of [`PAGE_FOLDERS`], or a link.
fn foreign_files<B>(dir: &Path, files: &BTreeMap<String, B>) -> Vec<String> {
    let folders: std::collections::BTreeSet<String> = files
        .keys()
        .flat_map(|path| {
            Path::new(path)
                .ancestors()
                .skip(1)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .collect::<Vec<_>>()
        })
        .collect();
    let in_page_folder = |relative: &str| {
        PAGE_FOLDERS
            .iter()
            .any(|folder| relative == *folder || relative.starts_with(&format!("{folder}/")))
    };
    foreign_in(
        dir,
        |relative| {
            relative == MARKER
                || files.contains_key(relative)
                || (relative.ends_with(".html") && in_page_folder(relative))
        },
        |relative| folders.contains(relative) || in_page_folder(relative),
    )
}

/// The files and folders in `dir` (relative, sorted) that are not ours:
/// a file for which `file` is false (the marker always counts as ours), a
/// folder for which `folder` is false (named whole, not each file in it),
/// and anything else, such as a link, a pipe, or a folder that cannot be
/// read.
fn foreign_in(
    dir: &Path,
    file: impl Fn(&str) -> bool,
    folder: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut foreign = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let Ok(entry) = entry else {
            foreign.push("(a folder that cannot be read)".to_string());
            continue;
        };
        let relative = crate::load::display_name(dir, entry.path());
        let kind = entry.file_type();
        let ours = if kind.is_dir() {
            folder(&relative)
        } else if kind.is_file() {
            relative == MARKER || file(&relative)
        } else {
            false
        };
        if !ours {
            // A folder of someone's is named, not each file in it.
            if kind.is_dir() {
                walk.skip_current_dir();
                foreign.push(format!("{relative}/"));
            } else {
                foreign.push(relative);
            }
        }
    }
    foreign
}

/// Deletes what killed builds left beside the output folder `name` in
/// `parent`: folders named as this module names them for that output, and
/// marked (never anything else, whatever its name).
fn remove_leftovers(parent: &Path, name: &str) {
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
/// Writes each file under `root`, or, where `previous` (the site being
/// replaced) has the file with the same bytes, hard-links that file instead:
/// after a small edit most of a large site is unchanged, and linking is much
/// cheaper than writing, and than deleting the old copy afterwards (its data
/// stays in use). The previous site is only read, never changed.
fn write_files<B: Borrow<Vec<u8>> + Sync>(
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
fn holds(path: &Path, bytes: &[u8]) -> bool {
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

/// Puts the written site `staging` in the place of `target`: with one
/// atomic exchange where the system has it (a kill at any moment leaves
/// either the old site or the new one there), else with two renames.
/// `exchange` is [`exchange`] but in tests of the two renames.
fn swap_in(
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
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `dir` as an output folder of a project elsewhere.
    fn target(dir: &Path) -> Target {
        let inputs = Inputs {
            root: PathBuf::from("/nonexistent/project"),
            read: Vec::new(),
            listed: Vec::new(),
        };
        Target::new(dir, &inputs).unwrap()
    }

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pairs
            .iter()
            .map(|(p, c)| (p.to_string(), c.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn replaces_a_previous_site_completely() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        write_files_as_site(
            &target(&site),
            &files(&[("index.html", "one"), ("old/x.html", "x")]),
        )
        .unwrap();
        write_files_as_site(
            &target(&site),
            &files(&[("index.html", "two"), ("a/b.html", "b")]),
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(site.join("index.html")).unwrap(),
            "two"
        );
        assert!(site.join("a/b.html").is_file());
        assert!(!site.join("old").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn refuses_to_replace_a_folder_that_is_not_a_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
        let error =
            write_files_as_site(&target(dir.path()), &files(&[("index.html", "x")])).unwrap_err();
        assert!(
            error.to_string().contains("it was not made by evalsite"),
            "{error}"
        );
        assert!(error.downcast_ref::<Refused>().is_some());
        assert!(dir.path().join("thesis.docx").is_file());
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_linked_from_the_previous_site_and_changed_ones_written() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        write_files_as_site(
            &target(&site),
            &files(&[("index.html", "same"), ("a/b.html", "old")]),
        )
        .unwrap();
        let inode = |p: &str| std::fs::metadata(site.join(p)).unwrap().ino();
        let (index, b) = (inode("index.html"), inode("a/b.html"));
        write_files_as_site(
            &target(&site),
            &files(&[("index.html", "same"), ("a/b.html", "new")]),
        )
        .unwrap();
        assert_eq!(inode("index.html"), index, "unchanged file linked");
        assert_ne!(inode("a/b.html"), b, "changed file written anew");
        assert_eq!(
            std::fs::read_to_string(site.join("a/b.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::metadata(site.join("index.html")).unwrap().nlink(),
            1
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "the previous site is gone");
    }

    #[test]
    fn a_previous_file_is_the_same_only_to_its_last_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("borough.html");
        // Longer than the piece read at a time, so it is compared in pieces.
        let page: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &page).unwrap();
        assert!(holds(&path, &page));
        for at in [0, 65_535, 65_536, 199_999] {
            let mut other = page.clone();
            other[at] ^= 1;
            assert!(!holds(&path, &other), "differs at {at}");
        }
        assert!(!holds(&path, &page[..199_999]), "shorter");
        assert!(!holds(&dir.path().join("missing.html"), b""));
        std::fs::write(&path, b"").unwrap();
        assert!(holds(&path, b""));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_in_the_previous_site_is_never_linked_into_the_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir(&site).unwrap();
        std::fs::write(site.join("index.html"), "x").unwrap();
        write_marker(&site, ["index.html", "notes.html"]).unwrap();
        let elsewhere = dir.path().join("notes.txt");
        std::fs::write(&elsewhere, "same").unwrap();
        std::os::unix::fs::symlink(&elsewhere, site.join("notes.html")).unwrap();
        assert!(!holds(&site.join("notes.html"), b"same"), "never linked");
        // Even at a path the marker lists, a link is not evalsite's: the
        // site is not replaced, and the link and what it points to stay.
        let error = write_files_as_site(
            &target(&site),
            &files(&[("index.html", "x"), ("notes.html", "same")]),
        )
        .unwrap_err();
        assert!(error.to_string().contains("notes.html"), "{error}");
        let meta = std::fs::symlink_metadata(site.join("notes.html")).unwrap();
        assert!(meta.file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "same");
    }

    /// A marked site is replaced only while it holds nothing but the files
    /// its marker lists (and the folders they are in): a file or folder a
    /// researcher added is named, and nothing is deleted.
    #[test]
    fn a_marked_site_with_files_evalsite_did_not_write_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let one = files(&[("index.html", "one"), ("a/b.html", "b")]);
        write_files_as_site(&target(&site), &one).unwrap();
        assert_eq!(
            std::fs::read_to_string(site.join(MARKER)).unwrap(),
            format!("{MARKER_HEAD}a/b.html\nindex.html\n")
        );
        for added in ["CNAME", "a/report.pdf", "empty/", ".git/HEAD"] {
            match added.strip_suffix('/') {
                Some(folder) => std::fs::create_dir(site.join(folder)).unwrap(),
                None => {
                    std::fs::create_dir_all(site.join(added).parent().unwrap()).unwrap();
                    std::fs::write(site.join(added), "mine").unwrap();
                }
            }
            let before = tree(&site);
            let error = write_files_as_site(&target(&site), &one).unwrap_err();
            assert!(error.downcast_ref::<Refused>().is_some());
            let shown = match added {
                ".git/HEAD" => ".git/",
                other => other,
            };
            assert!(error.to_string().contains(&format!("/{shown}")), "{error}");
            assert_eq!(tree(&site), before);
            match added.split_once('/') {
                Some((".git", _)) => std::fs::remove_dir_all(site.join(".git")).unwrap(),
                Some(("empty", _)) => std::fs::remove_dir(site.join("empty")).unwrap(),
                _ => std::fs::remove_file(site.join(added)).unwrap(),
            }
        }
        write_files_as_site(&target(&site), &files(&[("index.html", "two")])).unwrap();
        assert!(!site.join("a").exists(), "its own files are replaced");
    }

    /// Past ten, a refusal says how many more there are.
    #[test]
    fn a_refusal_names_ten_and_counts_the_rest() {
        let found: Vec<String> = (0..13).map(|i| format!("f{i:02}")).collect();
        let text = named("site", &found);
        assert!(text.starts_with("site/f00, site/f01"), "{text}");
        assert!(text.ends_with("site/f09 and 3 more"), "{text}");
        assert_eq!(named("site", &found[..2]), "site/f00, site/f01");
    }

    /// A marker of format 1 (which listed no files and replaced the folder
    /// whole) is read as the rule for unmarked sites: only pages and the
    /// files the build writes may be there.
    #[test]
    fn a_site_marked_before_markers_listed_files() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("findings")).unwrap();
        let format_1 = "This folder was written by evalsite build.\nformat: 1\nThe next build replaces the whole folder: keep no other files in it.\n";
        std::fs::write(site.join(MARKER), format_1).unwrap();
        std::fs::write(site.join("findings/old.html"), "old").unwrap();
        std::fs::write(site.join("CNAME"), "mine").unwrap();
        let new = files(&[("index.html", "new"), ("findings.html", "f")]);
        let error = write_files_as_site(&target(&site), &new)
            .unwrap_err()
            .to_string();
        assert!(error.contains("site/CNAME"), "{error}");
        assert!(site.join("findings/old.html").is_file());
        std::fs::remove_file(site.join("CNAME")).unwrap();
        write_files_as_site(&target(&site), &new).unwrap();
        assert!(!site.join("findings").exists());
        assert!(marker_of(&site).unwrap().unwrap().contains("findings.html"));
    }

    /// A folder's files, relative, sorted, with their contents.
    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                (crate::load::display_name(dir, e.path()), text)
            })
            .collect();
        files.sort();
        files
    }

    /// Migration: a site from the version before markers holds only pages
    /// and the files the new build writes; it is replaced (and marked).
    /// Anything else there, such as an empty folder or a link, is someone's.
    // Regression: the unmarked rule asked for every top page the new build
    // writes, so a site of the version before markers (which had no
    // accessibility.html) could never be replaced.
    #[test]
    fn a_site_of_the_version_before_markers_is_replaced_by_a_build_with_more_pages() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let old = OLDEST_TOP_PAGES.iter().copied().chain(["static/style.css"]);
        for page in old.clone() {
            std::fs::create_dir_all(site.join(page).parent().unwrap()).unwrap();
            std::fs::write(site.join(page), "old").unwrap();
        }
        let mut new: Vec<(&str, &str)> = old.map(|page| (page, "new")).collect();
        new.push(("accessibility.html", "new"));
        write_files_as_site(&target(&site), &files(&new)).unwrap();
        assert_eq!(
            std::fs::read_to_string(site.join("accessibility.html")).unwrap(),
            "new"
        );
        // Without one of the pages every version wrote, it is not a site.
        std::fs::remove_file(site.join(MARKER)).unwrap();
        std::fs::remove_file(site.join("matrix.html")).unwrap();
        let error = write_files_as_site(&target(&site), &files(&new))
            .unwrap_err()
            .to_string();
        assert!(error.contains("matrix.html"), "{error}");
    }

    #[test]
    fn an_unmarked_site_of_pages_alone_is_replaced_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        for page in [
            "index.html",
            "findings/gone.html",
            "static/style.css",
            "quote-list/9.html",
        ] {
            std::fs::create_dir_all(site.join(page).parent().unwrap()).unwrap();
            std::fs::write(site.join(page), "old").unwrap();
        }
        let new = files(&[("index.html", "new"), ("static/style.css", "css")]);
        write_files_as_site(&target(&site), &new).unwrap();
        assert_eq!(
            tree(&site),
            [
                (
                    MARKER.to_string(),
                    format!("{MARKER_HEAD}index.html\nstatic/style.css\n")
                ),
                ("index.html".into(), "new".into()),
                ("static/style.css".into(), "css".into()),
            ]
        );
        for foreign in ["photos/", "notes.txt", "static/logo.png", "about.html"] {
            let other = dir.path().join(format!("other-{}", foreign.len()));
            std::fs::create_dir_all(&other).unwrap();
            std::fs::write(other.join("index.html"), "mine").unwrap();
            match foreign.strip_suffix('/') {
                Some(folder) => std::fs::create_dir_all(other.join(folder)).unwrap(),
                None => {
                    std::fs::create_dir_all(other.join(foreign).parent().unwrap()).unwrap();
                    std::fs::write(other.join(foreign), "mine").unwrap();
                }
            }
            let before = tree(&other);
            let error = write_files_as_site(&target(&other), &new)
                .unwrap_err()
                .to_string();
            assert!(error.contains(foreign), "{error}");
            assert_eq!(tree(&other), before, "nothing changed");
        }
        // Someone's own index.html alone, where a build writes more pages.
        let own = dir.path().join("own");
        std::fs::create_dir(&own).unwrap();
        std::fs::write(own.join("index.html"), "mine").unwrap();
        let more = files(&[("index.html", "new"), ("findings.html", "f")]);
        let error = write_files_as_site(&target(&own), &more)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("does not look like a site evalsite made (it has no findings.html)"),
            "{error}"
        );
        assert_eq!(
            std::fs::read_to_string(own.join("index.html")).unwrap(),
            "mine"
        );
    }

    /// What killed builds left beside the output folder is deleted when it
    /// is named and marked as this module makes them; nothing else is.
    #[test]
    fn leftovers_of_killed_builds_are_removed_only_when_ours() {
        let dir = tempfile::tempdir().unwrap();
        let made = |name: &str, marked: bool| {
            let path = dir.path().join(name);
            std::fs::create_dir(&path).unwrap();
            std::fs::write(path.join("index.html"), "x").unwrap();
            if marked {
                write_marker(&path, ["index.html"]).unwrap();
            }
            path
        };
        let ours = [
            made(".evalsite-build-site-abcd1234", true),
            made(".evalsite-old-site-ABCD1234", true),
        ];
        let kept = [
            made(".evalsite-build-site-abcd1235", false),
            made(".evalsite-build-site-x-abcd1234", true),
            made(".evalsite-build-site-abc", true),
            made(".evalsite-build-other-abcd1234", true),
        ];
        write_files_as_site(
            &target(&dir.path().join("site")),
            &files(&[("index.html", "new")]),
        )
        .unwrap();
        for path in ours {
            assert!(!path.exists(), "{}", path.display());
        }
        for path in kept {
            assert!(path.join("index.html").is_file(), "{}", path.display());
        }
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 5, "{names:?}");
    }

    #[test]
    fn the_project_and_what_it_reads_are_never_an_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        let content = root.join("content");
        std::fs::create_dir_all(&content).unwrap();
        let inputs = Inputs {
            root: root.clone(),
            read: vec![
                (content.clone(), "content/".into()),
                (
                    dir.path().join("secret/names.yaml"),
                    "the identifiers list".into(),
                ),
            ],
            listed: vec![content.clone()],
        };
        let refused = |path: &Path| {
            let error = Target::new(path, &inputs).unwrap_err();
            assert!(error.downcast_ref::<Refused>().is_some());
            error.to_string()
        };
        assert!(refused(&root).contains("it is the project folder"));
        assert!(refused(&root.join(".")).contains("it is the project folder"));
        assert!(refused(dir.path()).contains("it holds the project folder"));
        assert!(refused(&content).contains("it is content/"));
        assert!(refused(&content.join("../content/site")).contains("inside content/"));
        assert!(refused(&dir.path().join("secret")).contains("it holds the identifiers list"));
        assert!(Target::new(&root.join("site"), &inputs).is_ok());
        assert!(Target::new(&root.join("private-notes"), &inputs).is_ok());
    }

    /// On Linux the folders swap in one step; the two renames used
    /// elsewhere (or where the file system cannot) give the same result.
    #[test]
    fn the_new_site_is_swapped_in_with_or_without_an_atomic_exchange() {
        #[cfg(target_os = "linux")]
        {
            let dir = tempfile::tempdir().unwrap();
            let (a, b) = (dir.path().join("a"), dir.path().join("b"));
            std::fs::create_dir(&a).unwrap();
            std::fs::create_dir(&b).unwrap();
            std::fs::write(a.join("x"), "in a").unwrap();
            assert!(exchange(&a, &b).unwrap(), "tmp supports RENAME_EXCHANGE");
            assert_eq!(std::fs::read_to_string(b.join("x")).unwrap(), "in a");
            assert!(!a.join("x").exists());
        }
        let unable = |_: &Path, _: &Path| Ok(false);
        for swap in [exchange, unable] {
            let dir = tempfile::tempdir().unwrap();
            let site = dir.path().join("site");
            write_files_as_site(&target(&site), &files(&[("index.html", "old")])).unwrap();
            let staging = tempfile::Builder::new()
                .prefix(&format!("{STAGING}site-"))
                .rand_bytes(RANDOM)
                .tempdir_in(dir.path())
                .unwrap();
            write_marker(staging.path(), ["index.html"]).unwrap();
            std::fs::write(staging.path().join("index.html"), "new").unwrap();
            swap_in(staging, &site, dir.path(), "site", swap).unwrap();
            assert_eq!(
                std::fs::read_to_string(site.join("index.html")).unwrap(),
                "new"
            );
            let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
            assert_eq!(names.len(), 1, "only site/ is left");
        }
    }
}
