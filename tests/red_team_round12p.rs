//! Red team, round 12: the shapes of dates of birth and phone numbers the
//! patterns did not read. Each failed when it was written; each says what
//! should happen.

mod common;
use common::{Project, borough_b, refused};

/// Road: a table of the carers interviewed, pasted from a spreadsheet, its
/// column headed "Dates of birth" (plural, as a column of several is
/// headed), or "Date of birth¹" with a footnote marker (as a table copied
/// from Word or a PDF gives it), emptied for every row but one. A reader
/// reads `14/03/1952` under that heading as a date of birth. The cue
/// (`DOB_CUE` in `patterns/dates.rs`) knows "date of birth", "birth date",
/// "birthdays", but not "dates of birth" or "birth dates"; and with the
/// superscript read as the digit `1`, "birth1" has no word boundary after
/// "birth". The column is not read as dates of birth, and the date, three
/// rows down, is published (exit 0).
#[test]
fn a_date_of_birth_column_headed_as_tables_head_it_is_read() {
    for (heading, note) in [
        ("Dates of birth", ""),
        ("Date of birth¹", "\n\n¹ As given on the referral form."),
    ] {
        refused(
            borough_b(&format!(
                "| Carer | Notes | {heading} |\n\
                 |---|---|---|\n\
                 | C1 | interviewed at home with her daughter present | [removed at their request] |\n\
                 | C2 | interviewed at home with her son present | [removed at their request] |\n\
                 | C3 | interviewed at home, the only carer over eighty | 14/03/1952 |{note}"
            )),
            "content/boroughs/b.md:9:",
        );
    }
}

/// Road: dates of birth in the shapes a transcript and an export give
/// them. A social worker, quoted verbatim, says "she was born on the 14th
/// of March '52" (the year as people say it, which Markdown shows as
/// `’52`); a referral system's export gives "DOB: 1952-03-14T00:00:00Z"
/// (a timestamp, glued to its time by `T`); a form's boxes, copied, give
/// "DOB 14 03 1952". Each is a full date next to its cue, but `DATE` in
/// `patterns/dates.rs` takes a year only as two or four digits after a
/// separator (not `’52`), needs a word boundary after the day (not `14T`)
/// and no spaces between numbers, so each is published (exit 0).
#[test]
fn a_date_of_birth_in_the_shapes_transcripts_and_exports_give_is_read() {
    refused(
        |p: &Project| {
            p.write(
                "content/quotes/a/born.md",
                "---\nparticipant: a-sw-2\nsource: interview\ncodes: [co-location]\n---\n\
                 She was born on the 14th of March '52, and nobody at the practice had that on file.\n",
            );
        },
        "content/quotes/a/born.md:6:",
    );
    refused(
        borough_b("The referral gave DOB: 1952-03-14T00:00:00Z, copied from the system."),
        "content/boroughs/b.md:5:",
    );
    refused(
        borough_b("The form, copied for the file, read DOB 14 03 1952."),
        "content/boroughs/b.md:5:",
    );
}

/// Road: a mobile number as an email signature gives it, "(+44) 7700
/// 900123", or "(+44) 20 7946 0958", or with the trunk zero in brackets,
/// "(0)20 7946 0958" (copied from "+44 (0)20…" without the +44). A reader
/// rings it. `PHONE` in `patterns/contact.rs` ends a number at the `)`
/// after `+44` or after a lone `0` (it takes a bracketed area code only
/// with its digits inside, `(020)`), so what follows is read as digits
/// with neither a trunk 0 nor +44 before them, and each is published
/// (exit 0).
#[test]
fn a_phone_number_with_its_country_code_in_brackets_is_refused() {
    for number in ["(+44) 7700 900123", "(+44) 20 7946 0958", "(0)20 7946 0958"] {
        refused(
            borough_b(&format!(
                "The team lead asked to be rung on her mobile, as her signature gives it: {number}."
            )),
            "content/boroughs/b.md:5:",
        );
    }
}
