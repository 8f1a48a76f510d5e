//! Where text hides in a project's files, scanned before rendering: bodies
//! (across inline markup and line breaks), front matter strings, file names
//! that become URLs, alt text, link targets, HTML comments and raw HTML, and
//! the roles in the participant registry. Applies each file's allowances.

use super::AllowanceUsed;
use super::identifiers::{List, TermHit, TermMatcher, normalise};
use super::participant_ids::ParticipantIds;
use super::patterns::{self, PatternHit};
use super::reading;
use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::markdown::{self, PlainText};
use crate::model::{Allowance, Doc};
use crate::resolve::Site;
use crate::source::{FileId, Span};
use crate::yaml::Yaml;
use rayon::prelude::*;
use std::ops::Range;

/// For kinds with no check of their own beyond the scan.
fn nothing<M>(_: &Doc<M>, _: &str, _: &mut Found) {}

/// One file's text to scan, with what may be skipped in it.
struct Target<'a> {
    file: FileId,
    plain: PlainText,
    allowance: Option<&'a Allowance>,
    /// Source ranges not checked for participant ids (the `participant:` field).
    id_exempt: Vec<Range<usize>>,
}

pub struct Scanner<'s, 'p> {
    site: &'s Site<'p>,
    matcher: &'s TermMatcher,
    participant_ids: &'s ParticipantIds,
    /// What scanning each file found in the previous run, with the digest
    /// of the file then (serve mode; the caller drops it when the lists
    /// or settings every scan depends on have changed).
    previous: Option<&'s Scans>,
}

/// What scanning each file found, by file, with the file's digest.
pub type Scans = FastMap<FileId, (u64, Found)>;

/// Whether a file's scan below was reused from the previous run.
type Reused = bool;

/// What scanning some files found: problems, and the allowances that let a term through.
#[derive(Default, Clone)]
pub struct Found {
    pub out: Vec<Diagnostic>,
    pub allowances: Vec<AllowanceUsed>,
}

impl Found {
    fn merge(mut self, other: &Found) -> Found {
        self.out.extend(other.out.iter().cloned());
        self.allowances.extend(other.allowances.iter().cloned());
        self
    }
}

impl<'s, 'p> Scanner<'s, 'p> {
    pub fn new(
        site: &'s Site<'p>,
        matcher: &'s TermMatcher,
        participant_ids: &'s ParticipantIds,
        previous: Option<&'s Scans>,
    ) -> Self {
        Scanner {
            site,
            matcher,
            participant_ids,
            previous,
        }
    }

    /// Scans every published file, in parallel, reusing the previous scan of
    /// each unchanged file; allowances come back sorted. Also returns what
    /// was found in each file, for the next run.
    pub fn scan_all(&self) -> (Found, Scans, usize) {
        let project = self.site.project;
        let site = self.site;
        let all = |_: usize| true;
        let mut scans: Vec<(FileId, u64, Found, Reused)> = Vec::new();
        if let Some(landing) = &project.landing {
            let one = std::slice::from_ref(landing);
            scans.extend(self.scan_kind(one, |m| m.anonymity.as_ref(), all, nothing));
        }
        scans.extend(self.scan_kind(&project.boroughs, |m| m.anonymity.as_ref(), all, nothing));
        scans.extend(self.scan_kind(&project.codes, |m| m.anonymity.as_ref(), all, nothing));
        scans.extend(self.scan_kind(
            &project.quotes,
            |m| m.anonymity.as_ref(),
            all,
            |doc, body, found| self.check_length(doc, body, &mut found.out),
        ));
        scans.extend(self.scan_kind(
            &project.findings,
            |m| m.anonymity.as_ref(),
            |i| site.is_published_finding(i),
            nothing,
        ));
        scans.extend(self.scan_kind(&project.pathways, |m| m.anonymity.as_ref(), all, nothing));
        scans.extend(self.scan_kind(&project.pages, |m| m.anonymity.as_ref(), all, nothing));
        let mut found = scans
            .iter()
            .fold(Found::default(), |all, (_, _, one, _)| all.merge(one));
        let scanned = scans.iter().filter(|(.., reused)| !reused).count();
        self.scan_registry(&mut found);
        self.scan_settings(&mut found);
        found.allowances.sort();
        found.allowances.dedup();
        let scans = scans
            .into_iter()
            .map(|(file, digest, one, _)| (file, (digest, one)))
            .collect();
        (found, scans, scanned)
    }

    /// Each kept document's scan, with its file's digest.
    fn scan_kind<M: Sync>(
        &self,
        docs: &[Doc<M>],
        allowance: impl Fn(&M) -> Option<&Allowance> + Sync,
        keep: impl Fn(usize) -> bool + Sync,
        extra: impl Fn(&Doc<M>, &str, &mut Found) + Sync,
    ) -> Vec<(FileId, u64, Found, Reused)> {
        docs.par_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, doc)| {
                let digest = self.site.project.sources.get(doc.file).digest();
                let before = self.previous.and_then(|scans| scans.get(&doc.file));
                match before {
                    Some((then, found)) if *then == digest => {
                        (doc.file, digest, found.clone(), true)
                    }
                    _ => {
                        let mut found = Found::default();
                        let (plain, body) = self.scan_doc(doc, allowance(&doc.meta), &mut found);
                        extra(doc, &plain.text[body..], &mut found);
                        (doc.file, digest, found, false)
                    }
                }
            })
            .collect()
    }

    /// Scans a document's front matter and the text a reader sees in its
    /// body; gives back that text, and where in it the body's begins.
    fn scan_doc<M>(
        &self,
        doc: &Doc<M>,
        allowance: Option<&Allowance>,
        found: &mut Found,
    ) -> (PlainText, usize) {
        let source = self.site.project.sources.get(doc.file);
        let text = source.text.as_str();
        let yaml = Yaml::new(doc.file, source, doc.yaml.clone());
        check_reason(&yaml, allowance, &mut found.out);
        let mut plain = PlainText::default();
        let mut comments = PlainText::default();
        let comment_ranges = reading::yaml_comments(text, doc.yaml.clone());
        for range in front_matter_ranges(text, doc.yaml.clone()) {
            push_yaml_without_comments(text, range, &comment_ranges, &mut plain, &mut comments);
        }
        if !comments.text.is_empty() {
            let target = Target {
                file: doc.file,
                plain: comments,
                allowance,
                id_exempt: Vec::new(),
            };
            self.scan_comment(&target, found);
        }
        let body = plain.text.len();
        markdown::plain_text(text, doc.body.clone(), &mut plain);
        let id_exempt = yaml
            .key_span("participant")
            .map(|s| {
                let end = text[s.range.end..]
                    .find('\n')
                    .map_or(text.len(), |i| s.range.end + i);
                s.range.start..end
            })
            .into_iter()
            .collect();
        let target = Target {
            file: doc.file,
            plain,
            allowance,
            id_exempt,
        };
        self.scan_target(&target, found);
        self.scan_file_name(doc, allowance, found);
        (target.plain, body)
    }

    /// Ids become URLs, so the file name is published too.
    fn scan_file_name<M>(&self, doc: &Doc<M>, allowance: Option<&Allowance>, found: &mut Found) {
        // The id as it is (a hyphen is a word boundary to the matcher, and
        // joins a word split by it too: `thistle-bury`).
        let name = doc.id.as_str();
        let span = Span::file_start(doc.file);
        for hit in self.matcher.find(name) {
            if hit.partial || self.is_allowed(&hit, name, allowance, doc.file, found) {
                continue;
            }
            found.out.push(
                Diagnostic::error("anonymity::identifier-in-file-name", format!("this file's name contains a name from the identifiers list ({}), and file names become web addresses", hit.list.name()))
                    .at(span.clone())
                    .label("the file name is published as part of a link")
                    .fix("rename the file using a pseudonym or a description"),
            );
        }
        if !self.participant_ids.find(&doc.id).is_empty() {
            found.out.push(
                Diagnostic::error("anonymity::participant-id", "this file's name contains a participant id, and file names become web addresses")
                    .at(span)
                    .fix("rename the file; participant ids must never be published"),
            );
        }
    }

    fn scan_registry(&self, found: &mut Found) {
        let project = self.site.project;
        let Some(file) = project.participants_file else {
            return;
        };
        let text = project.sources.text(file);
        // The registry is where ids belong: its comments may hold them.
        self.scan_yaml(file, role_lines(text), true, found);
    }

    /// evalsite.yaml: its title, base_url and other settings are printed
    /// on every page (the header, the tab, canonical links), so its text
    /// is read as front matter is; its comments as comments.
    fn scan_settings(&self, found: &mut Found) {
        let project = self.site.project;
        let Some(file) = project.config_file else {
            return;
        };
        let text = project.sources.text(file);
        self.scan_yaml(file, std::iter::once(0..text.len()), false, found);
    }

    /// Scans `lines` of a YAML file as published text, and its comments
    /// (never published, but kept in the files and their history) apart.
    fn scan_yaml(
        &self,
        file: FileId,
        lines: impl IntoIterator<Item = Range<usize>>,
        ids_in_comments: bool,
        found: &mut Found,
    ) {
        let text = self.site.project.sources.text(file);
        let mut plain = PlainText::default();
        let mut comments = PlainText::default();
        let comment_ranges = reading::yaml_comments(text, 0..text.len());
        for line in lines {
            push_yaml_without_comments(text, line, &comment_ranges, &mut plain, &mut comments);
        }
        let target = Target {
            file,
            plain,
            allowance: None,
            id_exempt: Vec::new(),
        };
        self.scan_target(&target, found);
        if !comments.text.is_empty() {
            let target = Target {
                file,
                plain: comments,
                allowance: None,
                id_exempt: match ids_in_comments {
                    true => std::iter::once(0..text.len()).collect(),
                    false => Vec::new(),
                },
            };
            self.scan_comment(&target, found);
        }
    }

    /// YAML comments are never published, but what they hold stays in the
    /// project's files (and their history): a warning, saying so.
    fn scan_comment(&self, target: &Target, found: &mut Found) {
        let mut inner = Found::default();
        self.scan_target(target, &mut inner);
        found.allowances.extend(inner.allowances);
        for diagnostic in inner.out {
            let message = diagnostic.message.as_str();
            let what = message
                .strip_suffix(" would be published")
                .or_else(|| message.strip_prefix("this word is "))
                .unwrap_or(message)
                .to_string();
            let mut warning = Diagnostic::warning(
                "anonymity::in-yaml-comment",
                format!("this YAML comment holds {what}: comments are not published, but it stays in the project's files and their history"),
            )
            .label("in a comment")
            .fix("remove it from the comment; keep notes that identify people in private/, which is never published");
            if let Some(span) = diagnostic.span {
                warning = warning.at(span);
            }
            found.out.push(warning);
        }
    }

    fn scan_target(&self, target: &Target, found: &mut Found) {
        let text = &target.plain.text;
        for hit in self.matcher.find(text) {
            let span = Span::new(target.file, target.plain.to_source(hit.range.clone()));
            if self.is_allowed(
                &hit,
                &text[hit.range.clone()],
                target.allowance,
                target.file,
                found,
            ) {
                continue;
            }
            found
                .out
                .push(identifier_diagnostic(self.matcher, &hit, span));
        }
        for hit in patterns::find_patterns(text) {
            let span = Span::new(target.file, target.plain.to_source(hit.range.clone()));
            found.out.push(pattern_diagnostic(&hit, span));
        }
        for range in patterns::find_name_like(text) {
            let name = &text[range.clone()];
            if !self.matcher.find(name).is_empty() {
                continue;
            }
            let span = Span::new(target.file, target.plain.to_source(range));
            found.out.push(
                Diagnostic::warning("anonymity::name-like", "this looks like a person's name")
                    .at(span)
                    .label("a title followed by a name")
                    .fix("replace the name with a redaction such as [name] or a role, unless it is not a person's name"),
            );
        }
        for range in self.participant_ids.find(text) {
            let source = target.plain.to_source(range);
            if target
                .id_exempt
                .iter()
                .any(|e| e.start <= source.start && source.end <= e.end)
            {
                continue;
            }
            found.out.push(
                Diagnostic::error(
                    "anonymity::participant-id",
                    "a participant id would be published here",
                )
                .at(Span::new(target.file, source))
                .label("participant ids are pseudonymous but must stay private")
                .fix("remove it; quotes are linked to participants only through `participant:`"),
            );
        }
    }

    fn is_allowed(
        &self,
        hit: &TermHit,
        found_text: &str,
        allowance: Option<&Allowance>,
        file: FileId,
        found: &mut Found,
    ) -> bool {
        let Some(allowance) = allowance else {
            return false;
        };
        let term = normalise(self.matcher.term(hit));
        let written = normalise(found_text);
        let allowed = allowance.allow.iter().any(|a| {
            let a = normalise(a);
            a == term || a == written
        });
        if allowed {
            // As written in the file: the listed form may say more than the file does.
            found.allowances.push(AllowanceUsed {
                file,
                term: found_text.to_string(),
                reason: allowance.reason.clone().unwrap_or_default(),
            });
        }
        allowed
    }

    /// `body`: the text a reader sees in the quote (block breaks between
    /// its paragraphs count as no word).
    fn check_length(
        &self,
        doc: &Doc<crate::model::QuoteMeta>,
        body: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        let text = self.site.project.sources.text(doc.file);
        let words = body
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        let limit = self.site.project.config.max_quote_words;
        if words > limit {
            out.push(
                Diagnostic::warning("anonymity::long-quote", format!("this quote is {words} words long; consent covered extracts of up to {limit} words"))
                    .at(Span::new(doc.file, doc.body.start..doc.body.start + text[doc.body.clone()].find('\n').unwrap_or(0)))
                    .fix("shorten the extract, marking cuts with [...]"),
            );
        }
    }
}

/// Ranges of the front matter to scan: everything but the `anonymity:` block
/// (which names allowed terms by design).
fn front_matter_ranges(text: &str, yaml: Range<usize>) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = yaml.start;
    let mut skipping = false;
    let mut pos = yaml.start;
    while pos < yaml.end {
        let end = text[pos..yaml.end]
            .find('\n')
            .map_or(yaml.end, |i| pos + i + 1);
        let line = &text[pos..end];
        let top_level = !line.starts_with([' ', '\t']) && !line.trim().is_empty();
        if top_level && line.starts_with("anonymity:") {
            if pos > start {
                ranges.push(start..pos);
            }
            skipping = true;
        } else if top_level && skipping {
            skipping = false;
            start = pos;
        }
        pos = end;
    }
    if !skipping && yaml.end > start {
        ranges.push(start..yaml.end);
    }
    ranges
}

/// Pushes YAML `text[range]` to `plain` and the parts of it that are comments to `comments`.
fn push_yaml_without_comments(
    text: &str,
    range: Range<usize>,
    comment_ranges: &[Range<usize>],
    plain: &mut PlainText,
    comments: &mut PlainText,
) {
    let mut at = range.start;
    for comment in comment_ranges {
        let start = comment.start.max(range.start);
        let end = comment.end.min(range.end);
        if start >= end || start < at {
            continue;
        }
        plain.push_yaml(&text[at..start], at);
        comments.push_source(&text[start..end], start);
        at = end;
    }
    if at < range.end {
        plain.push_yaml(&text[at..range.end], at);
    }
}

/// The `role:` lines of participants.yaml, which are published in attributions.
fn role_lines(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        if let Some(at) = line.find("role:") {
            lines.push(pos + at..end);
        }
        pos = end + 1;
    }
    lines
}

fn check_reason(yaml: &Yaml, allowance: Option<&Allowance>, out: &mut Vec<Diagnostic>) {
    let Some(allowance) = allowance else { return };
    let missing = allowance
        .reason
        .as_deref()
        .is_none_or(|r| r.trim().is_empty());
    if missing && !allowance.allow.is_empty() {
        out.push(
            Diagnostic::error("anonymity::allowance-without-reason", "an allowance needs a reason")
                .at(yaml.key_span("anonymity").unwrap_or_else(|| yaml.start_span()))
                .label("`allow:` without `reason:`")
                .fix("add `reason:` under `anonymity:` saying why the term may be published and who agreed"),
        );
    }
}

fn list_word(list: List) -> &'static str {
    match list {
        List::People => "a person's name",
        List::Places => "a place name",
        List::Organisations => "an organisation's name",
    }
}

fn redaction(list: List) -> &'static str {
    match list {
        List::People => "[name]",
        List::Places => "[place]",
        List::Organisations => "[organisation]",
    }
}

/// The message never repeats the listed term: only what the file already shows.
fn identifier_diagnostic(matcher: &TermMatcher, hit: &TermHit, span: Span) -> Diagnostic {
    if hit.partial {
        return Diagnostic::warning(
            "anonymity::partial-name",
            "this word is the first or last name of a person in the identifiers list (people)",
        )
        .at(span)
        .label("part of a listed name")
        .fix("if it refers to that person, replace it with [name] or a role");
    }
    let fix = match matcher.replacement(hit) {
        Some(pseudonym) => {
            format!("replace it with `{pseudonym}` (the pseudonym given in `replace:`)")
        }
        None => format!(
            "replace it with a redaction such as `{}`; if it is public, allow it in this file's front matter with `anonymity: {{allow: [...], reason: ...}}`",
            redaction(hit.list)
        ),
    };
    Diagnostic::error(
        "anonymity::identifier",
        format!(
            "{} from the identifiers list ({}) would be published",
            list_word(hit.list),
            hit.list.name()
        ),
    )
    .at(span)
    .label("listed in private identifiers")
    .fix(fix)
}

fn pattern_diagnostic(hit: &PatternHit, span: Span) -> Diagnostic {
    use patterns::PatternKind::*;
    let redaction = match hit.kind {
        Email => "[email]",
        Phone => "[phone number]",
        NhsNumber => "[NHS number]",
        NiNumber => "[NI number]",
        Postcode => "[postcode]",
        DateOfBirth => "[date of birth]",
    };
    Diagnostic::error(
        pattern_code(hit),
        format!("{} would be published", hit.kind.describe()),
    )
    .at(span)
    .label(format!("looks like {}", hit.kind.describe()))
    .fix(format!(
        "remove it or replace it with a redaction in square brackets, such as `{redaction}`"
    ))
}

fn pattern_code(hit: &PatternHit) -> &'static str {
    use patterns::PatternKind::*;
    match hit.kind {
        Email => "anonymity::email",
        Phone => "anonymity::phone-number",
        NhsNumber => "anonymity::nhs-number",
        NiNumber => "anonymity::ni-number",
        Postcode => "anonymity::postcode",
        DateOfBirth => "anonymity::date-of-birth",
    }
}

/// Every term allowed in any file, normalised, for the output scan.
pub fn all_allowed_terms(site: &Site) -> Vec<String> {
    let project = site.project;
    let mut allowed = Vec::new();
    let mut add = |a: Option<&Allowance>| {
        allowed.extend(
            a.into_iter()
                .flat_map(|a| a.allow.iter().map(|t| normalise(t))),
        )
    };
    add(project
        .landing
        .as_ref()
        .and_then(|d| d.meta.anonymity.as_ref()));
    project
        .boroughs
        .iter()
        .for_each(|d| add(d.meta.anonymity.as_ref()));
    project
        .codes
        .iter()
        .for_each(|d| add(d.meta.anonymity.as_ref()));
    project
        .quotes
        .iter()
        .for_each(|d| add(d.meta.anonymity.as_ref()));
    project
        .findings
        .iter()
        .for_each(|d| add(d.meta.anonymity.as_ref()));
    project
        .pathways
        .iter()
        .for_each(|d| add(d.meta.anonymity.as_ref()));
    project
        .pages
        .iter()
        .for_each(|d| add(d.meta.anonymity.as_ref()));
    allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymity_block_is_not_scanned() {
        let text = "title: X\nanonymity:\n  allow: [Jane]\n  reason: r\nborough: a\n";
        let ranges = front_matter_ranges(text, 0..text.len());
        let kept: String = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(kept, "title: X\nborough: a\n");
    }

    #[test]
    fn role_lines_are_found() {
        let text = "participants:\n  - id: a\n    role: GP\n";
        let lines = role_lines(text);
        assert_eq!(&text[lines[0].clone()], "role: GP");
    }
}
