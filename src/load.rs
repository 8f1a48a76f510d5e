//! Reading a project from disk: `evalsite.yaml`, everything under `content/`,
//! and the identifiers list. Owns the walkdir dependency and the rules for
//! which files belong to which kind; does not parse any file.

use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::model::Kind;
use crate::source::{FileId, SourceFile, Sources, Span};
use anyhow::Context;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// The files of one project, read but not yet parsed.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Sources,
    pub config: Option<FileId>,
    pub participants: Option<FileId>,
    /// `None` when the settings say there is none (`identifiers: none`),
    /// or when it is missing or cannot be read (an error, reported here).
    pub identifiers: Option<FileId>,
    /// Markdown files by kind, sorted by path.
    pub docs: Vec<(Kind, FileId)>,
}

/// Whether a file name is an editor's temporary or backup file, or hidden.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

fn kind_of(relative: &Path) -> Option<Kind> {
    let mut parts = relative.components();
    let first = parts.next()?.as_os_str().to_str()?;
    if relative == Path::new("index.md") {
        return Some(Kind::Landing);
    }
    parts.next()?;
    // The landing page's folder is "", never a folder's name.
    Kind::ALL.into_iter().find(|kind| kind.folder() == first)
}

/// What each file read in the previous run was, for serve mode: a file
/// whose metadata has not changed since is not read again; and when the
/// watcher says which paths changed, the others are not even asked about.
#[derive(Default)]
pub struct Memo {
    /// Every file read, kept up to date as runs read them again.
    files: FastMap<PathBuf, Kept>,
    /// The paths reported changed for the next run (see [`Memo::report`]).
    reported: Option<Vec<PathBuf>>,
    /// This run's reported paths: a file the previous run read, outside
    /// them, is taken as it was.
    changed: Option<Vec<PathBuf>>,
    /// The files under content/ that the previous run found, sorted.
    listed: Vec<PathBuf>,
    /// What else it found there (links, pipes, sockets, devices), sorted.
    others: Vec<PathBuf>,
    /// When this run and the previous one started reading.
    started: Option<SystemTime>,
    previous_start: Option<SystemTime>,
    /// Counts runs; a file's entry says which run last found it.
    run: u64,
    /// What content/ gave the last run, if every file in it was text.
    layout: Option<Layout>,
    /// How many files the last run read from disk.
    pub read: usize,
}

/// A file as a run read it, for the runs after.
struct Kept {
    stamp: Stamp,
    file: Arc<SourceFile>,
    /// The last run that found the file.
    run: u64,
}

/// What each file under content/ became in the last run: with a report
/// that only some of them were edited (none added, removed or moved), the
/// next run has the same files in the same places, and reads the edited
/// ones alone.
struct Layout {
    /// How many files were read before content/ (the settings file).
    first: usize,
    /// For each file of the listing, in its order.
    roles: Vec<Role>,
    /// The files read from content/, in order: their ids follow `first`.
    files: Vec<Arc<SourceFile>>,
}

#[derive(Clone, Copy)]
enum Role {
    /// Not read (not Markdown, nor the registry).
    Skipped,
    /// The `n`th file read from content/, and what it is.
    Read(usize, Place),
}

#[derive(Clone, Copy)]
enum Place {
    Participants,
    Doc(Kind),
    Unplaced,
}

/// What a file's metadata says of its contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// The inode's change time, which no program can set back (Unix).
    changed: Option<(i64, i64)>,
}

impl Stamp {
    fn of(metadata: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let changed = {
            use std::os::unix::fs::MetadataExt;
            Some((metadata.ctime(), metadata.ctime_nsec()))
        };
        #[cfg(not(unix))]
        let changed = None;
        Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            changed,
        }
    }

    /// Whether a file with this stamp was certainly last written before
    /// `time`: file times are coarse, so a file written just before a read
    /// may be written again within the same tick without its stamp changing.
    fn settled_before(&self, time: SystemTime) -> bool {
        let margin = std::time::Duration::from_secs(1);
        self.modified
            .is_some_and(|modified| modified + margin < time)
    }
}

impl Memo {
    /// Says which paths (files or folders) changed since the previous run
    /// began, as a file watcher saw them, for the next run alone: it then
    /// walks and reads only those, and takes the previous run's other files
    /// as they were without asking the disk (listing and asking about
    /// 12,000 files takes 40 ms). Without a report, the whole content folder
    /// is walked and every file's metadata compared.
    pub fn report(&mut self, changed: Vec<PathBuf>) {
        self.reported = Some(changed);
    }

    /// Starts a run: what the last run read becomes what this one may reuse.
    fn begin(&mut self) {
        self.run += 1;
        self.previous_start = self.started.replace(SystemTime::now());
        self.changed = self.reported.take();
        self.read = 0;
    }

    /// The files under `content`, sorted: with a report, the previous run's
    /// list with the reported paths looked at again (a folder walked, a
    /// file kept if it is there); without one, a walk of the whole folder.
    fn list(&mut self, content: &Path) -> anyhow::Result<Listing> {
        let mut listed = std::mem::take(&mut self.listed);
        let mut others = std::mem::take(&mut self.others);
        let Some(changed) = &self.changed else {
            return listing(content);
        };
        if listed.is_empty() || changed.iter().any(|c| content.starts_with(c)) {
            return listing(content);
        }
        listed.retain(|path| !changed.iter().any(|c| is_within(path, c)));
        others.retain(|path| !changed.iter().any(|c| is_within(path, c)));
        for path in changed.iter().filter(|c| is_listable(content, c)) {
            // As the walk does: links are not followed.
            let found = match std::fs::symlink_metadata(path) {
                Ok(meta) if meta.is_dir() => listing(path)?,
                Ok(meta) if meta.is_file() => Listing {
                    files: vec![path.clone()],
                    others: Vec::new(),
                },
                Ok(_) => Listing {
                    files: Vec::new(),
                    others: vec![path.clone()],
                },
                Err(_) => Listing::default(),
            };
            // Into place, keeping the walk's order (a few among thousands).
            for (found, into) in [(found.files, &mut listed), (found.others, &mut others)] {
                for file in found {
                    if let Err(at) = into.binary_search(&file) {
                        into.insert(at, file);
                    }
                }
            }
        }
        Ok(Listing {
            files: listed,
            others,
        })
    }

    /// The previous run's copy of `path`, if a report says that neither it
    /// nor a folder it is in changed since.
    fn reported_unchanged(&self, path: &Path) -> Option<(Stamp, Arc<SourceFile>)> {
        let changed = self.changed.as_ref()?;
        if changed.iter().any(|c| is_within(path, c)) {
            return None;
        }
        self.files
            .get(path)
            .map(|kept| (kept.stamp, kept.file.clone()))
    }

    /// The previous run's copy of `path`, if the file is certainly unchanged.
    fn reuse(&self, path: &Path, stamp: Stamp) -> Option<Arc<SourceFile>> {
        let kept = self.files.get(path)?;
        let settled = self
            .previous_start
            .is_some_and(|start| stamp.settled_before(start));
        (kept.stamp == stamp && settled).then(|| kept.file.clone())
    }

    /// Notes that this run found `path` as `file`, or, with no stamp, that
    /// it is to be read again next time.
    fn found(&mut self, path: &Path, found: Option<(Stamp, Arc<SourceFile>)>) {
        let run = self.run;
        match (self.files.get_mut(path), found) {
            (Some(kept), Some((stamp, file))) => *kept = Kept { stamp, file, run },
            (None, Some((stamp, file))) => {
                self.files
                    .insert(path.to_path_buf(), Kept { stamp, file, run });
            }
            (_, None) => {
                self.files.remove(path);
            }
        }
    }

    /// Forgets the files this run did not find (after a full run: deleted).
    fn forget_unfound(&mut self) {
        let run = self.run;
        self.files.retain(|_, kept| kept.run == run);
    }
}

/// Reads one file, or takes it from `memo` when unchanged since the previous
/// run; a file that is not UTF-8 is kept (lossily) and reported at the first
/// byte that is not.
fn read(
    root: &Path,
    path: &Path,
    sources: &mut Sources,
    out: &mut Vec<Diagnostic>,
    memo: Option<&mut Memo>,
) -> anyhow::Result<FileId> {
    let fetched = fetch(root, path, memo.as_deref(), is_inside(root, path))?;
    Ok(admit(path, fetched, sources, out, memo, None).0)
}

/// A file as fetched from disk or from the memo, before it joins the sources
/// (fetching is done in parallel, joining in path order).
struct Fetched {
    file: Got,
    /// The file's metadata, when there is a memo to keep it in.
    stamp: Option<Stamp>,
}

enum Got {
    Reused(Arc<SourceFile>),
    /// Read from disk; `not_utf8` is the offset of the first byte that is not.
    Read {
        file: SourceFile,
        not_utf8: Option<usize>,
    },
}

/// Fetches one file; `reported` when a watcher's report covers `path`.
fn fetch(root: &Path, path: &Path, memo: Option<&Memo>, reported: bool) -> anyhow::Result<Fetched> {
    let unchanged = memo
        .filter(|_| reported)
        .and_then(|memo| memo.reported_unchanged(path));
    if let Some((stamp, file)) = unchanged {
        return Ok(Fetched {
            file: Got::Reused(file),
            stamp: Some(stamp),
        });
    }
    let stamp = match memo {
        Some(_) => Some(Stamp::of(
            &std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?,
        )),
        None => None,
    };
    if let Some(file) = memo
        .zip(stamp)
        .and_then(|(memo, stamp)| memo.reuse(path, stamp))
    {
        return Ok(Fetched {
            file: Got::Reused(file),
            stamp,
        });
    }
    let bytes = read_bytes(path).with_context(|| format!("reading {}", path.display()))?;
    let (file, not_utf8) = decode(display_name(root, path), bytes);
    Ok(Fetched {
        file: Got::Read { file, not_utf8 },
        stamp,
    })
}

/// A file's bytes as text: where they are not UTF-8, each byte that is not
/// becomes U+FFFD (so the rest can still be read for its other problems),
/// and the offset of the first is given, for [`not_utf8`].
pub fn decode(name: String, bytes: Vec<u8>) -> (SourceFile, Option<usize>) {
    match String::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(name, text), None),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            (SourceFile::new(name, text), Some(valid))
        }
    }
}

/// The error for a file that is not UTF-8, at its first byte that is not
/// (`valid`, as [`decode`] gave it).
pub fn not_utf8(id: FileId, valid: usize) -> Diagnostic {
    // The text holds U+FFFD in place of the bytes: the span covers that
    // character, not a byte of it.
    let span = Span::new(id, valid..valid + char::REPLACEMENT_CHARACTER.len_utf8());
    Diagnostic::error("load::not-utf8", "this file is not UTF-8 text")
        .at(span)
        .label("the first byte that is not UTF-8")
        .fix("save the file as UTF-8 (in most editors: Save As, then choose the UTF-8 encoding)")
}

/// A file's bytes. `std::fs::read` first asks the file's size (a system
/// call); nearly every file of a project is a quote of a few hundred bytes,
/// read whole in one go by [`read_in_pieces`] and copied out at its length:
/// one system call fewer for each of tens of thousands of files.
fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_in_pieces(&mut std::fs::File::open(path)?, |piece| {
        bytes.extend_from_slice(piece);
        true
    })?;
    Ok(bytes)
}

/// Reads `file` to its end a piece at a time, into a buffer each thread
/// keeps, giving each piece to `each` until it says to stop (returns
/// false). Says whether the end was reached. (`each` must not read a file
/// this way itself: the thread's buffer is in use.)
pub fn read_in_pieces(
    file: &mut std::fs::File,
    mut each: impl FnMut(&[u8]) -> bool,
) -> std::io::Result<bool> {
    use std::io::Read;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; 64 * 1024]);
    }
    BUFFER.with_borrow_mut(|buffer| {
        loop {
            match file.read(buffer) {
                Ok(0) => return Ok(true),
                Ok(n) if !each(&buffer[..n]) => return Ok(false),
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    })
}

/// Puts a fetched file into `sources` (in place of the file at `slot`, if
/// given) and notes it in the memo; says whether it was text.
fn admit(
    path: &Path,
    fetched: Fetched,
    sources: &mut Sources,
    out: &mut Vec<Diagnostic>,
    memo: Option<&mut Memo>,
    slot: Option<FileId>,
) -> (FileId, bool) {
    let read = matches!(fetched.file, Got::Read { .. });
    let mut place = |file: Arc<SourceFile>| match slot {
        Some(id) => {
            sources.replace(id, file);
            id
        }
        None => sources.add_shared(file),
    };
    let (id, clean) = match fetched.file {
        Got::Reused(file) => (place(file), true),
        Got::Read {
            file,
            not_utf8: invalid,
        } => {
            let id = place(Arc::new(file));
            if let Some(valid) = invalid {
                out.push(not_utf8(id, valid));
            }
            (id, invalid.is_none())
        }
    };
    if let Some(memo) = memo {
        if read {
            memo.read += 1;
        }
        // A file that was not UTF-8 is read again next time, for its message.
        let found = fetched.stamp.filter(|_| clean);
        memo.found(path, found.map(|stamp| (stamp, sources.shared(id))));
    }
    (id, clean)
}

/// `path` relative to the project root, with `/` separators.
pub fn display_name(root: &Path, path: &Path) -> String {
    let Ok(relative) = path.strip_prefix(root) else {
        // Outside the project (a list named by EVALSITE_IDENTIFIERS): as given.
        return path.to_string_lossy().into_owned();
    };
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads `evalsite.yaml`, if there is one: the settings say where the rest is.
pub fn load_config(
    root: &Path,
    out: &mut Vec<Diagnostic>,
    mut memo: Option<&mut Memo>,
) -> anyhow::Result<Loaded> {
    if let Some(memo) = memo.as_deref_mut() {
        memo.begin();
    }
    let mut loaded = Loaded::default();
    let config = root.join(crate::config::FILE_NAME);
    if let Found::Read(id) = read_file(root, &config, &mut loaded.sources, out, memo) {
        loaded.config = Some(id);
    }
    Ok(loaded)
}

/// Where the identifiers list is read from.
#[derive(Debug, Clone, Copy)]
pub enum ListAt<'a> {
    /// The path the settings give, from the project folder (inside it).
    Setting(&'a str),
    /// A path given on purpose, from anywhere (the `EVALSITE_IDENTIFIERS`
    /// environment variable: a build server's secret file).
    Given(&'a Path),
    /// The settings say the project has none (`identifiers: none`).
    None,
}

/// What [`read_file`] found.
enum Found {
    Read(FileId),
    /// Nothing at the path.
    Missing,
    /// Something that cannot be read as a file (reported).
    Unreadable,
}

/// Reads the file at `path` when it is an ordinary file (or a link to one).
/// Anything else there (a folder, a pipe, a device, a file or folder that
/// cannot be opened) is an error, reported, never taken as missing: a pipe
/// is never opened, as reading one can wait for ever.
fn read_file(
    root: &Path,
    path: &Path,
    sources: &mut Sources,
    out: &mut Vec<Diagnostic>,
    memo: Option<&mut Memo>,
) -> Found {
    let name = display_name(root, path);
    let problem = |what: String| {
        Diagnostic::error("load::unreadable", format!("{name} {what}")).fix(format!(
            "make {name} an ordinary text file that you can open, or remove it"
        ))
    };
    match std::fs::metadata(path) {
        // A link to nothing is not a missing file: the settings, the
        // registry or the list it stands for cannot be read.
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound
                && std::fs::symlink_metadata(path).is_ok() =>
        {
            out.push(problem("is a link to a file that is not there".into()));
            return Found::Unreadable;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Found::Missing,
        Err(e) => {
            out.push(problem(format!("cannot be read: {e}")));
            return Found::Unreadable;
        }
        Ok(meta) if meta.is_dir() => {
            out.push(problem("is a folder, not a file".into()));
            return Found::Unreadable;
        }
        Ok(meta) if !meta.is_file() => {
            out.push(problem(
                "is not an ordinary file (a pipe, a socket or a device), so evalsite does not read it"
                    .into(),
            ));
            return Found::Unreadable;
        }
        Ok(_) => {}
    }
    match read(root, path, sources, out, memo) {
        Ok(id) => Found::Read(id),
        Err(e) => {
            out.push(problem(format!("cannot be read: {}", e.root_cause())));
            Found::Unreadable
        }
    }
}

/// Whether `path`, inside the project as written, is (through a link) a
/// file or folder outside it.
pub fn escapes(root: &Path, path: &Path) -> bool {
    match (std::fs::canonicalize(root), std::fs::canonicalize(path)) {
        (Ok(root), Ok(path)) => !path.starts_with(root),
        _ => false,
    }
}

/// Reads the identifiers list: missing or unreadable, it is an error (the
/// checks would have no names to look for), unless the settings say the
/// project has none.
fn read_identifiers(
    root: &Path,
    at: ListAt,
    loaded: &mut Loaded,
    out: &mut Vec<Diagnostic>,
    memo: Option<&mut Memo>,
) {
    let (path, confined) = match at {
        ListAt::None => return,
        ListAt::Setting(relative) => (root.join(relative), true),
        ListAt::Given(path) => (path.to_path_buf(), false),
    };
    let name = display_name(root, &path);
    if confined && escapes(root, &path) {
        out.push(
            Diagnostic::error(
                "config::outside-project",
                format!("the identifiers list {name} is a link to a file outside the project"),
            )
            .fix("give a list kept outside the project in the EVALSITE_IDENTIFIERS environment variable, or put the file itself in the project"),
        );
        return;
    }
    match read_file(root, &path, &mut loaded.sources, out, memo) {
        Found::Read(id) => loaded.identifiers = Some(id),
        Found::Unreadable => {}
        Found::Missing => out.push(
            Diagnostic::error(
                "anonymity::no-identifiers",
                format!("there is no identifiers list at {name}, so no real names or places can be checked"),
            )
            .fix("create it with the real names and places that must never be published (`evalsite new` writes an empty one); on a build server, give its path in the EVALSITE_IDENTIFIERS environment variable; a project that truly has none says `identifiers: none` and a `reason:` under `anonymity:` in evalsite.yaml"),
        ),
    }
}

/// `content/participants.yaml` when it is there but not an ordinary file
/// (a folder, a pipe, a link, which the listing passes over): an error,
/// not a project without a registry.
fn check_registry(root: &Path, content: &Path, out: &mut Vec<Diagnostic>) {
    let path = content.join("participants.yaml");
    let name = display_name(root, &path);
    let what = match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Ok(meta) if meta.is_file() => return,
        Err(e) => format!("cannot be read: {e}"),
        Ok(meta) if meta.is_dir() => "is a folder, not a file".into(),
        Ok(meta) if meta.file_type().is_symlink() => {
            "is a link, and evalsite does not follow links in content/".into()
        }
        Ok(_) => {
            "is not an ordinary file (a pipe, a socket or a device), so evalsite does not read it"
                .into()
        }
    };
    out.push(
        Diagnostic::error("load::unreadable", format!("{name} {what}")).fix(format!(
            "make {name} an ordinary text file holding the participant registry"
        )),
    );
}

/// Reads the rest of the project at `root`. I/O failures are errors; problems
/// in the files' contents are diagnostics.
pub fn load_content(
    root: &Path,
    mut loaded: Loaded,
    identifiers: ListAt,
    out: &mut Vec<Diagnostic>,
    mut memo: Option<&mut Memo>,
) -> anyhow::Result<Loaded> {
    let content = root.join("content");
    anyhow::ensure!(
        content.is_dir(),
        "{} has no content/ folder: is this an evalsite project? (`evalsite new DIR` writes a starter project)",
        root.display()
    );
    // content/ itself a link to a folder elsewhere: nothing in it is read.
    if std::fs::symlink_metadata(&content).is_ok_and(|m| m.file_type().is_symlink())
        && escapes(root, &content)
    {
        out.push(
            Diagnostic::error(
                "load::outside-project",
                "content/ is a link that points outside the project, and evalsite reads nothing outside it",
            )
            .fix("move the folder it points to into the project as content/, in place of the link"),
        );
        read_identifiers(root, identifiers, &mut loaded, out, memo);
        return Ok(loaded);
    }
    let reread = match memo.as_deref_mut() {
        Some(memo) => reread_reported(root, &content, &mut loaded, out, memo)?,
        None => false,
    };
    let others = match (reread, memo.as_deref()) {
        (true, Some(memo)) => memo.others.clone(),
        _ => read_content(root, &content, &mut loaded, out, memo.as_deref_mut())?,
    };
    // The registry's own check says what is wrong with it.
    let registry = content.join("participants.yaml");
    for path in others.iter().filter(|path| **path != registry) {
        out.push(not_a_file(root, path));
    }
    if loaded.participants.is_none() {
        check_registry(root, &content, out);
    }
    read_identifiers(root, identifiers, &mut loaded, out, memo.as_deref_mut());
    if let Some(memo) = memo
        && memo.changed.is_none()
    {
        memo.forget_unfound();
    }
    Ok(loaded)
}

/// Lists content/ (or, with a report, the last listing with the reported
/// paths looked at again) and reads every file in it, in parallel; each
/// then joins the sources in path order (so file ids do not depend on
/// timing). Gives what the listing found that is not a file or a folder,
/// never opened.
fn read_content(
    root: &Path,
    content: &Path,
    loaded: &mut Loaded,
    out: &mut Vec<Diagnostic>,
    mut memo: Option<&mut Memo>,
) -> anyhow::Result<Vec<PathBuf>> {
    let first = loaded.sources.len();
    let Listing {
        files: listed,
        others,
    } = match memo.as_deref_mut() {
        Some(memo) => memo.list(content)?,
        None => listing(content)?,
    };
    let mut roles = Vec::with_capacity(listed.len());
    let mut files: Vec<(&Path, Place)> = Vec::with_capacity(listed.len());
    for path in &listed {
        let relative = path.strip_prefix(content).unwrap_or(path);
        let place = if relative == Path::new("participants.yaml") {
            Place::Participants
        } else if path.extension().is_some_and(|e| e == "md") {
            kind_of(relative).map_or(Place::Unplaced, Place::Doc)
        } else {
            roles.push(Role::Skipped);
            continue;
        };
        roles.push(Role::Read(files.len(), place));
        files.push((path, place));
    }
    let fetched: Vec<anyhow::Result<Fetched>> = files
        .par_iter()
        .map(|(path, _)| fetch(root, path, memo.as_deref(), true))
        .collect();
    let mut all_text = true;
    for (&(path, place), fetched) in files.iter().zip(fetched) {
        let (id, clean) = admit(
            path,
            fetched?,
            &mut loaded.sources,
            out,
            memo.as_deref_mut(),
            None,
        );
        all_text &= clean;
        settle(loaded, id, place, out);
    }
    drop(files);
    if let Some(memo) = memo {
        memo.layout = all_text.then(|| Layout {
            first,
            roles,
            files: (first..loaded.sources.len())
                .map(|id| loaded.sources.shared(FileId(id)))
                .collect(),
        });
        memo.listed = listed;
        memo.others = others.clone();
    }
    Ok(others)
}

/// The error (or, for a link inside the project, the warning) for
/// something in content/ that is neither a file nor a folder. Found by its
/// metadata alone: a pipe is never opened, so a build never waits on one.
fn not_a_file(root: &Path, path: &Path) -> Diagnostic {
    let name = display_name(root, path);
    let kind = std::fs::symlink_metadata(path).map(|meta| meta.file_type());
    let unreadable = |what: &str| {
        Diagnostic::error(
            "load::unreadable",
            format!("{name} cannot be read as a file: it is {what}"),
        )
        .fix(format!(
            "replace {name} with an ordinary text file, or move it out of content/"
        ))
    };
    let Ok(kind) = kind else {
        return unreadable("gone or cannot be looked at");
    };
    if kind.is_symlink() {
        let project = std::fs::canonicalize(root);
        return match (std::fs::canonicalize(path), project) {
            (Ok(to), Ok(project)) if to.starts_with(&project) => Diagnostic::warning(
                "load::link-not-followed",
                format!("{name} is a link, and evalsite does not follow links in content/, so it is neither read nor published"),
            )
            .fix(format!("put the file itself at {name}, not a link to it")),
            (Err(_), _) => Diagnostic::warning(
                "load::link-not-followed",
                format!("{name} is a link to nothing, so it is neither read nor published"),
            )
            .fix(format!("delete the link {name}, or put the file itself there")),
            _ => Diagnostic::error(
                "load::outside-project",
                format!("{name} is a link that points outside the project, and evalsite reads nothing outside it"),
            )
            .fix(format!("copy the file into the project at {name} instead of linking to it")),
        };
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return unreadable("a pipe");
        }
        if kind.is_socket() {
            return unreadable("a socket");
        }
        if kind.is_block_device() || kind.is_char_device() {
            return unreadable("a device");
        }
    }
    unreadable("not an ordinary file")
}

/// Serve mode's short way, when the watcher's report names only files the
/// last run read from content/ (edited, none added, removed or moved) and
/// all of that run's files there were text: the same files in the same
/// places, the reported ones read again and the rest not even looked at.
/// Returns false, having done nothing, when that is not the case.
fn reread_reported(
    root: &Path,
    content: &Path,
    loaded: &mut Loaded,
    out: &mut Vec<Diagnostic>,
    memo: &mut Memo,
) -> anyhow::Result<bool> {
    let (Some(changed), Some(layout)) = (&memo.changed, &memo.layout) else {
        return Ok(false);
    };
    if layout.first != loaded.sources.len() || layout.roles.len() != memo.listed.len() {
        return Ok(false);
    }
    let mut edited = Vec::new();
    for path in changed {
        // Outside content/, or a file no listing takes: not content.
        if !is_listable(content, path) {
            continue;
        }
        let Ok(at) = memo.listed.binary_search(path) else {
            return Ok(false);
        };
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_file() => edited.push(at),
            _ => return Ok(false),
        }
    }
    let Some(mut layout) = memo.layout.take() else {
        return Ok(false);
    };
    loaded.sources.extend(layout.files.iter().cloned());
    for role in &layout.roles {
        if let Role::Read(n, place) = *role {
            settle(loaded, FileId(layout.first + n), place, out);
        }
    }
    let mut all_text = true;
    for at in edited {
        let Role::Read(n, _) = layout.roles[at] else {
            continue;
        };
        let path = memo.listed[at].clone();
        let fetched = fetch(root, &path, Some(memo), true)?;
        let slot = FileId(layout.first + n);
        let (_, clean) = admit(
            &path,
            fetched,
            &mut loaded.sources,
            out,
            Some(memo),
            Some(slot),
        );
        all_text &= clean;
        layout.files[n] = loaded.sources.shared(slot);
    }
    memo.layout = all_text.then_some(layout);
    Ok(true)
}

/// Places a file read from content/: the registry, a document of its
/// kind, or a file in no folder evalsite knows.
fn settle(loaded: &mut Loaded, id: FileId, place: Place, out: &mut Vec<Diagnostic>) {
    match place {
        Place::Participants => loaded.participants = Some(id),
        Place::Doc(kind) => loaded.docs.push((kind, id)),
        Place::Unplaced => out.push(
            Diagnostic::warning(
                "load::unplaced-file",
                "this file is not in a folder evalsite knows, so it is not published",
            )
            .at(Span::file_start(id))
            .fix("move it into content/pages/ to publish it as a page, or into boroughs/, codebook/, quotes/, findings/ or pathways/"),
        ),
    }
}

/// Every file under `dir`, at any depth, in no particular order (for tidying up).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// Whether `path` is inside the project at `root` as written, so that a
/// watcher's report of the project covers it. A file elsewhere (an
/// identifiers list outside the project, `../private/names.yaml`) is always
/// compared by its metadata.
fn is_inside(root: &Path, path: &Path) -> bool {
    path.strip_prefix(root).is_ok_and(|relative| {
        relative
            .components()
            .all(|part| matches!(part, std::path::Component::Normal(_)))
    })
}

/// Whether `path` is `folder` or inside it, for paths built from the same
/// root (as [`Path::starts_with`], comparing bytes rather than components:
/// thousands of files are asked about on every rebuild).
fn is_within(path: &Path, folder: &Path) -> bool {
    let (path, folder) = (
        path.as_os_str().as_encoded_bytes(),
        folder.as_os_str().as_encoded_bytes(),
    );
    path.strip_prefix(folder)
        .is_some_and(|rest| rest.is_empty() || std::path::is_separator(char::from(rest[0])))
}

/// Whether a walk of `content` would go into (or list) `path`: it is below
/// `content`, and neither it nor a folder on the way is hidden or temporary.
fn is_listable(content: &Path, path: &Path) -> bool {
    path.strip_prefix(content).is_ok_and(|relative| {
        relative
            .components()
            .all(|part| !is_ignored_name(&part.as_os_str().to_string_lossy()))
    })
}

/// Every file under `dir` (`content/`, a folder in it, or a theme's folder),
/// sorted by path as a walk in name order gives them, skipping hidden and
/// temporary files and folders, and not following links. Folders are listed
/// in parallel: most of a large project is thousands of quotes in a few
/// folders.
pub fn listed_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    Ok(listing(dir)?.files)
}

/// What [`listing`] finds under a folder.
#[derive(Default)]
struct Listing {
    /// The files, sorted as [`listed_files`] gives them.
    files: Vec<PathBuf>,
    /// Everything else (links, pipes, sockets, devices), sorted, never
    /// opened: for content/, each is an error or a warning, not passed over.
    others: Vec<PathBuf>,
}

/// [`listed_files`], with what is neither a file nor a folder.
fn listing(dir: &Path) -> anyhow::Result<Listing> {
    let reading = || format!("reading {}", dir.display());
    let mut entries = Vec::new();
    let mut others = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(reading)? {
        let entry = entry.with_context(reading)?;
        if is_ignored_name(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let kind = entry.file_type().with_context(reading)?;
        if kind.is_file() || kind.is_dir() {
            entries.push((entry.file_name(), kind.is_dir()));
        } else {
            others.push(entry.path());
        }
    }
    entries.sort_unstable();
    let folders: Vec<Listing> = entries
        .par_iter()
        .filter(|(_, is_dir)| *is_dir)
        .map(|(name, _)| listing(&dir.join(name)))
        .collect::<anyhow::Result<_>>()?;
    let mut folders = folders.into_iter();
    let mut files = Vec::with_capacity(entries.len());
    for (name, is_dir) in entries {
        match is_dir {
            true => {
                if let Some(folder) = folders.next() {
                    files.extend(folder.files);
                    others.extend(folder.others);
                }
            }
            false => files.push(dir.join(name)),
        }
    }
    others.sort();
    Ok(Listing { files, others })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_folders() {
        assert_eq!(kind_of(Path::new("index.md")), Some(Kind::Landing));
        assert_eq!(kind_of(Path::new("quotes/b/x.md")), Some(Kind::Quote));
        assert_eq!(kind_of(Path::new("codebook/x.md")), Some(Kind::Code));
        assert_eq!(kind_of(Path::new("notes.md")), None);
        assert_eq!(kind_of(Path::new("drafts/x.md")), None);
    }

    #[test]
    fn within_is_by_whole_names() {
        let within = |p: &str, f: &str| is_within(Path::new(p), Path::new(f));
        assert!(within("/p/content/quotes/a.md", "/p/content/quotes"));
        assert!(within("/p/content/quotes", "/p/content/quotes"));
        assert!(!within("/p/content/quotes-old/a.md", "/p/content/quotes"));
        assert!(!within("/p/content", "/p/content/quotes"));
    }

    #[test]
    fn reports_cover_only_files_inside_the_project() {
        let root = Path::new("/p/study");
        assert!(is_inside(root, &root.join("evalsite.yaml")));
        assert!(is_inside(root, &root.join("private/names.yaml")));
        assert!(!is_inside(root, &root.join("../private/names.yaml")));
        assert!(!is_inside(root, Path::new("/elsewhere/names.yaml")));
    }

    #[test]
    fn editor_files_are_ignored() {
        for name in [".x.md.swp", "x.md~", "4913", ".#x.md", "x.swp"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("x.md"));
    }

    #[test]
    fn files_of_any_length_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = crate::made_up::Sequence::new(3);
        // Around the reading buffer's length, and well past it.
        for len in [0, 1, 700, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 300_000] {
            let path = dir.path().join(format!("{len}.md"));
            let text: Vec<u8> = (0..len).map(|_| bytes.below(256) as u8).collect();
            std::fs::write(&path, &text).unwrap();
            assert_eq!(read_bytes(&path).unwrap(), text, "{len} bytes");
        }
        // A long file read first leaves no trace in the next, shorter one.
        assert_eq!(read_bytes(&dir.path().join("1.md")).unwrap().len(), 1);
        assert!(read_bytes(&dir.path().join("missing.md")).is_err());
    }

    /// The listing walked in parallel gives the files, in the order, that
    /// one walk in name order (the listing until it was parallel) gives.
    #[test]
    fn the_listing_is_a_walk_in_name_order() {
        let walk = |dir: &Path| -> Vec<PathBuf> {
            walkdir::WalkDir::new(dir)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy())
                })
                .map(Result::unwrap)
                .filter(|e| e.file_type().is_file())
                .map(walkdir::DirEntry::into_path)
                .collect()
        };
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        let mut names = crate::made_up::Sequence::new(7);
        let parts = [
            "a", "a.md", "a-b", "b", "B", "z", ".hidden", "x.md~", "q1.md", "q10.md", "q2.md",
            "é.md",
        ];
        for _ in 0..300 {
            let depth = 1 + names.below(4);
            let path: PathBuf = (0..depth)
                .map(|_| parts[names.below(parts.len())])
                .collect();
            let full = content.join(path);
            if full.is_dir() || full.ancestors().skip(1).any(Path::is_file) {
                continue;
            }
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, "x").unwrap();
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(content.join("a"), content.join("link-to-a")).unwrap();
            std::os::unix::fs::symlink(dir.path(), content.join("m.md")).unwrap();
        }
        let listed = listed_files(&content).unwrap();
        assert!(listed.len() > 20, "{listed:?}");
        assert_eq!(listed, walk(&content));
        assert!(
            listed.is_sorted(),
            "in the order the memo's binary search needs"
        );
        assert_eq!(
            listed_files(&content.join("a")).unwrap(),
            walk(&content.join("a"))
        );
    }

    /// Loads the project at `root` with `memo`, giving each file's text by name.
    fn load_texts(root: &Path, memo: &mut Memo) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let loaded = load_config(root, &mut out, Some(&mut *memo)).unwrap();
        let loaded = load_content(root, loaded, ListAt::None, &mut out, Some(memo)).unwrap();
        assert!(out.is_empty(), "{out:?}");
        loaded
            .sources
            .iter()
            .map(|(_, file)| (file.name.clone(), file.text.clone()))
            .collect()
    }

    /// A project of two quotes, `a` and `b`, in content/quotes/b/.
    fn two_quotes() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let quotes = dir.path().join("content/quotes/b");
        std::fs::create_dir_all(&quotes).unwrap();
        let (a, b) = (quotes.join("a.md"), quotes.join("b.md"));
        std::fs::write(&a, "first a").unwrap();
        std::fs::write(&b, "first b").unwrap();
        (dir, quotes, a, b)
    }

    #[test]
    fn after_edits_alone_the_files_not_reported_are_not_looked_at() {
        let (dir, quotes, a, b) = two_quotes();
        let root = dir.path();
        let mut memo = Memo::default();
        let first = load_texts(root, &mut memo);
        let last_found = |memo: &Memo, path: &Path| memo.files[path].run;

        std::fs::write(&a, "second a").unwrap();
        memo.report(vec![a.clone()]);
        let texts = load_texts(root, &mut memo);
        assert_eq!(
            texts[0],
            ("content/quotes/b/a.md".into(), "second a".into())
        );
        assert_eq!(texts[1], first[1]);
        assert_eq!(last_found(&memo, &a), memo.run);
        assert!(last_found(&memo, &b) < memo.run, "b was looked at");

        // A file added: the listing changes, and every file is found again.
        std::fs::write(quotes.join("c.md"), "new c").unwrap();
        memo.report(vec![quotes.join("c.md")]);
        assert_eq!(load_texts(root, &mut memo).len(), 3);
        assert_eq!(last_found(&memo, &b), memo.run);
    }

    /// Serve mode: a pipe in content/ is an error on every rebuild, also
    /// those that read only the reported edits, until it is gone; it is
    /// never opened (or the rebuild would wait).
    #[cfg(unix)]
    #[test]
    fn a_pipe_in_content_stays_an_error_while_serving() {
        let (dir, quotes, a, _) = two_quotes();
        let root = dir.path();
        let codes = |memo: &mut Memo| {
            let mut out = Vec::new();
            let loaded = load_config(root, &mut out, Some(&mut *memo)).unwrap();
            load_content(root, loaded, ListAt::None, &mut out, Some(memo)).unwrap();
            out.iter().map(|d| d.code).collect::<Vec<_>>()
        };
        let mut memo = Memo::default();
        assert!(codes(&mut memo).is_empty());
        let pipe = quotes.join("x.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(made.success());
        memo.report(vec![pipe.clone()]);
        assert_eq!(codes(&mut memo), ["load::unreadable"]);
        std::fs::write(&a, "edited").unwrap();
        memo.report(vec![a.clone()]);
        assert_eq!(codes(&mut memo), ["load::unreadable"], "after an edit");
        assert_eq!(codes(&mut memo), ["load::unreadable"], "unreported");
        std::fs::remove_file(&pipe).unwrap();
        memo.report(vec![pipe]);
        assert!(codes(&mut memo).is_empty());
    }

    #[test]
    fn a_report_of_changes_decides_what_is_read_again() {
        let (dir, quotes, a, b) = two_quotes();
        let root = dir.path();
        let mut memo = Memo::default();
        load_texts(root, &mut memo);
        let text_of = |texts: &[(String, String)], name: &str| {
            texts.iter().find(|(n, _)| n == name).unwrap().1.clone()
        };

        // Reported unchanged: taken as it was, without looking at the disk.
        std::fs::write(&a, "second a").unwrap();
        memo.report(vec![b.clone()]);
        let texts = load_texts(root, &mut memo);
        assert_eq!(text_of(&texts, "content/quotes/b/a.md"), "first a");
        assert_eq!(memo.read, 1);

        // Reported itself, or its folder: read again.
        memo.report(vec![a.clone()]);
        let texts = load_texts(root, &mut memo);
        assert_eq!(text_of(&texts, "content/quotes/b/a.md"), "second a");
        std::fs::write(&b, "second b").unwrap();
        memo.report(vec![quotes.clone()]);
        let texts = load_texts(root, &mut memo);
        assert_eq!(text_of(&texts, "content/quotes/b/b.md"), "second b");
        assert_eq!(memo.read, 2);

        // A new file, reported, is listed and read.
        std::fs::write(quotes.join("c.md"), "new c").unwrap();
        memo.report(vec![quotes.join("c.md")]);
        let texts = load_texts(root, &mut memo);
        assert_eq!(text_of(&texts, "content/quotes/b/c.md"), "new c");

        // Folders made, emptied, renamed and hidden, each reported as a
        // watcher would: the same files as a fresh walk finds.
        let fresh = |root: &Path| load_texts(root, &mut Memo::default());
        let steps: [(&str, &[&str]); 5] = [
            (
                "mkdir content/quotes/new && echo x > content/quotes/new/d.md",
                &["content/quotes/new"],
            ),
            ("rm content/quotes/b/b.md", &["content/quotes/b/b.md"]),
            (
                "mv content/quotes/new content/quotes/old",
                &["content/quotes/new", "content/quotes/old"],
            ),
            (
                "mkdir content/.hidden && echo y > content/.hidden/e.md",
                &["content/.hidden"],
            ),
            (
                "echo z > content/quotes/old/x.md~",
                &["content/quotes/old/x.md~"],
            ),
        ];
        for (command, reported) in steps {
            let status = std::process::Command::new("sh")
                .args(["-c", command])
                .current_dir(root)
                .status()
                .unwrap();
            assert!(status.success(), "{command}");
            memo.report(reported.iter().map(|r| root.join(r)).collect());
            assert_eq!(load_texts(root, &mut memo), fresh(root), "after {command}");
        }

        // A report counts for one run: the next one compares metadata again.
        std::fs::write(&a, "third a, longer").unwrap();
        let texts = load_texts(root, &mut memo);
        assert_eq!(text_of(&texts, "content/quotes/b/a.md"), "third a, longer");
    }
}
