//! Issue #19 (never lose a researcher's files, never fail open, never
//! hang) and #18.7 (a missing identifiers list): one regression test for
//! each defect, through the real binary, with the input that broke it.

mod common;

use common::{Project, Run};

const QUOTE: &str = "content/quotes/a/forum-notes.md";

/// Every line of a `--format json` run's standard output is one JSON object;
/// their codes, in order.
fn json_codes(run: &Run) -> Vec<String> {
    run.stdout
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not JSON ({e}): {line}\n{}", run.stderr));
            value["code"].as_str().unwrap().to_string()
        })
        .collect()
}

/// The JSON diagnostic with `code`, whole.
fn json_of(run: &Run, code: &str) -> serde_json::Value {
    run.stdout
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .find(|value| value["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in\n{}\n{}", run.stdout, run.stderr))
}

// #19.3: any byte that is not UTF-8, in any project file, made `check
// --format json` panic (exit 101): the span was made on the text after
// U+FFFD replaced the byte, and sliced inside that character.

/// `bytes` with 0xFF put at `at`.
fn with_bad_byte(text: &str, at: usize) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    bytes.insert(at, 0xff);
    bytes
}

/// Puts a byte that is not UTF-8 into `file` at the offset `at` gives for
/// its text, and checks that `check --format json` exits 1 with valid JSON
/// naming the file at `line:column`, and that the text form names it too.
fn not_utf8_is_reported(file: &str, at: impl Fn(&str) -> usize, line: u64, column: u64) {
    let project = Project::fixture("basic");
    let text = std::fs::read_to_string(project.path(file)).unwrap_or_default();
    project.write(file, with_bad_byte(&text, at(&text)));
    let run = project.run(&["check", "--format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.expect_code(1);
    assert!(json_codes(&run).contains(&"load::not-utf8".to_string()));
    let found = json_of(&run, "load::not-utf8");
    assert_eq!(found["file"], file, "{found}");
    assert_eq!(
        (found["line"].as_u64(), found["column"].as_u64()),
        (Some(line), Some(column))
    );
    let text = project.run(&["check"]);
    text.expect_code(1);
    assert!(
        text.stderr.contains(&format!("{file}:{line}:{column}")),
        "{}",
        text.stderr
    );
}

#[test]
fn not_utf8_at_the_start_of_a_quote() {
    not_utf8_is_reported(QUOTE, |_| 0, 1, 1);
}

#[test]
fn not_utf8_inside_front_matter() {
    not_utf8_is_reported(QUOTE, |t| t.find("field-notes").unwrap() + 5, 2, 14);
}

#[test]
fn not_utf8_in_the_middle_of_a_body() {
    not_utf8_is_reported(QUOTE, |t| t.find("began").unwrap(), 6, 21);
}

#[test]
fn not_utf8_at_the_end_of_a_file() {
    not_utf8_is_reported(QUOTE, str::len, 7, 1);
}

#[test]
fn not_utf8_in_the_participant_registry() {
    not_utf8_is_reported(
        "content/participants.yaml",
        |t| t.find("GP").unwrap(),
        4,
        24,
    );
}

#[test]
fn not_utf8_in_the_settings() {
    not_utf8_is_reported("evalsite.yaml", |t| t.find("Fixture").unwrap(), 1, 8);
}

#[test]
fn not_utf8_in_the_identifiers_list() {
    not_utf8_is_reported("private/identifiers.yaml", |_| 0, 1, 1);
}

#[test]
fn not_utf8_in_a_template() {
    let template = "themes/default/templates/page.html";
    let default =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(template))
            .unwrap();
    let project = Project::fixture("basic");
    project.write(template, &default);
    not_utf8_in(&project, template);
}

fn not_utf8_in(project: &Project, file: &str) {
    let text = project.read(file);
    project.write(file, with_bad_byte(&text, 0));
    let run = project.run(&["check", "--format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.expect_code(1);
    let found = json_of(&run, "load::not-utf8");
    assert_eq!(found["file"], file, "{found}");
    assert_eq!(found["line"], 1);
}

// #19.7: whole source lines were echoed without limit: a quote of 50 MB on
// one line printed a warning of 100 MB. (2 MB here.)
#[test]
fn a_message_about_a_huge_line_is_short() {
    let project = Project::fixture("basic");
    let line = format!(
        "{} call 07700 900123 now {}",
        "word ".repeat(400_000),
        "more ".repeat(1000)
    );
    project.edit(
        QUOTE,
        "The discharge forum began late; two teams sat apart.",
        &line,
    );
    for format in ["human", "json"] {
        let run = project.run(&["check", "--format", format]);
        run.expect_code(1);
        let printed = run.stdout.len() + run.stderr.len();
        assert!(printed < 4_000, "{printed} bytes printed as {format}");
    }
    let run = project.run(&["check"]);
    assert!(
        run.stderr.contains(&format!("{QUOTE}:6:2000007")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("word  call 07700 900123 now more"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("anonymity::long-quote"),
        "{}",
        run.stderr
    );
}

/// Every file and folder under `dir` (relative, sorted), links not followed,
/// with the contents of files: to show that nothing changed.
fn everything(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut found: Vec<_> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(Result::unwrap)
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let text = match e.file_type().is_file() {
                true => String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned(),
                false => String::new(),
            };
            (relative, text)
        })
        .collect();
    found.sort();
    found
}

// #19.1: any --output folder holding an index.html was taken for an old
// site and replaced: `--output public` deleted thesis.docx and photos/.
#[test]
fn an_output_folder_of_someones_files_is_refused_and_kept() {
    let project = Project::fixture("basic");
    project.write("public/index.html", "<p>My own page</p>");
    project.write("public/thesis.docx", "precious");
    project.write("public/photos/team.jpg", "jpeg");
    let before = everything(&project.path("public"));
    let run = project.run(&[
        "build",
        "--output",
        project.path("public").to_str().unwrap(),
    ]);
    run.expect_code(1);
    assert_eq!(
        everything(&project.path("public")),
        before,
        "nothing deleted"
    );
    insta::assert_snapshot!("refused_public", run.stderr);
}

// #19.1: `--output .` at a project root with an index.html deleted
// content/, private/ and evalsite.yaml.
#[test]
fn the_project_folder_is_never_an_output_folder() {
    let project = Project::fixture("basic");
    project.write("index.html", "<p>a page</p>");
    let before = everything(project.root());
    let run = project.run_inside(&["build", "--output", "."]);
    run.expect_code(1);
    assert_eq!(everything(project.root()), before, "nothing changed");
    insta::assert_snapshot!("refused_project_root", run.stderr);
    // The folder above it holds it.
    let run = project.run_inside(&["build", "--output", ".."]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("into ..: it holds the project folder"),
        "{}",
        run.stderr
    );
    assert_eq!(everything(project.root()), before);
}

#[test]
fn content_and_private_and_the_folders_around_them_are_refused() {
    let project = Project::fixture("basic");
    project.write("themes/mine/templates/.keep", "");
    project.edit("evalsite.yaml", "title:", "theme: mine\ntitle:");
    let before = everything(project.root());
    for (output, says) in [
        ("content", "it is content/"),
        ("private", "it is private/"),
        ("private/identifiers.yaml", "it is the identifiers list"),
        ("themes", "it holds the theme's folder"),
        ("themes/mine", "it is the theme's folder"),
        ("content/site", "it is inside content/, which a build reads"),
    ] {
        let run = project.run_inside(&["build", "--output", output]);
        run.expect_code(1);
        assert!(
            run.stderr.contains(&format!("into {output}: {says}")),
            "{output}:\n{}",
            run.stderr
        );
        assert_eq!(everything(project.root()), before, "{output}");
    }
}

#[test]
fn a_site_evalsite_made_is_replaced() {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    assert!(
        project
            .read("site/.evalsite-site")
            .contains("written by evalsite")
    );
    project.edit(
        "content/pages/methods.md",
        "title: Methods",
        "title: Our methods",
    );
    let page = project.read("content/pages/methods.md");
    project.remove("content/pages/methods.md");
    project.write("content/pages/approach.md", page);
    project.build().expect_code(0);
    assert!(project.page("pages/approach.html").contains("Our methods"));
    assert!(
        !project.path("site/pages/methods.html").exists(),
        "a page the previous build wrote is gone"
    );
    let marker = project.read("site/.evalsite-site");
    assert!(
        !marker.contains(&project.root().display().to_string()),
        "no path published"
    );
    assert!(
        marker
            .lines()
            .any(|line| line.ends_with(" pages/approach.html"))
    );
}

// #19.1 (follow-up): a marked site/ was replaced whole, so a file a
// researcher added by hand (a CNAME, a .git folder from publishing,
// downloads/report.pdf) was deleted by the next build. Now the marker lists
// what the build wrote, and anything else stops the build, named.
#[test]
fn files_added_to_a_built_site_are_never_deleted() {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    project.write("site/CNAME", "report.example.org");
    project.write("site/.git/HEAD", "ref: refs/heads/gh-pages");
    project.write("site/downloads/report.pdf", "%PDF");
    project.write("site/findings/my-notes.html", "<p>mine</p>");
    project.edit(
        "content/pages/methods.md",
        "title: Methods",
        "title: Our methods",
    );
    let before = everything(&project.path("site"));
    let run = project.build();
    run.expect_code(1);
    assert_eq!(everything(&project.path("site")), before, "nothing deleted");
    insta::assert_snapshot!("refused_added_files", run.stderr);
    for added in [
        "site/CNAME",
        "site/.git",
        "site/downloads",
        "site/findings/my-notes.html",
    ] {
        let path = project.path(added);
        match path.is_dir() {
            true => std::fs::remove_dir_all(path).unwrap(),
            false => std::fs::remove_file(path).unwrap(),
        }
    }
    project.build().expect_code(0);
    assert!(project.page("pages/methods.html").contains("Our methods"));
}

// #19.1 (follow-up): past ten files, the refusal counts the rest rather
// than printing every one.
#[test]
fn many_added_files_are_named_ten_at_most() {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    for i in 0..25 {
        project.write(&format!("site/photo-{i:02}.jpg"), "jpeg");
    }
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("site/photo-09.jpg and 15 more"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("photo-10"), "{}", run.stderr);
    assert!(project.path("site/photo-24.jpg").is_file());
}

// #19.1, migration: a site/ from the version before markers (the pages
// this build writes) is replaced; with a file of the researcher's in it,
// it is refused. So is a page this build does not write, even in a folder
// of evalsite's pages (red team, round 21: `pages/notes.html` of the
// researcher's own was deleted with the old site): without a marker,
// nothing tells it from an old page.
#[test]
fn an_unmarked_site_from_the_previous_version() {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    project.remove("site/.evalsite-site");
    project.write("site/findings/deleted-since.html", "old page");
    project.write("site/notes.docx", "mine");
    let run = project.build();
    run.expect_code(1);
    assert!(run.stderr.contains("site/notes.docx"), "{}", run.stderr);
    assert!(project.path("site/findings/deleted-since.html").is_file());
    project.remove("site/notes.docx");
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("site/findings/deleted-since.html"),
        "{}",
        run.stderr
    );
    assert!(project.path("site/findings/deleted-since.html").is_file());
    project.remove("site/findings/deleted-since.html");
    project.build().expect_code(0);
    assert!(project.path("site/.evalsite-site").is_file());
}

// Red team, round 21: an --output folder without a marker holding every
// top page an old site had, and the researcher's own pages in evalsite's
// page folders, was taken for an old site and replaced: their pages were
// deleted. It is refused, naming them, and nothing in it changes.
#[test]
fn own_pages_in_an_unmarked_output_folder_are_never_deleted() {
    let project = Project::fixture("basic");
    project
        .run_inside(&["build", "--output", "out"])
        .expect_code(0);
    project.remove("out/.evalsite-site");
    project.write("out/pages/notes.html", "<p>my own notes</p>");
    project.write("out/static/draft-report.html", "my draft");
    let run = project.run_inside(&["build", "--output", "out"]);
    run.expect_code(1);
    for mine in ["out/pages/notes.html", "out/static/draft-report.html"] {
        assert!(run.stderr.contains(mine), "{mine}: {}", run.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(project.path("out/pages/notes.html")).unwrap(),
        "<p>my own notes</p>"
    );
    assert_eq!(
        std::fs::read_to_string(project.path("out/static/draft-report.html")).unwrap(),
        "my draft"
    );
}

// #19.5: a site/ that is a link to a web root became a folder.
#[cfg(unix)]
#[test]
fn a_site_that_is_a_link_stays_a_link() {
    let project = Project::fixture("basic");
    let web = tempfile::tempdir().unwrap();
    let root = web.path().join("www");
    std::os::unix::fs::symlink(&root, project.path("site")).unwrap();
    for title in ["Methods one", "Methods two"] {
        project.edit(
            "content/pages/methods.md",
            "title: ",
            &format!("title: {title} "),
        );
        project.build().expect_code(0);
        let link = std::fs::symlink_metadata(project.path("site")).unwrap();
        assert!(link.file_type().is_symlink());
        assert_eq!(std::fs::read_link(project.path("site")).unwrap(), root);
        assert!(
            std::fs::read_to_string(root.join("pages/methods.html"))
                .unwrap()
                .contains(title)
        );
        let beside: Vec<_> = std::fs::read_dir(web.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(beside, ["www"], "nothing left beside the web root");
    }
}

// #19.5: 8 of 20 kills left staging folders behind. One that a killed
// build left (named and marked as evalsite makes them) is deleted; one
// without the marker is someone's, and kept.
#[test]
fn a_killed_builds_staging_folder_is_cleaned_and_no_other() {
    let project = Project::fixture("basic");
    // A build killed while writing: its marker lists what it was writing.
    let unfinished = "This folder was written by evalsite build.\nformat: 3\nunfinished: the build writing this folder had not finished\nfiles (length, hash, path):\n9 0123456789abcdef index.html\n";
    project.write(".evalsite-build-site-a1b2c3d4/.evalsite-site", unfinished);
    project.write(".evalsite-build-site-a1b2c3d4/index.html", "half");
    let paths_alone = "This folder was written by evalsite build.\nformat: 2\nfiles:\nindex.html\n";
    project.write(".evalsite-old-site-e5f6g7h8/.evalsite-site", paths_alone);
    project.write(".evalsite-old-site-e5f6g7h8/index.html", "old");
    project.write(".evalsite-build-site-zzzzzzzz/index.html", "not ours");
    project.build().expect_code(0);
    assert!(!project.path(".evalsite-build-site-a1b2c3d4").exists());
    assert!(!project.path(".evalsite-old-site-e5f6g7h8").exists());
    assert_eq!(
        project.read(".evalsite-build-site-zzzzzzzz/index.html"),
        "not ours"
    );
    let names: Vec<String> = std::fs::read_dir(project.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".evalsite-"))
        .collect();
    assert_eq!(names, [".evalsite-build-site-zzzzzzzz"]);
}

// #19 (follow-up): a file edited by hand at a path the marker listed was
// replaced by the next build, and the edit lost. The marker now records
// each file's length and hash; a file that differs stops the build, named,
// and site/ is left exactly as it was.
#[test]
fn a_page_edited_by_hand_in_the_built_site_stops_the_build() {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    project.edit(
        "content/pages/methods.md",
        "title: Methods",
        "title: Our methods",
    );
    // The same length, then longer: neither is taken for evalsite's.
    let page = project.read("site/index.html");
    for edited in [
        page.replacen("<html", "<HTML", 1),
        page.clone() + "<!-- mine -->",
    ] {
        project.write("site/index.html", &edited);
        let before = everything(&project.path("site"));
        let run = project.build();
        run.expect_code(1);
        assert!(
            run.stderr.contains("a file was changed after evalsite wrote it, and a build would overwrite it: ROOT/site/index.html;"),
            "{}",
            run.stderr
        );
        assert_eq!(everything(&project.path("site")), before, "nothing changed");
    }
    insta::assert_snapshot!("refused_changed_page", project.build().stderr);
    // Moved out, the build goes on and writes the page anew.
    std::fs::rename(
        project.path("site/index.html"),
        project.path("my-index.html"),
    )
    .unwrap();
    project.build().expect_code(0);
    assert!(project.read("my-index.html").ends_with("<!-- mine -->"));
    assert!(project.page("index.html").contains("Our methods"));
}

// #19 (follow-up): the same for a page the next build no longer writes (its
// source was renamed): it was deleted with the old site, edits and all.
#[test]
fn a_page_the_next_build_drops_is_not_deleted_once_edited() {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    let page = project.read("site/pages/methods.html");
    project.write(
        "site/pages/methods.html",
        page.replace("Methods", "My notes"),
    );
    let source = project.read("content/pages/methods.md");
    project.remove("content/pages/methods.md");
    project.write("content/pages/approach.md", source);
    let before = everything(&project.path("site"));
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("site/pages/methods.html;"),
        "{}",
        run.stderr
    );
    assert_eq!(everything(&project.path("site")), before);
    project.remove("site/pages/methods.html");
    project.build().expect_code(0);
    assert!(project.path("site/pages/approach.html").is_file());
}

// #19 (follow-up): what a killed build left was deleted whole once it was
// known for evalsite's. Now only what its marker lists goes: a file in it
// that evalsite did not write is kept, in the folder renamed so it can be
// seen, and the build says so.
#[test]
fn a_file_in_a_killed_builds_folder_is_kept_and_named() {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    // As a build killed while removing the old site leaves it, with a file
    // another program put in site/ while that build ran.
    std::fs::rename(
        project.path("site"),
        project.path(".evalsite-old-site-e5f6g7h8"),
    )
    .unwrap();
    project.write(".evalsite-old-site-e5f6g7h8/CNAME", "report.example.org");
    let run = project.build();
    run.expect_code(0);
    assert!(!project.path(".evalsite-old-site-e5f6g7h8").exists());
    assert_eq!(
        everything(&project.path("site-kept")),
        [("CNAME".to_string(), "report.example.org".to_string())]
    );
    assert!(
        run.stderr.contains("warning: evalsite kept ROOT/site-kept, what is left of a folder a stopped build left (.evalsite-old-site-e5f6g7h8): it holds files evalsite did not write, or that were changed after evalsite wrote them: ROOT/site-kept/CNAME;"),
        "{}",
        run.stderr
    );
}

// Red team of writing files as they pass the gate (1372fc9): a build now
// removes what killed builds left as soon as every name has passed, so
// one that then failed on a file's bytes did so too, but said nothing of
// the folder it kept, renamed, with a file someone had put in it.
#[test]
fn a_build_that_fails_names_the_killed_builds_folder_it_kept() {
    let project = Project::fixture("basic");
    let unfinished = "This folder was written by evalsite build.\nformat: 3\nunfinished: the build writing this folder had not finished\nfiles (length, hash, path):\n9 0123456789abcdef index.html\n";
    project.write(".evalsite-build-site-a1b2c3d4/.evalsite-site", unfinished);
    project.write(".evalsite-build-site-a1b2c3d4/notes.txt", "mine");
    leak_in_a_static_file(&project);
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[anonymity::output-leak]"),
        "{}",
        run.stderr
    );
    assert_eq!(project.read("site-kept/notes.txt"), "mine");
    assert!(
        run.stderr.contains("warning: evalsite kept ROOT/site-kept, what is left of a folder a stopped build left (.evalsite-build-site-a1b2c3d4): it holds files evalsite did not write, or that were changed after evalsite wrote them: ROOT/site-kept/notes.txt;"),
        "{}",
        run.stderr
    );
    assert!(!project.path("site").exists());
    assert_eq!(project.beside_site(), [] as [String; 0]);
}

// #19 (follow-up): `format: 1` was never released; a marker of a format
// this version does not know is refused, not read by another format's rule.
#[test]
fn a_marker_of_an_unknown_format_is_refused() {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    let marker = project
        .read("site/.evalsite-site")
        .replace("format: 3", "format: 9");
    project.write("site/.evalsite-site", marker);
    let before = everything(&project.path("site"));
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("its .evalsite-site file is not one this version of evalsite can read"),
        "{}",
        run.stderr
    );
    assert_eq!(everything(&project.path("site")), before);
}

// #19.5: two builds of one project at once: the loser exited 2 and left a
// folder behind. And report case-02: the lock was the project's, so two
// projects writing one --output folder at once (two checkouts, two CI
// jobs) each removed the other's staging folder, and one said "Built"
// over a site cut short, without its marker. The lock is the output
// folder's now, a file beside it. The test holds it itself, so the build
// it runs is the second, every time.
#[test]
fn a_second_build_into_one_output_folder_stops_and_leaves_nothing() {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    let lock = std::fs::File::create(project.path(".evalsite-lock-site")).unwrap();
    lock.try_lock().unwrap();
    project.edit(
        "content/pages/methods.md",
        "title: Methods",
        "title: Changed",
    );
    let before = everything(project.root());
    let run = project.build();
    run.expect_code(2);
    insta::assert_snapshot!("another_build_running", run.stderr);
    assert_eq!(everything(project.root()), before, "nothing left behind");
    // Another project writing the same folder waits its turn too.
    let other = Project::fixture("basic");
    let site = project.path("site");
    let run = other.run(&["build", "--output", site.to_str().unwrap()]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("error: another build is writing"),
        "{}",
        run.stderr
    );
    assert_eq!(everything(project.root()), before, "nothing left behind");
    drop(lock);
    project.build().expect_code(0);
    assert!(project.page("pages/methods.html").contains("Changed"));
    assert!(
        !project.path(".evalsite-lock-site").exists(),
        "the lock file goes with the build that held it"
    );
}

// Second reliability red team, case 1: one folder reached by two names (a
// bind mount) has a lock file beside each name, so two builds wrote it at
// once. The folder itself is locked too; the test holds that lock, as a
// build through the other name would.
#[cfg(unix)]
#[test]
fn a_build_into_a_folder_another_build_holds_by_another_name_stops() {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    let folder = std::fs::File::open(project.path("site")).unwrap();
    folder.try_lock().unwrap();
    let before = everything(project.root());
    let run = project.build();
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("under another name for the same folder"),
        "{}",
        run.stderr
    );
    assert_eq!(everything(project.root()), before, "nothing left behind");
    drop(folder);
    project.build().expect_code(0);
}

// #19 (report case-02): a lock that could not be taken (a read-only
// project folder, a lock file that was a folder) let the build go on
// without it, and one that was a link to nothing was made into a file
// where it pointed, outside the project. Now the build stops, and makes
// nothing.
#[cfg(unix)]
#[test]
fn a_lock_that_cannot_be_taken_stops_the_build_and_makes_nothing() {
    let project = Project::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    // The project's lock file of before, a link to nothing: no longer
    // opened, so nothing is made where it points.
    let old_lock = outside.path().join("old-lock");
    std::os::unix::fs::symlink(&old_lock, project.path(".evalsite.lock")).unwrap();
    project.build().expect_code(0);
    assert!(!old_lock.exists(), "nothing made where the link points");
    project.edit(
        "content/pages/methods.md",
        "title: Methods",
        "title: Changed",
    );
    let pointed = outside.path().join("lock");
    let lock = project.path(".evalsite-lock-site");
    std::os::unix::fs::symlink(&pointed, &lock).unwrap();
    let before = everything(project.root());
    let run = project.build();
    run.expect_code(2);
    assert!(
        run.stderr.contains("error: evalsite cannot take the lock ROOT/.evalsite-lock-site (it is a link; remove it, and evalsite makes a file of its own there), which keeps two builds from writing ROOT/site at once, so it did not build; nothing was changed"),
        "{}",
        run.stderr
    );
    assert!(!pointed.exists(), "nothing made where the link points");
    assert_eq!(everything(project.root()), before);
    std::fs::remove_file(&lock).unwrap();
    std::fs::create_dir(&lock).unwrap();
    let before = everything(project.root());
    let run = project.build();
    run.expect_code(2);
    assert!(
        run.stderr.contains("(it is not a file; remove it"),
        "{}",
        run.stderr
    );
    assert_eq!(everything(project.root()), before);
}

/// The inode and permissions of `path`.
#[cfg(unix)]
fn identity(path: &std::path::Path) -> (u64, u32) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).unwrap();
    (meta.ino(), meta.mode())
}

/// The names in `dir`, sorted.
fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// #19 (report case-15): the output folder was replaced by a new folder at
// every build: an empty folder the researcher made for the site (its
// owner, group, permissions) was deleted, and the permissions set on a
// site/ for a web server were reset. A folder evalsite did not make is
// filled and kept; one it made keeps its permissions.
#[cfg(unix)]
#[test]
fn an_output_folder_keeps_what_the_researcher_set_on_it() {
    use std::os::unix::fs::PermissionsExt;
    let project = Project::fixture("basic");
    let web = tempfile::tempdir().unwrap();
    let www = web.path().join("www");
    std::fs::create_dir(&www).unwrap();
    std::fs::set_permissions(&www, std::fs::Permissions::from_mode(0o2750)).unwrap();
    let made = identity(&www);
    for title in ["One", "Two"] {
        project.edit(
            "content/pages/methods.md",
            "title: ",
            &format!("title: {title} "),
        );
        let run = project.run(&["build", "--output", www.to_str().unwrap()]);
        run.expect_code(0);
        assert_eq!(identity(&www), made, "the same folder, as it was made");
        let page = std::fs::read_to_string(www.join("pages/methods.html")).unwrap();
        assert!(page.contains(title));
        let marker = std::fs::read_to_string(www.join(".evalsite-site")).unwrap();
        assert!(marker.contains("\ncontents only: "), "{marker}");
        assert_eq!(names_in(web.path()), ["www"], "nothing left beside it");
    }
    // site/, which evalsite made, set for a web server's group.
    project.build().expect_code(0);
    let site = project.path("site");
    std::fs::set_permissions(&site, std::fs::Permissions::from_mode(0o2750)).unwrap();
    project.edit("content/pages/methods.md", "title: ", "title: Three ");
    project.build().expect_code(0);
    assert_eq!(identity(&site).1 & 0o7777, 0o2750);
    assert!(project.page("pages/methods.html").contains("Three"));
}

/// Runs `script` with `sh` in a mount namespace of its own (so that what
/// it mounts is gone when it ends), with the binary as `$EVALSITE`; `None`
/// where the system does not allow that (the script exits 77 where a
/// mount fails), so that the test is passed over there.
#[cfg(target_os = "linux")]
fn in_own_mounts(script: &str) -> Option<std::process::Output> {
    let output = std::process::Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c", script])
        .env("EVALSITE", env!("CARGO_BIN_EXE_evalsite"))
        .env("NO_COLOR", "1")
        .output()
        .ok()?;
    let refused = output.status.code() == Some(77)
        || String::from_utf8_lossy(&output.stderr).starts_with("unshare:");
    if refused {
        eprintln!("passed over: no mounts here");
        return None;
    }
    Some(output)
}

// #19 (report case-15): an output folder that is a mount point (a
// container's volume) could never be built into: "Device or resource
// busy". The site is written inside it, and put in place there.
#[cfg(target_os = "linux")]
#[test]
fn an_output_folder_that_is_a_mount_point_is_built_into() {
    let project = Project::fixture("basic");
    let volume = tempfile::tempdir().unwrap();
    let web = tempfile::tempdir().unwrap();
    let www = web.path().join("www");
    std::fs::create_dir(&www).unwrap();
    let script = format!(
        r#"mount --bind "{volume}" "{www}" || exit 77
"$EVALSITE" build --root "{root}" --output "{www}" || exit 1
sed -i 's/^title: Methods/title: Again/' "{root}/content/pages/methods.md"
"$EVALSITE" build --root "{root}" --output "{www}""#,
        volume = volume.path().display(),
        www = www.display(),
        root = project.root().display(),
    );
    let Some(output) = in_own_mounts(&script) else {
        return;
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let page = std::fs::read_to_string(volume.path().join("pages/methods.html")).unwrap();
    assert!(page.contains("Again"), "{page}");
    let marker = std::fs::read_to_string(volume.path().join(".evalsite-site")).unwrap();
    assert!(marker.contains("\ncontents only: "), "{marker}");
    let top = names_in(volume.path());
    assert!(
        top.iter()
            .all(|name| !name.starts_with(".evalsite-") || name == ".evalsite-site"),
        "{top:?}"
    );
    assert_eq!(names_in(web.path()), ["www"]);
}

// #19 (report case-11): with a site of the version before markers, the
// marker was written into it before the new site was, so a build that
// then failed (here the disk is full) left it changed. Nothing is written
// into it until the new site is in place.
#[cfg(target_os = "linux")]
#[test]
fn a_build_that_fails_leaves_a_site_of_the_version_before_markers_as_it_was() {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    project.remove("site/.evalsite-site");
    project.edit(
        "content/pages/methods.md",
        "title: Methods",
        "title: Changed",
    );
    let disk = tempfile::tempdir().unwrap();
    // A small disk holding the old site, filled but for 12 KB: room for a
    // marker, not for the new site.
    let script = format!(
        r#"mount -t tmpfs -o size=2m tmpfs "{disk}" || exit 77
cp -R "{site}" "{disk}/report"
free=$(df --output=avail -B1 "{disk}" | tail -1)
head -c $((free - 12288)) /dev/zero > "{disk}/filler"
before=$(cd "{disk}/report" && find . -type f -exec md5sum {{}} + | sort)
"$EVALSITE" build --root "{root}" --output "{disk}/report"
echo "rc=$?"
after=$(cd "{disk}/report" && find . -type f -exec md5sum {{}} + | sort)
[ "$before" = "$after" ] && echo unchanged || echo changed
ls -A "{disk}""#,
        disk = disk.path().display(),
        site = project.path("site").display(),
        root = project.root().display(),
    );
    let Some(output) = in_own_mounts(&script) else {
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(stdout, "rc=2\nunchanged\nfiller\nreport\n", "{stderr}");
}

/// A static file of the theme that prints a listed name: only the gate
/// finds it, once every file's name has passed and every page's quotes
/// have held k, after other files have passed on their own.
fn leak_in_a_static_file(project: &Project) {
    project.write(
        "themes/default/static/zz-notes.txt",
        "Notes from Marjorie Quillfeather",
    );
}

// Red team of writing files as they pass the gate (1372fc9): a build that
// failed on a file's bytes, into an output folder in folders that were not
// there, made those folders, and they stayed (before, a build that failed
// made nothing). Nothing is made before the whole site has passed there.
#[test]
fn a_build_that_fails_makes_no_folder_to_hold_its_output_folder() {
    let project = Project::fixture("basic");
    leak_in_a_static_file(&project);
    let output = project.path("public/reports/site");
    let output = output.to_str().unwrap();
    let before = everything(project.root());
    let run = project.run(&["build", "--output", output]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[anonymity::output-leak]"),
        "{}",
        run.stderr
    );
    assert_eq!(everything(project.root()), before, "nothing made");
    project.remove("themes/default/static/zz-notes.txt");
    project.run(&["build", "--output", output]).expect_code(0);
    assert!(project.path("public/reports/site/index.html").is_file());
    assert_eq!(names_in(&project.path("public/reports")), ["site"]);
}

// Red team of 1372fc9 and deeb3e4: into an output folder that is a mount
// point, a build that then failed on a file's bytes made its staging
// folder inside it before that file was read, with the marker listing
// every file's name, length and a hash of its bytes (the leaking file's
// too), where a web server serving the folder could read it, and where a
// build killed then left it. The folder is not touched at all now: not
// even its times change.
#[cfg(target_os = "linux")]
#[test]
fn a_build_that_fails_leaves_a_mount_point_untouched() {
    let project = Project::fixture("basic");
    leak_in_a_static_file(&project);
    let web = tempfile::tempdir().unwrap();
    let www = web.path().join("www");
    std::fs::create_dir(&www).unwrap();
    let script = format!(
        r#"mount -t tmpfs -o size=2m tmpfs "{www}" || exit 77
before=$(stat -c '%y %z' "{www}")
"$EVALSITE" build --root "{root}" --output "{www}"
echo "rc=$?"
after=$(stat -c '%y %z' "{www}")
[ "$before" = "$after" ] && echo untouched || echo touched
ls -A "{www}""#,
        www = www.display(),
        root = project.root().display(),
    );
    let Some(output) = in_own_mounts(&script) else {
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[anonymity::output-leak]"), "{stderr}");
    assert_eq!(stdout, "rc=1\nuntouched\n", "{stderr}");
    assert_eq!(names_in(web.path()), ["www"]);
}

// #19 (report case-01): a build killed while it removed a folder of its
// own (its new site after a failure, the previous site after the swap)
// could leave it without its marker, which no later build removed. What
// a kill can leave now is marked, or holds nothing but a marker being
// written and empty folders; such a folder is removed, and one of the
// same name holding anything else is not.
#[test]
fn what_a_build_killed_while_removing_leaves_is_removed() {
    let project = Project::fixture("basic");
    let leftover = |n: usize| format!(".evalsite-build-site-abcd123{n}");
    std::fs::create_dir_all(project.path(&leftover(0)).join("findings/a")).unwrap();
    project.write(
        &format!("{}/.evalsite-site-next", leftover(1)),
        "This folder was wr",
    );
    project.write(
        &format!("{}/.evalsite-site", leftover(2)),
        "This folder was written by evalsite build.\nformat: 3\nThe next",
    );
    project.write(&format!("{}/notes.txt", leftover(3)), "mine");
    project.build().expect_code(0);
    let left: Vec<String> = names_in(project.root())
        .into_iter()
        .filter(|name| name.starts_with(".evalsite-"))
        .collect();
    assert_eq!(left, [leftover(3)]);
    assert_eq!(project.read(&format!("{}/notes.txt", leftover(3))), "mine");
}

// #19 (report case-12): an output folder whose name is longer than about
// 230 bytes could never be built: the staging folder's name added 25.
#[test]
fn an_output_folder_with_a_long_name_is_built() {
    let project = Project::fixture("basic");
    let long = "r".repeat(250);
    for _ in 0..2 {
        project
            .run_inside(&["build", "--output", &long])
            .expect_code(0);
    }
    assert!(project.path(&long).join("index.html").is_file());
    let left: Vec<String> = names_in(project.root())
        .into_iter()
        .filter(|name| name.starts_with(".evalsite-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

// #19 (report case-12): `--output evalsite.yaml/site` was an internal
// error (exit 2, "creating evalsite.yaml: File exists"); `--output site/`
// named files `site//a.txt`; and `--output themes/x` and `--output
// private/new` were taken.
#[test]
fn output_folders_under_a_file_or_in_private_or_themes_are_refused() {
    let project = Project::fixture("basic");
    let before = everything(project.root());
    for (output, says) in [
        (
            "evalsite.yaml/site",
            "evalsite.yaml is a file, not a folder, and cannot hold one",
        ),
        ("themes/x", "it is inside themes/, which a build reads"),
        ("private/new", "it is inside private/, which a build reads"),
    ] {
        let run = project.run_inside(&["build", "--output", output]);
        run.expect_code(1);
        assert!(
            run.stderr.contains(&format!(
                "error: evalsite will not write the site into {output}: {says}"
            )),
            "{}",
            run.stderr
        );
        assert_eq!(everything(project.root()), before, "{output}");
    }
    project.write("site/a.txt", "mine");
    let run = project.run_inside(&["build", "--output", "site/"]);
    run.expect_code(1);
    assert!(run.stderr.contains(": site/a.txt;"), "{}", run.stderr);
    assert!(!run.stderr.contains("site//"), "{}", run.stderr);
}

/// Runs `check`, expecting exit 1 and an error with `code` whose text
/// contains `says`; gives the text.
fn check_fails(project: &Project, code: &str, says: &str) -> String {
    let run = project.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("error[{code}]")),
        "{code} in\n{}",
        run.stderr
    );
    assert!(run.stderr.contains(says), "{says:?} in\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"));
    run.stderr
}

#[cfg(unix)]
fn make_fifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

// #19.2: when the identifiers list could not be read (a folder, a pipe,
// private/ that cannot be entered) it was taken as missing: one warning,
// and the listed names were published.
#[test]
fn an_identifiers_list_that_is_a_folder_is_an_error() {
    let project = Project::fixture("basic");
    project.remove("private/identifiers.yaml");
    std::fs::create_dir(project.path("private/identifiers.yaml")).unwrap();
    let text = check_fails(
        &project,
        "load::unreadable",
        "private/identifiers.yaml is a folder, not a file",
    );
    insta::assert_snapshot!("identifiers_list_is_a_folder", text);
}

#[cfg(unix)]
#[test]
fn an_identifiers_list_that_is_a_pipe_is_an_error_and_never_waits() {
    let project = Project::fixture("basic");
    project.remove("private/identifiers.yaml");
    make_fifo(&project.path("private/identifiers.yaml"));
    // A pipe opened for reading waits for a writer: this returns only
    // because evalsite never opens it.
    check_fails(
        &project,
        "load::unreadable",
        "private/identifiers.yaml is not an ordinary file",
    );
}

// private/ that cannot be entered. As root (in CI containers) permissions
// do not stop reading, so there the same failure is made with a private
// that is a file, which no one can enter; elsewhere both are tried.
#[cfg(unix)]
#[test]
fn a_private_folder_that_cannot_be_entered_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let project = Project::fixture("basic");
    let private = project.path("private");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o000)).unwrap();
    let bites = std::fs::read(private.join("identifiers.yaml")).is_err();
    if bites {
        let run = project.run(&["check"]);
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o755)).unwrap();
        run.expect_code(1);
        assert!(
            run.stderr
                .contains("private/identifiers.yaml cannot be read"),
            "{}",
            run.stderr
        );
    }
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir_all(&private).unwrap();
    project.write("private", "not a folder");
    check_fails(
        &project,
        "load::unreadable",
        "private/identifiers.yaml cannot be read",
    );
}

// #19.2: a participant registry or settings file that was a folder was
// passed over: every quote's participant unknown, or k back to its default.
#[test]
fn a_participant_registry_that_is_a_folder_is_an_error() {
    let project = Project::fixture("basic");
    project.remove("content/participants.yaml");
    std::fs::create_dir(project.path("content/participants.yaml")).unwrap();
    check_fails(
        &project,
        "load::unreadable",
        "content/participants.yaml is a folder, not a file",
    );
}

#[test]
fn a_settings_file_that_is_a_folder_is_an_error() {
    let project = Project::fixture("basic");
    project.remove("evalsite.yaml");
    std::fs::create_dir(project.path("evalsite.yaml")).unwrap();
    check_fails(
        &project,
        "load::unreadable",
        "evalsite.yaml is a folder, not a file",
    );
}

// Regression: a link to nothing in place of evalsite.yaml was taken as no
// settings, so k fell back to its default (3) where the file said 5.
#[cfg(unix)]
#[test]
fn a_settings_file_that_links_to_nothing_is_an_error() {
    let project = Project::fixture("basic");
    project.remove("evalsite.yaml");
    std::os::unix::fs::symlink(project.path("gone.yaml"), project.path("evalsite.yaml")).unwrap();
    check_fails(
        &project,
        "load::unreadable",
        "evalsite.yaml is a link to a file that is not there",
    );
}

#[cfg(unix)]
#[test]
fn a_settings_file_or_registry_that_is_a_pipe_is_an_error() {
    let project = Project::fixture("basic");
    project
        .remove("evalsite.yaml")
        .remove("content/participants.yaml");
    make_fifo(&project.path("evalsite.yaml"));
    make_fifo(&project.path("content/participants.yaml"));
    let text = check_fails(
        &project,
        "load::unreadable",
        "evalsite.yaml is not an ordinary file",
    );
    assert!(
        text.contains("content/participants.yaml is not an ordinary file"),
        "{text}"
    );
}

// #18.7: a missing identifiers list was one warning, so a CI build of a
// repository that ignores private/ published every name.
#[test]
fn a_missing_identifiers_list_fails_the_build() {
    let text = common::build_fails(
        |p| {
            p.remove("private/identifiers.yaml");
        },
        "there is no identifiers list at private/identifiers.yaml",
        "anonymity::no-identifiers",
    );
    insta::assert_snapshot!("missing_identifiers_list", text);
}

#[test]
fn a_project_with_no_list_says_so_and_why() {
    let project = Project::fixture("basic");
    std::fs::remove_dir_all(project.path("private")).unwrap();
    project.edit(
        "evalsite.yaml",
        "anonymity:\n",
        "anonymity:\n  identifiers: none\n  reason: the interviews name no one\n",
    );
    let run = project.build();
    run.expect_code(0);
    assert!(
        run.stderr.contains("no identifiers list: evalsite.yaml says `identifiers: none` (the interviews name no one)"),
        "{}",
        run.stderr
    );
    project.edit(
        "evalsite.yaml",
        "  reason: the interviews name no one\n",
        "",
    );
    let text = check_fails(
        &project,
        "config::no-identifiers-reason",
        "evalsite.yaml:4:16",
    );
    insta::assert_snapshot!("identifiers_none_without_reason", text);
}

// Red team, round 32: `identifiers: none` left in the settings after the
// list was made published every name on it, with one line in the summary.
#[test]
fn identifiers_none_beside_a_list_reads_the_list_and_fails() {
    let text = common::build_fails(
        |p| {
            p.edit(
                "evalsite.yaml",
                "anonymity:\n",
                "anonymity:\n  identifiers: none\n  reason: the interviews name no one\n",
            );
            p.edit(
                QUOTE,
                "two teams sat apart",
                "two teams sat apart in Thistlebury",
            );
        },
        "evalsite.yaml:4:16",
        "config::none-beside-a-list",
    );
    // The list is read too: its name is refused where it is written.
    assert!(text.contains("error[anonymity::"), "{text}");
    assert!(text.contains(QUOTE), "{text}");
    assert!(
        !text.contains("no real names or places were looked for"),
        "{text}"
    );
    let project = Project::fixture("basic");
    project.edit(
        "evalsite.yaml",
        "anonymity:\n",
        "anonymity:\n  identifiers: none\n  reason: the interviews name no one\n",
    );
    let text = check_fails(&project, "config::none-beside-a-list", "evalsite.yaml:4:16");
    insta::assert_snapshot!("identifiers_none_beside_a_list", text);
}

// Red team, round 32: a list given in EVALSITE_IDENTIFIERS is read over
// `identifiers: none`, and the summary said no names were looked for.
#[test]
fn a_list_in_the_environment_over_none_is_not_summed_up_as_none() {
    let project = Project::fixture("basic");
    let secrets = tempfile::tempdir().unwrap();
    let list = secrets.path().join("names.yaml");
    std::fs::rename(project.path("private/identifiers.yaml"), &list).unwrap();
    project.edit(
        "evalsite.yaml",
        "anonymity:\n",
        "anonymity:\n  identifiers: none\n  reason: the list is kept out of the repository\n",
    );
    let given = [("EVALSITE_IDENTIFIERS", list.to_str().unwrap())];
    let run = project.run_with(&["build"], &given);
    run.expect_code(0);
    assert!(
        !run.stderr.contains("no identifiers list"),
        "{}",
        run.stderr
    );
    project.edit(
        QUOTE,
        "two teams sat apart",
        "two teams sat apart in Thistlebury",
    );
    let run = project.run_with(&["build"], &given);
    run.expect_code(1);
    assert!(run.stderr.contains(QUOTE), "{}", run.stderr);
    assert!(
        !run.stderr.contains("no identifiers list"),
        "{}",
        run.stderr
    );
}

// #18.7: a build server's secret list, named by EVALSITE_IDENTIFIERS,
// anywhere (it is given on purpose), and read: a name on it is refused.
#[test]
fn the_identifiers_list_may_be_named_by_an_environment_variable() {
    let project = Project::fixture("basic");
    let secrets = tempfile::tempdir().unwrap();
    let list = secrets.path().join("names.yaml");
    std::fs::rename(project.path("private/identifiers.yaml"), &list).unwrap();
    let given = [("EVALSITE_IDENTIFIERS", list.to_str().unwrap())];
    project.run_with(&["build"], &given).expect_code(0);
    project.edit(
        QUOTE,
        "two teams sat apart",
        "two teams sat apart in Thistlebury",
    );
    let run = project.run_with(&["build"], &given);
    run.expect_code(1);
    assert!(run.stderr.contains("anonymity::"), "{}", run.stderr);
    assert!(run.stderr.contains(QUOTE), "{}", run.stderr);
    // Set but naming nothing: an error, not a build without names.
    let missing = secrets.path().join("gone.yaml");
    let run = project.run_with(
        &["check"],
        &[("EVALSITE_IDENTIFIERS", missing.to_str().unwrap())],
    );
    run.expect_code(1);
    assert!(
        run.stderr
            .contains(&format!("no identifiers list at {}", missing.display())),
        "{}",
        run.stderr
    );
}

// #19.7: `theme: /etc` read all of /etc as a theme (and published it).
#[test]
fn a_theme_outside_the_project_is_refused() {
    let project = Project::fixture("basic");
    project.edit("evalsite.yaml", "title:", "theme: /etc\ntitle:");
    let text = check_fails(&project, "config::outside-project", "evalsite.yaml:1:8");
    insta::assert_snapshot!("theme_outside_the_project", text);
    let run = project.build();
    run.expect_code(1);
    assert!(!project.path("site").exists());
}

#[test]
fn an_identifiers_list_outside_the_project_is_refused_in_the_settings() {
    let project = Project::fixture("basic");
    project.edit(
        "evalsite.yaml",
        "anonymity:\n",
        "anonymity:\n  identifiers: ../names.yaml\n",
    );
    check_fails(&project, "config::outside-project", "evalsite.yaml:4:16");
}

// #19.7 (follow-up): a theme or list that is a link to outside the project
// was refused without a place: the message now points at the setting's
// value in evalsite.yaml (where the setting is written there).
#[cfg(unix)]
#[test]
fn a_theme_or_list_that_links_outside_the_project_is_refused() {
    let project = Project::fixture("basic");
    std::fs::create_dir(project.path("themes")).unwrap();
    std::os::unix::fs::symlink("/etc", project.path("themes/mine")).unwrap();
    project.edit("evalsite.yaml", "title:", "theme: mine\ntitle:");
    let text = check_fails(
        &project,
        "config::outside-project",
        "themes/mine is a link to a folder outside the project",
    );
    assert!(text.contains("--> evalsite.yaml:1:8"), "{text}");
    project.edit("evalsite.yaml", "theme: mine\n", "");
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::rename(project.path("private"), elsewhere.path().join("private")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("private"), project.path("private")).unwrap();
    // The default list: no setting to point at.
    check_fails(
        &project,
        "config::outside-project",
        "private/identifiers.yaml is a link to a file outside the project",
    );
    project.edit(
        "evalsite.yaml",
        "anonymity:\n",
        "anonymity:\n  identifiers: private/identifiers.yaml\n",
    );
    let text = check_fails(
        &project,
        "config::outside-project",
        "private/identifiers.yaml is a link to a file outside the project",
    );
    assert!(text.contains("--> evalsite.yaml:4:16"), "{text}");
    assert_eq!(text.matches("error[").count(), 1, "reported once: {text}");
}

// A theme that is not there was reported without a place.
#[test]
fn a_theme_that_is_not_there_is_reported_at_the_setting() {
    let project = Project::fixture("basic");
    project.edit("evalsite.yaml", "title:", "theme: mine\ntitle:");
    let text = check_fails(
        &project,
        "config::unknown-theme",
        "there is no theme `mine`",
    );
    assert!(text.contains("--> evalsite.yaml:1:8"), "{text}");
    assert_eq!(text.matches("error[").count(), 1, "reported once: {text}");
    project.build().expect_code(1);
    assert!(!project.path("site").exists());
}

// #19.2 (follow-up): a pipe in content/ (content/quotes/x.md made with
// mkfifo) was passed over by the listing without a word. It is an error
// naming the file, and it is never opened: a pipe opened for reading waits
// for a writer, so this test returns only because evalsite never opens it.
#[cfg(unix)]
#[test]
fn a_pipe_in_content_is_an_error_and_never_waits() {
    let project = Project::fixture("basic");
    make_fifo(&project.path("content/quotes/x.md"));
    let text = check_fails(
        &project,
        "load::unreadable",
        "content/quotes/x.md cannot be read as a file: it is a pipe",
    );
    insta::assert_snapshot!("pipe_in_content", text);
    let before = everything(project.root());
    let run = project.build();
    run.expect_code(1);
    assert_eq!(everything(project.root()), before, "no site/ written");
    let run = project.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let found = json_of(&run, "load::unreadable");
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("content/quotes/x.md"),
        "{found}"
    );
}

// #19.2 (follow-up): a link in content/ to a file outside the project (a
// quote linked to /etc/passwd, a folder linked to the researcher's home)
// was passed over silently. It is an error, and what it points to is never
// read; a link to a file inside the project is a warning (it is not read
// or published either).
#[cfg(unix)]
#[test]
fn a_link_in_content_to_outside_the_project_is_an_error() {
    let project = Project::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("names.md"), "Jane Smith").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("names.md"),
        project.path("content/quotes/a/linked.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), project.path("content/pages/elsewhere")).unwrap();
    let text = check_fails(
        &project,
        "load::outside-project",
        "content/quotes/a/linked.md is a link that points outside the project",
    );
    assert!(
        text.contains("content/pages/elsewhere is a link that points outside the project"),
        "{text}"
    );
    assert!(!text.contains("Jane Smith"), "{text}");
    insta::assert_snapshot!("link_outside_content", text);
    project.build().expect_code(1);
    assert!(!project.path("site").exists());

    let project = Project::fixture("basic");
    std::os::unix::fs::symlink(
        project.path(QUOTE),
        project.path("content/quotes/a/again.md"),
    )
    .unwrap();
    let run = project.run(&["check"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[load::link-not-followed]")
            && run.stderr.contains("content/quotes/a/again.md is a link"),
        "{}",
        run.stderr
    );
}

// #19.2 (follow-up): the same road one level up: content/ itself a link to
// a folder outside the project was read as if it were the project's.
#[cfg(unix)]
#[test]
fn a_content_folder_that_links_outside_the_project_is_an_error() {
    let project = Project::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("content");
    std::fs::rename(project.path("content"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, project.path("content")).unwrap();
    check_fails(
        &project,
        "load::outside-project",
        "content/ is a link that points outside the project",
    );
    project.build().expect_code(1);
    assert!(!project.path("site").exists());
}

/// A "b." (born) after a word ending in a letter written in more than one
/// byte took the build down with a panic ("Núñez b. 14 March 1952"). It is
/// read as a date of birth and refused at its line like any other.
#[test]
fn a_date_of_birth_after_an_accented_name_is_refused_not_a_crash() {
    for line in [
        "Mrs Núñez b. 14 March 1952 was referred.",
        "Mr Øye b. 14/03/1952 was referred.",
        "Mrs 中 b. 14/03/1952 was referred.",
    ] {
        let stderr = common::refused(
            |p| {
                p.write(common::METHODS, common::methods_with(&format!("{line}\n")));
            },
            &format!("{}:5:", common::METHODS),
        );
        assert!(stderr.contains("date of birth"), "{line}:\n{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// The exit code of a run whose standard error and output are closed
/// (`evalsite build 2>&1 | head` once `head` has stopped reading).
fn code_with_closed_streams(project: &Project, args: &[&str]) -> i32 {
    let (err_reader, err_writer) = std::io::pipe().unwrap();
    let (out_reader, out_writer) = std::io::pipe().unwrap();
    drop((err_reader, out_reader));
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_evalsite"))
        .arg(args[0])
        .arg("--root")
        .arg(project.root())
        .args(&args[1..])
        .stderr(err_writer)
        .stdout(out_writer)
        .status()
        .unwrap();
    status.code().unwrap_or(-1)
}

// Red team, round 32: a refusal written to a closed pipe panicked (exit
// 101) about one run in six, depending on when `head` stopped reading.
#[test]
fn closed_output_streams_keep_the_exit_code() {
    let project = Project::fixture("basic");
    assert_eq!(code_with_closed_streams(&project, &["build"]), 0);
    let before = project.site_files();
    project.edit(
        QUOTE,
        "two teams sat apart",
        "two teams sat apart in Thistlebury",
    );
    assert_eq!(code_with_closed_streams(&project, &["build"]), 1);
    assert_eq!(project.site_files(), before);
    assert_eq!(code_with_closed_streams(&project, &["check"]), 1);
    let json = ["check", "--format", "json"];
    assert_eq!(code_with_closed_streams(&project, &json), 1);
}

// Red team, round 32: `k: 1` showed "GP 1" and let any quote be
// attributed to a group of one, with no word in the run's output.
#[test]
fn a_k_of_one_is_warned_about_in_every_check() {
    let project = Project::fixture("basic");
    project.edit("evalsite.yaml", "  k: 2\n", "  k: 1\n");
    let run = project.run(&["check"]);
    run.expect_code(0);
    assert!(run.stderr.contains("evalsite.yaml:4:6"), "{}", run.stderr);
    insta::assert_snapshot!("k_of_one", run.stderr);
    project.build().expect_code(0);
}
