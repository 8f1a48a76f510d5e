//! Every reference checked, in front matter and bodies, each that points
//! nowhere reported with a suggestion for a near miss.

use super::Site;
use crate::diag::Diagnostic;
use crate::model::*;
use crate::source::{FileId, Span};
use crate::yaml::{Yaml, closest};
use std::collections::HashMap;

/// Reports references that point nowhere.
pub(super) struct Checker<'s, 'p> {
    pub(super) site: &'s Site<'p>,
}

/// What hand-written counts are read by: the registry's labels and its
/// generated tables, made at the first body that has a count to read.
type Counts<'p> = std::sync::OnceLock<(crate::tables::check::Labels, crate::tables::Registry<'p>)>;

/// What the hand-written counts of each text were in the last run, kept
/// for the next: a preview's rebuild reads again only the texts that
/// changed, and all of them when the registry, a borough or a setting
/// did. The counts of a text are a function of the text, where it is, the
/// borough it is about, how it is read and the registry, all in the key
/// or compared. Part of a preview's [`crate::memo::Memo`]; a build runs
/// once, and keeps nothing.
#[derive(Default)]
pub struct Memo {
    kept: Option<Kept>,
}

struct Kept {
    registry: String,
    found: crate::hash::FastMap<KeptKey, (String, Vec<Diagnostic>)>,
}

/// A text's file, range, borough, whether its sentences are read, and the
/// boroughs its first paragraph is printed for.
type KeptKey = (
    FileId,
    std::ops::Range<usize>,
    Option<String>,
    bool,
    Vec<String>,
);

/// What the counts of every text are read by besides the text: the
/// registry, the boroughs' ids and titles, and the settings.
fn registry_of(project: &crate::parse::Project) -> String {
    let boroughs: Vec<(&str, &str)> = project
        .boroughs
        .iter()
        .map(|b| (b.id.as_str(), b.meta.title.as_str()))
        .collect();
    format!("{:?}{boroughs:?}{:?}", project.participants, project.config)
}

/// Text whose hand-written counts are read ([`Checker::check_counts`]): the
/// file, the borough whose report it is, the range, whether its
/// sentences are read too, and the boroughs whose reports print its first
/// paragraph (a finding's that holds in several: round 17).
type CountsIn<'p> = (
    FileId,
    Option<&'p str>,
    std::ops::Range<usize>,
    bool,
    &'p [String],
);

impl<'p> Checker<'_, 'p> {
    pub(super) fn check_all(&self, memo: Option<&mut Memo>, out: &mut Vec<Diagnostic>) {
        // The hand-written counts beside the other checks: they are read
        // on their own, from every body and summary.
        let (found, ()) = rayon::join(
            || self.check_counts(&self.counts_in(), memo),
            || self.check_references(out),
        );
        out.extend(found);
    }

    /// Where hand-written counts are read: every body (sentences too, but
    /// for a participant's quotes: their words, not the researcher's
    /// counts), the `summary:` of boroughs and findings, and every title
    /// (round 16: a finding titled by its claim), each with the borough it
    /// is about.
    fn counts_in(&self) -> Vec<CountsIn<'p>> {
        let project = self.site.project;
        let mut all: Vec<CountsIn<'p>> = Vec::new();
        let mut body = |file: FileId,
                        page,
                        range: &std::ops::Range<usize>,
                        prose: bool,
                        reports: &'p [String]| {
            all.push((file, page, range.clone(), prose, reports));
        };
        // A page printed under a title that names one borough, or
        // published at an address that does, is about it, as a body under
        // a heading that names it is (rounds 23 and 32). A finding that
        // says its boroughs is about those; one that does not, about the
        // one its title, its address or its codes' name.
        let titled = |file: FileId| match self.site.named_boroughs(file) {
            &[one] => Some(one),
            _ => None,
        };
        let finding_borough = |doc: &'p Finding| match doc.meta.boroughs.is_empty() {
            true => titled(doc.file),
            false => one_borough(&doc.meta.boroughs),
        };
        if let Some(landing) = &project.landing {
            body(landing.file, titled(landing.file), &landing.body, true, &[]);
        }
        for doc in &project.boroughs {
            body(doc.file, Some(doc.id.as_str()), &doc.body, true, &[]);
        }
        for doc in &project.codes {
            body(doc.file, titled(doc.file), &doc.body, true, &[]);
        }
        // Field notes, a workshop's or a document's words are the
        // researcher's, about the borough they give (round 16).
        for doc in &project.quotes {
            let notes = doc.meta.participant.is_none();
            body(doc.file, doc.meta.borough.as_deref(), &doc.body, notes, &[]);
        }
        for doc in &project.findings {
            body(
                doc.file,
                finding_borough(doc),
                &doc.body,
                true,
                &doc.meta.boroughs,
            );
        }
        for doc in &project.pathways {
            body(
                doc.file,
                Some(doc.meta.borough.as_str()),
                &doc.body,
                true,
                &[],
            );
        }
        for doc in &project.pages {
            body(doc.file, titled(doc.file), &doc.body, true, &[]);
        }
        for doc in &project.boroughs {
            let page = Some(doc.id.as_str());
            all.extend(self.field_in(doc, "summary", doc.meta.summary.as_deref(), page));
            all.extend(self.field_in(doc, "title", Some(&doc.meta.title), page));
        }
        for doc in &project.findings {
            let page = finding_borough(doc);
            all.extend(self.field_in(doc, "summary", doc.meta.summary.as_deref(), page));
            all.extend(self.field_in(doc, "title", Some(&doc.meta.title), page));
        }
        for doc in &project.pathways {
            let page = Some(doc.meta.borough.as_str());
            all.extend(self.field_in(doc, "title", Some(&doc.meta.title), page));
            // A step's label is drawn on the map ("District nurses (3)").
            // And an arrow's (round 17), written after the steps.
            let labels = (doc.meta.nodes.iter().map(|node| Some(node.label.as_str())))
                .chain(doc.meta.edges.iter().map(|edge| edge.label.as_deref()));
            for (nth, label) in labels.enumerate() {
                all.extend(self.nth_field_in(doc, ("label", nth), label, page));
            }
        }
        for doc in &project.pages {
            let page = titled(doc.file);
            all.extend(self.field_in(doc, "title", Some(&doc.meta.title), page));
        }
        for doc in &project.codes {
            let page = titled(doc.file);
            all.extend(self.field_in(doc, "title", Some(&doc.meta.title), page));
        }
        all
    }

    fn check_references(&self, out: &mut Vec<Diagnostic>) {
        let project = self.site.project;
        if let Some(landing) = &project.landing {
            self.check_body(landing, out);
        }
        for doc in &project.boroughs {
            self.check_body(doc, out);
        }
        for doc in &project.codes {
            self.check_body(doc, out);
            if let Some(parent) = &doc.meta.parent {
                self.check_ref(doc, "parent", Kind::Code, parent, 0, out);
            }
        }
        for doc in &project.quotes {
            self.check_body(doc, out);
            self.check_quote(doc, out);
        }
        for doc in &project.findings {
            self.check_body(doc, out);
            self.check_list(doc, "codes", Kind::Code, &doc.meta.codes, true, out);
            self.check_list(
                doc,
                "boroughs",
                Kind::Borough,
                &doc.meta.boroughs,
                false,
                out,
            );
            self.check_list(doc, "quotes", Kind::Quote, &doc.meta.quotes, false, out);
        }
        for doc in &project.pathways {
            self.check_body(doc, out);
            self.check_ref(doc, "borough", Kind::Borough, &doc.meta.borough, 0, out);
            self.check_pathway(doc, out);
        }
        for doc in &project.pages {
            self.check_body(doc, out);
        }
        self.check_participants(out);
    }

    /// The hand-written counts of every body and summary, on every core
    /// (2,000 findings' sentences are a serve rebuild's millisecond
    /// budget), the labels and registry made once, by the first that needs
    /// them.
    fn check_counts(&self, all: &[CountsIn<'p>], memo: Option<&mut Memo>) -> Vec<Diagnostic>
    where
        Self: Sync,
    {
        use rayon::prelude::*;
        let project = self.site.project;
        let made = Counts::new();
        let registry = registry_of(project);
        let keeping = memo.is_some();
        let (kept, memo) = match memo {
            Some(memo) => (memo.kept.take(), Some(memo)),
            None => (None, None),
        };
        let kept = kept.filter(|kept| kept.registry == registry);
        let results: Vec<(KeptKey, String, Vec<Diagnostic>)> = all
            .par_iter()
            .map(|(file, page, range, prose, reports)| {
                let text = project.sources.text(*file);
                let key: KeptKey = (
                    *file,
                    range.clone(),
                    page.map(str::to_string),
                    *prose,
                    reports.to_vec(),
                );
                let written = &text[range.clone()];
                // The same text, read the same way by the same registry,
                // gives the same counts (a preview's rebuild).
                if let Some((was, found)) = kept.as_ref().and_then(|k| k.found.get(&key))
                    && was == written
                {
                    return (key, was.clone(), found.clone());
                }
                let mut found = Vec::new();
                let mut check = |page: Option<&str>, range: std::ops::Range<usize>| {
                    crate::tables::check::check_written_counts(
                        (*file, page),
                        (text, range),
                        (project.config.k, *prose),
                        || made.get_or_init(|| self.counts_reader()),
                        &mut found,
                    );
                };
                check(*page, range.clone());
                // A first paragraph printed on several boroughs' reports is
                // read as about each (round 17), where it may hold a count.
                let first = (reports.len() > 1 && crate::tables::check::may_hold_a_number(written))
                    .then(|| crate::markdown::first_paragraph(written))
                    .flatten()
                    .filter(|first| crate::tables::check::may_hold_a_number(first));
                if let Some(first) = first {
                    let start = range.start + (first.as_ptr() as usize - written.as_ptr() as usize);
                    for borough in reports.iter() {
                        check(Some(borough.as_str()), start..start + first.len());
                    }
                }
                let kept = match keeping {
                    true => written.to_string(),
                    false => String::new(),
                };
                (key, kept, found)
            })
            .collect();
        let found: Vec<Diagnostic> = results
            .iter()
            .flat_map(|(.., found)| found.clone())
            .collect();
        if let Some(memo) = memo {
            let found = results
                .into_iter()
                .map(|(key, text, found)| (key, (text, found)));
            memo.kept = Some(Kept {
                registry,
                found: found.collect(),
            });
        }
        // A finding's first paragraph is read once more for each borough:
        // what it says of one it names is said once.
        let mut seen = std::collections::HashSet::new();
        found
            .into_iter()
            .filter(|d| {
                seen.insert((
                    d.message.clone(),
                    d.span.as_ref().map(|s| (s.file, s.range.clone())),
                ))
            })
            .collect()
    }

    fn yaml<'a, M>(&'a self, doc: &Doc<M>) -> Yaml<'a> {
        let sources = &self.site.project.sources;
        Yaml::new(doc.file, sources.get(doc.file), doc.yaml.clone())
    }

    /// A link to no file of that kind and id; none for a file that is
    /// there but could not be read (that is reported already).
    fn unknown(&self, kind: Kind, id: &str, span: Span) -> Option<Diagnostic> {
        if self.site.project.unread.contains(&(kind, id.to_string())) {
            return None;
        }
        let known: Vec<&str> = self
            .site
            .ids
            .get(&kind)
            .map(|m| m.keys().copied().collect())
            .unwrap_or_default();
        let mut sorted = known.clone();
        sorted.sort_unstable();
        let diagnostic = Diagnostic::error(
            unknown_code(kind),
            format!(
                "there is no {} with the id `{id}`",
                kind.what().trim_start_matches("a ")
            ),
        )
        .at(span)
        .label("unknown id");
        Some(match closest(id, &sorted) {
            Some(best) => diagnostic.fix(format!("did you mean `{best}`?")),
            None => diagnostic.fix(format!(
                "check the spelling, or create content/{}/{id}.md",
                kind.folder()
            )),
        })
    }

    fn check_ref<M>(
        &self,
        doc: &Doc<M>,
        key: &str,
        kind: Kind,
        id: &str,
        nth: usize,
        out: &mut Vec<Diagnostic>,
    ) {
        if self.site.lookup(kind, id).is_none() {
            out.extend(self.unknown(kind, id, self.yaml(doc).value_span_nth(key, id, nth)));
        }
    }

    fn check_list<M>(
        &self,
        doc: &Doc<M>,
        key: &str,
        kind: Kind,
        ids: &[String],
        required: bool,
        out: &mut Vec<Diagnostic>,
    ) {
        if required && ids.is_empty() {
            let yaml = self.yaml(doc);
            out.push(
                Diagnostic::error(
                    "reference::missing",
                    format!(
                        "`{key}:` must name at least one {}",
                        kind.what().trim_start_matches("a ")
                    ),
                )
                .at(yaml.key_span(key).unwrap_or_else(|| yaml.start_span()))
                .fix(format!(
                    "add `{key}: [id]` with an id from content/{}/",
                    kind.folder()
                )),
            );
        }
        for id in ids {
            self.check_ref(doc, key, kind, id, 0, out);
        }
    }

    /// The counts in a one-line field (`summary:`, `title:`), which lists
    /// and borough reports print, read as the body's are (round 15), where
    /// it is written as it reads (a plain or quoted scalar on its line; a
    /// folded or escaped one is not read).
    fn field_in<M>(
        &self,
        doc: &Doc<M>,
        key: &str,
        value: Option<&str>,
        page: Option<&'p str>,
    ) -> Option<CountsIn<'p>> {
        self.nth_field_in(doc, (key, 0), value, page)
    }

    /// [`Checker::field_in`] for the `nth` time `key` is written (a list
    /// of mappings).
    fn nth_field_in<M>(
        &self,
        doc: &Doc<M>,
        (key, nth): (&str, usize),
        value: Option<&str>,
        page: Option<&'p str>,
    ) -> Option<CountsIn<'p>> {
        let value = value.filter(|s| !s.trim().is_empty())?;
        let text = self.site.project.sources.text(doc.file);
        let yaml = self.yaml(doc);
        let span = yaml.value_span_nth(key, value, nth);
        // Written over lines (wrapped, or a `>` block: round 17): the
        // entry's text after its key, which reads as a paragraph.
        if text.get(span.range.clone()) != Some(value)
            && nth == 0
            && let Some(key_at) = yaml.key_span(key)
        {
            let start = key_at.range.start;
            let end = crate::anonymity::sources::entry_end(text, start, doc.yaml.end);
            let mut from = start + text[start..end].find(':')? + 1;
            from += text[from..end].len() - text[from..end].trim_start_matches([' ', '\t']).len();
            if text[from..end].starts_with(['>', '|']) {
                from = text[from..end].find('\n').map_or(end, |i| from + i + 1);
            }
            return Some((doc.file, page, from..end, true, &[]));
        }
        let matches = text.get(span.range.clone()) == Some(value);
        matches.then_some((doc.file, page, span.range, true, &[]))
    }

    /// The registry's labels and its generated tables, for [`Counts`].
    fn counts_reader(&self) -> (crate::tables::check::Labels, crate::tables::Registry<'p>) {
        crate::tables::check::reader(self.site.project)
    }

    fn check_body<M>(&self, doc: &Doc<M>, out: &mut Vec<Diagnostic>) {
        let text = self.site.project.sources.text(doc.file);
        crate::tables::check::check_body(doc.file, text, doc.body.clone(), out);
        for reference in &doc.refs {
            let span = Span::new(doc.file, reference.range.clone());
            if reference.embed && !matches!(reference.kind, Kind::Quote | Kind::Pathway) {
                out.push(
                    Diagnostic::error(
                        "reference::not-embeddable",
                        format!("{} cannot be embedded with `![]`", reference.kind.what()),
                    )
                    .at(span.clone())
                    .label("only quotes and pathway maps can be embedded")
                    .fix("remove the `!` to make it a link"),
                );
            }
            if self.site.lookup(reference.kind, &reference.id).is_none() {
                out.extend(self.unknown(reference.kind, &reference.id, span));
            }
        }
    }

    fn check_quote(&self, doc: &Quote, out: &mut Vec<Diagnostic>) {
        let project = self.site.project;
        let yaml = self.yaml(doc);
        self.check_list(doc, "codes", Kind::Code, &doc.meta.codes, true, out);
        match &doc.meta.participant {
            Some(participant) => {
                // An unreadable registry is reported on its own, not at every quote.
                if !project.participants_unread
                    && !project.participants.iter().any(|p| &p.id == participant)
                {
                    // No near id is suggested: a near id is another person,
                    // and taking it would pin the words on them.
                    out.push(
                        Diagnostic::error(
                            "reference::unknown-participant",
                            format!(
                                "there is no participant `{participant}` in participants.yaml"
                            ),
                        )
                        .at(yaml.value_span("participant", participant))
                        .label("unknown participant")
                        .fix("look the speaker up in your own records and write their id as it is in content/participants.yaml, or add them there"),
                    );
                }
            }
            None => {
                let source_ok = doc.meta.source.is_some_and(|s| s != QuoteSource::Interview);
                if !source_ok {
                    out.push(
                        Diagnostic::error("quote::no-participant", "this quote names no participant, so it needs a `source:` other than interview")
                            .at(yaml.start_span())
                            .fix("add `participant: ID` from participants.yaml, or `source: field-notes` (or workshop, document) and `borough: ID`"),
                    );
                }
                match &doc.meta.borough {
                    Some(borough) => self.check_ref(doc, "borough", Kind::Borough, borough, 0, out),
                    None => out.push(
                        Diagnostic::error(
                            "quote::no-borough",
                            "a quote without a participant must say which borough it is from",
                        )
                        .at(yaml.start_span())
                        .fix("add `borough: ID` naming a file in content/boroughs/"),
                    ),
                }
            }
        }
    }

    fn check_pathway(&self, doc: &Pathway, out: &mut Vec<Diagnostic>) {
        let yaml = self.yaml(doc);
        use crate::pathway::{MAX_EDGES, MAX_NODES};
        for (key, count, limit, what) in [
            ("nodes", doc.meta.nodes.len(), MAX_NODES, "nodes"),
            ("edges", doc.meta.edges.len(), MAX_EDGES, "edges"),
        ] {
            if count > limit {
                out.push(
                    Diagnostic::error(
                        "pathway::too-large",
                        format!("this map has {count} {what}; a map may have at most {limit}"),
                    )
                    .at(yaml.key_span(key).unwrap_or_else(|| yaml.start_span()))
                    .label(format!("{count} {what}"))
                    .fix(
                        "split the pathway into several maps (one per stage of care, say), \
                         each with its own file, and link them from the text",
                    ),
                );
            }
        }
        if !crate::parse::is_valid_id(&doc.meta.pathway) {
            out.push(
                Diagnostic::error(
                    "pathway::invalid-type",
                    format!(
                        "`{}` cannot be a pathway type: it becomes a web address",
                        doc.meta.pathway
                    ),
                )
                .at(yaml.value_span("pathway", &doc.meta.pathway))
                .label("not lowercase letters, digits and hyphens")
                .fix("write the type like `discharge`, `admission-avoidance` or `end-of-life`"),
            );
        }
        if doc.meta.nodes.is_empty() {
            out.push(
                Diagnostic::error("pathway::no-nodes", "this pathway map has no nodes to draw")
                    .at(yaml.key_span("nodes").unwrap_or_else(|| yaml.start_span()))
                    .fix("add `nodes:` with at least one `{id: …, label: …, sector: …}`"),
            );
        }
        let mut node_ids: HashMap<&str, usize> = HashMap::new();
        for (n, node) in doc.meta.nodes.iter().enumerate() {
            if node_ids.insert(node.id.as_str(), n).is_some() {
                out.push(
                    Diagnostic::error(
                        "pathway::duplicate-node",
                        format!("two nodes of this map have the id `{}`", node.id),
                    )
                    .at(yaml.value_span_nth("id", &node.id, n))
                    .label("second node with this id")
                    .fix("give each node its own id"),
                );
            }
            for finding in &node.findings {
                self.check_ref(doc, "findings", Kind::Finding, finding, 0, out);
            }
        }
        let known: Vec<&str> = doc.meta.nodes.iter().map(|n| n.id.as_str()).collect();
        for (e, edge) in doc.meta.edges.iter().enumerate() {
            for (key, end) in [("from", &edge.from), ("to", &edge.to)] {
                if !node_ids.contains_key(end.as_str()) {
                    let diagnostic = Diagnostic::error(
                        "pathway::unknown-node",
                        format!("this edge goes {key} `{end}`, which is not a node of this map"),
                    )
                    .at(yaml.value_span_nth(key, end, e))
                    .label("unknown node");
                    out.push(match closest(end, &known) {
                        Some(best) => diagnostic.fix(format!("did you mean `{best}`?")),
                        None => diagnostic.fix(format!(
                            "add a node with `id: {end}` under `nodes:`, or use one of: {}",
                            known.join(", ")
                        )),
                    });
                }
            }
            for finding in &edge.findings {
                self.check_ref(doc, "findings", Kind::Finding, finding, 0, out);
            }
        }
    }

    fn check_participants(&self, out: &mut Vec<Diagnostic>) {
        let project = self.site.project;
        let Some(file) = project.participants_file else {
            return;
        };
        let source = project.sources.get(file);
        let yaml = Yaml::new(file, source, 0..source.text.len());
        for (i, participant) in project.participants.iter().enumerate() {
            if self
                .site
                .lookup(Kind::Borough, &participant.borough)
                .is_none()
            {
                let span = yaml.value_span_nth("borough", &participant.borough, i);
                out.extend(self.unknown(Kind::Borough, &participant.borough, span));
            }
        }
    }
}

fn unknown_code(kind: Kind) -> &'static str {
    match kind {
        Kind::Landing => "reference::unknown",
        Kind::Borough => "reference::unknown-borough",
        Kind::Code => "reference::unknown-code",
        Kind::Quote => "reference::unknown-quote",
        Kind::Finding => "reference::unknown-finding",
        Kind::Pathway => "reference::unknown-pathway",
        Kind::Page => "reference::unknown-page",
    }
}

/// The borough a finding is about, where it holds in one alone: its first
/// paragraph is that borough's report's words (round 16).
fn one_borough(boroughs: &[String]) -> Option<&str> {
    match boroughs {
        [one] => Some(one.as_str()),
        _ => None,
    }
}
