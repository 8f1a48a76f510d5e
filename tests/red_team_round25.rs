//! Red team, round 25: the places blocks meet, and lines read in capitals,
//! are read only where they hold two digits or more. The claim that every
//! number the gate looks for holds two is false: the postcode `GIR 0AA`
//! (which the patterns find, and the checks of the files refuse) holds one
//! digit. Split between two blocks, or written in lower case where the
//! theme shows it in capitals (`.eyebrow`), it was published. And a run
//! of invisible characters inside a number, longer than the 80 characters
//! read each side of where blocks meet, puts its first groups out of the
//! window: published. Both are closed: a zero counts as a number may be
//! near, and the reach counts only the characters a reader sees.

mod common;

use common::{METHODS, methods_with};

/// Words with no digit, to keep other digits of the page out of the
/// windows read around the secret.
fn filler() -> String {
    "lorem ipsum dolor ".repeat(8)
}

/// The build refuses `body` on the methods page (see
/// [`common::refused`]): exit 1, `site/` as it was, and the message at the
/// body's line (line 5).
fn refused(body: &str) {
    common::refused(
        |p| {
            p.write(METHODS, methods_with(body));
        },
        &format!("{METHODS}:5:"),
    );
}

/// Sanity: `GIR 0AA` is a postcode the checks refuse, written whole.
#[test]
fn gir_0aa_written_whole_is_refused() {
    refused("Write to GIR 0AA today\n");
}

/// `GIR` ends one paragraph and `0AA` begins the next: a reader reads
/// "Write to GIR 0AA today". The window where the blocks meet holds one
/// digit, and is not read.
#[test]
fn gir_0aa_split_between_two_paragraphs_is_refused() {
    let w = filler();
    refused(&format!(
        "<p>{w}</p><p>{w} Write to GIR</p><p>0AA today {w}</p><p>{w}</p>\n"
    ));
}

/// The same split between two divs.
#[test]
fn gir_0aa_split_between_two_divs_is_refused() {
    let w = filler();
    refused(&format!(
        "<div>{w}</div><div>{w} Write to GIR</div><div>0AA today {w}</div><div>{w}</div>\n"
    ));
}

/// `gir 0aa` in lower case in an `.eyebrow`, which the default theme shows
/// in capitals (`text-transform: uppercase`): the reader sees `GIR 0AA`.
/// The line holds one digit, and is not read in capitals.
#[test]
fn gir_0aa_in_lower_case_shown_in_capitals_is_refused() {
    let w = filler();
    refused(&format!(
        "<p>{w}</p><p>{w}</p><p>{w} <span class=\"eyebrow\">write to gir 0aa</span> {w}</p><p>{w}</p>\n"
    ));
}

/// A run of invisible characters (zero-width spaces, soft hyphens, or
/// `&#8203;` references) inside a number, longer than the 80 characters
/// read on each side of where two blocks meet: the window before the meet
/// starts inside the run (widened only to the word, which the run is), so
/// the number's first groups fall outside it. A reader sees the number
/// whole; written in one block, each is refused.
macro_rules! padded_split {
    ($($test:ident: $pad:expr, $split:expr;)*) => {$(
        #[test]
        fn $test() {
            let w = filler();
            let split = format!($split, pad = $pad);
            refused(&format!("<p>{w}</p><p>{w} {split} {w}</p><p>{w}</p>\n"));
        }
    )*};
}

padded_split! {
    padded_phone_zero_width_split_is_refused: "\u{200b}".repeat(90), "Call 07700 {pad}900</p><p>123 today";
    padded_phone_soft_hyphens_split_is_refused: "\u{ad}".repeat(90), "Call 07700 {pad}900</p><p>123 today";
    padded_phone_character_references_split_is_refused: "&#8203;".repeat(90), "Call 07700 {pad}</p><p>900123 today";
    padded_london_phone_split_is_refused: "\u{200b}".repeat(90), "Call 020 {pad}7946</p><p>0958 today";
    padded_nhs_number_split_is_refused: "\u{200b}".repeat(90), "NHS 943 {pad}476</p><p>5919 today";
    padded_ni_number_split_is_refused: "\u{200b}".repeat(90), "NI AB {pad}12 34</p><p>56 C today";
    padded_postcode_split_is_refused: "\u{200b}".repeat(90), "Write to SW1A {pad}1</p><p>AA today";
}

/// Sanity: the same numbers padded the same way in one block are refused.
#[test]
fn numbers_padded_with_invisible_characters_in_one_block_are_refused() {
    let w = filler();
    let zw = "\u{200b}".repeat(90);
    refused(&format!("<p>{w} Call 07700 {zw}900123 today {w}</p>\n"));
    refused(&format!("<p>{w} NHS 943 {zw}476 5919 today {w}</p>\n"));
}
