//! What a reader sees with a quote besides its attribution, read once for
//! both checks of what an attribution leaves out (the role and the
//! borough): its words, with the title the site prints for each link
//! written without words of its own; and the titles its page shows with
//! it from other files (its codes', and those of the findings that cite
//! it), each where the quote's author or a finding's author can change it.
//! Whether a title says a role or names a borough is asked once per title
//! ([`Titles`]), not once per quote.

use crate::hash::FastMap;
use crate::markdown::PlainText;
use crate::model::Kind;
use crate::resolve::{CodeIx, FindingIx, QuoteIx, Site};
use crate::source::Span;
use crate::yaml::Yaml;
use std::borrow::Cow;
use std::ops::Range;

/// A quote as a reader sees it.
pub(super) struct Shown<'s> {
    /// Its words (markup and character references read as the other
    /// checks read them).
    pub words: PlainText,
    /// Each link in it written without words of its own: where it is
    /// written, its target, and the title the site prints as its words.
    pub linked: Vec<Linked<'s>>,
    /// The titles its page shows with it, and the pages that list it
    /// under a title (see [`Beside`]).
    pub beside: Vec<Beside<'s>>,
    /// Each link in it to another page of the site, with words of its
    /// own or none: the page's address, which the link shows (in the
    /// status line, and printed after it), read as a title is (red team,
    /// round 32).
    pub addressed: Vec<Addressed>,
}

/// A link in a quote's words, by the address of the page it leads to.
pub(super) struct Addressed {
    /// Where it is written.
    pub range: Range<usize>,
    /// The address (`findings/gp-letters.html`).
    pub address: String,
    /// Its words, as a title is read ("gp letters").
    pub words: String,
    /// The file the page is made from.
    pub file: crate::source::FileId,
}

/// A link written without words (`[](finding:ID)`).
pub(super) struct Linked<'s> {
    pub range: Range<usize>,
    pub kind: Kind,
    pub title: Cow<'s, str>,
}

/// A title shown with the quote from another file: one of its codes (the
/// quote's page prints "Codes: …", the code's page lists the quote), a
/// code above one of them (whose page lists the quote too), a finding
/// that cites it (the quote's page lists it under "Cited in", and the
/// finding's page shows the quote under its title), or one of that
/// finding's codes (printed on the finding's page above the quote); or
/// the address of one of those pages, which its links, the address bar
/// and the printed page show (red team, round 32).
pub(super) struct Beside<'s> {
    /// The title, or the words of the address as a title is read
    /// ([`crate::resolve::address_words`]).
    pub title: Cow<'s, str>,
    /// What shows it, and so where to change it.
    pub by: By<'s>,
    /// Where `title` is the words of an address: the address
    /// (`codebook/gp-views.html`) and the file it is made from.
    pub address: Option<(String, crate::source::FileId)>,
}

impl Beside<'_> {
    /// How the title or address comes to be shown with the quote, to
    /// begin a message.
    pub(super) fn how(&self, site: &Site) -> String {
        let Some((address, file)) = &self.address else {
            return self.by.how(&self.title);
        };
        let file = &site.project.sources.get(*file).name;
        match self.by {
            By::Code(id, coded) if *address == crate::resolve::page_address(Kind::Code, id) => {
                format!(
                    "this quote is coded “{coded}”, and its page links to the code's page at the address {address} (made from the file {file})"
                )
            }
            By::Code(_, coded) => format!(
                "this quote is coded “{coded}”, under a code whose page, at the address {address} (made from the file {file}), lists it"
            ),
            By::Finding(f) => format!(
                "the finding “{}” cites this quote, and the quote's page links to it at the address {address} (made from the file {file})",
                site.project.findings[f].meta.title
            ),
            By::FindingCode(_, finding) => format!(
                "the finding “{finding}” cites this quote, and its page shows it below a code it links to at the address {address} (made from the file {file})"
            ),
        }
    }

    /// How the words go on, after [`Beside::how`]: the title, or the
    /// address, says what follows.
    pub(super) fn and_so(&self) -> &'static str {
        match self.address {
            None => ", and so",
            Some(_) => "; that address",
        }
    }
}

/// What shows a [`Beside`] title with the quote.
#[derive(Clone, Copy)]
pub(super) enum By<'s> {
    /// The code of this id in the quote's `codes:`, with its title (the
    /// title shown is its own or that of a code above it).
    Code(&'s str, &'s str),
    /// A published finding that cites the quote.
    Finding(FindingIx),
    /// A published finding that cites the quote, with its title: the
    /// title shown is one of its codes', which the finding's page prints
    /// above the quote (red team, round 23).
    FindingCode(FindingIx, &'s str),
}

impl By<'_> {
    /// Where to change it: the code's entry in the quote's `codes:`, or
    /// where the finding cites the quote. Found only to report.
    pub(super) fn span(self, site: &Site, q: QuoteIx) -> Span {
        let project = site.project;
        let quote = &project.quotes[q];
        match self {
            By::Code(id, _) => Yaml::new(
                quote.file,
                project.sources.get(quote.file),
                quote.yaml.clone(),
            )
            .value_span("codes", id),
            By::Finding(f) | By::FindingCode(f, _) => {
                let finding = &project.findings[f];
                let yaml = Yaml::new(
                    finding.file,
                    project.sources.get(finding.file),
                    finding.yaml.clone(),
                );
                super::context::mention_span(finding, &yaml, &quote.id)
            }
        }
    }

    /// How `title` comes to be shown with the quote, to begin a message.
    pub(super) fn how(self, title: &str) -> String {
        match self {
            By::Code(_, coded) if coded == title => {
                format!("this quote is coded “{title}”, which its page shows with it")
            }
            By::Code(_, coded) => format!(
                "this quote is coded “{coded}”, under the code “{title}”, whose page lists it"
            ),
            By::Finding(_) => format!(
                "the finding “{title}” cites this quote, whose page lists that title under “Cited in”"
            ),
            By::FindingCode(_, finding) => format!(
                "the finding “{finding}” cites this quote, and its page shows it below the finding's code “{title}”"
            ),
        }
    }
}

impl<'s> Shown<'s> {
    /// Reads quote `q` as a reader sees it.
    pub(super) fn of(site: &'s Site, q: QuoteIx) -> Shown<'s> {
        let project = site.project;
        let quote = &project.quotes[q];
        let mut words = PlainText::default();
        let text = &project.sources.get(quote.file).text;
        crate::markdown::plain_text(text, quote.body.clone(), &mut words);
        let linked = quote
            .refs
            .iter()
            .filter(|r| r.untitled)
            .filter_map(|r| {
                Some(Linked {
                    range: r.range.clone(),
                    kind: r.kind,
                    title: title_of(site, r.kind, &r.id)?,
                })
            })
            .collect();
        Shown {
            words,
            linked,
            beside: beside(site, q),
            addressed: addressed(site, q),
        }
    }
}

/// Every link in quote `q`'s words to a page of the site, by the address
/// it leads to: written `kind:ID`, or as the page's address
/// ([`crate::markdown::page_in`]), each once.
fn addressed(site: &Site, q: QuoteIx) -> Vec<Addressed> {
    let project = site.project;
    let quote = &project.quotes[q];
    let text = &project.sources.get(quote.file).text;
    let written = crate::markdown::addresses(text, quote.body.clone());
    let by_address = written.iter().flat_map(|(range, dest)| {
        Kind::ALL.into_iter().filter_map(|kind| {
            let id = crate::markdown::page_in(dest, kind.folder())?;
            Some((range.clone(), kind, id))
        })
    });
    let by_id = (quote.refs.iter()).map(|r| (r.range.clone(), r.kind, r.id.clone()));
    let mut found: Vec<Addressed> = Vec::new();
    for (range, kind, id) in by_id.chain(by_address) {
        let Some(file) = file_of(site, kind, &id) else {
            continue; // reported as unknown, or a page with no address of its own
        };
        let address = crate::resolve::page_address(kind, &id);
        if found
            .iter()
            .any(|a| a.address == address && a.range == range)
        {
            continue;
        }
        found.push(Addressed {
            range,
            words: crate::resolve::address_words(&id),
            address,
            file,
        });
    }
    found
}

/// The file the page of `kind` with `id` is made from, for a page
/// published at an address of its own (not the front page).
fn file_of(site: &Site, kind: Kind, id: &str) -> Option<crate::source::FileId> {
    let project = site.project;
    let i = site.lookup(kind, id)?;
    Some(match kind {
        Kind::Borough => project.boroughs[i].file,
        Kind::Code => project.codes[i].file,
        Kind::Quote => project.quotes[i].file,
        Kind::Finding => project.findings[i].file,
        Kind::Pathway => project.pathways[i].file,
        Kind::Page => project.pages[i].file,
        Kind::Landing => return None,
    })
}

/// The title the site prints for a link to `kind:id` written without
/// words of its own (as the renderer's `title_of`): a quote's is its
/// attribution.
pub(super) fn title_of<'s>(site: &'s Site, kind: Kind, id: &str) -> Option<Cow<'s, str>> {
    let project = site.project;
    let i = site.lookup(kind, id)?;
    Some(match kind {
        Kind::Borough => Cow::Borrowed(project.boroughs[i].meta.title.as_str()),
        Kind::Code => Cow::Borrowed(project.codes[i].meta.title.as_str()),
        Kind::Quote => Cow::Owned(format!("Quote: {}", site.attribution(QuoteIx(i)))),
        Kind::Finding => Cow::Borrowed(project.findings[i].meta.title.as_str()),
        Kind::Pathway => Cow::Borrowed(project.pathways[i].meta.title.as_str()),
        Kind::Page => Cow::Borrowed(project.pages[i].meta.title.as_str()),
        Kind::Landing => Cow::Borrowed(project.landing.as_ref()?.meta.title.as_str()),
    })
}

/// The titles quote `q`'s page shows with it, and those of the pages that
/// list it: its codes and the codes above them, and the published
/// findings that cite it, with their codes (printed on the finding's
/// page above the quote).
fn beside<'s>(site: &'s Site, q: QuoteIx) -> Vec<Beside<'s>> {
    let project = site.project;
    /// A page whose title and address are shown with the quote.
    #[derive(Clone, Copy)]
    enum Of {
        Code(CodeIx),
        Finding(FindingIx),
    }
    // Each page, and what shows it.
    let mut found: Vec<(Of, By<'s>)> = Vec::new();
    for id in &project.quotes[q].meta.codes {
        let Some(c) = site.code(id) else {
            continue; // reported as an unknown code
        };
        let coded = project.codes[c].meta.title.as_str();
        let by = By::Code(id.as_str(), coded);
        for code in std::iter::once(c).chain(ancestors(site, c)) {
            found.push((Of::Code(code), by));
        }
    }
    for &f in &site.quote_findings[q] {
        let finding = &project.findings[f];
        found.push((Of::Finding(f), By::Finding(f)));
        // The finding's page prints its codes above its evidence.
        let by = By::FindingCode(f, finding.meta.title.as_str());
        for c in finding.meta.codes.iter().filter_map(|id| site.code(id)) {
            found.push((Of::Code(c), by));
        }
    }
    // Each page's title, then (so that a title is reported first where
    // both say it) its address.
    let page = |of: Of| match of {
        Of::Code(c) => {
            let d = &project.codes[c];
            (Kind::Code, d.meta.title.as_str(), d.file, d.id.as_str())
        }
        Of::Finding(f) => {
            let d = &project.findings[f];
            (Kind::Finding, d.meta.title.as_str(), d.file, d.id.as_str())
        }
    };
    let titles = found.iter().map(|&(of, by)| Beside {
        title: Cow::Borrowed(page(of).1),
        by,
        address: None,
    });
    let addresses = found.iter().map(|&(of, by)| {
        let (kind, _, file, id) = page(of);
        Beside {
            title: Cow::Owned(crate::resolve::address_words(id)),
            by,
            address: Some((crate::resolve::page_address(kind, id), file)),
        }
    });
    titles.chain(addresses).collect()
}

/// The codes above `code`, nearest first, each once (a loop in `parent:`
/// is reported elsewhere).
fn ancestors(site: &Site, code: CodeIx) -> Vec<CodeIx> {
    let mut above = Vec::new();
    let mut at = code;
    while let Some(parent) = site.code_parent(at) {
        if parent == code || above.contains(&parent) {
            break;
        }
        above.push(parent);
        at = parent;
    }
    above
}

/// What titles say, asked once per title: the speaker's role
/// ([`super::short::SaidRole`]) and the boroughs a title names (by their
/// titles, read as a listed place is).
pub(super) struct Titles<'s> {
    /// Each role as words say it.
    roles: FastMap<&'s str, super::short::SaidRole>,
    /// Each borough's title as a term, by borough id.
    boroughs: Vec<(&'s str, crate::anonymity::identifiers::TermMatcher)>,
    /// Whether a title (the second) says a role (the first).
    says_role: FastMap<&'s str, FastMap<String, bool>>,
    /// The boroughs a title names, by id.
    names: FastMap<String, Vec<&'s str>>,
}

impl<'s> Titles<'s> {
    pub(super) fn new(site: &'s Site) -> Titles<'s> {
        let boroughs = crate::resolve::borough_matchers(site.project);
        Titles {
            roles: FastMap::default(),
            boroughs,
            says_role: FastMap::default(),
            names: FastMap::default(),
        }
    }

    /// How `role` is read in words.
    pub(super) fn role(&mut self, role: &'s str) -> &super::short::SaidRole {
        self.roles
            .entry(role)
            .or_insert_with(|| super::short::SaidRole::new(role))
    }

    /// Whether `title`, a title of another file (or the words of its
    /// address), says `role`.
    pub(super) fn says(&mut self, role: &'s str, title: &str) -> bool {
        if let Some(&says) = self.says_role.get(role).and_then(|t| t.get(title)) {
            return says;
        }
        let says = self.role(role).find(title).is_some();
        let asked = self.says_role.entry(role).or_default();
        asked.insert(title.to_string(), says);
        says
    }

    /// The matcher of borough `id`'s title, if it has one.
    pub(super) fn borough(&self, id: &str) -> Option<&crate::anonymity::identifiers::TermMatcher> {
        self.boroughs
            .iter()
            .find(|(b, _)| *b == id)
            .map(|(_, matcher)| matcher)
    }

    /// The boroughs `title`, a title of another file (or the words of
    /// its address), names, by id.
    pub(super) fn named(&mut self, title: &str) -> Vec<&'s str> {
        if let Some(named) = self.names.get(title) {
            return named.clone();
        }
        let named: Vec<&'s str> = (self.boroughs.iter())
            .filter(|(_, matcher)| !matcher.find(title).is_empty())
            .map(|&(id, _)| id)
            .collect();
        self.names.insert(title.to_string(), named.clone());
        named
    }
}
