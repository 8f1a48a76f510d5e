//! The files found by name rather than by listing: `evalsite.yaml`,
//! `content/participants.yaml` and the identifiers list. Each is read when
//! it is an ordinary file; anything else at its path is an error, never
//! taken as missing. Does not parse them.

use super::fetch::read;
use super::{ListAt, Loaded, Memo};
use crate::diag::Diagnostic;
use crate::files::{display_name, escapes};
use crate::source::{FileId, Sources};
use std::path::Path;

/// What [`read_file`] found.
pub(super) enum Found {
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
pub(super) fn read_file(
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

/// The fields of the identifiers list: the only words of it a message may
/// quote (everything else in it may be a real name).
pub const LIST_FIELDS: &[&str] = &["people", "places", "organisations", "replace"];

/// Reads the identifiers list: missing or unreadable, it is an error (the
/// checks would have no names to look for), unless the settings say the
/// project has none.
pub(super) fn read_identifiers(
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
        Found::Read(id) => {
            // The real names: a message may point into the list, but never
            // show its text (#case-04).
            loaded.sources.make_private(id, LIST_FIELDS);
            loaded.identifiers = Some(id);
        }
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
pub(super) fn check_registry(root: &Path, content: &Path, out: &mut Vec<Diagnostic>) {
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
