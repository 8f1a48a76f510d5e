//! Where each page of the site lives, and relative links between pages. Every
//! link is relative so the site works from disk and from any sub-path.

use crate::model::Kind;

pub const INDEX: &str = "index.html";
pub const FINDINGS: &str = "findings.html";
pub const QUOTES: &str = "quotes.html";
pub const CODEBOOK: &str = "codebook.html";
pub const MATRIX: &str = "matrix.html";
pub const PATHWAYS: &str = "pathways.html";
pub const STYLESHEET: &str = "static/style.css";

/// The site-relative path of an entity's page.
pub fn of(kind: Kind, id: &str) -> String {
    match kind {
        Kind::Landing => INDEX.to_string(),
        _ => format!("{}/{id}.html", kind.folder()),
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
        assert_eq!(compare("discharge"), "compare/discharge.html");
    }
}
