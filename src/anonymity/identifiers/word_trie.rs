//! Every occurrence of a set of strings in a text that begins where a word
//! can: a trie walked from each such place. The identifier search wants
//! only whole words, and a string that begins with a letter or a digit
//! stands as a word only where the character before it is neither; so the
//! places inside a word are passed over without a look, where an
//! Aho-Corasick automaton follows every byte of the text.

use std::ops::Range;

/// No node: a child not there.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone)]
struct Node {
    /// This node's children, as a range of `WordTrie::edges`.
    edges: Range<u32>,
    /// The string that ends here, if one does.
    pattern: Option<u32>,
}

/// A trie over the strings, the root's children by byte, the others' by
/// a sorted list of bytes.
#[derive(Debug, Clone)]
pub struct WordTrie {
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// `(byte, child)`, each node's sorted by byte.
    edges: Vec<(u8, u32)>,
}

/// One occurrence: which string, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub pattern: usize,
    pub range: Range<usize>,
}

impl WordTrie {
    /// A trie of `patterns` (each non-empty; an empty one is never found).
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> WordTrie {
        // Built with a child map per node, then laid out flat.
        let mut children: Vec<std::collections::BTreeMap<u8, usize>> = vec![Default::default()];
        let mut ends: Vec<Option<u32>> = vec![None];
        for (index, pattern) in patterns.iter().enumerate() {
            let bytes = pattern.as_ref().as_bytes();
            if bytes.is_empty() {
                continue;
            }
            let mut node = 0;
            for &byte in bytes {
                let next = children.len();
                node = *children[node].entry(byte).or_insert(next);
                if node == next {
                    children.push(Default::default());
                    ends.push(None);
                }
            }
            ends[node].get_or_insert(index as u32);
        }
        let mut root = Box::new([NONE; 256]);
        for (&byte, &child) in &children[0] {
            root[byte as usize] = child as u32;
        }
        let mut edges = Vec::new();
        let nodes = children
            .iter()
            .zip(ends)
            .map(|(map, pattern)| {
                let start = edges.len() as u32;
                edges.extend(map.iter().map(|(&byte, &child)| (byte, child as u32)));
                Node {
                    edges: start..edges.len() as u32,
                    pattern,
                }
            })
            .collect();
        WordTrie { root, nodes, edges }
    }

    /// Every occurrence in `text` that begins at a character that is not
    /// a letter or digit, or after one that is not: all those of strings
    /// that stand as whole words, and possibly others. In order of start,
    /// then of length.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut found = Vec::new();
        let bytes = text.as_bytes();
        let mut after_word = false;
        let mut at = 0;
        while at < bytes.len() {
            let (is_word, len) = match bytes[at] {
                b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
                _ => {
                    let c = text[at..].chars().next().unwrap_or(' ');
                    (c.is_alphanumeric(), c.len_utf8())
                }
            };
            if !(after_word && is_word) {
                self.walk(bytes, at, &mut found);
            }
            after_word = is_word;
            at += len;
        }
        found
    }

    /// The occurrences that begin at `start`.
    fn walk(&self, bytes: &[u8], start: usize, found: &mut Vec<Found>) {
        let mut node = self.root[bytes[start] as usize];
        let mut at = start + 1;
        while node != NONE {
            let here = &self.nodes[node as usize];
            if let Some(pattern) = here.pattern {
                found.push(Found {
                    pattern: pattern as usize,
                    range: start..at,
                });
            }
            let Some(&byte) = bytes.get(at) else {
                break;
            };
            let edges = &self.edges[here.edges.start as usize..here.edges.end as usize];
            node = match edges.binary_search_by_key(&byte, |&(b, _)| b) {
                Ok(i) => edges[i].1,
                Err(_) => NONE,
            };
            at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(trie: &WordTrie, text: &str) -> Vec<(usize, String)> {
        trie.find(text)
            .into_iter()
            .map(|f| (f.pattern, text[f.range].to_string()))
            .collect()
    }

    #[test]
    fn finds_every_string_beginning_where_a_word_can() {
        let trie = WordTrie::new(&["bow", "bow common", "ow", "'s", "é"]);
        assert_eq!(
            found(&trie, "bow common bowl's é"),
            [
                (0, "bow".to_string()),
                (1, "bow common".to_string()),
                (0, "bow".to_string()),
                (3, "'s".to_string()),
                (4, "é".to_string()),
            ]
        );
        // Not inside a word: "ow" of "bow", nor after a letter of another script.
        assert!(found(&trie, "αbow").is_empty());
    }

    #[test]
    fn the_first_of_two_equal_strings_is_the_one_found() {
        let trie = WordTrie::new(&["", "ann", "ann"]);
        assert_eq!(found(&trie, "ann"), [(1, "ann".to_string())]);
    }
}
