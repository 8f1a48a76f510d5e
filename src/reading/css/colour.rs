//! Whether a colour given to text can be told from the background it is
//! shown on: white or nearly so on a page with no background of its own
//! (white), and any colour on a background of nearly that colour.

use cssparser::{Parser, Token};

/// Red, green and blue, each 0 to 255.
pub type Rgb = [f32; 3];

/// Whether `token` (with `numbers`, a function's own numbers and whether
/// each is a percentage) is a colour that hardly differs from white: less
/// than 1.25 to 1 in contrast with it, as WCAG reckons contrast.
pub(super) fn near_white(token: &Token, numbers: &[(f32, bool)]) -> bool {
    match token {
        Token::Ident(name) => named(name).is_some_and(light),
        Token::Hash(hex) | Token::IDHash(hex) => from_hex(hex).is_some_and(light),
        Token::Function(name) => match name.to_ascii_lowercase().as_str() {
            "rgb" | "rgba" => from_rgb(numbers).is_some_and(light),
            "hsl" | "hsla" => numbers.get(2).is_some_and(|&(lightness, percent)| {
                (if percent {
                    lightness
                } else {
                    lightness / 100.0
                }) >= 0.95
            }),
            _ => false,
        },
        _ => false,
    }
}

/// A named colour (`navy`, `WhiteSmoke`) as red, green and blue, from
/// cssparser's table of CSS's names.
fn named(name: &str) -> Option<Rgb> {
    let (r, g, b) = cssparser::color::parse_named_color(&name.to_ascii_lowercase()).ok()?;
    Some([r as f32, g as f32, b as f32])
}

/// `#fff`, `#ffff`, `#ffffff` or `#ffffffff` as red, green and blue.
fn from_hex(hex: &str) -> Option<[f32; 3]> {
    let digits: Vec<u32> = hex.chars().map(|c| c.to_digit(16)).collect::<Option<_>>()?;
    let channel = |i: usize| match digits.len() {
        3 | 4 => Some((digits[i] * 17) as f32),
        6 | 8 => Some((digits[2 * i] * 16 + digits[2 * i + 1]) as f32),
        _ => None,
    };
    Some([channel(0)?, channel(1)?, channel(2)?])
}

/// `rgb(255 255 255)` or `rgb(100%, 100%, 100%)` as red, green and blue.
fn from_rgb(numbers: &[(f32, bool)]) -> Option<[f32; 3]> {
    let channel = |i: usize| {
        numbers
            .get(i)
            .map(|&(v, percent)| if percent { v * 255.0 } else { v })
    };
    Some([channel(0)?, channel(1)?, channel(2)?])
}

/// Less than 1.25 to 1 in contrast with white.
fn light(rgb: [f32; 3]) -> bool {
    faint(rgb, [255.0; 3])
}

/// Less than 1.25 to 1 in contrast with each other, as WCAG reckons
/// contrast: text in one of the colours hardly shows on the other.
pub(super) fn faint(a: Rgb, b: Rgb) -> bool {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05) < 1.25
}

fn luminance(rgb: Rgb) -> f32 {
    let linear = |c: f32| {
        let c = (c / 255.0).clamp(0.0, 1.0);
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

/// Every colour written in a value (`#1d1d1f`, `navy`, `rgb(…)`,
/// `hsl(…)`, and the stops of a gradient), but those that cannot be seen
/// (`transparent`, an alpha of nothing). Colours of other kinds (`oklch`,
/// `color-mix`) are not worked out.
pub(super) fn colours_in(value: &str) -> Vec<Rgb> {
    let mut out = Vec::new();
    collect(&mut Parser::new(value), &mut out);
    out
}

fn collect(parser: &mut Parser, out: &mut Vec<Rgb>) {
    while let Ok(token) = parser.next().cloned() {
        match token {
            Token::Ident(name) => out.extend(named(&name)),
            Token::Hash(hex) | Token::IDHash(hex) => {
                let clear = (hex.len() == 4 && hex.ends_with('0'))
                    || (hex.len() == 8 && hex.ends_with("00"));
                let seen = !clear;
                out.extend(from_hex(&hex).filter(|_| seen));
            }
            Token::Function(name) => {
                let name = name.to_ascii_lowercase();
                let _ = parser.parse_nested_block(|inner| {
                    match name.as_str() {
                        "rgb" | "rgba" | "hsl" | "hsla" => {
                            let numbers = numbers(inner);
                            let seen = numbers.get(3).is_none_or(|&(a, _)| a > 0.05);
                            let rgb = match name.starts_with("rgb") {
                                true => from_rgb(&numbers),
                                false => from_hsl(&numbers),
                            };
                            out.extend(rgb.filter(|_| seen));
                        }
                        _ => collect(inner, out),
                    }
                    Ok::<(), cssparser::ParseError<()>>(())
                });
            }
            Token::ParenthesisBlock => {
                let _ = parser.parse_nested_block(|inner| {
                    collect(inner, out);
                    Ok::<(), cssparser::ParseError<()>>(())
                });
            }
            _ => {}
        }
    }
}

/// A function's numbers, each with whether it is a percentage (an angle's
/// unit is taken as degrees).
fn numbers(parser: &mut Parser) -> Vec<(f32, bool)> {
    let mut numbers = Vec::new();
    while let Ok(token) = parser.next() {
        match *token {
            Token::Number { value, .. } | Token::Dimension { value, .. } => {
                numbers.push((value, false))
            }
            Token::Percentage { unit_value, .. } => numbers.push((unit_value, true)),
            _ => {}
        }
    }
    numbers
}

/// `hsl(h s l)` (saturation and lightness as percentages, or numbers of
/// 0 to 100) as red, green and blue.
fn from_hsl(numbers: &[(f32, bool)]) -> Option<Rgb> {
    let part = |i: usize| (numbers.get(i)).map(|&(v, percent)| if percent { v } else { v / 100.0 });
    let hue = numbers.first()?.0.rem_euclid(360.0) / 60.0;
    let (saturation, lightness) = (part(1)?.clamp(0.0, 1.0), part(2)?.clamp(0.0, 1.0));
    let chroma = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
    let x = chroma * (1.0 - (hue % 2.0 - 1.0).abs());
    let (r, g, b) = match hue as u32 {
        0 => (chroma, x, 0.0),
        1 => (x, chroma, 0.0),
        2 => (0.0, chroma, x),
        3 => (0.0, x, chroma),
        4 => (x, 0.0, chroma),
        _ => (chroma, 0.0, x),
    };
    let m = lightness - chroma / 2.0;
    Some([(r + m) * 255.0, (g + m) * 255.0, (b + m) * 255.0])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name CSS gives a colour that hardly differs from white is
    /// read as white, and no other.
    #[test]
    fn named_colours_near_white_are_those_of_little_contrast_with_it() {
        let mut near: Vec<&str> = cssparser::color::all_named_colors()
            .filter(|(name, _)| near_white(&Token::Ident((*name).into()), &[]))
            .map(|(name, _)| name)
            .collect();
        near.sort();
        // Yellow too: 1.07 to 1 against white.
        for name in [
            "white",
            "snow",
            "ivory",
            "whitesmoke",
            "lightyellow",
            "azure",
            "yellow",
        ] {
            assert!(near.contains(&name), "{name}: {near:?}");
        }
        for name in ["lightgray", "gold", "pink", "black", "navy"] {
            assert!(!near.contains(&name), "{name}");
        }
        assert!(near_white(&Token::Ident("WhiteSmoke".into()), &[]));
    }

    #[test]
    fn colours_are_read_as_written() {
        assert_eq!(colours_in("navy"), [[0.0, 0.0, 128.0]]);
        assert_eq!(
            colours_in("#fff0 rgb(1 2 3 / 0) transparent"),
            Vec::<Rgb>::new()
        );
        let hsl = colours_in("hsl(120 100% 25%)");
        assert!(
            (hsl[0][1] - 127.5).abs() < 0.5 && hsl[0][0] < 0.5,
            "{hsl:?}"
        );
        assert_eq!(colours_in("linear-gradient(red, #00f)").len(), 2);
    }
}
