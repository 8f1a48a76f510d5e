//! A linear pre-scan of how deeply a YAML text nests flow collections
//! (`[...]`, `{...}`), run before the text reaches the YAML parser: the
//! parser's time grows with the number of tokens times the nesting depth, so
//! 100 KB of `[` took 14 seconds and 1 MB ran for many minutes. Past
//! [`MAX_FLOW_DEPTH`] the text is refused (documented in docs/limits.md).

/// The deepest nesting of `[` and `{` a YAML text may have. Project files
/// need two or three levels (`nodes: [{id: a, findings: [x]}]`).
pub const MAX_FLOW_DEPTH: usize = 32;

/// The byte offset of the `[` or `{` that opens level `limit + 1`, if the
/// text nests that deep.
///
/// Two counts are kept and either past the limit refuses the text, so that a
/// quote mark the scan reads differently from the parser cannot hide depth:
/// one counts every bracket; the other skips quoted scalars that begin where
/// a value begins and close on the same line. Each can only count more
/// than the parser sees in the other's blind spot, never less in both.
pub fn too_deep(text: &str, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Every bracket, quotes ignored.
    let mut naive = 0usize;
    // Brackets outside quoted scalars and comments.
    let mut aware = 0usize;
    // The last byte on this line that was not a space or tab (`None` at a line start).
    let mut last: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'[' | b'{' => {
                naive += 1;
                aware += 1;
                if naive > limit || aware > limit {
                    return Some(i);
                }
            }
            b']' | b'}' => {
                naive = naive.saturating_sub(1);
                aware = aware.saturating_sub(1);
            }
            b'\n' => {
                last = None;
                i += 1;
                continue;
            }
            b'#' if last.is_none()
                || matches!(bytes.get(i.wrapping_sub(1)), Some(b' ' | b'\t')) =>
            {
                // A comment: brackets in it count in the naive count only.
                let end = line_end(bytes, i);
                if count_naively(&bytes[i..end], &mut naive, limit) {
                    return Some(i);
                }
                i = end;
                continue;
            }
            b'"' | b'\'' if starts_value(last, bytes, i) => {
                if let Some(close) = quote_end(bytes, i) {
                    if count_naively(&bytes[i..close], &mut naive, limit) {
                        return Some(i);
                    }
                    last = Some(b);
                    i = close + 1;
                    continue;
                }
            }
            _ => {}
        }
        if b != b' ' && b != b'\t' && b != b'\r' {
            last = Some(b);
        }
        i += 1;
    }
    None
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |i| from + i)
}

/// Whether a quote mark at `i` begins a scalar: at a line's start, or after
/// a flow indicator, or after an indicator (`-`, `?`, `:`) and a space.
fn starts_value(last: Option<u8>, bytes: &[u8], i: usize) -> bool {
    match last {
        None => true,
        Some(b'[' | b'{' | b',') => true,
        Some(b'-' | b'?' | b':') => matches!(bytes.get(i.wrapping_sub(1)), Some(b' ' | b'\t')),
        _ => false,
    }
}

/// Where the quoted scalar opened at `open` closes on the same line, if it does.
fn quote_end(bytes: &[u8], open: usize) -> Option<usize> {
    let quote = bytes[open];
    let end = line_end(bytes, open);
    let mut j = open + 1;
    while j < end {
        let c = bytes[j];
        if quote == b'"' && c == b'\\' {
            j += 2;
            continue;
        }
        if c == quote {
            // `''` inside single quotes is one quote mark.
            if quote == b'\'' && bytes.get(j + 1) == Some(&b'\'') {
                j += 2;
                continue;
            }
            return Some(j);
        }
        j += 1;
    }
    None
}

/// Counts the brackets of text that is not YAML structure (a comment, a
/// quoted string) into the naive count alone; says whether it passed `limit`.
fn count_naively(text: &[u8], naive: &mut usize, limit: usize) -> bool {
    for &c in text {
        match c {
            b'[' | b'{' => *naive += 1,
            b']' | b'}' => *naive = naive.saturating_sub(1),
            _ => {}
        }
        if *naive > limit {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_files_pass() {
        let text =
            "nodes:\n  - {id: a, label: \"A [b\", findings: [x, y]}\nedges: [{from: a, to: b}]\n";
        assert_eq!(too_deep(text, 3), None);
        assert_eq!(too_deep("title: It's [not] a list\n", 1), None);
    }

    #[test]
    fn the_bracket_past_the_limit_is_found() {
        let text = "bad: [[[[x]]]]\n";
        assert_eq!(too_deep(text, 4), None);
        assert_eq!(too_deep(text, 3), Some(8));
    }

    #[test]
    fn a_megabyte_of_brackets_is_refused_at_once() {
        // Regression (#19.4): 1 MB of `[` ran in the parser for many minutes.
        let text = format!("bad: {}", "[".repeat(1 << 20));
        assert_eq!(too_deep(&text, MAX_FLOW_DEPTH), Some(5 + MAX_FLOW_DEPTH));
        let text = format!("bad: {}", "{a: ".repeat(1 << 18));
        assert!(too_deep(&text, MAX_FLOW_DEPTH).is_some());
    }

    #[test]
    fn closing_brackets_in_quotes_do_not_hide_depth() {
        // The parser sees depth 40 here; the naive count sees about 1.
        let text = format!("bad: {}", "[ \"]\", ".repeat(40));
        assert!(too_deep(&text, MAX_FLOW_DEPTH).is_some());
        // A quote mark the scan misreads hides nothing from the naive count.
        let text = format!("a: x\n  '{}'\n", "[".repeat(40));
        assert!(too_deep(&text, MAX_FLOW_DEPTH).is_some());
    }

    #[test]
    fn brackets_in_quotes_and_comments_that_balance_are_fine() {
        let text = "a: '[[['  # ]]]\nb: \"{{\" # }}\n";
        assert_eq!(too_deep(text, 3), None);
    }
}
