//! Reading source text the way a reader will see it once published, for the
//! source checks: character references decoded (the complete HTML5 table),
//! Markdown and YAML escapes undone, percent-encoding in addresses decoded,
//! soft hyphens and zero-width characters dropped, and raw HTML split into
//! the text that flows (inline tags and comments join words, block tags and
//! `<br>` part them) and the text a page holds out of the flow (attribute
//! values, comments). Every piece keeps the byte range it came from, so a
//! finding points at the line and column that hold it. Also finds YAML
//! comments, which are never published.
//!
//! Owns the web_atoms (entity table) and percent-encoding dependencies.

use std::ops::Range;

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

/// A character reference at the start of `s` (which begins with `&`): what
/// it stands for and how long it is written. Numeric references may omit
/// the `;`, as HTML allows; named ones need it unless HTML allows otherwise.
fn entity(s: &str) -> Option<(String, usize)> {
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

fn markdown_escape(s: &str) -> Option<(String, usize)> {
    let next = *s.as_bytes().get(1)?;
    next.is_ascii_punctuation()
        .then(|| ((next as char).to_string(), 2))
}

/// A double-quoted YAML escape at the start of `s` (which begins with `\`).
fn yaml_escape(s: &str) -> Option<(String, usize)> {
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
fn percent(s: &str) -> Option<(String, usize)> {
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

/// One piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Text (character references still written).
    Text(Range<usize>),
    /// A start or end tag: whether it parts words, and the ranges of its
    /// attribute names and values (which a page holds but does not show).
    Tag {
        boundary: bool,
        attributes: Vec<Range<usize>>,
    },
    /// A comment's (or a `<!...>`/`<?...>` section's) contents.
    Comment(Range<usize>),
}

/// Elements whose contents are read as text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Splits raw HTML into tokens. Where a `<` opens no tag that closes (a
/// stray `a<b`), it is read as text, so nothing after it goes unread.
pub fn html_tokens(s: &str) -> Vec<Token> {
    let bytes = s.as_bytes();
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    let mut raw_until: Option<String> = None;
    let flush = |tokens: &mut Vec<Token>, from: usize, to: usize| {
        if to > from {
            tokens.push(Token::Text(from..to));
        }
    };
    while let Some(i) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + i;
        if let Some(name) = &raw_until {
            let close = format!("</{name}");
            let is_close = s
                .get(lt..lt + close.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(&close));
            if !is_close {
                at = lt + 1;
                continue;
            }
        }
        let rest = &s[lt..];
        if let Some(body) = rest.strip_prefix("<!--") {
            let (content, len) = match body.find("-->") {
                Some(end) => (lt + 4..lt + 4 + end, 4 + end + 3),
                None => (lt + 4..s.len(), rest.len()),
            };
            flush(&mut tokens, text_start, lt);
            tokens.push(Token::Comment(content));
            at = lt + len;
            text_start = at;
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            let (content, len) = match rest.find('>') {
                Some(end) => (lt + 2..lt + end, end + 1),
                None => (lt + 2..s.len(), rest.len()),
            };
            flush(&mut tokens, text_start, lt);
            tokens.push(Token::Comment(content));
            at = lt + len;
            text_start = at;
            continue;
        }
        let (end_tag, name_at) = match rest.as_bytes().get(1) {
            Some(b'/') => (true, 2),
            _ => (false, 1),
        };
        let starts_name = rest
            .as_bytes()
            .get(name_at)
            .is_some_and(u8::is_ascii_alphabetic);
        let Some(tag) = starts_name.then(|| tag_at(s, lt, lt + name_at)).flatten() else {
            at = lt + 1;
            continue;
        };
        flush(&mut tokens, text_start, lt);
        let name = tag.name.to_ascii_lowercase();
        tokens.push(Token::Tag {
            boundary: name == "br" || super::layout::parts_words(&name),
            attributes: tag.attributes,
        });
        raw_until = if !end_tag && RAW_TEXT.contains(&name.as_str()) {
            Some(name)
        } else {
            None
        };
        at = tag.end;
        text_start = at;
    }
    flush(&mut tokens, text_start, s.len());
    tokens
}

struct TagAt<'a> {
    name: &'a str,
    attributes: Vec<Range<usize>>,
    end: usize,
}

/// The tag whose name starts at `name_at`, or `None` when no `>` closes it.
fn tag_at(s: &str, _lt: usize, name_at: usize) -> Option<TagAt<'_>> {
    let bytes = s.as_bytes();
    let is_space = |b: u8| b.is_ascii_whitespace();
    let mut at = name_at;
    while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'/' && bytes[at] != b'>' {
        at += 1;
    }
    let name = &s[name_at..at];
    let mut attributes = Vec::new();
    loop {
        while at < bytes.len() && (is_space(bytes[at]) || bytes[at] == b'/') {
            at += 1;
        }
        match bytes.get(at) {
            None => return None,
            Some(b'>') => {
                return Some(TagAt {
                    name,
                    attributes,
                    end: at + 1,
                });
            }
            _ => {}
        }
        let start = at;
        at += 1;
        while at < bytes.len() && !is_space(bytes[at]) && !matches!(bytes[at], b'/' | b'>' | b'=') {
            at += 1;
        }
        attributes.push(start..at);
        while at < bytes.len() && is_space(bytes[at]) {
            at += 1;
        }
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while at < bytes.len() && is_space(bytes[at]) {
            at += 1;
        }
        match bytes.get(at) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = memchr::memchr(q, &bytes[at + 1..])? + at + 1;
                attributes.push(at + 1..end);
                at = end + 1;
            }
            Some(_) => {
                let start = at;
                while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'>' {
                    at += 1;
                }
                attributes.push(start..at);
            }
            None => return None,
        }
    }
}

/// The comments of YAML text `text[range]` (from `#` to the end of the
/// line), outside quoted strings and block scalars.
pub fn yaml_comments(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut comments = Vec::new();
    let mut quote: Option<u8> = None;
    // The indentation of the line that opened a block scalar (`|`, `>`).
    let mut block: Option<usize> = None;
    let mut pos = range.start;
    while pos < range.end {
        let end = text[pos..range.end]
            .find('\n')
            .map_or(range.end, |i| pos + i);
        let line = &text[pos..end];
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        pos = end + 1;
        if let Some(parent) = block {
            if line.trim().is_empty() || indent > parent {
                continue;
            }
            block = None;
        }
        let bytes = line.as_bytes();
        let mut content_end = line.len();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match quote {
                Some(b'"') => {
                    if b == b'\\' {
                        i += 1;
                    } else if b == b'"' {
                        quote = None;
                    }
                }
                Some(_) => {
                    if b == b'\'' {
                        if bytes.get(i + 1) == Some(&b'\'') {
                            i += 1;
                        } else {
                            quote = None;
                        }
                    }
                }
                None => {
                    let after_space = i == 0 || matches!(bytes[i - 1], b' ' | b'\t');
                    let scalar_start = i == 0
                        || i == indent
                        || matches!(bytes[i - 1], b' ' | b'\t' | b'[' | b'{' | b',');
                    if b == b'#' && after_space {
                        let start = end - line.len() + i;
                        comments.push(start..end);
                        content_end = i;
                        break;
                    }
                    if (b == b'"' || b == b'\'') && scalar_start {
                        quote = Some(b);
                    }
                }
            }
            i += 1;
        }
        if quote.is_none() && opens_block_scalar(&line[..content_end]) {
            block = Some(indent);
        }
    }
    comments
}

/// Whether a line ends with a block scalar's indicator (`key: |`, `- >-`).
fn opens_block_scalar(line: &str) -> bool {
    let line = line.trim_end();
    let indicators = line.trim_end_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
    let Some(before) = indicators
        .strip_suffix('|')
        .or_else(|| indicators.strip_suffix('>'))
    else {
        return false;
    };
    let before = before.trim_end();
    before.is_empty() || before.ends_with(':') || before.ends_with('-') || before.ends_with('?')
}

#[cfg(test)]
#[path = "reading_tests.rs"]
mod tests;
