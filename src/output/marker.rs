//! The marker: the file at the top of every site evalsite writes, by which
//! a folder is known as one evalsite made, and which lists what the build
//! wrote there (each file's length and a hash of its bytes), so that the
//! next build can tell a file changed by hand from its own.

use anyhow::Context;
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::Path;

/// The file at the root of every site evalsite writes: a folder that has it
/// was made by evalsite, and the next build may replace it. It is published
/// with the site, so it holds no name and no path on the researcher's
/// computer: only the paths, relative to the site's top, of the files the
/// build wrote there, with their lengths and hashes. Those are the site's
/// own web addresses, each already published as a file (and file names are
/// checked for identifiers at their source), and a hash of what is
/// published anyway, so the list discloses nothing the site does not.
pub const MARKER: &str = ".evalsite-site";

/// The marker's first line, by which it is known; the second gives the
/// format of the site folder.
const FIRST_LINE: &str = "This folder was written by evalsite build.";
/// The format written now (3: each file with its length and hash). Format 2
/// (the paths alone) is read; format 1 was never released.
const FORMAT: &str = "format: 3";
const FORMAT_2: &str = "format: 2";
const RULE: &str = "The next build replaces the files listed below, and stops if the folder holds any other, or if one of them was changed after evalsite wrote it.";
/// The line of a staging folder's marker until every file is written: a
/// killed build's folder, whose files may be cut short.
const UNFINISHED: &str = "unfinished: the build writing this folder had not finished";
/// The line of a site in a folder evalsite did not make (one the
/// researcher made, or a mount point): builds replace what is in it, never
/// the folder itself.
const CONTENTS_ONLY: &str = "contents only: this folder was not made by evalsite; a build replaces what is in it, never the folder itself";
/// Where a marker is written first, in the same folder or the one it is
/// moved from, so that the marker in place is always whole: a file of this
/// name beside a marker is evalsite's too.
pub(super) const MARKER_NEXT: &str = ".evalsite-site-next";
/// The line after which the files are listed, one a line (format 3: length,
/// hash and path, a space apart; format 2: the path).
const FILES: &str = "files (length, hash, path):";
const FILES_2: &str = "files:";

/// What evalsite wrote at one path: the length and a hash of the bytes
/// (SipHash 1-3, a fixed function of the bytes in every version: a file
/// changed by hand keeps both only by a chance of one in 2⁶⁴).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Written {
    pub len: u64,
    pub hash: u64,
}

impl Written {
    pub fn of(bytes: &[u8]) -> Written {
        let mut hashing = Hashing::default();
        hashing.add(bytes);
        hashing.finish()
    }
}

/// [`Written`] of bytes read a piece at a time.
#[derive(Default)]
pub(super) struct Hashing {
    hasher: siphasher::sip::SipHasher13,
    len: u64,
}

impl Hashing {
    pub fn add(&mut self, piece: &[u8]) {
        self.hasher.write(piece);
        self.len += piece.len() as u64;
    }

    pub fn finish(&self) -> Written {
        Written {
            len: self.len,
            hash: self.hasher.finish(),
        }
    }
}

/// [`Written`] of the file at `path` as it is now, read a piece at a time.
pub(super) fn written_in(path: &Path) -> std::io::Result<Written> {
    let mut file = std::fs::File::open(path)?;
    let mut hashing = Hashing::default();
    crate::files::read::read_in_pieces(&mut file, |piece| {
        hashing.add(piece);
        true
    })?;
    Ok(hashing.finish())
}

/// What a marker says was written at one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Recorded {
    /// Not known: a marker of format 2 listed the paths alone.
    Unknown,
    One(Written),
    /// Any of these: while a site is put into a folder evalsite did not
    /// make, one file or folder at a time, the marker lists the previous
    /// version of each file as well as the new one.
    Many(Vec<Written>),
}

impl Recorded {
    /// The versions it lists (none for [`Recorded::Unknown`]).
    pub fn versions(&self) -> &[Written] {
        match self {
            Recorded::Unknown => &[],
            Recorded::One(one) => std::slice::from_ref(one),
            Recorded::Many(many) => many,
        }
    }

    /// Whether `written` is what was written there (or may have been, for
    /// [`Recorded::Unknown`]).
    pub fn has(&self, written: Written) -> bool {
        *self == Recorded::Unknown || self.versions().contains(&written)
    }

    /// Whether a file of `len` bytes may be what was written there.
    pub fn has_len(&self, len: u64) -> bool {
        *self == Recorded::Unknown || self.versions().iter().any(|v| v.len == len)
    }

    /// Adds `written` as a further version.
    pub fn add(&mut self, written: Written) {
        match self {
            Recorded::Unknown => {}
            Recorded::One(one) if *one == written => {}
            Recorded::One(one) => *self = Recorded::Many(vec![*one, written]),
            Recorded::Many(many) if !many.contains(&written) => many.push(written),
            Recorded::Many(_) => {}
        }
    }
}

/// A marker as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Marker {
    /// Each file the build wrote (relative, with `/`), with what it wrote
    /// there.
    pub files: BTreeMap<String, Recorded>,
    /// Written by a build that had not finished (a killed build's folder).
    pub unfinished: bool,
    /// The folder is not evalsite's: builds replace what is in it.
    pub contents_only: bool,
}

/// The lines of a marker besides the files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Lines {
    /// The build writing the folder has not finished.
    pub unfinished: bool,
    /// The folder is not evalsite's: builds replace what is in it.
    pub contents_only: bool,
}

/// What is at the top of a folder.
#[derive(Debug)]
pub(super) enum Found {
    /// No marker: nothing by that name, or not a file, or a file that does
    /// not start as evalsite writes it.
    None,
    /// A marker this version cannot read: of another format (format 1,
    /// never released, or a newer one), or changed by hand.
    Unreadable,
    Marked(Marker),
}

/// The marker in `dir`.
pub(super) fn read(dir: &Path) -> Found {
    let path = dir.join(MARKER);
    let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
    let text = match std::fs::read_to_string(&path) {
        Ok(text) if is_file => text,
        _ => return Found::None,
    };
    let mut lines = text.lines();
    if lines.next() != Some(FIRST_LINE) {
        return Found::None;
    }
    let (listing, with_hashes) = match lines.next() {
        Some(FORMAT) => (FILES, true),
        Some(FORMAT_2) => (FILES_2, false),
        _ => return Found::Unreadable,
    };
    let (mut unfinished, mut contents_only) = (false, false);
    for line in lines.by_ref() {
        match line {
            UNFINISHED => unfinished = true,
            CONTENTS_ONLY => contents_only = true,
            line if line == listing => break,
            _ => {}
        }
    }
    let mut files = BTreeMap::new();
    for line in lines {
        if !with_hashes {
            files.insert(line.to_string(), Recorded::Unknown);
            continue;
        }
        let Some((path, written)) = entry(line) else {
            return Found::Unreadable;
        };
        // A path listed twice has two versions (see [`Recorded::Many`]).
        match files.get_mut(&path) {
            None => {
                files.insert(path, Recorded::One(written));
            }
            Some(recorded) => recorded.add(written),
        }
    }
    Found::Marked(Marker {
        files,
        unfinished,
        contents_only,
    })
}

/// One line of a marker of format 3: `length hash path`.
fn entry(line: &str) -> Option<(String, Written)> {
    let (len, rest) = line.split_once(' ')?;
    let (hash, path) = rest.split_once(' ')?;
    let written = Written {
        len: len.parse().ok()?,
        hash: u64::from_str_radix(hash, 16).ok()?,
    };
    Some((unescape(path)?, written))
}

/// Writes the marker into `dir`, listing `files` with what was written
/// there (a path listed more than once has each version).
pub(super) fn write<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = (&'a str, Written)>,
    lines: Lines,
) -> anyhow::Result<()> {
    put(text(files, lines).as_bytes(), dir, dir)
}

/// Puts `text` as the marker of the folder `into`, whole or not at all:
/// written first as [`MARKER_NEXT`] in `via` (the same folder, or one on
/// the same file system), then renamed over the marker there.
pub(super) fn put(text: &[u8], via: &Path, into: &Path) -> anyhow::Result<()> {
    let next = via.join(MARKER_NEXT);
    std::fs::write(&next, text).with_context(|| format!("writing {}", next.display()))?;
    let path = into.join(MARKER);
    std::fs::rename(&next, &path).with_context(|| format!("writing {}", path.display()))
}

/// The text of a marker of the current format.
pub(super) fn text<'a>(
    files: impl IntoIterator<Item = (&'a str, Written)>,
    lines: Lines,
) -> String {
    let mut text = format!("{FIRST_LINE}\n{FORMAT}\n{RULE}\n");
    for (on, line) in [
        (lines.unfinished, UNFINISHED),
        (lines.contents_only, CONTENTS_ONLY),
    ] {
        if on {
            text.push_str(line);
            text.push('\n');
        }
    }
    text.push_str(FILES);
    text.push('\n');
    for (path, written) in files {
        let line = format!("{} {:016x} {}\n", written.len, written.hash, escape(path));
        text.push_str(&line);
    }
    text
}

/// A path as one line: `%`, line feeds and carriage returns (which a file
/// name may hold) percent-encoded.
fn escape(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.contains(['%', '\n', '\r']) {
        return path.into();
    }
    path.replace('%', "%25")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
        .into()
}

/// The path [`escape`] wrote; `None` for any other `%`.
fn unescape(line: &str) -> Option<String> {
    let mut path = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('%') {
        path.push_str(&rest[..at]);
        let code = rest.get(at + 1..at + 3)?;
        path.push(match code {
            "25" => '%',
            "0A" => '\n',
            "0D" => '\r',
            _ => return None,
        });
        rest = &rest[at + 3..];
    }
    path.push_str(rest);
    Some(path)
}

/// The files `marker` lists in `dir` that are not as evalsite wrote them:
/// changed (another length or hash), or something else than a file (a
/// link, a folder). Files that are not there are not named: nothing of
/// anyone's is lost with them. Every file is read: this is the plain
/// check, for messages; a build checks as it writes ([`super::write`]).
pub(super) fn changed(dir: &Path, marker: &Marker) -> Vec<String> {
    use rayon::prelude::*;
    let mut changed: Vec<String> = marker
        .files
        .par_iter()
        .filter(|(path, recorded)| !is_as_written(&dir.join(path), recorded))
        .map(|(path, _)| path.clone())
        .collect();
    changed.sort();
    changed
}

/// Whether the file at `path` is as evalsite wrote it, or is not there.
fn is_as_written(path: &Path, recorded: &Recorded) -> bool {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(_) => false,
        Ok(meta) if !meta.is_file() => false,
        Ok(_) if *recorded == Recorded::Unknown => true,
        Ok(meta) => {
            recorded.has_len(meta.len()) && written_in(path).is_ok_and(|now| recorded.has(now))
        }
    }
}
