//! Where a finding of the gate came from, for its message: the line of a
//! source file the page shows, read as the gate reads the page, or else the
//! line of one of the project's own templates that holds it. Only the
//! position is given: the message never repeats what was found.

use super::{Look, Texts, html, text};
use crate::source::{FileId, Sources, Span};

/// The first line of one of `files` whose text, read as HTML (a body's
/// Markdown is HTML as far as its text goes) and as plain text, holds
/// something described as `what`, or else the first two or three lines
/// in a row that hold it together (a name split over a line break): its
/// span, from where what was found begins.
pub fn find(look: &Look, sources: &Sources, files: &[FileId], what: &str) -> Option<Span> {
    (1..=3)
        .find_map(|lines| {
            files
                .iter()
                .find_map(|&file| find_in(look, sources, file, lines, what))
        })
        .or_else(|| {
            files.iter().find_map(|&file| {
                let text = published(&sources.get(file).text);
                completed_at(look, &text, what).map(|range| Span::new(file, range))
            })
        })
}

/// The first line of one of `files` holding a link written without text
/// (`[](page:unit)`, as [`crate::markdown::references`] finds one) that,
/// with the title the link prints in its place (`title`), holds something
/// described as `what`, alone or with the lines either side (F10: a name
/// completed by a page's title): that line's span.
pub fn find_through_links(
    look: &Look,
    sources: &Sources,
    files: &[FileId],
    what: &str,
    title: &super::LinkTitle,
) -> Option<Span> {
    files.iter().find_map(|&file| {
        let text = published(&sources.get(file).text);
        // Each untitled link, from its `[` to its `)`, and what it prints.
        let links: Vec<(std::ops::Range<usize>, String)> =
            crate::markdown::references(&text, 0..text.len())
                .into_iter()
                .filter(|link| link.untitled)
                .filter_map(|link| {
                    let open = text[..link.range.start].rfind('[')?;
                    let close = link.range.end + text[link.range.end..].find(')')? + 1;
                    Some((open..close, title(link.kind, &link.id).unwrap_or_default()))
                })
                .collect();
        let mut lines: Vec<std::ops::Range<usize>> = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            lines.push(start..start + line.len());
            start += line.len();
        }
        // Lines `from..to` with each untitled link in them printed.
        let printed = |from: usize, to: usize| -> String {
            let (begin, end) = (lines[from].start, lines[to.min(lines.len()) - 1].end);
            let mut out = String::new();
            let mut at = begin;
            for (link, title) in links
                .iter()
                .filter(|(l, _)| l.start >= begin && l.end <= end)
            {
                out.push_str(&text[at..link.start]);
                out.push_str(title);
                at = link.end;
            }
            out.push_str(&text[at..end]);
            out
        };
        lines.iter().enumerate().find_map(|(n, line)| {
            let found = links.iter().any(|(l, _)| line.contains(&l.start))
                && [(n, n + 1), (n.saturating_sub(1), n + 2)]
                    .iter()
                    .any(|&(from, to)| holds(look, &printed(from, to), what));
            found.then(|| {
                let written = &text[line.clone()];
                let from = written.len() - written.trim_start().len();
                let end = written.trim_end().len().max(from + 1).min(written.len());
                Span::new(file, line.start + from..line.start + end)
            })
        })
    })
}

/// The line of the first label of one of `files` (a pathway's nodes and
/// edges, `label:` in its front matter) without which the labels, read
/// as a drawing's pieces are ([`super::drawn`]: side by side in any
/// order), no longer hold something described as `what` (F10: a name
/// made of two nodes' labels): that label's span.
pub fn find_in_labels(
    look: &Look,
    sources: &Sources,
    files: &[FileId],
    what: &str,
) -> Option<Span> {
    static LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"\blabel:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^,}\]\n]+))"#)
            .expect("a valid pattern")
    });
    let holds = |labels: &[&str]| {
        let mut texts = look.texts();
        super::drawn::read(
            labels.iter().map(|l| l.trim().to_string()).collect(),
            &mut texts,
        );
        look.find(&texts).iter().any(|hit| hit.what == what)
    };
    files.iter().find_map(|&file| {
        let text = &sources.get(file).text;
        let labels: Vec<(std::ops::Range<usize>, &str)> = LABEL
            .captures_iter(text)
            .filter_map(|found| {
                let value = found.get(1).or(found.get(2)).or(found.get(3))?;
                Some((value.range(), value.as_str()))
            })
            .collect();
        let all: Vec<&str> = labels.iter().map(|(_, label)| *label).collect();
        if labels.len() < 2 || !holds(&all) {
            return None;
        }
        (0..labels.len()).find_map(|i| {
            let others: Vec<&str> = (all.iter().enumerate())
                .filter(|&(j, _)| j != i)
                .map(|(_, label)| *label)
                .collect();
            (!holds(&others)).then(|| Span::new(file, labels[i].0.clone()))
        })
    })
}

/// [`find`] in templates, whose lines are also read as they print their
/// own text ([`super::allow::as_printed`]: a term parted by a comment or
/// a tag, or joined from strings, round 19).
pub fn find_in_templates(
    look: &Look,
    sources: &Sources,
    templates: &[FileId],
    what: &str,
) -> Option<Span> {
    find(look, sources, templates, what).or_else(|| {
        templates.iter().find_map(|&file| {
            let text = &sources.get(file).text;
            let mut start = 0;
            text.split_inclusive('\n').find_map(|line| {
                let at = start;
                start += line.len();
                let printed = super::allow::as_printed(line);
                holds(look, &printed, what).then(|| {
                    let from = line.len() - line.trim_start().len();
                    let end = line.trim_end().len().max(from + 1).min(line.len());
                    Span::new(file, at + from..at + end)
                })
            })
        })
    })
}

/// The line of `text` on which something described as `what` is first
/// whole, reading from the top: where no few lines hold it alone (a date
/// rows under its table's "Date of birth" heading), the line that
/// completes it. Found by halving, on line ends.
fn completed_at(look: &Look, text: &str, what: &str) -> Option<std::ops::Range<usize>> {
    let ends: Vec<usize> = text
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .chain(std::iter::once(text.len()))
        .collect();
    if !holds(look, text, what) {
        return None;
    }
    // The first line end up to which the text holds it.
    let (mut low, mut high) = (0, ends.len() - 1);
    while low < high {
        let middle = (low + high) / 2;
        match holds(look, &text[..ends[middle]], what) {
            true => high = middle,
            false => low = middle + 1,
        }
    }
    let start = if low == 0 { 0 } else { ends[low - 1] };
    let line = text[start..ends[low]].trim_end();
    let from = line.len() - line.trim_start().len();
    let end = (start + line.len().max(from + 1)).min(text.len());
    Some(start + from..end)
}

/// Where in `text` (a published file that is no source: a theme's static
/// file) something described as `what` begins, as [`find`] finds it; in
/// a table of figures (`delimiter`), the row that holds it read under the
/// headings.
pub fn find_in_text(
    look: &Look,
    text: &str,
    what: &str,
    delimiter: Option<u8>,
) -> Option<std::ops::Range<usize>> {
    (1..=3)
        .find_map(|lines| range_in(look, text, lines, what))
        .or_else(|| {
            let delimiter = delimiter?;
            let headings = text.lines().next()?;
            let mut start = 0;
            text.split_inclusive('\n').find_map(|line| {
                let at = start;
                start += line.len();
                let mut texts = look.texts();
                text::columns(&format!("{headings}\n{line}"), delimiter, &mut texts);
                let found = at > 0 && look.find(&texts).iter().any(|hit| hit.what == what);
                found.then(|| at..at + line.trim_end().len().max(1))
            })
        })
}

/// The first `count` lines in a row of `file` that hold `what`, but for
/// what is never published.
fn find_in(look: &Look, sources: &Sources, file: FileId, count: usize, what: &str) -> Option<Span> {
    let text = published(&sources.get(file).text);
    range_in(look, &text, count, what).map(|range| Span::new(file, range))
}

/// `text` with the lines of its front matter that are never published
/// blanked, each byte a space (so offsets stay): a quote's
/// `participant:`, which the checks of the files exempt, holds an id the
/// gate never reads on a page, and a message sent there would point the
/// researcher at the wrong line (red team, round 22).
fn published(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(front) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return text.into();
    };
    let start = text.len() - front.len();
    let mut out: Option<String> = None;
    let mut at = start;
    for line in front.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            break;
        }
        if line.trim_start().starts_with("participant:") {
            let out = out.get_or_insert_with(|| text.to_string());
            let end = at + trimmed.len();
            out.replace_range(at..end, &" ".repeat(end - at));
        }
        at += line.len();
    }
    out.map_or(text.into(), Into::into)
}

/// The first `count` lines in a row of `text` that hold `what`: from where
/// it begins to the end of that line.
fn range_in(look: &Look, text: &str, count: usize, what: &str) -> Option<std::ops::Range<usize>> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len())
        .collect();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + count).copied().unwrap_or(text.len());
        if starts.len() < n + count {
            break;
        }
        let window = &text[start..end];
        if !holds(look, window, what) {
            continue;
        }
        // The latest start from which it is still found: where it begins
        // (found by halving, since a long line is read whole each time).
        let first_line = starts.get(n + 1).map_or(text.len(), |&next| next) - start;
        let (mut low, mut high) = (0, first_line);
        while low + 1 < high {
            let middle = (low + high) / 2;
            let at = (middle..high)
                .find(|&i| window.is_char_boundary(i))
                .unwrap_or(high);
            match at < high && holds(look, &window[at..], what) {
                true => low = at,
                false => high = middle,
            }
        }
        let line_end = window[..first_line].trim_end().len();
        let end = line_end.max(low + 1).min(window.len());
        return Some(start + low..start + end);
    }
    None
}

/// The first line of one of `files` that, read as HTML (into `texts()`),
/// cannot be read for the reason `why` (a style that shows text out of
/// place, say), or else the first file that cannot, read whole; and which
/// of the two it is (`"line"` or `"file"`).
pub fn find_unreadable(
    sources: &Sources,
    files: &[FileId],
    why: &str,
    texts: &dyn Fn() -> Texts,
) -> Option<(Span, &'static str)> {
    let refused = |text: &str| super::read("line.html", text.as_bytes(), &mut texts()) == Err(why);
    let line = files.iter().find_map(|&file| {
        let source = sources.get(file);
        let mut start = 0;
        for line in source.text.split_inclusive('\n') {
            if refused(line) {
                let from = line.len() - line.trim_start().len();
                let end = line.trim_end().len().max(from + 1).min(line.len());
                return Some((Span::new(file, start + from..start + end), "line"));
            }
            start += line.len();
        }
        None
    });
    // No one line: a file whose text, read whole, is refused for it (a
    // paragraph over several lines with too many ways to be shown).
    line.or_else(|| {
        (files.iter())
            .find(|&&file| refused(&sources.get(file).text))
            .map(|&file| (Span::file_start(file), "file"))
    })
}

/// Where the first of `templates` that leaves an element or a comment
/// open, read whole, opens it.
pub fn find_left_open(sources: &Sources, templates: &[FileId]) -> Option<Span> {
    templates.iter().find_map(|&file| {
        let text = &sources.get(file).text;
        let open = crate::reading::left_open(text)?;
        let end = text[open.at..]
            .find(|c: char| c.is_whitespace() || c == '>')
            .map_or(text.len(), |i| open.at + i.max(1));
        Some(Span::new(file, open.at..end))
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
