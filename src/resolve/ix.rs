//! Typed indexes into the project's lists of quotes, findings,
//! participants, codes, boroughs and pathway maps, so that a quote's index
//! cannot be taken for a finding's (Site's tables, the counts by code and
//! borough, the codebook tree, the pages to make). Each indexes its own
//! list only: `project.quotes[quote]`. [`PerQuote`] and [`PerFinding`] are
//! lists with one entry for each quote or finding, indexed the same way.

use std::marker::PhantomData;

/// What the typed indexes share, for [`IxVec`].
pub trait Ix: Copy {
    fn new(index: usize) -> Self;
    fn index(self) -> usize;
}

macro_rules! typed_index {
    ($(#[$doc:meta])* $name:ident indexes $entity:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub usize);

        impl $name {
            /// Every index of a list of `len`, in order.
            pub fn all(len: usize) -> impl Iterator<Item = $name> {
                (0..len).map($name)
            }

            /// Every entry of `list`, in order, with its index.
            pub fn each(list: &[$entity]) -> impl Iterator<Item = ($name, &$entity)> {
                list.iter().enumerate().map(|(i, entry)| ($name(i), entry))
            }
        }

        impl Ix for $name {
            fn new(index: usize) -> $name {
                $name(index)
            }
            fn index(self) -> usize {
                self.0
            }
        }

        impl std::ops::Index<$name> for Vec<$entity> {
            type Output = $entity;
            fn index(&self, index: $name) -> &$entity {
                &self[index.0]
            }
        }
    };
}

typed_index!(
    /// A quote: `project.quotes[quote]`.
    QuoteIx indexes crate::model::Quote
);
typed_index!(
    /// A finding: `project.findings[finding]`.
    FindingIx indexes crate::model::Finding
);
typed_index!(
    /// A participant of the registry: `project.participants[participant]`.
    ParticipantIx indexes crate::model::Participant
);
typed_index!(
    /// A code of the codebook: `project.codes[code]`.
    CodeIx indexes crate::model::Code
);
typed_index!(
    /// A borough: `project.boroughs[borough]`.
    BoroughIx indexes crate::model::Borough
);
typed_index!(
    /// A pathway map: `project.pathways[pathway]`.
    PathwayIx indexes crate::model::Pathway
);

/// A list with one entry for each quote (or finding, ...), in the order of
/// the project's list, indexed by that kind's index only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IxVec<I, T> {
    entries: Vec<T>,
    kind: PhantomData<fn(I) -> I>,
}

/// One entry for each quote: `site.quote_findings[quote]`.
pub type PerQuote<T> = IxVec<QuoteIx, T>;
/// One entry for each finding: `site.finding_quotes[finding]`.
pub type PerFinding<T> = IxVec<FindingIx, T>;

impl<I: Ix, T> IxVec<I, T> {
    /// `len` entries, each made by `make` from its index.
    pub fn from_fn(len: usize, mut make: impl FnMut(I) -> T) -> IxVec<I, T> {
        (0..len).map(|i| make(I::new(i))).collect()
    }

    /// Every entry, in order, with its index.
    pub fn iter(&self) -> impl Iterator<Item = (I, &T)> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, entry)| (I::new(i), entry))
    }
}

impl<I: Ix, T: Clone> IxVec<I, T> {
    /// `len` entries, each `value`.
    pub fn filled(len: usize, value: T) -> IxVec<I, T> {
        vec![value; len].into_iter().collect()
    }
}

impl<I, T> Default for IxVec<I, T> {
    fn default() -> Self {
        IxVec {
            entries: Vec::new(),
            kind: PhantomData,
        }
    }
}

/// The entries in the order of the project's list.
impl<I, T> FromIterator<T> for IxVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(entries: It) -> Self {
        IxVec {
            entries: entries.into_iter().collect(),
            kind: PhantomData,
        }
    }
}

impl<I: Ix, T> std::ops::Index<I> for IxVec<I, T> {
    type Output = T;
    fn index(&self, index: I) -> &T {
        &self.entries[index.index()]
    }
}

impl<I: Ix, T> std::ops::IndexMut<I> for IxVec<I, T> {
    fn index_mut(&mut self, index: I) -> &mut T {
        &mut self.entries[index.index()]
    }
}
