//! What a body's raw HTML leaves open for the rest of its page: read as
//! its HTML is written out (code, and a picture's text, are written as
//! text, so skipped), by [`crate::reading::OpenReader`].

use super::parser;
use crate::reading::{LeftOpen, Open, OpenReader};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// What the raw HTML of `text[body]` leaves open, with where in `text` it
/// begins: an element whose text runs to an end tag it never reaches,
/// or a comment or tag an HTML block does not end (Markdown's HTML block
/// runs to a blank line: what it leaves unended takes in what follows).
pub fn left_open(text: &str, body: Range<usize>) -> Option<LeftOpen> {
    let written = &text[body.clone()];
    // Raw HTML is written with a `<`.
    if !written.contains('<') {
        return None;
    }
    let mut reader = OpenReader::default();
    let mut in_picture = 0usize;
    for (event, range) in parser(written) {
        match event {
            Event::Start(Tag::Image { .. }) => in_picture += 1,
            Event::End(TagEnd::Image) => in_picture -= 1,
            Event::Html(html) | Event::InlineHtml(html) if in_picture == 0 => {
                // A line of a block in a list or a quotation is given
                // without its indent or `>`.
                let start = body.start + range.start;
                let at = text[start..body.start + range.end]
                    .find(&*html)
                    .map_or(start, |i| start + i);
                reader.feed(&html, at);
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(
                    open @ LeftOpen {
                        what: Open::Markup, ..
                    },
                ) = reader.open()
                {
                    return Some(open);
                }
            }
            _ => {}
        }
    }
    reader.open()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(body: &str) -> Option<usize> {
        left_open(body, 0..body.len()).map(|o| o.at)
    }

    #[test]
    fn raw_html_left_open_is_found_where_it_begins() {
        assert_eq!(open("We met <script>var a = 1;\n"), Some(7));
        assert_eq!(open("Text.\n\n<style>p{}\n\nMore.\n"), Some(7));
        assert_eq!(open("Text.\n\n<!-- a note\n\nMore.\n"), Some(7));
        assert_eq!(open("- item\n\n  <textarea>x\n"), Some(10));
        assert_eq!(open("> <script>\n"), Some(2));
        // A tag an HTML block does not end, with a paragraph after it.
        assert_eq!(open("<div class=\"x\n\nMore.\n"), Some(0));
    }

    #[test]
    fn code_pictures_and_closed_elements_are_not_open() {
        for body in [
            "We met `<script>` here.\n",
            "```html\n<script>\n```\n",
            "    <script>\n",
            "![<script>](a.png)\n",
            "We met <script>var a;</script> here.\n",
            "<script>\nvar a;\n\n</script>\n",
            "<iframe>\n\n</iframe>\n",
            "a <!-- note --> b\n",
            "We met <!-- and went.\n",
            "Plain text, a < b.\n",
            "\\<script>\n",
            "&lt;script>\n",
        ] {
            assert_eq!(open(body), None, "{body}");
        }
    }
}
