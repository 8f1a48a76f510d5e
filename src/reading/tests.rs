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
        name,
        end,
        boundary,
        attributes,
        pairs,
    } = &tokens[0]
    else {
        panic!("{tokens:?}")
    };
    assert_eq!((name.as_str(), *end), ("p", false));
    assert!(*boundary);
    let held: Vec<&str> = attributes.iter().map(|r| &s[r.clone()]).collect();
    assert_eq!(held, ["class", "Tobias", "data-x", "y", "hidden"]);
    let paired: Vec<(&str, Option<&str>)> = pairs
        .iter()
        .map(|(n, v)| (&s[n.clone()], v.clone().map(|v| &s[v])))
        .collect();
    assert_eq!(
        paired,
        [
            ("class", Some("Tobias")),
            ("data-x", Some("y")),
            ("hidden", None)
        ]
    );
    assert!(matches!(
        &tokens[2],
        Token::Tag {
            boundary: false,
            end: false,
            ..
        }
    ));
    assert!(matches!(&tokens[4], Token::Tag { name, end: true, .. } if name == "b"));
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

/// `holds_invisible` looks only at the characters starting with the bytes
/// an invisible character may start with: every one does, and it finds
/// each, alone and among other text.
#[test]
fn every_invisible_character_is_found_by_its_first_byte() {
    let mut invisible = 0;
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        let mut bytes = [0; 4];
        let alone = c.encode_utf8(&mut bytes);
        let among = format!("é{alone}x");
        assert_eq!(holds_invisible(alone), is_invisible(c), "{c:?}");
        assert_eq!(holds_invisible(&among), is_invisible(c), "{c:?}");
        invisible += usize::from(is_invisible(c));
    }
    assert!(invisible > 4000);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, failure_persistence: None, ..Default::default() })]

    /// `holds_invisible` passes over ASCII text at once and asks only the
    /// characters an invisible one may start like: it says what asking
    /// every character says, in text of any length and mix.
    #[test]
    fn holds_invisible_is_asking_every_character(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", " ", "0", "\u{e9}", "\u{b7}", "\u{200b}", "\u{ad}", "\u{2060}",
                "\u{feff}", "\u{3000}", "\u{1d173}", "\u{e0020}", "\u{2019}", "plain words ",
            ]),
            0..40,
        ),
    ) {
        let text = pieces.concat();
        proptest::prop_assert_eq!(
            holds_invisible(&text),
            text.chars().any(is_invisible),
            "{:?}", text
        );
    }
}

/// "Fancy text" letters and digits are read as what they draw, letters
/// in capitals; a letter of another script, an accented letter and a
/// symbol that draws no letter or digit are not, and no letter is read
/// as a digit (nor a digit as a letter) in any of the blocks read.
#[test]
fn fancy_letters_and_digits_are_read_as_drawn() {
    for (fancy, drawn) in [
        ('\u{1f17c}', 'M'),
        ('\u{1f163}', 'T'),
        ('\u{1f1f9}', 'T'),
        ('ᴛ', 'T'),
        ('ɪ', 'I'),
        ('ꜰ', 'F'),
        ('➐', '7'),
        ('⓿', '0'),
        ('⓵', '1'),
        ('➒', '9'),
    ] {
        assert_eq!(fancy_form(fancy), Some(drawn), "{fancy}");
    }
    for other in ['a', 'é', 'Ж', 'α', '東', '→', '✓', '\u{2022}'] {
        assert_eq!(fancy_form(other), None, "{other}");
    }
    let blocks = [
        0x180..=0x2af,
        0x1d00..=0x1dbf,
        0x2460..=0x24ff,
        0x2776..=0x2793,
        0xa720..=0xa7ff,
        0x1f100..=0x1f1ff,
    ];
    for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
        if let Some(form) = fancy_form(c) {
            assert_eq!(form.is_ascii_digit(), c.is_numeric(), "{c:?}");
        }
    }
}

/// A parenthesised or numbered letter or digit is read as it, without
/// its brackets or full stop; a number of two digits is not one.
#[test]
fn enclosed_letters_and_digits_are_read_without_their_brackets() {
    for (enclosed, form) in [('⒯', 't'), ('⑴', '1'), ('⒈', '1'), ('\u{1f123}', 'T')] {
        assert_eq!(enclosed_form(enclosed), Some(form), "{enclosed}");
    }
    for other in ['⑽', '⒑', 't', '(', '①'] {
        assert_eq!(enclosed_form(other), None, "{other}");
    }
}

/// Every decimal digit of Unicode (general category Nd, what `\d` matches)
/// outside ASCII is read as the ASCII digit of its value, and nothing
/// else is: the runs [`DIGIT_ZEROS`] starts are every such digit (red
/// team, round 32: `٠٧٧٠٠ ٩٠٠١٢٣`, an Arabic-Indic phone number, was
/// published).
#[test]
fn every_decimal_digit_is_read_as_its_value() {
    let digit = regex::Regex::new(r"\A\d\z").expect("a pattern");
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        let nd = !c.is_ascii() && digit.is_match(c.encode_utf8(&mut [0; 4]));
        assert_eq!(decimal_digit(c).is_some(), nd, "{c:?}");
    }
    for (c, value) in [
        ('\u{660}', '0'),
        ('\u{667}', '7'),
        ('\u{6f9}', '9'),
        ('\u{96d}', '7'),
        ('\u{9ed}', '7'),
        ('\u{e53}', '3'),
        ('\u{ff17}', '7'),
        ('\u{1d7d5}', '7'),
        ('\u{1d7ff}', '9'),
        ('\u{1fbf7}', '7'),
    ] {
        assert_eq!(decimal_digit(c), Some(value), "{c:?}");
    }
    for other in ['7', 'a', '\u{b2}', '\u{2167}', '\u{4e03}', '\u{2466}'] {
        assert_eq!(decimal_digit(other), None, "{other:?}");
    }
}

/// Red team, round 32: a Latin letter with a stroke, a bar, a hook, a
/// tail or the like is read as the plain letter, where Unicode's
/// confusables do not give one (decancer read `Ɗ` as an e, and the
/// letters of the Latin Extended-E and -G blocks as nothing); beta as a b.
#[test]
fn letters_with_a_stroke_or_hook_are_read_as_the_plain_letter() {
    for (stroked, plain) in [
        ('ł', 'l'),
        ('Ł', 'l'),
        ('Ɗ', 'd'),
        ('ɗ', 'd'),
        ('ɳ', 'n'),
        ('ꝉ', 'l'),
        ('ꬸ', 'l'),
        ('ꬹ', 'l'),
        ('Ỿ', 'y'),
        ('\u{1df1a}', 'i'),
        ('\u{1df1e}', 's'),
        ('Ⱨ', 'h'),
        ('Ɇ', 'e'),
        ('Ʉ', 'u'),
        ('Ɽ', 'r'),
        ('Ɏ', 'y'),
        ('β', 'b'),
        ('ϐ', 'b'),
    ] {
        assert_eq!(latin_lookalike(stroked), Some(plain), "{stroked}");
    }
    for other in ['ß', 'æ', 'þ', 'α', 'ж'] {
        assert_ne!(latin_lookalike(other), Some('b'), "{other}");
    }
    // The table is in code point order (it is searched by halves), of
    // letters outside ASCII, each for a small ASCII letter.
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        if let Some(plain) = plain_letter(c) {
            assert!(c.is_alphabetic() && !c.is_ascii(), "{c:?}");
            assert!(plain.is_ascii_lowercase(), "{c:?}");
        }
    }
    let count = (0..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .filter(|&c| plain_letter(c).is_some())
        .count();
    assert_eq!(count, stroked::STROKED.len());
}
