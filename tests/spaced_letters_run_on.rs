//! A listed name written with its letters spaced apart but the rest of
//! the word run on (`T h i s t l e b u ry`, `T h i s t l e bury`,
//! `Thistleb u r y`), or with one letter set apart by a stray space
//! (`Thistlebur y`, `T histlebury`), built: only a name spaced apart
//! letter by letter was read. A reader reads the name. Refused now at the
//! line that holds it, in a report's text and in a template. Ordinary
//! text with single letters beside words (`a bury`, `I t`, `a b c`,
//! initials, `u r` in a quote, grades) still builds, with a list that
//! such text could be joined into.

mod common;

use common::{METHODS, Project, methods_fails, methods_with, template_refused};

#[test]
fn spaced_letters_with_the_rest_of_the_word_run_on_are_refused() {
    for written in [
        "T h i s t l e b u ry",
        "T h i s t l e bury",
        "Thistleb u r y",
        "T_h_i_s_t_l_e_b_u_ry",
        "Marjorie Q u i l l feather",
    ] {
        let body = format!("We met {written} staff.\n");
        let out = methods_fails(&body, "anonymity::identifier");
        assert!(out.contains(&format!("{METHODS}:5:8")), "{written}: {out}");
    }
}

#[test]
fn a_letter_set_apart_by_a_stray_space_is_refused() {
    for written in [
        "Thistlebur y",
        "T histlebury",
        "THISTLEBUR Y",
        "Thistlebur\ny",
    ] {
        let body = format!("We met {written} staff.\n");
        let out = methods_fails(&body, "anonymity::identifier");
        assert!(out.contains(&format!("{METHODS}:5:8")), "{written}: {out}");
    }
}

#[test]
fn spaced_letters_run_on_in_a_template_are_refused() {
    for written in ["T h i s t l e bury", "Thistlebur y", "T histlebury"] {
        let out = template_refused(written);
        assert!(
            out.contains("identifiers list (places)"),
            "{written}: {out}"
        );
    }
}

/// False alarms: ordinary text with single letters beside words, with
/// listed names it could be joined into if `a`, `I` and `O` were read as
/// stray letters, an initial before a capitalised word as a word's
/// start, or two words among letters as one.
#[test]
fn single_letters_beside_words_in_ordinary_text_still_build() {
    let project = Project::fixture("basic");
    project.write(
        "private/identifiers.yaml",
        "people: [Marjorie Quillfeather, Dana Rowe, Itam Solberg]\n\
         places: [Thistlebury, Aspire, Abury]\n\
         organisations: [Bcdog Trust]\n\
         replace:\n  Thistlebury: Borough A\n",
    );
    project.write(
        METHODS,
        methods_with(
            "We gave Dan a call about a bury and a spire. I t was fine, I think.\n\n\
             Lists like a b c, grades A B C D, J. R. R. Tolkien and J Smith.\n\n\
             \"u r great\", she said; an x ray, a t shirt, Plan B, vitamin D.\n\n\
             O Lord, a b c dogs and Thistle bury trees.\n",
        ),
    );
    let run = project.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning["), "{}", run.stderr);
}
