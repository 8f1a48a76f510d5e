//! The source checks read text the way it will be published (#18): a name,
//! number or id hidden by inline HTML, a comment, a character reference, an
//! escape, percent-encoding, an invisible character or Markdown attribute
//! syntax is refused before rendering, at the line and column that hold it.
//! Each test names the defect it pins.

mod common;
use common::{Project, build_fails as refuses};

const FINDING: &str = "content/findings/co-location.md";
const BODY_LINE: &str = "Sharing a building";

/// The one diagnostic with `code` in `out`, from its header to the blank
/// line that ends it, for a snapshot.
fn message(out: &str, code: &str) -> String {
    let header = format!("[{code}]");
    let start = out
        .find(&header)
        .and_then(|i| out[..i].rfind('\n').map(|n| n + 1).or(Some(0)))
        .unwrap_or_else(|| panic!("no {code} in:\n{out}"));
    let rest = &out[start..];
    let end = rest.find("\n\n").unwrap_or(rest.len());
    rest[..end].to_string()
}

fn in_body(text: &'static str) -> impl Fn(&Project) {
    move |p: &Project| {
        p.edit(FINDING, BODY_LINE, text);
    }
}

// Defect: `Tob<b>ias</b>` was read as two words, so a name split by an
// inline tag reached the page.
#[test]
fn a_name_split_by_an_inline_tag() {
    let out = refuses(
        in_body("Marjorie Quill<b>feather</b> said sharing a building"),
        "content/findings/co-location.md:8:1",
        "anonymity::identifier",
    );
    insta::assert_snapshot!(message(&out, "anonymity::identifier"));
}

// Defect: a comment between two halves of a name hid it; the browser shows
// the halves joined.
#[test]
fn a_name_split_by_a_comment() {
    refuses(
        in_body("Dear Marjorie<!-- -->Quill<!-- x -->feather, sharing a building"),
        "content/findings/co-location.md:8:6",
        "anonymity::identifier",
    );
}

// Defect: a name written with a soft hyphen or a zero-width space inside it.
#[test]
fn a_name_split_by_invisible_characters() {
    refuses(
        in_body("Marjorie Quill\u{AD}fea\u{200B}ther said sharing a building"),
        "content/findings/co-location.md:8:1",
        "anonymity::identifier",
    );
}

// Defect: only the output scan saw names written with character
// references, and it named `content/...:1:1`.
#[test]
fn character_references_in_a_body_numeric_hex_and_named() {
    for (body, column) in [
        (
            "So &#77;arjorie Quillfeather said sharing a building",
            "8:4",
        ),
        (
            "So M&#x61;rjorie Quillfeather said sharing a building",
            "8:4",
        ),
        (
            "So Marjori&eacute; Quillfeather said sharing a building",
            "8:4",
        ),
    ] {
        refuses(
            in_body(body),
            &format!("content/findings/co-location.md:{column}"),
            "anonymity::identifier",
        );
    }
}

#[test]
fn a_character_reference_in_a_front_matter_title() {
    let out = refuses(
        |p| {
            p.edit(
                FINDING,
                "title: Co-location without collaboration",
                "title: Co-location in &#84;histlebury",
            );
        },
        "content/findings/co-location.md:2:23",
        "anonymity::identifier",
    );
    insta::assert_snapshot!(message(&out, "anonymity::identifier"));
}

// Defect: the check read the raw front matter, where `\u0054` is not a T.
#[test]
fn a_yaml_escape_in_a_title() {
    for title in [
        r#"title: "Co-location in \u0054histlebury""#,
        r#"title: "Co-location in T\x68istlebury""#,
    ] {
        refuses(
            |p| {
                p.edit(FINDING, "title: Co-location without collaboration", title);
            },
            "content/findings/co-location.md:2:24",
            "anonymity::identifier",
        );
    }
}

// Defect: link targets were not percent-decoded.
#[test]
fn a_percent_encoded_link_target() {
    refuses(
        in_body("[x](https://example.org/Thi%73tlebury) Sharing a building"),
        "content/findings/co-location.md:8:25",
        "anonymity::identifier",
    );
}

// Defect: a heading's `{.class}` becomes a class name no text check read.
#[test]
fn markdown_attribute_syntax_becomes_a_class() {
    refuses(
        in_body("## Notes {.thistlebury #ward}\n\nSharing a building"),
        "content/findings/co-location.md:8:12",
        "anonymity::identifier",
    );
}

// Defect: a code fence's info string becomes a class name.
#[test]
fn a_code_fence_info_string() {
    refuses(
        |p| {
            p.edit(FINDING, "```python", "```thistlebury");
        },
        "content/findings/co-location.md:12:4",
        "anonymity::identifier",
    );
}

// Defect: a phone number with its last group in bold was two numbers.
#[test]
fn a_phone_number_with_its_last_group_in_bold() {
    for body in [
        "Call 020 7946 <b>0123</b> about sharing a building",
        "Call 020 7946 **0123** about sharing a building",
        "Call 020 7946 &#48;123 about sharing a building",
    ] {
        let out = refuses(
            in_body(body),
            "content/findings/co-location.md:8:6",
            "anonymity::phone-number",
        );
        if body.contains("<b>") {
            insta::assert_snapshot!(message(&out, "anonymity::phone-number"));
        }
    }
}

// Defect: an NHS number with a zero-width space in it.
#[test]
fn an_nhs_number_with_a_zero_width_space() {
    refuses(
        in_body("Number 943 476\u{200B} 5919 on sharing a building"),
        "content/findings/co-location.md:8:8",
        "anonymity::nhs-number",
    );
}

// Defect: an attribute value of raw HTML in a body is published (a title
// tooltip) but was read as part of the tag.
#[test]
fn an_attribute_value_in_raw_html() {
    refuses(
        in_body("<span title=\"Marjorie Quillfeather\">Sharing</span> a building"),
        "content/findings/co-location.md:8:14",
        "anonymity::identifier",
    );
}

#[test]
fn a_participant_id_written_with_a_reference() {
    refuses(
        in_body("As a-sw&#45;1 said, sharing a building"),
        "content/findings/co-location.md:8:4",
        "anonymity::participant-id",
    );
}

#[test]
fn the_json_output_names_the_line() {
    let project = Project::fixture("basic");
    project.edit(
        FINDING,
        BODY_LINE,
        "Marjorie Quill<b>feather</b> said sharing a building",
    );
    let run = project.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let line = run
        .stderr
        .lines()
        .chain(run.stdout.lines())
        .find(|l| l.contains("anonymity::identifier"))
        .unwrap_or_else(|| panic!("{run:?}"))
        .to_string();
    insta::assert_snapshot!(line);
}

// Lookalikes: redactions, pseudonyms, NHS 111, years, DOIs, `&amp;` and
// ordinary inline markup around ordinary words still build.
#[test]
fn clean_lookalikes_still_build() {
    let project = Project::fixture("basic");
    project.edit(
        FINDING,
        BODY_LINE,
        "[name] of Borough A rang NHS 111 in 2019 (doi:10.1000/xyz123, \
         <https://doi.org/10.1000/182>); Health &amp; care, &copy; 2020, \
         <b>Sharing</b> <span class=\"note\">a</span> <em>building</em><!-- ok --> \
         at 50% of sites, [site](https://example.org/a%20b), a&lt;b, \u{AD}x",
    );
    project.edit(
        FINDING,
        "title: Co-location without collaboration",
        "title: \"Co-location \\u0026 collaboration\"",
    );
    project.build().expect_code(0);
}

/// A quote attributed by role alone, whose role is shared by two social
/// workers in different boroughs: enough in the study, one in borough a.
fn role_only_quote_shared_across_boroughs(p: &Project) {
    p.edit(
        "content/quotes/a/same-building.md",
        "source: interview",
        "source: interview\nattribution: [role]",
    );
    p.edit(
        "content/participants.yaml",
        "{id: a-sw-2, role: Social worker, sector: social-care, borough: a}",
        "{id: a-sw-2, role: Social worker, sector: social-care, borough: b}",
    );
}

// Defect: a quote embedded in a borough's report was checked for k across
// the study only, though the page tells readers which borough it is from.
#[test]
fn an_embedded_quote_in_a_borough_body_fails_k_there() {
    let out = refuses(
        |p| {
            role_only_quote_shared_across_boroughs(p);
            p.edit(
                "content/boroughs/a.md",
                "runs an extended primary care team.",
                "runs an extended primary care team.\n\n![](quote:same-building)",
            );
        },
        "content/boroughs/a.md:8:5",
        "anonymity::small-group-in-context",
    );
    insta::assert_snapshot!(message(&out, "anonymity::small-group-in-context"));
}

#[test]
fn an_embedded_quote_in_a_pathway_narrative_fails_k_there() {
    refuses(
        |p| {
            role_only_quote_shared_across_boroughs(p);
            p.edit(
                "content/pathways/a-discharge.md",
                "Discharge to Assess.\n",
                "Discharge to Assess.\n\nAs one put it: ![](quote:same-building)\n",
            );
        },
        "content/pathways/a-discharge.md:15:20",
        "anonymity::small-group-in-context",
    );
}

#[test]
fn the_same_quote_on_a_page_of_no_borough_builds() {
    let project = Project::fixture("basic");
    role_only_quote_shared_across_boroughs(&project);
    project.edit(
        "content/pages/methods.md",
        "\n---\n",
        "\n---\n![](quote:same-building)\n\n",
    );
    project.build().expect_code(0);
}

// Defect: a YAML comment, which is never published, was refused as "would
// be published". It is now a warning that says what is true: the name
// stays in the project's files.
#[test]
fn a_yaml_comment_is_warned_about_truthfully() {
    let project = Project::fixture("basic");
    project.edit(
        "content/quotes/a/same-building.md",
        "source: interview\n",
        "source: interview # interviewed by Marjorie Quillfeather\n",
    );
    let run = project.build();
    run.expect_code(0);
    let out = &run.stderr;
    assert!(
        out.contains("warning[anonymity::in-yaml-comment]")
            && out.contains("content/quotes/a/same-building.md:3:36"),
        "{out}"
    );
    assert!(!out.contains("would be published"), "{out}");
    insta::assert_snapshot!(message(out, "anonymity::in-yaml-comment"));
    for (_, page) in project.site_files() {
        assert!(!String::from_utf8_lossy(&page).contains("Quillfeather"));
    }
}

// What looks like a comment inside a block scalar or a quoted string is
// published text, and still refused.
#[test]
fn a_hash_inside_published_yaml_text_is_not_a_comment() {
    refuses(
        |p| {
            p.edit(
                "content/boroughs/a.md",
                "summary: An extended primary care team.",
                "summary: |\n  # Marjorie Quillfeather's team",
            );
        },
        "content/boroughs/a.md:5:5",
        "anonymity::identifier",
    );
    refuses(
        |p| {
            p.edit(
                "content/boroughs/a.md",
                "summary: An extended primary care team.",
                "summary: \"Team # Marjorie Quillfeather\"",
            );
        },
        "content/boroughs/a.md:4:18",
        "anonymity::identifier",
    );
}

// Defect: `district nurse` and `District nurse` were counted as two groups
// (here: of one each, refused as too small) though a reader sees one role.
#[test]
fn role_spellings_are_one_group_and_warned_about() {
    let project = Project::fixture("basic");
    project.edit(
        "content/participants.yaml",
        "{id: b-dn-2, role: District nurse,",
        "{id: b-dn-2, role: district  nurse,",
    );
    project.write(
        "content/quotes/b/visits.md",
        "---\nparticipant: b-dn-1\nsource: interview\ncodes: [co-location]\n---\nWe visit together now.\n",
    );
    let run = project.build();
    run.expect_code(0);
    assert!(
        run.stderr.contains("content/participants.yaml:6:24"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(message(&run.stderr, "participants::role-spelling"));
    let pages: String = project
        .site_files()
        .values()
        .map(|page| String::from_utf8_lossy(page).into_owned())
        .collect();
    assert!(pages.contains("District nurse, Borough B"));
    assert!(!pages.contains("district  nurse") && !pages.contains("district nurse,"));
}

// Defect: structured identifiers disguised the same ways (a reference for
// the `@`, a tag around part of a postcode, a soft hyphen in an NI number).
#[test]
fn structured_identifiers_disguised() {
    for (body, code) in [
        (
            "Mail j.smith&#64;example.nhs.uk on sharing a building",
            "anonymity::email",
        ),
        (
            "Near E1 <span>6AN</span> sharing a building",
            "anonymity::postcode",
        ),
        (
            "Card AB 12 34\u{AD} 56 C on sharing a building",
            "anonymity::ni-number",
        ),
    ] {
        refuses(in_body(body), "content/findings/co-location.md:8:6", code);
    }
}

/// Defect (hostile tester): an identifiers list that names no one (an
/// empty file, only comments, `~`, lists left empty, names only under
/// `replace:`, a CI secret holding a space) was taken as "no names", and
/// the build published every real name without a word.
#[test]
fn an_identifiers_list_that_names_no_one_stops_the_build() {
    for list in [
        "",
        "# names to add later\n",
        "~\n",
        "people: ~\nplaces: ~\norganisations: ~\n",
        "people: []\nplaces: [' ']\nreplace:\n  Thistlebury: Borough A\n",
        " \n",
    ] {
        refuses(
            |p: &Project| {
                p.write("private/identifiers.yaml", list);
            },
            "private/identifiers.yaml:1:1",
            "anonymity::empty-identifiers",
        );
    }
}

/// A Markdown table's cell is read twice (in the flow, and after its
/// column's heading), but each thing found in it is reported once.
#[test]
fn a_table_cell_is_reported_once() {
    let project = Project::fixture("basic");
    project.write(
        "content/boroughs/b.md",
        "---\ntitle: Borough B\norder: 2\n---\n| Who | Date of birth | Place |\n|---|---|---|\n| a-sw-1 | 14/03/1952 | Thistlebury |\n",
    );
    let run = project.build();
    run.expect_code(1);
    for code in [
        "anonymity::participant-id",
        "anonymity::date-of-birth",
        "anonymity::identifier",
    ] {
        assert_eq!(
            run.stderr.matches(&format!("error[{code}]")).count(),
            1,
            "{code}:\n{}",
            run.stderr
        );
    }
}
