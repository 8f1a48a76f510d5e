//! `evalsite new DIR`: a small starter project (one borough, a few codes,
//! quotes, a finding and a pathway, the settings file with comments, and a
//! `.gitignore` for `private/` and `site/`) that builds at once. The files
//! live in `src/starter/` and are embedded in the binary.

use anyhow::{Context, bail};
use std::path::Path;

macro_rules! starter {
    ($($path:literal => $source:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("starter/", $source)))),*]
    };
}

/// (path in the new project, contents)
const FILES: &[(&str, &str)] = starter![
    ".gitignore" => "gitignore",
    "evalsite.yaml" => "evalsite.yaml",
    "private/identifiers.yaml" => "private/identifiers.yaml",
    "content/index.md" => "content/index.md",
    "content/participants.yaml" => "content/participants.yaml",
    "content/boroughs/a.md" => "content/boroughs/a.md",
    "content/codebook/structures.md" => "content/codebook/structures.md",
    "content/codebook/co-location.md" => "content/codebook/co-location.md",
    "content/codebook/information-sharing.md" => "content/codebook/information-sharing.md",
    "content/quotes/same-desk-different-systems.md" => "content/quotes/same-desk-different-systems.md",
    "content/quotes/corridor-conversations.md" => "content/quotes/corridor-conversations.md",
    "content/quotes/team-meeting-notes.md" => "content/quotes/team-meeting-notes.md",
    "content/findings/shared-base-slow-change.md" => "content/findings/shared-base-slow-change.md",
    "content/pathways/a-discharge.md" => "content/pathways/a-discharge.md",
    "content/pages/methods.md" => "content/pages/methods.md",
];

/// Writes the starter project into `dir`, which must not exist or be empty.
pub fn create(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{} is not empty; evalsite new only writes into a new or empty folder, so nothing of yours is overwritten",
                dir.display()
            );
        }
    }
    for (path, text) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&target, text).with_context(|| format!("writing {}", target.display()))?;
    }
    Ok(())
}
