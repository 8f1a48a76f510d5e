//! Red team, round 15: the new checks of round 14's fixes (counts in prose,
//! hand-written HTML tables, a role written short in a quote's address,
//! allowances' reach, runs of spaces in the gate) and the ways round them.
//! Each test failed on main when written; each says what should happen.

mod common;
use common::{
    METHODS, Project, assert_borough_a_hides_its_nurses, borough_a_page, cell, methods_with,
    participants, project_with_k3, project_with_k3_registry, table_rows, unwarned,
};

/// Road: the count written after the role, as reports of qualitative
/// studies most often give it: "district nurses (n = 3)", "District
/// nurses: 3", "district nurses, three in all". `prose_counts` looks for a
/// role only in the six words after a number, never before it, so each is
/// silent on Borough A's report, whose table hides its 3 nurses to keep
/// its one GP from being worked out (8 − 4 − 3 = 1). The same count in a
/// Markdown table ("| District nurse | 3 |") is warned of. What should
/// happen: a number just after a role it counts is read as the count of
/// that role (`table::hidden-count` at the number).
#[test]
fn a_count_written_after_the_role_in_prose_is_not_read() {
    let cases = [
        "We interviewed district nurses (n = 3) and social workers (n = 4).",
        "We interviewed district nurses (n=3).",
        "Participants were district nurses: 3, and social workers: 4.",
        "We interviewed the district nurses, three in all.",
    ];
    let silent = unwarned(&cases, project_with_k3, |p, sentence| {
        p.write(
            "content/boroughs/a.md",
            borough_a_page(&format!("Borough A runs a team.\n\n{sentence}\n")),
        );
    });
    let project = project_with_k3();
    project.build().expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(
        silent.is_empty(),
        "each gives Borough A's 3 hidden nurses, so 8 − 4 − 3 = 1 GP, unwarned:\n{silent:#?}"
    );
}

/// Road: a number word past nineteen. `NUMBER_WORDS` stops at
/// "nineteen", so "twenty district nurses" is not a number to the check,
/// while "20 district nurses" is warned of. k = 3; Borough A has 1 GP, 20
/// district nurses and 25 social workers: its "Who took part" shows 25
/// social workers and 46 in all, hiding the nurses (20) to hide the GP.
/// "We interviewed twenty district nurses" gives 46 − 25 − 20 = 1 GP.
/// What should happen: number words are read whatever their size
/// ("twenty", "thirty-two", "a dozen"), as digits are.
#[test]
fn a_count_written_as_a_number_word_past_nineteen_is_not_read() {
    let make = || {
        project_with_k3_registry(&[
            ("GP", "primary-care", "a", 1),
            ("District nurse", "health", "a", 20),
            ("Social worker", "social-care", "a", 25),
            ("GP", "primary-care", "b", 3),
            ("District nurse", "health", "b", 3),
            ("Social worker", "social-care", "b", 3),
        ])
    };
    let place = |p: &Project, sentence: &str| {
        p.write(
            "content/boroughs/a.md",
            borough_a_page(&format!("Borough A runs a team.\n\n{sentence}\n")),
        );
    };
    let project = make();
    place(&project, "We interviewed twenty district nurses.");
    project.build().expect_code(0);
    let who = &table_rows(&project.page("boroughs/a.html"))[0];
    assert_eq!(cell(who, "District nurse", "Participants"), "–", "{who:?}");
    assert_eq!(cell(who, "GP", "Participants"), "–", "{who:?}");
    assert_eq!(cell(who, "Social worker", "Participants"), "25", "{who:?}");
    assert_eq!(cell(who, "Total", "Participants"), "46", "{who:?}");
    // In digits it is read.
    assert!(unwarned(&["We interviewed 20 district nurses."], make, place).is_empty());
    let silent = unwarned(
        &[
            "We interviewed twenty district nurses.",
            "Twenty district nurses took part.",
        ],
        make,
        place,
    );
    assert!(
        silent.is_empty(),
        "“twenty” gives Borough A's hidden 20 nurses, so 46 − 25 − 20 = 1 GP, unwarned:\n{silent:#?}"
    );
}

/// Road: the borough named where the sentence does not name it, as
/// reports are written: in the heading above ("## Borough A" then "We
/// interviewed three district nurses."), in the sentence before ("…
/// Borough A. We interviewed three district nurses there."), or in the
/// paragraph that leads a list ("In Borough A we interviewed:" then "-
/// three district nurses"). `prose_counts` reads the borough only in the
/// count's own sentence, else the page's (a borough's report); on the
/// Methods page it counts the nurses study-wide (5, shown) and is silent.
/// `role/borough` on the same page hides Borough A's 3 nurses and its GP
/// (column total 8, 4 social workers shown): 8 − 4 − 3 = 1 GP. What should
/// happen: the borough of the section (heading) or of the sentence before
/// is the borough a count is about (`table::hidden-count`).
#[test]
fn a_count_whose_borough_is_named_in_the_heading_or_sentence_before_is_not_read() {
    let cases = [
        "## Borough A\n\nWe interviewed three district nurses.",
        "Borough A has a large community team. We interviewed three district nurses there.",
        "In Borough A we interviewed:\n\n- three district nurses\n- four social workers",
    ];
    let silent = unwarned(&cases, project_with_k3, |p, text| {
        p.write(
            METHODS,
            methods_with(&format!("![](participants:role/borough)\n\n{text}\n")),
        );
    });
    let project = project_with_k3();
    project.write(METHODS, methods_with("![](participants:role/borough)\n"));
    project.build().expect_code(0);
    let roles = &table_rows(&project.page("pages/methods.html"))[0];
    assert_eq!(cell(roles, "District nurse", "Borough A"), "–", "{roles:?}");
    assert_eq!(cell(roles, "GP", "Borough A"), "–", "{roles:?}");
    assert_eq!(cell(roles, "Total", "Borough A"), "8", "{roles:?}");
    assert!(
        silent.is_empty(),
        "each gives Borough A's 3 hidden nurses beside the table, unwarned:\n{silent:#?}"
    );
}

/// Road: the count in a `summary:` instead of the body. A borough's
/// summary is printed on the landing page and its own report; a finding's
/// on the findings list, its page and every borough report it holds in.
/// Only bodies are read for counts (`check_written_counts` is given the
/// body's range), so "Borough A has three district nurses" in Borough A's
/// `summary:` is published beside its "Who took part", which hides the
/// nurses to hide its one GP (8 − 4 − 3 = 1), without a warning; the same
/// words in the body are warned of. What should happen: the summaries are
/// read as the body is (`table::hidden-count` at the summary's line).
#[test]
fn a_count_in_a_summary_front_matter_field_is_not_read() {
    let project = project_with_k3();
    project.edit(
        "content/boroughs/a.md",
        "summary: An extended primary care team.",
        "summary: We interviewed three district nurses and four social workers.",
    );
    let run = project.build();
    run.expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(
        project
            .page("boroughs/a.html")
            .contains("three district nurses")
    );
    assert!(
        run.stderr.contains("warning[table::hidden-count]")
            && run.stderr.contains("content/boroughs/a.md:4:"),
        "Borough A's summary gives its 3 hidden nurses on its own report, unwarned:\n{}",
        run.stderr
    );
    // A finding's summary, shown on Borough A's report.
    let project = project_with_k3();
    project.edit(
        "content/findings/co-location.md",
        "boroughs: [a, b]\n",
        "boroughs: [a, b]\nsummary: In Borough A, three district nurses said the building changed nothing.\n",
    );
    let run = project.build();
    run.expect_code(0);
    assert!(
        project
            .page("boroughs/a.html")
            .contains("three district nurses said")
    );
    assert!(
        run.stderr.contains("warning[table::hidden-count]")
            && run.stderr.contains("content/findings/co-location.md:5:"),
        "the finding's summary gives Borough A's 3 hidden nurses, unwarned:\n{}",
        run.stderr
    );
}

/// Road: the sentence written in raw HTML (`<p>…</p>`, `<div>…</div>`),
/// as text pasted from a word processor or a web page comes. `prose_blocks`
/// leaves raw HTML out ("code and raw HTML left out"), and
/// `written_tables` reads only HTML tables, so the sentence that is warned
/// of in Markdown is silent in a `<p>`. A browser shows it as the same
/// paragraph. What should happen: the text of raw HTML is read as prose
/// (`table::hidden-count`).
#[test]
fn a_count_in_a_raw_html_paragraph_is_not_read() {
    let cases = [
        "<p>We interviewed three district nurses in Borough A.</p>",
        "<div class=\"note\">\nWe interviewed three district nurses.\n</div>",
    ];
    let silent = unwarned(&cases, project_with_k3, |p, html| {
        p.write(
            "content/boroughs/a.md",
            borough_a_page(&format!("Borough A runs a team.\n\n{html}\n")),
        );
    });
    let project = project_with_k3();
    project.write(
        "content/boroughs/a.md",
        borough_a_page(&format!("Borough A runs a team.\n\n{}\n", cases[0])),
    );
    project.build().expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(
        project
            .page("boroughs/a.html")
            .contains("We interviewed three district nurses in Borough A.")
    );
    assert!(
        silent.is_empty(),
        "raw HTML gives Borough A's 3 hidden nurses, unwarned:\n{silent:#?}"
    );
}

/// Road: a role written short in a quote's file name in the ways
/// researchers name interview extracts: an interview code with its number
/// (`dn2-caseload`, `caseload-dn1`), the initials in the plural
/// (`dns-caseload`), the role's words run together
/// (`districtnurse-caseload`), and a role's usual abbreviation that is not
/// the initials of its words as the registry spells them (`hca-nights`
/// for "Healthcare assistant"). k = 3, quotes attributed "Health, Borough
/// A" by default (`[sector, borough]`): Borough A's health staff are 2
/// district nurses, 3 community matrons and 2 healthcare assistants (7),
/// so each address leaves 2. `dn-caseload` is refused; these are
/// published. What should happen: `anonymity::attribution-in-address`
/// for each.
#[test]
fn a_role_written_short_in_other_usual_ways_in_a_quotes_file_name_is_not_read() {
    let cases = [
        ("dn2-caseload", "a-dn-1"),
        ("caseload-dn1", "a-dn-1"),
        ("dns-caseload", "a-dn-1"),
        ("districtnurse-caseload", "a-dn-1"),
        // Once open: `hca` for "Healthcare assistant", whose initials part
        // "care" from its first word, and `slt`, which leaves out "and".
        ("hca-caseload", "a-ha-1"),
        ("caseload-hcas", "a-ha-2"),
        ("slt-caseload", "a-salt-1"),
    ];
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
                ("Healthcare assistant", "health", "a", 2),
                ("Speech and language therapist", "health", "a", 1),
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
    // As round 14 left it: the initials alone are read.
    let project = Project::fixture("basic");
    set_up(&project, "dn-caseload", "a-dn-1");
    let run = project.build();
    run.expect_code(1);
    assert!(run.stderr.contains("anonymity::attribution-in-address"));
    let mut published = Vec::new();
    for (file, speaker) in cases {
        let project = Project::fixture("basic");
        set_up(&project, file, speaker);
        let run = project.build();
        if run.code == 0 {
            assert!(project.path(&format!("site/quotes/{file}.html")).exists());
            published.push(file);
        } else {
            assert!(
                run.stderr.contains("anonymity::attribution-in-address"),
                "{file}: {}",
                run.stderr
            );
        }
    }
    assert!(
        published.is_empty(),
        "each address leaves 1 or 2 of Borough A's 8 health staff, and is published:\n{published:#?}"
    );
}

/// Road: an allowed term in `summary:` (which the allowance does not
/// reach) with the front matter written so that the range the source
/// checks take for `title:` runs over it: every key indented by a space
/// (YAML reads the mapping the same), or the front matter as one flow
/// mapping (`{title: …, summary: …, anonymity: {…}}`). The range of a key
/// runs "to the next line that begins another key", found as a line that
/// does not begin with white space, so the summary is taken for part of
/// the title. The final check still stops the build, but points at
/// `content/boroughs/a.md:1:1` and tells the researcher "a template or
/// theme file prints it", for a summary they wrote. What should happen:
/// `anonymity::allowance-out-of-reach` at the summary's line of the
/// finding, as for the same front matter written plainly (round 14).
#[test]
fn an_allowed_term_in_a_summary_hidden_in_the_titles_range_is_blamed_on_the_theme() {
    let finding = |front: &str| {
        format!(
            "---\n{front}\n---\nSharing a building did not by itself change how teams worked.\n"
        )
    };
    // Indented: the summary on line 3.
    common::build_fails(
        |p| {
            p.write(
                "content/findings/co-location.md",
                finding(
                    " title: Co-location without collaboration\n \
                     summary: In Thistlebury the teams shared a floor.\n \
                     codes: [co-location]\n \
                     boroughs: [a, b]\n \
                     quotes: [same-building]\n \
                     anonymity:\n   allow: [Thistlebury]\n   reason: the programme's public name",
                ),
            );
        },
        "content/findings/co-location.md:3:",
        "anonymity::allowance-out-of-reach",
    );
    // One flow mapping: the summary on line 2.
    common::build_fails(
        |p| {
            p.write(
                "content/findings/co-location.md",
                finding(
                    "{title: Co-location without collaboration, \
                     summary: In Thistlebury the teams shared a floor., \
                     codes: [co-location], boroughs: [a, b], quotes: [same-building], \
                     anonymity: {allow: [Thistlebury], reason: the programme's public name}}",
                ),
            );
        },
        "content/findings/co-location.md:2:",
        "anonymity::allowance-out-of-reach",
    );
}

/// Road: the groups of a phone, NHS or National Insurance number parted
/// by two no-break spaces (`&nbsp;&nbsp;`, or the characters), or a space
/// and a no-break space, as text aligned in a word processor or an e-mail
/// signature comes. A browser does not collapse no-break spaces (they are
/// not white space to it), so the page shows "07700  900123": a reader
/// reads the number. The patterns take one space, tab or no-break space
/// between groups (or a mark), and `collapse_spaces` joins runs of ASCII
/// spaces only, so none is read by the files' checks or the final one.
/// What should happen: an anonymity error for each, as for `07700
/// 900123` and for two ordinary spaces.
#[test]
fn a_number_parted_by_two_no_break_spaces_is_published() {
    let mut published = Vec::new();
    for number in [
        "07700&nbsp;&nbsp;900123",
        "07700\u{a0}\u{a0}900123",
        "07700 &nbsp;900123",
        "07700&nbsp; 900123",
        "943&nbsp;&nbsp;476&nbsp;&nbsp;5919",
        "JK&nbsp;&nbsp;12&nbsp;&nbsp;34&nbsp;&nbsp;56&nbsp;&nbsp;C",
    ] {
        let project = Project::fixture("basic");
        project.write(
            common::BOROUGH_B,
            format!("---\ntitle: Borough B\norder: 2\n---\nBorough B has Rapid Response. Call {number}.\n"),
        );
        let run = project.build();
        if run.code == 0 {
            // As the page has it: a no-break space however it was written.
            let shown = number.replace("&nbsp;", "\u{a0}");
            assert!(
                project.page("boroughs/b.html").contains(&shown),
                "{number:?}"
            );
            published.push(number);
            continue;
        }
        assert!(
            run.stderr.contains("error[anonymity::")
                && run.stderr.contains("content/boroughs/b.md:5:"),
            "{number:?}: {}",
            run.stderr
        );
    }
    assert!(
        published.is_empty(),
        "published on boroughs/b.html, shown with its groups apart:\n{published:#?}"
    );
}

/// Road: phrasings that put other words between the number and the role,
/// or make the role a modifier: "three were district nurses", "three
/// community-based district nurses", "three district nurses' accounts",
/// "three district nurse interviews". Only the fillers of `FILLERS` may
/// stand between ("of the", "experienced"), and a role must end in `s` or
/// be followed by a word of `FOLLOWERS`: a possessive (`nurses'`) or a
/// noun after the role ("interviews", "participants") leaves it unread.
/// Each gives Borough A's 3 hidden nurses (so its one GP). What should
/// happen: each is warned of (`table::hidden-count`).
#[test]
fn counts_with_words_between_or_after_the_role_are_not_read() {
    let cases = [
        "Of the eight participants in Borough A, three were district nurses.",
        "We interviewed three community-based district nurses.",
        "We analysed three district nurses' accounts of the move.",
        "We carried out three district nurse interviews in Borough A.",
        "Three of the team's district nurses took part.",
    ];
    let silent = unwarned(&cases, project_with_k3, |p, sentence| {
        p.write(
            "content/boroughs/a.md",
            borough_a_page(&format!("Borough A runs a team.\n\n{sentence}\n")),
        );
    });
    let project = project_with_k3();
    project.build().expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(
        silent.is_empty(),
        "each gives Borough A's 3 hidden nurses, so its one GP, unwarned:\n{silent:#?}"
    );
}

/// Road: a hand-written HTML table whose borough is in its `<caption>`,
/// or in a second header row under a spanning heading (`<th
/// rowspan=2>Role</th><th>Interviewed</th>` over `<th>Borough A</th>`).
/// `html_table_parts` takes the first row as the header and reads no
/// caption, so "District nurse | 3" is looked up study-wide (5 nurses,
/// shown) and is silent. `role/borough` on the page hides Borough A's 3
/// nurses and its GP: 8 − 4 − 3 = 1 GP. What should happen: the caption's
/// borough, and every header row's, count for the table's cells
/// (`table::hidden-count`).
#[test]
fn an_html_tables_borough_in_its_caption_or_second_header_row_is_not_read() {
    let cases = [
        "<table>\n<caption>Borough A</caption>\n\
         <tr><th>Role</th><th>Interviewed</th></tr>\n\
         <tr><td>District nurse</td><td>3</td></tr>\n</table>",
        "<table>\n<tr><th rowspan=\"2\">Role</th><th>Interviewed</th></tr>\n\
         <tr><th>Borough A</th></tr>\n\
         <tr><td>District nurse</td><td>3</td></tr>\n</table>",
    ];
    let silent = unwarned(&cases, project_with_k3, |p, table| {
        p.write(
            METHODS,
            methods_with(&format!("![](participants:role/borough)\n\n{table}\n")),
        );
    });
    assert!(
        silent.is_empty(),
        "each gives Borough A's 3 hidden nurses beside the generated table, unwarned:\n{silent:#?}"
    );
}

/// Road: a hand-written table whose rows are grouped by a first column
/// that is no field of the registry ("Team"), with the role in the
/// second: "| Community nursing | District nurse | 3 |" under "| Team |
/// Role | Borough A |". `hidden_count` reads a row's label only from its
/// first cell, so the count is looked up as Borough A's total (8, shown)
/// and is silent; `role/borough` on the same page hides Borough A's 3
/// nurses and its GP: 8 − 4 − 3 = 1. The same table without the "Team"
/// column is warned of. What should happen: a role named in any label cell
/// of the row (one that is not a count) is read (`table::hidden-count`).
#[test]
fn a_role_in_the_second_column_of_a_hand_written_table_is_not_read() {
    let silent = unwarned(
        &["| Team | Role | Borough A |\n|---|---|---|\n\
           | Community nursing | District nurse | 3 |\n\
           | Social care | Social worker | 4 |"],
        project_with_k3,
        |p, table| {
            p.write(
                METHODS,
                methods_with(&format!("![](participants:role/borough)\n\n{table}\n")),
            );
        },
    );
    assert!(
        silent.is_empty(),
        "the table gives Borough A's 3 hidden nurses, so its one GP, unwarned"
    );
}

/// Beyond round 15's two tables: the same count read by a table's other
/// roads to its borough and role. A heading or a sentence above the table
/// naming the borough (as a sentence's count is read); a row whose
/// borough is in a column of its own; a header spanning two columns
/// (`colspan`); an HTML table with no header row; the role in a caption;
/// the role and a sector in one row (the role's count is the role's).
#[test]
fn a_tables_borough_or_role_by_any_other_road_is_read() {
    let cases = [
        "## Borough A\n\n| Role | Interviewed |\n|---|---|\n| District nurse | 3 |",
        "In Borough A we interviewed:\n\n| Role | Interviewed |\n|---|---|\n| District nurse | 3 |",
        "| Role | Borough | Interviewed |\n|---|---|---|\n| District nurse | Borough A | 3 |",
        "<table>\n<tr><th>Role</th><th colspan=\"2\">Borough A</th></tr>\n\
         <tr><th></th><th>Interviews</th><th>Observations</th></tr>\n\
         <tr><td>Social worker</td><td>4</td><td>4</td></tr>\n\
         <tr><td>District nurse</td><td>2</td><td>3</td></tr>\n</table>",
        "<table>\n<tr><td>District nurses, Borough A</td><td>3</td></tr>\n</table>",
        "<table>\n<caption>District nurses</caption>\n\
         <tr><th>Borough</th><th>Interviewed</th></tr>\n\
         <tr><td>Borough A</td><td>3</td></tr>\n</table>",
        "| Sector | Role | Borough A |\n|---|---|---|\n| Health | District nurse | 3 |",
    ];
    let silent = unwarned(&cases, project_with_k3, |p, table| {
        p.write(
            METHODS,
            methods_with(&format!("![](participants:role/borough)\n\n{table}\n")),
        );
    });
    assert!(
        silent.is_empty(),
        "each gives Borough A's 3 hidden nurses beside the generated table, unwarned:\n{silent:#?}"
    );
}

/// Lookalikes of the tables above that count no hidden group stay
/// unwarned: a year in a header; a table in a later section than the one
/// whose heading names Borough A (study-wide, the 5 nurses are shown); a
/// caption naming Borough A over its shown social workers.
#[test]
fn tables_that_count_no_hidden_group_are_not_warned_of() {
    let cases = [
        "| Role | 2023 |\n|---|---|\n| Social worker | 4 |",
        "## Borough A\n\nIt is one of three.\n\n## Across the study\n\n\
         | Role | Interviewed |\n|---|---|\n| District nurse | 5 |",
        "<table>\n<caption>Borough A</caption>\n\
         <tr><th>Role</th><th>Interviewed</th></tr>\n\
         <tr><td>Social worker</td><td>4</td></tr>\n</table>",
    ];
    for case in cases {
        let project = project_with_k3();
        project.write(
            METHODS,
            methods_with(&format!("![](participants:role/borough)\n\n{case}\n")),
        );
        let run = project.build();
        run.expect_code(0);
        assert!(
            !run.stderr.contains("table::hidden-count")
                && !run.stderr.contains("table::small-count"),
            "{case}\n{}",
            run.stderr
        );
    }
}

/// Seen by round 15's red team, without a test: counts written without a
/// number. "Both district nurses", "the only GP", "a dozen social
/// workers" give a count as surely as "two" does; on Borough A's report,
/// each gives a count the generated table hides (its one GP, its three
/// nurses) or one that, set beside the total, gives the GP back.
#[test]
fn counts_written_without_a_number_are_read() {
    let cases = [
        "We spoke to the only GP in the borough.",
        "The only GP said the huddles helped.",
        "A single GP took part.",
        "Our sole GP was interviewed twice.",
        "A trio of district nurses took part.",
    ];
    let silent = unwarned(&cases, project_with_k3, |p, sentence| {
        p.write(
            "content/boroughs/a.md",
            borough_a_page(&format!("{sentence}\n")),
        );
    });
    assert!(silent.is_empty(), "unwarned:\n{silent:#?}");
    // Borough B's two district nurses are hidden too (k = 3).
    let both = unwarned(
        &["Both district nurses in Borough B described the same gap."],
        project_with_k3,
        |p, sentence| {
            p.write(METHODS, methods_with(&format!("{sentence}\n")));
        },
    );
    assert!(both.is_empty(), "unwarned: {both:?}");
}

/// Their lookalikes pass: "the only GP practice", "only GPs", "a single
/// referral", "both boroughs", "a couple of weeks".
#[test]
fn words_that_count_something_else_are_not_read_as_counts() {
    let cases = [
        "The only GP practice in the borough hosts the huddle.",
        "Only GPs can refer directly.",
        "A single referral route serves both boroughs.",
        "District nurses met a couple of weeks later.",
    ];
    for case in cases {
        let project = project_with_k3();
        project.write(
            "content/boroughs/a.md",
            borough_a_page(&format!("{case}\n")),
        );
        let run = project.build();
        run.expect_code(0);
        assert!(
            !run.stderr.contains("table::hidden-count"),
            "{case}\n{}",
            run.stderr
        );
    }
}

/// Seen by round 15's red team, without a test: a count set out as a
/// definition list, the role and borough in its term and the count in
/// its description, as a screen reader reads it ("District nurses,
/// Borough A: 3"); and the borough between a role and the count after it
/// in a sentence.
#[test]
fn a_count_in_a_definition_list_or_after_its_role_and_borough_is_read() {
    let cases = [
        "<dl>\n<dt>District nurses, Borough A</dt>\n<dd>3</dd>\n</dl>",
        "<dl><dt>District nurses in Borough A</dt><dd>3</dd><dt>Social workers</dt><dd>4</dd></dl>",
        "We interviewed district nurses in Borough A: 3.",
        "District nurses, Borough A (n = 3).",
    ];
    let silent = unwarned(&cases, project_with_k3, |p, text| {
        p.write(METHODS, methods_with(&format!("{text}\n")));
    });
    assert!(silent.is_empty(), "unwarned:\n{silent:#?}");
}
