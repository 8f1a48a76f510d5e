//! Sectors of care: their keys and labels for the key, and how each is drawn
//! (Okabe–Ito tints with dark strokes, a stroke dash pattern and an uppercase
//! tag, so the sector never rests on colour alone).

/// Known sectors: (key used in pathway files, label in the key).
pub const SECTORS: &[(&str, &str)] = &[
    ("acute", "Acute hospital"),
    ("community", "Community health"),
    ("primary-care", "Primary care"),
    ("social-care", "Social care"),
    ("voluntary", "Voluntary sector"),
    ("home", "Home"),
    ("health", "Other health"),
    ("other", "Other"),
];

/// How boxes of one sector are painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Light tint of the sector's Okabe–Ito colour.
    pub fill: &'static str,
    /// Dark shade of the same colour: the box outline and the tag text
    /// (at least 4.5:1 against the fill).
    pub stroke: &'static str,
    /// Stroke dash pattern, the second non-colour cue.
    pub dash: Option<&'static str>,
}

/// The CSS class suffix for a sector: its key, or `other` when unknown.
pub fn class_key(sector: &str) -> &'static str {
    SECTORS
        .iter()
        .find(|(key, _)| *key == sector)
        .map_or("other", |(key, _)| key)
}

/// The drawing style of a sector (unknown sectors get `other`'s).
pub fn style(sector: &str) -> Style {
    let (fill, stroke, dash) = match class_key(sector) {
        "acute" => ("#FBE3D3", "#8F3F00", None),
        "community" => ("#D4EFE6", "#00694C", Some("7 3")),
        "primary-care" => ("#DDEFFA", "#1D6A96", Some("2 2")),
        "social-care" => ("#FCEBC7", "#7F5700", Some("8 3 2 3")),
        "voluntary" => ("#F6E1EC", "#8A3A66", Some("2 2 6 2")),
        "home" => ("#FBF7CF", "#6B6400", Some("12 4")),
        "health" => ("#D3E6F3", "#005A8C", None),
        _ => ("#EEEEEE", "#595959", Some("3 3")),
    };
    Style { fill, stroke, dash }
}

/// The uppercase tag written in a box: `social-care` → `SOCIAL CARE`.
pub fn tag(sector: &str) -> String {
    let words = if sector.trim().is_empty() {
        "other"
    } else {
        sector
    };
    words.replace(['-', '_'], " ").trim().to_uppercase()
}

/// The label of a sector in the key; unknown text made sentence case.
pub fn label(sector: &str) -> String {
    if let Some((_, label)) = SECTORS.iter().find(|(key, _)| *key == sector) {
        return (*label).to_string();
    }
    let words = tag(sector).to_lowercase();
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Other".to_string(),
    }
}

/// The sectors used by `sectors`, known ones in [`SECTORS`] order, then
/// unknown ones in order of first use.
pub fn used<'a>(sectors: impl Iterator<Item = &'a str> + Clone) -> Vec<String> {
    let mut used: Vec<String> = SECTORS
        .iter()
        .filter(|(key, _)| sectors.clone().any(|s| s == *key))
        .map(|(key, _)| (*key).to_string())
        .collect();
    for sector in sectors {
        if class_key(sector) == "other" && !used.iter().any(|u| u == sector) {
            used.push(sector.to_string());
        }
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn tag_and_label_text_have_enough_contrast() {
        for (key, _) in SECTORS {
            let style = style(key);
            assert!(contrast(style.fill, style.stroke) >= 4.5, "{key} tag");
            assert!(contrast(style.fill, "#1A1A1A") >= 4.5, "{key} label");
        }
    }

    #[test]
    fn sectors_differ_by_more_than_colour() {
        for (i, (a, _)) in SECTORS.iter().enumerate() {
            for (b, _) in &SECTORS[i + 1..] {
                assert_ne!(tag(a), tag(b));
                assert_ne!(style(a), style(b));
            }
        }
    }

    #[test]
    fn unknown_sectors_keep_their_words() {
        assert_eq!(class_key("hospice"), "other");
        assert_eq!(tag("end-of-life care"), "END OF LIFE CARE");
        assert_eq!(label("hospice-care"), "Hospice care");
        assert_eq!(label("social-care"), "Social care");
        let sectors = ["home", "hospice", "acute", "home", "other"];
        assert_eq!(
            used(sectors.iter().copied()),
            ["acute", "home", "other", "hospice"]
        );
    }
}
