//! The disclosure gate end to end: what a reader or a search engine would
//! get from any published byte is refused however it is written (inline
//! tags, comments, character references, scripts, styles, attributes,
//! links, static files of every type, file and folder names), the message
//! names the line that produced it, and an allowance allows its terms only
//! in the file that has it. Each test pins one of the roads by which
//! issue #18 found identifiers published.

mod common;
use common::{Project, refused};

const FINDING: &str = "content/findings/co-location.md";
const PAGE_TEMPLATE: &str = "themes/default/templates/page.html";

/// The free page's template with `html` in its content block.
fn page_template(html: &str) -> String {
    format!(
        "{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ page_title }}}}</h1>{html}{{{{ content | safe }}}}{{% endblock content %}}"
    )
}

/// The first message's lines, without the quoted source line (which may
/// hold the secret: it is the researcher's own file).
fn message(out: &str) -> String {
    out.lines()
        .take_while(|l| !l.starts_with("1 error") && !l.is_empty())
        .filter(|l| {
            let gutter = l.trim_start().split('|').next().unwrap_or("");
            !(l.contains('|')
                && gutter.trim().chars().all(|c| c.is_ascii_digit())
                && !gutter.trim().is_empty())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// #18 point 1, template side: inline tags and comments inside a name or a
// phone number in a template were read as separate words.
#[test]
fn a_template_splitting_a_name_or_number_with_inline_markup() {
    for leak in [
        "<p>Marjorie Quill<b>feather</b> led the fieldwork.</p>",
        "<p>Marjorie<!-- x -->Quillfeather led the fieldwork.</p>",
        "<p>Marjorie Quill<wbr>feather led the fieldwork.</p>",
        "<p>Ring 07700 900<b>123</b>.</p>",
    ] {
        let out = refused(
            |p| {
                p.write(PAGE_TEMPLATE, page_template(leak));
            },
            "themes/default/templates/page.html:1:",
        );
        assert!(out.contains("error[anonymity::output-leak]"), "{out}");
    }
}

#[test]
fn the_message_names_the_template_line_and_never_the_secret() {
    let out = refused(
        |p| {
            p.write(
                PAGE_TEMPLATE,
                page_template("<p>Marjorie Quill<b>feather</b> led the fieldwork.</p>"),
            );
        },
        "themes/default/templates/page.html:1:",
    );
    let message = message(&out);
    assert!(!message.contains("Quillfeather"), "{message}");
    insta::assert_snapshot!(message);
}

// #18 point 2: script (JSON-LD) and style contents were skipped, and only
// a few named character references were decoded.
#[test]
fn scripts_styles_and_character_references_in_a_template() {
    for leak in [
        r#"<script type="application/ld+json">{"author": "Marjorie Quillfeather"}</script>"#,
        r#"<script type="application/ld+json">{"author": "Marjorie \u0051uillfeather"}</script>"#,
        r#"<style>.x::after { content: "Marjorie Quill\66 eather"; }</style>"#,
        "<p>&#x4D;arjorie Quillfeather</p>",
        "<p>Marjorie Quillf&#101;ather</p>",
        "<p>Marjorie&NewLine;Quillfeather</p>",
        "<p>Marjorie&nbsp;Quillfeathe&#x72</p>",
        r#"<a href="https://example.org/people/Marjorie%20Quillfeather">a link</a>"#,
        r#"<meta name="author" content="Marjorie Quillfeather">"#,
        r#"<div data-lead="Marjorie Quillfeather"></div>"#,
        "<noscript>Marjorie Quillfeather</noscript>",
        "<template><p>Marjorie Quillfeather</p></template>",
    ] {
        refused(
            |p| {
                p.write(PAGE_TEMPLATE, page_template(leak));
            },
            "themes/default/templates/page.html:1:",
        );
    }
}

// #18 points 2 and 5: a disguise in a content file is caught, and the
// message names the content file's line (not `:1:1`).
#[test]
fn disguises_in_a_body_are_caught_at_their_line() {
    for (from, to, line) in [
        (
            "Sharing a building",
            "Marjorie Quillf&#101;ather said sharing a building",
            8,
        ),
        (
            "Sharing a building",
            "&#x4D;arjorie Quillfeather said sharing a building",
            8,
        ),
        (
            "Sharing a building",
            "Marjorie&NewLine;Quillfeather said sharing a building",
            8,
        ),
        (
            "Sharing a building",
            "Marjorie Quill<b>feather</b> said sharing a building",
            8,
        ),
        (
            "Sharing a building",
            "Marjorie<!-- x -->Quillfeather said sharing a building",
            8,
        ),
        (
            "Sharing a building",
            "Ring 07700 900<b>123</b>. Sharing a building",
            8,
        ),
        (
            "Sharing a building",
            "[the record](https://example.org/Marjorie%20Quillfeather) sharing a building",
            8,
        ),
        (
            "Sharing a building",
            "## Notes {.marjorie-quillfeather}\n\nSharing a building",
            8,
        ),
        ("```python", "```marjorie-quillfeather", 12),
    ] {
        let location = format!("{FINDING}:{line}:");
        refused(
            |p| {
                p.edit(FINDING, from, to);
            },
            &location,
        );
    }
}

// #18 point 2: static files other than HTML were not read.
#[test]
fn every_static_file_type_is_read() {
    for (name, text) in [
        (
            "leak.css",
            r#".x::after { content: "Marjorie Quill\66 eather"; }"#,
        ),
        ("leak.js", r#"const lead = "Marjorie \u0051uillfeather";"#),
        ("leak.mjs", "export const lead = 'Marjorie Quillfeather';"),
        ("leak.json", r#"{"lead": "Marjorie \u0051uillfeather"}"#),
        ("site.webmanifest", r#"{"name": "Marjorie Quillfeather"}"#),
        ("leak.csv", "role,lead\nGP,Marjorie Quillfeather\n"),
        ("leak.txt", "Fieldwork by Marjorie Quillfeather.\n"),
        ("leak.md", "Fieldwork by *Marjorie* Quillfeather.\n"),
        (
            "leak.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Marjorie Quill<tspan>feather</tspan></text></svg>",
        ),
        ("leak.unknown", "Ring 07700 900123"),
    ] {
        let out = refused(
            |p| {
                p.write(&format!("themes/default/static/{name}"), text);
            },
            &format!("static/{name}"),
        );
        assert!(
            out.contains(&format!(
                "the theme's static file themes/default/static/{name}"
            )),
            "{out}"
        );
    }
}

// #18 point 2: static file and folder names were not read.
#[test]
fn static_file_and_folder_names_are_read() {
    for name in [
        "marjorie-quillfeather.css",
        "marjorie-quillfeather/site.css",
        "marjorie/quillfeather.css",
        "Marjorie%20Quillfeather.txt",
    ] {
        let out = refused(
            |p| {
                p.write(
                    &format!("themes/default/static/{name}"),
                    "body { margin: 0 }\n",
                );
            },
            "the name of the generated file static/",
        );
        if name == "marjorie-quillfeather.css" {
            insta::assert_snapshot!(message(&out));
        }
    }
}

// A binary file is read where it can hold text, and refused where the gate
// cannot read it (fail closed).
#[test]
fn images_are_read_and_unreadable_files_refused() {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x19tEXtAuthor\x00".to_vec();
    png.extend_from_slice(b"Marjorie Quillfeather\x00\x00\x00\x00IEND\xaeB`\x82");
    refused(
        |p| {
            p.write("themes/default/static/photo.png", &png);
        },
        "static/photo.png",
    );
    let out = refused(
        |p| {
            p.write(
                "themes/default/static/font.woff2",
                b"wOF2\x00\x01\xff\xfe\x80\x81",
            );
        },
        "anonymity::unreadable-output",
    );
    insta::assert_snapshot!(message(&out));
}

fn allow_in_methods(p: &Project) {
    p.edit(
        "content/pages/methods.md",
        "order: 1\n",
        "order: 1\nanonymity:\n  allow: [Thistlebury]\n  reason: named in the published business case\n",
    );
    p.edit(
        "content/pages/methods.md",
        "We interviewed staff.",
        "We interviewed staff in Thistlebury.",
    );
}

#[test]
fn an_allowed_term_builds_in_its_own_file() {
    let project = Project::fixture("basic");
    allow_in_methods(&project);
    project.edit(
        "content/pages/methods.md",
        "title: Methods",
        "title: Methods in Thistlebury",
    );
    let run = project.build();
    run.expect_code(0);
    assert!(project.page("pages/methods.html").contains("Thistlebury"));
    // The title shows in the menu of every page.
    assert!(
        project.page("index.html").contains("Thistlebury"),
        "{}",
        run.stderr
    );
}

// #18 point 3: an allowance in one file let the same term through on every
// page, here written by another file with a character reference the
// source check may not decode.
#[test]
fn an_allowance_does_not_reach_another_file() {
    let out = refused(
        |p| {
            allow_in_methods(p);
            p.edit(
                FINDING,
                "Sharing a building",
                "In Thistlebur&#121;, sharing a building",
            );
        },
        "content/findings/co-location.md:8:",
    );
    assert!(!message(&out).contains("Thistlebury"), "{out}");
}

// #18 point 3: ... or printed by a template, on the allowing file's own
// page and on any other.
#[test]
fn an_allowance_does_not_reach_a_template() {
    for leak in [
        "<p>Fieldwork in Thistlebury.</p>",
        "<p>Fieldwork in Thistle<b>bury</b>.</p>",
    ] {
        let out = refused(
            |p| {
                allow_in_methods(p);
                p.write(PAGE_TEMPLATE, page_template(leak));
            },
            "themes/default/templates/page.html:1:",
        );
        assert!(out.contains("outside the file that allows it"), "{out}");
        if leak.contains("<b>") {
            insta::assert_snapshot!(message(&out));
        }
    }
    refused(
        |p| {
            allow_in_methods(p);
            let base = include_str!("../themes/default/templates/base.html");
            let leaky = base.replace(
                "redactions appear in square brackets.",
                "redactions appear in square brackets. Fieldwork in Thistlebury.",
            );
            assert_ne!(base, leaky);
            p.write("themes/default/templates/base.html", leaky);
        },
        "themes/default/templates/base.html:",
    );
}

// Lookalikes a researcher writes every day still build.
#[test]
fn clean_lookalikes_still_build() {
    let project = Project::fixture("basic");
    project.edit(
        FINDING,
        "Sharing a building",
        "[name] in Borough A rang NHS 111 in 2019 and 2020 (see doi:10.1000/182 and \
         [the paper](https://doi.org/10.1000/182)); Band 6 nurses. Sharing a building",
    );
    let run = project.build();
    run.expect_code(0);
    assert!(!run.stderr.contains("error["), "{}", run.stderr);
}

// #18 point 5 (serve): the preview passes a page again only if its very
// bytes passed with the same identifiers, registry and allowances. A new
// listed term that only the theme prints, on pages no edit touched, must
// be found on the next rebuild.
#[test]
fn the_preview_reads_every_page_again_when_the_identifiers_change() {
    use evalsite::{memo::Memo, pipeline};
    let project = Project::fixture("basic");
    let options = serve_options(&project);
    let mut memo = Memo::default();
    let first = pipeline::run(&options, pipeline::Mode::Serve(&mut memo, &|_| {})).unwrap();
    assert!(!first.diagnostics.has_errors());
    assert!(first.rendered.is_some());
    // The footer of every page says "redactions appear in square brackets".
    project.write(
        "private/identifiers.yaml",
        "people: [Marjorie Quillfeather]\nplaces: [Thistlebury, Square Brackets]\n",
    );
    let second = pipeline::run(&options, pipeline::Mode::Serve(&mut memo, &|_| {})).unwrap();
    assert!(
        second.diagnostics.has_errors(),
        "the footer is not read again"
    );
    assert!(second.rendered.is_none());
    assert!(second.work.gated >= 16, "{} files read", second.work.gated);
    // Back as it was: it builds again, and an unchanged rebuild reads nothing.
    project.write(
        "private/identifiers.yaml",
        "people: [Marjorie Quillfeather]\nplaces: [Thistlebury]\n",
    );
    let third = pipeline::run(&options, pipeline::Mode::Serve(&mut memo, &|_| {})).unwrap();
    assert!(!third.diagnostics.has_errors());
    let fourth = pipeline::run(&options, pipeline::Mode::Serve(&mut memo, &|_| {})).unwrap();
    assert!(fourth.rendered.is_some());
    assert_eq!(fourth.work.gated, 0, "unchanged pages passed before");
}

/// The preview shows a rebuild's page as soon as it alone passes the gate
/// (`gate::Early`), before the whole site has: it must never let out a
/// page the whole gate refuses, whatever the road (a template, an
/// allowance, a quote placed in a borough), and it lets a clean page out.
#[test]
fn the_preview_shows_a_page_early_only_if_the_whole_gate_would() {
    use evalsite::anonymity::gate::Early;
    use evalsite::{memo::Memo, pipeline};
    use std::sync::Mutex;
    let project = Project::fixture("basic");
    let options = serve_options(&project);
    let mut memo = Memo::default();
    // Each run: which of `paths` the early gate let out.
    let mut run = |paths: &[&str]| {
        let early: Mutex<Vec<String>> = Mutex::default();
        let hook = |pages: Early| {
            let passed = paths.iter().filter(|p| pages.passes(p));
            early.lock().unwrap().extend(passed.map(|p| p.to_string()));
        };
        let outcome = pipeline::run(&options, pipeline::Mode::Serve(&mut memo, &hook)).unwrap();
        (outcome.rendered.is_some(), early.into_inner().unwrap())
    };
    let quote = "quotes/same-building.html";
    assert_eq!(run(&[quote]), (true, vec![quote.to_string()]));
    // A clean edit: the quote's page is let out at once.
    project.edit(
        "content/quotes/a/same-building.md",
        "each other",
        "each other daily",
    );
    assert_eq!(run(&[quote]), (true, vec![quote.to_string()]));
    // A template that splits a listed name with an inline element: refused
    // by the whole gate, and never let out early.
    project.write(
        "themes/default/templates/quote.html",
        "{% extends \"base.html\" %}{% block content %}<p>Thistle<x-a>bury</x-a></p>{% endblock content %}",
    );
    assert_eq!(run(&[quote]), (false, Vec::new()));
    project.remove("themes/default/templates/quote.html");
    // An allowed term: the whole gate lets it out; early, it waits.
    allow_in_methods(&project);
    assert_eq!(run(&["pages/methods.html"]), (true, Vec::new()));
}

/// The pipeline's options for `project` as the preview runs it.
fn serve_options(project: &Project) -> evalsite::pipeline::Options {
    evalsite::pipeline::Options {
        root: project.root().to_path_buf(),
        include_drafts: false,
        identifiers: None,
        timings: false,
    }
}

/// F10 (red team, round 30): a name completed by the title a link
/// written without text prints (`We asked Marjorie [](page:unit)`, the
/// page titled "Quillfeather Unit") is refused at the link's line, not at
/// the start of a page's source.
#[test]
fn a_name_completed_by_a_links_title_is_placed_at_the_link() {
    let stderr = common::build_fails(
        |p| {
            p.write(
                "content/pages/unit.md",
                "---\ntitle: Quillfeather Unit\n---\n\nThe unit's page.\n",
            );
            common::set_finding_line(p, "", "We asked Marjorie [](page:unit) about it.");
        },
        "content/findings/co-location.md:8:1",
        "anonymity::output-leak",
    );
    assert!(
        stderr.contains("with the title of the link written without text"),
        "{stderr}"
    );
    assert!(!stderr.contains("a template prints it"), "{stderr}");
}

/// F10, continued: a place name made of two nodes' labels on a pathway
/// map ("Thistle" and "bury", drawn side by side) is refused at one of
/// those labels, not at the start of a borough's file.
#[test]
fn a_name_made_of_two_map_labels_is_placed_at_a_label() {
    let pathway = "content/pathways/a-discharge.md";
    let stderr = common::build_fails(
        |p| {
            p.edit(pathway, "label: Discharge to Assess", "label: Thistle");
            p.edit(pathway, "label: Home", "label: bury");
        },
        &format!("{pathway}:7:"),
        "anonymity::output-leak",
    );
    assert!(
        stderr.contains("draws this label beside another"),
        "{stderr}"
    );
    assert!(!stderr.contains("a template prints it"), "{stderr}");
}
