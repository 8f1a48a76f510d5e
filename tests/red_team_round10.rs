//! Red team, round 10: roads a researcher's or a theme author's ordinary
//! mistake still has to the published site, and clean files refused.
//! Each failed when it was written; each says what should happen.

mod common;
use common::{Project, borough_b, build_fails, gp_quote, refused, style_with, two_social_workers};

/// `gp_quote`, and a social worker's quote `sw-says` (two social workers
/// in Borough A, attributed by role: it holds there) that links the GP's
/// quote with words of its own.
fn sw_links_gp(p: &Project) {
    gp_quote(p);
    p.write(
        "content/quotes/a/sw-says.md",
        "---\nparticipant: a-sw-2\nsource: interview\ncodes: [co-location]\nattribution: [role]\n---\nAs [the GP put it](quote:gp-says), the notes are read late.\n",
    );
}

/// The article of finding `id` on Borough A's report.
fn article_on_a(p: &Project, id: &str) -> String {
    let report = p.page("boroughs/a.html");
    let start = report
        .find(&format!("id=\"finding-{id}\""))
        .unwrap_or_else(|| panic!("no finding {id} on Borough A's report:\n{report}"));
    let article = &report[start..];
    article[..article.find("</article>").unwrap_or(article.len())].to_string()
}

/// Road: a finding that holds in Borough A and B (three GPs together) links
/// the GP's quote from its first paragraph by the quote page's address
/// (`../quotes/gp-says.html`, as copied from the preview's address bar) or
/// by an HTML `<a>`. Its summary is shown on Borough A's report, where a
/// reader takes what it links as said in Borough A, with one GP. Written
/// `quote:gp-says`, the link is shown there as text (round 8's decision);
/// written as an address, [`InBorough`] never sees it, and Borough A's
/// report links the quote (exit 0).
#[test]
fn a_summary_on_a_borough_report_does_not_link_a_quote_by_its_address() {
    for link in [
        "[nobody reads the notes](../quotes/gp-says.html)",
        "<a href=\"../quotes/gp-says.html\">nobody reads the notes</a>",
        "[nobody reads the notes](https://example.org/eval/quotes/gp-says.html)",
    ] {
        let p = Project::fixture("basic");
        gp_quote(&p);
        p.write(
            "content/findings/both.md",
            format!(
                "---\ntitle: Both\ncodes: [co-location]\nboroughs: [a, b]\n---\nAs one said, {link}.\n\nMore.\n"
            ),
        );
        let run = p.build();
        if run.code == 1 {
            assert!(
                run.stderr.contains("content/findings/both.md:6:"),
                "{link}: {}",
                run.stderr
            );
            continue;
        }
        run.expect_code(0);
        let article = article_on_a(&p, "both");
        assert!(!article.contains("gp-says"), "{link}: {article}");
    }
}

/// Road: a quote set in a page about Borough A shows its text there,
/// links and all. Borough A's report (or field notes of Borough A) embeds
/// the social worker's quote, which links the GP's quote with its own
/// words: the link is on Borough A's report, and a reader who follows it
/// takes the GP's words as said in Borough A, with one GP. The same link
/// written in Borough A's report itself is refused (round 7), and so is a
/// quote the social worker's quote embeds (round 8); a quote it links is
/// not followed (`nested` reads embeds only), and the build publishes.
/// Likewise a finding that holds only in Borough A and cites the social
/// worker's quote: its page, about Borough A, shows the link.
#[test]
fn a_quote_linked_from_a_quote_set_in_a_borough_page_is_held_to_k_there() {
    for (file, text) in [
        (
            "content/boroughs/a.md",
            "---\ntitle: Borough A\norder: 1\n---\nOverview.\n\n![](quote:sw-says)\n",
        ),
        (
            "content/quotes/a/notes-a.md",
            "---\nsource: field-notes\nborough: a\ncodes: [co-location]\n---\nAt the huddle:\n\n![](quote:sw-says)\n",
        ),
        (
            "content/findings/co-location.md",
            "---\ntitle: Co-location without collaboration\ncodes: [co-location]\nboroughs: [a]\nquotes: [sw-says]\n---\nBody.\n",
        ),
    ] {
        let p = Project::fixture("basic");
        p.build().expect_code(0);
        let before = p.site_files();
        sw_links_gp(&p);
        p.write(file, text);
        let run = p.build();
        assert_eq!(run.code, 1, "{file}:\n{}", run.stderr);
        assert!(
            run.stderr
                .contains("error[anonymity::small-group-in-context]"),
            "{file}: {}",
            run.stderr
        );
        // At the embed or citation, or at the link in the quote.
        assert!(
            run.stderr.contains(&format!("{file}:"))
                || run.stderr.contains("content/quotes/a/sw-says.md:7:"),
            "{file}: {}",
            run.stderr
        );
        assert_eq!(p.site_files(), before);
    }
}

/// False refusal: an acute accent typed for an apostrophe (`´`, as on
/// many European keyboards), which `is_apostrophe` lists, is decomposed by
/// NFKC into a space and a combining accent before it is folded, so
/// "Carers´ lead" and "Carers' lead" are two groups of one and the quote
/// is refused; and a Cyrillic `а` pasted into a role (as the identifier
/// checks already read it, drawn as a Latin `a`) makes two roles a reader
/// sees as one "Social worker". Both should count as one group.
#[test]
fn role_spellings_drawn_alike_are_one_group() {
    for (first, second) in [
        ("Carers' lead", "Carers\u{b4} lead"),
        ("Social worker", "Soci\u{430}l worker"),
    ] {
        let run = two_social_workers(first, second).build();
        assert_eq!(run.code, 0, "{first:?} / {second:?}:\n{}", run.stderr);
    }
}

/// Road: an HTML table pasted from Word, with a grouped heading row above
/// the column headings (`<thead>` of two rows, the first with `colspan`).
/// The gate takes the first row for the headings, so "Date of birth" in
/// the second is a cell, and a date three rows under it is published.
#[test]
fn a_date_under_a_second_heading_row_is_a_date_of_birth() {
    refused(
        borough_b(
            "<table>\n<thead>\n<tr><th colspan=\"2\">Participant</th><th colspan=\"2\">Interview</th></tr>\n\
             <tr><th>Role</th><th>Date of birth</th><th>Place</th><th>Length</th></tr>\n</thead>\n<tbody>\n\
             <tr><td>Social worker</td><td>[removed]</td><td>Office</td><td>45 minutes</td></tr>\n\
             <tr><td>Social worker</td><td>[removed]</td><td>Office</td><td>50 minutes</td></tr>\n\
             <tr><td>District nurse</td><td>14/03/1952</td><td>Home</td><td>40 minutes</td></tr>\n\
             </tbody>\n</table>",
        ),
        "content/boroughs/b.md:",
    );
}

/// Road: an HTML table whose first column merges rows (`rowspan`, as a
/// table of participants grouped by team is). Rows under the merged cell
/// have one cell fewer, so the gate pairs their cells with the wrong
/// headings and the date under "Date of birth" is published.
#[test]
fn a_date_of_birth_in_a_row_under_a_merged_cell_is_refused() {
    refused(
        borough_b(
            "<table>\n<tr><th>Team</th><th>Role</th><th>Date of birth</th></tr>\n\
             <tr><td rowspan=\"3\">Community nursing</td><td>District nurse</td><td>[removed]</td></tr>\n\
             <tr><td>District nurse</td><td>[removed]</td></tr>\n\
             <tr><td>Healthcare assistant</td><td>14/03/1952</td></tr>\n</table>",
        ),
        "content/boroughs/b.md:",
    );
}

/// Road: a spreadsheet of participants pasted turned round (one column
/// per participant, the fields down the first column, as in a "profile"
/// sheet). The date is in the row whose heading is "Date of birth", but
/// more than 40 characters after it, so it is published.
#[test]
fn a_date_in_a_date_of_birth_row_is_a_date_of_birth() {
    refused(
        borough_b(
            "| Field | Participant 1 | Participant 2 | Participant 3 |\n\
             |---|---|---|---|\n\
             | Role | District nurse | District nurse | Healthcare assistant |\n\
             | Date of birth | [removed at their request] | [removed at their request] | 14/03/1952 |",
        ),
        "content/boroughs/b.md:8:",
    );
}

/// Road: a CSV of figures exported by Excel in a European locale (fields
/// parted by `;`) or by a database (the heading `DateOfBirth`, written as
/// one word). The gate reads a `.csv` as parted by commas, and takes only
/// "date of birth" with separators for a cue, so a date three rows under
/// the heading is published. A JSON data file written by the same export
/// (`"dateOfBirth": "1952-03-14"`) is published too, and so is a record
/// pasted into a report as the database prints it (`DateOfBirth:
/// 14/03/1952`), which "Date of birth: 14/03/1952" is refused as.
#[test]
fn date_of_birth_columns_as_exports_write_them_are_read() {
    refused(
        borough_b("Referral record: DateOfBirth: 14/03/1952; Team: Community nursing."),
        "content/boroughs/b.md:5:31",
    );
    refused(
        |p: &Project| {
            p.write(
                "themes/default/static/cohort.csv",
                "participant;notes;date of birth;role\n\
                 P01;interviewed at home with daughter present;;carer\n\
                 P02;interviewed at home with daughter present;;carer\n\
                 P03;interviewed at home with daughter present;14/03/1952;carer\n",
            );
        },
        "themes/default/static/cohort.csv",
    );
    refused(
        |p: &Project| {
            p.write(
                "themes/default/static/cohort.csv",
                "ParticipantID,DateOfBirth,Role,Team\n\
                 P01,,Carer,Community nursing\n\
                 P02,,Carer,Community nursing\n\
                 P03,14/03/1952,Carer,Community nursing\n",
            );
        },
        "themes/default/static/cohort.csv",
    );
    refused(
        |p: &Project| {
            p.write(
                "themes/default/static/cohort.json",
                "[{\"id\": \"P03\", \"role\": \"carer\", \"dateOfBirth\": \"1952-03-14\"}]\n",
            );
        },
        "themes/default/static/cohort.json",
    );
}

/// Road: a picture drawn over a box by `border-image` with `fill` (as a
/// theme's "highlight" style paints a texture) may hide the box's text
/// exactly as a `background` picture does, which the gate reads as
/// hiding. A name split by such an element reads whole to the reader, and
/// is published (exit 0).
#[test]
fn a_border_image_picture_may_hide_text_as_a_background_does() {
    // `background: url(…)` is refused so; these are not.
    for rule in [
        ".marker { border-image: url(\"texture.png\") 0 fill; }",
        ".marker { border-image-source: url(\"texture.png\"); border-image-slice: 0 fill; }",
    ] {
        let change = |p: &Project| {
            style_with(rule)(p);
            borough_b("We met staff at Thistle<span class=\"marker\">x</span>bury.")(p);
        };
        refused(change, "content/boroughs/b.md:5:");
    }
}

/// Road: a retina logo in a page, its SVG drawn from a base64 `data:`
/// address in `srcset` with its density (`… 2x`). The gate reads the
/// address to the closing quote, so the payload holds " 2x", cannot be
/// decoded, and the drawing's text "Thistlebury" is published.
#[test]
fn a_data_address_in_srcset_is_read_to_its_descriptor() {
    let b64 = "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIyMDAiIGhlaWdodD0iMjQiPjx0ZXh0IHk9IjE4Ij5UaGlzdGxlYnVyeTwvdGV4dD48L3N2Zz4=";
    let img = format!(
        "<img alt=\"The partnership's logo\" src=\"../static/logo.png\" srcset=\"data:image/svg+xml;base64,{b64} 2x\">"
    );
    refused(borough_b(&img), "content/boroughs/b.md:5:");
}

/// Wrong place: an HTML table pasted into a report (as a table copied from
/// a web page or from Word's HTML is) with a "Date of birth" column is
/// refused by the gate, but the message points at `content/boroughs/b.md:1:1`
/// and says "a template or theme file prints it", though line 9 holds the
/// date. The same table in Markdown is refused at the date.
#[test]
fn a_date_of_birth_in_an_html_table_is_refused_at_its_line() {
    let out = refused(
        borough_b(
            "<table>\n<tr><th>Team</th><th>Role</th><th>Date of birth</th></tr>\n\
             <tr><td>Community nursing</td><td>District nurse</td><td>[removed]</td></tr>\n\
             <tr><td>Community nursing</td><td>District nurse</td><td>[removed]</td></tr>\n\
             <tr><td>Community nursing</td><td>Healthcare assistant</td><td>14/03/1952</td></tr>\n</table>",
        ),
        "content/boroughs/b.md:9:",
    );
    assert!(!out.contains("a template or theme file prints it"), "{out}");
}

/// Road: a hesitation in a transcript, "Marjorie... Quillfeather". The
/// docs promise that full stops after a word count as a space, but the
/// checks now read Markdown's smart punctuation, which makes `...` an
/// ellipsis (`…`), and the gate reads the page's `…`: neither takes it for
/// a space, and the full name is published with only a warning for the
/// first name (exit 0). Typed as `…`, or with no space after it, likewise.
#[test]
fn a_name_parted_by_an_ellipsis_is_refused() {
    for body in [
        "It was, er, Marjorie... Quillfeather who rang.",
        "It was, er, Marjorie\u{2026} Quillfeather who rang.",
        "It was Marjorie...Quillfeather who rang.",
    ] {
        build_fails(
            borough_b(body),
            "content/boroughs/b.md:5:",
            "anonymity::identifier",
        );
    }
}

/// False refusal: an icon after each external link, as themes draw one
/// (`a[href^="http"]::after { content: url("external.svg") }`). A picture
/// is no generated text, and written `url(external.svg)` without quotes it
/// builds; with the quotes most style guides ask for, the style sheet is
/// refused as showing "generated text holding letters or digits".
#[test]
fn a_picture_as_generated_content_is_not_text() {
    let p = Project::fixture("basic");
    style_with("a[href^=\"http\"]::after { content: url(\"external.svg\"); margin-left: 0.2em; }")(
        &p,
    );
    let run = p.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Road: a theme's style sheet that imports another inlined as a `data:`
/// address (as some bundlers inline `@import`s). A style sheet loaded from
/// another address is refused, and one of the site's own is read; this one
/// is neither, so its `display: none` is unknown to the gate, and a name
/// split by an element it hides is published whole (exit 0).
#[test]
fn a_style_sheet_imported_from_a_data_address_is_read_or_refused() {
    refused(
        |p: &Project| {
            let css = include_str!("../themes/default/static/style.css");
            p.write(
                "themes/default/static/style.css",
                format!("@import url(\"data:text/css,.marker%7Bdisplay:none%7D\");\n{css}"),
            );
            borough_b("We met staff at Thistle<span class=\"marker\">x</span>bury.")(p);
        },
        // Refused where the style sheet imports it: its rules are not
        // applied by the gate.
        "themes/default/static/style.css:1:1",
    );
}
