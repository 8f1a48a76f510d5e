//! A quote's group where its context tells readers more than its
//! attribution: a finding that holds in some boroughs, a borough's report
//! or pathway map that embeds it, a quote shown with its borough that sets
//! it in its text. The group is counted there, and reported at the
//! finding or the embed. The pages as made are `pages.rs`'s.

use super::groups::crowd_in;
use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::model::{AttributionField, Participant};
use crate::resolve::{FindingIx, QuoteIx, Site};
use crate::yaml::Yaml;

/// A finding that holds in only some boroughs tells readers where the quotes
/// it cites come from, even when a quote's attribution leaves the borough
/// out. The group is then counted within those boroughs.
pub(super) fn check_context(
    site: &Site,
    q: QuoteIx,
    who: &Participant,
    fields: &[AttributionField],
    containers: &FastMap<&str, Vec<QuoteIx>>,
    linked: &[FindingIx],
    out: &mut Vec<Diagnostic>,
) {
    let project = site.project;
    let k = project.config.k;
    let quote_id = &project.quotes[q].id;
    // The findings that cite it, and those that cite a quote it is set in
    // (found at that quote's mention).
    let mut shown: Vec<(FindingIx, &str)> = site.quote_findings[q]
        .iter()
        .map(|&f| (f, quote_id.as_str()))
        .collect();
    for &outer in containers.get(quote_id.as_str()).into_iter().flatten() {
        let mention = project.quotes[outer].id.as_str();
        shown.extend(site.quote_findings[outer].iter().map(|&f| (f, mention)));
    }
    shown.extend(
        linked
            .iter()
            .filter(|&&f| !site.quote_findings[q].contains(&f))
            .map(|&f| (f, quote_id.as_str())),
    );
    let mut reported = false;
    for &(f, mention) in &shown {
        let finding = &project.findings[f];
        let boroughs = &finding.meta.boroughs;
        if boroughs.is_empty() {
            continue;
        }
        let boroughs: Vec<&str> = boroughs.iter().map(String::as_str).collect();
        let size = crowd_in(
            &project.participants,
            who,
            fields,
            (&project.config.attribution, k),
            &boroughs,
        );
        if size >= k {
            continue;
        }
        let yaml = Yaml::new(
            finding.file,
            project.sources.get(finding.file),
            finding.yaml.clone(),
        );
        let span = mention_span(finding, &yaml, mention);
        let places: Vec<&str> = boroughs.iter().map(|b| site.borough_title(b)).collect();
        out.push(
            Diagnostic::error(
                "anonymity::small-group-in-context",
                format!(
                    "this finding holds in {}, so readers learn the quote “{}” comes from there, where only {size} of the study's participants can have said it; at least {k} must",
                    places.join(" and "),
                    site.attribution(q)
                ),
            )
            .at(span)
            .label("the finding's boroughs narrow down who said it")
            .fix("cite a quote attributed by borough instead, cite it from a finding that holds in more boroughs, or leave it out of this finding"),
        );
        reported = true;
    }
    if !reported {
        check_together(site, q, who, fields, &shown, out);
    }
}

/// Findings that each hold in some boroughs place a quote they all cite in
/// the boroughs they share: a reader who reads them all (the quote's page
/// lists them) learns that much. Each may pass on its own (red team,
/// round 6: one holds in A and B, the other in B and C, and B alone has
/// too few); the group is counted again where they overlap, and the error
/// is at the finding that narrows it down to there.
fn check_together(
    site: &Site,
    q: QuoteIx,
    who: &Participant,
    fields: &[AttributionField],
    shown: &[(FindingIx, &str)],
    out: &mut Vec<Diagnostic>,
) {
    let project = site.project;
    let k = project.config.k;
    let mut common: Option<Vec<&str>> = None;
    let mut narrowed_by: Option<(FindingIx, &str)> = None;
    for &(f, mention) in shown {
        let boroughs = &project.findings[f].meta.boroughs;
        if boroughs.is_empty() {
            continue;
        }
        let next: Vec<&str> = match &common {
            None => boroughs.iter().map(String::as_str).collect(),
            Some(common) => common
                .iter()
                .copied()
                .filter(|b| boroughs.iter().any(|o| o == b))
                .collect(),
        };
        if common.as_ref().is_some_and(|c| c.len() > next.len()) {
            narrowed_by = Some((f, mention));
        }
        common = Some(next);
    }
    let (Some(common), Some((f, mention))) = (common, narrowed_by) else {
        return;
    };
    // Findings that share no borough tell a reader nothing they agree on.
    if common.is_empty() {
        return;
    }
    let size = crowd_in(
        &project.participants,
        who,
        fields,
        (&project.config.attribution, k),
        &common,
    );
    if size >= k {
        return;
    }
    let finding = &project.findings[f];
    let yaml = Yaml::new(
        finding.file,
        project.sources.get(finding.file),
        finding.yaml.clone(),
    );
    let span = mention_span(finding, &yaml, mention);
    let places: Vec<&str> = common.iter().map(|b| site.borough_title(b)).collect();
    let others: Vec<&str> = shown
        .iter()
        .filter(|&&(o, _)| o != f && !project.findings[o].meta.boroughs.is_empty())
        .map(|&(o, _)| project.findings[o].meta.title.as_str())
        .collect();
    out.push(
        Diagnostic::error(
            "anonymity::small-group-in-context",
            format!(
                "with the other findings that cite it ({}), this finding leaves only {} where the quote “{}” can come from, where only {size} of the study's participants can have said it; at least {k} must",
                others.join("; "),
                places.join(" and "),
                site.attribution(q)
            ),
        )
        .at(span)
        .label("together with the other findings citing the quote, this narrows down who said it")
        .fix("cite a quote attributed by borough instead, cite it from findings whose boroughs overlap more, or leave it out of this finding"),
    );
}

/// A quote embedded in or linked from a page about some boroughs: where,
/// which boroughs, and why the page places it there.
pub(super) struct BoroughEmbed<'p> {
    file: crate::source::FileId,
    range: std::ops::Range<usize>,
    boroughs: Vec<&'p str>,
    why: Why,
}

/// Why a page places a quote it shows or leads to in some boroughs.
#[derive(Clone)]
enum Why {
    /// It is the report of one borough, or told by the words here.
    Page(&'static str),
    /// It is printed under a title naming them.
    Title,
    /// It is published at (or shows) an address naming them, not its
    /// titles: the address and the file it is made from.
    Address(String, crate::source::FileId),
}

/// Every quote embed in a borough's report or a pathway map (each of one
/// borough), or in a page whose titles name some boroughs (a free page
/// "Our visit to Borough A", a code "The Borough A hub", the landing
/// page: red team, round 23) or whose address does
/// (`pages/borough-a-workshop.html`: round 32), by quote id. A finding's
/// are read with what it cites (`check_context`, and `beside.rs` for its
/// titles and address).
pub(super) fn borough_embeds<'p>(site: &Site<'p>) -> FastMap<&'p str, Vec<BoroughEmbed<'p>>> {
    let project = site.project;
    let boroughs = project.boroughs.iter().map(|d| {
        let about = vec![d.id.as_str()];
        (d.file, about, &d.refs, Why::Page("this is the report of"))
    });
    let pathways = project.pathways.iter().map(|d| {
        let about = vec![d.meta.borough.as_str()];
        (
            d.file,
            about,
            &d.refs,
            Why::Page("this is a pathway map of"),
        )
    });
    let titled = (project.pages.iter().map(|d| (d.file, &d.refs)))
        .chain(project.codes.iter().map(|d| (d.file, &d.refs)))
        .chain(project.landing.iter().map(|d| (d.file, &d.refs)))
        .filter_map(|(file, refs)| {
            let about = site.named_boroughs(file).to_vec();
            let why = match site.naming_address(file) {
                Some((address, of)) => Why::Address(address.to_string(), of),
                None => Why::Title,
            };
            (!about.is_empty()).then_some((file, about, refs, why))
        });
    let mut embeds: FastMap<&str, Vec<BoroughEmbed>> = FastMap::default();
    for (file, boroughs, refs, why) in boroughs.chain(pathways).chain(titled) {
        // A link places the quote as an embed does: a reader who follows
        // "[in one interview](quote:…)" from Borough B's report reads the
        // quote as B's (red team, round 7).
        for r in refs.iter().filter(|r| r.kind == crate::model::Kind::Quote) {
            // The quote, and every quote it shows set in its text.
            for id in std::iter::once(r.id.as_str()).chain(nested(site, &r.id)) {
                embeds.entry(id).or_default().push(BoroughEmbed {
                    file,
                    range: r.range.clone(),
                    boroughs: boroughs.clone(),
                    why: why.clone(),
                });
            }
        }
    }
    // A quote placed in a borough (shown with its borough) is listed under
    // it, with every quote it embeds, and its page is about that borough:
    // a quote it links with words of its own is read as said there too
    // (red team, round 9: field notes of Borough A linking a GP's quote).
    // (Field notes always show their borough, whatever `attribution:` says.)
    for (q, quote) in QuoteIx::each(&project.quotes) {
        let Some(borough) = site.quote_borough[q].filter(|_| site.published_borough(q).is_some())
        else {
            continue;
        };
        for r in quote
            .refs
            .iter()
            .filter(|r| r.kind == crate::model::Kind::Quote)
        {
            let why = Why::Page(match r.embed {
                true => "it is set in a quote attributed to",
                false => "it is linked from a quote attributed to",
            });
            for id in std::iter::once(r.id.as_str()).chain(nested(site, &r.id)) {
                embeds.entry(id).or_default().push(BoroughEmbed {
                    file: quote.file,
                    range: r.range.clone(),
                    boroughs: vec![borough],
                    why: why.clone(),
                });
            }
        }
    }
    embeds
}

/// The quotes a quote shows set in its text: those it embeds, and those
/// they embed, each once, down to one level past the deepest nesting a
/// build allows (deeper is refused elsewhere, as is an embed loop), so a
/// long chain costs a bounded walk per quote.
pub(super) fn nested<'p>(site: &Site<'p>, id: &str) -> Vec<&'p str> {
    let project = site.project;
    let mut seen: Vec<&'p str> = Vec::new();
    let mut met: crate::hash::FastSet<&str> = crate::hash::FastSet::default();
    let mut level: Vec<QuoteIx> = site.quote(id).into_iter().collect();
    for _ in 0..=crate::resolve::MAX_EMBED_DEPTH {
        let mut next = Vec::new();
        for q in level {
            for r in project.quotes[q]
                .refs
                .iter()
                .filter(|r| r.embed && r.kind == crate::model::Kind::Quote)
            {
                if r.id != id && met.insert(r.id.as_str()) {
                    seen.push(r.id.as_str());
                    next.extend(site.quote(&r.id));
                }
            }
        }
        if next.is_empty() {
            break;
        }
        level = next;
    }
    seen
}

/// A quote embedded in a borough's report or in a borough's pathway map, or
/// in a page whose titles name some boroughs, is read as coming from
/// there, whatever its attribution leaves out: the group is then counted
/// there, and reported at the embed.
pub(super) fn check_borough_embeds(
    site: &Site,
    q: QuoteIx,
    who: &Participant,
    fields: &[AttributionField],
    embeds: &[BoroughEmbed],
    out: &mut Vec<Diagnostic>,
) {
    let project = site.project;
    let k = project.config.k;
    for embed in embeds {
        let size = crowd_in(
            &project.participants,
            who,
            fields,
            (&project.config.attribution, k),
            &embed.boroughs,
        );
        if size >= k {
            continue;
        }
        let places: Vec<&str> = embed
            .boroughs
            .iter()
            .map(|b| site.borough_title(b))
            .collect();
        let places = places.join(" and ");
        let sources = &project.sources;
        let (why, label, fix) = match &embed.why {
            Why::Page(why) => (
                format!("{why} {places}"),
                "the page's borough narrows down who said it".to_string(),
                "embed a quote attributed by borough instead, embed it on a page that is not about one borough, or leave it out".to_string(),
            ),
            Why::Title => (
                format!("this page is printed under a title naming {places}"),
                "the page's borough narrows down who said it".to_string(),
                "retitle the page so that it names no borough, or embed a quote attributed by borough instead, or leave it out".to_string(),
            ),
            Why::Address(address, file) => (
                format!(
                    "this page {} the address {address} (made from the file {}), which names {places}",
                    match *file == embed.file {
                        true => "is published at",
                        false => "shows",
                    },
                    sources.get(*file).name
                ),
                format!("the address {address} narrows down who said it"),
                "rename the file so that its name says no borough (and change the links to it), or embed a quote attributed by borough instead, or leave it out".to_string(),
            ),
        };
        out.push(
            Diagnostic::error(
                "anonymity::small-group-in-context",
                format!(
                    "{why}, so readers learn the quote “{}” comes from there, where only {size} of the study's participants can have said it; at least {k} must",
                    site.attribution(q)
                ),
            )
            .at(crate::source::Span::new(embed.file, embed.range.clone()))
            .label(label)
            .fix(fix),
        );
    }
}

/// Where a finding shows the quote `mention`: an embed, its place in
/// `quotes:`, or a link in its text.
pub(super) fn mention_span(
    finding: &crate::model::Finding,
    yaml: &Yaml,
    mention: &str,
) -> crate::source::Span {
    let at = |embed: bool| {
        finding
            .refs
            .iter()
            .find(|r| r.embed == embed && r.kind == crate::model::Kind::Quote && r.id == mention)
            .map(|r| crate::source::Span::new(finding.file, r.range.clone()))
    };
    at(true)
        .or_else(|| {
            finding
                .meta
                .quotes
                .iter()
                .any(|id| id == mention)
                .then(|| yaml.value_span("quotes", mention))
        })
        .or_else(|| at(false))
        .unwrap_or_else(|| yaml.value_span("quotes", mention))
}
