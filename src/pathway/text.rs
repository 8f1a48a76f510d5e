//! Text helpers for maps: width estimates, word wrapping, XML escaping,
//! number formatting and id slugs.

/// Estimated advance of one character, as a fraction of the font size.
const CHAR_EM: f64 = 0.6;
/// Estimated advance of one capital letter with the tags' letter spacing.
const CAPS_EM: f64 = 0.8;

/// Estimated width of `text` set at `font_size`.
pub fn width(text: &str, font_size: f64) -> f64 {
    text.chars().count() as f64 * CHAR_EM * font_size
}

/// Estimated width of an uppercase tag set at `font_size`.
pub fn caps_width(text: &str, font_size: f64) -> f64 {
    text.chars().count() as f64 * CAPS_EM * font_size
}

/// Estimated width of the widest line.
pub fn widest(lines: &[String], font_size: f64) -> f64 {
    lines
        .iter()
        .map(|l| width(l, font_size))
        .fold(0.0, f64::max)
}

/// Greedy word wrap to lines of at most `max_chars` characters; a word longer
/// than that is cut. Whitespace runs collapse to one space.
pub fn wrap(text: &str, max_chars: usize) -> Vec<String> {
    let max_chars = max_chars.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        for piece in cut(word, max_chars) {
            let needed = line.chars().count() + 1 + piece.chars().count();
            if !line.is_empty() && needed > max_chars {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&piece);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A word cut into pieces of at most `max_chars` characters.
fn cut(word: &str, max_chars: usize) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    chars
        .chunks(max_chars)
        .map(|c| c.iter().collect())
        .collect()
}

/// Escapes text for XML content and attribute values.
pub use crate::html::escape;

/// A coordinate with at most one decimal place, without a trailing `.0`.
pub fn num(value: f64) -> String {
    let tenths = (value * 10.0).round();
    if tenths == 0.0 || !tenths.is_finite() {
        return "0".to_string();
    }
    if tenths % 10.0 == 0.0 {
        format!("{}", tenths / 10.0)
    } else {
        format!("{:.1}", tenths / 10.0)
    }
}

/// Lowercase ASCII letters and digits joined by single hyphens, at most
/// `max_len` bytes; `map` when nothing is left.
pub fn slug(text: &str, max_len: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= max_len {
            break;
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "map".to_string()
    } else {
        trimmed.to_string()
    }
}

/// FNV-1a hash, for stable short id suffixes.
pub fn hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(byte);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries() {
        let lines = wrap("referral when medically fit for discharge", 22);
        assert_eq!(lines, ["referral when", "medically fit for", "discharge"]);
        assert!(lines.iter().all(|l| l.chars().count() <= 22));
    }

    #[test]
    fn cuts_overlong_words() {
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert!(wrap("   ", 10).is_empty());
    }

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn formats_numbers_with_one_decimal_at_most() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.04), "12");
        assert_eq!(num(12.25), "12.3");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(-3.5), "-3.5");
    }

    #[test]
    fn slugs_are_ascii_and_bounded() {
        assert_eq!(
            slug("Discharge – Tower Hamlets!", 40),
            "discharge-tower-hamlets"
        );
        assert_eq!(slug("!!!", 40), "map");
        assert!(slug(&"ab ".repeat(50), 20).len() <= 20);
    }
}
