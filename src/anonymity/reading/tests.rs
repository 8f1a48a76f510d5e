use super::*;

/// What `decode` makes of `text`, and the source range of each piece.
fn decoded(text: &str, how: Read) -> (String, Vec<(String, Range<usize>, bool)>) {
    let mut out = String::new();
    let mut pieces = Vec::new();
    decode(text, how, &mut |piece, range, verbatim| {
        out.push_str(piece);
        pieces.push((piece.to_string(), range, verbatim));
    });
    (out, pieces)
}

#[test]
fn character_references_numeric_hex_and_named() {
    let how = Read::MARKDOWN;
    assert_eq!(decoded("&#84;obias", how).0, "Tobias");
    assert_eq!(decoded("&#x54;obias &#X54;", how).0, "Tobias T");
    assert_eq!(decoded("&#84obias", how).0, "Tobias", "numeric without `;`");
    assert_eq!(
        decoded("caf&eacute; &amp; &AMP; &notin; &copy", how).0,
        "café & & ∉ ©"
    );
    assert_eq!(
        decoded("&NotEqualTilde;", how).0,
        "\u{2242}\u{338}",
        "two code points"
    );
    // Not references: left as written.
    assert_eq!(
        decoded("AT&T &nosuch; & x &#;", how).0,
        "AT&T &nosuch; & x &#;"
    );
    assert_eq!(
        decoded("&#0; &#xD800; &#99999999999;", how).0,
        "\u{FFFD} \u{FFFD} \u{FFFD}"
    );
    // Windows-1252 numbers read as browsers read them.
    assert_eq!(decoded("&#150;", how).0, "\u{2013}");
}

#[test]
fn pieces_map_to_what_was_written() {
    let (_, pieces) = decoded("Zoë &#84;ob\u{AD}ias", Read::MARKDOWN);
    assert_eq!(
        pieces,
        vec![
            ("Zoë ".to_string(), 0..5, true),
            ("T".to_string(), 5..10, false),
            ("ob".to_string(), 10..12, true),
            ("ias".to_string(), 14..17, true),
        ]
    );
}

#[test]
fn invisible_characters_are_dropped_even_when_written_as_references() {
    let (text, _) = decoded(
        "Tob\u{AD}i\u{200B}a\u{FEFF}s T&shy;o&#8203;m",
        Read::MARKDOWN,
    );
    assert_eq!(text, "Tobias Tom");
}

#[test]
fn yaml_escapes() {
    let how = Read::YAML;
    assert_eq!(
        decoded(r"\u0054obias Tob\x69as \U00000054om", how).0,
        "Tobias Tobias Tom"
    );
    assert_eq!(decoded("Tob\\\n    ias", how).0, "Tobias");
    assert_eq!(decoded(r#"a\"b\\c\td"#, how).0, "a\"b\\c\td");
    assert_eq!(decoded(r"C:\path \q", how).0, "C:\\path \\q", "not escapes");
    assert_eq!(decoded("Tob%69as", how).0, "Tobias");
}

#[test]
fn percent_encoding_decodes_utf8_runs() {
    let how = Read::ADDRESS;
    assert_eq!(decoded("Zo%C3%AB%20Tob%69as", how).0, "Zoë Tobias");
    assert_eq!(decoded("100% sure %zz %4", how).0, "100% sure %zz %4");
    assert_eq!(decoded("%FF", how).0, "\u{FFFD}");
    // Not in ordinary text.
    assert_eq!(decoded("Tob%69as", Read::MARKDOWN).0, "Tob%69as");
}

#[test]
fn markdown_escapes_only_before_punctuation() {
    assert_eq!(decoded(r"\*Tobias\* \n", Read::MARKDOWN).0, r"*Tobias* \n");
}

fn texts<'a>(s: &'a str, tokens: &[Token]) -> Vec<&'a str> {
    tokens
        .iter()
        .filter_map(|t| match t {
            Token::Text(r) => Some(&s[r.clone()]),
            _ => None,
        })
        .collect()
}

#[test]
fn html_tokens_split_text_tags_and_comments() {
    let s = "<p class=\"Tobias\" data-x=y hidden>Tob<b>ias</b><!-- note --></p>";
    let tokens = html_tokens(s);
    assert_eq!(texts(s, &tokens), ["Tob", "ias"]);
    let Token::Tag {
        boundary,
        attributes,
    } = &tokens[0]
    else {
        panic!("{tokens:?}")
    };
    assert!(*boundary);
    let held: Vec<&str> = attributes.iter().map(|r| &s[r.clone()]).collect();
    assert_eq!(held, ["class", "Tobias", "data-x", "y", "hidden"]);
    assert!(matches!(
        &tokens[2],
        Token::Tag {
            boundary: false,
            ..
        }
    ));
    assert!(
        tokens
            .iter()
            .any(|t| matches!(t, Token::Comment(r) if &s[r.clone()] == " note "))
    );
}

#[test]
fn a_stray_less_than_sign_hides_nothing() {
    let s = "if a<b then Tobias";
    assert_eq!(texts(s, &html_tokens(s)).concat(), s);
    let s = "x < y and <3";
    assert_eq!(texts(s, &html_tokens(s)).concat(), s);
}

#[test]
fn script_and_style_contents_are_text() {
    let s = "<script>if (a<b) { name = 'Tobias' }</script><style>p::after{content:'Tom'}</style>";
    let text = texts(s, &html_tokens(s)).concat();
    assert!(
        text.contains("name = 'Tobias'") && text.contains("content:'Tom'"),
        "{text}"
    );
}

#[test]
fn yaml_comments_outside_strings_and_block_scalars() {
    let text = "# interviewed by Jane\ntitle: \"A # not\" # Tom\nurl: x#y\nnote: 'it''s # in' #c\nsummary: |\n  # kept, published\n  more\nb: c\n  # indented comment\n";
    let found: Vec<&str> = yaml_comments(text, 0..text.len())
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(
        found,
        ["# interviewed by Jane", "# Tom", "#c", "# indented comment"]
    );
}

#[test]
fn a_multi_line_quoted_string_is_not_a_comment() {
    let text = "title: \"first line\n  # still the title\"\nb: 1 # c\n";
    let found: Vec<&str> = yaml_comments(text, 0..text.len())
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(found, ["# c"]);
}

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
