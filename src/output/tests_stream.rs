//! A site written as its files pass the gate: put in place only whole, and
//! removed without a trace when the build fails after files were written.

use super::tests::target;
use super::*;

fn contents(pairs: &[(&str, &str)]) -> BTreeMap<String, Contents> {
    (pairs.iter())
        .map(|(p, c)| (p.to_string(), Arc::new(c.as_bytes().to_vec())))
        .collect()
}

/// Every file and folder under `dir` (the output folder and what is
/// beside it), with the contents of each file.
fn everything(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    (walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name())
        .into_iter()
        .map(|entry| {
            let entry = entry.unwrap();
            let path = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .display()
                .to_string();
            let bytes = (entry.file_type().is_file()).then(|| std::fs::read(entry.path()).unwrap());
            (path, bytes)
        })
        .collect()
}

/// A writing into `site` of `files`, begun as the gate begins it once
/// every name has passed.
fn begun(site: &Path, files: &BTreeMap<String, Contents>) -> Writing {
    let writing = Writing::to(Ok(target(site)));
    let begun = begin(&target(site), files, begins_early(&target(site))).unwrap();
    assert!(writing.begun.set(Ok(begun)).is_ok());
    writing
}

/// What [`begun`] began.
fn started(writing: &Writing) -> &Begun {
    match writing.begun.get() {
        Some(Ok(started)) => started,
        _ => panic!("not begun"),
    }
}

#[test]
fn a_build_that_fails_after_files_were_written_leaves_everything_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    Writing::to(Ok(target(&site)))
        .finish_files(&contents(&[("index.html", "one"), ("a/old.html", "old")]))
        .unwrap();
    let before = everything(dir.path());
    let new = contents(&[("index.html", "two"), ("b/new.html", "new")]);
    let writing = begun(&site, &new);
    let started = started(&writing);
    // Replacing a site, files are linked from it after the gate.
    assert!(started.streaming.is_none());
    // Every file written (here, not by the writing thread, so that it is
    // there to see before the build fails).
    for ((path, bytes), written) in started.site.files.iter().zip(&started.site.written) {
        started.writer.put(path, bytes, *written).unwrap();
    }
    assert!(started.staging.join("b/new.html").is_file());
    assert_ne!(everything(dir.path()), before);
    assert!(writing.abandon().is_empty(), "nothing kept");
    assert_eq!(everything(dir.path()), before);
}

#[test]
fn files_written_as_they_pass_and_the_rest_at_the_end_make_the_whole_site() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let pairs = [
        ("index.html", "home"),
        ("a/1.html", "one"),
        ("a/2.html", "two"),
        ("b/3.css", "three"),
    ];
    let new = contents(&pairs);
    let writing = begun(&site, &new);
    let started = started(&writing);
    // Two files handed to the writing thread, as the gate passes them.
    let streaming = started.streaming.as_ref().expect("no previous site");
    for index in [1, 3] {
        streaming.put(index);
    }
    writing.finish_files(&new).unwrap();
    for (path, text) in pairs {
        assert_eq!(std::fs::read_to_string(site.join(path)).unwrap(), text);
    }
    let listed = match marker::read(&site) {
        marker::Found::Marked(marker) => marker.files.into_keys().collect::<Vec<_>>(),
        _ => panic!("a marked site"),
    };
    assert_eq!(listed, ["a/1.html", "a/2.html", "b/3.css", "index.html"]);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["site"], "no staging folder or lock left");
}

/// The site that passed the gate must be the very one the writing began
/// with: bytes equal to those but in another buffer were not what the
/// gate handed over, and nothing is put in place.
#[test]
fn a_site_other_than_the_one_begun_with_is_not_put_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let new = contents(&[("index.html", "home")]);
    let writing = begun(&site, &new);
    let error = writing
        .finish_files(&contents(&[("index.html", "home")]))
        .unwrap_err();
    assert!(
        error.to_string().contains("is not the one being written"),
        "{error:#}"
    );
    assert!(
        everything(dir.path()).is_empty(),
        "{:?}",
        everything(dir.path())
    );
}

/// Writing begins before the whole site has passed only into an output
/// folder that is not there yet, or empty, beside which it can be made.
#[test]
fn writing_begins_early_only_where_nothing_is_there_yet() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(begins_early(&target(&site)));
    std::fs::create_dir(&site).unwrap();
    assert!(begins_early(&target(&site)));
    std::fs::write(site.join("index.html"), "old").unwrap();
    assert!(!begins_early(&target(&site)));
    // Nor where the folder to hold it is not there.
    assert!(!begins_early(&target(&dir.path().join("a/site"))));
}

/// A build that stops without finishing or abandoning its writing (a
/// panic unwinding through it) removes what it wrote all the same.
#[test]
fn a_writing_dropped_unfinished_removes_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let new = contents(&[("index.html", "home"), ("a/1.html", "one")]);
    let writing = begun(&site, &new);
    let started = started(&writing);
    let streaming = started.streaming.as_ref().expect("nothing there yet");
    streaming.put(0);
    streaming.put(1);
    drop(writing);
    assert!(
        everything(dir.path()).is_empty(),
        "{:?}",
        everything(dir.path())
    );
}

/// While files are written before the whole site has passed, no one but
/// the owner may look into the staging folder: a web server serving the
/// folder it is in could list it, and its marker lists every file with
/// its length and a hash of its bytes. Once the site has passed, the
/// folder is put in place with the permissions any new folder there gets.
#[cfg(unix)]
#[test]
fn the_staging_folder_is_shut_until_the_site_has_passed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let new = contents(&[("index.html", "home"), ("a/1.html", "one")]);
    let writing = begun(&site, &new);
    let started = started(&writing);
    assert!(started.streaming.is_some(), "nothing there: begun early");
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode(&started.staging), 0o700);
    writing.finish_files(&new).unwrap();
    let fresh = dir.path().join("fresh");
    std::fs::create_dir(&fresh).unwrap();
    assert_eq!(mode(&site), mode(&fresh));
}
