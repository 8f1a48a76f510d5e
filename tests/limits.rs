//! The documented limits (docs/limits.md): input a researcher can write that
//! once hung or crashed evalsite is refused quickly, with a clear message at
//! the place the limit is crossed, and the previous site is left untouched.
//! Each big input is made here; the point of each bound is that these tests
//! are fast (without it, each would run for minutes and the suite would hang
//! visibly).

mod common;

use common::build_fails;

/// A megabyte of `[`: the YAML parser took minutes on it (#19.4).
fn brackets() -> String {
    "[".repeat(1 << 20)
}

// Regression (#19.4): 100 KB of `[` in front matter took 14 s in the YAML
// parser, 1 MB many minutes. Now refused before the parser sees it.
#[test]
fn deep_brackets_in_front_matter_are_refused_before_parsing() {
    let out = build_fails(
        |p| {
            p.edit(
                "content/findings/co-location.md",
                "boroughs: [a, b]",
                &format!("boroughs: {}", brackets()),
            );
        },
        // `boroughs: ` is 10 columns; level 33 is the 33rd bracket.
        "content/findings/co-location.md:4:43",
        "yaml::too-deep",
    );
    assert!(out.contains("nested more than 32 levels deep"), "{out}");
}

#[test]
fn deep_brackets_in_a_pathway_are_refused() {
    build_fails(
        |p| {
            p.edit(
                "content/pathways/a-discharge.md",
                "findings: [co-location]",
                &format!("findings: {}", "{a: ".repeat(1 << 18)),
            );
        },
        "content/pathways/a-discharge.md:",
        "yaml::too-deep",
    );
}

#[test]
fn deep_brackets_in_participants_are_refused() {
    build_fails(
        |p| {
            let text = p.read("content/participants.yaml");
            p.write(
                "content/participants.yaml",
                format!("{text}  - {}\n", brackets()),
            );
        },
        "content/participants.yaml:7:37",
        "yaml::too-deep",
    );
}

#[test]
fn deep_brackets_in_settings_are_refused() {
    build_fails(
        |p| {
            p.edit(
                "evalsite.yaml",
                "title: Fixture evaluation",
                &format!("title: {}", brackets()),
            );
        },
        "evalsite.yaml:1:40",
        "yaml::too-deep",
    );
}

#[test]
fn deep_brackets_in_the_identifiers_list_are_refused() {
    // The list must not then be treated as empty (fail closed): the build fails.
    build_fails(
        |p| {
            p.edit(
                "private/identifiers.yaml",
                "organisations: []",
                &format!("organisations: {}", brackets()),
            );
        },
        "private/identifiers.yaml:3:48",
        "yaml::too-deep",
    );
}

/// The message, as a researcher sees it.
#[test]
fn too_deep_message() {
    let project = common::Project::fixture("basic");
    project.edit(
        "content/findings/co-location.md",
        "boroughs: [a, b]",
        &format!("boroughs: {}", "[".repeat(40)),
    );
    let run = project.run(&["check"]);
    run.expect_code(1);
    insta::assert_snapshot!(run.stderr);
}

/// `n` field-note quotes in borough a, `q0` embedding `q1` embedding ... `q{n-1}`.
fn quote_chain(project: &common::Project, n: usize) {
    for i in 0..n {
        let body = if i + 1 < n {
            format!("Words {i}.\n\n![](quote:q{})\n", i + 1)
        } else {
            "The last words.\n".to_string()
        };
        project.write(
            &format!("content/quotes/a/q{i}.md"),
            format!("---\nsource: field-notes\nborough: a\ncodes: [co-location]\n---\n{body}"),
        );
    }
}

// Regression (#19.4): a chain of about 800 quotes each embedding the next
// overflowed the stack (exit 134), and the pages grew with the square of it.
#[test]
fn a_long_chain_of_embedded_quotes_is_refused() {
    let out = build_fails(
        |p| quote_chain(p, 800),
        // q791 embeds q792, which holds q792 to q799: eight quotes.
        "content/quotes/a/q791.md:8:5",
        "reference::embed-too-deep",
    );
    assert_eq!(out.matches("error[").count(), 1, "one message: {out}");
}

#[test]
fn quotes_eight_deep_are_set_in_place() {
    let project = common::Project::fixture("basic");
    quote_chain(&project, 8);
    project.build().expect_code(0);
    let page = project.page("quotes/q0.html");
    assert!(page.contains("The last words."), "{page}");
    // One more is one too many.
    quote_chain(&project, 9);
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("content/quotes/a/q0.md:8:5"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.stderr);
}

/// `n` codes, `c0` under the fixture's `structure`, each next one under the last.
fn code_chain(project: &common::Project, n: usize) {
    for i in 0..n {
        let parent = if i == 0 {
            "structure".to_string()
        } else {
            format!("c{}", i - 1)
        };
        project.write(
            &format!("content/codebook/c{i}.md"),
            format!("---\ntitle: Code {i}\nparent: {parent}\n---\nWhat it means.\n"),
        );
    }
}

// Regression (#19.4): a 4,000-deep codebook `parent:` chain took 5.5 s (and
// minutes in a debug build): ordering it was cubic in its depth. 1,000 deep
// took about a minute in a debug build; the cost of depth itself is pinned
// to 200,000 levels in the unit tests of src/resolve/depth.rs.
#[test]
fn a_deep_codebook_is_refused() {
    let out = build_fails(
        |p| code_chain(p, 1000),
        // structure is level 1, c0 level 2: c15 is level 17.
        "content/codebook/c15.md:3:9",
        "codebook::too-deep",
    );
    assert_eq!(out.matches("error[").count(), 1, "one message: {out}");
    insta::assert_snapshot!(out);
}

#[test]
fn a_codebook_sixteen_levels_deep_builds() {
    let project = common::Project::fixture("basic");
    code_chain(&project, 15);
    project.build().expect_code(0);
    assert!(project.page("codebook/c14.html").contains("Code 13"));
}

/// A pathway of `nodes` nodes and `edges` edges (a chain, then pseudo-random pairs).
fn dense_pathway(nodes: usize, edges: usize) -> String {
    let mut text = String::from("---\ntitle: Dense\nborough: a\npathway: dense\nnodes:\n");
    for i in 0..nodes {
        text.push_str(&format!(
            "  - {{id: n{i}, label: Step {i}, sector: acute}}\n"
        ));
    }
    text.push_str("edges:\n");
    let mut random = common::Lcg(7);
    for k in 0..edges {
        let (from, to) = if k + 1 < nodes {
            (k, k + 1)
        } else {
            (random.below(nodes), random.below(nodes))
        };
        text.push_str(&format!("  - {{from: n{from}, to: n{to}}}\n"));
    }
    text + "---\nA dense map.\n"
}

// Regression (#19.4): layout grew about cubically with dense edges: 200 nodes
// and 1,000 edges took 10 s, 2,000 and 10,000 over 30 minutes and 3 GB.
#[test]
fn a_dense_pathway_past_the_limits_is_refused() {
    let out = build_fails(
        |p| {
            p.write("content/pathways/dense.md", dense_pathway(2000, 10_000));
        },
        "content/pathways/dense.md:5:1",
        "pathway::too-large",
    );
    assert!(
        out.contains("this map has 2000 nodes; a map may have at most 100"),
        "{out}"
    );
    assert!(
        out.contains("this map has 10000 edges; a map may have at most 300"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn a_pathway_at_the_limits_builds() {
    let project = common::Project::fixture("basic");
    project.write("content/pathways/dense.md", dense_pathway(100, 300));
    project.build().expect_code(0);
    assert!(project.page("pathways/dense.html").contains("<svg"));
}

/// `levels` levels of `fan` field-note quotes, each embedding all `fan`
/// quotes of the next level: `f{level}-{j}`.
fn quote_fan(project: &common::Project, fan: usize, levels: usize) {
    for level in 0..levels {
        for j in 0..fan {
            let mut body = format!("Level {level}.");
            if level + 1 < levels {
                for k in 0..fan {
                    body.push_str(&format!(" ![](quote:f{}-{k})", level + 1));
                }
            }
            project.write(
                &format!("content/quotes/a/f{level}-{j}.md"),
                format!(
                    "---\nsource: field-notes\nborough: a\ncodes: [co-location]\n---\n{body}\n"
                ),
            );
        }
    }
}

// Regression (#case-08): 48 one-line quotes, 8 levels of 6 each embedding
// the 6 of the next, were within the depth limit, but every page showed
// 6^7 copies of the last level and the build never ended. A quote may show
// at most 100 quotes in all: one error, at the embed that goes past, in
// the quotes nearest the bottom that do.
#[test]
fn quotes_embedding_many_quotes_are_refused() {
    let out = build_fails(
        |p| quote_fan(p, 6, 8),
        // f5-j shows 1 + 6 + 36 = 43 quotes; f4-j with its second embed
        // 1 + 43 + 43 = 87, with its third 130.
        "content/quotes/a/f4-0.md:6:46",
        "reference::embed-too-many",
    );
    assert_eq!(out.matches("error[").count(), 6, "one for each f4: {out}");
    assert!(out.contains("quote `f4-0` would show 259 quotes"), "{out}");
    insta::assert_snapshot!(out.split("\n\n\n").next().unwrap_or_default());
}

#[test]
fn a_quote_showing_a_hundred_quotes_builds() {
    let project = common::Project::fixture("basic");
    // f0 shows itself, 9 of f1 and 81 of f2: 91 quotes.
    quote_fan(&project, 9, 3);
    project.build().expect_code(0);
    let page = project.page("quotes/f0-0.html");
    assert_eq!(page.matches("Level 2.").count(), 81);
}

// Regression (#case-06): a project template with two loops over
// `range(end=100000)`, one inside the other, never finished. The numbers
// all of one page's `range()` calls give are counted: past a million, an
// error at the call, naming the template.
#[test]
fn a_template_looping_inside_a_loop_is_stopped() {
    let out = build_fails(
        |p| {
            p.write(
                "themes/default/templates/page.html",
                "{% extends \"base.html\" %}\n{% block content %}{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}{% endblock content %}\n",
            );
        },
        "themes/default/templates/page.html:2:64",
        "theme::template",
    );
    assert!(out.contains("more than 1000000 numbers"), "{out}");
    insta::assert_snapshot!(out);
}

// Regression (#case-13): a page of one 3 MB line of broken links printed
// 200,000 messages (97 MB) and took 28 s: finding each one's column counted
// the line from its start. Now at most 20 of one code are shown for a
// file, the rest counted, and the count is still the whole.
#[test]
fn many_problems_of_one_kind_in_a_file_are_counted_not_all_shown() {
    let project = common::Project::fixture("basic");
    let line = "[y](code:nope) ".repeat(50_000);
    project.write(
        "content/pages/long.md",
        format!("---\ntitle: Long\n---\nZoë: {line}\n"),
    );
    let run = project.run(&["check"]);
    run.expect_code(1);
    assert_eq!(
        run.stderr.matches("error[reference::unknown-code]").count(),
        20
    );
    assert!(
        run.stderr
            .contains("49980 more like this in this file are not shown"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("50000 errors and 0 warnings"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.len() < 20_000, "{} bytes", run.stderr.len());
    // The columns count characters (`ë` is one), as for a short line.
    assert!(
        run.stderr.contains("content/pages/long.md:4:10"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/pages/long.md:4:295"),
        "{}",
        run.stderr
    );
    let json = project.run(&["check", "--format", "json"]);
    assert_eq!(json.stdout.lines().count(), 20);
}
