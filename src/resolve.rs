//! Connecting the entities: the index of ids, every reference checked (front
//! matter and bodies, with a suggestion for near misses), the codebook tree,
//! each quote's borough, which findings cite which quotes, and backlinks.
//! Produces [`Site`], which the checks and the renderer read; does not render.

use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::model::*;
use crate::parse::Project;
use crate::source::Span;
use crate::yaml::{Yaml, closest};
use std::collections::{BTreeMap, BTreeSet, HashMap};

mod depth;
pub use depth::{MAX_CODE_DEPTH, MAX_EMBED_DEPTH};

/// The project with its cross-references resolved.
#[derive(Debug)]
pub struct Site<'p> {
    pub project: &'p Project,
    pub include_drafts: bool,
    ids: FastMap<Kind, FastMap<&'p str, usize>>,
    /// Each quote's borough id (its participant's, or its own `borough:`).
    pub quote_borough: Vec<Option<&'p str>>,
    /// Each quote's participant, by index into the registry.
    pub quote_participant: Vec<Option<usize>>,
    /// For each quote, the published findings that cite it (front matter or embed).
    pub quote_findings: Vec<Vec<usize>>,
    /// For each finding, its evidence quotes: listed, then embedded, no repeats.
    pub finding_quotes: Vec<Vec<usize>>,
    /// For each finding, the published findings and pages whose bodies link to it.
    pub finding_backlinks: Vec<Vec<(Kind, usize)>>,
    /// Codebook children by parent index; roots under `None`, sorted by order then title.
    pub code_children: BTreeMap<Option<usize>, Vec<usize>>,
    /// Boroughs in display order.
    pub borough_order: Vec<usize>,
    /// Pathway types in first-seen order, with their pathways in borough order.
    pub pathway_types: Vec<(String, Vec<usize>)>,
    /// Quotes never set in place, each an error: those that embed themselves,
    /// directly or through other quotes (the text would never end), and those
    /// holding quotes more than [`MAX_EMBED_DEPTH`] deep.
    pub quote_never_embedded: Vec<bool>,
}

impl<'p> Site<'p> {
    /// Index of an entity by kind and id.
    pub fn lookup(&self, kind: Kind, id: &str) -> Option<usize> {
        self.ids.get(&kind)?.get(id).copied()
    }

    pub fn is_published_finding(&self, index: usize) -> bool {
        self.include_drafts || self.project.findings[index].meta.status == Status::Final
    }

    /// Published findings, in title order.
    pub fn published_findings(&self) -> Vec<usize> {
        let findings = &self.project.findings;
        let mut list: Vec<usize> = (0..findings.len())
            .filter(|&i| self.is_published_finding(i))
            .collect();
        list.sort_by(|&a, &b| findings[a].meta.title.cmp(&findings[b].meta.title));
        list
    }

    /// Whether `kind:id` names a published page of the site.
    pub fn is_published(&self, kind: Kind, id: &str) -> bool {
        match self.lookup(kind, id) {
            Some(i) if kind == Kind::Finding => self.is_published_finding(i),
            Some(_) => true,
            None => false,
        }
    }

    /// All codes in tree order (depth first), with their depth.
    pub fn code_tree(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        self.walk_codes(None, 0, &mut out);
        out
    }

    fn walk_codes(&self, parent: Option<usize>, depth: usize, out: &mut Vec<(usize, usize)>) {
        for &child in self.code_children.get(&parent).into_iter().flatten() {
            out.push((child, depth));
            self.walk_codes(Some(child), depth + 1, out);
        }
    }

    /// The top-level theme a code belongs to.
    pub fn code_root(&self, mut code: usize) -> usize {
        let mut steps = 0;
        while let Some(parent) = self.code_parent(code) {
            code = parent;
            steps += 1;
            if steps > self.project.codes.len() {
                break;
            }
        }
        code
    }

    pub fn code_parent(&self, code: usize) -> Option<usize> {
        let parent = self.project.codes[code].meta.parent.as_deref()?;
        self.lookup(Kind::Code, parent)
    }

    /// A code and all codes under it.
    pub fn code_with_descendants(&self, code: usize) -> Vec<usize> {
        let mut out = vec![code];
        let mut next = 0;
        while next < out.len() {
            let children = self.code_children.get(&Some(out[next])).cloned();
            out.extend(children.into_iter().flatten());
            next += 1;
        }
        out
    }
}

fn index_of<M>(docs: &[Doc<M>]) -> FastMap<&str, usize> {
    docs.iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect()
}

/// Resolves every reference in `project`, reporting those that point nowhere.
pub fn resolve<'p>(
    project: &'p Project,
    include_drafts: bool,
    out: &mut Vec<Diagnostic>,
) -> Site<'p> {
    let mut ids = FastMap::default();
    ids.insert(Kind::Borough, index_of(&project.boroughs));
    ids.insert(Kind::Code, index_of(&project.codes));
    ids.insert(Kind::Quote, index_of(&project.quotes));
    ids.insert(Kind::Finding, index_of(&project.findings));
    ids.insert(Kind::Pathway, index_of(&project.pathways));
    ids.insert(Kind::Page, index_of(&project.pages));
    let mut site = Site {
        project,
        include_drafts,
        ids,
        quote_borough: Vec::new(),
        quote_participant: Vec::new(),
        quote_findings: vec![Vec::new(); project.quotes.len()],
        finding_quotes: vec![Vec::new(); project.findings.len()],
        finding_backlinks: vec![Vec::new(); project.findings.len()],
        code_children: BTreeMap::new(),
        borough_order: Vec::new(),
        pathway_types: Vec::new(),
        quote_never_embedded: Vec::new(),
    };
    let checker = Checker { site: &site };
    checker.check_all(out);
    site.quote_participant = quote_participants(project);
    site.quote_borough = quote_boroughs(project, &site.quote_participant);
    link_findings(&mut site);
    order_codes(&mut site, out);
    order_boroughs_and_pathways(&mut site);
    site.quote_never_embedded = quote_embed_cycles(&site, out);
    site
}

/// Finds quotes whose bodies embed themselves, directly or through other
/// quotes, reporting each embed that closes such a loop, and embeds that set
/// quotes more than [`MAX_EMBED_DEPTH`] deep; gives the quotes never set in
/// place.
fn quote_embed_cycles(site: &Site, out: &mut Vec<Diagnostic>) -> Vec<bool> {
    let quotes = &site.project.quotes;
    let embeds: Vec<Vec<(usize, &Reference)>> = quotes
        .iter()
        .map(|quote| {
            quote
                .refs
                .iter()
                .filter(|r| r.embed && r.kind == Kind::Quote)
                .filter_map(|r| Some((site.lookup(Kind::Quote, &r.id)?, r)))
                .collect()
        })
        .collect();
    let graph: Vec<Vec<usize>> = embeds
        .iter()
        .map(|edges| edges.iter().map(|&(to, _)| to).collect())
        .collect();
    let component = strong_components(&graph);
    let mut cyclic = vec![false; quotes.len()];
    for (from, edges) in embeds.iter().enumerate() {
        for &(to, reference) in edges {
            if component[from] != component[to] && from != to {
                continue;
            }
            cyclic[from] = true;
            let path = embed_path(&graph, &component, to, from)
                .iter()
                .map(|&q| quotes[q].id.as_str())
                .collect::<Vec<_>>();
            let path = depth::shortened(&path);
            let id = &quotes[from].id;
            let message = if from == to {
                format!("quote `{id}` embeds itself")
            } else {
                format!(
                    "embedding quote `{}` here sets quote `{id}` inside itself ({id} → {path})",
                    reference.id
                )
            };
            out.push(
                Diagnostic::error("reference::embed-loop", message)
                    .at(Span::new(quotes[from].file, reference.range.clone()))
                    .label("this embed would never end")
                    .fix(format!(
                        "link to it instead, with `[](quote:{})`: a link does not set the quote's text in place",
                        reference.id
                    )),
            );
        }
    }
    let depths = depth::embed_depths(&graph, &cyclic);
    let mut refused = cyclic.clone();
    for (quote, &deep) in depths.iter().enumerate() {
        refused[quote] |= deep > MAX_EMBED_DEPTH;
    }
    // One message where a chain of embeds first goes too deep: the embed
    // of a quote already holding as many levels as are allowed.
    for (from, edges) in embeds.iter().enumerate() {
        for &(to, reference) in edges {
            if cyclic[from] || cyclic[to] || depths[to] != MAX_EMBED_DEPTH {
                continue;
            }
            let mut chain = vec![quotes[to].id.as_str()];
            let mut at = to;
            while let Some(&next) = graph[at]
                .iter()
                .filter(|&&next| !cyclic[next])
                .find(|&&next| depths[next] + 1 == depths[at])
            {
                chain.push(&quotes[next].id);
                at = next;
            }
            out.push(
                Diagnostic::error(
                    "reference::embed-too-deep",
                    format!(
                        "quotes would be set inside each other more than {MAX_EMBED_DEPTH} deep here: \
                         quote `{}` is already {} deep",
                        reference.id,
                        MAX_EMBED_DEPTH
                    ),
                )
                .at(Span::new(quotes[from].file, reference.range.clone()))
                .label("this embed makes one level too many")
                .note(format!("the quotes inside: {}", depth::shortened(&chain)))
                .fix(format!(
                    "link to it instead, with `[](quote:{})`, or set fewer quotes inside each other",
                    reference.id
                )),
            );
        }
    }
    refused
}

/// The shortest path of embeds from `from` to `to` within one component
/// (both ends included).
fn embed_path(graph: &[Vec<usize>], component: &[usize], from: usize, to: usize) -> Vec<usize> {
    let mut came_from: HashMap<usize, usize> = HashMap::from([(from, from)]);
    let mut queue = std::collections::VecDeque::from([from]);
    while let Some(at) = queue.pop_front() {
        if at == to {
            break;
        }
        for &next in &graph[at] {
            if component[next] == component[from] && !came_from.contains_key(&next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    let (mut path, mut at) = (vec![to], to);
    while at != from {
        let Some(&before) = came_from.get(&at) else {
            break;
        };
        path.push(before);
        at = before;
    }
    path.reverse();
    path
}

/// The strongly connected component of each node (Tarjan's algorithm,
/// without recursion, so a long chain of embeds cannot overflow the stack).
fn strong_components(graph: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = graph.len();
    let (mut index, mut low) = (vec![UNSEEN; n], vec![0; n]);
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let (mut stack, mut next, mut components) = (Vec::new(), 0, 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut work = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&(node, edge)) = work.last() {
            if let Some(&to) = graph[node].get(edge) {
                if let Some(top) = work.last_mut() {
                    top.1 += 1;
                }
                if index[to] == UNSEEN {
                    index[to] = next;
                    low[to] = next;
                    next += 1;
                    stack.push(to);
                    on_stack[to] = true;
                    work.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(index[to]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

fn quote_participants(project: &Project) -> Vec<Option<usize>> {
    let registry: HashMap<&str, usize> = project
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    project
        .quotes
        .iter()
        .map(|q| {
            q.meta
                .participant
                .as_deref()
                .and_then(|p| registry.get(p).copied())
        })
        .collect()
}

fn quote_boroughs<'p>(
    project: &'p Project,
    participants: &[Option<usize>],
) -> Vec<Option<&'p str>> {
    project
        .quotes
        .iter()
        .zip(participants)
        .map(|(quote, participant)| match participant {
            Some(p) => Some(project.participants[*p].borough.as_str()),
            None => quote.meta.borough.as_deref(),
        })
        .collect()
}

fn link_findings(site: &mut Site) {
    let project = site.project;
    for (f, finding) in project.findings.iter().enumerate() {
        let listed = finding.meta.quotes.iter().map(String::as_str);
        let embedded = finding
            .refs
            .iter()
            .filter(|r| r.kind == Kind::Quote && r.embed)
            .map(|r| r.id.as_str());
        let mut evidence = Vec::new();
        for id in listed.chain(embedded) {
            if let Some(q) = site.lookup(Kind::Quote, id)
                && !evidence.contains(&q)
            {
                evidence.push(q);
            }
        }
        if site.is_published_finding(f) {
            for &q in &evidence {
                site.quote_findings[q].push(f);
            }
        }
        site.finding_quotes[f] = evidence;
    }
    let mut backlinks: Vec<BTreeSet<(Kind, usize)>> = vec![BTreeSet::new(); project.findings.len()];
    let linking = project
        .findings
        .iter()
        .enumerate()
        .filter(|(i, _)| site.is_published_finding(*i))
        .map(|(i, d)| ((Kind::Finding, i), &d.refs))
        .chain(
            project
                .pages
                .iter()
                .enumerate()
                .map(|(i, d)| ((Kind::Page, i), &d.refs)),
        );
    for (from, refs) in linking {
        for reference in refs.iter().filter(|r| r.kind == Kind::Finding) {
            if let Some(target) = site.lookup(Kind::Finding, &reference.id)
                && from != (Kind::Finding, target)
            {
                backlinks[target].insert(from);
            }
        }
    }
    site.finding_backlinks = backlinks
        .into_iter()
        .map(|s| s.into_iter().collect())
        .collect();
}

fn order_codes(site: &mut Site, out: &mut Vec<Diagnostic>) {
    let project = site.project;
    let codes = &project.codes;
    let parents: Vec<Option<usize>> = (0..codes.len()).map(|c| site.code_parent(c)).collect();
    let levels = depth::code_levels(&parents);
    let parent_span = |code: usize| {
        let doc = &codes[code];
        let yaml = Yaml::new(doc.file, project.sources.get(doc.file), doc.yaml.clone());
        yaml.value_span("parent", doc.meta.parent.as_deref().unwrap_or(""))
    };
    for circle in &levels.circles {
        // Each code of the circle, with the circle read from it.
        for turn in 0..circle.len() {
            let mut names: Vec<&str> = circle[turn..]
                .iter()
                .chain(&circle[..turn])
                .map(|&i| codes[i].id.as_str())
                .collect();
            names.push(&codes[circle[turn]].id);
            out.push(
                Diagnostic::error(
                    "codebook::parent-cycle",
                    format!(
                        "the codebook's parents go round in a circle: {}",
                        depth::shortened(&names)
                    ),
                )
                .at(parent_span(circle[turn]))
                .label("this parent leads back to this code")
                .fix("remove or change one `parent:` so the codebook is a tree"),
            );
        }
    }
    // One message where a chain of parents first goes too deep.
    for (code, &level) in levels.level.iter().enumerate() {
        if level != depth::MAX_CODE_DEPTH + 1 {
            continue;
        }
        let mut chain = vec![codes[code].id.as_str()];
        let mut at = code;
        while let Some(parent) = parents[at].filter(|_| chain.len() < level) {
            chain.push(&codes[parent].id);
            at = parent;
        }
        out.push(
            Diagnostic::error(
                "codebook::too-deep",
                format!(
                    "code `{}` is {} levels deep in the codebook; at most {} are allowed",
                    codes[code].id,
                    level,
                    depth::MAX_CODE_DEPTH
                ),
            )
            .at(parent_span(code))
            .label(format!("this parent puts it at level {level}"))
            .note(format!("its parents: {}", depth::shortened(&chain)))
            .fix("give it (or a code above it) a `parent:` nearer the top of the codebook"),
        );
    }
    let in_cycle = &levels.detached;
    let mut children: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for (code, &cycle) in in_cycle.iter().enumerate() {
        let parent = if cycle { None } else { site.code_parent(code) };
        children.entry(parent).or_default().push(code);
    }
    for list in children.values_mut() {
        list.sort_by(|&a, &b| {
            (
                codes[a].meta.order.unwrap_or(i64::MAX),
                &codes[a].meta.title,
            )
                .cmp(&(
                    codes[b].meta.order.unwrap_or(i64::MAX),
                    &codes[b].meta.title,
                ))
        });
    }
    site.code_children = children;
}

fn order_boroughs_and_pathways(site: &mut Site) {
    let boroughs = &site.project.boroughs;
    let mut order: Vec<usize> = (0..boroughs.len()).collect();
    order.sort_by(|&a, &b| {
        (
            boroughs[a].meta.order.unwrap_or(i64::MAX),
            &boroughs[a].meta.title,
        )
            .cmp(&(
                boroughs[b].meta.order.unwrap_or(i64::MAX),
                &boroughs[b].meta.title,
            ))
    });
    let rank: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(r, &b)| (boroughs[b].id.as_str(), r))
        .collect();
    let mut types: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, pathway) in site.project.pathways.iter().enumerate() {
        match types.iter_mut().find(|(t, _)| *t == pathway.meta.pathway) {
            Some((_, list)) => list.push(i),
            None => types.push((pathway.meta.pathway.clone(), vec![i])),
        }
    }
    let pathways = &site.project.pathways;
    for (_, list) in &mut types {
        list.sort_by_key(|&p| {
            rank.get(pathways[p].meta.borough.as_str())
                .copied()
                .unwrap_or(usize::MAX)
        });
    }
    site.borough_order = order;
    site.pathway_types = types;
}

/// Reports references that point nowhere.
struct Checker<'s, 'p> {
    site: &'s Site<'p>,
}

impl Checker<'_, '_> {
    fn check_all(&self, out: &mut Vec<Diagnostic>) {
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

    fn check_body<M>(&self, doc: &Doc<M>, out: &mut Vec<Diagnostic>) {
        let text = self.site.project.sources.text(doc.file);
        crate::tables::check::check_body(doc.file, text, doc.body.clone(), out);
        let project = self.site.project;
        let labels = || {
            let boroughs: Vec<(&str, &str)> = project
                .boroughs
                .iter()
                .map(|b| (b.id.as_str(), b.meta.title.as_str()))
                .collect();
            crate::tables::check::Labels::new(&project.participants, &boroughs)
        };
        let k = project.config.k;
        crate::tables::check::check_written_tables(
            doc.file,
            text,
            doc.body.clone(),
            k,
            labels,
            out,
        );
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

impl Site<'_> {
    /// The participant fields a quote is attributed by: its own, or the settings'.
    pub fn attribution_fields(&self, quote: usize) -> &[AttributionField] {
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
    pub fn published_borough(&self, quote: usize) -> Option<&str> {
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
    pub fn attribution(&self, quote: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::strong_components;

    #[test]
    fn a_long_chain_ending_in_a_loop() {
        let n = 100_000;
        let mut graph: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        graph[n - 1] = vec![n - 3];
        let component = strong_components(&graph);
        assert_eq!(component[n - 1], component[n - 3]);
        assert_eq!(component[n - 2], component[n - 3]);
        assert_ne!(component[n - 4], component[n - 3]);
        let mut chain: Vec<usize> = component[..n - 3].to_vec();
        chain.sort_unstable();
        chain.dedup();
        assert_eq!(chain.len(), n - 3, "every node of the chain alone");
    }

    #[test]
    fn a_node_without_a_loop_is_alone() {
        let component = strong_components(&[vec![1], vec![2], vec![1], vec![]]);
        assert_eq!(component[1], component[2]);
        assert_ne!(component[0], component[1]);
        assert_ne!(component[3], component[1]);
    }
}
