//! Markdown bodies: finding the entity links and embeds they contain (with
//! their byte spans), rendering them to HTML with those links resolved, and
//! extracting the text a reader will see for the anonymity checks. Owns the
//! pulldown-cmark dependency; does not decide what a link points to (the
//! caller's [`Links`] does).

use crate::anonymity::reading::{self, Read, Token};
use crate::highlight;
use crate::model::{Kind, Reference};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn parser(body: &str) -> pulldown_cmark::OffsetIter<'_, pulldown_cmark::DefaultBrokenLinkCallback> {
    Parser::new_ext(body, options()).into_offset_iter()
}

/// Splits `kind:ID` into its kind and id, for the six entity schemes.
pub fn parse_target(url: &str) -> Option<(Kind, &str)> {
    let (scheme, id) = url.split_once(':')?;
    Some((Kind::from_scheme(scheme)?, id))
}

/// Every entity link and embed in `text[body]`, with spans into `text`.
pub fn references(text: &str, body: Range<usize>) -> Vec<Reference> {
    let mut refs = Vec::new();
    if !may_refer(&text[body.clone()]) {
        return refs;
    }
    for (event, range) in parser(&text[body.clone()]) {
        let (dest, embed) = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => continue,
        };
        let Some((kind, id)) = parse_target(dest) else {
            continue;
        };
        let written = &text[body.start + range.start..body.start + range.end];
        let target = format!("{}:{}", kind.scheme(), id);
        let at = written
            .rfind(&target)
            .map_or(range.start, |i| range.start + i);
        let start = body.start + at;
        refs.push(Reference {
            kind,
            id: id.to_string(),
            embed,
            range: start..start + target.len(),
        });
    }
    refs
}

/// Whether a body may hold an entity link or embed: the target's kind is
/// written out (`finding`, `quote`, …; its letters cannot be escaped with a
/// backslash), unless a letter is spelt as a character reference (`&#102;`).
/// Most quotes hold none, and are then not parsed for them.
fn may_refer(body: &str) -> bool {
    body.contains('&') || Kind::ALL.iter().any(|kind| body.contains(kind.scheme()))
}

/// What a body's links and embeds become, decided by the page being rendered.
pub trait Links {
    /// The relative URL of an entity, `None` when it is not published (a draft).
    fn href(&self, kind: Kind, id: &str) -> Option<String>;
    /// The title used for a link written with empty text.
    fn title(&self, kind: Kind, id: &str) -> String;
    /// The HTML set in place of `![](kind:ID)`.
    fn embed(&self, kind: Kind, id: &str) -> String;
    /// The HTML set in place of `![](participants:SPEC)`.
    fn participant_table(&self, spec: &str) -> String {
        let _ = spec;
        String::new()
    }
}

/// The scheme of a participant table embed, `![](participants:role/borough)`.
pub const TABLE_SCHEME: &str = "participants";

/// The `role/borough` of a participant table's target, if it is one.
pub fn table_spec(url: &str) -> Option<&str> {
    url.strip_prefix(TABLE_SCHEME)?.strip_prefix(':')
}

/// A participant table written in a body (`![](participants:SPEC)`), or a
/// link to one by mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableEmbed {
    pub spec: String,
    /// Byte range of SPEC in the file.
    pub range: Range<usize>,
    /// Written with `!`.
    pub embed: bool,
    /// The only thing in its paragraph.
    pub alone: bool,
}

/// Every participant table embed in `text[body]`, with spans into `text`.
pub fn table_embeds(text: &str, body: Range<usize>) -> Vec<TableEmbed> {
    let mut found = Vec::new();
    if !text[body.clone()].contains(TABLE_SCHEME) {
        return found;
    }
    let (events, ranges): (Vec<Event>, Vec<Range<usize>>) = parser(&text[body.clone()]).unzip();
    for (i, (event, range)) in events.iter().zip(&ranges).enumerate() {
        let (dest, embed) = match event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => continue,
        };
        let Some(spec) = table_spec(dest) else {
            continue;
        };
        let written = &text[body.start + range.start..body.start + range.end];
        let at = written.rfind(spec).map_or(range.start, |j| range.start + j);
        let alone = embed
            && i > 0
            && matches!(events[i - 1], Event::Start(Tag::Paragraph))
            && is_lone_embed(&events[i - 1..]);
        found.push(TableEmbed {
            spec: spec.to_string(),
            range: body.start + at..body.start + at + spec.len(),
            embed,
            alone,
        });
    }
    found
}

/// A table written in Markdown: its rows (the header first), each cell's
/// text and byte range in the file.
#[derive(Debug, Clone, Default)]
pub struct WrittenTable {
    pub rows: Vec<Vec<(String, Range<usize>)>>,
}

/// Every Markdown table in `text[body]`.
pub fn written_tables(text: &str, body: Range<usize>) -> Vec<WrittenTable> {
    let mut tables = Vec::new();
    if !text[body.clone()].contains('|') {
        return tables;
    }
    let mut cell: Option<(String, Range<usize>)> = None;
    for (event, range) in parser(&text[body.clone()]) {
        let range = body.start + range.start..body.start + range.end;
        match event {
            Event::Start(Tag::Table(_)) => tables.push(WrittenTable::default()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(table) = tables.last_mut() {
                    table.rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => cell = Some((String::new(), range)),
            Event::Text(t) | Event::Code(t) => {
                if let Some((written, _)) = cell.as_mut() {
                    written.push_str(&t);
                }
            }
            Event::End(TagEnd::TableCell) => {
                let row = tables.last_mut().and_then(|t| t.rows.last_mut());
                if let (Some(row), Some(cell)) = (row, cell.take()) {
                    row.push(cell);
                }
            }
            _ => {}
        }
    }
    tables
}

/// Renders a body to HTML, resolving entity links and embeds through `links`.
pub fn to_html(body: &str, links: &dyn Links) -> String {
    let events: Vec<Event> = Parser::new_ext(body, options()).collect();
    let events = transform(events, links);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

fn transform<'a>(events: Vec<Event<'a>>, links: &dyn Links) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Paragraph) if is_lone_embed(&events[i..]) => {
                let html = match (embed_target(&events[i + 1]), image_table(&events[i + 1])) {
                    (Some((kind, id)), _) => links.embed(kind, id),
                    (None, Some(spec)) => links.participant_table(spec),
                    (None, None) => unreachable!("checked by is_lone_embed"),
                };
                out.push(Event::Html(CowStr::from(html)));
                i = skip_past(&events, i + 1, TagEnd::Image) + 1;
                if matches!(events.get(i), Some(Event::End(TagEnd::Paragraph))) {
                    i += 1;
                }
            }
            event @ Event::Start(Tag::Image { .. }) if embed_target(event).is_some() => {
                let (kind, id) = embed_target(event).expect("checked");
                out.push(Event::InlineHtml(CowStr::from(links.embed(kind, id))));
                i = skip_past(&events, i, TagEnd::Image) + 1;
            }
            // A table inside a paragraph (an error, reported) is left out.
            event @ Event::Start(Tag::Image { .. }) if image_table(event).is_some() => {
                i = skip_past(&events, i, TagEnd::Image) + 1;
            }
            Event::Start(Tag::Link { dest_url, .. }) if parse_target(dest_url).is_some() => {
                let (kind, id) = parse_target(dest_url).expect("checked");
                let empty = matches!(events.get(i + 1), Some(Event::End(TagEnd::Link)));
                i = push_entity_link(&events, i, kind, id, empty, links, &mut out);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                let end = skip_past(&events, i, TagEnd::CodeBlock);
                let code: String = events[i + 1..end]
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                out.push(Event::Html(CowStr::from(highlight::code_block(
                    &code, language,
                ))));
                i = end + 1;
            }
            _ => {
                out.push(events[i].clone());
                i += 1;
            }
        }
    }
    out
}

fn push_entity_link<'a>(
    events: &[Event<'a>],
    start: usize,
    kind: Kind,
    id: &str,
    empty: bool,
    links: &dyn Links,
    out: &mut Vec<Event<'a>>,
) -> usize {
    let end = skip_past(events, start, TagEnd::Link);
    let href = links.href(kind, id);
    if let Some(href) = &href {
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(href.clone()),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
    }
    if empty {
        out.push(Event::Text(CowStr::from(links.title(kind, id))));
    } else {
        out.extend(events[start + 1..end].iter().cloned());
    }
    if href.is_some() {
        out.push(Event::End(TagEnd::Link));
    }
    end + 1
}

fn embed_target<'e>(event: &'e Event) -> Option<(Kind, &'e str)> {
    match event {
        Event::Start(Tag::Image { dest_url, .. }) => parse_target(dest_url),
        _ => None,
    }
}

fn image_table<'e>(event: &'e Event) -> Option<&'e str> {
    match event {
        Event::Start(Tag::Image { dest_url, .. }) => table_spec(dest_url),
        _ => None,
    }
}

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

/// The text a reader sees in a body, joined across inline markup and soft
/// breaks, with a map back to byte offsets in the source file. Text is read
/// as it will be shown (see [`reading`]): character references and escapes
/// decoded, invisible characters dropped, raw HTML split into the text that
/// flows and what a page holds out of the flow (attribute values, comments,
/// heading attributes, a code fence's language, footnote labels), which
/// follows each block as blocks of its own.
#[derive(Debug, Clone, Default)]
pub struct PlainText {
    pub text: String,
    pieces: Vec<Piece>,
}

/// Where a piece of [`PlainText::text`] came from.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Offset in the text where the piece starts.
    text: usize,
    /// Offset in the source where it was written.
    source: usize,
    /// How many bytes of source it was written as.
    len: usize,
    /// The piece is exactly those bytes (offsets inside it map one to one).
    verbatim: bool,
}

/// Separates blocks so a name cannot run on from one paragraph to the next.
const BLOCK_BREAK: &str = "\n\u{b6}\n";

impl PlainText {
    /// Adds text that stands for nothing in the source (a break between
    /// words), placed at `source`.
    fn push(&mut self, text: &str, source: usize) {
        self.pieces.push(Piece {
            text: self.text.len(),
            source,
            len: 0,
            verbatim: false,
        });
        self.text.push_str(text);
    }

    /// Adds `text`, written at `source`, read as `how` says.
    pub fn push_read(&mut self, text: &str, source: usize, how: Read) {
        reading::decode(text, how, &mut |piece, range, verbatim| {
            self.pieces.push(Piece {
                text: self.text.len(),
                source: source + range.start,
                len: range.len(),
                verbatim,
            });
            self.text.push_str(piece);
        });
    }

    /// Adds text from the source file verbatim (file names), as a block of
    /// its own; invisible characters are dropped.
    pub fn push_source(&mut self, text: &str, source: usize) {
        self.push_read(text, source, Read::VERBATIM);
        self.push(BLOCK_BREAK, source + text.len());
    }

    /// Adds YAML written at `source` as a block of its own: escapes and
    /// character references decoded, and any HTML in it read as in a body.
    pub fn push_yaml(&mut self, text: &str, source: usize) {
        let mut side = PlainText::default();
        let html = Html {
            buffer: text,
            map: &[(0, source)],
        };
        html.read(self, &mut side, Read::YAML, Read::YAML);
        self.push(BLOCK_BREAK, source + text.len());
        self.append(side);
    }

    fn push_break(&mut self, source: usize) {
        if !self.text.is_empty() && !self.text.ends_with(BLOCK_BREAK) {
            self.push(BLOCK_BREAK, source);
        }
    }

    /// Adds `text` as a block of its own, out of the flow.
    fn push_aside(&mut self, text: &str, source: usize, how: Read) {
        self.push_read(text, source, how);
        self.push(BLOCK_BREAK, source + text.len());
    }

    /// Moves `other`'s text and pieces to the end of this one.
    fn append(&mut self, other: PlainText) {
        let shift = self.text.len();
        self.text.push_str(&other.text);
        self.pieces.extend(other.pieces.into_iter().map(|p| Piece {
            text: p.text + shift,
            ..p
        }));
    }

    /// The piece that holds byte `offset` of the text.
    fn piece_at(&self, offset: usize) -> Option<&Piece> {
        let index = self.pieces.partition_point(|p| p.text <= offset);
        index.checked_sub(1).map(|i| &self.pieces[i])
    }

    /// Maps a byte range of [`PlainText::text`] back to the source file:
    /// from where its first character was written to where its last ends
    /// (a decoded character maps to all of its reference or escape).
    pub fn to_source(&self, range: Range<usize>) -> Range<usize> {
        let start = match self.piece_at(range.start) {
            Some(p) if p.verbatim => p.source + (range.start - p.text),
            Some(p) => p.source,
            None => range.start,
        };
        if range.end <= range.start {
            return start..start;
        }
        let end = match self.piece_at(range.end - 1) {
            Some(p) if p.verbatim => p.source + (range.end - p.text),
            Some(p) => p.source + p.len,
            None => range.end,
        };
        start..end.max(start)
    }
}

/// Raw HTML gathered from one or more consecutive pieces of a file, with,
/// for each piece, `(offset in buffer, offset in source)`.
struct Html<'a> {
    buffer: &'a str,
    map: &'a [(usize, usize)],
}

impl Html<'_> {
    /// Adds the text that flows to `out` and what is held out of the flow
    /// to `side`: `text` says how text is read, `held` how attribute values
    /// and comments are.
    fn read(&self, out: &mut PlainText, side: &mut PlainText, text: Read, held: Read) {
        for token in reading::html_tokens(self.buffer) {
            match token {
                Token::Text(range) => self.push(out, range, text),
                Token::Tag {
                    boundary,
                    attributes,
                } => {
                    if boundary {
                        out.push(" ", self.source(attributes.first().map_or(0, |r| r.start)));
                    }
                    for range in attributes {
                        let at = self.source(range.end);
                        self.push(side, range, held);
                        side.push(BLOCK_BREAK, at);
                    }
                }
                Token::Comment(range) => {
                    let at = self.source(range.end);
                    self.push(side, range, held);
                    side.push(BLOCK_BREAK, at);
                }
            }
        }
    }

    fn source(&self, offset: usize) -> usize {
        let i = self.map.partition_point(|(b, _)| *b <= offset).max(1) - 1;
        let (b, s) = self.map[i];
        s + (offset - b)
    }

    /// Pushes `buffer[range]`, split where its pieces of source meet.
    fn push(&self, out: &mut PlainText, range: Range<usize>, how: Read) {
        let mut at = range.start;
        while at < range.end {
            let next = self
                .map
                .iter()
                .map(|(b, _)| *b)
                .find(|&b| b > at)
                .unwrap_or(range.end)
                .min(range.end);
            out.push_read(&self.buffer[at..next], self.source(at), how);
            at = next;
        }
    }
}

/// Consecutive raw HTML events of a body, read together once the next other
/// event comes (a tag may span lines).
#[derive(Default)]
struct PendingHtml {
    buffer: String,
    map: Vec<(usize, usize)>,
}

impl PendingHtml {
    fn add(&mut self, html: &str, source: usize) {
        self.map.push((self.buffer.len(), source));
        self.buffer.push_str(html);
    }

    fn flush(&mut self, out: &mut PlainText, side: &mut PlainText) {
        if self.buffer.is_empty() {
            return;
        }
        let html = Html {
            buffer: &self.buffer,
            map: &self.map,
        };
        html.read(out, side, Read::HTML, Read::HTML);
        self.buffer.clear();
        self.map.clear();
    }
}

/// The raw destination of an inline link or image written as `written`,
/// and where in `written` it starts.
fn written_destination<'w>(written: &'w str, parsed: &str) -> Option<(&'w str, usize)> {
    if let Some(at) = written.rfind(parsed).filter(|_| !parsed.is_empty()) {
        return Some((&written[at..at + parsed.len()], at));
    }
    let open = written.rfind("](")? + 2;
    let rest = &written[open..];
    let skipped = rest.len() - rest.trim_start().len();
    let rest = &rest[skipped..];
    let (start, len) = match rest.strip_prefix('<') {
        Some(inner) => (1, inner.find('>')?),
        None => (
            0,
            rest.find(|c: char| c.is_whitespace() || c == ')')
                .unwrap_or(rest.len()),
        ),
    };
    let at = open + skipped + start;
    Some((&written[at..at + len], at))
}

/// The visible text of `text[body]`: text, code, alt text, link targets and
/// titles, raw HTML (comments and attribute values included), heading
/// attributes, fence languages and footnote labels, each block separately.
pub fn plain_text(text: &str, body: Range<usize>, out: &mut PlainText) {
    let mut side = PlainText::default();
    let mut html = PendingHtml::default();
    let mut in_code = false;
    for (event, range) in parser(&text[body.clone()]) {
        let source = body.start + range.start;
        let written = &text[source..body.start + range.end];
        if !matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            html.flush(out, &mut side);
        }
        match event {
            Event::Text(t) => {
                // Inline text maps one to one unless an escape or entity changed it.
                if written == t.as_ref() || in_code {
                    out.push_read(written, source, Read::VERBATIM);
                } else {
                    out.push_read(written, source, Read::MARKDOWN);
                }
            }
            Event::Code(_) => out.push_read(written, source, Read::VERBATIM),
            Event::Html(_) | Event::InlineHtml(_) => html.add(written, source),
            Event::SoftBreak | Event::HardBreak => out.push(" ", source),
            Event::Start(
                Tag::Link {
                    dest_url, title, ..
                }
                | Tag::Image {
                    dest_url, title, ..
                },
            ) if parse_target(&dest_url).is_none() => {
                out.push(" ", source);
                match written_destination(written, &dest_url) {
                    Some((raw, at)) => out.push_read(raw, source + at, Read::ADDRESS),
                    None => out.push_read(&dest_url, source, Read::ADDRESS),
                }
                out.push(" ", source);
                if !title.is_empty() {
                    match written.rfind(title.as_ref()) {
                        Some(at) => side.push_aside(&title, source + at, Read::VERBATIM),
                        None => side.push_aside(&title, source, Read::VERBATIM),
                    }
                }
            }
            Event::Start(Tag::Heading {
                id, classes, attrs, ..
            }) => {
                let first_line = written.find('\n').map_or(written.len(), |i| i);
                let from = written[..first_line].rfind('{').unwrap_or(0);
                let values =
                    id.iter()
                        .chain(&classes)
                        .map(|v| v.as_ref())
                        .chain(attrs.iter().flat_map(|(k, v)| {
                            std::iter::once(k.as_ref()).chain(v.as_ref().map(|v| v.as_ref()))
                        }));
                for value in values {
                    match written[from..].find(value) {
                        Some(at) => {
                            let at = source + from + at;
                            side.push_aside(&text[at..at + value.len()], at, Read::MARKDOWN)
                        }
                        None => side.push_aside(value, source + from, Read::VERBATIM),
                    }
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                if let CodeBlockKind::Fenced(info) = kind
                    && !info.is_empty()
                {
                    let line = &written[..written.find('\n').unwrap_or(written.len())];
                    let fence = line.trim_start().trim_start_matches(['`', '~']);
                    let at = line.len() - fence.len();
                    side.push_aside(fence.trim_end(), source + at, Read::MARKDOWN);
                }
            }
            Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) => {
                let at = written.find(label.as_ref()).unwrap_or(0);
                side.push_aside(&label, source + at, Read::VERBATIM);
            }
            Event::End(
                end @ (TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::HtmlBlock
                | TagEnd::FootnoteDefinition),
            ) => {
                if end == TagEnd::CodeBlock {
                    in_code = false;
                }
                html.flush(out, &mut side);
                out.push_break(body.start + range.end);
                if !side.text.is_empty() {
                    out.append(std::mem::take(&mut side));
                }
            }
            _ => {}
        }
    }
    html.flush(out, &mut side);
    out.push_break(body.end);
    out.append(side);
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TestLinks;

    impl Links for TestLinks {
        fn href(&self, kind: Kind, id: &str) -> Option<String> {
            (id != "draft").then(|| format!("../{}/{id}.html", kind.folder()))
        }
        fn title(&self, _: Kind, id: &str) -> String {
            format!("Title of {id}")
        }
        fn embed(&self, kind: Kind, id: &str) -> String {
            format!("<blockquote class=\"{}\">{id}</blockquote>", kind.scheme())
        }
    }

    #[test]
    fn finds_links_and_embeds_with_spans() {
        let text = "---\nx: 1\n---\nSee [the gap](finding:gap) and\n\n![](quote:q-1)\n";
        let body = 12..text.len();
        let refs = references(text, body);
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].kind, Kind::Finding);
        assert_eq!(&text[refs[0].range.clone()], "finding:gap");
        assert!(refs[1].embed);
        assert_eq!(&text[refs[1].range.clone()], "quote:q-1");
    }

    #[test]
    fn a_reference_written_with_escapes_is_still_found() {
        for body in [
            "See [it](finding\\:shared-records).",
            "See [it](&#102;inding:shared-records).",
            "See [it][r].\n\n[r]: finding:shared-records\n",
        ] {
            let refs = references(body, 0..body.len());
            assert_eq!(refs.len(), 1, "{body}");
            assert_eq!(
                (refs[0].kind, refs[0].id.as_str()),
                (Kind::Finding, "shared-records")
            );
        }
        let plain = "No links here, only [brackets] and a colon: see.";
        assert!(!may_refer(plain) && references(plain, 0..plain.len()).is_empty());
    }

    #[test]
    fn participant_tables_are_found_with_their_spans_and_placing() {
        let text = "Intro.\n\n![](participants:role/borough)\n\nSee ![](participants:level) and [t](participants:sector).\n";
        let found = table_embeds(text, 0..text.len());
        assert_eq!(found.len(), 3);
        assert_eq!(&text[found[0].range.clone()], "role/borough");
        assert!(found[0].embed && found[0].alone);
        assert!(found[1].embed && !found[1].alone);
        assert!(!found[2].embed);
        assert!(
            references(text, 0..text.len()).is_empty(),
            "not entity links"
        );
    }

    #[test]
    fn a_lone_table_embed_becomes_the_table_and_an_inline_one_nothing() {
        struct Tables;
        impl Links for Tables {
            fn href(&self, _: Kind, _: &str) -> Option<String> {
                None
            }
            fn title(&self, _: Kind, _: &str) -> String {
                String::new()
            }
            fn embed(&self, _: Kind, _: &str) -> String {
                String::new()
            }
            fn participant_table(&self, spec: &str) -> String {
                format!("<table data-spec=\"{spec}\"></table>")
            }
        }
        let html = to_html(
            "![](participants:role)\n\nA ![](participants:level) b.\n",
            &Tables,
        );
        assert!(
            html.contains("<table data-spec=\"role\"></table>"),
            "{html}"
        );
        assert!(!html.contains("<p><table"), "{html}");
        assert!(!html.contains("level"), "{html}");
    }

    #[test]
    fn written_tables_give_cells_with_spans() {
        let text = "| Role | Borough A |\n|---|---:|\n| GP | 1 |\n";
        let tables = written_tables(text, 0..text.len());
        assert_eq!(tables.len(), 1);
        let rows = &tables[0].rows;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0][1].0, "Borough A");
        assert_eq!(rows[1][1].0, "1");
        assert_eq!(text[rows[1][1].1.clone()].trim(), "1");
    }

    #[test]
    fn ordinary_links_are_not_references() {
        let text = "[site](https://example.org) [mail](mailto:a)";
        assert!(references(text, 0..text.len()).is_empty());
    }

    #[test]
    fn renders_entity_links_titles_and_block_embeds() {
        let html = to_html(
            "A [](finding:gap) and [x](code:co-location).\n\n![](quote:q)\n",
            &TestLinks,
        );
        assert!(
            html.contains(r#"<a href="../findings/gap.html">Title of gap</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<a href="../codebook/co-location.html">x</a>"#));
        assert!(html.contains(r#"<blockquote class="quote">q</blockquote>"#));
        assert!(!html.contains("<p><blockquote"), "{html}");
    }

    #[test]
    fn links_to_unpublished_targets_become_plain_text() {
        let html = to_html("See [it](finding:draft).", &TestLinks);
        assert!(html.contains("See it."), "{html}");
        assert!(!html.contains("href"));
    }

    #[test]
    fn code_blocks_are_highlighted_with_classes() {
        let html = to_html("```python\nx = 1\n```\n", &TestLinks);
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="));
    }

    #[test]
    fn plain_text_joins_across_inline_markup_and_maps_back() {
        let text = "Met *Jane*\n  Example at [ward](https://x.org/Exampleton).\n";
        let mut plain = PlainText::default();
        plain_text(text, 0..text.len(), &mut plain);
        let at = plain.text.find("Jane Example").unwrap();
        let source = plain.to_source(at..at + "Jane Example".len());
        assert_eq!(&text[source.start..source.start + 4], "Jane");
        assert!(text[source].ends_with("Example"));
        let at = plain.text.find("Exampleton").unwrap();
        assert_eq!(&text[plain.to_source(at..at + 10)], "Exampleton");
    }

    #[test]
    fn plain_text_includes_comments_and_alt_text() {
        let text = "<!-- Jane -->\n\n![Jane at home](pic.png)\n";
        let mut plain = PlainText::default();
        plain_text(text, 0..text.len(), &mut plain);
        assert!(plain.text.contains(" Jane "));
        assert!(plain.text.contains("Jane at home"));
        assert!(plain.text.contains("pic.png"));
    }

    /// The plain text of a body, and the source text each `needle` in it maps to.
    fn maps(body: &str, needle: &str) -> String {
        let mut plain = PlainText::default();
        plain_text(body, 0..body.len(), &mut plain);
        let at = plain
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {:?}", plain.text));
        body[plain.to_source(at..at + needle.len())].to_string()
    }

    // #18: names split by inline HTML, comments, references, escapes or
    // invisible characters were read as separate words or not decoded.
    #[test]
    fn inline_tags_and_comments_join_words_and_map_back() {
        assert_eq!(maps("Met Tob<b>ias</b> today.", "Tobias"), "Tob<b>ias");
        assert_eq!(
            maps("Met Tob<span class=\"x\">ias</span>.", "Tobias"),
            "Tob<span class=\"x\">ias"
        );
        assert_eq!(maps("Tob<wbr>ias", "Tobias"), "Tob<wbr>ias");
        assert_eq!(
            maps("Jane<!-- x -->Smith", "JaneSmith"),
            "Jane<!-- x -->Smith"
        );
        assert_eq!(
            maps("Call 020 7946 <b>0123</b>.", "020 7946 0123"),
            "020 7946 <b>0123"
        );
        // `<br>` and block tags part words.
        assert_eq!(maps("Tob<br>ias", "Tob ias"), "Tob<br>ias");
    }

    #[test]
    fn attribute_values_comments_and_classes_are_read_out_of_the_flow() {
        assert_eq!(
            maps("Hi <span title=\"Tobias\">x</span>.", "Tobias"),
            "Tobias"
        );
        assert_eq!(maps("A <!-- interviewed Tobias --> b", "Tobias"), "Tobias");
        assert_eq!(maps("# Heading {.tobias #ward}\n", "tobias"), "tobias");
        assert_eq!(maps("```tobias\nx\n```\n", "tobias"), "tobias");
        assert_eq!(
            maps("A note[^tobias].\n\n[^tobias]: x\n", "tobias"),
            "tobias"
        );
        assert_eq!(maps("[x](https://e.org/a \"Tobias\")", "Tobias"), "Tobias");
    }

    #[test]
    fn references_escapes_and_percent_encoding_are_decoded() {
        assert_eq!(maps("Met &#84;obias.", "Tobias"), "&#84;obias");
        assert_eq!(maps("Met T&#x6f;bias.", "Tobias"), "T&#x6f;bias");
        assert_eq!(maps("Met T&ocirc;bias.", "Tôbias"), "T&ocirc;bias");
        assert_eq!(
            maps("[x](https://example.org/Tob%69as)", "Tobias"),
            "Tob%69as"
        );
        assert_eq!(
            maps("[x](https://e.org/Tob&#105;as)", "Tobias"),
            "Tob&#105;as"
        );
        assert_eq!(
            maps("Tob\u{AD}ias and Tob\u{200B}ias", "Tobias and"),
            "Tob\u{AD}ias and"
        );
        // `&amp;` is an ampersand, no more.
        assert_eq!(
            maps("Health &amp; care", "Health & care"),
            "Health &amp; care"
        );
    }

    #[test]
    fn multibyte_text_maps_back_to_its_bytes() {
        assert_eq!(
            maps("Zoë sa\u{AD}id “Tob<i>ías</i>”", "Tobías"),
            "Tob<i>ías"
        );
        assert_eq!(
            maps("Zoë &eacute;t&eacute; Zoë", "été Zoë"),
            "&eacute;t&eacute; Zoë"
        );
    }

    #[test]
    fn yaml_escapes_and_html_in_front_matter_are_read() {
        let yaml = "title: \"\\u0054obias and Tob\\x69as\"\nsummary: Tob<b>ias</b> &#84;om\n";
        let mut plain = PlainText::default();
        plain.push_yaml(yaml, 0);
        for (needle, written) in [
            ("Tobias and Tobias", "\\u0054obias and Tob\\x69as"),
            ("Tobias Tom", "Tob<b>ias</b> &#84;om"),
        ] {
            let at = plain
                .text
                .find(needle)
                .unwrap_or_else(|| panic!("{:?}", plain.text));
            assert_eq!(&yaml[plain.to_source(at..at + needle.len())], written);
        }
    }
}
