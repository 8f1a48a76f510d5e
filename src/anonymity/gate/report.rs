//! The gate's messages: what was found or could not be read, on which
//! generated files, and the source or template line that produced it
//! (found by [`super::origin`]), never the text found.

use super::{Inputs, Look, origin, shown};
use crate::diag::Diagnostic;
use crate::render::Rendered;
use crate::source::{FileId, Span};

pub(super) fn unreadable(
    inputs: &Inputs,
    look: &Look,
    rendered: &Rendered,
    path: &str,
    why: &'static str,
) -> Diagnostic {
    let from = match path.strip_prefix("static/") {
        Some(file) => {
            format!(
                " (the theme's static file {}/{file}{})",
                inputs.theme_folder,
                sheet_line(rendered, path).unwrap_or_default()
            )
        }
        None => String::new(),
    };
    let diagnostic = Diagnostic::error(
        "anonymity::unreadable-output",
        format!("the generated file {path}{from} cannot be checked: {why}"),
    );
    // The line of a source file the page shows, or of a template, that
    // holds what cannot be read.
    let files = shown(rendered, path);
    // Read with the site's style sheets, as the page was.
    let texts = || look.texts();
    // What is left open is found by reading each template whole (the
    // sources' bodies were refused for it before the gate).
    let left_open = (why == super::html::LEFT_OPEN)
        .then(|| origin::find_left_open(inputs.sources, &inputs.templates))
        .flatten()
        .map(|span| (span, format!("this template opens it, and it is on {path}")));
    let line = left_open
        .or_else(|| {
            origin::find_unreadable(inputs.sources, &files, why, &texts)
                .map(|(span, what)| (span, format!("{path} shows this {what}")))
        })
        .or_else(|| {
            origin::find_unreadable(inputs.sources, &inputs.templates, why, &texts)
                .map(|(span, what)| (span, format!("this template {what} is on {path}")))
        })
        // No one line holds it (a line shown too many ways): the file the
        // page is made from, so the message has a place.
        .or_else(|| {
            rendered.origins.get(path).map(|&file| {
                (
                    Span::file_start(file),
                    format!("{path} is made from this file"),
                )
            })
        })
        // A listing page made from several files: the first it shows
        // (fuzz: a code's description cut short inside `<script>`, which
        // the codebook's list shows).
        .or_else(|| {
            files.first().map(|&file| {
                (
                    Span::file_start(file),
                    format!("{path} is a listing page that shows text from this file and others"),
                )
            })
        });
    // A style that moves boxes is fixed by writing them in the order
    // they are to be read.
    let fix = match why {
        super::css::REORDERS => {
            "write the text in the order a reader is to read it, without the style that moves it (a float to the left, or boxes in the written order, is fine)"
        }
        super::css::PLACED => {
            "write the text without the theme's class or id that moves its box (the theme's style sheet places its own regions: header, menu, report, footer), or change that rule in the theme's style sheet"
        }
        super::html::LEFT_OPEN => {
            "close it where it ends (`</script>` for a `<script>`, `-->` for a comment), or write the tag escaped (`&lt;script>`) so that it is plain text in the page"
        }
        _ => "remove it, or write it so that it is plain text in the page",
    };
    match line {
        Some((span, label)) => diagnostic.at(span).label(label).fix(fix),
        None => diagnostic.fix("evalsite publishes only what it can read: remove what it names, or replace the file with one it can read (UTF-8 text, an uncompressed font, an image without compressed metadata)"),
    }
}

/// The message for one kind of leak, found on `pages`.
pub(super) fn leak(
    inputs: &Inputs,
    look: &Look,
    rendered: &Rendered,
    what: &str,
    in_name: bool,
    pages: &[&str],
) -> Diagnostic {
    let first = pages[0];
    let more = match pages.len() {
        1 => String::new(),
        n => format!(" and {} other generated files", n - 1),
    };
    let message = match in_name {
        true => format!("the name of the generated file {first}{more} would publish {what}"),
        false if first.starts_with("static/") => {
            format!("the published file {first}{more} would publish {what}")
        }
        false => format!("the generated page {first}{more} would publish {what}"),
    };
    let mut diagnostic = Diagnostic::error("anonymity::output-leak", message);
    if pages.len() > 1 {
        let listed: Vec<&str> = pages.iter().take(8).copied().collect();
        let ellipsis = if pages.len() > 8 { ", …" } else { "" };
        diagnostic = diagnostic.note(format!("pages: {}{ellipsis}", listed.join(", ")));
    }
    if in_name {
        diagnostic = diagnostic.fix("rename the file or folder it comes from");
        return match first.strip_prefix("static/") {
            Some(file) => diagnostic.note(format!(
                "{first} is the theme's static file {}/{file}",
                inputs.theme_folder
            )),
            None => diagnostic,
        };
    }
    // The source file and line that produced it, where one did: a file the
    // page shows (not one allowing the term, whose text may hold it), then
    // the project's own templates.
    let what_plain = what.trim_end_matches(" outside the file that allows it");
    let allowing = |file: &FileId| what_plain != what && inputs.checked.allowed.contains_key(file);
    // The first page whose shown files hold it, in the order of the pages.
    let mut searched: Vec<FileId> = Vec::new();
    for page in pages {
        let files: Vec<FileId> = shown(rendered, page)
            .into_iter()
            .filter(|f| !allowing(f) && !searched.contains(f))
            .collect();
        if let Some(span) = origin::find(look, inputs.sources, &files, what_plain) {
            return diagnostic
                .at(span)
                .label(format!("{page} shows this line, read as a browser reads it"))
                .fix(match what_plain == what {
                    true => format!(
                        "the checks of your files did not read it as a reader sees it here (markup, a comment or a character reference inside it, spaces a browser joins, or letters a style shows in capitals): remove it, or replace it with a redaction such as `{}`",
                        redaction(what_plain)
                    ),
                    false => "an allowance allows a term only where the file that has it writes it as plain text: remove it here, or write it plainly in the allowing file".to_string(),
                });
        }
        if let Some(span) =
            origin::find_through_links(look, inputs.sources, &files, what_plain, inputs.link_title)
        {
            return diagnostic
                .at(span)
                .label(format!(
                    "{page} shows this line, with the title of the link written without text"
                ))
                .fix(format!(
                    "the title this link prints completes it: write the link with text of its own, or replace the words before or after it with a redaction such as `{}`",
                    redaction(what_plain)
                ));
        }
        if let Some(span) = origin::find_in_labels(look, inputs.sources, &files, what_plain) {
            return diagnostic
                .at(span)
                .label(format!(
                    "{page} draws this label beside another, where together they show it"
                ))
                .fix(format!(
                    "a map draws its labels side by side: take the words out of one of the labels, or replace them with a redaction such as `{}`",
                    redaction(what_plain)
                ));
        }
        searched.extend(files);
    }
    if let Some(span) =
        origin::find_in_templates(look, inputs.sources, &inputs.templates, what_plain)
    {
        return diagnostic
            .at(span)
            .label(format!("this template line prints it on {first}"))
            .fix("remove it from the template");
    }
    // An allowed term in a title menus and lists print, in a way the
    // gate could not tell from the title: at the title's line.
    if what_plain != what
        && let Some(span) = title_line(look, inputs, rendered, pages, what_plain)
    {
        return diagnostic
            .at(span)
            .label(format!(
                "{first} prints the allowed term of this title, but not the whole title"
            ))
            .fix("an allowance allows a term in its file's title wherever the site prints the whole title; a template prints it here cut short or with other words in it: print the title whole, or take the term out of it");
    }
    let printed = "the source files passed the checks, so a template or theme file prints it: find what it prints and remove it, or correct the theme";
    match (first.strip_prefix("static/"), rendered.origins.get(first)) {
        (Some(file), _) => diagnostic
            .note(format!(
                "{first} is the theme's static file {}/{file}{}",
                inputs.theme_folder,
                static_line(look, rendered, first, what_plain).unwrap_or_default()
            ))
            .fix(format!(
                "remove it from that file, or replace it with a redaction such as `{}`",
                redaction(what_plain)
            )),
        (None, Some(&file)) => diagnostic
            .fix(printed)
            .at(Span::file_start(file))
            .label(format!(
                "{first} is made from this file; a template or theme file prints it"
            )),
        (None, None) => diagnostic.fix(printed).note(format!(
            "{first} is a listing page made from several files; a template or theme file prints it"
        )),
    }
}

/// Where the title of an allowing file that the site prints (one with a
/// page of its own) holds something described as `what`: the files the
/// first of `pages` shows first, then the others.
fn title_line(
    look: &Look,
    inputs: &Inputs,
    rendered: &Rendered,
    pages: &[&str],
    what: &str,
) -> Option<Span> {
    let mut files: Vec<FileId> = rendered.titles.keys().copied().collect();
    files.sort();
    let shown = shown(rendered, pages[0]);
    files.sort_by_key(|file| !shown.contains(file));
    files.into_iter().find_map(|file| {
        let source = inputs.sources.get(file);
        let yaml = crate::frontmatter::split(file, source).ok()?.yaml;
        let entry = title_entry(&source.text[yaml.clone()])?;
        let at = yaml.start + entry.start;
        let found =
            origin::find_in_text(look, &source.text[at..yaml.start + entry.end], what, None)?;
        Some(Span::new(file, at + found.start..at + found.end))
    })
}

/// The `title:` entry of front matter `yaml` (its line, and the lines
/// below it indented under it), as a range of `yaml`.
fn title_entry(yaml: &str) -> Option<std::ops::Range<usize>> {
    let mut start = None;
    let mut at = 0;
    for line in yaml.split_inclusive('\n') {
        let indented = line.starts_with([' ', '\t']) || line.trim().is_empty();
        match start {
            None if line.starts_with("title:") => start = Some(at),
            Some(from) if !indented => return Some(from..at),
            _ => {}
        }
        at += line.len();
    }
    start.map(|from| from..yaml.len())
}

/// `:line:column` where the published text file at `path` (a theme's
/// static file: a CSV of figures, a script) holds something described as
/// `what`, read as the gate reads it.
fn static_line(look: &Look, rendered: &Rendered, path: &str, what: &str) -> Option<String> {
    let text = std::str::from_utf8(rendered.files.get(path)?).ok()?;
    let delimiter = super::text::delimiter_of(path, text);
    let at = origin::find_in_text(look, text, what, delimiter)?.start;
    Some(line_column(text, at))
}

/// `:line:column` of byte `at` of `text`, as a reader counts them.
fn line_column(text: &str, at: usize) -> String {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!(":{line}:{column}")
}

/// `:line:column` of the first rule refused in the style sheet published
/// at `path`, when it is one (a theme's static file has no place among
/// the sources, so its line is said in the message).
fn sheet_line(rendered: &Rendered, path: &str) -> Option<String> {
    if !path.to_ascii_lowercase().ends_with(".css") {
        return None;
    }
    let text = std::str::from_utf8(rendered.files.get(path)?).ok()?;
    let at = super::css::refused_at(text)?;
    Some(line_column(text, at))
}

/// A redaction to suggest in place of what was found (`what`, as the
/// message names it).
fn redaction(what: &str) -> &'static str {
    if what.contains("postcode") {
        "[postcode]"
    } else if what.contains("email") {
        "[email]"
    } else if what.contains("date of birth") {
        "[date]"
    } else if what.contains("number") {
        "[number]"
    } else {
        "[name]"
    }
}
