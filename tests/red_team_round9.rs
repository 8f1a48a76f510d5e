//! Red team, round 9: roads a researcher's or a theme author's ordinary
//! mistake still has to the published site, and refusals that name the
//! wrong place. Each failed when it was written; each says what should happen.

mod common;
use common::{Project, borough_b, build_fails, gp_quote, refused, style_with, two_social_workers};

/// Road: a table of participants' characteristics pasted from a
/// spreadsheet, with a "Date of birth" column emptied for every row but
/// one. A reader sees `14/03/1952` under the heading "Date of birth", but
/// the cue must be within 40 characters of the date in the same sentence,
/// so a date three rows down is published (exit 0). The same column in a
/// CSV of figures in the theme's static folder is published too.
#[test]
fn a_date_under_a_date_of_birth_column_is_a_date_of_birth() {
    refused(
        borough_b(
            "| Participant | Date of birth | Role | Team |\n\
             |---|---|---|---|\n\
             | [name] | [removed] | Social worker | Duty and assessment |\n\
             | [name] | [removed] | Social worker | Hospital discharge team |\n\
             | [name] | 14/03/1952 | District nurse | Community nursing |",
        ),
        "content/boroughs/b.md:9:",
    );
    refused(
        |p: &Project| {
            p.write(
                "themes/default/static/cohort.csv",
                "participant,date of birth,role,team,notes\n\
                 P01,,carer,community nursing,interviewed at home with daughter present\n\
                 P02,,carer,community nursing,interviewed at home with daughter present\n\
                 P03,14/03/1952,carer,community nursing,at home\n",
            );
        },
        "themes/default/static/cohort.csv",
    );
}

/// Road: a mobile number copied from an email signature, `07700 - 900123`,
/// its groups parted by a hyphen with a space either side. The grouping is
/// the usual one and a reader dials it as written; only the spaced
/// separator differs from `07700-900123`, which is refused. Published.
#[test]
fn a_phone_number_with_a_spaced_hyphen_is_refused() {
    refused(
        borough_b("Mob: 07700 - 900123 (please text first)."),
        "content/boroughs/b.md:5:6",
    );
}

/// Road: field notes from Borough A (always shown as "Field notes,
/// Borough A", and listed under Borough A) that link the GP's quote with
/// words of their own. The linked page shows "GP", so readers learn the
/// GP who said it works in Borough A, where there is one. The same link
/// written without words (which prints "GP") is refused, and so is the
/// same link from Borough A's report "whatever the link's text"; with
/// words, from field notes, or from a quote attributed to Borough A, it
/// is published (exit 0).
#[test]
fn a_quote_linked_with_words_from_field_notes_is_held_to_k_in_their_borough() {
    for (file, front) in [
        (
            "content/quotes/a/notes-a.md",
            "source: field-notes\nborough: a\ncodes: [co-location]",
        ),
        (
            "content/quotes/a/sw-says.md",
            "participant: a-sw-2\nsource: interview\ncodes: [co-location]",
        ),
    ] {
        build_fails(
            |p: &Project| {
                gp_quote(p);
                p.write(
                    file,
                    format!(
                        "---\n{front}\n---\nAt the huddle the plan was [made again](quote:gp-says).\n"
                    ),
                );
            },
            &format!("{file}:6:"),
            "anonymity::small-group-in-context",
        );
    }
}

/// Road: a picture drawn from an SVG `data:` address, written as the
/// common SVG-to-CSS encoders write it: `<` and `>` percent-encoded, the
/// SVG's own attribute quotes left as `'` (`xmlns='http://…'`). A design
/// tool splits a kerned word into `<tspan>`s. The gate reads such an
/// address only up to its first quote (or `)`, as in `translate(0 18)`),
/// so the drawing's text "Thistlebury" (a logo in the site's header, or a
/// picture in a borough report) is published (exit 0). Encoded with
/// `%27` instead of `'`, the same drawing is refused.
#[test]
fn an_svg_data_address_with_quotes_in_it_is_read_whole() {
    let svg = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='220' height='24'%3E%3Ctext y='18'%3E%3Ctspan%3EThistle%3C/tspan%3E%3Ctspan%3Ebury%3C/tspan%3E%3C/text%3E%3C/svg%3E";
    let image = format!("![The partnership's logo](<{svg}>)");
    refused(borough_b(&image), "content/boroughs/b.md:5:");
    let rule = format!(".site-header {{ background: url(\"{svg}\") no-repeat right center; }}");
    refused(style_with(&rule), "themes/default/static/style.css");
}

/// Wrong place: Markdown's smart punctuation turns `--` into an en dash,
/// which the final check reads as a hyphen, so `07700--900123` and
/// `Thistle--bury` are refused; but the message points at
/// `content/boroughs/b.md:1:1` and says "a template or theme file prints
/// it", sending the researcher to the theme, though line 5 of the file
/// holds it.
#[test]
fn a_double_hyphen_made_a_dash_is_refused_at_its_line() {
    for body in [
        "Ring 07700--900123 after six.",
        "We met staff at Thistle--bury.",
    ] {
        let out = refused(borough_b(body), "content/boroughs/b.md:5:");
        assert!(!out.contains("a template or theme file prints it"), "{out}");
    }
}

/// Wrong place: a name in a theme's text file (a CSV of figures, a
/// script) is refused naming the file only, with "find what it prints":
/// no line or column, though a CSV of figures may run to thousands of
/// lines and a refused style sheet rule is named at its line.
#[test]
fn a_leak_in_a_themes_text_file_is_named_at_its_line() {
    build_fails(
        |p: &Project| {
            p.write(
                "themes/default/static/figures.csv",
                "borough,referrals\nA,41\nThistlebury,52\nB,38\n",
            );
        },
        "themes/default/static/figures.csv:3:1",
        "anonymity::output-leak",
    );
    build_fails(
        |p: &Project| {
            p.write(
                "themes/default/static/app.js",
                "// menu\nvar open = false;\nvar place = \"Thistlebury\";\n",
            );
        },
        "themes/default/static/app.js:3:14",
        "anonymity::output-leak",
    );
}

/// False refusal: a registry typed partly in Word keeps the same role with
/// an apostrophe Word made curly, a non-breaking hyphen (Ctrl+Shift+-), an
/// optional hyphen (a soft hyphen) or a zero-width space pasted from a web
/// page. A reader sees one role ("Carers’ lead", "Re-ablement worker",
/// "Social worker"), and a quote printed with it is shared by both social
/// workers in Borough A (k = 2), but the roles are counted as two groups of
/// one and the quote is refused (exit 1). Capitals, spaces and width are
/// already one role; these should be too (with the spelling warning).
#[test]
fn role_spellings_a_reader_cannot_tell_apart_are_one_group() {
    for (first, second) in [
        ("Carers' lead", "Carers\u{2019} lead"),
        ("Re-ablement worker", "Re\u{2011}ablement worker"),
        ("Social worker", "Social wor\u{ad}ker"),
        ("Social worker", "Social worker\u{200b}"),
    ] {
        let project = two_social_workers(first, second);
        let run = project.build();
        assert_eq!(run.code, 0, "{first:?} / {second:?}:\n{}", run.stderr);
    }
}
