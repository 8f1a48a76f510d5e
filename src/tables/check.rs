//! What the build says about participant tables in a body: a table embed
//! that names no field, or is not on a line of its own (errors), and a
//! hand-written Markdown table that gives a count below k for a role or
//! borough of the registry (a warning: the generated table is the fix).
//! Reads bodies through `markdown`; decides nothing about what is shown.

use super::{FIELDS, Spec, SpecError};
use crate::diag::Diagnostic;
use crate::markdown::{self, WrittenTable};
use crate::model::{Consent, Participant};
use crate::source::{FileId, Span};
use crate::yaml::closest;
use std::ops::Range;

const EXAMPLE: &str = "![](participants:role/borough)";

fn field_list() -> String {
    let names: Vec<&str> = FIELDS.iter().map(|f| f.name()).collect();
    format!(
        "{} and {}",
        names[..names.len() - 1].join(", "),
        names[names.len() - 1]
    )
}

/// Problems with the participant table embeds of `text[body]`.
pub fn check_body(file: FileId, text: &str, body: Range<usize>, out: &mut Vec<Diagnostic>) {
    for embed in markdown::table_embeds(text, body) {
        let span = |range: Range<usize>| Span::new(file, range);
        let whole = embed.range.clone();
        if !embed.embed {
            out.push(
                Diagnostic::error(
                    "table::not-embedded",
                    "a participant table is set in place with `![]`, not linked",
                )
                .at(span(whole.clone()))
                .label("written as a link")
                .fix(format!(
                    "add `!` in front: `![](participants:{})`",
                    embed.spec
                )),
            );
            continue;
        }
        match Spec::parse(&embed.spec) {
            Err(SpecError::Unknown { name, at }) => {
                let at = whole.start + at.start..whole.start + at.end;
                let names: Vec<&str> = FIELDS.iter().map(|f| f.name()).collect();
                let diagnostic = Diagnostic::error(
                    "table::unknown-field",
                    format!("`{name}` is not a field a participant table can count by"),
                )
                .at(span(at))
                .label("unknown field");
                let fix = match closest(&name, &names) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("use {}, for example {EXAMPLE}", field_list()),
                };
                out.push(diagnostic.fix(fix));
            }
            Err(SpecError::Twice(field)) => out.push(
                Diagnostic::error(
                    "table::same-field",
                    format!("`{}` is named twice", field.name()),
                )
                .at(span(whole))
                .label("rows and columns by the same field")
                .fix(format!(
                    "name it once (`participants:{}`), or pair it with another field",
                    field.name()
                )),
            ),
            Err(SpecError::Count(n)) => out.push(
                Diagnostic::error(
                    "table::fields",
                    format!("a participant table counts by one or two fields, not {n}"),
                )
                .at(span(whole))
                .label("rows/columns")
                .fix(format!(
                    "name one or two of {}, as in {EXAMPLE}",
                    field_list()
                )),
            ),
            Ok(_) if !embed.alone => out.push(
                Diagnostic::error(
                    "table::not-alone",
                    "a participant table must be a paragraph of its own",
                )
                .at(span(whole))
                .label("inside a paragraph")
                .fix("put the embed on a line by itself, with a blank line before and after"),
            ),
            Ok(_) => {}
        }
    }
}

/// The values of the registry a hand-written table may be labelled with
/// (roles, sectors, levels, boroughs' ids and titles), compared loosely:
/// case, spacing, a plural `s`, full-width letters, and as words anywhere
/// in the label (`GP (Borough A)`, `Borough A GPs` name a role and a
/// borough).
pub struct Labels {
    /// Each value's loose words, with its field, whether it must be the
    /// whole label (a borough's id, often one letter: `a`), and the value
    /// as the registry holds it (a role, a borough's id), roles first.
    values: Vec<(Vec<String>, super::Field, bool, String)>,
    /// Each role's initials, in capitals, with the role (round 16).
    initials: Vec<(String, String)>,
    /// The loose words of the merged row's label, "Other roles".
    other: Vec<String>,
}

/// Initials that are times of day, not roles ("2 pm").
const TIMES: [&str; 2] = ["am", "pm"];

/// The words of `label`, lowercase and compatibility-normalised, without
/// a plural `s`.
fn loose_words(label: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = label.nfkc().collect::<String>().to_lowercase();
    folded
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(|w| {
            // A possessive ("Borough A's") names what it is said of.
            let w = w.strip_suffix("'s").or(w.strip_suffix("’s")).unwrap_or(w);
            let w = w.trim_end_matches(['\'', '’']);
            match w.strip_suffix('s') {
                Some(stem) if stem.chars().count() >= 2 => stem.to_string(),
                _ => w.to_string(),
            }
        })
        .collect()
}

impl Labels {
    /// `boroughs`: (id, title) of every borough.
    pub fn new(participants: &[Participant], boroughs: &[(&str, &str)]) -> Labels {
        use super::Field;
        let mut values: Vec<(Vec<String>, Field, bool, String)> = Vec::new();
        let present = participants
            .iter()
            .filter(|p| p.consent != Consent::Withdrawn);
        for p in present {
            values.push((loose_words(&p.role), Field::Role, false, p.role.clone()));
            let sector = p.sector.label();
            values.push((
                loose_words(sector),
                Field::Sector,
                false,
                sector.to_string(),
            ));
            if let Some(level) = p.level {
                let level = level.label();
                values.push((loose_words(level), Field::Level, false, level.to_string()));
            }
        }
        // A role written short (round 16): by its initials, as notes write
        // it ("three DNs"), written in capitals and not a time ("pm"); by its
        // last word ("three nurses"), where that word is in no other role.
        let mut roles: Vec<&str> = participants
            .iter()
            .filter(|p| p.consent != Consent::Withdrawn)
            .map(|p| p.role.as_str())
            .collect();
        roles.sort_unstable();
        roles.dedup();
        let words_of: Vec<Vec<String>> = roles.iter().map(|r| loose_words(r)).collect();
        let mut initials_of = Vec::new();
        for (role, words) in roles.iter().zip(&words_of) {
            if words.len() < 2 {
                continue;
            }
            let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
            if !TIMES.contains(&initials.as_str()) {
                initials_of.push((initials.to_uppercase(), role.to_string()));
            }
            let last = &words[words.len() - 1];
            let in_others = words_of.iter().filter(|w| w.contains(last)).count() > 1;
            if !in_others && last.len() >= 3 {
                values.push((vec![last.clone()], Field::Role, false, role.to_string()));
            }
        }
        for (id, title) in boroughs {
            values.push((loose_words(id), Field::Borough, true, id.to_string()));
            values.push((loose_words(title), Field::Borough, false, id.to_string()));
        }
        values.retain(|(words, ..)| !words.is_empty());
        values.sort();
        values.dedup();
        // Roles, then sectors and levels, then boroughs.
        values.sort_by_key(|(_, field, ..)| FIELDS.iter().position(|f| f == field));
        Labels {
            values,
            initials: initials_of,
            other: loose_words(super::OTHER_ROLES),
        }
    }

    /// The role `label` is the initials of, written in capitals as
    /// initials are ("DN", "DNs"; "pm" is a time, "it" a word).
    fn initials(&self, label: &str) -> Option<(super::Field, &str)> {
        let label = label.trim();
        let label = label.strip_suffix('s').unwrap_or(label);
        self.initials
            .iter()
            .find(|(initials, _)| initials == label)
            .map(|(_, role)| (super::Field::Role, role.as_str()))
    }

    /// The value of each field `label` names (as the registry holds it),
    /// in the order of [`FIELDS`]. "Other roles" names the merged row.
    fn named<'a>(&'a self, written: &str) -> Vec<(super::Field, &'a str)> {
        self.named_loose(&loose_words(written), Some(written))
    }

    /// [`Labels::named`] of a label's loose words ([`loose_words`]), and,
    /// where it may be a role's initials, the label as written.
    fn named_loose<'a>(
        &'a self,
        label: &[String],
        written: Option<&str>,
    ) -> Vec<(super::Field, &'a str)> {
        let other = &self.other;
        if label.windows(other.len()).any(|w| w == other.as_slice()) {
            return vec![(super::Field::Role, super::OTHER_ROLES)];
        }
        FIELDS
            .iter()
            .filter_map(|&field| {
                self.values
                    .iter()
                    .filter(|(_, f, ..)| *f == field)
                    .find(|(words, _, exact, _)| match exact {
                        true => label == words.as_slice(),
                        false => label.windows(words.len()).any(|w| w == words.as_slice()),
                    })
                    .map(|(.., value)| (field, value.as_str()))
                    .or_else(|| match (field, written) {
                        (super::Field::Role, Some(written)) => self.initials(written),
                        _ => None,
                    })
            })
            .collect()
    }

    /// Whether `label` is a borough's id or title, and nothing more.
    fn is_a_borough(&self, label: &str) -> bool {
        let label = loose_words(label);
        self.values
            .iter()
            .any(|(words, field, ..)| *field == super::Field::Borough && *words == label)
    }

    /// The borough (its id) `text` names, if any.
    fn borough(&self, text: &str) -> Option<&str> {
        let named = self.named(text);
        named
            .into_iter()
            .find(|(f, _)| *f == super::Field::Borough)
            .map(|(_, id)| id)
    }

    /// Which field a label names (the first of role, sector, level and
    /// borough whose value it holds as words).
    fn field(&self, label: &str) -> Option<super::Field> {
        let label = loose_words(label);
        if label.is_empty() {
            return None;
        }
        self.values
            .iter()
            .find(|(words, _, exact, _)| match exact {
                true => label == *words,
                false => label.windows(words.len()).any(|w| w == words.as_slice()),
            })
            .map(|(_, field, ..)| *field)
    }
}

/// Number words a count may be written as.
const NUMBER_WORDS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// The count a cell gives: its leading number, as digits (full-width
/// ones too) or a word, whatever follows it (`1 (20%)`, `1/5`, `n = 1`,
/// `one`).
fn count_in(cell: &str) -> Option<usize> {
    use unicode_normalization::UnicodeNormalization;
    let cell: String = cell.nfkc().collect::<String>().to_lowercase();
    // "(3)", "[3]", as counts are set beside percentages.
    let cell = cell.trim().trim_start_matches(['(', '[']).trim_start();
    let cell = cell
        .strip_prefix('n')
        .map(|rest| rest.trim_start())
        .and_then(|rest| rest.strip_prefix('='))
        .map_or(cell, str::trim_start);
    let digits: String = cell.chars().take_while(char::is_ascii_digit).collect();
    let word: String = cell.chars().take_while(|c| c.is_alphabetic()).collect();
    let rest = &cell[digits.len() + word.len()..];
    // "1:1 interviews", "one-to-one": a kind of meeting, not a count.
    if is_a_ratio(rest) {
        return None;
    }
    // Four digits or more are a year or a code, not a count of people.
    match digits.len() {
        0 => {}
        1..=3 => return digits.parse().ok(),
        _ => return None,
    }
    NUMBER_WORDS.iter().position(|w| *w == word)
}

/// Whether the text after a number makes it one side of a ratio ("1:1",
/// "one-to-one", "1-to-1"), not a count (round 17).
fn is_a_ratio(rest: &str) -> bool {
    let rest = rest.to_lowercase();
    rest.starts_with("-to-")
        || rest
            .strip_prefix(':')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// Warns of each hand-written table in `text[body]` that gives a count from
/// 1 to k-1 in a row or column labelled with a role or borough, or else a
/// count the generated tables hide; with `prose`, of each count in its
/// sentences that the generated tables hide ("three district nurses in
/// Borough A"). `page`: the borough whose report the body is, which a
/// count there is about. `labels` is asked for only where there is a
/// table or a number to read.
pub fn check_written_counts<'x, 'r: 'x>(
    (file, page): (FileId, Option<&str>),
    (text, body): (&str, Range<usize>),
    (k, prose): (usize, bool),
    labels: impl FnOnce() -> &'x (Labels, super::Registry<'r>),
    out: &mut Vec<Diagnostic>,
) {
    if k <= 1 {
        return;
    }
    let tables = markdown::written_tables(text, body.clone());
    let prose = prose && may_hold_a_number(&text[body.clone()]);
    // The sentences are read for counts, and, around a table, for the
    // borough it is about.
    let blocks = match prose || !tables.is_empty() {
        true => markdown::prose_blocks(text, body),
        false => Vec::new(),
    };
    let numbers = |(_, block): &markdown::ProseBlock| {
        prose
            && block
                .iter()
                .any(|(piece, _)| words(piece).any(|(_, w)| number(w).is_some() || counts(w)))
    };
    if tables.is_empty() && !blocks.iter().any(numbers) {
        return;
    }
    let (labels, registry) = labels();
    let mut tables = tables.iter().peekable();
    let check_table = |table: &WrittenTable, context: Option<&str>| {
        let mut found: Vec<Diagnostic> = small_count(file, text, table, k, labels)
            .or_else(|| hidden_count(file, text, table, k, (labels, registry, page), context))
            .into_iter()
            .collect();
        // A cell that says more than one count ("4 community matrons and
        // 3 district nurses") is read as a sentence too (round 17), about
        // the borough its row or column names.
        for (r, row) in table.rows.iter().enumerate() {
            for (c, (cell, range)) in row.iter().enumerate() {
                if words(cell).filter(|(_, w)| number(w).is_some()).count() < 2 {
                    continue;
                }
                let borough = cell_labels(table, (r, c), true)
                    .into_iter()
                    .find_map(|label| labels.borough(label))
                    .or(context)
                    .or(page);
                let block = [(cell.clone(), range.clone())];
                prose_counts(
                    file,
                    &block,
                    k,
                    (labels, registry, borough),
                    &mut None,
                    &mut found,
                );
            }
        }
        found
    };
    // The borough the text is about so far: the one its section's heading
    // names, then the last one a sentence named (round 15: "## Borough A",
    // or "In Borough A we interviewed:" above a list or a table).
    let mut context: Option<&str> = None;
    for block @ (heading, pieces) in &blocks {
        let start = pieces.first().map_or(0, |(_, range)| range.start);
        while let Some(table) = tables.next_if(|table| table.start < start) {
            out.extend(check_table(table, context));
        }
        if *heading {
            let text: String = pieces.iter().map(|(piece, _)| piece.as_str()).collect();
            context = labels.borough(&text);
        }
        match numbers(block) {
            true => prose_counts(file, pieces, k, (labels, registry, page), &mut context, out),
            false => {
                let text: String = pieces.iter().map(|(piece, _)| piece.as_str()).collect();
                context = labels.borough(&text).or(context);
            }
        }
    }
    for table in tables {
        out.extend(check_table(table, context));
    }
}

/// The registry's labels and its generated tables, which hand-written
/// counts are read by.
pub fn reader(project: &crate::parse::Project) -> (Labels, super::Registry<'_>) {
    let boroughs: Vec<(&str, &str)> = project
        .boroughs
        .iter()
        .map(|b| (b.id.as_str(), b.meta.title.as_str()))
        .collect();
    let labels = Labels::new(&project.participants, &boroughs);
    (labels, super::Registry::of_project(project))
}

/// Warns of the counts in each table of figures a theme publishes as a
/// file (`.csv`, `.tsv`, or an HTML table), as of a page's hand-written
/// table (round 16: the interview counts offered as a spreadsheet).
pub fn check_published_tables(
    project: &crate::parse::Project,
    files: &[FileId],
    out: &mut Vec<Diagnostic>,
) {
    let k = project.config.k;
    if k <= 1 {
        return;
    }
    let made = std::sync::OnceLock::new();
    for &file in files {
        let text = project.sources.text(file);
        let name = project.sources.name(file).to_ascii_lowercase();
        let tables = match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("csv") => vec![delimited(text, b',')],
            Some("tsv") => vec![delimited(text, b'\t')],
            // A page: its tables and sentences, read as a page's are, by
            // its headings too (round 17).
            _ => {
                let labels = || made.get_or_init(|| reader(project));
                check_written_counts((file, None), (text, 0..text.len()), (k, true), labels, out);
                continue;
            }
        };
        for table in tables.iter().filter(|t| !t.rows.is_empty()) {
            let (labels, registry) = made.get_or_init(|| reader(project));
            out.extend(
                small_count(file, text, table, k, labels)
                    .or_else(|| hidden_count(file, text, table, k, (labels, registry, None), None)),
            );
        }
    }
}

/// A table of figures saved as text, its fields parted by `delimiter` (a
/// `.csv` whose first line has more `;` than `,` is parted by `;`, as a
/// spreadsheet in a European locale saves it), a field in double quotes
/// read without them.
fn delimited(text: &str, delimiter: u8) -> WrittenTable {
    let first = text.lines().next().unwrap_or("");
    let delimiter =
        match delimiter == b',' && first.matches(';').count() > first.matches(',').count() {
            true => b';',
            false => delimiter,
        };
    let mut rows = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let mut row = Vec::new();
        let (mut start, mut quoted) = (0, false);
        for (i, b) in content
            .bytes()
            .enumerate()
            .chain([(content.len(), delimiter)])
        {
            match b {
                b'"' => quoted = !quoted,
                _ if b == delimiter && (!quoted || i == content.len()) => {
                    let field = &content[start..i];
                    let inner = field.trim().trim_matches('"');
                    row.push((inner.replace("\"\"", "\""), at + start..at + i));
                    start = i + 1;
                }
                _ => {}
            }
        }
        if !content.trim().is_empty() {
            rows.push(row);
        }
        at += line.len();
    }
    WrittenTable::from_rows(rows)
}

/// Whether the sentences of Markdown `written` may hold a number
/// [`prose_counts`] reads, found without parsing it: any word of it, with
/// its tags and emphasis marks taken out (`th**ree**`, `th<b>ree</b>`),
/// is a number, or it holds a character reference (`&#51;`) or a tag with
/// attributes (`<img alt="…">`), which only parsing reads. The parsed text holds no number this passes over (a
/// property test in this module).
pub fn may_hold_a_number(written: &str) -> bool {
    // Character references, and tags' attributes (`alt="…"`), are read
    // only by parsing.
    if written.contains('&') || (written.contains('<') && written.contains('=')) {
        return true;
    }
    // The runs of letters and digits, each with whether only markup (tags,
    // emphasis marks) parts it from the next: parsing may join those.
    let mut runs: Vec<(&str, bool)> = Vec::new();
    let (mut start, mut in_tag, mut markup_only) = (None::<usize>, false, true);
    for (i, c) in written.char_indices() {
        let part = !in_tag && (c.is_alphanumeric() || c == '\'' || c == '’');
        match (part, start) {
            (true, None) => {
                if let Some(last) = runs.last_mut() {
                    last.1 = markup_only;
                }
                start = Some(i);
            }
            (false, Some(from)) => {
                runs.push((&written[from..i], false));
                start = None;
                markup_only = true;
            }
            _ => {}
        }
        if !part {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                '*' | '_' | '~' | '`' | '\\' => {}
                _ if in_tag => {}
                _ => markup_only = false,
            }
        }
    }
    if let Some(from) = start {
        runs.push((&written[from..], false));
    }
    (0..runs.len()).any(|i| {
        let mut word = String::new();
        for (run, joins) in &runs[i..] {
            word.push_str(run);
            if [word.as_str(), run]
                .iter()
                .any(|w| number(w).is_some() || counts(w))
            {
                return true;
            }
            if !joins || word.len() > 12 {
                break;
            }
        }
        false
    })
}

/// The words of `text` (letters, digits and apostrophes), with where each
/// starts.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let part = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    text.char_indices()
        .filter(move |&(i, c)| part(c) && !text[..i].chars().next_back().is_some_and(part))
        .map(move |(i, _)| {
            let end = text[i..]
                .find(|c: char| !part(c))
                .map_or(text.len(), |e| i + e);
            (i, &text[i..end])
        })
}

/// Words that may stand between a count and what it counts ("three of
/// the district nurses", "two experienced social workers", "three were
/// district nurses").
const FILLERS: [&str; 19] = [
    "were",
    "are",
    "was",
    "of",
    "the",
    "our",
    "their",
    "its",
    "these",
    "those",
    "more",
    "other",
    "senior",
    "junior",
    "experienced",
    "qualified",
    "participating",
    "interviewed",
    "further",
];

/// Words after a role that leave it the thing counted ("three staff in
/// Borough A", "two OT who"), where it is not written as a plural.
const FOLLOWERS: [&str; 26] = [
    "said",
    "told",
    "described",
    "reported",
    "felt",
    "explained",
    "noted",
    "is",
    "has",
    "had",
    "in",
    "at",
    "from",
    "across",
    "who",
    "were",
    "was",
    "and",
    "or",
    "took",
    "to",
    "on",
    "with",
    "for",
    "interviews",
    "accounts",
];

/// Words between a role and the count after it ("district nurses (n =
/// 3)", "district nurses were 3").
const BACK_FILLERS: [&str; 4] = ["n", "were", "was", "numbered"];

/// Words after a number that leave it the count of the role before it
/// ("district nurses, three in all"), as the end of the sentence does.
const AFTER_A_COUNT: [&str; 6] = ["in", "all", "and", "or", "took", "participants"];

/// Words before a number that make it a bound, not a count ("fewer than
/// three", "at least 3", "up to five").
const BOUNDS: [&str; 8] = [
    "than", "least", "most", "to", "under", "over", "about", "around",
];

/// The count a word of prose gives, from 1: digits (not a year) or a
/// number word.
fn number(word: &str) -> Option<usize> {
    let n = match word.bytes().all(|b| b.is_ascii_digit()) {
        true if word.len() <= 3 => word.parse().ok()?,
        true => return None,
        false => NUMBER_WORDS
            .iter()
            .position(|w| w.eq_ignore_ascii_case(word))
            .or_else(|| {
                let tens = TENS.iter().position(|w| w.eq_ignore_ascii_case(word))?;
                Some(20 + 10 * tens)
            })?,
    };
    (n > 0).then_some(n)
}

/// Words that count without a number (round 15): "both" and "neither"
/// (2); "only", "sole", "lone" and "single" after "the", "a" or a
/// possessive (1); "a dozen" (12), "half a dozen" (6); "a pair of", "a
/// couple of" (2), "a trio of" (3).
const QUANTITIES: [&str; 10] = [
    "both", "neither", "only", "sole", "lone", "single", "dozen", "pair", "couple", "trio",
];

/// Whether `word` is one of [`QUANTITIES`] or [`FRACTIONS`], which may
/// count.
fn counts(word: &str) -> bool {
    QUANTITIES
        .iter()
        .chain(&FRACTIONS)
        .any(|q| q.eq_ignore_ascii_case(word))
}

/// Words before "only", "sole", "lone" and "single" that make them a
/// count of one ("the only GP", "a single district nurse", "our sole
/// pharmacist").
const ONE_OF: [&str; 7] = ["the", "a", "an", "our", "their", "its", "one"];

/// The count the word at `i` of `list` gives without a number, read with
/// the words around it (see [`QUANTITIES`]).
fn quantity(list: &[(usize, &str)], i: usize) -> Option<usize> {
    let word = |j: Option<usize>| {
        j.and_then(|j| list.get(j))
            .map_or(String::new(), |(_, w)| w.to_lowercase())
    };
    let (before, after) = (word(i.checked_sub(1)), word(Some(i + 1)));
    match word(Some(i)).as_str() {
        "both" | "neither" => Some(2),
        "only" | "sole" | "lone" | "single"
            if ONE_OF.contains(&before.as_str()) || before.ends_with("'s") =>
        {
            Some(1)
        }
        "dozen" if before == "a" => match word(i.checked_sub(2)).as_str() {
            "half" => Some(6),
            _ => Some(12),
        },
        "pair" | "couple" if before == "a" && after == "of" => Some(2),
        "trio" if before == "a" && after == "of" => Some(3),
        _ => None,
    }
}

/// Number words for the tens, from twenty (round 15: "twenty district
/// nurses"); "twenty-one" is read as one number.
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Warns of each count in the sentences of `block` (pieces of prose with
/// their ranges) that the generated tables hide: a number, then within
/// two words a role, sector or level, in the borough the sentence names
/// after it, else before it, else the page's.
fn prose_counts<'l>(
    file: FileId,
    block: &[(String, Range<usize>)],
    k: usize,
    (labels, registry, page): (&'l Labels, &super::Registry, Option<&'l str>),
    context: &mut Option<&'l str>,
    out: &mut Vec<Diagnostic>,
) {
    use super::Field;
    // The block as one text, and where each piece of it is written.
    let mut joined = String::new();
    let mut at: Vec<(usize, &Range<usize>, bool)> = Vec::new();
    for (piece, range) in block {
        at.push((joined.len(), range, range.len() == piece.len()));
        joined.push_str(piece);
    }
    let source = |offset: usize, len: usize| {
        let i = at.partition_point(|(start, ..)| *start <= offset) - 1;
        let (start, range, verbatim) = at[i];
        match verbatim {
            true => range.start + offset - start..range.start + offset - start + len,
            false => range.clone(),
        }
    };
    let mut sentence_start = 0;
    let ends = joined
        .match_indices(['.', '!', '?', ';'])
        .map(|(i, _)| i)
        .filter(|&i| !ends_an_abbreviation(&joined, i))
        .chain([joined.len()]);
    for end in ends {
        let sentence = &joined[sentence_start..end];
        let offset = sentence_start;
        sentence_start = (end + 1).min(joined.len());
        let list: Vec<(usize, &str)> = words(sentence).collect();
        let named_here = labels.borough(sentence);
        let mut units_of = None;
        for (i, &(start, word)) in list.iter().enumerate() {
            if units_of.take() == Some(i) {
                continue;
            }
            // A number, or a word that counts without one ("both", "the
            // only"), which must then be followed by people.
            let fraction = fraction(&list, i);
            let (mut n, strict) = match number(word) {
                Some(n) => (n, false),
                None => match quantity(&list, i) {
                    Some(n) => (n, true),
                    None if fraction.is_some() => (0, true),
                    None => continue,
                },
            };
            // "twenty-one": the tens, a hyphen, the units, as one number.
            let first = i;
            let mut i = i;
            if let (20.., Some(&(next, unit))) = (n, list.get(i + 1))
                && &sentence[start + word.len()..next] == "-"
                && let Some(u @ 1..=9) = number(unit)
            {
                n += u;
                i += 1;
                units_of = Some(i);
            }
            let word = &sentence[start..list[i].0 + list[i].1.len()];
            // "fewer than three", "at least 3": a bound, not a count.
            let before = first.checked_sub(1).map(|j| list[j].1.to_lowercase());
            if before.is_some_and(|w| BOUNDS.contains(&w.as_str())) {
                continue;
            }
            // The role, sector or level the number counts: the first named
            // in the words after it, after at most two such words as "of
            // the", and naming people ("three district nurses", not "eight
            // GP practices").
            if is_a_ratio(&sentence[start + word.len()..]) {
                continue;
            }
            // "Both health and social care staff": "both" joins two, and
            // counts neither (round 17).
            let joins = |list: &[(usize, &str)]| {
                list.iter()
                    .take(7)
                    .any(|(_, w)| ["and", "nor"].contains(&w.to_lowercase().as_str()))
            };
            if strict
                && ["both", "neither"].contains(&list[first].1.to_lowercase().as_str())
                && joins(&list[first + 1..])
            {
                continue;
            }
            // A share: "38% of participants were district nurses", "three
            // of the eight participants in Borough A were" (round 16).
            let rest = &sentence[start + word.len()..];
            let per_cent = match list.get(i + 1).map(|(_, w)| w.to_lowercase()) {
                _ if rest.trim_start().starts_with('%') => Some(0),
                Some(w) if w == "percent" => Some(1),
                Some(w)
                    if w == "per"
                        && list
                            .get(i + 2)
                            .is_some_and(|(_, c)| c.eq_ignore_ascii_case("cent")) =>
                {
                    Some(2)
                }
                _ => None,
            };
            let skip = per_cent.unwrap_or(0);
            let skip = skip + share_words(&list[i + 1 + skip..], labels);
            let shown = match (per_cent, &fraction) {
                (_, Some(fraction)) => fraction.clone(),
                (Some(_), None) => format!("{n}%"),
                (None, None) => n.to_string(),
            };
            let after = &list[i + 1 + skip..];
            let mut counted = None;
            // Each word's loose form, made once (not for each phrase).
            let loose: Vec<Vec<String>> =
                after.iter().take(6).map(|(_, w)| loose_words(w)).collect();
            for e in 0..after.len().min(6) {
                let phrase: Vec<&str> = after[..=e].iter().map(|(_, w)| *w).collect();
                let phrase_loose: Vec<String> = loose[..=e].concat();
                let named = labels.named_loose(&phrase_loose, (e == 0).then_some(after[0].1));
                if let Some(&(field, value)) = named.iter().find(|(f, _)| *f != Field::Borough) {
                    // The words that name it: the value's, or one where
                    // it is written short ("DNs", "nurses").
                    let value_words = loose_words(value);
                    let len = match phrase_loose
                        .windows(value_words.len().max(1))
                        .any(|w| w == value_words.as_slice())
                    {
                        true => value_words.len().max(1),
                        false => 1,
                    };
                    let gap = &after[..(e + 1).saturating_sub(len)];
                    // A filler, a possessive ("the team's"), or part of a
                    // word with a hyphen ("community-based").
                    let filler = |&(at, w): &(usize, &str)| {
                        FILLERS.contains(&w.to_lowercase().as_str())
                            || w.ends_with("'s")
                            || w.ends_with("’s")
                            || sentence[at + w.len()..].starts_with('-')
                            || sentence[..at].ends_with('-')
                    };
                    let fillers = gap.len() <= 3 && gap.iter().all(filler);
                    let last = phrase[e];
                    let people = (n == 1 && !strict)
                        || last.ends_with(['s', 'S'])
                        || last.ends_with("s'")
                        || last.ends_with("s’")
                        || after.get(e + 1).is_none_or(|(_, next)| {
                            FOLLOWERS.contains(&next.to_lowercase().as_str())
                        });
                    if fillers && people {
                        // The words the label and the number leave around them.
                        counted = Some((field, value, first, i + 2 + e + skip));
                    }
                    break;
                }
            }
            // Or the count after its role, as reports give it: "district
            // nurses (n = 3)", "district nurses: 3", "district nurses, three
            // in all" (round 15), where nothing follows the number but the
            // end of the sentence or a word that leaves it a count.
            let ends_count = list
                .get(i + 1)
                .is_none_or(|(_, next)| AFTER_A_COUNT.contains(&next.to_lowercase().as_str()));
            if counted.is_none() && ends_count && !strict && per_cent.is_none() {
                let mut j = first;
                while j > 0
                    && first - j < 2
                    && BACK_FILLERS.contains(&list[j - 1].1.to_lowercase().as_str())
                {
                    j -= 1;
                }
                // The borough may stand between the role and its count
                // ("district nurses in Borough A: 3", "District nurses,
                // Borough A: 3", as a `<dl>` gives it).
                if let Some(len) = (1..=3.min(j)).rev().find(|&len| {
                    let phrase: Vec<&str> = list[j - len..j].iter().map(|(_, w)| *w).collect();
                    labels.is_a_borough(&phrase.join(" "))
                }) {
                    j -= len;
                    if j > 0 && ["in", "at"].contains(&list[j - 1].1.to_lowercase().as_str()) {
                        j -= 1;
                    }
                    // "District nurses interviewed in Borough A: 3".
                    if j > 0 && FILLERS.contains(&list[j - 1].1.to_lowercase().as_str()) {
                        j -= 1;
                    }
                }
                counted = (1..=4.min(j)).find_map(|len| {
                    let phrase: Vec<&str> = list[j - len..j].iter().map(|(_, w)| *w).collect();
                    labels
                        .named(&phrase.join(" "))
                        .into_iter()
                        .find(|(f, v)| *f != Field::Borough && loose_words(v).len() == len)
                        .map(|(field, value)| (field, value, j - len, i + 1))
                });
            }
            let Some((field, value, before_end, after_start)) = counted else {
                continue;
            };
            let borough_in = |part: &[(usize, &str)]| {
                let text: Vec<&str> = part.iter().map(|(_, w)| *w).collect();
                labels
                    .named(&text.join(" "))
                    .into_iter()
                    .find(|(f, _)| *f == Field::Borough)
            };
            let borough = borough_in(&list[after_start.min(list.len())..])
                .or_else(|| borough_in(&list[before_end.min(first)..first]))
                .or_else(|| borough_in(&list[first..after_start.min(list.len())]))
                .or_else(|| borough_in(&list[..before_end]))
                .or(context.map(|id| (Field::Borough, id)))
                .or(page.map(|id| (Field::Borough, id)));
            let mut values = vec![(field, value)];
            values.extend(borough);
            if super::is_hidden(registry, &values, k) != Some(true) {
                continue;
            }
            let (from, _) = list[before_end.min(first)];
            let (last, last_word) = list[after_start - 1];
            let phrase = &sentence[from..last + last_word.len()];
            out.push(
                Diagnostic::warning(
                    "table::hidden-count",
                    format!(
                        "the generated participant tables hide the count of `{value}`{}, so \
                         that no count below k = {k} can be worked out from the others; if \
                         “{phrase}” counts participants, it gives that back as {shown}",
                        match borough {
                            Some((_, id)) => format!(" in {}", registry.borough_title(id)),
                            None => String::new(),
                        }
                    ),
                )
                .at(Span::new(file, source(offset + start, word.len())))
                .label("hidden in the generated tables")
                .fix(
                    "leave the number out (“we interviewed district nurses”), or say how \
                     many took part only through the generated table: \
                     `![](participants:role/borough)` on a line of its own",
                ),
            );
        }
        *context = named_here.or(*context);
    }
}

/// Words for a part of a whole, with how many may stand before them ("a
/// third", "two thirds", "half": round 17).
const FRACTIONS: [&str; 7] = [
    "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths",
];

/// The share the word at `i` of `list` gives as a fraction, as written
/// ("a third", "two thirds", "half"), where it is one.
fn fraction(list: &[(usize, &str)], i: usize) -> Option<String> {
    let word = list[i].1;
    if !FRACTIONS.contains(&word.to_lowercase().as_str()) {
        return None;
    }
    match i.checked_sub(1).map(|j| list[j].1) {
        Some(before)
            if before.eq_ignore_ascii_case("a")
                || before.eq_ignore_ascii_case("one")
                || number(before).is_some() =>
        {
            Some(format!("{before} {word}"))
        }
        _ if word.eq_ignore_ascii_case("half") => Some(word.to_string()),
        _ => None,
    }
}

/// Words for the people a share is of ("three of the eight participants").
const GROUPS: [&str; 9] = [
    "participants",
    "interviewees",
    "people",
    "staff",
    "respondents",
    "practitioners",
    "professionals",
    "members",
    "those",
];

/// How many of the words at the start of `after` (those after a count)
/// make it a share of a group: "of the eight participants in Borough A
/// were", "in eight", "out of 8 interviewees", "of participants were";
/// none where they do not.
fn share_words(after: &[(usize, &str)], labels: &Labels) -> usize {
    let lower = |j: usize| after.get(j).map(|(_, w)| w.to_lowercase());
    let mut j = match (lower(0).as_deref(), lower(1).as_deref()) {
        (Some("of" | "in"), _) => 1,
        (Some("out"), Some("of")) => 2,
        _ => return 0,
    };
    if matches!(lower(j).as_deref(), Some("the" | "all" | "our")) {
        j += 1;
    }
    let numbered = lower(j).is_some_and(|w| number(&w).is_some());
    j += usize::from(numbered);
    let group = lower(j).is_some_and(|w| GROUPS.contains(&w.as_str()));
    j += usize::from(group);
    if !numbered && !group {
        return 0;
    }
    // "in Borough A", "at Borough A".
    if matches!(lower(j).as_deref(), Some("in" | "at" | "from")) {
        let borough = (1..=3).rev().find(|&len| {
            after.get(j + 1..j + 1 + len).is_some_and(|words| {
                let words: Vec<&str> = words.iter().map(|(_, w)| *w).collect();
                labels.is_a_borough(&words.join(" "))
            })
        });
        if let Some(len) = borough {
            j += 1 + len;
        }
    }
    if matches!(lower(j).as_deref(), Some("were" | "was" | "are")) {
        j += 1;
    }
    j
}

/// Abbreviations whose full stop does not end a sentence ("three district
/// nurses (incl. the team lead) in Borough A": round 16).
/// ("no." and "c." are left out: "they said no." ends one, and so may
/// "Borough C.").
const ABBREVIATIONS: [&str; 13] = [
    "incl", "approx", "esp", "cf", "vs", "viz", "ca", "dr", "mr", "mrs", "ms", "st", "fig",
];

/// Whether the `.` at `i` of `text` ends an abbreviation, not a sentence:
/// one of [`ABBREVIATIONS`], or a dot of "i.e." or "e.g.".
fn ends_an_abbreviation(text: &str, i: usize) -> bool {
    if text.as_bytes().get(i) != Some(&b'.') {
        return false;
    }
    let word_start = text[..i]
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |j| {
            j + text[j..].chars().next().map_or(1, char::len_utf8)
        });
    let word = text[word_start..i].to_lowercase();
    let next = text[i + 1..].to_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
        || matches!(word.as_str(), "i.e" | "e.g")
        || (word == "i" && next.starts_with("e."))
        || (word == "e" && next.starts_with("g."))
}

/// Where a count of a cell is written: the cell's text, trimmed.
fn count_span(text: &str, cell: &str, range: &Range<usize>) -> Range<usize> {
    text[range.clone()]
        .find(cell.trim())
        .map_or(range.clone(), |i| {
            range.start + i..range.start + i + cell.trim().len()
        })
}

/// The labels a reader reads the count in row `r`, column `c` of `table`
/// by, the nearest first: the cell's own words, the other cells of its row
/// that are not counts (round 15: a role in the second column), and those
/// above it in its column (round 15: a second header row, or one a
/// `rowspan` leaves); with `whole`, the caption (round 15) and the corner
/// cell too, which head the whole table.
fn cell_labels(table: &WrittenTable, (r, c): (usize, usize), whole: bool) -> Vec<&str> {
    let label = |cell: &(String, Range<usize>)| count_in(&cell.0).is_none();
    let row = &table.rows[r];
    let mut found = vec![row[c].0.as_str()];
    let in_row = row
        .iter()
        .enumerate()
        .filter(|&(j, cell)| j != c && label(cell));
    found.extend(in_row.map(|(_, cell)| cell.0.as_str()));
    let above = table.rows[..r]
        .iter()
        .rev()
        .filter_map(|above| above.get(c));
    found.extend(above.filter(|cell| label(cell)).map(|cell| cell.0.as_str()));
    if whole {
        found.push(&table.caption);
        found.extend(
            table
                .rows
                .first()
                .and_then(|head| head.first())
                .map(|h| h.0.as_str()),
        );
    }
    found
}

/// Each count of `table` (the row, column and number), a cell spanning
/// several places read in each.
fn counts_of(table: &WrittenTable) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    table.rows.iter().enumerate().flat_map(|(r, row)| {
        row.iter()
            .enumerate()
            .filter_map(move |(c, (cell, _))| Some((r, c, count_in(cell)?)))
    })
}

/// How a warning names the place of the count at `(r, c)`: the first
/// label of its row that names a field (else its first), and the nearest
/// one above it that does, as "`District nurses` in column `Borough A`".
fn place_of(table: &WrittenTable, (r, c): (usize, usize), labels: &Labels) -> String {
    let label = |cell: &&(String, Range<usize>)| count_in(&cell.0).is_none();
    let names = |cell: &&(String, Range<usize>)| labels.field(&cell.0).is_some();
    let row = &table.rows[r];
    let others: Vec<&(String, Range<usize>)> = row
        .iter()
        .enumerate()
        .filter(|(j, cell)| *j != c && label(cell))
        .map(|(_, cell)| cell)
        .collect();
    let in_row = others.iter().find(|cell| names(cell)).or(others.first());
    let above = table.rows[..r]
        .iter()
        .rev()
        .filter_map(|above| above.get(c))
        .find(|cell| label(cell) && names(cell));
    match (in_row, above) {
        (Some(row), Some(column)) => format!("`{}` in column `{}`", row.0.trim(), column.0.trim()),
        (Some(row), None) => format!("`{}`", row.0.trim()),
        (None, Some(column)) => format!("column `{}`", column.0.trim()),
        (None, None) => format!("`{}`", row[c].0.trim()),
    }
}

/// A count of a role, a borough, or a role in a borough that the generated
/// tables hide (to keep a smaller count from being worked out): written
/// beside them, it gives that count back. `context`: the borough the text
/// before the table is about (its section's heading, or a sentence).
fn hidden_count(
    file: FileId,
    text: &str,
    table: &WrittenTable,
    k: usize,
    (labels, registry, page): (&Labels, &super::Registry, Option<&str>),
    context: Option<&str>,
) -> Option<Diagnostic> {
    let around = [context, page].map(|id| id.map(|id| (super::Field::Borough, id)));
    let mut found: Vec<(usize, String, Range<usize>)> = Vec::new();
    for (r, c, n) in counts_of(table) {
        // Each field once, the nearest label's value first.
        let mut values: Vec<(super::Field, &str)> = Vec::new();
        let named = cell_labels(table, (r, c), true)
            .into_iter()
            .flat_map(|label| labels.named(label))
            .chain(around.iter().flatten().copied());
        for (field, value) in named {
            if !values.iter().any(|(f, _)| *f == field) {
                values.push((field, value));
            }
        }
        // A role is in one sector: a role's count in a sector is the role's.
        if values.iter().any(|(f, _)| *f == super::Field::Role) {
            values.retain(|(f, _)| *f != super::Field::Sector);
        }
        let (cell, range) = &table.rows[r][c];
        let at = count_span(text, cell, range);
        if super::is_hidden(registry, &values, k) == Some(true)
            && !found.iter().any(|(.., seen)| *seen == at)
        {
            found.push((n, place_of(table, (r, c), labels), at));
        }
    }
    let (n, what, at) = found.first().cloned()?;
    let more = match found.len() {
        1 => String::new(),
        m => format!(" (and {} more such counts in this table)", m - 1),
    };
    Some(
        Diagnostic::warning(
            "table::hidden-count",
            format!(
                "the generated participant tables hide the count of {what}, so that no \
                 count below k = {k} can be worked out from the others; written here as \
                 {n}, it gives that back{more}"
            ),
        )
        .at(Span::new(file, at))
        .label("hidden in the generated tables")
        .fix(
            "leave this count out, or replace the table with the generated one: \
             `![](participants:role/borough)` on a line of its own",
        ),
    )
}

fn small_count(
    file: FileId,
    text: &str,
    table: &WrittenTable,
    k: usize,
    labels: &Labels,
) -> Option<Diagnostic> {
    let mut found: Vec<(usize, &str, Range<usize>)> = Vec::new();
    let mut fields = Vec::new();
    for (r, c, n) in counts_of(table) {
        if !super::is_small(n, k) {
            continue;
        }
        // Its row's and column's labels (not the caption's: a table of
        // themes on a page about participants counts themes).
        let named: Vec<(&str, super::Field)> = cell_labels(table, (r, c), false)
            .into_iter()
            .skip(1)
            .filter_map(|label| Some((label, labels.field(label)?)))
            .collect();
        let Some(&(label, _)) = named.first() else {
            continue;
        };
        let (cell, range) = &table.rows[r][c];
        let at = count_span(text, cell, range);
        if !found.iter().any(|(.., seen)| *seen == at) {
            fields.extend(named.iter().map(|(_, field)| *field));
            found.push((n, label.trim(), at));
        }
    }
    let (n, label, at) = found.first().cloned()?;
    let has = |f| fields.contains(&f);
    let rows = [
        super::Field::Role,
        super::Field::Sector,
        super::Field::Level,
    ]
    .into_iter()
    .find(|&f| has(f));
    let spec = match (rows, has(super::Field::Borough)) {
        (Some(rows), true) => format!("{}/borough", rows.name()),
        (Some(rows), false) => rows.name().to_string(),
        (None, _) => "borough".to_string(),
    };
    let more = match found.len() {
        1 => String::new(),
        m => format!(" (and {} more such counts in this table)", m - 1),
    };
    Some(
        Diagnostic::warning(
            "table::small-count",
            format!(
                "a count of {n} for `{label}` is fewer than k = {k}: in a table of \
                 participants, a count this small can single someone out{more}"
            ),
        )
        .at(Span::new(file, at))
        .label(format!("fewer than {k}"))
        .fix(format!(
            "replace the table with the generated one, which hides small counts and \
             anything that would give them back: `![](participants:{spec})` on a line of its own"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_file_of_figures_is_read_as_a_table_with_each_fields_place() {
        let text = "Role,\"Borough A, 2024\"\r\n\"GP, salaried\",1\n\nNurse;x, 3\n";
        let table = delimited(text, b',');
        let cells: Vec<Vec<&str>> = table
            .rows
            .iter()
            .map(|row| row.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        assert_eq!(
            cells,
            [
                vec!["Role", "Borough A, 2024"],
                vec!["GP, salaried", "1"],
                vec!["Nurse;x", "3"]
            ]
        );
        assert_eq!(&text[table.rows[1][1].1.clone()], "1");
        assert_eq!(text[table.rows[2][1].1.clone()].trim(), "3");
        let semicolons = delimited("Role;Borough A\nGP;1\n", b',');
        assert_eq!(semicolons.rows[1][1].0, "1");
    }

    #[test]
    fn a_full_stop_ends_a_sentence_unless_it_ends_an_abbreviation() {
        let ends = |text: &str| -> Vec<usize> {
            text.match_indices('.')
                .map(|(i, _)| i)
                .filter(|&i| !ends_an_abbreviation(text, i))
                .collect()
        };
        assert!(ends("three (incl. the lead) and two (i.e. all) e.g. these, approx. 3").is_empty());
        assert_eq!(ends("In Borough C. Three said no. Then."), [12, 27, 33]);
        assert_eq!(ends("Done. I. E."), [4, 7, 10]);
    }

    proptest! {
        /// The shortcut never passes over a body whose parsed sentences
        /// hold a number: pieces of words, numbers, emphasis, tags, links
        /// and character references, in any order.
        #[test]
        fn bodies_passed_over_hold_no_number_when_parsed(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "th", "ree", "t", "wo", "3", "1", "20", "twenty", "-", "one", " ", "\n\n",
                "**", "*", "_", "`", "<b>", "</b>", "<p>", "<!-- x -->", "[a](quote:q-00", ")",
                "&#51;", "nurses", "district", ".", "(n = ", "\\", "~~", "# ",
                "bo", "th", "only", "the ", "a ", "dozen", "third", "half",
                "<img alt=\"", "\">",
            ]), 0..14),
        ) {
            let body: String = pieces.concat();
            let parsed = crate::markdown::prose_blocks(&body, 0..body.len());
            let holds = parsed.iter().any(|(_, block)| {
                let joined: String = block.iter().map(|(t, _)| t.as_str()).collect();
                words(&joined).any(|(_, w)| number(w).is_some() || counts(w))
            });
            prop_assert!(!holds || may_hold_a_number(&body), "{body:?}");
        }
    }
}
