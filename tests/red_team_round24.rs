//! Red team, round 24: the identifiers list and the messages about the
//! files a build reads. A null (`~`) in the list of people read as the
//! name "~" and blamed on the theme's style sheet; a duplicate key in
//! YAML named at the first of the two keys rather than the duplicate; a
//! settings file that cannot be read judged with the default settings,
//! giving a false error elsewhere; and an identifiers list kept in the
//! theme's `static/` folder (which is published) met with the advice to
//! remove the names from it.
//! Each test fails on the code of this round; each says what should happen.

mod common;
use common::Project;

const FINDING: &str = "content/findings/co-location.md";
const LIST: &str = "private/identifiers.yaml";

/// Defect: a null entry in the identifiers list (`people: [Marjorie
/// Quillfeather, ~]`, a name deleted and its place left, or a `~` typed
/// for "to do") is not reported where it is: serde reads it into
/// `Identifiers::people` (`src/model.rs`, a `Vec<String>`) as the text
/// "~", `Builder::add_entry` (`src/anonymity/identifiers/terms.rs`) makes
/// it a term, and the build stops with `anonymity::output-leak` blaming
/// the theme's style sheet (`themes/default/static/style.css:185:24`,
/// the CSS combinator `~`), sending the researcher to a file they never
/// wrote. (Written `null`, the same entry becomes the name "null".) A
/// nested list in the same place is an error at its line
/// (`yaml::invalid-value`, "must be text, not a list").
/// What should happen: an error at the entry, `private/identifiers.yaml:1:33`,
/// saying the entry is empty (null) and must be a name; no output-leak.
#[test]
fn a_null_in_the_people_list_is_named_where_it_is() {
    let project = Project::fixture("basic");
    project.write(
        LIST,
        "people: [Marjorie Quillfeather, ~]\nplaces: [Thistlebury]\n",
    );
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("{LIST}:1:33")),
        "the null entry is not named at its place:\n{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("output-leak") && !run.stderr.contains("style.css"),
        "the null entry is blamed on the theme:\n{}",
        run.stderr
    );
}

/// Defect: a key given twice in front matter (`title:` on line 2 and
/// again on line 5) is reported at the first `title:` (line 2, "the
/// problem is here or just before"), though the mistake is the second,
/// three lines after it. `Yaml::syntax_error` (`src/yaml/mod.rs`) takes
/// the position serde_yaml gives a "duplicate entry" error, which is the
/// start of the mapping (or of the first key); in `evalsite.yaml` it is
/// even `evalsite.yaml:1:1`, and in the identifiers list a pseudonym given
/// twice under `replace:` is named at the first.
/// What should happen: the error names the duplicate,
/// `content/findings/co-location.md:5:1`.
#[test]
fn a_key_given_twice_is_named_at_the_second() {
    let project = Project::fixture("basic");
    project.build().expect_code(0);
    let before = project.site_files();
    project.edit(
        FINDING,
        "boroughs: [a, b]\n",
        "boroughs: [a, b]\ntitle: Again\n",
    );
    let run = project.build();
    run.expect_code(1);
    assert!(run.stderr.contains("duplicate entry"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{FINDING}:5:1")),
        "the duplicate `title:` (line 5) is not named:\n{}",
        run.stderr
    );
    assert_eq!(project.site_files(), before);
}

/// Defect: when `evalsite.yaml` cannot be read (here a key given twice),
/// the build reports the syntax error and then judges the project by the
/// default settings: with `k: 3` in place of the project's `k: 2`, it
/// adds a false `anonymity::small-group` error on a quote that passes
/// under the settings the researcher wrote. `load` in `src/pipeline.rs`
/// (through `src/config/mod.rs`) goes on with `Settings::default()` after
/// `Yaml::read` gives nothing, and the checks that depend on the settings
/// run as if they were the project's. Settings of the wrong kind are
/// reported with "no knock-on" (`tests/bad_input.rs`,
/// `every_setting_of_the_wrong_kind_at_once_and_no_knock_on`); a settings
/// file that cannot be read at all should not add errors the project does
/// not have either.
/// What should happen: the one error in `evalsite.yaml`, and no error
/// computed from settings the project did not give.
#[test]
fn a_settings_file_that_cannot_be_read_gives_no_false_errors() {
    let project = Project::fixture("basic");
    project.write(
        "evalsite.yaml",
        "title: Fixture evaluation\nbase_url: https://example.org/eval/\nanonymity:\n  k: 2\nfunder: [the trust\n",
    );
    let run = project.build();
    run.expect_code(1);
    assert!(run.stderr.contains("error[yaml::syntax]"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("small-group"),
        "a false small-group error from the default k:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 error and 0 warnings"),
        "{}",
        run.stderr
    );
}

/// Defect: an identifiers list kept in the theme's `static/` folder
/// (`identifiers: themes/default/static/ids.yaml`: everything in that
/// folder is published) is not refused as a list that would be
/// published. The setting is accepted by `src/config/mod.rs` (the path
/// is inside the project), the list is copied into the site as a static
/// file, and the gate stops the build with one `anonymity::output-leak`
/// per list, whose help says "remove it from that file, or replace it
/// with a redaction such as `[name]`": the researcher is told to take the
/// names out of the identifiers list itself, after which the build would
/// publish the rest of the list (its pseudonyms and whatever it no longer
/// names). `output_inputs` in `src/pipeline.rs` keeps the output folder
/// from holding the list, but nothing keeps the list out of what is
/// published.
/// What should happen: an error at the setting, `evalsite.yaml:5:16`,
/// saying the list is in a folder that is published and must be moved
/// (to `private/`); no advice to edit the list.
#[test]
fn an_identifiers_list_in_the_published_static_folder_is_refused_at_the_setting() {
    let project = Project::fixture("basic");
    let list = project.read(LIST);
    project.write("themes/default/static/ids.yaml", list);
    project.remove(LIST);
    project.write(
        "evalsite.yaml",
        "title: Fixture evaluation\nbase_url: https://example.org/eval/\nanonymity:\n  k: 2\n  identifiers: themes/default/static/ids.yaml\n",
    );
    let run = project.build();
    run.expect_code(1);
    assert!(
        !run.stderr.contains("remove it from that file"),
        "the researcher is told to take the names out of the identifiers list:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("evalsite.yaml:5:16"),
        "the setting that puts the list among published files is not named:\n{}",
        run.stderr
    );
    assert!(!project.path("site").exists());
}
