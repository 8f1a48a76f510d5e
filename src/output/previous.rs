//! Whether the folder at the output path may be replaced: nothing there, an
//! empty folder, a site evalsite marked holding only what it wrote, or a
//! site of the version before markers. Anything else is refused, named.

use super::marker::{self, Found, MARKER, Marker, Recorded};
use super::{Refused, Target};
use anyhow::Context;
use std::collections::BTreeMap;
use std::path::Path;

/// The pages at the top of every site since the first evalsite, before
/// sites were marked.
pub(super) const OLDEST_TOP_PAGES: &[&str] = &[
    "index.html",
    "findings.html",
    "quotes.html",
    "codebook.html",
    "matrix.html",
    "pathways.html",
];

/// How many files or folders a refusal names before "and N more".
const NAMED: usize = 10;

/// The folders of pages evalsite has written: a site without a marker that
/// a killed build moved aside (from a version before markers) is
/// recognised by holding only pages in these and files the new build
/// writes, and every page the new build writes at its top (see
/// [`old_site`]).
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

/// What is at the output folder now.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Previous {
    /// Nothing.
    None,
    /// An empty folder (one evalsite did not make: it fills it, and keeps
    /// it).
    Empty,
    /// A site with the marker, holding only files it lists (which the
    /// build checks against it as it reads them, see [`super::write`]).
    Marked(Marker),
    /// A site from a version of evalsite before markers, with the files it
    /// holds (relative).
    Unmarked(Vec<String>),
}

/// Whether the folder at `target` may be replaced: it does not exist, is
/// empty, has the marker and holds only the files it lists, or, with no
/// marker, holds every top page each version wrote and nothing but files
/// this build writes (a site of the version before markers). Anything else
/// is someone's folder, or holds someone's files, which a build would
/// delete.
pub(super) fn replaceable<B>(
    target: &Target,
    files: &BTreeMap<String, B>,
) -> anyhow::Result<Previous> {
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
    match marker::read(real) {
        Found::Marked(marker) => marked(target, marker, files),
        Found::Unreadable => anyhow::bail!(Refused(format!(
            "evalsite will not replace {shown}: its {MARKER} file is not one this version of evalsite can read (it was changed, or written by another version); if {shown} is a site evalsite made and holds nothing of yours, delete it yourself and build again, or choose an empty or new folder for --output"
        ))),
        Found::None => unmarked(target, files),
    }
}

/// A marked site may be replaced when it holds nothing but the files its
/// marker lists (and the folders they are in).
fn marked<B>(
    target: &Target,
    marker: Marker,
    files: &BTreeMap<String, B>,
) -> anyhow::Result<Previous> {
    let (real, shown) = (&target.real, target.shown.display().to_string());
    // A marker of format 2 lists paths alone, so nothing tells a page
    // evalsite wrote from a file put there since under a listed name (or a
    // marker copied into someone's folder): only what this build writes,
    // or pages in evalsite's own folders, may be replaced (second
    // reliability red team, case 3).
    if marker.files.values().any(|r| *r == Recorded::Unknown) {
        let foreign: Vec<String> = foreign_files(real, files)
            .into_iter()
            .filter(|path| path != MARKER)
            .collect();
        if !foreign.is_empty() {
            anyhow::bail!(Refused(format!(
                "evalsite will not replace {shown}: its {MARKER} file is of an older format that records no file's contents, and it holds files this build does not write, which it would delete: {}; move them out of {shown} (or delete them if they are old pages) and build again",
                named(&shown, &foreign)
            )));
        }
    }
    // The folders the listed files are in, found once (a large site is
    // tens of thousands of files in a few folders).
    let folders: std::collections::BTreeSet<&str> = (marker.files.keys())
        .flat_map(|file| file.match_indices('/').map(|(at, _)| &file[..at]))
        .collect();
    let foreign = foreign_in(
        real,
        |path| path == MARKER || marker.files.contains_key(path),
        |path| folders.contains(path),
    );
    if foreign.is_empty() {
        return Ok(Previous::Marked(marker));
    }
    // Refused: the files changed by hand are named too, so that one round
    // of moving files out is enough.
    let mut changed = marker::changed(real, &marker);
    changed.retain(|path| !foreign.contains(path));
    let also = match changed.is_empty() {
        true => String::new(),
        false => format!(
            "; and these were changed after evalsite wrote them, which a build would overwrite: {}",
            named(&shown, &changed)
        ),
    };
    anyhow::bail!(Refused(format!(
        "evalsite will not replace {shown}: it holds files evalsite did not write, which a build would delete: {}{also}; move them out of {shown} and build again (add files such as CNAME to a copy of the site when you publish it), or, if they should be published, put them in the theme's static/ folder, where the checks read them",
        named(&shown, &foreign)
    )))
}

/// The files of a marked site that were changed after evalsite wrote them
/// (found as the build read them), refused.
pub(super) fn refuse_changed(shown: &str, changed: &[String]) -> anyhow::Error {
    Refused(format!(
        "evalsite will not replace {shown}: {} changed after evalsite wrote {}, and a build would overwrite {}: {}; to keep a change, move the file out of {shown} (the build writes it anew), or delete it if the change is not wanted, and build again",
        if changed.len() == 1 { "a file was" } else { "files were" },
        if changed.len() == 1 { "it" } else { "them" },
        if changed.len() == 1 { "it" } else { "them" },
        named(shown, changed)
    ))
    .into()
}

/// An unmarked folder may be replaced when it is empty, or holds the pages
/// every version wrote and nothing but files this build writes (a site of
/// the version before markers).
fn unmarked<B>(target: &Target, files: &BTreeMap<String, B>) -> anyhow::Result<Previous> {
    let (real, shown) = (&target.real, target.shown.display());
    let mut entries = std::fs::read_dir(real).with_context(|| format!("reading {shown}"))?;
    if entries.next().is_none() {
        return Ok(Previous::Empty);
    }
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
    if foreign.is_empty() && lacking.is_empty() {
        let found = foreign_in(real, |_| false, |_| true);
        return Ok(Previous::Unmarked(found));
    }
    if foreign.is_empty() {
        anyhow::bail!(Refused(format!(
            "evalsite will not replace {shown}: it was not made by evalsite (it has no {MARKER} file) and it does not look like a site evalsite made (it has no {}); if it is a site an older evalsite made, delete it yourself and build again, or choose an empty or new folder for --output",
            lacking[0]
        )));
    }
    anyhow::bail!(Refused(format!(
        "evalsite will not replace {shown}: it was not made by evalsite (it has no {MARKER} file) and it holds files this build does not write: {}; choose an empty or new folder for --output, or move those files out of {shown} (or delete them yourself, if they are pages an older evalsite wrote) and build again",
        named(&shown.to_string(), &foreign)
    )))
}

/// The files in `dir` (relative), a folder named as only evalsite names
/// the site it moved aside, where it holds a site of the version before
/// markers: nothing but files a build writes (`files`) and pages in
/// [`PAGE_FOLDERS`], with every one of [`OLDEST_TOP_PAGES`] at its top.
pub(super) fn old_site<B>(dir: &Path, files: &BTreeMap<String, B>) -> Option<Vec<String>> {
    let complete = OLDEST_TOP_PAGES.iter().all(|path| dir.join(path).is_file());
    (complete && foreign_to_old_site(dir, files).is_empty())
        .then(|| foreign_in(dir, |_| false, |_| true))
}

/// The first [`NAMED`] of `found` (relative to `shown`), then "and N more".
pub(super) fn named(shown: &str, found: &[String]) -> String {
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

/// The files and folders in `dir` (relative, sorted) that this build does
/// not write (not in `files`), or a link. A page in one of
/// [`PAGE_FOLDERS`] that this build does not write is one too: without a
/// marker, nothing tells an old page evalsite wrote from the researcher's
/// own `pages/notes.html` (red team, round 21), so an output folder that
/// holds one is refused, named, rather than deleted with the old site.
fn foreign_files<B>(dir: &Path, files: &BTreeMap<String, B>) -> Vec<String> {
    let folders = folders_of(files);
    foreign_in(
        dir,
        |relative| files.contains_key(relative),
        |relative| folders.contains(relative),
    )
}

/// The folders (relative) that hold the files of `files`.
fn folders_of<B>(files: &BTreeMap<String, B>) -> std::collections::BTreeSet<String> {
    files
        .keys()
        .flat_map(|path| {
            Path::new(path)
                .ancestors()
                .skip(1)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// As [`foreign_files`], but a page in one of [`PAGE_FOLDERS`] is not: for
/// a folder only evalsite names (a site it moved aside, see
/// [`old_site`]), where it is an old page of the site moved.
fn foreign_to_old_site<B>(dir: &Path, files: &BTreeMap<String, B>) -> Vec<String> {
    let folders = folders_of(files);
    let in_page_folder = |relative: &str| {
        PAGE_FOLDERS
            .iter()
            .any(|folder| relative == *folder || relative.starts_with(&format!("{folder}/")))
    };
    foreign_in(
        dir,
        |relative| {
            files.contains_key(relative)
                || (relative.ends_with(".html") && in_page_folder(relative))
        },
        |relative| folders.contains(relative) || in_page_folder(relative),
    )
}

/// The files and folders in `dir` (relative, sorted) that are not ours:
/// a file for which `file` is false, a
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
        let relative = crate::files::display_name(dir, entry.path());
        let kind = entry.file_type();
        let ours = if kind.is_dir() {
            folder(&relative)
        } else if kind.is_file() {
            file(&relative)
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
