//! Red team, round 14: participant tables set against each other and against
//! what the rest of the site says, and the attribution-by-elimination rule.
//! Each test fails on main when written; each says what should happen.

mod common;
use common::{
    LONE_GP_IN_A, METHODS, Project, borough_a_page, cell, methods_with, participants,
    project_with_k3, project_with_k3_registry, table_rows,
};

/// Road: a hand-written table on Borough A's own report, its rows labelled
/// by role alone ("District nurse | 3"). The page is Borough A's, so the
/// count is Borough A's nurses; but the check looks a role alone up in the
/// study-wide `role` table (5 nurses, shown) and says nothing. The report's
/// own "Who took part" shows Total 8 and social workers 4, hiding the GP
/// and the nurses: 8 − 4 − 3 = 1 GP. What should happen: on a borough's
/// page a count of a role is checked as that role in that borough, and
/// warned of (`table::hidden-count`).
#[test]
fn a_hand_written_role_table_on_a_boroughs_own_page_gives_back_its_hidden_count() {
    let project = project_with_k3();
    project.write(
        "content/boroughs/a.md",
        borough_a_page(
            "Borough A runs an extended primary care team.\n\n\
             | Role | Interviewed |\n|---|---|\n| District nurse | 3 |\n",
        ),
    );
    let run = project.build();
    run.expect_code(0);
    let a = project.page("boroughs/a.html");
    let who = &table_rows(&a)[0];
    assert_eq!(cell(who, "District nurse", "Participants"), "–", "{who:?}");
    assert_eq!(cell(who, "GP", "Participants"), "–", "{who:?}");
    assert!(
        run.stderr.contains("table::hidden-count") || run.stderr.contains("table::small-count"),
        "Borough A's page gives its 3 nurses, which its own table hides: \
         8 − 4 − 3 = 1 GP, and no warning:\n{}",
        run.stderr
    );
}

/// Road: the `table::hidden-count` check looked only at roles and
/// boroughs. Published `sector/borough` hides Borough A's one primary care
/// participant, and (as Borough A's district nurses are hidden in the
/// table by role) its health staff, 7: column A shows social care 5 and
/// total 13, so primary care + health = 8. A hand-written table "Health |
/// Borough A: 7" gives 8 − 7 = 1. What should happen: a count the generated
/// sector (or level) tables hide is warned of as well.
#[test]
fn a_hand_written_sector_count_gives_back_what_sector_by_borough_hides() {
    let project = project_with_k3_registry(LONE_GP_IN_A);
    project.write(
        METHODS,
        methods_with(
            "![](participants:sector/borough)\n\n\
             Health interviews:\n\n| Sector | Borough A |\n|---|---|\n| Health | 7 |\n",
        ),
    );
    let run = project.build();
    run.expect_code(0);
    let tables = table_rows(&project.page("pages/methods.html"));
    let sectors = &tables[0];
    assert_eq!(
        cell(sectors, "Primary care", "Borough A"),
        "–",
        "{sectors:?}"
    );
    // Since round 14's tables set against each other, health in Borough A
    // is hidden as Borough A's district nurses are in the table by role;
    // social care, which that table shows, is shown.
    assert_eq!(cell(sectors, "Health", "Borough A"), "–", "{sectors:?}");
    assert_eq!(
        cell(sectors, "Social care", "Borough A"),
        "5",
        "{sectors:?}"
    );
    assert_eq!(cell(sectors, "Total", "Borough A"), "13", "{sectors:?}");
    assert!(
        run.stderr.contains("table::hidden-count"),
        "13 − 7 − 5 = 1 primary care participant in Borough A, and no warning:\n{}",
        run.stderr
    );
}

/// Road: a hand-written count of the "Other roles" row. k = 3; Borough A
/// has 2 pharmacists and 1 occupational therapist, Borough B 1 of each
/// (grouped: fewer than 3 in every borough), so "Other roles" is 3 in A and
/// 2 in B (total 5). `role/borough` hides B's 2 and, so that the row's
/// total does not give it back, A's 3. A table of the author's own,
/// "Other roles | Borough A | 3", is not looked up (its label is no role of
/// the registry), and gives back 5 − 3 = 2 in Borough B. What should
/// happen: `table::hidden-count` for the "Other roles" row as for a role.
#[test]
fn a_hand_written_other_roles_count_gives_back_its_hidden_cell() {
    let project = project_with_k3_registry(&[
        ("Social worker", "social-care", "a", 4),
        ("GP", "primary-care", "a", 3),
        ("District nurse", "health", "a", 3),
        ("Pharmacist", "primary-care", "a", 2),
        ("Occupational therapist", "social-care", "a", 1),
        ("Social worker", "social-care", "b", 3),
        ("GP", "primary-care", "b", 3),
        ("District nurse", "health", "b", 3),
        ("Pharmacist", "primary-care", "b", 1),
        ("Occupational therapist", "social-care", "b", 1),
    ]);
    project.write(
        METHODS,
        methods_with(
            "![](participants:role/borough)\n\n\
             | Role | Borough A |\n|---|---|\n| Other roles | 3 |\n",
        ),
    );
    let run = project.build();
    run.expect_code(0);
    let roles = &table_rows(&project.page("pages/methods.html"))[0];
    assert_eq!(cell(roles, "Other roles", "Borough A"), "–", "{roles:?}");
    assert_eq!(cell(roles, "Other roles", "Borough B"), "–", "{roles:?}");
    assert!(
        run.stderr.contains("table::hidden-count"),
        "“Other roles, Borough A: 3” beside the row's total gives back Borough B's 2, \
         unwarned:\n{}",
        run.stderr
    );
}

/// Road: the count in a hand-written table set in brackets, "(1)", as
/// reports often set counts beside percentages. k = 3, the registry above:
/// `role/borough` hides Borough A's GP (1) and its 3 nurses. "| GP | 1 |"
/// is warned of (`table::small-count`), and so is "**1**"; "| GP | (1) |"
/// gives the GP outright and "| District nurse | (3) |" gives
/// 8 − 4 − 3 = 1 GP, and the build is silent. What should happen: the
/// count inside brackets is read, and warned of.
#[test]
fn a_count_in_brackets_in_a_hand_written_table_is_not_read() {
    for (row, count) in [("GP", "1"), ("GP", "**1**"), ("District nurse", "**3**")] {
        let project = project_with_k3();
        project.write(
            METHODS,
            methods_with(&format!(
                "![](participants:role/borough)\n\n\
                 | Role | Borough A |\n|---|---|\n| {row} | {count} |\n"
            )),
        );
        let run = project.build();
        run.expect_code(0);
        assert!(
            run.stderr.contains("table::"),
            "{row} {count}: {}",
            run.stderr
        );
    }
    for (row, count) in [("GP", "(1)"), ("District nurse", "(3)")] {
        let project = project_with_k3();
        project.write(
            METHODS,
            methods_with(&format!(
                "![](participants:role/borough)\n\n\
                 | Role | Borough A |\n|---|---|\n| {row} | {count} |\n"
            )),
        );
        let run = project.build();
        run.expect_code(0);
        assert!(
            run.stderr.contains("table::hidden-count") || run.stderr.contains("table::small-count"),
            "“{row} | {count}” in Borough A's column is not read as a count:\n{}",
            run.stderr
        );
    }
}

/// Road: the role named in the table's corner cell (the heading of the
/// label column), as in "| District nurses | Borough A |" over
/// "| Interviewed | 3 |". k = 3, the registry above: `role/borough` hides
/// Borough A's 3 nurses and its GP (8 − 4 social workers = 4 between them).
/// The check reads the row's label ("Interviewed": nothing) and the
/// column's ("Borough A": the borough's total, shown), never the corner,
/// and is silent; the table gives 3 nurses, so 1 GP. What should happen:
/// the corner cell's role counts for every cell of the table
/// (`table::hidden-count`).
#[test]
fn a_role_named_in_the_corner_cell_of_a_hand_written_table_is_not_read() {
    let project = project_with_k3();
    project.write(
        METHODS,
        methods_with(
            "![](participants:role/borough)\n\n\
             | District nurses | Borough A |\n|---|---|\n| Interviewed | 3 |\n",
        ),
    );
    let run = project.build();
    run.expect_code(0);
    let roles = &table_rows(&project.page("pages/methods.html"))[0];
    assert_eq!(cell(roles, "District nurse", "Borough A"), "–", "{roles:?}");
    assert_eq!(cell(roles, "GP", "Borough A"), "–", "{roles:?}");
    assert!(
        run.stderr.contains("table::hidden-count") || run.stderr.contains("table::small-count"),
        "3 district nurses in Borough A, which the generated table hides: 1 GP, unwarned:\n{}",
        run.stderr
    );
}

/// Road: a coarser attribution inside a finding's context. k = 3; district
/// nurses: 2 in Borough A, 3 in B, 1 in C. A quote by one of A's nurses is
/// attributed "District nurse" (`attribution: [role]`) and cited by a
/// finding about Boroughs A and B. Study-wide, elimination leaves 3 (A's
/// two and C's one: the borough is left out only where fewer than 3 share
/// it), and the finding's boroughs hold 5 nurses, so each check passed
/// alone. Together: the borough was left out, so A or C; the finding says
/// A or B; so one of Borough A's two nurses. The group is now counted as
/// the reader narrows it, within the finding's boroughs.
#[test]
fn a_coarser_attribution_cited_by_a_finding_is_narrowed_down_by_its_boroughs() {
    let registry = participants(&[
        ("Social worker", "social-care", "a", 3),
        ("Social worker", "social-care", "b", 3),
        ("Social worker", "social-care", "c", 3),
        ("District nurse", "health", "a", 2),
        ("District nurse", "health", "b", 3),
        ("District nurse", "health", "c", 1),
    ]);
    let set_up = |project: &Project, cited_by: &str| {
        project.edit("evalsite.yaml", "k: 2", "k: 3");
        project.write("content/participants.yaml", &registry);
        project.write(
            "content/boroughs/c.md",
            "---\ntitle: Borough C\norder: 3\n---\nBorough C has a hospital at home.\n",
        );
        project.write(
            "content/quotes/a/caseload.md",
            "---\nparticipant: a-dn-1\nsource: interview\ncodes: [co-location]\n\
             attribution: [role]\n---\nWe sit upstairs from the social workers and never see them.\n",
        );
        project.edit(
            "content/findings/co-location.md",
            "boroughs: [a, b]",
            &format!("boroughs: [{cited_by}]"),
        );
        project.edit(
            "content/findings/co-location.md",
            "quotes: [same-building]",
            "quotes: [same-building, caseload]",
        );
    };
    let stderr = common::build_fails(
        |p| set_up(p, "a, b"),
        "content/findings/co-location.md:5:",
        "anonymity::small-group-in-context",
    );
    assert!(
        stderr.contains("only 2 of the study's participants can have said it"),
        "{stderr}"
    );
    // Set in Borough A's report instead: A's two nurses.
    common::build_fails(
        |p| {
            set_up(p, "a, b, c");
            p.write(
                "content/boroughs/a.md",
                borough_a_page("Borough A runs a team.\n\n![](quote:caseload)\n"),
            );
        },
        "content/boroughs/a.md:8:5",
        "anonymity::small-group-in-context",
    );
    // Within all three boroughs the reader is left with the three the
    // study-wide rule counts: it builds.
    let project = Project::fixture("basic");
    set_up(&project, "a, b, c");
    let run = project.build();
    run.expect_code(0);
    assert!(
        project
            .page("findings/co-location.html")
            .contains("never see them")
    );
}

/// Road: the hand-written table as HTML instead of Markdown pipes. k = 3,
/// the registry of `project_with_k3`: `role/borough` hides Borough A's 3
/// nurses and its GP (together 4, with total 8 and 4 social workers shown).
/// An HTML table on the same page gives "District nurse | Borough A | 3":
/// 8 − 4 − 3 = 1 GP. The same table written with pipes was warned of
/// (`table::hidden-count`); as HTML the build was silent. It is read as
/// the pipes are, whether its count is written plainly, as a character
/// reference or in bold, and the warning points at the count.
#[test]
fn a_hand_written_html_table_gives_back_a_hidden_count_unwarned() {
    for (count, line) in [("3", 9), ("&#51;", 9), ("\n\n**3**\n\n", 11)] {
        let project = project_with_k3();
        project.write(
            METHODS,
            methods_with(&format!(
                "![](participants:role/borough)\n\n\
                 <table>\n<tr><th>Role</th><th>Borough A</th></tr>\n\
                 <tr><td>District nurse</td><td>{count}</td></tr>\n</table>\n"
            )),
        );
        let run = project.build();
        run.expect_code(0);
        let html = project.page("pages/methods.html");
        assert_eq!(
            cell(&table_rows(&html)[0], "District nurse", "Borough A"),
            "–"
        );
        assert!(
            run.stderr.contains("warning[table::hidden-count]")
                && run.stderr.contains(&format!("{METHODS}:{line}:")),
            "{count:?}: the HTML table gives back Borough A's hidden nurses:\n{}",
            run.stderr
        );
    }
}

/// Road: the count in prose instead of a table. Borough A's report hides
/// its nurses and its GP (together 4 of 8, with 4 social workers shown);
/// "We interviewed three district nurses in Borough A" gives 8 − 4 − 3 =
/// 1 GP. Only tables were read. The sentences of a report are read now,
/// by the same lookup as a table's cells: the number, the role within two
/// words after it, and the borough the sentence names, else the page's.
#[test]
fn a_count_in_prose_on_a_boroughs_page_gives_back_its_hidden_count() {
    for (sentence, at) in [
        ("We interviewed three district nurses in Borough A.", "8:16"),
        ("In Borough A, 3 of the district nurses took part.", "8:15"),
        ("Our interviews included three district nurses.", "8:25"),
    ] {
        let project = project_with_k3();
        project.write(
            "content/boroughs/a.md",
            borough_a_page(&format!("Borough A runs a team.\n\n{sentence}\n")),
        );
        let run = project.build();
        run.expect_code(0);
        let who = &table_rows(&project.page("boroughs/a.html"))[0];
        assert_eq!(cell(who, "District nurse", "Participants"), "–", "{who:?}");
        assert!(
            run.stderr.contains("warning[table::hidden-count]")
                && run.stderr.contains(&format!("content/boroughs/a.md:{at}")),
            "{sentence:?} beside the hidden table: 8 − 4 − 3 = 1 GP, and no warning at {at}:\n{}",
            run.stderr
        );
    }
    // Counts the tables show, and numbers that count no one, are not.
    for sentence in [
        "We interviewed four social workers in Borough A.",
        "Three months after the district nurses moved, the team met.",
        "Two of the boroughs took part.",
        // From the bundled example, where the first version warned.
        "Borough A has three clusters of GP practices.",
        "A reader can tell that one attributed simply District nurse comes from here.",
        "It comes from a borough where fewer than three district nurses took part.",
    ] {
        let project = project_with_k3();
        project.write(
            "content/boroughs/a.md",
            borough_a_page(&format!("Borough A runs a team.\n\n{sentence}\n")),
        );
        let run = project.build();
        run.expect_code(0);
        assert!(
            !run.stderr.contains("table::hidden-count"),
            "{sentence:?}:\n{}",
            run.stderr
        );
    }
}

/// Road (from round 13's helpers): a quote's file name that says its
/// speaker's role by a short form. A district nurse quoted "Health,
/// Borough A" (to hide which of Borough A's health staff) in a file named
/// `dn-caseload.md` is published at `quotes/dn-caseload.html`, and "dn"
/// leaves Borough A's two district nurses. The address check read only the
/// role's words in full; it now reads a role's words, their beginnings
/// ("physio") and their initials ("dn", "rr"), and refuses where that
/// leaves fewer than k of those the attribution fits.
#[test]
fn a_role_written_short_in_a_quotes_file_name_is_read() {
    let set_up = |p: &Project, file: &str, speaker: &str| {
        p.edit(
            "evalsite.yaml",
            "k: 2",
            "k: 3\n  attribution: [sector, borough]",
        );
        p.write(
            "content/participants.yaml",
            participants(&[
                ("Social worker", "social-care", "a", 3),
                ("District nurse", "health", "a", 2),
                ("Community matron", "health", "a", 3),
            ]),
        );
        p.write(
            &format!("content/quotes/a/{file}.md"),
            format!(
                "---\nparticipant: {speaker}\nsource: interview\ncodes: [co-location]\n---\n\
                 The caseload is sixty on a good day.\n"
            ),
        );
    };
    for (file, speaker) in [("dn-caseload", "a-dn-1"), ("cm-caseload", "a-cm-1")] {
        if speaker == "a-dn-1" {
            let stderr = common::build_fails(
                |p| set_up(p, file, speaker),
                &format!("content/quotes/a/{file}.md:1:1"),
                "anonymity::attribution-in-address",
            );
            assert!(stderr.contains("as “dn”"), "{stderr}");
            assert!(stderr.contains("only 2 of the participants"), "{stderr}");
            insta::assert_snapshot!(stderr);
        } else {
            // Three matrons: "cm" leaves three, enough.
            let project = Project::fixture("basic");
            set_up(&project, file, speaker);
            project.build().expect_code(0);
        }
    }
    // A role's word begun: "physio" for a physiotherapist.
    let stderr = common::build_fails(
        |p| {
            set_up(p, "caseload", "a-dn-1");
            p.remove("content/quotes/a/caseload.md");
            p.edit(
                "content/participants.yaml",
                "role: Community matron, sector: health, borough: a}\n",
                "role: Community matron, sector: health, borough: a}\n  - {id: a-pt-1, role: Physiotherapist, sector: health, borough: a}\n",
            );
            p.write(
                "content/quotes/a/physio-rota.md",
                "---\nparticipant: a-pt-1\nsource: interview\ncodes: [co-location]\n---\nThe rota changes weekly.\n",
            );
        },
        "content/quotes/a/physio-rota.md:1:1",
        "anonymity::attribution-in-address",
    );
    assert!(stderr.contains("as “physio”"), "{stderr}");
}

/// Round 12a's wrong location: a finding that allows a listed term in its
/// first paragraph is summarised by that paragraph on the borough reports
/// and the findings list, where the gate refused it as "a template or
/// theme file prints it", at `content/boroughs/a.md:1:1`. The paragraph is
/// the finding's own body, which its allowance covers wherever it is
/// shown; the same term in a borough's own text is still refused there.
#[test]
fn a_findings_allowed_term_is_shown_with_its_first_paragraph() {
    let allow = |p: &Project, summary: &str, body: &str| {
        p.edit(
            "content/findings/co-location.md",
            "attributes: {learning-loop: single}\n",
            &format!(
                "attributes: {{learning-loop: single}}\n{summary}anonymity:\n  allow: [Thistlebury]\n  reason: the programme's public name\n"
            ),
        );
        p.edit(
            "content/findings/co-location.md",
            "Sharing a building did not",
            body,
        );
    };
    let project = Project::fixture("basic");
    allow(&project, "", "In Thistlebury, sharing a building did not");
    let run = project.build();
    run.expect_code(0);
    for page in [
        "boroughs/a.html",
        "findings.html",
        "findings/co-location.html",
    ] {
        assert!(project.page(page).contains("Thistlebury"), "{page}");
    }
    common::build_fails(
        |p| {
            allow(p, "", "In Thistlebury, sharing a building did not");
            p.edit(
                "content/boroughs/a.md",
                "Borough A runs",
                "Thistlebury runs",
            );
        },
        "content/boroughs/a.md:6:1",
        "anonymity::identifier",
    );
    // In `summary:`, which the allowance does not reach: refused at the
    // line that holds it, by the checks of the files.
    let stderr = common::build_fails(
        |p| {
            allow(
                p,
                "summary: In Thistlebury the teams shared a floor.\n",
                "Sharing a building did not",
            )
        },
        "content/findings/co-location.md:7:13",
        "anonymity::allowance-out-of-reach",
    );
    assert!(!stderr.contains("template"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

/// Road: `role/borough` and `sector/borough` on the same page. Borough A has
/// 1 GP, 3 district nurses, 4 community matrons and 5 social workers (k = 3);
/// nurses and matrons share the sector "health". `role/borough` hides A's GP
/// and, to protect it, A's nurses (hidden part of the column: 4). The
/// `sector/borough` table shows "health, Borough A" = 7, and `role/borough`
/// shows A's matrons = 4: so nurses = 3 and the GP = 4 − 3 = 1.
/// What should happen: a count hidden in one table is not given back by
/// another table the site publishes. A table by sector now shows a count
/// only where the table by role shows every count it adds up: health A is
/// hidden, as Borough A's nurses are.
#[test]
fn role_by_borough_and_sector_by_borough_together_give_back_a_lone_gp() {
    let project = project_with_k3_registry(LONE_GP_IN_A);
    project.write(
        METHODS,
        methods_with("![](participants:role/borough)\n\n![](participants:sector/borough)\n"),
    );
    let run = project.build();
    run.expect_code(0);
    let tables = table_rows(&project.page("pages/methods.html"));
    eprintln!("{tables:#?}");
    let roles = &tables[0];
    let sectors = &tables[1];
    assert_eq!(cell(roles, "GP", "Borough A"), "–");
    // What a reader does: the hidden part of A's column in role/borough is
    // the column total less what is shown; the sector table gives health A;
    // less the shown matrons, that is the nurses; the rest is the GP.
    let shown = |s: String| s.parse::<i64>().ok();
    let total_a = shown(cell(roles, "Total", "Borough A"));
    let matrons_a = shown(cell(roles, "Community matron", "Borough A"));
    let sw_a = shown(cell(roles, "Social worker", "Borough A"));
    let nurses_a = shown(cell(roles, "District nurse", "Borough A"));
    let health_a = shown(cell(sectors, "Health", "Borough A"));
    let worked_out = match (total_a, matrons_a, sw_a, health_a, nurses_a) {
        (Some(t), Some(m), Some(s), Some(h), None) => Some(t - s - m - (h - m)),
        _ => None,
    };
    assert_ne!(
        worked_out,
        Some(1),
        "a reader works out Borough A's lone GP from the two tables: {tables:?}"
    );
    assert_eq!(health_a, None, "{sectors:?}");
    // Borough B's sectors are backed by what its roles show... or hidden
    // with them: every shown count of the sector table is a sum of shown
    // counts of the role table.
    for (sector, roles) in [
        ("Social care", &["Social worker"][..]),
        ("Health", &["District nurse", "Community matron"][..]),
    ] {
        for borough in ["Borough A", "Borough B"] {
            if let Some(n) = shown(cell(sectors, sector, borough)) {
                let parts: Option<i64> = roles
                    .iter()
                    .map(|r| shown(cell(roles_table(&tables), r, borough)))
                    .sum();
                assert_eq!(parts, Some(n), "{sector}, {borough}: {tables:?}");
            }
        }
    }
}

fn roles_table(tables: &[Vec<Vec<String>>]) -> &[Vec<String>] {
    &tables[0]
}

/// Road: an attribution by sector tells a reader as much as one by role.
/// k = 3, the registry above. One of Borough A's nurses is quoted
/// "Health, Borough A" (`attribution: [sector, borough]`: 3 share it, so it
/// passes). The methods page shows `role/borough` and `role/sector`. The
/// role/sector table shows that district nurses are the only health
/// participants (and no GP is in health), so "Health, Borough A" says that
/// Borough A has at least 3 district nurses. Borough A's column of
/// role/borough hides its GP and its nurses, shown total less shown social
/// workers = 4: so nurses ≥ 3 and GP ≤ 1, and a hidden count is never 0: one
/// GP. What should happen: a quote attributed by sector counts, as one
/// attributed by role does, as a group of at least k a reader knows of, and
/// the table hides another count of Borough A's column.
#[test]
fn a_quote_attributed_by_sector_and_borough_gives_back_a_lone_gp() {
    let project = project_with_k3();
    project.write(
        "content/quotes/a/caseload.md",
        "---\nparticipant: a-dn-1\nsource: interview\ncodes: [co-location]\n\
         attribution: [sector, borough]\n---\nWe sit upstairs from the social workers and never see them.\n",
    );
    project.write(
        METHODS,
        methods_with("![](participants:role/borough)\n\n![](participants:role/sector)\n"),
    );
    let run = project.build();
    run.expect_code(0);
    let quote = project.page("quotes/caseload.html");
    assert!(quote.contains("Health, Borough A"), "{quote}");
    let tables = table_rows(&project.page("pages/methods.html"));
    eprintln!("{tables:#?}");
    let roles = &tables[0];
    let by_sector = &tables[1];
    // Only nurses are in health; no GP is.
    assert_ne!(
        cell(by_sector, "District nurse", "Health"),
        "0",
        "{by_sector:?}"
    );
    assert_eq!(cell(by_sector, "GP", "Health"), "0", "{by_sector:?}");
    assert_eq!(
        cell(by_sector, "Social worker", "Health"),
        "0",
        "{by_sector:?}"
    );
    let shown = |s: String| s.parse::<i64>().ok();
    let hidden_a = match (
        shown(cell(roles, "Total", "Borough A")),
        shown(cell(roles, "Social worker", "Borough A")),
        shown(cell(roles, "District nurse", "Borough A")),
        shown(cell(roles, "GP", "Borough A")),
    ) {
        (Some(t), Some(s), None, None) => Some(t - s),
        _ => None,
    };
    assert_ne!(
        hidden_a,
        Some(4),
        "GP + nurses in Borough A = 4, nurses ≥ 3 (\"Health, Borough A\"), GP ≥ 1: \
         the GP is 1: {tables:?}"
    );
}
