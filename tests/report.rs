//! The report as a commissioner reads it (issue #22): a borough report that
//! shows each finding once, findings in the team's order with summaries,
//! one counting rule for codes on every page that counts, and the small
//! defects of the pages, each pinned.

mod common;
use common::Project;

/// The `basic` fixture with a second theme, a code under it, and a finding
/// coded first to that code and then to `co-location` (under `structure`).
fn two_themes() -> Project {
    let project = Project::fixture("basic");
    project
        .write(
            "content/codebook/values.md",
            "---\ntitle: Shared values\norder: 0\n---\nWhat staff believe in.\n",
        )
        .write(
            "content/codebook/trust.md",
            "---\ntitle: Trust\nparent: values\n---\nTrust between teams.\n",
        )
        .write(
            "content/findings/trust-grows.md",
            "---\ntitle: Trust grows slowly\ncodes: [trust, co-location]\nboroughs: [a]\nquotes: [same-building]\n---\nTrust between the teams grew over the year.\n\nA second paragraph that is not the summary.\n",
        );
    project
}

fn built(project: &Project) -> &Project {
    project.build().expect_code(0);
    project
}

/// The text of the first element that starts with `open`, up to `close`.
fn section<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("no {open:?} in\n{html}"));
    let end = html[start..].find(close).map_or(html.len(), |e| start + e);
    &html[start..end]
}

// Regression: a finding coded to codes under two themes was shown under
// each theme of the borough report, with all its quotes each time.
#[test]
fn a_borough_report_shows_each_finding_once_under_its_first_theme() {
    let project = two_themes();
    built(&project);
    let page = project.page("boroughs/a.html");
    assert_eq!(page.matches("id=\"finding-trust-grows\"").count(), 1);
    assert_eq!(page.matches("<article").count(), 2, "{page}");
    // Placed under its first code's theme, with its other code as a tag.
    let values = section(&page, "id=\"theme-values\"", "</section>");
    assert!(values.contains("Trust grows slowly"), "{values}");
    assert!(values.contains("class=\"tag\""), "{values}");
    // The other theme names it, linking to where it is on the page.
    let structure = section(&page, "id=\"theme-structure\"", "</section>");
    assert!(
        structure.contains("Also coded to this theme: <a href=\"#finding-trust-grows\">"),
        "{structure}"
    );
    // The contents list comes before the first section and names the themes.
    let contents = section(&page, "<nav class=\"contents\"", "</nav>");
    assert!(contents.contains("href=\"#theme-values\""), "{contents}");
    assert!(
        contents.contains("href=\"#participants-heading\""),
        "{contents}"
    );
    // The borough's maps are drawn in the report, not only linked.
    let maps = section(&page, "id=\"pathways-heading\"", "</section>\n</section>");
    assert!(maps.contains("<svg"), "{maps}");
}

// Regression: a link in `summary:` (rendered as Markdown) went unchecked,
// so a mistyped id silently became plain text.
#[test]
fn a_link_in_a_finding_summary_is_checked_at_its_line() {
    let out = common::build_fails(
        |p| {
            p.edit(
                "content/findings/co-location.md",
                "attributes:",
                "summary: See [the other finding](finding:no-such-finding).\nattributes:",
            );
        },
        "content/findings/co-location.md:",
        "reference::unknown-finding",
    );
    assert!(out.contains("no-such-finding"), "{out}");
}

#[test]
fn a_finding_shows_its_summary_field_or_else_its_first_paragraph() {
    let project = two_themes();
    project.edit(
        "content/findings/co-location.md",
        "attributes:",
        "summary: Same building, separate work.\nattributes:",
    );
    built(&project);
    let report = project.page("boroughs/a.html");
    let list = project.page("findings.html");
    for page in [&report, &list] {
        assert!(
            page.contains("<p>Same building, separate work.</p>"),
            "{page}"
        );
        assert!(page.contains("<p>Trust between the teams grew over the year.</p>"));
        assert!(!page.contains("A second paragraph"), "{page}");
        // The narrative itself is on the finding's page, not here.
        assert!(!page.contains("Sharing a building did not"), "{page}");
    }
    let finding = project.page("findings/co-location.html");
    assert!(finding.contains("Same building, separate work."));
    assert!(finding.contains("Sharing a building did not"));
}

#[test]
fn the_findings_page_lists_each_finding_once_by_order_then_title() {
    let project = two_themes();
    project.write(
        "content/findings/zebra.md",
        "---\ntitle: Zebra crossings\ncodes: [co-location]\nboroughs: [b]\norder: 1\n---\nFirst by order.\n",
    );
    built(&project);
    let page = project.page("findings.html");
    let list = section(&page, "<ol class=\"finding-list\"", "</ol>");
    let position = |title: &str| {
        assert_eq!(list.matches(title).count(), 1, "{title} once in\n{list}");
        list.find(title).unwrap()
    };
    // `order: 1` first, then the rest by title.
    assert!(position("Zebra crossings") < position("Co-location without collaboration"));
    assert!(position("Co-location without collaboration") < position("Trust grows slowly"));
    // Boroughs, themes and evidence, and the filter's data without scripts.
    let trust = section(list, "data-themes=\"values structure\"", "</li>");
    assert!(trust.contains("data-boroughs=\"a\""), "{trust}");
    assert!(trust.contains(">Borough A</a>"), "{trust}");
    assert!(trust.contains(">Shared values</a>"), "{trust}");
    assert!(trust.contains("1 quote<"), "{trust}");
    // The filter is hidden until its script shows it.
    assert!(page.contains("<form class=\"filter\" id=\"findings-filter\" hidden"));
}

// Regression: the codebook showed 0 quotes for every theme while the matrix
// counted its sub-codes, and a theme page said "Nothing coded here".
#[test]
fn a_theme_counts_its_sub_codes_on_every_page_that_counts() {
    let project = two_themes();
    built(&project);
    // `structure` holds `co-location`: one quote in A (same-building), two
    // findings in A (co-location, trust-grows), none coded to it directly
    // (the draft is not published).
    let of_which = "2 findings, of which 2 in sub-codes";
    let quotes = "1 quote, of which 1 in sub-codes";
    let code = project.page("codebook/structure.html");
    let a = section(&code, ">Borough A</a></h2>", "</section>");
    assert!(a.contains(of_which), "{a}");
    assert!(a.contains(quotes), "{a}");
    assert!(
        code.contains("Trust grows slowly"),
        "the theme lists its codes' findings"
    );
    let codebook = project.page("codebook.html");
    let entry = section(&codebook, "id=\"code-structure\"", "</section>");
    let row = section(entry, ">Borough A</a></th>", "</tr>");
    assert!(
        row.contains(
            "<td class=\"num\">1<span class=\"below\">, of which 1 in sub-codes</span></td>"
        ),
        "{row}"
    );
    assert!(
        row.contains(
            "<td class=\"num\">2<span class=\"below\">, of which 2 in sub-codes</span></td>"
        ),
        "{row}"
    );
    let matrix = project.page("matrix.html");
    let theme_row = section(&matrix, "codebook/structure.html", "</tr>");
    assert!(theme_row.contains(quotes), "{theme_row}");
    let report = project.page("boroughs/a.html");
    let theme = section(&report, "id=\"theme-structure\"", "</section>");
    assert!(theme.contains(of_which), "{theme}");
    assert!(theme.contains(quotes), "{theme}");
    // A code without sub-codes says no "of which".
    let leaf = project.page("codebook/co-location.html");
    let a = section(&leaf, ">Borough A</a></h2>", "</section>");
    assert!(a.contains("2 findings;") && a.contains("1 quote."), "{a}");
}

// Regression: pages in folders (a finding, a quote, a code) marked nothing
// in the menu as current.
#[test]
fn a_detail_page_marks_its_section_in_the_menu() {
    let project = Project::fixture("basic");
    built(&project);
    for (page, item) in [
        ("findings/co-location.html", "../findings.html"),
        ("quotes/same-building.html", "../quotes.html"),
        ("codebook/co-location.html", "../codebook.html"),
        ("pathways/a-discharge.html", "../pathways.html"),
    ] {
        let html = project.page(page);
        let menu = section(&html, "<nav class=\"site-nav\"", "</nav>");
        assert!(
            menu.contains(&format!("<a href=\"{item}\" aria-current=\"true\">")),
            "{page}: {menu}"
        );
    }
    let list = project.page("findings.html");
    assert!(list.contains("<a href=\"findings.html\" aria-current=\"page\">"));
}

// Regression: the attribution under a quote on its own page linked to that page.
#[test]
fn a_quote_page_does_not_link_to_itself() {
    let project = Project::fixture("basic");
    built(&project);
    let page = project.page("quotes/same-building.html");
    assert!(
        !page.contains("href=\"../quotes/same-building.html\""),
        "{page}"
    );
    assert!(page.contains("Social worker, Borough A"));
}

// Regression: "Workshop, Borough A (workshop)".
#[test]
fn a_quote_without_a_participant_names_its_source_once() {
    let project = Project::fixture("basic");
    built(&project);
    let page = project.page("quotes/forum-notes.html");
    let caption = section(&page, "<figcaption>", "</figcaption>");
    assert_eq!(caption, "<figcaption>Field notes, Borough B", "{page}");
    let finding = project.page("findings/co-location.html");
    assert!(
        finding.contains("Field notes, Borough B</a></figcaption>"),
        "{finding}"
    );
    assert!(!finding.contains("(field notes)"), "{finding}");
}

// Regression: titles and labels from YAML kept straight apostrophes.
#[test]
fn labels_from_yaml_get_typographic_apostrophes() {
    let project = Project::fixture("basic");
    project
        .edit(
            "content/findings/co-location.md",
            "title: Co-location without collaboration",
            "title: \"Teams' co-location without 'collaboration'\"",
        )
        .edit(
            "content/pathways/a-discharge.md",
            "label: Home,",
            "label: Patient's home,",
        );
    built(&project);
    let finding = project.page("findings/co-location.html");
    assert!(
        finding
            .contains("<h1>Teams\u{2019} co-location without \u{2018}collaboration\u{2019}</h1>"),
        "{finding}"
    );
    assert!(
        finding.contains("<title>Teams\u{2019} co-location"),
        "{finding}"
    );
    let map = project.page("pathways/a-discharge.html");
    assert!(map.contains("Patient\u{2019}s home"), "{map}");
    assert!(!map.contains("Patient&#39;s"), "{map}");
    assert!(!map.contains("Patient's"), "{map}");
}

// Regression: a document quote that quotes its source ended with ”” (its own
// closing mark and the one the theme adds).
#[test]
fn a_document_or_field_note_is_not_set_in_quotation_marks() {
    let project = Project::fixture("basic");
    project.write(
        "content/quotes/a/plan.md",
        "---\nsource: document\nborough: a\ncodes: [co-location]\n---\nThe plan says: \"teams will share a base.\"\n",
    );
    built(&project);
    let document = project.page("quotes/plan.html");
    assert!(
        document.contains("<figure class=\"quote no-marks\">"),
        "{document}"
    );
    let notes = project.page("quotes/forum-notes.html");
    assert!(
        notes.contains("<figure class=\"quote no-marks\">"),
        "{notes}"
    );
    let said = project.page("quotes/same-building.html");
    assert!(said.contains("<figure class=\"quote\">"), "{said}");
    let css = project.page("static/style.css");
    assert!(
        css.contains(".no-marks blockquote p::before"),
        "the theme drops the marks"
    );
}

// Regression: the map's text version showed `social-care`, not "Social care".
#[test]
fn the_map_text_shows_sector_labels_not_keys() {
    let project = Project::fixture("basic");
    project.edit(
        "content/pathways/a-discharge.md",
        "label: Home, sector: home",
        "label: Home, sector: social-care",
    );
    built(&project);
    let page = project.page("pathways/a-discharge.html");
    let text = section(&page, "<details class=\"map-text\"", "</details>");
    assert!(text.contains("Social care"), "{text}");
    assert!(text.contains("Acute hospital"), "{text}");
    assert!(!text.contains("social-care"), "{text}");
}

// Regression: a tab in YAML was "found character that cannot start any
// token", never naming the tab.
#[test]
fn a_tab_in_yaml_is_named_and_pointed_at() {
    let out = common::build_fails(
        |p| {
            p.edit(
                "content/findings/co-location.md",
                "boroughs: [a, b]\n",
                "boroughs:\n\t- a\n",
            );
        },
        "content/findings/co-location.md:5:1",
        "yaml::tab",
    );
    let message = out
        .split("\n\n")
        .find(|m| m.contains("yaml::tab"))
        .unwrap_or(&out);
    insta::assert_snapshot!("a_tab_in_yaml", message);
}

// Regression: a tab in participants.yaml added "unknown participant" at
// every quote that names one.
#[test]
fn a_registry_that_cannot_be_read_causes_no_error_at_the_quotes() {
    let out = common::build_fails(
        |p| {
            p.edit(
                "content/participants.yaml",
                "  - {id: a-sw-2",
                "\t- {id: a-sw-2",
            );
        },
        "content/participants.yaml:3:1",
        "yaml::tab",
    );
    assert!(!out.contains("unknown-participant"), "{out}");
    assert!(out.contains("1 error"), "{out}");
}

// Regression: an unknown participant was told "did you mean `a-sw-1`?":
// taking it would pin the words on another person.
#[test]
fn an_unknown_participant_is_never_offered_another_participants_id() {
    let out = common::build_fails(
        |p| {
            p.edit(
                "content/quotes/a/same-building.md",
                "participant: a-sw-1",
                "participant: a-sw-3",
            );
        },
        "content/quotes/a/same-building.md:2:14",
        "reference::unknown-participant",
    );
    for id in ["a-sw-1", "a-sw-2", "a-gp-1", "b-dn-1", "b-dn-2"] {
        assert!(!out.contains(id), "{id} suggested in\n{out}");
    }
    assert!(!out.contains("did you mean"), "{out}");
}

// Regression: positive findings (a forum that works) were drawn as red
// friction points.
#[test]
fn a_strength_is_drawn_as_a_strength_and_the_key_says_so() {
    let project = Project::fixture("basic");
    project.edit(
        "content/findings/co-location.md",
        "attributes:",
        "kind: strength\nattributes:",
    );
    built(&project);
    let page = project.page("pathways/a-discharge.html");
    let svg = section(&page, "<svg", "</svg>");
    assert!(svg.contains("<a class=\"strength\" href=\"../findings/co-location.html\" aria-label=\"Strength 1: Co-location without collaboration\">"), "{svg}");
    assert!(!svg.contains("class=\"friction\""), "{svg}");
    assert!(svg.contains("Strength (links to the finding)"), "{svg}");
    assert!(!svg.contains("Friction point (links"), "{svg}");
    let key = section(&page, "<ol class=\"friction-key\"", "</ol>");
    assert!(
        key.contains("aria-label=\"Strengths on this map\""),
        "{key}"
    );
    assert!(
        key.contains("<span class=\"kind\">Strength:</span>"),
        "{key}"
    );
    // Friction stays the default.
    let plain = Project::fixture("basic");
    built(&plain);
    let page = plain.page("pathways/a-discharge.html");
    assert!(page.contains("<a class=\"friction\" href=\"../findings/co-location.html\""));
}

// Regression: markers were links inside an SVG marked role="img" (axe:
// nested-interactive), and the text version did not link them.
#[test]
fn map_markers_are_links_outside_an_image_and_the_text_links_them() {
    let project = Project::fixture("basic");
    built(&project);
    let page = project.page("pathways/a-discharge.html");
    assert!(!page.contains("role=\"img\""), "{page}");
    let scroll = section(&page, "<div class=\"map-scroll\"", ">");
    assert!(scroll.contains("tabindex=\"0\""), "{scroll}");
    assert!(scroll.contains("aria-label=\""), "{scroll}");
    let text = section(&page, "<details class=\"map-text\"", "</details>");
    assert!(
        text.contains("<a class=\"marker-ref\" href=\"../findings/co-location.html\""),
        "{text}"
    );
    // The map keeps its own size (the page scrolls it, never shrinks it).
    let svg = section(&page, "<svg", ">");
    assert!(!svg.contains("width=\"100%\""), "{svg}");
}

// Regression: numbers restarted on each map of a comparison page, so one
// finding had several numbers.
#[test]
fn a_finding_has_one_number_on_every_map_of_a_comparison_page() {
    let project = Project::fixture("basic");
    project
        .write(
            "content/findings/waits.md",
            "---\ntitle: Waits for care packages\ncodes: [co-location]\nboroughs: [b]\n---\nLong waits.\n",
        )
        .write(
            "content/pathways/b-discharge.md",
            "---\ntitle: Discharge in Borough B\nborough: b\npathway: discharge\nnodes:\n  - {id: ward, label: Ward, sector: acute, findings: [waits]}\n  - {id: home, label: Home, sector: home}\nedges:\n  - {from: ward, to: home, findings: [co-location]}\n---\nB's discharge.\n",
        );
    built(&project);
    let page = project.page("compare/discharge.html");
    let keys: Vec<&str> = page
        .split("<ol class=\"friction-key\"")
        .skip(1)
        .map(|k| &k[..k.find("</ol>").unwrap()])
        .collect();
    assert_eq!(keys.len(), 2, "{page}");
    let co_location = "<li value=\"1\" class=\"friction\"><span class=\"kind\">Friction:</span> <a href=\"../findings/co-location.html\">";
    assert!(keys[0].contains(co_location), "{}", keys[0]);
    assert!(keys[1].contains(co_location), "{}", keys[1]);
    assert!(keys[1].contains("<li value=\"2\" class=\"friction\"><span class=\"kind\">Friction:</span> <a href=\"../findings/waits.html\">"), "{}", keys[1]);
    assert!(page.contains("aria-label=\"Friction point 2: Waits for care packages\""));
    assert!(
        !page.contains("aria-label=\"Friction point 1: Waits"),
        "{page}"
    );
}

#[test]
fn the_report_furniture_is_on_the_landing_page_and_every_footer() {
    let project = Project::fixture("basic");
    project.edit(
        "content/index.md",
        "title: Fixture evaluation",
        "title: Fixture evaluation\npublished: 30 September 2018\nversion: \"1.1\"\ndoi: 10.1234/fixture.5678\nlicence: CC BY 4.0\ncite: \"Team (2018) Fixture evaluation. Version 1.1.\"\nfunder: This study was funded by a fixture fund; the views are the authors' own.",
    );
    built(&project);
    let index = project.page("index.html");
    let meta = section(&index, "<dl class=\"report-meta\">", "</dl>");
    for text in [
        "<dt>Published</dt><dd>30 September 2018</dd>",
        "<dt>Version</dt><dd>1.1</dd>",
        "<a href=\"https://doi.org/10.1234/fixture.5678\">10.1234/fixture.5678</a>",
        "<dt>Licence</dt><dd>CC BY 4.0</dd>",
    ] {
        assert!(meta.contains(text), "{text} in {meta}");
    }
    assert!(index.contains(
        "<h3>How to cite</h3><p class=\"cite\">Team (2018) Fixture evaluation. Version 1.1.</p>"
    ));
    for page in [
        "index.html",
        "findings/co-location.html",
        "quotes/same-building.html",
    ] {
        let html = project.page(page);
        let footer = section(&html, "<footer class=\"site-footer\">", "</footer>");
        assert!(
            footer.contains("version 1.1, published 30 September 2018"),
            "{page}: {footer}"
        );
        assert!(
            footer.contains("Team (2018) Fixture evaluation."),
            "{page}: {footer}"
        );
        assert!(footer.contains("CC BY 4.0"), "{page}: {footer}");
        assert!(
            footer.contains("the views are the authors\u{2019} own."),
            "{page}: {footer}"
        );
        assert!(
            footer.contains("accessibility.html\">Accessibility statement</a>"),
            "{page}: {footer}"
        );
    }
}

#[test]
fn the_theme_has_an_accessibility_statement_a_project_can_replace() {
    let project = Project::fixture("basic");
    built(&project);
    let page = project.page("accessibility.html");
    assert!(page.contains("<h1>Accessibility statement</h1>"), "{page}");
    assert!(page.contains("Asking for another format"), "{page}");
    project.write(
        "themes/default/templates/accessibility.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Our own statement</h1>{% endblock content %}",
    );
    built(&project);
    let page = project.page("accessibility.html");
    assert!(page.contains("<h1>Our own statement</h1>"), "{page}");
}

#[test]
fn pages_print_on_a4_unless_the_settings_say_letter() {
    let project = Project::fixture("basic");
    built(&project);
    assert!(project.page("index.html").contains("@page { size: A4; }"));
    project.edit(
        "evalsite.yaml",
        "title: Fixture evaluation",
        "title: Fixture evaluation\npaper: letter",
    );
    built(&project);
    assert!(
        project
            .page("boroughs/a.html")
            .contains("@page { size: letter; }")
    );
    project.edit("evalsite.yaml", "paper: letter", "paper: a5");
    let run = project.build();
    run.expect_code(1);
    assert!(run.stderr.contains("evalsite.yaml:2:"), "{}", run.stderr);
}

// Regression: print showed every map's text version, open or not, and the
// menu's fold; links printed as text pointing nowhere.
#[test]
fn print_rules_hide_a_closed_map_text_and_print_link_addresses() {
    let project = Project::fixture("basic");
    built(&project);
    let css = project.page("static/style.css");
    let print = section(&css, "@media print {", "\n}\n");
    assert!(print.contains(".map-text:not([open])"), "{print}");
    assert!(!print.contains("content-visibility: visible"), "{print}");
    assert!(print.contains(".site-nav"), "{print}");
    assert!(
        print.contains("content: \" <\" attr(href) \">\""),
        "{print}"
    );
    assert!(print.contains("break-after: avoid"), "{print}");
}
