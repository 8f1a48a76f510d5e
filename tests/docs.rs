//! The documentation keeps up with the code: every message code evalsite
//! can give is explained in docs/diagnostics-json.md, the page CI systems
//! and researchers look codes up in.

use std::path::Path;

/// Every code in `src/` outside tests: a `"stage::name"` string literal,
/// or one written into a message by hand (`error[stage::name]: ...`).
fn codes_in_source() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut codes = Vec::new();
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        if !name.ends_with(".rs") || name == "tests.rs" || name.ends_with("_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        // A file's own tests come last, in `mod tests { ... }`.
        let text = text
            .split("#[cfg(test)]\nmod tests {")
            .next()
            .unwrap_or_default();
        let quoted = text.split('"').skip(1).step_by(2);
        let bracketed = text
            .split("error[")
            .skip(1)
            .filter_map(|rest| rest.split(']').next());
        let word = |w: &str| {
            w.starts_with(|c: char| c.is_ascii_lowercase())
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
        };
        for piece in quoted.chain(bracketed) {
            if let Some((stage, code)) = piece.split_once("::")
                && word(stage)
                && word(code)
            {
                codes.push(piece.to_string());
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
