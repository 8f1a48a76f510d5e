//! Issue #19 (never lose a researcher's files, never fail open, never
//! hang) and #18.7 (a missing identifiers list): one regression test for
//! each defect, through the real binary, with the input that broke it.

mod common;

use common::{Project, Run};

const QUOTE: &str = "content/quotes/a/forum-notes.md";

/// Every line of a `--format json` run's standard output is one JSON object;
/// their codes, in order.
fn json_codes(run: &Run) -> Vec<String> {
    run.stdout
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not JSON ({e}): {line}\n{}", run.stderr));
            value["code"].as_str().unwrap().to_string()
        })
        .collect()
}

/// The JSON diagnostic with `code`, whole.
fn json_of(run: &Run, code: &str) -> serde_json::Value {
    run.stdout
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .find(|value| value["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in\n{}\n{}", run.stdout, run.stderr))
}

// #19.3: any byte that is not UTF-8, in any project file, made `check
// --format json` panic (exit 101): the span was made on the text after
// U+FFFD replaced the byte, and sliced inside that character.

/// `bytes` with 0xFF put at `at`.
fn with_bad_byte(text: &str, at: usize) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    bytes.insert(at, 0xff);
    bytes
}

/// Puts a byte that is not UTF-8 into `file` at the offset `at` gives for
/// its text, and checks that `check --format json` exits 1 with valid JSON
/// naming the file at `line:column`, and that the text form names it too.
fn not_utf8_is_reported(file: &str, at: impl Fn(&str) -> usize, line: u64, column: u64) {
    let project = Project::fixture("basic");
    let text = std::fs::read_to_string(project.path(file)).unwrap_or_default();
    project.write(file, with_bad_byte(&text, at(&text)));
    let run = project.run(&["check", "--format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.expect_code(1);
    assert!(json_codes(&run).contains(&"load::not-utf8".to_string()));
    let found = json_of(&run, "load::not-utf8");
    assert_eq!(found["file"], file, "{found}");
    assert_eq!(
        (found["line"].as_u64(), found["column"].as_u64()),
        (Some(line), Some(column))
    );
    let text = project.run(&["check"]);
    text.expect_code(1);
    assert!(
        text.stderr.contains(&format!("{file}:{line}:{column}")),
        "{}",
        text.stderr
    );
}

#[test]
fn not_utf8_at_the_start_of_a_quote() {
    not_utf8_is_reported(QUOTE, |_| 0, 1, 1);
}

#[test]
fn not_utf8_inside_front_matter() {
    not_utf8_is_reported(QUOTE, |t| t.find("field-notes").unwrap() + 5, 2, 14);
}

#[test]
fn not_utf8_in_the_middle_of_a_body() {
    not_utf8_is_reported(QUOTE, |t| t.find("began").unwrap(), 6, 21);
}

#[test]
fn not_utf8_at_the_end_of_a_file() {
    not_utf8_is_reported(QUOTE, str::len, 7, 1);
}

#[test]
fn not_utf8_in_the_participant_registry() {
    not_utf8_is_reported(
        "content/participants.yaml",
        |t| t.find("GP").unwrap(),
        4,
        24,
    );
}

#[test]
fn not_utf8_in_the_settings() {
    not_utf8_is_reported("evalsite.yaml", |t| t.find("Fixture").unwrap(), 1, 8);
}

#[test]
fn not_utf8_in_the_identifiers_list() {
    not_utf8_is_reported("private/identifiers.yaml", |_| 0, 1, 1);
}

#[test]
fn not_utf8_in_a_template() {
    let template = "themes/default/templates/page.html";
    let default =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(template))
            .unwrap();
    let project = Project::fixture("basic");
    project.write(template, &default);
    not_utf8_in(&project, template);
}

fn not_utf8_in(project: &Project, file: &str) {
    let text = project.read(file);
    project.write(file, with_bad_byte(&text, 0));
    let run = project.run(&["check", "--format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.expect_code(1);
    let found = json_of(&run, "load::not-utf8");
    assert_eq!(found["file"], file, "{found}");
    assert_eq!(found["line"], 1);
}

// #19.7: whole source lines were echoed without limit: a quote of 50 MB on
// one line printed a warning of 100 MB. (2 MB here.)
#[test]
fn a_message_about_a_huge_line_is_short() {
    let project = Project::fixture("basic");
    let line = format!(
        "{} call 07700 900123 now {}",
        "word ".repeat(400_000),
        "more ".repeat(1000)
    );
    project.edit(
        QUOTE,
        "The discharge forum began late; two teams sat apart.",
        &line,
    );
    for format in ["human", "json"] {
        let run = project.run(&["check", "--format", format]);
        run.expect_code(1);
        let printed = run.stdout.len() + run.stderr.len();
        assert!(printed < 4_000, "{printed} bytes printed as {format}");
    }
    let run = project.run(&["check"]);
    assert!(
        run.stderr.contains(&format!("{QUOTE}:6:2000007")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("word  call 07700 900123 now more"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("anonymity::long-quote"),
        "{}",
        run.stderr
    );
}
