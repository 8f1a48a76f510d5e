//! The documentation keeps up with the code: every message code evalsite
//! can give is explained in docs/diagnostics-json.md, the page CI systems
//! and researchers look codes up in.

use std::path::Path;

/// Every `"stage::name"` string literal in `src/`, outside test modules'
/// made-up codes.
fn codes_in_source() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut codes = Vec::new();
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        // A code in a literal of its own ("stage::name"), or written into
        // a message by hand ("error[stage::name]: ...").
        let quoted = text.split('"').skip(1).step_by(2);
        let bracketed = text
            .split("error[")
            .skip(1)
            .filter_map(|rest| rest.split(']').next());
        for piece in quoted.chain(bracketed) {
            let Some((stage, name)) = piece.split_once("::") else {
                continue;
            };
            let word =
                |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            let stages = [
                "load",
                "frontmatter",
                "yaml",
                "config",
                "id",
                "reference",
                "quote",
                "codebook",
                "pathway",
                "participants",
                "table",
                "anonymity",
                "theme",
                "serve",
            ];
            if stages.contains(&stage) && word(name) {
                codes.push(format!("{stage}::{name}"));
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn every_message_code_is_documented() {
    let docs = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics-json.md"),
    )
    .unwrap();
    let codes = codes_in_source();
    assert!(codes.len() > 40, "found too few codes: {codes:?}");
    let missing: Vec<&String> = codes
        .iter()
        .filter(|code| !docs.contains(&format!("`{code}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "not in docs/diagnostics-json.md: {missing:?}"
    );
}
