mod common;
// False alarms of red team round 21, by their lookalikes: honest text
// close to each builds, and the disclosure closest to it is still
// refused by the build, at its line, with its code, `site/` untouched.
// (A full stop between two sentences read as the space inside a listed
// name; a ward or a hall named by a letter read as a listed surname and
// initial; a lettered timeline read as dates of birth.)

use common::{Project, build_fails, set_finding_line};

const AT_THE_FINDING: &str = "content/findings/co-location.md:8:";

/// Lists `people` and puts `line` in place of the finding's first
/// sentence (line 8 of its file).
fn finding_with<'a>(people: &'a str, line: &'a str) -> impl Fn(&Project) + 'a {
    move |project: &Project| set_finding_line(project, people, line)
}

/// The build succeeds with no error for each of `lines`.
fn builds(people: &str, lines: &[&str]) {
    for line in lines {
        let project = Project::fixture("basic");
        finding_with(people, line)(&project);
        let run = project.build();
        assert!(
            run.code == 0 && !run.stderr.contains("error["),
            "{line}: {}",
            run.stderr
        );
        let page = project.page("findings/co-location.html");
        let first_words: String = line.chars().take(12).collect();
        assert!(page.contains(&first_words), "{line}: not on the page");
    }
}

/// The build refuses each of `lines` at the finding's line with `code`.
fn refused(people: &str, code: &str, lines: &[&str]) {
    for line in lines {
        build_fails(finding_with(people, line), AT_THE_FINDING, code);
    }
}

/// Round 21: "peaked in May. Ward managers" was refused as May Ward's
/// name. Two sentences build; the name with an initial's, a title's or a
/// handle's full stop is still refused.
#[test]
fn two_sentences_build_and_a_name_with_a_full_stop_is_refused() {
    let people = "May Ward, Hope Ward, Marjorie Quillfeather";
    builds(
        people,
        &[
            "Discharges peaked in May. Ward managers said the pressure eased.",
            "We lost hope.  Ward staff were tired.",
            "Referrals fell by Quillfeather. Marjorie agreed.",
        ],
    );
    refused(
        people,
        "anonymity::identifier",
        &[
            "May Ward said so.",
            "M. Ward said so.",
            "Dr. May Ward said so.",
            "Posted by May.Ward on the forum.",
            "Marjorie Q. Quillfeather said so.",
            "As Ward, M. (2019) found.",
        ],
    );
}

/// Round 21: "on Ward C" was refused as Claire Ward, surname and
/// initial. A ward, a hall or a bay named by a letter builds; the same
/// letters as a reference list gives an author are still refused.
#[test]
fn a_ward_named_by_a_letter_builds_and_a_reference_is_refused() {
    let people = "Claire Ward, Ben Hall, Marjorie Quillfeather";
    builds(
        people,
        &[
            "The pilot ran on Ward C.",
            "Patients moved from Ward C to Hall B, then home.",
            "The pilot ran on WARD C, the frailty unit.",
        ],
    );
    refused(
        people,
        "anonymity::identifier",
        &[
            "As Ward, C. (2019) found.",
            "As Ward C. (2019) found.",
            "Ward CJ, Jones A. Discharge audit. 2019.",
            "Hall, B. ran the audit.",
            "Claire Ward said so.",
        ],
    );
}

/// Round 21: a timeline lettered "a.", "b." was refused as dates of
/// birth. It builds; "b." after a name, or in brackets, is still "born".
/// A service "born" on a date, or having a birthday, is still refused:
/// the words say a date of birth, of a person or a service alike, and
/// "opened" or "launched" says it of a service.
#[test]
fn a_lettered_timeline_builds_and_a_date_of_birth_is_refused() {
    let people = "Marjorie Quillfeather";
    builds(
        people,
        &[
            "Workshops: a. 14/03/2018, b. 21/03/2018.",
            "Phase b. 21 March 2018 to May 2018.",
            "Step b. 21/03/2018: the review; stage b. 28/03/2018: the report.",
            "The hub opened on 1 April 2017 and marked a year on 3 April 2018.",
        ],
    );
    refused(
        people,
        "anonymity::date-of-birth",
        &[
            "[name], b. 14/03/1952, was referred.",
            "[name] (b. 14/03/1952) was referred.",
            "Workshops: a. 14/03/2018; [name], born 14/03/1952, came.",
            "The hub was born on 1 April 2017.",
            "The hub had its first birthday on 3 April 2018.",
        ],
    );
}
