//! The theme: Tera templates and static files. The default theme is embedded
//! in the binary from `themes/default/`; a project's `themes/<name>/` folder
//! overrides it file by file. Owns loading and compiling templates; does not
//! build page data.

use crate::diag::Diagnostic;
use crate::files::listing::listed_files;
use crate::files::read;
use crate::files::{display_name, escapes};
use crate::source::{Sources, Span};
use anyhow::Context;
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
    /// Source files of the project's own templates, by template name.
    pub template_files: BTreeMap<String, crate::source::FileId>,
}

/// Loads the theme `name`, overriding the embedded default with the project's
/// `themes/<name>/` files. Template files from the project are added to
/// `sources` so template errors can point into them.
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
    if escapes(root, &folder) {
        out.push(
            Diagnostic::error(
                "config::outside-project",
                format!("themes/{name} is a link to a folder outside the project"),
            )
            .fix(format!("copy the theme into themes/{name}/ in the project")),
        );
        return Ok(None);
    }
    if folder.is_dir() {
        for path in listed_files(&folder)? {
            let relative = display_name(&folder, &path);
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            files.insert(relative, (bytes, Some(display_name(root, &path))));
        }
    } else if name != "default" {
        out.push(
            Diagnostic::error(
                "config::unknown-theme",
                format!("there is no theme `{name}`"),
            )
            .fix(format!(
                "create themes/{name}/ in the project, or set `theme: default` in evalsite.yaml"
            )),
        );
        return Ok(None);
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".svg", ".xml"]);
    tera.register_filter("thousands", thousands);
    tera.register_filter("safe", safe);
    let mut templates = Vec::new();
    let mut statics = BTreeMap::new();
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
            let name = match error.kind() {
                tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                    report.filename().to_string()
                }
                _ => String::new(),
            };
            out.push(template_error(
                &error,
                names.get(&name).copied().flatten(),
                &name,
            ));
            false
        }
    };
    let template_files = templates
        .into_iter()
        .filter_map(|(name, _, file)| Some((name, file?)))
        .collect();
    Ok(ok.then_some(Theme {
        tera,
        statics,
        template_files,
    }))
}

/// A diagnostic for a Tera error, pointing into the template when it is a
/// project file.
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
