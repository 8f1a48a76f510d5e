//! Hash maps and sets with a fast hasher, for the tables a build fills
//! with keys from the project itself (file ids, entity ids, paths, blocks
//! of generated text). The standard hasher resists crafted keys, which a
//! researcher's own files are not, and hashing with it was about a tenth
//! of a preview rebuild. The one place the hasher crate is named.

pub use rustc_hash::{FxHashMap as FastMap, FxHashSet as FastSet};

use std::hash::BuildHasher;

/// The hash of `text` with the fast hasher: worked out once, to look the
/// text up in several [`TextSet`]s.
pub fn hash_of(text: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(text)
}

/// A set of texts, each looked up and added with its [`hash_of`].
pub struct TextSet<T> {
    table: hashbrown::HashTable<T>,
}

impl<T> Default for TextSet<T> {
    fn default() -> TextSet<T> {
        TextSet {
            table: hashbrown::HashTable::new(),
        }
    }
}

impl<T: AsRef<str>> TextSet<T> {
    pub fn with_capacity(capacity: usize) -> TextSet<T> {
        TextSet {
            table: hashbrown::HashTable::with_capacity(capacity),
        }
    }

    /// Whether the set holds `text`, whose hash is `hash`.
    pub fn contains(&self, hash: u64, text: &str) -> bool {
        self.table
            .find(hash, |held| held.as_ref() == text)
            .is_some()
    }

    /// Adds `text`, whose hash is `hash`; whether it was not held.
    pub fn insert(&mut self, hash: u64, text: T) -> bool {
        let same = |held: &T| held.as_ref() == text.as_ref();
        match self.table.find(hash, same) {
            Some(_) => false,
            None => {
                self.table
                    .insert_unique(hash, text, |held| hash_of(held.as_ref()));
                true
            }
        }
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text is found with its hash, added once, and a text with another
    /// hash or other bytes is not found.
    #[test]
    fn a_text_set_holds_each_text_once() {
        let mut set: TextSet<Box<str>> = TextSet::default();
        let texts: Vec<String> = (0..2000).map(|n| format!("block {n}")).collect();
        for text in &texts {
            assert!(set.insert(hash_of(text), text.as_str().into()));
            assert!(!set.insert(hash_of(text), text.as_str().into()));
        }
        assert_eq!(set.len(), texts.len());
        for text in &texts {
            assert!(set.contains(hash_of(text), text));
        }
        assert!(!set.contains(hash_of("block 2000"), "block 2000"));
        // Same hash, other bytes: not the text.
        assert!(!set.contains(hash_of("block 1"), "block 10"));
    }
}
