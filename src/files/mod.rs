//! Files on disk, below every stage: which folders and files a walk of the
//! project takes ([`listing`]), reading a file's bytes as text ([`read`]),
//! and how a path is named in messages. Load, the theme loader, the
//! preview's watcher and the output folder use these; nothing here knows
//! what a project's files mean (that is `load`) or where the site goes
//! (that is `output`).

pub mod listing;
pub mod read;

use std::path::Path;

/// `path` relative to the project root, with `/` separators.
pub fn display_name(root: &Path, path: &Path) -> String {
    let Ok(relative) = path.strip_prefix(root) else {
        // Outside the project (a list named by EVALSITE_IDENTIFIERS): as given.
        return path.to_string_lossy().into_owned();
    };
    let name = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    // The project folder itself: named, never "" in a message (#case-12.2).
    if name.is_empty() { ".".into() } else { name }
}

/// What is at a path that should be a folder (a theme's, `themes/<name>`).
#[derive(Debug)]
pub enum Folder {
    /// A folder that can be read (or a link to one).
    Readable,
    /// Nothing.
    Missing,
    /// Something that cannot be read as a folder, and why ("is a file, not
    /// a folder"): an error, never taken as missing.
    Unusable(String),
}

/// What is at `path`, which should be a folder.
pub fn look_at(path: &Path) -> Folder {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match std::fs::symlink_metadata(path)
        {
            Ok(_) => Folder::Unusable("is a link to nothing".into()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Folder::Missing,
            Err(e) => Folder::Unusable(format!("cannot be read: {e}")),
        },
        Err(e) => Folder::Unusable(format!("cannot be read: {e}")),
        Ok(meta) if meta.is_file() => Folder::Unusable("is a file, not a folder".into()),
        Ok(meta) if !meta.is_dir() => Folder::Unusable("is not a folder".into()),
        Ok(_) => match std::fs::read_dir(path) {
            Ok(_) => Folder::Readable,
            Err(e) => Folder::Unusable(format!("cannot be read: {e}")),
        },
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

/// Whether `path` is `folder` or inside it, for paths built from the same
/// root (as [`Path::starts_with`], comparing bytes rather than components:
/// thousands of files are asked about on every rebuild).
pub fn is_within(path: &Path, folder: &Path) -> bool {
    let (path, folder) = (
        path.as_os_str().as_encoded_bytes(),
        folder.as_os_str().as_encoded_bytes(),
    );
    path.strip_prefix(folder)
        .is_some_and(|rest| rest.is_empty() || std::path::is_separator(char::from(rest[0])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_is_by_whole_names() {
        let within = |p: &str, f: &str| is_within(Path::new(p), Path::new(f));
        assert!(within("/p/content/quotes/a.md", "/p/content/quotes"));
        assert!(within("/p/content/quotes", "/p/content/quotes"));
        assert!(!within("/p/content/quotes-old/a.md", "/p/content/quotes"));
        assert!(!within("/p/content", "/p/content/quotes"));
    }

    #[test]
    fn names_are_relative_with_slashes() {
        let root = Path::new("/p/study");
        assert_eq!(
            display_name(root, &root.join("content/quotes/a.md")),
            "content/quotes/a.md"
        );
        assert_eq!(
            display_name(root, Path::new("/elsewhere/names.yaml")),
            "/elsewhere/names.yaml"
        );
    }
}
