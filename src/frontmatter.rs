//! Splitting a Markdown file into its YAML front matter and its body, keeping
//! both as byte ranges of the original file so every later line number is
//! absolute. Does not interpret the YAML (that is `yaml`).

use crate::diag::Diagnostic;
use crate::source::{FileId, SourceFile, Span};
use std::ops::Range;

/// The two parts of a Markdown file, as byte ranges into the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The YAML between the fences; empty when the file has no front matter.
    pub yaml: Range<usize>,
    /// Everything after the closing fence.
    pub body: Range<usize>,
}

fn is_fence(line: &str, closing: bool) -> bool {
    let line = line.trim_end_matches(['\r', ' ', '\t']);
    line == "---" || (closing && line == "...")
}

/// Splits `file` at its `---` fences. A file that does not start with `---`
/// has no front matter; one whose fence is never closed is an error.
pub fn split(id: FileId, file: &SourceFile) -> Result<Split, Box<Diagnostic>> {
    let text = file.text.as_str();
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if !is_fence(&text[start..first_end], false) {
        return Ok(Split {
            yaml: start..start,
            body: start..text.len(),
        });
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if is_fence(&text[line_start..line_end], true) {
            return Ok(Split {
                yaml: yaml_start..line_start,
                body: (line_end + 1).min(text.len())..text.len(),
            });
        }
        line_start = line_end + 1;
    }
    Err(Box::new(
        Diagnostic::error("frontmatter::unclosed", "the front matter is never closed")
            .at(Span::new(id, start..first_end))
            .label("front matter opens here")
            .fix("add a line with only `---` after the last field, before the text begins"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_text(text: &str) -> Result<(String, String), Box<Diagnostic>> {
        let file = SourceFile::new("x.md", text);
        split(FileId(0), &file).map(|s| (text[s.yaml].to_string(), text[s.body].to_string()))
    }

    #[test]
    fn splits_fenced_yaml_from_body() {
        let (yaml, body) = split_text("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(yaml, "title: A\n");
        assert_eq!(body, "Body\n");
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let (yaml, body) = split_text("# Heading\n").unwrap();
        assert_eq!(yaml, "");
        assert_eq!(body, "# Heading\n");
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let (yaml, body) = split_text("\u{feff}---\r\ntitle: A\r\n---\r\nBody").unwrap();
        assert_eq!(yaml, "title: A\r\n");
        assert_eq!(body, "Body");
    }

    #[test]
    fn unclosed_front_matter_is_an_error_at_the_fence() {
        let error = split_text("---\ntitle: A\nBody\n").unwrap_err();
        assert_eq!(error.code, "frontmatter::unclosed");
        assert_eq!(error.span.unwrap().range, 0..3);
    }
}
