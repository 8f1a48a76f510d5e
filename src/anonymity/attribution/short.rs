//! A role written short, as a reader still reads it: one of its words, the
//! beginning of one, its initials, its plural, its words run together.
//! Shared by the check of a quote's address ([`hints`]) and of its own
//! words ([`SaidRole`]), so that both read a role the same way. Does not
//! decide what is refused (`mod.rs` does).

use crate::anonymity::identifiers::{TermMatcher, normalise};
use std::ops::Range;

/// Words a role's initials may leave out (`slt` for "Speech and language
/// therapist").
const FILLERS: &[&str] = &["and", "of", "the", "for", "in"];

/// Ordinary English words of two and three letters, which a role's
/// initials may spell (`an` for "Admiral nurse", `it` for "Information
/// technician"): in a quote's words such initials are read only where
/// written in capitals (`AN`, `IT`), as "an" and "it" are in every
/// sentence. Sorted, for a binary search.
pub(super) const ORDINARY_WORDS: &[&str] = &[
    "act", "ad", "add", "ado", "age", "ago", "ah", "aid", "aim", "air", "all", "am", "an", "and",
    "ant", "any", "ape", "apt", "arc", "are", "ark", "arm", "art", "as", "ash", "ask", "at", "ate",
    "aw", "awe", "ax", "axe", "bad", "bag", "ban", "bar", "bat", "bay", "be", "bed", "bee", "beg",
    "bet", "bid", "big", "bin", "bit", "boa", "bob", "bog", "boo", "bow", "box", "boy", "bud",
    "bug", "bum", "bun", "bus", "but", "buy", "by", "bye", "cab", "cam", "can", "cap", "car",
    "cat", "cod", "cog", "con", "cop", "cot", "cow", "coy", "cry", "cub", "cue", "cup", "cut",
    "dab", "dad", "dam", "day", "den", "dew", "did", "die", "dig", "dim", "din", "dip", "do",
    "doe", "dog", "don", "dot", "dry", "dub", "due", "dug", "duo", "dye", "ear", "eat", "ebb",
    "egg", "ego", "eh", "elf", "elk", "elm", "end", "er", "era", "eve", "ewe", "ex", "eye", "fab",
    "fad", "fan", "far", "fat", "fax", "fed", "fee", "few", "fib", "fig", "fin", "fir", "fit",
    "fix", "flu", "fly", "foe", "fog", "for", "fox", "fry", "fun", "fur", "gag", "gap", "gas",
    "gel", "gem", "get", "gig", "gin", "go", "god", "got", "gum", "gun", "gut", "guy", "gym", "ha",
    "had", "hag", "ham", "has", "hat", "hay", "he", "hem", "hen", "her", "hew", "hey", "hi", "hid",
    "him", "hip", "his", "hit", "hm", "ho", "hob", "hog", "hop", "hot", "how", "hub", "hue", "hug",
    "huh", "hum", "hut", "ice", "icy", "id", "if", "ill", "imp", "in", "ink", "inn", "ion", "ire",
    "irk", "is", "it", "its", "ivy", "jab", "jam", "jar", "jaw", "jet", "jig", "job", "jog", "jot",
    "joy", "jug", "kid", "kin", "kit", "lab", "lad", "lag", "lap", "law", "lax", "lay", "led",
    "leg", "let", "lid", "lie", "lip", "lit", "lo", "log", "lot", "low", "ma", "mad", "man", "map",
    "mar", "mat", "maw", "may", "me", "men", "met", "mid", "mix", "mm", "mob", "mom", "mop", "mow",
    "mud", "mug", "mum", "my", "nab", "nag", "nap", "nay", "net", "new", "nib", "nil", "nip",
    "nit", "no", "nod", "nor", "not", "now", "nun", "nut", "oaf", "oak", "oar", "oat", "odd",
    "ode", "of", "off", "oft", "oh", "oi", "oil", "ok", "old", "on", "one", "opt", "or", "orb",
    "ore", "our", "out", "ow", "owe", "owl", "own", "ox", "pa", "pad", "pal", "pan", "par", "pat",
    "paw", "pay", "pea", "peg", "pen", "pep", "per", "pet", "pew", "pi", "pie", "pig", "pin",
    "pit", "ply", "pod", "pop", "pot", "pro", "pry", "pub", "pun", "pup", "pus", "put", "rag",
    "ram", "ran", "rap", "rat", "raw", "ray", "re", "red", "rib", "rid", "rig", "rim", "rip",
    "rob", "rod", "roe", "rot", "row", "rub", "rug", "rum", "run", "rut", "rye", "sad", "sag",
    "sap", "sat", "saw", "say", "sea", "see", "set", "sew", "sex", "she", "shy", "sin", "sip",
    "sir", "sit", "six", "ski", "sky", "sly", "so", "sob", "sod", "son", "sow", "soy", "spa",
    "spy", "sty", "sub", "sue", "sum", "sun", "sup", "tab", "tad", "tag", "tan", "tap", "tar",
    "tax", "tea", "ted", "tee", "ten", "the", "thy", "tic", "tie", "tin", "tip", "to", "toe",
    "ton", "too", "top", "tot", "tow", "toy", "try", "tub", "tug", "two", "uh", "um", "up", "urn",
    "us", "use", "van", "vat", "vet", "via", "vie", "vow", "wad", "wag", "war", "was", "wax",
    "way", "we", "web", "wed", "wee", "wet", "who", "why", "wig", "win", "wit", "woe", "wok",
    "won", "woo", "wow", "ya", "yak", "yam", "yap", "ye", "yes", "yet", "yew", "yo", "you", "zap",
    "zen", "zip", "zoo",
];

/// Short forms that health and social care use for a role and that its
/// words do not spell (`cpn` for "Mental health nurse", as a community
/// psychiatric nurse was called; `physio`, said aloud), for a role whose
/// words hold the phrase on the left, as whole words; and the other way
/// round, the phrase (`general practitioner`, `physiotherapist`) for a
/// role written short (`GP`, `Physio`, `Lead CPN`).
const ESTABLISHED: &[(&str, &[&str])] = &[
    ("mental health nurse", &["cpn", "rmn", "cmhn"]),
    ("psychiatric nurse", &["cpn", "rmn"]),
    ("registered nurse", &["rgn"]),
    ("learning disability nurse", &["rnld"]),
    ("general practitioner", &["gp"]),
    ("physiotherapist", &["physio"]),
    ("speech therapist", &["slt", "salt"]),
    ("speech and language therapist", &["slt", "salt"]),
];

/// The [`ESTABLISHED`] short forms of the role whose words are `role`
/// (from [`words`]), and the phrases it is the short form of.
fn established(role: &[String]) -> Vec<&'static str> {
    let joined = format!(" {} ", role.join(" "));
    let holds = |phrase: &str| joined.contains(&format!(" {phrase} "));
    let mut found = Vec::new();
    for (phrase, forms) in ESTABLISHED {
        if holds(phrase) {
            found.extend(forms.iter().copied());
        }
        if forms.iter().any(|form| holds(form)) {
            found.push(*phrase);
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// The forms of `role` in more than one word that spell it out as its
/// own words do ([`ESTABLISHED`]: "general practitioner" for "GP"), which
/// a quote's address says as it says the role.
pub(super) fn spelt_out(role: &str) -> Vec<&'static str> {
    established(&words(role))
        .into_iter()
        .filter(|form| form.contains(' '))
        .collect()
}

/// Whether `word` (lowercase) is an ordinary English word of two or three
/// letters ([`ORDINARY_WORDS`]), or of four (`salt`: red team, round 19).
pub(super) fn is_ordinary_word(word: &str) -> bool {
    ORDINARY_WORDS.binary_search(&word).is_ok()
        || crate::anonymity::identifiers::is_four_letter_word(word)
}

/// A role's words, normalised, `&` read as "and", each without a plural
/// `s` (of a word that keeps three letters) or with `-ies` read as `-y`:
/// "District nurses" is `district`, `nurse`; "Learning disabilities
/// nurse" is `learning`, `disability`, `nurse`.
fn words(role: &str) -> Vec<String> {
    normalise(&role.replace('&', " and "))
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match w.strip_suffix("ies").filter(|s| s.len() >= 3) {
            Some(stem) => format!("{stem}y"),
            None => w
                .strip_suffix('s')
                .filter(|s| s.len() >= 3)
                .unwrap_or(w)
                .to_string(),
        })
        .collect()
}

/// The words initials may be taken from besides the role's own: each word
/// run together with "care" parted from it (`hca` for "Healthcare
/// assistant"), and "and", "of", "the", "for" and "in" left out (`slt`
/// for "Speech and language therapist").
fn initial_words(role: &[String]) -> Vec<String> {
    role.iter()
        .filter(|w| !FILLERS.contains(&w.as_str()))
        .flat_map(|w| match w.strip_suffix("care") {
            Some(stem) if stem.len() >= 3 => vec![stem.to_string(), "care".to_string()],
            _ => vec![w.clone()],
        })
        .collect()
}

/// The first letters of `words`.
fn initials(words: &[String]) -> String {
    words.iter().filter_map(|w| w.chars().next()).collect()
}

/// Initials of a role: of its first words, two or more, or of its last
/// two or more, as the registry spells them and as [`initial_words`]
/// parts them (`dn`, `rr`, `rrn`, `hca`, `slt`, `salt`; `sw` for "Senior
/// social worker").
struct Initials {
    letters: String,
    /// Of all the role's words (`rrn`, not `rr`, for "Rapid response nurse").
    whole: bool,
}

/// Every [`Initials`] of the role whose words (from [`words`]) are `role`.
fn initialisms(role: &[String]) -> Vec<Initials> {
    let parted = initial_words(role);
    let mut out: Vec<Initials> = Vec::new();
    for words in [role, parted.as_slice()] {
        // Of its first words, and of its last (round 17: `sw` for "Senior
        // social worker", as the role's head is named).
        let first = (2..=words.len()).map(|n| (0, n));
        let last = (1..words.len().saturating_sub(1)).map(|start| (start, words.len()));
        for (start, n) in first.chain(last) {
            let letters = initials(&words[start..n]);
            let whole = start == 0 && n == words.len();
            match out.iter_mut().find(|i| i.letters == letters) {
                Some(seen) => seen.whole |= whole,
                None => out.push(Initials { letters, whole }),
            }
        }
    }
    out
}

/// Whether `written`, a word of a quote's address, hints at `role`: it is
/// one of the role's words (of three letters or more), begins one (four
/// letters or more: `physio`), is its initials ([`initialisms`]), a short
/// form care services use for it ([`ESTABLISHED`]: `cpn`) or its first
/// words run together (`districtnurse`), each also with a number after it
/// or a plural `s` (`dn2`, `dns`).
pub(super) fn hints(written: &str, role: &str) -> bool {
    let role = words(role);
    // As interview codes write it: `dn2`, and as a plural, `dns`.
    let bare = written.trim_end_matches(|c: char| c.is_ascii_digit());
    let word = bare
        .strip_suffix('s')
        .filter(|s| s.len() >= 3)
        .unwrap_or(bare);
    let is_short = |short: &str| {
        [word, bare]
            .iter()
            .any(|w| *w == short || w.strip_suffix('s') == Some(short))
    };
    role.iter().any(|w| {
        (w.len() >= 3 && w == word)
            || (word.len() >= 4 && w.len() > word.len() && w.starts_with(word))
    }) || (2..=role.len()).any(|n| role[..n].concat() == word)
        || initialisms(&role).iter().any(|i| is_short(&i.letters))
        || established(&role)
            .iter()
            .any(|form| is_short(&form.replace(' ', "")))
}

/// A way a quote's words say a role ([`said_forms`]).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct SaidForm {
    /// As it is looked for (a listed term: whole words, any case).
    pub(super) text: String,
    /// Where set, the form is read only with this many letters written in
    /// capitals before any other (`IT`, `ITs` for initials that spell
    /// "it").
    pub(super) capitals: Option<usize>,
}

/// The forms in which a quote's words say `role`: the role itself, in the
/// plural ("district nurses", "midwives", "heads of service"), the
/// initials of all its words ([`Initials::whole`]) and the short forms
/// care services use for it ([`ESTABLISHED`]: `CPN`, `physio`), also with
/// a plural `s` or full stops (`DN`, `DNs`, `D.N.`), and the long form of
/// a role written short ("general practitioners" for "GP"). Initials that
/// spell an ordinary word ([`is_ordinary_word`]) must be written in
/// capitals.
pub(super) fn said_forms(role: &str) -> Vec<SaidForm> {
    let any_case = |text: String| SaidForm {
        text,
        capitals: None,
    };
    let norm = normalise(role);
    let mut forms = vec![any_case(role.trim().to_string())];
    forms.extend(plurals(&norm).into_iter().map(any_case));
    let role_words = words(role);
    let whole = initialisms(&role_words).into_iter().filter(|i| i.whole);
    let mut shorts: Vec<String> = whole.map(|i| i.letters).collect();
    for form in established(&role_words) {
        match form.contains(' ') {
            true => {
                forms.push(any_case(form.to_string()));
                forms.extend(plurals(form).into_iter().map(any_case));
            }
            false => shorts.push(form.to_string()),
        }
    }
    shorts.sort_unstable();
    shorts.dedup();
    for letters in shorts {
        let plural = format!("{letters}s");
        let dotted: String = letters.chars().flat_map(|c| [c, '.']).collect();
        let n = letters.chars().count();
        let word = is_ordinary_word(&letters);
        // A plural may spell a word where the initials do not (`gas`).
        let plural_word = word || is_ordinary_word(&plural);
        for (text, word) in [(plural, plural_word), (dotted, word), (letters, word)] {
            forms.push(SaidForm {
                text,
                capitals: word.then_some(n),
            });
        }
    }
    forms.retain(|f| !f.text.is_empty());
    forms
}

/// The plurals of a normalised role: of its last word, and of the word
/// before a filler ("heads of service"), by the rules of English spelling
/// and their common exceptions (`-ies`, `-men`, `-wives`). Forms that are
/// not words are harmless: a quote does not say them.
fn plurals(norm: &str) -> Vec<String> {
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    let Some(last) = words.len().checked_sub(1) else {
        return Vec::new();
    };
    let before_filler = (1..words.len())
        .find(|&i| FILLERS.contains(&words[i]))
        .map(|i| i - 1);
    let mut out = Vec::new();
    for at in std::iter::once(last).chain(before_filler) {
        for plural in plurals_of(words[at]) {
            let mut said: Vec<&str> = words.clone();
            said[at] = &plural;
            out.push(said.join(" "));
        }
    }
    out
}

/// The plurals an English word may take.
fn plurals_of(word: &str) -> Vec<String> {
    let mut out = vec![format!("{word}s")];
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| word.ends_with(e))
    {
        out.push(format!("{word}es"));
    }
    if let Some(stem) = word.strip_suffix('y')
        && stem.ends_with(|c: char| !"aeiou".contains(c))
    {
        out.push(format!("{stem}ies"));
    }
    if let Some(stem) = word.strip_suffix("man") {
        out.push(format!("{stem}men"));
    }
    if let Some(stem) = word.strip_suffix("person") {
        out.push(format!("{stem}people"));
    }
    if let Some(stem) = word.strip_suffix("fe").or_else(|| word.strip_suffix('f')) {
        out.push(format!("{stem}ves"));
    }
    out
}

/// A role as a quote's words say it ([`said_forms`]), looked for as a
/// listed term is (whole words, in any case, across line breaks and
/// hyphens, with a possessive).
pub(super) struct SaidRole {
    matcher: TermMatcher,
    forms: Vec<SaidForm>,
}

impl SaidRole {
    pub(super) fn new(role: &str) -> SaidRole {
        let forms = said_forms(role);
        let matcher = TermMatcher::new(&crate::model::Identifiers {
            organisations: forms.iter().map(|f| f.text.clone()).collect(),
            ..Default::default()
        });
        SaidRole { matcher, forms }
    }

    /// The first place `text` says the role, and whether it says it as
    /// the role is spelt (not in the plural or by its initials).
    pub(super) fn find(&self, text: &str) -> Option<(Range<usize>, bool)> {
        self.matcher.find(text).into_iter().find_map(|hit| {
            let term = self.matcher.term(&hit);
            let form = self.forms.iter().position(|f| f.text == term)?;
            let written = text.get(hit.range.clone())?;
            let capitals = self.forms[form].capitals.is_none_or(|n| {
                let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
                letters.len() >= n && letters[..n].iter().all(|c| c.is_uppercase())
            });
            capitals.then_some((hit.range, form == 0))
        })
    }
}
