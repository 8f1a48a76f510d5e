//! A listed name written so that a reader still reads it was published:
//! letter-spaced (`M a r j o r i e  Q u i l l f e a t h e r`), in a
//! report's text or in a template, and joined from pieces by a script
//! (`"Marjorie " + "Quill" + "feather"`). Each is refused now, at the
//! line that holds it; single letters in prose build.

mod common;

use common::{METHODS, Project, methods_fails, methods_with, refused, template_refused};

#[test]
fn a_name_written_letter_spaced_is_refused_at_its_line() {
    for written in [
        "M a r j o r i e   Q u i l l f e a t h e r",
        "M A R J O R I E Q U I L L F E A T H E R",
        "Marjorie Q u i l l f e a t h e r",
        "<span>M</span> <span>a</span> <span>r</span> <span>j</span> <span>o</span> \
         <span>r</span> <span>i</span> <span>e</span> Quillfeather",
        "T h i s t l e b u r y",
    ] {
        let body = format!("The huddle was led by {written} that spring.\n");
        methods_fails(&body, "anonymity::identifier");
    }
}

#[test]
fn a_name_written_letter_spaced_in_a_template_is_refused() {
    // In capitals, and with an invisible character or a comment among
    // the letters, which a reader does not see.
    for written in [
        "M A R J O R I E  Q U I L L F E A T H E R",
        "M a r j o r i e Q u i l l\u{200b} f e a t h e r",
        "M a r j o r i e Q u i l l<!-- x --> f e a t h e r",
    ] {
        let out = template_refused(written);
        assert!(
            out.contains("identifiers list (people)"),
            "{written}: {out}"
        );
    }
}

#[test]
fn a_name_a_script_joins_from_pieces_is_refused() {
    for script in [
        r#"<script>document.write("Marjorie " + "Quill" + "feather")</script>"#,
        r#"<script>document.title = ["Thistle", "bury"].join("")</script>"#,
    ] {
        let body = format!("{script}\n");
        refused(
            |p| {
                p.write(METHODS, methods_with(&body));
            },
            &format!("{METHODS}:5:"),
        );
    }
    let out = refused(
        |p| {
            p.write(
                "themes/default/templates/page.html",
                "{% extends \"base.html\" %}{% block content %}\
                 <script>let lead = 'Marjorie ' +\n 'Quill' + 'feather';</script>\
                 {{ content | safe }}{% endblock content %}",
            );
        },
        "themes/default/templates/page.html:",
    );
    assert!(out.contains("error[anonymity::output-leak]"), "{out}");
}

#[test]
fn single_letters_in_prose_build() {
    let project = Project::fixture("basic");
    let body = "Plans A, B and C were tried; options a b c in turn. As I a m told, \
                the Q and A session ran, and scripts may add \"x\" + \"y\".\n";
    project.write(METHODS, methods_with(body));
    project.build().expect_code(0);
}
