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
        return Config::default();
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
    } else if name != Config::default().theme && !folder.is_dir() {
        let problem = Diagnostic::error(
            "config::unknown-theme",
            format!("there is no theme `{name}`"),
        )
        .label("no such folder in themes/")
        .fix(format!(
            "create themes/{name}/ in the project, or set `theme: default` in evalsite.yaml"
        ));
        out.push(at(problem, &config.written_at.theme));
        config.theme = Config::default().theme;
    }
    let list = root.join(&config.identifiers);
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
mod tests {
    use super::*;

    fn config(text: &str) -> (Config, Vec<Diagnostic>) {
        let file = SourceFile::new(FILE_NAME, text);
        let mut out = Vec::new();
        (parse(Some((FileId(0), &file)), &mut out), out)
    }

    #[test]
    fn defaults_apply_when_keys_are_missing() {
        let (config, out) = config("title: T\n");
        assert!(out.is_empty());
        assert_eq!(config.k, 3);
        assert_eq!(config.theme, "default");
        assert_eq!(config.identifiers, "private/identifiers.yaml");
    }

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let (config, _) = config("base_url: https://example.org/eval\n");
        assert_eq!(
            config.base_url.as_deref(),
            Some("https://example.org/eval/")
        );
    }

    #[test]
    fn k_of_zero_is_an_error() {
        let (config, out) = config("anonymity:\n  k: 0\n");
        assert_eq!(out.len(), 1);
        assert_eq!(config.k, 3);
    }

    #[test]
    fn quotes_per_page_may_be_zero_but_not_negative() {
        assert_eq!(config("title: T\n").0.quotes_per_page, 100);
        let (all, out) = config("quotes_per_page: 0\n");
        assert!(out.is_empty());
        assert_eq!(all.quotes_per_page, 0);
        let (config, out) = config("quotes_per_page: -5\n");
        assert_eq!(config.quotes_per_page, 100);
        assert_eq!(out[0].code, "config::invalid");
        assert_eq!(out[0].message, "`quotes_per_page` cannot be negative");
        assert_eq!(out[0].span.as_ref().unwrap().range, 17..19);
    }

    #[test]
    fn a_value_of_the_wrong_kind_leaves_the_other_settings_in_force() {
        let (config, out) = config(
            "title: T\nquotes_per_page: many\nanonymity:\n  k: three\n  identifiers: secret/names.yaml\n  max_quote_words: 80\n",
        );
        let messages: Vec<&str> = out.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{out:?}");
        assert!(
            messages.contains(&r#"`anonymity.k` must be a whole number, not the text "three""#)
        );
        assert!(
            messages.contains(&r#"`quotes_per_page` must be a whole number, not the text "many""#)
        );
        assert_eq!(config.title.as_deref(), Some("T"));
        assert_eq!(config.identifiers, "secret/names.yaml");
        assert_eq!(config.max_quote_words, 80);
        assert_eq!((config.k, config.quotes_per_page), (3, 100));
    }

    #[test]
    fn unknown_nested_setting_is_reported() {
        let (_, out) = config("anonymity:\n  kk: 2\n");
        assert_eq!(out[0].code, "yaml::unknown-field");
        assert_eq!(out[0].fix.as_deref(), Some("did you mean `k`?"));
    }

    /// Regression (#19.7): `theme: /etc` read all of /etc as a theme, and
    /// `identifiers:` could name any file on the computer.
    #[test]
    fn theme_and_identifiers_stay_inside_the_project() {
        for theme in ["/etc", "../other", "a/b", "..", "C:\\x"] {
            let (settings, out) = config(&format!("theme: '{theme}'\n"));
            assert_eq!(out[0].code, "config::outside-project", "{theme}");
            assert_eq!(settings.theme, "default");
        }
        for path in ["/etc/passwd", "../names.yaml", "private/../../x.yaml", ""] {
            let (settings, out) = config(&format!("anonymity:\n  identifiers: \"{path}\"\n"));
            assert_eq!(out[0].code, "config::outside-project", "{path}");
            assert_eq!(settings.identifiers, "private/identifiers.yaml");
        }
        let (settings, out) =
            config("theme: mine\nanonymity:\n  identifiers: ./secret/names.yaml\n");
        assert!(out.is_empty(), "{out:?}");
        assert_eq!(
            (settings.theme.as_str(), settings.identifiers.as_str()),
            ("mine", "./secret/names.yaml")
        );
    }

    /// Where `theme:` and `identifiers:` are written, for problems with
    /// what they name (found on disk by [`confine`]).
    #[test]
    fn where_the_theme_and_the_list_are_written_is_kept() {
        let text = "theme: mine\nanonymity:\n  identifiers: secret/names.yaml\n";
        let file = SourceFile::new(FILE_NAME, text);
        let mut out = Vec::new();
        let settings = parse(Some((FileId(0), &file)), &mut out);
        let start = |span: &Option<Span>| file.line_column(span.as_ref().unwrap().range.start);
        assert_eq!(start(&settings.written_at.theme), (1, 8));
        assert_eq!(start(&settings.written_at.identifiers), (3, 16));
        assert!(config("title: T\n").0.written_at.theme.is_none());
    }

    #[test]
    fn identifiers_none_needs_a_reason() {
        let (settings, out) =
            config("anonymity:\n  identifiers: none\n  reason: no one is named in the talk\n");
        assert!(out.is_empty(), "{out:?}");
        assert_eq!(
            settings.no_identifiers.as_deref(),
            Some("no one is named in the talk")
        );
        let (settings, out) = config("anonymity:\n  identifiers: none\n");
        assert_eq!(out[0].code, "config::no-identifiers-reason");
        assert_eq!(settings.no_identifiers.as_deref(), Some(""), "no list read");
        let (_, out) = config("anonymity:\n  reason: why\n");
        assert_eq!(out[0].code, "config::unused-reason");
    }
}
