//! `evalsite.yaml`: the project's settings and their defaults. Raw YAML is
//! read into [`RawConfig`] and validated once into [`Config`], then the
//! folder and file the settings name are checked on disk ([`confine`]);
//! nothing after this module re-checks a setting. Every problem is reported
//! at the value in `evalsite.yaml` when the setting is written there.

use crate::diag::Diagnostic;
use crate::model::AttributionField;
use crate::source::{FileId, SourceFile, Span};
use crate::yaml::{Schema, Yaml};
use serde::Deserialize;

pub const FILE_NAME: &str = "evalsite.yaml";

const SCHEMA: Schema = Schema {
    what: "evalsite.yaml",
    fields: &[
        "title",
        "base_url",
        "theme",
        "quotes_per_page",
        "paper",
        "anonymity",
    ],
    nested: &[(
        "anonymity",
        &[
            "k",
            "attribution",
            "identifiers",
            "reason",
            "max_quote_words",
        ],
    )],
};

#[derive(Debug, Clone, Default, Deserialize)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    theme: Option<String>,
    quotes_per_page: Option<i64>,
    paper: Option<Paper>,
    #[serde(default)]
    anonymity: RawAnonymity,
}

/// The paper a printed page is laid out for (`paper:`; A4 unless set).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// The CSS `@page` size.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
struct RawAnonymity {
    k: Option<i64>,
    attribution: Option<Vec<AttributionField>>,
    identifiers: Option<String>,
    reason: Option<String>,
    max_quote_words: Option<i64>,
}

/// Validated settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's title; `None` means the landing page's title.
    pub title: Option<String>,
    /// With a trailing `/`; only used for canonical links.
    pub base_url: Option<String>,
    pub theme: String,
    /// How many quotes each page of the quote list shows; 0 for all on one.
    pub quotes_per_page: usize,
    pub paper: Paper,
    pub k: usize,
    pub attribution: Vec<AttributionField>,
    /// Relative to the project root, inside it (checked here); unused
    /// when `no_identifiers` is set.
    pub identifiers: String,
    /// Why the project has no identifiers list, when the settings say
    /// `identifiers: none` (with a `reason:`); listed in the build summary.
    /// Empty (and no list read) when the setting is in error, reported.
    pub no_identifiers: Option<String>,
    pub max_quote_words: usize,
    /// evalsite.yaml is there but cannot be read (its syntax): these are
    /// the defaults, not the project's settings, and nothing judged by
    /// them is reported (red team, round 24: a false error from the
    /// default `k`).
    pub unread: bool,
    /// Where `theme:` and `identifiers:` are written in evalsite.yaml (not
    /// when the default is used), for problems with what they name.
    pub written_at: WrittenAt,
}

/// Where a setting's value is written in evalsite.yaml.
#[derive(Debug, Clone, Default)]
pub struct WrittenAt {
    pub theme: Option<Span>,
    pub identifiers: Option<Span>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            title: None,
            base_url: None,
            theme: "default".into(),
            quotes_per_page: 100,
            paper: Paper::A4,
            k: 3,
            attribution: vec![AttributionField::Role, AttributionField::Borough],
            identifiers: "private/identifiers.yaml".into(),
            no_identifiers: None,
            max_quote_words: 150,
            unread: false,
            written_at: WrittenAt::default(),
        }
    }
}

/// Reads the settings from `evalsite.yaml`, or the defaults when there is none.
pub fn parse(file: Option<(FileId, &SourceFile)>, out: &mut Vec<Diagnostic>) -> Config {
    let Some((id, source)) = file else {
        return Config::default();
    };
    let yaml = Yaml::new(id, source, 0..source.text.len());
    // A value of the wrong kind is reported and left to its default; the
    // other settings still apply, so they cause no problems of their own.
    let Some((raw, _)) = yaml.read::<RawConfig>(&SCHEMA, out) else {
        return Config {
            unread: true,
            ..Config::default()
        };
    };
    validate(raw, &yaml, out)
}

fn validate(raw: RawConfig, yaml: &Yaml, out: &mut Vec<Diagnostic>) -> Config {
    let defaults = Config::default();
    let positive =
        |key: &str, value: Option<i64>, default: usize, out: &mut Vec<Diagnostic>| match value {
            None => default,
            Some(v) if v >= 1 => v as usize,
            Some(v) => {
                out.push(
                    Diagnostic::error("config::invalid", format!("`{key}` must be 1 or more"))
                        .at(yaml.value_span(key, &v.to_string()))
                        .label("not a positive number")
                        .fix(format!("set `{key}:` to a whole number such as {default}")),
                );
                default
            }
        };
    let k = positive("k", raw.anonymity.k, defaults.k, out);
    // Red team, round 32: `k: 1` turned small-number suppression off
    // without a word.
    if k == 1 {
        out.push(
            Diagnostic::warning(
                "config::k-of-one",
                "with `k: 1` no group is too small: every count is shown, and a quote may be attributed to a group of one person",
            )
            .at(yaml.value_span("k", "1"))
            .label("suppression is off")
            .fix(format!(
                "set `k:` to 2 or more ({} is the default), unless every participant agreed to be identifiable by their attribution",
                defaults.k
            )),
        );
    }
    let max_quote_words = positive(
        "max_quote_words",
        raw.anonymity.max_quote_words,
        defaults.max_quote_words,
        out,
    );
    let quotes_per_page = match raw.quotes_per_page {
        None => defaults.quotes_per_page,
        Some(n) if n >= 0 => n as usize,
        Some(n) => {
            out.push(
                Diagnostic::error("config::invalid", "`quotes_per_page` cannot be negative")
                    .at(yaml.value_span("quotes_per_page", &n.to_string()))
                    .label("below 0")
                    .fix(format!(
                        "set `quotes_per_page:` to a whole number such as {}, or 0 for every quote on one page",
                        defaults.quotes_per_page
                    )),
            );
            defaults.quotes_per_page
        }
    };
    let attribution = match raw.anonymity.attribution {
        Some(fields) if fields.is_empty() => {
            out.push(
                Diagnostic::error("config::invalid", "`attribution` names no field")
                    .at(yaml
                        .key_span("attribution")
                        .unwrap_or_else(|| yaml.start_span()))
                    .fix("list at least one of role, sector, level, borough"),
            );
            defaults.attribution
        }
        Some(fields) => fields,
        None => defaults.attribution,
    };
    let base_url = raw
        .base_url
        .filter(|u| !u.trim().is_empty())
        .map(|u| if u.ends_with('/') { u } else { format!("{u}/") });
    let written_at = WrittenAt {
        theme: (raw.theme.as_ref()).map(|theme| yaml.value_span("theme", theme)),
        identifiers: (raw.anonymity.identifiers.as_ref())
            .map(|path| yaml.value_span("identifiers", path)),
    };
    let theme = match raw.theme {
        Some(theme) if !is_plain_name(&theme) => {
            out.push(
                Diagnostic::error(
                    "config::outside-project",
                    "`theme` must be the name of a folder in themes/, not a path",
                )
                .at(yaml.value_span("theme", &theme))
                .label("not a plain folder name")
                .fix("put the theme in themes/<name>/ in the project and write its name alone, such as `theme: default`"),
            );
            defaults.theme
        }
        Some(theme) => theme,
        None => defaults.theme,
    };
    let (identifiers, no_identifiers) =
        identifiers_setting(raw.anonymity.identifiers, raw.anonymity.reason, yaml, out);
    Config {
        title: raw.title,
        base_url,
        theme,
        quotes_per_page,
        paper: raw.paper.unwrap_or_default(),
        k,
        attribution,
        identifiers,
        no_identifiers,
        max_quote_words,
        unread: false,
        written_at,
    }
}

/// Checks on disk what the settings name: the theme must be a folder in
/// themes/, and neither it nor the identifiers list (when it is the one the
/// settings name, `from_settings`) may be a link to outside the project.
/// A problem is reported at the setting in evalsite.yaml, and the setting
/// falls back as for a path outside the project: nothing outside is read.
pub fn confine(
    config: &mut Config,
    root: &std::path::Path,
    from_settings: bool,
    out: &mut Vec<Diagnostic>,
) {
    let at = |diagnostic: Diagnostic, span: &Option<Span>| match span {
        Some(span) => diagnostic.at(span.clone()),
        None => diagnostic,
    };
    let name = config.theme.clone();
    let folder = root.join("themes").join(&name);
    if crate::files::escapes(root, &folder) {
        let problem = Diagnostic::error(
            "config::outside-project",
            format!("themes/{name} is a link to a folder outside the project"),
        )
        .label("a link to outside the project")
        .fix(format!("copy the theme into themes/{name}/ in the project"));
        out.push(at(problem, &config.written_at.theme));
        config.theme = Config::default().theme;
    } else {
        use crate::files::{Folder, look_at};
        let problem = match look_at(&folder) {
            Folder::Readable => None,
            Folder::Missing if name == Config::default().theme => None,
            Folder::Missing => Some(
                Diagnostic::error(
                    "config::unknown-theme",
                    format!("there is no theme `{name}`"),
                )
                .label("no such folder in themes/")
                .fix(format!(
                    "create themes/{name}/ in the project, or set `theme: default` in evalsite.yaml"
                )),
            ),
            // Not "no theme": the built-in theme would stand in for the
            // project's own without a word (#case-10).
            Folder::Unusable(why) => Some(
                Diagnostic::error(
                    "config::unreadable-theme",
                    format!("the theme folder themes/{name} {why}"),
                )
                .label("this theme cannot be read")
                .fix(format!(
                    "make themes/{name} a folder you can read, holding the theme's templates/ and static/ folders{}",
                    if name == Config::default().theme {
                        ", or remove it to use the built-in theme"
                    } else {
                        ""
                    }
                )),
            ),
        };
        if let Some(problem) = problem {
            out.push(at(problem, &config.written_at.theme));
            config.theme = Config::default().theme;
        }
    }
    let list = root.join(&config.identifiers);
    // `identifiers: none` left in the settings after the list was made
    // (red team, round 32): the list is read, and the run fails.
    let says_none = config
        .no_identifiers
        .as_ref()
        .is_some_and(|r| !r.is_empty());
    if from_settings && says_none && std::fs::symlink_metadata(&list).is_ok() {
        let problem = Diagnostic::error(
            "config::none-beside-a-list",
            format!(
                "evalsite.yaml says the project has no identifiers list, but {} is there",
                config.identifiers
            ),
        )
        .label("says there is no list")
        .fix(format!(
            "remove `identifiers: none` and its `reason:` from evalsite.yaml so that the names in {0} are kept out of the report, or delete {0} if the project truly has none",
            config.identifiers
        ));
        out.push(at(problem, &config.written_at.identifiers));
        config.no_identifiers = None;
    }
    if from_settings && config.no_identifiers.is_none() && is_published(&config.identifiers) {
        let problem = Diagnostic::error(
            "config::published-identifiers",
            format!(
                "the identifiers list {} is in a theme's static/ folder, whose files are all published",
                config.identifiers
            ),
        )
        .label("a published folder")
        .fix("move the list to private/identifiers.yaml (or another folder that is not published) and name it here");
        out.push(at(problem, &config.written_at.identifiers));
        // Not read: the error fails the run, and no message may send the
        // researcher to take names out of the list itself.
        config.no_identifiers = Some(String::new());
        return;
    }
    if from_settings && config.no_identifiers.is_none() && crate::files::escapes(root, &list) {
        let name = crate::files::display_name(root, &list);
        let problem = Diagnostic::error(
            "config::outside-project",
            format!("the identifiers list {name} is a link to a file outside the project"),
        )
        .label("a link to outside the project")
        .fix("give a list kept outside the project in the EVALSITE_IDENTIFIERS environment variable, or put the file itself in the project");
        out.push(at(problem, &config.written_at.identifiers));
        // Nothing outside is read; the error fails the run.
        config.no_identifiers = Some(String::new());
    }
}

/// Whether `relative` (a path in the project) is in a theme's `static/`
/// folder, whose every file is published (red team, round 24: a list kept
/// there was met with the gate's advice to take the names out of it).
fn is_published(relative: &str) -> bool {
    let parts: Vec<String> = std::path::Path::new(relative)
        .components()
        .filter_map(|part| match part {
            std::path::Component::Normal(name) => Some(name.to_string_lossy().to_lowercase()),
            _ => None,
        })
        .collect();
    parts.len() > 3 && parts[0] == "themes" && parts[2] == "static"
}

/// The value of `identifiers:` that says the project has no list.
pub const NO_LIST: &str = "none";

/// Where the identifiers list is, and why there is none when the settings
/// say `identifiers: none`: a path must stay inside the project (a list
/// elsewhere, such as a build server's secret file, is given on purpose in
/// the `EVALSITE_IDENTIFIERS` environment variable instead).
fn identifiers_setting(
    path: Option<String>,
    reason: Option<String>,
    yaml: &Yaml,
    out: &mut Vec<Diagnostic>,
) -> (String, Option<String>) {
    let default = Config::default().identifiers;
    let reason = reason.filter(|r| !r.trim().is_empty());
    match path {
        Some(path) if path.trim() == NO_LIST => match reason {
            Some(reason) => (default, Some(reason)),
            None => {
                out.push(
                    Diagnostic::error(
                        "config::no-identifiers-reason",
                        "`identifiers: none` needs a reason",
                    )
                    .at(yaml.value_span("identifiers", &path))
                    .label("no `reason:` beside it")
                    .fix("add `reason:` under `anonymity:` saying why no names or places need checking, or name the identifiers list"),
                );
                // No list is read: the error fails the run, and a missing
                // list's message would only repeat it.
                (default, Some(String::new()))
            }
        },
        Some(path) if !is_inside_project(&path) => {
            out.push(
                Diagnostic::error(
                    "config::outside-project",
                    "the identifiers list must be inside the project folder",
                )
                .at(yaml.value_span("identifiers", &path))
                .label("outside the project")
                .fix("move the list into the project (private/ is the usual place) and give its path from the project folder, or give a list kept elsewhere in the EVALSITE_IDENTIFIERS environment variable"),
            );
            // Nothing outside is read; the error fails the run.
            (default, Some(String::new()))
        }
        // `.` or `private/`: a folder by its form, which would be named
        // by no name at all in the message for a folder (#case-12.2).
        Some(path) if !names_a_file(&path) => {
            out.push(
                Diagnostic::error(
                    "config::invalid",
                    "`identifiers` must name the list's file, not a folder",
                )
                .at(yaml.value_span("identifiers", &path))
                .label("a folder")
                .fix("give the path of the list file from the project folder, such as `private/identifiers.yaml`"),
            );
            (default, Some(String::new()))
        }
        path => {
            if let Some(reason) = reason {
                out.push(
                    Diagnostic::warning(
                        "config::unused-reason",
                        "`reason:` is only for `identifiers: none`",
                    )
                    .at(yaml.value_span("reason", &reason))
                    .fix("remove `reason:`, or write `identifiers: none` if the project truly has no list"),
                );
            }
            (path.unwrap_or(default), None)
        }
    }
}

/// Whether `name` is one folder's name (no `/`, backslash, `..` or drive).
fn is_plain_name(name: &str) -> bool {
    let mut parts = std::path::Path::new(name).components();
    matches!(parts.next(), Some(std::path::Component::Normal(_)))
        && parts.next().is_none()
        && !name.contains(['/', '\\'])
}

/// Whether a path written in the settings names a file by its form: it
/// ends in a name, not `.`, `..` or `/`.
fn names_a_file(path: &str) -> bool {
    let path = path.trim();
    !path.ends_with(['/', '\\'])
        && matches!(
            std::path::Path::new(path).components().next_back(),
            Some(std::path::Component::Normal(_))
        )
        && !path.ends_with("/.")
        && path != "."
}

/// Whether a path written in the settings stays inside the project: not
/// absolute, and no `..` (links are followed when the file is read).
fn is_inside_project(path: &str) -> bool {
    !path.trim().is_empty()
        && !path.contains('\\')
        && std::path::Path::new(path).components().all(|part| {
            matches!(
                part,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
}

#[cfg(test)]
mod tests;
