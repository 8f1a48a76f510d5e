//! Escaping text for HTML and XML (SVG), the one place the program writes
//! markup by hand instead of through a template.

/// Escapes text for element content and quoted attribute values. Control
/// characters that XML 1.0 forbids are dropped, so the result is valid in SVG too.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !c.is_control() || matches!(c, '\t' | '\n' | '\r') => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_drops_forbidden_controls() {
        assert_eq!(
            super::escape("<a href=\"x\">Jo's & \u{7}</a>\n"),
            "&lt;a href=&quot;x&quot;&gt;Jo&#39;s &amp; &lt;/a&gt;\n"
        );
    }
}
