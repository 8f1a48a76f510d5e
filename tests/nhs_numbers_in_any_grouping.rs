//! An NHS number was caught only as ten digits together or grouped 3-3-4,
//! so the same number written `943 4765 919`, `943476 5919`, `9434 765
//! 919`, `94347 65919`, read out in pairs (`94 34 76 59 19`) or a digit
//! at a time (`943 476 591 9`) was published (red team, numbers). After a
//! cue ("NHS", "NHS no.", "NHS number", "patient number") a few words
//! before it, any grouping of its ten digits is now refused at its line.
//! Without a cue only 3-3-4 and ten together are (two or three groups of
//! other lengths were, for an afternoon: `111 2019 111` was refused).
//! Lists of small numbers, rows of counts and years without a cue, and
//! numbers that fail the check, build.

mod common;

use common::{METHODS, Project, methods_fails, methods_with};

/// 943 476 5919 passes the modulus-11 check.
const AFTER_A_CUE: &[&str] = &[
    "Her NHS number is 943 4765 919.",
    "Or NHS no. 943476 5919 on the letter.",
    "NHS number: 94 34 76 59 19, read out in pairs.",
    "NHS No. 943 476 591 9 was on the form.",
    "The patient number was 9-4-3-4-7-6-5-9-1-9.",
    "nhs number 9434 76 5919 in the notes.",
    "Patient's number 94347 659 19 was written down.",
];

#[test]
fn an_nhs_number_in_any_grouping_after_a_cue_is_refused_at_its_line() {
    for line in AFTER_A_CUE {
        let stderr = methods_fails(&format!("{line}\n"), "anonymity::nhs-number");
        assert!(stderr.contains("NHS number"), "{line} in:\n{stderr}");
    }
}

/// Each of these has ten digits that pass the check in some grouping (or
/// fail it), and is ordinary report text: without a cue, short groups,
/// lists with commas, more groups of digits around, ranges and years
/// build; so do a cue's sentence ended before the number, and groupings
/// failing the check after a cue.
#[test]
fn lists_of_numbers_and_numbers_failing_the_check_build() {
    let project = Project::fixture("basic");
    let body = "Scores were 12, 34, 56, 78, 90 over the year. The team scored \
                94 34 76 59 19 and then 23 45 67 89 12 in the audit. Years 2019 2020 \
                2021 were compared. Counts 943 476 591 9 and 9 4 3 4 7 6 5 9 1 9 by \
                ward. Rows: 2019 943 4765 919 1200. Ranges of 94347-65919 pounds. A \
                share of 1.943 4765 919 was paid. Costs were £9434 765 919 in all. \
                The NHS. In 94 34 76 59 19 cases it helped. NHS number 943 4765 918 \
                is a typo. NHS 111 took 94 calls and 34 76 59 19 more. Her record \
                is 943 4765 919 and 111 2019 111 at the practice.\n";
    project.write(METHODS, methods_with(body));
    let run = project.build();
    run.expect_code(0);
}
