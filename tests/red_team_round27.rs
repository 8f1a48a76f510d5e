//! Red team, round 27 (findings F5 to F9): text a browser shows in
//! another order or joined, and metadata kept compressed, that the gate
//! did not read as shown.
//!
//! - F5: SVG presentation attributes (`direction="rtl"
//!   unicode-bidi="bidi-override"`) drew a name written backwards; the
//!   same as CSS is refused. Now every presentation attribute is read as
//!   the CSS property of its name.
//! - F6: an SVG text with one `x` per character (`x="76 67 60 …"`) drew
//!   its characters in another order. Now its characters are read in the
//!   order of their places, and refused where that cannot be told.
//! - F7: `word-spacing: -0.3em` showed "Thistle bury" as "Thistlebury".
//!   Now an element whose style may close up its spaces is also read
//!   without them.
//! - F8: a PNG's compressed colour profile (`iCCP`) whose description
//!   named a person was published. Now it is unpacked and read.
//! - F9: a phone number written backwards in right-to-left text, its
//!   groups parted by brackets, dashes, bullets or dots, was shown in the
//!   right order. Now a page's lines are also read in the order the
//!   Unicode bidirectional algorithm shows them.

mod common;

use common::{FINDING, FINDING_LINE, Project, refused};

/// The finding's line 8, where each test writes its text.
const LINE_8: &str = "content/findings/co-location.md:8:";

/// Line 8 of the finding set to `line`: refused at that line.
fn refused_on_line_8(line: &str) -> String {
    refused(
        |p| {
            p.edit(FINDING, FINDING_LINE, line);
        },
        LINE_8,
    )
}

/// Line 8 of the finding set to `line`: builds, and the page shows it.
fn builds_with_line_8(line: &str) {
    let project = Project::fixture("basic");
    project.edit(FINDING, FINDING_LINE, line);
    let run = project.build();
    assert_eq!(run.code, 0, "{line}\n{}", run.stderr);
    assert!(
        !run.stderr.contains("error["),
        "{line} printed an error:\n{}",
        run.stderr
    );
}

/// F5: a name written backwards and drawn forwards by the SVG
/// presentation attributes that override the text's direction; also on a
/// `<tspan>`, and with `isolate-override`.
#[test]
fn svg_text_whose_direction_is_overridden_by_its_attributes_is_refused() {
    for line in [
        r#"<svg width="300" height="40"><text x="150" y="20" direction="rtl" unicode-bidi="bidi-override">rehtaeflliuQ eirojraM</text></svg>"#,
        r#"<svg width="300" height="40"><text x="150" y="20" direction="rtl" unicode-bidi="isolate-override">yrubeltsihT</text></svg>"#,
        r#"<svg width="300" height="40"><text x="150" y="20"><tspan direction="rtl" UNICODE-BIDI="bidi-override">yrubeltsihT</tspan></text></svg>"#,
    ] {
        let stderr = refused_on_line_8(line);
        assert!(stderr.contains("bidi-override"), "{line}:\n{stderr}");
    }
}

/// F5, the same road by another attribute: a drawing mirrored by its
/// `transform` (`scale(-1,1)`, a matrix) draws a name written backwards
/// the right way round; its text is also read reversed, as a `<bdo>`'s.
#[test]
fn svg_text_drawn_mirrored_is_read_reversed() {
    for line in [
        r#"<svg width="300" height="40"><text x="150" y="20" transform="scale(-1,1)">yrubeltsihT</text></svg>"#,
        r#"<svg width="300" height="40"><g transform="matrix(-1 0 0 1 200 0)"><text x="10" y="20">yrubeltsihT</text></g></svg>"#,
    ] {
        refused_on_line_8(line);
    }
}

/// F5's lookalike: an ordinary drawing with a direction of its own and
/// no override builds.
#[test]
fn svg_text_with_an_ordinary_direction_builds() {
    builds_with_line_8(
        r#"<svg width="300" height="40"><text x="10" y="20" direction="ltr" unicode-bidi="normal" word-spacing="2" font-size="12">Discharge in two weeks</text></svg>"#,
    );
}

/// F6: each character of one text placed by its own `x`, written
/// backwards, drawn as the place's name; and the same on a `<tspan>`, and
/// with the positions parted by commas.
#[test]
fn svg_text_whose_characters_are_placed_one_by_one_is_read_in_their_order() {
    for line in [
        r#"<svg width="300" height="40"><text x="76 67 60 51 44 40 35 29 22 17 8 0" y="20">yrubeltsihT</text></svg>"#,
        r#"<svg width="300" height="40"><text y="20"><tspan x="76,67,60,51,44,40,35,29,22,17,8,0">yrubeltsihT</tspan></text></svg>"#,
        // Characters past the list follow the last one placed: "T" at
        // 0, then "histle", then "bury" placed at 56 and on.
        r#"<svg width="300" height="40"><text x="56 64 72 80 0" y="20">buryThistle</text></svg>"#,
    ] {
        refused_on_line_8(line);
    }
}

/// F6, where the order cannot be told: a character moved back past the
/// list of places, or a part placed again inside the text: refused with
/// a message that says why.
#[test]
fn svg_text_whose_characters_order_cannot_be_told_is_refused() {
    for line in [
        r#"<svg width="300" height="40"><text x="0" dx="0 0 -30 0" y="20">Teams</text></svg>"#,
        r#"<svg width="300" height="40"><text x="0 10 20" y="20">Te<tspan x="5">am</tspan>s</text></svg>"#,
    ] {
        let stderr = refused_on_line_8(line);
        assert!(stderr.contains("one by one"), "{line}:\n{stderr}");
    }
}

/// F6's lookalikes: one `x`, or one per character in order, builds.
#[test]
fn svg_text_placed_in_order_builds() {
    builds_with_line_8(
        r#"<svg width="300" height="40"><text x="10" y="20">Discharge teams</text><text x="0 8 16 24" dx="1 1 1 1" y="35">Team</text></svg>"#,
    );
}

/// F7: a space closed up by a negative word spacing (or letter spacing),
/// in a `style` attribute, a page's `<style>`, an SVG presentation
/// attribute, or inherited from an element around a block.
#[test]
fn a_space_closed_up_by_a_style_is_read_without_it() {
    for line in [
        r#"In <span style="word-spacing:-0.3em">Thistle bury</span> today."#,
        r#"In Thistle<span style="word-spacing:-1em"> </span>bury today."#,
        r#"In <span style="letter-spacing:-3px">Thistle bury</span> today."#,
        r#"<style>.tight { word-spacing: -4px }</style><span class="tight">Thistle bury</span> today."#,
        r#"<div style="word-spacing:calc(-1em)"><p>In Thistle bury today.</p></div>"#,
        r#"<svg width="300" height="40"><text x="10" y="20" word-spacing="-8">Thistle bury</text></svg>"#,
    ] {
        refused_on_line_8(line);
    }
}

/// F7's lookalikes: a positive word spacing, or a slight tightening of
/// letters, shows the space.
#[test]
fn a_space_a_style_widens_or_keeps_builds() {
    builds_with_line_8(
        r#"In <span style="word-spacing:0.3em">Thistle bury</span> today; <span style="letter-spacing:-0.01em">Thistle bury</span>."#,
    );
}

/// A one-pixel PNG with a colour profile whose description is `text`,
/// compressed in an `iCCP` chunk, as Photoshop and Lightroom export
/// photographs.
fn png_with_profile(text: &str) -> Vec<u8> {
    // An ICC profile's `desc` tag: its type, a count, the text.
    let mut profile = vec![0u8; 128];
    profile.extend_from_slice(b"desc\0\0\0\0");
    profile.extend_from_slice(&(text.len() as u32 + 1).to_be_bytes());
    profile.extend_from_slice(text.as_bytes());
    profile.push(0);
    let mut iccp = b"ICC Profile\0\0".to_vec();
    iccp.extend(miniz_oxide::deflate::compress_to_vec_zlib(&profile, 6));
    common::png_with_chunk(b"iCCP", &iccp)
}

/// F8: a photograph whose compressed colour profile names a person is
/// refused, at the picture.
#[test]
fn a_picture_whose_colour_profile_names_a_person_is_refused() {
    let stderr = refused(
        |p| {
            p.write(
                "themes/default/static/photo.png",
                png_with_profile("Marjorie Quillfeather, Thistlebury"),
            );
        },
        "static/photo.png",
    );
    assert!(stderr.contains("anonymity::"), "{stderr}");
}

/// F8's lookalike: an ordinary photograph with the standard profile is
/// published.
#[test]
fn a_picture_with_an_ordinary_colour_profile_is_published() {
    let project = Project::fixture("basic");
    project.write(
        "themes/default/static/photo.png",
        png_with_profile("sRGB IEC61966-2.1"),
    );
    let run = project.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(project.path("site/static/photo.png").exists());
}

/// F8, failing closed: a colour profile that cannot be unpacked is
/// refused with a message that says so.
#[test]
fn a_picture_whose_colour_profile_cannot_be_unpacked_is_refused() {
    let project = Project::fixture("basic");
    project.write(
        "themes/default/static/photo.png",
        common::png_with_chunk(b"iCCP", b"ICC Profile\0\0x\x9cnot deflate at all"),
    );
    let run = project.build();
    run.expect_code(1);
    assert!(run.stderr.contains("static/photo.png"), "{}", run.stderr);
    assert!(run.stderr.contains("colour profile"), "{}", run.stderr);
    assert!(!project.path("site").exists());
}

/// F9: a phone number written backwards in a right-to-left paragraph,
/// its groups parted by brackets, dashes, bullets or middle dots; and
/// between Hebrew words in an ordinary paragraph.
#[test]
fn numbers_shown_reversed_by_right_to_left_text_are_read_as_shown() {
    for line in [
        "<p dir=\"rtl\">0958 7946 (020)</p>",
        "<p dir=\"rtl\">900123 \u{2013} 07700</p>",
        "<p dir=\"rtl\">900123 \u{2022} 07700</p>",
        "<p dir=\"rtl\">900123\u{b7}07700</p>",
        "<p dir=\"rtl\">123\u{b7}900\u{b7}07700</p>",
        "<p style=\"direction: rtl\">0958 7946 (020)</p>",
        "Shalom \u{5e9}\u{5dc}\u{5d5}\u{5dd} 900123 \u{2013} 07700 \u{5e9}\u{5dc}\u{5d5}\u{5dd} today.",
        "Shalom \u{5e9}\u{5dc}\u{5d5}\u{5dd} 0958 7946 (020) \u{5e9}\u{5dc}\u{5d5}\u{5dd} today.",
    ] {
        refused_on_line_8(line);
    }
}

/// F9's lookalikes: ordinary right-to-left sentences with a year, a page
/// number in brackets and a count.
#[test]
fn ordinary_right_to_left_sentences_with_numbers_build() {
    builds_with_line_8(
        "<p dir=\"rtl\">\u{5d4}\u{5e6}\u{5d5}\u{5d5}\u{5ea} \u{5e0}\u{5e4}\u{5d2}\u{5e9} \u{5d1}\u{5be}2019 (\u{5e2}\u{5de}\u{5d5}\u{5d3} 12) \u{2013} 34 \u{5e4}\u{5d2}\u{5d9}\u{5e9}\u{5d5}\u{5ea}.</p>",
    );
    builds_with_line_8(
        "\u{627}\u{644}\u{641}\u{631}\u{64a}\u{642} \u{627}\u{62c}\u{62a}\u{645}\u{639} \u{641}\u{64a} 2019 \u{648} 2020 (\u{635} 4) \u{2013} 12 \u{645}\u{631}\u{629}.",
    );
}

/// The messages of the two new refusals, as a researcher reads them: where
/// a drawing's characters cannot be put in order (F6), and where a
/// picture's colour profile cannot be unpacked (F8).
#[test]
fn the_new_refusals_say_why_and_where() {
    let unplaced = common::build_fails(
        |p| {
            p.edit(
                FINDING,
                FINDING_LINE,
                r#"<svg width="300" height="40"><text x="0" dx="0 0 -30 0" y="20">Teams</text></svg>"#,
            );
        },
        LINE_8,
        "anonymity::unreadable-output",
    );
    insta::assert_snapshot!("unplaced_characters", unplaced);
    let profile = common::build_fails(
        |p| {
            p.write(
                "themes/default/static/photo.png",
                common::png_with_chunk(b"iCCP", b"ICC Profile\0\0x\x9cnot deflate at all"),
            );
        },
        "static/photo.png",
        "anonymity::unreadable-output",
    );
    insta::assert_snapshot!("unreadable_colour_profile", profile);
}
