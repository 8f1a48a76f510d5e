//! Putting the new site in place. A folder evalsite made swaps places with
//! the new one in one step ([`swap_folder`]). A folder it did not make (one
//! the researcher made, or a mount point) stays where it is, as it is:
//! what is in it swaps places with what is in the new one, one top-level
//! file or folder at a time ([`swap_contents`]). Either way the previous
//! site ends in folders of evalsite's own, to be removed
//! ([`super::remove`]).

use super::marker::{self, MARKER};
use super::staging::{self, OLD};
use anyhow::Context;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Swaps two files or folders in one step; false where the system or the
/// file system cannot ([`exchange`], or another in tests).
pub(super) type Exchange = fn(&Path, &Path) -> std::io::Result<bool>;

/// Puts the written site `staging` in the place of `target`: renamed there
/// if nothing is there; else with one atomic exchange where the system has
/// it (a kill at any moment leaves either the old site or the new one
/// there), or two renames. Gives where the previous site is now, if there
/// was one.
pub(super) fn swap_folder(
    staging: &Path,
    target: &Path,
    tag: &str,
    exchange: Exchange,
) -> anyhow::Result<Option<PathBuf>> {
    let moving = || format!("moving the new site into {}", target.display());
    if std::fs::symlink_metadata(target).is_err() {
        if !rename_new(staging, target).with_context(moving)? {
            anyhow::bail!(
                "{}: something was put there while the site was written",
                moving()
            );
        }
        return Ok(None);
    }
    copy_folder_settings(target, staging);
    if exchange(staging, target).with_context(moving)? {
        // The staging folder's name now holds the previous site.
        return Ok(Some(staging.to_path_buf()));
    }
    let parent = staging.parent().unwrap_or(Path::new("."));
    let old = staging::make(parent, OLD, tag)?;
    std::fs::remove_dir(&old).with_context(|| format!("removing {}", old.display()))?;
    std::fs::rename(target, &old)
        .with_context(|| format!("moving the previous {} aside", target.display()))?;
    if let Err(error) = std::fs::rename(staging, target) {
        return Err(match std::fs::rename(&old, target) {
            Ok(()) => anyhow::Error::new(error).context(moving()),
            Err(back) => anyhow::anyhow!(
                "{}: {error}; and the previous site could not be moved back from {}: {back}; move it back to {} yourself",
                moving(),
                old.display(),
                target.display()
            ),
        });
    }
    Ok(Some(old))
}

/// Gives the new folder `to` the permissions and group (and owner, where
/// the system allows) of the folder `from` it replaces, which a researcher
/// may have set for a web server: as far as the system lets a build, which
/// is no reason to stop (the site is still the one that was checked).
fn copy_folder_settings(from: &Path, to: &Path) {
    let Ok(meta) = std::fs::metadata(from) else {
        return;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if std::os::unix::fs::chown(to, Some(meta.uid()), Some(meta.gid())).is_err() {
            let _ = std::os::unix::fs::chown(to, None, Some(meta.gid()));
        }
    }
    let _ = std::fs::set_permissions(to, meta.permissions());
}

/// Whether `dir` is the top of a file system mounted there (a volume, a
/// bind mount), which cannot be renamed or replaced.
pub(super) fn is_mount_point(dir: &Path) -> bool {
    let Some(parent) = dir.parent() else {
        return true;
    };
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{AtFlags, CWD, StatxFlags, statx};
        let mount = |path: &Path| {
            let found = statx(CWD, path, AtFlags::empty(), StatxFlags::MNT_ID).ok()?;
            (found.stx_mask & StatxFlags::MNT_ID.bits() != 0).then_some(found.stx_mnt_id)
        };
        if let (Some(of_dir), Some(of_parent)) = (mount(dir), mount(parent)) {
            return of_dir != of_parent;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(of_dir), Ok(of_parent)) = (std::fs::metadata(dir), std::fs::metadata(parent)) {
            return of_dir.dev() != of_parent.dev();
        }
    }
    false
}

/// What [`swap_contents`] needs.
pub(super) struct Contents<'a> {
    /// The folder holding the written site, on the same file system as
    /// what is in `target`.
    pub staging: &'a Path,
    /// The output folder, which stays.
    pub target: &'a Path,
    /// The marker that lists both the previous site's files and the new
    /// one's, in both folders while files move between them.
    pub both: &'a str,
    /// The new site's marker.
    pub new: &'a str,
    /// The output folder's [`staging::tag`].
    pub tag: &'a str,
    pub exchange: Exchange,
}

/// Puts the site written in `staging` in the place of what is in `target`,
/// which stays: each top-level file or folder of the new site swaps places
/// with the previous one of that name (in one step where the system can,
/// else by two renames), then what the new site does not have moves out.
/// While this runs (a few renames), both folders are marked with the
/// marker that lists both versions, so that a build killed meanwhile leaves
/// folders the next build knows and replaces; then `target` gets the new
/// site's marker. If a step fails, the steps done are undone and `target`
/// gets its marker back. Gives the folders holding the previous site's
/// files now, to be removed.
pub(super) fn swap_contents(c: &Contents) -> Result<Vec<PathBuf>, Unswapped> {
    let fail = |error: anyhow::Error| Unswapped {
        error,
        restored: true,
    };
    let marker_path = c.target.join(MARKER);
    let before = match std::fs::read(&marker_path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            let error = anyhow::Error::new(e).context(format!("reading {}", marker_path.display()));
            return Err(fail(error));
        }
    };
    let entries = names(c.staging).map_err(fail)?;
    marker::put(c.both.as_bytes(), c.staging, c.staging).map_err(fail)?;
    marker::put(c.both.as_bytes(), c.staging, c.target).map_err(fail)?;
    let mut moves = Moves {
        contents: c,
        holder: None,
        done: Vec::new(),
    };
    match moves.run(&entries) {
        Ok(()) => Ok([Some(c.staging.to_path_buf()), moves.holder]
            .into_iter()
            .flatten()
            .collect()),
        Err(error) => Err(moves.undo(error, before)),
    }
}

/// Why [`swap_contents`] failed, and whether what it did was undone (then
/// `target` is as it was, and the new site is back in `staging`).
#[derive(Debug)]
pub(super) struct Unswapped {
    pub error: anyhow::Error,
    pub restored: bool,
}

/// The names in `dir` but the marker, sorted.
fn names(dir: &Path) -> anyhow::Result<Vec<OsString>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let name = entry
            .with_context(|| format!("reading {}", dir.display()))?
            .file_name();
        if name != MARKER {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// One step of [`swap_contents`], to be undone if a later one fails.
enum Step {
    /// The new and the previous `name` swapped places in one step.
    Exchanged(OsString),
    /// The new `name` moved into the output folder.
    In(OsString),
    /// The previous `name` moved into the holder.
    Aside(OsString),
    /// The previous `name`, which the new site does not have, moved into
    /// the staging folder.
    Out(OsString),
}

struct Moves<'a> {
    contents: &'a Contents<'a>,
    /// Where previous files go where they cannot swap places in one step:
    /// made when first needed, marked as the staging folder is.
    holder: Option<PathBuf>,
    done: Vec<Step>,
}

impl Moves<'_> {
    fn run(&mut self, entries: &[OsString]) -> anyhow::Result<()> {
        let c = self.contents;
        for name in entries {
            let (from, to) = (c.staging.join(name), c.target.join(name));
            let moving = || format!("moving {} into {}", from.display(), c.target.display());
            if std::fs::symlink_metadata(&to).is_err() {
                if !rename_new(&from, &to).with_context(moving)? {
                    anyhow::bail!("{}: it appeared meanwhile", to.display());
                }
                self.done.push(Step::In(name.clone()));
            } else if (c.exchange)(&from, &to).with_context(moving)? {
                self.done.push(Step::Exchanged(name.clone()));
            } else {
                let aside = self.holder()?.join(name);
                std::fs::rename(&to, &aside)
                    .with_context(|| format!("moving {} aside", to.display()))?;
                self.done.push(Step::Aside(name.clone()));
                std::fs::rename(&from, &to).with_context(moving)?;
                self.done.push(Step::In(name.clone()));
            }
        }
        // What the previous site has and the new one does not (this
        // build's own folders aside, inside a mount point).
        for name in names(c.target)? {
            let path = c.target.join(&name);
            let own = path == c.staging || Some(&path) == self.holder.as_ref();
            if own || entries.contains(&name) {
                continue;
            }
            let out = c.staging.join(&name);
            if !rename_new(&path, &out).with_context(|| format!("moving {} out", path.display()))? {
                anyhow::bail!("{}: it appeared meanwhile", out.display());
            }
            self.done.push(Step::Out(name));
        }
        marker::put(c.new.as_bytes(), c.staging, c.target)
    }

    /// The holder, made (and marked) if it is not yet.
    fn holder(&mut self) -> anyhow::Result<&Path> {
        let c = self.contents;
        if self.holder.is_none() {
            let place = c.staging.parent().unwrap_or(Path::new("."));
            let holder = staging::make(place, OLD, c.tag)?;
            self.holder = Some(holder.clone());
            marker::put(c.both.as_bytes(), &holder, &holder)?;
        }
        Ok(self.holder.as_deref().unwrap_or(Path::new(".")))
    }

    /// Undoes the steps done, last first, and puts the output folder's
    /// marker back as it was (`before`, or none): the failure `error`,
    /// with what could not be undone.
    fn undo(self, error: anyhow::Error, before: Option<Vec<u8>>) -> Unswapped {
        let c = self.contents;
        let holder = self.holder.as_deref().unwrap_or(Path::new("."));
        let mut problems = Vec::new();
        for step in self.done.into_iter().rev() {
            let (name, undone) = match step {
                Step::Exchanged(name) => {
                    let (a, b) = (c.staging.join(&name), c.target.join(&name));
                    let swapped = (c.exchange)(&a, &b).and_then(|done| match done {
                        true => Ok(()),
                        false => Err(std::io::Error::other("it cannot be swapped back")),
                    });
                    (name, swapped)
                }
                Step::In(name) => {
                    let back = std::fs::rename(c.target.join(&name), c.staging.join(&name));
                    (name, back)
                }
                Step::Aside(name) => {
                    let back = std::fs::rename(holder.join(&name), c.target.join(&name));
                    (name, back)
                }
                Step::Out(name) => {
                    let back = std::fs::rename(c.staging.join(&name), c.target.join(&name));
                    (name, back)
                }
            };
            if let Err(e) = undone {
                problems.push(format!("{}: {e}", c.target.join(name).display()));
            }
        }
        if problems.is_empty() {
            let marker = c.target.join(MARKER);
            let back = match &before {
                Some(bytes) => marker::put(bytes, c.staging, c.target),
                None => std::fs::remove_file(&marker)
                    .with_context(|| format!("removing {}", marker.display())),
            };
            if let Err(e) = back {
                problems.push(format!("{e:#}"));
            }
        }
        if problems.is_empty() {
            return Unswapped {
                error,
                restored: true,
            };
        }
        let error = error.context(format!(
            "putting the new site into {}, which could not be undone completely ({}): {} holds part of the previous site and part of the new one, each file as evalsite wrote it; build again",
            c.target.display(),
            problems.join("; "),
            c.target.display()
        ));
        Unswapped {
            error,
            restored: false,
        }
    }
}

/// Swaps the folders `a` and `b` in one step; false where the system or
/// the file system cannot.
#[cfg(target_os = "linux")]
pub(super) fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

#[cfg(not(target_os = "linux"))]
pub(super) fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Renames `from` to `to` unless something is at `to` (false then).
pub(super) fn rename_new(from: &Path, to: &Path) -> std::io::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(true),
            Err(Errno::EXIST) => return Ok(false),
            Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => {}
            Err(error) => return Err(error.into()),
        }
    }
    if std::fs::symlink_metadata(to).is_ok() {
        return Ok(false);
    }
    std::fs::rename(from, to).map(|()| true)
}
