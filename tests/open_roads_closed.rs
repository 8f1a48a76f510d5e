//! Known open roads, closed: participant ids written with spaces or middle
//! dots between their parts (`A GP 1`, `A·GP·1`, `A / GP / 1`). Each is
//! refused by the checks of the files at its line and
//! column, and by the final check where only a theme's file writes it;
//! lookalikes in ordinary prose build.

mod common;

use common::{METHODS, Project, build_fails, methods_with};

/// Writes `body` as the methods page's body (its first line is line 5).
fn methods(body: &'static str) -> impl Fn(&Project) {
    move |p: &Project| {
        p.write(METHODS, methods_with(body));
    }
}

/// Open road: `a-gp-1` written with spaces, middle dots, full stops,
/// slashes or dashes with spaces, en dashes or no-break spaces between its
/// parts was published. Each is now refused at its line and column.
#[test]
fn a_participant_id_with_spaces_or_middle_dots_is_refused_at_its_column() {
    for body in [
        "As A GP 1 put it.\n",
        "As A\u{b7}GP\u{b7}1 put it.\n",
        "As A.GP.1 put it.\n",
        "As A / GP / 1 put it.\n",
        "As A\u{2013}GP\u{2013}1 put it.\n",
        "As A \u{2013} GP \u{2013} 1 put it.\n",
        "As A -- GP -- 1 put it.\n",
        "As A\u{a0}GP\u{a0}1 put it.\n",
        "As A&nbsp;GP&nbsp;1 put it.\n",
        "As A&middot;GP&middot;1 put it.\n",
        "As a gp 1 put it.\n",
        "As A GP\n1 put it.\n",
    ] {
        build_fails(
            methods(body),
            &format!("{METHODS}:5:4"),
            "anonymity::participant-id",
        );
    }
    // In a title, which every menu prints.
    build_fails(
        |p| {
            p.write(
                METHODS,
                "---\ntitle: Notes from A\u{b7}GP\u{b7}1\norder: 1\n---\nText.\n",
            );
        },
        &format!("{METHODS}:2:"),
        "anonymity::participant-id",
    );
}

/// Prose in which an id's parts stand with a space but a reader does not
/// take them for the id: a comma between them, a sentence's end, an
/// article before an abbreviation, a number run on, a year, a code of two
/// parts (`a-1` in "Table A 1"), and a table's cells.
#[test]
fn spaced_id_lookalikes_build() {
    let project = Project::fixture("basic");
    let registry = project.read("content/participants.yaml");
    project.write(
        "content/participants.yaml",
        format!("{registry}  - {{id: a-1, role: GP, sector: primary-care, borough: a}}\n"),
    );
    project.write(
        METHODS,
        methods_with(
            "Borough A GP, 1 of the three, spoke first. A GP, 1 of the GPs there, agreed. \
             We met in Borough A. GP 1 said less. She was a GP 1 day a week. \
             A GP 12 hours a day. The A GP 1990 contract. A GP 1.5 days a week. \
             See Table A 1 and grade A 1. In 2017 1 GP left.\n\n\
             | Borough | Role | Count |\n|---|---|---|\n| A | GP | 1 |\n",
        ),
    );
    let run = project.build();
    run.expect_code(0);
    assert!(!run.stderr.contains("error["), "{}", run.stderr);
    assert!(
        project
            .page("pages/methods.html")
            .contains("a GP 1 day a week")
    );
}

/// The final check reads a theme's file for the same spellings: an id
/// with spaces, middle dots or no-break spaces between its parts, in
/// text and in a page, is refused there, and nothing is published.
#[test]
fn the_final_check_refuses_a_spaced_id_in_a_theme_file() {
    for (name, text) in [
        ("notes.txt", "Interview with A GP 1 on Monday.\n"),
        ("notes.txt", "Interview with A\u{b7}GP\u{b7}1 on Monday.\n"),
        ("notes.txt", "Interview with A / GP / 1 on Monday.\n"),
        ("about.html", "<p>Interview with A&nbsp;GP&nbsp;1.</p>\n"),
        ("about.html", "<p>Interview with A <b>GP</b> 1.</p>\n"),
        ("about.html", "<p>Interview with A&#xB7;GP&#xB7;1.</p>\n"),
    ] {
        build_fails(
            |p| {
                p.write(&format!("themes/default/static/{name}"), text);
            },
            &format!("static/{name}"),
            "anonymity::output-leak",
        );
    }
}
