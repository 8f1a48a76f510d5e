//! The marker: the file at the top of every site evalsite writes, by which
//! a folder is known as one evalsite made, and what it lists.

use anyhow::Context;
use std::path::Path;

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
pub(super) const MARKER_FIRST_LINE: &str = "This folder was written by evalsite build.";
pub(super) const MARKER_HEAD: &str = "This folder was written by evalsite build.\nformat: 2\nThe next build replaces the files listed below, and stops if the folder holds any other.\nfiles:\n";
/// The line after which a marker of format 2 lists the files, one a line.
const MARKER_FILES: &str = "files:";

/// Whether `dir` has the marker (a file, not a link, starting as evalsite
/// writes it).
pub(super) fn is_marked(dir: &Path) -> bool {
    marker_of(dir).is_some()
}

/// The marker in `dir`: `None` without one, `Some(None)` for a marker that
/// lists no files (format 1, which replaced the folder whole), else the
/// files it lists.
pub(super) fn marker_of(dir: &Path) -> Option<Option<std::collections::BTreeSet<String>>> {
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
pub(super) fn write_marker<S: AsRef<str>>(
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
