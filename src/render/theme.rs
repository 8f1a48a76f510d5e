//! The theme: Tera templates and static files. The default theme is embedded
//! in the binary from `themes/default/`; a project's `themes/<name>/` folder
//! overrides it file by file. Owns loading and compiling templates; does not
//! build page data.

use super::limits::{self, Watch};
use crate::diag::Diagnostic;
use crate::files::listing::whole_listing;
use crate::files::read;
use crate::files::{Folder, display_name, escapes, look_at};
use crate::source::{Sources, Span};
use std::collections::BTreeMap;
use std::path::Path;

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../../themes/default/", $path)) as &[u8])),*]
    };
}

/// The default theme's files, by path inside the theme folder.
const DEFAULT_THEME: &[(&str, &[u8])] = embedded![
    "templates/base.html",
    "templates/index.html",
    "templates/borough.html",
    "templates/finding.html",
    "templates/findings.html",
    "templates/quote.html",
    "templates/quotes.html",
    "templates/codebook.html",
    "templates/code.html",
    "templates/matrix.html",
    "templates/pathway.html",
    "templates/pathways.html",
    "templates/compare.html",
    "templates/page.html",
    "templates/accessibility.html",
    "templates/partials/quote.html",
    "templates/partials/map.html",
    "templates/partials/pager.html",
    "templates/partials/nav.html",
    "templates/partials/participants.html",
    "static/style.css",
];

/// A compiled theme: templates ready to render and static files to copy.
pub struct Theme {
    pub tera: tera::Tera,
    /// Static files by their path under `static/`.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// The project's own static files that may hold a table of figures
    /// (`.csv`, `.tsv`, `.html`), read for counts as a page's tables are.
    pub tables: Vec<crate::source::FileId>,
    /// Source files of the project's own templates, by template name.
    pub template_files: BTreeMap<String, crate::source::FileId>,
    /// The time kept on every rendering ([`super::limits`]).
    watch: Watch,
}

impl Theme {
    /// Renders `template` with `context`, within the limits of one
    /// rendering ([`super::limits`]).
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<Vec<u8>, tera::Error> {
        limits::render(&self.tera, &self.watch, template, context)
    }

    /// [`Theme::render`], as text.
    pub fn render_text(
        &self,
        template: &str,
        context: &tera::Context,
    ) -> Result<String, tera::Error> {
        self.render(template, context).map(|bytes| {
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        })
    }
}

/// What is done when a rendering runs past [`limits::LONGEST`]: it cannot
/// be stopped, so the program says which template, and where, and ends
/// (exit code 1, as for any problem in the project's files). `paths` are
/// the project's own templates' files, by template name.
fn end_the_run(paths: BTreeMap<String, String>) -> limits::Runaway {
    Box::new(move |template| {
        let place = paths
            .get(template)
            .map_or(String::new(), |path| format!(" ({path})"));
        crate::say!(
            "error[theme::too-slow]: the template `{}`{} has taken more than {} seconds to make one page, and evalsite cannot stop it part way: the run ends here\n  = help: look in the template for loops inside loops, or templates that include each other many times; a page of a large report takes well under a second\n",
            crate::diag::printable(template),
            crate::diag::printable(&place),
            limits::LONGEST.as_secs()
        );
        std::process::exit(1);
    })
}

/// Loads the theme `name`, overriding the embedded default with the project's
/// `themes/<name>/` files. Template files from the project are added to
/// `sources` so template errors can point into them. The folder itself was
/// checked with the settings ([`crate::config::confine`]): when it is not
/// a folder that can be read, the built-in theme alone is loaded (and the
/// run fails on that error). In the folder, a link, or a file or folder
/// that cannot be read, is an error: never passed over for the built-in
/// file of the same name.
pub fn load(
    root: &Path,
    name: &str,
    sources: &mut Sources,
    out: &mut Vec<Diagnostic>,
) -> anyhow::Result<Option<Theme>> {
    let mut files: BTreeMap<String, (Vec<u8>, Option<String>)> = DEFAULT_THEME
        .iter()
        .map(|(path, bytes)| (path.to_string(), (bytes.to_vec(), None)))
        .collect();
    let folder = root.join("themes").join(name);
    if matches!(look_at(&folder), Folder::Readable) && !escapes(root, &folder) {
        let found = whole_listing(&folder);
        let before = out.len();
        for (path, error) in &found.unreadable {
            out.push(unreadable(root, path, &error.to_string()));
        }
        for path in &found.others {
            out.push(not_a_file(root, path));
        }
        for path in found.files {
            let relative = display_name(&folder, &path);
            match std::fs::read(&path) {
                Ok(bytes) => {
                    files.insert(relative, (bytes, Some(display_name(root, &path))));
                }
                Err(e) => out.push(unreadable(root, &path, &e.to_string())),
            }
        }
        if out[before..].iter().any(Diagnostic::is_error) {
            return Ok(None);
        }
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".svg", ".xml"]);
    tera.register_filter("thousands", thousands);
    tera.register_filter("safe", safe);
    // Counted, so that loops inside loops cannot run for ever (#case-06).
    tera.register_function("range", limits::range);
    let mut templates = Vec::new();
    let mut statics = BTreeMap::new();
    let mut tables = Vec::new();
    for (path, (bytes, project_path)) in files {
        if let Some(name) = path.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let file = project_path.map(|p| {
                let (file, not_utf8) = read::decode(p, bytes);
                let id = sources.add(file);
                out.extend(not_utf8.map(|valid| read::not_utf8(id, valid)));
                id
            });
            templates.push((name.to_string(), text, file));
        } else if let Some(name) = path.strip_prefix("static/") {
            // A table the theme publishes is read for counts (round 16).
            if let (Some(project_path), true) = (project_path, holds_tables(name)) {
                let (file, _) = read::decode(project_path, bytes.clone());
                tables.push(sources.add(file));
            }
            statics.insert(name.to_string(), bytes);
        }
    }
    let names: BTreeMap<String, Option<crate::source::FileId>> = templates
        .iter()
        .map(|(name, _, file)| (name.clone(), *file))
        .collect();
    let added = tera.add_raw_templates(
        templates
            .iter()
            .map(|(name, text, _)| (name.as_str(), text.as_str())),
    );
    let ok = match added {
        Ok(()) => true,
        Err(error) => {
            let named = unknown_names(&error, &names, sources);
            let diagnostic = match circle(&error, &names, sources) {
                Some(diagnostic) => diagnostic,
                None if !named.is_empty() => {
                    let mut named = named;
                    let last = named.pop().expect("one at least");
                    out.extend(named);
                    last
                }
                None => {
                    let name = match error.kind() {
                        tera::ErrorKind::SyntaxError(report)
                        | tera::ErrorKind::RenderingError(report) => report.filename().to_string(),
                        tera::ErrorKind::MissingParent { current, .. } => current.clone(),
                        _ => String::new(),
                    };
                    template_error(&error, names.get(&name).copied().flatten(), &name)
                }
            };
            out.push(diagnostic);
            false
        }
    };
    let template_files: BTreeMap<String, crate::source::FileId> = templates
        .into_iter()
        .filter_map(|(name, _, file)| Some((name, file?)))
        .collect();
    let paths = template_files
        .iter()
        .map(|(name, &file)| (name.clone(), sources.name(file).to_string()))
        .collect();
    Ok(ok.then_some(Theme {
        tera,
        statics,
        tables,
        template_files,
        watch: Watch::new(limits::LONGEST, end_the_run(paths)),
    }))
}

/// What Tera finds when it reads the templates together, each one a
/// report of its own in one message (an unknown function, filter, test or
/// template, a block no parent has): one diagnostic each, at its place in
/// the project's template, or said to be the built-in theme's (red team,
/// round 33: an unknown `now()` in a project's template was told as a
/// problem of the template ``, in the built-in theme).
fn unknown_names(
    error: &tera::Error,
    names: &BTreeMap<String, Option<crate::source::FileId>>,
    sources: &Sources,
) -> Vec<Diagnostic> {
    let tera::ErrorKind::Msg(text) = error.kind() else {
        return Vec::new();
    };
    /// One report: its message, its template, line and column, and how
    /// many characters its carets mark.
    type Report = (String, Option<(String, usize, usize)>, usize);
    let mut found = Vec::new();
    let mut report: Option<Report> = None;
    let mut finish = |report: Option<Report>| {
        let Some((message, Some((name, line, column)), width)) = report else {
            return;
        };
        let diagnostic = Diagnostic::error(
            "theme::template",
            format!("the template `{name}` has a problem: {message}"),
        )
        .fix("correct the template; `evalsite check` shows every problem without writing the site");
        found.push(match names.get(&name).copied().flatten() {
            Some(file) => {
                let start = sources.get(file).offset_of(line, column);
                let source = sources.text(file);
                let end = source[start..]
                    .char_indices()
                    .nth(width.max(1))
                    .map_or(source.len(), |(i, _)| start + i);
                diagnostic.at(Span::new(file, start..end))
            }
            None => diagnostic.note(
                "this template is part of the built-in default theme: please report this as a bug",
            ),
        });
    };
    for line in text.lines() {
        if let Some(message) = line.strip_prefix("error: ") {
            finish(report.take());
            report = Some((message.to_string(), None, 0));
        } else if let (Some(at), Some(report)) = (line.strip_prefix(" --> "), report.as_mut()) {
            let mut parts = at.rsplitn(3, ':');
            let (column, line, name) = (parts.next(), parts.next(), parts.next());
            if let (Some(column), Some(line), Some(name)) = (column, line, name)
                && let (Ok(line), Ok(column)) = (line.parse(), column.parse())
            {
                report.1 = Some((name.to_string(), line, column));
            }
        } else if let Some(report) = report.as_mut()
            && line.trim_start().starts_with('|')
            && line.contains('^')
        {
            report.2 = line.chars().filter(|&c| c == '^').count();
        }
    }
    finish(report.take());
    found
}

/// Templates that include or extend each other in a circle (one that
/// includes itself, say), blamed on the first of the project's own in the
/// circle, at its `include` or `extends` of the next: not on the built-in
/// theme (#case-12.8). `None` for any other error.
fn circle(
    error: &tera::Error,
    names: &BTreeMap<String, Option<crate::source::FileId>>,
    sources: &Sources,
) -> Option<Diagnostic> {
    let (chain, how, tag) = match error.kind() {
        tera::ErrorKind::CircularInclude { include_chain, .. } => {
            (include_chain, "includes", "include")
        }
        tera::ErrorKind::CircularExtend {
            inheritance_chain, ..
        } => (inheritance_chain, "extends", "extends"),
        _ => return None,
    };
    let at = chain
        .windows(2)
        .find_map(|pair| Some((names.get(&pair[0]).copied().flatten()?, &pair[1])));
    let shown = chain.join(" → ");
    let message = match chain.as_slice() {
        [one, _] => format!("the template `{one}` {how} itself"),
        _ => format!("templates {how} each other in a circle: {shown}"),
    };
    let diagnostic = Diagnostic::error("theme::template", message).fix(format!(
        "remove the `{{% {tag} %}}` that leads back, or name another template in it"
    ));
    let Some((file, next)) = at else {
        return Some(diagnostic.note(
            "these templates are part of the built-in default theme: please report this as a bug",
        ));
    };
    let text = sources.text(file);
    let named = [format!("\"{next}\""), format!("'{next}'")];
    let place = named.iter().find_map(|quoted| {
        text.match_indices(quoted.as_str()).find_map(|(at, _)| {
            let before = &text[..at];
            let opened = &before[before.rfind("{%").unwrap_or(0)..];
            opened.contains(tag).then_some(at..at + quoted.len())
        })
    });
    Some(
        match place {
            Some(range) => diagnostic
                .at(Span::new(file, range))
                .label(format!("this {tag} leads back")),
            None => diagnostic.at(Span::file_start(file)),
        }
        .note(format!("the circle: {shown}")),
    )
}

/// A file or folder of the theme that cannot be read.
fn unreadable(root: &Path, path: &Path, why: &str) -> Diagnostic {
    let name = display_name(root, path);
    Diagnostic::error("load::unreadable", format!("{name} cannot be read: {why}")).fix(format!(
        "make {name} readable (or remove it): evalsite does not use the built-in file in place of one of the project's it cannot read"
    ))
}

/// What is said of something in the theme's folder that is neither a file
/// nor a folder: an error, whatever it is. Unlike in content/ (where a
/// link not followed only leaves a page out), a link in a theme passed
/// over would put the built-in theme's file of the same name in place of
/// the project's without a word (#case-10: a `noindex` meta dropped).
fn not_a_file(root: &Path, path: &Path) -> Diagnostic {
    let name = display_name(root, path);
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Diagnostic::error(
            "load::unreadable",
            format!("{name} cannot be read as a file: it is not an ordinary file"),
        )
        .fix(format!(
            "replace {name} with an ordinary file, or remove it"
        ));
    }
    match std::fs::canonicalize(path) {
        Err(_) => Diagnostic::error(
            "load::link-not-followed",
            format!("{name} is a link to nothing, and evalsite does not follow links in a theme"),
        )
        .fix(format!("put the file or folder itself at {name}, or delete the link")),
        Ok(_) if escapes(root, path) => Diagnostic::error(
            "load::outside-project",
            format!("{name} is a link that points outside the project, and evalsite reads nothing outside it"),
        )
        .fix(format!("copy what it points to into the project at {name} instead of linking to it")),
        Ok(_) => Diagnostic::error(
            "load::link-not-followed",
            format!("{name} is a link, and evalsite does not follow links in a theme"),
        )
        .fix(format!("put the file or folder itself at {name}, not a link to it")),
    }
}

/// Tera's `safe` filter, but keeping the string it is given rather than
/// copying it: the same output, without copying every page's HTML (a
/// quote's figure, the menu, each body) once more, and the output scan can
/// tell a figure or the menu on a page by where its text is.
fn safe(value: &tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    if value.is_string() {
        value.clone().mark_safe()
    } else {
        tera::Value::safe_string(&value.to_string())
    }
}

/// The `thousands` filter: a whole number with its thousands grouped by
/// commas, as a report prints counts ("10,000 quotes").
fn thousands(n: i64, _: tera::Kwargs, _: &tera::State) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        grouped.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A diagnostic for a Tera error, pointing into the template when it is a
/// project file.
pub fn template_error(
    error: &tera::Error,
    file: Option<crate::source::FileId>,
    name: &str,
) -> Diagnostic {
    let (message, range) = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => (
            report.message().to_string(),
            Some(report.span().range.clone()),
        ),
        _ => (error.to_string(), None),
    };
    let diagnostic = Diagnostic::error(
        "theme::template",
        format!("the template `{name}` has a problem: {message}"),
    )
    .fix("correct the template; `evalsite check` shows every problem without writing the site");
    match (file, range) {
        (Some(file), Some(range)) => diagnostic.at(Span::new(file, range)),
        (Some(file), None) => diagnostic.at(Span::file_start(file)),
        _ => diagnostic.note(
            "this template is part of the built-in default theme: please report this as a bug",
        ),
    }
}

/// Whether a static file named `name` may hold a table of figures.
fn holds_tables(name: &str) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(ext.as_deref(), Some("csv" | "tsv" | "html" | "htm"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grouped(n: i64) -> String {
        let mut tera = tera::Tera::new();
        tera.register_filter("thousands", thousands);
        tera.add_raw_template("t", "{{ n | thousands }}").unwrap();
        let mut context = tera::Context::new();
        context.insert("n", &n);
        tera.render("t", &context).unwrap()
    }

    #[test]
    fn safe_prints_what_tera_safe_prints() {
        let template = "{{ s | safe }}|{{ n | safe }}|{{ b | safe }}|{{ l | safe }}|{{ m | safe }}|{{ e | safe }}";
        let mut context = tera::Context::new();
        context.insert("s", "<p>a & b</p>");
        context.insert("n", &12.5);
        context.insert("b", &true);
        context.insert("l", &["<x>", "y"]);
        context.insert("m", &std::collections::BTreeMap::from([("k", "<v>")]));
        context.insert("e", "");
        let render = |ours: bool| {
            let mut tera = tera::Tera::new();
            tera.autoescape_on(vec![".html"]);
            if ours {
                tera.register_filter("safe", safe);
            }
            tera.add_raw_template("t.html", template).unwrap();
            tera.render("t.html", &context).unwrap()
        };
        assert_eq!(render(true), render(false));
        assert!(render(true).starts_with("<p>a & b</p>|12.5|true|"));
    }

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(10000), "10,000");
        assert_eq!(grouped(123456), "123,456");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(grouped(-45000), "-45,000");
    }
}
