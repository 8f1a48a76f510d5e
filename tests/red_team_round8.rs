//! Red team, round 8: roads by which a small attribution group reached
//! site/ while the build exited 0: a borough's report leading to a quote's
//! page (which shows its attribution) by an address the checks did not
//! read as one. Each test failed (the build passed) when written. The
//! round's other roads (numbers shown right to left) are in red_team.rs.

mod common;
use common::{Project, build_fails};

/// Two more GPs in Borough B, so a GP's quote attributed by role alone
/// passes study-wide (3 GPs, k = 2) while Borough A has one GP; the GP's
/// quote `gp-says` (participant a-gp-1), attributed by role.
fn gp_quote(p: &Project) {
    let registry = p.read("content/participants.yaml");
    p.write(
        "content/participants.yaml",
        format!(
            "{registry}  - {{id: b-gp-1, role: GP, sector: primary-care, borough: b}}\n  - {{id: b-gp-2, role: GP, sector: primary-care, borough: b}}\n"
        ),
    );
    p.write(
        "content/quotes/a/gp-says.md",
        "---\nparticipant: a-gp-1\nsource: interview\ncodes: [co-location]\nattribution: [role]\n---\nThe GP view is that nobody reads the notes.\n",
    );
}

/// Borough A's report with `line` at line 7 of its file.
fn borough_a_with(line: &str) -> impl Fn(&Project) + '_ {
    move |p: &Project| {
        gp_quote(p);
        p.write(
            "content/boroughs/a.md",
            format!("---\ntitle: Borough A\norder: 1\n---\nOverview.\n\n{line}\n"),
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
