//! A National Insurance number or a postcode spelt one character a box,
//! as copied from a form (`A B 1 2 3 4 5 6 C`, `S W 1 A 1 A A`), or with
//! its spaces moved (`AB 123 456 C`, `SW 1A 1AA`, `SW1 A1AA`, `E1 6 AN`)
//! was published: only the usual spacing was read (red team, numbers).
//! Each is now refused at its line; letters and numbers in ordinary text
//! ("grades A B C", "E1 and E2 forms", "Level 3 A", "the SW1 area") build.

mod common;

use common::{METHODS, Project, methods_fails, methods_with};

#[test]
fn an_ni_number_spaced_any_way_is_refused_at_its_line() {
    for number in [
        "A B 1 2 3 4 5 6 C",
        "AB 123 456 C",
        "AB 1234 56 C",
        "A B 12 34 56 C",
        "AB123456C",
    ] {
        let body = format!("Her NI is {number} on the form.\n");
        methods_fails(&body, "anonymity::ni-number");
    }
}

#[test]
fn a_postcode_spaced_any_way_is_refused_at_its_line() {
    for code in [
        "S W 1 A 1 A A",
        "SW 1A 1AA",
        "SW1 A1AA",
        "E1 6 AN",
        "E 1 6 A N",
        "G I R 0 A A",
    ] {
        let body = format!("She lives at {code} now.\n");
        methods_fails(&body, "anonymity::postcode");
    }
}

#[test]
fn letters_and_numbers_in_ordinary_text_build() {
    let project = Project::fixture("basic");
    let body = "Staff gave grades A B C to the forms. The E1 and E2 forms were used \
                at Level 3 A and in the SW1 area, and E1 6 in all. Plans A, B and C \
                ran in 2019. Phase 2 A and B, ward 7B, Band 6 nurses, NHS 111.\n";
    project.write(METHODS, methods_with(body));
    project.build().expect_code(0);
}
