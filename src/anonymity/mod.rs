//! The anonymisation checks: nothing that identifies a participant may reach
//! the output. One file per check; this module runs them over the resolved
//! site (before rendering) and over the rendered files (after).
//!
//! - [`identifiers`]: names, places and organisations from `private/identifiers.yaml`
//! - [`patterns`]: emails, phone, NHS and National Insurance numbers, postcodes, dates of birth
//! - [`sources`]: where text hides in the project's files, and allowances
//! - [`attribution`]: attribution groups of at least `k` participants
//! - [`consent`]: quotes from participants who withdrew or asked not to be quoted
//! - [`gate`]: every byte of the output, and every name, read before it is written or served

pub mod attribution;
pub mod consent;
pub mod gate;
pub mod identifiers;
pub mod participant_ids;
pub mod patterns;
pub mod sources;

use crate::diag::Diagnostic;
use crate::resolve::Site;
use crate::source::FileId;
use identifiers::TermMatcher;
use std::sync::Arc;

/// A term an allowance let through, for the build summary.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AllowanceUsed {
    pub file: FileId,
    pub term: String,
    pub reason: String,
}

/// What the source checks leave for the output scan and the build summary.
pub struct Checked {
    matcher: Arc<TermMatcher>,
    participant_ids: Arc<participant_ids::ParticipantIds>,
    /// What the gate makes of `matcher` and `participant_ids`.
    sought: Arc<gate::Sought>,
    /// Normalised forms of every term allowed, by the file allowing it.
    allowed: crate::hash::FastMap<FileId, Vec<String>>,
    /// A digest of everything the gate's findings depend on besides the
    /// files: the identifiers list, the registry and the allowances.
    gate_inputs: u64,
    pub allowances: Vec<AllowanceUsed>,
    /// Every page's boroughs and the quotes it may show, for the gate's
    /// check of attribution on the pages as made.
    pages: Arc<attribution::Pages>,
}

#[cfg(test)]
impl Checked {
    /// What the checks of a project with no pages, allowances or other
    /// findings leave, looking for what `matcher` and `ids` find.
    pub(crate) fn for_tests(matcher: TermMatcher, ids: participant_ids::ParticipantIds) -> Checked {
        Checked {
            sought: Arc::new(gate::Sought::new(&matcher, &ids)),
            matcher: Arc::new(matcher),
            participant_ids: Arc::new(ids),
            allowed: Default::default(),
            gate_inputs: 0,
            allowances: Vec::new(),
            pages: Default::default(),
        }
    }
}

/// What the source checks found in each file in the previous run (serve
/// mode), and the digests of the files every scan depends on.
#[derive(Default)]
pub struct Memo {
    inputs: Vec<Option<u64>>,
    /// The identifiers list's matcher, by the list's digest.
    matcher: Option<(Option<u64>, Arc<TermMatcher>)>,
    /// What the gate made of that matcher and of the registry's ids.
    sought: Option<Sought>,
    scans: sources::Scans,
    /// How many files the last run scanned rather than reused.
    pub scanned: usize,
    /// What passed the disclosure gate last time.
    pub gate: gate::Memo,
}

/// What the gate made of one matcher and one set of participant ids
/// ([`gate::Sought`]), with what it was made from.
#[derive(Clone)]
struct Sought {
    matcher: Arc<TermMatcher>,
    ids: Vec<String>,
    made: Arc<gate::Sought>,
}

impl Sought {
    /// `then`'s if it was made from this very matcher (one is made afresh
    /// whenever the identifiers list changes) and the same ids; else made
    /// now.
    fn of(
        then: Option<&Sought>,
        matcher: &Arc<TermMatcher>,
        ids: &participant_ids::ParticipantIds,
    ) -> Sought {
        match then {
            Some(then) if Arc::ptr_eq(&then.matcher, matcher) && then.ids == ids.ids() => {
                then.clone()
            }
            _ => Sought {
                matcher: matcher.clone(),
                ids: ids.ids().to_vec(),
                made: Arc::new(gate::Sought::new(matcher, ids)),
            },
        }
    }
}

/// What every file's scan depends on besides the file: the identifiers
/// list, the participant registry and the longest quote allowed.
fn scan_inputs(site: &Site) -> Vec<Option<u64>> {
    let project = site.project;
    let digest = |file: Option<FileId>| file.map(|f| project.sources.get(f).digest());
    vec![
        digest(project.identifiers_file),
        digest(project.participants_file),
        Some(project.config.max_quote_words as u64),
    ]
}

/// Runs every check on the project's files, reusing `memo`'s findings for
/// each file unchanged since the run that filled it, and refilling it.
pub fn check_sources(site: &Site, out: &mut Vec<Diagnostic>, memo: Option<&mut Memo>) -> Checked {
    let project = site.project;
    // A list that is missing or cannot be read was reported as an error
    // when the project was read (load.rs), unless the settings say the
    // project has none (`identifiers: none`, with a reason).
    if let Some(file) = project.identifiers_file {
        let ids = &project.identifiers;
        let names_someone = [&ids.people, &ids.places, &ids.organisations]
            .iter()
            .any(|list| list.iter().any(|term| !term.trim().is_empty()));
        // A list that could not be read was reported where it went wrong;
        // that it then names no one would only repeat it (#case-12.6).
        let unread = out
            .iter()
            .any(|d| d.is_error() && d.span.as_ref().is_some_and(|s| s.file == file));
        if !names_someone && !unread {
            // Fail closed: an empty list (a blank CI secret, a truncated
            // copy, every line commented out) would let every name through.
            out.push(
                Diagnostic::error(
                    "anonymity::empty-identifiers",
                    "the identifiers list names no one, so no real name, place or organisation would be kept out of the report",
                )
                .at(crate::source::Span::file_start(file))
                .fix("list the real names of the people, places and organisations your material mentions under `people:`, `places:` and `organisations:`; if the project truly has none, write `identifiers: none` with a `reason:` in evalsite.yaml"),
            );
        }
        let source = project.sources.get(file);
        let yaml = crate::yaml::Yaml::new(file, source, 0..source.text.len());
        for term in project.identifiers.unlisted_replacements() {
            out.push(
                Diagnostic::warning(
                    "anonymity::replacement-not-listed",
                    "this term has a pseudonym under `replace:` but is in none of the lists, so it is not searched for",
                )
                .at(yaml.key_span(term).unwrap_or_else(|| crate::source::Span::file_start(file)))
                .fix("add the term to people, places or organisations as well"),
            );
        }
    }
    // Building the matcher for 2,000 names is a third of a rebuild's checks.
    let list = project
        .identifiers_file
        .map(|f| project.sources.get(f).digest());
    let matcher = match memo.as_ref().and_then(|memo| memo.matcher.as_ref()) {
        Some((then, matcher)) if *then == list => matcher.clone(),
        _ => Arc::new(TermMatcher::new(&project.identifiers)),
    };
    let participant_ids = Arc::new(participant_ids::ParticipantIds::new(&project.participants));
    let sought = Sought::of(
        memo.as_ref().and_then(|m| m.sought.as_ref()),
        &matcher,
        &participant_ids,
    );
    let inputs = scan_inputs(site);
    let previous = memo
        .as_ref()
        .filter(|memo| memo.inputs == inputs)
        .map(|memo| &memo.scans);
    let (found, scans, scanned) =
        sources::Scanner::new(site, &matcher, &participant_ids, previous).scan_all();
    if let Some(memo) = memo {
        *memo = Memo {
            inputs: inputs.clone(),
            matcher: Some((list, matcher.clone())),
            sought: Some(sought.clone()),
            scans,
            scanned,
            gate: std::mem::take(&mut memo.gate),
        };
    }
    out.extend(found.out);
    let allowances = found.allowances;
    let reported = attribution::check(site, out);
    let pages = Arc::new(attribution::Pages::new(site, &reported));
    consent::check(site, out);
    let allowed = gate::allowances(site);
    let gate_inputs = {
        use std::hash::{Hash, Hasher};
        let mut hasher = rustc_hash::FxHasher::default();
        inputs.hash(&mut hasher);
        let mut terms: Vec<_> = allowed.iter().collect();
        terms.sort();
        terms.hash(&mut hasher);
        hasher.finish()
    };
    Checked {
        sought: sought.made,
        matcher,
        participant_ids,
        allowed,
        gate_inputs,
        allowances,
        pages,
    }
}

#[cfg(test)]
mod sought_tests {
    use super::*;
    use crate::anonymity::identifiers::Identifiers;

    fn ids(registry: &str) -> participant_ids::ParticipantIds {
        let participants: Vec<crate::model::Participant> =
            serde_yaml::from_str(registry).expect("a registry");
        participant_ids::ParticipantIds::new(&participants)
    }

    /// What the gate made of the sought terms is kept between rebuilds
    /// only while it would be made again the same: from the same matcher
    /// (a new list makes a new one) and the same participant ids.
    #[test]
    fn what_is_sought_is_made_again_when_the_list_or_the_ids_change() {
        let list = Identifiers {
            people: vec!["Tobias Wrenhallow".to_string()],
            ..Identifiers::default()
        };
        let matcher = Arc::new(TermMatcher::new(&list));
        let one = "- {id: a-gp-1, role: GP, sector: primary-care, borough: a}\n";
        let two = "- {id: a-gp-1, role: GP, sector: primary-care, borough: a}\n\
                   - {id: b-sw-2, role: social worker, sector: social-care, borough: b}\n";
        let first = Sought::of(None, &matcher, &ids(one));
        let kept = |then: &Sought, made: &Sought| Arc::ptr_eq(&then.made, &made.made);
        assert!(kept(&first, &Sought::of(Some(&first), &matcher, &ids(one))));
        assert!(!kept(
            &first,
            &Sought::of(Some(&first), &matcher, &ids(two))
        ));
        let same_words = Arc::new(TermMatcher::new(&list));
        assert!(!kept(
            &first,
            &Sought::of(Some(&first), &same_words, &ids(one))
        ));
    }
}
