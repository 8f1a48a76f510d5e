//! The YAML files besides front matter: the participant registry, whose
//! `role:` lines are published in attributions, and evalsite.yaml, printed
//! on every page; and YAML comments anywhere, which are never published
//! but stay in the project's files (a warning, not a refusal).

use super::{Found, Scanner, Target};
use crate::diag::Diagnostic;
use crate::markdown::PlainText;
use crate::reading;
use crate::source::FileId;
use std::ops::Range;

impl Scanner<'_, '_> {
    pub(super) fn scan_registry(&self, found: &mut Found) {
        let project = self.site.project;
        let Some(file) = project.participants_file else {
            return;
        };
        let text = project.sources.text(file);
        // The registry is where ids belong: its comments may hold them.
        self.scan_yaml(file, role_lines(text), true, found);
    }

    /// evalsite.yaml: its title, base_url and other settings are printed
    /// on every page (the header, the tab, canonical links), so its text
    /// is read as front matter is; its comments as comments.
    pub(super) fn scan_settings(&self, found: &mut Found) {
        let project = self.site.project;
        let Some(file) = project.config_file else {
            return;
        };
        let text = project.sources.text(file);
        self.scan_yaml(file, std::iter::once(0..text.len()), false, found);
    }

    /// Scans `lines` of a YAML file as published text, and its comments
    /// (never published, but kept in the files and their history) apart.
    fn scan_yaml(
        &self,
        file: FileId,
        lines: impl IntoIterator<Item = Range<usize>>,
        ids_in_comments: bool,
        found: &mut Found,
    ) {
        let text = self.site.project.sources.text(file);
        let mut plain = PlainText::default();
        let mut comments = PlainText::default();
        let comment_ranges = reading::yaml_comments(text, 0..text.len());
        for line in lines {
            push_yaml_without_comments(text, line, &comment_ranges, &mut plain, &mut comments);
        }
        let target = Target {
            file,
            plain,
            allowance: None,
            reach: None,
            id_exempt: Vec::new(),
        };
        self.scan_target(&target, found);
        if !comments.text.is_empty() {
            let target = Target {
                file,
                plain: comments,
                allowance: None,
                reach: None,
                id_exempt: match ids_in_comments {
                    true => std::iter::once(0..text.len()).collect(),
                    false => Vec::new(),
                },
            };
            self.scan_comment(&target, found);
        }
    }

    /// YAML comments are never published, but what they hold stays in the
    /// project's files (and their history): a warning, saying so.
    pub(super) fn scan_comment(&self, target: &Target, found: &mut Found) {
        let mut inner = Found::default();
        self.scan_target(target, &mut inner);
        found.allowances.extend(inner.allowances);
        for diagnostic in inner.out {
            let message = diagnostic.message.as_str();
            let what = message
                .strip_suffix(" would be published")
                .or_else(|| message.strip_prefix("this word is "))
                .unwrap_or(message)
                .to_string();
            let mut warning = Diagnostic::warning(
                "anonymity::in-yaml-comment",
                format!("this YAML comment holds {what}: comments are not published, but it stays in the project's files and their history"),
            )
            .label("in a comment")
            .fix("remove it from the comment; keep notes that identify people in private/, which is never published");
            if let Some(span) = diagnostic.span {
                warning = warning.at(span);
            }
            found.out.push(warning);
        }
    }
}

/// Pushes YAML `text[range]` to `plain` and the parts of it that are comments to `comments`.
pub(super) fn push_yaml_without_comments(
    text: &str,
    range: Range<usize>,
    comment_ranges: &[Range<usize>],
    plain: &mut PlainText,
    comments: &mut PlainText,
) {
    let mut at = range.start;
    for comment in comment_ranges {
        let start = comment.start.max(range.start);
        let end = comment.end.min(range.end);
        if start >= end || start < at {
            continue;
        }
        plain.push_yaml(&text[at..start], at);
        comments.push_source(&text[start..end], start);
        at = end;
    }
    if at < range.end {
        plain.push_yaml(&text[at..range.end], at);
    }
}

/// The `role:` lines of participants.yaml, which are published in attributions.
fn role_lines(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        if let Some(at) = line.find("role:") {
            lines.push(pos + at..end);
        }
        pos = end + 1;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_lines_are_found() {
        let text = "participants:\n  - id: a\n    role: GP\n";
        let lines = role_lines(text);
        assert_eq!(&text[lines[0].clone()], "role: GP");
    }
}
