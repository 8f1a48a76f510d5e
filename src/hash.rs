//! Hash maps and sets with a fast hasher, for the tables a build fills
//! with keys from the project itself (file ids, entity ids, paths, blocks
//! of generated text). The standard hasher resists crafted keys, which a
//! researcher's own files are not, and hashing with it was about a tenth
//! of a preview rebuild. The one place the hasher crate is named.

pub use rustc_hash::{FxHashMap as FastMap, FxHashSet as FastSet};
