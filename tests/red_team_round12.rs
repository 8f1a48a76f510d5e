//! Red team, round 12: roads by which a name, a number or a participant
//! id reaches a reader of the built site through the shapes the checks
//! look for: the words that mark a date as a date of birth, the shapes of
//! dates, phone numbers and participant ids, the order of a person's
//! names, and tables of figures. Each failed when it was written; each
//! says what should happen.

mod common;
use common::{Project, borough_b, refused};

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
