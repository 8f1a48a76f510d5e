//! Which elements part the words around them: those the HTML standard's
//! rendering section lays out as blocks, list items, table parts or not at
//! all by default. Every other element (inline, replaced, unknown or
//! custom) sits in a line of text, so the words on either side of it may
//! be one word to a reader. The one list for the gate and the source
//! checks.

/// Block-level, list-item, table-part and hidden elements (lower case).
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
    // display: none (their text is not in a line of text)
    "area",
    "base",
    "datalist",
    "head",
    "link",
    "meta",
    "noembed",
    "noframes",
    "noscript",
    "param",
    "rp",
    "script",
    "style",
    "template",
    "title",
    "iframe",
    // SVG: each text element is placed on its own; a title or description
    // is a tooltip
    "text",
    "desc",
    "foreignobject",
    "textarea",
];

/// Whether the tags of element `name` (lower case) part the words on
/// either side of them.
pub fn parts_words(name: &str) -> bool {
    PART_WORDS.contains(&name)
}
