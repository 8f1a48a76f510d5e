//! Consent: a participant who withdrew is never published, and one who took
//! part on condition of not being quoted is never quoted.

use crate::diag::Diagnostic;
use crate::model::Consent;
use crate::resolve::{QuoteIx, Site};
use crate::yaml::Yaml;

pub fn check(site: &Site, out: &mut Vec<Diagnostic>) {
    let project = site.project;
    for (q, quote) in QuoteIx::each(&project.quotes) {
        let Some(p) = site.quote_participant[q] else {
            continue;
        };
        let who = &project.participants[p];
        let (code, message) = match who.consent {
            Consent::Given => continue,
            Consent::Withdrawn => (
                "anonymity::withdrawn",
                "this quote is from a participant who withdrew from the study; their words must not be published",
            ),
            Consent::NoQuotes => (
                "anonymity::no-quotes",
                "this quote is from a participant who agreed to take part but not to be quoted",
            ),
        };
        let yaml = Yaml::new(
            quote.file,
            project.sources.get(quote.file),
            quote.yaml.clone(),
        );
        out.push(
            Diagnostic::error(code, message)
                .at(yaml.value_span("participant", &who.id))
                .label("consent does not cover quoting this participant")
                .fix(
                    "delete this quote file and remove it from any finding that cites or embeds it",
                ),
        );
    }
}
