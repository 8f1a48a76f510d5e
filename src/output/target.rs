//! The output folder, checked against the project before anything is
//! written: not the project or one of the folders a build reads, nor
//! holding one, nor inside one, nor under a file.

use anyhow::Context;
use std::path::{Path, PathBuf};

/// A folder or file evalsite refuses to replace, with the reason and what
/// to do, for the researcher (exit code 1, as for a problem in the files).
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// What a build read, which the output folder may not be, hold, or (for
/// the folders a build reads from) be inside.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The project folder.
    pub root: PathBuf,
    /// Folders and files the build reads, with how the researcher knows
    /// them (`content/`, `the identifiers list`): the output may not be or
    /// hold one.
    pub read: Vec<(PathBuf, String)>,
    /// Folders the output may not be inside either (content/, private/,
    /// themes/), or the next build would read the site.
    pub listed: Vec<PathBuf>,
}

/// An output folder checked against the project: not one of its folders,
/// nor holding one, nor inside a folder a build reads. Made by
/// [`Target::new`] only.
#[derive(Debug)]
pub struct Target {
    /// As the researcher gave it, for messages (`site/` shown as `site`).
    pub(super) shown: PathBuf,
    /// Where the folder is, with links followed, absolute: a `site/` that
    /// is a link to a web root stays a link, and the folder it points to
    /// is the one replaced.
    pub(super) real: PathBuf,
}

impl Target {
    /// Checks `output` against what the build read. `Err` holds a
    /// [`Refused`] when the folder may not be used.
    pub fn new(output: &Path, inputs: &Inputs) -> anyhow::Result<Target> {
        // `site/` and `site` are one folder, named `site` in messages.
        let shown: PathBuf = output.components().collect();
        let real = absolute(&followed(output)?)?;
        let refuse = |why: String| -> anyhow::Result<Target> {
            Err(Refused(format!(
                "evalsite will not write the site into {}: {why}; choose another --output folder, such as site/ in the project",
                shown.display()
            ))
            .into())
        };
        let root = absolute(&inputs.root)?;
        if real == root {
            return refuse("it is the project folder".into());
        }
        if root.starts_with(&real) {
            return refuse("it holds the project folder".into());
        }
        for (path, what) in &inputs.read {
            let path = absolute(path)?;
            if path == real {
                return refuse(format!("it is {what}"));
            }
            if path.starts_with(&real) {
                return refuse(format!("it holds {what}"));
            }
        }
        for folder in &inputs.listed {
            if real.starts_with(absolute(folder)?) {
                return refuse(format!(
                    "it is inside {}/, which a build reads",
                    crate::files::display_name(&inputs.root, folder)
                ));
            }
        }
        if let Some(file) = file_above(&real) {
            let above = real
                .strip_prefix(&file)
                .map_or(0, |r| r.components().count());
            let named = match shown.ancestors().nth(above) {
                Some(named) if !named.as_os_str().is_empty() => named.to_path_buf(),
                _ => file,
            };
            return refuse(format!(
                "{} is a file, not a folder, and cannot hold one",
                named.display()
            ));
        }
        Ok(Target { shown, real })
    }
}

/// The nearest of the folders above `path` that exists, where it is not a
/// folder (`evalsite.yaml` for `evalsite.yaml/site`).
fn file_above(path: &Path) -> Option<PathBuf> {
    let above = path
        .ancestors()
        .skip(1)
        .find(|above| std::fs::symlink_metadata(above).is_ok())?;
    (!above.is_dir()).then(|| above.to_path_buf())
}

/// `path` with its last part followed while it is a link (the folder a
/// link to a web root points to), so a `site/` that is a link stays one.
fn followed(path: &Path) -> anyhow::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&path)
                    .with_context(|| format!("reading the link {}", path.display()))?;
                path = match path.parent() {
                    Some(parent) => parent.join(to),
                    None => to,
                };
            }
            _ => return Ok(path),
        }
    }
    anyhow::bail!("{} is a loop of links", path.display())
}

/// `path` absolute, with links followed as far as it exists and `.` and
/// `..` resolved, so that two paths to one folder compare equal.
fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    let path = std::path::absolute(path).with_context(|| format!("finding {}", path.display()))?;
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let mut real = real;
            for part in rest.iter().rev() {
                match part {
                    std::path::Component::ParentDir => {
                        real.pop();
                    }
                    std::path::Component::CurDir => {}
                    part => real.push(part),
                }
            }
            return Ok(real);
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return Ok(path),
        }
    }
}
