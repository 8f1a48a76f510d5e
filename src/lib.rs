//! evalsite turns a qualitative evaluation project (coded findings, interview
//! quotes and care-pathway maps written in Markdown with YAML front matter)
//! into a cross-linked report site, refusing to publish anything that could
//! identify a participant.
//!
//! A build is one straight pipeline over plain data ([`pipeline::run`]):
//!
//! 1. **load** ([`load`]): read `evalsite.yaml`, `content/` and the identifiers list
//!    (folders are listed and bytes read by [`files`], below every stage);
//! 2. **parse** ([`parse`], [`frontmatter`], [`yaml`], [`markdown`]): front matter into
//!    the entities of [`model`], bodies scanned for links and embeds (text is
//!    read as a reader sees it by [`reading`], which the checks use too);
//! 3. **resolve** ([`resolve`]): ids indexed, every reference checked, backlinks;
//! 4. **check** ([`anonymity`]): identifiers, structured identifiers, attribution
//!    groups, consent and participant ids;
//! 5. **render** ([`render`], [`pathway`]): the theme's templates into pages in memory,
//!    then every file and name read by the disclosure gate ([`anonymity::gate`]),
//!    whose gated site is all that can be written or served;
//! 6. **write** ([`output`]): the site swapped into place in one step.
//!
//! Every stage reports problems as [`diag::Diagnostic`]s; the run fails once,
//! with all of them, if any is an error. `check`, `build` and `serve` run
//! the same pipeline, naming themselves with a [`pipeline::Mode`]; serve
//! mode ([`serve`]) keeps the pages in memory and a [`memo::Memo`] from one
//! run to the next, redoing only what a save needs ([`reuse`]). The stage
//! timings are in [`timings`]; the environment is read by `main` alone.

/// Writes a line to standard error as `eprintln!` does, but never panics:
/// a closed stream (`evalsite build 2>&1 | head`) loses the line, not the
/// run's exit code (red team, round 32: a refusal exited 101).
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod anonymity;
pub mod cli;
pub mod config;
pub mod diag;
pub mod files;
pub mod frontmatter;
pub mod hash;
pub mod highlight;
pub mod html;
pub mod load;
#[cfg(test)]
mod made_up;
pub mod markdown;
pub mod memo;
pub mod model;
pub mod output;
pub mod parse;
pub mod pathway;
pub mod pipeline;
pub mod reading;
pub mod render;
pub mod resolve;
pub mod reuse;
pub mod serve;
pub mod source;
pub mod starter;
pub mod tables;
pub mod timings;
pub mod yaml;
