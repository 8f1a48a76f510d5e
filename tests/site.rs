//! The generated site, read as a researcher's reader would: pages exist,
//! links resolve, attributions and drafts behave.

mod common;
#[path = "common/links.rs"]
mod links;

use common::Project;

fn built(project: &Project) -> &Project {
    project.build().expect_code(0);
    project
}

#[test]
fn every_internal_link_of_the_fixture_resolves() {
    let project = Project::fixture("basic");
    built(&project);
    let broken = links::broken_links(&project.site_files());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_internal_link_resolves_with_drafts_too() {
    let project = Project::fixture("basic");
    project.run(&["build", "--drafts"]).expect_code(0);
    let files = project.site_files();
    assert!(files.contains_key("findings/draft-idea.html"));
    let broken = links::broken_links(&files);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn drafts_are_left_out_and_not_linked() {
    let project = Project::fixture("basic");
    built(&project);
    let files = project.site_files();
    assert!(!files.contains_key("findings/draft-idea.html"));
    let finding = project.page("findings/co-location.html");
    // The link to the draft keeps the draft's title as plain text.
    assert!(finding.contains("See also A draft idea."), "{finding}");
    for (path, bytes) in &files {
        assert!(
            !String::from_utf8_lossy(bytes).contains("draft-idea.html"),
            "{path} links the draft"
        );
    }
}

#[test]
fn the_landing_page_has_the_report_front_matter() {
    let project = Project::fixture("basic");
    built(&project);
    let index = project.page("index.html");
    assert!(index.contains("<h1>Fixture evaluation</h1>"));
    assert!(index.contains("A small project for tests"));
    assert!(index.contains("May 2017 to May 2018"));
    assert!(index.contains("Learning Practice"));
    assert!(index.contains(r#"href="boroughs/a.html""#));
    assert!(index.contains(r#"<link rel="canonical" href="https://example.org/eval/index.html">"#));
    // The embedded quote is a block quote with its attribution, relative to the root.
    assert!(
        index.contains(r#"<a href="quotes/same-building.html">Social worker, Borough A</a>"#),
        "{index}"
    );
}

#[test]
fn a_borough_report_hides_small_counts_and_groups_findings_by_theme() {
    let project = Project::fixture("basic");
    built(&project);
    let page = project.page("boroughs/a.html");
    // The lone GP is in no row (a role small in every borough is merged,
    // here left out: too few even together); the rest is in
    // tests/suppression.rs.
    assert!(!page.contains("<th scope=\"row\">GP</th>"), "{page}");
    assert!(
        page.contains("<th scope=\"row\">Social worker</th>"),
        "{page}"
    );
    assert!(!page.contains("&lt;2"), "{page}");
    assert!(page.contains(
        r#"<h3 id="theme-structure"><a href="../codebook/structure.html">Structural characteristics</a></h3>"#
    ));
    assert!(page.contains("Co-location without collaboration"));
    // Only this borough's evidence is quoted on its report.
    assert!(page.contains("email each other"));
    assert!(!page.contains("discharge forum began late"));
    assert!(page.contains(r#"href="../pathways/a-discharge.html""#));
}

#[test]
fn participant_ids_never_reach_the_output() {
    let project = Project::fixture("basic");
    built(&project);
    for (path, bytes) in project.site_files() {
        let text = String::from_utf8_lossy(&bytes);
        for id in ["a-sw-1", "a-sw-2", "a-gp-1", "b-dn-1", "b-dn-2"] {
            assert!(!text.contains(id), "{path} contains {id}");
        }
    }
}

#[test]
fn navigation_marks_the_current_page() {
    let project = Project::fixture("basic");
    built(&project);
    let matrix = project.page("matrix.html");
    assert!(
        matrix.contains(r#"<a href="matrix.html" aria-current="page">Matrix</a>"#),
        "{matrix}"
    );
    let borough = project.page("boroughs/b.html");
    assert!(borough.contains(r#"<a href="../boroughs/b.html" aria-current="page">Borough B</a>"#));
    assert_eq!(borough.matches("aria-current").count(), 1);
}

#[test]
fn the_matrix_links_findings_and_counts_quotes_with_empty_cells_marked() {
    let project = Project::fixture("basic");
    built(&project);
    let matrix = project.page("matrix.html");
    let row = matrix.split("codebook/co-location.html").nth(1).unwrap();
    let row = &row[..row.find("</tr>").unwrap()];
    assert_eq!(row.matches("findings/co-location.html").count(), 2, "{row}");
    assert!(row.contains("1 quote"), "{row}");
    // A theme's row counts the codes under it.
    let theme_row = matrix.split("codebook/structure.html").nth(1).unwrap();
    let theme_row = &theme_row[..theme_row.find("</tr>").unwrap()];
    assert_eq!(
        theme_row.matches("findings/co-location.html").count(),
        2,
        "{theme_row}"
    );
    assert_eq!(theme_row.matches("empty-cell").count(), 0, "{theme_row}");
    // A code with nothing in a borough shows a visibly empty cell.
    let project = Project::fixture("basic");
    project.edit(
        "content/findings/co-location.md",
        "boroughs: [a, b]",
        "boroughs: [a]",
    );
    project.edit(
        "content/quotes/a/forum-notes.md",
        "borough: b",
        "borough: a",
    );
    built(&project);
    let matrix = project.page("matrix.html");
    let row = matrix.split("codebook/co-location.html").nth(1).unwrap();
    let row = &row[..row.find("</tr>").unwrap()];
    assert_eq!(row.matches("empty-cell").count(), 1, "{row}");
    assert!(
        row.contains("<span class=\"visually-hidden\">none</span>"),
        "{row}"
    );
}

#[test]
fn finding_pages_show_evidence_codes_attributes_and_backlinks() {
    let project = Project::fixture("basic");
    project.run(&["build", "--drafts"]).expect_code(0);
    let page = project.page("findings/co-location.html");
    assert!(page.contains("<dt>Learning loop</dt><dd>single</dd>"));
    assert!(page.contains(r#"<a href="../codebook/co-location.html">Co-location</a>"#));
    assert!(page.contains("Further evidence"));
    assert!(
        page.contains(r#"<a href="../findings/draft-idea.html">A draft idea</a>"#),
        "backlink from the draft with --drafts"
    );
    let quote = project.page("quotes/same-building.html");
    assert!(quote.contains(
        r#"<a href="../findings/co-location.html">Co-location without collaboration</a>"#
    ));
}

#[test]
fn code_blocks_are_highlighted_with_classes_not_styles() {
    let project = Project::fixture("basic");
    built(&project);
    let page = project.page("findings/co-location.html");
    assert!(page.contains("<pre class=\"code\"><code class=\"language-python\">"));
    assert!(page.contains("hl-string"));
    assert!(!page.contains("style=\""));
}

#[test]
fn a_project_theme_overrides_one_template() {
    let project = Project::fixture("basic");
    project.write("themes/default/templates/page.html", "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ page_title }}</p>{% endblock content %}");
    built(&project);
    assert!(
        project
            .page("pages/methods.html")
            .contains("<p class=\"custom\">Methods</p>")
    );
    assert!(
        project
            .page("findings/co-location.html")
            .contains("Co-location without collaboration")
    );
}

#[test]
fn a_project_theme_publishes_its_static_files_but_not_hidden_ones() {
    let project = Project::fixture("basic");
    project.write("themes/default/static/logo.svg", "<svg></svg>");
    project.write("themes/default/static/.sass-cache/style.css", "/* cache */");
    project.write("themes/default/static/.notes.txt", "private");
    built(&project);
    let site = project.site_files();
    assert!(site.contains_key("static/logo.svg"));
    assert!(site.contains_key("static/style.css"), "the default's own");
    let hidden: Vec<&String> = site.keys().filter(|p| p.contains("/.")).collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn a_broken_project_template_is_reported_in_the_template() {
    let project = Project::fixture("basic");
    project.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page_title }{% endblock content %}",
    );
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("themes/default/templates/page.html:2:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_project_quote_partial_draws_every_quote_wherever_it_is_shown() {
    let project = Project::fixture("basic");
    project.write(
        "themes/default/templates/partials/quote.html",
        "<figure class=\"mine\" data-id=\"{{ quote.id }}\">{{ quote.html | safe }}<a href=\"{{ quote.url }}\">{{ quote.attribution }}</a></figure>\n",
    );
    built(&project);
    let mine = |page: &str, id: &str| {
        let html = project.page(page);
        assert!(
            html.contains(&format!("<figure class=\"mine\" data-id=\"{id}\">")),
            "{page} shows {id} with the project's partial: {html}"
        );
        assert!(!html.contains("<figure class=\"quote\">"), "{html}");
    };
    // A quote's own page draws it without the partial, whose attribution
    // links to the quote's page (issue #22).
    mine("quotes.html", "forum-notes");
    mine("codebook/co-location.html", "same-building");
    // Embedded in the narrative, and among the evidence after it.
    mine("findings/co-location.html", "forum-notes");
    mine("findings/co-location.html", "same-building");
    // Links in the figure are made for the depth of the page showing it.
    assert!(
        project
            .page("quotes.html")
            .contains("href=\"quotes/forum-notes.html\"")
    );
    assert!(
        project
            .page("findings/co-location.html")
            .contains("href=\"../quotes/forum-notes.html\"")
    );
}

/// The default `base.html` before the menu had its own partial: a menu
/// drawn in the page from `nav`, `section` and `current`.
fn base_with_its_own_menu() -> String {
    let base = include_str!("../themes/default/templates/base.html");
    let menu = r#"<nav class="site-nav" aria-label="Report sections">
  <input type="checkbox" id="menu-toggle" class="menu-toggle" aria-controls="menu-list">
  <label for="menu-toggle" class="menu-button">Menu</label>
  <ul id="menu-list">
  {% for item in nav %}
    <li>{% if item.children %}<span class="nav-group">{{ item.title }}</span>
      <ul>{% for child in item.children %}
        <li><a href="{{ root }}{{ child.path }}"{% if child.path == section %} aria-current="{% if child.path == current %}page{% else %}true{% endif %}"{% endif %}>{{ child.title }}</a></li>{% endfor %}
      </ul>{% else %}<a href="{{ root }}{{ item.path }}"{% if item.path == section %} aria-current="{% if item.path == current %}page{% else %}true{% endif %}"{% endif %}>{{ item.title }}</a>{% endif %}</li>
  {% endfor %}
  </ul>
</nav>
"#;
    assert!(base.contains("{{ nav_html | safe }}"));
    base.replace("{{ nav_html | safe }}", menu)
}

#[test]
fn a_project_base_drawing_its_own_menu_gives_the_same_site() {
    let project = paged("2");
    built(&project);
    let drawn_once = project.site_files();
    project.write(
        "themes/default/templates/base.html",
        base_with_its_own_menu(),
    );
    built(&project);
    let drawn_on_each_page = project.site_files();
    assert_eq!(
        drawn_once.keys().collect::<Vec<_>>(),
        drawn_on_each_page.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &drawn_once {
        assert!(
            drawn_on_each_page[path] == *bytes,
            "{path} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&drawn_on_each_page[path])
        );
    }
}

#[test]
fn a_project_menu_partial_is_drawn_with_the_current_item_marked() {
    let project = paged("2");
    project.write(
        "themes/default/templates/partials/nav.html",
        "<nav aria-label=\"Mine\">{% for item in nav %}{% for child in item.children %}<a href=\"{{ root }}{{ child.path }}\">{{ child.title }}</a>[{{ child.current }}] {% endfor %}<a href=\"{{ root }}{{ item.path }}\">{{ item.title }}</a>[{{ item.current }}] {% endfor %}</nav>",
    );
    built(&project);
    let menu = |page: &str| {
        let html = project.page(page);
        let start = html.find("<nav aria-label=\"Mine\">").expect(&html);
        let end = start + html[start..].find("</nav>").unwrap();
        html[start..end].to_string()
    };
    let matrix = menu("matrix.html");
    assert!(matrix.contains("Matrix</a>[page]"), "{matrix}");
    assert_eq!(matrix.matches("[page]").count(), 1, "{matrix}");
    assert!(!matrix.contains("[true]"), "{matrix}");
    let later = menu("quote-list/2.html");
    assert!(
        later.contains("<a href=\"../quotes.html\">Quotes</a>[true]"),
        "{later}"
    );
    assert!(!later.contains("[page]"), "{later}");
    let borough = menu("boroughs/b.html");
    assert!(
        borough.contains("<a href=\"../boroughs/b.html\">Borough B</a>[page]"),
        "{borough}"
    );
    // A page inside a part of the site marks that part (issue #22).
    let quote = menu("quotes/same-building.html");
    assert!(
        quote.contains("<a href=\"../quotes.html\">Quotes</a>[true]") && !quote.contains("[page]"),
        "{quote}"
    );
    assert!(quote.contains("<a href=\"../matrix.html\">"), "{quote}");
}

/// The benchmark reads these lines: every stage, in order, and the two that
/// run alongside each other also each on its own.
#[test]
fn timed_runs_name_every_stage() {
    let project = Project::fixture("basic");
    let stages = |command: &str| -> Vec<String> {
        let run = project.run_with(&[command], &[("EVALSITE_TIMINGS", "1")]);
        run.expect_code(0);
        run.stderr
            .lines()
            .filter_map(|line| line.strip_prefix("timing: "))
            .map(|line| {
                let words: Vec<&str> = line.split(' ').collect();
                assert!(words[1].parse::<f64>().is_ok(), "no time in {line:?}");
                match words[2..] {
                    [] => words[0].to_string(),
                    ["within", lap] => format!("{} within {lap}", words[0]),
                    _ => panic!("unexpected timing line {line:?}"),
                }
            })
            .collect()
    };
    let together = ["load", "parse", "theme", "resolve", "check+render", "gate"];
    let within = ["check within check+render", "render within check+render"];
    let build: Vec<&str> = together
        .iter()
        .chain(&["write"])
        .chain(&within)
        .copied()
        .collect();
    assert_eq!(stages("build"), build);
    let check: Vec<&str> = together.iter().chain(&within).copied().collect();
    assert_eq!(stages("check"), check);
    // Without the variable, nothing is said of time.
    assert!(!project.build().stderr.contains("timing:"));
}

#[test]
fn check_writes_nothing() {
    let project = Project::fixture("basic");
    project.run(&["check"]).expect_code(0);
    assert!(!project.path("site").exists());
}

#[test]
fn the_bundled_example_builds_cleanly_and_every_link_resolves() {
    let project = Project::example();
    let run = project.build();
    run.expect_code(0);
    assert!(!run.stderr.contains("error["), "{}", run.stderr);
    // The one allowance of the example is listed in the build summary.
    assert!(
        run.stderr
            .contains("allowed: “St Brannock’s Hospital” in content/pages/methods.md"),
        "{}",
        run.stderr
    );
    let files = project.site_files();
    assert!(files.len() > 140, "{} files", files.len());
    let broken = links::broken_links(&files);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    for comparison in ["compare/discharge.html", "compare/admission-avoidance.html"] {
        assert!(files.contains_key(comparison), "{comparison}");
    }
}

#[test]
fn builds_are_deterministic() {
    let project = Project::example();
    project.build().expect_code(0);
    let first = project.site_files();
    project.build().expect_code(0);
    assert!(
        first == project.site_files(),
        "two builds of the same files differ"
    );
}

#[test]
fn a_quote_may_embed_another_quote() {
    let project = Project::fixture("basic");
    let file = "content/quotes/a/forum-notes.md";
    let body = project.read(file);
    project.write(file, format!("{body}\n![](quote:same-building)\n"));
    built(&project);
    let page = project.page("quotes/forum-notes.html");
    assert!(page.contains("two teams sat apart"), "{page}");
    assert!(
        page.contains("we still email each other about [name]"),
        "the embedded quote is set in place: {page}"
    );
}

/// The basic fixture with three more notes in borough A (four quotes there,
/// one in B) and the quote list split every `per_page` quotes.
fn paged(per_page: &str) -> Project {
    let project = Project::fixture("basic");
    for n in 1..=3 {
        project.write(
            &format!("content/quotes/a/note-{n}.md"),
            format!("---\nsource: field-notes\nborough: a\ncodes: [co-location]\n---\nNote number {n} on the ward round.\n"),
        );
    }
    let config = project.read("evalsite.yaml");
    project.write(
        "evalsite.yaml",
        format!("quotes_per_page: {per_page}\n{config}"),
    );
    built(&project);
    project
}

/// The quote pages a page of the quote list shows, in order.
fn listed_quotes(page: &str) -> Vec<String> {
    page.split(r#"<figcaption><a href=""#)
        .skip(1)
        .map(|rest| rest.trim_start_matches("../"))
        .map(|rest| rest.strip_prefix("quotes/").expect(rest))
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn a_long_quote_list_is_split_over_pages_with_every_quote_once() {
    let project = paged("2");
    let files = project.site_files();
    let lists: Vec<String> = ["quotes.html", "quote-list/2.html", "quote-list/3.html"]
        .iter()
        .map(|path| project.page(path))
        .collect();
    assert!(!files.contains_key("quote-list/4.html"));
    let per_page: Vec<usize> = lists.iter().map(|l| listed_quotes(l).len()).collect();
    assert_eq!(per_page, [2, 2, 1]);
    let mut all: Vec<String> = lists.iter().flat_map(|l| listed_quotes(l)).collect();
    all.sort();
    assert_eq!(
        all,
        [
            "forum-notes.html",
            "note-1.html",
            "note-2.html",
            "note-3.html",
            "same-building.html"
        ]
    );
    // Borough A's four quotes run over two pages; B's one is on the last.
    assert!(lists[0].contains(r#"<h2><a href="boroughs/a.html">Borough A</a></h2>"#));
    assert!(lists[1].contains(
        r#"<h2><a href="../boroughs/a.html">Borough A</a> <span class="continued">(continued)</span></h2>"#
    ));
    assert!(!lists[1].contains(r#"<h2><a href="../boroughs/b.html">"#));
    assert!(lists[2].contains(r#"<h2><a href="../boroughs/b.html">Borough B</a></h2>"#));
    assert!(listed_quotes(&lists[2]) == ["forum-notes.html"]);
    // Each page says where it is and links the others.
    let middle = &lists[1];
    assert!(middle.contains("<title>Quotes, page 2 of 3 · Fixture evaluation</title>"));
    assert!(middle.contains("Quotes 3 to 4 of 5"));
    assert!(middle.contains(r#"<a href="../quotes.html" rel="prev">Previous</a>"#));
    assert!(middle.contains(r#"<a href="../quote-list/3.html" rel="next">Next</a>"#));
    assert!(middle.contains(r#"<span aria-current="page">2</span>"#));
    // The menu still shows where the reader is: in the quotes.
    assert!(middle.contains(r#"<a href="../quotes.html" aria-current="true">Quotes</a>"#));
    // (and the pager above and below the list marks page 2)
    assert_eq!(middle.matches("aria-current").count(), 3);
    // Two pagers are two navigation landmarks: each has its own name.
    assert!(middle.contains(r#"<nav class="pager" aria-label="Pages of the quote list">"#));
    assert!(
        middle.contains(r#"<nav class="pager" aria-label="Pages of the quote list, at the end">"#)
    );
    assert!(lists[0].contains(r#"<a href="quotes.html" aria-current="page">Quotes</a>"#));
    assert!(!lists[0].contains(r#"rel="prev""#));
    assert!(!lists[2].contains(r#"rel="next""#));
    let broken = links::broken_links(&files);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn a_short_quote_list_or_a_page_size_of_zero_keeps_one_page_without_a_pager() {
    for per_page in ["100", "0"] {
        let project = paged(per_page);
        let files = project.site_files();
        assert!(
            !files.keys().any(|path| path.starts_with("quote-list/")),
            "quotes_per_page: {per_page}"
        );
        let list = project.page("quotes.html");
        assert_eq!(listed_quotes(&list).len(), 5, "quotes_per_page: {per_page}");
        assert!(
            !list.contains(r#"class="pager""#),
            "quotes_per_page: {per_page}"
        );
        assert!(list.contains("<title>Quotes · Fixture evaluation</title>"));
    }
}

#[test]
fn a_borough_without_quotes_keeps_its_place_in_a_split_list() {
    let project = paged("2");
    project.edit(
        "content/quotes/a/forum-notes.md",
        "borough: b",
        "borough: a",
    );
    built(&project);
    assert!(!project.site_files().contains_key("quote-list/4.html"));
    let last = project.page("quote-list/3.html");
    let empty = r#"<h2><a href="../boroughs/b.html">Borough B</a></h2>
  <p class="empty">No quotes from this borough.</p>"#;
    assert!(last.contains(empty), "{last}");
    for page in ["quotes.html", "quote-list/2.html"] {
        assert!(
            !project
                .page(page)
                .contains(r#"/b.html">Borough B</a></h2>"#)
        );
    }
}

#[test]
fn a_project_quote_list_without_the_pager_is_warned_of_when_the_list_is_split() {
    let project = paged("2");
    let old_list = "{% extends \"base.html\" %}{% block content %}\n{% for group in groups %}{% for quote in group.items %}{% include \"partials/quote.html\" %}{% endfor %}{% endfor %}\n{% endblock content %}\n";
    project.write("themes/default/templates/quotes.html", old_list);
    let run = project.build();
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning[theme::no-pager]: the quote list is split over 3 pages of 2 quotes, but this template does not link them: readers see only the first 2"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("--> themes/default/templates/quotes.html:1:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: add `{% if pager.count > 1 %}"),
        "{}",
        run.stderr
    );
    // With the pager, or on one page, there is nothing to say.
    project.write(
        "themes/default/templates/quotes.html",
        old_list.replace(
            "\n{% endblock",
            "{% include \"partials/pager.html\" %}\n{% endblock",
        ),
    );
    assert!(!project.build().expect_code(0).stderr.contains("no-pager"));
    project.write("themes/default/templates/quotes.html", old_list);
    project.edit("evalsite.yaml", "quotes_per_page: 2", "quotes_per_page: 0");
    assert!(!project.build().expect_code(0).stderr.contains("no-pager"));
}

/// The `<main>` element of a generated page, as written.
fn main_html(page: &str) -> String {
    let start = page.find("<main").expect("a <main>");
    let end = page.find("</main>").expect("a </main>") + "</main>".len();
    page[start..end].to_string()
}

/// The text of a generated page's `<main>` as a reader reads it: one line
/// for each block (heading, paragraph, list item, table row, ...), white
/// space collapsed, links as their words, the cells of a row parted by
/// `|`, and each drawn map as its title.
fn main_text(page: &str) -> String {
    use scraper::{ElementRef, Html, Node, Selector};
    const BLOCKS: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "li",
        "nav",
        "ol",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    ];
    fn flush(line: &mut String, lines: &mut Vec<String>) {
        let text = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            lines.push(text);
        }
        line.clear();
    }
    fn walk(element: ElementRef, line: &mut String, lines: &mut Vec<String>) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => line.push_str(text),
                Node::Element(_) => {
                    let child = ElementRef::wrap(child).expect("an element");
                    let name = child.value().name();
                    if name == "svg" {
                        let title = Selector::parse("title").unwrap();
                        let title: Option<String> =
                            child.select(&title).next().map(|t| t.text().collect());
                        flush(line, lines);
                        lines.push(format!("[map: {}]", title.unwrap_or_default()));
                    } else if BLOCKS.contains(&name) {
                        flush(line, lines);
                        walk(child, line, lines);
                        flush(line, lines);
                    } else {
                        if matches!(name, "td" | "th") && !line.trim().is_empty() {
                            line.push_str(" | ");
                        }
                        walk(child, line, lines);
                    }
                }
                _ => {}
            }
        }
    }
    let html = Html::parse_document(page);
    let main = Selector::parse("main").unwrap();
    let main = html.select(&main).next().expect("a <main>");
    let (mut line, mut lines) = (String::new(), Vec::new());
    walk(main, &mut line, &mut lines);
    flush(&mut line, &mut lines);
    lines.join("\n") + "\n"
}

/// What a reader of the bundled example is shown on a quote's page, a
/// finding's page (the markup) and a borough's report (the words, as the
/// page is long): a change to any of them is seen in review.
#[test]
fn the_bundled_examples_pages_as_a_reader_sees_them() {
    let project = Project::example();
    project.build().expect_code(0);
    insta::assert_snapshot!(
        "example_quote_page",
        main_html(&project.page("quotes/gp-where-do-i-fit.html"))
    );
    insta::assert_snapshot!(
        "example_finding_page",
        main_html(&project.page("findings/co-location-not-collaboration.html"))
    );
    insta::assert_snapshot!(
        "example_borough_report",
        main_text(&project.page("boroughs/c.html"))
    );
}

/// Red team, round 33: the default theme's findings filter (a list to pick
/// a theme, one to pick a borough) was refused by the gate with six
/// boroughs or six themes, as too many ways to show a line; programmes
/// across thirty boroughs and codebooks of a dozen themes are ordinary.
#[test]
fn many_boroughs_and_themes_build_with_the_default_theme() {
    let project = Project::fixture("basic");
    for i in 3..=32 {
        project.write(
            &format!("content/boroughs/x{i}.md"),
            format!("---\ntitle: Borough number {i}\norder: {i}\n---\nText.\n"),
        );
    }
    for i in 1..=12 {
        project.write(
            &format!("content/codebook/theme-{i}.md"),
            format!(
                "---\ntitle: Theme number {i}\norder: {}\n---\nWhat it holds.\n",
                i + 2
            ),
        );
    }
    let run = project.build();
    run.expect_code(0);
    let findings = project.read("site/findings.html");
    assert!(
        findings.contains("Borough number 32</option>"),
        "{findings}"
    );
    assert!(findings.contains("Theme number 12</option>"), "{findings}");
}
