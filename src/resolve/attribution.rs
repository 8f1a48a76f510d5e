//! The attribution policy: what a reader is told of who said a quote and
//! where, never more than its attribution fields allow.

use super::{QuoteIx, Site};
use crate::model::*;

impl Site<'_> {
    /// The participant fields a quote is attributed by: its own, or the settings'.
    pub fn attribution_fields(&self, quote: QuoteIx) -> &[AttributionField] {
        self.project.quotes[quote]
            .meta
            .attribution
            .as_deref()
            .unwrap_or(&self.project.config.attribution)
    }

    /// The borough a reader may be told a quote comes from: its own `borough:`
    /// for quotes without a participant, otherwise only when the quote is
    /// attributed by borough. Pages never place a quote in a borough otherwise,
    /// or a coarser attribution would be undone by the page it sits on.
    pub fn published_borough(&self, quote: QuoteIx) -> Option<&str> {
        let reveals = self.quote_participant[quote].is_none()
            || self
                .attribution_fields(quote)
                .contains(&AttributionField::Borough);
        if reveals {
            self.quote_borough[quote]
        } else {
            None
        }
    }

    /// A borough's title, or its id when it does not exist.
    pub fn borough_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.lookup(Kind::Borough, id)
            .map_or(id, |b| self.project.boroughs[b].meta.title.as_str())
    }

    /// The published words a quote is attributed with: "Social worker, Borough B",
    /// or "Field notes, Borough A" for a quote without a participant.
    pub fn attribution(&self, quote: QuoteIx) -> String {
        let meta = &self.project.quotes[quote].meta;
        let Some(p) = self.quote_participant[quote] else {
            let source = meta.source.map_or("Field notes", QuoteSource::label);
            return match self.quote_borough[quote] {
                Some(b) => format!("{source}, {}", self.borough_title(b)),
                None => source.to_string(),
            };
        };
        let participant = &self.project.participants[p];
        let parts: Vec<String> = self
            .attribution_fields(quote)
            .iter()
            .filter_map(|field| match field {
                AttributionField::Role => Some(participant.role.clone()),
                AttributionField::Sector => Some(participant.sector.label().to_string()),
                AttributionField::Level => {
                    participant.level.map(|l| format!("{} level", l.label()))
                }
                AttributionField::Borough => {
                    Some(self.borough_title(&participant.borough).to_string())
                }
            })
            .collect();
        if parts.is_empty() {
            "Participant".to_string()
        } else {
            parts.join(", ")
        }
    }
}
