//! Where a finding of the gate came from, for its message: the line of a
//! source file the page shows, read as the gate reads the page, or else the
//! line of one of the project's own templates that holds it. Only the
//! position is given: the message never repeats what was found.

use super::{Look, Texts, html, text};
use crate::source::{FileId, Sources, Span};

/// The first line of one of `files` whose text, read as HTML (a body's
/// Markdown is HTML as far as its text goes) and as plain text, holds
/// something described as `what`: its span (from the line's first
/// character that is not white space).
pub fn find(look: &Look, sources: &Sources, files: &[FileId], what: &str) -> Option<Span> {
    files.iter().find_map(|&file| {
        let source = sources.get(file);
        let mut start = 0;
        for line in source.text.split_inclusive('\n') {
            if holds(look, line, what) {
                // The latest start in the line from which it is still found:
                // where what was found begins.
                let from = (0..line.len())
                    .rev()
                    .filter(|&i| line.is_char_boundary(i))
                    .find(|&i| holds(look, &line[i..], what))
                    .unwrap_or(0);
                let end = line.trim_end().len().max(from + 1).min(line.len());
                return Some(Span::new(file, start + from..start + end));
            }
            start += line.len();
        }
        None
    })
}

/// The first line of one of `files` that, read as HTML, cannot be read
/// for the reason `why` (a style that shows text out of place, say).
pub fn find_unreadable(sources: &Sources, files: &[FileId], why: &str) -> Option<Span> {
    files.iter().find_map(|&file| {
        let source = sources.get(file);
        let mut start = 0;
        for line in source.text.split_inclusive('\n') {
            let mut texts = Texts::default();
            if super::read("line.html", line.as_bytes(), &mut texts) == Err(why) {
                let from = line.len() - line.trim_start().len();
                let end = line.trim_end().len().max(from + 1).min(line.len());
                return Some(Span::new(file, start + from..start + end));
            }
            start += line.len();
        }
        None
    })
}

/// Whether `text`, read as HTML and as plain text, holds something
/// described as `what`.
fn holds(look: &Look, text: &str, what: &str) -> bool {
    let mut texts = look.texts();
    html::read(text, &mut texts);
    text::versions(text, &mut texts);
    look.find(&texts).iter().any(|hit| hit.what == what)
}
