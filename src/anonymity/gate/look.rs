//! What the gate looks for in what it reads: listed terms, participant
//! ids and structured identifiers, in blocks of text (each distinct block
//! once, and the blocks found clean kept for the next ones), in a page's
//! flow (names, ids and addresses) and where its blocks meet (numbers).
//! Does not read files ([`super::read`]) or report ([`super::report`]).

use super::{Texts, css};
use crate::anonymity::identifiers::{List, Parting, TermHit, TermMatcher, normalise};
use crate::anonymity::participant_ids::ParticipantIds;
use crate::anonymity::patterns;
use crate::hash::{TextSet, hash_of};
use crate::render::Contents;
use std::sync::Arc;

/// What to look for in what the gate reads.
pub(super) struct Look<'a> {
    pub(super) matcher: &'a TermMatcher,
    pub(super) ids: &'a ParticipantIds,
    /// The names the site's style sheets may hide or lay out anew.
    pub(super) styles: Arc<css::Effects>,
    /// A site's style sheet shows text in capitals.
    pub(super) capitals: bool,
    /// What the terms and ids sought ask of the reading.
    sought: Arc<Sought>,
}

/// What depends on the terms and ids sought alone, made from them once:
/// for 2,000 names it takes longer than reading a page, so the preview
/// keeps it between rebuilds while the identifiers list and the registry's
/// ids stay the same ([`crate::anonymity::Memo`]).
pub(crate) struct Sought {
    /// The characters no term or id holds or reaches across.
    parting: Parting,
    /// How far apart two elements that may be hidden change no hit
    /// together (see `Texts::reach`).
    reach: usize,
    /// What three or more pieces of a drawing's text are tried against.
    targets: Arc<super::drawn::Targets>,
}

impl Sought {
    pub(crate) fn new(matcher: &TermMatcher, ids: &ParticipantIds) -> Sought {
        let longest = |strings: &[String]| strings.iter().map(String::len).max().unwrap_or(0);
        Sought {
            parting: Parting::new(matcher.strings(), ids.ids()),
            reach: patterns::REACH
                .max(longest(matcher.strings()))
                .max(longest(ids.ids())),
            targets: Arc::new(super::drawn::Targets::new(matcher, ids)),
        }
    }
}

/// One thing found, without the text found.
pub(super) struct Hit {
    /// What it is, in a reader's words ("a UK phone number").
    pub what: String,
    /// For a listed term: its normalised forms (as listed, as written), to
    /// match against allowances.
    pub term: Vec<String>,
}

pub(super) use crate::reading::DASHES;
pub(super) use crate::reading::SPACES;

/// `text` with its Unicode dashes read as hyphens and its Unicode spaces
/// as spaces, as a reader sees them; `None` when it has none (ASCII text
/// never has: every one of them is outside ASCII).
fn folded(text: &str) -> Option<String> {
    let marked = |c: char| !c.is_ascii() && (DASHES.contains(&c) || SPACES.contains(&c));
    if text.is_ascii() || !text.contains(marked) {
        return None;
    }
    Some(text.replace(DASHES, "-").replace(SPACES, " "))
}

const _: () = {
    let mut i = 0;
    while i < DASHES.len() {
        assert!(!DASHES[i].is_ascii());
        i += 1;
    }
    let mut i = 0;
    while i < SPACES.len() {
        assert!(!SPACES[i].is_ascii());
        i += 1;
    }
};

/// Between two blocks of text searched in one go: no term or pattern holds
/// it, and the blank lines end a sentence.
const SEPARATOR: &str = "\n\n\u{b6}\n\n";

/// Blocks of text in which nothing was found, during one run of the gate:
/// the menu, headers and every quote's figure repeat across thousands of
/// pages, and are searched once. Sound because what is found in a block
/// does not depend on the blocks beside it: the [`SEPARATOR`] holds no
/// letter, digit or id character, and its blank line ends a sentence, so no
/// term, pattern or date-of-birth cue reaches across it (the property test
/// reads every page with a cache warmed on other pages).
///
/// `pieces` holds the pieces of flows (see [`Look::find_flowing`]) in
/// which no term and no id was found.
#[derive(Default)]
pub(super) struct Clean {
    blocks: Known,
    /// The pieces of drawings joined side by side in which nothing was
    /// found (apart from the blocks: ids are read in them with their
    /// marks only).
    drawn: Known,
    pieces: Known,
    /// The texts where blocks meet in which no number was found.
    numbers: Known,
    /// The lines in capitals in which no postcode and no National
    /// Insurance number was found.
    capitals: Known,
}

/// Texts found clean, in shards by their hash, so that the threads that
/// read pages side by side seldom wait for one another (one set behind
/// one lock kept a thread waiting for a tenth of a build).
#[derive(Default)]
struct Known {
    shards: [std::sync::RwLock<TextSet<Box<str>>>; SHARDS],
}

const SHARDS: usize = 16;

impl Known {
    /// The shard of a text whose hash is `hash`: chosen by bits the
    /// shard's own table does not place its texts by (its low bits) nor
    /// tell them apart by (its highest).
    fn shard(&self, hash: u64) -> &std::sync::RwLock<TextSet<Box<str>>> {
        &self.shards[(hash >> 32) as usize % SHARDS]
    }

    fn contains(&self, hash: u64, text: &str) -> bool {
        let shard = self.shard(hash).read();
        shard
            .unwrap_or_else(|e| e.into_inner())
            .contains(hash, text)
    }

    fn insert(&self, hash: u64, text: &str) {
        let shard = self.shard(hash).write();
        shard
            .unwrap_or_else(|e| e.into_inner())
            .insert(hash, Box::from(text));
    }

    fn len(&self) -> usize {
        let len =
            |shard: &std::sync::RwLock<TextSet<Box<str>>>| shard.read().map_or(0, |set| set.len());
        self.shards.iter().map(len).sum()
    }
}

impl Clean {
    pub(super) fn len(&self) -> usize {
        [
            &self.blocks,
            &self.drawn,
            &self.pieces,
            &self.numbers,
            &self.capitals,
        ]
        .iter()
        .map(|known| known.len())
        .sum()
    }
}

/// The distinct texts of `texts` that `known` does not hold, and the
/// hash of each ([`hash_of`]), to learn it by.
fn unknown<'t>(
    texts: impl Iterator<Item = &'t str>,
    known: Option<&Known>,
) -> (Vec<&'t str>, Vec<u64>) {
    let mut seen: TextSet<&str> = TextSet::with_capacity(texts.size_hint().0);
    texts
        .map(|text| (text, hash_of(text)))
        .filter(|&(text, hash)| {
            seen.insert(hash, text) && !known.is_some_and(|k| k.contains(hash, text))
        })
        .unzip()
}

/// Adds to `known` the texts of `todo` (joined at `starts`; `hashes` are
/// theirs) that none of the `dirty` ranges of the joined text touches.
fn learn(
    known: &Known,
    (todo, hashes): (&[&str], &[u64]),
    starts: &[usize],
    dirty: Vec<std::ops::Range<usize>>,
) {
    let mut is_dirty = vec![false; todo.len()];
    for range in dirty {
        let block_of = |at: usize| starts.partition_point(|&s| s <= at).saturating_sub(1);
        let (first, last) = (block_of(range.start), block_of(range.end.max(1) - 1));
        for flag in &mut is_dirty[first..=last.max(first)] {
            *flag = true;
        }
    }
    for ((text, &hash), dirty) in todo.iter().zip(hashes).zip(is_dirty) {
        if !dirty {
            known.insert(hash, text);
        }
    }
}

/// Whether a style sheet among `files` shows text in capitals.
pub(super) fn shows_capitals<'f>(
    mut files: impl Iterator<Item = (&'f String, &'f Contents)>,
) -> bool {
    files.any(|(path, bytes)| {
        path.to_ascii_lowercase().ends_with(".css")
            && std::str::from_utf8(bytes).is_ok_and(css::shows_capitals)
    })
}

/// The names the style sheets among `files` may hide or lay out anew
/// (see [`css::Effects`]).
pub(super) fn style_effects<'f>(
    files: impl Iterator<Item = (&'f String, &'f Contents)>,
) -> Arc<css::Effects> {
    let sheets: Vec<&str> = files
        .filter(|(path, _)| path.to_ascii_lowercase().ends_with(".css"))
        .filter_map(|(_, bytes)| std::str::from_utf8(bytes).ok())
        .collect();
    Arc::new(css::Effects::of(
        sheets.iter().copied(),
        css::Palette::default(),
    ))
}

impl<'a> Look<'a> {
    #[cfg(test)]
    pub fn new(
        matcher: &'a TermMatcher,
        ids: &'a ParticipantIds,
        styles: Arc<css::Effects>,
        capitals: bool,
    ) -> Look<'a> {
        let sought = Arc::new(Sought::new(matcher, ids));
        Look::with(matcher, ids, sought, styles, capitals)
    }

    /// What to look for: `sought` must be made from `matcher` and `ids`
    /// (the checks of the sources keep the three together, in `Checked`).
    pub fn with(
        matcher: &'a TermMatcher,
        ids: &'a ParticipantIds,
        sought: Arc<Sought>,
        styles: Arc<css::Effects>,
        capitals: bool,
    ) -> Look<'a> {
        Look {
            matcher,
            ids,
            styles,
            capitals,
            sought,
        }
    }

    /// An empty reading of a file, knowing what the site's style sheets
    /// may hide.
    pub fn texts(&self) -> Texts {
        Texts {
            styles: self.styles.clone(),
            capitals: self.capitals,
            reach: Some(self.sought.reach),
            targets: self.sought.targets.clone(),
            ..Texts::default()
        }
    }

    /// Everything found in what was read of one file: the blocks (and the
    /// pieces of drawings joined), then the flows.
    pub fn find(&self, texts: &Texts) -> Vec<Hit> {
        self.find_in(texts, None)
    }

    /// What a file's name (its site-relative `path`) shows, read as
    /// [`super::names`] reads it.
    pub fn find_in_name(&self, path: &str) -> Vec<Hit> {
        let mut name = self.texts();
        super::names::read(path, &mut name);
        self.find(&name)
    }

    /// [`Look::find`], passing over the blocks `clean` has and adding
    /// those in which nothing is found.
    pub fn find_in(&self, texts: &Texts, clean: Option<&Clean>) -> Vec<Hit> {
        let mut found = self.find_with(&texts.blocks, clean);
        found.extend(self.find_drawn(&texts.drawn, clean));
        for flow in &texts.flows {
            found.extend(self.find_flowing(flow, clean));
        }
        found.extend(find_numbers(&texts.numbers, clean));
        found.extend(find_in_capitals(&texts.capital_lines, clean));
        found
    }

    /// In a page's text joined across every element: listed terms,
    /// participant ids and email addresses (not numbers, which tables and
    /// lists set side by side).
    ///
    /// Terms and ids are searched in the pieces of the flow between the
    /// characters that part them ([`Parting`]): no hit holds such a
    /// character or is joined across one, so the pieces hold every hit the
    /// whole flow holds, and each distinct piece is searched once, less
    /// those `clean` holds (a page's menu and the quotes it shows repeat
    /// across thousands of pages).
    pub(super) fn find_flowing(&self, flow: &str, clean: Option<&Clean>) -> Vec<Hit> {
        let (todo, hashes) = unknown(self.sought.parting.pieces(flow), clean.map(|c| &c.pieces));
        let mut found = Vec::new();
        let mut dirty = Vec::new();
        // The separator between pieces searched in one go parts hits too
        // (unless a listed term holds it: each piece is then searched
        // alone).
        let joined: Vec<(String, Vec<usize>)> = match self.sought.parting.parts('\u{b6}') {
            true => vec![join(&todo)],
            false => todo.iter().map(|piece| join(&[piece])).collect(),
        };
        let mut offset = 0;
        let mut starts = Vec::with_capacity(todo.len());
        let mut names = false;
        let mut terms = Vec::new();
        let term_hit = |hit: &TermHit, text: &str| Hit {
            what: format!("a term from the identifiers list ({})", hit.list.name()),
            term: vec![
                normalise(self.matcher.term(hit)),
                normalise(&text[hit.range.clone()]),
            ],
        };
        for (text, at) in &joined {
            starts.extend(at.iter().map(|s| s + offset));
            for hit in self.matcher.find(text) {
                dirty.push(hit.range.start + offset..hit.range.end + offset);
                names |= hit.list == List::People;
                if !hit.partial {
                    terms.push(term_hit(&hit, text));
                }
            }
            for range in self.ids.find_run_together(text) {
                dirty.push(range.start + offset..range.end + offset);
                found.push(Hit {
                    what: "a participant id".to_string(),
                    term: Vec::new(),
                });
            }
            offset += text.len();
        }
        if let Some(clean) = clean {
            learn(&clean.pieces, (&todo, &hashes), &starts, dirty);
        }
        // A person's names are read with what stands around them, across
        // the marks that part every other hit: a comma, a quotation mark,
        // a bracket or a mark of emphasis (`QUILLFEATHER, Marjorie`,
        // `Quillfeather*M`), and an initial is read as one by what follows
        // it (`Núñez J!`). So where a piece holds any of a person's names
        // (never found clean), the terms are those the flow holds whole,
        // and the pieces only show, where they hold no name, that it holds
        // none.
        if names {
            terms = (self.matcher.find(flow).iter())
                .filter(|hit| !hit.partial)
                .map(|hit| term_hit(hit, flow))
                .collect();
        }
        found.extend(terms);
        for hit in patterns::find_emails(flow) {
            found.push(Hit {
                what: hit.kind.describe().to_string(),
                term: Vec::new(),
            });
        }
        found
    }

    /// [`Look::find`], passing over the blocks `clean` has and adding those
    /// in which nothing is found.
    pub fn find_with(&self, blocks: &[String], clean: Option<&Clean>) -> Vec<Hit> {
        self.find_in_blocks(blocks, clean.map(|c| &c.blocks), true)
    }

    /// [`Look::find_with`], for the pieces of drawings joined side by side
    /// (see [`Texts::drawn`]): participant ids written with their marks
    /// only.
    pub fn find_drawn(&self, drawn: &[String], clean: Option<&Clean>) -> Vec<Hit> {
        self.find_in_blocks(drawn, clean.map(|c| &c.drawn), false)
    }

    /// Everything in `blocks`, passing over those `known` has and adding
    /// those in which nothing is found; participant ids with a mark left
    /// out where `marks_left_out`.
    fn find_in_blocks(
        &self,
        blocks: &[String],
        known: Option<&Known>,
        marks_left_out: bool,
    ) -> Vec<Hit> {
        // Each distinct block once (a page repeats its menu's links, class
        // names, …), less those already found clean.
        let (todo, hashes) = unknown(blocks.iter().map(String::as_str), known);
        let mut joined = String::with_capacity(todo.iter().map(|b| 2 * b.len() + 10).sum());
        let mut starts = Vec::with_capacity(todo.len());
        for block in &todo {
            starts.push(joined.len());
            joined.push_str(block);
            joined.push_str(SEPARATOR);
            // A reader sees a Unicode dash as a hyphen and a Unicode space
            // as a space: read once more with them folded, as part of the
            // same block.
            if let Some(folded) = folded(block) {
                joined.push_str(&folded);
                joined.push_str(SEPARATOR);
            }
        }
        let mut found = Vec::new();
        let mut dirty: Vec<std::ops::Range<usize>> = Vec::new();
        for hit in self.matcher.find(&joined) {
            // A first or last name alone is not refused, but its block is
            // not clean either.
            dirty.push(hit.range.clone());
            if hit.partial {
                continue;
            }
            found.push(Hit {
                what: format!("a term from the identifiers list ({})", hit.list.name()),
                term: vec![
                    normalise(self.matcher.term(&hit)),
                    normalise(&joined[hit.range.clone()]),
                ],
            });
        }
        let ids = match marks_left_out {
            true => self.ids.find(&joined),
            false => self.ids.find_with_marks(&joined),
        };
        for range in ids {
            dirty.push(range);
            found.push(Hit {
                what: "a participant id".to_string(),
                term: Vec::new(),
            });
        }
        // The structured identifiers, in the blocks that may hold one (a
        // digit or an at sign, see `may_hold_one`): most hold neither.
        let numeric: Vec<(usize, &str)> = (0..todo.len())
            .map(|i| {
                (
                    i,
                    &joined[starts[i]..starts.get(i + 1).copied().unwrap_or(joined.len())],
                )
            })
            .filter(|(_, block)| patterns::may_hold_one(block))
            .collect();
        let texts: Vec<&str> = numeric.iter().map(|&(_, block)| block).collect();
        for (hit, i) in find_patterns_in(&texts) {
            let start = starts[numeric[i].0];
            dirty.push(start..start + 1);
            found.push(Hit {
                what: hit.kind.describe().to_string(),
                term: Vec::new(),
            });
        }
        if let Some(known) = known {
            // Every block a finding touches is not clean.
            learn(known, (&todo, &hashes), &starts, dirty);
        }
        found
    }
}

/// `texts` joined by the [`SEPARATOR`], with where each starts.
fn join(texts: &[&str]) -> (String, Vec<usize>) {
    let mut joined = String::with_capacity(texts.iter().map(|t| t.len() + SEPARATOR.len()).sum());
    let mut starts = Vec::with_capacity(texts.len());
    for text in texts {
        starts.push(joined.len());
        joined.push_str(text);
        joined.push_str(SEPARATOR);
    }
    (joined, starts)
}

/// Postcodes and NI numbers written in lower case where a style shows
/// them in capitals (the lines in capitals), less those `clean` holds.
fn find_in_capitals(lines: &[String], clean: Option<&Clean>) -> Vec<Hit> {
    use patterns::PatternKind::{NiNumber, Postcode};
    find_kinds(lines, clean.map(|c| &c.capitals), &[NiNumber, Postcode])
}

/// Phone, NHS and National Insurance numbers and postcodes in the text
/// around the places blocks meet (the other patterns are read in blocks
/// and flows), less those `clean` holds.
fn find_numbers(numbers: &[String], clean: Option<&Clean>) -> Vec<Hit> {
    use patterns::PatternKind::{NhsNumber, NiNumber, Phone, Postcode};
    let kinds = [Phone, NhsNumber, NiNumber, Postcode];
    find_kinds(numbers, clean.map(|c| &c.numbers), &kinds)
}

/// The numbers of `kinds` (phone, NHS and NI numbers, postcodes) in
/// `texts`: each distinct text that may hold one
/// ([`patterns::may_hold_a_number`]) once, less those `known` holds, with
/// its dashes and spaces folded too (as part of it), in one search
/// ([`find_patterns_in`]); the texts in which none is found are added to
/// `known`.
fn find_kinds(
    texts: &[String],
    known: Option<&Known>,
    kinds: &[patterns::PatternKind],
) -> Vec<Hit> {
    use patterns::PatternKind::{DateOfBirth, Email};
    debug_assert!(!kinds.contains(&Email) && !kinds.contains(&DateOfBirth));
    let numbers = texts.iter().map(String::as_str);
    let (todo, hashes) = unknown(numbers.filter(|t| patterns::may_hold_a_number(t)), known);
    let versions: Vec<String> = todo
        .iter()
        .map(|text| match folded(text) {
            None => text.to_string(),
            Some(folded) => format!("{text}{SEPARATOR}{folded}"),
        })
        .collect();
    let versions: Vec<&str> = versions.iter().map(String::as_str).collect();
    let mut found = Vec::new();
    let mut dirty = vec![false; todo.len()];
    for (hit, i) in find_patterns_in(&versions) {
        if kinds.contains(&hit.kind) {
            dirty[i] = true;
            found.push(Hit {
                what: hit.kind.describe().to_string(),
                term: Vec::new(),
            });
        }
    }
    if let Some(known) = known {
        for ((text, &hash), dirty) in todo.iter().zip(&hashes).zip(dirty) {
            if !dirty {
                known.insert(hash, text);
            }
        }
    }
    found
}

/// The structured identifiers in each of `texts`, searched in one go
/// (joined by the [`SEPARATOR`], which no pattern reaches across), with
/// the text each is in.
fn find_patterns_in(texts: &[&str]) -> Vec<(patterns::PatternHit, usize)> {
    let (joined, starts) = join(texts);
    patterns::find_patterns(&joined)
        .into_iter()
        .map(|hit| {
            let i = starts
                .partition_point(|&s| s <= hit.range.start)
                .saturating_sub(1);
            (hit, i)
        })
        .collect()
}

#[cfg(test)]
#[path = "look_tests.rs"]
mod tests;
