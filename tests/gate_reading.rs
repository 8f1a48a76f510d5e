//! The gate reads a page as a browser builds and shows it: the second red
//! team's roads, each through the real binary with `common::build_fails`
//! (exit 1, site/ untouched, the message at the file and line that hold
//! it). Each test names the defect it pins.

mod common;
use common::{BOROUGH_B, Project, borough_b, build_fails, refused};

const PAGE_TEMPLATE: &str = "themes/default/templates/page.html";

/// The free page's template with `html` before its content.
fn page_template(html: &str) -> impl Fn(&Project) + '_ {
    move |p: &Project| {
        p.write(
            PAGE_TEMPLATE,
            format!(
                "{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ page_title }}}}</h1>{html}{{{{ content | safe }}}}{{% endblock content %}}"
            ),
        );
    }
}

/// Defect: tags a browser drops (a stray end tag, table tags outside a
/// table, a second `<body>`) were read as word breaks, and text a browser
/// moves out of a table was read where it was written, so these names,
/// an email address and a participant id were published as one word.
#[test]
fn tags_a_browser_drops_do_not_hide_what_they_split() {
    for (body, code) in [
        (
            "Write to j.smith@exam</div>ple.nhs.uk.",
            "anonymity::output-leak",
        ),
        // Inside a part: the checks of the files read the dropped tag as a
        // space, and since round 21 an id's parts with a space between them
        // (`a-sw -1`) are the id there, so the split is placed where only
        // the final check can join it.
        ("Ask a-s</li>w-1 about it.", "anonymity::output-leak"),
        (
            "We met Marjorie Quill<td>feather.",
            "anonymity::output-leak",
        ),
        ("We met at Thistle<body>bury.", "anonymity::output-leak"),
        (
            "<div>Marjorie Quill<table><tr><td>x</td></tr>feather</table></div>",
            "anonymity::output-leak",
        ),
    ] {
        build_fails(borough_b(body), "content/boroughs/b.md:5:", code);
    }
}

/// Defect: elements a browser lays out in the line (custom elements,
/// `<output>`, `<button>`, MathML) were read as word breaks in a template.
#[test]
fn elements_in_the_line_join_the_words_of_a_template() {
    for html in [
        "<p>Thistle<x-place>bury</x-place></p>",
        "<p>Thistle<output>bury</output></p>",
        "<p><math><mi>Thistle</mi><mi>bury</mi></math></p>",
    ] {
        build_fails(
            page_template(html),
            "themes/default/templates/page.html:1:",
            "anonymity::output-leak",
        );
    }
}

/// Defect (last session's note): the line that produced what only the
/// gate found was looked for one line at a time, so a disguise over two
/// lines was blamed on the page's first line.
#[test]
fn a_disguise_over_two_lines_is_found_at_its_first_line() {
    build_fails(
        page_template("<p>We met at\nThistle<x-place\n>bury</x-place> today.</p>"),
        "themes/default/templates/page.html:2:1",
        "anonymity::output-leak",
    );
}

/// Defect: a style can lay blocks out in one line, so a name split
/// between two blocks is one word on screen.
#[test]
fn a_name_split_between_blocks_is_refused() {
    build_fails(
        borough_b("<div>We met at Thistle<div style=\"display:inline\">bury</div></div>"),
        "content/boroughs/b.md:5:",
        "anonymity::output-leak",
    );
}

/// Defect: text shown reversed (`<bdo dir=rtl>`, a style's
/// `bidi-override`) or assembled by a style (`content:` strings,
/// `attr()`) was read only as written.
#[test]
fn text_a_style_reverses_or_makes_is_refused() {
    build_fails(
        borough_b("We met at <bdo dir=\"rtl\">yrubeltsihT</bdo>."),
        "content/boroughs/b.md:5:",
        "anonymity::output-leak",
    );
    for body in [
        "We met at <span style=\"unicode-bidi:bidi-override;direction:rtl\">yrubeltsihT</span>.",
        "<style>.w::after{content:\"Thistle\" \"bury\"}</style>We met at <span class=\"w\"></span>.",
        "<style>.w::before{content:attr(data-a) attr(data-b)}</style><span class=\"w\" data-a=\"Thistle\" data-b=\"bury\"></span>",
    ] {
        build_fails(
            borough_b(body),
            "content/boroughs/b.md:5:",
            "anonymity::unreadable-output",
        );
    }
}

/// Defect: a document inside an attribute (a frame's `srcdoc`, a `data:`
/// address that is not base64) was read as plain text, so markup inside
/// it hid a name; a host name in punycode is shown decoded.
#[test]
fn documents_in_attributes_and_punycode_hosts_are_read_as_shown() {
    for body in [
        "<iframe srcdoc=\"Thistle<b>bury</b>\"></iframe>",
        "<iframe src=\"data:text/html,Marjorie%20Quill%3Cb%3Efeather%3C/b%3E\"></iframe>",
        "See <https://xn--thistlbury-g7a.example/>.",
    ] {
        build_fails(
            borough_b(body),
            "content/boroughs/b.md:5:",
            "anonymity::output-leak",
        );
    }
}

/// Defect: default-ignorable characters missing from the invisible list
/// (U+2065, U+FFF0, U+E0002) hid a name.
#[test]
fn every_default_ignorable_character_joins_what_it_splits() {
    for mark in ['\u{2065}', '\u{fff0}', '\u{e0002}', '\u{e0080}'] {
        build_fails(
            borough_b(&format!("We met Thistle{mark}bury staff.")),
            "content/boroughs/b.md:5:8",
            "anonymity::identifier",
        );
    }
}

/// Defect: the gate read every file as UTF-8, but a file that declares
/// another encoding (or holds ISO-2022's escape character) is shown as
/// other text.
#[test]
fn a_file_in_another_encoding_is_refused() {
    build_fails(
        |p: &Project| {
            p.write(
                "themes/default/static/about.html",
                "<p>\u{1b}$B#T#h#i#s\u{1b}(B</p>",
            );
        },
        "themes/default/static/about.html",
        "anonymity::unreadable-output",
    );
    build_fails(
        page_template("<meta charset=\"iso-8859-1\">"),
        "themes/default/templates/page.html:1:",
        "anonymity::unreadable-output",
    );
}

/// Defect: nested comments, scripts or frames were read by a recursion as
/// deep as the nesting: a 12 KB page overflowed the stack (exit 134).
#[test]
fn deeply_nested_documents_are_refused_not_a_crash() {
    // Ended once, so that the checks of the sources (which refuse a
    // comment never ended: `anonymity::left-open`) let it reach the gate,
    // whose reading of a comment's text as a page nests as deep.
    build_fails(
        borough_b(&format!("{}-->", "<!--".repeat(3_000))),
        "content/boroughs/b.md",
        "anonymity::unreadable-output",
    );
}

/// The participant registry with a district nurse in Borough A: two
/// district nurses in the study, one in each borough (so `[role]` passes,
/// by elimination too), one in Borough A.
fn nurse_in_a(p: &Project) {
    p.write(
        "content/participants.yaml",
        "participants:\n\
         \x20 - {id: a-sw-1, role: Social worker, sector: social-care, borough: a}\n\
         \x20 - {id: a-sw-2, role: Social worker, sector: social-care, borough: a}\n\
         \x20 - {id: a-gp-1, role: GP, sector: primary-care, borough: a}\n\
         \x20 - {id: a-gp-2, role: GP, sector: primary-care, borough: b}\n\
         \x20 - {id: a-dn-1, role: District nurse, sector: health, borough: a}\n\
         \x20 - {id: b-dn-1, role: District nurse, sector: health, borough: b}\n",
    );
    p.write(
        "content/quotes/a/nurse.md",
        "---\nparticipant: a-dn-1\nsource: interview\ncodes: [co-location]\nattribution: [role]\n---\nThe huddle is where the plan is made.\n",
    );
}

/// Defect: the check of a finding's embeds read `summary:` as written in
/// the YAML, so an escaped embed (`quote\x3a…`) put the quote, attributed
/// only by role, on Borough A's report, where its group is one.
#[test]
fn an_embed_in_a_summary_is_checked_as_shown() {
    build_fails(
        |p: &Project| {
            nurse_in_a(p);
            p.write(
                "content/findings/huddles.md",
                "---\ntitle: Huddles\ncodes: [co-location]\nboroughs: [a]\nsummary: \"Plans are made at the huddle. ![](quote\\x3anurse)\"\n---\nThe huddle matters.\n",
            );
        },
        "content/findings/huddles.md:5:1",
        "anonymity::small-group-in-context",
    );
}

/// Defect: a finding's summary taken from its first paragraph could be a
/// line of an HTML comment or a code block, which the check of embeds did
/// not read as an embed but the report showed as one. Whatever the first
/// paragraph is, the quote either stays off Borough A's report or the
/// build is refused.
#[test]
fn an_embed_a_first_paragraph_shows_is_checked_as_shown() {
    for body in [
        "<!--\n![](quote:nurse)\n-->\n\nThe huddle matters.\n",
        "```\n![](quote:nurse)\n```\n\nThe huddle matters.\n",
    ] {
        let project = Project::fixture("basic");
        nurse_in_a(&project);
        project.write(
            "content/findings/huddles.md",
            format!("---\ntitle: Huddles\ncodes: [co-location]\nboroughs: [a]\n---\n{body}"),
        );
        let run = project.build();
        match run.code {
            0 => {
                let report = project.page("boroughs/a.html");
                assert!(
                    !report.contains("The huddle is where the plan is made."),
                    "the quote is on Borough A's report:\n{body}"
                );
            }
            _ => {
                run.expect_code(1);
                assert!(
                    run.stderr
                        .contains("error[anonymity::small-group-in-context]"),
                    "{}",
                    run.stderr
                );
            }
        }
    }
}

/// Defect: a quote in field notes always shows its borough ("Field notes,
/// Borough A"), but the check treated it as placed there only when its
/// `attribution:` named the borough, so `attribution: [role]` on the field
/// notes let a quote set in them out under Borough A.
#[test]
fn a_quote_set_in_field_notes_is_checked_in_their_borough() {
    build_fails(
        |p: &Project| {
            nurse_in_a(p);
            p.write(
                "content/quotes/a/notes-a.md",
                "---\nsource: field-notes\nborough: a\ncodes: [co-location]\nattribution: [role]\n---\nAt the huddle:\n\n![](quote:nurse)\n",
            );
        },
        "content/quotes/a/notes-a.md:9:5",
        "anonymity::small-group-in-context",
    );
}

/// Defect (red team, round 3): text that may be hidden inside a word, or
/// text an image or field shows in the line, hid what a reader sees as one
/// word or number.
#[test]
fn hidden_text_and_image_text_in_a_word_are_read_as_shown() {
    for body in [
        "We met Marjorie Quill<span hidden>x</span>feather.",
        "We met Marjorie Quill<span style=\"font-size:0\">x</span>feather.",
        "We met at Thistle<ruby>bury<rt>x</rt></ruby>.",
        "Ring 020 7946 <template></template>0958 now.",
        "Ask Marjorie ![Quillfeather](https://example.org/missing.png) today.",
    ] {
        refused(borough_b(body), "content/boroughs/b.md:5:");
    }
}

/// Defect (red team, round 3): numbers split between blocks a style lays
/// out in one line, or by a line separator, and a list numbered from a
/// phone number.
#[test]
fn numbers_between_blocks_separators_and_list_numbers_are_refused() {
    // The checks of your files read the white space around a block as a
    // browser joins it, a line separator as a space too, and say so
    // first, at the number.
    build_fails(
        borough_b("Ring 020 7946 <div style=\"display:inline\">0958</div> now."),
        "content/boroughs/b.md:5:6",
        "anonymity::phone-number",
    );
    build_fails(
        borough_b("Ring 020\u{2028}7946\u{2028}0958 now."),
        "content/boroughs/b.md:5:6",
        "anonymity::phone-number",
    );
    build_fails(
        borough_b("<ol start=\"2079460958\"><li>the duty line</li></ol>"),
        "content/boroughs/b.md:5:",
        "anonymity::unreadable-output",
    );
}

/// Defect (red team, round 3): a link to a quote written without text
/// prints its attribution ("Quote: District nurse") on the page, which on a
/// borough's report tells readers where the quote comes from.
#[test]
fn a_quote_linked_by_its_attribution_is_held_to_k_on_a_borough_page() {
    build_fails(
        |p: &Project| {
            nurse_in_a(p);
            p.write(
                "content/boroughs/a.md",
                "---\ntitle: Borough A\norder: 1\n---\nSee [](quote:nurse).\n",
            );
        },
        "content/boroughs/a.md:5:",
        "anonymity::small-group-in-context",
    );
}

/// False refusals (red team, round 3): an encoding named in prose is not
/// a declaration, and a theme's style sheet may order its boxes.
#[test]
fn prose_about_encodings_and_a_themes_box_order_build() {
    let project = Project::fixture("basic");
    project.write(
        BOROUGH_B,
        "---\ntitle: Borough B\norder: 2\n---\nThe trust sent its data as CSV with encoding=latin1.\n",
    );
    let css = include_str!("../themes/default/static/style.css");
    project.write(
        "themes/default/static/style.css",
        format!("{css}\n@media (max-width: 40em) {{ .site-nav {{ order: -1; flex-direction: column-reverse }} }}\n"),
    );
    project.build().expect_code(0);
}

/// Defect (red team, round 4): styled text that hides nothing, a child
/// shown again inside a hidden parent, fallback text (`<audio>`), a text
/// area's placeholder and a lower-case postcode a style shows in capitals.
#[test]
fn round_four_roads_are_refused() {
    for body in [
        "We met Marjorie Quill<span hidden>x</span><span style=\"color:inherit\">feather</span>.",
        "We met Marjorie Quill<span style=\"font-size:0\">x<span style=\"font-size:1rem\">feather</span></span>.",
        "We met Marjorie Quill<audio>x</audio>feather.",
        "We met Tobias <textarea placeholder=\"Marjorie Quillfeather\"></textarea>.",
        "She lives at <span style=\"text-transform:uppercase\">e1 6an</span> now.",
    ] {
        refused(borough_b(body), "content/boroughs/b.md:5:");
    }
}

/// A line that may be shown in too many ways is refused at that line,
/// read with the site's style sheets as the page was (the fuzz target
/// found it without a place; then it was named at the file the page is
/// made from); code in a highlighted block is one way to read, whatever
/// its tokens.
#[test]
fn a_line_shown_too_many_ways_is_refused_at_its_file() {
    let spans: String = (0..9).map(|i| format!("<span hidden>{i}</span>")).collect();
    let body = format!("Nine things: {spans} here.");
    build_fails(
        borough_b(&body),
        "content/boroughs/b.md:5:1",
        "anonymity::unreadable-output",
    );
    let project = Project::fixture("basic");
    let code: String = (0..40)
        .map(|i| format!("x{i} = f(\"s{i}\") # c{i}\n"))
        .collect();
    project.write(
        BOROUGH_B,
        format!("---\ntitle: Borough B\norder: 2\n---\n```python\n{code}```\n\nWith `a`, `b`, `c`, `d`, `e`, `f`, `g`, `h`, `i` and `j` inline.\n"),
    );
    project.build().expect_code(0);
}

/// A theme's style sheet that is refused is named with the line of the
/// rule that is (round 5: only the file was named).
#[test]
fn a_refused_style_sheet_is_named_at_its_rule() {
    let project = Project::example();
    let sheet = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css"),
    )
    .unwrap();
    let line = sheet.lines().count() + 2;
    project.write(
        "themes/default/static/style.css",
        format!("{sheet}\n.note::after {{ content: \"see the appendix\" }}\n"),
    );
    let run = project.build();
    run.expect_code(1);
    let wanted = format!("themes/default/static/style.css:{line}:1");
    assert!(run.stderr.contains(&wanted), "{wanted} in {}", run.stderr);
    assert!(run.stderr.contains("generated text"), "{}", run.stderr);
}

/// Defect (red team, round 6): a paragraph with many links, each with
/// words for screen-reader users only (the theme's `.visually-hidden`),
/// was refused as "more than 256 ways" to read. Far apart, such elements
/// cannot change one name or number together, and the page builds; a name
/// split by one of them among them is still refused.
#[test]
fn many_links_with_hidden_words_in_one_paragraph_build() {
    let link = "<a href=\"../pages/about.html\">the report<span class=\"visually-hidden\"> (opens the about page)</span></a>";
    let words = "was read by the commissioners and the partnership board before the second round of \
                 interviews began in the three boroughs";
    let paragraph: String = (0..12).map(|_| format!("{link} {words}, ")).collect();
    builds_but_not_with_a_name_split(
        &paragraph,
        ("(opens the about page)", 12),
        "<span class=\"visually-hidden\">x</span>",
        ("content/boroughs/b.md:5:", "anonymity::output-leak"),
    );
}

/// `paragraph` as borough B's report builds, and its page shows
/// `shown.0` `shown.1` times; with a listed name split by `split` after
/// it, the build is refused at `refused.0` with the error `refused.1`.
fn builds_but_not_with_a_name_split(
    paragraph: &str,
    shown: (&str, usize),
    split: &str,
    refused: (&str, &str),
) {
    let project = Project::fixture("basic");
    borough_b(paragraph)(&project);
    project.build().expect_code(0);
    let page = project.page("boroughs/b.html");
    assert_eq!(page.matches(shown.0).count(), shown.1, "{page}");
    build_fails(
        borough_b(&format!("{paragraph}We met at Thistle{split}bury.")),
        refused.0,
        refused.1,
    );
}

/// Defect (the fuzz test, 2026-12-06): the default theme's print rule
/// `script { display: none !important }` was read as one that may show
/// scripts (`important` taken for a `display` value), so ten inline
/// scripts in one paragraph made too many ways to read and every page
/// showing it was refused. A script is never shown, and the page builds;
/// a name split by one is still refused (by the source check, which reads
/// an element not shown both in the line and out of it, as the gate does).
#[test]
fn scripts_in_a_paragraph_are_never_shown_with_the_default_theme() {
    let scripts = "<script>alert(1)</script><script>alert(1)</script>";
    let paragraph: String = (0..5)
        .map(|_| format!("We are in the same building {scripts}now.\n"))
        .collect();
    builds_but_not_with_a_name_split(
        &paragraph,
        ("<script>alert(1)</script>", 10),
        "<script>x</script>",
        ("content/boroughs/b.md:", "anonymity::identifier"),
    );
}

/// Defect (found with the fuzz test's case, 2026-12-06): a quote whose
/// paragraph, over several lines, has too many elements a style may hide
/// to read each way was refused on every page that shows it, but on the
/// pages made from no one file (the quote list) the message had no place.
/// No one line holds the cause, so each message points at the quote's
/// file, which does.
#[test]
fn a_paragraph_with_too_many_ways_is_refused_at_its_file_on_every_page() {
    let hidden = "<span class=\"visually-hidden\">x</span>";
    let body: String = (0..5)
        .map(|_| format!("We are in the same building {hidden}{hidden}now.\n"))
        .collect();
    let project = Project::fixture("basic");
    let quote = "content/quotes/a/same-building.md";
    project.write(
        quote,
        format!("---\nparticipant: a-sw-1\nsource: interview\ncodes: [co-location]\n---\n{body}"),
    );
    let run = project.build();
    run.expect_code(1);
    let errors: Vec<&str> = run.stderr.split("\nerror[").skip(1).collect();
    assert!(errors.len() >= 3, "{}", run.stderr);
    for error in &errors {
        assert!(
            error.contains(&format!("--> {quote}:1:1")),
            "an error without the quote's place:\n{error}"
        );
    }
    assert!(
        run.stderr.contains("quotes.html shows this file"),
        "{}",
        run.stderr
    );
}

/// Red team, round 6 ("not caught"): a letter in white on the page's
/// white, inside a name, leaves the name as a reader sees it. The source
/// check reads a `style` attribute as the gate does, and refuses it first.
#[test]
fn a_white_letter_inside_a_name_does_not_hide_it() {
    for body in [
        "We met at Thistle<span style=\"color:#fff\">x</span>bury.",
        "We met at Thistle<span style=\"color: rgb(254 254 254)\">x</span>bury.",
    ] {
        build_fails(
            borough_b(body),
            "content/boroughs/b.md:5:11",
            "anonymity::identifier",
        );
    }
}

/// Red team, round 6 ("not caught" until now): a letter in the colour of
/// the page's background (given through a custom property, or a page
/// that is not white), or of its own background, or too small to read
/// once its font size has shrunk with nesting, or on a picture (which may
/// be of its own colour), inside a name, leaves the
/// name as a reader sees it. A page's own custom property reaches the
/// theme's rules too.
#[test]
fn a_letter_a_reader_cannot_see_does_not_hide_a_name() {
    let css = include_str!("../themes/default/static/style.css");
    let in_ink = "We met at Thistle<span class=\"ink\">x</span>bury.";
    for (rule, body) in [
        (".ink { color: var(--paper) }", in_ink),
        (
            "body { background: #102030 } .ink { color: #112233 }",
            in_ink,
        ),
        (".ink { color: #1d6b36; background: #1d6b36 }", in_ink),
        // On a picture, which may be of the text's own colour.
        (".ink { background: #fff url(paper.png) }", in_ink),
        (
            ".ink { background-image: image-set(\"paper.png\" 1x) }",
            in_ink,
        ),
        (
            ".s { font-size: .5em }",
            "We met at Thistle<span class=\"s\"><span class=\"s\"><span class=\"s\">x</span></span></span>bury.",
        ),
        (
            ".ink { color: var(--ink) }",
            "<span style=\"--ink: #fdfdfb\">We met at Thistle<span class=\"ink\">x</span>bury.</span>",
        ),
    ] {
        let change = |p: &Project| {
            p.write(
                "themes/default/static/style.css",
                format!("{css}\n{rule}\n"),
            );
            borough_b(body)(p);
        };
        build_fails(change, "content/boroughs/b.md:5:", "anonymity::output-leak");
    }
    // The same rules with no name split build.
    let project = Project::fixture("basic");
    project.write(
        "themes/default/static/style.css",
        format!("{css}\n.ink {{ color: var(--paper) }}\n"),
    );
    borough_b("We met at the<span class=\"ink\">x</span>hall.")(&project);
    project.build().expect_code(0);
}

/// Red team, round 9: a date in a table's "Date of birth" column, rows
/// below the heading, is a date of birth however far the heading is (a
/// reader takes the column's heading with each cell): in HTML, in a
/// Markdown table, and in a CSV of figures in the theme's static folder.
/// The same tables with the dates under another heading build.
#[test]
fn a_date_in_a_date_of_birth_column_is_a_date_of_birth() {
    let rows = "<tr><td>[name]</td><td>[removed]</td><td>Social worker in the duty team</td></tr>"
        .repeat(3);
    let table = |heading: &str| {
        format!(
            "<table><tr><th>Who</th><th>{heading}</th><th>Role</th></tr>{rows}<tr><td>[name]</td><td>14/03/1952</td><td>District nurse</td></tr></table>"
        )
    };
    build_fails(
        borough_b(&table("Date of birth")),
        "content/boroughs/b.md:5:",
        "anonymity::output-leak",
    );
    let csv = "participant,date of birth,role,notes\nP01,,carer,interviewed at home with her daughter present\nP02,,carer,interviewed at home with her daughter present\nP03,14/03/1952,carer,at home\n";
    build_fails(
        |p: &Project| {
            p.write("themes/default/static/cohort.csv", csv);
        },
        "themes/default/static/cohort.csv:4:",
        "anonymity::output-leak",
    );
    let project = Project::fixture("basic");
    borough_b(&table("Date of interview"))(&project);
    project.write(
        "themes/default/static/cohort.csv",
        csv.replace("date of birth", "date of interview"),
    );
    project.build().expect_code(0);
}

/// Road (docs/anonymity.md, "not caught" before): a static XML file (a
/// feed) whose CDATA sections split a name (`<![CDATA[Thistle]]><![CDATA[bury]]>`,
/// `Quill<![CDATA[feather]]>`) was published (exit 0): the HTML parser
/// reads a CDATA section outside a drawing as a comment, which parts the
/// word, where a feed reader shows the text joined.
#[test]
fn a_name_split_by_cdata_sections_in_a_feed_is_refused() {
    for feed in [
        "<rss><channel><item><title><![CDATA[Thistle]]><![CDATA[bury]]></title></item></channel></rss>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><item><description>Marjorie Quill<![CDATA[feather]]> led it</description></item></channel></rss>",
        "<feed><entry><summary type=\"html\"><![CDATA[<p>Marjorie Quill<b>feather</b></p>]]></summary></entry></feed>",
        "<feed><entry><title>Thistle<![CDATA[]]>bury</title></entry></feed>",
    ] {
        let out = refused(
            |p| {
                p.write("themes/default/static/feed.xml", feed);
            },
            "static/feed.xml",
        );
        assert!(out.contains("error[anonymity::output-leak]"), "{out}");
    }
    // A feed whose sections hold no name is published.
    let project = Project::fixture("basic");
    project.write(
        "themes/default/static/feed.xml",
        "<rss><channel><item><title><![CDATA[Borough A]]> <![CDATA[report]]></title>\
         <description><![CDATA[<p>Findings & notes</p>]]></description></item></channel></rss>",
    );
    project.build().expect_code(0);
}

/// Red team, round 22's footnote rule keeps what a raised number after a
/// word still shows: an id whose last part is raised, with its mark or
/// after a code written with marks (`a-gp<sup>-1</sup>`,
/// `A-GP<sup>1</sup>`), is refused; a footnote after "A GP" is not.
/// (Written by hand as `A GP<sup>1</sup>`, the checks of the files still
/// read "A GP1" and refuse it: they do not know a note mark.)
#[test]
fn a_raised_number_is_a_note_only_where_it_is_one() {
    for (line, refused) in [
        ("As a-gp<sup>-1</sup> said.", true),
        ("As A-GP<sup>1</sup> said.", true),
        ("As A GP[^1] said.\n\n[^1]: In 2023.", false),
    ] {
        let project = common::finding_with("", line);
        let run = project.build();
        assert_eq!(run.code == 1, refused, "{line}: {}", run.stderr);
        if refused {
            assert!(
                run.stderr.contains("participant-id"),
                "{line}: {}",
                run.stderr
            );
        }
    }
}
