//! The output scan: after rendering, the text of every generated file is
//! scanned again for listed identifiers, structured identifiers and
//! participant ids, so a template cannot publish what the source checks
//! never saw. A finding names the output file and, where known, the source.

use super::Checked;
use super::identifiers::normalise;
use super::patterns;
use crate::diag::Diagnostic;
use crate::hash::{FastMap, FastSet};
use crate::render::{PageSink, Placed, Rendered};
use crate::source::Span;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, OnceLock};

/// What to look for in a text.
#[derive(Clone, Copy)]
enum Look {
    /// Listed terms and participant ids.
    Listed,
    /// Structured identifiers (email addresses, NHS numbers, …).
    Shaped,
}

/// What was found in a text, without the found text itself, by byte offset.
fn problems(checked: &Checked, text: &str, look: Look) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    if let Look::Shaped = look {
        for hit in patterns::find_patterns(text) {
            found.push((hit.range.start, hit.kind.describe().to_string()));
        }
        return found;
    }
    for hit in checked.matcher.find(text) {
        let allowed = checked
            .allowed
            .contains(&normalise(checked.matcher.term(&hit)))
            || checked
                .allowed
                .contains(&normalise(&text[hit.range.clone()]));
        if !hit.partial && !allowed {
            found.push((
                hit.range.start,
                format!("a term from the identifiers list ({})", hit.list.name()),
            ));
        }
    }
    for range in checked.participant_ids.find(text) {
        found.push((range.start, "a participant id".to_string()));
    }
    found
}

/// Separates blocks in a batch so nothing matches across two of them: a
/// character no term or pattern contains, between blank lines, which end a
/// sentence (so a date of birth's cue in one block does not reach a date in
/// the next).
const SEPARATOR: &str = "\n\n\u{b6}\n\n";
/// About how much text one scan covers, so batches spread over the cores.
const BATCH_BYTES: usize = 256 * 1024;

/// Blocks joined by [`SEPARATOR`] into one text to scan, with where each
/// begins and its index among all blocks.
#[derive(Default)]
struct Joined {
    text: String,
    starts: Vec<(usize, usize)>,
}

impl Joined {
    fn push(&mut self, index: usize, block: &str) {
        self.starts.push((self.text.len(), index));
        self.text.push_str(block);
        self.text.push_str(SEPARATOR);
    }

    /// The [`problems`] of the text, by block index.
    fn problems(
        &self,
        checked: &Checked,
        look: Look,
    ) -> impl Iterator<Item = (usize, String)> + '_ {
        let found = match self.text.is_empty() {
            true => Vec::new(),
            false => problems(checked, &self.text, look),
        };
        found.into_iter().map(|(offset, what)| {
            let within = self.starts.partition_point(|&(s, _)| s <= offset) - 1;
            (self.starts[within].1, what)
        })
    }
}

/// Scans each distinct block once: the navigation, headers and every quote
/// repeat across thousands of pages, so the unique text is a fraction of the
/// site. Returns the problems found in each block, by block index.
fn scan_unique(checked: &Checked, blocks: &[&str]) -> Vec<(usize, String)> {
    let mut batches: Vec<std::ops::Range<usize>> = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, block) in blocks.iter().enumerate() {
        size += block.len() + SEPARATOR.len();
        if size >= BATCH_BYTES {
            batches.push(start..i + 1);
            (start, size) = (i + 1, 0);
        }
    }
    if start < blocks.len() {
        batches.push(start..blocks.len());
    }
    batches
        .into_par_iter()
        .flat_map_iter(|batch| {
            // Every block for terms and ids; those with a digit or an `@`
            // (few) again for structured identifiers.
            let (mut all, mut numbered) = (Joined::default(), Joined::default());
            for (i, block) in blocks[batch.clone()].iter().enumerate() {
                all.push(batch.start + i, block);
                if patterns::may_hold_one(block) {
                    numbered.push(batch.start + i, block);
                }
            }
            let found = all.problems(checked, Look::Listed);
            found
                .chain(numbered.problems(checked, Look::Shaped))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Scans every generated file, each distinct block of text once. Where
/// `scanned` (an earlier version of the site that passed this scan, with
/// the same identifiers, registry and allowances) has a file of the same
/// path, the blocks that file began and ended with are not scanned again:
/// after one quote changed, nearly all of a long listing.
pub fn check(
    checked: &Checked,
    rendered: &Rendered,
    scanned: Option<&Rendered>,
    out: &mut Vec<Diagnostic>,
) {
    let pages: Vec<(&String, &[u8])> = rendered
        .files
        .iter()
        .map(|(p, b)| (p, b.as_slice()))
        .collect();
    let before = |path: &str| scanned.and_then(|site| site.files.get(path).map(|b| b.as_slice()));
    // A piece set on many pages (a quote's figure, the menu) is scanned once
    // on its own, and passed over where it is set as blocks of its own.
    let pieces = match scanned {
        None => Pieces::of(rendered, &pages),
        Some(_) => Pieces::default(),
    };
    let skips = |path: &str| pieces.skips(rendered.placed.get(path));
    // Each distinct block of text once, gathered per task and merged. Blocks
    // borrow from the pages where they can, so only text that had to be
    // decoded or joined is copied.
    let texts = pages
        .par_iter()
        .map(|(path, bytes)| (path.as_str(), *bytes, skips(path)))
        .chain(
            pieces
                .texts
                .par_iter()
                .map(|text| ("piece.html", text.as_bytes(), Vec::new())),
        );
    let unique: FastSet<Cow<str>> = texts
        .fold(FastSet::default, |mut unique, (path, bytes, skips)| {
            let found = |block| {
                unique.insert(block);
            };
            match before(path) {
                Some(before) => blocks_to_scan(path, bytes, Some(before), found),
                None => readable_blocks_skipping(path, bytes, &skips, found),
            }
            unique
        })
        .reduce(FastSet::default, |a, b| {
            let (mut into, from) = if a.len() >= b.len() { (a, b) } else { (b, a) };
            into.extend(from);
            into
        });
    let unique: Vec<&str> = unique.iter().map(AsRef::as_ref).collect();
    let found = scan_unique(checked, &unique);
    if found.is_empty() {
        return;
    }
    // Which pages hold the blocks with problems: read again, as this is
    // rare (a build that fails) and remembering every block's pages is not.
    let mut problems_of: FastMap<&str, Vec<&str>> = FastMap::default();
    for (block, what) in &found {
        problems_of.entry(unique[*block]).or_default().push(what);
    }
    // One message per kind of leak, naming the pages: a template that leaks
    // usually does so on every page it makes.
    let mut pages_by_problem: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (page, (path, bytes)) in pages.iter().enumerate() {
        blocks_to_scan(path, bytes, before(path), |block| {
            for what in problems_of.get(block.as_ref()).into_iter().flatten() {
                pages_by_problem.entry(what).or_default().insert(page);
            }
        });
    }
    for (what, found_on) in pages_by_problem {
        let paths: Vec<&str> = found_on.iter().map(|&p| pages[p].0.as_str()).collect();
        out.push(leak_diagnostic(rendered, what, &paths));
    }
}

/// Pieces drawn once and set on many pages, each scanned once: those that
/// begin and end with an element that ends a block of text (as the default
/// figure and menu do), so the text around them on a page cannot run into
/// theirs. Others are scanned where they are set, as any page text.
#[derive(Default)]
struct Pieces<'a> {
    /// The text of each piece scanned on its own.
    texts: Vec<&'a str>,
    /// By piece number: where its blocks begin and end within it, if it is
    /// scanned on its own.
    bounds: Vec<Option<std::ops::Range<usize>>>,
}

impl<'a> Pieces<'a> {
    fn of(rendered: &Rendered, pages: &[(&String, &'a [u8])]) -> Pieces<'a> {
        // Each piece's text where it is first set.
        let mut first: FastMap<u32, &'a [u8]> = FastMap::default();
        for (path, bytes) in pages {
            for placed in rendered.placed.get(*path).into_iter().flatten() {
                if let Some(text) = bytes.get(placed.range.clone()) {
                    first.entry(placed.piece).or_insert(text);
                }
            }
        }
        let looked_at: Vec<(u32, Option<(usize, &'a str)>)> = first
            .into_par_iter()
            .map(|(piece, text)| (piece, std::str::from_utf8(text).ok().and_then(scanned_part)))
            .collect();
        let mut pieces = Pieces::default();
        for (piece, scanned) in looked_at {
            let Some((lead, core)) = scanned else {
                continue;
            };
            let slot = piece as usize;
            if pieces.bounds.len() <= slot {
                pieces.bounds.resize(slot + 1, None);
            }
            pieces.bounds[slot] = Some(lead..lead + core.len());
            pieces.texts.push(core);
        }
        pieces
    }

    /// The byte ranges of a page to pass over: its pieces scanned on their own.
    fn skips(&self, placed: Option<&Vec<Placed>>) -> Vec<std::ops::Range<usize>> {
        skips(&self.bounds, placed.map_or(&[], Vec::as_slice))
    }
}

/// Where a piece's blocks lie, if it is scanned on its own: the offset of
/// its text without the white space around it, and that text.
fn scanned_part(text: &str) -> Option<(usize, &str)> {
    let space = |c: char| c.is_ascii_whitespace();
    let core = text.trim_matches(space);
    let lead = text.len() - text.trim_start_matches(space).len();
    sets_off_its_blocks(core).then_some((lead, core))
}

/// The byte ranges of a page to pass over, in order: where pieces scanned
/// on their own (`bounds`, by piece number) were `placed`.
fn skips(
    bounds: &[Option<std::ops::Range<usize>>],
    placed: &[Placed],
) -> Vec<std::ops::Range<usize>> {
    let mut skips: Vec<std::ops::Range<usize>> = placed
        .iter()
        .filter_map(|p| {
            let bounds = bounds.get(p.piece as usize)?.as_ref()?;
            Some(p.range.start + bounds.start..p.range.start + bounds.end)
        })
        .collect();
    skips.sort_by_key(|r| r.start);
    skips
}

/// The output scan of pages that are not kept (a check): each page's
/// distinct blocks are gathered on the thread that made it, as it is made,
/// and scanned once all are made. It reads every block [`check`] reads,
/// and the blocks of pieces set on no page too, so where it finds nothing
/// [`check`] finds nothing; where it finds something, the pages are made
/// again and kept for [`check`] to say where (rare: a check that fails).
#[derive(Default)]
pub struct Gathered {
    /// By piece number: where its blocks lie within it, if it is scanned
    /// on its own.
    bounds: OnceLock<Vec<Option<std::ops::Range<usize>>>>,
    /// Distinct blocks, in a set for each thread at work (taken and given
    /// back around each page).
    sets: Mutex<Vec<FastSet<Box<str>>>>,
}

impl PageSink for Gathered {
    fn pieces(&self, texts: &[&str]) {
        let looked_at: Vec<Option<(usize, &str)>> =
            texts.par_iter().map(|text| scanned_part(text)).collect();
        let bounds = looked_at
            .iter()
            .map(|part| part.map(|(lead, core)| lead..lead + core.len()))
            .collect();
        // Pieces are given once, before any page.
        let _ = self.bounds.set(bounds);
        let sets: Vec<FastSet<Box<str>>> = looked_at
            .par_chunks(1024)
            .map(|chunk| {
                let mut set = FastSet::default();
                for (_, core) in chunk.iter().flatten() {
                    gather(&mut set, "piece.html", core.as_bytes(), &[]);
                }
                set
            })
            .collect();
        let mut pool = self.sets.lock().unwrap_or_else(|e| e.into_inner());
        pool.extend(sets);
    }

    fn page(&self, path: &str, bytes: &[u8], placed: &[Placed]) {
        let bounds = self.bounds.get().map_or(&[][..], Vec::as_slice);
        let mut set = self.take();
        gather(&mut set, path, bytes, &skips(bounds, placed));
        self.give_back(set);
    }
}

impl Gathered {
    /// Whether any block gathered holds something to report.
    pub fn finds_any(self, checked: &Checked) -> bool {
        let mut sets = self.sets.into_inner().unwrap_or_else(|e| e.into_inner());
        // The largest set as it is; from the others, what it lacks.
        sets.sort_by_key(FastSet::len);
        let largest = sets.pop().unwrap_or_default();
        let lacking: Vec<&str> = sets
            .par_iter()
            .flat_map_iter(|set| set.iter().map(AsRef::as_ref))
            .filter(|block: &&str| !largest.contains(*block))
            .collect();
        let lacking: FastSet<&str> = lacking.into_iter().collect();
        let blocks: Vec<&str> = largest.iter().map(AsRef::as_ref).chain(lacking).collect();
        !scan_unique(checked, &blocks).is_empty()
    }

    fn take(&self) -> FastSet<Box<str>> {
        let mut sets = self.sets.lock().unwrap_or_else(|e| e.into_inner());
        sets.pop().unwrap_or_default()
    }

    fn give_back(&self, set: FastSet<Box<str>>) {
        let mut sets = self.sets.lock().unwrap_or_else(|e| e.into_inner());
        sets.push(set);
    }
}

/// Adds the blocks of a generated file not yet in `set` to it.
fn gather(set: &mut FastSet<Box<str>>, path: &str, bytes: &[u8], skips: &[std::ops::Range<usize>]) {
    readable_blocks_skipping(path, bytes, skips, |block| {
        if !set.contains(block.as_ref()) {
            set.insert(block.into_owned().into_boxed_str());
        }
    });
}

/// Whether a piece of HTML begins with an element that ends a block of
/// text and ends with one, each tag, comment and script within it closed:
/// then its blocks are the same on its own as on any page, wherever it is
/// set between two tags, and the page's text around it is blocks of its
/// own.
fn sets_off_its_blocks(piece: &str) -> bool {
    if !piece.starts_with('<') || piece.starts_with("<!--") {
        return false;
    }
    let mut rest = piece;
    let mut first = true;
    let mut ends_a_block = false;
    while let Some(open) = memchr::memchr(b'<', rest.as_bytes()) {
        rest = &rest[open..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let Some(end) = comment.find("-->") else {
                return false;
            };
            rest = &comment[end + 3..];
            ends_a_block = false;
            continue;
        }
        let Some(end) = memchr::memchr(b'>', rest.as_bytes()) else {
            return false;
        };
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        let name = tag_name(tag);
        ends_a_block = !is_inline(name);
        if first && !ends_a_block {
            return false;
        }
        first = false;
        if (name == "style" || name == "script") && !tag.starts_with("</") {
            let Some(close) = rest.find("</") else {
                return false;
            };
            rest = &rest[close..];
            ends_a_block = false;
        }
    }
    rest.is_empty() && ends_a_block
}

/// The blocks of one generated file to scan, each given to `found`: all of
/// them, or, where `before` is the file's last version that passed the
/// scan, those between the start and the end the two versions share.
fn blocks_to_scan<'a>(
    path: &str,
    bytes: &'a [u8],
    before: Option<&[u8]>,
    found: impl FnMut(Cow<'a, str>),
) {
    match before {
        Some(before) => {
            let before = readable_block_list(path, before);
            let now = readable_block_list(path, bytes);
            changed_blocks(now, &before).into_iter().for_each(found);
        }
        None => readable_blocks(path, bytes, found),
    }
}

/// The blocks of `now` but for those it shares, in order, with the start
/// and the end of `before`.
fn changed_blocks<'a>(mut now: Vec<Cow<'a, str>>, before: &[Cow<str>]) -> Vec<Cow<'a, str>> {
    let same_start = now.iter().zip(before).take_while(|(a, b)| a == b).count();
    let same_end = now[same_start..]
        .iter()
        .rev()
        .zip(before[same_start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    now.truncate(now.len() - same_end);
    now.drain(..same_start);
    now
}

fn leak_diagnostic(rendered: &Rendered, what: &str, pages: &[&str]) -> Diagnostic {
    let first = pages[0];
    let more = match pages.len() {
        1 => String::new(),
        n => format!(" and {} other generated files", n - 1),
    };
    let mut diagnostic = Diagnostic::error(
        "anonymity::output-leak",
        format!("the generated page {first}{more} would publish {what}"),
    )
    .fix("the source files passed the checks, so a template or theme file prints it: find what it prints and remove it, or correct the theme");
    if pages.len() > 1 {
        let listed: Vec<&str> = pages.iter().take(8).copied().collect();
        let ellipsis = if pages.len() > 8 { ", …" } else { "" };
        diagnostic = diagnostic.note(format!("pages: {}{ellipsis}", listed.join(", ")));
    }
    match rendered.origins.get(first) {
        Some(&file) => diagnostic
            .at(Span::file_start(file))
            .label(format!("{first} is made from this file")),
        None => diagnostic.note(format!("{first} is a listing page made from several files")),
    }
}

/// The text a reader or a search engine gets from a generated file, in
/// blocks, each given to `found` in order (none from a file that is neither
/// text nor markup, such as an image).
fn readable_blocks<'a>(path: &str, bytes: &'a [u8], mut found: impl FnMut(Cow<'a, str>)) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if is_markup(path) {
        each_html_block(text, &[], found);
    } else if [".css", ".js", ".json", ".txt"]
        .iter()
        .any(|e| path.ends_with(e))
    {
        found(Cow::Borrowed(text));
    }
}

fn is_markup(path: &str) -> bool {
    [".html", ".htm", ".svg", ".xml"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// [`readable_blocks`] but for the byte ranges `skips` (in order), each
/// passed over where the page's next tag begins at its start.
fn readable_blocks_skipping<'a>(
    path: &str,
    bytes: &'a [u8],
    skips: &[std::ops::Range<usize>],
    found: impl FnMut(Cow<'a, str>),
) {
    match std::str::from_utf8(bytes) {
        Ok(text) if !skips.is_empty() && is_markup(path) => each_html_block(text, skips, found),
        _ => readable_blocks(path, bytes, found),
    }
}

/// [`readable_blocks`] gathered.
fn readable_block_list<'a>(path: &str, bytes: &'a [u8]) -> Vec<Cow<'a, str>> {
    let mut blocks = Vec::new();
    readable_blocks(path, bytes, |block| blocks.push(block));
    blocks
}

/// Whether an element does not end a block of text, so a name may run
/// across it: `<em>`, `<a>`, `<span>` and the like, in any case (HTML
/// written into Markdown may say `<EM>`).
fn is_inline(name: &str) -> bool {
    let mut lower = [0u8; 6];
    let Some(lower) = lower.get_mut(..name.len()) else {
        return false;
    };
    for (to, from) in lower.iter_mut().zip(name.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    matches!(
        &*lower,
        b"a" | b"abbr"
            | b"b"
            | b"bdi"
            | b"bdo"
            | b"cite"
            | b"code"
            | b"del"
            | b"dfn"
            | b"em"
            | b"i"
            | b"ins"
            | b"kbd"
            | b"mark"
            | b"q"
            | b"s"
            | b"samp"
            | b"small"
            | b"span"
            | b"strong"
            | b"sub"
            | b"sup"
            | b"time"
            | b"u"
            | b"var"
            | b"tspan"
    )
}

/// The element name of a tag (the text from `<` up to `>`).
fn tag_name(tag: &str) -> &str {
    let name = tag.as_bytes();
    let start = usize::from(name.get(1) == Some(&b'/')) + 1;
    let end = name[start.min(name.len())..]
        .iter()
        .position(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
        .map_or(name.len(), |at| start + at);
    tag.get(start.min(end)..end).unwrap_or("")
}

/// The block of text being gathered: borrowed from the page while it is one
/// run of text without entities, copied once it is joined across inline
/// elements or decoded.
#[derive(Default)]
struct Block<'a> {
    text: Option<Cow<'a, str>>,
    /// An inline element came after the text: a space before the next text.
    space: bool,
}

impl<'a> Block<'a> {
    fn text(&mut self, raw: &'a str) {
        // White space before a block's first text is not part of it (most
        // text between tags is the line breaks and indents of the markup).
        if raw.is_empty() || (self.text.is_none() && raw.bytes().all(|b| b.is_ascii_whitespace())) {
            return;
        }
        let decoded = decode(raw);
        match &mut self.text {
            None => self.text = Some(decoded),
            Some(text) => {
                let text = text.to_mut();
                if self.space {
                    text.push(' ');
                }
                text.push_str(&decoded);
            }
        }
        self.space = false;
    }

    fn inline_element(&mut self) {
        self.space = self.text.is_some();
    }

    fn end(&mut self, found: &mut impl FnMut(Cow<'a, str>)) {
        self.space = false;
        if let Some(text) = self.text.take()
            && !text.trim().is_empty()
        {
            found(text);
        }
    }
}

/// Text nodes, comments and the attributes people and machines read (alt,
/// title, href, src, aria-label, content, …), with entities decoded, split
/// into blocks at block-level elements (inline elements join with a space, so
/// `<em>Jane</em> Example` stays one name), each given to `found` in order
/// as it is read (gathering every page's blocks first cost about a
/// twentieth of a build).
fn each_html_block<'a>(
    html: &'a str,
    skips: &[std::ops::Range<usize>],
    mut found: impl FnMut(Cow<'a, str>),
) {
    let mut current = Block::default();
    let mut rest = html;
    let mut skips = skips.iter().peekable();
    while let Some(open) = memchr::memchr(b'<', rest.as_bytes()) {
        current.text(&rest[..open]);
        rest = &rest[open..];
        // A piece scanned on its own begins here, with an element that
        // ends the block: on past its end. (One that begins inside a tag,
        // a comment or a script is read as the page's own text.)
        let at = html.len() - rest.len();
        while skips.next_if(|skip| skip.start < at).is_some() {}
        if let Some(skip) = skips.next_if(|skip| skip.start == at) {
            current.end(&mut found);
            rest = html.get(skip.end..).unwrap_or("");
            continue;
        }
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").unwrap_or(comment.len());
            found(Cow::Borrowed(&comment[..end]));
            rest = comment.get(end + 3..).unwrap_or("");
            continue;
        }
        let end = memchr::memchr(b'>', rest.as_bytes()).unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or("");
        let name = tag_name(tag);
        if is_inline(name) {
            current.inline_element();
        } else {
            current.end(&mut found);
        }
        if tag.len() > name.len() + 2 {
            readable_attributes(tag).map(decode).for_each(&mut found);
        }
        if (name == "style" || name == "script") && !tag.starts_with("</") {
            let close = rest.find("</").unwrap_or(rest.len());
            rest = &rest[close..];
        }
    }
    current.text(rest);
    current.end(&mut found);
}

/// The attributes whose values a reader or a machine reads (and every
/// `data-` attribute, which scripts read).
const READABLE: &[&str] = &[
    "alt",
    "title",
    "href",
    "src",
    "aria-label",
    "content",
    "id",
    "label",
    "placeholder",
    "value",
];

fn is_readable(name: &str) -> bool {
    READABLE.iter().any(|r| name.eq_ignore_ascii_case(r))
        || name
            .get(..5)
            .is_some_and(|p| p.eq_ignore_ascii_case("data-"))
}

/// The values of a tag's readable attributes, in one pass over the tag (the
/// text from `<` up to, not including, `>`), quoted with `"` or `'` or not.
/// Byte by byte: every character that delimits a name or a value is ASCII,
/// so no position found falls inside a character.
fn readable_attributes(tag: &str) -> impl Iterator<Item = &str> {
    let bytes = tag.as_bytes();
    let separator = |b: u8| b.is_ascii_whitespace() || b == b'/';
    let space = |b: u8| b.is_ascii_whitespace();
    let mut at = skip(bytes, 0, |b| !space(b));
    std::iter::from_fn(move || {
        loop {
            at = skip(bytes, at, separator);
            if at == bytes.len() {
                return None;
            }
            let name_start = at;
            at = skip(bytes, at, |b| !separator(b) && b != b'=');
            let name = &tag[name_start..at];
            at = skip(bytes, at, space);
            if bytes.get(at) != Some(&b'=') {
                continue;
            }
            at = skip(bytes, at + 1, space);
            let value = match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = at + 1;
                    let close =
                        memchr::memchr(quote, &bytes[start..]).map_or(bytes.len(), |i| start + i);
                    at = (close + 1).min(bytes.len());
                    &tag[start..close]
                }
                _ => {
                    let start = at;
                    at = skip(bytes, at, |b| !separator(b));
                    &tag[start..at]
                }
            };
            if !value.is_empty() && is_readable(name) {
                return Some(value);
            }
        }
    })
}

/// The position of the first byte from `from` on that is not `over`.
fn skip(bytes: &[u8], from: usize, over: impl Fn(u8) -> bool) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| !over(b))
        .map_or(bytes.len(), |i| from + i)
}

/// Text with its character references decoded: the named ones HTML writers
/// use and every numeric one (`&#74;`, `&#x4A;`), so spelling a letter as a
/// reference cannot hide a name. Unknown references stay as written.
fn decode(text: &str) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', text.as_bytes()) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut rest = &text[first..];
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference at the start of `text` stands for, and the
/// reference's length in bytes.
fn reference(text: &str) -> Option<(char, usize)> {
    let end = text.get(..12).unwrap_or(text).find(';')?;
    let name = &text[1..end];
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "amp" => '&',
        "nbsp" => ' ',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`readable_attributes`] as it was written first, a character at a time:
    /// the reference the byte-wise one is held to.
    fn readable_attributes_by_char(tag: &str) -> impl Iterator<Item = &str> {
        let after_name = tag
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(tag.len());
        let mut rest = &tag[after_name..];
        let separator = |c: char| c.is_ascii_whitespace() || c == '/';
        std::iter::from_fn(move || {
            loop {
                rest = rest.trim_start_matches(separator);
                if rest.is_empty() {
                    return None;
                }
                let end = rest
                    .find(|c: char| separator(c) || c == '=')
                    .unwrap_or(rest.len());
                let name = &rest[..end];
                rest = rest[end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
                let Some(after) = rest.strip_prefix('=') else {
                    continue;
                };
                let after = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
                let value = match after.chars().next() {
                    Some(quote @ ('"' | '\'')) => {
                        let body = &after[1..];
                        let close = body.find(quote).unwrap_or(body.len());
                        rest = body.get(close + 1..).unwrap_or("");
                        &body[..close]
                    }
                    _ => {
                        let close = after.find(separator).unwrap_or(after.len());
                        rest = &after[close..];
                        &after[..close]
                    }
                };
                if !value.is_empty() && is_readable(name) {
                    return Some(value);
                }
            }
        })
    }

    fn html_blocks(html: &str) -> Vec<Cow<'_, str>> {
        readable_block_list("page.html", html.as_bytes())
    }

    #[test]
    fn only_blocks_between_the_shared_start_and_end_are_new() {
        let blocks = |words: &[&'static str]| -> Vec<Cow<'static, str>> {
            words.iter().map(|w| Cow::Borrowed(*w)).collect()
        };
        let changed = |now: &[&'static str], before: &[&'static str]| {
            changed_blocks(blocks(now), &blocks(before))
        };
        assert_eq!(
            changed(&["a", "b", "x", "c"], &["a", "b", "c"]),
            blocks(&["x"])
        );
        assert_eq!(changed(&["a", "x", "c"], &["a", "b", "c"]), blocks(&["x"]));
        assert_eq!(changed(&["a", "b"], &["a", "b"]), blocks(&[]));
        assert_eq!(changed(&["a"], &["a", "b"]), blocks(&[]));
        // Start and end do not overlap: a block added among its copies is new.
        assert_eq!(changed(&["a", "a", "a"], &["a", "a"]), blocks(&["a"]));
        assert_eq!(
            changed(&["x", "b", "y"], &["a", "b", "c"]),
            blocks(&["x", "b", "y"])
        );
        assert_eq!(changed(&["x"], &[]), blocks(&["x"]));
    }

    #[test]
    fn html_blocks_keep_text_comments_and_readable_attributes() {
        let html = r#"<p class="x">Jane&#39;s <em>ward</em></p><!-- Exampleton --><img alt="Dr Who" src="a.png"><style>.x{}</style>tail"#;
        let blocks = html_blocks(html);
        assert_eq!(blocks[0], "Jane's  ward");
        assert!(blocks.contains(&Cow::from(" Exampleton ")));
        assert!(blocks.contains(&Cow::from("Dr Who")));
        assert!(blocks.contains(&Cow::from("a.png")));
        assert!(
            !blocks
                .iter()
                .any(|b| b.contains(".x{}") || b.contains("class"))
        );
        assert_eq!(blocks.last().unwrap(), "tail");
    }

    #[test]
    fn a_name_does_not_run_across_blocks() {
        let blocks = html_blocks(
            "<p>Jane</p><p>Example</p><p><em>Jane</em>\nExample</p><P><EM>Jane</EM> Example<BR>Road</P>",
        );
        assert_eq!(blocks.len(), 5, "{blocks:?}");
        assert!(blocks[2].contains("Jane") && blocks[2].contains("Example"));
        let words: Vec<&str> = blocks[3].split_whitespace().collect();
        assert_eq!(words, ["Jane", "Example"]);
        assert_eq!(blocks[4], "Road");
    }

    #[test]
    fn attributes_are_read_byte_by_byte_as_they_were_a_character_at_a_time() {
        let pieces = [
            "<a",
            "<IMG",
            " ",
            "\n",
            "\t",
            "/",
            "=",
            " = ",
            "\"",
            "'",
            "alt",
            "TITLE",
            "href",
            "data-x",
            "class",
            "x.html",
            "Jane Example",
            "é",
            "’",
            "&amp;",
            ">",
            "",
            " alt=",
            " title=\"Jo Bloggs\"",
            " HREF='x.html'",
            " data-name=",
            "=\"é x\"",
        ];
        let mut made_up = crate::made_up::Sequence::new(0x5851_f42d_4c95_7f2d);
        let mut values = 0;
        for _ in 0..20_000 {
            let tag = made_up.text(&pieces, 16);
            let now: Vec<&str> = readable_attributes(&tag).collect();
            let then: Vec<&str> = readable_attributes_by_char(&tag).collect();
            assert_eq!(now, then, "{tag:?}");
            values += now.len();
        }
        // The tags were such that many have a value to read.
        assert!(values > 2_000, "{values}");
    }

    #[test]
    fn attributes_are_read_however_they_are_quoted() {
        let html = r#"<img class=photo alt='Jane Example' title=Exampleton data-name="Old Kent"><a HREF = "x.html" rel="next">"#;
        let blocks = html_blocks(html);
        for wanted in ["Jane Example", "Exampleton", "Old Kent", "x.html"] {
            assert!(
                blocks.contains(&Cow::from(wanted)),
                "{wanted} in {blocks:?}"
            );
        }
        assert!(!blocks.iter().any(|b| b == "photo" || b == "next"));
    }

    #[test]
    fn character_references_are_decoded() {
        assert_eq!(
            decode("J&#97;ne &#x45;xample &amp; Co"),
            "Jane Example & Co"
        );
        assert_eq!(decode("&lt;p&gt; &apos;x&quot;"), "<p> 'x\"");
        assert_eq!(decode("R&D &unknown; &#xZZ; &"), "R&D &unknown; &#xZZ; &");
        assert_eq!(decode("&#1114112;"), "&#1114112;");
    }

    #[test]
    fn text_is_borrowed_unless_it_must_be_joined_or_decoded() {
        let blocks = html_blocks("<p>plain</p><p>a <em>b</em></p><p>x &amp; y</p>");
        assert!(matches!(blocks[0], Cow::Borrowed("plain")));
        assert_eq!(blocks[1], "a  b");
        assert_eq!(blocks[2], "x & y");
    }

    #[test]
    fn a_greater_than_sign_inside_an_attribute_leaves_the_rest_scanned() {
        let blocks = html_blocks(r#"<span title="a > Jane Example">text</span>"#);
        assert!(
            blocks.iter().any(|b| b.contains("Jane Example")),
            "{blocks:?}"
        );
    }

    #[test]
    fn nothing_is_found_across_the_separator_between_blocks() {
        let dob = "She was born 12/03/1950 in the borough";
        assert_eq!(patterns::find_patterns(dob).len(), 1, "the cue works");
        let split = format!("She was born{SEPARATOR}12/03/1950 was the meeting");
        assert!(patterns::find_patterns(&split).is_empty(), "{split:?}");
        let split = format!("with Dr{SEPARATOR}Okafor");
        assert!(patterns::find_patterns(&split).is_empty(), "{split:?}");
    }

    /// The blocks of `page` with `piece` set at `at`, read whole, and read
    /// with the piece passed over plus the piece on its own.
    fn whole_and_in_parts(before: &str, piece: &str, after: &str) -> (Vec<String>, Vec<String>) {
        let page = format!("{before}{piece}{after}");
        let whole: Vec<String> = html_blocks(&page).into_iter().map(String::from).collect();
        let skip = before.len()..before.len() + piece.len();
        let mut parts = Vec::new();
        if sets_off_its_blocks(piece) {
            each_html_block(&page, &[skip], |b| parts.push(String::from(b)));
            each_html_block(piece, &[], |b| parts.push(String::from(b)));
        } else {
            each_html_block(&page, &[], |b| parts.push(String::from(b)));
        }
        (whole, parts)
    }

    #[test]
    fn a_piece_sets_off_its_blocks_only_between_elements_that_end_blocks() {
        let figure = "<figure class=\"quote\"><blockquote><p>We <em>met</em> weekly.</p></blockquote><figcaption><a href=\"q.html\">Nurse</a></figcaption></figure>";
        assert!(sets_off_its_blocks(figure));
        assert!(sets_off_its_blocks(
            "<nav><ul><li><a href=\"a\">A</a></li></ul></nav>"
        ));
        assert!(sets_off_its_blocks("<p>a</p><!-- note --><p>b</p>"));
        for piece in [
            "Example <p>a</p>",
            "<em>Example</em><p>a</p>",
            "</em><p>a</p>",
            "<p>a</p>tail",
            "<p>a</p><em>b</em>",
            "<p>a</p><!-- end -->",
            "<!-- start --><p>a</p>",
            "<p>a</p><!-- open",
            "<p title=\"x\"",
            "<p>a</p><script>",
            "<p>a</p><script>var a;",
            "",
        ] {
            assert!(!sets_off_its_blocks(piece), "{piece}");
        }
    }

    #[test]
    fn a_page_read_in_parts_has_the_blocks_it_has_read_whole() {
        let figure = "<figure><blockquote><p>Example said <em>so</em></p></blockquote></figure>";
        for (before, after) in [
            ("<main><p>Jane ", " Example</p></main>"),
            ("<p>Jane", "Example</p>"),
            ("<div>text", "</div>"),
            ("", ""),
            ("<p>a</p>", "<p>b</p>"),
        ] {
            let (mut whole, mut parts) = whole_and_in_parts(before, figure, after);
            whole.sort();
            parts.sort();
            assert_eq!(whole, parts, "{before}|{after}");
        }
        // Set inside a tag, a comment or a script, the piece is not a piece
        // of the page's text: the page is read whole.
        for (before, after) in [
            ("<div title=\"", "\">x</div>"),
            ("<!-- ", " -->"),
            ("<script>", "</script>"),
        ] {
            let page = format!("{before}{figure}{after}");
            let skip = before.len()..before.len() + figure.len();
            let mut skipped = Vec::new();
            each_html_block(&page, &[skip], |b| skipped.push(String::from(b)));
            let whole: Vec<String> = html_blocks(&page).into_iter().map(String::from).collect();
            assert_eq!(skipped, whole, "{before}|{after}");
        }
        // A piece that begins with inline text is read with the page: the
        // name it completes is found.
        let (whole, parts) = whole_and_in_parts("<p>Jane ", "<em>Example</em><p>x</p>", "");
        assert_eq!(whole, parts);
        assert!(parts.iter().any(|b| b == "Jane  Example"), "{parts:?}");
    }
}
