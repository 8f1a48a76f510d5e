//! The one harness for integration tests: copy a fixture project from
//! `tests/fixtures/<case>/` into a temporary folder, change files in it, run
//! the real `evalsite` binary on it, and read what it wrote.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Project {
    dir: tempfile::TempDir,
}

/// What one run of the binary printed and returned.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Fails the test with everything printed when the exit code differs.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(from).unwrap();
        if relative.starts_with("site") {
            continue;
        }
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Project {
    /// A copy of `tests/fixtures/<case>`.
    pub fn fixture(case: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixtures().join(case), dir.path());
        Project { dir }
    }

    /// A copy of the repository's own example (content/, evalsite.yaml, private/).
    pub fn example() -> Project {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_tree(&repo.join("content"), &dir.path().join("content"));
        copy_tree(&repo.join("private"), &dir.path().join("private"));
        std::fs::copy(repo.join("evalsite.yaml"), dir.path().join("evalsite.yaml")).unwrap();
        Project { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) -> &Project {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative))
            .unwrap_or_else(|e| panic!("reading {relative}: {e}"))
    }

    /// Replaces the first occurrence of `from` in a file.
    pub fn edit(&self, relative: &str, from: &str, to: &str) -> &Project {
        let text = self.read(relative);
        assert!(text.contains(from), "{relative} does not contain {from:?}");
        self.write(relative, text.replacen(from, to, 1))
    }

    pub fn remove(&self, relative: &str) -> &Project {
        std::fs::remove_file(self.path(relative)).unwrap();
        self
    }

    /// Runs `evalsite ARGS --root ROOT` (the root is added after the subcommand).
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    /// [`Project::run`] with these environment variables set.
    pub fn run_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_evalsite"));
        command
            .arg(args[0])
            .arg("--root")
            .arg(self.root())
            .args(&args[1..]);
        command.env("NO_COLOR", "1").envs(vars.iter().copied());
        let output = command.output().expect("running evalsite");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr)
                .replace(&self.root().display().to_string(), "ROOT"),
        }
    }

    /// Runs `evalsite ARGS` from inside the project folder, without
    /// `--root` (so `.` is the project, as for a researcher in a terminal).
    pub fn run_inside(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_evalsite"))
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .output()
            .expect("running evalsite");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr)
                .replace(&self.root().display().to_string(), "ROOT"),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// Every file under `site/` with its contents, to compare before and
    /// after, but for the marker at its top (`.evalsite-site`, the same
    /// text in every site, which serve mode has no need to serve).
    pub fn site_files(&self) -> BTreeMap<String, Vec<u8>> {
        let site = self.path("site");
        let mut files = BTreeMap::new();
        if !site.exists() {
            return files;
        }
        for entry in walkdir::WalkDir::new(&site) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let relative = entry
                    .path()
                    .strip_prefix(&site)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                if relative == ".evalsite-site" {
                    continue;
                }
                files.insert(relative, std::fs::read(entry.path()).unwrap());
            }
        }
        files
    }

    /// What evalsite left beside site/ (staging folders, old sites, lock
    /// files): nothing, after a build that ended, passed or failed.
    pub fn beside_site(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".evalsite-"))
            .collect();
        names.sort();
        names
    }

    /// The text of a generated page.
    pub fn page(&self, relative: &str) -> String {
        self.read(&format!("site/{relative}"))
    }
}

/// Like [`build_fails`], for any anonymity check: builds the basic
/// fixture, applies `change`, builds again and checks exit code 1, an
/// anonymity error at `location`, site/ untouched, and `check` failing
/// too. Where the source checks read a disguise before the gate does, they
/// report it with their own code at the same line, which is what the
/// researcher needs. Returns what the build printed.
pub fn refused(change: impl Fn(&Project), location: &str) -> String {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    let before = project.site_files();
    change(&project);
    let run = project.build();
    run.expect_code(1);
    assert!(run.stderr.contains("error[anonymity::"), "{}", run.stderr);
    assert!(
        run.stderr.contains(location),
        "expected {location} in:\n{}",
        run.stderr
    );
    assert_eq!(project.site_files(), before, "site/ must be left as it was");
    assert_eq!(project.beside_site(), [] as [String; 0]);
    project.run(&["check"]).expect_code(1);
    run.stderr
}

/// Builds the `basic` fixture once (so there is a site to protect), applies
/// `change`, builds again, and checks the failure: exit code 1, an error with
/// `code` at `location`, and site/ left exactly as it was. Returns what was
/// printed.
pub fn build_fails(change: impl Fn(&Project), location: &str, code: &str) -> String {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    let before = project.site_files();
    assert!(!before.is_empty());
    change(&project);
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("error[{code}]")),
        "expected {code} in:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(location),
        "expected {location} in:\n{}",
        run.stderr
    );
    assert_eq!(
        project.site_files(),
        before,
        "site/ must be left exactly as it was"
    );
    assert_eq!(project.beside_site(), [] as [String; 0]);
    // `check`, which keeps no page, reports exactly what the build did.
    let check = project.run(&["check"]);
    check.expect_code(1);
    assert_eq!(
        all_but_last_line(&check.stderr),
        all_but_last_line(&run.stderr),
        "check and build differ"
    );
    run.stderr
}

/// [`build_fails`] for `change`, then `check --format json` on the same
/// change: what a researcher and a CI system are shown (the text, and the
/// JSON lines, each checked to be JSON).
pub fn failures(change: impl Fn(&Project), location: &str, code: &str) -> (String, String) {
    let text = build_fails(&change, location, code);
    let project = Project::fixture("basic");
    change(&project);
    (text, check_json(&project, 1))
}

/// What `check` says of `project`, and says in JSON, both exiting with
/// `code`: for diagnostics that do not stop a build (warnings), or of a
/// project already changed.
pub fn checked(project: &Project, code: i32) -> (String, String) {
    let run = project.run(&["check"]);
    run.expect_code(code);
    (run.stderr, check_json(project, code))
}

/// `check --format json`'s lines, each checked to be JSON.
fn check_json(project: &Project, code: i32) -> String {
    let run = project.run(&["check", "--format", "json"]);
    run.expect_code(code);
    for line in run.stdout.lines() {
        serde_json::from_str::<serde_json::Value>(line)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    }
    run.stdout
}

/// Snapshots what a researcher and a CI system are shown, a `(text, json)`
/// pair (from [`failures`] or [`checked`]), as one snapshot named for the
/// test, or `name`; gives the text. A macro, so that insta names the
/// snapshot for the test it is in.
#[macro_export]
macro_rules! assert_shown {
    ($shown:expr $(,)?) => {{
        let (text, json) = $shown;
        insta::assert_snapshot!(format!("{text}\n--- check --format json\n{json}"));
        text
    }};
    ($name:expr, $shown:expr $(,)?) => {{
        let (text, json) = $shown;
        insta::assert_snapshot!($name, format!("{text}\n--- check --format json\n{json}"));
        text
    }};
}

/// [`build_fails`] for `change`, with what a researcher and a CI system are
/// shown snapshotted ([`assert_shown`]); gives the text.
#[macro_export]
macro_rules! fails_at {
    ($change:expr, $location:expr, $code:expr $(,)?) => {
        $crate::assert_shown!($crate::common::failures($change, $location, $code))
    };
}

fn all_but_last_line(text: &str) -> &str {
    let text = text.trim_end();
    text.rfind('\n').map_or("", |end| &text[..end])
}

/// A tiny deterministic generator, so the sequence of edits is the same on
/// every run.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Two more GPs in Borough B and one in a Borough C, so a GP's quote
/// attributed by role alone passes study-wide (4 GPs, k = 2), and by
/// elimination (Boroughs A and C each have one GP, so "GP" could be either),
/// while Borough A has one GP; the GP's quote `gp-says` (participant
/// a-gp-1), attributed by role.
pub fn gp_quote(p: &Project) {
    let registry = p.read("content/participants.yaml");
    p.write(
        "content/participants.yaml",
        format!(
            "{registry}  - {{id: b-gp-1, role: GP, sector: primary-care, borough: b}}\n  - {{id: b-gp-2, role: GP, sector: primary-care, borough: b}}\n  - {{id: c-gp-1, role: GP, sector: primary-care, borough: c}}\n"
        ),
    );
    p.write(
        "content/boroughs/c.md",
        "---\ntitle: Borough C\norder: 3\n---\nA third borough.\n",
    );
    p.write(
        "content/quotes/a/gp-says.md",
        "---\nparticipant: a-gp-1\nsource: interview\ncodes: [co-location]\nattribution: [role]\n---\nThe GP view is that nobody reads the notes.\n",
    );
}

/// The file of Borough B's report.
pub const BOROUGH_B: &str = "content/boroughs/b.md";

/// Borough B's report with `body` as its overview (line 5 of the file).
pub fn borough_b(body: &str) -> impl Fn(&Project) + '_ {
    move |p: &Project| {
        p.write(
            BOROUGH_B,
            format!("---\ntitle: Borough B\norder: 2\n---\n{body}\n"),
        );
    }
}

/// The theme's style sheet with `rule` added at its end.
pub fn style_with(rule: &str) -> impl Fn(&Project) + '_ {
    move |p: &Project| {
        let css = include_str!("../../themes/default/static/style.css");
        p.write(
            "themes/default/static/style.css",
            format!("{css}\n{rule}\n"),
        );
    }
}

/// The registry with Borough A's two social workers' roles as given.
pub fn two_social_workers(first: &str, second: &str) -> Project {
    let project = Project::fixture("basic");
    project.write(
        "content/participants.yaml",
        format!(
            "participants:\n\
             \x20 - {{id: a-sw-1, role: \"{first}\", sector: social-care, borough: a}}\n\
             \x20 - {{id: a-sw-2, role: \"{second}\", sector: social-care, borough: a}}\n\
             \x20 - {{id: a-gp-1, role: GP, sector: primary-care, borough: a}}\n\
             \x20 - {{id: b-dn-1, role: District nurse, sector: health, borough: b}}\n\
             \x20 - {{id: b-dn-2, role: District nurse, sector: health, borough: b, consent: no-quotes}}\n"
        ),
    );
    project
}

/// [`gp_quote`], and Borough A's report with `line` at line 7 of its
/// file: Borough A has one GP, so a report about it that shows or leads to
/// the GP's quote (attributed by role) tells readers which GP said it.
pub fn borough_a_with(line: &str) -> impl Fn(&Project) + '_ {
    move |p: &Project| {
        gp_quote(p);
        p.write(
            "content/boroughs/a.md",
            format!("---\ntitle: Borough A\norder: 1\n---\nOverview.\n\n{line}\n"),
        );
    }
}

/// The bundled fixture's free page, where tests place tables.
pub const METHODS: &str = "content/pages/methods.md";

pub fn methods_with(body: &str) -> String {
    format!("---\ntitle: Methods\norder: 1\n---\n{body}")
}

/// [`build_fails`] with `body` as the methods page's body, refused with
/// `code` at its first line (line 5 of the page); gives stderr.
pub fn methods_fails(body: &str, code: &str) -> String {
    build_fails(
        |p| {
            p.write(METHODS, methods_with(body));
        },
        &format!("{METHODS}:5:"),
        code,
    )
}

/// Each row of the page's participant tables: its heading, then its cells'
/// text (a hidden count reads `–`).
pub fn table_rows(html: &str) -> Vec<Vec<Vec<String>>> {
    use scraper::{Html, Selector};
    let page = Html::parse_document(html);
    let tables = Selector::parse("table.participants").unwrap();
    let rows = Selector::parse("tr").unwrap();
    let cells = Selector::parse("th, td").unwrap();
    page.select(&tables)
        .map(|table| {
            table
                .select(&rows)
                .map(|row| {
                    row.select(&cells)
                        .map(|cell| {
                            // A hidden count: its visible mark, not the
                            // words for screen readers.
                            let text: String = cell.text().collect();
                            text.replace("not shown", "").trim().to_string()
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// A registry for k = 3: Borough A has 4 social workers, 1 GP and 3
/// district nurses (total 8); Borough B has 3 GPs and 2 district nurses
/// (one `no-quotes`, and one who withdrew).
pub const K3_REGISTRY: &str = "participants:
  - {id: a-sw-1, role: Social worker, sector: social-care, borough: a}
  - {id: a-sw-2, role: Social worker, sector: social-care, borough: a}
  - {id: a-sw-3, role: Social worker, sector: social-care, borough: a}
  - {id: a-sw-4, role: Social worker, sector: social-care, borough: a}
  - {id: a-gp-1, role: GP, sector: primary-care, borough: a}
  - {id: b-gp-1, role: GP, sector: primary-care, borough: b}
  - {id: b-gp-2, role: GP, sector: primary-care, borough: b}
  - {id: b-gp-3, role: GP, sector: primary-care, borough: b}
  - {id: a-dn-1, role: District nurse, sector: health, borough: a}
  - {id: a-dn-2, role: District nurse, sector: health, borough: a}
  - {id: a-dn-3, role: District nurse, sector: health, borough: a}
  - {id: b-dn-1, role: District nurse, sector: health, borough: b}
  - {id: b-dn-2, role: District nurse, sector: health, borough: b, consent: no-quotes}
  - {id: b-dn-3, role: District nurse, sector: health, borough: b, consent: withdrawn}
";

/// The `basic` fixture with k = 3 and [`K3_REGISTRY`].
pub fn project_with_k3() -> Project {
    let project = Project::fixture("basic");
    project
        .edit("evalsite.yaml", "k: 2", "k: 3")
        .write("content/participants.yaml", K3_REGISTRY);
    project
}

/// The cell of `table` in the row labelled `row` and the column headed `col`.
pub fn cell(table: &[Vec<String>], row: &str, col: &str) -> String {
    let c = table[0].iter().position(|h| h == col).expect(col);
    let r = table
        .iter()
        .find(|r| r[0] == row)
        .unwrap_or_else(|| panic!("{row}: {table:?}"));
    r[c].clone()
}

/// A registry of `(role, sector, borough, how many)`, each id made from the
/// borough and the role's initials (`a-dn-1`; `a-dn-health-1` for a second
/// group of the same initials).
pub fn participants(lines: &[(&str, &str, &str, usize)]) -> String {
    let mut out = String::from("participants:\n");
    let mut seen = std::collections::HashSet::new();
    for (role, sector, borough, count) in lines {
        let initials: String = role
            .split_whitespace()
            .map(|w| w.chars().next().unwrap().to_ascii_lowercase())
            .collect();
        let initials = if initials == "g" {
            "gp".to_string()
        } else {
            initials
        };
        let stem = if seen.insert(format!("{borough}-{initials}")) {
            format!("{borough}-{initials}")
        } else {
            format!("{borough}-{initials}-{sector}")
        };
        for n in 1..=*count {
            out.push_str(&format!(
                "  - {{id: {stem}-{n}, role: {role}, sector: {sector}, borough: {borough}}}\n"
            ));
        }
    }
    out
}

/// Borough A's report with `body`.
pub fn borough_a_page(body: &str) -> String {
    format!("---\ntitle: Borough A\norder: 1\nsummary: An extended primary care team.\n---\n{body}")
}

/// Whether a build's messages warn of a count the generated tables hide
/// (or a small one).
pub fn warns_of_a_count(stderr: &str) -> bool {
    stderr.contains("table::hidden-count") || stderr.contains("table::small-count")
}

/// The sentences of `cases` that the build lets through without a
/// `table::hidden-count` (or `table::small-count`) warning, each set in
/// the project `make` gives by `place`.
pub fn unwarned<'a>(
    cases: &[&'a str],
    make: impl Fn() -> Project,
    place: impl Fn(&Project, &str),
) -> Vec<&'a str> {
    let mut silent = Vec::new();
    for &case in cases {
        let project = make();
        place(&project, case);
        let run = project.build();
        run.expect_code(0);
        if !warns_of_a_count(&run.stderr) {
            silent.push(case);
        }
    }
    silent
}

/// Borough A's "Who took part", k = 3 and the registry of
/// `project_with_k3`: 8 in all, 4 social workers shown, the GP (1) and the
/// 3 district nurses hidden. Any sentence that gives the 3 nurses gives
/// 8 − 4 − 3 = 1 GP.
pub fn assert_borough_a_hides_its_nurses(project: &Project) {
    let who = &table_rows(&project.page("boroughs/a.html"))[0];
    assert_eq!(cell(who, "District nurse", "Participants"), "–", "{who:?}");
    assert_eq!(cell(who, "GP", "Participants"), "–", "{who:?}");
    assert_eq!(cell(who, "Social worker", "Participants"), "4", "{who:?}");
    assert_eq!(cell(who, "Total", "Participants"), "8", "{who:?}");
}

/// The `basic` fixture with k = 3 and a registry of `lines` (see
/// [`participants`]).
pub fn project_with_k3_registry(lines: &[(&str, &str, &str, usize)]) -> Project {
    let project = Project::fixture("basic");
    project
        .edit("evalsite.yaml", "k: 2", "k: 3")
        .write("content/participants.yaml", participants(lines));
    project
}

/// Borough A with one GP, three district nurses, four community matrons
/// (health) and five social workers; Borough B with three of each. With
/// k = 3, `role/borough` hides A's GP and, to keep it, A's nurses.
pub const LONE_GP_IN_A: &[(&str, &str, &str, usize)] = &[
    ("GP", "primary-care", "a", 1),
    ("District nurse", "health", "a", 3),
    ("Community matron", "health", "a", 4),
    ("Social worker", "social-care", "a", 5),
    ("GP", "primary-care", "b", 3),
    ("District nurse", "health", "b", 3),
    ("Community matron", "health", "b", 3),
    ("Social worker", "social-care", "b", 3),
];

/// The identifiers list with "St Brannock's Hospital" among its places,
/// and the methods page allowing it, titled `title` (red team, rounds 16
/// to 19).
pub fn brannock_in_title(title: &str) -> Project {
    let project = Project::fixture("basic");
    project.write(
        "private/identifiers.yaml",
        "people: [Marjorie Quillfeather]\nplaces: [Thistlebury, \"St Brannock's Hospital\"]\norganisations: []\n",
    );
    project.write(
        METHODS,
        format!(
            "---\ntitle: {title}\norder: 1\nanonymity:\n  allow: [\"St Brannock's Hospital\"]\n  \
             reason: named in the programme's published business case\n---\nWe met there.\n"
        ),
    );
    project
}

/// A one-pixel grey PNG with one more chunk, of type `kind` holding `data`
/// (metadata: `tEXt`, `iTXt`…), before its pixels, each chunk with its
/// CRC as the PNG standard gives it.
pub fn png_with_chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = match crc & 1 {
                    1 => (crc >> 1) ^ 0xedb8_8320,
                    _ => crc >> 1,
                };
            }
        }
        !crc
    }
    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        chunk.extend_from_slice(&body);
        chunk.extend_from_slice(&crc32(&body).to_be_bytes());
        chunk
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    png.extend(chunk(kind, data));
    // A stored (uncompressed) zlib stream of one row: filter 0, one byte.
    png.extend(chunk(
        b"IDAT",
        &[
            0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x00, 0x80, 0x00, 0x82, 0x00, 0x81,
        ],
    ));
    png.extend(chunk(b"IEND", b""));
    png
}

/// The finding of the basic fixture that tests set a line in.
pub const FINDING: &str = "content/findings/co-location.md";
/// Its first sentence, line 8 of its file.
pub const FINDING_LINE: &str = "Sharing a building did not by itself change how teams worked.";

/// Sets `people` as the identifiers list's people (the fixture's own
/// where empty) and `line` in place of [`FINDING_LINE`].
pub fn set_finding_line(project: &Project, people: &str, line: &str) {
    if !people.is_empty() {
        project.edit(
            "private/identifiers.yaml",
            "people: [Marjorie Quillfeather]",
            &format!("people: [{people}]"),
        );
    }
    project.edit(FINDING, FINDING_LINE, line);
}

/// The basic fixture with [`set_finding_line`].
pub fn finding_with(people: &str, line: &str) -> Project {
    let project = Project::fixture("basic");
    set_finding_line(&project, people, line);
    project
}

/// [`refused`] with `written` printed by the page template, before the
/// page's content: refused at the template's line. Gives stderr.
pub fn template_refused(written: &str) -> String {
    refused(
        |p| {
            p.write(
                "themes/default/templates/page.html",
                format!(
                    "{{% extends \"base.html\" %}}{{% block content %}}\
                     <p>Led by {written}.</p>{{{{ content | safe }}}}{{% endblock content %}}"
                ),
            );
        },
        "themes/default/templates/page.html:1:",
    )
}
