//! What a body refers to, with byte spans into its file: entity links and
//! embeds (`[text](finding:ID)`, `![](quote:ID)`), participant table embeds
//! (`![](participants:role/borough)`) and tables written in Markdown. Does
//! not check that a target exists (that is `resolve`).

use super::address::quote_page;
use super::{TABLE_SCHEME, is_lone_embed, parse_target, parser, table_spec};
use crate::model::{Kind, Reference};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// Every entity link and embed in `text[body]`, with spans into `text`.
pub fn references(text: &str, body: Range<usize>) -> Vec<Reference> {
    let mut refs = Vec::new();
    if !may_refer(&text[body.clone()]) {
        return refs;
    }
    let mut events = parser(&text[body.clone()]).peekable();
    while let Some((event, range)) = events.next() {
        if let Event::Html(html) | Event::InlineHtml(html) = &event {
            // `<a href>`, `<iframe src>`, `<object data>` leading to a
            // quote's page, as a link in Markdown does.
            for (at, value) in addresses_in_html(html) {
                if let Some(id) = quote_page(value) {
                    let start = body.start + range.start + at;
                    refs.push(Reference {
                        kind: Kind::Quote,
                        id,
                        embed: false,
                        range: start..start + value.len(),
                        untitled: false,
                    });
                }
            }
            continue;
        }
        let (dest, embed) = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => continue,
        };
        let (kind, id, target) = match parse_target(dest) {
            Some((kind, id)) => (kind, id.to_string(), format!("{}:{}", kind.scheme(), id)),
            None => match quote_page(dest).filter(|_| !embed) {
                Some(id) => (Kind::Quote, id, dest.to_string()),
                None => continue,
            },
        };
        let written = &text[body.start + range.start..body.start + range.end];
        let at = written
            .rfind(&target)
            .map_or(range.start, |i| range.start + i);
        let start = body.start + at;
        let untitled = !embed && matches!(events.peek(), Some((Event::End(TagEnd::Link), _)));
        refs.push(Reference {
            kind,
            id,
            embed,
            range: start..start + target.len(),
            untitled,
        });
    }
    refs
}

/// Every address a body's links, pictures and raw HTML lead to, with
/// where it is written in `text`.
pub fn addresses(text: &str, body: Range<usize>) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    for (event, range) in parser(&text[body.clone()]) {
        let at = body.start + range.start..body.start + range.end;
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                for (i, value) in addresses_in_html(&html) {
                    let start = at.start + i;
                    found.push((start..start + value.len(), value.to_string()));
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                found.push((at, dest_url.to_string()));
            }
            _ => {}
        }
    }
    found
}

/// Every value of an attribute that leads to or shows another page
/// (`href`, `src`, `data`…) in a piece of HTML, with where it starts.
fn addresses_in_html(html: &str) -> Vec<(usize, &str)> {
    static ADDRESS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r#"(?i)\b(?:href|src|data|action|formaction|cite|poster|srcset|background)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#,
        )
        .expect("a valid pattern")
    });
    ADDRESS
        .captures_iter(html)
        .filter_map(|c| c.get(1).or(c.get(2)).or(c.get(3)))
        .map(|m| (m.start(), m.as_str()))
        .collect()
}

/// Whether a body may hold an entity link or embed: the target's kind is
/// written out (`finding`, `quote`, …; its letters cannot be escaped with a
/// backslash), unless a letter is spelt as a character reference (`&#102;`)
/// or, in a quote page's address, percent-encoded (`q%75otes`) or in
/// capitals (`QUOTES`, which a host that ignores case serves). Most quotes
/// hold none, and are then not parsed for them.
fn may_refer(body: &str) -> bool {
    body.contains(['&', '%'])
        || Kind::ALL.iter().any(|kind| body.contains(kind.scheme()))
        || (body.as_bytes().windows(6)).any(|w| w.eq_ignore_ascii_case(b"quotes"))
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

/// A table written in Markdown or in raw HTML: its rows (the header
/// first), each cell's text and byte range in the file, a cell that spans
/// rows or columns (`rowspan`, `colspan`) in each place it covers, as a
/// reader sees it; its caption; and where it begins.
#[derive(Debug, Clone, Default)]
pub struct WrittenTable {
    pub rows: Vec<Vec<(String, Range<usize>)>>,
    pub caption: String,
    pub start: usize,
    /// Cells of rows above that span down into rows to come: their
    /// column, how many rows more, and the cell.
    below: Vec<(usize, usize, (String, Range<usize>))>,
}

impl WrittenTable {
    /// A table of these rows, as a file of figures gives them.
    pub fn from_rows(rows: Vec<Vec<(String, Range<usize>)>>) -> WrittenTable {
        WrittenTable {
            rows,
            ..WrittenTable::default()
        }
    }

    fn at(start: usize) -> WrittenTable {
        WrittenTable {
            start,
            ..WrittenTable::default()
        }
    }

    /// Places in the last row the cells from above that span down into
    /// it at its next column, and with `to_end`, at every column left.
    fn fill_from_above(&mut self, to_end: bool) {
        let Some(row) = self.rows.last_mut() else {
            return;
        };
        loop {
            let next = match to_end {
                true => self
                    .below
                    .iter()
                    .map(|(c, ..)| *c)
                    .filter(|&c| c >= row.len())
                    .min(),
                false => Some(row.len()),
            };
            let Some(i) = next.and_then(|c| self.below.iter().position(|(at, ..)| *at == c)) else {
                return;
            };
            let (column, left, cell) = &mut self.below[i];
            // A gap the rows above leave (a short row): empty cells.
            while row.len() < *column {
                row.push((String::new(), cell.1.clone()));
            }
            row.push(cell.clone());
            *left -= 1;
            if *left == 0 {
                self.below.remove(i);
            }
        }
    }

    /// Begins a row, ending the one before.
    fn new_row(&mut self) {
        self.fill_from_above(true);
        self.rows.push(Vec::new());
    }
}

/// A cell of a [`WrittenTable`] being read: its text so far, where, how
/// many rows and columns it spans, and whether it is the caption.
struct Open {
    text: String,
    place: Range<usize>,
    spans: (usize, usize),
    caption: bool,
}

type OpenCell = Option<Open>;

impl Open {
    fn cell(place: Range<usize>) -> OpenCell {
        Some(Open {
            text: String::new(),
            place,
            spans: (1, 1),
            caption: false,
        })
    }
}

/// Every table in `text[body]`, written with pipes or as raw HTML
/// (`<table>`, `<caption>`, `<tr>`, `<td>`, `<th>`: red team, rounds 14
/// and 15; or laid out with other elements and ARIA roles, `<div
/// role="table">`, as a screen reader reads it).
pub fn written_tables(text: &str, body: Range<usize>) -> Vec<WrittenTable> {
    let mut tables = Vec::new();
    let written = &text[body.clone()];
    if !written.contains('|') && !holds_html_table(written) {
        return tables;
    }
    let mut cell: OpenCell = None;
    let mut roles = Vec::new();
    let mut open = Vec::new();
    for (event, range) in parser(written) {
        let range = body.start + range.start..body.start + range.end;
        match event {
            Event::Start(Tag::Table(_)) => tables.push(WrittenTable::at(range.start)),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(table) = tables.last_mut() {
                    table.new_row();
                }
            }
            Event::Start(Tag::TableCell) => cell = Open::cell(range),
            Event::Text(t) | Event::Code(t) => {
                if let Some(open) = cell.as_mut() {
                    // Markdown inside a cell of raw HTML: placed at its text.
                    if open.text.trim().is_empty() {
                        open.place = range;
                    }
                    open.text.push_str(&t);
                }
            }
            Event::End(TagEnd::TableCell) => close_cell(tables.last_mut(), &mut cell),
            Event::Html(html) | Event::InlineHtml(html) => {
                let mut read = Reading {
                    tables: &mut tables,
                    cell: &mut cell,
                    roles: &mut roles,
                    open: &mut open,
                };
                read.html(text, &html, range);
            }
            _ => {}
        }
    }
    for table in &mut tables {
        table.fill_from_above(true);
    }
    tables
}

/// Whether `written` has a `<table` tag, in any case, or may give an
/// element a table's role (`role="table"`, `role=grid`).
fn holds_html_table(written: &str) -> bool {
    let lower = written.to_ascii_lowercase();
    lower.contains("<table") || (lower.contains('<') && lower.contains("role"))
}

/// Puts the open cell, if any, in the last row of `table` (in each column
/// it spans, and in the rows below it spans), or makes it the table's
/// caption.
fn close_cell(table: Option<&mut WrittenTable>, cell: &mut OpenCell) {
    let (Some(table), Some(open)) = (table, cell.take()) else {
        return;
    };
    if open.caption {
        table.caption.push_str(&open.text);
        return;
    }
    // A cell before any row begins one, as a browser reads it.
    if table.rows.is_empty() {
        table.rows.push(Vec::new());
    }
    let (down, across) = open.spans;
    for _ in 0..across {
        table.fill_from_above(false);
        let Some(row) = table.rows.last_mut() else {
            return;
        };
        if down > 1 {
            table
                .below
                .push((row.len(), down - 1, (open.text.clone(), open.place.clone())));
        }
        row.push((open.text.clone(), open.place.clone()));
    }
    table.fill_from_above(false);
}

/// Most columns a cell spans, as browsers cap `colspan`; and most rows
/// (a `rowspan` of 0 spans to the end of the table).
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65534;

/// The value of the attribute `name` of a tag, as written.
fn attribute<'h>(html: &'h str, attributes: &[Range<usize>], name: &str) -> Option<&'h str> {
    let i = attributes
        .iter()
        .position(|r| html[r.clone()].eq_ignore_ascii_case(name))?;
    Some(&html[attributes.get(i + 1)?.clone()])
}

/// The number an attribute of a tag gives (its leading digits, as a
/// browser reads `rowspan="2"`), or `None` where the tag has no such
/// attribute or it is no number.
fn attribute_number(html: &str, attributes: &[Range<usize>], name: &str) -> Option<usize> {
    let value = attribute(html, attributes, name)?.trim();
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// What an element is to a table: by its name (`<table>`, `<tr>`…) or by
/// its ARIA role, which a screen reader reads as the same.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Part {
    Table,
    Row,
    Cell,
    Caption,
}

/// The ARIA roles that make an element a part of a table.
const ROLES: &[(&str, Part)] = &[
    ("table", Part::Table),
    ("grid", Part::Table),
    ("treegrid", Part::Table),
    ("row", Part::Row),
    ("cell", Part::Cell),
    ("gridcell", Part::Cell),
    ("columnheader", Part::Cell),
    ("rowheader", Part::Cell),
    ("caption", Part::Caption),
];

/// What a tag `name` with `attributes` is to a table: its ARIA role
/// first (the first of its roles a reader knows), as a screen reader
/// reads it, then its name.
fn part_of(name: &str, html: &str, attributes: &[Range<usize>]) -> Option<Part> {
    let role = attribute(html, attributes, "role").and_then(|roles| {
        roles.split_ascii_whitespace().find_map(|role| {
            ROLES
                .iter()
                .find(|(r, _)| role.eq_ignore_ascii_case(r))
                .map(|(_, part)| *part)
        })
    });
    role.or(match name {
        "table" => Some(Part::Table),
        "tr" => Some(Part::Row),
        "td" | "th" => Some(Part::Cell),
        "caption" => Some(Part::Caption),
        _ => None,
    })
}

/// The raw HTML of a body being read for its tables: the tables so far,
/// the cell being read, and the elements open inside a table laid out by
/// ARIA roles (with what each is to the table), whose end tags end them.
struct Reading<'r> {
    tables: &'r mut Vec<WrittenTable>,
    cell: &'r mut OpenCell,
    roles: &'r mut Vec<(String, Option<Part>)>,
    /// The tables begun and not ended, outermost first, by index.
    open: &'r mut Vec<usize>,
}

impl Reading<'_> {
    /// Reads the table, caption, row and cell tags of a piece of raw HTML
    /// written at `range` of `text`, as a Markdown table's: `<table>` (or
    /// an element with the role `table` or `grid`) begins a table, `<tr>`
    /// (`row`) a row, `<td>` and `<th>` (`cell`, `gridcell`,
    /// `columnheader`, `rowheader`) a cell and `<caption>` (`caption`)
    /// the caption, whose text (character references decoded) runs to its
    /// end tag or the next cell.
    fn html(&mut self, text: &str, html: &str, range: Range<usize>) {
        // Where the piece is written as it reads, a cell's text is placed
        // exactly; otherwise at the piece.
        let at = (text.get(range.clone()) == Some(html)).then_some(range.start);
        for token in crate::reading::html_tokens(html) {
            match token {
                crate::reading::Token::Tag {
                    name,
                    end: false,
                    attributes,
                    ..
                } => {
                    let part = part_of(&name, html, &attributes);
                    // By its role, an element is a part until its end tag.
                    let by_role = part.is_some()
                        && !matches!(name.as_str(), "table" | "tr" | "td" | "th" | "caption");
                    if (by_role || !self.roles.is_empty())
                        && !crate::reading::layout::is_void(&name)
                    {
                        self.roles.push((name.clone(), part.filter(|_| by_role)));
                    }
                    if let Some(part) = part {
                        self.begin(part, html, &attributes, range.clone());
                    }
                    // What a reader is shown or read in the cell's place: a
                    // picture's alternative text, a label (round 19).
                    if let Some(open) = self.cell.as_mut() {
                        for name in ["alt", "aria-label", "title"] {
                            if let Some(value) = attribute(html, &attributes, name) {
                                if open.text.trim().is_empty() {
                                    open.place = range.clone();
                                }
                                open.text.push(' ');
                                open.text
                                    .push_str(&crate::reading::decode_references(value));
                            }
                        }
                    }
                }
                crate::reading::Token::Tag {
                    name, end: true, ..
                } => {
                    if let Some(open) = self.roles.iter().rposition(|(n, _)| *n == name) {
                        for (_, part) in self.roles.split_off(open).into_iter().rev() {
                            if let Some(part) = part {
                                self.end(part);
                            }
                        }
                    }
                    match name.as_str() {
                        "td" | "th" | "tr" | "caption" => self.close_cell(),
                        "table" => self.end(Part::Table),
                        _ => {}
                    }
                }
                crate::reading::Token::Text(piece) => {
                    if let Some(open) = self.cell.as_mut() {
                        if let (Some(at), true) = (at, open.text.trim().is_empty()) {
                            open.place = at + piece.start..at + piece.end;
                        }
                        open.text
                            .push_str(&crate::reading::decode_references(&html[piece]));
                    }
                }
                crate::reading::Token::Comment(_) => {}
            }
        }
    }

    /// The table open innermost (a table set in another's cell ends
    /// before the rows after it), or else the last begun.
    fn table(&mut self) -> Option<&mut WrittenTable> {
        match self.open.last() {
            Some(&i) => self.tables.get_mut(i),
            None => self.tables.last_mut(),
        }
    }

    /// Puts the open cell, if any, in the table open innermost.
    fn close_cell(&mut self) {
        let cell = &mut *self.cell;
        let table = match self.open.last() {
            Some(&i) => self.tables.get_mut(i),
            None => self.tables.last_mut(),
        };
        close_cell(table, cell);
    }

    /// A tag begins a `part` of a table.
    fn begin(&mut self, part: Part, html: &str, attributes: &[Range<usize>], range: Range<usize>) {
        self.close_cell();
        match part {
            Part::Table => {
                self.open.push(self.tables.len());
                self.tables.push(WrittenTable::at(range.start));
            }
            Part::Row => {
                if let Some(table) = self.table() {
                    table.new_row();
                }
            }
            Part::Cell | Part::Caption => {
                let number = |names: [&str; 2]| {
                    names
                        .iter()
                        .find_map(|name| attribute_number(html, attributes, name))
                };
                let down = match number(["rowspan", "aria-rowspan"]) {
                    Some(0) => MAX_ROWSPAN,
                    Some(n) => n.min(MAX_ROWSPAN),
                    None => 1,
                };
                let across = number(["colspan", "aria-colspan"])
                    .unwrap_or(1)
                    .clamp(1, MAX_COLSPAN);
                *self.cell = Some(Open {
                    text: String::new(),
                    place: range,
                    spans: (down, across),
                    caption: part == Part::Caption,
                });
            }
        }
    }

    /// An end tag ends a `part` of a table.
    fn end(&mut self, part: Part) {
        self.close_cell();
        if part == Part::Table {
            if let Some(table) = self.table() {
                table.fill_from_above(true);
                table.below.clear();
            }
            self.open.pop();
        }
    }
}

/// A block of prose: whether it is a heading, and its text as pieces with
/// their byte range in the file.
pub type ProseBlock = (bool, Vec<(String, Range<usize>)>);

/// The text of each paragraph, heading and list item of `text[body]`
/// outside tables (code left out; raw HTML's text as a browser shows it, a
/// block tag beginning a block: round 15, a sentence in a `<p>`), in
/// order; a line break is a space.
pub fn prose_blocks(text: &str, body: Range<usize>) -> Vec<ProseBlock> {
    let mut blocks: Vec<ProseBlock> = Vec::new();
    let (mut in_table, mut in_code) = (0usize, 0usize);
    // Raw HTML's tables (which `written_tables` reads), scripts and styles.
    let mut in_html_table = 0usize;
    // Whether the last block began with a `<dt>`, which a `<dd>` goes on.
    let mut dt_open = false;
    let push = |blocks: &mut Vec<ProseBlock>, piece: (String, Range<usize>)| match blocks.last_mut()
    {
        Some((_, block)) => block.push(piece),
        None => blocks.push((false, vec![piece])),
    };
    for (event, range) in parser(&text[body.clone()]) {
        let range = body.start + range.start..body.start + range.end;
        match event {
            Event::Html(html) | Event::InlineHtml(html) if in_table == 0 && in_code == 0 => {
                let at = (text.get(range.clone()) == Some(&*html)).then_some(range.start);
                for token in crate::reading::html_tokens(&html) {
                    match token {
                        crate::reading::Token::Tag {
                            name,
                            end,
                            boundary,
                            attributes,
                            ..
                        } => {
                            // What a picture or a control says, as a block
                            // of its own: `<img alt="…">` (round 17).
                            for value in shown_attributes(&html, &attributes) {
                                let place =
                                    at.map_or(range.clone(), |at| at + value.start..at + value.end);
                                let decoded = crate::reading::decode_references(&html[value]);
                                blocks.push((false, vec![(decoded, place)]));
                                blocks.push((false, Vec::new()));
                            }
                            // Tables, and what no sentence is (a script's).
                            if matches!(name.as_str(), "table" | "script" | "style" | "template") {
                                match end {
                                    false => in_html_table += 1,
                                    true => in_html_table = in_html_table.saturating_sub(1),
                                }
                            }
                            // A description reads after its term, as a
                            // screen reader reads it ("District nurses,
                            // Borough A: 3").
                            let term = blocks.last().is_some_and(|(_, b)| !b.is_empty());
                            if name == "dd" && !end && term && dt_open {
                                push(&mut blocks, (": ".to_string(), range.clone()));
                                continue;
                            }
                            if name == "dt" {
                                dt_open = !end || dt_open;
                            } else if boundary && !end && name != "dd" {
                                dt_open = false;
                            }
                            if boundary && in_html_table == 0 && !(name == "dt" && end) {
                                let heading = !end
                                    && name.len() == 2
                                    && name.starts_with('h')
                                    && name.as_bytes()[1].is_ascii_digit();
                                blocks.push((heading, Vec::new()));
                            }
                        }
                        crate::reading::Token::Text(piece) if in_html_table == 0 => {
                            let place =
                                at.map_or(range.clone(), |at| at + piece.start..at + piece.end);
                            let decoded = crate::reading::decode_references(&html[piece]);
                            push(&mut blocks, (decoded, place));
                        }
                        _ => {}
                    }
                }
            }
            Event::Start(Tag::Table(_)) => in_table += 1,
            Event::End(TagEnd::Table) => in_table -= 1,
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code -= 1,
            Event::Start(tag @ (Tag::Paragraph | Tag::Heading { .. } | Tag::Item))
                if in_table == 0 =>
            {
                blocks.push((matches!(tag, Tag::Heading { .. }), Vec::new()));
            }
            Event::Text(t) | Event::Code(t) if in_table == 0 && in_code == 0 => {
                push(&mut blocks, (t.into_string(), range));
            }
            Event::SoftBreak | Event::HardBreak if in_table == 0 => {
                push(&mut blocks, (" ".to_string(), range));
            }
            _ => {}
        }
    }
    blocks.retain(|(heading, b)| *heading || !b.is_empty());
    blocks
}

/// The values of the attributes of a tag that a reader is shown or read
/// out (`alt`, `title`, `aria-label`, `placeholder`), as ranges of `html`.
fn shown_attributes(html: &str, attributes: &[Range<usize>]) -> Vec<Range<usize>> {
    const SHOWN: [&str; 4] = ["alt", "title", "aria-label", "placeholder"];
    attributes
        .windows(2)
        .filter(|pair| {
            SHOWN
                .iter()
                .any(|a| html[pair[0].clone()].eq_ignore_ascii_case(a))
        })
        .map(|pair| pair[1].clone())
        .collect()
}

/// The first paragraph of text in `body`, as written: the first paragraph
/// that is in no list, quotation, table or footnote and holds text other
/// than an image's (a paragraph that only embeds a quote is passed over).
/// Headings, code and HTML blocks are not paragraphs.
pub fn first_paragraph(body: &str) -> Option<&str> {
    let (mut open, mut in_image) = (0usize, 0usize);
    let mut paragraph: Option<(Range<usize>, bool)> = None;
    for (event, range) in parser(body) {
        match event {
            Event::Start(tag) => {
                if open == 0 && matches!(tag, Tag::Paragraph) {
                    paragraph = Some((range, false));
                }
                in_image += usize::from(matches!(tag, Tag::Image { .. }));
                open += 1;
            }
            Event::End(end) => {
                open -= 1;
                in_image -= usize::from(end == TagEnd::Image);
                if open == 0 && end == TagEnd::Paragraph {
                    match paragraph.take() {
                        Some((range, true)) => return Some(body[range].trim()),
                        _ => continue,
                    }
                }
            }
            Event::Text(text) | Event::Code(text) | Event::InlineHtml(text)
                if in_image == 0 && !text.trim().is_empty() =>
            {
                if let Some((_, has_text)) = paragraph.as_mut() {
                    *has_text = true;
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The text of each cell of `table`, by rows.
    fn cells_of(table: &WrittenTable) -> Vec<Vec<&str>> {
        table
            .rows
            .iter()
            .map(|row| row.iter().map(|(t, _)| t.as_str()).collect())
            .collect()
    }

    /// A cell is read in each row and column it spans, as a reader sees
    /// it, and a caption is the table's (round 15).
    #[test]
    fn html_tables_place_spanning_cells_and_read_their_caption() {
        let text = "<table><caption>Borough A</caption>\n\
                    <tr><th rowspan=\"2\">Role</th><th colspan=2>Seen</th></tr>\n\
                    <tr><th>Interviewed</th><th>Observed</th></tr>\n\
                    <tr><td>GP</td><td>1</td><td rowspan=\"0\">2</td></tr>\n\
                    <tr><td>Nurse</td><td>3</td></tr>\n</table>\n";
        let tables = written_tables(text, 0..text.len());
        let grid = cells_of(&tables[0]);
        assert_eq!(
            grid,
            [
                vec!["Role", "Seen", "Seen"],
                vec!["Role", "Interviewed", "Observed"],
                vec!["GP", "1", "2"],
                vec!["Nurse", "3", "2"],
            ]
        );
        assert_eq!(tables[0].caption, "Borough A");
        assert_eq!(tables[0].start, 0);
    }

    /// A row the rows above leave short is filled where they span down;
    /// a cell before any row begins one.
    #[test]
    fn html_tables_fill_gaps_and_rows_a_cell_begins() {
        let text = "<table><td>a</td><td rowspan=3>b</td>\n<tr></tr><tr><td>c</td></tr></table>";
        let tables = written_tables(text, 0..text.len());
        let grid = cells_of(&tables[0]);
        assert_eq!(grid, [vec!["a", "b"], vec!["", "b"], vec!["c", "b"]]);
    }

    /// A table set in another's cell is a table of its own, and the rows
    /// after it are the outer table's (round 19).
    #[test]
    fn a_table_in_a_cell_ends_before_the_rows_after_it() {
        let text = "<table><tr><th>Role</th><th>Borough A</th></tr>\n\
                    <tr><td>Social worker</td><td><table><tr><td>Adults</td><td>2</td></tr></table></td></tr>\n\
                    <tr><td>District nurse</td><td>3</td></tr></table>";
        let tables = written_tables(text, 0..text.len());
        assert_eq!(tables.len(), 2);
        assert_eq!(
            cells_of(&tables[0]),
            [
                vec!["Role", "Borough A"],
                vec!["Social worker", ""],
                vec!["District nurse", "3"]
            ]
        );
        assert_eq!(cells_of(&tables[1]), [vec!["Adults", "2"]]);
    }

    /// A table laid out with ARIA roles is read as a screen reader reads
    /// it: each element's role makes it a table, row, cell or caption
    /// until its own end tag (not the end tag of an element inside it),
    /// and what follows the table is in none of its cells.
    #[test]
    fn tables_laid_out_with_aria_roles_are_read_as_tables() {
        let text = "<div role=\"table\">\n\
                    <div role=\"caption\">Borough A</div>\n\
                    <div role=\"row\"><span role=\"columnheader\">Role</span>\
                    <span role=\"columnheader\">Interviewed</span></div>\n\
                    <div role=\"row\"><div role=\"rowheader\"><em>District</em> nurse</div>\
                    <div role=\"cell\" aria-rowspan=\"2\">3</div></div>\n\
                    <div role=\"row\"><div role=\"cell\">GP</div></div>\n\
                    </div>\n<p>Eleven visits in 2 weeks.</p>\n";
        let tables = written_tables(text, 0..text.len());
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].caption, "Borough A");
        let grid = cells_of(&tables[0]);
        assert_eq!(
            grid,
            [
                vec!["Role", "Interviewed"],
                vec!["District nurse", "3"],
                vec!["GP", "3"]
            ]
        );
        let (_, place) = &tables[0].rows[1][1];
        assert_eq!(&text[place.clone()], "3");
        // Elements without a table's role are nothing to a table.
        let text = "<div class=\"table\"><div>District nurse</div><div>3</div></div>";
        assert!(written_tables(text, 0..text.len()).is_empty());
    }

    #[test]
    fn ordinary_links_are_not_references() {
        let text = "[site](https://example.org) [mail](mailto:a)";
        assert!(references(text, 0..text.len()).is_empty());
    }

    #[test]
    fn a_summary_is_the_first_paragraph_of_text() {
        let body = "![](quote:x)\n\n## Heading\n\nFirst line\nsecond line.\n\nMore.\n";
        assert_eq!(first_paragraph(body), Some("First line\nsecond line."));
        assert_eq!(first_paragraph("Only one."), Some("Only one."));
        assert_eq!(first_paragraph("![](quote:x)\n"), None);
        assert_eq!(first_paragraph("1. a list\n\nText"), Some("Text"));
    }

    // The last review: the first paragraph was found by line prefixes, so
    // a setext heading, a `1)` list, an indented code block or a fenced
    // one's code were taken for it.
    #[test]
    fn headings_lists_and_code_of_every_form_are_not_the_first_paragraph() {
        for (body, first) in [
            ("Heading\n=======\n\nText.\n", "Text."),
            ("Heading\n-------\n\nText.\n", "Text."),
            ("1) one\n2) two\n\nText.\n", "Text."),
            ("    code\n\nText.\n", "Text."),
            ("```\ncode\n```\n\nText.\n", "Text."),
            ("> quoted\n\nText.\n", "Text."),
            ("| a |\n|---|\n| b |\n\nText.\n", "Text."),
            ("<div>\nblock\n</div>\n\nText.\n", "Text."),
            (
                "Text with ![](quote:x) in it.\n\nMore.",
                "Text with ![](quote:x) in it.",
            ),
        ] {
            assert_eq!(first_paragraph(body), Some(first), "{body:?}");
        }
    }
}
