//! Generates a synthetic, valid evaluation project of a chosen size, for the
//! benchmark (bench/run.sh, docs/performance.md).
//!
//! ```text
//! cargo run --release --example corpus -- --out DIR --quotes N \
//!     [--boroughs B] [--identifiers T] [--seed S] [--hugo TWIN]
//! ```
//!
//! With `--hugo TWIN` it also writes the project's Hugo twin: the same files'
//! text (bodies byte for byte, front matter as Hugo reads it) laid out as a Hugo
//! site, with the minimal layout in bench/hugo/, so that the benchmark can time
//! Hugo on the same text (see [`hugo_twin`]).
//!
//! The project builds with zero errors with every anonymity check on (k: 3):
//! every attribution group has at least four participants, bodies are built
//! from a word bank of care-integration vocabulary (no digits, no honorifics,
//! no names), and the generated identifiers (people, places, organisations)
//! are made from syllables and checked against every word the generator wrote.
//! The output is a pure function of the arguments: same arguments, byte-identical
//! files. Uses only the standard library (a xorshift PRNG seeded by splitmix64).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// ----------------------------------------------------------------- arguments

struct Args {
    out: PathBuf,
    quotes: usize,
    boroughs: usize,
    identifiers: usize,
    seed: u64,
    hugo: Option<PathBuf>,
}

const USAGE: &str = "usage: corpus --out DIR --quotes N [--boroughs B (3)] [--identifiers T (2000)] [--seed S (1)] [--hugo TWIN]";

fn parse_args() -> Result<Args, String> {
    let mut out = None;
    let mut quotes = None;
    let mut boroughs = 3usize;
    let mut identifiers = 2000usize;
    let mut seed = 1u64;
    let mut hugo = None;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_string());
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = |v: &str| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: `{v}` is not a whole number"))
        };
        match flag.as_str() {
            "--out" => out = Some(PathBuf::from(value)),
            "--quotes" => quotes = Some(number(&value)? as usize),
            "--boroughs" => boroughs = number(&value)? as usize,
            "--identifiers" => identifiers = number(&value)? as usize,
            "--seed" => seed = number(&value)?,
            "--hugo" => hugo = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown argument `{flag}`\n{USAGE}")),
        }
    }
    let out = out.ok_or_else(|| format!("--out is required\n{USAGE}"))?;
    let quotes = quotes.ok_or_else(|| format!("--quotes is required\n{USAGE}"))?;
    if !(1..=676).contains(&boroughs) {
        return Err("--boroughs must be between 1 and 676".into());
    }
    if quotes < boroughs * 2 {
        return Err(format!(
            "--quotes must be at least twice --boroughs ({})",
            boroughs * 2
        ));
    }
    Ok(Args {
        out,
        quotes,
        boroughs,
        identifiers,
        seed,
        hugo,
    })
}

// ----------------------------------------------------------------- PRNG

/// xorshift64* seeded through splitmix64 (so seeds 0, 1, 2 differ well).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }
    /// Uniform in lo..=hi.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability percent/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// Up to `k` distinct items, in the order drawn.
    fn sample<T: Clone>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let k = k.min(items.len());
        let mut chosen: Vec<usize> = Vec::with_capacity(k);
        if k * 4 < items.len() {
            while chosen.len() < k {
                let i = self.below(items.len());
                if !chosen.contains(&i) {
                    chosen.push(i);
                }
            }
        } else {
            let mut all: Vec<usize> = (0..items.len()).collect();
            for j in 0..k {
                let i = j + self.below(all.len() - j);
                all.swap(j, i);
            }
            chosen.extend_from_slice(&all[..k]);
        }
        chosen.into_iter().map(|i| items[i].clone()).collect()
    }
}

// ----------------------------------------------------------------- word bank

/// Plural subjects (so verbs take their base form).
const SUBJECTS: &[&str] = &[
    "we",
    "they",
    "the district nurses",
    "the social workers",
    "the care navigators",
    "the therapists",
    "the GPs",
    "the ward staff",
    "the discharge coordinators",
    "the reablement workers",
    "the Rapid Response nurses",
    "the service managers",
    "the community teams",
    "the hospital teams",
    "the voluntary sector partners",
    "the health care assistants",
    "the matrons",
    "the commissioners",
    "the frontline staff",
    "the locality leads",
];

const VERBS: &[&str] = &[
    "share",
    "discuss",
    "review",
    "chase",
    "hand over",
    "follow up",
    "escalate",
    "plan",
    "coordinate",
    "sign off",
    "rewrite",
    "duplicate",
    "question",
    "own",
    "update",
    "record",
    "agree",
    "check",
];

const OBJECTS: &[&str] = &[
    "the care plan",
    "the referral",
    "the discharge summary",
    "the package of care",
    "the safeguarding concern",
    "the shared record",
    "the caseload",
    "the handover",
    "the assessment",
    "the equipment order",
    "the medication review",
    "the risk assessment",
    "the waiting list",
    "the rota",
    "the case notes",
    "the continuing care checklist",
    "the falls assessment",
    "the pressure care plan",
    "the weekly huddle notes",
    "the advance care plan",
];

const ADVERBIALS: &[&str] = &[
    "every week",
    "at the huddle",
    "before discharge",
    "when the patient is medically fit",
    "after the meeting",
    "on the same day",
    "without a shared record",
    "across the borough",
    "with the hospital",
    "at the multidisciplinary meeting",
    "over the phone",
    "by email",
    "on a good day",
    "at the end of a shift",
    "once the family agrees",
    "when someone is off sick",
    "in the same building",
    "through the single point of access",
    "before the weekend",
    "when the ward is full",
];

const REDACTED_ADVERBIALS: &[&str] = &[
    "with [name]",
    "on [ward]",
    "at [hospital]",
    "for [name]",
    "in [team]",
];

const OPENERS: &[&str] = &[
    "I think",
    "To be honest,",
    "In my experience,",
    "Honestly,",
    "Most of the time",
    "Sometimes",
    "These days",
    "On paper",
    "In practice",
    "Looking back,",
];

const ABSTRACTS: &[&str] = &[
    "goodwill",
    "duplication",
    "paperwork",
    "trust",
    "pressure",
    "learning",
    "joint working",
    "risk",
    "uncertainty",
    "communication",
    "continuity",
    "capacity",
    "goodwill between teams",
    "informal contact",
    "reflection",
    "permission",
    "shared ownership",
    "professional respect",
];

const FEELINGS: &[&str] = &[
    "frustrating",
    "reassuring",
    "exhausting",
    "encouraging",
    "confusing",
    "slow",
    "hard work",
    "a relief",
    "a bit of a battle",
    "worth it",
];

const SETTINGS: &[&str] = &[
    "the discharge pathway",
    "the community teams",
    "the multidisciplinary meeting",
    "the integrated team",
    "the hospital",
    "the locality",
    "the reablement service",
    "the front door",
    "the single point of access",
    "general practice",
];

/// One sentence a participant might say.
fn spoken_sentence(rng: &mut Rng) -> String {
    let subject = *rng.pick(SUBJECTS);
    let verb = *rng.pick(VERBS);
    let object = *rng.pick(OBJECTS);
    let adverbial = if rng.chance(12) {
        *rng.pick(REDACTED_ADVERBIALS)
    } else {
        *rng.pick(ADVERBIALS)
    };
    let s = match rng.below(10) {
        0 => format!(
            "{} {subject} {verb} {object} {adverbial}",
            rng.pick(OPENERS)
        ),
        1 => format!(
            "{subject} {verb} {object}, but {} do not {} {}",
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        ),
        2 => format!("it works when {subject} {verb} {object} {adverbial}"),
        3 => format!(
            "we used to {verb} {object}, and now {subject} {} {} {adverbial}",
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        ),
        4 => format!("nobody really knows who should {verb} {object}"),
        5 => format!(
            "there is a lot of {} and not enough {}",
            rng.pick(ABSTRACTS),
            rng.pick(ABSTRACTS)
        ),
        6 => format!(
            "it is {} when {subject} {verb} {object} {adverbial}",
            rng.pick(FEELINGS)
        ),
        7 => format!(
            "in {} it comes down to {}",
            rng.pick(SETTINGS),
            rng.pick(ABSTRACTS)
        ),
        8 => format!("you end up having to {verb} {object} yourself [...]"),
        _ => format!("{subject} {verb} {object} {adverbial}"),
    };
    sentence_case(&s, if rng.chance(8) { "?" } else { "." })
}

fn sentence_case(s: &str, end: &str) -> String {
    let mut chars = s.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    let mut out: String = first.into_iter().chain(chars).collect();
    out.push_str(end);
    out
}

/// A quote body of 20 to 80 words; where its attribution leaves out its
/// speaker's role (`own_role`), without that role, which the build would
/// refuse (`anonymity::role-in-words`).
fn quote_body(rng: &mut Rng, own_role: Option<&str>) -> String {
    let target = rng.range(20, 80);
    let mut words = 0;
    let mut sentences: Vec<String> = Vec::new();
    loop {
        let s = spoken_sentence(rng);
        let n = s.split_whitespace().count();
        if words >= 20 && words + n > target {
            break;
        }
        words += n;
        sentences.push(s);
    }
    let mut body = sentences.join(" ");
    if let Some(role) = own_role {
        let said = format!("the {}s", role.to_lowercase());
        while let Some(at) = body.to_lowercase().find(&said) {
            body.replace_range(at..at + said.len(), "the [team]");
        }
    }
    wrap(&body, 78)
}

/// One sentence in the researchers' voice.
fn narrative_sentence(rng: &mut Rng, places: &str) -> String {
    let s = match rng.below(7) {
        0 => format!(
            "Staff in {places} described how {} {} {} {}",
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(ADVERBIALS)
        ),
        1 => format!(
            "Where {} {} {}, participants reported more {} and less {}",
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(ABSTRACTS),
            rng.pick(ABSTRACTS)
        ),
        2 => format!(
            "The pattern was clearest in {}, where {} depended on {}",
            rng.pick(SETTINGS),
            rng.pick(ABSTRACTS),
            rng.pick(ABSTRACTS)
        ),
        3 => format!(
            "Several participants found it {} that {} still {} {} {}",
            rng.pick(FEELINGS),
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(ADVERBIALS)
        ),
        4 => format!(
            "We observed that {} rarely {} {} unless {} was already in place",
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(ABSTRACTS)
        ),
        5 => format!(
            "In workshops, staff linked this to {} in {}",
            rng.pick(ABSTRACTS),
            rng.pick(SETTINGS)
        ),
        _ => format!(
            "This matters for {} because {} cannot {} {} alone",
            rng.pick(SETTINGS),
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        ),
    };
    sentence_case(&s, ".")
}

fn finding_title(rng: &mut Rng) -> String {
    let cap = |s: &&str| sentence_case(s, "");
    match rng.below(5) {
        0 => format!(
            "{} without {}",
            cap(rng.pick(ABSTRACTS)),
            rng.pick(ABSTRACTS)
        ),
        1 => format!(
            "{} carry the {} in {}",
            cap(rng.pick(&SUBJECTS[2..])),
            rng.pick(ABSTRACTS),
            rng.pick(SETTINGS)
        ),
        2 => format!("Who should {} {}", rng.pick(VERBS), rng.pick(OBJECTS)),
        3 => format!(
            "{} and {} in {}",
            cap(rng.pick(ABSTRACTS)),
            rng.pick(ABSTRACTS),
            rng.pick(SETTINGS)
        ),
        _ => format!(
            "When {} {} {} {}",
            rng.pick(&SUBJECTS[2..]),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(ADVERBIALS)
        ),
    }
}

/// Greedy word wrap (tokens never contain spaces, so links stay whole).
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut line = 0;
    for word in text.split(' ') {
        if line > 0 && line + 1 + word.len() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out
}

// ----------------------------------------------------------------- fixed tables

/// (role, id part, sector, level)
const ROLES: &[(&str, &str, &str, &str)] = &[
    ("GP", "gp", "primary-care", "operational"),
    ("District nurse", "dn", "health", "operational"),
    ("Social worker", "sw", "social-care", "operational"),
    ("Occupational therapist", "ot", "health", "operational"),
    ("Care navigator", "cn", "voluntary", "operational"),
    ("Rapid Response nurse", "rr", "health", "operational"),
    ("Discharge coordinator", "dc", "acute", "operational"),
    ("Service manager", "sm", "other", "strategic"),
];
const PER_ROLE: usize = 4;

const THEMES: &[(&str, [&str; 7])] = &[
    (
        "Shared values",
        [
            "Person-centred care",
            "Mutual respect",
            "Shared purpose",
            "Professional identity",
            "Trust between teams",
            "Role understanding",
            "Unrealistic expectations",
        ],
    ),
    (
        "Structural characteristics",
        [
            "Co-location",
            "Integrated management",
            "Shared records",
            "Caseload pressure",
            "Workforce and vacancies",
            "Commissioning arrangements",
            "Hospital and community divide",
        ],
    ),
    (
        "Learning loops",
        [
            "Single-loop learning",
            "Double-loop learning",
            "Triple-loop learning",
            "Reflective practice",
            "Quality improvement",
            "Shared learning events",
            "Learning from incidents",
        ],
    ),
    (
        "Leadership and culture",
        [
            "Supportive leadership",
            "Top-down change",
            "Permission to innovate",
            "Managed risk-taking",
            "Bottom-up initiatives",
            "Distributed leadership",
            "Organisational development",
        ],
    ),
    (
        "Coordination of care",
        [
            "Care coordination",
            "Information sharing",
            "Referral processes",
            "Multidisciplinary meetings",
            "Discharge planning",
            "Handover practice",
            "Care navigation",
        ],
    ),
];

/// (pathway type, title, first node, middle pool, last node); nodes are
/// (id, label, sector) and keep their order in the flow.
type Node = (&'static str, &'static str, &'static str);
struct PathwayKind {
    kind: &'static str,
    title: &'static str,
    first: Node,
    pool: &'static [Node],
    last: Node,
}

const PATHWAYS: &[PathwayKind] = &[
    PathwayKind {
        kind: "admission-avoidance",
        title: "Admission avoidance",
        first: ("home", "Home", "home"),
        pool: &[
            ("navigator", "Care navigation", "voluntary"),
            ("gp", "General practice", "primary-care"),
            ("spa", "Single point of access", "community"),
            ("rr", "Rapid Response", "community"),
            ("dn", "District nursing", "community"),
            ("mdt", "Multidisciplinary meeting", "primary-care"),
            ("social", "Social care assessment", "social-care"),
            ("ambulatory", "Ambulatory care unit", "acute"),
        ],
        last: ("ed", "Emergency department", "acute"),
    },
    PathwayKind {
        kind: "discharge",
        title: "Discharge from hospital",
        first: ("ward", "Hospital ward", "acute"),
        pool: &[
            ("discharge-team", "Integrated discharge team", "acute"),
            ("inreach", "In-reach nurses", "community"),
            ("d2a", "Discharge to Assess", "community"),
            ("reablement", "Reablement", "social-care"),
            ("therapy", "Community therapy", "community"),
            ("care-package", "Home care package", "social-care"),
            ("volunteers", "Home-from-hospital volunteers", "voluntary"),
            ("gp", "General practice review", "primary-care"),
        ],
        last: ("home", "Home", "home"),
    },
];

const EDGE_LABELS: &[&str] = &[
    "referral",
    "referral when medically fit",
    "same-day assessment",
    "handover by phone",
    "shared care plan",
    "weekly review",
    "urgent response",
    "joint visit",
    "equipment arranged",
    "case discussed",
];

const BACK_LABELS: &[&str] = &[
    "readmission within weeks",
    "returned when support broke down",
    "re-referred after a fall",
    "managed at home after all",
];

// ----------------------------------------------------------------- syllables

/// First and last names are joined from these; the pieces are chosen so that
/// the joins are not English words (and every result is checked anyway).
const FIRST_A: &[&str] = &[
    "Vel", "Quen", "Zar", "Thal", "Brin", "Cael", "Dov", "Ysel", "Jor", "Kess", "Lun", "Nim",
    "Orv", "Pell", "Rhos", "Sev", "Tiv", "Wyn", "Xan", "Ilv", "Eld", "Fenn", "Gwil", "Hask",
];
const FIRST_B: &[&str] = &[
    "ora", "anne", "ith", "wen", "dric", "mira", "olas", "enna", "aric", "isse", "ovan", "ella",
    "umi", "ethe", "oric", "anth", "ysa", "elio", "ivra", "oskel",
];
const LAST_A: &[&str] = &[
    "Quenn", "Wrenh", "Fothr", "Pettig", "Otterc", "Brakk", "Culv", "Dunsk", "Everh", "Fallw",
    "Gorml", "Harrov", "Ilst", "Jephr", "Kellv", "Lorr", "Mardw", "Norrv", "Ostr", "Plimm",
    "Quill", "Rastw", "Strell", "Thorv", "Ursk", "Vandr", "Wickl", "Yarrv", "Zell", "Ashk",
    "Birrh", "Corvl", "Dreddw", "Eskv", "Fyrn", "Glaz", "Hobr", "Ivesk", "Jastr", "Kymr",
];
const LAST_B: &[&str] = &[
    "ick", "allow", "ove", "ett", "ombe", "ery", "ington", "owe", "ard", "ell", "iss", "aine",
    "orth", "ume", "anth", "ock", "esby", "ifer", "ade", "ence", "ather", "ilby", "oway", "ux",
    "eld", "icott", "ymore", "ash", "endon", "itch",
];
const PLACE_SUFFIX: &[&str] = &[
    "",
    "",
    "",
    " Vale",
    " Marsh",
    " Green",
    " Heath",
    " Street",
    " Ward",
    " Hospital",
    " Health Centre",
    " Lane",
    " Park",
    " Court",
];
const ORG_SUFFIX: &[&str] = &[
    " Community Health NHS Trust",
    " Care Partnership",
    " Homecare Ltd",
    " Borough Council",
    " Hospice",
    " Carers Network",
    " Medical Practice",
];

// ----------------------------------------------------------------- model

struct Participant {
    id: String,
    role: usize,
    borough: usize,
    consent: &'static str,
}

struct Finding {
    id: String,
    boroughs: Vec<usize>,
}

/// Files to write, by path relative to the output folder (sorted on write).
#[derive(Default)]
struct Out {
    files: BTreeMap<String, String>,
    /// Every lowercase word of text that can reach the site.
    words: HashSet<String>,
}

impl Out {
    fn add(&mut self, path: String, text: String) {
        for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            if !word.is_empty() {
                self.words.insert(word.to_ascii_lowercase());
            }
        }
        self.files.insert(path, text);
    }
}

fn borough_id(b: usize) -> String {
    format!("b{:02}", b + 1)
}

fn borough_title(b: usize) -> String {
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if b < 26 {
        format!("Borough {}", letters[b] as char)
    } else {
        format!(
            "Borough {}{}",
            letters[b / 26 - 1] as char,
            letters[b % 26] as char
        )
    }
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

// ----------------------------------------------------------------- generation

fn generate(args: &Args) -> Out {
    let mut rng = Rng::new(args.seed);
    let mut out = Out::default();
    let nb = args.boroughs;
    let width = 5.max(args.quotes.to_string().len());
    let quote_id = |i: usize| format!("q-{:0width$}", i + 1);
    let finding_id = |i: usize| format!("f-{:0width$}", i + 1);
    let n_findings = (args.quotes / 5).max(1);

    // Codebook: 5 themes × 7 codes.
    let mut child_codes: Vec<String> = Vec::new();
    for (t, (theme, children)) in THEMES.iter().enumerate() {
        let tid = format!("t{}", t + 1);
        out.add(
            format!("content/codebook/{tid}.md"),
            format!(
                "---\ntitle: {theme}\norder: {}\n---\n{}\n",
                t + 1,
                wrap(
                    &format!(
                        "A theme of the framework. Material coded here concerns {} in how \
                         teams work together across health and social care.",
                        theme.to_lowercase()
                    ),
                    78
                )
            ),
        );
        for (c, title) in children.iter().enumerate() {
            let cid = format!("{tid}-c{}", c + 1);
            let definition = format!(
                "Material about {} as staff experience it: {} and {}. Code here when a \
                 participant describes how {} {} {}.",
                title.to_lowercase(),
                rng.pick(ABSTRACTS),
                rng.pick(ABSTRACTS),
                rng.pick(SUBJECTS),
                rng.pick(VERBS),
                rng.pick(OBJECTS)
            );
            out.add(
                format!("content/codebook/{cid}.md"),
                format!(
                    "---\ntitle: {title}\nparent: {tid}\norder: {}\n---\n{}\n",
                    c + 1,
                    wrap(&definition, 78)
                ),
            );
            child_codes.push(cid);
        }
    }

    // Participants: per borough, every role PER_ROLE times (consent given),
    // plus one no-quotes and one withdrawn participant in rotating roles.
    let mut participants: Vec<Participant> = Vec::new();
    for b in 0..nb {
        for (r, role) in ROLES.iter().enumerate() {
            for n in 0..PER_ROLE {
                participants.push(Participant {
                    id: format!("{}-{}-{}", borough_id(b), role.1, n + 1),
                    role: r,
                    borough: b,
                    consent: "given",
                });
            }
            if r == b % ROLES.len() {
                participants.push(Participant {
                    id: format!("{}-{}-{}", borough_id(b), role.1, PER_ROLE + 1),
                    role: r,
                    borough: b,
                    consent: "no-quotes",
                });
            }
            if r == (b + 3) % ROLES.len() {
                participants.push(Participant {
                    id: format!("{}-{}-{}", borough_id(b), role.1, PER_ROLE + 2),
                    role: r,
                    borough: b,
                    consent: "withdrawn",
                });
            }
        }
    }
    let mut registry = String::from(
        "# Synthetic participant registry (generated by bench/corpus.rs).\n\
         # Every (role, borough) group has at least four participants who consented.\n\
         participants:\n",
    );
    for p in &participants {
        let (role, _, sector, level) = ROLES[p.role];
        let consent = if p.consent == "given" {
            String::new()
        } else {
            format!(", consent: {}", p.consent)
        };
        writeln!(
            registry,
            "  - {{id: {}, role: {role}, sector: {sector}, level: {level}, borough: {}{consent}}}",
            p.id,
            borough_id(p.borough)
        )
        .unwrap();
    }
    out.add("content/participants.yaml".into(), registry);
    let quotable: Vec<Vec<usize>> = (0..nb)
        .map(|b| {
            participants
                .iter()
                .enumerate()
                .filter(|(_, p)| p.borough == b && p.consent == "given")
                .map(|(i, _)| i)
                .collect()
        })
        .collect();

    // Quotes: round-robin over boroughs, so each borough has N/B of them.
    let mut quotes_in: Vec<Vec<String>> = vec![Vec::new(); nb];
    for i in 0..args.quotes {
        let b = i % nb;
        let id = quote_id(i);
        let p = &participants[*rng.pick(&quotable[b])];
        let codes = {
            let k = rng.range(1, 3);
            rng.sample(&child_codes, k)
        };
        let mut front = format!(
            "---\nparticipant: {}\nsource: interview\ncodes: {}\n",
            p.id,
            list(&codes)
        );
        if rng.chance(15) {
            writeln!(front, "pathway: {}", rng.pick(PATHWAYS).kind).unwrap();
        }
        let role_left_out = rng.chance(10);
        if role_left_out {
            front.push_str("attribution: [sector, borough]\n");
        }
        front.push_str("---\n");
        let own_role = role_left_out.then_some(ROLES[p.role].0);
        let body = quote_body(&mut rng, own_role);
        out.add(
            format!("content/quotes/{}/{id}.md", borough_id(b)),
            format!("{front}{body}\n"),
        );
        quotes_in[b].push(id);
    }

    // Findings.
    let mut findings: Vec<Finding> = Vec::new();
    for i in 0..n_findings {
        let k = rng.range(1, 3.min(nb));
        let mut boroughs = rng.sample(&(0..nb).collect::<Vec<_>>(), k);
        boroughs.sort();
        findings.push(Finding {
            id: finding_id(i),
            boroughs,
        });
    }
    let mut findings_in: Vec<Vec<String>> = vec![Vec::new(); nb];
    for f in &findings {
        for &b in &f.boroughs {
            findings_in[b].push(f.id.clone());
        }
    }
    let all_finding_ids: Vec<String> = findings.iter().map(|f| f.id.clone()).collect();
    for (i, f) in findings.iter().enumerate() {
        let pool: Vec<&String> = f
            .boroughs
            .iter()
            .flat_map(|&b| quotes_in[b].iter())
            .collect();
        let evidence: Vec<String> = {
            let k = rng.range(0, 2);
            rng.sample(&pool, k).into_iter().cloned().collect()
        };
        let embeds = {
            let k = rng.range(2, 5);
            rng.sample(&pool, k)
        };
        let others: Vec<String> = if n_findings > 1 {
            let mut others = Vec::new();
            let want = rng.range(1, 3.min(n_findings - 1));
            while others.len() < want {
                let j = rng.below(n_findings);
                if j != i && !others.contains(&all_finding_ids[j]) {
                    others.push(all_finding_ids[j].clone());
                }
            }
            others
        } else {
            Vec::new()
        };
        let codes = {
            let k = rng.range(1, 2);
            rng.sample(&child_codes, k)
        };
        let places = {
            let titles: Vec<String> = f.boroughs.iter().map(|&b| borough_title(b)).collect();
            match titles.len() {
                1 => titles[0].clone(),
                _ => format!(
                    "{} and {}",
                    titles[..titles.len() - 1].join(", "),
                    titles[titles.len() - 1]
                ),
            }
        };
        let loop_kind = *rng.pick(&["single", "double", "triple"]);
        let mut text = format!(
            "---\ntitle: {}\ncodes: {}\nboroughs: {}\nquotes: {}\nattributes: {{learning-loop: {loop_kind}}}\nstatus: final\n---\n",
            finding_title(&mut rng),
            list(&codes),
            list(
                &f.boroughs
                    .iter()
                    .map(|&b| borough_id(b))
                    .collect::<Vec<_>>()
            ),
            list(&evidence),
        );
        // Paragraph one, then some embeds, paragraph two (with the links), the rest.
        let split = embeds.len() / 2;
        let mut para = Vec::new();
        for _ in 0..rng.range(2, 4) {
            para.push(narrative_sentence(&mut rng, &places));
        }
        text.push_str(&wrap(&para.join(" "), 78));
        text.push_str("\n\n");
        for e in &embeds[..split] {
            writeln!(text, "![](quote:{e})\n").unwrap();
        }
        let mut para = Vec::new();
        for _ in 0..rng.range(1, 3) {
            para.push(narrative_sentence(&mut rng, &places));
        }
        if !others.is_empty() {
            let links: Vec<String> = others.iter().map(|o| format!("[](finding:{o})")).collect();
            let joined = match links.len() {
                1 => links[0].clone(),
                _ => format!(
                    "{} and {}",
                    links[..links.len() - 1].join(", "),
                    links[links.len() - 1]
                ),
            };
            para.push(format!("It connects with {joined}."));
        }
        text.push_str(&wrap(&para.join(" "), 78));
        text.push('\n');
        for e in &embeds[split..] {
            write!(text, "\n![](quote:{e})\n").unwrap();
        }
        out.add(format!("content/findings/{}.md", f.id), text);
    }

    // Boroughs and their pathway maps.
    for (b, local) in findings_in.iter().enumerate() {
        let bid = borough_id(b);
        let mut links = Vec::new();
        for kind in PATHWAYS {
            links.push(format!(
                "[{}](pathway:{bid}-{})",
                kind.title.to_lowercase(),
                kind.kind
            ));
        }
        let body = format!(
            "{} In this borough {} {} {} {}. We mapped {} and {}.",
            narrative_sentence(&mut rng, &borough_title(b)),
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(ADVERBIALS),
            links[0],
            links[1]
        );
        out.add(
            format!("content/boroughs/{bid}.md"),
            format!(
                "---\ntitle: {}\norder: {}\nsummary: {}\n---\n{}\n",
                borough_title(b),
                b + 1,
                sentence_case(
                    &format!(
                        "{} and {} in {}",
                        rng.pick(ABSTRACTS),
                        rng.pick(ABSTRACTS),
                        rng.pick(SETTINGS)
                    ),
                    "."
                ),
                wrap(&body, 78)
            ),
        );
        for kind in PATHWAYS {
            let mut nodes: Vec<Node> = vec![kind.first];
            let k = rng.range(4, 7);
            let mut middle: Vec<usize> = rng.sample(&(0..kind.pool.len()).collect::<Vec<_>>(), k);
            middle.sort();
            nodes.extend(middle.iter().map(|&m| kind.pool[m]));
            nodes.push(kind.last);
            let friction = |rng: &mut Rng, percent: usize| -> String {
                if !local.is_empty() && rng.chance(percent) {
                    format!(", findings: [{}]", rng.pick(local))
                } else {
                    String::new()
                }
            };
            let mut text = format!(
                "---\ntitle: {} in {}\nborough: {bid}\npathway: {}\nnodes:\n",
                kind.title,
                borough_title(b),
                kind.kind
            );
            for node in &nodes {
                let f = friction(&mut rng, 10);
                writeln!(
                    text,
                    "  - {{id: {}, label: {}, sector: {}{f}}}",
                    node.0, node.1, node.2
                )
                .unwrap();
            }
            text.push_str("edges:\n");
            for w in nodes.windows(2) {
                let label = if rng.chance(70) {
                    format!(", label: {}", rng.pick(EDGE_LABELS))
                } else {
                    String::new()
                };
                let f = friction(&mut rng, 30);
                writeln!(text, "  - {{from: {}, to: {}{label}{f}}}", w[0].0, w[1].0).unwrap();
            }
            // One skip edge forward, one back edge.
            let a = rng.range(0, nodes.len() - 3);
            writeln!(
                text,
                "  - {{from: {}, to: {}, label: {}}}",
                nodes[a].0,
                nodes[a + 2].0,
                rng.pick(EDGE_LABELS)
            )
            .unwrap();
            let from = rng.range(2, nodes.len() - 1);
            let to = rng.range(0, from - 1);
            let f = friction(&mut rng, 50);
            writeln!(
                text,
                "  - {{from: {}, to: {}, label: {}{f}}}",
                nodes[from].0,
                nodes[to].0,
                rng.pick(BACK_LABELS)
            )
            .unwrap();
            text.push_str("---\n");
            let mut para = vec![narrative_sentence(&mut rng, &borough_title(b))];
            if !local.is_empty() {
                para.push(format!(
                    "The hand-offs marked on the map are discussed in [](finding:{}).",
                    rng.pick(local)
                ));
            }
            text.push_str(&wrap(&para.join(" "), 78));
            text.push('\n');
            out.add(format!("content/pathways/{bid}-{}.md", kind.kind), text);
        }
    }

    // Landing page, pages, settings.
    let headline = rng.sample(&all_finding_ids, 5);
    let mut summary = vec![
        "This synthetic report was generated for benchmarking. It follows admission \
         avoidance and discharge from hospital across the participating boroughs and \
         reads the material through the Learning Practice framework ([](page:methods))."
            .to_string(),
    ];
    for (n, f) in headline.iter().enumerate() {
        summary.push(format!(
            "{} ([](finding:{f})).",
            narrative_sentence(&mut rng, &borough_title(n % nb)).trim_end_matches('.')
        ));
    }
    out.add(
        "content/index.md".into(),
        format!(
            "---\ntitle: A synthetic integrated care evaluation\nsubtitle: Generated test material for benchmarking evalsite\nauthors: [The benchmark team]\nperiod: May 2017 to May 2018\nframework: Learning Practice (shared values, structural characteristics; single, double and triple-loop learning)\n---\n{}\n\n{}\n\n[Borough A](borough:b01) is the first site.\n",
            wrap(&summary[0], 78),
            wrap(&summary[1..].join(" "), 78)
        ),
    );
    let mut methods = vec![
        "We interviewed staff in every borough, observed meetings and coded the material \
         against a two-level codebook ([](code:t1), [](code:t2), [](code:t3), [](code:t4) \
         and [](code:t5))."
            .to_string(),
    ];
    for _ in 0..4 {
        methods.push(narrative_sentence(&mut rng, "every borough"));
    }
    out.add(
        "content/pages/methods.md".into(),
        format!(
            "---\ntitle: Methods\norder: 1\n---\n{}\n\n## Roles interviewed\n\n| Role | Sector |\n|---|---|\n{}",
            wrap(&methods.join(" "), 78),
            ROLES
                .iter()
                .map(|r| format!("| {} | {} |\n", r.0, r.2))
                .collect::<String>()
        ),
    );
    let mut recs = String::from("---\ntitle: Recommendations\norder: 2\n---\n");
    for (n, f) in rng.sample(&all_finding_ids, 6).iter().enumerate() {
        writeln!(
            recs,
            "{}. **{}** {} See [](finding:{f}).\n",
            n + 1,
            sentence_case(
                &format!("protect {} in {}", rng.pick(ABSTRACTS), rng.pick(SETTINGS)),
                "."
            ),
            narrative_sentence(&mut rng, "each borough")
        )
        .unwrap();
    }
    out.add("content/pages/recommendations.md".into(), recs);
    out.add(
        "evalsite.yaml".into(),
        "# Generated by bench/corpus.rs for benchmarking.\n\
         title: A synthetic integrated care evaluation\n\
         base_url: https://example.org/synthetic/\n\
         anonymity:\n  k: 3\n  attribution: [role, borough]\n  identifiers: private/identifiers.yaml\n  max_quote_words: 150\n"
            .into(),
    );

    // Identifiers: generated last, checked against every word written above.
    let identifiers = identifiers(&mut rng, args.identifiers, &out.words);
    out.files
        .insert("private/identifiers.yaml".into(), identifiers);
    out
}

fn identifiers(rng: &mut Rng, people: usize, used: &HashSet<String>) -> String {
    let free = |w: &str| !used.contains(&w.to_ascii_lowercase());
    let capacity = FIRST_A.len() * FIRST_B.len() * LAST_A.len() * LAST_B.len();
    let people = people.min(capacity / 2);
    let mut names: BTreeSet<String> = BTreeSet::new();
    let mut ordered: Vec<String> = Vec::with_capacity(people);
    while ordered.len() < people {
        let first = format!("{}{}", rng.pick(FIRST_A), rng.pick(FIRST_B));
        let last = format!("{}{}", rng.pick(LAST_A), rng.pick(LAST_B));
        if !free(&first) || !free(&last) {
            continue;
        }
        let name = format!("{first} {last}");
        if names.insert(name.clone()) {
            ordered.push(name);
        }
    }
    let mut stems: BTreeSet<String> = BTreeSet::new();
    let mut stem = |rng: &mut Rng| loop {
        let s = format!("{}{}", rng.pick(LAST_A), rng.pick(LAST_B));
        if free(&s) && stems.insert(s.clone()) {
            return s;
        }
    };
    let places: Vec<String> = (0..50)
        .map(|_| format!("{}{}", stem(rng), rng.pick(PLACE_SUFFIX)))
        .collect();
    let organisations: Vec<String> = (0..20)
        .map(|_| format!("{}{}", stem(rng), rng.pick(ORG_SUFFIX)))
        .collect();
    let mut text = String::from(
        "# Generated identifiers: syllable names that occur nowhere in the content.\n\
         # The build must find none of them (an error each if it did).\npeople:\n",
    );
    for n in &ordered {
        writeln!(text, "  - {n}").unwrap();
    }
    text.push_str("places:\n");
    for p in &places {
        writeln!(text, "  - {p}").unwrap();
    }
    text.push_str("organisations:\n");
    for o in &organisations {
        writeln!(text, "  - {o}").unwrap();
    }
    text.push_str("replace:\n");
    for (n, p) in places.iter().take(3).enumerate() {
        writeln!(text, "  {p}: {}", borough_title(n)).unwrap();
    }
    text
}

// ----------------------------------------------------------------- Hugo twin

/// The Hugo site's own files (configuration and a minimal layout making the
/// same kinds of pages as evalsite's default theme), kept as real files in
/// bench/hugo/ so that they read and diff as templates.
const HUGO_SITE: &[(&str, &str)] = &[
    ("hugo.yaml", include_str!("hugo/hugo.yaml")),
    (
        "layouts/baseof.html",
        include_str!("hugo/layouts/baseof.html"),
    ),
    ("layouts/home.html", include_str!("hugo/layouts/home.html")),
    ("layouts/list.html", include_str!("hugo/layouts/list.html")),
    ("layouts/page.html", include_str!("hugo/layouts/page.html")),
    (
        "layouts/_markup/render-image.html",
        include_str!("hugo/layouts/_markup/render-image.html"),
    ),
    (
        "layouts/_markup/render-link.html",
        include_str!("hugo/layouts/_markup/render-link.html"),
    ),
    (
        "layouts/_partials/citations.html",
        include_str!("hugo/layouts/_partials/citations.html"),
    ),
    (
        "layouts/_partials/figure.html",
        include_str!("hugo/layouts/_partials/figure.html"),
    ),
    (
        "layouts/_partials/nav.html",
        include_str!("hugo/layouts/_partials/nav.html"),
    ),
    (
        "layouts/_partials/nav-items.html",
        include_str!("hugo/layouts/_partials/nav-items.html"),
    ),
    (
        "layouts/_partials/resolve.html",
        include_str!("hugo/layouts/_partials/resolve.html"),
    ),
    (
        "layouts/boroughs/term.html",
        include_str!("hugo/layouts/boroughs/term.html"),
    ),
    (
        "layouts/codes/taxonomy.html",
        include_str!("hugo/layouts/codes/taxonomy.html"),
    ),
    (
        "layouts/codes/term.html",
        include_str!("hugo/layouts/codes/term.html"),
    ),
    (
        "layouts/findings/page.html",
        include_str!("hugo/layouts/findings/page.html"),
    ),
    (
        "layouts/pathways/page.html",
        include_str!("hugo/layouts/pathways/page.html"),
    ),
    (
        "layouts/quotes/page.html",
        include_str!("hugo/layouts/quotes/page.html"),
    ),
    (
        "layouts/quotes/section.html",
        include_str!("hugo/layouts/quotes/section.html"),
    ),
];

/// The Hugo twin of a generated project: every file whose text reaches
/// evalsite's site, with the same text, where Hugo looks for it.
///
/// - Bodies are unchanged: evalsite's links and embeds (`[](finding:f-00002)`,
///   `![](quote:q-00001)`) are resolved by the layout's render hooks.
/// - Codes and boroughs are Hugo taxonomies, so that their pages list what is
///   coded or placed there; their own text becomes the term's `_index.md`.
/// - Quotes leave their borough folders (so their pages are
///   `quotes/q-NNNNN.html`, as in evalsite's site) and say their borough in
///   front matter (`boroughs: [bNN]`: evalsite takes it from the registry).
/// - The participant registry becomes a data file keyed by id, from which the
///   layout draws each quote's attribution.
/// - evalsite.yaml and private/ have no counterpart: Hugo checks nothing.
fn hugo_twin(out: &Out) -> Result<BTreeMap<String, String>, String> {
    let mut twin = BTreeMap::new();
    for (path, text) in &out.files {
        let moved = if let Some(rest) = path.strip_prefix("content/quotes/") {
            let (borough, file) = rest
                .split_once('/')
                .ok_or_else(|| format!("{path}: a quote outside a borough folder"))?;
            let body = text
                .strip_prefix("---\n")
                .ok_or_else(|| format!("{path}: no front matter"))?;
            Some((
                format!("content/quotes/{file}"),
                format!("---\nboroughs: [{borough}]\n{body}"),
            ))
        } else if let Some(file) = path.strip_prefix("content/codebook/") {
            let id = file.trim_end_matches(".md");
            Some((format!("content/codes/{id}/_index.md"), text.clone()))
        } else if let Some(file) = path.strip_prefix("content/boroughs/") {
            let id = file.trim_end_matches(".md");
            Some((format!("content/boroughs/{id}/_index.md"), text.clone()))
        } else if path == "content/index.md" {
            Some(("content/_index.md".to_string(), text.clone()))
        } else if path == "content/participants.yaml" {
            Some(("data/participants.yaml".to_string(), registry_by_id(text)?))
        } else if path.starts_with("content/") {
            // findings, pathways, pages: the same path and text.
            Some((path.clone(), text.clone()))
        } else {
            None // evalsite.yaml, private/
        };
        if let Some((to, text)) = moved {
            twin.insert(to, text);
        }
    }
    for (path, text) in HUGO_SITE {
        twin.insert((*path).to_string(), (*text).to_string());
    }
    Ok(twin)
}

/// `  - {id: X, role: ...}` lines to `X: {role: ...}`: a map Hugo's templates
/// can index by a quote's `participant:`.
fn registry_by_id(registry: &str) -> Result<String, String> {
    let mut text = String::from("# The participant registry by id (bench/corpus.rs --hugo).\n");
    for line in registry.lines() {
        if let Some(entry) = line.strip_prefix("  - {id: ") {
            let (id, rest) = entry
                .split_once(", ")
                .ok_or_else(|| format!("participants.yaml: cannot read `{line}`"))?;
            writeln!(text, "{id}: {{{rest}").unwrap();
        }
    }
    Ok(text)
}

// ----------------------------------------------------------------- main

fn write_all(root: &Path, files: &BTreeMap<String, String>) -> std::io::Result<u64> {
    let mut bytes = 0;
    let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
    for (path, text) in files {
        let full = root.join(path);
        if let Some(parent) = full.parent()
            && dirs.insert(parent.to_path_buf())
        {
            fs::create_dir_all(parent)?;
        }
        fs::write(&full, text)?;
        bytes += text.len() as u64;
    }
    Ok(bytes)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    // Stale files from a run with other arguments would change the project
    // (only folders this generator writes are cleared).
    let mut stale = vec![args.out.join("content")];
    if let Some(twin) = &args.hugo {
        stale.extend(["content", "data", "layouts"].map(|d| twin.join(d)));
    }
    for dir in stale.iter().filter(|d| d.exists()) {
        if let Err(e) = fs::remove_dir_all(dir) {
            eprintln!("cannot clear {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    let out = generate(&args);
    let bytes = match write_all(&args.out, &out.files) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("cannot write into {}: {e}", args.out.display());
            return ExitCode::FAILURE;
        }
    };
    let count = |prefix: &str| out.files.keys().filter(|p| p.starts_with(prefix)).count();
    println!(
        "wrote {}: {} files, {:.1} MB: {} boroughs, {} quotes, {} findings, {} codes, {} pathway maps, {} pages, {} identifier people (+50 places, 20 organisations), seed {}",
        args.out.display(),
        out.files.len(),
        bytes as f64 / 1e6,
        count("content/boroughs/"),
        count("content/quotes/"),
        count("content/findings/"),
        count("content/codebook/"),
        count("content/pathways/"),
        count("content/pages/"),
        args.identifiers,
        args.seed
    );
    if let Some(dir) = &args.hugo {
        let twin = match hugo_twin(&out) {
            Ok(twin) => twin,
            Err(message) => {
                eprintln!("cannot make the Hugo twin: {message}");
                return ExitCode::FAILURE;
            }
        };
        match write_all(dir, &twin) {
            Ok(bytes) => println!(
                "wrote the Hugo twin {}: {} files, {:.1} MB",
                dir.display(),
                twin.len(),
                bytes as f64 / 1e6
            ),
            Err(e) => {
                eprintln!("cannot write into {}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Args {
        Args {
            out: PathBuf::from("unused"),
            quotes: 60,
            boroughs: 3,
            identifiers: 20,
            seed: 7,
            hugo: None,
        }
    }

    /// The text after a file's front matter.
    fn body(text: &str) -> &str {
        let rest = text.strip_prefix("---\n").unwrap();
        &rest[rest.find("\n---\n").unwrap() + 5..]
    }

    // A layout file added to bench/hugo/ but not to HUGO_SITE would be left
    // out of every twin without a word.
    #[test]
    fn every_file_of_bench_hugo_is_in_the_twin() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/hugo");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&root).unwrap();
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = HUGO_SITE.iter().map(|(p, _)| p.to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn the_twin_has_every_body_byte_for_byte() {
        let out = generate(&small());
        let twin = hugo_twin(&out).unwrap();
        let mut compared = 0;
        for (path, text) in &out.files {
            let Some(rest) = path.strip_prefix("content/") else {
                continue;
            };
            if !path.ends_with(".md") {
                continue;
            }
            let to = match rest.split_once('/') {
                Some(("quotes", file)) => {
                    format!("content/quotes/{}", file.split_once('/').unwrap().1)
                }
                Some(("codebook", file)) => {
                    format!("content/codes/{}/_index.md", file.trim_end_matches(".md"))
                }
                Some(("boroughs", file)) => {
                    format!(
                        "content/boroughs/{}/_index.md",
                        file.trim_end_matches(".md")
                    )
                }
                None => "content/_index.md".to_string(),
                _ => path.clone(),
            };
            let copy = twin
                .get(&to)
                .unwrap_or_else(|| panic!("{path}: no {to} in the twin"));
            assert_eq!(body(copy), body(text), "{path}");
            compared += 1;
        }
        assert_eq!(compared, 60 + 12 + 40 + 3 + 6 + 1 + 2);
        // Every participant is in the data file the attributions come from.
        let registry = &twin["data/participants.yaml"];
        assert_eq!(
            registry.lines().filter(|l| l.contains(": {role: ")).count(),
            out.files["content/participants.yaml"]
                .lines()
                .filter(|l| l.starts_with("  - {id: "))
                .count()
        );
        assert!(!twin.keys().any(|p| p.starts_with("private/")));
    }
}
