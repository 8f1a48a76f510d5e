//! Typed indexes into the project's lists of codes, boroughs and pathway
//! maps, so that a code's index cannot be taken for a borough's (the
//! counts by code and borough, the codebook tree, the pages to make). Each
//! indexes its own list only: `project.codes[code]`.

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
