//! A name spelt out with a mark between its letters was published when a
//! line break fell among them (`T_h_i_s_t_l_e_b_u_` at a line's end and
//! `r_y` on the next): the break, which a page shows as a space or as the
//! end of a line, was read as a wider gap than the marks', so a new word,
//! and the name was read as two. A mark goes on across it as a hyphen
//! does. Refused now at the line that holds the name, whatever the mark,
//! across soft and hard line breaks, in a report's text and in a
//! template; short runs of letters in prose and code still build.

mod common;

use common::{METHODS, Project, methods_fails, methods_with, template_refused};

#[test]
fn a_name_spelt_out_across_a_line_break_is_refused_at_its_line() {
    for written in [
        "T_h_i_s_t_l_e_b_u_\nr_y",
        "T_h_i_s_t_l_e_b_u\n_r_y",
        "T.h.i.s.t.l.e.b.u.\nr.y",
        "T/h/i/s/t/l/e/b/u/\nr/y",
        "T~h~i~s~t~l~e~b~u~\nr~y",
        "T|h|i|s|t|l|e|b|u|\nr|y",
        "T, h, i, s, t, l, e, b, u,\nr, y",
        "T\u{b7}h\u{b7}i\u{b7}s\u{b7}t\u{b7}l\u{b7}e\u{b7}b\u{b7}u\u{b7}\nr\u{b7}y",
        "M_a_r_j_o_r_i_e Q_u_i_l_l_\nf_e_a_t_h_e_r",
    ] {
        let body = format!("We met {written} staff.\n");
        let out = methods_fails(&body, "anonymity::identifier");
        assert!(out.contains(&format!("{METHODS}:5:8")), "{written}: {out}");
    }
}

#[test]
fn a_name_spelt_out_across_a_hard_line_break_is_refused() {
    for written in [
        "T_h_i_s_t_l_e_b_u_  \nr_y",
        "T_h_i_s_t_l_e_b_u_\\\nr_y",
        "T_h_i_s_t_l_e_b_u_<br>r_y",
        "T_h_i_s_t_l_e_b_u_<br>\nr_y",
    ] {
        let body = format!("We met {written} staff.\n");
        let out = methods_fails(&body, "anonymity::identifier");
        assert!(out.contains(&format!("{METHODS}:5:8")), "{written}: {out}");
    }
}

#[test]
fn a_name_spelt_out_across_a_line_break_in_a_template_is_refused() {
    for written in [
        "T_h_i_s_t_l_e_b_u_\nr_y",
        "T.h.i.s.t.l.e.b.u.\nr.y",
        "T_h_i_s_t_l_e_b_u_<br>r_y",
    ] {
        let out = template_refused(written);
        assert!(
            out.contains("identifiers list (places)"),
            "{written}: {out}"
        );
    }
}

/// Letters with marks between them across a line break that spell no
/// listed name, as prose and code write them, build.
#[test]
fn letters_parted_by_marks_across_a_line_break_still_build() {
    let project = Project::fixture("basic");
    project.write(
        METHODS,
        methods_with(
            "Options a_b_\nc were weighed, and plans A, B,\nC and D.\n\n\
             Read `x_y_z` and i.e.\ne.g. and the U.S.\nA. and a/b/\nc and d.\n\n\
             The T_h_i_s_t_l_e\n_b_u_r_n team met.\n",
        ),
    );
    project.build().expect_code(0);
}
