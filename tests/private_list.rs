//! The identifiers list holds the real names: a message may point into it
//! (file, line and column), but never shows its text, in any format: the
//! terminal's, `--format json`, or the preview's status (#case-04: a build
//! that succeeded printed a street from the list into a public CI log, and
//! a typo in the list printed the whole line, a consultant's name).

mod common;

use common::Project;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

const LIST: &str = "private/identifiers.yaml";

/// Words of the real names in the lists below, none of which is in the
/// fixture's content: none may appear in any message.
const SECRETS: &[&str] = &["Wrenhallow", "Tobias", "Gannet", "Pettigrove", "Eunice"];

/// Lists with mistakes of every kind the reader reports, each holding
/// real names where the mistake is.
const LISTS: &[(&str, &str)] = &[
    (
        "a pseudonym for a term in no list",
        "people: [Marjorie Quillfeather]\nplaces: [Thistlebury]\nreplace:\n  Gannet Street: \"[street]\"\n",
    ),
    (
        "a name with `: ` in it",
        "people:\n  - Marjorie Quillfeather\n  - Dr Tobias Wrenhallow: ward consultant\n",
    ),
    (
        "a name as a key at the top",
        "people: [Marjorie Quillfeather]\nTobias Wrenhallow: consultant\n",
    ),
    (
        "a name as a key written twice",
        "people: [Marjorie Quillfeather]\nreplace:\n  Gannet Street: a\n  Gannet Street: b\n",
    ),
    (
        "a list written as text",
        "people: Eunice Pettigrove\nplaces: [Thistlebury]\n",
    ),
    (
        "a pseudonym that is a list",
        "people: [Marjorie Quillfeather]\nreplace:\n  Gannet Street: [a, b]\n",
    ),
    (
        "a pseudonym that is a mapping",
        "people: [Marjorie Quillfeather]\nreplace:\n  Gannet Street: {Eunice Pettigrove: x}\n",
    ),
    (
        "brackets not closed",
        "people: [Marjorie Quillfeather, Eunice Pettigrove\nplaces: [Thistlebury]\n",
    ),
    ("a tab", "people:\n\t- Eunice Pettigrove\n"),
    (
        "a control character",
        "people:\n  - Eunice Pettigrove\u{1b}[31m\n",
    ),
    ("an unknown alias", "people:\n  - *Wrenhallow\n"),
    (
        "a list at the top",
        "- Eunice Pettigrove\n- Tobias Wrenhallow\n",
    ),
    (
        "a number where a name goes, beside names",
        "people: [Eunice Pettigrove, [Tobias Wrenhallow]]\n",
    ),
];

fn assert_no_secret(what: &str, printed: &str) {
    let lower = printed.to_lowercase();
    for secret in SECRETS {
        assert!(
            !lower.contains(&secret.to_lowercase()),
            "{what}: `{secret}` printed:\n{printed}"
        );
    }
}

#[test]
fn no_message_about_the_list_shows_a_name_from_it() {
    for (what, list) in LISTS {
        let project = Project::fixture("basic");
        project.write(LIST, list);
        let human = project.run(&["check"]);
        assert!(
            human.stderr.contains("--> private/identifiers.yaml:"),
            "{what}: no message points into the list:\n{}",
            human.stderr
        );
        assert_no_secret(what, &format!("{}{}", human.stdout, human.stderr));
        let json = project.run(&["check", "--format", "json"]);
        assert!(json.stdout.contains(LIST), "{what}: {}", json.stdout);
        assert_no_secret(what, &format!("{}{}", json.stdout, json.stderr));
    }
}

/// The list kept outside the project (a build server's secret file, named
/// by EVALSITE_IDENTIFIERS) is just as private.
#[test]
fn a_list_named_by_the_environment_is_private_too() {
    let project = Project::fixture("basic");
    let secret = tempfile::tempdir().unwrap();
    let path = secret.path().join("names.yaml");
    std::fs::write(&path, LISTS[1].1).unwrap();
    let vars = [("EVALSITE_IDENTIFIERS", path.to_str().unwrap())];
    let run = project.run_with(&["build"], &vars);
    run.expect_code(1);
    assert!(run.stderr.contains("names.yaml:3:5"), "{}", run.stderr);
    assert_no_secret("EVALSITE_IDENTIFIERS", &run.stderr);
    let json = project.run_with(&["check", "--format", "json"], &vars);
    assert_no_secret("EVALSITE_IDENTIFIERS, json", &json.stdout);
}

/// What a researcher sees: the line, masked but for its indentation, its
/// field names and YAML's punctuation, so the `: ` in the name still shows.
#[test]
fn the_line_is_shown_masked() {
    let project = Project::fixture("basic");
    project.write(LIST, LISTS[1].1);
    let run = project.build();
    run.expect_code(1);
    insta::assert_snapshot!(run.stderr);
    // A warning on a build that goes ahead, as a CI log shows it.
    project.write(LIST, LISTS[0].1);
    let run = project.build();
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("warning[anonymity::replacement-not-listed]"),
        "{}",
        run.stderr
    );
    assert_no_secret("a warning on a good build", &run.stderr);
}

/// The preview's status (`/__evalsite/status`, which the page's overlay
/// shows) says no more than the terminal.
#[test]
fn the_previews_status_shows_no_name_from_the_list() {
    let project = Project::fixture("basic");
    project.write(LIST, LISTS[3].1);
    let mut server = Command::new(env!("CARGO_BIN_EXE_evalsite"))
        .args(["serve", "--port", "0", "--root"])
        .arg(project.root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting evalsite serve");
    let mut first = String::new();
    let mut stdout = BufReader::new(server.stdout.take().unwrap());
    stdout.read_line(&mut first).unwrap();
    let address = first
        .trim()
        .strip_prefix("Serving at http://")
        .and_then(|a| a.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_string();
    // Asked before the first build is done, the status waits for it.
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "GET /__evalsite/status HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut status = String::new();
    stream.read_to_string(&mut status).unwrap();
    let _ = server.kill();
    let mut stderr = String::new();
    let _ = server.stderr.take().unwrap().read_to_string(&mut stderr);
    let _ = server.wait();
    assert!(status.contains("private/identifiers.yaml"), "{status}");
    assert!(status.contains("\"ok\":false"), "{status}");
    assert_no_secret("the preview's status", &status);
    assert_no_secret("the preview's terminal", &stderr);
}

/// Round 24: entries of the list that name no one (a null, a number, text
/// without a letter) are errors at the list, never terms found all over
/// the site and blamed on its files.
#[test]
fn entries_that_name_no_one_are_errors_at_the_list() {
    for entry in ["null", "0", "\"...\"", "~"] {
        let project = Project::fixture("basic");
        project.write(
            "private/identifiers.yaml",
            format!("people: [Marjorie Quillfeather, {entry}]\nplaces: [Thistlebury]\n"),
        );
        let run = project.build();
        run.expect_code(1);
        assert!(
            run.stderr.contains("error[anonymity::empty-identifier]")
                && run.stderr.contains("private/identifiers.yaml:1:"),
            "{entry}: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("output-leak"),
            "{entry}: {}",
            run.stderr
        );
        assert!(!project.path("site").exists());
    }
}
