//! Allowances: a term an allowance lets through is allowed only in the
//! text of the file that has it ([`allowed_here`]), and what a page's
//! allowances depend on, for the preview's memory of what passed.

use super::{Look, read, shown};
use crate::anonymity::Checked;
use crate::anonymity::identifiers::normalise;
use crate::hash::FastMap;
use crate::model::Allowance;
use crate::render::Rendered;
use crate::resolve::Site;
use crate::source::FileId;
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// Every term allowed, normalised, by the file that allows it.
pub fn allowances(site: &Site) -> FastMap<FileId, Vec<String>> {
    let project = site.project;
    let mut by_file: FastMap<FileId, Vec<String>> = FastMap::default();
    let mut add = |file: FileId, allowance: Option<&Allowance>| {
        if let Some(allowance) = allowance
            && !allowance.allow.is_empty()
        {
            let terms = allowance.allow.iter().map(|t| normalise(t));
            by_file.entry(file).or_default().extend(terms);
        }
    };
    if let Some(d) = &project.landing {
        add(d.file, d.meta.anonymity.as_ref());
    }
    project
        .boroughs
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .codes
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .quotes
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .findings
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .pathways
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .pages
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    by_file
}

/// What every page's allowances depend on: the titles of the files with
/// an allowance (menus and listings print them on any page), and the
/// allowed terms the templates write themselves ([`printed_by_templates`]).
pub(super) fn titles_digest(
    rendered: &Rendered,
    checked: &Checked,
    printed: &BTreeSet<String>,
) -> u64 {
    let mut titles: Vec<_> = rendered
        .titles
        .iter()
        .filter(|(file, _)| checked.allowed.contains_key(file))
        .collect();
    titles.sort();
    let mut hasher = rustc_hash::FxHasher::default();
    titles.hash(&mut hasher);
    printed.hash(&mut hasher);
    hasher.finish()
}

/// The allowed terms that one of the project's own `templates` writes
/// itself, in its text (not through a value such as a title), read as
/// the gate reads a page. A template is no file that allows a term: what
/// it writes is on every page it makes, and no copy of a title there is
/// the title (red team, round 18: "Hosted at St Brannock's Hospital." in
/// a footer, where a page titled "St Brannock's Hospital" allows it).
pub(super) fn printed_by_templates(
    look: &Look,
    checked: &Checked,
    sources: &crate::source::Sources,
    templates: &[FileId],
) -> BTreeSet<String> {
    let mut printed = BTreeSet::new();
    if checked.allowed.is_empty() {
        return printed;
    }
    for &template in templates {
        let text = &sources.get(template).text;
        // As written, and as it prints its own text (round 19: the term
        // parted by a comment or a tag, or joined from strings).
        for text in [text.clone(), as_printed(text)] {
            let mut texts = look.texts();
            // What cannot be read here is read where the template is printed.
            if read("template.html", text.as_bytes(), &mut texts).is_err() {
                continue;
            }
            for hit in look.find(&texts) {
                let allowed = |t: &&String| checked.allowed.values().flatten().any(|a| a == *t);
                printed.extend(hit.term.iter().filter(allowed).cloned());
            }
        }
    }
    printed
}

/// What a Tera template prints of its own, whatever the values it is
/// given: its text, without its comments and tags (`{# … #}`, `{% if %}`),
/// with each expression (`{{ … }}`) printed as the strings it holds,
/// joined (`{{ "St Brannock's " ~ "Hospital" }}`), and a variable set to
/// strings (`{% set h = "Hospital" %}`) printed as them where it is used.
pub(super) fn as_printed(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut set: FastMap<String, String> = FastMap::default();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let close = match from.get(..2) {
            Some("{#") => "#}",
            Some("{%") => "%}",
            Some("{{") => "}}",
            _ => {
                out.push('{');
                rest = &from[1..];
                continue;
            }
        };
        let Some(end) = from[2..].find(close) else {
            out.push_str(from);
            return out;
        };
        let body = from[2..2 + end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        match close {
            "}}" => out.push_str(&strings_of(body, &set)),
            "%}" => {
                let assignment = body
                    .strip_prefix("set_global ")
                    .or_else(|| body.strip_prefix("set "));
                if let Some((name, value)) = assignment.and_then(|a| a.split_once('=')) {
                    set.insert(name.trim().to_string(), strings_of(value, &set));
                }
            }
            _ => {}
        }
        rest = &from[2 + end + 2..];
    }
    out.push_str(rest);
    out
}

/// The strings a Tera expression holds, in order, joined: its string
/// literals, and the value of each variable `set` to strings.
fn strings_of(expression: &str, set: &FastMap<String, String>) -> String {
    let mut out = String::new();
    let mut chars = expression.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if matches!(c, '"' | '\'' | '`') {
            let Some(end) = expression[at + 1..].find(c) else {
                break;
            };
            out.push_str(&expression[at + 1..at + 1 + end]);
            while chars.next_if(|&(i, _)| i <= at + 1 + end).is_some() {}
        } else if c.is_alphabetic() || c == '_' {
            let mut end = at + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if !(c.is_alphanumeric() || c == '_') {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            out.push_str(set.get(&expression[at..end]).map_or("", String::as_str));
        }
    }
    out
}

/// What the page's allowances depend on: the titles digest, and the body
/// of each allowing file it shows.
pub(super) fn context_of(rendered: &Rendered, checked: &Checked, path: &str, titles: u64) -> u64 {
    // Without allowances, what a page shows allows nothing anywhere.
    if checked.allowed.is_empty() {
        return titles;
    }
    let mut hasher = rustc_hash::FxHasher::default();
    titles.hash(&mut hasher);
    for file in shown(rendered, path) {
        if checked.allowed.contains_key(&file) {
            file.hash(&mut hasher);
            rendered.fragments.get(&file).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// Whether every occurrence of the allowed `term` on a page lies in the
/// text of a file that allows it: the page is read again with each copy of
/// those files' text on it cut out, and the term must then be found
/// nowhere. Their bodies are cut out as rendered, before the page is read;
/// their titles after, from what the gate reads ([`cut_titles`]), since a
/// template prints a title in ways a body is not (typographic apostrophes,
/// character references, attributes, a `<title>`). What a template prints
/// otherwise, or another file writes (with a character reference, say), is
/// outside those copies and is still read. Titles are cut only from the
/// pages the templates make (a theme's static file prints no title), and
/// not where a template writes the term itself (`printed`: there a copy
/// of a title that is the term alone cannot be told from the template's).
pub(super) fn allowed_here(
    look: &Look,
    (checked, printed): (&Checked, &BTreeSet<String>),
    rendered: &Rendered,
    path: &str,
    bytes: &[u8],
    term: &str,
) -> bool {
    let Ok(page) = std::str::from_utf8(bytes) else {
        return false;
    };
    let allows = |file: &FileId| {
        checked
            .allowed
            .get(file)
            .is_some_and(|terms| terms.iter().any(|t| t == term))
    };
    // The bodies of the allowing files this page shows, and their titles
    // (which menus and listings print on any page).
    let mut bodies: Vec<&str> = shown(rendered, path)
        .into_iter()
        .filter(allows)
        .flat_map(|file| rendered.fragments.get(&file).into_iter().flatten())
        .map(String::as_str)
        .filter(|f| !f.is_empty())
        .collect();
    // Only a title that holds the term lets it through, on a page a
    // template made that writes no such term itself.
    let made = !path.starts_with(STATIC) && !printed.contains(term);
    let mut titles: Vec<String> = rendered
        .titles
        .iter()
        .filter(|_| made)
        .filter(|(file, _)| allows(file))
        .map(|(_, title)| plain(title))
        .filter(|t| holds_words(t, term))
        .collect();
    if bodies.is_empty() && titles.is_empty() {
        return false;
    }
    // Longest first, so a copy inside another is cut with it.
    bodies.sort_by_key(|f| std::cmp::Reverse(f.len()));
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    titles.dedup();
    let mut cut = page.to_string();
    for body in bodies {
        if cut.contains(body) {
            cut = cut.replace(body, CUT);
        }
    }
    let mut texts = look.texts();
    if read(path, cut.as_bytes(), &mut texts).is_err() {
        return false;
    }
    // In a flow, text is joined across elements with nothing between:
    // there a copy may touch the text of the element before or after it.
    for block in texts.blocks.iter_mut().chain(&mut texts.drawn) {
        cut_titles(block, &titles, term, Edges::Words);
    }
    for flow in &mut texts.flows {
        cut_titles(flow, &titles, term, Edges::Joined);
    }
    !look
        .find(&texts)
        .iter()
        .any(|hit| hit.term.iter().any(|t| t == term))
}

/// Where a theme's static files are published (copied as they are, not
/// made by a template).
const STATIC: &str = "static/";

/// What a copy of an allowing file's text is replaced by: no term holds it
/// or reaches across it.
const CUT: &str = " \u{b6} ";

/// `text` as titles are compared: as the gate reads listed terms
/// ([`normalise`]: capitals, accents, apostrophes, dashes, an ellipsis and
/// runs of spaces read as plain), with what Markdown makes an ellipsis and
/// typographic double quotation marks of read as them too (`...`, `"`).
fn plain(text: &str) -> String {
    normalise(&text.replace("...", "\u{2026}").replace(DOUBLE_QUOTES, "\""))
}

/// Double quotation marks a title may be printed with for `"`.
const DOUBLE_QUOTES: [char; 6] = [
    '\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '\u{2033}', '\u{FF02}',
];

/// Where a copy of a title in a text the gate read may begin and end.
#[derive(Clone, Copy)]
enum Edges {
    /// Between words (a block: its text as shown).
    Words,
    /// Anywhere (a flow, joined across elements with nothing between).
    Joined,
}

/// Whether `text` holds `words` (both [`plain`]) as whole words, a
/// possessive after them as the identifiers list reads one.
fn holds_words(text: &str, words: &str) -> bool {
    !words.is_empty()
        && text
            .match_indices(words)
            .any(|(at, _)| is_whole(text, at, at + words.len()))
}

/// Whether `text[start..end]` begins and ends on word boundaries where it
/// begins or ends with a letter or digit (`s'` after it is a possessive).
fn is_whole(text: &str, start: usize, end: usize) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let found = &text[start..end];
    let before = !alnum(found.chars().next()) || !alnum(text[..start].chars().next_back());
    let rest = &text[end..];
    let ends =
        !alnum(rest.chars().next()) || (rest.starts_with("s'") && !alnum(rest[2..].chars().next()));
    before && (!alnum(found.chars().next_back()) || ends)
}

/// Cuts out of `text` (a block or flow the gate read) each copy of one of
/// `titles` (each [`plain`], each holding `term`): each stretch of it that
/// [`plain`] reads as a title, beginning and ending as `edges` says. A
/// copy that an occurrence of `term` runs into or out of is not cut: the
/// term there is more than the title's.
fn cut_titles(text: &mut String, titles: &[String], term: &str, edges: Edges) {
    if titles.is_empty() || term.is_empty() {
        return;
    }
    let reading = Reading::of(text);
    let terms: Vec<Range<usize>> = (reading.text.match_indices(term))
        .map(|(at, _)| at..at + term.len())
        .collect();
    let crossed = |at: usize| terms.iter().any(|t| t.start < at && at < t.end);
    let mut cuts: Vec<Range<usize>> = Vec::new();
    for title in titles {
        let mut from = 0;
        while let Some(at) = reading.text[from..].find(title.as_str()).map(|i| from + i) {
            let end = at + title.len();
            from = at + reading.text[at..].chars().next().map_or(1, char::len_utf8);
            let edges = match edges {
                Edges::Words => is_whole(&reading.text, at, end),
                Edges::Joined => true,
            };
            if !edges || crossed(at) || crossed(end) {
                continue;
            }
            let range = reading.source[at].start..reading.source[end - 1].end;
            if plain(&text[range.clone()]) == *title {
                cuts.push(range);
            }
        }
    }
    if cuts.is_empty() {
        return;
    }
    cuts.sort_by_key(|range| range.start);
    let mut out = String::with_capacity(text.len());
    let mut kept = 0;
    for range in cuts {
        if range.end <= kept {
            continue;
        }
        let start = range.start.max(kept);
        out.push_str(&text[kept..start]);
        if start == range.start {
            out.push_str(CUT);
        }
        kept = range.end;
    }
    out.push_str(&text[kept..]);
    *text = out;
}

/// A text read as [`plain`] reads it, with the bytes of the text each byte
/// of the reading was read from, to find titles in.
struct Reading {
    text: String,
    source: Vec<Range<usize>>,
}

/// How [`plain`] reads one character.
enum Piece {
    Kept(String),
    /// Between words: a run of them is one space.
    Separator,
    /// Read as nothing (a zero-width character, a combining mark).
    Dropped,
}

impl Reading {
    fn of(text: &str) -> Reading {
        let mut reading = Reading {
            text: String::with_capacity(text.len()),
            source: Vec::with_capacity(text.len()),
        };
        let mut space: Option<usize> = None;
        let mut after_letter = false;
        let mut chars = text.char_indices();
        while let Some((at, mut c)) = chars.next() {
            // Three dots, as [`plain`] reads them: an ellipsis (as long).
            if text[at..].starts_with("...") {
                chars.nth(1);
                c = '\u{2026}';
            }
            let here = at..at + c.len_utf8();
            match piece(c, after_letter) {
                Piece::Separator => {
                    space.get_or_insert(at);
                    after_letter = false;
                }
                Piece::Dropped => {}
                Piece::Kept(read) => {
                    if let Some(from) = space.take()
                        && !reading.text.is_empty()
                    {
                        reading.push(" ", from..at);
                    }
                    reading.push(&read, here);
                    after_letter = c.is_alphabetic();
                }
            }
        }
        reading
    }

    fn push(&mut self, read: &str, from: Range<usize>) {
        self.text.push_str(read);
        self.source.extend(std::iter::repeat_n(from, read.len()));
    }
}

/// How [`plain`] reads `c`, after a letter or not: as [`normalise`] reads
/// it alone, or between two letters where that is nothing.
fn piece(c: char, after_letter: bool) -> Piece {
    match c {
        '.' if after_letter => Piece::Separator,
        c if c.is_ascii_whitespace() || matches!(c, '\u{b}' | '-' | '_') => Piece::Separator,
        c if c.is_ascii_alphanumeric() => Piece::Kept(c.to_ascii_lowercase().to_string()),
        c => {
            let mut buffer = [0; 4];
            let read = plain(c.encode_utf8(&mut buffer));
            if !read.is_empty() {
                return Piece::Kept(read);
            }
            match plain(&format!("a{c}b")).as_str() {
                "a b" => Piece::Separator,
                _ => Piece::Dropped,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TERM: &str = "St Brannock's Hospital";

    /// A template is read as it prints its own text: comments and tags
    /// left out, strings joined, a variable set to strings printed as them.
    #[test]
    fn a_template_is_read_as_it_prints_its_own_text() {
        for (template, printed) in [
            (
                "At St Brannock's {# site #}Hospital.",
                "At St Brannock's Hospital.",
            ),
            (
                "At St Brannock's {% if true %}Hospital{% endif %}.",
                "At St Brannock's Hospital.",
            ),
            (
                "At {{ \"St Brannock's \" ~ 'Hospital' }}.",
                "At St Brannock's Hospital.",
            ),
            (
                "{%- set h = \"Hospital\" -%}At St Brannock's {{ h | upper }}.",
                "At St Brannock's Hospital.",
            ),
            ("<p>{{ page_title }}</p>{ a }", "<p></p>{ a }"),
            ("unclosed {{ x", "unclosed {{ x"),
        ] {
            assert_eq!(as_printed(template), printed, "{template}");
        }
    }

    fn cut_in(text: &str, title: &str, edges: Edges) -> String {
        let mut text = text.to_string();
        cut_titles(&mut text, &[plain(title)], &normalise(TERM), edges);
        text
    }

    fn cut(text: &str, title: &str) -> String {
        cut_in(text, title, Edges::Words)
    }

    #[test]
    fn a_reading_is_what_plain_reads() {
        for text in [
            "Visits to St Brannock’s Hospital",
            "  St. Brannock's -- a visit... \u{2026} 1.5 a.b. x.... .....y",
            "Ca\u{301}fe\u{301} \u{fb01}eld \u{ad}soft\u{200b}ly STRASSE Straße",
            "“Home” at \"St\" Brannock\u{2019}s\u{a0}Hospital \u{2013} \u{2014} end.",
            "(Visits) [to] `St` _Brannock_ ",
            "",
        ] {
            let reading = Reading::of(text);
            assert_eq!(reading.text, plain(text), "{text:?}");
            assert_eq!(reading.source.len(), reading.text.len());
        }
    }

    #[test]
    fn a_title_is_cut_however_it_is_written() {
        let title = "Visits to St Brannock's Hospital";
        for copy in [
            "Visits to St Brannock’s Hospital",
            "VISITS TO ST BRANNOCK’S HOSPITAL",
            "Visits\u{a0}to St Brannock\u{2018}s  Hospital",
            "Visits to St Bran\u{ad}nock's Hospi\u{200b}tal",
            "Visits to St Brannock`s Hospital",
        ] {
            let text = format!("Findings | {copy} · Evaluation");
            let cut = cut(&text, title);
            assert_eq!(cut, format!("Findings | {CUT} · Evaluation"), "{copy:?}");
        }
        let title = "St Brannock's Hospital -- a visit...";
        for copy in [
            "St Brannock’s Hospital – a visit…",
            "St Brannock's Hospital \u{2014} a visit...",
            "St Brannock's Hospital - a visit.",
        ] {
            // A dash or an ellipsis at its end is between words: left.
            let cut = cut(&format!("({copy})"), title);
            assert!(cut.starts_with(&format!("({CUT}")), "{copy:?}: {cut}");
            assert!(!cut.contains("visit"), "{copy:?}: {cut}");
        }
        let title = "Called \"home\" at St Brannock's Hospital";
        assert_eq!(cut("Called “home” at St Brannock’s Hospital", title), CUT);
    }

    #[test]
    fn only_the_title_is_cut() {
        let title = "Visits to St Brannock's Hospital";
        for text in [
            "Visit to St Brannock’s Hospital",
            "XVisits to St Brannock’s Hospital",
            "Visits to St Brannock’s Hospitality",
            "Visits to St Brannock’s",
            "St Brannock’s Hospital",
        ] {
            assert_eq!(cut(text, title), text, "{text:?}");
        }
        // Twice, and the text around each copy kept.
        assert_eq!(
            cut(
                "a Visits to St Brannock’s Hospital b visits to st brannock's hospital c",
                title
            ),
            format!("a {CUT} b {CUT} c")
        );
        // A flow joins elements with nothing between: a copy may touch
        // the text beside it there.
        assert_eq!(
            cut_in(
                "XVisits to St Brannock’s HospitalVisits to St Brannock’s Hospital",
                title,
                Edges::Joined
            ),
            format!("X{CUT}{CUT}")
        );
    }

    #[test]
    fn a_title_is_not_cut_out_of_a_term_running_past_it() {
        // The title ends where the term begins: a copy of it in "… and
        // St Brannock's Hospital" takes the term with it, so is not cut.
        let title = "St Brannock's Hospital and St";
        let text = "St Brannock's Hospital and St Brannock's Hospital";
        assert_eq!(cut(text, title), text);
        assert_eq!(cut_in(text, title, Edges::Joined), text);
        // A title without the term is not cut for it.
        assert!(!holds_words(&plain("Visits to St"), &normalise(TERM)));
        assert!(holds_words(
            &plain("St Brannock's Hospitals' wards"),
            &normalise(TERM)
        ));
        assert!(!holds_words(
            &plain("St Brannock's Hospitality"),
            &normalise(TERM)
        ));
    }
}
