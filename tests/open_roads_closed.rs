//! Known open roads, closed: participant ids written with spaces or middle
//! dots between their parts (`A GP 1`, `A·GP·1`, `A / GP / 1`), and a
//! listed person's name as a handle (`@DrWrenhallow`, `MarjorieQ`,
//! `JLee`). Each is refused by the checks of the files at its line and
//! column, and by the final check where only a theme's file writes it;
//! lookalikes in ordinary prose build.

mod common;

use common::{METHODS, Project, build_fails, methods_with};

/// The `basic` fixture's people, with a title, a short last name and one
/// more name of two given names.
const PEOPLE: &str =
    "people: [Marjorie Quillfeather, Dr Tobias Wrenhallow, Jane Lee]\nplaces: [Thistlebury]\n";

/// Writes `body` as the methods page's body (its first line is line 5).
fn methods(body: &'static str) -> impl Fn(&Project) {
    move |p: &Project| {
        p.write(METHODS, methods_with(body));
    }
}

/// As [`methods`], with [`PEOPLE`] listed.
fn methods_listing_people(body: &'static str) -> impl Fn(&Project) {
    move |p: &Project| {
        p.write("private/identifiers.yaml", PEOPLE);
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

/// Open road: a listed person's name as a handle, a title run on to the
/// last name, the first name with the last name's initial, or the initial
/// run on to a short last name, was published. Each is now refused at its
/// line.
#[test]
fn a_name_as_a_handle_is_refused_at_its_line() {
    for (body, column) in [
        ("Follow @DrWrenhallow for updates.\n", 9),
        ("Follow DrQuillfeather for updates.\n", 8),
        ("Follow MrsQuillfeather for updates.\n", 8),
        ("Log in as marjorie.q today.\n", 11),
        ("Follow @MarjorieQ for updates.\n", 9),
        ("Follow @marjorie_q for updates.\n", 9),
        ("Log in as JLee today.\n", 11),
        ("Follow @JLee for updates.\n", 9),
    ] {
        build_fails(
            methods_listing_people(body),
            &format!("{METHODS}:5:{column}"),
            "anonymity::identifier",
        );
    }
}

/// The final check reads a theme's file for the same handles.
#[test]
fn the_final_check_refuses_a_handle_in_a_theme_file() {
    for text in [
        "Follow @DrWrenhallow.\n",
        "Follow MrsQuillfeather.\n",
        "Log in as MarjorieQ.\n",
        "Follow @marjorie_q.\n",
        "Log in as JLee.\n",
    ] {
        build_fails(
            |p| {
                p.write("private/identifiers.yaml", PEOPLE);
                p.write("themes/default/static/follow.txt", text);
            },
            "static/follow.txt",
            "anonymity::output-leak",
        );
    }
}

/// Ordinary words and names a handle may spell build: a title and a last
/// name that make a word ("drink" for Dr Ink), a first name and an initial
/// that make another name ("Sarah" for Sara Hughes, "Peter" for Pete
/// Rowe) or a word, an initial and a short last name that make a word
/// ("that" for Tom Hat), a form of three letters ("jng" for Jane Ng), and
/// "Dr Lee", which stays a warning.
#[test]
fn handle_lookalikes_build() {
    let project = Project::fixture("basic");
    project.write(
        "private/identifiers.yaml",
        "people: [Marjorie Quillfeather, Dan Ink, Sara Hughes, Pete Rowe, Tom Hat, Jane Ng, Carl Ash]\nplaces: [Thistlebury]\n",
    );
    project.write(
        METHODS,
        methods_with(
            "Sarah and Peter drink tea. THAT is all that we paid in cash. Carla and \
             the jng code. Marjories are rare.\n",
        ),
    );
    let run = project.build();
    run.expect_code(0);
    assert!(!run.stderr.contains("error["), "{}", run.stderr);
    assert!(
        project
            .page("pages/methods.html")
            .contains("Sarah and Peter")
    );
}
