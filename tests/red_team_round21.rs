//! Red team, round 21: a name kept in a picture's metadata in the
//! encoding the PNG standard gives its text (Latin-1); a quote's
//! attribution that leaves out the speaker's role undone by a linked
//! title, or its borough by the title of one of the quote's codes; and
//! false alarms that stop an honest report: a full stop between two
//! sentences read as the space inside a listed name ("in May. Ward
//! managers" for May Ward), a hospital ward's letter read as a listed
//! surname's initial ("on Ward C" for Claire Ward), and a lettered list
//! read as the "b." of a date of birth.
//! Each test fails on the code of this round; each says what should happen.

mod common;
use common::{FINDING, Project, finding_with, gp_quote};

/// The lines of `cases` the build refuses, each set in the finding by
/// [`finding_with`].
fn refused_lines<'a>(people: &str, cases: &[&'a str]) -> Vec<(&'a str, String)> {
    let mut refused = Vec::new();
    for &line in cases {
        let run = finding_with(people, line).build();
        if run.code != 0 {
            let first = run.stderr.lines().take(3).collect::<Vec<_>>().join("\n");
            refused.push((line, first));
        }
    }
    refused
}

/// Whether `line` is refused as a listed name at the finding's line 8.
fn assert_refused_at_the_finding(people: &str, line: &str) {
    let run = finding_with(people, line).build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[anonymity::identifier]")
            && run.stderr.contains(&format!("{FINDING}:8:")),
        "{line}: {}",
        run.stderr
    );
}

// ---------------------------------------------------------------------
// A name in a picture's metadata, in Latin-1
// ---------------------------------------------------------------------

/// A one-pixel grey PNG whose `tEXt` chunk says `Author` is `author`
/// (the bytes as given: the PNG standard has this text in Latin-1).
fn png_with_author(author: &[u8]) -> Vec<u8> {
    let mut text = b"Author\0".to_vec();
    text.extend_from_slice(author);
    common::png_with_chunk(b"tEXt", &text)
}

/// Road: a photograph in the theme's `static/` folder whose metadata
/// names a listed person with an accent, "Chloë Ashworth", kept as the
/// PNG standard keeps a `tEXt` chunk, in Latin-1 (ISO 8859-1), as image
/// editors and cameras write it (`ë` is the one byte 0xEB). Any reader of
/// the picture's properties sees "Chloë Ashworth". The gate reads a
/// binary file by its UTF-8 runs and its UTF-16 (`readable_runs`,
/// `src/anonymity/gate/text.rs`, called from `read` in
/// `src/anonymity/gate/read.rs`): the byte 0xEB is no UTF-8, so the run
/// stops at "Chlo" and the name is never read whole; the same picture with
/// the name in UTF-8 is refused. What should happen: exit 1, an
/// `anonymity::` error naming `static/cover.png`, `site/` untouched.
#[test]
fn a_name_in_a_pictures_latin_1_metadata_is_published() {
    let people = "people: [Marjorie Quillfeather, \"Chloë Ashworth\"]";
    let project = |author: &[u8]| {
        let project = Project::fixture("basic");
        project.edit(
            "private/identifiers.yaml",
            "people: [Marjorie Quillfeather]",
            people,
        );
        project.write("themes/default/static/cover.png", png_with_author(author));
        project
    };
    // In UTF-8, the name is refused.
    let run = project("Chloë Ashworth".as_bytes()).build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[anonymity::") && run.stderr.contains("cover.png"),
        "{}",
        run.stderr
    );

    // In Latin-1, as the PNG standard keeps it.
    let latin_1: Vec<u8> = "Chloë Ashworth".chars().map(|c| c as u8).collect();
    let project = project(&latin_1);
    let run = project.build();
    if run.code == 0 {
        let published = std::fs::read(project.path("site/static/cover.png")).unwrap();
        assert!(published.windows(latin_1.len()).any(|w| w == latin_1));
        panic!("static/cover.png is published with “Chloë Ashworth” (Latin-1) as its author");
    }
    assert!(
        run.stderr.contains("error[anonymity::") && run.stderr.contains("cover.png"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------
// What a quote's attribution leaves out, given back by a title
// ---------------------------------------------------------------------

const SAME_BUILDING: &str = "content/quotes/a/same-building.md";

/// The fixture's social worker's quote (a-sw-1), attributed "Social
/// care, Borough A", with `words` as its text (line 6 of its file), and a
/// finding titled "What social workers told us".
fn social_worker_says(words: &str) -> Project {
    let project = Project::fixture("basic");
    project.write(
        SAME_BUILDING,
        format!(
            "---\nparticipant: a-sw-1\nsource: interview\ncodes: [co-location]\nattribution: [sector, borough]\n---\n{words}\n"
        ),
    );
    project.write(
        "content/findings/sw-view.md",
        "---\ntitle: What social workers told us\ncodes: [structure]\nboroughs: [a, b]\n---\nText.\n",
    );
    project
}

/// Road: a quote whose attribution leaves out its speaker's role links a
/// finding without words of its own, `[](finding:sw-view)`, and the site
/// prints the finding's title, "What social workers told us", as the
/// link's words: the quote attributed "Social care, Borough A" reads "…
/// as What social workers told us says", giving back the role. Written
/// out, "We social workers" is refused (`anonymity::role-in-words`).
/// Round 20 made such a title name the borough (`check_borough_words`,
/// `titled`), but `check_words` (`src/anonymity/attribution/mod.rs`)
/// reads only `markdown::plain_text` of the body, where a link without
/// words has no text, and never the title the site prints there. What
/// should happen: exit 1, an error at the link (`same-building.md:7`).
#[test]
fn a_quote_saying_its_role_through_a_linked_title_is_published() {
    let run = social_worker_says("We social workers are in the same building now.").build();
    run.expect_code(1);
    assert!(run.stderr.contains("error[anonymity::role-in-words]"));
    assert!(run.stderr.contains(&format!("{SAME_BUILDING}:7:")));

    let project =
        social_worker_says("We are in the same building now, as [](finding:sw-view) says.");
    let run = project.build();
    if run.code == 0 {
        let page = project.page("quotes/same-building.html");
        assert!(page.contains("What social workers told us") && page.contains("Social care"));
        panic!(
            "the quote attributed “Social care, Borough A” is published saying “What social workers told us”"
        );
    }
    assert!(
        run.stderr.contains("error[anonymity::")
            && run.stderr.contains(&format!("{SAME_BUILDING}:7:")),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------
// False alarms
// ---------------------------------------------------------------------

/// False alarm: a full stop ends one sentence and a listed person's last
/// name starts the next, "Discharges peaked in May. Ward managers said
/// the pressure eased.", with May Ward on the list: refused as her full
/// name. No reader takes "May. Ward" for a name; the rule that a full
/// stop after a word counts as a space is for abbreviations and initials
/// ("St. Brannock's", "T. Wrenhallow"), and `SENTENCE_END` already ends a
/// date-of-birth cue at such a full stop. The matcher
/// (`src/anonymity/identifiers/normalise.rs` and `matcher.rs`) reads any
/// word's full stop as a space, so two sentences make the name. What
/// should happen: these lines build; "May Ward said so." and "Ward, M.
/// (2019)" are still refused.
#[test]
fn a_full_stop_between_two_sentences_makes_a_listed_name() {
    let people = "Marjorie Quillfeather, May Ward, Hope Ward";
    assert_refused_at_the_finding(people, "May Ward said so.");
    assert_refused_at_the_finding(people, "As Ward, M. (2019) found.");
    let refused = refused_lines(
        people,
        &[
            "Discharges peaked in May. Ward managers said the pressure eased.",
            "We lost hope. Ward staff were tired.",
        ],
    );
    assert!(
        refused.is_empty(),
        "two sentences read as a listed name:\n{refused:#?}"
    );
}

/// False alarm: a hospital ward or a meeting room named by a letter, "The
/// pilot ran on Ward C." or "We met in Hall B.", with Claire Ward or Ben
/// Hall on the list, is refused as the person's last name followed by the
/// initial, as a reference list gives an author ("Ward, C. (2019)"). The
/// initial is read wherever a capital stands alone after the surname and
/// a full stop, comma or bracket follows (`add_entry`, `src/anonymity/identifiers/
/// terms.rs`, the surname-and-initial forms), whether or not the surname
/// is an ordinary word that such a letter names: "Ward C", "Hall B",
/// "Bay 4" are how wards, halls and bays are signed. What should happen:
/// these lines build; "Ward, C. (2019)", with its comma, and "Claire
/// Ward" are still refused.
#[test]
fn a_ward_or_hall_named_by_a_letter_is_read_as_a_listed_surname_and_initial() {
    let people = "Marjorie Quillfeather, Claire Ward, Ben Hall";
    assert_refused_at_the_finding(people, "As Ward, C. (2019) found.");
    assert_refused_at_the_finding(people, "Claire Ward said so.");
    let refused = refused_lines(
        people,
        &[
            "The pilot ran on Ward C.",
            "The pilot ran on Ward C, the frailty unit.",
            "We met in Hall B.",
        ],
    );
    assert!(
        refused.is_empty(),
        "a ward or hall read as a listed person:\n{refused:#?}"
    );
}

/// False alarm: a timeline lettered as lists in reports are, "Workshops:
/// a. 14/03/2018, b. 21/03/2018." or "Phase b. 21 March 2018 to May
/// 2018.", is refused as two dates of birth: the lower-case "b." (for
/// "born") is a cue wherever it stands after a word boundary (`DOB_CUE`,
/// `src/anonymity/patterns/dates.rs`), with a date within 40 characters
/// after it or 15 before, so the list's own letter makes each date a date
/// of birth. The same timeline lettered "(a)", "(b)" builds. What should
/// happen: these lines build ("b. 14/03/1952" after a name, and "born
/// 14/03/1952", are still refused).
#[test]
fn a_lettered_timeline_is_read_as_dates_of_birth() {
    let run = finding_with(
        "Marjorie Quillfeather",
        "[name], b. 14/03/1952, was referred.",
    )
    .build();
    run.expect_code(1);
    assert!(run.stderr.contains("error[anonymity::date-of-birth]"));
    let refused = refused_lines(
        "Marjorie Quillfeather",
        &[
            "Workshops: a. 14/03/2018, b. 21/03/2018.",
            "Phase b. 21 March 2018 to May 2018.",
        ],
    );
    assert!(
        refused.is_empty(),
        "a lettered timeline read as dates of birth:\n{refused:#?}"
    );
}

/// Road: a quote attributed "GP", from Borough A's one GP (see
/// [`gp_quote`]), is coded with a code of the codebook titled after a
/// service of its borough, "The Borough A hub" (codebooks hold such codes
/// for local initiatives). The quote's page prints "Codes: The Borough A
/// hub" under it, and the code's page lists the quote: both place it in
/// Borough A, as the words "Here in Borough A" would
/// (`anonymity::borough-in-words`). `check_borough_words`
/// (`src/anonymity/attribution/mod.rs`) reads the quote's words and
/// links only, not the titles of its `codes:`, and `Pages::new`
/// (`src/anonymity/attribution/pages.rs`) takes a code's page for a page
/// about no borough. What should happen: exit 1, an `anonymity::` error
/// at the quote's `codes:` line (`content/quotes/a/gp-says.md:4`).
#[test]
fn a_quote_coded_with_a_code_naming_its_borough_is_published() {
    let project = Project::fixture("basic");
    gp_quote(&project);
    project.write(
        "content/codebook/a-hub.md",
        "---\ntitle: The Borough A hub\nparent: structure\n---\nThe hub.\n",
    );
    project.edit(
        "content/quotes/a/gp-says.md",
        "codes: [co-location]",
        "codes: [a-hub]",
    );
    let run = project.build();
    if run.code == 0 {
        let page = project.page("quotes/gp-says.html");
        assert!(page.contains(">GP<") && page.contains("The Borough A hub"));
        panic!(
            "the quote attributed “GP”, from Borough A's one GP, is published coded “The Borough A hub”"
        );
    }
    assert!(
        run.stderr.contains("error[anonymity::")
            && run.stderr.contains("content/quotes/a/gp-says.md:4:"),
        "{}",
        run.stderr
    );
}
