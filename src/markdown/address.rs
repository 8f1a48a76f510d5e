//! Where an address leads on the published site: the one reading of a
//! link's target that every rule asking "which page does this lead to"
//! uses (the source checks and the final check of the pages as made).
//! An address is read as a browser resolves it and a server then serves
//! it. Does not know which pages exist (that is `resolve`).

use crate::model::Kind;

/// The quote a plain link to its page names (`../quotes/ID.html`, the
/// address the site gives it, with or without `#…`, with `.` and `..`
/// segments, or in full under any host, as the published site has it):
/// such a link takes a reader to the quote as `[…](quote:ID)` does, so it
/// is read as one. An address with another scheme (`mailto:`) is not.
pub fn quote_page(dest: &str) -> Option<String> {
    page_in(dest, Kind::Quote.folder())
}

/// The id of the page in the site's `folder` that an address leads to, as
/// [`quote_page`] reads a quote's.
pub fn page_in(dest: &str, folder: &str) -> Option<String> {
    let path = cleaned(dest);
    let path = path.trim().split(['#', '?']).next()?;
    // As the server reads it: `%2D` is `-`; `&#46;` is `.` in HTML.
    let mut decoded = String::with_capacity(path.len());
    let read = crate::reading::Read {
        percent: true,
        entities: true,
        ..crate::reading::Read::VERBATIM
    };
    crate::reading::decode(path, read, &mut |piece, _, _| decoded.push_str(piece));
    // The site's own pages under any host (its `base_url`): the path.
    let path = match decoded.split_once("://") {
        Some((scheme, rest)) if ["http", "https"].contains(&&*scheme.to_ascii_lowercase()) => {
            rest.split_once('/').map_or("", |(_, path)| path)
        }
        _ if decoded.starts_with("//") => decoded[2..].split_once('/').map_or("", |(_, p)| p),
        _ if decoded.contains(':') => return None,
        _ => &decoded,
    };
    // The page a browser asks for, then the one a server that reads the
    // path the other way round would give (either is served somewhere).
    [served(path), merged_first(path)]
        .into_iter()
        .find_map(|segments| id_in(&segments, folder))
}

/// An address as a browser reads it before resolving it: tabs and line
/// breaks dropped, `\` a `/` (WHATWG URL parsing, for web addresses).
pub fn cleaned(address: &str) -> std::borrow::Cow<'_, str> {
    match address.contains(['\t', '\n', '\r', '\\']) {
        true => address
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .map(|c| if c == '\\' { '/' } else { c })
            .collect::<String>()
            .into(),
        false => address.into(),
    }
}

/// The segments of the page a path leads to: `.` and `..` as a browser
/// resolves them (a `..` after `//` takes back the empty segment), then
/// empty segments dropped, as servers and `file://` do (nginx's
/// `merge_slashes`, Apache, Python's `http.server`: `quotes//ID.html` is
/// `quotes/ID.html`; red team, round 32). A trailing `/` is dropped too:
/// a host with "pretty" addresses serves `quotes/ID/` as `quotes/ID.html`.
fn served(path: &str) -> Vec<&str> {
    resolved(path.split('/'))
}

/// [`served`] with the empty segments dropped first, as a server reads a
/// path no browser resolved (`quotes/x//../ID.html` is then `quotes/ID`):
/// read as well, so that an address is taken to lead to a page if either
/// reading does.
fn merged_first(path: &str) -> Vec<&str> {
    resolved(path.split('/').filter(|s| !s.is_empty()))
}

/// `segments` with `.` and `..` resolved, then without empty ones.
fn resolved<'a>(segments: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut kept: Vec<&str> = Vec::new();
    for segment in segments {
        match segment {
            "." => {}
            ".." => {
                kept.pop();
            }
            segment => kept.push(segment),
        }
    }
    kept.retain(|s| !s.is_empty());
    kept
}

/// The id of the file a path's `segments` name in `folder`: `ID.html`,
/// or `ID` (hosts serve `quotes/ID.html` for `quotes/ID` too: round 11).
fn id_in(segments: &[&str], folder: &str) -> Option<String> {
    let (file, folders) = segments.split_last()?;
    // A host that ignores capitals serves `ID.HTML` (Windows, a site
    // opened from a disk), and Windows drops trailing dots and spaces
    // (red team, round 33).
    let file = file.trim_end_matches(['.', ' ']);
    let html = file
        .len()
        .checked_sub(5)
        .filter(|&at| file.is_char_boundary(at) && file[at..].eq_ignore_ascii_case(".html"));
    let id = match html {
        Some(at) => &file[..at],
        None if !file.contains('.') => file,
        None => return None,
    };
    let in_folder = folders
        .last()
        .is_some_and(|f| f.eq_ignore_ascii_case(folder));
    (in_folder && !id.is_empty()).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_pages_in_html_and_in_any_spelling_are_references() {
        for body in [
            "Overview.\n\n<a href=\"../quotes/gp-says.html\">one GP said</a>\n",
            "Text <iframe src='../quotes/gp-says.html' title=x></iframe> more\n",
            "<object data=../quotes/gp-says.html></object>\n",
            "[x](https://example.org/eval/quotes/gp-says.html)\n",
            "[x](./../quotes/./gp-says.html)\n",
            "<https://example.org/eval/quotes/gp-says.html>\n",
            "[x](..%2Fq%75otes/gp-says.html)\n",
            "[x](../QUOTES/gp-says.html)\n",
            // Red team, round 32: an empty segment before the file name.
            "[x](../quotes//gp-says.html)\n",
            "<a href=\"../quotes//gp-says.html\">x</a>\n",
            // Red team, round 33: the extension in capitals, a trailing
            // dot or space (Windows drops them).
            "<a href=\"../quotes/gp-says.HTML\">x</a>\n",
            "[x](../quotes/gp-says.Html)\n",
            "[x](../quotes/gp-says.html.)\n",
            "[x](../quotes/gp-says.html%20)\n",
        ] {
            let refs = crate::markdown::references(body, 0..body.len());
            assert!(
                refs.iter()
                    .any(|r| r.kind == Kind::Quote && r.id == "gp-says"),
                "{body:?}: {refs:?}"
            );
        }
    }

    /// Red team, round 32: `quotes//ID.html` is served as the quote's
    /// page; so is every other way of writing empty segments.
    #[test]
    fn empty_segments_are_dropped_as_servers_drop_them() {
        for dest in [
            "../quotes//gp-says.html",
            "../quotes///gp-says.html",
            "..//quotes//gp-says.html",
            "/eval//quotes//gp-says.html",
            "https://example.org//eval//quotes//gp-says.html",
            "../quotes//gp-says",
            "../quotes/gp-says/",
            "../quotes//gp-says.html#top",
            "../quotes/x//../gp-says.html",
            "../quotes//../quotes//gp-says.html",
            "..\\quotes\\\\gp-says.html",
            "../quotes/%2Fgp-says.html",
            "../quotes/\n/gp-says.html",
        ] {
            assert_eq!(quote_page(dest).as_deref(), Some("gp-says"), "{dest:?}");
        }
        assert_eq!(
            page_in("../boroughs//a.html", "boroughs").as_deref(),
            Some("a")
        );
        assert_eq!(
            page_in("../pathways//a-discharge.html", "pathways").as_deref(),
            Some("a-discharge")
        );
    }

    #[test]
    fn other_pages_are_not_quotes() {
        for dest in [
            "../findings//gp-says.html",
            "../quotes//",
            "../quotes",
            "mailto:x@example.org",
            "../quotes//style.css",
            "../quotes//gp-says.html/..",
        ] {
            assert_eq!(quote_page(dest), None, "{dest:?}");
        }
    }
}
