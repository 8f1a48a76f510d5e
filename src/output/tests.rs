//! The output folder's rules, on made-up sites in temporary folders.

use super::marker::{self, Found, Written};
use super::previous::{OLDEST_TOP_PAGES, named};
use super::remove::{Ours, remove_previous};
use super::staging::{self, STAGING};
use super::swap::{exchange, swap_folder};
use super::write::holds;
use super::*;
use std::path::PathBuf;

/// `dir` as an output folder of a project elsewhere.
pub(super) fn target(dir: &Path) -> Target {
    let inputs = Inputs {
        root: PathBuf::from("/nonexistent/project"),
        read: Vec::new(),
        listed: Vec::new(),
    };
    Target::new(dir, &inputs).unwrap()
}

pub(super) fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
    pairs
        .iter()
        .map(|(p, c)| (p.to_string(), c.as_bytes().to_vec()))
        .collect()
}

#[test]
fn replaces_a_previous_site_completely() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    write_files_as_site(
        &target(&site),
        &files(&[("index.html", "one"), ("old/x.html", "x")]),
    )
    .unwrap();
    write_files_as_site(
        &target(&site),
        &files(&[("index.html", "two"), ("a/b.html", "b")]),
    )
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(site.join("index.html")).unwrap(),
        "two"
    );
    assert!(site.join("a/b.html").is_file());
    assert!(!site.join("old").exists());
    assert_eq!(
        beside(dir.path()),
        ["site"],
        "no staging folders left behind"
    );
}

#[test]
fn refuses_to_replace_a_folder_that_is_not_a_site() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
    let error =
        write_files_as_site(&target(dir.path()), &files(&[("index.html", "x")])).unwrap_err();
    assert!(
        error.to_string().contains("it was not made by evalsite"),
        "{error}"
    );
    assert!(error.downcast_ref::<Refused>().is_some());
    assert!(dir.path().join("thesis.docx").is_file());
}

#[cfg(unix)]
#[test]
fn unchanged_files_are_linked_from_the_previous_site_and_changed_ones_written() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    write_files_as_site(
        &target(&site),
        &files(&[("index.html", "same"), ("a/b.html", "old")]),
    )
    .unwrap();
    let inode = |p: &str| std::fs::metadata(site.join(p)).unwrap().ino();
    let (index, b) = (inode("index.html"), inode("a/b.html"));
    write_files_as_site(
        &target(&site),
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
    assert_eq!(beside(dir.path()), ["site"], "the previous site is gone");
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
    mark(&site, &[("index.html", "x"), ("notes.html", "same")]);
    let elsewhere = dir.path().join("notes.txt");
    std::fs::write(&elsewhere, "same").unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.join("notes.html")).unwrap();
    assert!(!holds(&site.join("notes.html"), b"same"), "never linked");
    // Even at a path the marker lists, a link is not evalsite's: the
    // site is not replaced, and the link and what it points to stay.
    let error = write_files_as_site(
        &target(&site),
        &files(&[("index.html", "x"), ("notes.html", "same")]),
    )
    .unwrap_err();
    assert!(error.to_string().contains("notes.html"), "{error}");
    let meta = std::fs::symlink_metadata(site.join("notes.html")).unwrap();
    assert!(meta.file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "same");
}

/// A marked site is replaced only while it holds nothing but the files
/// its marker lists (and the folders they are in): a file or folder a
/// researcher added is named, and nothing is deleted.
#[test]
fn a_marked_site_with_files_evalsite_did_not_write_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let one = files(&[("index.html", "one"), ("a/b.html", "b")]);
    write_files_as_site(&target(&site), &one).unwrap();
    assert_eq!(
        std::fs::read_to_string(site.join(MARKER)).unwrap(),
        marker_text(&[("a/b.html", "b"), ("index.html", "one")])
    );
    for added in ["CNAME", "a/report.pdf", "empty/", ".git/HEAD"] {
        match added.strip_suffix('/') {
            Some(folder) => std::fs::create_dir(site.join(folder)).unwrap(),
            None => {
                std::fs::create_dir_all(site.join(added).parent().unwrap()).unwrap();
                std::fs::write(site.join(added), "mine").unwrap();
            }
        }
        let before = tree(&site);
        let error = write_files_as_site(&target(&site), &one).unwrap_err();
        assert!(error.downcast_ref::<Refused>().is_some());
        let shown = match added {
            ".git/HEAD" => ".git/",
            other => other,
        };
        assert!(error.to_string().contains(&format!("/{shown}")), "{error}");
        assert_eq!(tree(&site), before);
        match added.split_once('/') {
            Some((".git", _)) => std::fs::remove_dir_all(site.join(".git")).unwrap(),
            Some(("empty", _)) => std::fs::remove_dir(site.join("empty")).unwrap(),
            _ => std::fs::remove_file(site.join(added)).unwrap(),
        }
    }
    write_files_as_site(&target(&site), &files(&[("index.html", "two")])).unwrap();
    assert!(!site.join("a").exists(), "its own files are replaced");
}

/// Past ten, a refusal says how many more there are.
#[test]
fn a_refusal_names_ten_and_counts_the_rest() {
    let found: Vec<String> = (0..13).map(|i| format!("f{i:02}")).collect();
    let text = named("site", &found);
    assert!(text.starts_with("site/f00, site/f01"), "{text}");
    assert!(text.ends_with("site/f09 and 3 more"), "{text}");
    assert_eq!(named("site", &found[..2]), "site/f00, site/f01");
}

/// A marker this version cannot read (format 1, which was never released,
/// or a format of a later version) is not taken for the rules of another:
/// the folder is refused, and nothing in it is touched.
#[test]
fn a_marker_of_a_format_not_known_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("findings")).unwrap();
    std::fs::write(site.join("findings/old.html"), "old").unwrap();
    for format in ["1", "4"] {
        let text = format!(
            "This folder was written by evalsite build.\nformat: {format}\nfiles:\nfindings/old.html\n"
        );
        std::fs::write(site.join(MARKER), text).unwrap();
        let before = tree(&site);
        let error = write_files_as_site(&target(&site), &files(&[("index.html", "new")]))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("its .evalsite-site file is not one this version of evalsite can read"),
            "{error}"
        );
        assert_eq!(tree(&site), before);
    }
}

/// Marks `dir` as a build that wrote these files (path and bytes) would.
pub(super) fn mark(dir: &Path, written: &[(&str, &str)]) {
    let listing = written.iter().map(|(p, b)| (*p, Written::of(b.as_bytes())));
    marker::write(dir, listing, Lines::default()).unwrap();
}

/// The text of the marker of a build that wrote these files.
pub(super) fn marker_text(written: &[(&str, &str)]) -> String {
    marker::text(
        written.iter().map(|(p, b)| (*p, Written::of(b.as_bytes()))),
        Lines::default(),
    )
}

/// A folder's files, relative, sorted, with their contents.
pub(super) fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            (crate::files::display_name(dir, e.path()), text)
        })
        .collect();
    files.sort();
    files
}

/// Migration: a site from the version before markers holds only pages
/// and the files the new build writes; it is replaced (and marked).
/// Anything else there, such as an empty folder or a link, is someone's.
// Regression: the unmarked rule asked for every top page the new build
// writes, so a site of the version before markers (which had no
// accessibility.html) could never be replaced.
#[test]
fn a_site_of_the_version_before_markers_is_replaced_by_a_build_with_more_pages() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let old = OLDEST_TOP_PAGES.iter().copied().chain(["static/style.css"]);
    for page in old.clone() {
        std::fs::create_dir_all(site.join(page).parent().unwrap()).unwrap();
        std::fs::write(site.join(page), "old").unwrap();
    }
    let mut new: Vec<(&str, &str)> = old.map(|page| (page, "new")).collect();
    new.push(("accessibility.html", "new"));
    write_files_as_site(&target(&site), &files(&new)).unwrap();
    assert_eq!(
        std::fs::read_to_string(site.join("accessibility.html")).unwrap(),
        "new"
    );
    // Without one of the pages every version wrote, it is not a site.
    std::fs::remove_file(site.join(MARKER)).unwrap();
    std::fs::remove_file(site.join("matrix.html")).unwrap();
    let error = write_files_as_site(&target(&site), &files(&new))
        .unwrap_err()
        .to_string();
    assert!(error.contains("matrix.html"), "{error}");
}

#[test]
fn an_unmarked_site_of_what_the_build_writes_is_replaced_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    for page in [
        "index.html",
        "findings/gone.html",
        "static/style.css",
        "quote-list/9.html",
    ] {
        std::fs::create_dir_all(site.join(page).parent().unwrap()).unwrap();
        std::fs::write(site.join(page), "old").unwrap();
    }
    let new = files(&[("index.html", "new"), ("static/style.css", "css")]);
    // Pages this build does not write may be the researcher's own (red
    // team, round 21): without a marker, nothing tells them from old pages.
    let before = tree(&site);
    let error = write_files_as_site(&target(&site), &new)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("site/findings/") && error.contains("site/quote-list/"),
        "{error}"
    );
    assert_eq!(tree(&site), before, "nothing changed");
    std::fs::remove_dir_all(site.join("findings")).unwrap();
    std::fs::remove_dir_all(site.join("quote-list")).unwrap();
    write_files_as_site(&target(&site), &new).unwrap();
    assert_eq!(
        tree(&site),
        [
            (
                MARKER.to_string(),
                marker_text(&[("index.html", "new"), ("static/style.css", "css")])
            ),
            ("index.html".into(), "new".into()),
            ("static/style.css".into(), "css".into()),
        ]
    );
    for foreign in [
        "photos/",
        "notes.txt",
        "static/logo.png",
        "about.html",
        "static/draft.html",
    ] {
        let other = dir.path().join(format!("other-{}", foreign.len()));
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(other.join("index.html"), "mine").unwrap();
        match foreign.strip_suffix('/') {
            Some(folder) => std::fs::create_dir_all(other.join(folder)).unwrap(),
            None => {
                std::fs::create_dir_all(other.join(foreign).parent().unwrap()).unwrap();
                std::fs::write(other.join(foreign), "mine").unwrap();
            }
        }
        let before = tree(&other);
        let error = write_files_as_site(&target(&other), &new)
            .unwrap_err()
            .to_string();
        assert!(error.contains(foreign), "{error}");
        assert_eq!(tree(&other), before, "nothing changed");
    }
    // Someone's own index.html alone, where a build writes more pages.
    let own = dir.path().join("own");
    std::fs::create_dir(&own).unwrap();
    std::fs::write(own.join("index.html"), "mine").unwrap();
    let more = files(&[("index.html", "new"), ("findings.html", "f")]);
    let error = write_files_as_site(&target(&own), &more)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("does not look like a site evalsite made (it has no findings.html)"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(own.join("index.html")).unwrap(),
        "mine"
    );
}

/// What killed builds left beside the output folder is deleted when it
/// is named and marked as this module makes them; nothing else is.
#[test]
fn leftovers_of_killed_builds_are_removed_only_when_ours() {
    let dir = tempfile::tempdir().unwrap();
    let made = |name: &str, marked: bool| {
        let path = dir.path().join(name);
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("index.html"), "x").unwrap();
        if marked {
            mark(&path, &[("index.html", "x")]);
        }
        path
    };
    let ours = [
        made(".evalsite-build-site-abcd1234", true),
        made(".evalsite-old-site-ABCD1234", true),
    ];
    let kept = [
        made(".evalsite-build-site-abcd1235", false),
        made(".evalsite-build-site-x-abcd1234", true),
        made(".evalsite-build-site-abc", true),
        made(".evalsite-build-other-abcd1234", true),
    ];
    write_files_as_site(
        &target(&dir.path().join("site")),
        &files(&[("index.html", "new")]),
    )
    .unwrap();
    for path in ours {
        assert!(!path.exists(), "{}", path.display());
    }
    for path in kept {
        assert!(path.join("index.html").is_file(), "{}", path.display());
    }
    let names = beside(dir.path());
    assert_eq!(names.len(), 5, "{names:?}");
}

#[test]
fn the_project_and_what_it_reads_are_never_an_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    let content = root.join("content");
    std::fs::create_dir_all(&content).unwrap();
    let inputs = Inputs {
        root: root.clone(),
        read: vec![
            (content.clone(), "content/".into()),
            (
                dir.path().join("secret/names.yaml"),
                "the identifiers list".into(),
            ),
        ],
        listed: vec![content.clone()],
    };
    let refused = |path: &Path| {
        let error = Target::new(path, &inputs).unwrap_err();
        assert!(error.downcast_ref::<Refused>().is_some());
        error.to_string()
    };
    assert!(refused(&root).contains("it is the project folder"));
    assert!(refused(&root.join(".")).contains("it is the project folder"));
    assert!(refused(dir.path()).contains("it holds the project folder"));
    assert!(refused(&content).contains("it is content/"));
    assert!(refused(&content.join("../content/site")).contains("inside content/"));
    assert!(refused(&dir.path().join("secret")).contains("it holds the identifiers list"));
    assert!(Target::new(&root.join("site"), &inputs).is_ok());
    assert!(Target::new(&root.join("private-notes"), &inputs).is_ok());
}

/// On Linux the folders swap in one step; the two renames used
/// elsewhere (or where the file system cannot) give the same result.
#[test]
fn the_new_site_is_swapped_in_with_or_without_an_atomic_exchange() {
    #[cfg(target_os = "linux")]
    {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("x"), "in a").unwrap();
        assert!(exchange(&a, &b).unwrap(), "tmp supports RENAME_EXCHANGE");
        assert_eq!(std::fs::read_to_string(b.join("x")).unwrap(), "in a");
        assert!(!a.join("x").exists());
    }
    let unable = |_: &Path, _: &Path| Ok(false);
    for swap in [exchange, unable] {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        write_files_as_site(&target(&site), &files(&[("index.html", "old")])).unwrap();
        let tag = staging::tag("site".as_ref());
        let staging = staging::make(dir.path(), STAGING, &tag).unwrap();
        mark(&staging, &[("index.html", "new")]);
        std::fs::write(staging.join("index.html"), "new").unwrap();
        let old = swap_folder(&staging, &site, &tag, swap).unwrap().unwrap();
        let Found::Marked(listed) = marker::read(&old) else {
            panic!("the previous site's marker")
        };
        let kept = remove_previous(&old, &Ours::Listed(&listed), dir.path(), "site", "".into());
        assert_eq!(kept, None);
        assert_eq!(
            std::fs::read_to_string(site.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(beside(dir.path()), ["site"], "only site/ is left");
    }
}

/// The names in `dir` (sorted) but the lock file a build leaves there.
pub(super) fn beside(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with(LOCK))
        .collect();
    names.sort();
    names
}
