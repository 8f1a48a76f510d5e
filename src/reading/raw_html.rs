//! Raw HTML in a source split into tokens: text, tags (whether each parts
//! the words around it, and the ranges of its attributes) and comments, a
//! stray `<` read as text, with byte offsets kept. Not a browser's
//! reading: the gate reads the pages as made the way a browser does.

use std::ops::Range;

/// One piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Text (character references still written).
    Text(Range<usize>),
    /// A start or end tag: its name (lower case), whether it is an end
    /// tag, whether it parts words, and the ranges of its attribute names
    /// and values (which a page holds but does not show).
    Tag {
        name: String,
        end: bool,
        boundary: bool,
        attributes: Vec<Range<usize>>,
        /// Each attribute's name and, where it has one, its value (the
        /// ranges of `attributes`, paired).
        pairs: Vec<(Range<usize>, Option<Range<usize>>)>,
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
        raw_until = if !end_tag && RAW_TEXT.contains(&name.as_str()) {
            Some(name.clone())
        } else {
            None
        };
        tokens.push(Token::Tag {
            boundary: name == "br" || super::layout::parts_words(&name),
            name,
            end: end_tag,
            attributes: tag.attributes,
            pairs: tag.pairs,
        });
        at = tag.end;
        text_start = at;
    }
    flush(&mut tokens, text_start, s.len());
    tokens
}

struct TagAt<'a> {
    name: &'a str,
    attributes: Vec<Range<usize>>,
    pairs: Vec<(Range<usize>, Option<Range<usize>>)>,
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
    let mut pairs = Vec::new();
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
                    pairs,
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
        pairs.push((start..at, None));
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
                pairs.last_mut().expect("a name before `=`").1 = Some(at + 1..end);
                at = end + 1;
            }
            Some(_) => {
                let start = at;
                while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'>' {
                    at += 1;
                }
                attributes.push(start..at);
                pairs.last_mut().expect("a name before `=`").1 = Some(start..at);
            }
            None => return None,
        }
    }
}
