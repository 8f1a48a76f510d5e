//! Red team, round 32 (findings 3 and 4): where a page leads and what its
//! address says.
//!
//! - 3: a doubled slash (`../quotes//gp-says.html`) took a link past
//!   every rule that asks which page a link leads to, though servers
//!   serve it as the quote's page. Now empty segments are dropped as
//!   servers drop them, in the one reading of an address that the source
//!   checks and the final check share.
//! - 4: a page's, finding's or code's address (`pages/borough-a-workshop.html`,
//!   `codebook/gp-views.html`) gave back what a quote's attribution leaves
//!   out, where only titles were read. Now the address is read wherever
//!   the title is, as a title is read.
//!
//! Each test starts from the red team's setup ([`gp_says`]): Borough A's
//! one GP, quoted "GP", where the study has two GPs (k = 2).

mod common;

use common::{Project, build_fails, refused};

/// The quote of Borough A's one GP, attributed by role alone.
const GP_SAYS: &str = "content/quotes/a/gp-says.md";
const BOROUGH_A: &str = "content/boroughs/a.md";
/// The same quote at an address that says no role.
const LETTERS: &str = "content/quotes/a/letters.md";

/// The red team's setup: a second GP, in Borough B, and the quote
/// `gp-says` of Borough A's GP, attributed "GP" (two GPs share it; one is
/// in Borough A).
fn gp_says(p: &Project) {
    p.edit(
        "content/participants.yaml",
        "  - {id: a-gp-1, role: GP, sector: primary-care, borough: a}\n",
        "  - {id: a-gp-1, role: GP, sector: primary-care, borough: a}\n  - {id: b-gp-1, role: GP, sector: primary-care, borough: b}\n",
    );
    p.write(
        GP_SAYS,
        "---\nparticipant: a-gp-1\nsource: interview\ncodes: [co-location]\nattribution: [role]\n---\nNobody reads the discharge letters.\n",
    );
}

/// [`gp_says`], with `line` added to Borough A's report (its line 8).
fn borough_a_with(line: &str) -> impl Fn(&Project) + '_ {
    move |p: &Project| {
        gp_says(p);
        let report = p.read(BOROUGH_A);
        p.write(BOROUGH_A, format!("{report}\n{line}\n"));
    }
}

/// [`gp_says`], with `line` added to the quote's words (its line 8).
fn quote_with(line: &str) -> impl Fn(&Project) + '_ {
    move |p: &Project| {
        gp_says(p);
        let quote = p.read(GP_SAYS);
        p.write(GP_SAYS, format!("{quote}{line}\n"));
    }
}

/// Builds with `change` (after [`gp_says`]), exit 0.
fn builds(change: impl Fn(&Project)) -> Project {
    let project = Project::fixture("basic");
    gp_says(&project);
    change(&project);
    project.build().expect_code(0);
    project.run(&["check"]).expect_code(0);
    project
}

// Finding 3: a doubled slash.

/// The red team's repro: Borough A's report links the quote's page with
/// `//` before the file name, which servers serve as the quote's page.
#[test]
fn a_doubled_slash_in_a_link_from_a_borough_report_is_read() {
    build_fails(
        borough_a_with("See [what the GP said](../quotes//gp-says.html)."),
        "content/boroughs/a.md:8:24",
        "anonymity::small-group-in-context",
    );
    build_fails(
        borough_a_with("See <a href=\"../quotes//gp-says.html\">what the GP said</a>."),
        "content/boroughs/a.md:8:14",
        "anonymity::small-group-in-context",
    );
    // Every way of writing empty segments.
    for link in [
        "[x](..//quotes///gp-says.html)",
        "[x](../quotes//gp-says)",
        "[x](https://example.org//eval//quotes//gp-says.html)",
        "<iframe src='../quotes//gp-says.html'></iframe>",
    ] {
        build_fails(
            borough_a_with(link),
            "content/boroughs/a.md:8:",
            "anonymity::small-group-in-context",
        );
    }
}

/// The final check reads the same address the same way: a link from
/// field notes of Borough A to a quote page beside its own
/// (`.//gp-says.html`), which the source checks cannot place without
/// the page's folder.
#[test]
fn a_doubled_slash_beside_a_quote_page_is_read_by_the_final_check() {
    for link in [
        "[what the GP said](.//gp-says.html)",
        "<a href=\".//gp-says.html\">what the GP said</a>",
    ] {
        refused(
            |p| {
                gp_says(p);
                p.write(
                    "content/quotes/a/notes.md",
                    format!("---\nsource: field-notes\nborough: a\ncodes: [co-location]\n---\nAt the forum: {link}.\n"),
                );
            },
            "content/quotes/a/notes.md:6:",
        );
    }
}

/// The quote's own words lead to its borough's report or map by an
/// address with `//` in it: that names the borough as the address
/// without it does.
#[test]
fn a_doubled_slash_to_the_speakers_borough_is_read_in_the_quotes_words() {
    build_fails(
        quote_with("As I said, see [here](../boroughs//a.html) for where I work."),
        "content/quotes/a/gp-says.md:8:16",
        "anonymity::borough-in-words",
    );
    build_fails(
        quote_with("<a href=\"../pathways//a-discharge.html\">map</a>"),
        "content/quotes/a/gp-says.md:8:10",
        "anonymity::borough-in-words",
    );
}

/// Red team, round 33: the extension in capitals (`.HTML`, which a host
/// that ignores capitals serves), or a trailing dot (which Windows drops),
/// was not read as the page, from a borough's report or in a quote's words.
#[test]
fn an_extension_in_capitals_or_a_trailing_dot_is_read_as_the_page() {
    for (link, column) in [
        (
            "See <a href=\"../quotes/gp-says.HTML\">what was said</a>.",
            14,
        ),
        ("See [the GP](../quotes/gp-says.Html).", 14),
        ("See [the GP](../quotes/gp-says.html.).", 14),
    ] {
        build_fails(
            borough_a_with(link),
            &format!("content/boroughs/a.md:8:{column}"),
            "anonymity::small-group-in-context",
        );
    }
    build_fails(
        quote_with("See [where I work](../pathways/a-discharge.HTML)."),
        "content/quotes/a/gp-says.md:8:",
        "anonymity::borough-in-words",
    );
}

/// Clean: a doubled slash to a page that places no one builds, and leads
/// where it says.
#[test]
fn a_doubled_slash_to_other_pages_builds() {
    builds(|p| {
        let report = p.read(BOROUGH_A);
        p.write(
            BOROUGH_A,
            format!("{report}\nSee [the finding](../findings//co-location.html).\n"),
        );
        let quote = p.read(GP_SAYS);
        p.write(
            GP_SAYS,
            format!("{quote}Unlike [there](../boroughs//b.html).\n"),
        );
    });
}

// Finding 4: the address of a page, finding or code.

/// The red team's repro A: a free page titled "Workshop notes", published
/// at `pages/borough-a-workshop.html`, shows Borough A's one GP.
#[test]
fn a_free_page_whose_address_names_a_borough_is_about_it() {
    fails_at!(
        |p: &Project| {
            gp_says(p);
            p.write(
                "content/pages/borough-a-workshop.md",
                "---\ntitle: Workshop notes\n---\nWhat people told us at the workshop.\n\n![](quote:gp-says)\n",
            );
        },
        "content/pages/borough-a-workshop.md:6:5",
        "anonymity::small-group-in-context",
    );
}

/// The same with a code whose page embeds the quote.
#[test]
fn a_code_page_whose_address_names_a_borough_is_about_it() {
    build_fails(
        |p| {
            gp_says(p);
            p.write(
                "content/codebook/borough-a-hub.md",
                "---\ntitle: The hub\n---\nWhere teams meet.\n\n![](quote:gp-says)\n",
            );
        },
        "content/codebook/borough-a-hub.md:6:5",
        "anonymity::small-group-in-context",
    );
}

/// Repro A with a finding that cites the quote (`quotes:`), and with a
/// code the quote is coded with: their addresses are shown with it.
#[test]
fn a_finding_or_code_whose_address_names_a_borough_places_the_quote() {
    fails_at!(
        |p: &Project| {
            gp_says(p);
            p.write(
                "content/findings/borough-a-letters.md",
                "---\ntitle: Letters go unread\nquotes: [gp-says]\ncodes: [co-location]\n---\nNobody reads them.\n",
            );
        },
        "content/findings/borough-a-letters.md:3:10",
        "anonymity::borough-in-titles",
    );
    build_fails(
        |p| {
            gp_says(p);
            p.write(
                "content/codebook/borough-a-hub.md",
                "---\ntitle: The hub\n---\nWhere teams meet.\n",
            );
            p.edit(GP_SAYS, "codes: [co-location]", "codes: [borough-a-hub]");
        },
        "content/quotes/a/gp-says.md:4:9",
        "anonymity::borough-in-titles",
    );
}

/// The red team's repro B: the GP's quote, at an address that says no
/// role (`letters`), attributed "Primary care, Borough A" (a GP and a
/// practice nurse share it), coded with `codebook/gp-views.md`, titled
/// "Views on letters": the code's address says the role.
#[test]
fn a_code_whose_address_says_the_role_is_refused() {
    fails_at!(
        |p: &Project| {
            gp_says(p);
            p.edit(
                "content/participants.yaml",
                "  - {id: b-gp-1,",
                "  - {id: a-pn-1, role: Practice nurse, sector: primary-care, borough: a}\n  - {id: b-gp-1,",
            );
            let quote = p
                .read(GP_SAYS)
                .replace("codes: [co-location]", "codes: [gp-views]")
                .replace("attribution: [role]", "attribution: [sector, borough]");
            p.remove(GP_SAYS);
            p.write(LETTERS, quote);
            p.write(
                "content/codebook/gp-views.md",
                "---\ntitle: Views on letters\nparent: structure\n---\nWhat was said of letters.\n",
            );
        },
        "content/quotes/a/letters.md:4:9",
        "anonymity::role-in-titles",
    );
}

/// Clean: addresses that name no borough as a title would, or a role
/// other than the speaker's, build; so does a finding's address that
/// says the role (a finding's title is not read for it either).
#[test]
fn addresses_that_say_nothing_of_the_speaker_build() {
    for page in ["methods", "borough-overview", "a-workshop", "boroughs-all"] {
        builds(|p| {
            p.write(
                &format!("content/pages/{page}.md"),
                "---\ntitle: Workshop notes\n---\n![](quote:gp-says)\n",
            );
        });
    }
    builds(|p| {
        p.write(
            "content/codebook/borough-b-hub.md",
            "---\ntitle: The hub\n---\nWhere teams meet.\n",
        );
        p.write(
            "content/findings/gp-letters.md",
            "---\ntitle: Letters go unread\nquotes: [same-building]\ncodes: [co-location]\n---\nNobody reads them.\n",
        );
        p.edit(
            "content/quotes/a/same-building.md",
            "codes: [co-location]",
            "codes: [co-location, borough-b-hub]",
        );
    });
}

/// A link in the quote's own words shows the address it leads to (in
/// the status line, and printed after it): one that names the speaker's
/// borough names it as the words would.
#[test]
fn a_link_in_a_quote_to_an_address_naming_its_borough_is_read() {
    for line in [
        "See [the notes](page:borough-a-workshop).",
        "See [the notes](../pages/borough-a-workshop.html).",
        "See <a href=\"../pages//borough-a-workshop.html\">the notes</a>.",
    ] {
        build_fails(
            |p| {
                quote_with(line)(p);
                p.write(
                    "content/pages/borough-a-workshop.md",
                    "---\ntitle: Workshop notes\n---\nWhat people told us.\n",
                );
            },
            "content/quotes/a/gp-says.md:8:",
            "anonymity::borough-in-words",
        );
    }
}
