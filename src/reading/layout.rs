//! Which elements part the words around them: those the HTML standard's
//! rendering section lays out as blocks, list items or table parts by
//! default. Every other element (inline, replaced, unknown, custom, or not
//! shown at all) sits in a line of text, so the words on either side of it
//! may be one word to a reader. The one list for the gate and the source
//! checks.

/// Block-level, list-item and table-part elements (lower case).
const PART_WORDS: &[&str] = &[
    // display: block
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "optgroup",
    "option",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "select",
    "ul",
    "xmp",
    // display: list-item
    "li",
    "summary",
    // the parts of a table
    "caption",
    "col",
    "colgroup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    // the page's head and title (shown in the tab, not the page)
    "head",
    "title",
    // replaced elements shown as boxes of their own (and SVG's textArea)
    "textarea",
    // SVG: each text element is placed on its own; a title or description
    // is a tooltip
    "text",
    "desc",
    "foreignobject",
];

/// Elements a browser does not show by default (`display: none`): they
/// part nothing (the text on either side of a `<template>` is one word on
/// screen), and what they hold is not in the line, unless a style shows it.
const NOT_SHOWN: &[&str] = &[
    "area", "base", "datalist", "iframe", "link", "meta", "noembed", "noframes", "noscript",
    "param", "rp", "script", "style", "template",
];

/// Elements that hold nothing and have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Whether element `name` (lower case) holds nothing and has no end tag.
pub fn is_void(name: &str) -> bool {
    VOID.contains(&name)
}

/// Whether the tags of element `name` (lower case) part the words on
/// either side of them.
pub fn parts_words(name: &str) -> bool {
    // Asked for every element of every page: a set, not a list.
    static SET: std::sync::LazyLock<crate::hash::FastSet<&str>> =
        std::sync::LazyLock::new(|| PART_WORDS.iter().copied().collect());
    SET.contains(name)
}

/// Whether a browser shows nothing of element `name` (lower case) by
/// default.
pub fn not_shown(name: &str) -> bool {
    NOT_SHOWN.contains(&name)
}
