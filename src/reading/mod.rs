//! Reading source text the way a reader will see it once published:
//! character references decoded (the complete HTML5 table), Markdown and
//! YAML escapes undone, percent-encoding in addresses decoded, soft
//! hyphens and zero-width characters dropped, and raw HTML split into the
//! text that flows (inline tags and comments join words, block tags and
//! `<br>` part them) and the text a page holds out of the flow (attribute
//! values, comments). Every piece keeps the byte range it came from, so a
//! finding points at the line and column that hold it. Also finds YAML
//! comments, which are never published.
//!
//! Below both the text of bodies ([`crate::markdown`]) and the checks that
//! read it ([`crate::anonymity`]), and knows neither.
//!
//! - this module: what to undo ([`Read`]), [`decode`], and the invisible
//!   characters;
//! - `escapes.rs`: character references, Markdown and YAML escapes,
//!   percent-encoding (it owns the web_atoms and percent-encoding
//!   dependencies);
//! - `raw_html.rs`: raw HTML split into text, tags and comments;
//! - `left_open.rs`: what raw HTML leaves open for the rest of a page (an
//!   element never closed, a comment never ended);
//! - `stroked.rs`: the Latin letters with a stroke, bar or hook, and the
//!   plain letter each is;
//! - `yaml_comments.rs`: where a YAML file's comments are;
//! - [`layout`]: which HTML elements part the words around them;
//! - [`css`]: what a style sheet or `style` attribute may do to text;
//! - [`shown`]: whether an element may hide what it holds.

pub mod css;
mod escapes;
pub mod layout;
mod left_open;
mod raw_html;
pub mod shown;
mod stroked;
mod yaml_comments;

use escapes::{entity, markdown_escape, percent, yaml_escape};
pub use left_open::{LeftOpen, Open, Reader as OpenReader, left_open};
pub use raw_html::{Token, html_tokens};
use std::ops::Range;
pub use stroked::plain_letter;
pub use yaml_comments::yaml_comments;

/// What to undo while reading a piece of text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Read {
    /// `&#84;`, `&#x54;`, `&amp;`: character references.
    pub entities: bool,
    /// `\*`: a backslash before ASCII punctuation (Markdown).
    pub markdown_escapes: bool,
    /// `\u0054`, `\x54`, `\t`, `\<newline>`: double-quoted YAML escapes.
    pub yaml_escapes: bool,
    /// `%69`: percent-encoding (addresses).
    pub percent: bool,
}

impl Read {
    pub const VERBATIM: Read = Read {
        entities: false,
        markdown_escapes: false,
        yaml_escapes: false,
        percent: false,
    };
    pub const MARKDOWN: Read = Read {
        entities: true,
        markdown_escapes: true,
        yaml_escapes: false,
        percent: false,
    };
    pub const ADDRESS: Read = Read {
        entities: true,
        markdown_escapes: true,
        yaml_escapes: false,
        percent: true,
    };
    pub const YAML: Read = Read {
        entities: true,
        markdown_escapes: false,
        yaml_escapes: true,
        percent: true,
    };
    pub const HTML: Read = Read {
        entities: true,
        markdown_escapes: false,
        yaml_escapes: false,
        percent: true,
    };
}

/// Characters that show nothing and join the letters around them: every
/// format character of Unicode (general category Cf: the soft hyphen,
/// zero-width spaces and joiners, the bidirectional marks, embeddings,
/// overrides and isolates a word processor leaves in text copied from
/// Arabic or Hebrew, the word joiner, the byte-order mark, the tag
/// characters), the combining grapheme joiner and the variation
/// selectors, the Hangul fillers and every other default-ignorable code
/// point. A reader sees `Thistle`, a right-to-left mark and `bury` as
/// one word. The one list for the source checks, the patterns and the
/// gate.
pub fn is_invisible(c: char) -> bool {
    // Unicode's Default_Ignorable_Code_Point (what a browser's text
    // shaper shows as nothing, assigned or not), and the interlinear
    // annotation marks.
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Whether a reader takes `c` for an apostrophe (a typographic one, a
/// modifier letter, a prime, a backtick, an acute accent, a full-width
/// one). The one list for role spellings and the identifiers' matchers.
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}'
            | '\u{2019}'
            | '\u{201B}'
            | '\u{02BC}'
            | '\u{2032}'
            | '`'
            | '\u{B4}'
            | '\u{FF07}'
    )
}

/// The Latin letter (lowercase) that a Cyrillic or Greek letter looks
/// exactly like, in its own case: a reader sees `Thistl\u{435}bury` (with a
/// Cyrillic `е`, as a keyboard switched to Russian, or a text run through
/// a translation tool, types it) as the listed name. The table holds the
/// common ones; every other letter comes from Unicode's confusables, which
/// may also take a letter merely like a Latin one (Cyrillic `п` for `n`):
/// a Russian word then matches a Latin name only where it is drawn alike.
pub fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic capitals, then small letters.
        '\u{410}' => 'a',
        '\u{412}' => 'b',
        '\u{415}' => 'e',
        '\u{41a}' => 'k',
        '\u{41c}' => 'm',
        '\u{41d}' => 'h',
        '\u{41e}' => 'o',
        '\u{420}' => 'p',
        '\u{421}' => 'c',
        '\u{422}' => 't',
        '\u{423}' => 'y',
        '\u{425}' => 'x',
        '\u{405}' => 's',
        '\u{406}' => 'i',
        '\u{408}' => 'j',
        '\u{430}' => 'a',
        '\u{435}' => 'e',
        '\u{43e}' => 'o',
        '\u{440}' => 'p',
        '\u{441}' => 'c',
        '\u{443}' => 'y',
        '\u{445}' => 'x',
        '\u{455}' => 's',
        '\u{456}' => 'i',
        '\u{458}' => 'j',
        '\u{4bb}' => 'h',
        '\u{4cf}' => 'l',
        '\u{501}' => 'd',
        '\u{51b}' => 'q',
        '\u{51d}' => 'w',
        // Greek capitals, then small letters.
        '\u{391}' => 'a',
        '\u{392}' => 'b',
        '\u{395}' => 'e',
        '\u{396}' => 'z',
        '\u{397}' => 'h',
        '\u{399}' => 'i',
        '\u{39a}' => 'k',
        '\u{39c}' => 'm',
        '\u{39d}' => 'n',
        '\u{39f}' => 'o',
        '\u{3a1}' => 'p',
        '\u{3a4}' => 't',
        '\u{3a5}' => 'y',
        '\u{3a7}' => 'x',
        '\u{3b1}' => 'a',
        // Beta, and its symbol, for a b, as "fancy text" writes one
        // (`Thistleβury`; red team, round 32).
        '\u{3b2}' => 'b',
        '\u{3d0}' => 'b',
        '\u{3b5}' => 'e',
        '\u{3b9}' => 'i',
        '\u{3ba}' => 'k',
        '\u{3bd}' => 'v',
        '\u{3bf}' => 'o',
        '\u{3c1}' => 'p',
        '\u{3c4}' => 't',
        '\u{3c5}' => 'u',
        '\u{3c7}' => 'x',
        c if c.is_ascii() => return None,
        // Any other letter Unicode's confusables (UTS #39) draw as one
        // Latin letter: Cyrillic `Ԛ`, Greek `Ϲ`, Armenian `օ`, Lisu `ꓔ`,
        // Latin `ɑ` (red team, round 5).
        c => {
            let mut buffer = [0; 4];
            let mut skeleton = unicode_security::skeleton(c.encode_utf8(&mut buffer));
            match (skeleton.next(), skeleton.next()) {
                (Some(latin), None) if latin.is_ascii_alphabetic() => latin.to_ascii_lowercase(),
                // A letter with a stroke, bar or hook is the letter (round
                // 32: decancer read `Ɗ` as an e, and `ꬸ` as nothing).
                _ => {
                    return plain_letter(c)
                        .or_else(|| fancy_form(c).map(|latin| latin.to_ascii_lowercase()));
                }
            }
        }
    })
}

/// The ASCII letter or digit a "fancy text" character is drawn as, where
/// neither its compatibility form nor Unicode's confusables give one: the
/// negative circled and squared letters (`🅼`), the regional indicators
/// drawn as boxed letters (`🇦`), small capitals (`ᴛʜɪsᴛʟᴇ`), the dingbat
/// and double circled digits (`➐`, `⓿`, `⓵`), as the "fancy text"
/// generators of social media make them (red team, round 30), and the
/// Cherokee, Canadian syllabic, currency and Latin letters those
/// generators draw Latin ones with (`ᗰᗩᖇᒍ`, `ᎢᎻᎥᏚ`, `₮Ⱨ₳`). A letter is
/// given in capitals, as it is drawn. Only characters of the blocks such
/// text is made of are read (those scripts, the Latin extensions and
/// phonetic letters, the currency signs, the enclosed alphanumerics and
/// the dingbat digits): a letter of another script is not taken for a
/// Latin one here. A letter is never
/// read as a digit, nor a digit as a letter.
pub fn fancy_form(c: char) -> Option<char> {
    let fancy = matches!(
        c,
        '\u{180}'..='\u{2af}'
            | '\u{e3f}'
            | '\u{13a0}'..='\u{167f}'
            | '\u{1d00}'..='\u{1dbf}'
            | '\u{20a0}'..='\u{20cf}'
            | '\u{2460}'..='\u{24ff}'
            | '\u{2776}'..='\u{2793}'
            | '\u{2c60}'..='\u{2c7f}'
            | '\u{a720}'..='\u{a7ff}'
            | '\u{ab70}'..='\u{abbf}'
            | '\u{1f100}'..='\u{1f1ff}'
    );
    if !fancy {
        return None;
    }
    match decancer::cure_char(c, decancer::Options::default()) {
        decancer::Translation::Character(form)
            if form.is_ascii_alphanumeric() && form.is_ascii_digit() == c.is_numeric() =>
        {
            Some(form.to_ascii_uppercase())
        }
        _ => None,
    }
}

/// The ASCII digit a decimal digit of any script is written for: every
/// character of Unicode's general category Nd, the Arabic-Indic `٣`, the
/// Extended Arabic-Indic `۳` of Persian and Urdu, the Devanagari `३`,
/// the Bengali `৩`, the Thai `๓`, the full-width and mathematical ones…
/// A reader reads `٠٧٧٠٠ ٩٠٠١٢٣` as the phone number it is (red team,
/// round 32). `None` for any other character, and for ASCII.
pub fn decimal_digit(c: char) -> Option<char> {
    if c.is_ascii() {
        return None;
    }
    let zero = DIGIT_ZEROS[DIGIT_ZEROS.partition_point(|&z| z <= c).checked_sub(1)?];
    let value = u32::from(c) - u32::from(zero);
    (value < 10).then(|| char::from(b'0' + value as u8))
}

/// The zero of each run of ten decimal digits outside ASCII, in code point
/// order: Unicode gives every script's digits as such a run, zero to nine
/// (a test reads every character against the general category).
const DIGIT_ZEROS: [char; 75] = [
    '\u{660}',
    '\u{6f0}',
    '\u{7c0}',
    '\u{966}',
    '\u{9e6}',
    '\u{a66}',
    '\u{ae6}',
    '\u{b66}',
    '\u{be6}',
    '\u{c66}',
    '\u{ce6}',
    '\u{d66}',
    '\u{de6}',
    '\u{e50}',
    '\u{ed0}',
    '\u{f20}',
    '\u{1040}',
    '\u{1090}',
    '\u{17e0}',
    '\u{1810}',
    '\u{1946}',
    '\u{19d0}',
    '\u{1a80}',
    '\u{1a90}',
    '\u{1b50}',
    '\u{1bb0}',
    '\u{1c40}',
    '\u{1c50}',
    '\u{a620}',
    '\u{a8d0}',
    '\u{a900}',
    '\u{a9d0}',
    '\u{a9f0}',
    '\u{aa50}',
    '\u{abf0}',
    '\u{ff10}',
    '\u{104a0}',
    '\u{10d30}',
    '\u{10d40}',
    '\u{11066}',
    '\u{110f0}',
    '\u{11136}',
    '\u{111d0}',
    '\u{112f0}',
    '\u{11450}',
    '\u{114d0}',
    '\u{11650}',
    '\u{116c0}',
    '\u{116d0}',
    '\u{116da}',
    '\u{11730}',
    '\u{118e0}',
    '\u{11950}',
    '\u{11bf0}',
    '\u{11c50}',
    '\u{11d50}',
    '\u{11da0}',
    '\u{11f50}',
    '\u{16130}',
    '\u{16a60}',
    '\u{16ac0}',
    '\u{16b50}',
    '\u{16d70}',
    '\u{1ccf0}',
    '\u{1d7ce}',
    '\u{1d7d8}',
    '\u{1d7e2}',
    '\u{1d7ec}',
    '\u{1d7f6}',
    '\u{1e140}',
    '\u{1e2f0}',
    '\u{1e4f0}',
    '\u{1e5f1}',
    '\u{1e950}',
    '\u{1fbf0}',
];

/// The ASCII letter or digit a parenthesised or numbered form draws:
/// `⒯` is `t`, `⑴` and `⒈` are `1`, `🄣` is `T`. Their compatibility
/// forms hold the brackets or the full stop too (`(t)`), which no name or
/// number is read through (red team, round 30).
pub fn enclosed_form(c: char) -> Option<char> {
    if !matches!(c, '\u{2474}'..='\u{24b5}' | '\u{1f110}'..='\u{1f129}') {
        return None;
    }
    let mut kept = Vec::new();
    unicode_normalization::char::decompose_compatible(c, |d| {
        if !matches!(d, '(' | ')' | '.') {
            kept.push(d);
        }
    });
    match kept[..] {
        [form] if form.is_ascii_alphanumeric() => Some(form),
        _ => None,
    }
}

/// The Unicode dashes a reader takes for a hyphen: every dash of Unicode
/// (general category Pd: a word processor's non-breaking and en dashes,
/// the Armenian and Hebrew hyphens, the two-em dash, the small and
/// full-width hyphen-minus…), and the characters drawn as one (the minus
/// signs, the hyphen bullet, box-drawing lines, the overline, the
/// katakana long vowel mark, the full-width tilde, the ideograph for one).
/// None is ASCII.
pub const DASHES: [char; 46] = [
    // Dash punctuation (Pd), in code point order.
    '\u{58a}',
    '\u{5be}',
    '\u{1400}',
    '\u{1806}',
    '\u{2010}',
    '\u{2011}',
    '\u{2012}',
    '\u{2013}',
    '\u{2014}',
    '\u{2015}',
    '\u{2e17}',
    '\u{2e1a}',
    '\u{2e3a}',
    '\u{2e3b}',
    '\u{2e40}',
    '\u{2e5d}',
    '\u{301c}',
    '\u{3030}',
    '\u{30a0}',
    '\u{fe31}',
    '\u{fe32}',
    '\u{fe58}',
    '\u{fe63}',
    '\u{ff0d}',
    '\u{10ead}',
    // Drawn as a hyphen: the modifier letter minus, the hyphen bullet,
    // the minus sign, the horizontal line extension, the light and heavy
    // box-drawing lines, the heavy minus sign, the katakana and half-width
    // long vowel marks.
    '\u{2d7}',
    '\u{2043}',
    '\u{2212}',
    '\u{23af}',
    '\u{2500}',
    '\u{2501}',
    '\u{2796}',
    '\u{30fc}',
    '\u{ff70}',
    // Drawn as one too (red team, round 31): the superscript and subscript
    // minus, the overline, the half and heavy half box-drawing lines, the
    // full-width tilde, the Hangul letter eu and the ideograph for one
    // (a plain stroke in most fonts).
    '\u{207b}',
    '\u{208b}',
    '\u{203e}',
    '\u{2574}',
    '\u{2576}',
    '\u{2578}',
    '\u{257a}',
    '\u{257c}',
    '\u{257e}',
    '\u{ff5e}',
    '\u{3161}',
    '\u{4e00}',
];

/// The Unicode spaces a reader takes for a space (no-break, thin, narrow,
/// ideographic, line and paragraph separators…), and the blank braille
/// pattern, which every font draws as a space. None is ASCII.
pub const SPACES: [char; 20] = [
    '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}',
    '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}',
    '\u{202f}', '\u{205f}', '\u{2800}', '\u{3000}',
];

/// Whether `text` holds a character that [`is_invisible`], looking only at
/// the characters whose first byte one of them may start with (a test
/// reads every character).
pub fn holds_invisible(text: &str) -> bool {
    holds_char(text, &INVISIBLE_LEADS, is_invisible)
}

/// Whether `text` holds a character that `is` says yes to, asking only
/// the characters whose UTF-8 starts with one of `leads` (every character
/// `is` says yes to must start with one: the caller's test shows it).
pub fn holds_char(text: &str, leads: &[u8], is: impl Fn(char) -> bool) -> bool {
    // No character outside ASCII starts with an ASCII byte: an ASCII text
    // (asked many bytes at a time) holds none of them.
    if leads.iter().all(|&b| !b.is_ascii()) && text.is_ascii() {
        return false;
    }
    let mut lead = [false; 256];
    for &b in leads {
        lead[usize::from(b)] = true;
    }
    text.bytes().enumerate().any(|(at, b)| {
        lead[usize::from(b)]
            && text
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(&is)
    })
}

/// The first bytes of the UTF-8 of the characters that [`is_invisible`].
const INVISIBLE_LEADS: [u8; 9] = [0xC2, 0xCD, 0xD8, 0xE1, 0xE2, 0xE3, 0xEF, 0xF0, 0xF3];

/// Reads `text`, handing each piece of what a reader sees to `emit` with the
/// byte range (in `text`) it was written as. `verbatim` pieces are exactly
/// their range; the others were decoded from it.
pub fn decode(text: &str, how: Read, emit: &mut dyn FnMut(&str, Range<usize>, bool)) {
    let special = |b: u8| {
        (b == b'&' && how.entities)
            || (b == b'\\' && (how.markdown_escapes || how.yaml_escapes))
            || (b == b'%' && how.percent)
            || b >= 0x80
    };
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut at = 0;
    let flush = |emit: &mut dyn FnMut(&str, Range<usize>, bool), run: usize, at: usize| {
        if at > run {
            emit(&text[run..at], run..at, true);
        }
    };
    while at < bytes.len() {
        let b = bytes[at];
        if !special(b) {
            at += 1;
            continue;
        }
        let decoded: Option<(String, usize)> = match b {
            b'&' => entity(&text[at..]),
            b'\\' if how.markdown_escapes => markdown_escape(&text[at..]),
            b'\\' => yaml_escape(&text[at..]),
            b'%' => percent(&text[at..]),
            _ => {
                let c = text[at..].chars().next().expect("at a char boundary");
                if is_invisible(c) {
                    Some((String::new(), c.len_utf8()))
                } else {
                    at += c.len_utf8();
                    continue;
                }
            }
        };
        let Some((piece, len)) = decoded else {
            at += 1;
            continue;
        };
        flush(emit, run, at);
        let piece: String = piece.chars().filter(|&c| !is_invisible(c)).collect();
        if !piece.is_empty() {
            emit(&piece, at..at + len, false);
        }
        at += len;
        run = at;
    }
    flush(emit, run, at);
}

/// Whether an encoding's name (lower case) names UTF-8 or its ASCII subset.
pub fn is_utf8_name(name: &str) -> bool {
    matches!(
        name.trim(),
        "utf-8" | "utf8" | "unicode-1-1-utf-8" | "us-ascii" | "ascii"
    )
}

/// `text` with every character reference decoded, as the source checks
/// decode them (the gate's reading of text that is not markup).
pub fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        match entity(&rest[at..]) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &rest[at + len..];
            }
            None => {
                out.push('&');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
