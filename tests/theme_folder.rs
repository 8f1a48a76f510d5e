//! A project theme that cannot be read fails the build (#case-10): it was
//! silently replaced by the built-in theme, so a project's changes (the
//! `noindex` meta that publishing.md advises) were dropped from a site
//! built with no message. Links in a theme are errors, not passed over,
//! for the same reason. (A folder without read permission cannot be
//! tested here: the tests may run as root, who reads anything.)

#![cfg(unix)]

mod common;

use common::{Project, build_fails};
use std::os::unix::fs::symlink;

const BASE: &str = "themes/default/templates/base.html";
const NOINDEX: &str = r#"<meta name="robots" content="noindex">"#;

/// The project's own copy of the built-in `base.html`, with `noindex`.
fn theme_with_noindex(p: &Project) {
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    assert!(base.contains("<head>"));
    p.write(BASE, base.replace("<head>", &format!("<head>{NOINDEX}")));
}

/// What the tests below take away: the readable theme is used.
#[test]
fn a_readable_project_theme_is_used() {
    let project = Project::fixture("basic");
    theme_with_noindex(&project);
    project.build().expect_code(0);
    assert!(project.page("index.html").contains(NOINDEX));
}

#[test]
fn a_theme_folder_that_is_a_link_to_nothing_is_refused() {
    build_fails(
        |p| {
            std::fs::create_dir_all(p.path("themes")).unwrap();
            symlink("../elsewhere", p.path("themes/default")).unwrap();
        },
        "the theme folder themes/default is a link to nothing",
        "config::unreadable-theme",
    );
}

#[test]
fn a_theme_folder_that_is_a_file_is_refused() {
    build_fails(
        |p| {
            p.write("themes/default", "not a folder");
        },
        "the theme folder themes/default is a file, not a folder",
        "config::unreadable-theme",
    );
}

// A link inside the project is not followed in a theme, as in content/,
// but it is an error here: the built-in templates would stand in.
#[test]
fn a_templates_folder_that_is_a_link_is_refused() {
    build_fails(
        |p| {
            theme_with_noindex(p);
            std::fs::rename(p.path("themes/default/templates"), p.path("shared")).unwrap();
            symlink("../../shared", p.path("themes/default/templates")).unwrap();
        },
        "themes/default/templates is a link, and evalsite does not follow links in a theme",
        "load::link-not-followed",
    );
}

#[test]
fn a_template_that_links_outside_the_project_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("base.html");
    build_fails(
        |p| {
            theme_with_noindex(p);
            std::fs::rename(p.path(BASE), &target).unwrap();
            symlink(&target, p.path(BASE)).unwrap();
        },
        "themes/default/templates/base.html is a link that points outside the project",
        "load::outside-project",
    );
}

/// Red team, round 33: an unknown function in a project's template was
/// told as a problem of the template ``, with Tera's report pasted in and
/// a note that the built-in theme had a bug. Each unknown name is now its
/// own message at its place in the project's file.
#[test]
fn unknown_names_in_a_projects_template_are_placed_each() {
    let text = build_fails(
        |p| {
            p.edit("evalsite.yaml", "title:", "theme: mine\ntitle:");
            p.write(
                "themes/mine/templates/page.html",
                "{% extends \"base.html\" %}{% block content %}\n<p>{{ now() }}</p>\n<p>{{ page.title | shout }}</p>\n{% endblock content %}\n",
            );
        },
        "themes/mine/templates/page.html:2:7",
        "theme::template",
    );
    assert!(
        text.contains("themes/mine/templates/page.html:3:20"),
        "{text}"
    );
    assert!(!text.contains("built-in"), "{text}");
    assert!(!text.contains("\\n"), "{text}");
    insta::assert_snapshot!("unknown_names_in_a_template", text);
}
