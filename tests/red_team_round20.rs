//! Red team, round 20: the forms of a listed person's name run together
//! with an initial, read in ordinary words that the word list of
//! `ordinary_words.txt` does not hold (a common surname that is no word of
//! its own: "lower" for Rachel Lowe, "gross" for George Ross, "carry" for
//! Yvonne Carr); and a quote whose attribution leaves out its borough
//! naming it through a linked finding's title, or linking the borough's
//! report by its address written out.
//! Each test fails on main when written; each says what should happen.

mod common;
use common::{Project, gp_quote};

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

/// The GP's quote of [`gp_quote`] (attributed "GP", Borough A's one GP).
const GP_SAYS: &str = "content/quotes/a/gp-says.md";

/// Builds [`gp_quote`] with `words` as the quote, after `setup`; returns
/// the project and whether the build was refused at the quote's words
/// (line 7), with `anonymity::` errors.
fn gp_says(words: &str, setup: impl Fn(&Project)) -> (Project, common::Run) {
    let project = Project::fixture("basic");
    gp_quote(&project);
    setup(&project);
    project.edit(
        GP_SAYS,
        "The GP view is that nobody reads the notes.",
        words,
    );
    let run = project.build();
    (project, run)
}

/// Road: a quote whose attribution leaves out its borough links to a
/// finding whose title names the borough, `[](finding:area)` for a
/// finding titled "Discharge in Borough A": the site prints the title as
/// the link's words, so the quote reads "Nobody reads the notes, as
/// Discharge in Borough A says", attributed "GP", from Borough A's one
/// GP. Written out, "Borough A" is refused (`anonymity::borough-in-words`).
/// `check_borough_words` (`src/anonymity/attribution/mod.rs`) reads the
/// words as `markdown::plain_text` gives them, where a link without words
/// has no text, and of the links reads only those of `Kind::Borough` and
/// `Kind::Pathway` (`leads_there`), so a finding's (or a page's) title
/// printed in the quote is never seen. What should happen: exit 1, an
/// error at the link (`content/quotes/a/gp-says.md:7`).
#[test]
fn a_quote_naming_its_borough_through_a_linked_findings_title_is_published() {
    let finding = |p: &Project| {
        p.write(
            "content/findings/area.md",
            "---\ntitle: Discharge in Borough A\ncodes: [structure]\nboroughs: [a]\n---\nText.\n",
        );
    };
    // Written out, the borough is refused at the words.
    let (_, run) = gp_says("Nobody reads the notes in Borough A.", finding);
    run.expect_code(1);
    assert!(run.stderr.contains("error[anonymity::borough-in-words]"));
    assert!(run.stderr.contains(&format!("{GP_SAYS}:7:")));

    let (project, run) = gp_says("Nobody reads the notes, as [](finding:area) says.", finding);
    if run.code == 0 {
        let page = project.page("quotes/gp-says.html");
        let quote = &page[page.find("<blockquote").unwrap()..];
        let quote = &quote[..quote.find("</blockquote>").unwrap()];
        assert!(page.contains(">GP<"));
        panic!(
            "the quote attributed “GP”, from Borough A's one GP, is published reading:\n{quote}"
        );
    }
    assert!(
        run.stderr.contains("error[anonymity::") && run.stderr.contains(&format!("{GP_SAYS}:7:")),
        "{}",
        run.stderr
    );
}

/// Road: a quote whose attribution leaves out its borough links to the
/// borough's report by its address written out, `[our
/// patch](../boroughs/a.html)` or the site's full address
/// (`https://example.org/eval/boroughs/a.html`), rather than by
/// `[](borough:a)`. Round 19 made a link leading to the borough's report
/// name the borough (`anonymity::borough-in-words`, "leads to a page
/// about the speaker's own borough"), but `leads_there` in
/// `check_borough_words` (`src/anonymity/attribution/mod.rs`) reads only
/// the quote's `borough:` and `pathway:` references (`quote.refs`); a
/// link by address is no reference, and the gate does not read where a
/// link leads. The quote, attributed "GP", from Borough A's one GP, is
/// published with a link to Borough A's report. What should happen: exit
/// 1, an error at the link (`content/quotes/a/gp-says.md:7`), as for
/// `[our patch](borough:a)`.
#[test]
fn a_quote_linking_its_boroughs_report_by_address_is_published() {
    // By reference, the link is refused at the words.
    let (_, run) = gp_says("Nobody reads the notes in [our patch](borough:a).", |_| {});
    run.expect_code(1);
    assert!(run.stderr.contains("error[anonymity::borough-in-words]"));
    assert!(run.stderr.contains(&format!("{GP_SAYS}:7:")));

    let mut published = Vec::new();
    for words in [
        "Nobody reads the notes in [our patch](../boroughs/a.html).",
        "Nobody reads the notes in [our patch](https://example.org/eval/boroughs/a.html).",
    ] {
        let (project, run) = gp_says(words, |_| {});
        if run.code == 0 {
            let page = project.page("quotes/gp-says.html");
            let quote = &page[page.find("<blockquote").unwrap()..];
            assert!(page.contains(">GP<") && quote.contains("boroughs/a.html\">our patch"));
            published.push(words);
        } else {
            assert!(
                run.stderr.contains("error[anonymity::")
                    && run.stderr.contains(&format!("{GP_SAYS}:7:")),
                "{}",
                run.stderr
            );
        }
    }
    assert!(
        published.is_empty(),
        "each links Borough A's report from a quote attributed “GP”, from Borough A's one GP:\n{published:#?}"
    );
}
