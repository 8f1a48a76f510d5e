//! A page's `<style>` element places or orders the page's boxes as a
//! `style` attribute does (red team, round 26 closed the attribute only):
//! a phone number, a postcode or a listed place written with its halves
//! swapped and put back in order on screen by a rule in a `<style>`
//! element was published. Such a rule is refused at its line, whatever
//! its selector; a theme's own `.css` file may still lay out the theme's
//! regions (the default theme's grid builds). Lookalikes build.
//!
//! The same road through the theme's style sheet: the report's text given
//! a class the theme places (`site-footer`, `grid-area: footer`) inside a
//! grid of the researcher's, or a class a project's theme floats right.
//! A box the site's style sheet places is read only as one of the page's
//! regions (an element of `<body>` outside `<main>`); anywhere else it is
//! refused.

mod common;

use common::{METHODS, methods_with};

/// A `<style>` element on line 5 of the methods page, then two spans of
/// class `a` and `b` holding `second` and `first`, in that order.
fn swapped(rules: &str, first: &str, second: &str) -> String {
    format!(
        "<style>{rules}</style>\n\n<div class=\"w\"><span class=\"a\">{second}</span><span class=\"b\">{first}</span></div>\n"
    )
}

fn refused(rules: &str, first: &str, second: &str) {
    let stderr = common::refused(
        |p| {
            p.write(METHODS, methods_with(&swapped(rules, first, second)));
        },
        &format!("{METHODS}:5:"),
    );
    assert!(
        stderr.contains("another order than it is written"),
        "{rules}:\n{stderr}"
    );
}

#[test]
fn a_grid_place_in_a_style_element_is_refused() {
    let rules = ".w{display:grid;grid-template-columns:auto auto;justify-content:start}\
                 .a{grid-column:2}.b{grid-column:1;grid-row:1}";
    refused(rules, "07700 ", "900123");
    refused(rules, "SW1A ", "1AA");
    refused(rules, "Thistle", "bury");
}

#[test]
fn floats_to_the_right_in_a_style_element_are_refused() {
    refused(".a,.b{float:right}", "07700&nbsp;", "900123");
    refused(".w span { float: inline-end }", "Thistle", "bury");
}

#[test]
fn a_box_taken_out_of_the_line_in_a_style_element_is_refused() {
    refused(
        ".w{position:relative}.a{position:absolute;left:4em}",
        "07700",
        "900123",
    );
    refused("@media screen { .a { position: fixed } }", "SW1A ", "1AA");
}

#[test]
fn boxes_ordered_by_a_style_element_are_refused() {
    refused(".w{display:flex}.a{order:2}", "07700 ", "900123");
    refused(
        ".w{display:flex;flex-direction:row-reverse}",
        "07700 ",
        "900123",
    );
}

#[test]
fn a_caption_shown_below_by_a_style_element_is_refused() {
    let stderr = common::refused(
        |p| {
            p.write(
                METHODS,
                methods_with(
                    "<style>caption{caption-side:bottom}</style>\n\n\
                     <table><caption>900123</caption><tr><td>07700</td></tr></table>\n",
                ),
            );
        },
        &format!("{METHODS}:5:"),
    );
    assert!(stderr.contains("another order"), "{stderr}");
}

/// A `<style>` element that places nothing elsewhere builds: colours,
/// floats to the left, a grid in the written order, a caption above its
/// table, a box placed relative to itself; and the default theme's own
/// style sheet, which places the page's regions on a grid, builds.
#[test]
fn a_style_element_placing_boxes_as_written_builds() {
    let p = common::Project::fixture("basic");
    p.write(
        METHODS,
        methods_with(
            "<style>.w{display:grid;gap:1em}.a{color:#333;float:left}\
             caption{caption-side:top}.b{position:relative;top:0;margin:0 auto;grid-column:auto}</style>\n\n\
             <div class=\"w\"><span class=\"a\">07700</span><span class=\"b\">about the hub</span></div>\n",
        ),
    );
    p.build().expect_code(0);
}

/// The theme's own classes, which its style sheet places on the page's
/// grid, given to the report's text.
#[test]
fn the_themes_placed_classes_on_the_reports_text_are_refused() {
    for body in [
        "<div style=\"display:grid;grid-template-areas:'header footer'\">\
         <span class=\"site-footer\">900123</span><span class=\"site-header\">07700 </span></div>\n",
        "<div style=\"display:grid\"><span class=\"site-footer\">900123</span><span>07700 </span></div>\n",
        "<div style=\"display:grid;grid-template-areas:'nav main'\">\
         <span class=\"content\">900123</span><span class=\"site-nav\">07700 </span></div>\n",
    ] {
        let stderr = common::refused(
            |p| {
                p.write(METHODS, methods_with(body));
            },
            &format!("{METHODS}:5:"),
        );
        assert!(
            stderr.contains("shows this box elsewhere"),
            "{body}:\n{stderr}"
        );
    }
}

/// A project's theme whose style sheet floats a class right, given to the
/// report's text.
#[test]
fn a_class_a_projects_theme_floats_right_is_refused_in_the_report() {
    let theme = include_str!("../themes/default/static/style.css");
    let stderr = common::refused(
        |p| {
            p.write(
                "themes/default/static/style.css",
                format!("{theme}\n.swap {{ float: right }}\n"),
            );
            p.write(
                METHODS,
                methods_with(
                    "<div class=\"w\"><span class=\"swap\">900123</span><span class=\"swap\">07700&nbsp;</span></div>\n",
                ),
            );
        },
        &format!("{METHODS}:5:"),
    );
    assert!(stderr.contains("shows this box elsewhere"), "{stderr}");
}

/// The theme's classes that hide (`visually-hidden`, which its style
/// sheet takes out of the line to hide) are fine in the report, and a
/// project's theme may float its own header right.
#[test]
fn the_themes_hiding_classes_and_its_own_regions_build() {
    let p = common::Project::fixture("basic");
    let theme = include_str!("../themes/default/static/style.css");
    p.write(
        "themes/default/static/style.css",
        format!("{theme}\n.site-header {{ float: right }}\n"),
    );
    p.write(
        METHODS,
        methods_with("<p>Seen by 12 staff<span class=\"visually-hidden\"> in all</span>.</p>\n"),
    );
    p.build().expect_code(0);
}

/// The report's text closing `<main>` to stand among the page's regions,
/// where the theme's grid places a `site-header` box at the top.
#[test]
fn text_that_closes_the_report_is_refused() {
    for (body, location) in [
        (
            "</main><span class=\"site-header\">07700 </span>\n",
            format!("{METHODS}:5:"),
        ),
        (
            "</main><span class=\"site-header\">07700 </span><main>\n",
            format!("{METHODS}:"),
        ),
    ] {
        let stderr = common::refused(
            |p| {
                p.write(METHODS, methods_with(body));
            },
            &location,
        );
        assert!(stderr.contains("closes the report"), "{body}:\n{stderr}");
    }
}

/// `</main>` written as code, which the page shows as text, builds.
#[test]
fn the_end_of_main_written_as_code_builds() {
    let p = common::Project::fixture("basic");
    p.write(
        METHODS,
        methods_with("The theme ends the report with `</main>`.\n"),
    );
    p.build().expect_code(0);
}

/// `</main>` in markup a researcher commented out is no end of the
/// report (it was refused as one); the same end written for real beside
/// such a comment still is.
#[test]
fn the_end_of_main_in_a_comment_builds() {
    let p = common::Project::fixture("basic");
    p.write(
        METHODS,
        methods_with("We kept <!-- </main><aside>draft</aside> --> one note.\n"),
    );
    p.build().expect_code(0);
    let stderr = common::refused(
        |p| {
            p.write(
                METHODS,
                methods_with("<!-- </main> --></main><span class=\"site-header\">07700 </span>\n"),
            );
        },
        &format!("{METHODS}:5:"),
    );
    assert!(stderr.contains("closes the report"), "{stderr}");
}

/// Boxes moved by an offset: written swapped, shown in order, in a
/// `style` attribute or a `<style>` element.
#[test]
fn boxes_moved_by_an_offset_are_refused() {
    refused(
        ".a,.b{position:relative}.a{left:4.2em}.b{left:-3.6em}",
        "07700 ",
        "900123",
    );
    refused(".a{transform:translateX(5em)}", "SW1A ", "1AA");
    refused(".b{margin-left:-9em}", "Thistle", "bury");
    let stderr = common::refused(
        |p| {
            p.write(
                METHODS,
                methods_with(
                    "<p><span style=\"position:relative;left:4.2em\">900123</span>\
                     <span style=\"position:relative;left:-3.6em\">07700 </span></p>\n",
                ),
            );
        },
        &format!("{METHODS}:5:"),
    );
    assert!(stderr.contains("an offset"), "{stderr}");
}
