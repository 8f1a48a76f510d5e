//! A fuzz target that runs in `cargo test` (#19): the basic fixture with one
//! file mutated (random bytes, YAML punctuation, deep nesting, huge numbers,
//! bytes that are not UTF-8, tabs, embeds, truncation) per case, run through
//! the pipeline as a library. Every case must end without a panic, every
//! error must name a file and a span inside it on character boundaries, and
//! a failed run must give no pages; every 25th case also runs the real
//! binary's `build` and checks that a failed build left site/ as it was.
//!
//! `FUZZ_CASES` sets the number of cases (default 48); the number run is
//! printed (`cargo test --test fuzz -- --nocapture`). A failing case is
//! shrunk by proptest and printed.

mod common;

use common::Project;
use evalsite::diag::Severity;
use evalsite::pipeline::{self, Options};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The files mutated: front matter and bodies, participants, a pathway,
/// settings and the identifiers list.
const FILES: &[&str] = &[
    "content/findings/co-location.md",
    "content/quotes/a/same-building.md",
    "content/quotes/a/forum-notes.md",
    "content/pathways/a-discharge.md",
    "content/participants.yaml",
    "content/codebook/structure.md",
    "content/index.md",
    "content/boroughs/a.md",
    "evalsite.yaml",
    "private/identifiers.yaml",
];

/// Pieces a researcher (or a broken editor) might leave in a file.
const PIECES: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    ":",
    ": ",
    "- ",
    "\t",
    "\n",
    "\r\n",
    "---\n",
    "...\n",
    "'",
    "\"",
    "#",
    "&a ",
    "*a",
    "<<: *a",
    "!!binary ",
    "!!str ",
    "? ",
    "|\n",
    ">-\n",
    "~",
    "null",
    "99999999999999999999999999",
    "-1",
    "1e400",
    ".nan",
    "0x1F",
    "\u{feff}",
    "é",
    "\u{200b}",
    "\u{1F600}",
    "![](quote:same-building)",
    "![](quote:forum-notes)",
    "![](pathway:a-discharge)",
    "[](finding:nope)",
    "[x](code:structure)",
    "<script>alert(1)</script>",
    "parent: structure",
    "parent: co-location",
    "codes: []",
    "participant: a-gp-1",
    "consent: withdrawn",
    "nodes: []",
    "edges: [{from: ward, to: ward}]",
    "findings: [co-location]",
    "Marjorie Quillfeather",
    "Thistlebury",
    "k: 0",
    "k: -5",
    "attribution: [role]",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Bytes (possibly not UTF-8) put in at a fraction of the file's length.
    Insert(f64, Vec<u8>),
    /// A piece put in, `times` times over.
    Piece(f64, usize, usize),
    /// Nesting `depth` deep.
    Nest(f64, usize, bool),
    /// The file cut off.
    Truncate(f64),
    /// A stretch overwritten with random bytes.
    Overwrite(f64, Vec<u8>),
    /// A line repeated.
    RepeatLine(f64, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..=1.0f64;
    prop_oneof![
        (at.clone(), prop::collection::vec(any::<u8>(), 1..48))
            .prop_map(|(a, b)| Mutation::Insert(a, b)),
        (at.clone(), 0..PIECES.len(), 1..4usize).prop_map(|(a, p, t)| Mutation::Piece(a, p, t)),
        (at.clone(), 1..120usize, any::<bool>()).prop_map(|(a, d, b)| Mutation::Nest(a, d, b)),
        at.clone().prop_map(Mutation::Truncate),
        (at.clone(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(a, b)| Mutation::Overwrite(a, b)),
        (at, 2..50usize).prop_map(|(a, n)| Mutation::RepeatLine(a, n)),
    ]
}

fn apply(text: &[u8], mutation: &Mutation) -> Vec<u8> {
    let place = |fraction: f64| ((text.len() as f64 * fraction) as usize).min(text.len());
    let mut out = text.to_vec();
    match mutation {
        Mutation::Insert(at, bytes) => {
            out.splice(place(*at)..place(*at), bytes.iter().copied());
        }
        Mutation::Piece(at, piece, times) => {
            let piece = PIECES[*piece].repeat(*times);
            out.splice(place(*at)..place(*at), piece.bytes());
        }
        Mutation::Nest(at, depth, square) => {
            let (open, close) = if *square { ("[", "]") } else { ("{a: ", "}") };
            let nested = format!("{}x{}", open.repeat(*depth), close.repeat(*depth));
            out.splice(place(*at)..place(*at), nested.bytes());
        }
        Mutation::Truncate(at) => out.truncate(place(*at)),
        Mutation::Overwrite(at, bytes) => {
            let start = place(*at);
            let end = (start + bytes.len()).min(out.len());
            out.splice(start..end, bytes.iter().copied());
        }
        Mutation::RepeatLine(at, times) => {
            let start = out[..place(*at)]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let end = out[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(out.len(), |i| start + i + 1);
            let line = out[start..end].to_vec();
            for _ in 1..*times {
                out.splice(end..end, line.iter().copied());
            }
        }
    }
    out
}

/// Runs the pipeline on `project` and checks what it reports.
fn check_run(project: &Project) -> Result<bool, TestCaseError> {
    let options = Options {
        root: project.root().to_path_buf(),
        include_drafts: false,
        identifiers: None,
        timings: false,
    };
    let run = std::panic::catch_unwind(|| pipeline::run(&options, pipeline::Mode::Build));
    let outcome = match run {
        Ok(Ok(outcome)) => outcome,
        // Not the researcher's input (I/O): allowed, but must not panic.
        Ok(Err(_)) => return Ok(true),
        Err(_) => return Err(TestCaseError::fail("the pipeline panicked")),
    };
    let mut failed = false;
    for diagnostic in outcome.diagnostics.iter() {
        if diagnostic.severity != Severity::Error {
            continue;
        }
        failed = true;
        let Some(span) = &diagnostic.span else {
            return Err(TestCaseError::fail(format!(
                "error without a place: {} {}",
                diagnostic.code, diagnostic.message
            )));
        };
        prop_assert!(span.file.0 < outcome.sources.len(), "{}", diagnostic.code);
        let text = outcome.sources.text(span.file);
        let on_boundaries =
            text.is_char_boundary(span.range.start) && text.is_char_boundary(span.range.end);
        prop_assert!(
            span.range.start <= span.range.end && span.range.end <= text.len() && on_boundaries,
            "{} at {:?} in {} ({} bytes)",
            diagnostic.code,
            span.range,
            outcome.sources.name(span.file),
            text.len()
        );
    }
    prop_assert!(
        !failed || outcome.rendered.is_none(),
        "a failed run gave pages"
    );
    Ok(failed)
}

#[test]
fn mutated_projects_never_panic_and_report_every_error_in_place() {
    let cases: u32 = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48);
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    let site = project.site_files();
    let originals: Vec<Vec<u8>> = FILES
        .iter()
        .map(|f| std::fs::read(project.path(f)).unwrap())
        .collect();
    let ran = AtomicUsize::new(0);
    let failed = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (0..FILES.len(), prop::collection::vec(mutation(), 1..4));
    let result = runner.run(&strategy, |(file, mutations)| {
        let n = ran.fetch_add(1, Ordering::Relaxed);
        let mut text = originals[file].clone();
        for m in &mutations {
            text = apply(&text, m);
        }
        project.write(FILES[file], &text);
        let outcome = check_run(&project);
        // Every 25th case through the real binary: a failed build leaves
        // site/ exactly as it was.
        let binary = if n.is_multiple_of(25) {
            let run = project.build();
            if run.code == 0 {
                // A build that passed replaced the site: put the first one back.
                project.write(FILES[file], &originals[file]);
                project.build().expect_code(0);
                Ok(())
            } else if project.site_files() != site {
                Err(TestCaseError::fail("a failed build changed site/"))
            } else if run.code != 1 {
                Err(TestCaseError::fail(format!(
                    "exit {}: {}",
                    run.code, run.stderr
                )))
            } else {
                Ok(())
            }
        } else {
            Ok(())
        };
        project.write(FILES[file], &originals[file]);
        if outcome.as_ref().is_ok_and(|&f| f) {
            failed.fetch_add(1, Ordering::Relaxed);
        }
        outcome.map(|_| ())?;
        binary
    });
    eprintln!(
        "fuzz: {} cases run ({} failed as they should, the rest built)",
        ran.load(Ordering::Relaxed),
        failed.load(Ordering::Relaxed)
    );
    if let Err(error) = result {
        panic!("{error}");
    }
}
