//! The live-reload script and the few pages the preview makes itself (the
//! placeholder while nothing has built yet, and "no page here"). Owns the
//! injection into HTML responses; does not decide when a page reloads (the
//! script asks `/__evalsite/status`, see `live.js`).

/// Marks the start of the injected block, so it can be told from the site's
/// own HTML (the tests strip from here to [`END`] before comparing with a build).
pub const START: &str = "<!-- evalsite:serve -->";
/// Marks the end of the injected block.
pub const END: &str = "<!-- /evalsite:serve -->";

const SCRIPT: &str = include_str!("live.js");

/// The page with the live-reload block inserted before its last `</body>`
/// (or at the end when it has none). `site` is the token of the site the
/// page comes from: the script reloads when the server has a different one.
pub fn inject(html: &[u8], site: &str) -> Vec<u8> {
    let block = block(site);
    let at = rfind_ignoring_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + block.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(block.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn block(site: &str) -> String {
    format!(
        "{START}<script data-evalsite-site=\"{}\">{SCRIPT}</script>{END}",
        escape(site)
    )
}

fn rfind_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

pub use crate::html::escape;

/// Stands in for every page while no version of the site has built: says
/// so, lists the problems (the script's overlay shows them too) and reloads
/// once the site builds.
pub fn placeholder(problems: &str) -> Vec<u8> {
    let body = format!(
        "<h1>The report has not been built yet</h1>\n\
         <p>evalsite found problems in the project. Fix them and save: this page \
         will reload by itself.</p>\n<pre>{}</pre>\n",
        escape(problems)
    );
    inject(page("Not built yet", &body).as_bytes(), "")
}

/// The page for an address the site does not have. It carries the script,
/// so a page that is being written appears as soon as it builds.
pub fn not_found(site: &str) -> Vec<u8> {
    let body = "<h1>No page at this address</h1>\n\
                <p>The report has no page here (yet). <a href=\"/\">Go to the start page</a>.</p>\n";
    inject(page("Not found", body).as_bytes(), site)
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title} · evalsite preview</title>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn block_goes_before_the_last_closing_body() {
        let html = "<html><body><p>x</p><pre>&lt;/body&gt;</pre></BODY>\n</html>\n";
        let out = text(inject(html.as_bytes(), "s1"));
        let start = out.find(START).unwrap();
        let end = out.find(END).unwrap() + END.len();
        assert_eq!(&out[end..], "</BODY>\n</html>\n");
        assert_eq!(format!("{}{}", &out[..start], &out[end..]), html);
        assert!(out[start..end].contains("data-evalsite-site=\"s1\""));
        assert!(out[start..end].contains("new EventSource(base + \"events\")"));
    }

    #[test]
    fn block_is_appended_when_there_is_no_body_tag() {
        let out = text(inject(b"<p>fragment</p>", "s"));
        assert!(out.starts_with("<p>fragment</p>"));
        assert!(out.ends_with(END));
    }

    #[test]
    fn script_cannot_close_itself_early() {
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
        assert!(!SCRIPT.contains("<!--"));
    }

    #[test]
    fn placeholder_escapes_the_problems() {
        let out = text(placeholder(
            "content/x.md:1:1: unknown code `<img src=x onerror=alert(1)>` & \"more\"",
        ));
        assert!(out.contains("`&lt;img src=x onerror=alert(1)&gt;` &amp; &quot;more&quot;"));
        assert!(!out.contains("<img"));
        assert!(out.contains(START));
    }

    #[test]
    fn site_token_is_escaped_in_its_attribute() {
        let out = text(inject(b"<body></body>", "\"><script>"));
        assert!(out.contains("data-evalsite-site=\"&quot;&gt;&lt;script&gt;\""));
    }
}
