//! Made-up input for the tests that hold a fast way of doing something to
//! the plain way it was done first: the same sequence on every run, so a
//! failure names an input that fails again.

/// A linear congruential generator (Knuth's MMIX constants).
pub struct Sequence(u64);

impl Sequence {
    pub fn new(seed: u64) -> Sequence {
        Sequence(seed)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (self.0 >> 33) as usize % n
    }

    /// Up to `most - 1` of `pieces`, each picked at random, joined.
    pub fn text<T: AsRef<str>>(&mut self, pieces: &[T], most: usize) -> String {
        let len = self.below(most);
        (0..len)
            .map(|_| pieces[self.below(pieces.len())].as_ref())
            .collect()
    }
}
