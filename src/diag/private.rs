//! How a message about a private file (the identifiers list) keeps its
//! text out of a build log (#case-04): the log of a public repository's CI
//! is public, and the list holds the real names. What a message says is
//! redacted of the file's words; the line shown under it is masked.

use super::Diagnostic;
use std::collections::HashSet;
use std::ops::Range;

/// Takes out of what `diagnostic` says (its message, label, notes and
/// fix) any text of the private file `text` it points into: a passage
/// in backquotes or double quotes holding a word of the file that is not
/// one of `words` (the file's field names) becomes `…`. The messages
/// about such a file are written not to quote it; this keeps any that
/// does (serde's account of a duplicate key, say) from printing a real
/// name into a build log.
pub(super) fn redact(diagnostic: &mut Diagnostic, text: &str, words: &[&str]) {
    let in_file: HashSet<String> = words_of(text).map(|w| w.to_lowercase()).collect();
    let secret = |passage: &str| {
        words_of(passage).any(|word| {
            let word = word.to_lowercase();
            !words.contains(&word.as_str()) && in_file.contains(&word)
        })
    };
    let clean = |said: &mut String| {
        if let Some(redacted) = without_secrets(said, &secret) {
            *said = redacted;
        }
    };
    clean(&mut diagnostic.message);
    clean(&mut diagnostic.label);
    diagnostic.notes.iter_mut().for_each(clean);
    if let Some(fix) = &mut diagnostic.fix {
        clean(fix);
    }
}

/// The words of a text: its runs of letters and digits, but for those of
/// digits alone.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
}

/// `said` with each quoted passage that is `secret` replaced by `…` (an
/// opening quote never closed: the rest of it), or `None` when none is.
fn without_secrets(said: &str, secret: &impl Fn(&str) -> bool) -> Option<String> {
    let mut out = String::with_capacity(said.len());
    let mut rest = said;
    let mut changed = false;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = &rest[open..open + 1];
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        let (passage, close) = match after.find(quote) {
            Some(end) => (&after[..end], Some(end)),
            None => (after, None),
        };
        if secret(passage) {
            out.push('…');
            changed = true;
        } else {
            out.push_str(passage);
        }
        match close {
            Some(end) => {
                out.push_str(quote);
                rest = &after[end + 1..];
            }
            None => rest = "",
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// The characters of YAML's structure, which a private file's line keeps
/// (with the space after them and its indentation) so that a mistake in
/// it can still be seen: a stray `: ` in a name, say.
const STRUCTURE: &[char] = &['-', ':', ',', '#', '[', ']', '{', '}', '"', '\''];

/// Where a private file's line starts with one of its field names as a key
/// (`people:`), which its masked line shows as it is.
pub(super) fn field_key(line: &str, words: &[&str]) -> Option<Range<usize>> {
    let key = line.trim_start_matches([' ', '\t']);
    let start = line.len() - key.len();
    words.iter().find_map(|word| {
        let rest = key.strip_prefix(word)?;
        rest.trim_start_matches([' ', '\t'])
            .starts_with(':')
            .then_some(start..start + word.len())
    })
}

/// A character of a private file's line as a message shows it: as `*`,
/// unless it is part of the line's indentation or YAML's structure
/// ([`STRUCTURE`]); `before` is the character before it on the line, if
/// any, and `indenting` whether only spaces come before it.
pub(super) fn masked_char(c: char, before: Option<char>, indenting: bool) -> char {
    let after_structure = before.is_some_and(|b| STRUCTURE.contains(&b));
    match c {
        ' ' | '\t' if indenting || after_structure => c,
        c if STRUCTURE.contains(&c) => c,
        _ => '*',
    }
}
