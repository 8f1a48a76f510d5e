//! Red team, round 13: dates of birth and phone numbers the patterns did
//! not read, in the shapes people type them in notes, forms and
//! signatures. Each failed when it was written; each says what should
//! happen. Each page also holds lookalikes that must still pass: the date
//! or number is the one thing refused.

mod common;
use common::{BOROUGH_B, borough_b, refused};

/// Numbers, dates and codes a report holds that are no one's date of
/// birth or phone number, in the shapes these fixes read.
const LOOKALIKES: &str = "The forum met in 2019 2020 2021 (and (2019) 2020), on \
    14/03/2018 at 14:03, on 14 / 03 / 2018 and on 14  03  2018; see pages 101-120, \
    doi:10.1016/S0140-6736(20)30183-5 and ISBN 0-19-852663-6. Call NHS 111. Of 1,250 \
    people, 45% paid £0.50; codes 001, 002, 003; a pain scale of 0 1 2 3 4 5 6 7 8 9 \
    10; open 0800... 1200 hours.";

/// Borough B's report with `line` (line 5 of its file) and, a paragraph
/// later, the [`LOOKALIKES`]: refused ([`refused`]) with one error, at
/// `found` in `line`.
fn refused_at(line: &str, found: &str) {
    let before = line.find(found).expect("found in line");
    let column = line[..before].chars().count() + 1;
    let body = format!("{line}\n\n{LOOKALIKES}");
    let printed = refused(borough_b(&body), &format!("{BOROUGH_B}:5:{column}"));
    assert_eq!(printed.matches("error[").count(), 1, "{printed}");
}

/// Road: a date of birth copied from a form, where the boxes leave two
/// spaces between its numbers ("DOB 14  03  1952"), or typed with spaces
/// around its slashes ("DOB 14 / 03 / 1952"), as German letters write it
/// ("14. 03. 1952"), or with a line break in the paragraph after a slash,
/// which the page shows as a space. `DATE` in `patterns/dates.rs` took
/// numbers parted by a single space or by a mark with nothing around it,
/// and the final check reads the page's text as written, with both
/// spaces, so each is published (exit 0).
#[test]
fn a_date_of_birth_parted_by_more_than_one_character_is_refused() {
    for (line, date) in [
        (
            "The form, copied for the file, read DOB 14  03  1952.",
            "14  03  1952",
        ),
        (
            "The form, copied for the file, read DOB 14 / 03 / 1952.",
            "14 / 03 / 1952",
        ),
        (
            "The letter gave her date of birth as 14. 03. 1952.",
            "14. 03. 1952",
        ),
    ] {
        refused_at(line, date);
    }
    // The line break a paragraph shows as a space.
    refused(
        borough_b(&format!("The form read DOB 14/03/\n1952.\n\n{LOOKALIKES}")),
        &format!("{BOROUGH_B}:5:19"),
    );
}

/// Road: a date of birth pasted from a referral form whose label and field
/// run together ("DOB14/03/1952", "Born14th March 1952"), or as a
/// clinical system prints it ("DOB 14MAR1952"). `DOB_CUE` reads the
/// digits run on to "DOB" as a footnote marker (or nothing, when more
/// follow), and `DATE` starts a date only at the start of a word and
/// wants a separator around a month in words, so each is published
/// (exit 0).
#[test]
fn a_date_of_birth_run_on_to_its_cue_or_its_month_is_refused() {
    for (line, date) in [
        ("The referral, pasted in, read DOB14/03/1952.", "14/03/1952"),
        (
            "The referral, pasted in, read Born14th March 1952.",
            "14th March 1952",
        ),
        ("The system's record read DOB 14MAR1952.", "14MAR1952"),
    ] {
        refused_at(line, date);
    }
}

/// Road: a transcript gives a date of birth as it was said: "born on the
/// fourteenth of March 1952", "born on March the 14th, 1952". `DATE`
/// took the day only in figures, and the day after the month only
/// straight after it, so each is published (exit 0).
#[test]
fn a_date_of_birth_as_a_transcript_gives_it_is_refused() {
    for (line, date) in [
        (
            "She said she was born on the fourteenth of March 1952, in the old hospital.",
            "fourteenth of March 1952",
        ),
        (
            "She said she was born on March the 14th, 1952, in the old hospital.",
            "March the 14th, 1952",
        ),
    ] {
        refused_at(line, date);
    }
}

/// Road: an interview transcript asks for a date of birth and gives the
/// answer: "Interviewer: And your date of birth? Participant: 14/03/1952",
/// "When were you born? The 14th of March 1952." `cue_applies` in
/// `patterns/dates.rs` takes a question mark, like a full stop, to end the
/// cue's sentence before the date, so each is published (exit 0).
#[test]
fn a_date_of_birth_answering_a_question_in_a_transcript_is_refused() {
    for (line, date) in [
        (
            "Interviewer: And your date of birth? Participant: 14/03/1952, I think.",
            "14/03/1952",
        ),
        (
            "Interviewer: When were you born? Participant: The 14th of March 1952.",
            "14th of March 1952",
        ),
    ] {
        refused_at(line, date);
    }
}

/// Road: a mobile number written with its country code and its trunk zero
/// run together, "+4407700900123", as a phone's contacts list exports it.
/// `PHONE` in `patterns/contact.rs` reads the digits after +44 as the
/// national number, which may not start with 0, and then reads them on
/// their own only where a word starts, which it does not after "44", so
/// it is published (exit 0).
#[test]
fn a_phone_number_run_on_to_its_country_code_is_refused() {
    refused_at(
        "Her mobile, from the contacts list: +4407700900123.",
        "07700900123",
    );
}

/// Road: a case reference or any other group of digits written just
/// before a phone number ("ref 01 07700 900123"). A candidate in
/// `PHONE` starts at the first group with a 0 and is tried only from
/// there (its leading groups), so the number after the extra group is
/// never read, and it is published (exit 0).
#[test]
fn a_phone_number_after_another_group_of_digits_is_refused() {
    for line in [
        "Her file, ref 01 07700 900123, was passed on.",
        "Her file, ref 0 07700 900123, was passed on.",
    ] {
        refused_at(line, "07700 900123");
    }
}

/// Road: a transcript marks a pause while a number is read out ("07700...
/// 900123", "07700… 900123"), and notes or a signature part its groups
/// with a middle dot, a bullet, a spaced slash or a comma. `PHONE` parts
/// groups only by a space or a hyphen, so each is published (exit 0).
#[test]
fn a_phone_number_with_a_pause_or_a_mark_between_its_groups_is_refused() {
    for number in [
        "07700... 900123",
        "07700… 900123",
        "07700 · 900123",
        "07700 • 900123",
        "07700 / 900 123",
        "07700, 900 123",
    ] {
        refused_at(
            &format!("She read it out slowly: {number}, and we wrote it down."),
            number,
        );
    }
}

/// Road: a signature copied from an email, whose label and number were
/// in separate cells, runs them together: "Mobile07700 900123",
/// "Tel+447700900123". `PHONE` starts a number only where a word starts
/// (and +44 only after a space or a mark), so each is published (exit 0).
#[test]
fn a_phone_number_run_on_to_its_label_is_refused() {
    for (line, number) in [
        ("Her signature read: Mobile07700 900123.", "07700 900123"),
        ("Her signature read: Tel+447700900123.", "+447700900123"),
    ] {
        refused_at(line, number);
    }
}
