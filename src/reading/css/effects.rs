//! What a style sheet may do to the elements it selects, as far as the
//! gate's reading of lines depends on it: hide them (`display: none`, a
//! clip, a size of nothing, moved far off the page), or lay out a table
//! cell as something else (`display: inline`, a float), so that numbers in
//! neighbouring cells read as one.
//!
//! Selectors are not matched: every word of a rule's selector is taken as
//! a name it may select (more names than needed only means more text is
//! also read both ways). A selector whose subject names nothing
//! (`:first-child`, `p > *`, `:nth-child(2)`) may select any element, and
//! is kept as [`ANY`].

use super::Refused;
use super::colour::{self, Rgb};
use super::palette::Palette;
use crate::hash::FastSet;
use cssparser::{Parser, Token};

/// Letters smaller than this many pixels cannot be read.
pub const SMALLEST_FONT: f32 = 4.0;

/// The name that stands for every element: a rule whose selector's subject
/// names no element, class, id or attribute.
pub const ANY: &str = "*";

/// The names the rules of style sheets may hide or lay out anew.
#[derive(Debug, Default, Clone)]
pub struct Effects {
    /// Names whose elements a rule may hide.
    pub hiding: FastSet<String>,
    /// Names whose elements a rule gives a `display` or `float` of its own
    /// (a table cell so styled may be no cell at all).
    pub reshaping: FastSet<String>,
    /// Names whose elements a rule shows elsewhere than they are written
    /// (a grid place, a float to the right, a box out of the line, an
    /// order or a reversed direction), where the same rule does not also
    /// hide them.
    pub placing: FastSet<String>,
    /// Names whose elements a rule gives a font size smaller than their
    /// parent's (`0.5em`, `50%`, `smaller`), with the smallest such
    /// share: nested, they may make letters too small to read.
    pub shrinking: crate::hash::FastMap<String, f32>,
    /// Names whose elements a rule may show with the spaces between
    /// their words closed up ([`closing`]).
    pub closing: FastSet<String>,
    /// Names whose elements a rule may draw mirrored ([`mirroring`]).
    pub mirroring: FastSet<String>,
    /// A rule lays text out right to left (`direction: rtl`).
    pub right_to_left: bool,
    /// What the style sheets read give custom properties and the page's
    /// background.
    style: Style,
    /// The style sheets read by [`Effects::of`], to read again where a
    /// page gives custom properties of its own.
    sheets: std::sync::Arc<Vec<String>>,
}

/// The custom properties' values and the page's background, for reading
/// what a rule does.
#[derive(Debug, Clone)]
struct Style {
    palette: Palette,
    /// The colours the page's background may be (`None`: not worked
    /// out, so text of any colour may not show on it).
    page: Option<Vec<Rgb>>,
}

impl Default for Style {
    fn default() -> Style {
        Style::of(Palette::default())
    }
}

impl Style {
    fn of(palette: Palette) -> Style {
        let page = palette.page_colours();
        Style { palette, page }
    }
}

impl Effects {
    /// What the rules of the style sheets `sheets` may do, with the custom
    /// properties and page backgrounds they, and `palette`, give.
    pub fn of<'s>(sheets: impl Iterator<Item = &'s str> + Clone, palette: Palette) -> Effects {
        let mut palette = palette;
        for css in sheets.clone() {
            palette.read(css);
        }
        let mut effects = Effects {
            style: Style::of(palette),
            sheets: std::sync::Arc::new(sheets.clone().map(str::to_string).collect()),
            ..Effects::default()
        };
        for css in sheets {
            effects.read(css);
        }
        effects
    }

    /// The style sheets read by [`Effects::of`].
    pub fn sheets(&self) -> impl Iterator<Item = &str> + Clone {
        self.sheets.iter().map(String::as_str)
    }

    /// What the style sheets read give custom properties and the page.
    pub fn palette(&self) -> &Palette {
        &self.style.palette
    }

    /// Adds what the rules of `css` may do (with the custom properties
    /// and page backgrounds known so far).
    pub fn read(&mut self, css: &str) {
        let style = std::mem::take(&mut self.style);
        block(
            &mut Parser::new(css),
            &mut Cx::new(Some(self), &style),
            &[],
            false,
        );
        self.style = style;
    }

    /// Whether a `style` attribute's (or an SVG presentation attribute's)
    /// declarations may hide its element.
    pub fn hides_in(&self, declarations: &str) -> bool {
        let mut cx = Cx::new(None, &self.style);
        block(&mut Parser::new(declarations), &mut cx, &[], false).hides
    }

    /// What a `style` attribute's declarations do to its element, read
    /// once.
    pub fn own(&self, declarations: &str) -> Own {
        let mut cx = Cx::new(None, &self.style);
        let does = block(&mut Parser::new(declarations), &mut cx, &[], false);
        Own {
            hides: does.hides,
            reshapes: does.reshapes,
            shrink: does.shrink,
            right_to_left: does.right_to_left,
            closes: does.closes,
            mirrors: does.mirrors,
        }
    }

    /// What the rules may do to an element of tag `name` with
    /// `attributes` (its `style` attribute: [`Effects::own`]): its names
    /// are read once, and each is looked up in every set.
    pub fn select<'a>(
        &self,
        name: &'a str,
        attributes: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Selected {
        let mut selected = Selected {
            hides: false,
            reshapes: false,
            places: false,
            closes: false,
            mirrors: false,
            shrink: 1.0,
        };
        for name in names_of(name, attributes) {
            selected.hides |= self.hiding.contains(name);
            selected.closes |= self.closing.contains(name);
            selected.mirrors |= self.mirroring.contains(name);
            selected.reshapes |= self.reshaping.contains(name);
            selected.places |= self.placing.contains(name);
            if let Some(&share) = self.shrinking.get(name) {
                selected.shrink = selected.shrink.min(share);
            }
        }
        selected
    }

    /// Whether every name of `other` is here already.
    pub fn holds(&self, other: &Effects) -> bool {
        other.hiding.is_subset(&self.hiding)
            && other.reshaping.is_subset(&self.reshaping)
            && other.placing.is_subset(&self.placing)
            && other.closing.is_subset(&self.closing)
            && other.mirroring.is_subset(&self.mirroring)
            && (self.right_to_left || !other.right_to_left)
            && (other.shrinking.iter())
                .all(|(name, share)| self.shrinking.get(name).is_some_and(|s| s <= share))
    }

    pub fn extend(&mut self, other: Effects) {
        self.hiding.extend(other.hiding);
        self.reshaping.extend(other.reshaping);
        self.placing.extend(other.placing);
        self.closing.extend(other.closing);
        self.mirroring.extend(other.mirroring);
        self.right_to_left |= other.right_to_left;
        for (name, share) in other.shrinking {
            let mine = self.shrinking.entry(name).or_insert(1.0);
            *mine = mine.min(share);
        }
    }
}

/// What the rules may do to one element ([`Effects::select`]): a rule
/// may select it where it names any element, or one of its tag, classes,
/// id or attribute names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Selected {
    /// A rule may hide it.
    pub hides: bool,
    /// A rule may give it a `display` or float of its own.
    pub reshapes: bool,
    /// A rule may show it elsewhere than it is written.
    pub places: bool,
    /// A rule may close up the spaces between its words.
    pub closes: bool,
    /// A rule may draw it mirrored.
    pub mirrors: bool,
    /// The smallest share of its parent's font size a rule may give it
    /// (1 where none is smaller).
    pub shrink: f32,
}

/// The names a rule may select an element of tag `tag` with `attributes`
/// by: [`ANY`], its tag, each of its classes, its id, and its attributes'
/// names.
fn names_of<'a>(
    tag: &'a str,
    attributes: impl Iterator<Item = (&'a str, &'a str)>,
) -> impl Iterator<Item = &'a str> {
    let own = attributes.flat_map(|(attribute, value)| {
        let (classes, one) = match attribute {
            "class" => (value, None),
            "id" => ("", Some(value.trim())),
            other => ("", Some(other)),
        };
        classes.split_whitespace().chain(one)
    });
    [ANY, tag].into_iter().chain(own)
}

/// Whether a `style` attribute's declarations may hide its element (on a
/// site whose style sheets give no custom property nor page background).
#[cfg(test)]
pub fn hides_its_element(declarations: &str) -> bool {
    Effects::default().hides_in(declarations)
}

/// Whether a `style` attribute's declarations may lay its element out
/// anew.
#[cfg(test)]
pub fn reshapes_its_element(declarations: &str) -> bool {
    Effects::default().own(declarations).reshapes
}

/// What a `style` attribute does to its element.
#[derive(Debug, Clone, Copy)]
pub struct Own {
    /// It may hide it.
    pub hides: bool,
    /// It may lay it out anew (a cell shown inline is no cell).
    pub reshapes: bool,
    /// The smallest share of its parent's font size it gives it.
    pub shrink: f32,
    /// It lays its text out right to left.
    pub right_to_left: bool,
    /// It may close up the spaces between its words ([`closing`]).
    pub closes: bool,
    /// It may draw it mirrored, its letters in the opposite order
    /// ([`mirroring`]).
    pub mirrors: bool,
}

impl Palette {
    /// Adds what the rules of `css` give custom properties and the page.
    pub fn read(&mut self, css: &str) {
        let mut cx = Cx {
            gather: Some(self),
            ..Cx::new(None, &PLAIN)
        };
        block(&mut Parser::new(css), &mut cx, &[], false);
    }

    /// Adds what the `style` attribute `declarations` of an element give
    /// custom properties, and the page where it is `<html>` or `<body>`.
    pub fn read_attribute(&mut self, element: &str, declarations: &str) {
        let page = matches!(element, "html" | "body");
        let mut cx = Cx {
            gather: Some(self),
            ..Cx::new(None, &PLAIN)
        };
        block(&mut Parser::new(declarations), &mut cx, &[], page);
    }
}

/// A style with no custom properties, on a white page.
static PLAIN: std::sync::LazyLock<Style> = std::sync::LazyLock::new(Style::default);

/// What reading a block needs: where the names the rules may hide go (if
/// anywhere), the custom properties and page, and, when only gathering
/// those (a first reading), where they go.
struct Cx<'c> {
    effects: Option<&'c mut Effects>,
    style: &'c Style,
    gather: Option<&'c mut Palette>,
}

impl<'c> Cx<'c> {
    fn new(effects: Option<&'c mut Effects>, style: &'c Style) -> Cx<'c> {
        Cx {
            effects,
            style,
            gather: None,
        }
    }
}

/// What a block's own declarations do.
struct Does {
    hides: bool,
    reshapes: bool,
    /// It shows its element elsewhere than it is written.
    places: bool,
    /// The smallest share of the parent's font size it gives (1 if none).
    shrink: f32,
    /// It lays text out right to left.
    right_to_left: bool,
    /// It may close up the spaces between words.
    closes: bool,
    /// It may draw its element mirrored.
    mirrors: bool,
    /// It gives text a colour hardly to be told from white.
    white_text: bool,
    /// It gives a background of its own (on which white text may show).
    backed: bool,
    /// The colours it gives text, and backgrounds, where known.
    text: Vec<Rgb>,
    backgrounds: Vec<Rgb>,
}

impl Default for Does {
    fn default() -> Does {
        Does {
            hides: false,
            reshapes: false,
            places: false,
            shrink: 1.0,
            right_to_left: false,
            closes: false,
            mirrors: false,
            white_text: false,
            backed: false,
            text: Vec::new(),
            backgrounds: Vec::new(),
        }
    }
}

impl Does {
    /// Adds what another reading of the same declarations does (one with
    /// its `var()`s replaced).
    fn add(&mut self, other: Does) {
        self.hides |= other.hides;
        self.reshapes |= other.reshapes;
        self.places |= other.places;
        self.shrink = self.shrink.min(other.shrink);
        self.right_to_left |= other.right_to_left;
        self.closes |= other.closes;
        self.mirrors |= other.mirrors;
        self.white_text |= other.white_text;
        self.text.extend(other.text);
        self.backgrounds.extend(other.backgrounds);
    }

    /// What the rule's colours do together: text in white (or nearly)
    /// on the page's own white hides, unless the rule gives it a
    /// background too (a badge); text of any colour hides on a background
    /// of nearly its colour: its own where it gives one, else the page's.
    /// A picture as background may hide text of any colour (see
    /// `hiding`); a background of its own the gate cannot otherwise work
    /// out is taken as one the text shows on.
    fn settle(&mut self, style: &Style) {
        self.hides |= self.white_text && !self.backed;
        for &text in &self.text {
            self.hides |= match (&self.backgrounds[..], &style.page) {
                ([], _) if self.backed => false,
                ([], None) => true,
                ([], Some(page)) => page.iter().any(|&b| colour::faint(text, b)),
                (own, _) => own.iter().any(|&b| colour::faint(text, b)),
            };
        }
    }
}

/// Reads a block (a sheet, a rule's declarations, an `@media` block) into
/// `cx`: each nested rule's names, under what its declarations do;
/// returns what the block's own declarations do. `outer`: the names the
/// rule the block is nested in may select, which `&` stands for; `page`:
/// whether that rule may select the page itself.
fn block<'i>(parser: &mut Parser<'i>, cx: &mut Cx, outer: &[String], page: bool) -> Does {
    let mut does = walk(parser, cx, outer, page);
    does.settle(cx.style);
    does
}

/// [`block`], but for what the colours do together.
fn walk<'i>(parser: &mut Parser<'i>, cx: &mut Cx, outer: &[String], page: bool) -> Does {
    let mut does = Does::default();
    let mut item: Item<'i> = Item::default();
    // Where the item's value begins, as written: after its first colon.
    let mut value = None;
    let value_text = |parser: &Parser<'i>, value: Option<_>| {
        value.map_or("", |at| parser.slice_from(at).trim_end_matches(';'))
    };
    while let Ok(token) = parser.next_including_whitespace_and_comments().cloned() {
        match token {
            Token::Colon if value.is_none() => {
                value = Some(parser.position());
                item.push(token, Vec::new());
            }
            Token::Semicolon => {
                item.declaration(&mut does, value_text(parser, value), cx, page);
                item = Item::default();
                value = None;
            }
            Token::CurlyBracketBlock => {
                let names = item.selected(outer);
                // What `&` stands for inside: this rule's names; inside an
                // at-rule, the rule around it, with `@scope`'s root.
                let (within, page): (Vec<String>, bool) = match item.first() {
                    Some(Token::AtKeyword(_)) => {
                        (outer.iter().chain(&item.inner).cloned().collect(), page)
                    }
                    _ => {
                        let page = names.iter().any(|n| PAGE.contains(&n.as_str()));
                        (names.clone(), page)
                    }
                };
                let inner = parser
                    .parse_nested_block(|inner| {
                        Ok::<Does, Refused>(block(inner, cx, &within, page))
                    })
                    .unwrap_or_default();
                if let Some(effects) = cx.effects.as_deref_mut() {
                    effects.right_to_left |= inner.right_to_left;
                    if inner.closes {
                        effects.closing.extend(names.iter().cloned());
                    }
                    if inner.mirrors {
                        effects.mirroring.extend(names.iter().cloned());
                    }
                    if inner.hides {
                        effects.hiding.extend(names.iter().cloned());
                    }
                    if inner.shrink < 1.0 {
                        for name in &names {
                            let share = effects.shrinking.entry(name.clone()).or_insert(1.0);
                            *share = share.min(inner.shrink);
                        }
                    }
                    if inner.places && !inner.hides {
                        effects.placing.extend(names.iter().cloned());
                    }
                    if inner.reshapes {
                        effects.reshaping.extend(names);
                    }
                }
                item = Item::default();
                value = None;
            }
            Token::SquareBracketBlock | Token::ParenthesisBlock | Token::Function(_) => {
                let mut numbers = Vec::new();
                let _ = parser.parse_nested_block(|inner| {
                    words(inner, &mut item.inner, &mut numbers);
                    Ok::<(), Refused>(())
                });
                item.push(token, numbers);
            }
            token => item.push(token, Vec::new()),
        }
    }
    item.declaration(&mut does, value_text(parser, value), cx, page);
    does
}

/// The names a rule may select the page itself by (`:root` is `root`).
const PAGE: &[&str] = &["html", "body", "root", ANY];

/// The tokens of a declaration or of a rule's prelude, read so far, with
/// the words inside its brackets and functions.
#[derive(Default)]
struct Item<'i> {
    tokens: Vec<Token<'i>>,
    /// For each of `tokens`, the numbers inside it where it is a function
    /// or bracket, and whether each is a percentage: a colour's channels
    /// and alpha (`rgb(0 0 0 / 0)`), a filter's amount (`opacity(0)`).
    numbers: Vec<Vec<(f32, bool)>>,
    inner: Vec<String>,
}

impl<'i> Item<'i> {
    /// The first token, white space and comments passed over.
    fn first(&self) -> Option<&Token<'_>> {
        self.tokens
            .iter()
            .find(|t| !matches!(t, Token::WhiteSpace(_) | Token::Comment(_)))
    }

    /// Reads the item as a declaration (`property: value`).
    fn push(&mut self, token: Token<'i>, numbers: Vec<(f32, bool)>) {
        self.tokens.push(token);
        self.numbers.push(numbers);
    }

    /// Reads the item as a declaration (`property: value`), its value
    /// written as `value_text`, in a rule that may select the page when
    /// `page`.
    fn declaration(&self, does: &mut Does, value_text: &str, cx: &mut Cx, page: bool) {
        let mut tokens = self
            .tokens
            .iter()
            .zip(&self.numbers)
            .filter(|(t, _)| !matches!(t, Token::WhiteSpace(_) | Token::Comment(_)));
        let (Some((Token::Ident(property), _)), Some((Token::Colon, _))) =
            (tokens.next(), tokens.next())
        else {
            return;
        };
        let property = property.to_ascii_lowercase();
        if let Some(gather) = cx.gather.as_deref_mut() {
            gather.give(&property, value_text, page);
            return;
        }
        let background = matches!(property.as_str(), "background" | "background-color");
        let text_colour = matches!(property.as_str(), "color" | "-webkit-text-fill-color");
        // The value, without `!important` (which is no value: `display:
        // none !important` shows nothing).
        let mut value: Vec<_> = tokens.collect();
        if let [.., (Token::Delim('!'), _), (Token::Ident(flag), _)] = value.as_slice()
            && flag.eq_ignore_ascii_case("important")
        {
            value.truncate(value.len() - 2);
        }
        // A background of its own that white text may show on: not white
        // nor see-through.
        let mut light = false;
        for (token, numbers) in value {
            let last = numbers.last().map(|&(n, _)| n);
            does.hides |= hiding(&property, token, last);
            does.reshapes |= reshaping(&property, token);
            does.places |= super::moves(&property, token);
            if matches!(property.as_str(), "font-size" | "font") {
                does.shrink = does.shrink.min(shrinking(token));
            }
            does.right_to_left |= property == "direction"
                && matches!(token, Token::Ident(w) if w.eq_ignore_ascii_case("rtl"));
            does.closes |= closing(&property, token);
            does.mirrors |= mirroring(&property, token, numbers);
            let white = colour::near_white(token, numbers);
            if text_colour {
                does.white_text |= white;
            }
            light |= white
                || hiding("color", token, last)
                || matches!(token, Token::Ident(w) if w.eq_ignore_ascii_case("none"));
        }
        let mut backed = background && !light;
        if text_colour {
            does.text.extend(colour::colours_in(value_text));
        }
        if background {
            does.backgrounds.extend(colour::colours_in(value_text));
        }
        // With each value its custom properties may have: read as if
        // written so (and as written, above).
        if Palette::uses(value_text) {
            match cx.style.palette.variants(value_text) {
                Some(variants) => {
                    for variant in variants {
                        let written = format!("{property}: {variant}");
                        let mut inner = Cx::new(None, cx.style);
                        let read = walk(&mut Parser::new(&written), &mut inner, &[], page);
                        backed &= read.backed;
                        does.add(read);
                    }
                }
                // More ways than the gate reads: it may hide.
                None => does.hides = true,
            }
        }
        does.backed |= backed;
    }

    /// The names a rule with this prelude may select: every word of it,
    /// those of the rule it is nested in (`outer`) where it says `&`, and
    /// [`ANY`] when a selector's subject names nothing. An at-rule's
    /// prelude (`@media print`) selects nothing.
    fn selected(&self, outer: &[String]) -> Vec<String> {
        if matches!(self.first(), Some(Token::AtKeyword(_))) {
            return Vec::new();
        }
        let mut names: Vec<String> = self.inner.clone();
        if self.tokens.iter().any(|t| matches!(t, Token::Delim('&'))) {
            names.extend(outer.iter().cloned());
        }
        // Whether the compound selector being read names something, and
        // whether a combinator may start the next one.
        let mut named = false;
        let mut space = false;
        let mut after_colon = false;
        let mut any = false;
        for token in &self.tokens {
            let starts_compound = matches!(
                token,
                Token::Ident(_)
                    | Token::IDHash(_)
                    | Token::Hash(_)
                    | Token::Colon
                    | Token::SquareBracketBlock
                    | Token::Function(_)
                    | Token::Delim('.' | '*' | '&')
            );
            if space && starts_compound {
                named = false;
            }
            space = false;
            match token {
                Token::WhiteSpace(_) | Token::Comment(_) => space = true,
                Token::Delim('>' | '+' | '~') => named = false,
                Token::Comma => {
                    any |= !named;
                    named = false;
                }
                Token::Ident(name) => {
                    names.push(name.to_string());
                    named |= !after_colon;
                }
                Token::IDHash(name) | Token::Hash(name) => {
                    names.push(name.to_string());
                    named = true;
                }
                Token::SquareBracketBlock => named = true,
                // `&` stands for the rule it is nested in, which is read
                // with its own names.
                Token::Delim('&') => named = true,
                _ => {}
            }
            after_colon = matches!(token, Token::Colon);
        }
        any |= !named;
        if any {
            names.push(ANY.to_string());
        }
        // Element and attribute names are matched without case (`TD`).
        let lower: Vec<String> = names
            .iter()
            .map(|n| n.to_ascii_lowercase())
            .filter(|n| !names.contains(n))
            .collect();
        names.extend(lower);
        names
    }
}

/// Every word inside a selector's brackets or functions, and the numbers
/// at this level, each with whether it is a percentage.
fn words(parser: &mut Parser, words: &mut Vec<String>, numbers: &mut Vec<(f32, bool)>) {
    while let Ok(token) = parser.next() {
        match token.clone() {
            Token::Ident(name) | Token::IDHash(name) | Token::Hash(name) => {
                words.push(name.to_string())
            }
            token @ (Token::Number { .. } | Token::Percentage { .. } | Token::Dimension { .. }) => {
                numbers
                    .extend(number(&token).map(|n| (n, matches!(token, Token::Percentage { .. }))));
            }
            Token::SquareBracketBlock | Token::ParenthesisBlock | Token::Function(_) => {
                let _ = parser.parse_nested_block(|inner| {
                    self::words(inner, words, &mut Vec::new());
                    Ok::<(), Refused>(())
                });
            }
            _ => {}
        }
    }
}

/// The share of its parent's font size `token` in a `font-size` (or
/// `font`) gives, where less than 1: `0.5em`, `50%`, `smaller`; 1
/// otherwise (a size in pixels or `rem` does not grow smaller with
/// nesting).
fn shrinking(token: &Token) -> f32 {
    let share = match token {
        Token::Percentage { unit_value, .. } => *unit_value,
        Token::Dimension { value, unit, .. } => match unit.to_ascii_lowercase().as_str() {
            "em" => *value,
            "ex" | "ch" | "cap" => value / 2.0,
            _ => 1.0,
        },
        Token::Ident(word) if word.eq_ignore_ascii_case("smaller") => 1.0 / 1.2,
        _ => 1.0,
    };
    share.clamp(0.0, 1.0)
}

/// Whether `token` in `property`'s value may close up the spaces between
/// words, so that two words are shown as one (red team finding F7:
/// `word-spacing: -0.3em` shows "Thistle bury" as "Thistlebury"): any
/// negative word spacing, or letter spacing of a pixel or more less
/// (which a space takes too), or either worked out (`var()`, `calc()`),
/// which may be either. What such an element holds is also read with its
/// spaces left out.
fn closing(property: &str, token: &Token) -> bool {
    let worked_out = matches!(token, Token::Function(f)
        if ["var", "calc", "min", "max", "clamp", "env", "attr"]
            .iter()
            .any(|name| f.eq_ignore_ascii_case(name)));
    match property {
        "word-spacing" => worked_out || pixels(token).is_some_and(|n| n < 0.0),
        "letter-spacing" => worked_out || pixels(token).is_some_and(|n| n <= -1.0),
        _ => false,
    }
}

/// Whether `token` (with the `numbers` inside it) in `property`'s value
/// may draw its element mirrored left to right, so that its letters are
/// shown in the opposite order to the one they are written in (an SVG
/// `transform="scale(-1,1)"` draws `yrubeltsihT` as a mirrored
/// "Thistlebury"): a scale or matrix with a negative number, a turn about
/// the vertical axis (`rotateY`, `rotate3d`, `rotate: y 180deg`), or a
/// transform worked out (`var()`, `calc()`). Such an element's text is
/// also read reversed, as `<bdo dir=rtl>` is.
fn mirroring(property: &str, token: &Token, numbers: &[(f32, bool)]) -> bool {
    let negative = numbers.iter().any(|&(n, _)| n < 0.0);
    match (property, token) {
        ("transform", Token::Function(f)) => {
            let f = f.to_ascii_lowercase();
            ((f.starts_with("scale") || f.starts_with("matrix")) && negative)
                || matches!(
                    f.as_str(),
                    "rotatey" | "rotate3d" | "var" | "calc" | "env" | "attr"
                )
        }
        ("scale", Token::Number { value, .. })
        | (
            "scale",
            Token::Percentage {
                unit_value: value, ..
            },
        ) => *value < 0.0,
        ("scale" | "rotate", Token::Function(_)) => true,
        ("rotate", Token::Ident(axis)) => !axis.eq_ignore_ascii_case("none"),
        _ => false,
    }
}

/// Whether `token` in `property`'s value may lay an element out anew: any
/// `display` but `none` (which also shows an element not shown by
/// default), any float (a cell so laid out may be no cell).
fn reshaping(property: &str, token: &Token) -> bool {
    let Token::Ident(value) = token else {
        return false;
    };
    match property {
        "display" => !value.eq_ignore_ascii_case("none"),
        "float" => !value.eq_ignore_ascii_case("none"),
        _ => false,
    }
}

/// Whether `token` in `property`'s value may hide an element's text
/// (`last`: a function's last number). Sizes and distances are compared in
/// pixels, an `em` taken as 16 and a viewport unit as a phone's hundredth;
/// a value the gate cannot work out (`var()`, `calc()`, `min()`) for
/// whether or how large text is shown may hide.
fn hiding(property: &str, token: &Token, last: Option<f32>) -> bool {
    let word = |w: &str| matches!(token, Token::Ident(i) if i.eq_ignore_ascii_case(w));
    let function = |names: &[&str]| {
        matches!(token, Token::Function(f)
            if names.iter().any(|name| f.to_ascii_lowercase().starts_with(name)))
    };
    let worked_out = !function(&["var", "calc", "min", "max", "clamp", "env", "attr"]);
    // A colour of no opacity: `transparent`, `#0000`, `rgb(0 0 0 / 0)`.
    let clear = word("transparent")
        || matches!(token, Token::Hash(h) | Token::IDHash(h)
            if (h.len() == 4 && h.ends_with('0')) || (h.len() == 8 && h.ends_with("00")))
        || (function(&["rgb", "hsl", "hwb", "lab", "lch", "oklab", "oklch", "color"])
            && last.is_some_and(|alpha| alpha <= 0.05));
    let hides = match property {
        "display" => word("none"),
        "visibility" => word("hidden") || word("collapse"),
        "content-visibility" => word("hidden"),
        "opacity" | "fill-opacity" => number(token).is_some_and(|n| n <= 0.05),
        "zoom" => number(token).is_some_and(|n| n <= 0.25),
        "max-width" | "max-height" | "max-inline-size" | "max-block-size" | "width" | "height"
        | "inline-size" | "block-size" => pixels(token).is_some_and(|n| n <= 4.0),
        // A number alone is a multiple of the font's size (`1.45`).
        "line-height" => match token {
            Token::Number { value, .. } => *value <= 0.05,
            _ => pixels(token).is_some_and(|n| n <= 1.0),
        },
        // Letters smaller than a few pixels cannot be read (`font: 0/0 a`),
        // nor letters drawn over each other.
        "font-size" | "font" => pixels(token).is_some_and(|n| n < SMALLEST_FONT),
        "letter-spacing" | "word-spacing" => pixels(token).is_some_and(|n| n <= -2.0),
        "clip" | "clip-path" | "mask" | "mask-image" | "-webkit-mask" | "-webkit-mask-image" => {
            !(word("auto") || word("none"))
        }
        "color" | "-webkit-text-fill-color" | "fill" => clear || word("none"),
        // A picture behind text (or a border's, filling the box) may be of
        // the text's own colour, which no style sheet says (a gradient's
        // colours are read, in `settle`).
        "background" | "background-image" | "border-image" | "border-image-source" => {
            matches!(token, Token::UnquotedUrl(_))
                || function(&[
                    "url",
                    "image",
                    "-webkit-image-set",
                    "element",
                    "cross-fade",
                    "-webkit-cross-fade",
                    "paint",
                ])
        }
        "filter" => function(&["opacity"]) && last.is_some_and(|n| n <= 0.05),
        "mix-blend-mode" => !word("normal"),
        // Off the page: far to one side, in any unit (`-9999px`, `-99em`),
        // or pushed out of its own box (`text-indent: 100%`).
        "text-indent" => {
            pixels(token).is_some_and(|n| n <= -100.0 || n >= 1000.0)
                || matches!(token, Token::Percentage { unit_value, .. } if *unit_value >= 0.5)
        }
        "left" | "top" | "right" | "bottom" | "margin-left" | "margin-top" | "margin-right"
        | "inset" | "inset-inline-start" | "inset-block-start" | "inset-inline-end"
        | "inset-block-end" => pixels(token).is_some_and(|n| n <= -100.0 || n >= 1000.0),
        // Any transform may turn, squeeze or move text out of sight.
        "transform" | "translate" | "scale" | "rotate" => {
            !word("none")
                && (number(token).is_some()
                    || matches!(token, Token::Function(_) | Token::Ident(_)))
        }
        _ => return false,
    };
    // Boxes' sizes and places from a custom property or a sum are taken
    // as shown: themes set them so everywhere (`var(--measure)`).
    let unsure = matches!(
        property,
        "display" | "visibility" | "content-visibility" | "opacity" | "font-size" | "font"
    );
    hides || (!worked_out && unsure)
}

/// A number, a length or a percentage's value.
fn number(token: &Token) -> Option<f32> {
    match token {
        Token::Number { value, .. } | Token::Dimension { value, .. } => Some(*value),
        Token::Percentage { unit_value, .. } => Some(*unit_value),
        _ => None,
    }
}

/// A length in pixels, roughly (a percentage as of 16 pixels; a unit not
/// known as a pixel).
fn pixels(token: &Token) -> Option<f32> {
    match token {
        Token::Number { value, .. } => Some(*value),
        Token::Percentage { unit_value, .. } => Some(unit_value * 16.0),
        Token::Dimension { value, unit, .. } => {
            let per = match unit.to_ascii_lowercase().as_str() {
                "pt" => 4.0 / 3.0,
                "pc" => 16.0,
                "in" => 96.0,
                "cm" => 37.8,
                "mm" => 3.78,
                "q" => 0.945,
                "em" | "rem" | "lh" | "rlh" | "ic" => 16.0,
                "ex" | "ch" | "cap" | "rex" | "rch" => 8.0,
                u if u.contains('v') => 3.9,
                _ => 1.0,
            };
            Some(value * per)
        }
        _ => None,
    }
}
