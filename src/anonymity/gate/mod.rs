//! The disclosure gate: the one check over exactly the bytes that will be
//! written or served, after everything is made. Every output file is read
//! whatever its type, and so is every file and folder name; what it reads
//! is searched with the source checks' own matchers (listed terms,
//! structured identifiers, participant ids), and every page about some
//! boroughs is held to k for the quotes it shows.
//!
//! Only [`gate`] makes a [`Gated`] site, and only a [`Gated`] site can be
//! written (`output::Writing`) or served (the preview may show a page
//! before the whole site has passed, once it alone has: [`Early`]): a later
//! kind of output that wants to reach a reader has to pass here first.
//!
//! The parts, in the order a file meets them:
//! - `read`: a file by its type, into `texts`; `html` reads markup
//!   as a browser builds and shows it (with `line`, `css` and `drawn`),
//!   `text` every other text, `names` file and folder names;
//! - `look`: what is searched for, and where;
//! - `allow`: an allowance allows its terms only in the text of the file
//!   that has it;
//! - `report` and `origin`: the messages, and the source line that
//!   produced what was found.

mod allow;
mod bidi;
mod cdata;
use crate::reading::css;
mod drawn;
mod early;
mod html;
mod line;
mod look;
mod names;
mod origin;
mod pictures;
mod read;
mod redact;
mod report;
mod shown;
mod text;
mod texts;

pub use allow::allowances;
use allow::{allowed_here, context_of, printed_by_templates, titles_digest};
pub use early::Early;
pub(crate) use look::Sought;
use look::{Clean, Look};
use read::read;
pub use redact::Redactor;
use report::{leak, unreadable};
use texts::Texts;

use super::Checked;
use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::render::{Contents, Rendered};
use crate::source::{FileId, Sources};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A site every byte of which passed the gate: the only thing that can be
/// written or served.
pub struct Gated(Rendered);

impl Gated {
    /// The files, by site-relative path.
    pub fn files(&self) -> &BTreeMap<String, Contents> {
        &self.0.files
    }

    pub fn into_files(self) -> BTreeMap<String, Contents> {
        self.0.files
    }
}

/// Where a build puts each file as soon as it alone has passed, while the
/// gate reads the rest (`output::Writing`): a file passes alone when
/// nothing at all is found in it or in its name (an allowed term only
/// where its allowance allows it), it reads in full, and, before any file
/// is read, every file's name has passed and every page has held its
/// quotes to k. What is put there may reach a reader only once the whole
/// site has passed ([`Gated`]).
pub trait Stage: Sync {
    /// Called once, when every file's name has passed and every page's
    /// quotes hold k, before any file is [`Stage::put`]; never where
    /// anything else has failed already.
    fn open(&self, named: Named);
    /// One file that passed on its own.
    fn put(&self, passed: Passed);
}

/// The files of a site whose names (and every page's quotes) have passed,
/// not yet their bytes: they may be named on disk, measured and hashed,
/// not written. Made by the gate only.
pub struct Named<'a>(&'a BTreeMap<String, Contents>);

impl Named<'_> {
    pub fn files(&self) -> &BTreeMap<String, Contents> {
        self.0
    }
}

/// One file that passed the gate on its own. Made by the gate only.
pub struct Passed<'a> {
    path: &'a str,
    bytes: &'a Contents,
}

impl Passed<'_> {
    pub fn path(&self) -> &str {
        self.path
    }

    pub fn bytes(&self) -> &Contents {
        self.bytes
    }
}

/// What the gate needs besides the files: what to look for, and where to
/// look for the source of what it finds.
pub struct Inputs<'a> {
    pub checked: &'a Checked,
    pub sources: &'a Sources,
    /// The project's own template files (the embedded theme has none).
    pub templates: Vec<FileId>,
    /// Where the theme's static files come from, for messages.
    pub theme_folder: String,
    /// The title a link written without text prints for `kind:id` (as
    /// the render prints it), for messages: what the gate finds may be
    /// completed by it.
    pub link_title: &'a LinkTitle<'a>,
}

/// The title a link to `kind:id` written without text prints, if any.
pub type LinkTitle<'a> = dyn Fn(crate::model::Kind, &str) -> Option<String> + Sync + 'a;

/// What passed the gate in the last run (serve mode): a file whose bytes
/// are the very ones that passed (the same shared buffer, which no one can
/// change while the memo holds it), seen with the same allowances, passes
/// again with the same identifiers, registry and allowances.
#[derive(Default)]
pub struct Memo {
    inputs: u64,
    passed: FastMap<String, (Contents, u64)>,
    /// The blocks of text in which nothing was found, with the same
    /// identifiers, registry and allowances (`inputs`): whether a block is
    /// clean depends on nothing else (see [`Clean`]), so a rebuild after
    /// one edit searches only the text the edit changed.
    clean: Clean,
    /// How many files the last run read rather than reused.
    pub read: usize,
}

/// Past this many clean blocks kept between rebuilds (about ten times the
/// distinct blocks of a 10,000-quote site), the preview starts afresh, so
/// a long session of edits does not grow without end.
const CLEAN_KEPT: usize = 2_000_000;

/// What the gate found in one file.
#[derive(Default)]
struct Found {
    /// The quotes whose pages the file leads to, by id.
    quotes: Vec<String>,
    /// A page about some boroughs leads to a quote whose attribution is
    /// shared by fewer than k participants there (reported apart).
    leads_to_small_group: bool,
    /// Descriptions, each once.
    what: BTreeSet<String>,
    /// Found in the file's name rather than its contents.
    in_name: BTreeSet<String>,
    unreadable: Option<&'static str>,
}

/// Reads every file of `rendered` and every name, and lets the site through
/// only if nothing is found; otherwise reports what was found, one message
/// per kind of leak naming the files. A build's `stage` is given each file
/// as soon as it alone has passed (see [`Stage`]).
pub fn gate(
    inputs: &Inputs,
    rendered: Rendered,
    memo: Option<&mut Memo>,
    stage: Option<&dyn Stage>,
    out: &mut Vec<Diagnostic>,
) -> Option<Gated> {
    let checked = inputs.checked;
    let look = Look::with(
        &checked.matcher,
        &checked.participant_ids,
        checked.sought.clone(),
        look::style_effects(rendered.files.iter()),
        look::shows_capitals(rendered.files.iter()),
    );
    let key = checked.gate_inputs;
    let mut fresh = Memo::default();
    let mut memo = memo.map(|memo| {
        if memo.inputs != key {
            *memo = Memo::default();
        }
        memo
    });
    let clean = match memo.as_deref_mut() {
        Some(memo) if memo.clean.len() < CLEAN_KEPT => std::mem::take(&mut memo.clean),
        _ => Clean::default(),
    };
    let passed = memo.as_deref().map(|m| &m.passed);
    // Every quote a page about some boroughs shows, held to k there.
    let before = out.len();
    let pages = rendered
        .origins
        .iter()
        .map(|(path, &origin)| (path.as_str(), origin, shown(&rendered, path)));
    checked.pages.check(inputs.sources, pages, out);
    let small_groups = out.len() > before;
    // A build reads every name before any file is put on disk; the
    // preview reads the names of the files it reads again only.
    let names = stage.map(|_| found_in_names(&look, rendered.files.keys()));
    let stage = stage.filter(|_| {
        !small_groups
            && !out.iter().any(Diagnostic::is_error)
            && names.as_ref().is_some_and(FastMap::is_empty)
    });
    if let Some(stage) = stage {
        stage.open(Named(&rendered.files));
    }
    let printed = printed_by_templates(&look, checked, inputs.sources, &inputs.templates);
    let titles = titles_digest(&rendered, checked, &printed);
    let results: Vec<(&String, u64, Option<Found>)> = rendered
        .files
        .par_iter()
        .map(|(path, bytes)| {
            let context = context_of(&rendered, checked, path, titles);
            if passed.is_some_and(|p| passed_before(p, path, bytes, context)) {
                return (path, context, None);
            }
            let allowances = (checked, &printed);
            let in_name = match &names {
                Some(names) => names.get(path.as_str()).cloned().unwrap_or_default(),
                None => look
                    .find_in_name(path)
                    .into_iter()
                    .map(|hit| hit.what)
                    .collect(),
            };
            let mut found = examine(&look, &clean, allowances, &rendered, path, bytes);
            found.in_name.extend(in_name);
            found.leads_to_small_group = rendered
                .origins
                .get(path.as_str())
                .is_some_and(|&origin| !checked.pages.holds_links(origin, &found.quotes));
            if let Some(stage) = stage.filter(|_| found.passes()) {
                stage.put(Passed { path, bytes });
            }
            (path, context, Some(found))
        })
        .collect();
    // A page about some boroughs that leads to a quote's page tells
    // readers the quote comes from there, as one that shows it does.
    let linked = results.iter().filter_map(|(path, _, found)| {
        let found = found.as_ref().filter(|f| f.leads_to_small_group)?;
        let origin = *rendered.origins.get(path.as_str())?;
        Some((
            path.as_str(),
            origin,
            found.quotes.as_slice(),
            shown(&rendered, path),
        ))
    });
    let before_links = out.len();
    checked.pages.check_links(inputs.sources, linked, out);
    let small_groups = small_groups || out.len() > before_links;
    let mut leaks: BTreeMap<(String, bool), Vec<&str>> = BTreeMap::new();
    let mut read = 0;
    for (path, context, found) in results {
        let Some(found) = found else {
            fresh
                .passed
                .insert(path.clone(), (rendered.files[path].clone(), context));
            continue;
        };
        read += 1;
        if let Some(why) = found.unreadable {
            out.push(unreadable(inputs, &look, &rendered, path, why));
        } else if found.passes() {
            fresh
                .passed
                .insert(path.clone(), (rendered.files[path].clone(), context));
        }
        for what in found.what {
            leaks.entry((what, false)).or_default().push(path);
        }
        for what in found.in_name {
            leaks.entry((what, true)).or_default().push(path);
        }
    }
    let failed = small_groups
        || !leaks.is_empty()
        || out.iter().any(|d| d.code == "anonymity::unreadable-output");
    for ((what, in_name), pages) in &leaks {
        out.push(leak(inputs, &look, &rendered, what, *in_name, pages));
    }
    if let Some(memo) = memo {
        fresh.inputs = key;
        fresh.read = read;
        fresh.clean = clean;
        *memo = fresh;
    }
    (!failed).then_some(Gated(rendered))
}

impl Found {
    /// Nothing found, and read in full.
    fn passes(&self) -> bool {
        self.unreadable.is_none()
            && self.what.is_empty()
            && self.in_name.is_empty()
            && !self.leads_to_small_group
    }
}

/// What the names of `paths` show, by path, for those that show
/// anything the gate looks for.
fn found_in_names<'a>(
    look: &Look,
    paths: impl Iterator<Item = &'a String>,
) -> FastMap<&'a str, Vec<String>> {
    let paths: Vec<&String> = paths.collect();
    paths
        .par_iter()
        .filter_map(|path| {
            let found: Vec<String> = look
                .find_in_name(path)
                .into_iter()
                .map(|h| h.what)
                .collect();
            (!found.is_empty()).then_some((path.as_str(), found))
        })
        .collect()
}

/// Whether `bytes` are the very bytes that passed at `path` last time
/// (the same shared buffer: no one can change it while the memo holds it),
/// seen with the same allowances.
fn passed_before(
    passed: &FastMap<String, (Contents, u64)>,
    path: &str,
    bytes: &Contents,
    context: u64,
) -> bool {
    passed
        .get(path)
        .is_some_and(|(then, c)| Arc::ptr_eq(then, bytes) && *c == context)
}

/// The source files whose text a page shows: the one it is made from and
/// those whose bodies it shows.
pub(super) fn shown(rendered: &Rendered, path: &str) -> Vec<FileId> {
    let mut files: Vec<FileId> = rendered.origins.get(path).copied().into_iter().collect();
    files.extend(rendered.shows.get(path).into_iter().flatten().copied());
    files.sort();
    files.dedup();
    files
}

/// The quotes whose pages the file at `path` leads to, by id: each
/// address it links, frames or shows (see [`Texts::links`]) as a browser
/// resolves it and a server serves it (tabs and line breaks dropped, `\\`
/// a `/`, against the page's `<base>` and folder, `//` one `/`: see
/// [`crate::markdown::quote_page`]); and any quote page's address a script, an
/// event handler or a refresh spells out (red team, round 11).
fn linked_quotes(path: &str, texts: &Texts) -> Vec<String> {
    static SPELT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)quotes[/\\]+([A-Za-z0-9._~-]+)").expect("a valid pattern")
    });
    fn clean(address: &str) -> std::borrow::Cow<'_, str> {
        crate::markdown::cleaned_address(address.trim())
    }
    let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
    let join = |from: &str, address: &str| match from.is_empty()
        || address.starts_with('/')
        || address.contains(':')
    {
        true => address.to_string(),
        false => format!("{from}/{address}"),
    };
    // The folder links resolve from: the page's, or its `<base>`'s.
    let from = match texts.base.as_deref().map(clean) {
        Some(base) => {
            let base = join(folder, &base);
            match base.rsplit_once('/') {
                Some((folder, _)) => folder.to_string(),
                None => String::new(),
            }
        }
        None => folder.to_string(),
    };
    let mut ids: Vec<String> = Vec::new();
    let mut add = |id: Option<String>| {
        if let Some(id) = id.filter(|id| !ids.contains(id)) {
            ids.push(id);
        }
    };
    // Only an address that says `quotes`, or may spell it otherwise, or
    // is on a page in the quotes' folder (any of whose links may lead to
    // one beside it: `ID.html`, `.//ID.html`, red team, round 32), or
    // resolves against a `<base>`, is worth reading as one (most of a
    // page's links are not).
    let beside_quotes = text::contains_ignoring_case(&from, b"quotes");
    for link in &texts.links {
        let link = clean(link);
        let may = texts.base.is_some()
            || beside_quotes
            || link.contains(['%', '&'])
            || text::contains_ignoring_case(&link, b"quotes");
        if may {
            add(crate::markdown::quote_page(&join(&from, &link)));
        }
    }
    for script in &texts.scripts {
        if text::contains_ignoring_case(script, b"quotes") {
            for found in SPELT.captures_iter(script) {
                // Read as a link to it is, its extension in any case.
                add(crate::markdown::quote_page(&format!(
                    "quotes/{}",
                    &found[1]
                )));
            }
        }
    }
    ids
}

/// Reads one file (its name is read apart).
fn examine(
    look: &Look,
    clean: &Clean,
    (checked, printed): (&Checked, &BTreeSet<String>),
    rendered: &Rendered,
    path: &str,
    bytes: &[u8],
) -> Found {
    let mut found = Found::default();
    let mut texts = look.texts();
    // Where a page is about some boroughs, the quotes it leads to.
    let about = rendered
        .origins
        .get(path)
        .is_some_and(|&origin| checked.pages.is_about(origin));
    texts.links_wanted = about;
    if let Err(why) = read(path, bytes, &mut texts) {
        found.unreadable = Some(why);
        return found;
    }
    if about {
        found.quotes = linked_quotes(path, &texts);
    }
    let mut allowed_terms: BTreeSet<String> = BTreeSet::new();
    for hit in look.find_in(&texts, Some(clean)) {
        match hit
            .term
            .iter()
            .find(|t| checked.allowed.values().flatten().any(|a| a == *t))
        {
            Some(term) => {
                if allowed_terms.insert(term.clone())
                    && !allowed_here(look, (checked, printed), rendered, path, bytes, term)
                {
                    found
                        .what
                        .insert(format!("{} outside the file that allows it", hit.what));
                }
            }
            None => {
                found.what.insert(hit.what);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_stage;
