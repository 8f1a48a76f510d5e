//! The output folder: its lock, the names of the folders a build makes
//! beside it, a folder evalsite did not make filled and kept, a swap cut
//! short, and the folders a killed build leaves; on made-up sites.

use super::lock;
use super::marker::{self, Found};
use super::staging::{self, STAGING};
use super::tests::{beside, files, mark, target, tree};
use super::*;
use std::cell::Cell;
use std::path::PathBuf;

// #19 (report case-02): the lock was the project's, so two projects
// writing one --output folder each removed the other's staging folder.
// It is the output folder's now: a second taker is refused, and the file
// goes with the last holder.
#[test]
fn one_lock_per_output_folder_and_the_file_goes_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let shown = Path::new("out");
    let held = lock::lock(dir.path(), "out".as_ref(), shown).unwrap();
    let error = lock::lock(dir.path(), "out".as_ref(), shown).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("another build is writing out ("),
        "{error}"
    );
    let other = lock::lock(dir.path(), "other".as_ref(), shown).unwrap();
    drop(other);
    assert_eq!(beside(dir.path()), Vec::<String>::new());
    assert!(dir.path().join(".evalsite-lock-out").is_file());
    // Held, a build writing out/ stops before it touches anything.
    let before = tree(dir.path());
    let error =
        write_files_as_site(&target(&dir.path().join("out")), &files(&[("a", "b")])).unwrap_err();
    assert!(
        error.to_string().contains("another build is writing"),
        "{error}"
    );
    assert_eq!(tree(dir.path()), before);
    drop(held);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(names.is_empty(), "the lock file is removed");
}

// #19 (report case-02): a lock that could not be taken (a read-only
// project folder, a lock file that is a folder or a link to nothing) let
// the build go on unlocked; a link to nothing was made into a file where
// it pointed.
#[cfg(unix)]
#[test]
fn a_lock_that_cannot_be_taken_stops_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let elsewhere = dir.path().join("elsewhere");
    std::os::unix::fs::symlink(&elsewhere, dir.path().join(".evalsite-lock-site")).unwrap();
    let error = write_files_as_site(&target(&site), &files(&[("a", "b")])).unwrap_err();
    assert!(
        error.to_string().contains("(it is a link; remove it"),
        "{error}"
    );
    assert!(!elsewhere.exists(), "nothing made where the link points");
    assert!(!site.exists());
    std::fs::remove_file(dir.path().join(".evalsite-lock-site")).unwrap();
    std::fs::create_dir(dir.path().join(".evalsite-lock-site")).unwrap();
    let error = write_files_as_site(&target(&site), &files(&[("a", "b")])).unwrap_err();
    assert!(error.to_string().contains("(it is not a file"), "{error}");
    assert!(!site.exists());
}

// #19 (report case-12): an output folder's name of more than about 230
// bytes could never be built: the staging folder's name added 25.
#[test]
fn a_long_output_folder_name_is_built_and_kept_names_fit() {
    let dir = tempfile::tempdir().unwrap();
    let name = "r".repeat(250);
    let site = dir.path().join(&name);
    write_files_as_site(&target(&site), &files(&[("index.html", "one")])).unwrap();
    write_files_as_site(&target(&site), &files(&[("index.html", "two")])).unwrap();
    assert_eq!(
        tree(&site)[1],
        ("index.html".to_string(), "two".to_string())
    );
    assert_eq!(beside(dir.path()), [name]);
}

/// Builds `pairs` into `dir` and gives its inode and permissions.
#[cfg(unix)]
fn identity(dir: &Path) -> (u64, u32) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(dir).unwrap();
    (meta.ino(), meta.mode())
}

// #19 (report case-15): the output folder was replaced by a new one at
// every build, so an empty folder the researcher made (its owner, group,
// permissions) was deleted, and a mount point could not be built into. A
// folder evalsite did not make is filled, and stays.
#[cfg(unix)]
#[test]
fn an_empty_folder_made_by_the_researcher_is_filled_and_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    std::fs::create_dir(&www).unwrap();
    std::fs::set_permissions(&www, std::fs::Permissions::from_mode(0o2750)).unwrap();
    let before = identity(&www);
    let one = files(&[
        ("index.html", "one"),
        ("gone/x.html", "x"),
        ("a/b.html", "b"),
    ]);
    write_files_as_site(&target(&www), &one).unwrap();
    assert_eq!(identity(&www), before, "the same folder, as it was");
    let Found::Marked(marker) = marker::read(&www) else {
        panic!("marked")
    };
    assert!(marker.contents_only);
    let two = files(&[("index.html", "two"), ("a/b.html", "b"), ("new.html", "n")]);
    for exchange in [exchange, |_: &Path, _: &Path| Ok(false)] {
        write_with(&target(&www), &two, exchange).unwrap();
        assert_eq!(identity(&www), before);
        let names: Vec<String> = tree(&www).into_iter().map(|(p, _)| p).collect();
        assert_eq!(names, [MARKER, "a/b.html", "index.html", "new.html"]);
        assert_eq!(beside(dir.path()), ["www"], "nothing left beside");
    }
}

// A folder evalsite made keeps the permissions the researcher gave it
// (for a web server, say) when the next build replaces it.
#[cfg(unix)]
#[test]
fn a_folder_evalsite_made_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    write_files_as_site(&target(&site), &files(&[("index.html", "one")])).unwrap();
    std::fs::set_permissions(&site, std::fs::Permissions::from_mode(0o2750)).unwrap();
    write_files_as_site(&target(&site), &files(&[("index.html", "two")])).unwrap();
    assert_eq!(identity(&site).1 & 0o7777, 0o2750);
    let Found::Marked(marker) = marker::read(&site) else {
        panic!("marked")
    };
    assert!(!marker.contents_only);
}

thread_local! {
    /// How many more exchanges [`failing`] lets through.
    static EXCHANGES_LEFT: Cell<usize> = const { Cell::new(0) };
}

/// An exchange that works [`EXCHANGES_LEFT`] times, then fails.
fn failing(a: &Path, b: &Path) -> std::io::Result<bool> {
    let left = EXCHANGES_LEFT.get();
    if left == 0 {
        return Err(std::io::Error::other("made to fail"));
    }
    EXCHANGES_LEFT.set(left - 1);
    exchange(a, b)
}

/// A folder the researcher made, holding a site evalsite put there.
fn filled_folder(dir: &Path) -> (PathBuf, BTreeMap<String, Vec<u8>>) {
    let www = dir.join("www");
    std::fs::create_dir(&www).unwrap();
    let one = files(&[
        ("index.html", "one"),
        ("a/b.html", "b"),
        ("c/d.html", "d"),
        ("gone/x.html", "x"),
    ]);
    write_files_as_site(&target(&www), &one).unwrap();
    let two = files(&[
        ("index.html", "two"),
        ("a/b.html", "b2"),
        ("c/d.html", "d"),
        ("e.html", "e"),
    ]);
    (www, two)
}

// Putting a site into a folder evalsite did not make takes a few steps;
// a failure at any of them undoes the ones before: the folder is exactly
// as it was.
#[cfg(target_os = "linux")]
#[test]
fn a_swap_of_contents_that_fails_leaves_the_folder_as_it_was() {
    // Three of the new site's four names are in the folder already.
    for steps in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let (www, two) = filled_folder(dir.path());
        let before = tree(&www);
        EXCHANGES_LEFT.set(steps);
        let error = write_with(&target(&www), &two, |a, b| {
            // Undoing uses the exchange again: let it.
            let result = failing(a, b);
            if result.is_err() {
                EXCHANGES_LEFT.set(usize::MAX);
            }
            result
        })
        .unwrap_err();
        assert!(format!("{error:#}").contains("made to fail"), "{error:#}");
        assert_eq!(tree(&www), before, "after {steps} steps");
        assert_eq!(beside(dir.path()), ["www"], "after {steps} steps");
    }
}

// The same cut short for good (as by a kill, here by an undo that fails
// too): both folders are marked with both versions of each file, and the
// next build replaces the mix and removes what was left.
#[cfg(target_os = "linux")]
#[test]
fn a_swap_of_contents_cut_short_is_finished_by_the_next_build() {
    for steps in 1..3 {
        let dir = tempfile::tempdir().unwrap();
        let (www, two) = filled_folder(dir.path());
        EXCHANGES_LEFT.set(steps);
        let error = write_with(&target(&www), &two, failing).unwrap_err();
        assert!(
            format!("{error:#}").contains("could not be undone completely"),
            "{error:#}"
        );
        let Found::Marked(mixed) = marker::read(&www) else {
            panic!("marked")
        };
        assert!(mixed.files.contains_key("gone/x.html"));
        write_files_as_site(&target(&www), &two).unwrap();
        let names: Vec<String> = tree(&www).into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            names,
            [MARKER, "a/b.html", "c/d.html", "e.html", "index.html"],
            "after {steps} steps"
        );
        assert_eq!(tree(&www)[1].1, "b2");
        assert_eq!(beside(dir.path()), ["www"], "after {steps} steps");
    }
}

// #19 (report case-11): a site of the version before markers was marked
// before the new one was written, so a build that then failed left it
// changed. Nothing is written into it until the new site is in place.
#[test]
fn a_failed_build_leaves_an_unmarked_site_unmarked() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let pages: Vec<(&str, &str)> = previous::OLDEST_TOP_PAGES
        .iter()
        .map(|page| (*page, "old"))
        .collect();
    for (page, text) in &pages {
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join(page), text).unwrap();
    }
    let before = tree(&site);
    let unable = |_: &Path, _: &Path| Err(std::io::Error::other("made to fail"));
    write_with(&target(&site), &files(&pages), unable).unwrap_err();
    assert_eq!(tree(&site), before);
    assert_eq!(beside(dir.path()), ["site"]);
}

// The last look before the swap: a new site with a file missing or cut
// short (as when a build not holding the lock removed what it took for a
// killed build's folder) is not put in place.
#[test]
fn an_incomplete_new_site_is_never_put_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let written = files(&[("index.html", "whole"), ("a/b.html", "b")]);
    mark(dir.path(), &[("index.html", "whole"), ("a/b.html", "b")]);
    let listing = || {
        written
            .iter()
            .map(|(p, b)| (p.as_str(), marker::Written::of(b)))
    };
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::fs::write(dir.path().join("a/b.html"), "b").unwrap();
    let error = complete(dir.path(), listing()).unwrap_err().to_string();
    assert!(
        error.contains("1 of its files are missing or cut short, such as index.html"),
        "{error}"
    );
    std::fs::write(dir.path().join("index.html"), "who").unwrap();
    assert!(complete(dir.path(), listing()).is_err(), "cut short");
    std::fs::write(dir.path().join("index.html"), "whole").unwrap();
    complete(dir.path(), listing()).unwrap();
}

// #19 (report case-01): a build killed while it removed a folder left it
// without its marker, and no later build removed it. The marker goes last
// (and is written whole, or not at all), so what a kill leaves is either
// marked or holds nothing but a marker and empty folders; a site of the
// version before markers, moved aside and not yet marked, is known by its
// pages. Each of these is removed, and a folder of the same name holding
// anything else is not.
#[test]
fn every_folder_a_killed_build_can_leave_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let tag = staging::tag("site".as_ref());
    let folder = |n: usize, made: &dyn Fn(&Path)| {
        let path = dir.path().join(format!("{STAGING}{tag}-abcd123{n}"));
        std::fs::create_dir(&path).unwrap();
        made(&path);
        path
    };
    let ours = [
        folder(0, &|_| {}),
        folder(1, &|p| std::fs::create_dir_all(p.join("a/b")).unwrap()),
        folder(2, &|p| {
            std::fs::write(p.join(marker::MARKER_NEXT), "This fol").unwrap()
        }),
        folder(3, &|p| {
            std::fs::write(
                p.join(MARKER),
                "This folder was written by evalsite build.\nformat: 3\nThe next",
            )
            .unwrap()
        }),
        folder(4, &|p| {
            for page in previous::OLDEST_TOP_PAGES {
                std::fs::write(p.join(page), "old").unwrap();
            }
            std::fs::create_dir(p.join("findings")).unwrap();
            std::fs::write(p.join("findings/x.html"), "old").unwrap();
        }),
    ];
    let kept = [
        folder(5, &|p| std::fs::write(p.join("notes.txt"), "mine").unwrap()),
        folder(6, &|p| {
            std::fs::create_dir(p.join("a")).unwrap();
            std::fs::write(p.join("a").join(MARKER), "").unwrap();
        }),
    ];
    let new: Vec<(&str, &str)> = previous::OLDEST_TOP_PAGES
        .iter()
        .map(|page| (*page, "new"))
        .collect();
    write_files_as_site(&target(&dir.path().join("site")), &files(&new)).unwrap();
    for path in ours {
        assert!(!path.exists(), "{}", path.display());
    }
    for path in &kept {
        assert!(path.exists(), "{}", path.display());
    }
    assert_eq!(beside(dir.path()).len(), 3);
}

// #19 (report case-12): `--output evalsite.yaml/site` was an internal
// error (creating evalsite.yaml: file exists), and `--output site/` named
// files `site//a.txt`.
#[test]
fn an_output_folder_under_a_file_is_refused_and_a_trailing_slash_dropped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("evalsite.yaml"), "title: x").unwrap();
    let inputs = Inputs {
        root: dir.path().join("project"),
        read: Vec::new(),
        listed: Vec::new(),
    };
    let under = dir.path().join("evalsite.yaml/site");
    let error = Target::new(&under, &inputs).unwrap_err();
    assert!(error.downcast_ref::<Refused>().is_some());
    assert!(
        error
            .to_string()
            .contains("evalsite.yaml is a file, not a folder"),
        "{error}"
    );
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("a.txt"), "mine").unwrap();
    let slash = PathBuf::from(format!("{}/", site.display()));
    let error = write_files_as_site(
        &Target::new(&slash, &inputs).unwrap(),
        &files(&[("b", "c")]),
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains(&format!("{}/a.txt", site.display())),
        "{error}"
    );
    assert!(!error.contains("//"), "{error}");
}
