//! How the gate reads HTML (and SVG or XML): as a browser builds and shows
//! it. The page is parsed by a real HTML5 parser (`html5ever`, through
//! `scraper`) into the tree a browser builds, so tags a browser drops (a
//! stray `</div>`, table tags outside a table, a second `<body>`) are
//! dropped here too, and text a browser moves (out of a table) is read
//! where it is shown.
//!
//! What is read ([`line`] keeps the text):
//! - **Blocks**: the text between the elements a browser shows as blocks
//!   by default ([`layout::parts_words`]: paragraphs, list items, table
//!   cells…). Within a block, text is joined across every other element
//!   (inline, unknown, custom, or not shown: a `<template>` between two
//!   halves of a number shows nothing) and comment, and read again with a
//!   space at each of them; `<br>` is a space. What an element that may be
//!   hidden holds (`hidden`, a `style` attribute, a class or id a style
//!   sheet may hide, an element not shown by default, a ruby annotation) is
//!   read both in the line and left out of it; so is an image's
//!   alternative text and a form field's value, which show in the line.
//!   Text inside `<bdo dir=rtl>` is also read reversed, as it is shown.
//! - **The flow**: all of the page's text joined across every element,
//!   blocks included, as `textContent` gives it and as a style sheet that
//!   lays blocks out inline shows it: searched for listed terms,
//!   participant ids and email addresses; and around each place two blocks
//!   meet, for numbers (table cells meet with a space, never joined).
//! - Every attribute value (with the decodings of [`text::versions`]; an
//!   `iframe`'s `srcdoc` and `data:` documents as HTML), tag and attribute
//!   names, comments (as text, and as HTML), a doctype, and the contents
//!   of `<script>`, `<style>` and the other elements a browser does not
//!   show (as text, and as HTML).
//! - In SVG, the numbers of a drawing (`d`, `points`, `transform`…) are
//!   read for names, ids and addresses only, not as phone or NHS numbers.
//! - A page the parser had to repair (a parse error) is read once more as
//!   plain text, so what the repair threw away (a duplicate attribute, an
//!   attribute on an end tag, an unfinished tag) is read too.
//! - A document holding CDATA sections (a feed, a drawing) is read once
//!   more with them unwrapped ([`cdata`]), as an XML reader shows them.
//! - The pieces of a drawing's text are read side by side in any order
//!   ([`drawn`]).
//!
//! Style sheets and `style` attributes are held to [`css::check`]; a page
//! that declares an encoding other than UTF-8, or numbers a list from a
//! number of four or more digits, is refused.

use super::line::{Flow, Run, Shown, shown_spaces};
use super::shown::{Hidden, Opened, attr, hidden};
use super::{Texts, bidi, cdata, css, drawn, shown, text};
use crate::hash::FastSet;
use crate::reading::layout;
use scraper::{Html, Node};
use std::sync::Arc;

/// Elements whose contents a browser does not show, read as text (and as
/// HTML, for a script may write them into the page).
const HIDDEN_RAW: &[&str] = &[
    "script", "style", "iframe", "noembed", "noframes", "noscript",
];

/// SVG attributes that hold a drawing's numbers (a path, points, a
/// transform): read for names and ids, not for phone or NHS numbers, which
/// a run of coordinates can look like.
const GEOMETRY: &[&str] = &[
    "d",
    "points",
    "viewbox",
    "transform",
    "stroke-dasharray",
    "values",
    "keytimes",
    "keysplines",
    "x",
    "y",
    "dx",
    "dy",
    "rotate",
];

/// Attributes whose value is an address a page leads to or shows.
const LEADS: &[&str] = &[
    "href",
    "src",
    "data",
    "action",
    "formaction",
    "cite",
    "poster",
    "xlink:href",
];

/// A page's font size in pixels, as a browser sets it.
const PAGE_FONT: f32 = 16.0;

const NUMBERED: &str = "it numbers a list from a number of four or more digits (`start` or `value`), which the list's markers show beside its text";
const SHADOW_ROOT: &str = "it attaches a shadow root written in the page (`<template shadowrootmode>`), whose slots show the page's text in another order than it is written";
const MAIN_CLOSED: &str = "it closes the report (`</main>`) where the page does not, or holds more than one `<main>`, which would set text among the page's regions, where the theme's style sheet may place it elsewhere than it is written; remove the `</main>` or `<main>`";
/// An element or comment never closed takes in the rest of the page,
/// `</main>` with it (see [`crate::reading::left_open`]).
pub(super) const LEFT_OPEN: &str = "it has an element (`<script>`, `<style>`, `<textarea>`, `<title>`…) or a comment (`<!--`) that is never closed, which makes the rest of the page its text, not shown as written; close it, or write it as code or escaped text";
const FOOT_FIRST: &str = "it writes a table's foot (`<tfoot>`) before its body, which a browser shows below the body, in another order than the gate reads; write the foot last";
const OTHER_ENCODING: &str = "it declares a character encoding other than UTF-8, in which a browser would show other text than the gate reads";

/// The state of one page's reading.
struct Reader<'t> {
    texts: &'t mut Texts,
    /// The names the style sheets may hide or lay out anew.
    styles: Arc<css::Effects>,
    run: Run,
    flow: Flow,
    /// Tag and attribute names, each once, in the order met.
    names: Vec<String>,
    named: FastSet<String>,
    /// The text of the `<style>` being read.
    style: Option<String>,
    /// How many elements have been opened.
    elements: usize,
    /// An element is set right to left (`dir`, a style).
    right_to_left: bool,
    /// How many elements are open whose style may close up the spaces
    /// between words (see [`Run::text_closed_up`]).
    closing: usize,
    /// How many elements are open that a style may draw mirrored.
    mirroring: usize,
    /// How many `<svg>` elements are open, and the pieces of text drawn in
    /// the outermost so far.
    svg: usize,
    drawn: Vec<String>,
    /// The page holds a table or a description list (whose cells and
    /// descriptions are read under their headings and terms).
    tables: bool,
    /// How many note marks are open ([`is_note_mark`]).
    notes: usize,
    /// How many `<main>` elements are open.
    main: usize,
    /// How many elements are open (`<html>` and `<body>` make 2).
    depth: usize,
    /// How many `<main>` elements the page holds.
    mains: usize,
    /// How many `</main>` the page's comments and scripts hold as text
    /// ([`end_tags`] counts them too).
    ends_in_text: usize,
}

/// Reads `html` into `texts` (see the module's list).
pub fn read(html: &str, texts: &mut Texts) {
    // An XML reader shows a CDATA section's text joined to what is
    // around it; an HTML parser reads one as a comment (outside a
    // drawing), which parts the word.
    if let Some(unwrapped) = cdata::unwrapped(html) {
        for document in unwrapped {
            texts.inner(&document, read);
        }
    }
    let document = Html::parse_document(html);
    let (styles, capitals) = own_styles(&document, &texts.styles);
    texts.capitals |= capitals;
    let first = texts.blocks.len();
    let first_drawn = texts.drawn.len();
    let site_rtl = styles.right_to_left;
    let mut reader = Reader {
        texts,
        styles,
        run: Run::default(),
        flow: Flow::default(),
        names: Vec::new(),
        named: FastSet::default(),
        style: None,
        elements: 0,
        right_to_left: site_rtl,
        closing: 0,
        mirroring: 0,
        svg: 0,
        drawn: Vec::new(),
        tables: false,
        notes: 0,
        main: 0,
        depth: 0,
        mains: 0,
        ends_in_text: 0,
    };
    reader.tree(document.tree.root());
    let Reader {
        texts,
        mut run,
        flow,
        names,
        right_to_left,
        tables,
        mains,
        ends_in_text,
        ..
    } = reader;
    // The report's text cannot close `<main>` and stand among the page's
    // regions (a parser reads a second `</main>` as nothing). A document
    // set in the page (a comment's, a frame's) has no regions of its own.
    let ends = end_tags(html, "main").saturating_sub(ends_in_text);
    if texts.depth == 0 && (mains > 1 || ends != mains) {
        texts.refuse(MAIN_CLOSED);
    }
    // An element or a comment never closed takes in the rest of the page,
    // the report's `</main>` with it (which the reading of its text then
    // finds misplaced): said so. Told apart only once refused, by a
    // second reading of the page.
    if texts.unreadable == Some(MAIN_CLOSED) && crate::reading::left_open(html).is_some() {
        texts.unreadable = Some(LEFT_OPEN);
    }
    run.end(texts);
    texts.blocks.push(names.join("\n"));
    flow.finish(texts);
    // Where text may run right to left, numbers parted by spaces are
    // shown in the opposite order (see [`bidi`]).
    let (lines, drawn) = (&texts.blocks[first..], &texts.drawn[first_drawn..]);
    if right_to_left || (lines.iter().chain(drawn)).any(|line| bidi::turns_right_to_left(line)) {
        // And each in the order a browser shows it, in a paragraph
        // running either way (where it runs is not followed line by line).
        let reversed = |lines: &[String]| -> Vec<String> {
            let shown = |l: &String| {
                [
                    bidi::numbers_reversed(l),
                    bidi::shown_order(l, true),
                    bidi::shown_order(l, false),
                ]
            };
            lines.iter().flat_map(shown).flatten().collect()
        };
        let (lines, drawn) = (reversed(lines), reversed(drawn));
        texts.blocks.extend(lines);
        texts.drawn.extend(drawn);
    }
    if tables {
        table_columns(&document, texts);
        described(&document, texts);
    }
    if document.errors.iter().any(|e| may_drop_text(e)) {
        // Fail closed: what the parser's repairs left out is in the text.
        text::versions(html, texts);
    }
}

/// Whether `node` is a footnote's or a citation's number set above the
/// line right after a word (`GP<sup>1</sup>`, `<sup>[2]</sup>`,
/// `<sup>1,3</sup>`, `<sup>2–4</sup>`), as Markdown's footnotes make it:
/// a reader takes it for a mark on the word, no part of it nor a word
/// after it, so the line is read without it, and it as a block of its
/// own (red team, round 22: "A GP" and its footnote read as the
/// participant id `a-gp-1`, joined or with a space; "Marjorie¹
/// Quillfeather" is read as the name). The line is also read joined,
/// as a drawing's pieces are: for everything but ids with their marks
/// left out (`p<sup>12</sup>` is the id `p12`). After a digit, a raised
/// number may be the rest of one, and one that starts with a mark
/// (`a-gp<sup>-1</sup>`) is the rest of an id: both are read joined.
fn is_note_mark(node: &ego_tree::NodeRef<'_, Node>) -> bool {
    if !is(node, &["sup"]) {
        return false;
    }
    // A word, not a code: its last letter ends it, and no mark an id's
    // parts are written with is inside it (`A-GP<sup>1</sup>` shows the
    // id `a-gp-1` with its number raised, and is read joined).
    let after_a_word = node
        .prev_sibling()
        .and_then(|before| before.value().as_text().map(|t| t.to_string()))
        .is_some_and(|before| {
            let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
            word.chars().next_back().is_some_and(char::is_alphabetic)
                && !word.contains(crate::anonymity::participant_ids::ID_MARKS)
                && !word.contains(crate::reading::DASHES)
                && !word.contains(crate::anonymity::participant_ids::MIDDLE_DOTS)
        });
    let number = text_of(*node);
    after_a_word
        && number.starts_with(|c: char| c.is_ascii_digit() || c == '[')
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '\u{2013}' | '[' | ']' | ' '))
}

/// The text before a note mark, the mark and the text after it, joined as
/// written (see [`is_note_mark`]).
fn joined_across(node: &ego_tree::NodeRef<'_, Node>) -> String {
    let text = |sibling: Option<ego_tree::NodeRef<'_, Node>>| {
        sibling
            .and_then(|s| s.value().as_text().map(|t| t.to_string()))
            .unwrap_or_default()
    };
    format!(
        "{}{}{}",
        text(node.prev_sibling()),
        text_of(*node),
        text(node.next_sibling())
    )
}

/// Whether `node` is an element named one of `names`, in any case.
fn is(node: &ego_tree::NodeRef<'_, Node>, names: &[&str]) -> bool {
    node.value()
        .as_element()
        .is_some_and(|e| names.iter().any(|n| e.name().eq_ignore_ascii_case(n)))
}

/// The text inside `node`, its pieces parted and white space collapsed as
/// a reader sees a cell's or a term's words.
fn text_of(node: ego_tree::NodeRef<'_, Node>) -> String {
    let pieces: Vec<String> = node
        .descendants()
        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        .collect();
    pieces
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each table's cells under a heading that marks dates of birth, read
/// once more after it (`Date of birth: 14/03/1952`), as a screen reader
/// reads a cell and a reader takes it, however many rows down (red team,
/// round 9), and after a row's first cell that marks them (round 10), as
/// [`read_under_headings`] reads them. Cells are placed as a browser
/// places them, across the columns and rows they span.
fn table_columns(document: &Html, texts: &mut Texts) {
    let span = |cell: &ego_tree::NodeRef<'_, Node>, name: &str| {
        let element = cell.value().as_element();
        let value = element
            .and_then(|e| attr(e, name))
            .and_then(|v| v.trim().parse::<usize>().ok());
        // A browser spans at most 1,000 columns and 65,534 rows; `0` rows
        // run to the end of the table.
        match value {
            Some(0) if name == "rowspan" => MAX_SPAN,
            Some(n) => n.clamp(1, MAX_SPAN),
            None => 1,
        }
    };
    for table in document
        .tree
        .root()
        .descendants()
        .filter(|n| is(n, &["table"]))
    {
        // The table's own rows, not those of a table inside it.
        let rows: Vec<_> = table
            .descendants()
            .filter(|row| {
                is(row, &["tr"])
                    && row.ancestors().find(|a| is(a, &["table"])).map(|a| a.id())
                        == Some(table.id())
            })
            .collect();
        // Each row's cells by column, where the cells above reach down.
        let mut grid: Vec<Vec<Option<std::rc::Rc<str>>>> = vec![Vec::new(); rows.len()];
        let mut placed: usize = 0;
        for (r, row) in rows.iter().enumerate() {
            let mut column = 0;
            for cell in row.children().filter(|c| is(c, &["td", "th"])) {
                while grid[r].get(column).is_some_and(Option::is_some) {
                    column += 1;
                }
                let text: std::rc::Rc<str> = text_of(cell).into();
                let (across, down) = (span(&cell, "colspan"), span(&cell, "rowspan"));
                placed += across.saturating_mul(down.min(rows.len() - r));
                if column + across > MAX_COLUMNS || placed > MAX_PLACED {
                    texts.refuse(TOO_WIDE);
                    return;
                }
                for below in grid.iter_mut().skip(r).take(down) {
                    if below.len() < column + across {
                        below.resize(column + across, None);
                    }
                    for slot in &mut below[column..column + across] {
                        *slot = Some(text.clone());
                    }
                }
                column += across;
            }
        }
        // A caption naming dates of birth names every column's (`Table 3.
        // Date of birth of each carer`, over a column headed "Date"), as a
        // screen reader announces it with the table (red team, round 12).
        let caption = table
            .children()
            .find(|c| is(c, &["caption"]))
            .map(text_of)
            .filter(|caption| crate::anonymity::patterns::names_a_date_of_birth(caption));
        if let Some(caption) = caption {
            let width = grid.iter().map(Vec::len).max().unwrap_or(0);
            grid.insert(0, vec![Some(caption.into()); width]);
        }
        text::read_under_headings(&grid, texts);
    }
}

/// Each description in a description list (`<dl>`) whose term marks
/// dates of birth, read once more after the cue (`<dt>Date of
/// birth</dt><dd>14/03/1952</dd>`, as a record's details are laid out),
/// as a reader takes it beside its term (red team, round 12). A `<div>`
/// may group a term with its descriptions.
fn described(document: &Html, texts: &mut Texts) {
    for list in document
        .tree
        .root()
        .descendants()
        .filter(|n| is(n, &["dl"]))
    {
        let mut marks = false;
        let items = list
            .children()
            .flat_map(|child| match is(&child, &["div"]) {
                true => child.children().collect::<Vec<_>>(),
                false => vec![child],
            });
        for item in items {
            if is(&item, &["dt"]) {
                marks = crate::anonymity::patterns::names_a_date_of_birth(&text_of(item));
            } else if is(&item, &["dd"]) && marks {
                texts
                    .blocks
                    .push(format!("date of birth: {}", text_of(item)));
            }
        }
    }
}

/// The most columns or rows one table cell is taken to span.
const MAX_SPAN: usize = 1000;
/// The most columns a table may have for its cells to be read under their
/// headings.
const MAX_COLUMNS: usize = 2000;
/// The most places a table's cells may take, spans counted (a cell
/// spanning 2,000 columns and every row of a long table would fill
/// millions).
const MAX_PLACED: usize = 1_000_000;
const TOO_WIDE: &str = "it holds a table more than 2,000 columns wide, or whose cells span more than a million places, whose cells the gate cannot read under their headings; split the table";

/// What the page's own styles do, with the site's style sheets (their
/// `effects`): the names they may hide or lay out anew, and whether they
/// show text in capitals. Where the page gives custom properties or a
/// background of its own (in a `<style>`, or a `style` attribute, which
/// the elements inside it see too), the site's style sheets are read
/// again with them.
fn own_styles(document: &Html, site: &Arc<css::Effects>) -> (Arc<css::Effects>, bool) {
    let mut sheets: Vec<String> = Vec::new();
    let mut given = css::Palette::default();
    let mut capitals = false;
    for node in document.tree.nodes() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        if element.name().eq_ignore_ascii_case("style") {
            let css: String = node
                .descendants()
                .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                .collect();
            capitals |= css::shows_capitals(&css);
            sheets.push(css);
        }
        if let Some(style) = attr(element, "style") {
            capitals |= css::shows_capitals(style);
            given.read_attribute(&element.name().to_ascii_lowercase(), style);
        }
    }
    for css in &sheets {
        given.read(css);
    }
    // What a page's own `<style>` places elsewhere is refused where it
    // is written (`css::Context::Element`); the site's sheets place boxes
    // only in the page's regions.
    if !site.palette().holds(&given) {
        let all = site.sheets().chain(sheets.iter().map(String::as_str));
        let mut effects = css::Effects::of(all, given);
        effects.placing = site.placing.clone();
        return (Arc::new(effects), capitals);
    }
    if sheets.is_empty() {
        return (site.clone(), capitals);
    }
    let mut own = css::Effects::of(sheets.iter().map(String::as_str), site.palette().clone());
    own.placing.clear();
    if site.holds(&own) {
        return (site.clone(), capitals);
    }
    let mut all = (**site).clone();
    all.extend(own);
    (Arc::new(all), capitals)
}

impl Reader<'_> {
    fn note(&mut self, name: &str) {
        if !self.named.contains(name) {
            self.named.insert(name.to_string());
            self.names.push(name.to_string());
        }
    }

    /// Reads the tree under `root` in document order, without recursion
    /// (a page may nest elements thousands deep).
    fn tree(&mut self, root: ego_tree::NodeRef<'_, Node>) {
        let mut open: Vec<Opened> = Vec::new();
        for edge in root.traverse() {
            let raw = open.iter().any(|o| o.raw);
            match edge {
                ego_tree::iter::Edge::Open(node) => match node.value() {
                    Node::Element(element) => {
                        let picked = open.last().is_some_and(|o| o.picks);
                        let scale = open.last().map_or(1.0, |o| o.scale);
                        let mut opened = self.open(element, raw, picked, scale);
                        if opened.svg_text {
                            self.placed(&node);
                        }
                        if is_note_mark(&node) {
                            self.notes += 1;
                            // Read joined too, for what a mark on a word
                            // cannot make (an id written with its marks,
                            // or of one part: `p<sup>12</sup>` for `p12`).
                            self.texts.drawn.push(joined_across(&node));
                        }
                        // A table's foot is shown below its body wherever
                        // it is written (red team, round 26).
                        if is(&node, &["tfoot"])
                            && node.next_siblings().any(|n| is(&n, &["tbody", "tr"]))
                        {
                            self.texts.refuse(FOOT_FIRST);
                        }
                        if element.name().eq_ignore_ascii_case("option") {
                            opened.option_of = open.iter().rev().find_map(|o| o.select);
                        }
                        open.push(opened);
                    }
                    other => {
                        self.ends_in_text += written_ends(other, open.last());
                        self.leaf(other, hidden(&open), raw);
                    }
                },
                ego_tree::iter::Edge::Close(node) => {
                    if matches!(node.value(), Node::Element(_))
                        && let Some(opened) = open.pop()
                    {
                        self.close(opened);
                        if is_note_mark(&node) {
                            self.notes = self.notes.saturating_sub(1);
                        }
                    }
                }
            }
        }
    }

    /// An SVG `<text>` or `<tspan>` that places its characters one by
    /// one (an `x` or `dx` list): its text read in the order of their
    /// places too, as one of the drawing's pieces ([`drawn::placed_order`]),
    /// or the page refused where that order cannot be told.
    fn placed(&mut self, node: &ego_tree::NodeRef<'_, Node>) {
        let Some(element) = node.value().as_element() else {
            return;
        };
        let (x, dx) = (attr(element, "x"), attr(element, "dx"));
        let listed = |v: Option<&str>| {
            v.is_some_and(|v| {
                v.trim()
                    .contains(|c: char| c == ',' || c.is_ascii_whitespace())
            })
        };
        if !listed(x) && !listed(dx) {
            return;
        }
        // The text as drawn: white space collapsed, as SVG does.
        let written: String = node
            .descendants()
            .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
            .collect();
        let text = written.split_whitespace().collect::<Vec<_>>().join(" ");
        // A part placed again inside it: which place wins is not told.
        let nested = node.descendants().skip(1).any(|d| {
            d.value()
                .as_element()
                .is_some_and(|e| attr(e, "x").is_some() || attr(e, "dx").is_some())
        });
        match drawn::placed_order(&text, x, dx, nested) {
            Ok(Some(ordered)) => {
                text::versions(&ordered, self.texts);
                self.drawn.push(ordered);
            }
            Ok(None) => {}
            Err(why) => self.texts.refuse(why),
        }
    }

    /// A node that is not an element; `hidden` says whether an element
    /// around it may hide it (within its block, and anywhere), `raw`
    /// whether it is inside one whose text is not decoded.
    fn leaf(&mut self, node: &Node, hidden: Hidden, raw: bool) {
        match node {
            Node::Text(t) if self.notes > 0 => self.texts.blocks.push(t.to_string()),
            Node::Text(t) => {
                if let Some(style) = &mut self.style {
                    style.push_str(t);
                }
                self.right_to_left |= bidi::turns_right_to_left(t);
                if self.svg > 0 && !raw && t.chars().any(char::is_alphanumeric) {
                    self.drawn.push(t.trim().to_string());
                }
                if raw {
                    raw_text(t, self.texts);
                }
                let shown = shown_spaces(t);
                match self.closing {
                    0 => self.run.text(&shown, hidden.in_line),
                    _ => self.run.text_closed_up(&shown, hidden.in_line),
                }
                self.flow.text(&shown, hidden.anywhere);
            }
            Node::Comment(comment) => {
                text::versions(comment, self.texts);
                if comment.contains('<') {
                    self.texts.inner(comment, read);
                }
                // `<?xml … encoding="…"?>` is read as a comment.
                if comment.starts_with("?xml") && declares_other_encoding(comment, "encoding") {
                    self.texts.refuse(OTHER_ENCODING);
                }
                self.run.inline();
            }
            Node::Doctype(doctype) => {
                for part in [doctype.name(), doctype.public_id(), doctype.system_id()] {
                    if !part.is_empty() {
                        self.texts.blocks.push(part.to_string());
                    }
                }
            }
            Node::ProcessingInstruction(pi) => {
                self.texts.blocks.push(pi.target.to_string());
                text::versions(&pi.data, self.texts);
            }
            Node::Element(_) | Node::Document | Node::Fragment => {}
        }
    }

    /// An element's start: its names and attributes read, and what its
    /// contents are.
    /// `scale`: its parent's font size as a share of the page's.
    fn open(
        &mut self,
        element: &scraper::node::Element,
        raw: bool,
        picked: bool,
        scale: f32,
    ) -> Opened {
        let name = lower(element.name());
        self.note(&name);
        let svg = &*element.name.ns == "http://www.w3.org/2000/svg";
        self.tables |= name == "table" || name == "dl";
        for (attribute, value) in element.attrs() {
            self.note(attribute);
            let attribute = lower(attribute);
            match svg && GEOMETRY.contains(&&*attribute) {
                // Coordinates, not text: a run of them is no phone number.
                true => self.texts.flow(value.to_string()),
                false => self.attribute(&name, &attribute, value),
            }
        }
        if name == "link" && loads_a_style_sheet_from_elsewhere(element) {
            self.texts.refuse(css::ELSEWHERE);
        }
        // A shadow root written in the page shows its slots' children in
        // another order than they are written (round 5).
        if name == "template"
            && (attr(element, "shadowrootmode").is_some() || attr(element, "shadowroot").is_some())
        {
            self.texts.refuse(SHADOW_ROOT);
        }
        // An SVG presentation attribute is the CSS property of its name:
        // held to the same check as a style sheet's (which refuses an
        // override of the text's direction, red team finding F5; a
        // drawing's pieces are read in any place, so a transform is no
        // refusal here), and read with the element's `style` attribute.
        let presented = svg
            .then(|| crate::reading::shown::presentation(element.attrs()))
            .flatten();
        if let Some(presented) = &presented
            && let Err(why) = css::check(presented, css::Context::Sheet)
        {
            self.texts.refuse(why);
        }
        let own = match (presented, attr(element, "style")) {
            (Some(presented), Some(style)) => Some(self.styles.own(&format!("{presented}{style}"))),
            (Some(presented), None) => Some(self.styles.own(&presented)),
            (None, style) => style.map(|style| self.styles.own(style)),
        };
        let showing = shown::showing(element, &name, &self.styles, picked, own);
        // The site's style sheet may lay out the theme's own boxes, the
        // page's regions (`<body>`'s children: a header, a menu, the
        // report, a footer on a grid, a skip link out of the line), not
        // the report's: there a box it shows elsewhere cannot be read as
        // it is shown, whatever class or id put it there. An element a
        // browser never shows (`<meta content>` in a body, named like the
        // theme's `.content`) shows nothing elsewhere.
        let region = self.main == 0 && self.depth == 2;
        if showing.placed && !region && !showing.never {
            self.texts.refuse(css::PLACED);
        }
        let main = name == "main";
        self.main += usize::from(main);
        self.mains += usize::from(main);
        self.depth += 1;
        let closed = name == "dialog" && attr(element, "open").is_none();
        self.right_to_left |= own.is_some_and(|own| own.right_to_left)
            || attr(element, "dir").is_some_and(|d| !d.trim().eq_ignore_ascii_case("ltr"));
        self.elements += 1;
        // Sizes that are shares of the parent's make letters too small to
        // read, nested deep enough: the element where they become so may
        // hide what it holds.
        let size = scale * showing.shrink * own.map_or(1.0, |own| own.shrink);
        let tiny = |scale: f32| PAGE_FONT * scale < css::SMALLEST_FONT;
        let opened = Opened {
            hides: showing.hides || (tiny(size) && !tiny(scale)),
            scale: size,
            shows: showing.shows,
            never: showing.never,
            picks: showing.picks,
            select: (name == "select").then_some(self.elements),
            option_of: None,
            number: self.elements,
            raw: raw || HIDDEN_RAW.contains(&&*name),
            style: name == "style",
            // A closed dialog is not drawn; a text area is a box in the
            // line, and so is a list to pick from, showing one option.
            block: layout::parts_words(&name)
                && !closed
                && !matches!(&*name, "textarea" | "select" | "option" | "optgroup"),
            // A cell a style shows inline or floats is no cell: numbers
            // in it and the next read as one (red team round 4, leak 7).
            cell: matches!(&*name, "td" | "th") && !showing.reshaped,
            br: name == "br",
            svg: svg && name == "svg",
            svg_text: svg && matches!(&*name, "text" | "tspan"),
            raw_text: &*element.name.ns == "http://www.w3.org/1999/xhtml"
                && matches!(&*name, "script" | "style"),
            main,
            reversal: false,
            closes: showing.closes,
            mirrors: showing.mirrors,
        };
        self.closing += usize::from(opened.closes);
        self.mirroring += usize::from(opened.mirrors);
        if opened.style {
            self.style = Some(String::new());
        }
        if opened.svg {
            self.svg += 1;
        }
        if opened.br {
            self.run.space();
            self.flow.space();
            return opened;
        }
        match opened.block {
            true => {
                self.run.end(self.texts);
                self.flow.block(opened.cell);
            }
            false => self.run.inline(),
        }
        self.shown_in_line(&name, element);
        // A drawing or box drawn mirrored shows its letters reversed, as
        // `<bdo dir=rtl>` does, and so does each block inside it.
        let reversed = (name == "bdo" && attr(element, "dir").is_some_and(is_rtl))
            || opened.mirrors
            || (self.mirroring > 0 && opened.block);
        if reversed {
            self.run.reversal_starts();
        }
        Opened {
            reversal: reversed,
            ..opened
        }
    }

    /// What a replaced element shows in the line: an image's alternative
    /// text (when it does not load) or the text an image drawn from a
    /// `data:` address holds, a form field's value or placeholder; read
    /// in the line as text that may not be shown.
    fn shown_in_line(&mut self, name: &str, element: &scraper::node::Element) {
        let mut shown: Vec<String> = Vec::new();
        match name {
            "img" | "input" | "area" | "textarea" => {
                shown.extend(attr(element, "alt").map(str::to_string));
                shown.extend(attr(element, "value").map(str::to_string));
                shown.extend(attr(element, "placeholder").map(str::to_string));
            }
            "button" | "track" => {
                shown.extend(attr(element, "value").map(str::to_string));
                shown.extend(attr(element, "label").map(str::to_string));
            }
            // An option shows its label (or its text), never its value,
            // which is read alone as every attribute is: read in the line
            // too, each option's value was one more element that may be
            // shown, and a list of six was past the ways read (red team,
            // round 33: the default theme's filters refused six boroughs).
            "option" => shown.extend(attr(element, "label").map(str::to_string)),
            _ => {}
        }
        // A picture or document drawn from a `data:` address (an image, a
        // poster, an object, a background in a style, a frame): its text
        // shows where the element is.
        for (_, value) in element.attrs() {
            if text::has_data_address(value) {
                for (media, document) in text::data_addresses(value).into_iter().flatten() {
                    if media.contains("svg") || media.contains("html") || media.contains("xml") {
                        shown.push(document_text(&document));
                    }
                }
            }
        }
        if name == "iframe"
            && let Some(document) = attr(element, "srcdoc")
        {
            shown.push(document_text(document));
        }
        for text in shown {
            let text = shown_spaces(&text).into_owned();
            // Shown or not, as the element is: numbered as one more.
            self.elements += 1;
            self.run.text(&text, Shown::Either(self.elements));
            self.flow.text(&text, true);
        }
    }

    fn close(&mut self, opened: Opened) {
        self.main -= usize::from(opened.main);
        self.closing -= usize::from(opened.closes);
        self.mirroring -= usize::from(opened.mirrors);
        self.depth -= 1;
        if opened.reversal {
            self.run.reversal_ends();
        }
        if opened.svg {
            self.svg -= 1;
            if self.svg == 0 {
                drawn::read(std::mem::take(&mut self.drawn), self.texts);
            }
        }
        if opened.style
            && let Some(sheet) = self.style.take()
        {
            // The whole style sheet, however its text is split.
            if let Err(why) = css::check(&sheet, css::Context::Element) {
                self.texts.refuse(why);
            }
        }
        if opened.br {
            return;
        }
        match opened.block {
            true => {
                self.run.end(self.texts);
                self.flow.block(opened.cell);
            }
            false => self.run.inline(),
        }
    }

    /// An address the page leads to (`href`, `src`…), or a script, event
    /// handler or refresh that may spell one out (see `linked_quotes`).
    fn lead(&mut self, element: &str, name: &str, value: &str) {
        if LEADS.contains(&name) {
            if element == "base" && name == "href" {
                self.texts.base.get_or_insert_with(|| value.to_string());
            }
            self.texts.links.push(value.to_string());
        } else if name == "srcset" {
            // Each address, before its width or density.
            let candidates = value.split(',').filter_map(|c| c.split_whitespace().next());
            self.texts.links.extend(candidates.map(str::to_string));
        } else if name.starts_with("on") || name == "content" || name == "ping" {
            self.texts.scripts.push(value.to_string());
        }
    }

    fn attribute(&mut self, element: &str, name: &str, value: &str) {
        text::versions(value, self.texts);
        if self.texts.links_wanted {
            self.lead(element, name, value);
        }
        match name {
            // A document in an attribute, shown in a frame.
            "srcdoc" => self.texts.inner(value, read),
            "style" => {
                if let Err(why) = css::check(value, css::Context::Attribute) {
                    self.texts.refuse(why);
                }
            }
            "charset" if !text::is_utf8_name(&value.trim().to_ascii_lowercase()) => {
                self.texts.refuse(OTHER_ENCODING);
            }
            "content" if declares_other_encoding(value, "charset") => {
                self.texts.refuse(OTHER_ENCODING);
            }
            "start" | "value"
                if matches!(element, "ol" | "li")
                    && value.trim().trim_start_matches('-').len() >= 4 =>
            {
                self.texts.refuse(NUMBERED);
            }
            _ => {}
        }
    }
}

/// Whether a `<link>` loads a style sheet from another address (not a
/// file of the site, nor a `data:` address, which is read where it is).
fn loads_a_style_sheet_from_elsewhere(link: &scraper::node::Element) -> bool {
    let style_sheet = attr(link, "rel")
        .is_some_and(|rel| rel.to_ascii_lowercase().contains("stylesheet"))
        || attr(link, "as").is_some_and(|a| a.eq_ignore_ascii_case("style"));
    style_sheet && css::from_elsewhere(attr(link, "href").unwrap_or(""))
}

/// Whether `text` holds `key=…` naming an encoding other than UTF-8 (a
/// meta tag's `content`, an XML declaration).
fn declares_other_encoding(text: &str, key: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.match_indices(key).any(|(at, _)| {
        let rest = lower[at + key.len()..].trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            return false;
        };
        let name: String = value
            .trim_start_matches([' ', '"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "-_.:".contains(*c))
            .collect();
        !name.is_empty() && !text::is_utf8_name(&name)
    })
}

/// The text a document (an image drawn from SVG, say) shows.
fn document_text(document: &str) -> String {
    if !document.contains('<') {
        return document.to_string();
    }
    let parsed = Html::parse_document(document);
    parsed
        .tree
        .nodes()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// Whether a repair the parser reports may have left something out (a
/// tag it ignored with its attributes, a duplicate attribute, an
/// unfinished tag or comment); a character reference without its `;` is
/// decoded, not left out.
fn may_drop_text(error: &str) -> bool {
    !error.contains("haracter reference")
}

/// `name` in lower case (a page's tag and attribute names mostly are).
fn lower(name: &str) -> std::borrow::Cow<'_, str> {
    match name.bytes().any(|b| b.is_ascii_uppercase()) {
        true => name.to_ascii_lowercase().into(),
        false => name.into(),
    }
}

fn is_rtl(dir: &str) -> bool {
    dir.trim().eq_ignore_ascii_case("rtl")
}

/// The contents of `<script>`, `<style>` and the like: as text with every
/// decoding, and as HTML (a script may write it into the page).
fn raw_text(s: &str, texts: &mut Texts) {
    text::versions(s, texts);
    if texts.links_wanted {
        texts.scripts.push(s.to_string());
    }
    if s.contains('<') {
        texts.inner(s, read);
    }
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;

/// How many `</main>` `node` holds as it is written in the page: a
/// comment's text, and a script's or a style sheet's, are the page's
/// characters as written (no reference in them is read). Other text may
/// hold one only as `&lt;/main>` (which [`end_tags`] does not count), so
/// it is not counted: a `</main>` left uncounted is refused, never one
/// that closes the report let through.
fn written_ends(node: &Node, parent: Option<&Opened>) -> usize {
    match node {
        Node::Comment(comment) => end_tags(comment, "main"),
        Node::Text(text) if parent.is_some_and(|p| p.raw_text) => end_tags(text, "main"),
        _ => 0,
    }
}

/// How many end tags of element `name` (lower case) `html` holds, in any
/// case (`</main>`, `</MAIN >`).
fn end_tags(html: &str, name: &str) -> usize {
    html.match_indices("</")
        .filter(|&(i, _)| {
            let after = &html.as_bytes()[i + 2..];
            after.len() > name.len()
                && after[..name.len()].eq_ignore_ascii_case(name.as_bytes())
                && matches!(
                    after[name.len()],
                    b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/'
                )
        })
        .count()
}
