//! Where the comments of a YAML text are (from `#` to the end of the line),
//! outside quoted strings and block scalars. What they hold is read by the
//! caller.

use std::ops::Range;

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
