//! Messages that sent a researcher the wrong way (#case-12): each now names
//! the place and the mistake in the researcher's words, through the real
//! binary, snapshot with what `check --format json` says of it.

mod common;

use common::Project;

/// [`common::build_fails`] for `change`, with what `check --format json`
/// says of the same change, as one text to snapshot.
fn failure(change: impl Fn(&Project), location: &str, code: &str) -> String {
    let text = common::build_fails(&change, location, code);
    let project = Project::fixture("basic");
    change(&project);
    let run = project.run(&["check", "--format", "json"]);
    run.expect_code(1);
    for line in run.stdout.lines() {
        serde_json::from_str::<serde_json::Value>(line)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    }
    format!("{text}\n--- check --format json\n{}", run.stdout)
}

const LIST: &str = "private/identifiers.yaml";

// #case-12.1: an unknown theme was reported with no place (fixed before
// this branch; pinned here).
#[test]
fn an_unknown_theme_is_reported_at_the_setting() {
    let out = failure(
        |p| {
            p.edit("evalsite.yaml", "title:", "theme: nope\ntitle:");
        },
        "evalsite.yaml:1:8",
        "config::unknown-theme",
    );
    insta::assert_snapshot!(out);
}

// #case-12.2: `identifiers: .` gave "error: ` is a folder" and "make  an
// ordinary text file": a folder named by no name at all.
#[test]
fn an_identifiers_setting_naming_a_folder_is_refused_at_the_setting() {
    let out = failure(
        |p| {
            p.edit(
                "evalsite.yaml",
                "anonymity:\n",
                "anonymity:\n  identifiers: .\n",
            );
        },
        "evalsite.yaml:4:16",
        "config::invalid",
    );
    assert!(!out.contains(" is a folder"), "{out}");
    insta::assert_snapshot!(out);
}

// #case-12.3: a number too large for any setting was "invalid type:
// integer `…` as u128, expected any YAML value" (serde's words).
#[test]
fn a_number_too_large_is_said_to_be_too_large() {
    let out = failure(
        |p| {
            p.edit("evalsite.yaml", "k: 2", "k: 99999999999999999999");
        },
        "evalsite.yaml:4:6",
        "yaml::invalid-value",
    );
    assert!(
        !out.contains("u128") && !out.contains("YAML value"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

// #case-12.4: `paper: [a4]` "must be a YAML tag starting with '!'".
#[test]
fn a_list_where_one_word_is_allowed_is_explained() {
    let out = failure(
        |p| {
            p.edit("evalsite.yaml", "title:", "paper: [a4]\ntitle:");
        },
        "evalsite.yaml:1:8",
        "yaml::invalid-value",
    );
    assert!(!out.contains("YAML tag"), "{out}");
    insta::assert_snapshot!(out);
}

// #case-12.5: a byte-order mark before an identifiers list of two keys
// made it "more than one document" (and the build failed); it is read,
// and its names kept out.
#[test]
fn a_byte_order_mark_before_the_identifiers_list_is_passed_over() {
    let out = failure(
        |p| {
            let list = p.read(LIST);
            p.write(LIST, format!("\u{FEFF}{list}"));
            p.edit(
                "content/findings/co-location.md",
                "Sharing a building",
                "Thistlebury said sharing a building",
            );
        },
        "content/findings/co-location.md:8:1",
        "anonymity::identifier",
    );
    assert!(!out.contains("more than one document"), "{out}");
    insta::assert_snapshot!(out);
}

// #case-12.6: a NUL on line 2 of the list was reported at 1:1 as
// "control characters are not allowed at position 29".
#[test]
fn a_control_character_in_yaml_is_pointed_at() {
    let out = failure(
        |p| {
            p.write(
                LIST,
                "people:\n  - Marjorie Quillfeather\u{0}\nplaces: [Thistlebury]\n",
            );
        },
        "private/identifiers.yaml:2:26",
        "yaml::syntax",
    );
    assert!(!out.contains("position"), "{out}");
    // Not also "the list names no one": it could not be read.
    assert!(!out.contains("empty-identifiers"), "{out}");
    insta::assert_snapshot!(out);
}

// #case-12.7: an identifiers list written as a YAML list was told to
// write lines "such as `title: Co-location without collaboration`".
#[test]
fn the_identifiers_list_as_a_list_is_told_its_own_fields() {
    let out = failure(
        |p| {
            p.write(LIST, "- Marjorie Quillfeather\n");
        },
        "private/identifiers.yaml:1:1",
        "yaml::not-a-mapping",
    );
    assert!(!out.contains("title:"), "{out}");
    insta::assert_snapshot!(out);
}

// #case-12.8: a project template including itself was "the template ``
// has a problem", with no place, and "part of the built-in default theme:
// please report this as a bug".
#[test]
fn a_project_template_including_itself_is_blamed_on_the_project() {
    let out = failure(
        |p| {
            p.write(
                "themes/default/templates/page.html",
                "{% extends \"base.html\" %}\n{% block content %}{% include \"page.html\" %}{% endblock content %}\n",
            );
        },
        "themes/default/templates/page.html:2:31",
        "theme::template",
    );
    assert!(!out.contains("built-in") && !out.contains("``"), "{out}");
    insta::assert_snapshot!(out);
}

// #case-12.9: control characters in a file name (and in a line shown under
// a message) reached the terminal raw: an ANSI escape recoloured the
// message, a newline split it. They are shown escaped, and a line keeps
// its columns (the caret stays under the mistake).
#[test]
fn control_characters_never_reach_the_terminal() {
    let out = failure(
        |p| {
            let quote = p.read("content/quotes/a/forum-notes.md");
            p.write("content/quotes/a/x\u{1b}[31mRED\u{1b}[0m\nnext.md", quote);
            let quote = p.read("content/quotes/a/same-building.md");
            p.write(
                "content/quotes/a/same-building.md",
                format!("{quote}\n\u{1b}[2J\u{7}See [this](code:nope).\n"),
            );
        },
        "content/quotes/a/same-building.md:",
        "reference::unknown-code",
    );
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
    assert!(out.contains("x\\u{1b}[31mRED\\u{1b}[0m\\nnext"), "{out}");
    insta::assert_snapshot!(out);
}

// #case-12.10: `--output evalsite.yaml/site` ended with "creating
// …/evalsite.yaml: File exists" and exit code 2, as for a fault of
// evalsite's own: it is a refusal (exit code 1), saying why.
#[test]
fn an_output_folder_under_a_file_is_refused() {
    let project = Project::fixture("basic");
    let run = project.run_inside(&["build", "--output", "evalsite.yaml/site"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("evalsite will not write the site into evalsite.yaml/site")
            && run.stderr.contains("evalsite.yaml is a file, not a folder"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
}

// #case-12.11: `--output site/` named a file of the user's `site//a.txt`.
#[test]
fn an_output_folder_ending_in_a_slash_names_its_files_once() {
    let project = Project::fixture("basic");
    project.write("site/a.txt", "mine");
    let run = project.run_inside(&["build", "--output", "site/"]);
    run.expect_code(1);
    assert!(run.stderr.contains(": site/a.txt;"), "{}", run.stderr);
    assert!(!run.stderr.contains("//"), "{}", run.stderr);
    assert_eq!(project.read("site/a.txt"), "mine");
}

/// A `<style>` element that shows boxes in another order than they are
/// written is refused at its line, with how to write it instead.
#[test]
fn a_style_element_moving_boxes_says_how_to_write_them() {
    let out = failure(
        |p| {
            p.write(
                common::METHODS,
                common::methods_with(
                    "<style>.a,.b{float:right}</style><span class=\"a\">900123</span><span class=\"b\">07700 </span>\n",
                ),
            );
        },
        &format!("{}:5:1", common::METHODS),
        "anonymity::unreadable-output",
    );
    insta::assert_snapshot!(out);
}

/// A `<script>` never closed in a report's text was refused by the gate
/// alone, as a misplaced `</main>` at line 1 of another file: now at its
/// own line and column, saying what it does to the page.
#[test]
fn a_script_left_open_says_what_it_does_to_the_page() {
    let out = failure(
        |p| {
            p.edit(
                "content/findings/co-location.md",
                "Sharing a building did not by itself change how teams worked.",
                "We met <script>var a = 1;",
            );
        },
        "content/findings/co-location.md:8:8",
        "anonymity::left-open",
    );
    insta::assert_snapshot!(out);
}

/// The same, left open by a template: the gate says so.
#[test]
fn a_template_leaving_a_script_open_says_so() {
    let out = failure(
        |p| {
            p.write(
                "themes/default/templates/page.html",
                "{% extends \"base.html\" %}\n{% block content %}\n<script>var a;\n{{ content | safe }}\n{% endblock content %}\n",
            );
        },
        "themes/default/templates/page.html:3:1",
        "anonymity::unreadable-output",
    );
    insta::assert_snapshot!(out);
}
