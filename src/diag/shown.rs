//! What of a file a message shows, as a terminal can show it: a window of
//! a long line, control characters as symbols (#case-12.9), a private
//! file's line masked (#case-04).

use super::Diagnostic;
use super::private::{field_key, masked_char};
use crate::source::{FileId, SourceFile, Sources, Span};
use codespan_reporting::files;
use std::borrow::Cow;
use std::ops::Range;

/// Text from a file or a file's name as a terminal can show it: a
/// control character (which could move the cursor, recolour or split the
/// message: an ANSI escape in a file name) is written as an escape such
/// as `\u{1b}` or `\n` (#case-12.9).
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unprintable) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unprintable(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A character a terminal acts on rather than shows: the C0 and C1
/// controls (a tab is kept: it only moves along the line) and those that
/// reorder the text after them (bidirectional overrides and isolates).
fn is_unprintable(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character of a source line as a message shows it, one for one so the
/// caret stays under its column: an unprintable one as its symbol (the
/// Control Pictures block: `␛` for an escape) or `�`.
fn shown_char(c: char) -> char {
    match c {
        '\t' => c,
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        c if is_unprintable(c) => '\u{FFFD}',
        c => c,
    }
}

/// The most characters of a source line a message shows: a line longer
/// than this (a whole quote on one line, megabytes long) is shown as this
/// much of it around the caret, with `...` where it was cut.
pub const SHOWN_LINE: usize = 200;

/// How many characters of the line before the caret a cut line keeps.
const BEFORE_CARET: usize = 60;

/// What of a file a message shows: the files themselves, or a window of
/// the line the diagnostic points at (one line, still numbered and placed
/// as in the file) when that line cannot be shown as it is: it is longer
/// than [`SHOWN_LINE`], holds a character a terminal would act on, or is
/// in a private file (whose characters are masked).
pub(super) struct Shown<'a> {
    sources: &'a Sources,
    window: Option<Window>,
    /// The printable name of the file the diagnostic points into.
    name: Option<(FileId, String)>,
}

struct Window {
    file: FileId,
    /// The window's text, with `...` where the line was cut.
    text: String,
    /// Zero-based line of the file the window is cut from.
    line: usize,
    /// Each character's offset in `text` with its offset in the file, in
    /// order, and the end of each.
    offsets: Vec<(usize, usize)>,
    /// The label's range in `text`.
    label: Range<usize>,
}

impl<'a> Shown<'a> {
    pub(super) fn new(sources: &'a Sources, diagnostic: &Diagnostic) -> Shown<'a> {
        let window = diagnostic
            .span
            .as_ref()
            .and_then(|span| Window::cut(sources, span));
        let name = diagnostic.span.as_ref().map(|span| {
            let name = printable(sources.name(span.file)).into_owned();
            (span.file, name)
        });
        Shown {
            sources,
            window,
            name,
        }
    }

    /// The label's range: in the window when there is one, otherwise the
    /// span's range on character boundaries.
    pub(super) fn range(&self, span: &Span) -> Range<usize> {
        match &self.window {
            Some(window) if window.file == span.file => window.label.clone(),
            _ => self.sources.get(span.file).clamp(span.range.clone()),
        }
    }

    fn window(&self, id: FileId) -> Option<&Window> {
        self.window.as_ref().filter(|w| w.file == id)
    }
}

impl Window {
    /// A window of the span's first line, when a line the message would
    /// show cannot be shown as it is; `None` when every line can.
    fn cut(sources: &Sources, span: &Span) -> Option<Window> {
        let file = sources.get(span.file);
        let range = file.clamp(span.range.clone());
        let (first, last) = (file.line_index(range.start), file.line_index(range.end));
        let as_it_is = |line: usize| {
            file.line_range(line).is_none_or(|r| {
                let text = &file.text[r];
                text.chars().nth(SHOWN_LINE).is_none() && !text.chars().any(is_unprintable)
            })
        };
        if !file.is_private() && (first..=last).all(as_it_is) {
            return None;
        }
        let line = file.line_range(first)?;
        let text = &file.text[line.clone()];
        let caret = range.start.min(line.end) - line.start;
        // Up to BEFORE_CARET characters before the caret, SHOWN_LINE in all.
        let from = text[..caret]
            .char_indices()
            .rev()
            .nth(BEFORE_CARET - 1)
            .map_or(0, |(i, _)| i);
        let to = text[from..]
            .char_indices()
            .nth(SHOWN_LINE)
            .map_or(text.len(), |(i, _)| from + i);
        let end = range.end.min(line.start + to).max(range.start) - line.start;
        let at = (span.file, first);
        Some(Window::of(file, at, line, (from, to), caret..end))
    }

    /// The window of `text[from..to]` of the line `line` (its byte range in
    /// the file; `number` is its zero-based line in file `id`), each
    /// character as [`shown_char`] shows it, with `...` where the line was
    /// cut; `label` is in the line.
    fn of(
        file: &SourceFile,
        (id, number): (FileId, usize),
        line: Range<usize>,
        (from, to): (usize, usize),
        label: Range<usize>,
    ) -> Window {
        let (start, text) = (line.start, &file.text[line]);
        let mut shown = String::with_capacity(to - from + 6);
        if from > 0 {
            shown.push_str("...");
        }
        let mut offsets = Vec::with_capacity(to - from + 1);
        let (mut label_start, mut label_end) = (None, None);
        let private = file.is_private();
        let mut before = text[..from].chars().next_back();
        let mut indenting = private && text[..from].trim_start_matches([' ', '\t']).is_empty();
        let field = file
            .private_words()
            .and_then(|words| field_key(text, words));
        let chars = text[from..to]
            .char_indices()
            .map(|(i, c)| (from + i, Some(c)));
        for (at, c) in chars.chain([(to, None)]) {
            if at >= label.start && label_start.is_none() {
                label_start = Some(shown.len());
            }
            if at >= label.end && label_end.is_none() {
                label_end = Some(shown.len());
            }
            offsets.push((shown.len(), start + at));
            let Some(c) = c else { break };
            indenting &= c == ' ' || c == '\t';
            shown.push(match private {
                true if field.as_ref().is_some_and(|f| f.contains(&at)) => c,
                true => masked_char(c, before, indenting),
                false => shown_char(c),
            });
            before = Some(c);
        }
        let label_start = label_start.unwrap_or(shown.len());
        let label_end = label_end.unwrap_or(shown.len()).max(label_start);
        if to < text.len() {
            shown.push_str("...");
        }
        Window {
            file: id,
            text: shown,
            line: number,
            offsets,
            label: label_start..label_end,
        }
    }

    /// The file's offset of an offset in the window's text.
    fn offset_in_file(&self, offset: usize) -> usize {
        let at = self.offsets.partition_point(|&(shown, _)| shown <= offset);
        self.offsets[at.saturating_sub(1)].1
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Shown<'a> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        match &self.name {
            Some((file, name)) if *file == id => Ok(name),
            _ => Ok(self.sources.name(id)),
        }
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        match self.window(id) {
            Some(window) => Ok(&window.text),
            None => codespan_reporting::files::Files::source(self.sources, id),
        }
    }

    fn line_index(&'a self, id: FileId, byte: usize) -> Result<usize, files::Error> {
        match self.window(id) {
            Some(_) => Ok(0),
            None => self.sources.line_index(id, byte),
        }
    }

    fn line_number(&'a self, id: FileId, line: usize) -> Result<usize, files::Error> {
        match self.window(id) {
            Some(window) => Ok(window.line + line + 1),
            None => Ok(line + 1),
        }
    }

    fn location(&'a self, id: FileId, byte: usize) -> Result<files::Location, files::Error> {
        let file = self.sources.get(id);
        let offset = match self.window(id) {
            Some(window) => window.offset_in_file(byte),
            None => byte,
        };
        let (line_number, column_number) = file.line_column(offset);
        Ok(files::Location {
            line_number,
            column_number,
        })
    }

    fn line_range(&'a self, id: FileId, line: usize) -> Result<Range<usize>, files::Error> {
        match self.window(id) {
            Some(window) if line == 0 => Ok(0..window.text.len()),
            Some(window) => Ok(window.text.len()..window.text.len()),
            None => self.sources.line_range(id, line),
        }
    }
}
