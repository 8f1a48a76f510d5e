//! The documented limits (docs/limits.md): input a researcher can write that
//! once hung or crashed evalsite is refused quickly, with a clear message at
//! the place the limit is crossed, and the previous site is left untouched.
//! Each big input is made here; the point of each bound is that these tests
//! are fast (without it, each would run for minutes and the suite would hang
//! visibly).

mod common;

use common::build_fails;

/// A megabyte of `[`: the YAML parser took minutes on it (#19.4).
fn brackets() -> String {
    "[".repeat(1 << 20)
}

// Regression (#19.4): 100 KB of `[` in front matter took 14 s in the YAML
// parser, 1 MB many minutes. Now refused before the parser sees it.
#[test]
fn deep_brackets_in_front_matter_are_refused_before_parsing() {
    let out = build_fails(
        |p| {
            p.edit(
                "content/findings/co-location.md",
                "boroughs: [a, b]",
                &format!("boroughs: {}", brackets()),
            );
        },
        // `boroughs: ` is 10 columns; level 33 is the 33rd bracket.
        "content/findings/co-location.md:4:43",
        "yaml::too-deep",
    );
    assert!(out.contains("nested more than 32 levels deep"), "{out}");
}

#[test]
fn deep_brackets_in_a_pathway_are_refused() {
    build_fails(
        |p| {
            p.edit(
                "content/pathways/a-discharge.md",
                "findings: [co-location]",
                &format!("findings: {}", "{a: ".repeat(1 << 18)),
            );
        },
        "content/pathways/a-discharge.md:",
        "yaml::too-deep",
    );
}

#[test]
fn deep_brackets_in_participants_are_refused() {
    build_fails(
        |p| {
            let text = p.read("content/participants.yaml");
            p.write(
                "content/participants.yaml",
                format!("{text}  - {}\n", brackets()),
            );
        },
        "content/participants.yaml:7:37",
        "yaml::too-deep",
    );
}

#[test]
fn deep_brackets_in_settings_are_refused() {
    build_fails(
        |p| {
            p.edit(
                "evalsite.yaml",
                "title: Fixture evaluation",
                &format!("title: {}", brackets()),
            );
        },
        "evalsite.yaml:1:40",
        "yaml::too-deep",
    );
}

#[test]
fn deep_brackets_in_the_identifiers_list_are_refused() {
    // The list must not then be treated as empty (fail closed): the build fails.
    build_fails(
        |p| {
            p.edit(
                "private/identifiers.yaml",
                "organisations: []",
                &format!("organisations: {}", brackets()),
            );
        },
        "private/identifiers.yaml:3:48",
        "yaml::too-deep",
    );
}

/// The message, as a researcher sees it.
#[test]
fn too_deep_message() {
    let project = common::Project::fixture("basic");
    project.edit(
        "content/findings/co-location.md",
        "boroughs: [a, b]",
        &format!("boroughs: {}", "[".repeat(40)),
    );
    let run = project.run(&["check"]);
    run.expect_code(1);
    insta::assert_snapshot!(run.stderr);
}
