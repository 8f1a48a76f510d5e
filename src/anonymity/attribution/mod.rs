//! Attribution groups: a quote's attribution (the values of its attribution
//! fields) must be shared by at least `k` participants who have not
//! withdrawn, or readers who know the team can tell who said it; and what
//! it leaves out of the project's default attribution must not narrow it
//! down below `k` either (readers know a field is left out where too few
//! share it). When a group is too small, the message names its size and a
//! coarser attribution that would pass.
//!
//! - this module: [`check`], every quote's group in the study and where it
//!   is shown;
//! - `groups.rs`: how many participants share an attribution, how many it
//!   can be narrowed down to by elimination, and a coarser one that would
//!   pass;
//! - `context.rs`: a quote's group where a page narrows it down (a
//!   finding's boroughs, a borough's report or map, a quote it is set in);
//! - `pages.rs`: the same rule held to the pages as made, for the gate;
//! - `short.rs`: a role written short (its initials, its plural, one of
//!   its words), as a quote's address and its words are read for it;
//! - `shown.rs`: what a reader sees with a quote (its words, the titles
//!   its links print, the titles its page shows with it), read once for
//!   the role and the borough;
//! - `beside.rs`: the titles a quote's page shows with it from other
//!   files (its codes', the findings that cite it), held to the same rule
//!   as its words.
//!
//! One role however it is spelt is the model's ([`crate::model::role_key`]),
//! and the registry's spellings are merged when it is read
//! ([`crate::parse::merge_role_spellings`]).

mod beside;
mod context;
mod groups;
mod pages;
mod short;
mod shown;

use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::model::{AttributionField, Consent, Kind};
use crate::resolve::{FindingIx, ParticipantIx, QuoteIx, Site};
use crate::yaml::Yaml;
use context::{borough_embeds, check_borough_embeds, check_context, nested};
use groups::names;
pub use groups::{coarser, finer, gives_away, group_size, suspects};
pub use pages::Pages;

/// The help when no attribution passes: none is shared by `k`, or each
/// that is leaves out what narrows it down below `k` ([`suspects`]).
const NONE_PASSES: &str = "no attribution is shared by enough participants without being narrowed down by what it leaves out: leave this quote out, or use it unattributed in field notes";

/// Reports every quote whose attribution group is smaller than `k`, in
/// the study or where it is shown; says which quotes it reported.
pub fn check(site: &Site, out: &mut Vec<Diagnostic>) -> Vec<QuoteIx> {
    let mut reported = Vec::new();
    let project = site.project;
    let k = project.config.k;
    // Thousands of quotes share a few dozen speakers and attributions.
    let mut sizes: FastMap<(ParticipantIx, &[AttributionField]), usize> = FastMap::default();
    let mut eliminated: FastMap<(ParticipantIx, &[AttributionField]), usize> = FastMap::default();
    // Each role as words say it and each borough's title, looked for in
    // quotes that leave them out, and what each title of another file
    // says, asked once.
    let mut titles = shown::Titles::new(site);
    let embeds = borough_embeds(site);
    // For each quote set in others, those it is set in.
    let mut containers: FastMap<&str, Vec<QuoteIx>> = FastMap::default();
    for (outer, quote) in QuoteIx::each(&project.quotes) {
        if quote.refs.iter().any(|r| r.embed) {
            for id in nested(site, &quote.id) {
                containers.entry(id).or_default().push(outer);
            }
        }
    }
    // For each quote linked from a published finding's text (not cited),
    // those findings: a link places it as a citation does (round 7).
    let mut linked: FastMap<&str, Vec<FindingIx>> = FastMap::default();
    for (f, finding) in FindingIx::each(&project.findings) {
        if !site.is_published_finding(f) {
            continue;
        }
        for r in finding
            .refs
            .iter()
            .filter(|r| r.kind == Kind::Quote && !r.embed)
        {
            let findings = linked.entry(r.id.as_str()).or_default();
            if !findings.contains(&f) {
                findings.push(f);
            }
        }
    }
    for (q, quote) in QuoteIx::each(&project.quotes) {
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
            let suspects = *eliminated.entry((p, fields)).or_insert_with(|| {
                suspects(
                    &project.participants,
                    who,
                    fields,
                    &project.config.attribution,
                    k,
                )
            });
            if gives_away(suspects, k) {
                out.push(by_elimination(site, q, who, fields, suspects));
            }
            check_address(site, q, who, fields, out);
            let leaves_out = |field| !fields.contains(&field);
            if leaves_out(AttributionField::Role) || leaves_out(AttributionField::Borough) {
                let shown = shown::Shown::of(site, q);
                let before = out.len();
                check_words(site, q, who, fields, &shown, &mut titles, out);
                if out.len() == before {
                    beside::check_role(site, q, who, fields, &shown, &mut titles, out);
                }
                if leaves_out(AttributionField::Borough) {
                    let before = out.len();
                    check_borough_words(site, q, who, fields, &shown, &titles, out);
                    if out.len() == before {
                        beside::check_boroughs(site, q, who, fields, &shown, &mut titles, out);
                    }
                }
            }
            if !fields.contains(&AttributionField::Borough) {
                let links = linked.get(quote.id.as_str()).map_or(&[][..], Vec::as_slice);
                check_context(site, q, who, fields, &containers, links, out);
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
        out.push(match coarser(
            &project.participants,
            who,
            fields,
            &project.config.attribution,
            k,
        ) {
            Some(better) => diagnostic.fix(format!(
                "attribute it more coarsely: add `attribution: [{}]` to this quote ({} participants share that)",
                names(&better),
                group_size(&project.participants, who, &better)
            )),
            None => diagnostic.fix(NONE_PASSES),
        });
    }
    reported
}

/// A quote attributed by fewer fields than the default ("District nurse"
/// where quotes say "District nurse, Borough B") tells readers that its
/// speaker's finer group is smaller than `k`: in a study where only
/// Borough A has fewer than `k` district nurses, it comes from one of
/// those (found by the red team). `suspects` is how many it is narrowed
/// down to, from 1 to `k` − 1.
fn by_elimination(
    site: &Site,
    q: QuoteIx,
    who: &crate::model::Participant,
    fields: &[AttributionField],
    suspects: usize,
) -> Diagnostic {
    let project = site.project;
    let k = project.config.k;
    let default = &project.config.attribution;
    let quote = &project.quotes[q];
    let left_out: Vec<AttributionField> = default
        .iter()
        .copied()
        .filter(|f| !fields.contains(f))
        .collect();
    let and = |fields: &[AttributionField]| -> String {
        let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => names.concat(),
        }
    };
    let yaml = Yaml::new(
        quote.file,
        project.sources.get(quote.file),
        quote.yaml.clone(),
    );
    let span = yaml
        .key_span("attribution")
        .unwrap_or_else(|| yaml.start_span());
    let people = if suspects == 1 {
        "participant"
    } else {
        "participants"
    };
    let diagnostic = Diagnostic::error(
        "anonymity::attribution-by-elimination",
        format!(
            "this quote would be attributed as “{}”, leaving out the {} that quotes show by default; readers who know that is done where fewer than {k} participants share {} can narrow it down to {suspects} {people}; at least {k} must remain",
            site.attribution(q),
            and(&left_out),
            and(&finer(fields, default)),
        ),
    )
    .at(span)
    .label(format!(
        "leaves out [{}] of the default attribution [{}]",
        names(&left_out),
        names(default)
    ));
    // The default leaves nothing out: where it is shared by `k`, it is
    // the plainest fix.
    let by_default = group_size(&project.participants, who, default);
    if by_default >= k {
        return diagnostic.fix(format!(
            "remove this line, so that the quote is attributed by the default [{}] ({by_default} participants share that)",
            names(default)
        ));
    }
    match coarser(&project.participants, who, fields, default, k) {
        Some(better) => diagnostic.fix(format!(
            "attribute it so that what it leaves out does not narrow it down: change this line to `attribution: [{}]` ({} participants share that)",
            names(&better),
            group_size(&project.participants, who, &better)
        )),
        None => diagnostic.fix(NONE_PASSES),
    }
}

/// A quote's page is published at its id (`quotes/ID.html`), which every
/// link to it shows: the id must not say the borough or role its
/// attribution leaves out (`a-gp-notes` for a quote attributed "GP", one
/// of a borough's few), or the address tells a reader what the
/// attribution hides (red team, round 12).
fn check_address(
    site: &Site,
    q: QuoteIx,
    who: &crate::model::Participant,
    fields: &[AttributionField],
    out: &mut Vec<Diagnostic>,
) {
    let quote = &site.project.quotes[q];
    let words = |text: &str| -> Vec<String> {
        crate::anonymity::identifiers::normalise(text)
            .split([' ', '.', '/'])
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let address = words(&quote.id);
    let says = |value: &str| says(&address, &words(value));
    let mut told: Vec<String> = Vec::new();
    let mut hinted: Option<(String, usize)> = None;
    if !fields.contains(&AttributionField::Borough) {
        let title = site.borough_title(&who.borough);
        if says(&who.borough) || says(title) {
            told.push(format!("its borough ({title})"));
        }
    }
    if !fields.contains(&AttributionField::Role) {
        let spelt_out = short::spelt_out(&who.role);
        if says(&who.role) {
            told.push(format!("its speaker's role ({})", who.role));
        } else if let Some(form) = spelt_out.into_iter().find(|form| says(form)) {
            told.push(format!("its speaker's role ({}) as “{form}”", who.role));
        } else if let Some((word, n)) = role_hint(site, who, fields, &address) {
            told.push(format!("its speaker's role ({}) as “{word}”", who.role));
            hinted = Some((word, n));
        }
    }
    if told.is_empty() {
        return;
    }
    out.push(
        Diagnostic::error(
            "anonymity::attribution-in-address",
            format!(
                "this quote's page would be published at quotes/{}.html, whose address says {}, which its attribution “{}” leaves out{}",
                quote.id,
                told.join(" and "),
                site.attribution(q),
                match hinted {
                    Some((word, n)) => format!(
                        ": only {n} of the participants it fits have a role “{word}” can stand for; at least {} must",
                        site.project.config.k
                    ),
                    None => String::new(),
                }
            ),
        )
        .at(crate::source::Span::file_start(quote.file))
        .label("this file's name becomes the quote's web address")
        .fix("rename the file so that its name says only what the quote is about (and change the links to it)"),
    );
}

/// Whether a quote's address (its words) says `value` (the words of a
/// borough's id or title, or of a role), as a reader reads it: its words
/// in a row (`a`, `borough-a`), the last with an interview number after it
/// (`a1`, `caseload-a3`, `borough-a2`), or its words run together, with a
/// number or without (`borougha`, `borougha1`: red team, round 16). Not
/// inside a longer word (`a` is in every word), nor where a letter stands
/// in "A and E" (`a-and-e-notes`, accident and emergency).
fn says(address: &[String], value: &[String]) -> bool {
    let numbered = |written: &str, word: &str| {
        written
            .strip_prefix(word)
            .is_some_and(|number| number.bytes().all(|b| b.is_ascii_digit()))
    };
    let Some((last, first)) = value.split_last() else {
        return false;
    };
    let a_and_e = |at: usize| {
        let words = |from: usize| address.get(from..from + 3);
        let is = |w: Option<&[String]>| w.is_some_and(|w| w == ["a", "and", "e"]);
        value.len() == 1 && (is(words(at)) || at.checked_sub(2).is_some_and(|from| is(words(from))))
    };
    let in_a_row = address.windows(value.len()).enumerate().any(|(at, words)| {
        words[..first.len()] == *first
            && numbered(&words[first.len()], last)
            && !(a_and_e(at) && words[first.len()] == *last)
    });
    let run_together = value.len() >= 2 && address.iter().any(|w| numbered(w, &value.concat()));
    in_a_row || run_together
}

/// A word of a quote's address (`address`, its words) that hints at its
/// speaker's role ([`short::hints`]: `dn`, `physio`, `dn2`, `dns`,
/// `hca`), which the attribution `fields` leave out, so that fewer than k
/// of those the attribution fits have a role it hints at (red team, round
/// 14: `dn-caseload-sixty` for a district nurse quoted "Health, Borough
/// A"; round 15). With how many it narrows the quote down to.
fn role_hint(
    site: &Site,
    who: &crate::model::Participant,
    fields: &[AttributionField],
    address: &[String],
) -> Option<(String, usize)> {
    let k = site.project.config.k;
    address
        .iter()
        .filter(|word| short::hints(word, &who.role))
        .map(|word| {
            let n = groups::group_size_where(&site.project.participants, who, fields, |p| {
                short::hints(word, &p.role)
            });
            (word.clone(), n)
        })
        .find(|&(_, n)| n < k)
}

/// A quote whose attribution leaves out its speaker's role must not say
/// the role in its own words ("As the GP here, …" in a quote attributed
/// "Primary care, Borough A"): the reader then has what the attribution
/// was made coarser to hide (red team, round 12). Nor in the plural or by
/// its initials ("Us district nurses …", "As the DN on the ward round":
/// round 16), as [`short::SaidRole`] reads it; nor by the title the site
/// prints for a link written without words (`[](finding:sw-view)`, "What
/// social workers told us": round 21), nor by the address a link leads to
/// (`findings/gp-letters.html`: round 32). Only the speaker's own role is
/// looked for: another's, in any form, says nothing of who spoke.
fn check_words<'s>(
    site: &'s Site,
    q: QuoteIx,
    who: &'s crate::model::Participant,
    fields: &[AttributionField],
    shown: &shown::Shown<'s>,
    titles: &mut shown::Titles<'s>,
    out: &mut Vec<Diagnostic>,
) {
    if fields.contains(&AttributionField::Role) || who.role.trim().is_empty() {
        return;
    }
    let quote = &site.project.quotes[q];
    let role = titles.role(&who.role);
    let said = |at, written: String, how: &str| {
        Diagnostic::error(
            "anonymity::role-in-words",
            format!(
                "this quote says its speaker's role ({}){written}, which its attribution “{}” leaves out{how}",
                who.role,
                site.attribution(q)
            ),
        )
        .at(crate::source::Span::new(quote.file, at))
    };
    let words = &shown.words;
    if let Some((hit, as_spelt)) = role.find(&words.text) {
        let written = match as_spelt {
            true => String::new(),
            false => format!(" as “{}”", words.text.get(hit.clone()).unwrap_or_default()),
        };
        out.push(
            said(words.to_source(hit), written, "")
                .label("the speaker's own role")
                .fix("replace it with a redaction in square brackets, such as `[my role]`, or leave this quote out"),
        );
        return;
    }
    // Untitled links are few: read each where it is.
    if let Some(link) = shown.linked.iter().find(|l| role.find(&l.title).is_some()) {
        out.push(
            said(
                link.range.clone(),
                String::new(),
                &format!(
                    ": a link written without words of its own shows the title of the {} it leads to, “{}”",
                    link.kind.scheme(),
                    link.title
                ),
            )
            .label("the site prints the title of what this leads to here")
            .fix("give the link words of your own that do not say the role (`[the finding](finding:ID)`), or remove it, or leave this quote out"),
        );
        return;
    }
    // Any link shows the address it leads to (round 32).
    let Some(link) = (shown.addressed.iter()).find(|l| role.find(&l.words).is_some()) else {
        return;
    };
    out.push(
        said(
            link.range.clone(),
            String::new(),
            &format!(
                ": a link in it leads to the address {}, made from the file {}, which says it",
                link.address,
                site.project.sources.get(link.file).name
            ),
        )
        .label("this link shows the address it leads to, which says the speaker's own role")
        .fix("remove this link, or rename the file it leads to so that its name says no role (and change the links to it), or leave this quote out"),
    );
}

/// A quote whose attribution leaves out its speaker's borough must not
/// name that borough in its own words ("Here in Borough A nobody reads
/// the notes", quoted "GP") where fewer than `k` of those the attribution
/// fits are there: the words place the quote in the borough, as a page
/// about it does ([`holds_in`]; red team, round 18). The borough is read
/// by its title as a listed term is (any case, across a line break, with a
/// possessive: "Borough A's practices"), by a link or embed leading to
/// its report or one of its pathway maps (round 19), by the title the
/// site prints for a link written without words (round 20) and by the
/// address a link leads to (`findings/borough-a-letters.html`: round 32), as
/// [`shown::Shown`] reads them. Another borough, named by any speaker,
/// says nothing of who spoke.
fn check_borough_words<'s>(
    site: &'s Site,
    q: QuoteIx,
    who: &'s crate::model::Participant,
    fields: &[AttributionField],
    shown: &shown::Shown<'s>,
    titles: &shown::Titles<'s>,
    out: &mut Vec<Diagnostic>,
) {
    let project = site.project;
    let k = project.config.k;
    let title = site.borough_title(&who.borough);
    let Some(matcher) = titles.borough(&who.borough) else {
        return; // a borough without a title cannot be named by it
    };
    let there = groups::crowd_in(
        &project.participants,
        who,
        fields,
        (&project.config.attribution, k),
        &[who.borough.as_str()],
    );
    if there >= k {
        return;
    }
    let quote = &project.quotes[q];
    let text = &project.sources.get(quote.file).text;
    // A link to the borough's report, or to one of its pathway maps or
    // the map set in the quote, names it too: the site prints the
    // borough's title there, or leads to a page about it (round 19); so
    // does a link written without words whose target's title names it,
    // and a link to those pages by their address (round 20).
    let about_it = |kind: Kind, id: &str| match kind {
        Kind::Borough => id == who.borough,
        Kind::Pathway => site
            .lookup(Kind::Pathway, id)
            .is_some_and(|p| project.pathways[p].meta.borough == who.borough),
        _ => false,
    };
    let leading = quote.refs.iter().find(|r| about_it(r.kind, &r.id));
    let titled = || {
        let by_title = shown
            .linked
            .iter()
            .find(|l| !matcher.find(&l.title).is_empty());
        // A link shows the address it leads to too (round 32).
        let by_address = || {
            (shown.addressed.iter())
                .find(|l| !matcher.find(&l.words).is_empty())
                .map(|l| l.range.clone())
        };
        by_title.map(|l| l.range.clone()).or_else(by_address)
    };
    let by_address = || {
        let written = crate::markdown::addresses(text, quote.body.clone());
        written.into_iter().find_map(|(range, dest)| {
            [Kind::Borough, Kind::Pathway].into_iter().find_map(|kind| {
                let id = crate::markdown::page_in(&dest, kind.folder())?;
                about_it(kind, &id).then(|| range.clone())
            })
        })
    };
    let words = &shown.words;
    let (at, label, fix) = match matcher.find(&words.text).into_iter().next() {
        Some(hit) => (
            words.to_source(hit.range),
            "the speaker's own borough",
            "replace it with a redaction in square brackets, such as `[this borough]`, or leave this quote out",
        ),
        None => match leading.map(|r| r.range.clone()).or_else(titled) {
            Some(range) => (
                range,
                "leads to a page about the speaker's own borough, or names it",
                "remove this link or map from the quote, or leave this quote out",
            ),
            None => match by_address() {
                Some(range) => (
                    range,
                    "leads to a page about the speaker's own borough",
                    "remove this link from the quote, or leave this quote out",
                ),
                None => return,
            },
        },
    };
    let people = if there == 1 { "is" } else { "are" };
    out.push(
        Diagnostic::error(
            "anonymity::borough-in-words",
            format!(
                "this quote names its speaker's borough ({title}), which its attribution “{}” leaves out: only {there} of the participants it fits {people} there; at least {k} must be",
                site.attribution(q)
            ),
        )
        .at(crate::source::Span::new(quote.file, at))
        .label(label)
        .fix(fix),
    );
}

/// Whether quote `q` may be linked from a page about `borough` alone (a
/// finding's summary on that borough's report): a reader takes what it
/// leads to as said there. It may when its attribution says its own
/// borough, or is shared by at least `k` participants in `borough`; a
/// quote of no participant names no one (as on the pages, [`Pages`]).
pub fn holds_in(site: &Site, q: QuoteIx, borough: &str) -> bool {
    let project = site.project;
    let fields = site.attribution_fields(q);
    let Some(p) = site.quote_participant[q] else {
        return true;
    };
    fields.contains(&AttributionField::Borough)
        || groups::crowd_in(
            &project.participants,
            &project.participants[p],
            fields,
            (&project.config.attribution, project.config.k),
            &[borough],
        ) >= project.config.k
}

#[cfg(test)]
mod tests;
