//! Red team, round 17: counts in the places and shapes round 16's readers
//! still pass over (a pathway's arrows, a picture's text, a wrapped
//! summary, a finding about two boroughs on each one's report, a share
//! said as a fraction, a table cell listing several counts, a theme's
//! static page under its heading), a role written by the initials of its
//! last words in a quote's address, a phone number followed by opening
//! hours refused at the wrong place; and false alarms the new words that
//! count without a number, a role's initials and a row's every label
//! raise on ordinary report text ("both … and …", "2 pm", "1:1
//! interviews").
//! Each test fails on main when written; each says what should happen.

mod common;
use common::{
    LONE_GP_IN_A, METHODS, Project, assert_borough_a_hides_its_nurses, borough_a_page, cell,
    methods_with, participants, project_with_k3, project_with_k3_registry, table_rows, unwarned,
    warns_of_a_count,
};

/// Road: a count on an arrow of a pathway map. Round 16 made a step's
/// `label:` read ("District nurses (3)" on Borough A's map is warned of),
/// but an edge's `label:` is drawn on the same map, beside the same
/// report's "Who took part", and `Checker::counts_in`
/// (`resolve/checker.rs`) reads `doc.meta.nodes` only, never
/// `doc.meta.edges`. "handover to the 3 district nurses" on Borough A's
/// map gives Borough A's hidden 3 nurses, so 8 − 4 − 3 = 1 GP. What should
/// happen: an edge's label is read as a step's (`table::hidden-count` at
/// its line of the pathway's file).
#[test]
fn a_count_on_a_pathways_arrow_is_not_read() {
    // A step's label is read.
    let project = project_with_k3();
    project.edit(
        "content/pathways/a-discharge.md",
        "label: Discharge to Assess",
        "label: Handover to the 3 district nurses",
    );
    let run = project.build();
    run.expect_code(0);
    assert!(warns_of_a_count(&run.stderr), "{}", run.stderr);

    // An arrow's label is not.
    let project = project_with_k3();
    project.edit(
        "content/pathways/a-discharge.md",
        "label: referral when medically fit",
        "label: handover to the 3 district nurses",
    );
    let run = project.build();
    run.expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(
        project
            .page("pathways/a-discharge.html")
            .contains("handover to the 3 district nurses")
    );
    assert!(
        warns_of_a_count(&run.stderr) && run.stderr.contains("content/pathways/a-discharge.md:10:"),
        "the arrow gives Borough A's 3 hidden nurses on its map, unwarned:\n{}",
        run.stderr
    );
}

/// Road: a count in a picture's text alternative, written in raw HTML as
/// reports place photographs with a size or a class: `<img alt="The
/// three district nurses of Borough A at their morning huddle">`. The
/// alternative is what a screen reader reads, and what the page shows
/// when the picture does not load; the gate reads it for names. The same
/// words as a Markdown image's alt (`![The three district nurses…](…)`)
/// or as a `<figcaption>` are warned of. `prose_blocks`
/// (`markdown/scan.rs`) takes the text tokens of raw HTML and never an
/// attribute. What should happen: the `alt` (and `title`) of raw HTML are
/// read as the sentences they are (`table::hidden-count`).
#[test]
fn a_count_in_a_pictures_alt_text_in_html_is_not_read() {
    let words = "The three district nurses of Borough A at their morning huddle";
    let place = |p: &Project, body: &str| {
        p.write(
            "content/boroughs/a.md",
            borough_a_page(&format!("Borough A runs a team.\n\n{body}\n")),
        );
    };
    let markdown = format!("![{words}](https://example.org/huddle.jpg)");
    let caption = format!(
        "<figure><img src=\"https://example.org/huddle.jpg\" alt=\"\"><figcaption>{words}</figcaption></figure>"
    );
    let html =
        format!("<img src=\"https://example.org/huddle.jpg\" alt=\"{words}\" width=\"480\">");
    // As a Markdown image's alt, or a caption, it is read.
    assert!(unwarned(&[&markdown, &caption], project_with_k3, place).is_empty());
    let project = project_with_k3();
    place(&project, &html);
    project.build().expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(project.page("boroughs/a.html").contains(words));
    let silent = unwarned(&[&html], project_with_k3, place);
    assert!(
        silent.is_empty(),
        "the alt text gives Borough A's 3 hidden nurses, so 8 − 4 − 3 = 1 GP, unwarned:\n{silent:#?}"
    );
}

/// Road: a borough's `summary:` wrapped over two lines, as YAML allows and
/// as editors wrap a long line: "In Borough A we interviewed three
/// district nurses\n  and four social workers." YAML reads it as one line
/// and the report prints it so, beside "Who took part", which hides the 3
/// nurses to hide the one GP. `Checker::nth_field_in` reads a field only
/// where the file holds its value byte for byte (`text.get(span) ==
/// Some(value)`), which a wrapped plain scalar never does (its line break
/// and indent are read as a space); on one line it is warned of. Docs:
/// participant-tables.md says a `summary:` is read, and says "written on
/// one line" of titles and labels only. What should happen: a plain or
/// quoted scalar over several lines is read (`table::hidden-count`).
#[test]
fn a_count_in_a_summary_wrapped_over_two_lines_is_not_read() {
    let with_summary = |summary: &str| {
        let project = project_with_k3();
        project.write(
            "content/boroughs/a.md",
            format!("---\ntitle: Borough A\norder: 1\n{summary}\n---\nBorough A runs a team.\n"),
        );
        project
    };
    // On one line, it is read.
    let project = with_summary(
        "summary: In Borough A we interviewed three district nurses and four social workers.",
    );
    assert!(warns_of_a_count(&project.build().stderr));

    let project = with_summary(
        "summary: In Borough A we interviewed three district nurses\n  and four social workers.",
    );
    let run = project.build();
    run.expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(
        project
            .page("boroughs/a.html")
            .contains("three district nurses and four social workers")
    );
    assert!(
        warns_of_a_count(&run.stderr),
        "the wrapped summary gives Borough A's 3 hidden nurses, unwarned:\n{}",
        run.stderr
    );
}

/// Road: a finding that holds in two boroughs, whose first paragraph is
/// printed as its summary on each one's report. "Three district nurses
/// described sharing a building without sharing any work." stands on
/// Borough A's report beside "Who took part", which hides its 3 nurses
/// (8 − 4 − 3 = 1 GP). The same sentence in Borough A's report, or in a
/// finding of Borough A alone (round 16), is warned of.
/// `Checker::counts_in` gives a finding a page only through `one_borough`
/// (`resolve/checker.rs`), so a finding of Boroughs A and B is read
/// study-wide (5 district nurses, shown). What should happen: a count in
/// a finding's first paragraph is looked up in each borough whose report
/// prints it (`table::hidden-count`).
#[test]
fn a_count_in_a_two_borough_findings_summary_is_read_study_wide() {
    let sentence = "Three district nurses described sharing a building without sharing any work.";
    let with_boroughs = |boroughs: &str| {
        let project = project_with_k3();
        project.write(
            "content/findings/co-location.md",
            format!(
                "---\ntitle: Co-location without collaboration\ncodes: [co-location]\n\
                 boroughs: {boroughs}\n---\n{sentence}\n"
            ),
        );
        project
    };
    // A finding of Borough A alone is read.
    assert!(warns_of_a_count(&with_boroughs("[a]").build().stderr));

    let project = with_boroughs("[a, b]");
    let run = project.build();
    run.expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(project.page("boroughs/a.html").contains(sentence));
    assert!(
        warns_of_a_count(&run.stderr),
        "printed on Borough A's report, it gives its 3 hidden nurses, unwarned:\n{}",
        run.stderr
    );
}

/// Borough A: one GP, three district nurses, five social workers (9);
/// Borough B: three of each. `role/borough` hides A's GP and, to keep it,
/// A's nurses.
const NINE_IN_A: &[(&str, &str, &str, usize)] = &[
    ("GP", "primary-care", "a", 1),
    ("District nurse", "health", "a", 3),
    ("Social worker", "social-care", "a", 5),
    ("GP", "primary-care", "b", 3),
    ("District nurse", "health", "b", 3),
    ("Social worker", "social-care", "b", 3),
];

/// Road: a share said as a fraction, as reports say it: "A third of the
/// participants in Borough A were district nurses", "a third of Borough
/// A's nine interviewees". Borough A's "Who took part" shows 9 in all and
/// 5 social workers, and hides its 3 district nurses to hide its one GP:
/// a third of 9 is 3, so 9 − 5 − 3 = 1 GP. Round 16 reads a share as a
/// percentage or a number ("33% of participants", "three of the nine
/// participants", both warned of), but `number` (`tables/check.rs`) knows
/// no fraction word ("third", "quarter", "half"), so the share has no
/// count. What should happen: a fraction of a group is read as a share
/// (`table::hidden-count`).
#[test]
fn a_count_given_as_a_fraction_of_a_shown_total_is_not_read() {
    let make = || project_with_k3_registry(NINE_IN_A);
    let place = |p: &Project, sentence: &str| {
        p.write(
            "content/boroughs/a.md",
            borough_a_page(&format!("Borough A runs a team.\n\n{sentence}\n")),
        );
    };
    let project = make();
    place(
        &project,
        "A third of the participants in Borough A were district nurses.",
    );
    project.build().expect_code(0);
    let who = &table_rows(&project.page("boroughs/a.html"))[0];
    assert_eq!(cell(who, "District nurse", "Participants"), "–", "{who:?}");
    assert_eq!(cell(who, "GP", "Participants"), "–", "{who:?}");
    assert_eq!(cell(who, "Social worker", "Participants"), "5", "{who:?}");
    assert_eq!(cell(who, "Total", "Participants"), "9", "{who:?}");
    // As a percentage or a number, it is read.
    assert!(
        unwarned(
            &[
                "33% of the participants in Borough A were district nurses.",
                "Three of the nine participants in Borough A were district nurses.",
            ],
            make,
            place
        )
        .is_empty()
    );
    let silent = unwarned(
        &[
            "A third of the participants in Borough A were district nurses.",
            "One third of the participants in Borough A were district nurses.",
        ],
        make,
        place,
    );
    assert!(
        silent.is_empty(),
        "a third of Borough A's shown 9 is its 3 hidden nurses, so 9 − 5 − 3 = 1 GP, unwarned:\n{silent:#?}"
    );
}

/// Road: a table whose cell lists the interviewees of its row, as methods
/// tables of sites often do: "| Borough A | 4 community matrons and 3
/// district nurses |". [`LONE_GP_IN_A`]: `role/borough` hides A's one GP
/// and, to keep it, A's 3 district nurses. `count_in` (`tables/check.rs`)
/// reads a cell's leading number only (4), `hidden_count` looks it up by
/// the first role the cell names (community matrons, shown: 4), and the
/// words of a table's cells are never read as sentences (`prose_blocks`
/// leaves tables out), so the 3 district nurses are passed over. The same
/// words as a sentence are warned of. What should happen: each number of
/// a cell is read with the words after it, as a sentence's are
/// (`table::hidden-count` at the "3").
#[test]
fn a_second_count_in_a_table_cell_is_not_read() {
    let words = "4 community matrons and 3 district nurses";
    let place = |p: &Project, body: &str| {
        p.write(
            METHODS,
            methods_with(&format!("![](participants:role/borough)\n\n{body}\n")),
        );
    };
    let make = || project_with_k3_registry(LONE_GP_IN_A);
    // As a sentence, it is read.
    assert!(
        unwarned(
            &[&format!("In Borough A we interviewed {words}.")],
            make,
            place
        )
        .is_empty()
    );
    let table = format!("| Borough | Interviewees |\n|---|---|\n| Borough A | {words} |");
    let project = make();
    place(&project, &table);
    let run = project.build();
    run.expect_code(0);
    let table_of = &table_rows(&project.page("pages/methods.html"))[0];
    assert_eq!(cell(table_of, "District nurse", "Borough A"), "–");
    assert_eq!(cell(table_of, "Community matron", "Borough A"), "4");
    assert!(
        run.stderr.contains("table::hidden-count") && run.stderr.contains("methods.md:9:"),
        "the cell gives Borough A's 3 hidden nurses beside the table, unwarned:\n{}",
        run.stderr
    );
}

/// Road: a table in a theme's static page under its heading, as a
/// standalone page of the study's interviews is written: `<h1>Who took
/// part in Borough A</h1>` and a table of roles and counts. In a page of
/// `content/` the heading before a table names the borough its counts are
/// about (round 16), and "District nurse | 3" under "## Borough A" is
/// warned of. `check_published_tables` (`tables/check.rs`) reads a static
/// page's tables alone (`hidden_count` with no context and no page), so
/// the 3 district nurses are looked up study-wide (5, shown). What should
/// happen: a static page's tables are read as a page's are, with the
/// heading or sentence before them (`table::hidden-count` at the "3").
#[test]
fn a_table_in_a_static_page_is_read_without_its_heading() {
    let table = "<table>\n<tr><th>Role</th><th>Interviewees</th></tr>\n\
                 <tr><td>Social worker</td><td>4</td></tr>\n\
                 <tr><td>District nurse</td><td>3</td></tr>\n</table>\n";
    // In a page, under its heading, it is read.
    let project = project_with_k3();
    project.write(
        METHODS,
        methods_with(&format!("## Who took part in Borough A\n\n{table}")),
    );
    assert!(warns_of_a_count(&project.build().stderr));

    let project = project_with_k3();
    project.write(
        "themes/default/static/who-took-part-a.html",
        format!(
            "<!doctype html>\n<html lang=\"en\"><head><title>Who took part in Borough A</title></head>\n\
             <body>\n<h1>Who took part in Borough A</h1>\n{table}</body></html>\n"
        ),
    );
    let run = project.build();
    run.expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(
        project
            .read("site/static/who-took-part-a.html")
            .contains("<td>District nurse</td><td>3</td>")
    );
    assert!(
        warns_of_a_count(&run.stderr),
        "the static page gives Borough A's 3 hidden nurses, unwarned:\n{}",
        run.stderr
    );
}

/// Road: a quote's file named by the initials of its speaker's role's
/// last words, as interview codes name a grade of a role by the role:
/// `sw2-duty-rota` for a senior social worker. k = 3, quotes attributed
/// "Social care, Borough A" by default (`[sector, borough]`); Borough A's
/// social care staff are 2 senior social workers and 3 care navigators,
/// so `ssw2-…` (the initials of the role's first words) and `social-…`
/// (one of its words) are refused (`anonymity::attribution-in-address`),
/// each leaving 2. `role_hint` (`anonymity/attribution/mod.rs`) takes
/// initials of the role's first 2, 3… words only (`role[..n]`), never of
/// its last ones, so `sw` says "social worker" to every reader and is
/// published. What should happen: `anonymity::attribution-in-address`.
#[test]
fn a_role_written_by_the_initials_of_its_last_words_in_a_quotes_address_is_not_read() {
    let filed_as = |name: &str| {
        let project = Project::fixture("basic");
        project.edit(
            "evalsite.yaml",
            "k: 2",
            "k: 3\n  attribution: [sector, borough]",
        );
        // The fixture's quote `same-building` is a-sw-1's, here a senior
        // social worker's.
        project.write(
            "content/participants.yaml",
            participants(&[
                ("Care navigator", "social-care", "a", 3),
                ("District nurse", "health", "a", 3),
            ]) + "  - {id: a-sw-1, role: Senior social worker, sector: social-care, borough: a}\n\
                  \x20 - {id: a-sw-2, role: Senior social worker, sector: social-care, borough: a}\n",
        );
        project.write(
            &format!("content/quotes/a/{name}.md"),
            "---\nparticipant: a-sw-2\nsource: interview\ncodes: [co-location]\n---\n\
             The duty rota leaves nobody for the hospital.\n",
        );
        project
    };
    for name in ["ssw2-duty-rota", "social-duty-rota"] {
        let run = filed_as(name).build();
        run.expect_code(1);
        assert!(
            run.stderr.contains("anonymity::attribution-in-address"),
            "{name}: {}",
            run.stderr
        );
    }
    let project = filed_as("sw2-duty-rota");
    let run = project.build();
    if run.code == 0 {
        assert!(
            project
                .page("quotes/sw2-duty-rota.html")
                .contains("Social care, Borough A")
        );
    }
    assert!(
        run.stderr.contains("anonymity::attribution-in-address"),
        "`sw2` says one of Borough A's 2 senior social workers, and is published:\n{}",
        run.stderr
    );
}

/// Wrong place: a mobile number in an unusual grouping followed by the
/// hours to ring it, as a duty desk's details are written: "Ring 07 700
/// 900 123 9am to 5pm." The final check finds the number, but the checks
/// of the researcher's file do not, so the message points at
/// `content/pages/methods.md:1:1` and says "the source files passed the
/// checks, so a template or theme file prints it": the researcher is sent
/// to their theme for a number in line 7 of their own page. `any_grouping`
/// (`anonymity/patterns/contact.rs`) refuses a grouping where another
/// digit group follows after a space (`GROUP_AFTER`: " 9" of "9am"), to
/// keep counts out. Without the hours it is found at its line. What
/// should happen: `anonymity::phone-number` at line 7.
#[test]
fn a_phone_number_followed_by_its_hours_is_refused_at_the_wrong_place() {
    let with = |line: &str| {
        let project = Project::fixture("basic");
        project.write(
            METHODS,
            methods_with(&format!("The duty desk is open daily.\n\n{line}\n")),
        );
        project
    };
    let run = with("Ring 07 700 900 123 from nine to five.").build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[anonymity::phone-number]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/pages/methods.md:7:"),
        "{}",
        run.stderr
    );

    for line in [
        "Ring 07 700 900 123 9am to 5pm.",
        "Mobile: 0 7700 900123 24 hours a day.",
    ] {
        let run = with(line).build();
        run.expect_code(1);
        assert!(
            run.stderr.contains("error[anonymity::phone-number]")
                && run.stderr.contains("content/pages/methods.md:7:"),
            "“{line}” is refused, but not at its line:\n{}",
            run.stderr
        );
    }
}

/// False alarm: "both … and …" joining two groups, as reports write it
/// on every page: "In Borough A, both health and social care staff
/// described the referral form as a barrier", "both DNs and GPs relied on
/// the navigators" (the reference paper on East London says the latter).
/// `quantity` (`tables/check.rs`) reads "both" as a count of 2 of the
/// sector or role after it, and "and" is one of the `FOLLOWERS` that make
/// "health" people ("DNs" is a plural), so the build warns that the
/// sentence "gives back" Borough A's hidden health staff "as 2". Nothing
/// is counted. What should happen: "both" before "X and Y" is a
/// conjunction, not a count; no warning.
#[test]
fn false_alarm_both_joining_two_groups_is_read_as_a_count_of_two() {
    let cases = [
        "In Borough A, both health and social care staff described the referral form as a barrier.",
        "In Borough A, both DNs and GPs relied on the care navigators.",
        "In Borough A, both district nurses and social workers described the referral form as a barrier.",
    ];
    let place = |p: &Project, sentence: &str| {
        p.write(
            "content/boroughs/a.md",
            borough_a_page(&format!("Borough A runs a team.\n\n{sentence}\n")),
        );
    };
    let project = project_with_k3();
    place(&project, cases[0]);
    project.build().expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    let warned: Vec<&str> = cases
        .iter()
        .copied()
        .filter(|case| unwarned(&[case], project_with_k3, place).is_empty())
        .collect();
    assert!(
        warned.is_empty(),
        "“both X and Y” counts nobody, and is warned of:\n{warned:#?}"
    );
}

/// False alarm: a time of day. "The practice huddle starts at 2 pm." on
/// Borough B's report, where the study's practice managers are three in
/// Borough A and one in Borough B (hidden, with another count of its
/// column). `Labels::new` (`tables/check.rs`) adds a role's initials as a
/// label unless they are one of `COMMON_WORDS` ("am" is; "pm" is not), so
/// "pm" is "Practice manager", and `prose_counts` reads "2 pm" at the end
/// of a sentence as two practice managers, hidden in Borough B. What
/// should happen: "am"/"pm" after a number are a time; no warning.
#[test]
fn false_alarm_a_time_of_day_is_read_as_a_count_of_practice_managers() {
    let registry: &[(&str, &str, &str, usize)] = &[
        ("Social worker", "social-care", "a", 3),
        ("GP", "primary-care", "a", 3),
        ("Practice manager", "primary-care", "a", 3),
        ("District nurse", "health", "a", 3),
        ("GP", "primary-care", "b", 3),
        ("Practice manager", "primary-care", "b", 1),
        ("District nurse", "health", "b", 3),
    ];
    let cases = [
        "The practice huddle starts at 2 pm.",
        "Referrals reach the hub until 4 pm on weekdays.",
    ];
    let place = |p: &Project, sentence: &str| {
        p.write(
            "content/boroughs/b.md",
            format!("---\ntitle: Borough B\norder: 2\n---\nBorough B runs a hub.\n\n{sentence}\n"),
        );
    };
    let project = project_with_k3_registry(registry);
    place(&project, cases[0]);
    project.build().expect_code(0);
    let who = &table_rows(&project.page("boroughs/b.html"))[0];
    assert_eq!(
        cell(who, "Practice manager", "Participants"),
        "–",
        "{who:?}"
    );
    let warned: Vec<&str> = cases
        .iter()
        .copied()
        .filter(|case| unwarned(&[case], || project_with_k3_registry(registry), place).is_empty())
        .collect();
    assert!(
        warned.is_empty(),
        "a time of day counts nobody, and is warned of:\n{warned:#?}"
    );
}

/// False alarm: "1:1 interviews", as UK reports name the method, in a
/// table of methods by borough: "| Borough A | 1:1 interviews | 8 |".
/// `count_in` (`tables/check.rs`) takes any cell's leading number for a
/// count, so the method is "a count of 1", and `small_count` reads it by
/// the other cells of its row that are not counts (round 16), "Borough
/// A": the build warns that "a count of 1 for `Borough A`" can single
/// someone out, of a table whose only counts (8 and 5) are the totals the
/// generated tables show. With "Interviews" it is silent. What should
/// happen: a cell whose number is followed by more than a count's words
/// (a ratio, "-to-one") is a label, not a count; no warning.
#[test]
fn false_alarm_one_to_one_interviews_in_a_table_is_a_count_of_one() {
    let table = |method: &str| {
        format!(
            "| Borough | Method | Participants |\n|---|---|---|\n\
             | Borough A | {method} | 8 |\n| Borough B | {method} | 5 |"
        )
    };
    let place = |p: &Project, body: &str| {
        p.write(METHODS, methods_with(&format!("{body}\n")));
    };
    let project = project_with_k3();
    place(&project, &table("Interviews"));
    let run = project.build();
    run.expect_code(0);
    assert!(!warns_of_a_count(&run.stderr), "{}", run.stderr);
    let warned: Vec<String> = ["1:1 interviews", "One-to-one interviews"]
        .iter()
        .map(|method| table(method))
        .filter(|body| unwarned(&[body.as_str()], project_with_k3, place).is_empty())
        .collect();
    assert!(
        warned.is_empty(),
        "the method is no count, and is warned of:\n{warned:#?}"
    );
}
