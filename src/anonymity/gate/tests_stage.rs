//! What the gate hands a build's [`Stage`] while it reads: nothing before
//! every name has passed and nothing else has failed, then each file that
//! passed on its own, and never one that did not.

use super::{Inputs, Named, Passed, Stage, gate};
use crate::anonymity::Checked;
use crate::anonymity::identifiers::{Identifiers, TermMatcher};
use crate::anonymity::participant_ids::ParticipantIds;
use crate::diag::Diagnostic;
use crate::render::Rendered;
use crate::source::Sources;
use std::sync::{Arc, Mutex};

/// What a stage was handed, in order.
#[derive(Default)]
struct Recorder(Mutex<Vec<String>>);

impl Stage for Recorder {
    fn open(&self, named: Named) {
        let names: Vec<&str> = named.files().keys().map(String::as_str).collect();
        self.0
            .lock()
            .unwrap()
            .push(format!("open {}", names.join(" ")));
    }

    fn put(&self, passed: Passed) {
        let bytes = String::from_utf8_lossy(passed.bytes()).into_owned();
        (self.0.lock().unwrap()).push(format!("put {} {bytes}", passed.path()));
    }
}

/// What a stage is handed while `files` are gated after `before` (what
/// the run reported already), and whether the site passed.
fn staged(files: &[(&str, &str)], before: Vec<Diagnostic>) -> (Vec<String>, bool) {
    let ids = Identifiers {
        people: vec!["Marjorie Quillfeather".to_string()],
        places: vec!["Thistlebury".to_string()],
        ..Identifiers::default()
    };
    let checked = Checked::for_tests(TermMatcher::new(&ids), ParticipantIds::new(&[]));
    let sources = Sources::default();
    let inputs = Inputs {
        checked: &checked,
        sources: &sources,
        templates: Vec::new(),
        theme_folder: "themes/default/static".to_string(),
        link_title: &|_, _| None,
    };
    let rendered = Rendered {
        files: (files.iter())
            .map(|(path, text)| (path.to_string(), Arc::new(text.as_bytes().to_vec())))
            .collect(),
        ..Rendered::default()
    };
    let recorder = Recorder::default();
    let mut out = before;
    let passed = gate(&inputs, rendered, None, Some(&recorder), &mut out).is_some();
    let mut seen = recorder.0.into_inner().unwrap();
    // Opened first; the files put in any order.
    if let Some(put) = seen.get_mut(1..) {
        put.sort();
    }
    (seen, passed)
}

const CLEAN: &str = "<p>Staff shared one record.</p>";

#[test]
fn each_file_is_put_once_it_passes_and_a_leaking_one_never() {
    let files = [
        ("index.html", CLEAN),
        (
            "quotes/q1.html",
            "<p>Marjorie <b>Quill</b>feather said so.</p>",
        ),
        ("static/site.css", "p { color: black }"),
    ];
    let (seen, passed) = staged(&files, Vec::new());
    assert!(!passed);
    assert_eq!(
        seen,
        [
            "open index.html quotes/q1.html static/site.css",
            &format!("put index.html {CLEAN}"),
            "put static/site.css p { color: black }",
        ]
    );
}

#[test]
fn a_whole_site_that_passes_is_put_whole() {
    let files = [("index.html", CLEAN), ("findings/f1.html", CLEAN)];
    let (seen, passed) = staged(&files, Vec::new());
    assert!(passed);
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(seen[0].starts_with("open "), "{seen:?}");
}

/// A name reaches the disk with the first file put (its folder, the
/// staging folder's marker): nothing is put while any name leaks, even a
/// clean file under a clean name.
#[test]
fn nothing_is_staged_while_any_name_leaks() {
    for leaking in [
        "boroughs/thistlebury.html",
        "static/Marjorie%20Quillfeather.css",
    ] {
        let files = [("index.html", CLEAN), (leaking, CLEAN)];
        let (seen, passed) = staged(&files, Vec::new());
        assert!(!passed);
        assert!(seen.is_empty(), "{leaking}: {seen:?}");
    }
}

/// A run that has failed already (a page's quotes below k, a template that
/// did not render) stages nothing: it will not be written.
#[test]
fn nothing_is_staged_after_an_error() {
    let error = Diagnostic::error("theme::template", "a template failed");
    let (seen, passed) = staged(&[("index.html", CLEAN)], vec![error]);
    assert!(passed, "the gate itself found nothing");
    assert!(seen.is_empty(), "{seen:?}");
    // A warning is no reason not to.
    let warning = Diagnostic::warning("theme::template", "a note");
    let (seen, _) = staged(&[("index.html", CLEAN)], vec![warning]);
    assert_eq!(seen.len(), 2, "{seen:?}");
}
