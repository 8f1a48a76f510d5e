//! Whether an element may be shown, for [`super::html`]: what its name,
//! its attributes and the site's styles say about it ([`showing`]), and
//! how a text is shown given the elements open around it ([`hidden`]). An
//! element may hide what it holds (a class a style sheet hides, `hidden`,
//! `popover`, an SVG `display="none"`, a MathML `<maction>`'s other
//! children), or not show it at all unless a style shows it
//! (`<template>`, `hidden`); an element with a style of its own may show
//! what one around it hides.

use super::css;
use super::line::Shown;
use crate::reading::layout;
use scraper::node::Element;

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
}

/// How `element` (named `name`, lower case) shows what it holds, with the
/// site's and page's `styles`; `picked`: its parent shows one child.
/// `own`: what its `style` attribute does, if it has one.
pub fn showing(
    element: &Element,
    name: &str,
    styles: &css::Effects,
    picked: bool,
    own: Option<css::Own>,
) -> Showing {
    let svg = &*element.name.ns == "http://www.w3.org/2000/svg";
    let attribute = |a: &str| attr(element, a);
    let presentation =
        |a: &&str| attribute(a).is_some_and(|value| styles.hides_in(&format!("{a}: {value}")));
    let may_hide = styles.hides(name, element.attrs())
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
    let reshaped = styles.reshapes(name, element.attrs()) || own.is_some_and(|own| own.reshapes);
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
    }
}

/// The value of `element`'s attribute `name` (lower case, in no
/// namespace), as `Element::attr` finds it, without making the name an
/// interned atom first (which took a tenth of reading a page).
pub(super) fn attr<'e>(element: &'e Element, name: &str) -> Option<&'e str> {
    element
        .attrs
        .iter()
        .find(|(q, _)| q.prefix.is_none() && q.ns.is_empty() && &*q.local == name)
        .map(|(_, value)| &**value)
}

/// What an element's start tells about its contents.
#[derive(Default)]
pub(super) struct Opened {
    /// What it holds may be hidden (or is not shown unless a style shows it).
    pub(super) hides: bool,
    /// It has a style of its own (an attribute, a class), which may show it
    /// inside an element that hides.
    pub(super) shows: bool,
    /// It is not shown, and no style shows it (`hidden`, `<template>`).
    pub(super) never: bool,
    /// A reader sees one of its children (a MathML `<maction>`'s).
    pub(super) picks: bool,
    /// A `<select>`: its number, for its options.
    pub(super) select: Option<usize>,
    /// An option of the `<select>` of this number: one of them is shown.
    pub(super) option_of: Option<usize>,
    /// Which element of the page it is, counted from 1.
    pub(super) number: usize,
    /// What it holds is raw text (a script, a style sheet).
    pub(super) raw: bool,
    /// A `<style>`: its text is gathered to be read as one style sheet.
    pub(super) style: bool,
    pub(super) block: bool,
    pub(super) cell: bool,
    pub(super) br: bool,
    /// An `<svg>`: its text is drawn where its own attributes place it.
    pub(super) svg: bool,
    /// Where a reversal it makes begins.
    pub(super) reversal: Option<usize>,
    /// Its font size as a share of the page's, at the smallest the
    /// styles may make it.
    pub(super) scale: f32,
}

/// Whether an element around a text may hide it.
#[derive(Clone, Copy)]
pub(super) struct Hidden {
    /// Within its block: how the line shows it (an element that hides a
    /// whole block hides no word's part).
    pub(super) in_line: Shown,
    /// Anywhere up the tree: what the page's flow shows.
    pub(super) anywhere: bool,
}

/// How a text is shown. In its line: never, inside an element not shown;
/// as one option of its list to pick from; as the innermost element around
/// it that may hide it or has a style of its own decides, inside one that
/// may hide it; always otherwise.
/// Anywhere (for the page's flow): whether that innermost element hides.
pub(super) fn hidden(open: &[Opened]) -> Hidden {
    let mut decides = None;
    let mut hider = false;
    let mut never = false;
    let mut option = None;
    for o in open.iter().rev().take_while(|o| !o.block) {
        if o.hides || o.shows {
            decides = decides.or(Some(o.number));
        }
        hider |= o.hides;
        never |= o.never;
        if let Some(group) = o.option_of {
            option = option.or(Some(Shown::OneOf {
                group,
                member: o.number,
            }));
        }
    }
    let in_line = match (never, option, hider, decides) {
        (true, ..) => Shown::Never,
        (false, Some(option), ..) => option,
        (false, None, true, Some(element)) => Shown::Either(element),
        _ => Shown::Always,
    };
    let anywhere = open
        .iter()
        .rev()
        .find(|o| o.hides || o.shows)
        .is_some_and(|o| o.hides);
    Hidden { in_line, anywhere }
}
