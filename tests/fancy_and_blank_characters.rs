//! Identifying text written with characters a reader reads as others was
//! published (red team, round 30): "fancy text" letters and digits
//! (`🅼🅰🆁🅹🅾🆁🅸🅴`, `ᴛʜɪsᴛʟᴇʙᴜʀʏ`, `⓿➐➐⓿⓿`), the blank braille pattern
//! for a space, dashes outside the common few between an id's parts,
//! spaces too narrow to see inside a name, a name spelt out with marks
//! between its letters, and email addresses with spaces around the at
//! sign or ideographic full stops. Each is refused at the line that holds
//! it, in a report's text and in a template; ordinary text in other
//! scripts and lists of letters still build.

mod common;

use common::{METHODS, Project, methods_fails, methods_with, refused, template_refused};

/// Each of `cases` (text, the code it is refused with) in the methods
/// page's body, at its line.
fn each_refused(cases: &[(&str, &str)]) {
    for (written, code) in cases {
        let body = format!("We heard from {written} that spring.\n");
        let out = methods_fails(&body, code);
        assert!(out.contains(&format!("{METHODS}:5:")), "{written}: {out}");
    }
}

#[test]
fn fancy_letters_and_digits_are_read_as_what_they_draw() {
    each_refused(&[
        (
            "\u{1f17c}\u{1f170}\u{1f181}\u{1f179}\u{1f17e}\u{1f181}\u{1f178}\u{1f174} \
             \u{1f180}\u{1f184}\u{1f178}\u{1f17b}\u{1f17b}\u{1f175}\u{1f174}\u{1f170}\u{1f183}\
             \u{1f177}\u{1f174}\u{1f181}",
            "anonymity::identifier",
        ),
        ("ᴛʜɪsᴛʟᴇʙᴜʀʏ", "anonymity::identifier"),
        ("🅣🅗🅘🅢🅣🅛🅔🅑🅤🅡🅨", "anonymity::identifier"),
        ("🇹🇭🇮🇸🇹🇱🇪🇧🇺🇷🇾", "anonymity::identifier"),
        ("⓿➐➐⓿⓿ ➒⓿⓿➊➋➌", "anonymity::phone-number"),
        ("⓿⓻⓻⓿⓿ ⓽⓿⓿⓵⓶⓷", "anonymity::phone-number"),
        ("NHS no ➒➍➌ ➍➐➏ ➎➒➊➒", "anonymity::nhs-number"),
        ("ᴇ1 6ᴀɴ", "anonymity::postcode"),
        ("🅴➊ ➏🅰🅽", "anonymity::postcode"),
        ("🅰🅱 12 34 56 🅲", "anonymity::ni-number"),
        ("⒯⒣⒤⒮⒯⒧⒠⒝⒰⒭⒴", "anonymity::identifier"),
        ("0⑺⑺00 ⑼00⑴⑵⑶", "anonymity::phone-number"),
        ("ᗰᗩᖇᒍOᖇIE ᑫᑌIᒪᒪᖴEᗩTᕼEᖇ", "anonymity::identifier"),
        ("ᎢᎻᎥᏚᎢᏞᎬᏴᏌᎡᎽ", "anonymity::identifier"),
        ("ᴍᴀʀᴊᴏʀɪᴇ ꞯᴜɪʟʟꜰᴇᴀᴛʜᴇʀ", "anonymity::identifier"),
        ("🇹 🇭 🇮 🇸 🇹 🇱 🇪 🇧 🇺 🇷 🇾", "anonymity::identifier"),
        (
            "0\u{fe0f}\u{20e3}7\u{fe0f}\u{20e3}7\u{fe0f}\u{20e3}0\u{fe0f}\u{20e3}0\u{fe0f}\u{20e3} \
          9\u{20e3}0\u{20e3}0\u{20e3}1\u{20e3}2\u{20e3}3\u{20e3}",
            "anonymity::phone-number",
        ),
        ("A-GP-➊", "anonymity::participant-id"),
        ("🅰-🅶🅿-1", "anonymity::participant-id"),
    ]);
}

#[test]
fn a_blank_braille_pattern_is_read_as_a_space() {
    each_refused(&[
        ("Marjorie\u{2800}Quillfeather", "anonymity::identifier"),
        ("07700\u{2800}900123", "anonymity::phone-number"),
        ("943\u{2800}476\u{2800}5919", "anonymity::nhs-number"),
        ("E1\u{2800}6AN", "anonymity::postcode"),
        (
            "AB\u{2800}12\u{2800}34\u{2800}56\u{2800}C",
            "anonymity::ni-number",
        ),
        ("j.smith\u{2800}@\u{2800}example.nhs.uk", "anonymity::email"),
    ]);
}

#[test]
fn every_dash_and_a_mark_drawn_as_one_parts_an_id() {
    for dash in [
        '\u{58a}', '\u{5be}', '\u{1806}', '\u{2e3a}', '\u{fe58}', '\u{2d7}', '\u{2043}',
        '\u{2500}', '\u{2796}', '\u{23af}', '\u{30fc}',
        // Round 31: marks that only look like a dash.
        '\u{4e00}', '\u{3161}', '\u{207b}', '\u{203e}', '\u{2574}', '\u{ff5e}',
    ] {
        let id = format!("a{dash}gp{dash}1");
        each_refused(&[(&id, "anonymity::participant-id")]);
    }
}

/// Round 31: ASCII signs a reader reads as setting a code's parts apart.
#[test]
fn an_ascii_sign_between_an_ids_parts_parts_it() {
    for mark in ['~', '+', '=', '^'] {
        let id = format!("A{mark}GP{mark}1");
        each_refused(&[(&id, "anonymity::participant-id")]);
    }
    each_refused(&[("a\\\\gp\\\\1", "anonymity::participant-id")]);
}

#[test]
fn a_space_too_narrow_to_see_does_not_part_a_name() {
    for space in ['\u{200a}', '\u{2006}', '\u{2009}', '\u{202f}'] {
        let place = format!("Thistle{space}bury");
        each_refused(&[(&place, "anonymity::identifier")]);
    }
}

#[test]
fn a_name_spelt_out_with_marks_between_its_letters_is_refused() {
    each_refused(&[
        ("T_h_i_s_t_l_e_b_u_r_y", "anonymity::identifier"),
        ("T.h.i.s.t.l.e.b.u.r.y", "anonymity::identifier"),
        ("T·h·i·s·t·l·e·b·u·r·y", "anonymity::identifier"),
        ("T/h/i/s/t/l/e/b/u/r/y", "anonymity::identifier"),
        ("T|h|i|s|t|l|e|b|u|r|y", "anonymity::identifier"),
        ("T, h, i, s, t, l, e, b, u, r, y", "anonymity::identifier"),
        // Letter-spaced alike with the words after it: a reader finds the
        // name among the letters by knowing it.
        (
            "M A R J O R I E Q U I L L F E A T H E R S A I D",
            "anonymity::identifier",
        ),
        (
            "s o m e o n e t h i s t l e b u r y w a y",
            "anonymity::identifier",
        ),
        ("T:h:i:s:t:l:e:b:u:r:y", "anonymity::identifier"),
        ("T__h__i__s__t__l__e__b__u__r__y", "anonymity::identifier"),
        ("T，h，i，s，t，l，e，b，u，r，y", "anonymity::identifier"),
        (
            "T ★ h ★ i ★ s ★ t ★ l ★ e ★ b ★ u ★ r ★ y",
            "anonymity::identifier",
        ),
    ]);
}

#[test]
fn an_email_address_with_spaces_or_ideographic_full_stops_is_refused() {
    each_refused(&[
        ("j.smith @ example.nhs.uk", "anonymity::email"),
        ("j.smith@example\u{3002}nhs\u{3002}uk", "anonymity::email"),
        ("j.smith@example\u{ff61}nhs\u{ff61}uk", "anonymity::email"),
    ]);
}

#[test]
fn the_same_characters_in_a_template_are_refused() {
    for written in [
        "ᴍᴀʀᴊᴏʀɪᴇ ǫᴜɪʟʟꜰᴇᴀᴛʜᴇʀ",
        "⓿➐➐⓿⓿ ➒⓿⓿➊➋➌",
        "⒯⒣⒤⒮⒯⒧⒠⒝⒰⒭⒴",
        "ᗰᗩᖇᒍOᖇIE ᑫᑌIᒪᒪᖴEᗩTᕼEᖇ",
        "🇹 🇭 🇮 🇸 🇹 🇱 🇪 🇧 🇺 🇷 🇾",
        "0\u{20e3}7\u{20e3}7\u{20e3}0\u{20e3}0\u{20e3} 9\u{20e3}0\u{20e3}0\u{20e3}1\u{20e3}2\u{20e3}3\u{20e3}",
        "T:h:i:s:t:l:e:b:u:r:y",
        "Marjorie\u{2800}Quillfeather",
        "a\u{58a}gp\u{58a}1",
        "Thistle\u{200a}bury",
        "T_h_i_s_t_l_e_b_u_r_y",
        "j.smith @ example.nhs.uk",
    ] {
        template_refused(written);
    }
}

#[test]
fn a_fancy_name_in_a_static_file_name_is_refused() {
    refused(
        |p| {
            p.write("themes/default/static/🆃🅷🅸🆂🆃🅻🅴🅱🆄🆁🆈/a.txt", "A note.\n");
        },
        "🆃🅷🅸🆂🆃🅻🅴🅱🆄🆁🆈",
    );
}

#[test]
fn other_scripts_lists_and_ordinary_marks_build() {
    let project = Project::fixture("basic");
    let body = "Staff in Łódź and Zürich, the café, straße 12 and São Paulo took part. \
                Москва, Αθήνα and 東京 (コーヒー) were compared — in 2019–2021. \
                Plans A, B and C; options a/b/c; the U.S.A., e.g. and i.e. in turn. \
                Rated ① to ⑤ by 12 staff; see ➊ and ➋ below. Email the team @ the office. \
                Guidance is available @ www.gov.uk, and more details @ gov.uk/guidance. \
                Codes A:B:C, x = y + z, S.M.A.R.T. goals, a – b – c. \
                A ᴛɪᴘ: the NHS 111 line, 10 000 calls. 第一 and 一つ; 1～3 visits; \
                10⁻³ of the budget; ╶ and ╴ in a drawing; a + b = c; x^2; ~3 staff; A; GP; 1 in a list.\n";
    project.write(METHODS, methods_with(body));
    project.build().expect_code(0);
}

/// Fuzz (round 31's CI run): a code's description cut short inside
/// `<script>` leaves the codebook's listing page unreadable; every error,
/// the listing page's too, names a place. The script left open is now
/// refused in the description itself (`anonymity::left-open`), before
/// any page is made, at its `<`.
#[test]
fn a_listing_page_that_cannot_be_read_names_a_place() {
    let project = Project::fixture("basic");
    project.write(
        "content/codebook/structure.md",
        "---\ntitle: Structural characteristics\norder: 1\n---\nHow t<script>a",
    );
    let run = project.build();
    run.expect_code(1);
    let errors = run.stderr.matches("error[").count();
    let placed = run.stderr.matches("\n  --> ").count();
    assert!(errors >= 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/codebook/structure.md:5:6"),
        "{}",
        run.stderr
    );
    assert_eq!(errors, placed, "every error names a place:\n{}", run.stderr);
}
