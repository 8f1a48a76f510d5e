//! How the gate reads text that is not markup (and the text inside markup
//! that a browser does not decode, such as a script): every way it could
//! reach a reader, each as its own version of the text.
//!
//! Decoded here: HTML character references (any the HTML5 table knows,
//! with or without `;`), CSS escapes (`\54 obias`), JavaScript and JSON
//! escapes (`\u0054`, `\u{54}`, `\x54`), percent-encoding (`%54obias`, and
//! `+` for a space), host names in punycode (`xn--…`, as the address bar
//! shows them) and the characters that do not show (soft hyphen,
//! zero-width space and joiners, bidirectional marks, word joiner,
//! byte-order mark: [`is_invisible`]), read both
//! as nothing and as a space; Markdown's emphasis marks are read past.
//! The text of a `data:` address is decoded (base64 or not) and read, as
//! HTML too, and one that declares an encoding other than UTF-8 is refused;
//! control characters between letters are read past.
//! Not decoded: text a program builds at run
//! time (`"Tob" + "ias"` in a script), compressed or encrypted data.

use super::Texts;

/// Markdown's marks for emphasis and code.
const MARKS: [char; 4] = ['*', '_', '~', '`'];

/// The characters that do not show and do not end a word (the source
/// checks' own list).
pub use crate::reading::is_invisible;

pub fn has_invisible(text: &str) -> bool {
    !text.is_ascii() && crate::reading::holds_invisible(text)
}

/// `text` without the characters that do not show.
pub fn without_invisible(text: &str) -> String {
    text.replace(is_invisible, "")
}

/// `text` with each character that does not show read as a space.
pub fn invisible_as_space(text: &str) -> String {
    text.replace(is_invisible, " ")
}

/// Every version of `text` a reader could be shown: as it is, and each
/// decoding that changes it (see the module's list), into `out`'s blocks.
/// Each version is also read without and with its invisible characters
/// as spaces.
pub fn versions(text: &str, out: &mut Texts) {
    match plain(text) {
        true => out.blocks.push(text.to_string()),
        false => every_version(text, out),
    }
}

/// Whether no decoding of [`versions`] changes `text`, as most attribute
/// values (a class, an address) are: ASCII letters, digits and marks none
/// of them reads (no `&`, `\`, `%`, `+`, emphasis mark or control
/// character), with no `--` (a punycode host's) and no `data:` address.
/// A test holds it to [`every_version`].
fn plain(text: &str) -> bool {
    let reads_as_it_is = |b: &u8| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b' ' | b'.'
                    | b'/'
                    | b'-'
                    | b'#'
                    | b'='
                    | b','
                    | b':'
                    | b';'
                    | b'('
                    | b')'
                    | b'!'
                    | b'?'
            )
    };
    text.as_bytes().iter().all(reads_as_it_is) && !text.contains("--") && !has_data_address(text)
}

/// [`versions`], each decoding tried.
fn every_version(text: &str, out: &mut Texts) {
    let mut decoded = vec![text.to_string()];
    if text.contains('&') {
        decoded.push(decode_references(text));
    }
    if text.contains('\\') {
        decoded.push(css_unescape(text));
        decoded.push(js_unescape(text));
    }
    if text.contains('%') || text.contains('+') {
        let percent = percent_decode(text);
        if percent.contains('&') {
            decoded.push(decode_references(&percent));
        }
        decoded.push(percent.replace('+', " "));
        decoded.push(percent);
    }
    if let Some(hosts) = punycode_decoded(text) {
        decoded.push(hosts);
    }
    if text.bytes().any(|b| b <= 3) {
        // Text with a control character between its letters (UTF-16
        // without its byte-order mark is ASCII with a NUL after each
        // letter): a browser that guesses the encoding shows the letters.
        decoded.push(text.replace(|c: char| c.is_control() && !c.is_whitespace(), ""));
    }
    if let Some(shown) = overridden_as_shown(text) {
        decoded.push(shown);
    }
    // A script joins strings into what it shows: each version with its
    // string literals joined is read too.
    let joined: Vec<String> = decoded.iter().filter_map(|v| literals_joined(v)).collect();
    decoded.extend(joined);
    if text.bytes().any(|b| MARKS.iter().any(|&m| m as u8 == b)) {
        // Markdown's emphasis marks, which a reader of a `.md` file reads past.
        decoded.push(text.replace(MARKS, ""));
    }
    decoded.dedup();
    if has_data_address(text) {
        // What a `data:` address holds is shown when it is opened.
        for version in &decoded {
            for document in data_addresses(version) {
                match document {
                    Ok((media, payload)) => {
                        if media.starts_with("text/css")
                            && let Err(why) =
                                super::css::check(&payload, super::css::Context::Sheet)
                        {
                            out.refuse(why);
                        }
                        out.inner(&payload, |payload, out| {
                            versions(payload, out);
                            if payload.contains('<') {
                                super::html::read(payload, out);
                            }
                        })
                    }
                    Err(why) => out.refuse(why),
                }
            }
        }
    }
    for version in decoded {
        if has_invisible(&version) {
            out.blocks.push(without_invisible(&version));
            out.blocks.push(invisible_as_space(&version));
        }
        out.blocks.push(version);
    }
}

/// Whether `text` holds `data:`, in any case.
pub fn has_data_address(text: &str) -> bool {
    text.contains(':') && contains_ignoring_case(text, b"data:")
}

/// Whether `text` holds `needle` (lower-case ASCII) in any case.
pub(super) fn contains_ignoring_case(text: &str, needle: &[u8]) -> bool {
    text.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Why a `data:` address cannot be read: it declares another encoding.
const OTHER_ENCODING: &str = "it holds a `data:` address that declares a character encoding other than UTF-8, which the gate cannot read as a browser shows it";

/// The media type (lower case) and text held by each `data:` address in
/// `text` (percent-decoded, and base64-decoded where it says so): its
/// text, or the readable runs of what is not text; refused where it
/// declares an encoding other than UTF-8.
pub fn data_addresses(text: &str) -> Vec<Result<(String, String), &'static str>> {
    let mut found = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("data:") {
        let start = from + at + "data:".len();
        from = start;
        let Some(comma) = lower[start..].find(',').map(|c| start + c) else {
            break;
        };
        let media = &lower[start..comma];
        if media.contains(['"', '\'', '<', '>', ')', ' ', '\n']) {
            // Not a media type: `data:` in prose.
            continue;
        }
        let declared = media
            .split(';')
            .filter_map(|p| p.trim().strip_prefix("charset="))
            .map(|c| c.trim_matches(['"', '\'']).to_string())
            .next();
        if declared.is_some_and(|c| !is_utf8_name(&c)) {
            found.push(Err(OTHER_ENCODING));
            continue;
        }
        // Where the address ends: at the first quote, bracket or line end;
        // and also at the one that closes what opened it (a quote, `(`,
        // `<`) or at the end where nothing did (an attribute's whole
        // value), for an SVG written with the other quotes inside
        // (`"data:image/svg+xml,%3Csvg xmlns='…'%3E…"`; red team, round 9).
        let after = comma + 1;
        let short = text[after..]
            .find(['"', '\'', '`', ')', '\n'])
            .map_or(text.len(), |i| after + i);
        let closing = match text[..start - "data:".len()].trim_end().chars().last() {
            None => Some(text.len()),
            Some(open @ ('"' | '\'')) => {
                Some(text[after..].find(open).map_or(text.len(), |i| after + i))
            }
            Some('(') => Some(text[after..].find(')').map_or(text.len(), |i| after + i)),
            Some('<') => Some(text[after..].find('>').map_or(text.len(), |i| after + i)),
            Some(_) => None,
        };
        let base64 = media.split(';').any(|p| p.trim() == "base64");
        let media = media.split(';').next().unwrap_or("").trim().to_string();
        // And at the first space: a `srcset` follows each address with its
        // width or density (`data:…;base64,… 2x`; red team, round 10).
        let spaced = text[after..].find(char::is_whitespace).map(|i| after + i);
        let mut ends = vec![short];
        for end in [closing, spaced].into_iter().flatten() {
            if !ends.contains(&end) {
                ends.push(end);
            }
        }
        for end in ends {
            found.extend(
                data_address(&text[after..end], base64).map(|held| Ok((media.clone(), held))),
            );
        }
    }
    found
}

/// What one `data:` address's payload `raw` holds (percent-decoded, and
/// base64-decoded where `base64`): its text, or the readable runs of what
/// is not text.
fn data_address(raw: &str, base64: bool) -> Option<String> {
    use base64::Engine;
    let bytes = match base64 {
        true => {
            let payload: String = percent_decode(raw)
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .collect();
            let engines = [
                base64::engine::general_purpose::STANDARD,
                base64::engine::general_purpose::STANDARD_NO_PAD,
                base64::engine::general_purpose::URL_SAFE,
                base64::engine::general_purpose::URL_SAFE_NO_PAD,
            ];
            engines
                .iter()
                .find_map(|e| e.decode(payload.as_bytes()).ok())
        }
        false => Some(percent_encoding::percent_decode_str(raw).collect()),
    };
    match bytes.map(String::from_utf8) {
        Some(Ok(text)) => Some(text),
        // An image's metadata, say.
        Some(Err(bytes)) => Some(readable_runs(bytes.as_bytes())),
        None => None,
    }
}

pub use crate::reading::is_utf8_name;

/// `text` with each host name written in punycode (`xn--…`) as a browser
/// shows it; `None` without one.
pub fn punycode_decoded(text: &str) -> Option<String> {
    if !(text.contains("--") && contains_ignoring_case(text, b"xn--")) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let is_host = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
    while !rest.is_empty() {
        let start = rest.find(is_host).unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(|c: char| !is_host(c)).unwrap_or(rest.len());
        let host = &rest[..end];
        match host.to_ascii_lowercase().contains("xn--") {
            true => out.push_str(&idna::domain_to_unicode(host).0),
            false => out.push_str(host),
        }
        rest = &rest[end..];
    }
    Some(out)
}

/// `text` in the order a reader sees it where a right-to-left override
/// (U+202E) reverses it, up to its end (U+202C) or the end of the line:
/// `\u{202e}yrubeltsihT\u{202c}` shows as `Thistlebury`. `None` without
/// one.
pub fn overridden_as_shown(text: &str) -> Option<String> {
    if !text.contains('\u{202e}') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{202e}') {
        out.push_str(&rest[..at]);
        let after = &rest[at + '\u{202e}'.len_utf8()..];
        let end = after.find(['\u{202c}', '\n']).unwrap_or(after.len());
        out.extend(after[..end].chars().rev());
        rest = &after[end..];
    }
    out.push_str(rest);
    Some(out)
}

/// Percent-decoded as a browser decodes a URL (bytes not UTF-8 are read as
/// U+FFFD).
pub fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Character references decoded (the source checks' decoder: the whole
/// HTML5 table, with or without `;` as HTML allows).
pub fn decode_references(text: &str) -> String {
    crate::reading::decode_references(text)
}

/// CSS escapes: a backslash and one to six hex digits (and one white space
/// after them), or a backslash and any other character for itself.
pub fn css_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mut hex = String::new();
        while hex.len() < 6 && chars.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
            hex.extend(chars.next());
        }
        if hex.is_empty() {
            out.extend(chars.next());
            continue;
        }
        if chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            chars.next();
        }
        let code = u32::from_str_radix(&hex, 16).unwrap_or(0xfffd);
        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
    }
    out
}

/// What joins two string literals in a script into one string: a `+`
/// (`"Marjorie " + "Quill" + "feather"`), a comma between the items of a
/// list that may be joined (`["Quill", "feather"].join("")`), or a call
/// of `concat`, with white space around it, between quotation marks of
/// any kind.
static LITERALS_JOINED_BY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"["'`]\s*(?:\+|,|\)?\s*\.\s*concat\s*\()\s*["'`]"#)
        .expect("a fixed expression")
});

/// `text` with each two string literals a script may join into one
/// joined ([`LITERALS_JOINED_BY`]); `None` when it has none. A script
/// can make any text, so this reads only the way most scripts join
/// strings; what is joined otherwise is not read.
fn literals_joined(text: &str) -> Option<String> {
    let may_join = text.contains(['+', ',', '(']) && text.contains(['"', '\'', '`']);
    match may_join && LITERALS_JOINED_BY.is_match(text) {
        true => Some(LITERALS_JOINED_BY.replace_all(text, "").into_owned()),
        false => None,
    }
}

/// JavaScript and JSON escapes: `\uXXXX` (with surrogate pairs), `\u{X…}`,
/// `\xXX`, the letter escapes, and a backslash before any other character.
pub fn js_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut pending_high: Option<u32> = None;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let hex = |s: &str, n: usize| {
            s.get(..n)
                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
        };
        let (code, used) = if let Some(braced) = rest.strip_prefix("u{") {
            match braced.find('}') {
                Some(end) => (hex(braced, end), end + 3),
                None => (None, 0),
            }
        } else if let Some(u) = rest.strip_prefix('u') {
            (hex(u, 4), 5)
        } else if let Some(x) = rest.strip_prefix('x') {
            (hex(x, 2), 3)
        } else {
            (None, 0)
        };
        match code {
            Some(code) => {
                rest = &rest[used..];
                match (pending_high.take(), code) {
                    (None, 0xd800..=0xdbff) => pending_high = Some(code),
                    (Some(high), 0xdc00..=0xdfff) => {
                        let c = 0x10000 + ((high - 0xd800) << 10) + (code - 0xdc00);
                        out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                    }
                    (_, code) => out.push(char::from_u32(code).unwrap_or('\u{fffd}')),
                }
            }
            None => {
                let mut chars = rest.chars();
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('r') => out.push('\r'),
                    Some(c) => out.push(c),
                    None => {}
                }
                rest = chars.as_str();
            }
        }
    }
    out.push_str(rest);
    out
}

/// The runs of readable characters in a file that is not UTF-8 text (an
/// image, a font): at least four letters, digits, spaces or punctuation in
/// a row, as `strings` finds them, for names held in metadata, read as
/// UTF-8, as Latin-1 (Windows-1252) and as UTF-16.
pub fn readable_runs(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().count() >= 4 {
            out.push_str(run);
            out.push('\n');
        }
        run.clear();
    };
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if !c.is_control() || c == '\t' {
                run.push(c);
            } else {
                flush(&mut run, &mut out);
            }
        }
        if !chunk.invalid().is_empty() {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    // Latin-1, as a PNG keeps its `tEXt` and older tools other metadata
    // (read as Windows-1252, its superset, as browsers do): each byte a
    // character. Only the runs with a character outside ASCII: the rest
    // were read as UTF-8 above (red team, round 21).
    let (latin, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    let mut beyond_ascii = false;
    for c in latin.chars() {
        if !c.is_control() || c == '\t' {
            beyond_ascii |= !c.is_ascii();
            run.push(c);
        } else {
            if !beyond_ascii {
                run.clear();
            }
            flush(&mut run, &mut out);
            beyond_ascii = false;
        }
    }
    if !beyond_ascii {
        run.clear();
    }
    flush(&mut run, &mut out);
    // UTF-16, as fonts keep their names (the Windows name table) and images
    // some metadata: both byte orders, from either alignment, for letters
    // of the Latin scripts (the rest of a binary file would read as noise).
    for (start, little) in [(0, true), (0, false), (1, true), (1, false)] {
        let units =
            bytes
                .get(start..)
                .unwrap_or_default()
                .chunks_exact(2)
                .map(|pair| match little {
                    true => u16::from_le_bytes([pair[0], pair[1]]),
                    false => u16::from_be_bytes([pair[0], pair[1]]),
                });
        for c in char::decode_utf16(units) {
            match c {
                Ok(c) if c < '\u{250}' && (!c.is_control() || c == '\t') => run.push(c),
                _ => flush(&mut run, &mut out),
            }
        }
        flush(&mut run, &mut out);
    }
    out
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;

/// The delimiter of a table of figures published at `path` as `text`,
/// if it may be one: a `.csv` or `.tsv` file, or any text with a table
/// in it as Markdown writes one (`| … |`) or as a spreadsheet saves one
/// as text, with tabs between its fields (red team, round 12).
pub fn delimiter_of(path: &str, text: &str) -> Option<u8> {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("csv") => Some(b','),
        Some("tsv") => Some(b'\t'),
        _ if text.lines().any(|l| l.trim_start().starts_with('|')) => Some(b'|'),
        _ if text.contains('\t') => Some(b'\t'),
        _ => None,
    }
}

/// A table of figures (`.csv`, `.tsv`): each field read once more after a
/// heading above it, or its row's first field, that marks dates of birth
/// (`date of birth: 14/03/1952`), as a reader of the table takes it,
/// however many rows down, whatever title line comes first (red team,
/// rounds 9 and 11; see [`read_under_headings`]). The file is read as
/// text too.
pub fn columns(text: &str, delimiter: u8, out: &mut Texts) {
    // A spreadsheet set to a European locale writes `;` between fields
    // into a `.csv`: the headings' line says which it is.
    let first = text.lines().next().unwrap_or("");
    let delimiter =
        match delimiter == b',' && first.matches(';').count() > first.matches(',').count() {
            true => b';',
            false => delimiter,
        };
    let reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // A record the reader cannot split is read as the text it is.
    let grid: Vec<Vec<Option<String>>> = reader
        .into_records()
        .flatten()
        .map(|record| record.iter().map(|field| Some(field.to_string())).collect())
        .collect();
    read_under_headings(&grid, out);
}

/// Each cell of `grid` (a table's rows of cells, by column) read once
/// more after every cell above it in its column, and after its row's
/// first cell, that marks dates of birth: whichever rows head the table
/// (a title row, two rows of headings, an empty corner cell), and
/// whichever way round it is (one participant a column).
pub(super) fn read_under_headings<T: AsRef<str>>(grid: &[Vec<Option<T>>], texts: &mut Texts) {
    use crate::anonymity::patterns::names_a_date_of_birth;
    let mut marked: Vec<Option<&str>> = Vec::new();
    for row in grid {
        let row_heading = row
            .first()
            .and_then(Option::as_ref)
            .map(AsRef::as_ref)
            .filter(|heading| names_a_date_of_birth(heading));
        for (c, cell) in row.iter().enumerate() {
            let Some(cell) = cell
                .as_ref()
                .map(AsRef::as_ref)
                .filter(|t| !t.trim().is_empty())
            else {
                continue;
            };
            let column = marked.get(c).copied().flatten().filter(|&h| h != cell);
            let row = row_heading.filter(|&h| c > 0 && h != cell);
            // Read after the cue itself, however long the heading that
            // holds it ("Date of birth, as on the referral form").
            if column.is_some() || row.is_some() {
                texts.blocks.push(format!("date of birth: {cell}"));
            }
        }
        for (c, cell) in row.iter().enumerate() {
            if let Some(cell) = cell.as_ref().map(AsRef::as_ref)
                && names_a_date_of_birth(cell)
            {
                if marked.len() <= c {
                    marked.resize(c + 1, None);
                }
                marked[c] = Some(cell);
            }
        }
    }
}
