//! How the gate reads one file as it will be published, by its type:
//! markup through [`super::html`], other text through [`super::text`],
//! images and fonts for the text they keep; and what it refuses because a
//! browser would show other text than it reads.

use super::{Texts, css, html, pictures, text};

/// File types read as markup.
const MARKUP: &[&str] = &["html", "htm", "xhtml", "svg", "xml"];
/// Binary types whose readable runs are read (names kept in an image's
/// metadata, or in a font's name table).
const BINARY: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp", "tif", "tiff", "ttf", "otf",
];

/// Reads one file as it will be published into `texts`, or says why it
/// cannot be read.
pub(super) fn read(path: &str, bytes: &[u8], texts: &mut Texts) -> Result<(), &'static str> {
    let lower = path.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            readable_as_utf8(text)?;
            if MARKUP.contains(&ext) {
                html::read(text, texts);
            } else {
                // Only a page's text is shown in a style's capitals.
                texts.capitals = false;
                text::versions(text, texts);
                if let Some(delimiter) = text::delimiter_of(path, text) {
                    text::columns(text, delimiter, texts);
                }
                if text.contains('<') {
                    html::read(text, texts);
                }
            }
            if ext == "css" {
                css::check(text, css::Context::Sheet)?;
            }
        }
        Err(_) if BINARY.contains(&ext) => {
            // What a PNG keeps compressed, in a .png or in a PNG inside
            // an .ico or misnamed: its colour profile unpacked and read
            // (red team finding F8), its compressed text refused.
            for unpacked in pictures::png_unpacked(bytes)? {
                text::versions(&text::readable_runs(&unpacked), texts);
            }
            text::versions(&text::readable_runs(bytes), texts);
            // A GIF's comments, which it keeps in pieces (round 22).
            match pictures::gif_extensions(bytes) {
                Ok(Some(kept)) => text::versions(&text::readable_runs(&kept), texts),
                Ok(None) => {}
                Err(()) => {
                    return Err(
                        "it is a GIF picture whose parts do not follow one another to its end, so what it keeps cannot be read",
                    );
                }
            }
        }
        Err(_) => {
            return Err("it is neither UTF-8 text nor an image or font whose text can be read");
        }
    }
    match texts.unreadable {
        Some(why) => Err(why),
        None => Ok(()),
    }
}

/// Whether a browser shows `text` as the UTF-8 it is read as: a file that
/// holds the escape character that switches ISO-2022 encodings, or
/// declares XML entities (which an XML reader expands), would show
/// something else. (A declared encoding is read where it is declared: a
/// meta tag, an XML declaration, a style sheet's `@charset`, a `data:`
/// address.)
fn readable_as_utf8(text: &str) -> Result<(), &'static str> {
    if text.contains('\u{1b}') {
        return Err(
            "it holds an escape character, with which some encodings (ISO-2022) change what the text says",
        );
    }
    let declares = |(at, _): (usize, &str)| {
        let after = &text.as_bytes()[at + 2..];
        after.len() >= 6 && after[..6].eq_ignore_ascii_case(b"entity")
    };
    if text.match_indices("<!").any(declares) {
        return Err(
            "it declares XML entities, which a reader expands into text the gate does not see",
        );
    }
    Ok(())
}
