//! Reading a project from disk: `evalsite.yaml`, everything under `content/`,
//! and the identifiers list, into [`Loaded`] sources. Owns the rules for
//! which files belong to which kind (`content`), the files found by name
//! (`named`) and serve mode's memory of what was read (`memo`); the
//! listing itself and the reading of bytes are in [`crate::files`]. Does not
//! parse any file.

mod content;
mod fetch;
mod memo;
mod named;

pub use memo::Memo;

use crate::diag::Diagnostic;
use crate::files::escapes;
use crate::model::Kind;
use crate::source::{FileId, Sources};
use content::{not_a_file, read_content};
use memo::reread_reported;
pub use named::LIST_FIELDS;
use named::{Found, check_registry, read_file, read_identifiers};
use std::path::Path;

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
