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
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What was found in a text, without the found text itself, by byte offset.
fn problems(checked: &Checked, text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for hit in checked.matcher.find(text) {
        let allowed = checked
            .allowed
            .contains(&normalise(checked.matcher.term(&hit)))
            || checked
                .allowed
                .contains(&normalise(&text[hit.range.clone()]));
        if !hit.partial && !allowed {
            found.push((
                hit.range.start,
                format!("a term from the identifiers list ({})", hit.list.name()),
            ));
        }
    }
    for hit in patterns::find_patterns(text) {
        found.push((hit.range.start, hit.kind.describe().to_string()));
    }
    for range in checked.participant_ids.find(text) {
        found.push((range.start, "a participant id".to_string()));
    }
    found
}

/// Separates blocks in a batch so nothing matches across two of them.
const SEPARATOR: &str = "\n\u{b6}\n";
/// About how much text one scan covers, so batches spread over the cores.
const BATCH_BYTES: usize = 256 * 1024;

/// Scans each distinct block once: the navigation, headers and every quote
/// repeat across thousands of pages, so the unique text is a fraction of the
/// site. Returns the problems found in each block, by block index.
fn scan_unique(checked: &Checked, blocks: &[&str]) -> Vec<(usize, String)> {
    let mut batches: Vec<std::ops::Range<usize>> = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, block) in blocks.iter().enumerate() {
        size += block.len() + SEPARATOR.len();
        if size >= BATCH_BYTES {
            batches.push(start..i + 1);
            (start, size) = (i + 1, 0);
        }
    }
    if start < blocks.len() {
        batches.push(start..blocks.len());
    }
    batches
        .into_par_iter()
        .flat_map_iter(|batch| {
            let mut text = String::new();
            let mut starts = Vec::with_capacity(batch.len());
            for block in &blocks[batch.clone()] {
                starts.push(text.len());
                text.push_str(block);
                text.push_str(SEPARATOR);
            }
            problems(checked, &text)
                .into_iter()
                .map(|(offset, what)| {
                    let within = starts.partition_point(|&s| s <= offset) - 1;
                    (batch.start + within, what)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

pub fn check(checked: &Checked, rendered: &Rendered, out: &mut Vec<Diagnostic>) {
    let pages: Vec<(&String, &Vec<u8>)> = rendered.files.iter().map(|(p, b)| (p, &**b)).collect();
    // Each distinct block of text with the pages it is on, gathered per
    // thread and merged, so only distinct text is held in memory.
    let blocks: HashMap<String, Vec<usize>> = pages
        .par_iter()
        .enumerate()
        .fold(
            HashMap::new,
            |mut blocks: HashMap<String, Vec<usize>>, (page, (path, bytes))| {
                for block in readable_blocks(path, bytes).into_iter().flatten() {
                    let on = blocks.entry(block).or_default();
                    if on.last() != Some(&page) {
                        on.push(page);
                    }
                }
                blocks
            },
        )
        .reduce(HashMap::new, |mut into, from| {
            for (block, on) in from {
                into.entry(block).or_default().extend(on);
            }
            into
        });
    let (unique, block_pages): (Vec<&str>, Vec<&Vec<usize>>) = blocks
        .iter()
        .map(|(block, on)| (block.as_str(), on))
        .unzip();
    // One message per kind of leak, naming the pages: a template that leaks
    // usually does so on every page it makes.
    let mut pages_by_problem: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (block, what) in scan_unique(checked, &unique) {
        pages_by_problem
            .entry(what)
            .or_default()
            .extend(block_pages[block]);
    }
    for (what, found_on) in pages_by_problem {
        let paths: Vec<&str> = found_on.iter().map(|&p| pages[p].0.as_str()).collect();
        out.push(leak_diagnostic(rendered, &what, &paths));
    }
}

fn leak_diagnostic(rendered: &Rendered, what: &str, pages: &[&str]) -> Diagnostic {
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
    if pages.len() > 1 {
        let listed: Vec<&str> = pages.iter().take(8).copied().collect();
        let ellipsis = if pages.len() > 8 { ", …" } else { "" };
        diagnostic = diagnostic.note(format!("pages: {}{ellipsis}", listed.join(", ")));
    }
    match rendered.origins.get(first) {
        Some(&file) => diagnostic
            .at(Span::file_start(file))
            .label(format!("{first} is made from this file")),
        None => diagnostic.note(format!("{first} is a listing page made from several files")),
    }
}

/// The text a reader or a search engine gets from a generated file, in blocks.
fn readable_blocks(path: &str, bytes: &[u8]) -> Option<Vec<String>> {
    let text = std::str::from_utf8(bytes).ok()?;
    if [".html", ".htm", ".svg", ".xml"]
        .iter()
        .any(|e| path.ends_with(e))
    {
        Some(html_blocks(text))
    } else if [".css", ".js", ".json", ".txt"]
        .iter()
        .any(|e| path.ends_with(e))
    {
        Some(vec![text.to_string()])
    } else {
        None
    }
}

/// Elements that do not end a block of text: a name may run across them.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "tspan",
];

fn tag_name(tag: &str) -> &str {
    let name = tag.trim_start_matches('<').trim_start_matches('/');
    let end = name
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(name.len());
    &name[..end]
}

/// Text nodes, comments and the attributes people and machines read (alt,
/// title, href, src, aria-label, content), with entities decoded, split into
/// blocks at block-level elements (inline elements become spaces, so
/// `<em>Jane</em> Example` stays one name).
pub fn html_blocks(html: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, blocks: &mut Vec<String>| {
        if !current.trim().is_empty() {
            blocks.push(std::mem::take(current));
        } else {
            current.clear();
        }
    };
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        current.push_str(&decode(&rest[..open]));
        rest = &rest[open..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").unwrap_or(comment.len());
            blocks.push(comment[..end].to_string());
            rest = comment.get(end + 3..).unwrap_or("");
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or("");
        let name = tag_name(tag);
        if INLINE.contains(&name) {
            current.push(' ');
        } else {
            flush(&mut current, &mut blocks);
        }
        if tag.len() > name.len() + 2 {
            blocks.extend(readable_attributes(tag).map(|v| decode(v).into_owned()));
        }
        if (name == "style" || name == "script") && !tag.starts_with("</") {
            let close = rest.find("</").unwrap_or(rest.len());
            rest = &rest[close..];
        }
    }
    current.push_str(&decode(rest));
    flush(&mut current, &mut blocks);
    blocks
}

/// The attributes whose values a reader or a machine reads.
const READABLE: &[&str] = &[
    " alt=\"",
    " title=\"",
    " href=\"",
    " src=\"",
    " aria-label=\"",
    " content=\"",
    " id=\"",
];

fn readable_attributes(tag: &str) -> impl Iterator<Item = &str> {
    READABLE.iter().flat_map(move |pattern| {
        let mut from = 0;
        std::iter::from_fn(move || {
            let at = tag[from..].find(pattern)?;
            let start = from + at + pattern.len();
            let end = tag[start..].find('"').map_or(tag.len(), |i| start + i);
            from = end;
            Some(&tag[start..end])
        })
    })
}

fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&nbsp;", " ")
            .replace("&amp;", "&"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_blocks_keep_text_comments_and_readable_attributes() {
        let html = r#"<p class="x">Jane&#39;s <em>ward</em></p><!-- Exampleton --><img alt="Dr Who" src="a.png"><style>.x{}</style>tail"#;
        let blocks = html_blocks(html);
        assert_eq!(blocks[0], "Jane's  ward ");
        assert!(blocks.contains(&" Exampleton ".to_string()));
        assert!(blocks.contains(&"Dr Who".to_string()));
        assert!(blocks.contains(&"a.png".to_string()));
        assert!(
            !blocks
                .iter()
                .any(|b| b.contains(".x{}") || b.contains("class"))
        );
        assert_eq!(blocks.last().unwrap(), "tail");
    }

    #[test]
    fn a_name_does_not_run_across_blocks() {
        let blocks = html_blocks("<p>Jane</p><p>Example</p><p><em>Jane</em>\nExample</p>");
        assert_eq!(blocks.len(), 3);
        assert!(blocks[2].contains("Jane") && blocks[2].contains("Example"));
    }
}
