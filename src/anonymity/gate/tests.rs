//! The gate as a library: random report text with a secret put in under
//! random disguises is always refused, and the same text without it passes.

use super::{Clean, Look, Texts, read};
use crate::anonymity::identifiers::{Identifiers, TermMatcher};
use crate::anonymity::participant_ids::ParticipantIds;
use crate::model::Participant;
use proptest::prelude::*;
use std::sync::OnceLock;

fn tools() -> &'static (TermMatcher, ParticipantIds) {
    static TOOLS: OnceLock<(TermMatcher, ParticipantIds)> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let ids = Identifiers {
            people: vec!["Marjorie Quillfeather".to_string()],
            places: vec!["Thistlebury".to_string()],
            ..Identifiers::default()
        };
        let participants: Vec<Participant> = serde_yaml::from_str(
            "- {id: a-sw-1, role: Social worker, sector: social-care, borough: a}\n",
        )
        .expect("a registry");
        (TermMatcher::new(&ids), ParticipantIds::new(&participants))
    })
}

/// What the gate finds in a page.
fn found(html: &str) -> Vec<String> {
    found_with(html, None)
}

/// What the gate finds in a page, passing over blocks `clean` holds.
fn found_with(html: &str, clean: Option<&Clean>) -> Vec<String> {
    let (matcher, ids) = tools();
    let look = Look::new(matcher, ids, Default::default(), false);
    let mut texts = Texts::default();
    read("page.html", html.as_bytes(), &mut texts).expect("readable");
    look.find_in(&texts, clean)
        .into_iter()
        .map(|hit| hit.what)
        .collect()
}

const SECRETS: &[&str] = &[
    "Marjorie Quillfeather",
    "Thistlebury",
    "07700 900123",
    "943 476 5919",
    "a-sw-1",
];

const WORDS: &[&str] = &[
    "the",
    "team",
    "shared",
    "a",
    "building",
    "but",
    "still",
    "emailed",
    "[name]",
    "about",
    "discharge",
    "in",
    "2019",
    "Borough",
    "A",
    "NHS",
    "111",
    "staff",
    "said",
    "care",
    "home",
    "doi:10.1000/182",
    "ward",
    "Band",
    "6",
    "nurses",
    "met",
    "weekly",
];

/// One way of writing `secret` so that a reader still sees it.
#[derive(Debug, Clone)]
enum Disguise {
    Inline(usize, &'static str),
    /// A tag a browser drops where it is (a stray end tag, a table tag
    /// outside a table, a second `<body>`).
    Dropped(usize, &'static str),
    Comment(usize),
    Reference(usize, u8),
    Invisible(usize, char),
    Link,
    LineBreak(bool),
    Plain,
}

fn disguise() -> impl Strategy<Value = Disguise> {
    prop_oneof![
        (
            0..40usize,
            prop::sample::select(vec![
                "b", "em", "span", "strong", "a", "i", "x-place", "output", "button", "font",
                "sup", "mark"
            ])
        )
            .prop_map(|(at, tag)| Disguise::Inline(at, tag)),
        (
            0..40usize,
            prop::sample::select(vec![
                "</div>",
                "</li>",
                "</h2>",
                "</section>",
                "<td>",
                "<tr>",
                "<caption>",
                "<body>",
                "<head>",
                "<html>"
            ])
        )
            .prop_map(|(at, tag)| Disguise::Dropped(at, tag)),
        (0..40usize).prop_map(Disguise::Comment),
        (0..40usize, 0..4u8).prop_map(|(at, kind)| Disguise::Reference(at, kind)),
        (
            0..40usize,
            prop::sample::select(vec![
                '\u{ad}',
                '\u{200b}',
                '\u{200c}',
                '\u{200d}',
                '\u{200e}',
                '\u{200f}',
                '\u{202e}',
                '\u{2060}',
                '\u{2066}',
                '\u{feff}',
                '\u{e0041}',
                '\u{2065}',
                '\u{fff0}',
                '\u{e0002}',
                '\u{e0080}',
            ])
        )
            .prop_map(|(at, c)| Disguise::Invisible(at, c)),
        Just(Disguise::Link),
        any::<bool>().prop_map(Disguise::LineBreak),
        Just(Disguise::Plain),
    ]
}

/// A split point inside `secret`, on a character boundary, not at its ends.
fn split(secret: &str, at: usize) -> usize {
    let inner: Vec<usize> = (1..secret.len())
        .filter(|&i| secret.is_char_boundary(i))
        .collect();
    inner[at % inner.len()]
}

fn disguised(secret: &str, how: &Disguise) -> String {
    match *how {
        Disguise::Inline(at, tag) => {
            let at = split(secret, at);
            format!("{}<{tag}>{}</{tag}>", &secret[..at], &secret[at..])
        }
        Disguise::Dropped(at, tag) => {
            let at = split(secret, at);
            format!("{}{tag}{}", &secret[..at], &secret[at..])
        }
        Disguise::Comment(at) => {
            let at = split(secret, at);
            format!("{}<!-- note -->{}", &secret[..at], &secret[at..])
        }
        Disguise::Reference(at, kind) => {
            let at = at % secret.chars().count();
            let mut out = String::new();
            for (i, c) in secret.chars().enumerate() {
                let next_is_digit = secret
                    .chars()
                    .nth(i + 1)
                    .is_some_and(|n| n.is_ascii_hexdigit());
                match (i == at, kind, c) {
                    (true, 3, ' ') => out.push_str("&nbsp;"),
                    (true, _, ' ') => out.push_str("&NewLine;"),
                    (true, 0, c) => out.push_str(&format!("&#{};", c as u32)),
                    (true, 1, c) => out.push_str(&format!("&#x{:X};", c as u32)),
                    (true, 2, c) if !next_is_digit => out.push_str(&format!("&#x{:x}", c as u32)),
                    (true, _, '-') => out.push_str("&hyphen;"),
                    (true, _, c) => out.push_str(&format!("&#{:05};", c as u32)),
                    (false, ..) => out.push(c),
                }
            }
            out
        }
        Disguise::Invisible(at, c) => {
            let at = split(secret, at);
            format!("{}{c}{}", &secret[..at], &secret[at..])
        }
        Disguise::Link => {
            let encoded: String = secret.bytes().map(|b| format!("%{b:02X}")).collect();
            format!("<a href=\"https://example.org/search?q={encoded}\">the record</a>")
        }
        Disguise::LineBreak(br) => {
            let gap = if br { "<br>" } else { "\n" };
            secret.replacen(' ', gap, 1)
        }
        Disguise::Plain => secret.to_string(),
    }
}

/// A page of report text: words, some in inline tags, in paragraphs, with
/// `insert` put in after word `at`.
fn page(words: &[(usize, bool)], at: usize, insert: &str) -> String {
    let mut html = String::from("<!doctype html><html><body><main><p>");
    for (i, &(word, emphasised)) in words.iter().enumerate() {
        if i == at {
            html.push_str(insert);
            html.push(' ');
        }
        let word = WORDS[word % WORDS.len()];
        match emphasised {
            true => html.push_str(&format!("<em>{word}</em> ")),
            false => html.push_str(&format!("{word} ")),
        }
        if i % 9 == 8 {
            html.push_str("</p>\n<p>");
        }
    }
    html.push_str("</p></main></body></html>");
    html
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_disguised_secret_is_always_found(
        words in prop::collection::vec((0..100usize, any::<bool>()), 1..40),
        at in 0..40usize,
        secret in prop::sample::select(SECRETS.to_vec()),
        how in disguise(),
    ) {
        let at = at % words.len();
        let clean = page(&words, at, "");
        prop_assert!(found(&clean).is_empty(), "clean text refused: {clean}");
        let leaky = page(&words, at, &disguised(secret, &how));
        prop_assert!(!found(&leaky).is_empty(), "not found: {leaky}");
        // Blocks found clean on other pages are passed over; the page with
        // the secret is still refused.
        let clean_blocks = Clean::default();
        prop_assert!(found_with(&clean, Some(&clean_blocks)).is_empty());
        prop_assert!(found_with(&page(&words, 0, ""), Some(&clean_blocks)).is_empty());
        prop_assert!(!found_with(&leaky, Some(&clean_blocks)).is_empty(), "cached away: {leaky}");
    }
}

#[test]
fn lookalikes_are_not_found() {
    let html = "<p>[name] said NHS 111 helped in 2019; see doi:10.1000/182 and \
                <a href=\"https://doi.org/10.1000/182\">the paper</a>. Borough A, Band 6.</p>";
    assert!(found(html).is_empty(), "{:?}", found(html));
}

#[test]
fn only_the_very_bytes_that_passed_pass_again() {
    use super::passed_before;
    use crate::hash::FastMap;
    use std::sync::Arc;
    let bytes = Arc::new(b"<p>clean</p>".to_vec());
    let mut passed = FastMap::default();
    passed.insert("a.html".to_string(), (bytes.clone(), 7));
    assert!(passed_before(&passed, "a.html", &bytes, 7));
    // Equal bytes in another buffer are read again (a shortcut on equal
    // contents would need a comparison as costly as reading).
    let copy = Arc::new(bytes.to_vec());
    assert!(!passed_before(&passed, "a.html", &copy, 7));
    // The same bytes under other allowances, or at another path, too.
    assert!(!passed_before(&passed, "a.html", &bytes, 8));
    assert!(!passed_before(&passed, "b.html", &bytes, 7));
}

/// Defect (red team, round 2): a style sheet can lay out blocks inline, so
/// a name split between two blocks is one word on screen. Names and ids
/// are read across blocks (the flow); numbers are not (tables and lists
/// set them side by side).
#[test]
fn names_split_between_blocks_are_found() {
    for html in [
        "<div>Thistle<div class=i>bury</div></div>",
        "<p>Marjorie </p><p>Quillfeather</p>",
        "<ul><li>a-sw</li><li>-1</li></ul>",
        "<div>Mardle V<div style='display:inline'>ale</div></div>",
    ] {
        let html = html
            .replace("Mardle V", "Thistle")
            .replace(">ale<", ">bury<");
        assert!(!found(&html).is_empty(), "{html}");
    }
    // Counts side by side in a table are not read as one number.
    let table = "<table><tr><td>943</td><td>476</td><td>5919</td></tr>\
                 <tr><td>07700</td><td>900123</td></tr></table>";
    assert!(found(table).is_empty(), "{:?}", found(table));
}

/// Defect (red team, round 3): the line and paragraph separators and the
/// Ogham space mark show as a space, a line break and a dash, but numbers
/// split by them were not read.
#[test]
fn every_space_a_reader_sees_parts_a_number_as_a_space() {
    for space in ['\u{2028}', '\u{2029}', '\u{1680}', '\u{85}'] {
        let html = format!("<!doctype html><p>ring 020{space}7946{space}0958 today</p>");
        assert!(!found(&html).is_empty(), "{space:?}");
    }
}

/// Defect (round 13's helpers): two typed spaces between a phone
/// number's groups, in a paragraph long enough that the number is far from
/// where its blocks meet, were read as two numbers (the block's text kept
/// its spaces; a browser shows them as one).
#[test]
fn runs_of_spaces_in_a_long_paragraph_part_a_number_as_one_space() {
    let filler =
        "The team met weekly to review the cases and agree who would follow up. ".repeat(8);
    for spaces in [" ", "  ", "   ", " \n ", "\t\t", " <b></b> "] {
        for tag in ["p", "pre"] {
            let html = format!(
                "<!doctype html><{tag}>{filler}Call the coordinator on 07700{spaces}900123 for the rota. {filler}</{tag}>"
            );
            assert!(!found(&html).is_empty(), "{spaces:?} in <{tag}>");
        }
    }
    // Far apart in a long paragraph, two numbers are still two.
    let html = format!("<!doctype html><p>{filler}Ward 12  had 40 beds. {filler}</p>");
    assert!(found(&html).is_empty(), "{:?}", found(&html));
}

/// A file that declares XML entities, in any case, is refused: an XML
/// reader expands them into text the gate does not see.
#[test]
fn a_file_declaring_entities_is_refused() {
    for (doc, refused) in [
        (
            "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY n \"Quill\">]><svg><text>&n;feather</text></svg>",
            true,
        ),
        ("<!doctype x [<!entity n 'Quill'>]><x/>", true),
        ("<!DOCTYPE x [<!Entity n 'Quill'>]><x/>", true),
        ("<svg><text>an entity <!-- x --></text></svg>", false),
        ("<!ENTIT", false),
        ("<!", false),
    ] {
        let mut texts = Texts::default();
        let read = read("drawing.svg", doc.as_bytes(), &mut texts);
        assert_eq!(read.is_err(), refused, "{doc}");
    }
}
