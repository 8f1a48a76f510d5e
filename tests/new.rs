//! `evalsite new` writes a starter project that builds at once.

mod common;
#[path = "common/links.rs"]
mod links;

use std::process::Command;

fn evalsite(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_evalsite"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_starter_project_builds_cleanly_and_its_links_resolve() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("my-evaluation");
    let out = evalsite(&["new".as_ref(), project.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let gitignore = std::fs::read_to_string(project.join(".gitignore")).unwrap();
    assert!(gitignore.contains("private/") && gitignore.contains("site/"));
    let out = evalsite(&["build".as_ref(), "--root".as_ref(), project.as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("warning["),
        "the starter should build without warnings: {stderr}"
    );
    let mut files = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(project.join("site")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(project.join("site")).unwrap();
            files.insert(
                relative.to_string_lossy().replace('\\', "/"),
                std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    assert!(files.contains_key("findings/shared-base-slow-change.html"));
    assert!(files.contains_key("pathways/a-discharge.html"));
    let broken = links::broken_links(&files);
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let out = evalsite(&["new".as_ref(), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not empty"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
