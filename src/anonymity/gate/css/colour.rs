//! Whether a colour given to text is white or nearly so: on a page with no
//! background of its own (white), a reader cannot see text in it.

use cssparser::Token;

/// Named colours a reader cannot tell from white, on white.
const NEAR_WHITE: &[&str] = &[
    "white",
    "snow",
    "ivory",
    "ghostwhite",
    "whitesmoke",
    "seashell",
    "floralwhite",
    "azure",
    "mintcream",
    "honeydew",
    "aliceblue",
    "lavenderblush",
    "linen",
    "oldlace",
    "cornsilk",
    "lightyellow",
];

/// Whether `token` (with `numbers`, a function's own numbers and whether
/// each is a percentage) is a colour that hardly differs from white: less
/// than 1.25 to 1 in contrast with it, as WCAG reckons contrast.
pub(super) fn near_white(token: &Token, numbers: &[(f32, bool)]) -> bool {
    match token {
        Token::Ident(name) => NEAR_WHITE.iter().any(|n| name.eq_ignore_ascii_case(n)),
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
    let linear = |c: f32| {
        let c = (c / 255.0).clamp(0.0, 1.0);
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    1.05 / (luminance + 0.05) < 1.25
}
