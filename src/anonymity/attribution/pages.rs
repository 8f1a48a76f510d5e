//! The attribution rule held to the pages as made, for the gate: a page
//! about some boroughs tells readers every quote it shows comes from
//! there, however the quote got onto it. What the sources say is checked
//! in `context.rs`.

use super::groups::crowd_in;
use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::model::{AttributionField, Consent, Participant};
use crate::resolve::{ParticipantIx, QuoteIx, Site};
use crate::source::{FileId, Sources, Span};
use crate::yaml::Yaml;

/// What the gate needs to hold every generated page to `k`: a page about
/// one or some boroughs (a borough's report, a pathway map, a finding that
/// holds in some boroughs, any page whose titles or address name some, a
/// quote shown with its borough) tells readers that every quote it shows
/// comes from there, however the quote got onto it (an embed, a summary,
/// a list). The source checks find this where the embeds are written; this
/// is the same rule held to the pages as made.
#[derive(Default)]
pub struct Pages {
    k: usize,
    /// The project's default attribution (`anonymity.attribution`).
    default: Vec<AttributionField>,
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
    /// The file of each quote [`Pages::quotes`] holds, by its id.
    by_id: FastMap<String, FileId>,
}

/// A quote as the page check needs it.
struct Shown {
    id: String,
    participant: ParticipantIx,
    fields: Vec<AttributionField>,
    attribution: String,
    /// Reported already by the source checks.
    reported: bool,
}

impl Pages {
    /// Gathers the pages' boroughs and the quotes from `site`; `reported`
    /// are the quotes [`super::check`] reported.
    pub fn new(site: &Site, reported: &[QuoteIx]) -> Pages {
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
        // A page printed under a title that names a borough (a code "The
        // Borough A hub", a free page "Our visit to Borough A", a finding
        // coded "The Borough A hub"), or published at an address that does
        // (`pages/borough-a-workshop.html`), tells a reader what it shows
        // was said there, as a borough's report does (red team, rounds 21,
        // 23 and 32).
        // What its front matter says comes first: a finding that holds in
        // some boroughs is about those.
        let titled = (project.codes.iter().map(|d| d.file))
            .chain(project.findings.iter().map(|d| d.file))
            .chain(project.pages.iter().map(|d| d.file))
            .chain(project.landing.iter().map(|d| d.file));
        for file in titled {
            let named = site.named_boroughs(file);
            if !named.is_empty() && !about.contains_key(&file) {
                about.insert(file, named.iter().map(|b| b.to_string()).collect());
            }
        }
        let mut quotes = FastMap::default();
        let mut cited: FastMap<String, Vec<(Span, bool)>> = FastMap::default();
        for (q, quote) in QuoteIx::each(&project.quotes) {
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
        let by_id = quotes
            .iter()
            .map(|(&file, quote): (&FileId, &Shown)| (quote.id.clone(), file))
            .collect();
        Pages {
            by_id,
            k: project.config.k,
            default: project.config.attribution.clone(),
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
    /// text there names it, a link there, its id written there, then
    /// anywhere.
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
        // The quote's id where the page's files spell it some other way
        // (an address with a backslash, a script, a `<base>`).
        let spelt = || {
            std::iter::once(&origin).chain(shown).find_map(|&file| {
                let at = sources.get(file).text.find(&quote.id)?;
                Some(Span::new(file, at..at + quote.id.len()))
            })
        };
        embed
            .map(|(s, _)| s.clone())
            .or_else(summary)
            .or_else(written)
            .or_else(link)
            .or_else(spelt)
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
        // A report leads to thousands of quotes of a few dozen speakers:
        // each speaker's group once.
        let mut asked: Vec<(ParticipantIx, &[AttributionField])> = Vec::new();
        shown
            .iter()
            .filter(|&&f| f != origin)
            .filter_map(|file| self.quotes.get(file))
            .all(|quote| {
                let key = (quote.participant, quote.fields.as_slice());
                if asked.contains(&key) {
                    return true;
                }
                asked.push(key);
                let who = &self.participants[quote.participant];
                crowd_in(&self.participants, who, &quote.fields, self.rule(), &places) >= self.k
            })
    }

    /// The default attribution and k, as [`crowd_in`] reads them.
    fn rule(&self) -> (&[AttributionField], usize) {
        (&self.default, self.k)
    }

    /// Whether a page made from `origin` is about some boroughs.
    pub fn is_about(&self, origin: FileId) -> bool {
        self.about.contains_key(&origin)
    }

    /// Whether every quote whose page a page made from `origin` leads to
    /// (`ids`) is shared by at least `k` participants in the boroughs the
    /// page is about: a reader takes a quote a page about Borough A leads
    /// to as said there, as one it shows (red team, rounds 8 and 10: a
    /// link by the quote page's address, or in a quote set on the page).
    pub fn holds_links(&self, origin: FileId, ids: &[String]) -> bool {
        let files: Vec<FileId> = ids
            .iter()
            .filter_map(|id| self.by_id.get(id).copied())
            .collect();
        self.holds(origin, &files)
    }

    /// [`Pages::check`] for the quotes whose pages each page leads to
    /// (see [`Pages::holds_links`]): `pages` gives each page's path, the
    /// file it is made from, the ids it leads to and the files it shows.
    pub fn check_links<'a>(
        &self,
        sources: &Sources,
        pages: impl Iterator<Item = (&'a str, FileId, &'a [String], Vec<FileId>)>,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut done: Vec<FileId> = Vec::new();
        for (page, origin, ids, shown) in pages {
            let Some((places, titles)) = self.boroughs_of(origin) else {
                continue;
            };
            for file in ids.iter().filter_map(|id| self.by_id.get(id)) {
                let Some(quote) = self.quotes.get(file) else {
                    continue;
                };
                if *file == origin || quote.reported || done.contains(file) {
                    continue;
                }
                let who = &self.participants[quote.participant];
                let size = crowd_in(&self.participants, who, &quote.fields, self.rule(), &places);
                if size >= self.k {
                    continue;
                }
                done.push(*file);
                let span = self.place(sources, quote, origin, &shown);
                out.push(self.small_group(page, &titles, quote, size, true).at(span));
            }
        }
    }

    /// The boroughs a page made from `origin` is about, by id and by
    /// title; `None` for a page about none.
    fn boroughs_of(&self, origin: FileId) -> Option<(Vec<&str>, Vec<&str>)> {
        let boroughs = self.about.get(&origin)?;
        let places = boroughs.iter().map(String::as_str).collect();
        let titles = boroughs
            .iter()
            .map(|b| self.titles.get(b).map_or(b.as_str(), String::as_str))
            .collect();
        Some((places, titles))
    }

    /// The error for `quote`, shared by `size` participants in the
    /// boroughs (`titles`) the generated `page` is about, which shows it,
    /// or `leads` to its page.
    fn small_group(
        &self,
        page: &str,
        titles: &[&str],
        quote: &Shown,
        size: usize,
        leads: bool,
    ) -> Diagnostic {
        let (k, titles) = (self.k, titles.join(" and "));
        let attribution = &quote.attribution;
        let (message, label, fix) = match leads {
            false => (
                format!(
                    "the generated page {page} is about {titles}, so readers learn the quote “{attribution}” comes from there, where only {size} of the study's participants can have said it; at least {k} must"
                ),
                format!("this puts the quote on {page}"),
                "show a quote attributed by borough instead, show it on a page that is not about one borough, or leave it out",
            ),
            true => (
                format!(
                    "the generated page {page} is about {titles} and leads to the quote “{attribution}”, so readers learn it comes from there, where only {size} of the study's participants can have said it; at least {k} must"
                ),
                format!("this leads to the quote from {page}"),
                "link the quote with `quote:ID` in a finding's summary (a borough's report then shows the words without the link), link a quote attributed by borough instead, or leave the link out",
            ),
        };
        Diagnostic::error("anonymity::small-group-in-context", message)
            .label(label)
            .fix(fix)
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
        let mut sizes: FastMap<(ParticipantIx, &[AttributionField], FileId), usize> =
            FastMap::default();
        for (page, origin, shown) in pages {
            let Some((places, titles)) = self.boroughs_of(origin) else {
                continue;
            };
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
                        crowd_in(&self.participants, who, &quote.fields, self.rule(), &places)
                    });
                if size >= self.k {
                    continue;
                }
                done.push(*file);
                let span = self.place(sources, quote, origin, &shown);
                out.push(self.small_group(page, &titles, quote, size, false).at(span));
            }
        }
    }
}
