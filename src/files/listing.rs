//! Which files a walk of a project folder takes: `content/`, a folder in
//! it, or a theme's folder. Hidden and editors' temporary files and folders
//! are passed over, links are not followed, and the order is the same on
//! every system. The one place that says which names are skipped: load,
//! the theme loader and the preview's watcher all ask here. Does not read
//! the files.

use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Whether a file name is an editor's temporary or backup file, or hidden.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// Whether a walk of `dir` would go into (or list) `path`: it is below
/// `dir`, and neither it nor a folder on the way is hidden or temporary.
pub fn is_listable(dir: &Path, path: &Path) -> bool {
    path.strip_prefix(dir).is_ok_and(|relative| {
        relative
            .components()
            .all(|part| !is_ignored_name(&part.as_os_str().to_string_lossy()))
    })
}

/// What a walk finds under a folder.
#[derive(Debug, Default)]
pub struct Listing {
    /// The files, sorted by path as a walk in name order gives them.
    pub files: Vec<PathBuf>,
    /// Everything else (links, pipes, sockets, devices), sorted, never
    /// opened: for content/, each is an error or a warning, not passed over.
    pub others: Vec<PathBuf>,
    /// What could not be read (a folder without permission), with why.
    pub unreadable: Vec<(PathBuf, std::io::Error)>,
}

/// Every file under `dir` (`content/`, a folder in it, or a theme's folder),
/// sorted by path as a walk in name order gives them, skipping hidden and
/// temporary files and folders, and not following links.
pub fn listed_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    Ok(listing(dir)?.files)
}

/// [`listed_files`], with what is neither a file nor a folder: one walk in
/// name order, which gives paths sorted as [`PathBuf`] sorts them. Fails
/// at the first file or folder that cannot be read.
pub fn listing(dir: &Path) -> anyhow::Result<Listing> {
    let mut found = whole_listing(dir);
    let first = found.unreadable.drain(..).next();
    match first {
        Some((path, error)) => {
            Err(anyhow::Error::new(error).context(format!("reading {}", path.display())))
        }
        None => Ok(found),
    }
}

/// [`listing`], going on past what cannot be read (each noted, with why),
/// so that all of it can be reported.
pub fn whole_listing(dir: &Path) -> Listing {
    let mut found = Listing::default();
    let walk = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(dir).to_path_buf();
                let error = error
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("a link that leads back into itself"));
                found.unreadable.push((path, error));
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_file() {
            found.files.push(entry.into_path());
        } else if !kind.is_dir() {
            found.others.push(entry.into_path());
        }
    }
    found
}

/// Every file under `dir`, at any depth, hidden ones too, in no particular
/// order (for tidying up an old site).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_ignored() {
        for name in [".x.md.swp", "x.md~", "4913", ".#x.md", "x.swp"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("x.md"));
    }

    #[test]
    fn a_path_is_listable_when_no_name_below_the_folder_is_skipped() {
        // Regression: temporary folders such as /tmp/.tmpAbC are hidden;
        // only names below the folder walked may be passed over.
        let dir = Path::new("/tmp/.tmpAbC/content");
        assert!(is_listable(dir, &dir.join("quotes/a.md")));
        assert!(is_listable(dir, dir));
        assert!(!is_listable(dir, &dir.join(".git/index")));
        assert!(!is_listable(dir, &dir.join("quotes/.a.md.swp")));
        assert!(!is_listable(dir, Path::new("/tmp/other/a.md")));
    }

    /// The listing gives the files, in the order, that one walk in name
    /// order gives, sorted as the serve memo's binary search needs, over a
    /// made-up tree with hidden, temporary and linked entries.
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
        #[cfg(unix)]
        assert_eq!(
            listing(&content).unwrap().others,
            [content.join("link-to-a"), content.join("m.md")]
        );
    }
}
