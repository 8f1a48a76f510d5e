//! Red team, round 22: false alarms from the name handles added in round
//! 21 (a first name and a surname's initial spelling another first name,
//! "Andrew" for Andre W.; a title run on to a surname spelling a word the
//! ordinary-word list lacks, "ladybird" for any Bird; an initial run on to
//! a short surname spelling a place, "Kong" for K. Ong) and from an older
//! one (a surname and an initial spelling another surname or a word,
//! "Clarke", "pricey"); a footnote's number after "A GP" read as the id
//! `a-gp-1`, and that refusal sent to the wrong file; a participant id
//! written with colons; a name across the sub-blocks of a GIF's comment;
//! and a PNG whose metadata is uncompressed `iTXt` refused as compressed.
//! Each test fails on the code of this round; each says what should happen.

mod common;
use common::{FINDING, Project, finding_with};

/// Asserts that `honest` builds with `people` listed, and that `close`,
/// the disclosure it resembles, is still refused at the finding's line 8
/// with `code`.
fn assert_honest_builds_and_close_is_refused(people: &str, honest: &str, close: &str, code: &str) {
    let run = finding_with(people, close).build();
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("error[{code}]"))
            && run.stderr.contains(&format!("{FINDING}:8:")),
        "{close}: {}",
        run.stderr
    );
    let run = finding_with(people, honest).build();
    assert_eq!(
        run.code, 0,
        "an honest line is refused with {people} listed: {honest}\n{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------
// Name handles that spell other names and words
// ---------------------------------------------------------------------

/// False alarm: with "Andre Williams" listed, the first name "Andrew"
/// anywhere (here the former health secretary, in a policy sentence) is
/// refused as Andre's handle "andre" + "w". `add_handles` in
/// `src/anonymity/identifiers/terms.rs` guards the first name with the
/// surname's initial only where the initial is one of `NAME_ENDINGS` or
/// the form is an ordinary word (`may_be_word`); `w` is not among the
/// endings and "andrew", a name, is in neither word list, so the form is
/// read in small letters and as "Andrew". The docs promise the guard
/// exists so that "Sarah is not Sara H.": Andrew is not Andre W. either.
/// What should happen: the sentence builds; "@AndreW", with the capital
/// showing the join, is still refused.
#[test]
fn andre_w_is_read_in_the_name_andrew() {
    assert_honest_builds_and_close_is_refused(
        "Andre Williams",
        "Andrew Lansley's 2012 Act changed how services were commissioned.",
        "Follow @AndreW for updates on the team.",
        "anonymity::identifier",
    );
}

/// False alarm: with "Dr Helen Bird" listed, "Ladybird" (a nursery's
/// name, an ordinary English word) is refused as the handle "Lady" +
/// "Bird". `add_handles` (`src/anonymity/identifiers/terms.rs`) runs every
/// one of `HANDLE_TITLES` on to the surname, whichever title the list
/// gives, and guards the form only where `may_be_word` finds it in
/// `ordinary_words.txt` (SCOWL size 35), which lacks "ladybird". What
/// should happen: the sentence builds; "@DrBird" is still refused.
#[test]
fn lady_and_bird_is_read_in_ladybird() {
    assert_honest_builds_and_close_is_refused(
        "Dr Helen Bird",
        "The Ladybird day nursery next door lent the team its hall.",
        "Ask @DrBird about the rota.",
        "anonymity::identifier",
    );
}

/// False alarm: with "Kevin Ong" listed, "Hong Kong" is refused: "kong"
/// is the initial run on to the short surname ("jlee" for Jane Lee).
/// `add_run_together` (`src/anonymity/identifiers/terms.rs`) guards a
/// form of four letters only where `is_four_letter_word` finds it, and
/// the four-letter list holds no places ("kong", "mali" for Mohammed Ali,
/// "stan" for Sarah Tan), so "Kong" in a sentence is read as the person.
/// What should happen: the sentence builds; "@KOng", the capital showing
/// the join, is still refused.
#[test]
fn k_and_ong_is_read_in_hong_kong() {
    assert_honest_builds_and_close_is_refused(
        "Kevin Ong",
        "Several of the nurses had trained in Hong Kong before joining.",
        "Message @KOng for the slides.",
        "anonymity::identifier",
    );
}

/// False alarm: the surname with the first name's initial after it
/// ("quillfeatherm") spells another surname or a word: with "Emma Clark"
/// listed, a cited "Clarke (2019)" is refused, and with "Yvonne Price"
/// listed, "pricey" in a summary is. `add_run_together`
/// (`src/anonymity/identifiers/terms.rs`) guards the form after the
/// surname only for a plural `s` or where `is_ordinary_word` finds it;
/// "clarke" is a surname and "pricey" is missing from SCOWL size 35, so
/// both are read as the person in any case. What should happen: both
/// sentences build; "@ClarkE" is still refused.
#[test]
fn clark_and_e_is_read_in_clarke_and_price_and_y_in_pricey() {
    assert_honest_builds_and_close_is_refused(
        "Emma Clark",
        "As Clarke (2019) found, integrated teams take years to form.",
        "Ask @ClarkE about the rota.",
        "anonymity::identifier",
    );
    let run = finding_with("Yvonne Price", "Staff said that agency cover was pricey.").build();
    assert_eq!(
        run.code, 0,
        "“pricey” is refused with Yvonne Price listed:\n{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------
// Participant ids
// ---------------------------------------------------------------------

/// The finding with "A GP" and a footnote at the start of a sentence.
fn footnote_after_a_gp() -> Project {
    let project = finding_with(
        "",
        "Practices varied. A GP[^1] described the change as slow.",
    );
    let text = project.read(FINDING);
    project.write(FINDING, format!("{text}\n[^1]: Interviewed in 2023.\n"));
    project
}

/// False alarm: `A GP[^1] described the change as slow.` (a footnote on
/// the subject of a sentence, as academic prose sets one) is refused as
/// the participant id `a-gp-1`. The page shows the footnote's number as
/// `<sup><a>1</a></sup>` run on to "GP"; the final check reads the block
/// as "A GP1" (`ParticipantIds::find`, called from `src/anonymity/gate/
/// look.rs`), which `Shape::written` in `src/anonymity/participant_ids.rs`
/// takes for the id with its last mark left out. A footnote reference is
/// no part of the word it follows. What should happen: it builds; "A GP1
/// described" is still refused.
#[test]
fn a_footnote_after_a_gp_is_read_as_a_participant_id() {
    let run = footnote_after_a_gp().build();
    assert_eq!(
        run.code, 0,
        "a footnote after “A GP” is refused as a participant id:\n{}",
        run.stderr
    );
    let run = finding_with("", "Practices varied. A GP1 described the change as slow.").build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("anonymity::participant-id"),
        "{}",
        run.stderr
    );
}

/// Wrong place: the same refusal (an id the final check alone reads on
/// the finding's page) is sent to `content/quotes/a/same-building.md:2`,
/// the quote's `participant: a-sw-1` line, which is never published and
/// holds another id. `origin::find` (`src/anonymity/gate/origin.rs`)
/// looks through the page's source files for the first line holding
/// anything described as "a participant id", and the quote file's
/// `participant:` field, which the checks of the files exempt, is read
/// as one. What should happen: the message, if any, names the finding
/// whose line the page shows (`content/findings/co-location.md:8`), never
/// a quote's `participant:` line.
#[test]
fn an_id_the_final_check_finds_is_sent_to_a_quotes_participant_line() {
    let run = footnote_after_a_gp().build();
    if run.code == 0 {
        return;
    }
    assert!(
        !run.stderr.contains("same-building.md") && run.stderr.contains(&format!("{FINDING}:8:")),
        "the refusal names the wrong file:\n{}",
        run.stderr
    );
}

/// Road: a participant id written with colons between its parts,
/// "A:GP:1", as codes are set apart in some transcripts and coding tools,
/// is published; "A/GP/1", "A.GP.1" and "A·GP·1" are refused. The marks
/// read between an id's parts are `ID_MARKS`, `MIDDLE_DOTS` and the
/// dashes (`is_one_mark` and `mark_len` in
/// `src/anonymity/participant_ids.rs`); a colon is none of them, so
/// neither the checks of the files nor the final check read the id. What
/// should happen: exit 1, `anonymity::participant-id` at the finding's
/// line 8, `site/` not written.
#[test]
fn a_participant_id_written_with_colons_is_published() {
    let run = finding_with("", "As A:GP:1 put it, the building changed little.").build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("anonymity::participant-id")
            && run.stderr.contains(&format!("{FINDING}:8:")),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------
// Pictures in the theme's static/ folder
// ---------------------------------------------------------------------

/// A one-pixel GIF whose comment extension holds `comment`, in sub-blocks
/// of 255 bytes at most, as GIF writers split it (a reader of the file's
/// properties joins them).
fn gif_with_comment(comment: &[u8]) -> Vec<u8> {
    let mut gif = b"GIF89a".to_vec();
    gif.extend_from_slice(&[1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255]);
    gif.extend_from_slice(&[0x21, 0xfe]);
    for block in comment.chunks(255) {
        gif.push(block.len() as u8);
        gif.extend_from_slice(block);
    }
    gif.push(0);
    gif.extend_from_slice(&[0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b]);
    gif
}

/// Road: a photograph in the theme's `static/` folder, a GIF whose
/// comment (a caption of more than 255 bytes) says "Marjorie
/// Quillfeather took the photograph", is published. GIF keeps a comment
/// in sub-blocks of at most 255 bytes, each after its length byte; a
/// reader of the picture's properties shows them joined. The gate reads a
/// binary file as runs of text (`readable_runs`,
/// `src/anonymity/gate/text.rs`, from `read` in
/// `src/anonymity/gate/read.rs`) without its structure, so the length
/// byte (0x1c here) parts the name into "Marjorie Quill" and "feather",
/// which match nothing. What should happen: exit 1, an `anonymity::`
/// error naming `static/room.gif`, `site/` not written.
#[test]
fn a_name_across_a_gif_comments_sub_blocks_is_published() {
    let caption = "Photograph of the Borough A team room, taken for the evaluation; \
                   permission given by the practice manager. "
        .repeat(3);
    // A space before the name, so that it is a word of its own.
    let mut comment = caption.as_bytes()[..240].to_vec();
    comment.extend_from_slice(b" Marjorie Quillfeather took the photograph.");
    assert_eq!(&comment[241..255], b"Marjorie Quill");
    let project = Project::fixture("basic");
    project.write("themes/default/static/room.gif", gif_with_comment(&comment));
    let run = project.build();
    run.expect_code(1);
    assert!(run.stderr.contains("static/room.gif"), "{}", run.stderr);
    assert!(!project.path("site").exists());
}

/// A one-pixel PNG with an `iTXt` chunk whose compression flag is 0: its
/// text is `text`, plain UTF-8, as screenshot tools and image editors
/// write a description or their XMP.
fn png_with_plain_itxt(text: &str) -> Vec<u8> {
    let mut itxt = b"Description\0\0\0en\0Description\0".to_vec();
    itxt.extend_from_slice(text.as_bytes());
    common::png_with_chunk(b"iTXt", &itxt)
}

/// False alarm: a screenshot of the pathway map whose metadata is an
/// uncompressed `iTXt` chunk ("Screenshot of the discharge pathway map.")
/// is refused: "it is an image with compressed text in its metadata".
/// `read` in `src/anonymity/gate/read.rs` refuses any binary file holding
/// the bytes `iTXt`, without looking at the chunk's compression flag; an
/// `iTXt` chunk with the flag 0 holds plain UTF-8, which `readable_runs`
/// reads as it reads `tEXt`. The docs refuse only "a PNG with compressed
/// metadata". What should happen: the picture is published; the same
/// chunk naming "Marjorie Quillfeather" is refused.
#[test]
fn a_picture_with_uncompressed_itxt_is_refused_as_compressed() {
    let project = Project::fixture("basic");
    project.write(
        "themes/default/static/map.png",
        png_with_plain_itxt("Marjorie Quillfeather drew the discharge pathway map."),
    );
    project.build().expect_code(1);
    let project = Project::fixture("basic");
    project.write(
        "themes/default/static/map.png",
        png_with_plain_itxt("Screenshot of the discharge pathway map."),
    );
    let run = project.build();
    assert_eq!(
        run.code, 0,
        "a PNG with plain (uncompressed) iTXt is refused:\n{}",
        run.stderr
    );
    assert!(project.path("site/static/map.png").exists());
}
