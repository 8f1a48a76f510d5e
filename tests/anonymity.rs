//! The anonymisation checks end to end: an identifier planted in each place
//! text can hide is caught with its position, exit code 1 and an untouched
//! site; lookalikes build cleanly; group sizes, consent, allowances and the
//! output scan behave as promised. Every diagnostic is snapshotted as a
//! researcher and a CI system are shown it (`fails_at!`, `assert_shown!`
//! from tests/common).

mod common;
use common::{BOROUGH_B, Project, borough_b, build_fails, checked, failures};

const FINDING: &str = "content/findings/co-location.md";
const QUOTE: &str = "content/quotes/a/same-building.md";

#[test]
fn a_listed_name_in_body_text_across_markup_and_line_breaks() {
    let out = fails_at!(
        |p| {
            p.edit(
                FINDING,
                "Sharing a building",
                "*Marjorie*\nQuillfeather's team said sharing a building",
            );
        },
        "content/findings/co-location.md:8:2",
        "anonymity::identifier",
    );
    assert!(
        out.contains("a person's name from the identifiers list (people)"),
        "{out}"
    );
}

#[test]
fn a_listed_place_in_a_title_suggests_its_pseudonym() {
    let out = fails_at!(
        |p| {
            p.edit(
                FINDING,
                "title: Co-location without collaboration",
                "title: Co-location in Thistlebury",
            );
        },
        "content/findings/co-location.md:2:23",
        "anonymity::identifier",
    );
    assert!(out.contains("replace it with `Borough A`"), "{out}");
}

#[test]
fn accents_and_hyphens_do_not_hide_a_place() {
    fails_at!(
        |p| {
            p.write("private/identifiers.yaml", "places: [Zoë Street]\n");
            p.edit(
                FINDING,
                "Sharing a building",
                "The Zoe-Street team found sharing a building",
            );
        },
        "content/findings/co-location.md:8:5",
        "anonymity::identifier",
    );
}

#[test]
fn a_pathway_label() {
    fails_at!(
        |p| {
            p.edit(
                "content/pathways/a-discharge.md",
                "label: Hospital ward",
                "label: Thistlebury ward",
            );
        },
        "content/pathways/a-discharge.md:6:23",
        "anonymity::identifier",
    );
}

#[test]
fn a_file_name_that_becomes_a_url() {
    fails_at!(
        |p| {
            let text = p.read("content/pages/methods.md");
            p.write("content/pages/thistlebury-methods.md", text);
            p.remove("content/pages/methods.md");
        },
        "content/pages/thistlebury-methods.md:1:1",
        "anonymity::identifier-in-file-name",
    );
}

/// Red team, round 32: an allowance in a file let its name through the
/// check of the sources, and the final check then refused the page's file
/// name with no place named, while the summary listed the term as allowed.
#[test]
fn an_allowance_does_not_reach_its_files_name() {
    let text = build_fails(
        |p| {
            let text = p.read("content/pages/methods.md").replace(
                "order: 1\n",
                "order: 1\nanonymity:\n  allow: [Thistlebury]\n  reason: named in the published business case\n",
            );
            p.write("content/pages/thistlebury.md", text);
            p.remove("content/pages/methods.md");
        },
        "content/pages/thistlebury.md:1:1",
        "anonymity::identifier-in-file-name",
    );
    assert!(!text.contains("allowed: “thistlebury”"), "{text}");
}

#[test]
fn image_alt_text() {
    fails_at!(
        |p| {
            p.edit(
                FINDING,
                "Sharing a building",
                "![Marjorie Quillfeather at her desk](desk.png)\n\nSharing a building",
            );
        },
        "content/findings/co-location.md:8:3",
        "anonymity::identifier",
    );
}

#[test]
fn a_link_target() {
    fails_at!(
        |p| {
            p.edit(
                FINDING,
                "Sharing a building",
                "[the trust](https://thistlebury.example.org/) Sharing a building",
            );
        },
        "content/findings/co-location.md:8:21",
        "anonymity::identifier",
    );
}

#[test]
fn an_html_comment() {
    fails_at!(
        |p| {
            p.edit(
                FINDING,
                "Sharing a building",
                "<!-- ask Marjorie Quillfeather -->\n\nSharing a building",
            );
        },
        "content/findings/co-location.md:8:10",
        "anonymity::identifier",
    );
}

#[test]
fn a_table_cell() {
    fails_at!(
        |p| {
            p.edit(
                "content/pages/methods.md",
                "| GP | <3 |",
                "| GP | <3 |\n| Thistlebury | 1 |",
            );
        },
        "content/pages/methods.md:10:3",
        "anonymity::identifier",
    );
}

#[test]
fn a_theme_template_is_caught_by_the_output_scan() {
    let out = fails_at!(
        |p| {
            p.write(
                "themes/default/templates/page.html",
                "{% extends \"base.html\" %}{% block content %}<h1>{{ page_title }}</h1><p>Fieldwork led by Marjorie Quillfeather.</p>{{ content | safe }}{% endblock content %}",
            );
        },
        // The gate names the template line that prints it.
        "themes/default/templates/page.html:1:90",
        "anonymity::output-leak",
    );
    assert!(out.contains("the generated page pages/methods.html would publish a term from the identifiers list (people)"), "{out}");
    assert!(
        echoes_only_the_file(&out, "Quillfeather"),
        "the secret must not be echoed: {out}"
    );
}

/// Whether `secret` appears in `out` only where a source line is quoted
/// (the line of the file that holds it), never in the message's own words.
fn echoes_only_the_file(out: &str, secret: &str) -> bool {
    out.lines()
        .filter(|line| line.contains(secret))
        .all(|line| {
            let gutter = line.trim_start().split('|').next().unwrap_or("");
            line.contains('|') && gutter.trim().chars().all(|c| c.is_ascii_digit())
        })
}

/// Builds with the default theme's `template` (whose text is `default`)
/// changed from `from` to `to`, which must leak; returns what was printed
/// (checked to hold one leak message) and the JSON, for the caller to
/// snapshot.
fn one_leak_through(template: &str, default: &str, from: &str, to: &str) -> (String, String) {
    let (out, json) = failures(
        |p| {
            let leaky = default.replace(from, to);
            assert_ne!(default, leaky);
            p.write(&format!("themes/default/templates/{template}"), leaky);
        },
        "anonymity::output-leak",
        "anonymity::output-leak",
    );
    assert_eq!(
        out.matches("error[anonymity::output-leak]").count(),
        1,
        "{out}"
    );
    (out, json)
}

#[test]
fn a_leak_on_every_page_is_one_message_naming_the_pages() {
    let out = assert_shown!(one_leak_through(
        "base.html",
        include_str!("../themes/default/templates/base.html"),
        "redactions appear in square brackets.",
        "redactions appear in square brackets. Fieldwork: Marjorie Quillfeather.",
    ));
    let pages = Project::fixture("basic");
    pages.build().expect_code(0);
    let others = pages
        .site_files()
        .keys()
        .filter(|p| p.ends_with(".html"))
        .count()
        - 1;
    assert!(
        out.contains("would publish a term from the identifiers list (people)")
            && out.contains(&format!(" and {others} other generated files")),
        "{out}"
    );
    assert!(out.contains("pages: ") && out.contains(", …"), "{out}");
    assert!(echoes_only_the_file(&out, "Quillfeather"), "{out}");
}

/// The pages named in the one output-leak message of `out`.
fn leak_pages(out: &str) -> Vec<String> {
    let line = out
        .lines()
        .find(|l| l.contains("= pages: "))
        .unwrap_or_else(|| panic!("no page list in:\n{out}"));
    let list = line.split("= pages: ").nth(1).unwrap_or("");
    list.trim_end_matches(", …")
        .split(", ")
        .map(str::to_string)
        .collect()
}

#[test]
fn a_quote_partial_that_leaks_is_caught_on_the_pages_showing_quotes() {
    let out = assert_shown!(one_leak_through(
        "partials/quote.html",
        include_str!("../themes/default/templates/partials/quote.html"),
        "</figcaption>",
        " (interviewed by Marjorie Quillfeather)</figcaption>",
    ));
    assert!(
        out.contains("would publish a term from the identifiers list (people)"),
        "{out}"
    );
    // A figure is drawn once, but the message names the pages it is on.
    let pages = leak_pages(&out);
    for page in [
        "codebook/co-location.html",
        "findings/co-location.html",
        "quotes.html",
    ] {
        assert!(pages.iter().any(|p| p == page), "{page} in {pages:?}");
    }
    assert!(echoes_only_the_file(&out, "Quillfeather"), "{out}");
}

#[test]
fn a_menu_partial_that_leaks_a_phone_number_is_caught_on_every_page() {
    let out = assert_shown!(one_leak_through(
        "partials/nav.html",
        include_str!("../themes/default/templates/partials/nav.html"),
        "aria-label=\"Report sections\">",
        "aria-label=\"Report sections\"><p>Questions? Ring 07700 900123.</p>",
    ));
    assert!(out.contains("would publish a UK phone number"), "{out}");
    assert!(out.contains(" other generated files"), "{out}");
}

#[test]
fn a_name_split_between_a_template_and_a_quote_partial_is_caught() {
    // The partial begins with inline text, so the text before it on the
    // page runs into its own: the two halves make the name.
    let out = fails_at!(
        |p| {
            p.write(
                "themes/default/templates/partials/quote.html",
                "<em>Quillfeather</em> said: <figure class=\"quote\"><blockquote>{{ quote.html | safe }}</blockquote><figcaption><a href=\"{{ quote.url }}\">{{ quote.attribution }}</a></figcaption></figure>",
            );
            // A finding's page sets the shared figure (a quote's own page
            // draws the quote without it, so as not to link to itself).
            let page = include_str!("../themes/default/templates/finding.html");
            let leaky = page.replace(
                "{{ quote.figure | safe }}",
                "<p>Marjorie {{ quote.figure | safe }}",
            );
            assert_ne!(page, leaky);
            p.write("themes/default/templates/finding.html", leaky);
        },
        "anonymity::output-leak",
        "anonymity::output-leak",
    );
    assert!(
        out.contains("would publish a term from the identifiers list (people)"),
        "{out}"
    );
    assert!(out.contains("findings/"), "{out}");
}

#[test]
fn structured_identifiers_are_each_caught() {
    // (planted, code, the snapshot's name)
    let cases = [
        ("email me at j.bloggs@nhs.net", "anonymity::email", "email"),
        (
            "call 07700 900123",
            "anonymity::phone-number",
            "mobile_number",
        ),
        (
            "ring 020 7946 0123",
            "anonymity::phone-number",
            "london_number",
        ),
        ("NHS no 999 000 0018", "anonymity::nhs-number", "nhs_number"),
        (
            "NI number JG 10 37 59 A",
            "anonymity::ni-number",
            "ni_number",
        ),
        ("lives near E1 6AN", "anonymity::postcode", "postcode"),
        (
            "DOB 14/03/1952",
            "anonymity::date-of-birth",
            "date_of_birth",
        ),
    ];
    for (planted, code, name) in cases {
        let change = |p: &Project| {
            p.edit(
                QUOTE,
                "We are in the same building",
                &format!("{planted}. We are in the same building"),
            );
        };
        let shown = failures(change, "content/quotes/a/same-building.md:6:", code);
        assert_shown!(format!("structured_identifier_{name}"), shown);
    }
}

/// A practice nurse beside Borough A's GP: "Primary care, Borough A" is
/// shared by two (the fixture's k), where "GP, Borough A" is the GP alone.
fn practice_nurse_in_a(p: &Project) {
    p.edit(
        "content/participants.yaml",
        "  - {id: a-gp-1",
        "  - {id: a-pn-1, role: Practice nurse, sector: primary-care, borough: a}\n  - {id: a-gp-1",
    );
}

#[test]
fn a_small_attribution_group_names_its_size_and_a_coarser_attribution() {
    let out = fails_at!(
        |p| {
            practice_nurse_in_a(p);
            p.write(
                "content/quotes/a/gp-view.md",
                "---\nparticipant: a-gp-1\nsource: interview\ncodes: [co-location]\n---\nWe share a corridor and little else.\n",
            );
        },
        "content/quotes/a/gp-view.md:2:14",
        "anonymity::small-group",
    );
    assert!(
        out.contains("“GP, Borough A”, a group of 1 participant"),
        "{out}"
    );
    assert!(
        out.contains("add `attribution: [sector, borough]`"),
        "{out}"
    );
}

#[test]
fn the_suggested_attribution_builds() {
    let project = Project::fixture("basic");
    practice_nurse_in_a(&project);
    project.write(
        "content/quotes/a/corridor-view.md",
        "---\nparticipant: a-gp-1\nsource: interview\ncodes: [co-location]\nattribution: [sector, borough]\n---\nWe share a corridor and little else.\n",
    );
    project.build().expect_code(0);
    assert!(
        project
            .page("quotes/corridor-view.html")
            .contains(">Borough A</a>")
    );
}

/// Regression: with Borough A's two social workers and its one GP, the
/// GP's quote was offered `attribution: [borough]`; but "Borough A"
/// leaves out the role, which the social workers' quotes show, so it
/// points at the GP. No attribution passes, and the help says so.
#[test]
fn no_attribution_is_suggested_that_the_build_then_refuses() {
    let out = common::build_fails(
        |p: &Project| {
            p.write(
                "content/quotes/a/gp-view.md",
                "---\nparticipant: a-gp-1\nsource: interview\ncodes: [co-location]\n---\nWe share a corridor and little else.\n",
            );
        },
        "content/quotes/a/gp-view.md:2:14",
        "anonymity::small-group",
    );
    assert!(!out.contains("add `attribution:"), "{out}");
    assert!(
        out.contains("no attribution is shared by enough participants without being narrowed down by what it leaves out"),
        "{out}"
    );
    let project = Project::fixture("basic");
    project.write(
        "content/quotes/a/corridor-view.md",
        "---\nparticipant: a-gp-1\nsource: interview\ncodes: [co-location]\nattribution: [borough]\n---\nWe share a corridor and little else.\n",
    );
    project.build().expect_code(1);
}

/// Two GPs in Borough B and one in Borough A, with a practice nurse
/// ([`practice_nurse_in_a`]): quotes from Borough B's GPs read "GP,
/// Borough B", so one that reads "GP" alone is the Borough A GP's, though
/// three share "GP". Her quote `corridor-view`, attributed `[role]`.
fn gp_by_role_alone(p: &Project) {
    practice_nurse_in_a(p);
    let registry = p.read("content/participants.yaml");
    p.write(
        "content/participants.yaml",
        format!(
            "{registry}  - {{id: b-gp-1, role: GP, sector: primary-care, borough: b}}\n  - {{id: b-gp-2, role: GP, sector: primary-care, borough: b}}\n"
        ),
    );
    p.write(
        "content/quotes/a/corridor-view.md",
        "---\nparticipant: a-gp-1\nsource: interview\ncodes: [co-location]\nattribution: [role]\n---\nWe share a corridor and little else.\n",
    );
}

/// Red team: a coarser attribution gives itself away by elimination.
/// "GP" passes the study-wide count (three GPs), but readers know the
/// borough is left out only where too few share it, and only Borough A
/// has fewer than k GPs: the quote is pinned on its one GP. Refused at
/// the `attribution:` line, with an attribution that passes both counts.
#[test]
fn a_coarser_attribution_narrowed_down_by_elimination_is_refused() {
    let out = fails_at!(
        gp_by_role_alone,
        "content/quotes/a/corridor-view.md:5:1",
        "anonymity::attribution-by-elimination",
    );
    assert!(out.contains("attributed as “GP”"), "{out}");
    assert!(out.contains("narrow it down to 1 participant"), "{out}");
    assert!(
        out.contains("change this line to `attribution: [sector, borough]`"),
        "{out}"
    );
    // The suggestion builds: "Primary care, Borough A" is the GP and the
    // practice nurse, neither of whose role Borough A has two of.
    let project = Project::fixture("basic");
    gp_by_role_alone(&project);
    project.edit(
        "content/quotes/a/corridor-view.md",
        "attribution: [role]",
        "attribution: [sector, borough]",
    );
    project.build().expect_code(0);
    // A Borough B GP's quote attributed "GP" is pinned on Borough A's GP
    // just the same; for her the default passes, and the help says so.
    let out = common::build_fails(
        |p: &Project| {
            gp_by_role_alone(p);
            p.edit("content/quotes/a/corridor-view.md", "a-gp-1", "b-gp-1");
        },
        "content/quotes/a/corridor-view.md:5:1",
        "anonymity::attribution-by-elimination",
    );
    assert!(
        out.contains("remove this line, so that the quote is attributed by the default [role, borough] (2 participants share that)"),
        "{out}"
    );
}

#[test]
fn quotes_from_withdrawn_or_no_quotes_participants() {
    let no_quotes = failures(
        |p| {
            p.write(
                "content/quotes/b/nurse.md",
                "---\nparticipant: b-dn-2\nsource: interview\ncodes: [co-location]\n---\nWe visit the same homes.\n",
            );
        },
        "content/quotes/b/nurse.md:2:14",
        "anonymity::no-quotes",
    );
    assert_shown!("quote_from_a_participant_not_to_be_quoted", no_quotes);
    let withdrawn = failures(
        |p| {
            p.edit("content/participants.yaml", "{id: b-dn-1, role: District nurse, sector: health, borough: b}", "{id: b-dn-1, role: District nurse, sector: health, borough: b, consent: withdrawn}");
            p.write(
                "content/quotes/b/nurse.md",
                "---\nparticipant: b-dn-1\nsource: interview\ncodes: [co-location]\n---\nWe visit the same homes.\n",
            );
        },
        "content/quotes/b/nurse.md:2:14",
        "anonymity::withdrawn",
    );
    assert_shown!("quote_from_a_participant_who_withdrew", withdrawn);
}

#[test]
fn a_participant_id_in_text() {
    fails_at!(
        |p| {
            p.edit(
                FINDING,
                "Sharing a building",
                "As a-sw-2 put it, sharing a building",
            );
        },
        "content/findings/co-location.md:8:4",
        "anonymity::participant-id",
    );
}

#[test]
fn an_allowance_permits_a_term_in_its_file_only_and_is_listed() {
    let project = Project::fixture("basic");
    project.edit(
        "content/pages/methods.md",
        "order: 1\n",
        "order: 1\nanonymity:\n  allow: [Thistlebury]\n  reason: named in the published business case\n",
    );
    project.edit(
        "content/pages/methods.md",
        "We interviewed staff.",
        "We interviewed staff in Thistlebury.",
    );
    let run = project.build();
    run.expect_code(0);
    assert!(run.stderr.contains("allowed: “Thistlebury” in content/pages/methods.md (named in the published business case)"), "{}", run.stderr);
    // The same term elsewhere is still an error.
    project.edit(
        FINDING,
        "Sharing a building",
        "In Thistlebury, sharing a building",
    );
    project.build().expect_code(1);
    assert_shown!(checked(&project, 1));
}

#[test]
fn an_allowance_without_a_reason_is_an_error() {
    fails_at!(
        |p| {
            p.edit(
                "content/pages/methods.md",
                "order: 1\n",
                "order: 1\nanonymity:\n  allow: [Thistlebury]\n",
            );
        },
        "content/pages/methods.md:4:1",
        "anonymity::allowance-without-reason",
    );
}

#[test]
fn lookalikes_build_cleanly() {
    let project = Project::fixture("basic");
    project.write(
        "private/identifiers.yaml",
        "people: [Marjorie Quillfeather]\nplaces: [Bow, Thistlebury]\n",
    );
    project.edit(
        FINDING,
        "Sharing a building",
        "[name] told us about [ward] in Borough A; NHS 111 and Band 6 posts; \
         a reference of 1234567890 (it fails the NHS checksum); the forum met on 14 November 2017 \
         at 09:30; her elbow hurt; a Bowling club. Sharing a building",
    );
    let run = project.build();
    run.expect_code(0);
    assert!(!run.stderr.contains("error["), "{}", run.stderr);
    assert_shown!(checked(&project, 0));
}

/// Participant ids are read with a mark between two parts left out only
/// where their parts run together hold a letter and a digit and are four
/// long at least (`AGP1` is `a-gp-1`): short ids run together are paper
/// sizes, roads and vitamins, and an id's first parts without its number
/// are words.
#[test]
fn participant_id_lookalikes_build_cleanly() {
    let project = Project::fixture("basic");
    let registry = project.read("content/participants.yaml");
    project.write(
        "content/participants.yaml",
        format!(
            "{registry}  - {{id: a-1, role: GP, sector: primary-care, borough: a}}\n  - {{id: a-12, role: GP, sector: primary-care, borough: a}}\n  - {{id: b-12, role: District nurse, sector: health, borough: b}}\n"
        ),
    );
    project.edit(
        FINDING,
        "Sharing a building",
        "The plans were printed on A1 paper; the hub is off the A12; B12 injections \
         are given there. The a-gp practice and the ASW team share it, a GP 1 day a week, A GP, 1 day, \
         the a\u{2013}gp rota, agp and asw notes, A1\u{2013}A12 forms. \
         Sharing a building",
    );
    let run = project.build();
    run.expect_code(0);
    assert!(!run.stderr.contains("error["), "{}", run.stderr);
}

/// A participant id is found by the checks of the files where the final
/// check finds it on the page, so it is refused at its line: with its
/// marks left out, with Markdown's `--` and `---` (shown as dashes), a
/// run of them, or a Unicode dash, in text, a code span, a link or the
/// title.
#[test]
fn a_participant_id_however_its_marks_are_typed_is_refused_at_its_line() {
    for (line, body) in [
        (5, "As A-GP1 put it."),
        (5, "As agp1 put it."),
        (5, "As a--gp--1 put it."),
        (5, "As a---gp---1 put it."),
        (5, "As a----gp----1 put it."),
        (5, "As A--GP1 put it."),
        (5, "As a\u{2013}gp\u{2014}1 put it."),
        (5, "As `a--gp--1` put it."),
        (5, "As [she](https://example.org/a--gp1) put it."),
        (5, "As *a*--gp--1 put it."),
        (2, ""),
    ] {
        let project = Project::fixture("basic");
        let title = match body.is_empty() {
            true => "Methods of a--gp--1",
            false => "Methods",
        };
        project.write(
            "content/pages/methods.md",
            format!("---\ntitle: {title}\norder: 1\n---\n{body}\n"),
        );
        let run = project.build();
        run.expect_code(1);
        assert!(
            run.stderr.contains("error[anonymity::participant-id]")
                && run
                    .stderr
                    .contains(&format!("content/pages/methods.md:{line}:"))
                && !run.stderr.contains("template"),
            "{body:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_first_name_alone_and_a_title_with_a_surname_are_warnings() {
    let project = Project::fixture("basic");
    project.edit(
        FINDING,
        "Sharing a building",
        "Marjorie said Mrs Okafor agreed. Sharing a building",
    );
    let run = project.build();
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[anonymity::partial-name]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning[anonymity::name-like]"),
        "{}",
        run.stderr
    );
    assert_shown!(checked(&project, 0));
}

#[test]
fn a_long_quote_is_a_warning_counting_the_words_a_reader_sees() {
    let project = Project::fixture("basic");
    let build_with_limit = |words: usize| {
        project.write(
            "evalsite.yaml",
            format!("title: Fixture evaluation\nanonymity:\n  k: 2\n  max_quote_words: {words}\n"),
        );
        let run = project.build();
        run.expect_code(0);
        run.stderr
    };
    // The front matter's words, the markup and the dash are not counted.
    project.write(
        QUOTE,
        "---\nparticipant: a-sw-1\nsource: interview\ncodes: [co-location]\n---\nOne two *three*\n\nfour — five.\n",
    );
    let stderr = build_with_limit(4);
    assert!(
        stderr.contains("warning[anonymity::long-quote]: this quote is 5 words long; consent covered extracts of up to 4 words"),
        "{stderr}"
    );
    assert_shown!(checked(&project, 0));
    let stderr = build_with_limit(5);
    assert!(!stderr.contains("this quote is 5 words"), "{stderr}");
}

#[test]
fn check_reports_json_for_ci() {
    let project = Project::fixture("basic");
    project.edit(
        QUOTE,
        "We are in the same building",
        "Call 07700 900123. We are in the same building",
    );
    let run = project.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("phone-number"))
        .expect("a JSON line");
    let value: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(value["file"], "content/quotes/a/same-building.md");
    assert_eq!(value["line"], 6);
    assert_eq!(value["column"], 6);
    assert_eq!(value["end"]["column"], 18);
    assert_eq!(value["severity"], "error");
    assert_eq!(value["code"], "anonymity::phone-number");
    assert!(value["suggestion"].as_str().unwrap().contains("redaction"));
    assert!(!project.path("site").exists());
    assert_shown!(checked(&project, 1));
}

/// A quote attributed without its borough, cited by a finding that holds in
/// one borough, is placed in that borough by the page: the group is counted there.
#[test]
fn a_finding_that_narrows_the_borough_is_checked_too() {
    let setup = |p: &Project| {
        p.write(
            "evalsite.yaml",
            "title: Fixture evaluation\nanonymity:\n  k: 3\n",
        );
        p.edit(
            "content/participants.yaml",
            "  - {id: a-gp-1",
            "  - {id: b-sw-1, role: Social worker, sector: social-care, borough: b}\n  - {id: a-gp-1",
        );
        p.edit(
            QUOTE,
            "codes: [co-location]",
            "codes: [co-location]\nattribution: [role]",
        );
    };
    // Holding in A and B, three social workers share "Social worker": it builds,
    // and no page places the quote in a borough.
    let project = Project::fixture("basic");
    setup(&project);
    project.build().expect_code(0);
    assert!(!project.page("boroughs/a.html").contains("email each other"));
    assert!(
        !project
            .page("quotes/same-building.html")
            .contains("<dt>Borough</dt>")
    );
    assert!(
        project
            .page("quotes.html")
            .contains("Quotes attributed without a borough")
    );
    // Holding in A only, two social workers share it there: refused.
    let out = fails_at!(
        |p| {
            setup(p);
            p.edit(FINDING, "boroughs: [a, b]", "boroughs: [a]");
        },
        "content/findings/co-location.md:5:10",
        "anonymity::small-group-in-context",
    );
    assert!(out.contains("only 2 of the study's participants"), "{out}");
}

#[test]
fn quotes_without_a_borough_are_listed_in_id_order_not_by_folder() {
    // The example keeps one folder per borough, and the quotes attributed
    // by role alone come from all three: listed in file order, they ran
    // borough by borough, so a reader could place each GP's quote.
    let project = Project::example();
    project.build().expect_code(0);
    let page = project.page("quotes.html");
    let section = &page[page
        .find("Quotes attributed without a borough")
        .expect("the section")..];
    let ids: Vec<&str> = section
        .split("href=\"quotes/")
        .skip(1)
        .filter_map(|rest| rest.split_once(".html\"").map(|(id, _)| id))
        .collect();
    let folders: std::collections::BTreeSet<String> = ids
        .iter()
        .map(|id| {
            let file = walkdir::WalkDir::new(project.path("content/quotes"))
                .into_iter()
                .filter_map(Result::ok)
                .find(|e| e.file_name().to_str() == Some(&format!("{id}.md")))
                .unwrap_or_else(|| panic!("no file for quote {id}"));
            file.path().parent().unwrap().display().to_string()
        })
        .collect();
    assert!(
        folders.len() > 1,
        "the example's section spans folders: {folders:?}"
    );
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "listed in id order");
}

#[test]
fn findings_that_each_pass_can_place_a_quote_together() {
    // Red team, round 6: a quote attributed by role alone, cited by a
    // finding holding in A and B (4 social workers) and one holding in B
    // and C (3): each passes, but the quote's page lists both, and B, the
    // borough they share, has one social worker. The project attributes
    // by role alone, so nothing is left out that a reader could read by
    // elimination (with the borough left out, A or B is B's one social
    // worker already: tests/red_team_round14.rs).
    let finding = |id: &str, boroughs: &str| {
        format!(
            "---\ntitle: Cover is thin ({id})\ncodes: [co-location]\nboroughs: [{boroughs}]\n\
             quotes: [cover]\nstatus: final\n---\nSocial workers covered several teams.\n"
        )
    };
    let project = Project::fixture("basic");
    project
        .edit("evalsite.yaml", "k: 2", "k: 3\n  attribution: [role]")
        .write(
            "content/participants.yaml",
            "participants:\n\
             \x20 - {id: a-sw-1, role: Social worker, sector: social-care, borough: a}\n\
             \x20 - {id: a-sw-2, role: Social worker, sector: social-care, borough: a}\n\
             \x20 - {id: a-sw-3, role: Social worker, sector: social-care, borough: a}\n\
             \x20 - {id: b-sw-1, role: Social worker, sector: social-care, borough: b}\n\
             \x20 - {id: c-sw-1, role: Social worker, sector: social-care, borough: c}\n\
             \x20 - {id: c-sw-2, role: Social worker, sector: social-care, borough: c}\n",
        )
        .write(
            "content/boroughs/c.md",
            "---\ntitle: Borough C\norder: 3\n---\nBorough C has a hospital at home.\n",
        )
        .write(
            "content/quotes/cover.md",
            "---\nparticipant: b-sw-1\nsource: interview\ncodes: [co-location]\n---\n\
             I cover three teams on a good week.\n",
        );
    project.write("content/findings/zz-sw-ab.md", finding("ab", "a, b"));
    project.build().expect_code(0);
    project.write("content/findings/zz-sw-bc.md", finding("bc", "b, c"));
    let (text, json) = checked(&project, 1);
    assert!(text.contains("anonymity::small-group-in-context"), "{text}");
    assert!(text.contains("leaves only Borough B"), "{text}");
    assert!(json.contains("small-group-in-context"), "{json}");
    // Each finding on its own still builds.
    project.remove("content/findings/zz-sw-ab.md");
    project.build().expect_code(0);
}

#[test]
fn a_link_with_its_own_text_places_a_quote_as_an_embed_does() {
    // Red team, round 7: "[in one interview](quote:…)" from Borough B's
    // report prints nothing of the quote, but its page says "Social
    // worker", and B has one.
    let setup = |p: &Project, link_from: &str, text: &str| {
        p.write(
            "content/quotes/zz-paperwork.md",
            "---\nparticipant: b-sw-1\nsource: interview\ncodes: [information-sharing]\n\
             attribution: [role]\n---\nThe paperwork never follows the person home.\n",
        );
        let body = p.read(link_from);
        p.write(link_from, format!("{body}\n{text}\n"));
    };
    let link = "Paper records came up [in one interview](quote:zz-paperwork).";
    let project = Project::example();
    setup(&project, "content/boroughs/b.md", link);
    let (text, _) = checked(&project, 1);
    assert!(text.contains("anonymity::small-group-in-context"), "{text}");
    assert!(text.contains("content/boroughs/b.md"), "{text}");
    // From a finding that holds in B alone, the same.
    let project = Project::example();
    let finding = "content/findings/zz-paper.md";
    project.write(
        finding,
        "---\ntitle: Paper records\ncodes: [information-sharing]\nboroughs: [b]\nstatus: final\n---\nSeen once.\n",
    );
    setup(&project, finding, link);
    let (text, _) = checked(&project, 1);
    assert!(text.contains("content/findings/zz-paper.md"), "{text}");
    // Linked from nowhere that places it, it builds.
    let project = Project::example();
    setup(&project, "content/pages/methods.md", link);
    project.build().expect_code(0);
    // A plain link to the quote's page (as the site writes it, with an
    // anchor, or percent-encoded) takes a reader to the same quote.
    for page in [
        "../quotes/zz-paperwork.html",
        "../quotes/zz-paperwork.html#top",
        "../quotes/zz%2Dpaperwork.html",
    ] {
        let project = Project::example();
        let link = format!("Paper records came up [in one interview]({page}).");
        setup(&project, "content/boroughs/b.md", &link);
        let (text, _) = checked(&project, 1);
        assert!(
            text.contains("anonymity::small-group-in-context"),
            "{page}: {text}"
        );
        assert!(text.contains("content/boroughs/b.md"), "{page}: {text}");
    }
}

/// Round 7 had no time for YAML's own ways of writing a value: a folded
/// block joins its lines (a name split over two is one name), and an
/// alias repeats what its anchor holds. Each is refused where the name is
/// written.
#[test]
fn yaml_folded_blocks_and_aliases_are_read_as_published() {
    let front = |fields: &str| {
        format!(
            "---\n{fields}\ncodes: [co-location]\nboroughs: [a, b]\nquotes: [same-building]\n---\nBody.\n"
        )
    };
    let folded = front("title: Co-location\nsummary: >\n  We met Marjorie\n  Quillfeather there.");
    common::build_fails(
        |p: &Project| {
            p.write(FINDING, &folded);
        },
        "content/findings/co-location.md:4:10",
        "anonymity::identifier",
    );
    let aliased = front("title: &t Thistlebury notes\nsummary: *t");
    common::build_fails(
        |p: &Project| {
            p.write(FINDING, &aliased);
        },
        "content/findings/co-location.md:2:11",
        "anonymity::identifier",
    );
}

/// What a researcher is told when a quote's address or its own words say
/// what its attribution leaves out (red team, round 12).
#[test]
fn an_address_or_words_that_say_what_the_attribution_hides() {
    let address = failures(
        |p| {
            p.write(
                "content/quotes/a/a-sw-notes.md",
                "---\nparticipant: a-sw-1\nsource: interview\ncodes: [co-location]\nattribution: [sector]\n---\nWe read every letter.\n",
            );
        },
        "content/quotes/a/a-sw-notes.md:1:1",
        "anonymity::attribution-in-address",
    );
    assert_shown!("quote_address_says_its_borough", address);
    let words = failures(
        |p| {
            p.write(
                "content/quotes/a/letters.md",
                "---\nparticipant: a-sw-1\nsource: interview\ncodes: [co-location]\nattribution: [sector, borough]\n---\nAs the social worker here, I read every letter.\n",
            );
        },
        "content/quotes/a/letters.md:7:8",
        "anonymity::role-in-words",
    );
    assert_shown!("quote_says_its_speakers_role", words);
    // Where the attribution says the role, the words may too.
    let project = Project::fixture("basic");
    project.write(
        "content/quotes/a/letters.md",
        "---\nparticipant: b-dn-1\nsource: interview\ncodes: [co-location]\n---\nAs a district nurse here, I read every letter.\n",
    );
    project.build().expect_code(0);
}

/// A quote whose attribution leaves out its borough must not name it in
/// its own words where fewer than k of those the attribution fits are
/// there (red team, round 18): Borough A's one GP quoted "GP" (four GPs;
/// by elimination A's or C's) who says "Here in Borough A" is one. The
/// words are refused at their line, in any case and with a possessive;
/// another borough named, or the same words where the borough has k of
/// them, or an attribution that says the borough, pass.
#[test]
fn a_quote_naming_the_borough_its_attribution_leaves_out() {
    const GP_SAYS: &str = "content/quotes/a/gp-says.md";
    let says = |words: &'static str| {
        move |p: &Project| {
            common::gp_quote(p);
            p.edit(
                GP_SAYS,
                "The GP view is that nobody reads the notes.",
                words,
            );
        }
    };
    let shown = failures(
        says("Here in Borough A nobody reads the notes."),
        "content/quotes/a/gp-says.md:7:9",
        "anonymity::borough-in-words",
    );
    assert_shown!("quote_names_its_speakers_borough", shown);
    build_fails(
        says("In the practices of borough\nA's north, nobody reads."),
        "content/quotes/a/gp-says.md:7:21",
        "anonymity::borough-in-words",
    );
    // Another borough, named by the speaker, says nothing of who spoke.
    let project = Project::fixture("basic");
    says("Borough B never reads the notes.")(&project);
    project.build().expect_code(0);
    // Where k of those it fits are in the borough, naming it narrows
    // nothing down; nor where the attribution says the borough.
    for attribution in ["[role]", "[role, borough]"] {
        let project = Project::fixture("basic");
        says("Here in Borough A nobody reads the notes.")(&project);
        project.edit(
            GP_SAYS,
            "attribution: [role]",
            &format!("attribution: {attribution}"),
        );
        let registry = project.read("content/participants.yaml");
        project.write(
            "content/participants.yaml",
            format!(
                "{registry}  - {{id: a-gp-2, role: GP, sector: primary-care, borough: a}}\n  - {{id: c-gp-2, role: GP, sector: primary-care, borough: c}}\n"
            ),
        );
        project.build().expect_code(0);
        assert!(
            project
                .page("quotes/gp-says.html")
                .contains("Here in Borough A")
        );
    }
}

/// Road (docs/anonymity.md, the phone row's "not caught" before): a
/// phone number in a grouping no one uses, or a digit at a time as a
/// form's boxes give it, was published (exit 0): `phone_at` wanted the
/// usual groups. It is refused at its line and column in the source file,
/// and the counts and dates beside it still pass.
#[test]
fn a_phone_number_in_any_grouping_is_refused_at_its_line() {
    let lookalikes = "Scores of 0 1 2 3 and a pain scale of 0 1 2 3 4 5 6 7 8 9 10; \
        on 07/03/2019 12 people came; scores were 0, 3, 5, 2, 1, 4, 0, 2, 1, 1, 3; \
        see ISBN 0-19-852663-6.";
    for (line, number) in [
        ("She left 0 7 7 0 0 9 0 0 1 2 3 on the form.", "0 7 7 0 0"),
        (
            "Her mobile, 0 7700 900123, was on the form.",
            "0 7700 900123",
        ),
        ("Ring 07 700 900 123 for the team.", "07 700 900 123"),
        ("Or +44 7 7 0 0 9 0 0 1 2 3 from abroad.", "+44 7 7 0 0"),
    ] {
        let column = line.find(number).expect("in the line") + 1;
        let body = format!("{lookalikes}\n\nAn overview.\n{line}\n");
        let printed = build_fails(
            borough_b(&body),
            &format!("{BOROUGH_B}:8:{column}"),
            "anonymity::phone-number",
        );
        assert_eq!(printed.matches("error[").count(), 1, "{printed}");
    }
}

/// A role said by the short form care services use for it, which its
/// words do not spell: a mental health nurse quoted "Health, Borough A"
/// beside Borough A's 3 physiotherapists, who says "As the CPN on the
/// team" or whose quote's file is named `cpn-2-caseload`, is one of 2
/// nurses, not one of 5 health staff. Both are refused; the same words of
/// a physiotherapist, who is no CPN, are published. (Quotes are
/// attributed by sector and borough throughout, so that no quote's is
/// read as leaving the role out to hide a small group.)
#[test]
fn a_role_said_by_a_short_form_its_words_do_not_spell_is_refused() {
    let make = |speaker: &str, file: &str, words: &str| {
        let project = Project::fixture("basic");
        let settings = "k: 3\n  attribution: [sector, borough]";
        project.edit("evalsite.yaml", "k: 2", settings).write(
            "content/participants.yaml",
            common::participants(&[
                ("Social worker", "social-care", "a", 3),
                ("Mental health nurse", "health", "a", 2),
                ("Physiotherapist", "health", "a", 3),
            ]),
        );
        project.write(
            &format!("content/quotes/a/{file}.md"),
            format!(
                "---\nparticipant: {speaker}\nsource: interview\ncodes: [co-location]\n\
                 attribution: [sector, borough]\n---\n{words}\n"
            ),
        );
        project
    };
    for (file, words, code) in [
        (
            "never-see",
            "As the CPN on the team, I never see the social worker.",
            "anonymity::role-in-words",
        ),
        (
            "cpn-2-caseload",
            "I never see the social worker.",
            "anonymity::attribution-in-address",
        ),
    ] {
        let run = make("a-mhn-1", file, words).build();
        run.expect_code(1);
        assert!(run.stderr.contains(code), "{words}: {}", run.stderr);
        assert!(run.stderr.contains(&format!("content/quotes/a/{file}.md:")));
    }
    let project = make(
        "a-p-1",
        "never-see",
        "The CPN on the team never sees the social worker.",
    );
    project.build().expect_code(0);
    assert!(
        project
            .page("quotes/never-see.html")
            .contains("Health, Borough A")
    );
}

/// Ordinary words that are a listed person's initial and last name run
/// together ("along" for Alan Long, "shall" for Sam Hall), a last name's
/// plural, a last name before a word starting with the first name's
/// initial, and an initial before a short last name build with at most a
/// partial-name warning; the last name alone stays a warning.
#[test]
fn initial_and_surname_lookalikes_build() {
    let project = Project::fixture("basic");
    project.write(
        "private/identifiers.yaml",
        "people: [Marjorie Quillfeather, Alan Long, Sam Hall, Tom Rain, Jo Lee]\nplaces: [Thistlebury]\n",
    );
    project.write(
        common::METHODS,
        common::methods_with(
            "We walked along the corridor: we shall see. ALONG THE WARD. The train was late. \
             Quillfeather Memorial Hall was full; Quillfeather M is its ward. The Quillfeathers \
             came. aho ran the code.\n",
        ),
    );
    let run = project.build();
    run.expect_code(0);
    assert!(!run.stderr.contains("error["), "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[anonymity::partial-name]"),
        "{}",
        run.stderr
    );
    assert!(
        project
            .page("pages/methods.html")
            .contains("along the corridor")
    );
}

/// A listed person written as a reference list or a handle writes them is
/// refused by the source check at its line, and by the final check where
/// a template prints it; an allowance of the person lets each through in
/// its own file, as it does "M. Quillfeather" (red team, round 18).
#[test]
fn a_surname_with_an_initial_is_refused_by_both_checks_and_allowed_alike() {
    use common::{METHODS, methods_with};
    for form in [
        "Quillfeather, M. (2019)",
        "Quillfeather MJ, Smith A.",
        "@MQuillfeather",
        "mquillfeather",
        "quillfeatherm",
        "m_quillfeather",
        "Quillfeather.M",
    ] {
        let project = Project::fixture("basic");
        project.write(METHODS, methods_with(&format!("Audit by {form}.\n")));
        let run = project.build();
        run.expect_code(1);
        // Where the name begins (a handle's `@` is not the name's).
        let column = 10 + usize::from(form.starts_with('@'));
        assert!(
            run.stderr.contains("error[anonymity::identifier]")
                && run.stderr.contains(&format!("{METHODS}:5:{column}")),
            "{form}: {}",
            run.stderr
        );

        let project = Project::fixture("basic");
        let base = include_str!("../themes/default/templates/base.html");
        let link = "<p><a href=\"{{ root }}accessibility.html\">";
        assert!(base.contains(link));
        project.write(
            "themes/default/templates/base.html",
            base.replacen(link, &format!("<p>Audit by {form}.</p>{link}"), 1),
        );
        let run = project.build();
        run.expect_code(1);
        assert!(
            run.stderr.contains("error[anonymity::output-leak]")
                && run.stderr.contains("themes/default/templates/base.html:"),
            "{form}: {}",
            run.stderr
        );

        let project = Project::fixture("basic");
        project.write(
            METHODS,
            format!(
                "---\ntitle: Methods\norder: 1\nanonymity:\n  allow: [Marjorie Quillfeather]\n  \
                 reason: she wrote the audit under her name\n---\nAudit by {form}.\n"
            ),
        );
        let run = project.build();
        run.expect_code(0);
        assert!(project.page("pages/methods.html").contains(form), "{form}");
    }
}

/// A last name and the first name's initial side by side in a table's
/// row, as a list of authors may set them, are read by the final check
/// (which reads a row's cells apart by a space), and placed at the row,
/// as the first and last names are.
#[test]
fn a_surname_and_initial_in_a_table_row_are_placed_at_the_row() {
    use common::{METHODS, methods_with};
    let project = Project::fixture("basic");
    project.write(
        METHODS,
        methods_with("| Author | Initial |\n|---|---|\n| Quillfeather | M. |\n"),
    );
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("{METHODS}:7:3")) && !run.stderr.contains("a template"),
        "{}",
        run.stderr
    );
}

/// A quote attributed "Social care, Borough A" (a social worker's) that
/// links a finding without words of its own prints the finding's title as
/// the link's words: "What social workers told us" says the role its
/// attribution leaves out (red team, round 21). Refused at the link;
/// a title naming another role, or words of the link's own, pass.
#[test]
fn a_linked_title_saying_the_role_the_attribution_leaves_out() {
    const SAME_BUILDING: &str = "content/quotes/a/same-building.md";
    // The finding's address (`findings/view.html`) says no role: the
    // address a link shows is read too (red team, round 32).
    let links = |words: &'static str, title: &'static str| {
        move |p: &Project| {
            p.write(
                SAME_BUILDING,
                format!("---\nparticipant: a-sw-1\nsource: interview\ncodes: [co-location]\nattribution: [sector, borough]\n---\n{words}\n"),
            );
            p.write(
                "content/findings/view.md",
                format!("---\ntitle: {title}\ncodes: [structure]\nboroughs: [a, b]\n---\nText.\n"),
            );
        }
    };
    let shown = failures(
        links(
            "We are in the same building now, as [](finding:view) says.",
            "What social workers told us",
        ),
        "content/quotes/a/same-building.md:7:40",
        "anonymity::role-in-words",
    );
    assert_shown!("quote_says_its_speakers_role_through_a_linked_title", shown);
    // Another's role says nothing of who spoke; nor do words of the link's own.
    for (words, title) in [
        (
            "We are in the same building now, as [](finding:view) says.",
            "What district nurses told us",
        ),
        (
            "We are in the same building now, as [the finding](finding:view) says.",
            "What social workers told us",
        ),
    ] {
        let project = Project::fixture("basic");
        links(words, title)(&project);
        project.build().expect_code(0);
    }
}

/// The titles of a quote's codes are printed on its page ("Codes: …"),
/// and each code's page, and those of the codes above it, list the quote
/// under their titles (red team, round 21): a code titled "The Borough A
/// hub" on Borough A's one GP's quote attributed "GP" places it there, and
/// one titled "Social workers' views" on a social worker's quote
/// attributed "Social care, Borough A" says the role. Refused at the
/// quote's `codes:` entry. A code naming a borough where k of those the
/// attribution fits are, or another's role, passes.
#[test]
fn a_code_titled_with_what_the_attribution_leaves_out() {
    const GP_SAYS: &str = "content/quotes/a/gp-says.md";
    let coded = |title: &'static str, parent: &'static str| {
        move |p: &Project| {
            common::gp_quote(p);
            p.write(
                "content/codebook/hub.md",
                format!("---\ntitle: {title}\nparent: {parent}\n---\nThe hub.\n"),
            );
            p.edit(GP_SAYS, "codes: [co-location]", "codes: [hub]");
        }
    };
    let shown = failures(
        coded("The Borough A hub", "structure"),
        "content/quotes/a/gp-says.md:4:9",
        "anonymity::borough-in-titles",
    );
    assert_shown!("quote_coded_with_its_speakers_borough", shown);
    // A code above it, whose page lists the quote, counts too.
    let under = |p: &Project| {
        coded("The hub", "a-services")(p);
        p.write(
            "content/codebook/a-services.md",
            "---\ntitle: Borough A's services\nparent: structure\n---\nServices.\n",
        );
    };
    build_fails(
        under,
        "content/quotes/a/gp-says.md:4:9",
        "anonymity::borough-in-titles",
    );
    // Borough B has two GPs (k is 2): a code naming it narrows nothing
    // down to fewer.
    let project = Project::fixture("basic");
    coded("The Borough B hub", "structure")(&project);
    project.build().expect_code(0);

    const SAME_BUILDING: &str = "content/quotes/a/same-building.md";
    let views = |title: &'static str| {
        move |p: &Project| {
            p.write(
                SAME_BUILDING,
                "---\nparticipant: a-sw-1\nsource: interview\ncodes: [views]\nattribution: [sector, borough]\n---\nWe are in the same building now.\n",
            );
            p.write(
                "content/codebook/views.md",
                format!("---\ntitle: {title}\nparent: structure\n---\nViews.\n"),
            );
        }
    };
    let shown = failures(
        views("Social workers' views"),
        "content/quotes/a/same-building.md:4:9",
        "anonymity::role-in-titles",
    );
    assert_shown!("quote_coded_with_its_speakers_role", shown);
    let project = Project::fixture("basic");
    views("District nurses' views")(&project);
    project.build().expect_code(0);
}

/// A page printed under a title that names a borough is about it, as a
/// borough's report is (red team, round 23): a free page titled "Our visit
/// to Borough A" embedding Borough A's one GP's quote attributed "GP" is
/// refused at the embed, and a finding coded "The Borough A hub", whose
/// page prints that title above its evidence, at its `quotes:` entry.
#[test]
fn a_page_titled_after_a_borough_places_its_quotes_there() {
    let visit = |p: &Project| {
        common::gp_quote(p);
        p.write(
            "content/pages/visit.md",
            "---\ntitle: Our visit to Borough A\norder: 2\n---\nWhat we heard.\n\n![](quote:gp-says)\n",
        );
    };
    let shown = failures(
        visit,
        "content/pages/visit.md:7:5",
        "anonymity::small-group-in-context",
    );
    assert_shown!("free_page_titled_after_a_borough_embeds_a_quote", shown);
    let coded = |p: &Project| {
        common::gp_quote(p);
        p.write(
            "content/codebook/hub.md",
            "---\ntitle: The Borough A hub\nparent: structure\n---\nThe hub.\n",
        );
        p.write(
            "content/findings/unread.md",
            "---\ntitle: Notes go unread\ncodes: [hub]\nquotes: [gp-says]\n---\nNobody reads the notes.\n",
        );
    };
    let shown = failures(
        coded,
        "content/findings/unread.md:4:10",
        "anonymity::borough-in-titles",
    );
    assert_shown!("finding_coded_after_a_borough_cites_a_quote", shown);
}
