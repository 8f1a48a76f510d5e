//! Serve mode's rebuilds reuse what the previous run did (each unchanged
//! file's parse and scan, and every page that cannot show a changed body).
//! These tests hold that to its promise: after any sequence of edits, a run
//! with the memo gives exactly what a fresh run gives, problems and pages,
//! byte for byte; and an edit to one quote redoes only what it needs.

mod common;

use common::{Lcg, Project};
use evalsite::diag;
use evalsite::memo::Memo;
use evalsite::pipeline::{self, Mode, Options, Outcome};
use std::collections::{BTreeMap, BTreeSet};

/// Dates every file of the project two seconds back. File times are coarse,
/// so only files written over a second before a run are trusted unchanged
/// by their metadata in the run after it; this stands in for waiting that
/// second (#21: no sleeping in tests).
fn settle(project: &Project) {
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(2);
    for entry in walkdir::WalkDir::new(project.root()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(then).unwrap();
        }
    }
}

fn options(project: &Project) -> Options {
    Options {
        root: project.root().to_path_buf(),
        include_drafts: false,
        identifiers: None,
        timings: false,
    }
}

/// Everything a run gives that a reader or researcher sees.
fn seen(outcome: &Outcome) -> (String, Option<BTreeMap<String, Vec<u8>>>) {
    let problems = diag::render_all_plain(&outcome.sources, &outcome.diagnostics);
    let pages = outcome.rendered.as_ref().map(|rendered| {
        rendered
            .files()
            .iter()
            .map(|(path, contents)| (path.clone(), contents.to_vec()))
            .collect()
    });
    (problems, pages)
}

/// Runs with the memo and without, and fails unless both give the same.
fn rerun_matches_fresh(project: &Project, memo: &mut Memo, step: &str) -> Outcome {
    let again = pipeline::run(&options(project), Mode::Serve(memo, &|_| {})).unwrap();
    let fresh = pipeline::run(&options(project), Mode::Build).unwrap();
    let (again_problems, again_pages) = seen(&again);
    let (fresh_problems, fresh_pages) = seen(&fresh);
    assert_eq!(again_problems, fresh_problems, "problems after {step}");
    match (&again_pages, &fresh_pages) {
        (Some(again), Some(fresh)) => {
            let differing: BTreeSet<&String> = fresh
                .keys()
                .chain(again.keys())
                .filter(|path| again.get(*path) != fresh.get(*path))
                .collect();
            assert!(
                differing.is_empty(),
                "after {step}, pages differ: {differing:?}"
            );
        }
        _ => assert_eq!(
            again_pages.is_some(),
            fresh_pages.is_some(),
            "after {step}, one run built and the other did not"
        ),
    }
    again
}

const BODIES: &[&str] = &[
    "content/quotes/a/same-building.md",
    "content/quotes/a/forum-notes.md",
    "content/findings/co-location.md",
    "content/findings/draft-idea.md",
    "content/pages/methods.md",
    "content/index.md",
    "content/boroughs/a.md",
    "content/codebook/co-location.md",
    "content/pathways/a-discharge.md",
];

const WORDS: &[&str] = &["slowly", "together", "*again*", "twice", "[ward]", "apart"];

/// What the edits below plant to make a build fail.
const PLANTED: &[&str] = &["Marjorie Quillfeather", "no-such-quote"];

/// One random change of the kinds researchers make while writing.
fn random_edit(project: &Project, random: &mut Lcg) -> String {
    random_edit_touching(project, random).0
}

/// [`random_edit`], with the files it wrote or removed.
fn random_edit_touching(project: &Project, random: &mut Lcg) -> (String, Vec<&'static str>) {
    let file = BODIES[random.below(BODIES.len())];
    match random.below(10) {
        // Most saves change a body's words.
        0..=3 => {
            let word = WORDS[random.below(WORDS.len())];
            let text = project.read(file);
            project.write(file, format!("{} {word}\n", text.trim_end()));
            (format!("a word added to {file}"), vec![file])
        }
        4 => {
            let text = project.read(file);
            project.write(
                file,
                format!("{text}\nA new paragraph with [a link](finding:co-location).\n"),
            );
            (format!("a link added to {file}"), vec![file])
        }
        5 => {
            let text = project.read(file);
            project.write(
                file,
                format!("{text}\nThe ward sister, Marjorie Quillfeather, agreed.\n"),
            );
            (format!("a listed name written in {file}"), vec![file])
        }
        6 => {
            for file in BODIES {
                let text = project.read(file);
                let kept: Vec<&str> = text
                    .lines()
                    .filter(|line| !PLANTED.iter().any(|p| line.contains(p)))
                    .collect();
                project.write(file, kept.join("\n") + "\n");
            }
            ("every planted problem removed".to_string(), BODIES.to_vec())
        }
        7 => {
            let text = project.read(file);
            project.write(file, format!("{text}\n![](quote:no-such-quote)\n"));
            (format!("a broken embed in {file}"), vec![file])
        }
        8 => {
            let quote = "content/quotes/a/same-building.md";
            let text = project.read(quote);
            let toggled = if text.contains("codes: [co-location]\n") {
                text.replacen(
                    "codes: [co-location]\n",
                    "codes: [co-location, structure]\n",
                    1,
                )
            } else {
                text.replacen(
                    "codes: [co-location, structure]\n",
                    "codes: [co-location]\n",
                    1,
                )
            };
            project.write(quote, toggled);
            ("a quote's codes changed".to_string(), vec![quote])
        }
        _ => {
            let extra = "content/quotes/a/extra.md";
            if project.path(extra).exists() {
                project.remove(extra);
                ("a quote removed".to_string(), vec![extra])
            } else {
                project.write(
                    extra,
                    "---\nsource: field-notes\nborough: a\ncodes: [structure]\n---\nA new note.\n",
                );
                ("a quote added".to_string(), vec![extra])
            }
        }
    }
}

#[test]
fn after_random_edits_a_run_with_the_memo_equals_a_fresh_run() {
    let project = Project::fixture("basic");
    let mut memo = Memo::default();
    let first = rerun_matches_fresh(&project, &mut memo, "the first run");
    let pages = first.rendered.as_ref().unwrap().files().len();
    let mut random = Lcg(7);
    let mut partial = 0;
    for step in 0..60 {
        let edit = random_edit(&project, &mut random);
        let outcome = rerun_matches_fresh(&project, &mut memo, &format!("step {step}: {edit}"));
        if outcome.work.rendered.len() < pages / 2 {
            partial += 1;
        }
    }
    assert!(
        partial >= 15,
        "only {partial} of 60 rebuilds rendered few pages: the memo is hardly used"
    );
}

#[test]
fn editing_one_quote_redoes_only_what_shows_it() {
    let project = Project::example();
    let mut memo = Memo::default();
    settle(&project);
    let first = rerun_matches_fresh(&project, &mut memo, "the first run");
    let all_pages = first.rendered.as_ref().unwrap().files().len();
    let unchanged = rerun_matches_fresh(&project, &mut memo, "a run with nothing changed");
    assert_eq!(unchanged.work.parsed, 0, "nothing changed, nothing parsed");
    assert!(
        unchanged.work.rendered.is_empty(),
        "nothing changed, nothing rendered"
    );
    let quote = "content/quotes/borough-a/caseload-of-sixty.md";
    let text = project.read(quote);
    project.write(quote, format!("{} Nobody asked why.\n", text.trim_end()));
    let after = rerun_matches_fresh(&project, &mut memo, "one quote edited");
    assert_eq!(after.work.read, 1, "only the edited file is read again");
    assert_eq!(after.work.parsed, 1, "only the edited file is parsed again");
    assert_eq!(
        after.work.scanned, 1,
        "only the edited file is scanned again"
    );
    let rendered = &after.work.rendered;
    assert!(
        rendered.contains(&"quotes/caseload-of-sixty.html".to_string()),
        "{rendered:?}"
    );
    assert!(
        rendered.contains(&"quotes.html".to_string()),
        "{rendered:?}"
    );
    assert!(
        !rendered.contains(&"pages/methods.html".to_string()),
        "a page that cannot show the quote was rendered again: {rendered:?}"
    );
    assert!(
        rendered.len() * 4 < all_pages,
        "{} of {all_pages} pages rendered again",
        rendered.len()
    );
    let page = after.rendered.as_ref().unwrap().files()["quotes/caseload-of-sixty.html"].clone();
    assert!(String::from_utf8_lossy(&page).contains("Nobody asked why."));
}

/// Fails unless `built` (read back from disk) holds exactly the files of
/// `served`, byte for byte.
fn assert_same_site(served: &Outcome, built: &BTreeMap<String, Vec<u8>>, step: &str) {
    let served = seen(served).1.expect("serve mode built the site");
    let differing: BTreeSet<&String> = served
        .keys()
        .chain(built.keys())
        .filter(|path| served.get(*path) != built.get(*path))
        .collect();
    assert!(
        differing.is_empty(),
        "after {step}, `evalsite build` wrote other files than serve mode holds: {differing:?}"
    );
    assert!(built.len() > 100, "only {} files", built.len());
}

// #21: the pipeline's three modes make one site. What `evalsite build`
// writes for the bundled example (read back from disk) is what serve mode
// holds in memory, file for file and byte for byte: after a full render,
// and after an edit to one body, when only the pages showing it are
// rendered again and put in place of the last good build's. (A change
// that altered every mode alike is caught by bench/same_output.sh, run
// against the revision before it.)
#[test]
fn the_bundled_example_is_served_exactly_as_it_is_built() {
    let project = Project::example();
    let mut memo = Memo::default();
    settle(&project);
    let first = rerun_matches_fresh(&project, &mut memo, "the first run");
    project.build().expect_code(0);
    assert_same_site(&first, &project.site_files(), "the first run");
    let quote = "content/quotes/borough-a/caseload-of-sixty.md";
    let text = project.read(quote);
    project.write(quote, format!("{} Nobody asked why.\n", text.trim_end()));
    let after = rerun_matches_fresh(&project, &mut memo, "one quote edited");
    let (again, all) = (after.work.rendered.len(), first.work.rendered.len());
    assert!(
        again > 0 && again * 4 < all,
        "{again} of {all} pages rendered again"
    );
    project.build().expect_code(0);
    assert_same_site(&after, &project.site_files(), "one quote edited");
}

#[test]
fn a_leak_in_an_edited_quote_is_found_though_the_rest_was_scanned_before() {
    // After a change to bodies alone, only the text that changed on the
    // pages made again is scanned: the quote list's other quotes are not.
    let project = Project::example();
    let mut memo = Memo::default();
    settle(&project);
    rerun_matches_fresh(&project, &mut memo, "the first run");
    let quote = "content/quotes/borough-a/caseload-of-sixty.md";
    let text = project.read(quote);
    // The entity is decoded in the page. Since #18 the source check decodes
    // it too and reports it first, at the line that holds it.
    project.write(
        quote,
        format!("{} Ask Marj&#111;rie Quillfeather.\n", text.trim_end()),
    );
    let leaked = rerun_matches_fresh(&project, &mut memo, "a hidden name in a quote");
    assert!(
        leaked.work.rendered.contains(&"quotes.html".to_string())
            && leaked.work.rendered.len() < 20,
        "only the pages showing the quote are made again: {:?}",
        leaked.work.rendered
    );
    let problems = diag::render_all_plain(&leaked.sources, &leaked.diagnostics);
    assert!(
        problems.contains("anonymity::identifier")
            && problems.contains("content/quotes/borough-a/caseload-of-sixty.md:12:16"),
        "{problems}"
    );
    assert!(leaked.rendered.is_none());
    project.write(quote, text);
    let fixed = rerun_matches_fresh(&project, &mut memo, "the name taken out");
    assert!(fixed.rendered.is_some());
}

#[test]
fn the_registry_and_identifiers_list_are_read_again_only_when_changed() {
    // Their parses are kept from one run to the next, problems included.
    let project = Project::fixture("basic");
    let mut memo = Memo::default();
    rerun_matches_fresh(&project, &mut memo, "the first run");
    let steps: [(&str, &str, &str, Option<&str>); 4] = [
        (
            "private/identifiers.yaml",
            "organisations: []",
            "organisations: []\nnicknames: [Marge]",
            // The list's keys are never quoted (one may be a real name).
            Some("is not a field of the identifiers list"),
        ),
        (
            "private/identifiers.yaml",
            "organisations: []\nnicknames: [Marge]",
            "organisations: []",
            None,
        ),
        (
            "content/participants.yaml",
            "role: GP, sector: primary-care",
            "role: GP, sector: hospital",
            Some("hospital"),
        ),
        (
            "content/participants.yaml",
            "role: GP, sector: hospital",
            "role: GP, sector: primary-care",
            None,
        ),
    ];
    for (file, from, to, problem) in steps {
        project.edit(file, from, to);
        for step in [format!("{file} edited to {to:?}"), "nothing changed".into()] {
            let outcome = rerun_matches_fresh(&project, &mut memo, &step);
            let problems = diag::render_all_plain(&outcome.sources, &outcome.diagnostics);
            match problem {
                Some(word) => assert!(
                    outcome.rendered.is_none() && problems.contains(word),
                    "after {step}: {problems}"
                ),
                None => assert!(outcome.rendered.is_some(), "after {step}: {problems}"),
            }
        }
    }
}

#[test]
fn a_failed_rebuild_leaves_nothing_behind_for_the_next() {
    let project = Project::fixture("basic");
    let mut memo = Memo::default();
    rerun_matches_fresh(&project, &mut memo, "the first run");
    let quote = "content/quotes/a/same-building.md";
    let original = project.read(quote);
    project.write(quote, format!("{original}Marjorie Quillfeather said so.\n"));
    let failed = rerun_matches_fresh(&project, &mut memo, "a listed name in a quote");
    assert!(failed.diagnostics.has_errors());
    // Back to exactly what the last good build had, then another edit
    // elsewhere that re-renders pages showing the first quote too.
    project.write(quote, &original);
    rerun_matches_fresh(&project, &mut memo, "the quote restored");
    project.edit(
        "content/quotes/a/forum-notes.md",
        "two teams sat apart",
        "two teams sat far apart",
    );
    let after = rerun_matches_fresh(&project, &mut memo, "another quote edited");
    let quotes = &after.rendered.as_ref().unwrap().files()["quotes.html"];
    assert!(!String::from_utf8_lossy(quotes).contains("Quillfeather"));
}

#[test]
fn editing_one_quote_makes_again_only_its_page_of_the_quote_list() {
    let project = Project::example();
    project.edit(
        "evalsite.yaml",
        "quotes_per_page: 100",
        "quotes_per_page: 10",
    );
    let mut memo = Memo::default();
    settle(&project);
    let first = rerun_matches_fresh(&project, &mut memo, "the first run");
    let is_list = |path: &&String| *path == "quotes.html" || path.starts_with("quote-list/");
    let lists = first
        .rendered
        .as_ref()
        .unwrap()
        .files()
        .keys()
        .filter(is_list)
        .count();
    assert!(lists >= 8, "the example's quotes take {lists} pages of ten");
    let quote = "content/quotes/borough-a/caseload-of-sixty.md";
    let text = project.read(quote);
    project.write(quote, format!("{} Nobody asked why.\n", text.trim_end()));
    let after = rerun_matches_fresh(&project, &mut memo, "one quote edited");
    let made: Vec<&String> = after.work.rendered.iter().filter(is_list).collect();
    assert_eq!(made.len(), 1, "list pages made again: {made:?}");
    let page = &after.rendered.as_ref().unwrap().files()[made[0]];
    assert!(String::from_utf8_lossy(page).contains("Nobody asked why."));
}

#[test]
fn after_random_edits_reported_as_a_watcher_would_a_run_equals_a_fresh_run() {
    // With a report, files outside it are taken as they were without a
    // look at the disk, and after edits alone (nothing added or removed)
    // the last run's files are reused in place.
    let project = Project::fixture("basic");
    project.write("content/notes.md", "Not in a folder evalsite knows.\n");
    let mut memo = Memo::default();
    rerun_matches_fresh(&project, &mut memo, "the first run");
    let mut random = Lcg(11);
    for step in 0..60 {
        let (edit, touched) = random_edit_touching(&project, &mut random);
        memo.report(touched.iter().map(|file| project.path(file)).collect());
        rerun_matches_fresh(&project, &mut memo, &format!("step {step}: {edit}"));
    }
    // A file that is not UTF-8 is reported on every run until it is fixed,
    // edited or not.
    let quote = "content/quotes/a/forum-notes.md";
    let other = "content/quotes/a/same-building.md";
    let (text, other_text) = (project.read(quote), project.read(other));
    let steps: [(&str, Vec<u8>, &str); 3] = [
        (
            quote,
            b"---\nsource: field-notes\nborough: b\n---\nCaf\xe9 notes.\n".to_vec(),
            "a file that is not UTF-8",
        ),
        (
            other,
            format!("{} again\n", other_text.trim_end()).into_bytes(),
            "another file edited",
        ),
        (quote, text.into_bytes(), "UTF-8 again"),
    ];
    for (file, bytes, edit) in steps {
        project.write(file, bytes);
        memo.report(vec![project.path(file)]);
        let outcome = rerun_matches_fresh(&project, &mut memo, edit);
        let problems = diag::render_all_plain(&outcome.sources, &outcome.diagnostics);
        assert_eq!(
            problems.contains("load::not-utf8"),
            edit != "UTF-8 again",
            "after {edit}: {problems}"
        );
    }
    project.edit(
        "content/participants.yaml",
        "participants:",
        "participants:\n",
    );
    memo.report(vec![project.path("content/participants.yaml")]);
    rerun_matches_fresh(&project, &mut memo, "the registry saved");
}
