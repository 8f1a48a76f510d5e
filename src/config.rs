//! `evalsite.yaml`: the project's settings and their defaults. Raw YAML is
//! read into [`RawConfig`] and validated once into [`Config`]; nothing after
//! this module re-checks a setting.

use crate::diag::Diagnostic;
use crate::model::AttributionField;
use crate::source::{FileId, SourceFile};
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
        &["k", "attribution", "identifiers", "max_quote_words"],
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
    /// Relative to the project root.
    pub identifiers: String,
    pub max_quote_words: usize,
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
            max_quote_words: 150,
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
    Config {
        title: raw.title,
        base_url,
        theme: raw.theme.unwrap_or(defaults.theme),
        quotes_per_page,
        paper: raw.paper.unwrap_or_default(),
        k,
        attribution,
        identifiers: raw.anonymity.identifiers.unwrap_or(defaults.identifiers),
        max_quote_words,
    }
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
}
