//! The one rule for every other published count (quotes and findings per
//! code and borough in the framework matrix, the codebook, code pages and
//! borough reports): a count is the number of distinct items the site lists
//! in the same place, placed by what each item itself shows.
//!
//! - A quote counts under a borough only when a reader is told it comes
//!   from there: its attribution names the borough, or it has no
//!   participant and gives `borough:` itself ([`counted_borough`]).
//! - A finding counts under each borough it lists (`boroughs:` is public).
//! - Nothing is counted by role, sector or level, and no count is of
//!   people: the participant tables are the only counts of people.
//!
//! So each count can be rebuilt from items a reader already sees, and every
//! group those items name passes the attribution check (k or more people):
//! a count cannot single out a group smaller than k, nor be differenced
//! against a participant table. Counting rules built on top (a theme
//! counting its sub-codes) stay within this as long as they count these.

use super::{QuoteIx, Site};

/// The borough a quote may be counted under: the one its attribution
/// shows, never its participant's when the attribution leaves it out.
pub fn counted_borough<'s>(site: &'s Site, quote: QuoteIx) -> Option<&'s str> {
    site.published_borough(quote)
}
