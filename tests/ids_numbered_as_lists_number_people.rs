//! A participant id numbered as a list of interviews may number people
//! was published: with a number sign (`A GP #1`, `a-gp-#1`), which was no
//! mark between an id's parts, with a number word or a sign and spaces
//! (`a-gp no. 1`, `A GP - #1`, `A GP № 1`), or with leading zeros
//! (`a-gp-01`). Each is refused at its line now, as `A GP 1` and `a_gp_1`
//! are, and in a template; a count numbered with a number sign or word
//! beside a role, and another id's number (`a-gp-10`), build.

mod common;

use common::{METHODS, Project, methods_fails, methods_with, refused};

/// Each of `writings` of the id `a-gp-1`, in a sentence of the methods
/// page, is refused at its line with site/ left as it was.
fn refused_at_its_line(writings: &[&str]) {
    for written in writings {
        let body = format!("As {written} put it, the huddle mattered.\n");
        methods_fails(&body, "anonymity::participant-id");
    }
}

#[test]
fn an_id_numbered_with_a_number_sign_is_refused_at_its_line() {
    refused_at_its_line(&["A GP #1", "a-gp-#1", "A GP#1", "a#gp#1"]);
}

#[test]
fn an_id_numbered_with_a_number_word_is_refused_at_its_line() {
    refused_at_its_line(&[
        "a-gp no. 1",
        "A GP - #1",
        "A GP # 1",
        "A-GP No.1",
        "A GP number 1",
        "A GP \u{2116} 1",
        "a gp nr 01",
    ]);
}

#[test]
fn an_id_numbered_with_a_number_word_in_a_template_is_refused() {
    for written in ["a-gp no. 1", "A GP - #1"] {
        let out = refused(
            |p| {
                let template = format!(
                    "{{% extends \"base.html\" %}}{{% block content %}}<p>Led by {written}.</p>\
                     {{{{ content | safe }}}}{{% endblock content %}}"
                );
                p.write("themes/default/templates/page.html", template);
            },
            "themes/default/templates/page.html:1:",
        );
        assert!(out.contains("a participant id"), "{written}: {out}");
    }
}

#[test]
fn an_id_written_with_leading_zeros_is_refused_at_its_line() {
    refused_at_its_line(&["a-gp-01", "A GP 001", "AGP01"]);
}

#[test]
fn a_number_sign_beside_a_role_builds() {
    let project = Project::fixture("basic");
    let body = "GP #1 priority for Borough A was access. Issue #1 in each GP practice \
                was staffing; a-gp-10 and a-gp-0001 are no one's codes. A GP no. 12 \
                and a GP no. 1 priority are no ids, nor is Borough A. GP no. 1 said.\n";
    project.write(METHODS, methods_with(body));
    project.build().expect_code(0);
}
