//! Whether an element may be shown: what its name, its attributes and the
//! site's styles say about what it holds ([`showing`]). An element may
//! hide what it holds (a class a style sheet hides, `hidden`, `popover`,
//! a `style` attribute, an SVG `display="none"`, a MathML `<maction>`'s
//! other children), or not show it at all unless a style shows it
//! (`<template>`, `hidden`). The one decision for the gate, which reads the
//! pages as made, and the source checks, which read raw HTML in a body.

use super::css;
use super::layout;

/// SVG's presentation attributes that may hide an element: read as the
/// declarations they stand for.
const PRESENTATION: &[&str] = &[
    "display",
    "visibility",
    "opacity",
    "fill",
    "fill-opacity",
    "font-size",
    "font",
    "transform",
    "clip-path",
];

/// Every SVG presentation attribute (SVG 1.1 and 2): each sets the CSS
/// property of its name, so it is read as that declaration would be, in
/// a `style` attribute ([`presentation`]).
const PRESENTATION_ALL: &[&str] = &[
    "alignment-baseline",
    "baseline-shift",
    "clip",
    "clip-path",
    "clip-rule",
    "color",
    "color-interpolation",
    "color-interpolation-filters",
    "color-rendering",
    "cursor",
    "direction",
    "display",
    "dominant-baseline",
    "fill",
    "fill-opacity",
    "fill-rule",
    "filter",
    "flood-color",
    "flood-opacity",
    "font",
    "font-family",
    "font-size",
    "font-size-adjust",
    "font-stretch",
    "font-style",
    "font-variant",
    "font-weight",
    "glyph-orientation-horizontal",
    "glyph-orientation-vertical",
    "image-rendering",
    "kerning",
    "letter-spacing",
    "lighting-color",
    "marker-end",
    "marker-mid",
    "marker-start",
    "mask",
    "mask-type",
    "opacity",
    "overflow",
    "paint-order",
    "pointer-events",
    "shape-rendering",
    "stop-color",
    "stop-opacity",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "text-anchor",
    "text-decoration",
    "text-overflow",
    "text-rendering",
    "transform",
    "transform-origin",
    "unicode-bidi",
    "vector-effect",
    "visibility",
    "white-space",
    "word-spacing",
    "writing-mode",
];

/// An SVG element's presentation attributes (`direction="rtl"`,
/// `unicode-bidi="bidi-override"`, `word-spacing="-5"`) written as the
/// declarations they stand for, to be read as a `style` attribute is
/// (red team finding F5: an override given so was neither refused nor
/// read); `None` where it has none. Geometry (`x`, `d`, `transform`'s
/// place) is read as a drawing's, not here.
pub fn presentation<'e>(attributes: impl Iterator<Item = (&'e str, &'e str)>) -> Option<String> {
    let mut declarations = String::new();
    for (name, value) in attributes {
        let name = name.to_ascii_lowercase();
        if PRESENTATION_ALL.contains(&name.as_str()) {
            // A value cannot end its declaration early and add another:
            // each is read as its own.
            let value = value.replace([';', '{', '}'], " ");
            declarations.push_str(&format!("{name}: {value};"));
        }
    }
    (!declarations.is_empty()).then_some(declarations)
}

/// SVG elements never drawn where they are: what they hold is drawn
/// elsewhere (a `<symbol>` by `<use>`), or not at all.
const SVG_NOT_DRAWN: &[&str] = &[
    "defs",
    "symbol",
    "clippath",
    "mask",
    "pattern",
    "marker",
    "lineargradient",
    "radialgradient",
    "filter",
    "metadata",
];

/// Elements of which a reader sees one child, chosen elsewhere: each of
/// their children may be hidden. (A `<select>` also shows one option, but
/// in a box of its own, read as a block: a filter's lists of themes and
/// boroughs would otherwise be too many ways to read.)
const PICKS_ONE: &[&str] = &["semantics", "maction"];

/// What an element's start says about showing what it holds.
pub struct Showing {
    /// What it holds may be hidden.
    pub hides: bool,
    /// It has a style of its own, which may show it inside one that hides.
    pub shows: bool,
    /// It is not shown, and no style shows it.
    pub never: bool,
    /// A style gives it a `display` or float of its own (a cell so styled
    /// is no cell).
    pub reshaped: bool,
    /// Each of its children may be hidden ([`PICKS_ONE`]).
    pub picks: bool,
    /// A style sheet may show it elsewhere than it is written.
    pub placed: bool,
    /// A style may close up the spaces between its words (its own, or a
    /// style sheet's rule).
    pub closes: bool,
    /// A style (or an SVG `transform`) may draw it mirrored.
    pub mirrors: bool,
    /// The smallest share of its parent's font size a style sheet may
    /// give it (1 where none is smaller).
    pub shrink: f32,
}

/// An element's start as [`showing`] reads it.
pub struct Element<'f, 'e, A> {
    /// Its name, lower case.
    pub name: &'e str,
    /// It is in the SVG namespace.
    pub svg: bool,
    /// The value of its attribute of this (lower case) name, if it has one.
    pub attribute: &'f dyn Fn(&str) -> Option<&'e str>,
    /// Its attributes' names and values, for the style sheets' selectors.
    pub attributes: A,
}

/// How `element` shows what it holds, with the site's and page's
/// `styles`; `picked`: its parent shows one child. `own`: what its `style`
/// attribute does, if it has one.
pub fn showing<'e, A>(
    element: Element<'_, 'e, A>,
    styles: &css::Effects,
    picked: bool,
    own: Option<css::Own>,
) -> Showing
where
    A: Iterator<Item = (&'e str, &'e str)>,
{
    let Element {
        name,
        svg,
        attribute,
        attributes,
    } = element;
    let presentation =
        |a: &&str| attribute(a).is_some_and(|value| styles.hides_in(&format!("{a}: {value}")));
    let selected = styles.select(name, attributes);
    let may_hide = selected.hides
        || attribute("hidden").is_some()
        || attribute("popover").is_some()
        || own.is_some_and(|own| own.hides)
        || (svg && PRESENTATION.iter().any(presentation))
        // Text squeezed into no length at all.
        || (svg && attribute("textLength").is_some_and(|l| l.trim().parse::<f32>().is_ok_and(|l| l <= 1.0)))
        || picked;
    // What an element holds that a browser shows only where it cannot
    // show the element (a video's fallback, `<noscript>` without
    // scripts), or a dialog not open.
    let fallback = matches!(
        name,
        "audio" | "video" | "canvas" | "object" | "embed" | "noscript"
    );
    let closed = name == "dialog" && attribute("open").is_none();
    let placed = selected.places;
    let reshaped = selected.reshapes || own.is_some_and(|own| own.reshapes);
    // A fallback is shown where the element cannot be (an `<object>`
    // with nothing to show): it may be shown, never certainly hidden
    // (red team, round 6).
    let not_shown = closed
        || layout::not_shown(name)
        || attribute("hidden").is_some()
        || matches!(name, "annotation" | "annotation-xml");
    let not_drawn = svg && SVG_NOT_DRAWN.contains(&name);
    Showing {
        hides: may_hide || fallback || not_shown || not_drawn || name == "rt",
        shows: attribute("style").is_some()
            || attribute("class").is_some()
            || (svg && PRESENTATION.iter().any(|a| attribute(a).is_some())),
        never: not_shown && !fallback && !reshaped,
        reshaped,
        picks: PICKS_ONE.contains(&name),
        placed,
        closes: selected.closes || own.is_some_and(|own| own.closes),
        mirrors: selected.mirrors || own.is_some_and(|own| own.mirrors),
        shrink: selected.shrink,
    }
}
