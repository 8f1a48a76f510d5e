//! Each kind of bad input gets a compiler-style message at the right
//! `file:line:column`, exit code 1, and leaves the previous site untouched.

// `fails_at!` (tests/common): the failure checked, its text and JSON snapshotted.
mod common;

const FINDING: &str = "content/findings/co-location.md";

#[test]
fn yaml_syntax_error() {
    let out = fails_at!(
        |p| {
            p.edit(FINDING, "boroughs: [a, b]", "boroughs: [a, b");
        },
        "content/findings/co-location.md:",
        "yaml::syntax",
    );
    assert!(out.contains("help: check the indentation"), "{out}");
}

#[test]
fn unknown_field_suggests_the_right_one() {
    let out = fails_at!(
        |p| {
            p.edit(FINDING, "boroughs:", "bouroughs:");
        },
        "content/findings/co-location.md:4:1",
        "yaml::unknown-field",
    );
    assert!(
        out.contains("`bouroughs` is not a field of a finding"),
        "{out}"
    );
    assert!(out.contains("help: did you mean `boroughs`?"), "{out}");
    assert!(out.contains("4 | bouroughs: [a, b]"), "{out}");
}

#[test]
fn wrong_type() {
    let out = fails_at!(
        |p| {
            p.edit(FINDING, "codes: [co-location]", "codes: {a: 1}");
        },
        "content/findings/co-location.md:3:",
        "yaml::invalid-value",
    );
    assert!(
        out.contains("`codes` must be a list, not `name: value` lines"),
        "{out}"
    );
    // Not also "`codes:` must name at least one codebook entry".
    assert!(out.contains("1 error and 0 warnings"), "{out}");
}

#[test]
fn a_name_on_a_line_of_the_wrong_kind_is_still_reported() {
    let out = fails_at!(
        |p| {
            p.edit(
                FINDING,
                "codes: [co-location]",
                "codes: {Marjorie Quillfeather: 1}",
            );
        },
        "content/findings/co-location.md:3:",
        "yaml::invalid-value",
    );
    assert!(out.contains("error[anonymity::identifier]"), "{out}");
}

#[test]
fn a_misspelt_word_is_one_error_with_the_word_meant() {
    // The finding is linked from the landing page and a pathway: those
    // links are not reported as links to nothing.
    let out = fails_at!(
        |p| {
            p.edit(FINDING, "attributes:", "status: fnal\nattributes:");
        },
        "content/findings/co-location.md:6:9",
        "yaml::invalid-value",
    );
    assert!(
        out.contains("`status` must be `final` or `draft`, not `fnal`")
            && out.contains("help: did you mean `final`?"),
        "{out}"
    );
    assert!(out.contains("1 error and 0 warnings"), "{out}");
}

#[test]
fn a_quote_that_cannot_be_read_is_not_also_missing_where_it_is_shown() {
    let out = fails_at!(
        |p| {
            p.edit(
                "content/quotes/a/same-building.md",
                "participant: a-sw-1",
                "participant: [a-sw-1]",
            );
        },
        "content/quotes/a/same-building.md:2:14",
        "yaml::invalid-value",
    );
    assert!(
        out.contains("`participant` must be text, not a list"),
        "{out}"
    );
    assert!(!out.contains("reference::unknown-quote"), "{out}");
    assert!(out.contains("1 error and 0 warnings"), "{out}");
}

#[test]
fn a_list_of_the_wrong_kind_leaves_the_other_identifier_lists_in_use() {
    let out = fails_at!(
        |p| {
            p.write(
                "private/identifiers.yaml",
                "people: [Marjorie Quillfeather]\nplaces: Thistlebury\n",
            );
            p.edit(
                FINDING,
                "Sharing a building",
                "Marjorie Quillfeather said sharing a building",
            );
        },
        "private/identifiers.yaml:2:9",
        "yaml::invalid-value",
    );
    assert!(out.contains("`places` must be a list"), "{out}");
    // The people list still applies in the same run.
    assert!(out.contains("content/findings/co-location.md:8:1"), "{out}");
    assert!(out.contains("error[anonymity::identifier]"), "{out}");
}

#[test]
fn every_setting_of_the_wrong_kind_at_once_and_no_knock_on() {
    let out = fails_at!(
        |p| {
            p.write(
                "evalsite.yaml",
                "title: [Fixture evaluation]\nquotes_per_page: ten\nanonymity:\n  k: 2\n",
            );
        },
        "evalsite.yaml:1:8",
        "yaml::invalid-value",
    );
    assert!(out.contains("`title` must be text, not a list"), "{out}");
    assert!(out.contains("evalsite.yaml:2:18"), "{out}");
    assert!(
        out.contains(r#"`quotes_per_page` must be a whole number, not the text "ten""#)
            && out.contains("help: write the number in digits, such as `quotes_per_page: 3`"),
        "{out}"
    );
    // k stays 2: the fixture's small attribution groups pass as before.
    assert!(out.contains("2 errors and 0 warnings"), "{out}");
}

#[test]
fn missing_required_field() {
    let out = fails_at!(
        |p| {
            p.edit(FINDING, "title: Co-location without collaboration\n", "");
        },
        "content/findings/co-location.md:2:1",
        "yaml::invalid-value",
    );
    assert!(out.contains("a finding needs a `title:` field"), "{out}");
}

#[test]
fn id_not_of_the_right_form() {
    let out = fails_at!(
        |p| {
            let text = p.read("content/pages/methods.md");
            p.write("content/pages/Our Methods.md", text);
            p.remove("content/pages/methods.md");
        },
        "content/pages/Our Methods.md:1:1",
        "id::invalid",
    );
    assert!(out.contains("rename the file to `our-methods.md`"), "{out}");
}

#[test]
fn duplicate_ids_name_both_files() {
    let out = fails_at!(
        |p| {
            let text = p.read("content/quotes/a/same-building.md");
            p.write("content/quotes/b/same-building.md", text);
        },
        "content/quotes/b/same-building.md:1:1",
        "id::duplicate",
    );
    assert!(out.contains("content/quotes/a/same-building.md"), "{out}");
}

#[test]
fn unknown_quote_in_front_matter() {
    let out = fails_at!(
        |p| {
            p.edit(FINDING, "quotes: [same-building]", "quotes: [same-buildng]");
        },
        "content/findings/co-location.md:5:10",
        "reference::unknown-quote",
    );
    assert!(out.contains("did you mean `same-building`?"), "{out}");
}

/// A link written as the address of a quote's page is read as a quote
/// link: a misspelt id is named at the address, with the id meant.
#[test]
fn unknown_quote_in_a_link_to_its_page() {
    fails_at!(
        |p| {
            p.edit(
                FINDING,
                "[](finding:draft-idea)",
                "[one interview](../quotes/same-bulding.html#top)",
            );
        },
        "content/findings/co-location.md:8:88",
        "reference::unknown-quote",
    );
}

#[test]
fn unknown_finding_in_a_body_link() {
    fails_at!(
        |p| {
            p.edit(
                FINDING,
                "[](finding:draft-idea)",
                "[](finding:no-such-finding)",
            );
        },
        "content/findings/co-location.md:8:75",
        "reference::unknown-finding",
    );
}

#[test]
fn unknown_code() {
    fails_at!(
        |p| {
            p.edit(
                "content/quotes/a/same-building.md",
                "codes: [co-location]",
                "codes: [colocation]",
            );
        },
        "content/quotes/a/same-building.md:4:9",
        "reference::unknown-code",
    );
}

#[test]
fn unknown_borough() {
    fails_at!(
        |p| {
            p.edit(FINDING, "boroughs: [a, b]", "boroughs: [a, z]");
        },
        "content/findings/co-location.md:4:15",
        "reference::unknown-borough",
    );
}

#[test]
fn unknown_participant() {
    let out = fails_at!(
        |p| {
            p.edit(
                "content/quotes/a/same-building.md",
                "participant: a-sw-1",
                "participant: a-sw-9",
            );
        },
        "content/quotes/a/same-building.md:2:14",
        "reference::unknown-participant",
    );
    assert!(!out.contains("a-sw-9\n") || out.contains("participant: a-sw-9"));
}

#[test]
fn unknown_pathway_embed() {
    fails_at!(
        |p| {
            p.write(
                "content/pages/maps.md",
                "---\ntitle: Maps\n---\nSee below.\n\n![](pathway:b-discharge)\n",
            );
        },
        "content/pages/maps.md:6:5",
        "reference::unknown-pathway",
    );
}

#[test]
fn unknown_page() {
    fails_at!(
        |p| {
            p.edit(
                "content/index.md",
                "[Borough A](borough:a)",
                "[methods](page:method)",
            );
        },
        "content/index.md:8:57",
        "reference::unknown-page",
    );
}

#[test]
fn codebook_parent_cycle() {
    let out = fails_at!(
        |p| {
            p.edit(
                "content/codebook/structure.md",
                "order: 1",
                "order: 1\nparent: co-location",
            );
        },
        "content/codebook/structure.md:4:9",
        "codebook::parent-cycle",
    );
    assert!(out.contains("structure → co-location → structure"), "{out}");
}

#[test]
fn file_that_is_not_utf8() {
    fails_at!(
        |p| {
            let mut bytes = b"---\ntitle: Methods\n---\nCaf".to_vec();
            bytes.push(0xe9);
            bytes.extend_from_slice(b" notes\n");
            p.write("content/pages/methods.md", bytes);
        },
        "content/pages/methods.md:4:4",
        "load::not-utf8",
    );
}

#[test]
fn front_matter_not_closed() {
    fails_at!(
        |p| {
            p.write(
                "content/pages/methods.md",
                "---\ntitle: Methods\n\nWe interviewed staff.\n",
            );
        },
        "content/pages/methods.md:1:1",
        "frontmatter::unclosed",
    );
}

#[test]
fn front_matter_not_a_mapping() {
    fails_at!(
        |p| {
            p.write(
                "content/pages/methods.md",
                "---\n- Methods\n- More\n---\nText\n",
            );
        },
        "content/pages/methods.md:2:1",
        "yaml::not-a-mapping",
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let out = fails_at!(
        |p| {
            p.edit(FINDING, "boroughs:", "bouroughs:");
            p.edit(
                "content/quotes/a/same-building.md",
                "codes: [co-location]",
                "codes: [colocation]",
            );
            p.write("content/pages/methods.md", "---\ntitle: Methods\n");
        },
        "content/findings/co-location.md:4:1",
        "yaml::unknown-field",
    );
    assert!(out.contains("reference::unknown-code"), "{out}");
    assert!(out.contains("frontmatter::unclosed"), "{out}");
    assert!(out.contains("3 errors"), "{out}");
}

#[test]
fn pathway_edge_to_an_unknown_node_and_a_duplicate_node() {
    let out = fails_at!(
        |p| {
            p.edit(
                "content/pathways/a-discharge.md",
                "{from: d2a, to: home}",
                "{from: d2a, to: hom}",
            );
            p.edit(
                "content/pathways/a-discharge.md",
                "{id: home, label: Home",
                "{id: d2a, label: Home",
            );
        },
        "content/pathways/a-discharge.md:11:",
        "pathway::unknown-node",
    );
    assert!(out.contains("error[pathway::duplicate-node]"), "{out}");
    assert!(
        out.contains("content/pathways/a-discharge.md:8:10"),
        "{out}"
    );
}

#[test]
fn pathway_without_nodes_and_with_an_unknown_finding() {
    let out = fails_at!(
        |p| {
            p.write(
                "content/pathways/b-empty.md",
                "---\ntitle: Empty\nborough: b\npathway: discharge\nnodes: []\nedges: []\n---\n",
            );
            p.edit(
                "content/pathways/a-discharge.md",
                "findings: [co-location]",
                "findings: [co-locaton]",
            );
        },
        "content/pathways/b-empty.md:5:1",
        "pathway::no-nodes",
    );
    assert!(out.contains("error[reference::unknown-finding]"), "{out}");
    assert!(out.contains("did you mean `co-location`?"), "{out}");
}

#[test]
fn one_bad_participant_does_not_hide_the_others() {
    let out = fails_at!(
        |p| {
            p.edit(
                "content/participants.yaml",
                "{id: a-gp-1, role: GP, sector: primary-care",
                "{id: a-gp-1, role: GP, sector: general-practice",
            );
        },
        "content/participants.yaml:4:36",
        "participants::invalid",
    );
    // The social worker's quote still finds its participant.
    assert!(!out.contains("unknown-participant"), "{out}");
    assert!(out.contains("1 error"), "{out}");
}

const QUOTE_A: &str = "content/quotes/a/same-building.md";
const QUOTE_B: &str = "content/quotes/a/forum-notes.md";

fn append(project: &common::Project, file: &str, text: &str) {
    let body = project.read(file);
    project.write(file, format!("{body}{text}"));
}

#[test]
fn a_quote_that_embeds_itself_is_an_error_not_a_hang() {
    let out = fails_at!(
        |p| append(p, QUOTE_A, "\n![](quote:same-building)\n"),
        "content/quotes/a/same-building.md:8:5",
        "reference::embed-loop",
    );
    assert!(out.contains("quote `same-building` embeds itself"), "{out}");
    assert!(out.contains("with `[](quote:same-building)`"), "{out}");
}

#[test]
fn quotes_that_embed_each_other_are_reported_with_the_loop() {
    let out = fails_at!(
        |p| {
            append(p, QUOTE_A, "\n![](quote:forum-notes)\n");
            append(p, QUOTE_B, "\n![](quote:same-building)\n");
        },
        "content/quotes/a/forum-notes.md:8:5",
        "reference::embed-loop",
    );
    assert!(
        out.contains("content/quotes/a/same-building.md:8:5"),
        "{out}"
    );
    assert!(
        out.contains("(same-building → forum-notes → same-building)"),
        "{out}"
    );
}

#[test]
fn a_mistake_in_a_template_is_reported_once_with_the_pages_it_stops() {
    let base = include_str!("../themes/default/templates/base.html");
    let out = fails_at!(
        |p| {
            let broken = base.replace(
                "<footer class=\"site-footer\">",
                "<footer class=\"site-footer\">{{ nope }}",
            );
            p.write("themes/default/templates/base.html", broken);
        },
        "themes/default/templates/base.html:",
        "theme::template",
    );
    assert_eq!(out.matches("error[theme::template]").count(), 1, "{out}");
    assert!(out.contains("Variable `nope` is not defined"), "{out}");
    assert!(out.contains("while making index.html and "), "{out}");
    assert!(out.contains("1 error"), "{out}");
}

#[test]
fn a_quote_partial_using_a_page_variable_is_reported_at_the_partial() {
    let partial = include_str!("../themes/default/templates/partials/quote.html");
    let out = fails_at!(
        |p| {
            let broken = partial.replace("<blockquote>", "<blockquote title=\"{{ page_title }}\">");
            p.write("themes/default/templates/partials/quote.html", broken);
        },
        "themes/default/templates/partials/quote.html:2:",
        "theme::template",
    );
    assert_eq!(out.matches("error[theme::template]").count(), 1, "{out}");
    assert!(
        out.contains("Variable `page_title` is not defined"),
        "{out}"
    );
    assert!(
        out.contains("while making the figure of the quote forum-notes and 1 more"),
        "{out}"
    );
}

#[test]
fn a_mistake_in_the_menu_partial_is_reported_once() {
    let out = fails_at!(
        |p| {
            p.write(
                "themes/default/templates/partials/nav.html",
                "<nav>\n{% for item in nav %}{{ item.nope }}{% endfor %}</nav>",
            );
        },
        "themes/default/templates/partials/nav.html:2:",
        "theme::template",
    );
    assert_eq!(out.matches("error[theme::template]").count(), 1, "{out}");
    assert!(out.contains("while making the menu"), "{out}");
}
