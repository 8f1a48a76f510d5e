//! Diagnostics: problems found in a researcher's files, collected as data and
//! reported all at once, like a compiler. Owns the diagnostic type and its
//! rendering (plain text, coloured terminal, JSON lines); does not decide what
//! is a problem (each stage does).

use crate::source::{FileId, Sources, Span};
use codespan_reporting::diagnostic::{self as cs, Label};
use codespan_reporting::term;
use serde::Serialize;

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
            message: message.into(),
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
        self.label = label.into();
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

/// Every diagnostic of a run, in the order found.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorts by file and position so a report reads top to bottom; errors and
    /// warnings stay interleaved as they are in the files.
    pub fn sort(&mut self) {
        self.items.sort_by_key(|d| {
            d.span
                .as_ref()
                .map_or((usize::MAX, 0), |s| (s.file.0, s.range.start))
        });
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

fn to_codespan(diagnostic: &Diagnostic) -> cs::Diagnostic<FileId> {
    let base = match diagnostic.severity {
        Severity::Error => cs::Diagnostic::error(),
        Severity::Warning => cs::Diagnostic::warning(),
    };
    let mut notes = diagnostic.notes.clone();
    if let Some(fix) = &diagnostic.fix {
        notes.push(format!("help: {fix}"));
    }
    let labels = diagnostic
        .span
        .iter()
        .map(|span| Label::primary(span.file, span.range.clone()).with_message(&diagnostic.label))
        .collect();
    base.with_code(diagnostic.code)
        .with_message(&diagnostic.message)
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
    term::emit_into_string(&config(), sources, &to_codespan(diagnostic))
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
                let _ = term::emit_to_write_style(
                    &mut stream,
                    &config(),
                    sources,
                    &to_codespan(diagnostic),
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
        let diagnostic =
            Diagnostic::error("frontmatter::unknown-field", "unknown field `bouroughs`")
                .at(Span::new(id, start..start + 9))
                .label("not a field of a finding")
                .fix("did you mean `boroughs`?");
        let text = render_plain(&sources, &diagnostic);
        assert!(text.contains("error[frontmatter::unknown-field]: unknown field `bouroughs`"));
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
}
