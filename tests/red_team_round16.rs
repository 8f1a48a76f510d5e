//! Red team, round 16: counts in the places and shapes round 15's readers
//! pass over (a share of a total, a page about one borough that is not its
//! report, field notes, titles, a role written short, the role and its
//! count parted by the borough, a sentence cut at an abbreviation, a
//! spreadsheet in the theme), a role said in the plural in a quote's
//! words, a borough written as an interview code in a quote's address,
//! and an allowance refused at the wrong place.
//! Each test fails on main when written; each says what should happen.

mod common;
use common::{
    METHODS, Project, assert_borough_a_hides_its_nurses, borough_a_page, brannock_in_title,
    gp_quote, methods_with, participants, project_with_k3, unwarned, warns_of_a_count,
};

/// Road: a count given as a share of a total the site shows. Borough A's
/// "Who took part" (k = 3, the registry of `project_with_k3`) shows 8 in
/// all and 4 social workers, and hides its 3 district nurses to hide its
/// one GP. "38% of participants in Borough A were district nurses" gives
/// 0.38 × 8 = 3 nurses, so 8 − 4 − 3 = 1 GP; so does "three of the eight
/// participants in Borough A were district nurses". `prose_counts`
/// (`tables/check.rs`) reads a number as the count of a role only where at
/// most three filler words stand between them ("of the"), and
/// "participants" is not one; a percentage is never a count. What should
/// happen: a number (or a percentage of the total) counting the
/// participants that are some role is read as that role's count
/// (`table::hidden-count`).
#[test]
fn a_count_given_as_a_share_of_a_shown_total_is_not_read() {
    let cases = [
        "In Borough A, 38% of participants were district nurses.",
        "Three of the eight participants in Borough A were district nurses.",
        "Three in eight participants in Borough A were district nurses.",
    ];
    let place = |p: &Project, sentence: &str| {
        p.write(
            "content/boroughs/a.md",
            borough_a_page(&format!("Borough A runs a team.\n\n{sentence}\n")),
        );
    };
    let project = project_with_k3();
    place(&project, cases[1]);
    project.build().expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(
        project
            .page("boroughs/a.html")
            .contains("Three of the eight participants")
    );
    // The plain count is read, as round 14 made it.
    assert!(
        unwarned(
            &["We interviewed three district nurses."],
            project_with_k3,
            place
        )
        .is_empty()
    );
    let silent = unwarned(&cases, project_with_k3, place);
    assert!(
        silent.is_empty(),
        "each gives 3 of Borough A's shown 8 as its hidden nurses, so 8 − 4 − 3 = 1 GP, unwarned:\n{silent:#?}"
    );
}

/// Road: a count on a page about one borough that is not the borough's
/// report: the narrative of Borough A's pathway map (`borough: a`), and a
/// finding that holds in Borough A alone, whose first paragraph is printed
/// on Borough A's report as its summary. `Checker::report_of`
/// (`resolve/checker.rs`) gives a page's borough only for a file of
/// `content/boroughs/`, so "Three district nurses take every referral" is
/// looked up study-wide (5 district nurses, shown) and is silent; the same
/// sentence in Borough A's report is warned of. The attribution checks
/// already treat both pages as about their borough. What should happen:
/// a pathway's borough, and a finding's borough when it holds in one, are
/// the borough its counts are about (`table::hidden-count`).
#[test]
fn a_count_on_a_pathway_or_a_one_borough_finding_is_read_study_wide() {
    let sentence = "Three district nurses take every referral from the ward.";
    // On Borough A's report it is read.
    let project = project_with_k3();
    project.write(
        "content/boroughs/a.md",
        borough_a_page(&format!("Borough A runs a team.\n\n{sentence}\n")),
    );
    assert!(warns_of_a_count(&project.build().stderr));

    let mut silent = Vec::new();
    // The narrative of Borough A's pathway map.
    let project = project_with_k3();
    let pathway = project.read("content/pathways/a-discharge.md");
    project.write(
        "content/pathways/a-discharge.md",
        format!("{pathway}\n{sentence}\n"),
    );
    let run = project.build();
    run.expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(project.page("pathways/a-discharge.html").contains(sentence));
    if !warns_of_a_count(&run.stderr) {
        silent.push("the narrative of Borough A's pathway map");
    }
    // A finding that holds in Borough A alone, summarised on its report.
    let project = project_with_k3();
    project.write(
        "content/findings/hub.md",
        format!("---\ntitle: The hub\ncodes: [co-location]\nboroughs: [a]\n---\n{sentence}\n"),
    );
    let run = project.build();
    run.expect_code(0);
    assert!(project.page("boroughs/a.html").contains(sentence));
    if !warns_of_a_count(&run.stderr) {
        silent.push("a finding of Borough A alone, printed on its report");
    }
    assert!(
        silent.is_empty(),
        "“{sentence}” gives Borough A's 3 hidden nurses, so 8 − 4 − 3 = 1 GP, unwarned in:\n{silent:#?}"
    );
}

/// Road: a count in field notes. A quote without a participant (`source:
/// field-notes`, `borough: a`) is the researcher's own notes, published as
/// "Field notes, Borough A": "the three district nurses sat apart from the
/// four social workers" gives Borough A's hidden 3 nurses (8 − 4 − 3 = 1
/// GP). `Checker::counts_in` reads every quote's body without its
/// sentences, as "a participant's words, not the researcher's counts",
/// which field notes, workshop notes and documents are not. What should
/// happen: the sentences of a quote without a participant are read as a
/// finding's are (`table::hidden-count`).
#[test]
fn a_count_in_field_notes_is_not_read() {
    let notes =
        "At the morning huddle the three district nurses sat apart from the four social workers.";
    let project = project_with_k3();
    project.write(
        "content/quotes/a/huddle-notes.md",
        format!("---\nsource: field-notes\nborough: a\ncodes: [co-location]\n---\n{notes}\n"),
    );
    let run = project.build();
    run.expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    let page = project.page("quotes/huddle-notes.html");
    assert!(page.contains("the three district nurses sat apart"));
    assert!(page.contains("Field notes, Borough A"));
    assert!(
        warns_of_a_count(&run.stderr),
        "the researcher's notes give Borough A's 3 hidden nurses, unwarned:\n{}",
        run.stderr
    );
}

/// Road: a count in a finding's title, as findings are often titled by
/// their claim: "Borough A's three district nurses worked apart from its
/// social workers". The title is printed on the finding's page, the
/// findings list and Borough A's report, beside its "Who took part",
/// which hides the 3 nurses to hide its one GP. `Checker::counts_in` reads
/// bodies and `summary:` only, never a `title:`. What should happen: a
/// title is read as the summary is (`table::hidden-count` at the title's
/// line).
#[test]
fn a_count_in_a_findings_title_is_not_read() {
    let project = project_with_k3();
    project.edit(
        "content/findings/co-location.md",
        "title: Co-location without collaboration",
        "title: Borough A's three district nurses worked apart from its social workers",
    );
    let run = project.build();
    run.expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(
        project
            .page("boroughs/a.html")
            .contains("three district nurses worked apart")
    );
    assert!(
        warns_of_a_count(&run.stderr) && run.stderr.contains("content/findings/co-location.md:2:"),
        "the title gives Borough A's 3 hidden nurses on its report, unwarned:\n{}",
        run.stderr
    );
}

/// Road: the role written short in a sentence, as reports and notes write
/// it: by its last word ("three nurses", where Borough A's only nurses are
/// its district nurses), or by its initials ("three DNs"). `prose_counts`
/// asks `Labels::named` for the role's every word, so neither names a role
/// and each is silent; the address check (round 15) reads `dn` and `dns`
/// for a district nurse. Borough A's report hides its 3 nurses to hide its
/// one GP (8 − 4 − 3 = 1). What should happen: a role's last word, where
/// it stands for one role of the registry in the borough, and its initials
/// are read as the role (`table::hidden-count`).
#[test]
fn a_count_of_a_role_written_short_is_not_read() {
    let cases = [
        "We interviewed three nurses and four social workers.",
        "We interviewed three DNs and four social workers.",
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
    let silent = unwarned(&cases, project_with_k3, place);
    assert!(
        silent.is_empty(),
        "each gives Borough A's 3 hidden nurses, so 8 − 4 − 3 = 1 GP, unwarned:\n{silent:#?}"
    );
}

/// Road: the count after its role with the borough between them, as a
/// list of interviews gives it: "District nurses in Borough A: 3",
/// "District nurses (Borough A): 3", "District nurses interviewed in
/// Borough A: 3". `prose_counts` reads a count after its role (round 15)
/// only where the role ends just before it, with nothing between but "n",
/// "were", "was" or "numbered"; "Borough A district nurses: 3" is warned
/// of. On the Methods page, beside `role/borough`, which hides Borough A's
/// 3 nurses and its GP (8 − 4 − 3 = 1). What should happen: the borough
/// (and words such as "interviewed") between a role and its count leave it
/// the count of that role there (`table::hidden-count`).
#[test]
fn a_count_after_its_role_and_borough_is_not_read() {
    let cases = [
        "- District nurses in Borough A: 3\n- Social workers in Borough A: 4",
        "District nurses (Borough A): 3.",
        "District nurses interviewed in Borough A: 3.",
    ];
    let place = |p: &Project, text: &str| {
        p.write(
            METHODS,
            methods_with(&format!("![](participants:role/borough)\n\n{text}\n")),
        );
    };
    // As round 15 left it: the borough first is read.
    assert!(unwarned(&["Borough A district nurses: 3."], project_with_k3, place).is_empty());
    let silent = unwarned(&cases, project_with_k3, place);
    assert!(
        silent.is_empty(),
        "each gives Borough A's 3 hidden nurses beside the table, unwarned:\n{silent:#?}"
    );
}

/// Road: an abbreviation's full stop between a count and its borough:
/// "We interviewed three district nurses (incl. the team lead) in Borough
/// A." `prose_counts` ends a sentence at every `.`, so "incl." cuts the
/// count from "in Borough A", the count is looked up study-wide (5
/// district nurses, shown), and the borough only becomes the context of
/// the sentences after. Without the aside it is warned of. What should
/// happen: a full stop that ends an abbreviation ("incl.", "i.e.", "e.g.",
/// "approx.") does not end the sentence (`table::hidden-count`).
#[test]
fn a_count_cut_from_its_borough_by_an_abbreviation_is_not_read() {
    let cases = [
        "We interviewed three district nurses (incl. the team lead) in Borough A.",
        "We interviewed three district nurses, i.e. the whole team, in Borough A.",
    ];
    let place = |p: &Project, text: &str| {
        p.write(
            METHODS,
            methods_with(&format!("![](participants:role/borough)\n\n{text}\n")),
        );
    };
    assert!(
        unwarned(
            &["We interviewed three district nurses (with the team lead) in Borough A."],
            project_with_k3,
            place
        )
        .is_empty()
    );
    let silent = unwarned(&cases, project_with_k3, place);
    assert!(
        silent.is_empty(),
        "each gives Borough A's 3 hidden nurses beside the table, unwarned:\n{silent:#?}"
    );
}

/// Road: the interview counts as a spreadsheet in the theme's `static/`
/// (where content-format.md says files to publish go), linked from Borough
/// A's report for download: "District nurse,3" under "Borough A". The
/// same table in Markdown or HTML is warned of (`table::hidden-count`),
/// but `check_written_counts` reads only the bodies of `content/`, and
/// the final check reads published files for names and numbers, never for
/// counts; the gate already reads a `.csv` as a table, for dates of birth.
/// What should happen: a table in a published text file (`.csv`, `.tsv`,
/// an HTML table in a template) is read for counts as a hand-written
/// table is (`table::hidden-count`).
#[test]
fn a_count_in_a_published_spreadsheet_is_not_read() {
    let project = project_with_k3();
    project.write(
        "themes/default/static/who-took-part-a.csv",
        "Role,Borough A\nSocial worker,4\nDistrict nurse,3\nTotal,8\n",
    );
    project.write(
        "content/boroughs/a.md",
        borough_a_page(
            "Borough A runs a team.\n\n\
             [The interviews as a spreadsheet](../static/who-took-part-a.csv).\n",
        ),
    );
    let run = project.build();
    run.expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(
        project
            .read("site/static/who-took-part-a.csv")
            .contains("District nurse,3")
    );
    assert!(
        warns_of_a_count(&run.stderr),
        "the spreadsheet gives Borough A's 3 hidden nurses, unwarned:\n{}",
        run.stderr
    );
    // Written in the report as a table, it is read.
    let project = project_with_k3();
    project.write(
        "content/boroughs/a.md",
        borough_a_page(
            "Borough A runs a team.\n\n\
             | Role | Borough A |\n|---|---|\n| Social worker | 4 |\n| District nurse | 3 |\n",
        ),
    );
    assert!(warns_of_a_count(&project.build().stderr));
}

/// Road: a quote attributed without its speaker's role ("Health, Borough
/// A") that says the role in the plural, or by its initials, as people
/// speak: "As one of the district nurses here, …", "Us district nurses
/// …", "As the DN on the ward round, …". `check_words`
/// (`anonymity/attribution/mod.rs`) finds the role as a listed term, whole
/// and singular ("As a district nurse here" is refused), while the address
/// check (`role_hint`) reads plurals and initials. Borough A's health
/// staff are 3 district nurses and 3 physiotherapists; the words say which
/// the speaker is. What should happen: `anonymity::role-in-words` for each.
#[test]
fn a_role_said_in_the_plural_or_by_its_initials_in_a_quote_is_not_read() {
    let cases = [
        "As one of the district nurses here, I never see the social worker.",
        "Us district nurses never see the social worker.",
        "As the DN on the ward round, I never see the social worker.",
    ];
    let make = |words: &str| {
        let project = Project::fixture("basic");
        project.edit("evalsite.yaml", "k: 2", "k: 3").write(
            "content/participants.yaml",
            participants(&[
                ("Social worker", "social-care", "a", 3),
                ("District nurse", "health", "a", 3),
                ("Physiotherapist", "health", "a", 3),
            ]),
        );
        project.write(
            "content/quotes/a/never-see.md",
            format!(
                "---\nparticipant: a-dn-1\nsource: interview\ncodes: [co-location]\n\
                 attribution: [sector, borough]\n---\n{words}\n"
            ),
        );
        project
    };
    // The role whole and singular is refused.
    let run = make("As a district nurse here, I never see the social worker.").build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("anonymity::role-in-words"),
        "{}",
        run.stderr
    );
    let mut published = Vec::new();
    for words in cases {
        let project = make(words);
        let run = project.build();
        if run.code == 0 {
            assert!(
                project
                    .page("quotes/never-see.html")
                    .contains("Health, Borough A")
            );
            published.push(words);
        } else {
            assert!(
                run.stderr.contains("anonymity::role-in-words"),
                "{}",
                run.stderr
            );
        }
    }
    assert!(
        published.is_empty(),
        "each says the role “Health, Borough A” leaves out, and is published:\n{published:#?}"
    );
}

/// Road: a quote's file named with its borough as an interview code, as
/// researchers number interviews by site (`a1-notes` for the first
/// interview in Borough A, `caseload-a3`), or with the borough's title run
/// together (`borougha-notes`). [`gp_quote`]: the GP's quote, attributed
/// "GP" (k = 2: four GPs, Borough A's one and Borough C's one left by
/// elimination), is published at its address; `a-notes` and
/// `borough-a-notes` are refused (`anonymity::attribution-in-address`).
/// `check_address` reads the borough's id and title only as whole words of
/// the address, while a role is read with a number or run together
/// (`role_hint`, round 15). An address that says Borough A says the GP's
/// one. What should happen: `anonymity::attribution-in-address` for each.
#[test]
fn a_borough_written_as_an_interview_code_in_a_quotes_file_name_is_not_read() {
    let filed_as = |name: &str| {
        let project = Project::fixture("basic");
        gp_quote(&project);
        let quote = project.read("content/quotes/a/gp-says.md");
        project.remove("content/quotes/a/gp-says.md");
        project.write(&format!("content/quotes/a/{name}.md"), quote);
        project
    };
    // As whole words, the borough is read.
    for name in ["a-notes", "borough-a-notes"] {
        let run = filed_as(name).build();
        run.expect_code(1);
        assert!(
            run.stderr.contains("anonymity::attribution-in-address"),
            "{name}: {}",
            run.stderr
        );
    }
    let mut published = Vec::new();
    for name in ["a1-notes", "caseload-a3", "borougha-notes"] {
        let project = filed_as(name);
        let run = project.build();
        if run.code == 0 {
            assert!(project.path(&format!("site/quotes/{name}.html")).exists());
            published.push(name);
        } else {
            assert!(
                run.stderr.contains("anonymity::attribution-in-address"),
                "{name}: {}",
                run.stderr
            );
        }
    }
    assert!(
        published.is_empty(),
        "each address says Borough A, whose one GP the attribution “GP” hides, and is published:\n{published:#?}"
    );
}

/// Lookalikes of round 16's first road, which must still be published: a
/// district nurse's words that hold "dn" inside a word ("DNA", "DNR"), a
/// word that begins like the role ("nursery"), another role in the plural;
/// a physiotherapist saying "the district nurses" and "the DNs" (the rule
/// is about the speaker's own role: another's says nothing of who spoke);
/// and initials that spell an ordinary word ("an" for an Admiral nurse),
/// read only in capitals. Pinned too: a district nurse saying "the
/// district nurses came" is refused, as "the district nurse came" was,
/// and "the AN for the practice" is.
#[test]
fn a_role_said_like_the_speakers_but_not_as_it_is_published() {
    let make = |speaker: &str, words: &str| {
        let project = Project::fixture("basic");
        project.edit("evalsite.yaml", "k: 2", "k: 3").write(
            "content/participants.yaml",
            participants(&[
                ("Social worker", "social-care", "a", 3),
                ("District nurse", "health", "a", 3),
                ("Physiotherapist", "health", "a", 3),
                ("Admiral nurse", "health", "a", 3),
            ]),
        );
        project.write(
            "content/quotes/a/never-see.md",
            format!(
                "---\nparticipant: {speaker}\nsource: interview\ncodes: [co-location]\n\
                 attribution: [sector, borough]\n---\n{words}\n"
            ),
        );
        project
    };
    let published = [
        ("a-dn-1", "We wait for the DNA results and the DNR forms."),
        (
            "a-dn-1",
            "The nursery next door never sees the social worker.",
        ),
        (
            "a-dn-1",
            "It is the physiotherapists who never see the social worker.",
        ),
        ("a-p-1", "The district nurses never see the social worker."),
        ("a-p-1", "The DNs never see the social worker."),
        (
            "a-an-1",
            "An hour a day, and it is an hour we never get back.",
        ),
    ];
    for (speaker, words) in published {
        let project = make(speaker, words);
        project.build().expect_code(0);
        assert!(
            project
                .page("quotes/never-see.html")
                .contains("Health, Borough A")
        );
    }
    for (speaker, words) in [
        ("a-dn-1", "The district nurses came at nine."),
        ("a-an-1", "As the AN for the practice, I see every family."),
        ("a-an-1", "Us ANs never see the social worker."),
    ] {
        let run = make(speaker, words).build();
        run.expect_code(1);
        assert!(
            run.stderr.contains("anonymity::role-in-words"),
            "{words}: {}",
            run.stderr
        );
    }
}

/// Lookalikes of round 16's second road, which must still be published
/// for Borough A's GP quoted "GP": a letter `a` inside a code that is not
/// the borough's with a number (`d2a`, discharge to assess; `a2c`), "A and
/// E" (`a-and-e-notes`, accident and emergency), words that begin with the
/// borough's letter or title (`area-notes`, `borough-notes`). Pinned too:
/// the title with an interview number (`borough-a1-notes`, `borougha2`)
/// is refused.
#[test]
fn a_borough_lookalike_in_a_quotes_file_name_is_published() {
    let filed_as = |name: &str| {
        let project = Project::fixture("basic");
        gp_quote(&project);
        let quote = project.read("content/quotes/a/gp-says.md");
        project.remove("content/quotes/a/gp-says.md");
        project.write(&format!("content/quotes/a/{name}.md"), quote);
        project
    };
    for name in [
        "d2a-notes",
        "notes-a2c",
        "a-and-e-notes",
        "area-notes",
        "borough-notes",
    ] {
        let project = filed_as(name);
        let run = project.build();
        run.expect_code(0);
        assert!(project.path(&format!("site/quotes/{name}.html")).exists());
    }
    for name in ["borough-a1-notes", "borougha2"] {
        let run = filed_as(name).build();
        run.expect_code(1);
        assert!(
            run.stderr.contains("anonymity::attribution-in-address"),
            "{name}: {}",
            run.stderr
        );
    }
}

/// Wrong place (and a false refusal): a term allowed in a file, written in
/// its title with an apostrophe, as the docs' own example is ("St
/// Brannock's Hospital"). Menus and lists print the title as Markdown
/// makes it, with a curly apostrophe (“St Brannock’s”), but
/// `Renderer::run` (`render/run.rs`) keeps the title for `allowed_here`
/// (`anonymity/gate/allow.rs`) escaped as written (`St
/// Brannock&#x27;s`), so the copy is not cut out of any page and every
/// page is refused with "a template or theme file prints it", pointing at
/// no file of the project or at `content/boroughs/a.md:1:1`. The same
/// allowance in the body, or a term without an apostrophe in the title
/// (`Thistlebury`), builds. What should happen: the title is allowed
/// wherever menus and lists show it, as anonymity.md says (exit 0); were
/// it refused, at the title's line.
#[test]
fn an_allowed_term_with_an_apostrophe_in_a_title_is_refused_at_the_wrong_place() {
    let with_title = |title: &str, allow: &str| {
        let project = Project::fixture("basic");
        project.write(
            "private/identifiers.yaml",
            "people: [Marjorie Quillfeather]\nplaces: [Thistlebury, \"St Brannock's Hospital\"]\norganisations: []\n",
        );
        project.write(
            METHODS,
            format!(
                "---\ntitle: {title}\norder: 1\nanonymity:\n  allow: [\"{allow}\"]\n  \
                 reason: named in the programme's published business case\n---\nWe met there.\n"
            ),
        );
        project
    };
    // Without an apostrophe, the title is let through.
    let project = with_title("Visits to Thistlebury", "Thistlebury");
    project.build().expect_code(0);
    assert!(
        project
            .page("findings.html")
            .contains("Visits to Thistlebury")
    );
    // In the body, with an apostrophe, it is too.
    let project = Project::fixture("basic");
    project.write(
        "private/identifiers.yaml",
        "people: [Marjorie Quillfeather]\nplaces: [Thistlebury, \"St Brannock's Hospital\"]\norganisations: []\n",
    );
    project.write(
        METHODS,
        "---\ntitle: Methods\norder: 1\nanonymity:\n  allow: [\"St Brannock's Hospital\"]\n  \
         reason: named in the programme's published business case\n---\nWe met at St Brannock's Hospital.\n",
    );
    project.build().expect_code(0);
    // In the title.
    let project = with_title("Visits to St Brannock's Hospital", "St Brannock's Hospital");
    let run = project.build();
    assert!(
        run.code == 0 || run.stderr.contains("content/pages/methods.md:2:"),
        "the allowed title is refused, and not at its line:\n{}",
        run.stderr
    );
    run.expect_code(0);
}

/// The lookalikes of a role written short pass: other words before the
/// last word ("three practice nurses", where "District nurse" is the only
/// role with "nurse", and Borough A's district nurses are hidden).
#[test]
fn a_roles_last_word_inside_another_name_is_not_read_as_the_role() {
    for sentence in [
        "We met three practice nurses from the surgery.",
        "Three agency nurses joined later.",
    ] {
        let project = project_with_k3();
        project.write(
            "content/boroughs/a.md",
            borough_a_page(&format!("Borough A runs a team.\n\n{sentence}\n")),
        );
        let run = project.build();
        run.expect_code(0);
        assert!(!warns_of_a_count(&run.stderr), "{sentence}\n{}", run.stderr);
    }
}

/// Seen by round 16's red team by hand: a step of Borough A's pathway map
/// labelled with its count, "District nurses (3)", drawn on the map
/// beside a report whose table hides them.
#[test]
fn a_count_in_a_pathway_steps_label_is_read() {
    let project = project_with_k3();
    project.edit(
        "content/pathways/a-discharge.md",
        "label: Hospital ward",
        "label: District nurses (3)",
    );
    let run = project.build();
    run.expect_code(0);
    assert_borough_a_hides_its_nurses(&project);
    assert!(
        warns_of_a_count(&run.stderr) && run.stderr.contains("content/pathways/a-discharge.md:"),
        "{}",
        run.stderr
    );
}

/// The free page's template, printing its title in `html` too.
fn page_template_with(html: &str) -> String {
    format!(
        "{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ page_title }}}}</h1>{html}{{{{ content | safe }}}}{{% endblock content %}}"
    )
}

const PAGE_TEMPLATE: &str = "themes/default/templates/page.html";

/// After round 16: an allowed title is found however it is written or
/// printed (a curly apostrophe typed in the file, `--` and `...`, the
/// dashes and ellipsis Markdown makes of them, character references, an
/// attribute, a script's JSON, capitals), as the gate reads listed terms.
#[test]
fn an_allowed_title_is_found_however_it_is_written_or_printed() {
    for title in [
        "Visits to St Brannock’s Hospital",
        "St Brannock's Hospital -- a visit",
        "Back to St Brannock's Hospital...",
        "Called \"home\" at St Brannock's Hospital",
    ] {
        let project = brannock_in_title(title);
        project.build().expect_code(0);
        assert!(
            project
                .page("findings.html")
                .contains("St Brannock’s Hospital")
        );
    }
    let printed = [
        r#"<p title="{{ page_title }}" aria-label="{{ page_title }}"><img src="x.png" alt="{{ page_title }}"></p>"#,
        r#"<p>{{ page_title | upper }}</p>"#,
        r#"<p>{{ page_title | replace(from="’", to="&#x27;") | safe }}</p>"#,
        r#"<p>{{ page_title | replace(from="’", to="&#39;") | safe }}</p>"#,
        r#"<p>{{ page_title | replace(from="’", to="&apos;") | safe }}</p>"#,
        r#"<p>{{ page_title | replace(from="’", to="&rsquo;") | safe }}</p>"#,
        r#"<p>{{ page_title | replace(from="--", to="–") | replace(from="...", to="…") }}</p>"#,
        r#"<script type="application/ld+json">{"@type": "Article", "name": "{{ page_title }}"}</script>"#,
    ];
    for title in [
        "Visits to St Brannock's Hospital",
        "St Brannock's Hospital -- a visit...",
    ] {
        for html in printed {
            let project = brannock_in_title(title);
            project.write(PAGE_TEMPLATE, page_template_with(html));
            let run = project.build();
            assert_eq!(run.code, 0, "{title} printed as {html}:\n{}", run.stderr);
        }
    }
}

/// After round 16: a title printed in another form (cut short by a
/// template) is refused, at the title's line.
#[test]
fn an_allowed_title_printed_otherwise_is_refused_at_its_line() {
    let project = brannock_in_title("St Brannock's Hospital, a visit");
    project.write(
        PAGE_TEMPLATE,
        page_template_with("<p>{{ page_title | truncate(length=22) }}</p>"),
    );
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("outside the file that allows it")
            && run.stderr.contains("content/pages/methods.md:2:"),
        "{}",
        run.stderr
    );
}

/// After round 16: the term in the title of a file without the
/// allowance is still refused, at that file's title line.
#[test]
fn an_allowed_term_in_another_files_title_is_refused_there() {
    let project = brannock_in_title("Visits to St Brannock's Hospital");
    project.write(
        "content/pages/visits.md",
        "---\ntitle: Visits to St Brannock's Hospital\norder: 2\n---\nWe went twice.\n",
    );
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("content/pages/visits.md:2:"),
        "{}",
        run.stderr
    );
}

/// After round 16: the term printed by a template, not as the allowing
/// file's title, is still refused, at the template's line.
#[test]
fn an_allowed_term_a_template_prints_beside_the_title_is_refused() {
    for html in [
        "<p>Fieldwork at St Brannock's Hospital.</p>",
        "<p title=\"St Brannock&#x27;s Hospital\">Fieldwork</p>",
        // Near the title, but not it.
        "<p>Visit to St Brannock’s Hospital</p>",
        "<p>XVisits to St Brannock’s Hospital</p>",
    ] {
        let project = brannock_in_title("Visits to St Brannock's Hospital");
        project.write(PAGE_TEMPLATE, page_template_with(html));
        let run = project.build();
        run.expect_code(1);
        assert!(
            run.stderr.contains("outside the file that allows it")
                && run.stderr.contains("themes/default/templates/page.html:1:"),
            "{html}:\n{}",
            run.stderr
        );
    }
}
