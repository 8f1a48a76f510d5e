//! Markdown bodies, read with pulldown-cmark (this module owns that
//! dependency). Three readings of one body, each in its own file:
//!
//! - `scan`: the entity links and embeds, participant tables and written
//!   tables it holds, with their byte spans, for `parse` and the checks;
//! - `html`: the body as HTML, its links and embeds resolved by the
//!   caller's [`Links`], for `render`;
//! - `plain`: the text a reader sees, mapped back to the source, for the
//!   anonymity checks;
//! - `left_open`: what its raw HTML leaves open for the rest of the page.
//!
//! And `address`: the page a link's address leads to on the published
//! site, the one reading of it for every rule that asks (the source
//! checks and the gate's reading of the pages as made).
//!
//! Does not decide what a link points to (the caller's [`Links`] does).

mod address;
mod html;
mod left_open;
mod plain;
mod scan;

pub use address::{cleaned as cleaned_address, page_in, quote_page};
pub use html::{Links, to_html};
pub use left_open::left_open;
pub use plain::{PlainText, plain_text};
pub use scan::{
    ProseBlock, TableEmbed, WrittenTable, addresses, first_paragraph, prose_blocks, references,
    table_embeds, written_tables,
};

use crate::model::Kind;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The Markdown this tool reads: CommonMark with tables, footnotes,
/// strikethrough, smart punctuation and heading attributes.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The events of `body` with their byte ranges in it.
fn parser(body: &str) -> pulldown_cmark::OffsetIter<'_, pulldown_cmark::DefaultBrokenLinkCallback> {
    Parser::new_ext(body, options()).into_offset_iter()
}

/// Splits `kind:ID` into its kind and id, for the six entity schemes.
pub fn parse_target(url: &str) -> Option<(Kind, &str)> {
    let (scheme, id) = url.split_once(':')?;
    Some((Kind::from_scheme(scheme)?, id))
}

/// The scheme of a participant table embed, `![](participants:role/borough)`.
pub const TABLE_SCHEME: &str = "participants";

/// The `role/borough` of a participant table's target, if it is one.
pub fn table_spec(url: &str) -> Option<&str> {
    url.strip_prefix(TABLE_SCHEME)?.strip_prefix(':')
}

/// The entity an image event embeds (`![](quote:ID)`), if it is one.
fn embed_target<'e>(event: &'e Event) -> Option<(Kind, &'e str)> {
    match event {
        Event::Start(Tag::Image { dest_url, .. }) => parse_target(dest_url),
        _ => None,
    }
}

/// The participant table an image event embeds, if it is one.
fn image_table<'e>(event: &'e Event) -> Option<&'e str> {
    match event {
        Event::Start(Tag::Image { dest_url, .. }) => table_spec(dest_url),
        _ => None,
    }
}

/// Whether `events` (from a paragraph's start) are an embed alone in its
/// paragraph, which is then set in place of the paragraph.
fn is_lone_embed(events: &[Event]) -> bool {
    if events.len() < 2 || (embed_target(&events[1]).is_none() && image_table(&events[1]).is_none())
    {
        return false;
    }
    let end = skip_past(events, 1, TagEnd::Image);
    let mut rest = events[end + 1..].iter();
    loop {
        match rest.next() {
            Some(Event::SoftBreak) => continue,
            Some(Event::Text(t)) if t.trim().is_empty() => continue,
            Some(Event::End(TagEnd::Paragraph)) => return true,
            _ => return false,
        }
    }
}

/// Index of the end event closing the element that starts at `start`.
fn skip_past(events: &[Event], start: usize, end: TagEnd) -> usize {
    let mut depth = 0usize;
    for (i, event) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(tag) if tag.to_end() == end => depth += 1,
            Event::End(e) if *e == end => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}
