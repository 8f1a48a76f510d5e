//! The entities of an evaluation project (participants, boroughs, codes,
//! quotes, findings, pathways, pages and the landing page) as plain data read
//! from front matter, and the private identifiers list as read. No I/O and no cross-references: `parse` fills these in,
//! `resolve` connects them.

use crate::source::FileId;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// One Markdown file of the project: its id (the file stem), where its parts
/// are, and its front matter.
#[derive(Debug, Clone)]
pub struct Doc<M> {
    pub id: String,
    pub file: FileId,
    pub yaml: Range<usize>,
    pub body: Range<usize>,
    pub meta: M,
    /// Links and embeds to other entities written in the body.
    pub refs: Vec<Reference>,
}

/// `[text](finding:ID)` or `![](quote:ID)` in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub kind: Kind,
    pub id: String,
    /// `![](…)`: the target is set in place rather than linked.
    pub embed: bool,
    /// Byte range of `kind:ID` in the file.
    pub range: Range<usize>,
    /// A link written without words (`[](finding:ID)`): the target's title
    /// is printed in its place.
    pub untitled: bool,
}

/// The contents of private/identifiers.yaml: the real names and places
/// that must never be published. Searching text for them is
/// `anonymity::identifiers`'.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identifiers {
    /// Participants, patients and staff named in talk.
    #[serde(default)]
    pub people: Vec<String>,
    /// Real boroughs, wards, streets, hospitals.
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub organisations: Vec<String>,
    /// The pseudonym to suggest for a term (keys as written in the lists).
    #[serde(default)]
    pub replace: BTreeMap<String, String>,
}

/// `anonymity:` in any file's front matter: terms allowed in that file only.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Allowance {
    #[serde(default)]
    pub allow: Vec<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Landing {
    pub title: String,
    pub subtitle: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub period: Option<String>,
    pub framework: Option<String>,
    /// Report furniture (additions to the contract): when and as what the
    /// report was published, and how to cite and reuse it.
    pub published: Option<String>,
    pub version: Option<String>,
    pub doi: Option<String>,
    pub licence: Option<String>,
    pub cite: Option<String>,
    pub funder: Option<String>,
    pub anonymity: Option<Allowance>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sector {
    Health,
    PrimaryCare,
    Acute,
    SocialCare,
    Voluntary,
    Other,
}

impl Sector {
    pub fn label(self) -> &'static str {
        match self {
            Sector::Health => "Health",
            Sector::PrimaryCare => "Primary care",
            Sector::Acute => "Acute",
            Sector::SocialCare => "Social care",
            Sector::Voluntary => "Voluntary sector",
            Sector::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Strategic,
    Operational,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Strategic => "Strategic",
            Level::Operational => "Operational",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Consent {
    #[default]
    Given,
    Withdrawn,
    NoQuotes,
}

/// One entry of `participants.yaml`. The id is pseudonymous and never published.
#[derive(Debug, Clone, Deserialize)]
pub struct Participant {
    pub id: String,
    pub role: String,
    pub sector: Sector,
    pub level: Option<Level>,
    pub borough: String,
    #[serde(default)]
    pub consent: Consent,
}

/// The form in which two spellings of a role are the same role, as a
/// reader sees them: Unicode compatibility-normalised, lowercase, one space
/// between words, every apostrophe as `'` and dash as `-`, and without the
/// characters that show as nothing (a soft hyphen, a zero-width space), and
/// a Cyrillic or Greek letter drawn as a Latin one read as that letter.
/// Red team, round 9: Word's curly apostrophe and non-breaking hyphen made
/// one role two groups.
pub fn role_key(role: &str) -> String {
    use crate::reading::{DASHES, is_apostrophe, is_invisible, latin_lookalike};
    use unicode_normalization::UnicodeNormalization;
    // ASCII text is its own compatibility form (a test reads every ASCII
    // character): the attribution check asks for a role's key once for
    // each participant of each group it counts.
    let folded: String = match role.is_ascii() {
        true => role.to_ascii_lowercase().replace('`', "'"),
        // Apostrophes first: compatibility forms part an acute accent
        // (`´`) into a space and an accent.
        false => role
            .chars()
            .filter(|&c| !is_invisible(c))
            .map(|c| match c {
                c if is_apostrophe(c) => '\'',
                c if DASHES.contains(&c) => '-',
                c => c,
            })
            .nfkc()
            .map(|c| latin_lookalike(c).unwrap_or(c))
            .collect::<String>()
            .to_lowercase(),
    };
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, Deserialize)]
pub struct BoroughMeta {
    pub title: String,
    pub order: Option<i64>,
    pub summary: Option<String>,
    pub anonymity: Option<Allowance>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CodeMeta {
    pub title: String,
    pub parent: Option<String>,
    pub order: Option<i64>,
    pub anonymity: Option<Allowance>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteSource {
    Interview,
    GroupInterview,
    FieldNotes,
    Workshop,
    Document,
}

impl QuoteSource {
    pub fn label(self) -> &'static str {
        match self {
            QuoteSource::Interview => "Interview",
            QuoteSource::GroupInterview => "Group interview",
            QuoteSource::FieldNotes => "Field notes",
            QuoteSource::Workshop => "Workshop",
            QuoteSource::Document => "Document",
        }
    }
}

/// A participant field a quote can be attributed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttributionField {
    Role,
    Sector,
    Level,
    Borough,
}

impl AttributionField {
    pub fn name(self) -> &'static str {
        match self {
            AttributionField::Role => "role",
            AttributionField::Sector => "sector",
            AttributionField::Level => "level",
            AttributionField::Borough => "borough",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct QuoteMeta {
    pub participant: Option<String>,
    pub source: Option<QuoteSource>,
    pub date: Option<String>,
    #[serde(default)]
    pub codes: Vec<String>,
    pub pathway: Option<String>,
    pub attribution: Option<Vec<AttributionField>>,
    /// For quotes without a participant (field notes, workshops, documents).
    pub borough: Option<String>,
    pub anonymity: Option<Allowance>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Final,
    Draft,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FindingMeta {
    pub title: String,
    #[serde(default)]
    pub codes: Vec<String>,
    #[serde(default)]
    pub boroughs: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<String>,
    #[serde(default)]
    pub attributes: BTreeMap<String, serde_yaml::Value>,
    #[serde(default)]
    pub status: Status,
    /// One or two sentences for lists and borough reports (an addition to
    /// the contract); else the body's first paragraph.
    pub summary: Option<String>,
    /// Where the finding comes in lists (an addition): lower first, then by title.
    pub order: Option<i64>,
    /// How the finding is drawn on pathway maps (an addition).
    #[serde(default)]
    pub kind: FindingKind,
    pub anonymity: Option<Allowance>,
}

/// Whether a finding on a pathway map is a point of friction or a strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    #[default]
    Friction,
    Strength,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PathwayNode {
    pub id: String,
    pub label: String,
    #[serde(default = "default_node_sector")]
    pub sector: String,
    #[serde(default)]
    pub findings: Vec<String>,
}

fn default_node_sector() -> String {
    "other".into()
}

#[derive(Debug, Clone, Deserialize)]
pub struct PathwayEdge {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
    #[serde(default)]
    pub findings: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PathwayMeta {
    pub title: String,
    pub borough: String,
    pub pathway: String,
    #[serde(default)]
    pub nodes: Vec<PathwayNode>,
    #[serde(default)]
    pub edges: Vec<PathwayEdge>,
    pub anonymity: Option<Allowance>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PageMeta {
    pub title: String,
    pub order: Option<i64>,
    pub anonymity: Option<Allowance>,
}

pub type Borough = Doc<BoroughMeta>;
pub type Code = Doc<CodeMeta>;
pub type Quote = Doc<QuoteMeta>;
pub type Finding = Doc<FindingMeta>;
pub type Pathway = Doc<PathwayMeta>;
pub type Page = Doc<PageMeta>;

/// The kinds of Markdown file, by the folder they live in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Landing,
    Borough,
    Code,
    Quote,
    Finding,
    Pathway,
    Page,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 7] = [
        Kind::Landing,
        Kind::Borough,
        Kind::Code,
        Kind::Quote,
        Kind::Finding,
        Kind::Pathway,
        Kind::Page,
    ];

    /// The link scheme of this kind (`quote:` in `[text](quote:ID)`).
    pub fn scheme(self) -> &'static str {
        match self {
            Kind::Landing => "index",
            Kind::Borough => "borough",
            Kind::Code => "code",
            Kind::Quote => "quote",
            Kind::Finding => "finding",
            Kind::Pathway => "pathway",
            Kind::Page => "page",
        }
    }

    pub fn from_scheme(scheme: &str) -> Option<Kind> {
        Some(match scheme {
            "borough" => Kind::Borough,
            "code" => Kind::Code,
            "quote" => Kind::Quote,
            "finding" => Kind::Finding,
            "pathway" => Kind::Pathway,
            "page" => Kind::Page,
            _ => return None,
        })
    }

    /// A researcher's name for one of these, with its article.
    pub fn what(self) -> &'static str {
        match self {
            Kind::Landing => "the landing page",
            Kind::Borough => "a borough",
            Kind::Code => "a codebook entry",
            Kind::Quote => "a quote",
            Kind::Finding => "a finding",
            Kind::Pathway => "a pathway map",
            Kind::Page => "a page",
        }
    }

    /// The folder under `content/` that holds this kind.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Landing => "",
            Kind::Borough => "boroughs",
            Kind::Code => "codebook",
            Kind::Quote => "quotes",
            Kind::Finding => "findings",
            Kind::Pathway => "pathways",
            Kind::Page => "pages",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_spellings_compare_without_case_space_or_width() {
        assert_eq!(role_key("  District   Nurse "), role_key("district nurse"));
        assert_eq!(role_key("Ｇ Ｐ"), role_key("g p"));
        assert_ne!(role_key("District nurse"), role_key("Practice nurse"));
        // As Word and web pages write them.
        assert_eq!(role_key("Carers\u{2019} lead"), role_key("carers' lead"));
        assert_eq!(role_key("Carers` lead"), role_key("carers' lead"));
        assert_eq!(role_key("Re\u{2011}ablement worker"), "re-ablement worker");
        assert_eq!(role_key("Social wor\u{ad}ker\u{200b}"), "social worker");
        assert_eq!(role_key("Carers\u{b4} lead"), "carers' lead");
        assert_eq!(role_key("Soci\u{430}l worker"), "social worker");
    }

    /// ASCII text is its own compatibility form: every ASCII character
    /// alone and beside every other (no ASCII character combines), so
    /// `role_key` may pass it over.
    #[test]
    fn ascii_is_its_own_compatibility_form() {
        use unicode_normalization::UnicodeNormalization;
        for a in 0u8..128 {
            for b in 0u8..128 {
                let text = String::from_utf8(vec![a, b]).unwrap();
                assert_eq!(text.nfkc().collect::<String>(), text);
            }
        }
        assert_eq!(role_key(" Nurse\tLEAD \u{b}x"), "nurse lead x");
    }
}
