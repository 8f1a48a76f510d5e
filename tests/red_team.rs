//! Red-team regressions: disguises a careful researcher (copying from a
//! PDF, a word processor or a phone) or a theme author could produce, that
//! the gate published before they were fixed. Each test names the defect
//! it pins; each goes through the real binary with `common::build_fails`
//! (exit 1, site/ untouched, the message at the file and line).

mod common;
use common::{BOROUGH_B, Project, borough_a_with, borough_b, build_fails, gp_quote, refused};

/// Defect: bidirectional marks (U+200E, U+200F, U+202A to U+202E, U+2066
/// to U+2069, U+061C) and the other format characters show nothing, as a
/// soft hyphen shows nothing, but only six such characters were read as
/// joining a word, so `Thistle<RLM>bury` and a phone number with a
/// left-to-right mark between its groups (as copied from a word processor
/// set for Arabic or Hebrew) were published.
#[test]
fn format_characters_such_as_bidi_marks_join_what_they_split() {
    for mark in [
        '\u{200f}',
        '\u{200e}',
        '\u{202a}',
        '\u{2066}',
        '\u{61c}',
        '\u{e0041}',
    ] {
        build_fails(
            borough_b(&format!("We met Thistle{mark}bury staff.")),
            "content/boroughs/b.md:5:8",
            "anonymity::identifier",
        );
    }
    build_fails(
        borough_b("Call 020\u{200e} 7946\u{200e} 01\u{200f}23 now."),
        "content/boroughs/b.md:5:6",
        "anonymity::phone-number",
    );
}

/// Defect: full-width digits (as an East Asian keyboard or a phone's
/// input method types them) are digits to a reader, but the phone and NHS
/// shapes were matched on ASCII digits only, so `０２０ ７９４６ ０１２３`
/// and a full-width NHS number were published. So were the full-width `＠`
/// of an email address and full-width capitals of a postcode.
#[test]
fn full_width_digits_and_letters_are_read_as_ascii() {
    build_fails(
        borough_b(
            "Call \u{ff10}\u{ff12}\u{ff10} \u{ff17}\u{ff19}\u{ff14}\u{ff16} \u{ff10}\u{ff11}\u{ff12}\u{ff13} now.",
        ),
        "content/boroughs/b.md:5:6",
        "anonymity::phone-number",
    );
    build_fails(
        borough_b(
            "NHS \u{ff19}\u{ff14}\u{ff13} \u{ff14}\u{ff17}\u{ff16} \u{ff15}\u{ff19}\u{ff11}\u{ff19} here.",
        ),
        "content/boroughs/b.md:5:5",
        "anonymity::nhs-number",
    );
    build_fails(
        borough_b("Write to jo.bloggs\u{ff20}nhs.net today."),
        "content/boroughs/b.md:5:10",
        "anonymity::email",
    );
    build_fails(
        borough_b("She lives at \u{ff25}1 6\u{ff21}\u{ff2e} now."),
        "content/boroughs/b.md:5:14",
        "anonymity::postcode",
    );
}

/// Defect: a hyphen inside a one-word listed term was read as a word
/// boundary, so `Thistle-bury` (a name hyphenated at a line end in a PDF
/// transcript, copied as `Thistle-` and `bury` on the next line), and the
/// heading id or file name made from it, were published.
#[test]
fn a_hyphen_inside_a_listed_word_does_not_hide_it() {
    build_fails(
        borough_b("We met Thistle-bury staff."),
        "content/boroughs/b.md:5:8",
        "anonymity::identifier",
    );
    build_fails(
        borough_b("We met staff from Thistle-\nbury last May."),
        "content/boroughs/b.md:5:19",
        "anonymity::identifier",
    );
    build_fails(
        borough_b("We met Marjorie Quill\u{2010}feather."),
        "content/boroughs/b.md:5:8",
        "anonymity::identifier",
    );
    build_fails(
        |p: &Project| {
            p.write(
                "content/findings/thistle-bury.md",
                "---\ntitle: A finding\ncodes: [co-location]\nboroughs: [a]\n---\nBody.\n",
            );
        },
        "content/findings/thistle-bury.md:1:1",
        "anonymity::identifier-in-file-name",
    );
}

/// Defect: Cyrillic and Greek letters that look like Latin ones (`а`,
/// `е`, `о`, `р`, `с`, `Т`: written `&Tcy;` too) in a listed name read the
/// same to a reader, but the name was matched letter for letter, so
/// `Thistl\u{435}bury` was published.
#[test]
fn lookalike_letters_from_other_scripts_do_not_hide_a_name() {
    build_fails(
        borough_b("We met Thistl\u{435}bury staff."),
        "content/boroughs/b.md:5:8",
        "anonymity::identifier",
    );
    build_fails(
        borough_b("We met &Tcy;histlebury staff."),
        "content/boroughs/b.md:5:8",
        "anonymity::identifier",
    );
    build_fails(
        borough_b("We met Marjorie Quillf\u{3b5}ath\u{435}r."),
        "content/boroughs/b.md:5:8",
        "anonymity::identifier",
    );
    // Round 5: letters beyond the common table, from Unicode's
    // confusables (Armenian `օ`, Latin `ɑ`, Greek `Ϲ`, Lisu `ꓔ`).
    for name in [
        "Marjorie Quillfeather".replace('a', "\u{251}"),
        "Thistlebury".replace('T', "\u{a4d4}"),
        "Marjorie Quillfeather".replace('o', "\u{585}"),
        "Thistlebury"
            .replace('T', "\u{3a4}")
            .replace('h', "\u{4bb}"),
    ] {
        build_fails(
            borough_b(&format!("We met {name} staff.")),
            "content/boroughs/b.md:5:8",
            "anonymity::identifier",
        );
    }
}

/// The fixes above must not refuse what is clean: redactions, pseudonyms,
/// hyphenated ordinary words, NHS 111, years, DOIs, Russian and Greek
/// words that are not listed names, and RTL text with its marks.
#[test]
fn clean_lookalikes_still_build() {
    let project = Project::fixture("basic");
    project.write(
        BOROUGH_B,
        "---\ntitle: Borough B\norder: 2\n---\n\
         [name] said Borough A's co-located team rang NHS 111 in 2017 and 2018.\n\
         See doi:10.1234/abc-5678 and the re-ablement team's multi-\ndisciplinary meetings.\n\
         A Russian colleague wrote \u{201c}\u{441}\u{43f}\u{430}\u{441}\u{438}\u{431}\u{43e}\u{201d}; a Greek one \u{201c}\u{3b5}\u{3c5}\u{3c7}\u{3b1}\u{3c1}\u{3b9}\u{3c3}\u{3c4}\u{3ce}\u{201d}.\n\
         Hebrew: \u{5e9}\u{5dc}\u{5d5}\u{5dd}\u{200f} 2017. Full-width year \u{ff12}\u{ff10}\u{ff11}\u{ff17}.\n",
    );
    project.build().expect_code(0);
}

/// Defect: the warning for a hand-written participant table read only a
/// cell that was a bare number and a label that was exactly a role or a
/// borough, so the ways researchers write counts went unwarned: `1 (20%)`,
/// `1/5`, `n = 1`, `one`, a full-width `１`, a label with more words
/// (`GP (Borough A)`, `Borough A GPs`) or a sector (`Primary care`).
#[test]
fn a_small_count_in_a_hand_written_table_is_warned_however_written() {
    let rows = [
        ("| GP | 1 (20%) |", "GP"),
        ("| GP | 1/5 |", "GP"),
        ("| GP | n = 1 |", "GP"),
        ("| GP | one |", "GP"),
        ("| GP | \u{ff11} |", "GP"),
        ("| GP (Borough A) | 1 |", "GP (Borough A)"),
        ("| Borough A GPs | 1 |", "Borough A GPs"),
        ("| Primary care | 1 |", "Primary care"),
    ];
    for (row, label) in rows {
        let project = Project::fixture("basic");
        project.write(
            "content/pages/methods.md",
            format!("---\ntitle: Methods\norder: 1\n---\n| Who | n |\n|---|---|\n{row}\n"),
        );
        let run = project.build();
        run.expect_code(0);
        assert!(
            run.stderr.contains(&format!(
                "warning[table::small-count]: a count of 1 for `{label}`"
            )) && run.stderr.contains("content/pages/methods.md:7:"),
            "{row}:\n{}",
            run.stderr
        );
    }
    // Not a participant count: a sentence with the one-letter borough id
    // `a` in it, a count of k or more, a year.
    let project = Project::fixture("basic");
    project.write(
        "content/pages/methods.md",
        "---\ntitle: Methods\norder: 1\n---\n| Who | n |\n|---|---|\n| Had a plan | 1 |\n| GP | 2 |\n| Year | 2017 |\n",
    );
    let run = project.build();
    run.expect_code(0);
    assert!(!run.stderr.contains("table::small-count"), "{}", run.stderr);
}

/// [`gp_quote`], and a social worker's quote `sw-says` that embeds it.
fn gp_quote_set_in_another(p: &Project) {
    gp_quote(p);
    p.write(
        "content/quotes/a/sw-says.md",
        "---\nparticipant: a-sw-2\nsource: interview\ncodes: [co-location]\nattribution: [role]\n---\nAs she said: ![](quote:gp-says)\n",
    );
}

/// Defect: a quote embedded in another quote was not re-checked in the
/// contexts the outer quote is shown in, so a GP's quote attributed "GP"
/// (three GPs in the study, one in Borough A) set inside a quote that
/// Borough A's report embeds, or that a finding holding only in Borough A
/// cites, or inside a quote attributed to Borough A (listed under it),
/// told readers which GP said it.
#[test]
fn a_quote_set_in_another_quote_is_checked_where_that_one_is_shown() {
    build_fails(
        |p: &Project| {
            gp_quote_set_in_another(p);
            p.write(
                "content/boroughs/a.md",
                "---\ntitle: Borough A\norder: 1\n---\nOverview.\n\n![](quote:sw-says)\n",
            );
        },
        "content/boroughs/a.md:7:5",
        "anonymity::small-group-in-context",
    );
    build_fails(
        |p: &Project| {
            gp_quote_set_in_another(p);
            p.write(
                "content/findings/co-location.md",
                "---\ntitle: Co-location without collaboration\ncodes: [co-location]\nboroughs: [a]\nquotes: [sw-says]\n---\nBody.\n",
            );
        },
        "content/findings/co-location.md:5:10",
        "anonymity::small-group-in-context",
    );
    build_fails(
        |p: &Project| {
            gp_quote_set_in_another(p);
            let outer = p.read("content/quotes/a/sw-says.md");
            p.write(
                "content/quotes/a/sw-says.md",
                outer.replace("attribution: [role]\n", ""),
            );
        },
        "content/quotes/a/sw-says.md:6:18",
        "anonymity::small-group-in-context",
    );
    // The same quotes, shown nowhere that names a borough, build.
    let project = Project::fixture("basic");
    gp_quote_set_in_another(&project);
    project.build().expect_code(0);
}

/// Red team, round 8: a finding's summary on a borough's report. A finding
/// that holds in Borough A and B links the GP quote from its first
/// paragraph (three GPs in A and B together: it may). Its summary is shown
/// on Borough A's report, where a reader takes what it links as said in
/// Borough A, and only one GP is there. The build went on and linked it.
/// Decided: a summary on a borough's report links a quote only when its
/// attribution holds there; otherwise the link's words are shown as text.
/// The finding's own page links it, and a quote that holds is linked.
#[test]
fn a_finding_summary_on_a_borough_report_links_only_quotes_that_hold_there() {
    let project = Project::fixture("basic");
    gp_quote(&project);
    project.write(
        "content/quotes/a/sw-says.md",
        "---\nparticipant: a-sw-2\nsource: interview\ncodes: [co-location]\nattribution: [role]\n---\nThe notes are read late.\n",
    );
    // The findings hold in all three boroughs: in A and B alone, the GP
    // quoted without a borough (so from A or C, where GPs are too few)
    // would be A's one GP (tests/red_team_round14.rs).
    let summary =
        "As one said, [nobody reads the notes](quote:gp-says), and [late](quote:sw-says).";
    for (name, finding) in [
        (
            "first paragraph",
            format!(
                "---\ntitle: Both\ncodes: [co-location]\nboroughs: [a, b, c]\n---\n{summary}\n\nMore.\n"
            ),
        ),
        (
            "summary:",
            format!(
                "---\ntitle: Both\ncodes: [co-location]\nboroughs: [a, b, c]\nsummary: \"{summary}\"\n---\nMore.\n"
            ),
        ),
    ] {
        project.write("content/findings/both.md", &finding);
        project.build().expect_code(0);
        let report = project.page("boroughs/a.html");
        let article = &report[report.find("nobody reads the notes").expect(name) - 200..];
        let article = &article[..article.find("</article>").unwrap_or(article.len())];
        assert!(!article.contains("gp-says.html"), "{name}: {article}");
        assert!(article.contains("sw-says.html"), "{name}: {article}");
        let page = project.page("findings/both.html");
        assert!(page.contains("quotes/gp-says.html"), "{name}");
        // Borough B's report has two GPs: there it is linked.
        assert!(
            project.page("boroughs/b.html").contains("gp-says.html"),
            "{name}"
        );
    }
    // A link written without text prints the quote's attribution, which
    // Borough A's report would show: refused, at the link.
    build_fails(
        |p: &Project| {
            gp_quote(p);
            p.write(
                "content/findings/both.md",
                "---\ntitle: Both\ncodes: [co-location]\nboroughs: [a, b, c]\n---\nAs one said: [](quote:gp-says).\n",
            );
        },
        "content/findings/both.md:6:",
        "anonymity::small-group-in-context",
    );
}

/// Defect: evalsite.yaml's `title` and `base_url` are printed on every
/// page (header, tab, canonical link), but the file was not read by the
/// source checks, so a name there (written with a YAML escape, or as
/// `thistle-bury` in an address) was caught only by the final check,
/// which sent the researcher to "a template or theme file" instead of
/// the line.
#[test]
fn the_settings_are_read_at_their_line() {
    build_fails(
        |p: &Project| {
            p.edit(
                "evalsite.yaml",
                "title: Fixture evaluation",
                "title: \"Thistle\\x62ury evaluation\"",
            );
        },
        "evalsite.yaml:1:9",
        "anonymity::identifier",
    );
    build_fails(
        |p: &Project| {
            p.edit(
                "evalsite.yaml",
                "https://example.org/eval/",
                "https://thistle-bury.example.org/",
            );
        },
        "evalsite.yaml:2:19",
        "anonymity::identifier",
    );
}

/// Defect: the text of a `data:…;base64,` address (a link a reader opens,
/// an `<iframe>` a theme shows) was published unread, and so was a theme's
/// text file saved as UTF-16 without its byte-order mark (ASCII with a NUL
/// after each letter, which browsers show as the letters).
#[test]
fn data_addresses_and_nul_separated_text_are_read() {
    build_fails(
        borough_b("[notes](data:text/plain;base64,VGhpc3RsZWJ1cnk=)"),
        "content/boroughs/b.md:5:",
        "anonymity::output-leak",
    );
    let out = build_fails(
        |p: &Project| {
            let utf16: Vec<u8> = "Thistlebury".bytes().flat_map(|b| [b, 0]).collect();
            p.write("themes/default/static/notes.txt", utf16);
        },
        "static/notes.txt is the theme's static file themes/default/static/notes.txt",
        "anonymity::output-leak",
    );
    assert!(out.contains("static/notes.txt would publish"), "{out}");
}

/// Defect: a right-to-left override (U+202E) shows the letters after it
/// in reverse, so `\u{202e}yrubeltsihT\u{202c}` reads as the listed name,
/// but it was read only in the order written. The final check now reads
/// it as shown, and sends the researcher to the line.
#[test]
fn text_reversed_by_a_right_to_left_override_is_read_as_shown() {
    build_fails(
        borough_b("We met \u{202e}yrubeltsihT\u{202c} staff."),
        "content/boroughs/b.md:5:8",
        "anonymity::output-leak",
    );
}

/// Red team, round 8: the Unicode bidirectional algorithm. In a right-to-left block
/// (`dir="rtl"`, as a quote in Arabic or Hebrew is set), runs of digits
/// separated by spaces are laid out right to left, so `123 900 07700` is
/// shown as the phone number `07700 900 123`, and `5919 476 943` as the
/// NHS number `943 476 5919` (checked in Chromium). Only `<bdo>` and the
/// override character are read reversed; this was published.
#[test]
fn numbers_laid_out_right_to_left_are_read_as_shown() {
    for line in [
        r#"<p dir="rtl">123 900 07700</p>"#,
        r#"<p dir="rtl">5919 476 943</p>"#,
    ] {
        refused(
            |p: &Project| {
                p.write(
                    "content/boroughs/b.md",
                    format!("---\ntitle: Borough B\norder: 2\n---\n{line}\n"),
                );
            },
            "content/boroughs/b.md:5:",
        );
    }
}

/// Red team, round 8: the same bidirectional layout with no `dir` at all. After a
/// Hebrew word in an ordinary (left-to-right) paragraph, the digit groups
/// take the word's direction, so `<Hebrew> 123 900 07700` in a quote from
/// a Hebrew speaker is shown as "07700 900 123 <Hebrew>" (checked in
/// Chromium). Published with exit 0.
#[test]
fn numbers_after_right_to_left_words_are_read_as_shown() {
    refused(
        |p: &Project| {
            p.write(
                "content/boroughs/b.md",
                "---\ntitle: Borough B\norder: 2\n---\nShe wrote: \u{5d4}\u{5d8}\u{5dc}\u{5e4}\u{5d5}\u{5df} 123 900 07700\n",
            );
        },
        "content/boroughs/b.md:5:",
    );
}

/// Red team, round 8: SVG text placed by its own attributes. Two `<text>`
/// elements at one point, the second anchored at its end, are drawn as
/// one word in the opposite order to the source: `bury` then `Thistle`
/// shows "Thistlebury", and `900123` then `07700` shows "07700900123"
/// (checked in Chromium by the red team).
#[test]
fn svg_text_placed_by_anchor_is_read_as_drawn() {
    for svg in [
        r#"<svg width="300" height="60" font-size="24"><text x="150" y="30" text-anchor="start">bury</text><text x="150" y="30" text-anchor="end">Thistle</text></svg>"#,
        r#"<svg width="400" height="60" font-size="24"><text x="200" y="30">900123</text><text x="200" y="30" text-anchor="end">07700</text></svg>"#,
    ] {
        refused(
            |p: &Project| {
                p.write(
                    "content/boroughs/b.md",
                    format!("---\ntitle: Borough B\norder: 2\n---\n{svg}\n"),
                );
            },
            "content/boroughs/b.md:5:",
        );
    }
}

/// Road: raw HTML. `[said](quote:gp-says)` and `[said](../quotes/gp-says.html)`
/// in Borough A's report are refused (the linked page shows "GP", and only
/// one GP is in Borough A), but the same address in an HTML element is not
/// read as a reference at all: `<a href>` links to the quote's page, and
/// `<iframe src>` / `<object data>` show the quote's page, attribution and
/// all, inside Borough A's report. Built with exit 0.
#[test]
fn a_quote_page_linked_or_framed_by_raw_html_is_placed_in_the_borough() {
    for line in [
        r#"<a href="../quotes/gp-says.html">one GP said</a>"#,
        r#"<iframe src="../quotes/gp-says.html" title="a quote"></iframe>"#,
        r#"<object data="../quotes/gp-says.html"></object>"#,
    ] {
        build_fails(
            borough_a_with(line),
            "content/boroughs/a.md:7:",
            "anonymity::small-group-in-context",
        );
    }
}

/// Road: other spellings of the quote page's address. Only `quote:ID` and
/// a relative address whose folder is exactly `quotes` are read as a quote
/// link; the absolute address under the site's own `base_url` (also as an
/// autolink) and a relative one with `.` segments lead to the same page
/// (a browser resolves `./../quotes/./` to `../quotes/`) but were published
/// from Borough A's report with exit 0.
#[test]
fn other_spellings_of_a_quote_page_address_place_it_in_the_borough() {
    for line in [
        "[one GP said](https://example.org/eval/quotes/gp-says.html)",
        "<https://example.org/eval/quotes/gp-says.html>",
        "[one GP said](./../quotes/./gp-says.html)",
    ] {
        build_fails(
            borough_a_with(line),
            "content/boroughs/a.md:7:",
            "anonymity::small-group-in-context",
        );
    }
}
