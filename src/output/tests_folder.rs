//! The output folder: its lock, the names of the folders a build makes
//! beside it, a folder evalsite did not make filled and kept, a swap cut
//! short, and the folders a killed build leaves; on made-up sites.

use super::lock;
use super::tests::{beside, files, target, tree};
use super::*;

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
