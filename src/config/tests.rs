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
    assert!(messages.contains(&r#"`anonymity.k` must be a whole number, not the text "three""#));
    assert!(messages.contains(&r#"`quotes_per_page` must be a whole number, not the text "many""#));
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
    let (settings, out) = config("theme: mine\nanonymity:\n  identifiers: ./secret/names.yaml\n");
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

/// Round 24: a list in a theme's `static/` folder would be published.
#[test]
fn a_list_among_published_files_is_refused() {
    assert!(is_published("themes/default/static/ids.yaml"));
    assert!(is_published("./themes/mine/Static/private/ids.yaml"));
    assert!(!is_published("private/identifiers.yaml"));
    assert!(!is_published("themes/default/templates.yaml"));
    assert!(!is_published("static/ids.yaml"));
}

/// Round 32: `k: 1` turned suppression off without a word.
#[test]
fn a_k_of_one_is_warned_about_where_it_is_written() {
    let (settings, out) = config("anonymity:\n  k: 1\n");
    assert_eq!(settings.k, 1);
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(out[0].code, "config::k-of-one");
    assert!(!out[0].is_error());
    let span = out[0].span.as_ref().expect("a place");
    assert_eq!(span.range.start, "anonymity:\n  k: ".len());
    for k in ["2", "3", "10"] {
        let (_, out) = config(&format!("anonymity:\n  k: {k}\n"));
        assert!(out.is_empty(), "{k}: {out:?}");
    }
}
