//! Letters a reader reads as others: the apostrophes, the Cyrillic and
//! Greek letters shaped like Latin ones, and letters with a stroke that do
//! not decompose. Does not normalise a text (`normalise.rs`).

pub(super) use crate::reading::is_apostrophe;

/// The Latin letter (lowercase) that a Cyrillic or Greek letter looks
/// exactly like, in its own case: a reader sees `Thistl\u{435}bury` (with a
/// Cyrillic `е`, as a keyboard switched to Russian, or a text run through
/// a translation tool, types it) as the listed name. The table holds the
/// common ones; every other letter comes from Unicode's confusables, which
/// may also take a letter merely like a Latin one (Cyrillic `п` for `n`):
/// a Russian word then matches a Latin name only where it is drawn alike.
pub(super) fn latin_lookalike(c: char) -> Option<char> {
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
                _ => return None,
            }
        }
    })
}

/// Letters that carry an accent-like stroke but do not decompose.
pub(super) fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' => "l",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ħ' => "h",
        'ı' => "i",
        'ŧ' => "t",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        'þ' => "th",
        _ => return None,
    })
}
