//! Red team, round 20: the forms of a listed person's name run together
//! with an initial, read in ordinary words that the word list of
//! `ordinary_words.txt` does not hold (a common surname that is no word of
//! its own: "lower" for Rachel Lowe, "gross" for George Ross, "carry" for
//! Yvonne Carr); and the other checks added in round 19's session.
//! Each test fails on main when written; each says what should happen.

mod common;
use common::Project;

const FINDING: &str = "content/findings/co-location.md";

/// Road (a false alarm): a listed person whose last name is a common
/// surname that is no English word of its own (Rachel Lowe, George Ross,
/// Yvonne Carr) makes the report's ordinary words "lower", "gross" and
/// "carry" refused as the person's name, the surname with the initial run
/// on after it, as a login gives it ("lower" for "Lowe" + "R"). The form
/// is read only where a capital shows the join when the whole spells an
/// ordinary word (`is_ordinary_word`, `src/anonymity/identifiers/
/// ordinary.rs`), but `ordinary_words.txt` holds only the words that are
/// another word with a letter before or after it, so a word whose stem is
/// a surname but no word ("lowe", "ross", "carr") is missing:
/// `add_run_together` (`src/anonymity/identifiers/terms.rs`) adds
/// "lower", "gross", "carry" as the person. What should happen: these
/// ordinary words build (the person's name written out, and the handle
/// with its join shown, "LoweR", are still refused).
#[test]
fn ordinary_words_spelt_by_a_common_surname_and_an_initial_are_refused() {
    let people = "people: [Marjorie Quillfeather, Rachel Lowe, George Ross, Yvonne Carr]";
    let project = |line: &str| {
        let project = Project::fixture("basic");
        project.edit(
            "private/identifiers.yaml",
            "people: [Marjorie Quillfeather]",
            people,
        );
        project.edit(
            FINDING,
            "Sharing a building did not by itself change how teams worked.",
            line,
        );
        project
    };
    // The names, and the handles with their joins shown, are refused.
    for line in [
        "Rachel Lowe said so.",
        "As @LoweR put it.",
        "George Ross said so.",
        "As Carr, Y. (2019) found.",
    ] {
        let run = project(line).build();
        run.expect_code(1);
        assert!(
            run.stderr.contains("error[anonymity::identifier]")
                && run.stderr.contains(&format!("{FINDING}:8:")),
            "{line}: {}",
            run.stderr
        );
    }
    let mut refused = Vec::new();
    for line in [
        "Sharing a building meant lower costs.",
        "A gross saving was made by sharing a building.",
        "Staff carry their own caseloads.",
    ] {
        let run = project(line).build();
        if run.code != 0 {
            refused.push(line);
        }
    }
    assert!(
        refused.is_empty(),
        "ordinary words read as a listed person's name:\n{refused:#?}"
    );
}
