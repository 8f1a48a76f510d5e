//! Serve mode's render and gate, reusing the last good build kept in the
//! [`Memo`]: after a change to bodies alone only the pages showing those
//! bodies are rendered ([`render`], beside the checks of the sources), the
//! rest are the last good build's, and the gate reads again only what it
//! did not pass before ([`gate`]). The stages' own reuse
//! (files read, parsed and scanned) is in their memos (see [`crate::memo`]).

use crate::anonymity::gate::{self, Gated};
use crate::diag::Diagnostic;
use crate::memo::{self, Base, Memo, Work};
use crate::render::{self, theme::Theme};
use crate::resolve::Site;
use crate::timings::Stopwatch;

/// What serve mode does with a rebuild's pages before the whole site has
/// passed the gate: the preview shows each as soon as it alone passes.
pub type Early<'e> = &'e (dyn Fn(gate::Early) + Sync);

/// What serve mode rendered: the pages made again (every page when more
/// than bodies changed), and the last good build they go in.
pub(crate) struct Made {
    base: Option<Base>,
    prints: Vec<memo::Print>,
    /// Only the pages showing changed bodies were made.
    partial: bool,
    fresh: render::Rendered,
}

/// Renders what changed since `base`, the last good build (all of it when
/// more than bodies changed, or there is none). Needs nothing the checks of
/// the sources find, so it runs beside them.
pub(crate) fn render(
    site: &Site,
    theme: &mut Theme,
    mut base: Option<Base>,
    out: &mut Vec<Diagnostic>,
) -> Made {
    let prints = memo::fingerprint(site.project);
    let changed = base.as_ref().and_then(|base| base.changed_bodies(&prints));
    let fresh = match (&mut base, &changed) {
        (Some(base), Some(changed)) => {
            render::rerender(site, theme, &mut base.rendered.memo, changed, out)
        }
        _ => render::render(site, theme, true, out),
    };
    Made {
        base,
        prints,
        partial: changed.is_some(),
        fresh,
    }
}

/// Gates the whole site [`render`] made (the pages made again in place of
/// the last good build's) unless the sources had errors, and keeps it as
/// the next run's base if nothing was wrong. Gives exactly what a build
/// gives; says what it did.
pub(crate) fn gate(
    made: Made,
    inputs: &gate::Inputs,
    source_errors: bool,
    (memo, early): (&mut Memo, Early),
    out: &mut Vec<Diagnostic>,
    clock: &mut Stopwatch,
) -> (Option<Gated>, Work) {
    let Made {
        base,
        prints,
        partial,
        fresh,
    } = made;
    let rendered = fresh.files.keys().cloned().collect();
    // The whole site as it would be served, gated once.
    let gated = (!source_errors)
        .then(|| {
            let whole = match (&base, partial) {
                (Some(base), true) => {
                    let mut whole = base.rendered.pages();
                    whole.update(fresh.pages());
                    whole
                }
                _ => fresh.pages(),
            };
            // The preview may show each page once it alone has passed,
            // while the whole site goes through the gate.
            early(gate::Early::new(inputs.checked, &whole));
            clock.lap("early");
            gate::gate(inputs, whole, Some(&mut memo.checks.gate), None, out)
        })
        .flatten();
    clock.lap("gate");
    let work = Work {
        rendered,
        gated: memo.checks.gate.read,
        ..memo.work()
    };
    let failed = out.iter().any(Diagnostic::is_error);
    // A failed run leaves the last good build as it was.
    memo.base = match (&gated, base) {
        (Some(_), Some(mut base)) if !failed && partial => {
            base.rendered.update(fresh);
            Some(Base {
                rendered: base.rendered,
                prints,
            })
        }
        (Some(_), _) if !failed => Some(Base {
            rendered: fresh,
            prints,
        }),
        (_, base) => base,
    };
    (gated, work)
}
