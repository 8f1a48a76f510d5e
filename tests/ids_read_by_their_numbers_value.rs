//! A participant id listed with zeros before its number was not found
//! written without them, nor with other zeros or marks: `a-gp-01` as
//! "A-GP-1" or "AGP1", `p07` as "P7" or "P-07", `p007` as "P7", "P07",
//! "P 007" or "P-007" were published (red team, numbers). An id and a
//! text are now read by their letters and each number's value: any
//! padding to three digits (or as many as the listed id has), and a mark
//! between letters and digits written together (`P-07`), or a space where
//! the number has a leading zero (`P 007`), is the id, refused at its line.
//! Another number (`P70`, `P17`, `C-GP-10`), or `P 7` with neither mark
//! nor zero, builds.

mod common;

use common::{METHODS, Project, build_fails, methods_with};

const REGISTRY: &str = "content/participants.yaml";

/// The fixture with `c-gp-01`, `p07` and `q007` listed too.
fn listed(p: &Project) {
    let registry = p.read(REGISTRY);
    let more = "  - {id: c-gp-01, role: GP, sector: primary-care, borough: a}\n  \
                - {id: p07, role: GP, sector: primary-care, borough: a}\n  \
                - {id: q007, role: GP, sector: primary-care, borough: a}\n";
    p.write(REGISTRY, format!("{}\n{more}", registry.trim_end()));
}

#[test]
fn an_id_written_with_other_zeros_or_marks_is_refused_at_its_line() {
    for written in [
        "C-GP-1", "CGP1", "c gp 1", "C-GP-001", "P7", "P-07", "P-7", "p.07", "P 07", "Q7", "Q07",
        "Q 007", "Q-007", "Q 07", "q_7",
    ] {
        let stderr = build_fails(
            |p| {
                listed(p);
                let body = format!("As {written} put it, the huddle mattered.\n");
                p.write(METHODS, methods_with(&body));
            },
            &format!("{METHODS}:5:"),
            "anonymity::participant-id",
        );
        assert!(stderr.contains("participant id"), "{written}: {stderr}");
    }
}

/// `p7` in any case is an id where `p07` (or `p7`) is listed, as every id
/// is found in any case: a page is written "page 7" or "p. 7" then.
#[test]
fn other_numbers_and_a_page_written_with_a_full_stop_build() {
    let project = Project::fixture("basic");
    listed(&project);
    let body = "See p. 7 and P 7 of the annex, P70, P17, p077, Q 7, Q70 and C-GP-10; \
                C GP 11 and Table C 1 too.\n";
    project.write(METHODS, methods_with(body));
    project.build().expect_code(0);
}
