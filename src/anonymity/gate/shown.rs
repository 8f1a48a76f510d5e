//! Whether an element may be shown, for [`super::html`]: what its name,
//! its attributes and the site's styles say about it ([`showing`], which
//! asks [`crate::reading::shown`], the decision the source checks share),
//! and how a text is shown given the elements open around it
//! ([`hidden`]); an element with a style of its own may show what one
//! around it hides.

use super::css;
use super::line::Shown;
use crate::reading::shown;
use scraper::node::Element;

pub use crate::reading::shown::Showing;

/// How `element` (named `name`, lower case) shows what it holds, with the
/// site's and page's `styles`; `picked`: its parent shows one child.
/// `own`: what its `style` attribute does, if it has one. The decision is
/// [`crate::reading::shown`]'s, which the source checks share.
pub fn showing(
    element: &Element,
    name: &str,
    styles: &css::Effects,
    picked: bool,
    own: Option<css::Own>,
) -> Showing {
    let attribute = |a: &str| attr(element, a);
    shown::showing(
        shown::Element {
            name,
            svg: &*element.name.ns == "http://www.w3.org/2000/svg",
            attribute: &attribute,
            attributes: element.attrs(),
        },
        styles,
        picked,
        own,
    )
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
    /// An SVG `<text>` or `<tspan>`, which may place each character.
    pub(super) svg_text: bool,
    /// An HTML `<script>` or `<style>`, whose text is the page's
    /// characters as written.
    pub(super) raw_text: bool,
    /// A `<main>`: the report, where no box is read shown elsewhere.
    pub(super) main: bool,
    /// It reverses the shown reading of its text (a `<bdo dir=rtl>`, an
    /// element drawn mirrored).
    pub(super) reversal: bool,
    /// A style may close up the spaces between its words.
    pub(super) closes: bool,
    /// A style (or an SVG `transform`) may draw it mirrored.
    pub(super) mirrors: bool,
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
