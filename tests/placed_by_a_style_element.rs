//! A page's `<style>` element places or orders the page's boxes as a
//! `style` attribute does (red team, round 26 closed the attribute only):
//! a phone number, a postcode or a listed place written with its halves
//! swapped and put back in order on screen by a rule in a `<style>`
//! element was published. Such a rule is refused at its line, whatever
//! its selector; a theme's own `.css` file may still lay out the theme's
//! regions (the default theme's grid builds). Lookalikes build.

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
             caption{caption-side:top}.b{position:relative;top:1px;grid-column:auto}</style>\n\n\
             <div class=\"w\"><span class=\"a\">07700</span><span class=\"b\">about the hub</span></div>\n",
        ),
    );
    p.build().expect_code(0);
}
