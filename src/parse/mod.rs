//! From loaded files to entities: front matter into the model's types, ids
//! from file stems (checked for form and uniqueness), bodies scanned for
//! links and embeds, and the participant registry and identifiers list read.
//! Does not check that references point anywhere (that is `resolve`).

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::frontmatter;
use crate::hash::{FastMap, FastSet};
use crate::load::Loaded;
use crate::markdown;
use crate::model::*;
use crate::source::{FileId, Sources, Span};
use crate::yaml::Yaml;
use memo::{KeptDoc, reuse_or};
pub use registry::merge_role_spellings;
use registry::{RawRegistry, check_participant_ids, parse_participants};
use schema::{IDENTIFIERS, PARTICIPANTS, schema};

mod identifiers;
mod memo;
mod registry;
mod schema;

pub use memo::Memo;
use rayon::prelude::*;
use serde::de::DeserializeOwned;

/// A whole project as parsed data.
#[derive(Debug, Default)]
pub struct Project {
    pub sources: Sources,
    pub config: Config,
    pub landing: Option<Doc<Landing>>,
    pub participants: Vec<Participant>,
    /// evalsite.yaml, when there is one.
    pub config_file: Option<FileId>,
    pub participants_file: Option<FileId>,
    /// participants.yaml, or an entry of it, could not be read (its
    /// problems are reported): a quote's participant is then not looked
    /// for, or every quote of an unread entry would be reported too.
    pub participants_unread: bool,
    pub boroughs: Vec<Borough>,
    pub codes: Vec<Code>,
    pub quotes: Vec<Quote>,
    pub findings: Vec<Finding>,
    pub pathways: Vec<Pathway>,
    pub pages: Vec<Page>,
    pub identifiers: Identifiers,
    pub identifiers_file: Option<FileId>,
    /// Files that are there but could not be read (their problems are
    /// reported), by kind and id: a link to one is not reported as a link
    /// to nothing.
    pub unread: FastSet<(Kind, String)>,
}

/// Whether `id` has the form ids must have: lowercase `a-z0-9-`, not empty.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A suggested id for a file stem that is not of the right form.
fn suggest_id(stem: &str) -> String {
    let mut id = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_matches('-').to_string()
}

/// One file's parse: the entity, if it parsed, and its problems.
type ParseResult = (Option<Parsed>, Vec<Diagnostic>);

/// Parses every loaded file into the project, reusing `memo`'s parse of
/// any file unchanged since the run that filled it, and refilling it.
pub fn parse(
    loaded: Loaded,
    config: Config,
    out: &mut Vec<Diagnostic>,
    mut memo: Option<&mut Memo>,
) -> Project {
    let mut project = Project {
        config,
        config_file: loaded.config,
        participants_file: loaded.participants,
        identifiers_file: loaded.identifiers,
        ..Project::default()
    };
    let sources = &loaded.sources;
    if let Some(id) = loaded.participants {
        let kept = memo.as_deref_mut().map(|m| &mut m.participants);
        let before = out.len();
        project.participants = reuse_or(kept, id, sources, out, |out| {
            let yaml = Yaml::new(id, sources.get(id), 0..sources.text(id).len());
            let Some(registry) = yaml.parse::<RawRegistry>(&PARTICIPANTS, out) else {
                return Vec::new();
            };
            let mut participants = parse_participants(registry.participants, &yaml, out);
            check_participant_ids(&participants, &yaml, out);
            merge_role_spellings(&mut participants, &yaml, out);
            participants
        });
        project.participants_unread = out[before..].iter().any(Diagnostic::is_error);
    }
    if let Some(id) = loaded.identifiers {
        let kept = memo.as_deref_mut().map(|m| &mut m.identifiers);
        project.identifiers = reuse_or(kept, id, sources, out, |out| {
            let yaml = Yaml::new(id, sources.get(id), 0..sources.text(id).len());
            // The lists written right are still looked for in this run.
            match yaml.read(&IDENTIFIERS, out) {
                // Read at all (not too deep, say): its entries looked at.
                Some((mut identifiers, _)) => {
                    identifiers::check_entries(&yaml, sources.text(id), &mut identifiers, out);
                    identifiers
                }
                None => Identifiers::default(),
            }
        });
    }
    // An unchanged file's entity is taken from the memo; the others are
    // parsed, each on its own, in parallel; then all placed in order.
    let mut previous = memo
        .as_deref_mut()
        .map(|m| std::mem::take(&mut m.docs))
        .unwrap_or_default();
    let reused: Vec<Option<ParseResult>> = loaded
        .docs
        .iter()
        .map(|&(_, file)| {
            let kept = previous.get_mut(file.0)?.take()?;
            let usable =
                kept.digest == sources.get(file).digest() && (kept.failed || kept.doc.is_some());
            usable.then_some((kept.doc, kept.found))
        })
        .collect();
    drop(previous);
    let parsed: Vec<(ParseResult, bool)> = loaded
        .docs
        .par_iter()
        .zip(reused)
        .map(|(&(kind, file), reused)| {
            if let Some(result) = reused {
                return (result, true);
            }
            let mut found = Vec::new();
            let doc = match kind {
                Kind::Landing => parse_doc(kind, file, sources, &mut found).map(Parsed::Landing),
                Kind::Borough => parse_doc(kind, file, sources, &mut found).map(Parsed::Borough),
                Kind::Code => parse_doc(kind, file, sources, &mut found).map(Parsed::Code),
                Kind::Quote => parse_doc(kind, file, sources, &mut found).map(Parsed::Quote),
                Kind::Finding => parse_doc(kind, file, sources, &mut found).map(Parsed::Finding),
                Kind::Pathway => parse_doc(kind, file, sources, &mut found).map(Parsed::Pathway),
                Kind::Page => parse_doc(kind, file, sources, &mut found).map(Parsed::Page),
            };
            ((doc, found), false)
        })
        .collect();
    if let Some(memo) = memo {
        memo.parsed = parsed.iter().filter(|(_, reused)| !reused).count();
        memo.docs.resize_with(sources.len(), || None);
        for (&(_, file), ((doc, found), _)) in loaded.docs.iter().zip(&parsed) {
            memo.docs[file.0] = Some(KeptDoc {
                digest: sources.get(file).digest(),
                doc: None,
                failed: doc.is_none(),
                found: found.clone(),
            });
        }
    }
    let parsed = parsed.into_iter().map(|(result, _)| result);
    for (&(kind, file), (doc, found)) in loaded.docs.iter().zip(parsed) {
        out.extend(found);
        match doc {
            Some(Parsed::Landing(doc)) => project.landing = Some(doc),
            Some(Parsed::Borough(doc)) => project.boroughs.push(doc),
            Some(Parsed::Code(doc)) => project.codes.push(doc),
            Some(Parsed::Quote(doc)) => project.quotes.push(doc),
            Some(Parsed::Finding(doc)) => project.findings.push(doc),
            Some(Parsed::Pathway(doc)) => project.pathways.push(doc),
            Some(Parsed::Page(doc)) => project.pages.push(doc),
            None => {
                let id = stem(&sources.get(file).name);
                if is_valid_id(&id) {
                    project.unread.insert((kind, id));
                }
            }
        }
    }
    // Quotes go in id order, not file order: researchers keep one folder
    // per borough, so a list in file order (the quotes attributed without
    // a borough, a code's quotes) runs borough by borough and places each
    // quote in its borough after all. A stable sort keeps two files of one
    // id in file order for the duplicate message.
    project.quotes.sort_by(|a, b| a.id.cmp(&b.id));
    check_unique(Kind::Borough, &project.boroughs, sources, out);
    check_unique(Kind::Code, &project.codes, sources, out);
    check_unique(Kind::Quote, &project.quotes, sources, out);
    check_unique(Kind::Finding, &project.findings, sources, out);
    check_unique(Kind::Pathway, &project.pathways, sources, out);
    check_unique(Kind::Page, &project.pages, sources, out);
    project.sources = loaded.sources;
    project
}

/// One parsed file, of whichever kind.
enum Parsed {
    Landing(Doc<Landing>),
    Borough(Borough),
    Code(Code),
    Quote(Quote),
    Finding(Finding),
    Pathway(Pathway),
    Page(Page),
}

fn parse_doc<M: DeserializeOwned>(
    kind: Kind,
    file: FileId,
    sources: &Sources,
    out: &mut Vec<Diagnostic>,
) -> Option<Doc<M>> {
    let source = sources.get(file);
    let id = stem(&source.name);
    if kind != Kind::Landing && !is_valid_id(&id) {
        let suggestion = suggest_id(&id);
        out.push(
            Diagnostic::error(
                "id::invalid",
                format!("`{id}` cannot be an id: ids are lowercase letters, digits and hyphens"),
            )
            .at(Span::file_start(file))
            .label("the file name is the id")
            .fix(format!("rename the file to `{suggestion}.md`")),
        );
    }
    let split = match frontmatter::split(file, source) {
        Ok(split) => split,
        Err(diagnostic) => {
            out.push(*diagnostic);
            return None;
        }
    };
    if split.yaml.is_empty() {
        out.push(
            Diagnostic::error("frontmatter::missing", format!("{} needs front matter", kind.what()))
                .at(Span::file_start(file))
                .label("no front matter")
                .fix("start the file with a `---` line, the fields (such as `title: …`), and another `---` line"),
        );
        return None;
    }
    let yaml = Yaml::new(file, source, split.yaml.clone());
    // A value of the wrong kind is reported and left out; the file is kept
    // with the rest, so links to it still resolve and its text is still
    // checked, rather than each link reporting a file that is not there.
    let (meta, _) = yaml.read::<M>(&schema(kind), out)?;
    let mut refs = markdown::references(&source.text, split.body.clone());
    // A finding's `summary:` is Markdown too: its links and embeds are
    // checked as the body's are, at their place in the front matter.
    if kind == Kind::Finding
        && let Some(key) = yaml.key_span("summary")
    {
        let value = key.range.end..value_end(&source.text, key.range.end, split.yaml.end);
        refs.extend(markdown::references(&source.text, value));
    }
    Some(Doc {
        id,
        file,
        yaml: split.yaml,
        body: split.body,
        meta,
        refs,
    })
}

/// Where the value of the front matter key ending at `from` ends: at the
/// next line that is not indented (another key), or the front matter's end.
fn value_end(text: &str, from: usize, end: usize) -> usize {
    let mut at = from;
    while let Some(newline) = text[at..end].find('\n') {
        at += newline + 1;
        if at >= end || !text[at..].starts_with([' ', '\t']) {
            return at.min(end);
        }
    }
    end
}

/// The file stem of a `/`-separated path.
fn stem(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.strip_suffix(".md").unwrap_or(file).to_string()
}

fn check_unique<M>(kind: Kind, docs: &[Doc<M>], sources: &Sources, out: &mut Vec<Diagnostic>) {
    let mut seen: FastMap<&str, FileId> = FastMap::default();
    for doc in docs {
        if let Some(first) = seen.insert(&doc.id, doc.file) {
            out.push(
                Diagnostic::error(
                    "id::duplicate",
                    format!("two files define {} with the id `{}`", kind.what(), doc.id),
                )
                .at(Span::file_start(doc.file))
                .label("second definition")
                .note(format!("the first is {}", sources.name(first)))
                .note(format!("and this one is {}", sources.name(doc.file)))
                .fix("rename one of the two files; ids must be unique within their kind"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_letters_digits_and_hyphens() {
        assert!(is_valid_id("same-building-2"));
        assert!(!is_valid_id("Same Building"));
        assert!(!is_valid_id("same_building"));
        assert!(!is_valid_id(""));
        assert_eq!(suggest_id("Same Building_2"), "same-building-2");
    }

    #[test]
    fn stem_is_the_file_name_without_md() {
        assert_eq!(stem("content/quotes/b/same-building.md"), "same-building");
    }
}
