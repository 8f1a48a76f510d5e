//! The source checks read what a reader sees: disguised secrets in random
//! text are found where they were written, and random text read by the
//! readers they use (decoding, raw HTML, YAML comments, a body's plain
//! text) never panics.

use crate::reading::{Read, Token, decode, html_tokens, yaml_comments};
use std::ops::Range;

/// A small deterministic generator, so a failure is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// `secret` written under one disguise picked by `rng`.
fn disguise(secret: &str, rng: &mut Lcg) -> String {
    let chars: Vec<char> = secret.chars().collect();
    // Split inside the secret, not at its ends.
    let split = 1 + rng.below(chars.len() - 1);
    let (head, tail): (String, String) = (
        chars[..split].iter().collect(),
        chars[split..].iter().collect(),
    );
    match rng.below(8) {
        0 => format!("{head}<b>{tail}</b>"),
        1 => format!("<span class=\"x\">{head}</span>{tail}"),
        2 => format!("{head}<!-- note -->{tail}"),
        3 => {
            let c = chars[split];
            let reference = if rng.below(2) == 0 {
                format!("&#{};", c as u32)
            } else {
                format!("&#x{:X};", c as u32)
            };
            format!("{head}{reference}{}", &tail[c.len_utf8()..])
        }
        4 => format!("{head}\u{AD}{tail}"),
        5 => format!("{head}\u{200B}{tail}"),
        6 => secret.replacen(' ', "\n", 1),
        _ => {
            let encoded: String = secret
                .chars()
                .enumerate()
                .map(|(i, c)| match c {
                    ' ' => "%20".to_string(),
                    c if i == split => format!("%{:02X}", c as u32),
                    c => c.to_string(),
                })
                .collect();
            format!("[a link](https://example.org/{encoded})")
        }
    }
}

// #18: random report text with an identifier, a phone number, an NHS number,
// an email address, a postcode, an NI number or a participant id inserted under a random disguise is always found, at
// the place it was written; the same text without it holds nothing.
#[test]
fn disguised_secrets_in_random_text_are_always_found_where_written() {
    use crate::anonymity::identifiers::{Identifiers, TermMatcher};
    use crate::anonymity::participant_ids::ParticipantIds;
    use crate::anonymity::patterns::find_patterns;
    use crate::markdown::{PlainText, plain_text};
    use crate::model::{Consent, Participant, Sector};

    let matcher = TermMatcher::new(&Identifiers {
        people: vec!["Marjorie Quillfeather".into()],
        ..Identifiers::default()
    });
    let ids = ParticipantIds::new(&[Participant {
        id: "a-sw-1".into(),
        role: "Social worker".into(),
        sector: Sector::SocialCare,
        level: None,
        borough: "a".into(),
        consent: Consent::Given,
    }]);
    let words = [
        "the",
        "team",
        "met",
        "weekly",
        "and",
        "*shared*",
        "notes",
        "about",
        "discharge",
        "in",
        "2019",
        "NHS",
        "111",
        "[name]",
        "&amp;",
        "care",
        "**plans**",
    ];
    let secrets = [
        "Marjorie Quillfeather",
        "020 7946 0123",
        "943 476 5919",
        "a-sw-1",
        "j.smith@example.nhs.uk",
        "E1 6AN",
        "AB 12 34 56 C",
    ];
    let mut rng = Lcg(18);
    for round in 0..700 {
        let mut before = String::new();
        for _ in 0..rng.below(12) {
            before.push_str(words[rng.below(words.len())]);
            before.push(' ');
        }
        let after: String = (0..rng.below(12))
            .map(|_| format!(" {}", words[rng.below(words.len())]))
            .collect();
        let secret = secrets[round % secrets.len()];
        let written = disguise(secret, &mut rng);
        let body = format!("{before}{written}{after}.\n");
        let inserted = before.len()..before.len() + written.len();

        let mut plain = PlainText::default();
        plain_text(&body, 0..body.len(), &mut plain);
        let mut found: Vec<Range<usize>> = matcher
            .find(&plain.text)
            .into_iter()
            .filter(|hit| !hit.partial)
            .map(|hit| hit.range)
            .collect();
        found.extend(find_patterns(&plain.text).into_iter().map(|hit| hit.range));
        found.extend(ids.find(&plain.text));
        let at: Vec<Range<usize>> = found.into_iter().map(|r| plain.to_source(r)).collect();
        assert!(
            at.iter()
                .any(|r| inserted.start <= r.start && r.end <= inserted.end && r.start < r.end),
            "round {round}: {written:?} in {body:?} not found where written: {at:?} ({:?})",
            plain.text
        );

        let clean = format!("{before}{after}.\n");
        let mut plain = PlainText::default();
        plain_text(&clean, 0..clean.len(), &mut plain);
        assert!(
            matcher.find(&plain.text).is_empty()
                && find_patterns(&plain.text).is_empty()
                && ids.find(&plain.text).is_empty(),
            "round {round}: {clean:?}"
        );
    }
}

// Bad input never panics: random strings of the characters the readers
// treat specially, multi-byte ones among them.
#[test]
fn random_text_never_panics_and_maps_inside_itself() {
    let alphabet = [
        "<", ">", "/", "!", "--", "&", "#", "x", ";", "\\", "u", "%", "4", "e", "\"", "'", " ",
        "\n", "|", "-", ":", "ë", "\u{AD}", "\u{200B}", "b", "script", "amp", "{", "}", "=",
    ];
    let mut rng = Lcg(7);
    for _ in 0..3000 {
        let text: String = (0..rng.below(40))
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        for how in [Read::MARKDOWN, Read::YAML, Read::ADDRESS, Read::HTML] {
            decode(&text, how, &mut |_, range, _| {
                assert!(range.end <= text.len() && text.is_char_boundary(range.start));
            });
        }
        for token in html_tokens(&text) {
            let ranges = match token {
                Token::Text(r) | Token::Comment(r) => vec![r],
                Token::Tag { attributes, .. } => attributes,
            };
            for r in ranges {
                assert!(text.get(r.clone()).is_some(), "{text:?} {r:?}");
            }
        }
        for r in yaml_comments(&text, 0..text.len()) {
            assert!(
                text.get(r.clone()).is_some_and(|c| c.starts_with('#')),
                "{text:?}"
            );
        }
        let mut plain = crate::markdown::PlainText::default();
        crate::markdown::plain_text(&text, 0..text.len(), &mut plain);
        plain.push_yaml(&text, 0);
        for (i, _) in plain.text.char_indices() {
            let r = plain.to_source(i..i + 1);
            assert!(r.end <= text.len(), "{text:?}");
        }
    }
}
