//! Diagnostics: problems found in a researcher's files, collected as data and
//! reported all at once, like a compiler. Owns the diagnostic type and its
//! rendering (plain text, coloured terminal, JSON lines); does not decide what
//! is a problem (each stage does).

//!
//! - `shown`: what of a file a message shows, and how;
//! - `private`: what a message about the identifiers list may say.

mod private;
mod shown;

use crate::source::{FileId, Sources, Span};
use codespan_reporting::diagnostic::{self as cs, Label};
use codespan_reporting::term;
use private::redact;
use serde::Serialize;
use shown::Shown;
pub use shown::{SHOWN_LINE, printable};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, with where it is, what is wrong and how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code such as `reference::unknown-quote`.
    pub code: &'static str,
    /// What is wrong, in a researcher's words.
    pub message: String,
    /// Where it is; `None` only for problems about the project as a whole.
    pub span: Option<Span>,
    /// A short label printed under the caret.
    pub label: String,
    /// How to fix it.
    pub fix: Option<String>,
    /// Further context, such as the other file of a duplicate.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: bounded(message.into()),
            span: None,
            label: String::new(),
            fix: None,
            notes: Vec::new(),
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = bounded(label.into());
        self
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Diagnostic {
        self.fix = Some(fix.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The most characters a message or label keeps: one that quotes text
/// from a file (a term, a value) is cut there, with `...`, so that a
/// megabyte-long value never makes a megabyte-long message.
pub const LONGEST_MESSAGE: usize = 500;

fn bounded(mut text: String) -> String {
    if let Some((cut, _)) = text.char_indices().nth(LONGEST_MESSAGE) {
        text.truncate(cut);
        text.push_str("...");
    }
    text
}

/// Every diagnostic of a run, in the order found.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Errors and warnings not kept (see [`Diagnostics::finish`]), counted.
    hidden_errors: usize,
    hidden_warnings: usize,
}

/// The most diagnostics of one code kept for one file: the rest are
/// counted, and a note on the last one kept says how many more there are
/// (docs/limits.md). A file of megabytes can hold hundreds of thousands
/// of the same mistake, and printed whole they ran to 100 MB (#case-13).
pub const MOST_OF_ONE_KIND: usize = 20;

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        self.hidden_errors += other.hidden_errors;
        self.hidden_warnings += other.hidden_warnings;
    }

    pub fn has_errors(&self) -> bool {
        self.hidden_errors > 0 || self.items.iter().any(Diagnostic::is_error)
    }

    /// Every error found, shown or not.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count() + self.hidden_errors
    }

    /// Every warning found, shown or not.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.items.iter().filter(|d| d.is_error()).count() + self.hidden_warnings
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics to show.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Makes the diagnostics ready to show, whatever the format: sorted
    /// by file and position, at most [`MOST_OF_ONE_KIND`] of one code for
    /// one file, and no text of a private file in what they say
    /// ([`redact`]).
    pub fn finish(&mut self, sources: &Sources) {
        self.sort();
        self.cap();
        for diagnostic in &mut self.items {
            if let Some(span) = &diagnostic.span {
                let file = sources.get(span.file);
                if let Some(words) = file.private_words() {
                    redact(diagnostic, &file.text, words);
                }
            }
        }
    }

    /// Sorts by file and position so a report reads top to bottom; errors and
    /// warnings stay interleaved as they are in the files.
    fn sort(&mut self) {
        self.items.sort_by_key(|d| {
            d.span
                .as_ref()
                .map_or((usize::MAX, 0), |s| (s.file.0, s.range.start))
        });
    }

    /// Keeps the first [`MOST_OF_ONE_KIND`] diagnostics of each code for
    /// each file (in order), counting the rest, with a note on the last one
    /// kept saying how many more there are.
    fn cap(&mut self) {
        let mut seen: HashMap<(FileId, &'static str), (usize, usize)> = HashMap::new();
        for (at, d) in self.items.iter().enumerate() {
            if let Some(span) = &d.span {
                let (count, last) = seen.entry((span.file, d.code)).or_insert((0, at));
                *count += 1;
                if *count <= MOST_OF_ONE_KIND {
                    *last = at;
                }
            }
        }
        if seen.values().all(|&(count, _)| count <= MOST_OF_ONE_KIND) {
            return;
        }
        let mut kept = Vec::with_capacity(self.items.len());
        let mut counts: HashMap<(FileId, &'static str), usize> = HashMap::new();
        for (at, mut d) in std::mem::take(&mut self.items).into_iter().enumerate() {
            let Some(key) = d.span.as_ref().map(|span| (span.file, d.code)) else {
                kept.push(d);
                continue;
            };
            let count = counts.entry(key).or_insert(0);
            *count += 1;
            if *count > MOST_OF_ONE_KIND {
                match d.severity {
                    Severity::Error => self.hidden_errors += 1,
                    Severity::Warning => self.hidden_warnings += 1,
                }
                continue;
            }
            let (total, last) = seen[&key];
            if at == last && total > MOST_OF_ONE_KIND {
                let more = total - MOST_OF_ONE_KIND;
                d.notes.push(format!(
                    "{more} more like this in this file {} not shown: correct these {MOST_OF_ONE_KIND} and check again to see the rest",
                    if more == 1 { "is" } else { "are" }
                ));
            }
            kept.push(d);
        }
        self.items = kept;
    }
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc-like text; coloured when `colour` is set.
    Human { colour: bool },
    /// One JSON object per line.
    Json,
}

fn to_codespan(diagnostic: &Diagnostic, shown: &Shown) -> cs::Diagnostic<FileId> {
    let base = match diagnostic.severity {
        Severity::Error => cs::Diagnostic::error(),
        Severity::Warning => cs::Diagnostic::warning(),
    };
    let mut notes: Vec<String> = diagnostic
        .notes
        .iter()
        .map(|note| printable(note).into_owned())
        .collect();
    if let Some(fix) = &diagnostic.fix {
        notes.push(format!("help: {}", printable(fix)));
    }
    let labels = diagnostic
        .span
        .iter()
        .map(|span| {
            Label::primary(span.file, shown.range(span)).with_message(printable(&diagnostic.label))
        })
        .collect();
    base.with_code(diagnostic.code)
        .with_message(printable(&diagnostic.message))
        .with_labels(labels)
        .with_notes(notes)
}

fn config() -> term::Config {
    term::Config {
        chars: term::Chars::ascii(),
        ..term::Config::default()
    }
}

/// Renders one diagnostic as plain text.
pub fn render_plain(sources: &Sources, diagnostic: &Diagnostic) -> String {
    let shown = Shown::new(sources, diagnostic);
    term::emit_into_string(&config(), &shown, &to_codespan(diagnostic, &shown))
        .unwrap_or_else(|_| format!("{}: {}\n", diagnostic.code, diagnostic.message))
}

/// Renders every diagnostic as plain text, followed by a one-line summary.
pub fn render_all_plain(sources: &Sources, diagnostics: &Diagnostics) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics.iter() {
        out.push_str(&render_plain(sources, diagnostic));
        out.push('\n');
    }
    out
}

/// The JSON form of a diagnostic, one object per line (documented in docs/diagnostics-json.md).
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end: Option<JsonPosition>,
    pub severity: Severity,
    pub code: &'a str,
    pub message: &'a str,
    pub suggestion: Option<&'a str>,
    pub notes: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct JsonPosition {
    pub line: usize,
    pub column: usize,
}

pub fn to_json(sources: &Sources, diagnostic: &Diagnostic) -> String {
    let position = diagnostic.span.as_ref().map(|span| {
        let file = sources.get(span.file);
        let (line, column) = file.line_column(span.range.start);
        let (end_line, end_column) = file.line_column(span.range.end);
        (
            file.name.as_str(),
            line,
            column,
            JsonPosition {
                line: end_line,
                column: end_column,
            },
        )
    });
    let (file, line, column, end) = match position {
        Some((file, line, column, end)) => (Some(file), Some(line), Some(column), Some(end)),
        None => (None, None, None, None),
    };
    let json = JsonDiagnostic {
        file,
        line,
        column,
        end,
        severity: diagnostic.severity,
        code: diagnostic.code,
        message: &diagnostic.message,
        suggestion: diagnostic.fix.as_deref(),
        notes: &diagnostic.notes,
    };
    serde_json::to_string(&json).unwrap_or_default()
}

/// Writes every diagnostic to standard error in the chosen format.
pub fn emit(sources: &Sources, diagnostics: &Diagnostics, format: Format) {
    use std::io::Write;
    match format {
        Format::Json => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for diagnostic in diagnostics.iter() {
                let _ = writeln!(out, "{}", to_json(sources, diagnostic));
            }
        }
        Format::Human { colour: false } => {
            let _ = write!(
                std::io::stderr(),
                "{}",
                render_all_plain(sources, diagnostics)
            );
        }
        Format::Human { colour: true } => {
            let mut stream =
                term::termcolor::StandardStream::stderr(term::termcolor::ColorChoice::Auto);
            for diagnostic in diagnostics.iter() {
                let shown = Shown::new(sources, diagnostic);
                let _ = term::emit_to_write_style(
                    &mut stream,
                    &config(),
                    &shown,
                    &to_codespan(diagnostic, &shown),
                );
                let _ = writeln!(stream);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn plain_rendering_names_file_line_column_and_fix() {
        let mut sources = Sources::default();
        let id = sources.add(SourceFile::new(
            "content/findings/x.md",
            "---\ntitle: X\nbouroughs: [a]\n---\n",
        ));
        let start = sources.text(id).find("bouroughs").unwrap();
        let diagnostic = Diagnostic::error("yaml::unknown-field", "unknown field `bouroughs`")
            .at(Span::new(id, start..start + 9))
            .label("not a field of a finding")
            .fix("did you mean `boroughs`?");
        let text = render_plain(&sources, &diagnostic);
        assert!(text.contains("error[yaml::unknown-field]: unknown field `bouroughs`"));
        assert!(text.contains("content/findings/x.md:3:1"), "{text}");
        assert!(text.contains("bouroughs: [a]"));
        assert!(
            text.contains("^^^^^^^^^ not a field of a finding"),
            "{text}"
        );
        assert!(text.contains("help: did you mean `boroughs`?"));
    }

    #[test]
    fn json_has_positions_and_suggestion() {
        let mut sources = Sources::default();
        let id = sources.add(SourceFile::new("a.md", "one\ntwo\n"));
        let diagnostic = Diagnostic::warning("x::y", "msg")
            .at(Span::new(id, 4..7))
            .fix("do it");
        let value: serde_json::Value =
            serde_json::from_str(&to_json(&sources, &diagnostic)).unwrap();
        assert_eq!(value["file"], "a.md");
        assert_eq!(value["line"], 2);
        assert_eq!(value["column"], 1);
        assert_eq!(value["end"]["column"], 4);
        assert_eq!(value["severity"], "warning");
        assert_eq!(value["suggestion"], "do it");
    }

    /// Regression (#19.7): a quote of megabytes on one line was echoed
    /// whole under its warning. The line is shown as a window around the
    /// caret, still at the line and column of the file.
    #[test]
    fn a_long_line_is_shown_around_the_caret() {
        let mut sources = Sources::default();
        let line = format!("{}PHONE{}", "word ".repeat(100_000), " more".repeat(1000));
        let id = sources.add(SourceFile::new("q.md", format!("---\n---\n{line}\n")));
        let at = sources.text(id).find("PHONE").unwrap();
        let diagnostic = Diagnostic::error("x::y", "found")
            .at(Span::new(id, at..at + 5))
            .label("here");
        let text = render_plain(&sources, &diagnostic);
        assert!(text.len() < 1000, "{} bytes", text.len());
        assert!(text.contains("q.md:3:500001"), "{text}");
        assert!(text.contains("3 | ...word word"), "{text}");
        assert!(text.contains("PHONE more more"), "{text}");
        let caret = text.lines().find(|l| l.contains("^^^^^ here")).unwrap();
        let shown = text.lines().find(|l| l.contains("PHONE")).unwrap();
        assert_eq!(caret.find('^'), shown.find("PHONE"), "{text}");
        // A span over the whole long line is cut too.
        let whole = Diagnostic::warning("x::z", "long").at(Span::new(id, 8..8 + line.len()));
        assert!(render_plain(&sources, &whole).len() < 1000);
        // A short line is shown as it is.
        let short = Diagnostic::error("x::y", "m").at(Span::new(id, 0..3));
        assert!(render_plain(&sources, &short).contains("1 | ---\n"));
    }

    #[test]
    fn a_long_message_is_cut() {
        let diagnostic = Diagnostic::error("x::y", "a".repeat(10_000)).label("b".repeat(10_000));
        assert_eq!(diagnostic.message.chars().count(), LONGEST_MESSAGE + 3);
        assert!(diagnostic.label.ends_with("..."));
    }
}
