//! Red team, round 26: text the theme shows in another order than it is
//! written. The gate reads blocks, the joined text and the places blocks
//! meet in source order, and refuses only the reorderings it names
//! (`-reverse` directions, `order:`, `bidi-override`). Other CSS and HTML
//! put a later block before an earlier one on screen: grid placement
//! (`grid-column`), two `float:right` spans (the first floats furthest
//! right), a `<tfoot>` written before its `<tbody>` (shown below it), a
//! `<caption style="caption-side:bottom">`, and `position:absolute`. In
//! each the reader sees the secret in order; the source holds its halves
//! swapped, and the build exited 0. Closed: such a style in a `style`
//! attribute, and a foot written before its table's body, are refused.
//!
//! Caught (not kept as tests): inline-block spans, `<br>`, `<wbr>`,
//! `<ruby>`/`<rt>`/`<rp>`, `<details>`/`<summary>`, `<q>`, `<abbr title>`,
//! `aria-label`, `<img alt>` between halves, `::after { content }` in a
//! body `<style>`, `display:flex`, `display:inline` cells, list markers
//! from `start`/`value` of four digits or more, `order:`,
//! `flex-direction: row-reverse`, `direction: rtl` on a flex row,
//! fullwidth digits, a listed person's name put in order by the grid.

mod common;

use common::{METHODS, methods_with};

fn refused(body: &str) {
    common::refused(
        |p| {
            p.write(METHODS, methods_with(body));
        },
        &format!("{METHODS}:5:"),
    );
}

/// A grid of two columns; the second half is written first but placed in
/// column 2, the first half written second but placed in column 1.
fn grid(first: &str, second: &str, gap: &str) -> String {
    format!(
        "<div style=\"display:grid;grid-template-columns:auto auto;justify-content:start;column-gap:{gap}\">\
<span style=\"grid-column:2\">{second}</span>\
<span style=\"grid-column:1;grid-row:1\">{first}</span></div>\n"
    )
}

/// Two right floats: the first written floats furthest right, so the
/// second written is shown to its left.
fn floats(first: &str, second: &str) -> String {
    format!(
        "<p><span style=\"float:right\">{second}</span>\
<span style=\"float:right\">{first}</span></p>\n"
    )
}

/// A `<tfoot>` written before the `<tbody>` is shown below it.
fn tfoot(first: &str, second: &str) -> String {
    format!(
        "<table><tfoot><tr><td>{second}</td></tr></tfoot>\
<tbody><tr><td>{first}</td></tr></tbody></table>\n"
    )
}

#[test]
fn phone_in_grid_columns_swapped_is_refused() {
    refused(&grid("07700", "900123", ".3em"));
}

#[test]
fn postcode_in_grid_columns_swapped_is_refused() {
    refused(&grid("SW1A", "1AA", ".3em"));
}

#[test]
fn ni_number_in_grid_columns_swapped_is_refused() {
    refused(&grid("AB 12", "34 56 C", ".3em"));
}

/// Shown as `Thistlebury` (no gap between the columns).
#[test]
fn place_in_grid_columns_swapped_is_refused() {
    refused(&grid("Thistle", "bury", "0"));
}

#[test]
fn phone_in_two_right_floats_is_refused() {
    refused(&floats("07700&nbsp;", "900123"));
}

/// Shown as `Thistlebury`.
#[test]
fn place_in_two_right_floats_is_refused() {
    refused(&floats("Thistle", "bury"));
}

#[test]
fn phone_in_tfoot_before_tbody_is_refused() {
    refused(&tfoot("07700", "900123"));
}

#[test]
fn postcode_in_tfoot_before_tbody_is_refused() {
    refused(&tfoot("SW1A", "1AA"));
}

#[test]
fn nhs_number_in_tfoot_before_tbody_is_refused() {
    refused(&tfoot("943 476", "5919"));
}

#[test]
fn phone_with_caption_shown_at_bottom_is_refused() {
    refused(
        "<table><caption style=\"caption-side:bottom\">900123</caption>\
<tr><td>07700</td></tr></table>\n",
    );
}

#[test]
fn phone_with_second_half_absolutely_placed_is_refused() {
    refused(
        "<div style=\"position:relative\"><span style=\"position:absolute;left:4em\">900123</span>\
<span>07700</span></div>\n",
    );
}

/// Lookalikes build: boxes floated left, grid cells in the written
/// order, a caption above its table, a box placed relative to itself, a
/// table's foot written last.
#[test]
fn boxes_placed_as_written_build() {
    let p = common::Project::fixture("basic");
    p.write(
        METHODS,
        methods_with(
            "<p><span style=\"float:left\">07700</span> about the hub</p>\n\n\
             <div style=\"display:grid\"><span style=\"grid-column:auto\">a</span></div>\n\n\
             <table><caption style=\"caption-side:top\">Visits</caption>\
             <tbody><tr><td>12</td></tr></tbody><tfoot><tr><td>12 in all</td></tr></tfoot></table>\n\n\
             <p style=\"position:relative\">Staff</p>\n",
        ),
    );
    p.build().expect_code(0);
}
