//! Red team, round 23: a quote shown under a page's title that names a
//! borough (a free page titled "Our visit to Borough A"; a finding whose
//! code is titled "The Borough A hub"), where the study-wide count is
//! applied although the reader is told where the quote comes from; and the
//! preview's status, whose list of the paths that started a rebuild repeats
//! a listed name from a file's name; and a count under a free page's
//! title naming a borough, read study-wide. Each test fails on the code of this
//! round; each says what should happen.

mod common;
use common::{
    Project, assert_borough_a_hides_its_nurses, gp_quote, project_with_k3, warns_of_a_count,
};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------
// Titles that place a quote in a borough
// ---------------------------------------------------------------------

/// Road: [`gp_quote`] (Borough A's one GP, quoted "GP") embedded in a
/// free page titled "Our visit to Borough A" builds, and the page shows
/// "GP" under a heading that says it was heard in Borough A, where one GP
/// took part. A code titled after a borough is held to k as a page about
/// it (round 21), and so is a finding whose title names one; a free
/// page's title is not: `Pages::new` (`src/anonymity/attribution/pages.rs`)
/// fills `about` from boroughs, pathways, findings' `boroughs:`, codes'
/// titles and quotes, never from `project.pages`, and `check_context`
/// (`src/anonymity/attribution/context.rs`) reads embeds only in borough
/// files, pathways and findings. What should happen: the embed is refused
/// (`anonymity::small-group-in-context`) at the page's line 6, as it is
/// on a code page titled "The Borough A hub".
#[test]
fn a_free_page_titled_after_a_borough_places_its_quotes_there() {
    let project = Project::fixture("basic");
    gp_quote(&project);
    project.write(
        "content/pages/visit.md",
        "---\ntitle: Our visit to Borough A\norder: 2\n---\nWhat we heard.\n\n![](quote:gp-says)\n",
    );
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[anonymity::")
            && run.stderr.contains("content/pages/visit.md:7:"),
        "{}",
        run.stderr
    );
}

/// Road: a finding with no `boroughs:` coded `hub`, titled "The Borough A
/// hub", cites [`gp_quote`]'s quote: the finding's page prints "The
/// Borough A hub" among its codes, above the evidence "GP", and builds,
/// while the same quote coded `hub` itself is refused
/// (`anonymity::borough-in-titles`). `beside` (`src/anonymity/attribution/
/// shown.rs`) gathers the titles of the quote's own codes and their
/// ancestors and of the findings that cite it, never the codes of a
/// finding that shows it; and `Pages::new` (`pages.rs`) takes a finding's
/// boroughs only from its `boroughs:`. What should happen: the citation
/// is refused at the finding's `quotes:` entry (line 4), as a finding
/// titled "Notes go unread in Borough A" is.
#[test]
fn a_findings_code_titled_after_a_borough_places_its_evidence_there() {
    let project = Project::fixture("basic");
    gp_quote(&project);
    project.write(
        "content/codebook/hub.md",
        "---\ntitle: The Borough A hub\nparent: structure\n---\nThe hub.\n",
    );
    project.write(
        "content/findings/unread.md",
        "---\ntitle: Notes go unread\ncodes: [hub]\nquotes: [gp-says]\n---\nNobody reads the notes.\n",
    );
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[anonymity::")
            && run.stderr.contains("content/findings/unread.md:4:"),
        "{}",
        run.stderr
    );
}

/// Road: on a free page titled "Our work in Borough A" (with k = 3 and
/// [`common::K3_REGISTRY`], where the generated tables hide Borough A's
/// three district nurses so that its one GP cannot be worked out), the
/// sentence "Three district nurses take every referral from the ward."
/// builds without a word, although the page's heading, printed as its
/// `<h1>`, says the count is Borough A's; the same sentence under "## Our
/// work in Borough A" is warned of (`table::hidden-count`).
/// `check_written_counts` (`src/tables/check.rs`) starts a page's
/// `context` at `None` and reads only the body's headings, and the
/// `Checker` (`src/resolve/checker.rs`) gives a page's borough only for a
/// borough report, a pathway, a one-borough finding or filed notes, never
/// from a title. What should happen: the title counts as the page's first
/// heading, and the count is warned of.
#[test]
fn a_count_under_a_page_title_naming_a_borough_is_read_study_wide() {
    let sentence = "Three district nurses take every referral from the ward.";
    let project = project_with_k3();
    project.write(
        "content/pages/methods.md",
        format!("---\ntitle: Our work\norder: 1\n---\n## Our work in Borough A\n\n{sentence}\n"),
    );
    assert!(warns_of_a_count(&project.build().stderr));
    let project = project_with_k3();
    project.write(
        "content/pages/methods.md",
        format!("---\ntitle: Our work in Borough A\norder: 1\n---\n{sentence}\n"),
    );
    let run = project.build();
    run.expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(
        warns_of_a_count(&run.stderr),
        "a count under a title naming Borough A is not warned of:\n{}",
        run.stderr
    );
}

/// Lookalikes of the titles above that must still build: a free page
/// titled after Borough B, where two GPs took part (k = 2), so that "GP"
/// there fits two; a page that names Borough A only in its text (what
/// the text says of a quote is the researcher's to write, as on any
/// page); a title that names no borough.
#[test]
fn pages_whose_titles_do_not_narrow_a_quote_down_build() {
    let pages = [
        "---\ntitle: Our visit to Borough B\norder: 2\n---\nWhat we heard.\n\n![](quote:gp-says)\n",
        "---\ntitle: Our visits\norder: 2\n---\nWe went to Borough A and Borough B.\n\n![](quote:gp-says)\n",
        "---\ntitle: What we heard\norder: 2\n---\nWhat we heard.\n\n![](quote:gp-says)\n",
    ];
    for page in pages {
        let project = Project::fixture("basic");
        gp_quote(&project);
        project.write("content/pages/visit.md", page);
        project.build().expect_code(0);
    }
}

/// Lookalikes of a finding's code titled after a borough that must still
/// build: the code titled after Borough B (two GPs), or after no borough.
#[test]
fn a_findings_code_titled_after_no_small_group_builds() {
    for title in ["The Borough B hub", "The hub"] {
        let project = Project::fixture("basic");
        gp_quote(&project);
        project.write(
            "content/codebook/hub.md",
            format!("---\ntitle: {title}\nparent: structure\n---\nThe hub.\n"),
        );
        project.write(
            "content/findings/unread.md",
            "---\ntitle: Notes go unread\ncodes: [hub]\nquotes: [gp-says]\n---\nNobody reads the notes.\n",
        );
        project.build().expect_code(0);
    }
}

/// Lookalikes of a count under a title naming Borough A: under a title
/// naming no borough, or one that names Borough A only in its text after
/// the count, it is read study-wide (or for the borough the sentence
/// names), as before.
#[test]
fn a_count_under_a_title_naming_no_borough_is_read_as_before() {
    let sentence = "Three district nurses take every referral from the ward.";
    for title in ["Our work", "Our work in the boroughs"] {
        let project = project_with_k3();
        project.write(
            "content/pages/methods.md",
            format!(
                "---\ntitle: {title}\norder: 1\n---\n{sentence}\n\nWe also went to Borough A.\n"
            ),
        );
        let run = project.build();
        run.expect_code(0);
        assert!(!warns_of_a_count(&run.stderr), "{title}: {}", run.stderr);
    }
}

// ---------------------------------------------------------------------
// The live preview
// ---------------------------------------------------------------------

/// A running `evalsite serve --port 0`, killed when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start(project: &Project) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_evalsite"))
            .args(["serve", "--port", "0", "--root"])
            .arg(project.root())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting evalsite serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .trim()
            .strip_prefix("Serving at http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        Server { child, address }
    }

    /// The body of `/__evalsite/status`, as text.
    fn status(&self) -> String {
        let mut stream = TcpStream::connect(&self.address).expect("connecting");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        write!(
            stream,
            "GET /__evalsite/status HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        raw.split_once("\r\n\r\n")
            .map_or(raw.clone(), |(_, b)| b.to_string())
    }

    fn version(&self) -> u64 {
        let status = self.status();
        let at = status.find("\"version\":").expect("a version") + 10;
        status[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap()
    }

    /// Waits for a build after `version`, and gives the status then.
    fn wait_past(&self, version: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.version() <= version {
            assert!(Instant::now() < deadline, "no rebuild: {}", self.status());
            std::thread::sleep(Duration::from_millis(25));
        }
        self.status()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Road: while the preview runs, a researcher saves field notes as
/// `content/quotes/a/marjorie-quillfeather-visit.md` (the build refuses
/// the name, `anonymity::identifier-in-file-name`), and
/// `/__evalsite/status`, which every open tab reads, says
/// `"changed":["content/quotes/a/marjorie-quillfeather-visit.md"]`: the
/// listed name, in full, beside messages that redact it to `[…]`.
/// `Problem::from_diagnostic` (`src/serve/snapshot.rs`) passes every
/// message, fix and file through `Redactor::redact`, but `changed` comes
/// straight from the watcher's paths (`keep_building`,
/// `src/serve/rebuild.rs`) and `Snapshot::status_json` prints it as it
/// is. A phone number in a file's name goes the same way. What should
/// happen: the status never holds a listed name or a number the gate
/// refuses (the path redacted, or left out).
#[test]
fn the_previews_status_names_the_file_that_changed_in_full() {
    let project = Project::fixture("basic");
    let server = Server::start(&project);
    // The first rebuild cannot say what changed; the second does.
    let first = server.version();
    project.edit(
        "content/quotes/a/forum-notes.md",
        "began late",
        "began late ",
    );
    server.wait_past(first);
    let before = server.version();
    project.write(
        "content/quotes/a/marjorie-quillfeather-visit.md",
        "---\nsource: field-notes\nborough: b\ncodes: [co-location]\n---\nNotes.\n",
    );
    let status = server.wait_past(before);
    assert!(
        !status.to_lowercase().contains("quillfeather"),
        "the status repeats a listed name: {status}"
    );
    let before = server.version();
    project.write(
        "content/quotes/a/call-020-7946-0958.md",
        "---\nsource: field-notes\nborough: b\ncodes: [co-location]\n---\nNotes.\n",
    );
    let status = server.wait_past(before);
    assert!(
        !status.contains("7946"),
        "the status repeats a phone number: {status}"
    );
}
