//! Red team, round 12 (what was left): roads found then and closed since.
//! Each failed when it was written; each says what should happen.

mod common;
use common::{Project, borough_b, refused};

/// The draft finding of the `basic` fixture retitled `title`, and linked
/// without words from Borough B's report, which prints its title there.
fn draft_titled(title: &str) -> impl Fn(&Project) + '_ {
    move |p: &Project| {
        let draft = p.read("content/findings/draft-idea.md");
        p.write(
            "content/findings/draft-idea.md",
            draft.replace("title: A draft idea", &format!("title: {title}")),
        );
        borough_b("As [](finding:draft-idea) shows, the teams met.")(p);
    }
}

/// Road: a link written without words to a draft finding, on a published
/// page of a build without `--drafts`. The link prints the draft's title
/// (as the fixture's own "See also" does), but the checks of the files did
/// not read drafts, as they are not published: a listed name in the title
/// was refused only by the gate, at the report's first line, and a first
/// name alone was published with no warning at all.
#[test]
fn a_draft_findings_title_printed_elsewhere_is_checked_where_it_is_written() {
    refused(
        draft_titled("What Marjorie Quillfeather saw"),
        "content/findings/draft-idea.md:2:13",
    );
    let project = Project::fixture("basic");
    draft_titled("What Marjorie saw")(&project);
    let run = project.build();
    run.expect_code(0);
    assert!(
        run.stderr.contains("content/findings/draft-idea.md:2:"),
        "a first name alone is a warning at the title: {}",
        run.stderr
    );
    // The draft's body is not published, so it is not read.
    let draft = project.read("content/findings/draft-idea.md");
    project.write(
        "content/findings/draft-idea.md",
        format!("{draft}\nNotes: ask Marjorie Quillfeather.\n"),
    );
    project.build().expect_code(0);
}
