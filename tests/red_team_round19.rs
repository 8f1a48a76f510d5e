//! Red team, round 19: a quote that names the borough its attribution
//! leaves out through a link or a map that prints the borough's title; the
//! short forms care services use for a role, missed where the registry
//! spells the role another way ("Speech & language therapist", "Learning
//! disabilities nurse", "CPN", "Physio") or the address parts the long
//! form ("general-practitioner"), and read in ordinary words ("a pinch of
//! salt"); an allowance whose title is the allowed term alone, reached by
//! a template that writes the term in pieces and by another file that
//! hides a letter inside it; and a hand-written table's rows after a
//! table nested in one of its cells, and a count a cell gives as a
//! picture's text or an ARIA label.
//! Each test fails on main when written; each says what should happen.

mod common;
use common::{METHODS, Project, gp_quote, methods_with, two_social_workers, warns_of_a_count};

/// The GP's quote of [`gp_quote`] (attributed "GP", Borough A's one GP).
const GP_SAYS: &str = "content/quotes/a/gp-says.md";

/// Road: a quote whose attribution leaves out its borough names that
/// borough through a link written without words, `[](borough:a)`, which
/// the site prints as the borough's title ("Here in Borough A nobody reads
/// the notes", linked to Borough A's report), or through an embedded map
/// of one of the borough's pathways, whose caption reads "Discharge from
/// hospital, Borough A". Written out, "Here in Borough A" is refused
/// (`anonymity::borough-in-words`, round 18). `check_borough_words`
/// (`src/anonymity/attribution/mod.rs`) reads the quote's words as
/// `markdown::plain_text` gives them, where a link to a `borough:` or
/// `pathway:` target has no text (it is printed by `render/links.rs` and
/// `render/maps.rs` only when the page is made), so the title the page
/// prints is never seen. [`gp_quote`]: Borough A's one GP quoted "GP"
/// (k = 2), so the words leave one GP. What should happen: exit 1, an
/// error at the words (`content/quotes/a/gp-says.md:7`), as for the title
/// written out.
#[test]
fn a_quote_naming_its_borough_through_a_link_or_map_is_published() {
    // Written out, the borough is refused at the words.
    let project = Project::fixture("basic");
    gp_quote(&project);
    project.edit(
        GP_SAYS,
        "The GP view is that nobody reads the notes.",
        "Here in Borough A nobody reads the notes.",
    );
    let run = project.build();
    run.expect_code(1);
    assert!(run.stderr.contains("error[anonymity::borough-in-words]"));

    let mut published = Vec::new();
    for words in [
        "Here in [](borough:a) nobody reads the notes.",
        "Nobody reads the notes on this pathway.\n\n![](pathway:a-discharge)",
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
            let quote = &page[page.find("<blockquote").unwrap()..];
            assert!(page.contains(">GP<") && quote.contains("Borough A"));
            published.push(words);
        } else {
            // At the link in the words, or at the map set after them.
            let line = if words.contains("pathway:") { 9 } else { 7 };
            assert!(
                run.stderr.contains("error[anonymity::")
                    && run.stderr.contains(&format!("{GP_SAYS}:{line}:")),
                "{}",
                run.stderr
            );
        }
    }
    assert!(
        published.is_empty(),
        "each prints “Borough A” in the words of a quote attributed “GP”, from Borough A's one GP:\n{published:#?}"
    );
}

/// Borough A's two social workers made one of `role` and one social
/// worker, and the quote `same-building` (participant a-sw-1, of `role`)
/// attributed "Social care, Borough A" (two share it, k = 2; by
/// elimination both, as each is alone in their role), filed as
/// `content/quotes/a/{file}.md`, with `words`. Fewer than k of the two
/// have `role`, so an address or words that say it are refused.
fn quoted_by_sector(role: &str, file: &str, words: &str) -> Project {
    let project = two_social_workers(role, "Social worker");
    project.remove("content/quotes/a/same-building.md");
    project.write(
        &format!("content/quotes/a/{file}.md"),
        format!(
            "---\nparticipant: a-sw-1\nsource: interview\ncodes: [co-location]\nattribution: [sector, borough]\n---\n{words}\n"
        ),
    );
    project.edit(
        "content/findings/co-location.md",
        "quotes: [same-building]",
        &format!("quotes: [{file}]"),
    );
    project.edit(
        "content/index.md",
        "quote:same-building",
        &format!("quote:{file}"),
    );
    project
}

/// Road: the short forms care services use for a role (`ESTABLISHED` in
/// `src/anonymity/attribution/short.rs`) are looked up by the role's words
/// as the registry spells them, so a registry spelling that differs from
/// the table's phrase gets none: "Speech & language therapist" (the
/// ampersand is no word "and", so the initials are `slt`, never `salt`,
/// and the phrase "speech therapist" is not in it) is not read as "SALT",
/// and "Learning disabilities nurse" (whose plural `words` cuts to
/// "disabilitie") is not read as "RNLD", in the words or in the address.
/// "Speech and language therapist" and "Learning disability nurse" are
/// refused for the same words and addresses. What should happen: exit 1,
/// `anonymity::role-in-words` at the words
/// (`content/quotes/a/…:7`), or `anonymity::attribution-in-address`, as
/// for the other spelling.
#[test]
fn a_short_form_is_missed_where_the_registry_spells_the_role_another_way() {
    // As the table spells them, each is refused.
    for (role, file, words) in [
        (
            "Speech and language therapist",
            "same-building",
            "As the SALT here I wait.",
        ),
        ("Speech and language therapist", "salt-waits", "We wait."),
        (
            "Learning disability nurse",
            "same-building",
            "As the RNLD here I wait.",
        ),
        ("Learning disability nurse", "rnld-waits", "We wait."),
    ] {
        let run = quoted_by_sector(role, file, words).build();
        run.expect_code(1);
        assert!(
            run.stderr.contains("error[anonymity::role-in-words]")
                || run
                    .stderr
                    .contains("error[anonymity::attribution-in-address]"),
            "{role}, {file}, {words}:\n{}",
            run.stderr
        );
    }

    let mut published = Vec::new();
    for (role, file, words) in [
        (
            "Speech & language therapist",
            "same-building",
            "As the SALT here I wait.",
        ),
        ("Speech & language therapist", "salt-waits", "We wait."),
        (
            "Learning disabilities nurse",
            "same-building",
            "As the RNLD here I wait.",
        ),
        ("Learning disabilities nurse", "rnld-waits", "We wait."),
    ] {
        let project = quoted_by_sector(role, file, words);
        let run = project.build();
        if run.code == 0 {
            assert!(project.path(&format!("site/quotes/{file}.html")).exists());
            published.push((role, file, words));
        } else {
            assert!(
                run.stderr.contains("error[anonymity::role-in-words]")
                    || run
                        .stderr
                        .contains("error[anonymity::attribution-in-address]"),
                "{}",
                run.stderr
            );
        }
    }
    assert!(
        published.is_empty(),
        "each says the speaker's role, which “Social care, Borough A” leaves out:\n{published:#?}"
    );
}

/// Road: a role the registry writes short, as services do ("CPN",
/// "Physio"), said in full in the quote's words ("As the community
/// psychiatric nurse here", "As the physiotherapist here") or its
/// address (`physiotherapist-waits.md`). The long form of a role written
/// short is read for "GP" ("As the general practitioner here" is
/// refused), but `ESTABLISHED` (`src/anonymity/attribution/short.rs`)
/// maps only from the long phrase to its short forms, and "general
/// practitioner" is the one long form listed; `hints` reads a word that
/// begins one of the role's words (`physio` for "Physiotherapist"), not a
/// word that the role's word begins. What should happen: exit 1,
/// `anonymity::role-in-words` at the words or
/// `anonymity::attribution-in-address`, as for "GP".
#[test]
fn a_role_written_short_in_the_registry_is_not_read_in_full() {
    let run = quoted_by_sector(
        "GP",
        "same-building",
        "As the general practitioner here I wait.",
    )
    .build();
    run.expect_code(1);
    assert!(run.stderr.contains("error[anonymity::role-in-words]"));

    let mut published = Vec::new();
    for (role, file, words) in [
        (
            "CPN",
            "same-building",
            "As the community psychiatric nurse here I wait.",
        ),
        (
            "Physio",
            "same-building",
            "As the physiotherapist here I wait.",
        ),
        ("Physio", "physiotherapist-waits", "We wait."),
    ] {
        let project = quoted_by_sector(role, file, words);
        let run = project.build();
        if run.code == 0 {
            published.push((role, file, words));
        } else {
            assert!(
                run.stderr.contains("error[anonymity::role-in-words]")
                    || run
                        .stderr
                        .contains("error[anonymity::attribution-in-address]"),
                "{}",
                run.stderr
            );
        }
    }
    assert!(
        published.is_empty(),
        "each says the speaker's role, which “Social care, Borough A” leaves out:\n{published:#?}"
    );
}

/// Road: a GP's quote filed as `general-practitioner-waits.md`, the
/// address a heading "General practitioner waits" gives, attributed
/// without the role. docs/anonymity.md says `generalpractitioner` is read
/// for a GP, and it is refused; `check_address` reads the address one
/// word at a time and `short::hints` (`src/anonymity/attribution/short.rs`)
/// compares each word with the `ESTABLISHED` form with its space taken
/// out, so the form's two words, written apart as an address parts them,
/// are never put together. What should happen: exit 1,
/// `anonymity::attribution-in-address`, as for `generalpractitioner-waits`.
#[test]
fn general_practitioner_parted_in_an_address_is_not_read() {
    let run = quoted_by_sector("GP", "generalpractitioner-waits", "We wait.").build();
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("error[anonymity::attribution-in-address]")
    );

    let project = quoted_by_sector("GP", "general-practitioner-waits", "We wait.");
    let run = project.build();
    if run.code == 0 {
        assert!(
            project
                .page("quotes.html")
                .contains("general-practitioner-waits.html")
        );
    }
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("error[anonymity::attribution-in-address]"),
        "{}",
        run.stderr
    );
}

/// Road (a false alarm): a speech and language therapist's quote saying
/// "take it with a pinch of salt" is refused as naming the role, though
/// no reader takes "salt" in lower case for the initials SALT (the same
/// reader who takes "an hour" for no Admiral nurse). `said_forms`
/// (`src/anonymity/attribution/short.rs`) reads initials that spell an
/// ordinary word only in capitals, but `ORDINARY_WORDS` holds words of
/// two and three letters, so `salt` (from `ESTABLISHED`, and the initials
/// of all four words) is read in any case. What should happen: exit 0,
/// as for "As an AN" written "an hour"; "the SALT here" is still refused.
#[test]
fn a_pinch_of_salt_is_refused_as_a_speech_therapists_role() {
    let run = quoted_by_sector(
        "Speech and language therapist",
        "same-building",
        "As the SALT here I wait.",
    )
    .build();
    run.expect_code(1);

    let run = quoted_by_sector(
        "Speech and language therapist",
        "same-building",
        "Take the referral figures with a pinch of salt.",
    )
    .build();
    run.expect_code(0);
}

/// A page titled by "St Brannock's Hospital" alone and allowing it, and
/// the theme's `base.html` with `footer` in its footer (on every page).
fn hospital_page_and_footer(title: &str, footer: &str) -> Project {
    let project = common::brannock_in_title(title);
    let base = include_str!("../themes/default/templates/base.html");
    let link = "<p><a href=\"{{ root }}accessibility.html\">";
    assert!(base.contains(link));
    project.write(
        "themes/default/templates/base.html",
        base.replacen(link, &format!("<p>{footer}</p>{link}"), 1),
    );
    project
}

/// Road: where an allowing page's title is the allowed term alone, a
/// template that writes the term itself is refused (round 18), but only
/// where the template's text holds the term: `printed_by_templates`
/// (`src/anonymity/gate/allow.rs`) reads each template's source as a page,
/// so a footer that writes it with Tera between its words (a comment, an
/// `if`, a string joined with `~`, a `set` variable) holds no copy there,
/// and `allowed_here` then cuts the footer's "St Brannock's Hospital" on
/// every page as a copy of the title. With a longer title ("Visits to St
/// Brannock's Hospital") each footer is refused. What should happen: exit
/// 1 with the error at `themes/default/templates/base.html`, as for the
/// footer written in one piece.
#[test]
fn a_template_writing_the_allowed_term_in_pieces_passes_as_the_title() {
    let literal = "Hosted at St Brannock's Hospital.";
    let run = hospital_page_and_footer("St Brannock's Hospital", literal).build();
    run.expect_code(1);
    assert!(run.stderr.contains("themes/default/templates/base.html:"));

    let mut published = Vec::new();
    for footer in [
        "Hosted at St Brannock's {# site #}Hospital.",
        "Hosted at St Brannock's {% if true %}Hospital{% endif %}.",
        "Hosted at {{ \"St Brannock's \" ~ \"Hospital\" }}.",
        "{% set h = \"Hospital\" %}Hosted at St Brannock's {{ h }}.",
    ] {
        // With a longer title, the footer is refused.
        let run = hospital_page_and_footer("Visits to St Brannock's Hospital", footer).build();
        run.expect_code(1);
        assert!(run.stderr.contains("error[anonymity::output-leak]"));

        let project = hospital_page_and_footer("St Brannock's Hospital", footer);
        let run = project.build();
        if run.code == 0 {
            assert!(
                project
                    .page("findings/co-location.html")
                    .replace("&#39;", "'")
                    .contains("Hosted at St Brannock's Hospital.")
            );
            published.push(footer);
        } else {
            assert!(
                run.stderr.contains("themes/default/templates/base.html:"),
                "{}",
                run.stderr
            );
        }
    }
    assert!(
        published.is_empty(),
        "each footer prints “Hosted at St Brannock's Hospital.” on every page:\n{published:#?}"
    );
}

/// Road: where an allowing page's title is the allowed term alone, another
/// page, which allows nothing, writes the term with a letter hidden inside
/// it: "St Brannock's Hosp<span hidden>x</span>ital", which the checks of
/// files read as "Hospxital" and the reader sees as "St Brannock's
/// Hospital". The gate reads it as shown, but `allowed_here`
/// (`src/anonymity/gate/allow.rs`) cuts every copy of the title out of
/// every page a template made, wherever it stands (only a template's own
/// copy and a static file are excepted), so the other page's copy is cut
/// as the title. docs/anonymity.md: "The same term in another file is
/// still an error". With a longer title it is refused. What should
/// happen: exit 1, `anonymity::output-leak` for `pages/visits.html`.
/// Now: the checks of files read an element that may hide both in the
/// line and left out of it, as the gate does, and refuse the term first,
/// `anonymity::identifier` at `content/pages/visits.md:5:`, whatever the
/// title.
#[test]
fn another_pages_hidden_letter_copy_passes_as_the_title() {
    let visits = "---\ntitle: Visits\norder: 2\n---\nWe visited St Brannock's Hosp<span hidden>x</span>ital twice.\n";
    for title in ["Visits to St Brannock's Hospital", "St Brannock's Hospital"] {
        let project = hospital_page_and_footer(title, "");
        project.write("content/pages/visits.md", visits);
        let run = project.build();
        if run.code == 0 {
            assert!(
                project
                    .page("pages/visits.html")
                    .contains("St Brannock’s Hosp<span hidden>x</span>ital")
            );
        }
        run.expect_code(1);
        assert!(
            run.stderr.contains("error[anonymity::identifier]")
                && run.stderr.contains("content/pages/visits.md:5:12"),
            "{title}: {}",
            run.stderr
        );
    }
}

/// Borough A with one GP, three district nurses, four community matrons
/// and five social workers; Borough B with three of each (k = 3):
/// `role/borough` hides A's GP and, to keep it, A's three nurses, while
/// the study's six nurses are shown.
fn lone_gp_in_a() -> Project {
    common::project_with_k3_registry(common::LONE_GP_IN_A)
}

/// Road: a hand-written table whose count is given as a screen reader
/// reads a cell: a picture's `alt` text ("3", where the picture shows the
/// figure) or the cell's `aria-label`, in a table laid out with ARIA
/// roles (which `Reading`, new this round, reads "as a screen reader
/// reads it") and in an HTML `<table>`. `Reading::html`
/// (`src/markdown/scan.rs`) puts only a tag's text in the open cell, so a
/// cell whose count is an attribute is empty; the same count written as
/// text is warned of (`table::hidden-count`, Borough A's three district
/// nurses, which give its one GP back). docs/participant-tables.md reads
/// `alt`, `title` and `aria-label` in sentences. What should happen: a
/// `table::hidden-count` warning for each.
#[test]
fn a_count_a_cell_gives_as_alt_text_or_an_aria_label_is_not_warned_of() {
    let aria = |cell: &str| {
        format!(
            "<div role=\"table\">\n\
             <div role=\"row\"><div role=\"columnheader\">Role</div><div role=\"columnheader\">Borough A</div></div>\n\
             <div role=\"row\"><div role=\"rowheader\">Social worker</div><div role=\"cell\">5</div></div>\n\
             <div role=\"row\"><div role=\"rowheader\">District nurse</div>{cell}</div>\n\
             </div>"
        )
    };
    let html = |cell: &str| {
        format!(
            "<table>\n<tr><th>Role</th><th>Borough A</th></tr>\n\
             <tr><td>Social worker</td><td>5</td></tr>\n\
             <tr><td>District nurse</td>{cell}</tr>\n</table>"
        )
    };
    let build = |table: &str| {
        let project = lone_gp_in_a();
        project.write(
            METHODS,
            methods_with(&format!("![](participants:role/borough)\n\n{table}\n")),
        );
        let run = project.build();
        run.expect_code(0);
        run.stderr
    };
    // Written as the cell's text, the count is warned of.
    let stderr = build(&aria("<div role=\"cell\">3</div>"));
    assert!(
        stderr.contains("table::hidden-count") && stderr.contains("column `Borough A`"),
        "{stderr}"
    );

    let mut silent = Vec::new();
    for table in [
        aria("<div role=\"cell\"><img src=\"three.png\" alt=\"3\"></div>"),
        aria("<div role=\"cell\" aria-label=\"3\"></div>"),
        html("<td><img src=\"three.png\" alt=\"3\"></td>"),
        html("<td aria-label=\"3\"></td>"),
    ] {
        if !warns_of_a_count(&build(&table)) {
            silent.push(table);
        }
    }
    assert!(
        silent.is_empty(),
        "each gives Borough A's three hidden nurses, unwarned:\n{}",
        silent.join("\n\n")
    );
}

/// Road: a hand-written HTML table with a small table nested in one of
/// its cells (a breakdown of Borough A's social workers by team, as a
/// table pasted from a word processor has): the rows after it are read as
/// rows of the nested table. `Reading::end` and `close_cell`
/// (`src/markdown/scan.rs`) put each cell in `tables.last_mut()`, the
/// table begun last, not the one still open, so once the nested table
/// ends "District nurse | 3" is a row of the breakdown, under its cells
/// ("Adults", "Children"), not under the header "Borough A"; the same
/// table without the breakdown is warned of. What should happen: a
/// `table::hidden-count` warning for the three nurses of Borough A.
#[test]
fn rows_after_a_nested_table_are_read_as_the_nested_tables() {
    let table = |social_workers: &str| {
        format!(
            "<table>\n<tr><th>Role</th><th>Borough A</th></tr>\n\
             <tr><td>Social worker</td><td>{social_workers}</td></tr>\n\
             <tr><td>District nurse</td><td>3</td></tr>\n</table>"
        )
    };
    let build = |table: &str| {
        let project = lone_gp_in_a();
        project.write(
            METHODS,
            methods_with(&format!("![](participants:role/borough)\n\n{table}\n")),
        );
        let run = project.build();
        run.expect_code(0);
        run.stderr
    };
    let stderr = build(&table("5"));
    assert!(stderr.contains("table::hidden-count"), "{stderr}");

    let nested = table(
        "<table><tr><td>Adults</td><td>2</td></tr><tr><td>Children</td><td>3</td></tr></table>",
    );
    let stderr = build(&nested);
    assert!(
        stderr.contains("table::hidden-count")
            && stderr.contains("`District nurse` in column `Borough A`"),
        "the table gives Borough A's three hidden nurses, unwarned:\n{stderr}"
    );
}
