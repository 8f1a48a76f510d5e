//! The output scan: after rendering, the text of every generated file is
//! scanned again for listed identifiers, structured identifiers and
//! participant ids, so a template cannot publish what the source checks
//! never saw. A finding names the output file and, where known, the source.

use super::Checked;
use super::identifiers::normalise;
use super::patterns;
use crate::diag::Diagnostic;
use crate::render::Rendered;
use crate::source::Span;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// What was found in one output file, without the found text itself.
fn problems(checked: &Checked, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for hit in checked.matcher.find(text) {
        let allowed = checked
            .allowed
            .contains(&normalise(checked.matcher.term(&hit)))
            || checked
                .allowed
                .contains(&normalise(&text[hit.range.clone()]));
        if !hit.partial && !allowed {
            found.push(format!(
                "a term from the identifiers list ({})",
                hit.list.name()
            ));
        }
    }
    for hit in patterns::find_patterns(text) {
        found.push(hit.kind.describe().to_string());
    }
    if !checked.participant_ids.find(text).is_empty() {
        found.push("a participant id".to_string());
    }
    found.sort();
    found.dedup();
    found
}

pub fn check(checked: &Checked, rendered: &Rendered, out: &mut Vec<Diagnostic>) {
    let found: Vec<(&String, Vec<String>)> = rendered
        .files
        .par_iter()
        .filter_map(|(path, bytes)| Some((path, problems(checked, &readable_text(path, bytes)?))))
        .filter(|(_, problems)| !problems.is_empty())
        .collect();
    // One message per kind of leak, naming the pages: a template that leaks
    // usually does so on every page it makes.
    let mut pages_by_problem: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for (path, problems) in &found {
        for problem in problems {
            pages_by_problem.entry(problem.clone()).or_default().push(path);
        }
    }
    for (what, pages) in pages_by_problem {
        let first = pages[0];
        let more = match pages.len() {
            1 => String::new(),
            n => format!(" and {} other generated files", n - 1),
        };
        let mut diagnostic = Diagnostic::error(
            "anonymity::output-leak",
            format!("the generated page {first}{more} would publish {what}"),
        )
        .fix("the source files passed the checks, so a template or theme file prints it: find what it prints and remove it, or correct the theme");
        let listed: Vec<&str> = pages.iter().take(8).map(|p| p.as_str()).collect();
        if pages.len() > 1 {
            diagnostic = diagnostic.note(format!("pages: {}{}", listed.join(", "), if pages.len() > 8 { ", …" } else { "" }));
        }
        diagnostic = match rendered.origins.get(first) {
            Some(&file) => diagnostic
                .at(Span::file_start(file))
                .label(format!("{first} is made from this file")),
            None => diagnostic.note(format!("{first} is a listing page made from several files")),
        };
        out.push(diagnostic);
    }
}

/// The text a reader or a search engine gets from a generated file.
fn readable_text(path: &str, bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    if path.ends_with(".html")
        || path.ends_with(".htm")
        || path.ends_with(".svg")
        || path.ends_with(".xml")
    {
        Some(html_text(text))
    } else if [".css", ".js", ".json", ".txt"]
        .iter()
        .any(|e| path.ends_with(e))
    {
        Some(text.to_string())
    } else {
        None
    }
}

/// Text nodes, comments and the attributes people and machines read (alt,
/// title, href, src, aria-label, content), with entities decoded and tags
/// replaced by breaks so words from different elements do not run together.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode(&rest[..open]));
        rest = &rest[open..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").unwrap_or(comment.len());
            out.push('\n');
            out.push_str(&comment[..end]);
            out.push('\n');
            rest = comment.get(end + 3..).unwrap_or("");
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        out.push('\n');
        for value in readable_attributes(tag) {
            out.push_str(&decode(value));
            out.push('\n');
        }
        rest = rest.get(end + 1..).unwrap_or("");
        if tag.starts_with("<style") {
            let close = rest.find("</style").unwrap_or(rest.len());
            rest = &rest[close..];
        }
    }
    out.push_str(&decode(rest));
    out
}

fn readable_attributes(tag: &str) -> Vec<&str> {
    let mut values = Vec::new();
    for name in ["alt", "title", "href", "src", "aria-label", "content", "id"] {
        let pattern = format!(" {name}=\"");
        let mut from = 0;
        while let Some(at) = tag[from..].find(&pattern) {
            let start = from + at + pattern.len();
            let end = tag[start..].find('"').map_or(tag.len(), |i| start + i);
            values.push(&tag[start..end]);
            from = end;
        }
    }
    values
}

fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_keeps_text_comments_and_readable_attributes() {
        let html = r#"<p class="x">Jane&#39;s <b>ward</b></p><!-- Exampleton --><img alt="Dr Who" src="a.png"><style>.x{}</style>tail"#;
        let text = html_text(html);
        assert!(text.contains("Jane's"));
        assert!(text.contains("Exampleton"));
        assert!(text.contains("Dr Who"));
        assert!(text.contains("a.png"));
        assert!(!text.contains(".x{}"));
        assert!(!text.contains("class"));
        assert!(text.contains("tail"));
    }
}
