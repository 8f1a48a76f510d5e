//! Numbers split between two blocks are read where the blocks meet, in
//! any digits the checks read: a phone number typed in full-width digits
//! with its last group in a block of its own was published, because only
//! ASCII digits were looked for there. Refused at its line; the counts a
//! report sets one to a block ("4 quotes") build. The checks of the files
//! read the white space between two blocks of HTML as a browser joins it,
//! and so find a number so split first, at its place.

mod common;

use common::{METHODS, Project, build_fails, methods_with};

#[test]
fn a_number_in_full_width_digits_split_between_blocks_is_refused_at_its_line() {
    for (body, code) in [
        (
            "<div>Call \u{ff10}\u{ff17}\u{ff17}\u{ff10}\u{ff10}</div><div>\u{ff19}\u{ff10}\u{ff10}\u{ff11}\u{ff12}\u{ff13} today</div>\n",
            "anonymity::phone-number",
        ),
        (
            "<p>Write to \u{ff33}\u{ff37}\u{ff11}\u{ff21}</p><p>\u{ff11}\u{ff21}\u{ff21} today</p>\n",
            "anonymity::postcode",
        ),
        (
            "<div>Call 07700</div><div>900123 today</div>\n",
            "anonymity::phone-number",
        ),
    ] {
        build_fails(
            |p| {
                p.write(METHODS, methods_with(body));
            },
            &format!("{METHODS}:5:"),
            code,
        );
    }
}

#[test]
fn counts_set_one_to_a_block_build() {
    let project = Project::fixture("basic");
    let body = "<div>Evidence</div><div>4 quotes</div><div>12 findings</div>\n\n\
                <p>Borough A 3 sites</p><p>9 staff</p><p>size A4</p>\n";
    project.write(METHODS, methods_with(body));
    project.build().expect_code(0);
}
