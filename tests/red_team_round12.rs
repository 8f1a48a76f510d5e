//! Red team, round 12: roads by which a name, a number or a participant
//! id reaches a reader of the built site through the shapes the checks
//! look for: the words that mark a date as a date of birth, the shapes of
//! dates, phone numbers and participant ids, the order of a person's
//! names, and tables of figures. Each failed when it was written; each
//! says what should happen.

mod common;
use common::{Project, borough_a_with, borough_b, gp_quote, refused};

/// The GP's quote (see `gp_quote`) filed as `content/quotes/a/NAME.md`,
/// so that its page is published at `quotes/NAME.html`.
fn gp_quote_filed_as(name: &str) -> impl Fn(&Project) + '_ {
    move |p: &Project| {
        gp_quote(p);
        let text = p.read("content/quotes/a/gp-says.md");
        p.remove("content/quotes/a/gp-says.md");
        p.write(&format!("content/quotes/a/{name}.md"), text);
    }
}

/// The identifiers list with `people` as its only person.
fn people(p: &Project, people: &str) {
    p.write(
        "private/identifiers.yaml",
        format!(
            "people: [{people}]\nplaces: [Thistlebury]\norganisations: []\nreplace:\n  Thistlebury: Borough A\n"
        ),
    );
}

/// Road: a listed person's name written surname first, "Quillfeather,
/// Marjorie", as a referral letter, a register or a reference list writes
/// it, or with a middle initial, "Marjorie J. Quillfeather", as her
/// signature does; or listed in full from her consent form, "Marjorie
/// Anne Quillfeather", and written as colleagues say it. A reader has her
/// full name. `add_name_parts` (`identifiers/terms.rs`) finds the full
/// name only as the listed words in the listed order, and the first and
/// last names only as warnings, so each is published (exit 0).
#[test]
fn a_listed_persons_name_in_another_order_or_with_a_middle_name_is_refused() {
    for text in [
        "The referral letter was signed Quillfeather, Marjorie (district nurse).",
        "The referral letter was signed Marjorie J. Quillfeather, district nurse.",
    ] {
        refused(borough_b(text), "content/boroughs/b.md:5:");
    }
    refused(
        |p: &Project| {
            people(p, "Marjorie Anne Quillfeather");
            borough_b("The referral letter was signed Marjorie Quillfeather, district nurse.")(p);
        },
        "content/boroughs/b.md:5:",
    );
}

/// Road: a participant id written with underscores, `a_sw_1`, as the
/// researcher's transcript files and spreadsheet columns name it
/// (`a_sw_1_transcript.docx`), in a note and as a footnote's label. It is
/// the id `a-sw-1` to anyone who holds the study's records, and the
/// identifiers list's names are matched with `_` as a space; but
/// `ParticipantIds` (`anonymity/participant_ids.rs`) looks for the id's
/// exact characters, so it is published (exit 0).
#[test]
fn a_participant_id_written_with_underscores_is_refused() {
    refused(
        borough_b("As a_sw_1 put it, the duty team reads the notes last."),
        "content/boroughs/b.md:5:",
    );
    refused(
        borough_b(
            "The duty team reads the notes last.[^a_sw_1]\n\n[^a_sw_1]: Said twice in interview.",
        ),
        "content/boroughs/b.md:5:",
    );
}

/// Road: a quote's file named after the transcript it was cut from,
/// `a-sw-2-late-notes.md` (as researchers name excerpts by participant),
/// so its page is published at `quotes/a-sw-2-late-notes.html`, and every
/// link to it says `a-sw-2`; or a report citing a transcript by its
/// name, `a-sw-1-2017-11-14`. A reader sees the participant id in the
/// address. `ParticipantIds::find_visible` takes `-` as part of an id, so
/// `a-sw-2` followed by `-late` is not a whole word, in a file name or in
/// text, and both are published (exit 0).
#[test]
fn a_participant_id_joined_to_other_words_by_a_hyphen_is_refused() {
    refused(
        |p: &Project| {
            p.write(
                "content/quotes/a/a-sw-2-late-notes.md",
                "---\nparticipant: a-sw-2\nsource: interview\ncodes: [co-location]\n---\nThe notes are read late, if at all.\n",
            );
        },
        "content/quotes/a/a-sw-2-late-notes.md:1:",
    );
    refused(
        borough_b("At the discharge forum (see transcript a-sw-1-2017-11-14) two teams sat apart."),
        "content/boroughs/b.md:5:",
    );
}

/// Road: the researcher names quote files after the participant, one
/// number each (`a-gp-1-q1.md`, `a-gp-1-q2.md`), or links a transcript by
/// its file name (`a-gp-1-transcript.html`). A participant id is looked
/// for as a whole word, and `-` counts as part of a word, so `a-gp-1` in
/// `a-gp-1-q1` is not found: the quote's page is published as
/// `quotes/a-gp-1-q1.html`, with the id (and "a", the borough its
/// attribution "GP" leaves out) in its address, and so is the link. The
/// file named `a-gp-1.md` is refused; these should be too.
#[test]
fn a_participant_id_run_into_a_file_name_is_refused() {
    refused(
        gp_quote_filed_as("a-gp-1-q1"),
        "content/quotes/a/a-gp-1-q1.md:1:1",
    );
    refused(
        borough_a_with("See the [transcript](../transcripts/a-gp-1-transcript.html)."),
        "content/boroughs/a.md:7:",
    );
}

/// Road: an HTML table whose caption says what its dates are, "Date of
/// birth of each carer interviewed at home", under a column headed "Date"
/// (the caption is the table's name: a screen reader announces it with
/// the table, and a sighted reader reads it above the column). The cue is
/// read only within 40 characters of a date, or in a cell above it or
/// first in its row (`table_columns` in `gate/html.rs` reads only `td`
/// and `th`, as do the source checks' tables); a caption is neither, so
/// the date three rows down is published (exit 0).
#[test]
fn a_date_of_birth_in_a_table_whose_caption_names_it_is_read() {
    refused(
        borough_b(
            "<table>\n\
             <caption>Table 3. Date of birth of each carer interviewed at home</caption>\n\
             <tr><th>Carer</th><th>Relationship</th><th>Date</th></tr>\n\
             <tr><td>C1</td><td>daughter, lives with her mother</td><td>[removed at their request]</td></tr>\n\
             <tr><td>C2</td><td>son, lives nearby</td><td>[removed at their request]</td></tr>\n\
             <tr><td>C3</td><td>husband, the only carer over eighty</td><td>14/03/1952</td></tr>\n\
             </table>",
        ),
        "content/boroughs/b.md:10:",
    );
}

/// Road: a table of figures published for download as Excel saves it
/// with "Text (Tab delimited) (*.txt)", `cohort.txt`, or as a Markdown
/// table, `cohort.md`: a "date of birth" column emptied for every row but
/// one. A reader of the file reads the date under its heading. Only
/// `.csv` and `.tsv` are read by their columns (`delimiter_of` in
/// `gate/text.rs`); a `.txt` or `.md` table is read as running text, the
/// date is far from its heading, and each is published (exit 0).
#[test]
fn a_table_of_figures_in_a_txt_or_md_file_is_read_by_its_columns() {
    refused(
        |p: &Project| {
            p.write(
                "themes/default/static/cohort.txt",
                "participant\tnotes\tdate of birth\trole\n\
                 P01\tinterviewed at home with her daughter present\t\tcarer\n\
                 P02\tinterviewed at home with her son present\t\tcarer\n\
                 P03\tinterviewed at home, the only carer over eighty\t14/03/1952\tcarer\n",
            );
        },
        "themes/default/static/cohort.txt:4:",
    );
    refused(
        |p: &Project| {
            p.write(
                "themes/default/static/cohort.md",
                "| Participant | Notes | Date of birth |\n\
                 |---|---|---|\n\
                 | P01 | interviewed at home with her daughter present | |\n\
                 | P02 | interviewed at home with her son present | |\n\
                 | P03 | interviewed at home, the only carer over eighty | 14/03/1952 |\n",
            );
        },
        "themes/default/static/cohort.md:5:",
    );
}

/// Road: the researcher files Borough A's quotes under ids that start with
/// the borough (as the example project does: `c-gp-where-do-i-fit`,
/// attributed "GP", Borough C's one GP). The GP's quote, attributed by role
/// alone so as not to name Borough A (one GP there), is `a-gp-notes`: its
/// page is `quotes/a-gp-notes.html`, beside Borough A's report at
/// `boroughs/a.html`, and the quote list links it so. The address tells
/// what the attribution leaves out; the quote is counted in the study
/// (three GPs) and published (exit 0). Refused at the file, whose name
/// becomes the address.
#[test]
fn a_quote_address_that_names_its_borough_is_refused() {
    refused(
        gp_quote_filed_as("a-gp-notes"),
        "content/quotes/a/a-gp-notes.md:",
    );
}

/// The address may say what the attribution says: the GP's quote,
/// attributed "GP, Borough A" where enough GPs share that, may be filed as
/// `a-gp-notes`.
#[test]
fn a_quote_address_may_say_what_its_attribution_says() {
    let project = Project::fixture("basic");
    let registry = project.read("content/participants.yaml");
    project.write(
        "content/participants.yaml",
        format!("{registry}  - {{id: a-gp-2, role: GP, sector: primary-care, borough: a}}\n  - {{id: a-gp-3, role: GP, sector: primary-care, borough: a}}\n"),
    );
    project.write(
        "content/quotes/a/a-gp-notes.md",
        "---\nparticipant: a-gp-1\nsource: interview\ncodes: [co-location]\n---\nWe read every letter.\n",
    );
    project.build().expect_code(0);
}

/// Road: as above the GP of Borough A is refused as "GP, Borough A" and the
/// help suggests `attribution: [sector, borough]` ("Primary care, Borough
/// A": the GP and a practice nurse). The researcher adds it, and the quote
/// begins "As the GP here, …": the speaker names the role the attribution
/// was made coarser to hide, and "Primary care, Borough A" with "the GP"
/// is the one GP of Borough A. The speaker's own role from the registry,
/// in the words of a quote attributed without it, is not looked for;
/// published (exit 0). Refused at the words (line 7).
#[test]
fn a_quote_that_says_the_role_its_attribution_leaves_out_is_refused() {
    refused(
        |p: &Project| {
            let registry = p.read("content/participants.yaml");
            p.write(
                "content/participants.yaml",
                format!(
                    "{registry}  - {{id: a-pn-1, role: Practice nurse, sector: primary-care, borough: a}}\n"
                ),
            );
            p.write(
                "content/quotes/a/notes.md",
                "---\nparticipant: a-gp-1\nsource: interview\ncodes: [co-location]\nattribution: [sector, borough]\n---\nAs the GP here, I never see the discharge notes until the patient is back.\n",
            );
        },
        "content/quotes/a/notes.md:7:",
    );
}

/// Road: a theme's static page lays a carer's record out as a
/// description list, `<dt>Date of birth</dt><dd>14/03/1952</dd>`, as
/// record pages do. A reader reads the date beside its term. The gate
/// read the term and the date as two blocks and published the page
/// (found by round 12a; content so written is refused by the checks of
/// the files first).
#[test]
fn a_date_of_birth_described_in_a_description_list_is_read() {
    refused(
        |p: &Project| {
            p.write(
                "themes/default/static/about.html",
                "<!doctype html>\n<html lang=\"en\"><title>About</title>\n<dl>\n\
                 <dt>Carer</dt><dd>C3</dd>\n\
                 <dt>Date of birth</dt>\n<dd>14/03/1952</dd>\n</dl>\n</html>\n",
            );
        },
        "themes/default/static/about.html:5:",
    );
}

/// The role is read in the quote's words as a reader sees them: written
/// with a character reference or split by emphasis, it is the role.
#[test]
fn a_role_written_with_markup_in_a_quote_that_leaves_it_out_is_refused() {
    for words in [
        "As the social&#32;worker here",
        "As the social *worker* here",
    ] {
        refused(
            |p: &Project| {
                p.write(
                    "content/quotes/a/letters.md",
                    format!("---\nparticipant: a-sw-1\nsource: interview\ncodes: [co-location]\nattribution: [borough]\n---\n{words}, I read every letter.\n"),
                );
            },
            "content/quotes/a/letters.md:7:8",
        );
    }
}
