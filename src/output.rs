//! Where the rendered site goes. A build writes every file into a temporary
//! sibling of the output directory and swaps it in with renames at the end,
//! so a failed build leaves the previous site exactly as it was. Serve mode
//! keeps the files in memory instead and never calls this.

use anyhow::{Context, bail};
use rayon::prelude::*;
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether `dir` may be replaced by a build: it does not exist, is empty, or
/// holds a site (an `index.html`). Anything else is someone's folder.
fn is_replaceable(dir: &Path) -> anyhow::Result<bool> {
    if !dir.exists() {
        return Ok(true);
    }
    if !dir.is_dir() {
        return Ok(false);
    }
    let mut entries =
        std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    Ok(entries.next().is_none() || dir.join("index.html").is_file())
}

/// Writes a site that passed the disclosure gate (paths relative to the
/// site root) as the directory `target`: nothing else can be written.
pub fn write_site(target: &Path, site: &crate::anonymity::gate::Gated) -> anyhow::Result<()> {
    let files = site.files();
    if !is_replaceable(target)? {
        bail!(
            "{} exists and does not look like a generated site (it has no index.html), so evalsite will not replace it; choose another --output folder or empty this one",
            target.display()
        );
    }
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::env::current_dir()?,
    };
    std::fs::create_dir_all(&parent).with_context(|| format!("creating {}", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".evalsite-build-")
        .tempdir_in(&parent)
        .with_context(|| format!("creating a temporary folder in {}", parent.display()))?;
    let previous = target.is_dir().then_some(target);
    write_files(staging.path(), files, previous)?;
    swap_in(staging, target, &parent)
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

fn swap_in(staging: tempfile::TempDir, target: &Path, parent: &Path) -> anyhow::Result<()> {
    let staged = staging.keep();
    if target.exists() {
        let old = tempfile::Builder::new()
            .prefix(".evalsite-old-")
            .tempdir_in(parent)?
            .keep();
        std::fs::remove_dir(&old)?;
        std::fs::rename(target, &old)
            .with_context(|| format!("moving the previous {} aside", target.display()))?;
        if let Err(error) = std::fs::rename(&staged, target) {
            let _ = std::fs::rename(&old, target);
            let _ = std::fs::remove_dir_all(&staged);
            return Err(error)
                .with_context(|| format!("moving the new site into {}", target.display()));
        }
        remove_tree(&old);
    } else if let Err(error) = std::fs::rename(&staged, target) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(error)
            .with_context(|| format!("moving the new site into {}", target.display()));
    }
    Ok(())
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

    fn files(pairs: &[(&str, &str)]) -> crate::anonymity::gate::Gated {
        crate::anonymity::gate::Gated::without_gate_for_tests(
            pairs
                .iter()
                .map(|(p, c)| (p.to_string(), std::sync::Arc::new(c.as_bytes().to_vec())))
                .collect(),
        )
    }

    #[test]
    fn replaces_a_previous_site_completely() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        write_site(&site, &files(&[("index.html", "one"), ("old/x.html", "x")])).unwrap();
        write_site(&site, &files(&[("index.html", "two"), ("a/b.html", "b")])).unwrap();
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
        let error = write_site(dir.path(), &files(&[("index.html", "x")])).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("does not look like a generated site")
        );
        assert!(dir.path().join("thesis.docx").is_file());
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_linked_from_the_previous_site_and_changed_ones_written() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        write_site(
            &site,
            &files(&[("index.html", "same"), ("a/b.html", "old")]),
        )
        .unwrap();
        let inode = |p: &str| std::fs::metadata(site.join(p)).unwrap().ino();
        let (index, b) = (inode("index.html"), inode("a/b.html"));
        write_site(
            &site,
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
        let elsewhere = dir.path().join("notes.txt");
        std::fs::write(&elsewhere, "same").unwrap();
        std::os::unix::fs::symlink(&elsewhere, site.join("notes.html")).unwrap();
        write_site(
            &site,
            &files(&[("index.html", "x"), ("notes.html", "same")]),
        )
        .unwrap();
        let meta = std::fs::symlink_metadata(site.join("notes.html")).unwrap();
        assert!(meta.file_type().is_file(), "a regular file, not the link");
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "same");
    }
}
