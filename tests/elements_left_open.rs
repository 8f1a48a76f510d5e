//! A report's text that opens an element read as text up to its end tag
//! (`<script>`, `<style>`, `<textarea>`, `<title>`, `<xmp>`, `<iframe>`,
//! `<noembed>`, `<noframes>`, `<noscript>`, `<plaintext>`), or a comment,
//! and never closes it, takes in the rest of the page. It was refused only
//! by the gate, which said the page closed `</main>` where it should not,
//! pointing at line 1 of another file. Now refused where it is opened, in
//! a body, a finding's first paragraph (its summary) and `summary:`; the
//! gate, when a template leaves one open, says so. The same tags written
//! as code, escaped, or closed still build.

mod common;

use common::{METHODS, Project, build_fails, methods_fails, methods_with};

/// Each element left open in a body, at the column of its `<`.
#[test]
fn an_element_left_open_in_a_body_is_refused_where_it_opens() {
    for name in [
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
    ] {
        let out = methods_fails(
            &format!("We met <{name}>var a = 1;\n"),
            "anonymity::left-open",
        );
        assert!(out.contains(&format!("{METHODS}:5:8")), "{name}: {out}");
        assert!(
            out.contains(&format!("this `<{name}>` is never closed")),
            "{out}"
        );
        assert!(!out.contains("</main>"), "{out}");
    }
}

#[test]
fn an_element_left_open_at_a_line_start_is_refused_there() {
    // An HTML block (the line begins with the tag) and a block in a list.
    let out = methods_fails("<script>var a = 1;\n\nMore text.\n", "anonymity::left-open");
    assert!(out.contains(&format!("{METHODS}:5:1")), "{out}");
    let out = build_fails(
        |p| {
            p.write(METHODS, methods_with("Intro.\n\n- item\n\n  <style>p{}\n"));
        },
        &format!("{METHODS}:9:3"),
        "anonymity::left-open",
    );
    assert!(out.contains("`<style>` opened here"), "{out}");
}

#[test]
fn a_comment_left_open_is_refused_where_it_opens() {
    let out = methods_fails(
        "<!-- a note to the team\n\nMore text.\n",
        "anonymity::left-open",
    );
    assert!(out.contains(&format!("{METHODS}:5:1")), "{out}");
    assert!(out.contains("this comment is never ended"), "{out}");
}

#[test]
fn a_tag_left_unended_is_refused_where_it_begins() {
    let out = methods_fails("<div class=\"note\n\nMore text.\n", "anonymity::left-open");
    assert!(out.contains("this tag is never ended with `>`"), "{out}");
}

/// A finding's first paragraph is shown alone as its summary: what it
/// opens must close in it.
#[test]
fn an_element_left_open_in_a_findings_first_paragraph_is_refused() {
    let out = build_fails(
        |p| {
            p.edit(
                "content/findings/co-location.md",
                "Sharing a building did not by itself change how teams worked.",
                "We met <script>var a;\n\n</script>",
            );
        },
        "content/findings/co-location.md:8:8",
        "anonymity::left-open",
    );
    assert!(
        out.contains("shown alone as the finding's summary"),
        "{out}"
    );
}

#[test]
fn an_element_left_open_in_a_summary_is_refused_in_the_front_matter() {
    let out = build_fails(
        |p| {
            p.edit(
                "content/findings/co-location.md",
                "title: Co-location without collaboration\n",
                "title: Co-location without collaboration\nsummary: \"Teams <b>met</b> <style>p{}\"\n",
            );
        },
        "content/findings/co-location.md:3:28",
        "anonymity::left-open",
    );
    assert!(out.contains("this `<style>` is never closed"), "{out}");
}

/// The gate, when a template leaves a `<script>` open: the message says
/// so, at the template's line, not that `</main>` is misplaced.
#[test]
fn a_template_that_leaves_a_script_open_is_named_by_the_gate() {
    let out = build_fails(
        |p| {
            p.write(
                "themes/default/templates/page.html",
                "{% extends \"base.html\" %}\n{% block content %}\n<script>var a;\n{{ content | safe }}\n{% endblock content %}\n",
            );
        },
        "themes/default/templates/page.html:3:1",
        "anonymity::unreadable-output",
    );
    assert!(out.contains("that is never closed"), "{out}");
    assert!(!out.contains("holds more than one `<main>`"), "{out}");
}

/// The same tags as code, escaped, closed, or in a picture's text, build.
#[test]
fn tags_written_as_code_escaped_or_closed_still_build() {
    let project = Project::fixture("basic");
    project.write(
        METHODS,
        methods_with(
            "We met `<script>` and `<!--` in the code.\n\n\
             ```html\n<script>\n<style>\n```\n\n\
             Escaped: \\<script> and &lt;textarea> and a < b.\n\n\
             Closed: <textarea>notes</textarea> and <!-- a note --> here.\n\n\
             <script>var a = 1;\n\nvar b = 2;</script>\n\n\
             <iframe title=\"map\">\n\n</iframe>\n\n\
             ![<script>](pictures/none.png)\n",
        ),
    );
    project.build().expect_code(0);
}
