//! Red team, round 18: a quote that names, in its own words, the borough
//! its attribution leaves out; a listed person written surname first with
//! the first name's initial, as reference lists give it, or as a handle of
//! initial and surname run together; a participant id written with some
//! of its marks left out, as interview codes are typed; a participant id
//! written with Markdown's `--` refused at the wrong place; and an
//! allowance whose file's title is the allowed term alone, which lets a
//! template print the term on every page.
//! Each test fails on main when written; each says what should happen.

mod common;
use common::{METHODS, Project, gp_quote, methods_with};

/// The GP's quote of [`gp_quote`] (attributed "GP", Borough A's one GP).
const GP_SAYS: &str = "content/quotes/a/gp-says.md";

/// Road: a quote whose attribution leaves out its borough names that
/// borough in its own words. [`gp_quote`]: the one GP of Borough A is
/// quoted "GP" (k = 2: four GPs, so the group passes, and by elimination a
/// reader is left with Borough A's GP or Borough C's, two). The words
/// "Here in Borough A nobody reads the notes" say what the attribution
/// was made coarser to hide, and leave one GP. The same words naming the
/// role in a quote attributed without it are refused
/// (`anonymity::role-in-words`, round 12), and so is the borough in the
/// quote's address (`anonymity::attribution-in-address`); `check_words`
/// (`src/anonymity/attribution/mod.rs`) looks only for the speaker's role
/// (`short::SaidRole`), never for the borough's title. Not among the
/// "not caught" of docs/anonymity.md (it lists a finding's narrative, not
/// the quote's own words). What should happen: exit 1, an error at the
/// words (`content/quotes/a/gp-says.md:7`), as for the role.
#[test]
fn a_quote_naming_the_borough_its_attribution_leaves_out_is_published() {
    // Without the borough in its words, the quote passes.
    let project = Project::fixture("basic");
    gp_quote(&project);
    project.build().expect_code(0);
    assert!(project.page("quotes/gp-says.html").contains(">GP<"));

    let mut published = Vec::new();
    for words in [
        "Here in Borough A nobody reads the notes.",
        "Borough A's practices never read the notes.",
    ] {
        let project = Project::fixture("basic");
        gp_quote(&project);
        project.edit(
            GP_SAYS,
            "The GP view is that nobody reads the notes.",
            words,
        );
        let run = project.build();
        if run.code == 0 {
            let page = project.page("quotes/gp-says.html");
            assert!(page.contains(">GP<") && page.contains("Borough A"));
            published.push(words);
        } else {
            assert!(
                run.stderr.contains("error[anonymity::")
                    && run.stderr.contains(&format!("{GP_SAYS}:7:")),
                "{}",
                run.stderr
            );
        }
    }
    assert!(
        published.is_empty(),
        "each says the borough “GP” leaves out, where there is one GP, and is published:\n{published:#?}"
    );
}

/// Road: a listed person written surname first with the first name's
/// initial, as every reference list gives an author: "Quillfeather, M.
/// (2019)" (APA, Harvard) or "Quillfeather M." (Vancouver), citing an
/// internal audit written by a named member of staff. "M. Quillfeather"
/// and "Quillfeather, Marjorie" are errors (round 12);
/// `TermMatcher::names_together`
/// (`src/anonymity/identifiers/matcher.rs`) reads an initial before a last
/// name and after a first name only, never after a last name, so these are
/// only `anonymity::partial-name` warnings, and the build publishes them.
/// What should happen: exit 1 with `anonymity::identifier` at
/// `content/pages/methods.md:5`, as for "M. Quillfeather".
#[test]
fn a_surname_then_initial_as_a_reference_list_gives_it_is_only_warned() {
    // The initial before the surname is refused.
    let project = Project::fixture("basic");
    project.write(
        METHODS,
        methods_with("M. Quillfeather (2019). Discharge audit. Internal report.\n"),
    );
    let run = project.build();
    run.expect_code(1);
    assert!(run.stderr.contains("error[anonymity::identifier]"));

    let mut published = Vec::new();
    for reference in [
        "Quillfeather, M. (2019). Discharge audit. Internal report.",
        "Quillfeather M. Discharge audit. Internal report; 2019.",
    ] {
        let project = Project::fixture("basic");
        project.write(METHODS, methods_with(&format!("{reference}\n")));
        let run = project.build();
        if run.code == 0 {
            assert!(project.page("pages/methods.html").contains("Quillfeather"));
            published.push(reference);
        } else {
            assert!(
                run.stderr.contains("error[anonymity::identifier]")
                    && run.stderr.contains(&format!("{METHODS}:5:")),
                "{}",
                run.stderr
            );
        }
    }
    assert!(
        published.is_empty(),
        "each names Marjorie Quillfeather as a reference list does, and is published:\n{published:#?}"
    );
}

/// Road: a listed person's initial and surname run together, as a social
/// media handle or a login gives them: "@MQuillfeather", "mquillfeather".
/// A listed name written together ("MarjorieQuillfeather", a hashtag) is
/// an error, and so is "M. Quillfeather"; run together, the surname is not
/// a whole word, so neither the full-name search nor the partial-name
/// warning (`src/anonymity/identifiers/`) finds anything: the build is
/// silent. What should happen: exit 1 with `anonymity::identifier` at
/// `content/pages/methods.md:5`.
#[test]
fn an_initial_and_surname_run_together_as_a_handle_are_not_read() {
    // The full name run together is refused.
    let project = Project::fixture("basic");
    project.write(
        METHODS,
        methods_with("Updates were tweeted by @MarjorieQuillfeather.\n"),
    );
    let run = project.build();
    run.expect_code(1);
    assert!(run.stderr.contains("error[anonymity::identifier]"));

    let mut published = Vec::new();
    for line in [
        "Updates were tweeted by @MQuillfeather.",
        "The ward PC was left logged in as mquillfeather.",
    ] {
        let project = Project::fixture("basic");
        project.write(METHODS, methods_with(&format!("{line}\n")));
        let run = project.build();
        if run.code == 0 {
            assert!(
                project
                    .page("pages/methods.html")
                    .to_lowercase()
                    .contains("quillfeather")
            );
            published.push((line, run.stderr));
        } else {
            assert!(
                run.stderr.contains("error[anonymity::identifier]")
                    && run.stderr.contains(&format!("{METHODS}:5:")),
                "{}",
                run.stderr
            );
        }
    }
    assert!(
        published.is_empty(),
        "each names Marjorie Quillfeather by her initial and surname, and is published:\n{published:#?}"
    );
}

/// Road: a participant id written with some or all of its marks left out,
/// as interview codes are typed in transcripts and notes: `A-GP1`,
/// `AGP1` for `a-gp-1`. `a_gp_1`, `a.gp.1` and `a/gp/1` are refused
/// (round 12: a reader takes them for the id), as a listed name run
/// together ("JaneSmith") is; `ParticipantIds::find`
/// (`src/anonymity/participant_ids.rs`) matches the id's own parts with a
/// mark between each two, so these are published, and they link the
/// quote to the person in the private records as the id does. What should
/// happen: exit 1 with `anonymity::participant-id` at
/// `content/pages/methods.md:5`.
#[test]
fn a_participant_id_with_its_marks_left_out_is_published() {
    // With other marks, the id is refused.
    let project = Project::fixture("basic");
    project.write(METHODS, methods_with("As a_gp_1 put it, nobody reads.\n"));
    let run = project.build();
    run.expect_code(1);
    assert!(run.stderr.contains("error[anonymity::participant-id]"));

    let mut published = Vec::new();
    for line in [
        "As A-GP1 put it, nobody reads.",
        "As AGP1 put it, nobody reads.",
    ] {
        let project = Project::fixture("basic");
        project.write(METHODS, methods_with(&format!("{line}\n")));
        let run = project.build();
        if run.code == 0 {
            published.push(line);
        } else {
            assert!(
                run.stderr.contains("error[anonymity::participant-id]")
                    && run.stderr.contains(&format!("{METHODS}:5:")),
                "{}",
                run.stderr
            );
        }
    }
    assert!(
        published.is_empty(),
        "each is the participant id a-gp-1 to a reader, and is published:\n{published:#?}"
    );
}

/// Wrong place: a participant id written with Markdown's `--` between its
/// parts (`a--gp--1`), which the page shows with en dashes, `a–gp–1`, and
/// a reader reads as the id. The source check (`ParticipantIds::find`,
/// `src/anonymity/participant_ids.rs`) reads one mark between the parts,
/// not two; the final check finds the id on the page but cannot find the
/// line (`src/anonymity/gate/origin.rs` looks for the text as shown), and
/// says "a template or theme file prints it" at line 1 of the page's
/// file, sending the researcher to the theme. An en dash written as such
/// (`a–gp–1`) is refused at its line. What should happen: exit 1 with the
/// error at `content/pages/methods.md:5`, where the id is written.
#[test]
fn a_participant_id_written_with_double_hyphens_is_refused_at_the_wrong_place() {
    // Written with en dashes, it is refused where it is.
    let project = Project::fixture("basic");
    project.write(METHODS, methods_with("As a\u{2013}gp\u{2013}1 put it.\n"));
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("{METHODS}:5:4")),
        "{}",
        run.stderr
    );

    let project = Project::fixture("basic");
    project.write(METHODS, methods_with("As a--gp--1 put it.\n"));
    let run = project.build();
    run.expect_code(1);
    assert!(run.stderr.contains("participant id"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{METHODS}:5:")) && !run.stderr.contains("template"),
        "the id is written at line 5 of the page's file, not printed by a template:\n{}",
        run.stderr
    );
}

/// Road: an allowance reaching every template through a title that is the
/// allowed term alone. A free page about the hospital, titled "St
/// Brannock's Hospital" and allowing it, is the page the allowance is for;
/// a theme's `base.html` footer that prints "Hosted at St Brannock's
/// Hospital." on every page is a template printing the term, which
/// docs/anonymity.md says is refused ("so is the same term printed by a
/// template or a theme file, on any page") and which round 16 refuses when
/// the title is "Visits to St Brannock's Hospital". `allowed_here`
/// (`src/anonymity/gate/allow.rs`) cuts every copy of an allowing file's
/// title out of every page as whole words (`cut_titles`, `Edges::Words`);
/// where the title is the term itself, every copy of the term anywhere is
/// a copy of the title, so the footer passes on all 17 pages. What should
/// happen: exit 1 with the error at `themes/default/templates/base.html`,
/// as for a longer title (a copy of a title is the title only where the
/// page prints it as one: a heading, a link, the `<title>`).
#[test]
fn an_allowed_term_that_is_the_whole_title_reaches_every_template() {
    let with_title = |title: &str| {
        let project = common::brannock_in_title(title);
        let base = include_str!("../themes/default/templates/base.html");
        let link = "<p><a href=\"{{ root }}accessibility.html\">";
        assert!(base.contains(link));
        project.write(
            "themes/default/templates/base.html",
            base.replacen(
                link,
                &format!("<p>Hosted at St Brannock's Hospital.</p>{link}"),
                1,
            ),
        );
        project
    };
    // With a longer title, the footer is refused at the template's line.
    let run = with_title("Visits to St Brannock's Hospital").build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("themes/default/templates/base.html:"),
        "{}",
        run.stderr
    );

    let project = with_title("St Brannock's Hospital");
    let run = project.build();
    if run.code == 0 {
        assert!(
            project
                .page("findings/co-location.html")
                .contains("Hosted at St Brannock's Hospital.")
        );
    }
    run.expect_code(1);
    assert!(
        run.stderr.contains("themes/default/templates/base.html:"),
        "{}",
        run.stderr
    );
}

/// The methods page allowing "St Brannock's Hospital", titled by the
/// term alone, with the free page's template printing `html` too.
fn titled_by_the_term(html: &str) -> Project {
    let project = common::brannock_in_title("St Brannock's Hospital");
    project.write(
        "themes/default/templates/page.html",
        format!(
            "{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ page_title }}}}</h1>{html}{{{{ content | safe }}}}{{% endblock content %}}"
        ),
    );
    project
}

/// After round 18: a title that is the allowed term alone is still the
/// title wherever a template prints it as one (menus, listings, the page's
/// heading, attributes, a script's JSON, capitals).
#[test]
fn a_title_that_is_the_allowed_term_alone_is_printed_as_the_title() {
    for html in [
        "",
        r#"<p title="{{ page_title }}" aria-label="{{ page_title }}"><img src="x.png" alt="{{ page_title }}"></p>"#,
        r#"<p>{{ page_title | upper }}</p>"#,
        r#"<script type="application/ld+json">{"@type": "Article", "name": "{{ page_title }}"}</script>"#,
    ] {
        let project = titled_by_the_term(html);
        let run = project.build();
        assert_eq!(run.code, 0, "{html}:\n{}", run.stderr);
        assert!(
            project
                .page("findings.html")
                .contains("St Brannock’s Hospital")
        );
    }
}

/// After round 18: where the title is the allowed term alone, the term a
/// template writes itself (in its text, an attribute, a character
/// reference) is refused at the template's line, and so is the term in a
/// theme's static file, which no template makes and which prints no title.
#[test]
fn a_term_a_template_or_static_file_writes_is_refused_though_a_title_is_the_term() {
    for html in [
        "<p>Fieldwork at St Brannock's Hospital.</p>",
        "<p title=\"St Brannock&#x27;s Hospital\">Fieldwork</p>",
        "<p>St Brannock’s Hospital</p>",
    ] {
        let project = titled_by_the_term(html);
        let run = project.build();
        run.expect_code(1);
        assert!(
            run.stderr.contains("outside the file that allows it")
                && run.stderr.contains("themes/default/templates/page.html:1:"),
            "{html}:\n{}",
            run.stderr
        );
    }
    let project = titled_by_the_term("");
    project.write(
        "themes/default/static/visit.txt",
        "Visitors sign in at St Brannock's Hospital reception.\n",
    );
    let run = project.build();
    run.expect_code(1);
    assert!(
        run.stderr.contains("outside the file that allows it")
            && run.stderr.contains("static/visit.txt"),
        "{}",
        run.stderr
    );
}
