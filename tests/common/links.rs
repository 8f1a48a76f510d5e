//! A link checker over a whole generated site: every internal `href` and
//! `src`, and every `#fragment`, must resolve to a file (and an element id)
//! that exists.

use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};

fn is_external(url: &str) -> bool {
    url.starts_with("http://")
        || url.starts_with("https://")
        || url.starts_with("mailto:")
        || url.starts_with("data:")
        || url.starts_with("//")
}

/// Resolves `url` written on `page` (both site-relative) to a site path.
fn resolve(page: &str, url: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in url.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Every broken internal link in `files`, as "page: url (why)".
pub fn broken_links(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let pages: BTreeMap<&str, Html> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| {
            (
                path.as_str(),
                Html::parse_document(&String::from_utf8_lossy(bytes)),
            )
        })
        .collect();
    let any_id = Selector::parse("[id]").unwrap();
    let ids: BTreeMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|(path, html)| {
            let ids = html
                .select(&any_id)
                .filter_map(|e| e.value().attr("id").map(str::to_string))
                .collect();
            (*path, ids)
        })
        .collect();
    let linking = Selector::parse("[href], [src]").unwrap();
    let mut broken = Vec::new();
    for (page, html) in &pages {
        for element in html.select(&linking) {
            for url in ["href", "src"]
                .iter()
                .filter_map(|a| element.value().attr(a))
            {
                if is_external(url) {
                    continue;
                }
                let (path, fragment) = url
                    .split_once('#')
                    .map_or((url, None), |(p, f)| (p, Some(f)));
                let target = if path.is_empty() {
                    Some(page.to_string())
                } else {
                    resolve(page, path)
                };
                let Some(target) = target else {
                    broken.push(format!("{page}: {url} (leaves the site)"));
                    continue;
                };
                if !files.contains_key(&target) {
                    broken.push(format!("{page}: {url} (no file {target})"));
                    continue;
                }
                if let Some(fragment) = fragment
                    && !ids
                        .get(target.as_str())
                        .is_some_and(|set| set.contains(fragment))
                {
                    broken.push(format!("{page}: {url} (no id {fragment} in {target})"));
                }
            }
        }
    }
    broken
}

#[test]
fn resolve_handles_parent_segments() {
    assert_eq!(
        resolve("findings/x.html", "../quotes/q.html").as_deref(),
        Some("quotes/q.html")
    );
    assert_eq!(
        resolve("index.html", "findings.html").as_deref(),
        Some("findings.html")
    );
    assert_eq!(resolve("index.html", "../x.html"), None);
}

#[test]
fn broken_files_and_fragments_are_reported() {
    let files: BTreeMap<String, Vec<u8>> = [
        ("index.html", r##"<a href="a/b.html#here">ok</a><a href="a/missing.html">x</a><a href="#nowhere">y</a>"##),
        ("a/b.html", r#"<h1 id="here">B</h1><img src="../static/pic.png">"#),
    ]
    .into_iter()
    .map(|(p, c)| (p.to_string(), c.as_bytes().to_vec()))
    .collect();
    let broken = broken_links(&files);
    assert_eq!(broken.len(), 3, "{broken:?}");
    assert!(broken[0].contains("static/pic.png"));
}
