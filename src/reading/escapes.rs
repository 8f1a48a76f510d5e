//! The escapes a reader never sees written: character references (the
//! complete HTML5 table, from web_atoms), a backslash before Markdown
//! punctuation, double-quoted YAML escapes, and percent-encoding. Each
//! reads one at the start of a text and says how long it was written;
//! walking a text is [`super::decode`]'s.

/// A character reference at the start of `s` (which begins with `&`): what
/// it stands for and how long it is written. Numeric references may omit
/// the `;`, as HTML allows; named ones need it unless HTML allows otherwise.
pub(super) fn entity(s: &str) -> Option<(String, usize)> {
    let rest = &s[1..];
    if let Some(number) = rest.strip_prefix('#') {
        let (digits, radix, skip) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (number, 10, 2),
        };
        let len = digits
            .bytes()
            .take_while(|&b| (b as char).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(u32::MAX);
        let value = if len > 8 { u32::MAX } else { value };
        let semi = usize::from(digits[len..].starts_with(';'));
        let c = match value {
            0x80..=0x9F => web_atoms::C1_REPLACEMENTS[(value - 0x80) as usize]
                .unwrap_or(char::from_u32(value).unwrap_or('\u{FFFD}')),
            0 => '\u{FFFD}',
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((c.to_string(), skip + len + semi));
    }
    let name_len = rest
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .take(40)
        .count();
    if name_len == 0 {
        return None;
    }
    // The longest name the table knows, with its `;` when written (only
    // the legacy names are in the table without one).
    let known = |key: &str| {
        web_atoms::NAMED_ENTITIES
            .get(key)
            .copied()
            .filter(|(first, _)| *first != 0)
    };
    for len in (1..=name_len).rev() {
        let with_semi = rest[len..]
            .starts_with(';')
            .then(|| known(&rest[..=len]))
            .flatten()
            .map(|found| (found, len + 1));
        let Some(((first, second), written)) =
            with_semi.or_else(|| known(&rest[..len]).map(|found| (found, len)))
        else {
            continue;
        };
        let mut out = String::new();
        out.extend(char::from_u32(first));
        if second != 0 {
            out.extend(char::from_u32(second));
        }
        return Some((out, 1 + written));
    }
    None
}

pub(super) fn markdown_escape(s: &str) -> Option<(String, usize)> {
    let next = *s.as_bytes().get(1)?;
    next.is_ascii_punctuation()
        .then(|| ((next as char).to_string(), 2))
}

/// A double-quoted YAML escape at the start of `s` (which begins with `\`).
pub(super) fn yaml_escape(s: &str) -> Option<(String, usize)> {
    let next = *s.as_bytes().get(1)?;
    let hex = |len: usize| {
        let digits = s.get(2..2 + len)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let c = char::from_u32(u32::from_str_radix(digits, 16).ok()?).unwrap_or('\u{FFFD}');
        Some((c.to_string(), 2 + len))
    };
    let one = |c: char| Some((c.to_string(), 2));
    match next {
        b'x' => hex(2),
        b'u' => hex(4),
        b'U' => hex(8),
        b'0' => one('\0'),
        b'a' => one('\u{7}'),
        b'b' => one('\u{8}'),
        b't' | b'\t' => one('\t'),
        b'n' => one('\n'),
        b'v' => one('\u{b}'),
        b'f' => one('\u{c}'),
        b'r' => one('\r'),
        b'e' => one('\u{1b}'),
        b' ' => one(' '),
        b'"' => one('"'),
        b'/' => one('/'),
        b'\\' => one('\\'),
        b'N' => one('\u{85}'),
        b'_' => one('\u{a0}'),
        b'L' => one('\u{2028}'),
        b'P' => one('\u{2029}'),
        // An escaped line break joins the lines without a space.
        b'\n' | b'\r' => {
            let after = s[1..].trim_start_matches(['\r', '\n']);
            let after = after.trim_start_matches([' ', '\t']);
            Some((String::new(), s.len() - after.len()))
        }
        _ => None,
    }
}

/// A run of `%XX` at the start of `s`, decoded as UTF-8 (invalid bytes as
/// U+FFFD).
pub(super) fn percent(s: &str) -> Option<(String, usize)> {
    let bytes = s.as_bytes();
    let mut len = 0;
    while bytes.get(len) == Some(&b'%')
        && bytes.get(len + 1).is_some_and(u8::is_ascii_hexdigit)
        && bytes.get(len + 2).is_some_and(u8::is_ascii_hexdigit)
    {
        len += 3;
    }
    if len == 0 {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(&s[..len]).decode_utf8_lossy();
    Some((decoded.into_owned(), len))
}
