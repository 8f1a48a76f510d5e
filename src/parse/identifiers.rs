//! The entries of the identifiers list that name no one: a null (`~`, an
//! entry deleted and its place left), a number, or text without a letter.
//! Read as text, each would be a term found all over the site (a `~` in a
//! style sheet, a `0` in every count), and the build would stop blaming
//! files the researcher never wrote (red team, round 24). Each is an
//! error at the entry, and left out of the terms looked for.

use crate::diag::Diagnostic;
use crate::model::Identifiers;
use crate::yaml::Yaml;

/// The lists of names, by their key.
const LISTS: [&str; 3] = ["people", "places", "organisations"];

/// Reports each entry of `identifiers` (read from `text`, the list's
/// YAML) that names no one, and takes it out.
pub(super) fn check_entries(
    yaml: &Yaml,
    text: &str,
    identifiers: &mut Identifiers,
    out: &mut Vec<Diagnostic>,
) {
    let Ok(tree) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return;
    };
    for key in LISTS {
        let Some(items) = tree.get(key).and_then(serde_yaml::Value::as_sequence) else {
            continue;
        };
        let read = match key {
            "people" => &mut identifiers.people,
            "places" => &mut identifiers.places,
            _ => &mut identifiers.organisations,
        };
        // The entries were read one for one, in order.
        if read.len() != items.len() {
            continue;
        }
        let mut keep = Vec::with_capacity(read.len());
        for (item, entry) in items.iter().zip(read.drain(..)) {
            let why = match item {
                serde_yaml::Value::Null => Some("is empty"),
                serde_yaml::Value::Number(_) => Some("is a number"),
                // Blank text is left to the check of a list that names no
                // one (`anonymity::empty-identifiers`).
                _ if entry.trim().is_empty() => None,
                _ if !entry.chars().any(char::is_alphabetic) => Some("holds no letter"),
                _ => None,
            };
            let Some(why) = why else {
                keep.push(entry);
                continue;
            };
            let written = match item {
                serde_yaml::Value::Null => null_as_written(text).to_string(),
                _ => entry,
            };
            out.push(
                Diagnostic::error(
                    "anonymity::empty-identifier",
                    format!("this entry of the identifiers list ({key}) {why}, so it names no one"),
                )
                .at(yaml.value_span(key, &written))
                .label("not a name")
                .fix("write the name, place or organisation here, or remove the entry"),
            );
        }
        *read = keep;
    }
}

/// How a null entry is written: `~`, or `null` in any case (the message
/// points at the first such entry under its list's key).
fn null_as_written(text: &str) -> &'static str {
    ["~", "null", "Null", "NULL"]
        .into_iter()
        .find(|written| text.contains(written))
        .unwrap_or("~")
}
