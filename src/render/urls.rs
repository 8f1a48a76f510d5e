//! Where each page of the site lives, and relative links between pages. Every
//! link is relative so the site works from disk and from any sub-path.

use crate::model::Kind;

pub const INDEX: &str = "index.html";
pub const FINDINGS: &str = "findings.html";
pub const QUOTES: &str = "quotes.html";
pub const CODEBOOK: &str = "codebook.html";
pub const MATRIX: &str = "matrix.html";
pub const PATHWAYS: &str = "pathways.html";
pub const ACCESSIBILITY: &str = "accessibility.html";
pub const STYLESHEET: &str = "static/style.css";

/// The site-relative path of an entity's page.
pub fn of(kind: Kind, id: &str) -> String {
    match kind {
        Kind::Landing => INDEX.to_string(),
        _ => format!("{}/{id}.html", kind.folder()),
    }
}

/// The folder of the quote list's later pages.
pub const QUOTE_LIST: &str = "quote-list";

/// Page `number` (from 1) of the quote list: `quotes.html`, then
/// `quote-list/2.html` and on. The later pages are one folder down, as
/// quote pages, finding pages and code pages are, so the quotes they list
/// are the same template data as on those pages, made once (only the first
/// page's quotes are made again for the top of the site). A folder of
/// their own, as a quote's page in `quotes/` is named by its id, which
/// could be anything `quotes/` might otherwise hold.
pub fn quotes_page(number: usize) -> String {
    match number {
        0 | 1 => QUOTES.to_string(),
        n => format!("{QUOTE_LIST}/{n}.html"),
    }
}

/// The comparison page of one pathway type.
pub fn compare(pathway_type: &str) -> String {
    format!("compare/{pathway_type}.html")
}

/// The prefix that leads from `page` back to the site root: `""` or `"../"`…
pub fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_follows_depth() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("findings/x.html"), "../");
        assert_eq!(of(Kind::Quote, "q"), "quotes/q.html");
        assert_eq!(quotes_page(1), "quotes.html");
        assert_eq!(quotes_page(12), "quote-list/12.html");
        assert_eq!(root_of(&quotes_page(12)), "../");
        assert_eq!(compare("discharge"), "compare/discharge.html");
    }
}
