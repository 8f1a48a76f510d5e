//! Attribution groups: a quote's attribution (the values of its attribution
//! fields) must be shared by at least `k` participants who have not
//! withdrawn, or readers who know the team can tell who said it. When a
//! group is too small, the message names its size and a coarser attribution
//! that would pass.

use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::model::{AttributionField, Consent, Participant};
use crate::resolve::Site;
use crate::yaml::Yaml;

const ALL_FIELDS: [AttributionField; 4] = [
    AttributionField::Role,
    AttributionField::Sector,
    AttributionField::Level,
    AttributionField::Borough,
];

fn value(participant: &Participant, field: AttributionField) -> String {
    match field {
        AttributionField::Role => role_key(&participant.role),
        AttributionField::Sector => participant.sector.label().to_string(),
        AttributionField::Level => participant.level.map_or("", |l| l.label()).to_string(),
        AttributionField::Borough => participant.borough.clone(),
    }
}

/// The form in which two spellings of a role are the same role: Unicode
/// compatibility-normalised, lowercase, one space between words.
pub fn role_key(role: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = role.nfkc().collect::<String>().to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Readers see `district nurse` and `District nurse` as one role, so the
/// registry's spellings of one role are merged: every participant gets the
/// most common spelling (the first written, on a tie), which is counted
/// and printed; each other spelling is warned about where it is first
/// written.
pub fn merge_role_spellings(
    participants: &mut [Participant],
    yaml: &Yaml,
    out: &mut Vec<Diagnostic>,
) {
    // For each role, its spellings in first-written order, with how many
    // use each and where each is first written.
    let mut roles: FastMap<String, Vec<(String, usize, usize)>> = FastMap::default();
    let mut order = Vec::new();
    for (index, p) in participants.iter().enumerate() {
        let key = role_key(&p.role);
        let spellings = roles.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            Vec::new()
        });
        match spellings.iter_mut().find(|(s, ..)| *s == p.role) {
            Some((_, count, _)) => *count += 1,
            None => spellings.push((p.role.clone(), 1, index)),
        }
    }
    for key in order {
        let spellings = &roles[&key];
        if spellings.len() < 2 {
            continue;
        }
        let chosen = spellings
            .iter()
            .enumerate()
            .max_by_key(|(i, (_, count, _))| (*count, std::cmp::Reverse(*i)))
            .map(|(_, (s, ..))| s.clone())
            .expect("two spellings");
        for (spelling, count, first) in spellings.iter().filter(|(s, ..)| *s != chosen) {
            let times = if *count == 1 {
                "once".to_string()
            } else {
                format!("{count} times")
            };
            out.push(
                Diagnostic::warning(
                    "participants::role-spelling",
                    format!(
                        "the role “{}” is spelt “{spelling}” here ({times}); readers see one role, so these participants are counted with the others and attributed as “{}”",
                        chosen.trim(),
                        chosen.trim()
                    ),
                )
                .at(yaml.value_span_nth("role", spelling, *first))
                .label("another spelling of the same role")
                .fix(format!("spell the role the same way for every participant: `role: {}`", chosen.trim())),
            );
        }
        for p in participants.iter_mut() {
            if role_key(&p.role) == key {
                p.role = chosen.clone();
            }
        }
    }
}

/// How many participants who have not withdrawn share `who`'s values of `fields`.
pub fn group_size(
    participants: &[Participant],
    who: &Participant,
    fields: &[AttributionField],
) -> usize {
    participants
        .iter()
        .filter(|p| p.consent != Consent::Withdrawn)
        .filter(|p| fields.iter().all(|&f| value(p, f) == value(who, f)))
        .count()
}

/// The most informative attribution that passes, closest to the one asked for.
pub fn coarser(
    participants: &[Participant],
    who: &Participant,
    wanted: &[AttributionField],
    k: usize,
) -> Option<Vec<AttributionField>> {
    let mut candidates: Vec<Vec<AttributionField>> = (1u8..16)
        .map(|mask| {
            ALL_FIELDS
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, f)| *f)
                .collect()
        })
        .filter(|fields: &Vec<AttributionField>| {
            (who.level.is_some() || !fields.contains(&AttributionField::Level))
                && group_size(participants, who, fields) >= k
        })
        .collect();
    candidates.sort_by_key(|fields| {
        let kept = fields.iter().filter(|f| wanted.contains(f)).count();
        let has_borough = fields.contains(&AttributionField::Borough);
        (
            std::cmp::Reverse(fields.len()),
            std::cmp::Reverse(kept),
            std::cmp::Reverse(has_borough),
        )
    });
    candidates.into_iter().next()
}

fn names(fields: &[AttributionField]) -> String {
    fields
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A finding that holds in only some boroughs tells readers where the quotes
/// it cites come from, even when a quote's attribution leaves the borough
/// out. The group is then counted within those boroughs.
fn check_context(
    site: &Site,
    q: usize,
    who: &Participant,
    fields: &[AttributionField],
    containers: &FastMap<&str, Vec<usize>>,
    out: &mut Vec<Diagnostic>,
) {
    let project = site.project;
    let k = project.config.k;
    let quote_id = &project.quotes[q].id;
    // The findings that cite it, and those that cite a quote it is set in
    // (found at that quote's mention).
    let mut shown: Vec<(usize, &str)> = site.quote_findings[q]
        .iter()
        .map(|&f| (f, quote_id.as_str()))
        .collect();
    for &outer in containers.get(quote_id.as_str()).into_iter().flatten() {
        let mention = project.quotes[outer].id.as_str();
        shown.extend(site.quote_findings[outer].iter().map(|&f| (f, mention)));
    }
    for (f, mention) in shown {
        let finding = &project.findings[f];
        let boroughs = &finding.meta.boroughs;
        if boroughs.is_empty() {
            continue;
        }
        let boroughs: Vec<&str> = boroughs.iter().map(String::as_str).collect();
        let size = group_size_in(&project.participants, who, fields, &boroughs);
        if size >= k {
            continue;
        }
        let yaml = Yaml::new(
            finding.file,
            project.sources.get(finding.file),
            finding.yaml.clone(),
        );
        let span = match finding.refs.iter().find(|r| r.embed && r.id == mention) {
            Some(reference) => crate::source::Span::new(finding.file, reference.range.clone()),
            None => yaml.value_span("quotes", mention),
        };
        let places: Vec<&str> = boroughs.iter().map(|b| site.borough_title(b)).collect();
        out.push(
            Diagnostic::error(
                "anonymity::small-group-in-context",
                format!(
                    "this finding holds in {}, so readers learn the quote “{}” comes from there, where only {size} of the study's participants share that attribution; at least {k} must",
                    places.join(" and "),
                    site.attribution(q)
                ),
            )
            .at(span)
            .label("the finding's boroughs narrow down who said it")
            .fix("cite a quote attributed by borough instead, cite it from a finding that holds in more boroughs, or leave it out of this finding"),
        );
    }
}

/// How many participants who have not withdrawn, in one of `boroughs`,
/// share `who`'s values of `fields`.
fn group_size_in(
    participants: &[Participant],
    who: &Participant,
    fields: &[AttributionField],
    boroughs: &[&str],
) -> usize {
    participants
        .iter()
        .filter(|p| p.consent != Consent::Withdrawn && boroughs.contains(&p.borough.as_str()))
        .filter(|p| fields.iter().all(|&f| value(p, f) == value(who, f)))
        .count()
}

/// A quote embedded in one borough's page: where, which borough, and why
/// the page places it there.
struct BoroughEmbed<'p> {
    file: crate::source::FileId,
    range: std::ops::Range<usize>,
    borough: &'p str,
    why: &'static str,
}

/// Every quote embed in a borough's report or a pathway map (each of one
/// borough), by quote id.
fn borough_embeds<'p>(site: &Site<'p>) -> FastMap<&'p str, Vec<BoroughEmbed<'p>>> {
    let project = site.project;
    let boroughs = project
        .boroughs
        .iter()
        .map(|d| (d.file, d.id.as_str(), &d.refs, "this is the report of"));
    let pathways = project.pathways.iter().map(|d| {
        (
            d.file,
            d.meta.borough.as_str(),
            &d.refs,
            "this is a pathway map of",
        )
    });
    let mut embeds: FastMap<&str, Vec<BoroughEmbed>> = FastMap::default();
    for (file, borough, refs, why) in boroughs.chain(pathways) {
        for r in refs
            .iter()
            .filter(|r| r.embed && r.kind == crate::model::Kind::Quote)
        {
            // The quote, and every quote it shows set in its text.
            for id in std::iter::once(r.id.as_str()).chain(nested(site, &r.id)) {
                embeds.entry(id).or_default().push(BoroughEmbed {
                    file,
                    range: r.range.clone(),
                    borough,
                    why,
                });
            }
        }
    }
    // A quote placed in a borough (shown with its borough) is listed under
    // it, with every quote it embeds.
    // (Field notes always show their borough, whatever `attribution:` says.)
    for (q, quote) in project.quotes.iter().enumerate() {
        let Some(borough) = site.quote_borough[q].filter(|_| site.published_borough(q).is_some())
        else {
            continue;
        };
        for r in quote
            .refs
            .iter()
            .filter(|r| r.embed && r.kind == crate::model::Kind::Quote)
        {
            for id in std::iter::once(r.id.as_str()).chain(nested(site, &r.id)) {
                embeds.entry(id).or_default().push(BoroughEmbed {
                    file: quote.file,
                    range: r.range.clone(),
                    borough,
                    why: "it is set in a quote attributed to",
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
fn nested<'p>(site: &Site<'p>, id: &str) -> Vec<&'p str> {
    let project = site.project;
    let mut seen: Vec<&'p str> = Vec::new();
    let mut met: crate::hash::FastSet<&str> = crate::hash::FastSet::default();
    let mut level: Vec<usize> = site
        .lookup(crate::model::Kind::Quote, id)
        .into_iter()
        .collect();
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
                    next.extend(site.lookup(crate::model::Kind::Quote, &r.id));
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

/// A quote embedded in a borough's report or in a borough's pathway map is
/// read as coming from that borough, whatever its attribution leaves out:
/// the group is then counted there, and reported at the embed.
fn check_borough_embeds(
    site: &Site,
    q: usize,
    who: &Participant,
    fields: &[AttributionField],
    embeds: &[BoroughEmbed],
    out: &mut Vec<Diagnostic>,
) {
    let project = site.project;
    let k = project.config.k;
    for embed in embeds {
        let size = group_size_in(&project.participants, who, fields, &[embed.borough]);
        if size >= k {
            continue;
        }
        out.push(
            Diagnostic::error(
                "anonymity::small-group-in-context",
                format!(
                    "{} {}, so readers learn the quote “{}” comes from there, where only {size} of the study's participants share that attribution; at least {k} must",
                    embed.why,
                    site.borough_title(embed.borough),
                    site.attribution(q)
                ),
            )
            .at(crate::source::Span::new(embed.file, embed.range.clone()))
            .label("the page's borough narrows down who said it")
            .fix("embed a quote attributed by borough instead, embed it on a page that is not about one borough, or leave it out"),
        );
    }
}

/// What the gate needs to hold every generated page to `k`: a page about
/// one or some boroughs (a borough's report, a pathway map, a finding that
/// holds in some boroughs, a quote shown with its borough) tells readers
/// that every quote it shows comes from there, however the quote got onto
/// it (an embed, a summary, a list). The source checks find this where the
/// embeds are written; this is the same rule held to the pages as made.
#[derive(Default)]
pub struct Pages {
    k: usize,
    participants: Vec<Participant>,
    /// The boroughs a page made from this file is about.
    about: FastMap<FileId, Vec<String>>,
    /// The quotes of consenting participants, by their file.
    quotes: FastMap<FileId, Shown>,
    /// Where each quote is embedded (`true`) or linked, by quote id.
    cited: FastMap<String, Vec<(Span, bool)>>,
    /// Each finding's `summary:` as read, and where it is written.
    summaries: std::collections::BTreeMap<FileId, (String, Span)>,
    /// Borough titles, by id.
    titles: FastMap<String, String>,
}

/// A quote as the page check needs it.
struct Shown {
    id: String,
    participant: usize,
    fields: Vec<AttributionField>,
    attribution: String,
    /// Reported already by the source checks.
    reported: bool,
}

use crate::source::{FileId, Sources, Span};

impl Pages {
    /// Gathers the pages' boroughs and the quotes from `site`; `reported`
    /// are the quotes [`check`] reported.
    pub fn new(site: &Site, reported: &[usize]) -> Pages {
        let project = site.project;
        let mut about: FastMap<FileId, Vec<String>> = FastMap::default();
        for borough in &project.boroughs {
            about.insert(borough.file, vec![borough.id.clone()]);
        }
        for pathway in &project.pathways {
            about.insert(pathway.file, vec![pathway.meta.borough.clone()]);
        }
        for finding in &project.findings {
            if !finding.meta.boroughs.is_empty() {
                about.insert(finding.file, finding.meta.boroughs.clone());
            }
        }
        let mut quotes = FastMap::default();
        let mut cited: FastMap<String, Vec<(Span, bool)>> = FastMap::default();
        for (q, quote) in project.quotes.iter().enumerate() {
            if let Some(borough) = site.published_borough(q) {
                about.insert(quote.file, vec![borough.to_string()]);
            }
            let Some(p) = site.quote_participant[q] else {
                continue;
            };
            if project.participants[p].consent != Consent::Given {
                continue; // the consent check reports these
            }
            if site
                .attribution_fields(q)
                .contains(&AttributionField::Borough)
            {
                continue; // it says its own borough, whatever page it is on
            }
            quotes.insert(
                quote.file,
                Shown {
                    id: quote.id.clone(),
                    participant: p,
                    fields: site.attribution_fields(q).to_vec(),
                    attribution: site.attribution(q),
                    reported: reported.contains(&q),
                },
            );
        }
        let docs = project
            .boroughs
            .iter()
            .map(|d| (d.file, &d.refs))
            .chain(project.codes.iter().map(|d| (d.file, &d.refs)))
            .chain(project.quotes.iter().map(|d| (d.file, &d.refs)))
            .chain(project.findings.iter().map(|d| (d.file, &d.refs)))
            .chain(project.pathways.iter().map(|d| (d.file, &d.refs)))
            .chain(project.pages.iter().map(|d| (d.file, &d.refs)))
            .chain(project.landing.iter().map(|d| (d.file, &d.refs)));
        for (file, refs) in docs {
            for r in refs.iter().filter(|r| r.kind == crate::model::Kind::Quote) {
                let span = Span::new(file, r.range.clone());
                cited.entry(r.id.clone()).or_default().push((span, r.embed));
            }
        }
        let mut summaries = std::collections::BTreeMap::new();
        for finding in &project.findings {
            if let Some(summary) = &finding.meta.summary {
                let source = project.sources.get(finding.file);
                let yaml = Yaml::new(finding.file, source, finding.yaml.clone());
                let span = yaml
                    .key_span("summary")
                    .unwrap_or_else(|| yaml.start_span());
                summaries.insert(finding.file, (summary.clone(), span));
            }
        }
        let titles = project
            .boroughs
            .iter()
            .map(|b| (b.id.clone(), b.meta.title.clone()))
            .collect();
        Pages {
            k: project.config.k,
            participants: project.participants.clone(),
            about,
            quotes,
            cited,
            summaries,
            titles,
        }
    }

    /// Where to point for `quote` shown on a page made from `origin` that
    /// shows `shown`: an embed there, a summary that sets it, where the
    /// text there names it, a link there, then anywhere.
    fn place(&self, sources: &Sources, quote: &Shown, origin: FileId, shown: &[FileId]) -> Span {
        let on_page = |file: FileId| file == origin || shown.contains(&file);
        let cited = self.cited.get(&quote.id).map_or(&[][..], Vec::as_slice);
        let embed = cited.iter().find(|(s, embed)| *embed && on_page(s.file));
        let mention = format!("quote:{}", quote.id);
        let summary = || {
            self.summaries
                .values()
                .find(|(text, _)| text.contains(&mention))
                .map(|(_, span)| span.clone())
        };
        let written = || {
            std::iter::once(&origin).chain(shown).find_map(|&file| {
                let at = sources.get(file).text.find(&mention)?;
                Some(Span::new(file, at..at + mention.len()))
            })
        };
        let link = || {
            cited
                .iter()
                .find(|(s, _)| on_page(s.file))
                .map(|(s, _)| s.clone())
        };
        embed
            .map(|(s, _)| s.clone())
            .or_else(summary)
            .or_else(written)
            .or_else(link)
            .or(cited.first().map(|(s, _)| s.clone()))
            .unwrap_or_else(|| Span::file_start(origin))
    }

    /// Whether every quote a page made from `origin` shows (`shown`) is
    /// shared by at least `k` participants in the boroughs the page is
    /// about (what [`Pages::check`] reports, for one page, without a
    /// message).
    pub fn holds(&self, origin: FileId, shown: &[FileId]) -> bool {
        let Some(boroughs) = self.about.get(&origin) else {
            return true;
        };
        let places: Vec<&str> = boroughs.iter().map(String::as_str).collect();
        shown
            .iter()
            .filter(|&&f| f != origin)
            .filter_map(|file| self.quotes.get(file))
            .all(|quote| {
                let who = &self.participants[quote.participant];
                group_size_in(&self.participants, who, &quote.fields, &places) >= self.k
            })
    }

    /// Every quote shown on a page about some boroughs whose attribution
    /// is shared by fewer than `k` participants there, once per quote:
    /// `pages` gives each page's path, the file it is made from and the
    /// files whose text it shows.
    pub fn check<'a>(
        &self,
        sources: &Sources,
        pages: impl Iterator<Item = (&'a str, FileId, Vec<FileId>)>,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut done: Vec<FileId> = Vec::new();
        // Thousands of pages show quotes of a few dozen speakers, about a
        // few boroughs.
        let mut sizes: FastMap<(usize, &[AttributionField], FileId), usize> = FastMap::default();
        for (page, origin, shown) in pages {
            let Some(boroughs) = self.about.get(&origin) else {
                continue;
            };
            let places: Vec<&str> = boroughs.iter().map(String::as_str).collect();
            let titles: Vec<&str> = boroughs
                .iter()
                .map(|b| self.titles.get(b).map_or(b.as_str(), String::as_str))
                .collect();
            for file in shown.iter().filter(|&&f| f != origin) {
                let Some(quote) = self.quotes.get(file) else {
                    continue;
                };
                if quote.reported || done.contains(file) {
                    continue;
                }
                let who = &self.participants[quote.participant];
                let size = *sizes
                    .entry((quote.participant, &quote.fields, origin))
                    .or_insert_with(|| {
                        group_size_in(&self.participants, who, &quote.fields, &places)
                    });
                if size >= self.k {
                    continue;
                }
                done.push(*file);
                let span = self.place(sources, quote, origin, &shown);
                let k = self.k;
                out.push(
                    Diagnostic::error(
                        "anonymity::small-group-in-context",
                        format!(
                            "the generated page {page} is about {}, so readers learn the quote “{}” comes from there, where only {size} of the study's participants share that attribution; at least {k} must",
                            titles.join(" and "),
                            quote.attribution
                        ),
                    )
                    .at(span)
                    .label(format!("this puts the quote on {page}"))
                    .fix("show a quote attributed by borough instead, show it on a page that is not about one borough, or leave it out"),
                );
            }
        }
    }
}

/// Reports every quote whose attribution group is smaller than `k`, in
/// the study or where it is shown; says which quotes it reported.
pub fn check(site: &Site, out: &mut Vec<Diagnostic>) -> Vec<usize> {
    let mut reported = Vec::new();
    let project = site.project;
    let k = project.config.k;
    // Thousands of quotes share a few dozen speakers and attributions.
    let mut sizes: FastMap<(usize, &[AttributionField]), usize> = FastMap::default();
    let embeds = borough_embeds(site);
    // For each quote set in others, those it is set in.
    let mut containers: FastMap<&str, Vec<usize>> = FastMap::default();
    for (outer, quote) in project.quotes.iter().enumerate() {
        if quote.refs.iter().any(|r| r.embed) {
            for id in nested(site, &quote.id) {
                containers.entry(id).or_default().push(outer);
            }
        }
    }
    for (q, quote) in project.quotes.iter().enumerate() {
        let Some(p) = site.quote_participant[q] else {
            continue;
        };
        let who = &project.participants[p];
        if who.consent != Consent::Given {
            continue; // the consent check reports these
        }
        let fields = site.attribution_fields(q);
        let size = *sizes
            .entry((p, fields))
            .or_insert_with(|| group_size(&project.participants, who, fields));
        reported.push(q);
        if size >= k {
            let before = out.len();
            if !fields.contains(&AttributionField::Borough) {
                check_context(site, q, who, fields, &containers, out);
                if let Some(embeds) = embeds.get(quote.id.as_str()) {
                    check_borough_embeds(site, q, who, fields, embeds, out);
                }
            }
            if out.len() == before {
                reported.pop();
            }
            continue;
        }
        let yaml = Yaml::new(
            quote.file,
            project.sources.get(quote.file),
            quote.yaml.clone(),
        );
        let span = match &quote.meta.attribution {
            Some(_) => yaml
                .key_span("attribution")
                .unwrap_or_else(|| yaml.start_span()),
            None => yaml.value_span("participant", &who.id),
        };
        let people = if size == 1 {
            "participant".to_string()
        } else {
            "participants".to_string()
        };
        let diagnostic = Diagnostic::error(
            "anonymity::small-group",
            format!(
                "this quote would be attributed as “{}”, a group of {size} {people} in the study; at least {k} must share an attribution",
                site.attribution(q)
            ),
        )
        .at(span)
        .label(format!("attributed by [{}]", names(fields)));
        out.push(match coarser(&project.participants, who, fields, k) {
            Some(better) => diagnostic.fix(format!(
                "attribute it more coarsely: add `attribution: [{}]` to this quote ({} participants share that)",
                names(&better),
                group_size(&project.participants, who, &better)
            )),
            None => diagnostic.fix("no attribution is shared by enough participants: leave this quote out, or use it unattributed in field notes"),
        });
    }
    reported
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Sector;

    fn person(role: &str, sector: Sector, borough: &str, consent: Consent) -> Participant {
        Participant {
            id: format!("{role}-{borough}"),
            role: role.into(),
            sector,
            level: None,
            borough: borough.into(),
            consent,
        }
    }

    fn study() -> Vec<Participant> {
        vec![
            person("GP", Sector::PrimaryCare, "b", Consent::Given),
            person("Practice nurse", Sector::PrimaryCare, "b", Consent::Given),
            person(
                "Practice manager",
                Sector::PrimaryCare,
                "b",
                Consent::NoQuotes,
            ),
            person("GP", Sector::PrimaryCare, "a", Consent::Given),
            person("GP", Sector::PrimaryCare, "c", Consent::Withdrawn),
        ]
    }

    #[test]
    fn withdrawn_participants_do_not_count_and_no_quotes_do() {
        let people = study();
        let gp = &people[0];
        use AttributionField::*;
        assert_eq!(group_size(&people, gp, &[Role, Borough]), 1);
        assert_eq!(group_size(&people, gp, &[Role]), 2);
        assert_eq!(group_size(&people, gp, &[Sector, Borough]), 3);
    }

    #[test]
    fn suggests_the_most_informative_passing_attribution() {
        let people = study();
        use AttributionField::*;
        let better = coarser(&people, &people[0], &[Role, Borough], 3).unwrap();
        assert_eq!(better, vec![Sector, Borough]);
        assert!(coarser(&people, &people[0], &[Role, Borough], 10).is_none());
    }

    #[test]
    fn role_spellings_compare_without_case_space_or_width() {
        assert_eq!(role_key("  District   Nurse "), role_key("district nurse"));
        assert_eq!(role_key("Ｇ Ｐ"), role_key("g p"));
        assert_ne!(role_key("District nurse"), role_key("Practice nurse"));
    }

    #[test]
    fn role_spellings_merge_into_the_most_common() {
        let text = "participants:\n  - {role: district nurse}\n  - {role: District nurse}\n  - {role: District nurse}\n";
        let mut sources = crate::source::Sources::default();
        let file = sources.add(crate::source::SourceFile::new(
            "content/participants.yaml",
            text,
        ));
        let yaml = Yaml::new(file, sources.get(file), 0..text.len());
        let mut people: Vec<Participant> = ["district nurse", "District nurse", "District nurse"]
            .iter()
            .map(|r| person(r, Sector::Health, "b", Consent::Given))
            .collect();
        let mut out = Vec::new();
        merge_role_spellings(&mut people, &yaml, &mut out);
        assert!(people.iter().all(|p| p.role == "District nurse"));
        assert_eq!(out.len(), 1);
        let span = out[0].span.clone().unwrap();
        assert_eq!(&text[span.range], "district nurse");
        assert_eq!(
            group_size(&people, &people[0], &[AttributionField::Role]),
            3
        );
    }
}
