//! Participant tables and small-number suppression end to end (issue 20):
//! the `![](participants:…)` embed, its errors, the warning for a
//! hand-written table of participants, the borough reports' "Who took
//! part", and the counts of quotes and findings.

mod common;
use common::{
    METHODS, Project, build_fails, methods_with, project_with_k3, table_rows, unwarned,
    warns_of_a_count,
};
use scraper::{Html, Selector};

#[test]
fn the_embed_renders_the_table_with_counts_below_k_hidden() {
    let project = project_with_k3();
    project.write(
        METHODS,
        methods_with("Who took part:\n\n![](participants:role/borough)\n"),
    );
    project.build().expect_code(0);
    let tables = table_rows(&project.page("pages/methods.html"));
    assert_eq!(tables.len(), 1);
    let expected = [
        vec!["Role", "Borough A", "Borough B", "Total"],
        vec!["District nurse", "–", "–", "5"],
        vec!["GP", "–", "–", "4"],
        vec!["Social worker", "4", "0", "4"],
        // The withdrawn nurse is not counted: Borough B has 5.
        vec!["Total", "8", "5", "13"],
    ];
    assert_eq!(
        tables[0],
        expected.map(|r| r.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    );
    let html = project.page("pages/methods.html");
    assert!(
        html.contains("counts of 1 or 2 people are not shown"),
        "{html}"
    );
}

#[test]
fn one_way_tables_agree_with_the_margins() {
    let project = project_with_k3();
    project.write(
        METHODS,
        methods_with("![](participants:borough)\n\n![](participants:sector)\n"),
    );
    project.build().expect_code(0);
    let tables = table_rows(&project.page("pages/methods.html"));
    assert_eq!(tables[0][1], ["Borough A", "8"]);
    assert_eq!(tables[0][2], ["Borough B", "5"]);
    assert_eq!(tables[1].last().unwrap(), &["Total", "13"]);
}

#[test]
fn an_unknown_field_in_the_embed_is_an_error_at_its_place() {
    let out = build_fails(
        |p| {
            p.write(
                METHODS,
                methods_with("Who:\n\n![](participants:role/bourough)\n"),
            );
        },
        "content/pages/methods.md:7:23",
        "table::unknown-field",
    );
    insta::assert_snapshot!(out);
}

#[test]
fn a_table_inside_a_paragraph_or_linked_is_an_error() {
    build_fails(
        |p| {
            p.write(METHODS, methods_with("See ![](participants:level) here.\n"));
        },
        "content/pages/methods.md:5:22",
        "table::not-alone",
    );
    build_fails(
        |p| {
            p.write(METHODS, methods_with("[who](participants:level)\n"));
        },
        "content/pages/methods.md:5:20",
        "table::not-embedded",
    );
}

/// Every number a participant table on the page shows.
fn shown_numbers(html: &str) -> Vec<usize> {
    table_rows(html)
        .into_iter()
        .flatten()
        .flat_map(|row| row.into_iter().skip(1))
        .filter_map(|cell| cell.parse().ok())
        .collect()
}

#[test]
fn a_borough_reports_who_took_part_with_the_same_table_and_rule() {
    let project = project_with_k3();
    project.build().expect_code(0);
    let a = project.page("boroughs/a.html");
    let rows = &table_rows(&a)[0];
    let expected = [
        ["Role", "Participants"],
        ["District nurse", "–"],
        ["GP", "–"],
        ["Social worker", "4"],
        ["Total", "8"],
    ];
    assert_eq!(rows, &expected.map(|r| r.map(String::from).to_vec()));
    // Borough B: no social worker (a shown 0 is left out), and the
    // withdrawn nurse is not counted.
    let b = project.page("boroughs/b.html");
    let rows = &table_rows(&b)[0];
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(rows[3], ["Total", "5"]);
    for page in [&a, &b] {
        // Regression: the old table listed every role with `<k`, which
        // told a reader the role was present in small numbers.
        assert!(!page.contains("&lt;3"), "{page}");
        for n in shown_numbers(page) {
            assert!(n == 0 || n >= 3, "a count of {n} is shown");
        }
    }
}

#[test]
fn the_example_project_shows_no_participant_count_below_k() {
    let project = Project::example();
    project.build().expect_code(0);
    for page in [
        "pages/methods.html",
        "boroughs/a.html",
        "boroughs/b.html",
        "boroughs/c.html",
    ] {
        let html = project.page(page);
        assert!(
            !table_rows(&html).is_empty(),
            "{page} has a participant table"
        );
        for n in shown_numbers(&html) {
            assert!(n == 0 || n >= 3, "{page} shows a count of {n}");
        }
    }
}

#[test]
fn a_hand_written_table_of_participants_with_a_small_count_is_warned_of() {
    let project = Project::fixture("basic");
    project.write(
        METHODS,
        methods_with(
            "We interviewed:\n\n| Role | Borough A | Borough B |\n|---|---:|---:|\n| Social workers | 2 | 0 |\n| GP | 1 | 0 |\n",
        ),
    );
    let run = project.build();
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[table::small-count]"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn tables_not_of_participants_or_without_small_counts_are_not_warned_of() {
    let project = Project::fixture("basic");
    project.write(
        METHODS,
        methods_with(
            "| Phase | Months |\n|---|---|\n| Scoping | 1 |\n\n| Role | Borough A |\n|---|---|\n| Social worker | 2 |\n| GP | 0 |\n",
        ),
    );
    let run = project.build();
    run.expect_code(0);
    assert!(!run.stderr.contains("table::small-count"), "{}", run.stderr);
}

/// The number of quotes the framework matrix gives for a code in each
/// borough (in the order of the boroughs).
fn matrix_counts(html: &str, code: &str) -> Vec<usize> {
    let page = Html::parse_document(html);
    let rows = Selector::parse("table.matrix tbody tr").unwrap();
    let link = Selector::parse("th a").unwrap();
    let cell = Selector::parse("td").unwrap();
    let count = Selector::parse(".quote-count").unwrap();
    let href = format!("codebook/{code}.html");
    let row = page
        .select(&rows)
        .find(|r| {
            r.select(&link)
                .any(|a| a.value().attr("href") == Some(href.as_str()))
        })
        .unwrap_or_else(|| panic!("no matrix row for {code}"));
    row.select(&cell)
        .map(|td| {
            td.select(&count).next().map_or(0, |c| {
                let text: String = c.text().collect();
                text.split_whitespace().next().unwrap().parse().unwrap()
            })
        })
        .collect()
}

/// The codebook's quote count and the code page's quotes listed, for a
/// code in each borough.
fn codebook_and_page_counts(project: &Project, code: &str) -> (Vec<usize>, Vec<usize>) {
    let codebook = Html::parse_document(&project.page("codebook.html"));
    let rows = Selector::parse(&format!("#code-{code} table.code-counts tbody tr")).unwrap();
    let quotes = Selector::parse("td").unwrap();
    let listed: Vec<usize> = codebook
        .select(&rows)
        .map(|r| {
            // "n" or "n, of which m in sub-codes" (the counting rule):
            // the whole count is the number before the comma.
            let text: String = r.select(&quotes).next().unwrap().text().collect();
            text.split(',').next().unwrap().trim().parse().unwrap()
        })
        .collect();
    let page = Html::parse_document(&project.page(&format!("codebook/{code}.html")));
    let sections = Selector::parse("main section").unwrap();
    let figures = Selector::parse("figure.quote").unwrap();
    let shown = page
        .select(&sections)
        .map(|s| s.select(&figures).count())
        .collect();
    (listed, shown)
}

#[test]
fn a_quote_is_counted_under_a_borough_only_when_its_attribution_names_it() {
    // The rule for counts of quotes (src/resolve/counts.rs): a quote whose
    // attribution leaves its borough out must not be placed there by a
    // count, or the count would undo the coarser attribution.
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    assert_eq!(
        matrix_counts(&project.page("matrix.html"), "co-location"),
        [1, 1]
    );
    project.edit(
        "content/quotes/a/same-building.md",
        "codes: [co-location]",
        "codes: [co-location]\nattribution: [role]",
    );
    // Regression: a quote that names a code twice was counted twice on the
    // codebook (and listed twice on the code page); it is one quote.
    project.edit(
        "content/quotes/a/forum-notes.md",
        "codes: [co-location]",
        "codes: [co-location, co-location]",
    );
    project.build().expect_code(0);
    assert_eq!(
        matrix_counts(&project.page("matrix.html"), "co-location"),
        [0, 1]
    );
    let (codebook, page) = codebook_and_page_counts(&project, "co-location");
    assert_eq!(codebook, [0, 1]);
    assert_eq!(page, [0, 1]);
}

#[test]
fn every_count_of_quotes_is_the_number_of_quotes_listed_there() {
    let project = Project::example();
    project.build().expect_code(0);
    let codes: Vec<String> = std::fs::read_dir(project.path("content/codebook"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(codes.len() > 3);
    for code in &codes {
        let (codebook, page) = codebook_and_page_counts(&project, code);
        assert_eq!(codebook, page, "{code}: codebook counts and quotes listed");
    }
}

// Regression: a mistake in a project's participant table partial left the
// table out of the page without a word.
#[test]
fn a_mistake_in_the_participant_table_partial_is_reported() {
    let out = common::build_fails(
        |p| {
            p.write(
                "content/pages/methods.md",
                methods_with("Who took part:\n\n![](participants:role/borough)\n"),
            );
            p.write(
                "themes/default/templates/partials/participants.html",
                "<table>{{ nope }}</table>\n",
            );
        },
        "themes/default/templates/partials/participants.html:1:",
        "theme::template",
    );
    assert!(
        out.contains("while making the participant table `role/borough`"),
        "{out}"
    );
}

/// The reader's sums over a two-way table as the page shows it: for each
/// column (and the totals), the shown total less the shown cells, and how
/// many cells of the column are hidden.
fn hidden_part_of_column(table: &[Vec<String>], column: usize) -> (usize, usize) {
    let body = &table[1..table.len() - 1];
    let total: usize = table.last().unwrap()[column].parse().expect("total shown");
    let shown: usize = body
        .iter()
        .filter_map(|r| r[column].parse::<usize>().ok())
        .sum();
    let hidden = body.iter().filter(|r| r[column] == "–").count();
    (total - shown, hidden)
}

#[test]
fn a_quote_that_shows_a_group_holds_k_does_not_give_back_a_hidden_count() {
    // Borough A's column hides its one GP and its three district nurses:
    // 8 - 4 = 4 between them. A quote attributed "District nurse, Borough
    // A" tells a reader the nurses are at least 3, so the GP would be 1.
    let project = project_with_k3();
    project.write(
        METHODS,
        methods_with("Who took part:\n\n![](participants:role/borough)\n"),
    );
    project.write(
        "content/quotes/a/nurse-rounds.md",
        "---\nparticipant: a-dn-1\nsource: interview\ncodes: [co-location]\n---\nThe rounds start at eight.\n",
    );
    project.build().expect_code(0);
    let tables = table_rows(&project.page("pages/methods.html"));
    let table = &tables[0];
    let nurses = table.iter().find(|r| r[0] == "District nurse").unwrap();
    assert_eq!(nurses[1], "–");
    // Either Borough A's total is hidden, or the GP shares the hidden part
    // of the column with more than the nurses: 4 less at least 3 for the
    // nurses would leave the GP 1.
    if table.last().unwrap()[1] != "–" {
        let (mass, hidden) = hidden_part_of_column(table, 1);
        assert!(hidden >= 3, "{table:?}: {hidden} hidden cells hold {mass}");
    }
    // The borough's report agrees with the study-wide table.
    let report = table_rows(&project.page("boroughs/a.html"));
    let gp = report[0].iter().find(|r| r[0] == "GP").unwrap();
    assert_eq!(gp[1], "–");
}

#[test]
fn a_hand_written_count_that_the_generated_tables_hide_is_warned_of() {
    // Borough A's district nurses (3) are hidden to keep its one GP from
    // being worked out; a hand-written table that gives them gives the GP.
    let project = project_with_k3();
    project.write(
        METHODS,
        methods_with(
            "![](participants:role/borough)\n\n| Role | Borough A |\n|---|---:|\n| District nurses | 3 |\n| Social workers | 4 |\n",
        ),
    );
    let run = project.build();
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[table::hidden-count]"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_count_in_a_sentence_that_the_generated_tables_hide_is_warned_of() {
    // The same count as above, in a sentence of the methods page.
    let project = project_with_k3();
    project.write(
        METHODS,
        methods_with(
            "![](participants:role/borough)\n\nWe interviewed three district nurses in Borough A.\n",
        ),
    );
    let run = project.build();
    run.expect_code(0);
    insta::assert_snapshot!(run.stderr);
}

/// A table laid out with ARIA roles (`<div role="table">`, rows, cells and
/// headers as `role`s) is a table to a reader and to a screen reader:
/// its counts are read as a `<table>`'s are, beside the generated table
/// that hides Borough A's 3 district nurses (so its one GP); and the
/// same table laid out with no roles is no table, so nothing is read as
/// its cells.
#[test]
fn a_table_laid_out_with_aria_roles_is_read_as_a_table() {
    let aria = "<div role=\"table\">\n\
                <div role=\"caption\">Borough A</div>\n\
                <div role=\"row\"><div role=\"columnheader\">Role</div>\
                <div role=\"columnheader\">Interviewed</div></div>\n\
                <div role=\"row\"><div role=\"rowheader\">District nurse</div>\
                <div role=\"cell\">3</div></div>\n\
                </div>";
    let silent = unwarned(&[aria], project_with_k3, |p, table| {
        p.write(
            METHODS,
            methods_with(&format!("![](participants:role/borough)\n\n{table}\n")),
        );
    });
    assert!(
        silent.is_empty(),
        "the table gives Borough A's 3 hidden nurses beside the generated table, unwarned"
    );
    let plain = aria.replace(" role=", " data-role=");
    let project = project_with_k3();
    project.write(
        METHODS,
        methods_with(&format!("![](participants:role/borough)\n\n{plain}\n")),
    );
    let run = project.build();
    run.expect_code(0);
    assert!(!warns_of_a_count(&run.stderr), "{}", run.stderr);
}
