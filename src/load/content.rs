//! The content folder: its listing, read in parallel, and each file placed
//! by its folder (the registry, a document of a kind, or a file evalsite
//! does not publish); what is neither a file nor a folder there is an error
//! or a warning. Does not parse any file.

use super::Loaded;
use super::fetch::{Fetched, admit, fetch};
use super::memo::{Layout, Memo, Role};
use crate::diag::Diagnostic;
use crate::files::display_name;
use crate::files::listing::{Listing, listing};
use crate::model::Kind;
use crate::source::{FileId, Span};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Where a file read from content/ goes.
#[derive(Clone, Copy)]
pub(super) enum Place {
    Participants,
    Doc(Kind),
    Unplaced,
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

/// Lists content/ (or, with a report, the last listing with the reported
/// paths looked at again) and reads every file in it, in parallel; each
/// then joins the sources in path order (so file ids do not depend on
/// timing). Gives what the listing found that is not a file or a folder,
/// never opened.
pub(super) fn read_content(
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
        ..
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

/// Places a file read from content/: the registry, a document of its
/// kind, or a file in no folder evalsite knows.
pub(super) fn settle(loaded: &mut Loaded, id: FileId, place: Place, out: &mut Vec<Diagnostic>) {
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

/// The error (or, for a link inside the project, the warning) for
/// something in content/ that is neither a file nor a folder. Found by its
/// metadata alone: a pipe is never opened, so a build never waits on one.
pub(super) fn not_a_file(root: &Path, path: &Path) -> Diagnostic {
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
}
