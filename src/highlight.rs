//! Code blocks highlighted by syntect into CSS classes (`hl-…`), never inline
//! styles; unknown languages stay plain. Owns the syntect dependency. The
//! syntax set is loaded once, and only when a code block exists.

use std::sync::LazyLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

use crate::html::escape;

/// A `<pre><code>` block for `code`, highlighted when `language` is known.
pub fn code_block(code: &str, language: &str) -> String {
    let language = language.trim();
    let class = if language.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape(language).replace('"', ""))
    };
    let highlighted = (!language.is_empty())
        .then(|| highlight(code, language))
        .flatten();
    let inner = highlighted.unwrap_or_else(|| escape(code));
    format!("<pre class=\"code\"><code{class}>{inner}</code></pre>\n")
}

fn highlight(code: &str, language: &str) -> Option<String> {
    let syntax = SYNTAXES.find_syntax_by_token(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_languages_stay_plain_and_escaped() {
        let html = code_block("<x> & y", "no-such-language");
        assert!(html.contains("&lt;x&gt; &amp; y"));
        assert!(!html.contains("hl-"));
    }

    #[test]
    fn known_languages_get_classes() {
        let html = code_block("fn main() {}\n", "rust");
        assert!(html.contains("<span class=\"hl-"), "{html}");
    }
}
