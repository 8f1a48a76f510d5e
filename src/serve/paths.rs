//! Request paths → keys of the in-memory site. Owns the rules that keep a
//! request inside the built site: no `..`, no encoded separators, no absolute
//! or drive paths, no control characters. Does not know what the site holds
//! (that is the server's lookup in the map).

/// The site key (`findings/x.html`) that a raw, still percent-encoded request
/// path names, or `None` when the path is not a clean site-relative path.
/// `/` and `/dir/` name the `index.html` inside.
pub fn site_key(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix('/')?;
    if rest.is_empty() {
        return Some("index.html".to_string());
    }
    let (rest, folder) = match rest.strip_suffix('/') {
        Some(rest) => (rest, true),
        None => (rest, false),
    };
    let segments = rest
        .split('/')
        .map(decode_segment)
        .collect::<Option<Vec<_>>>()?;
    let mut key = segments.join("/");
    if folder {
        key.push_str("/index.html");
    }
    Some(key)
}

/// Whether a site key names a page (so a placeholder may stand in for it
/// while there is no site): `.html`, or no extension at all.
pub fn is_page(key: &str) -> bool {
    let name = key.rsplit('/').next().unwrap_or(key);
    match name.rsplit_once('.') {
        Some((_, extension)) => extension.eq_ignore_ascii_case("html"),
        None => true,
    }
}

/// One decoded path segment, refused when it could step out of its folder or
/// smuggle a separator.
fn decode_segment(raw: &str) -> Option<String> {
    let segment = String::from_utf8(percent_decode(raw)?).ok()?;
    let clean = !segment.is_empty()
        && segment != "."
        && segment != ".."
        && !segment.contains(['/', '\\', ':'])
        && !segment.chars().any(char::is_control);
    clean.then_some(segment)
}

/// Strict percent-decoding: a `%` not followed by two hex digits is refused.
fn percent_decode(raw: &str) -> Option<Vec<u8>> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_name_site_files() {
        assert_eq!(site_key("/").as_deref(), Some("index.html"));
        assert_eq!(site_key("/index.html").as_deref(), Some("index.html"));
        assert_eq!(
            site_key("/findings/co-location.html").as_deref(),
            Some("findings/co-location.html")
        );
        assert_eq!(
            site_key("/findings/").as_deref(),
            Some("findings/index.html")
        );
        assert_eq!(
            site_key("/static/style.css").as_deref(),
            Some("static/style.css")
        );
    }

    #[test]
    fn percent_encoded_names_are_decoded() {
        assert_eq!(
            site_key("/pages/caf%C3%A9%20notes.html").as_deref(),
            Some("pages/café notes.html")
        );
    }

    #[test]
    fn traversal_and_odd_paths_are_refused() {
        for raw in [
            "",
            "index.html",
            "/..",
            "/../evalsite.yaml",
            "/findings/../../evalsite.yaml",
            "/findings/./x.html",
            "/%2e%2e/evalsite.yaml",
            "/%2E%2E/evalsite.yaml",
            "/.%2e/evalsite.yaml",
            "/findings/..%2f..%2fevalsite.yaml",
            "/findings%2f..%2f..%2fevalsite.yaml",
            "/findings%5c..%5c..%5cevalsite.yaml",
            "/findings\\..\\evalsite.yaml",
            "//etc/passwd",
            "/findings//x.html",
            "/C:/Windows/win.ini",
            "/c%3a/x",
            "/index.html%00.css",
            "/index.html\0",
            "/a%0ab",
            "/%",
            "/%2",
            "/%zz",
            "/%ff.html",
            "///",
        ] {
            assert_eq!(site_key(raw), None, "{raw:?} should be refused");
        }
    }

    #[test]
    fn pages_are_html_or_extensionless() {
        assert!(is_page("index.html"));
        assert!(is_page("findings/x.HTML"));
        assert!(is_page("findings/x"));
        assert!(!is_page("static/style.css"));
        assert!(!is_page("maps/a.svg"));
    }
}
