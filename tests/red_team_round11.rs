//! Red team, round 11: roads around the gate's reading of the quotes a
//! page about some boroughs leads to, and of tables' headings. Each failed
//! when it was written; each says what should happen.

mod common;
use common::{Project, borough_a_with, borough_b, gp_quote, refused};

/// Road: a `<base href="../quotes/">` in the report makes every relative
/// link after it resolve in `quotes/`, so `<a href="gp-says.html">` leads
/// to the GP's quote. The gate resolves the link from the page's folder
/// (`boroughs/`), and only reads addresses that say `quotes`, so Borough
/// A's report is published linking the quote.
#[test]
fn a_base_address_is_read_before_the_links_after_it() {
    refused(
        borough_a_with("<base href=\"../quotes/\"><a href=\"gp-says.html\">one GP said</a>"),
        "content/boroughs/a.md:7:",
    );
}

/// Road: a link typed with backslashes (as a path copied from Windows),
/// `..\quotes\gp-says.html`: a browser reads `\` as `/` in an http(s)
/// address, so it leads to the GP's quote; `quote_page` splits on `/`
/// only, finds no folder, and the report is published linking the quote.
#[test]
fn a_link_with_backslashes_leads_to_the_quote() {
    refused(
        borough_a_with("<a href=\"..\\quotes\\gp-says.html\">one GP said</a>"),
        "content/boroughs/a.md:7:",
    );
}

/// Road: an address broken over two lines (as an editor wraps a long
/// `<a>`), or with a tab written `&#9;`: a browser strips tabs and line
/// breaks from an address, so `../quo⏎tes/gp-says.html` leads to the
/// quote, but the gate looks for `quotes` in it as written and publishes.
#[test]
fn tabs_and_line_breaks_in_an_address_are_stripped_as_a_browser_does() {
    // Named where the quote's id is written: after the line break, on
    // line 8.
    refused(
        borough_a_with("<a href=\"../quo\ntes/gp-says.html\">one GP said</a>"),
        "content/boroughs/a.md:8:",
    );
    refused(
        borough_a_with("<a href=\"../quo&#9;tes/gp-says.html\">one GP said</a>"),
        "content/boroughs/a.md:7:",
    );
}

/// Road: `<meta http-equiv="refresh" content="30;url=../quotes/gp-says.html">`
/// in the report takes the reader from Borough A's report to the GP's
/// quote; `content` is not among the attributes read, and it is published.
#[test]
fn a_refresh_to_a_quote_leads_to_it() {
    refused(
        borough_a_with("<meta http-equiv=\"refresh\" content=\"30;url=../quotes/gp-says.html\">"),
        "content/boroughs/a.md:7:",
    );
}

/// Road: a button that goes to the quote by script,
/// `onclick="location='../quotes/gp-says.html'"` (as a "read more" button
/// is often written): the reader is led to the quote, and it is published.
#[test]
fn a_script_that_goes_to_a_quote_leads_to_it() {
    refused(
        borough_a_with(
            "<button onclick=\"location='../quotes/gp-says.html'\">one GP said</button>",
        ),
        "content/boroughs/a.md:7:",
    );
}

/// Road: `../quotes/gp-says` without `.html`, as the hosts such sites are
/// published on (GitHub Pages, Netlify) serve `gp-says.html` for it:
/// `quote_page` takes only a name ending `.html`, and it is published.
#[test]
fn a_link_to_a_quote_without_html_leads_to_it() {
    refused(
        borough_a_with("<a href=\"../quotes/gp-says\">one GP said</a>"),
        "content/boroughs/a.md:7:",
    );
}

/// Road: field notes of Borough A (their page shown as "Field notes,
/// Borough A") link the GP's quote from beside it in `quotes/`, as
/// `gp-says.html` or `./gp-says.html`. The address does not say `quotes`,
/// so the gate never collects it, and the page about Borough A leads to
/// the one GP's words (exit 0). Written `../quotes/gp-says.html`, refused.
#[test]
fn a_quote_page_linking_a_quote_beside_it_is_held_to_k() {
    for link in [
        "<a href=\"gp-says.html\">the GP</a>",
        "[the GP](./gp-says.html)",
    ] {
        refused(
            |p: &Project| {
                gp_quote(p);
                p.write(
                    "content/quotes/a/notes-a.md",
                    format!(
                        "---\nsource: field-notes\nborough: a\ncodes: [co-location]\n---\nAt the huddle, {link} spoke.\n"
                    ),
                );
            },
            "content/quotes/a/notes-a.md:6:",
        );
    }
}

/// Road: a table with row headings (`<th>` first in each row) and two
/// heading rows, the corner cell left empty as `<td></td>` (as such a
/// table is written). The heading rows are taken to be those made only of
/// `<th>`, so only the first is, "Date of birth" in the second is a cell,
/// and the date under it is published.
#[test]
fn heading_rows_with_an_empty_corner_cell_are_headings() {
    refused(
        borough_b(
            "<table>\n<tr><td></td><th colspan=\"2\">Participant</th></tr>\n\
             <tr><td></td><th>Role</th><th>Date of birth</th></tr>\n\
             <tr><th>P01</th><td>District nurse</td><td>[removed at their request]</td></tr>\n\
             <tr><th>P02</th><td>District nurse</td><td>[removed at their request]</td></tr>\n\
             <tr><th>P03</th><td>Healthcare assistant, interviewed at home</td><td>14/03/1952</td></tr>\n</table>",
        ),
        "content/boroughs/b.md:10:",
    );
}

/// Road: a table turned round (a participant a column) whose first row is
/// "Date of birth". With no row of `<th>` only, the first row is taken for
/// the headings, so it is never read as a row named by its first cell,
/// and the date in it, far from "Date of birth", is published. Written as
/// Markdown, the same table is refused.
#[test]
fn a_date_of_birth_in_a_turned_tables_first_row_is_read() {
    refused(
        borough_b(
            "<table>\n<tr><th>Date of birth</th><td>[removed at their request]</td><td>[removed at their request]</td><td>14/03/1952</td></tr>\n\
             <tr><th>Role</th><td>District nurse</td><td>District nurse</td><td>Healthcare assistant</td></tr>\n</table>",
        ),
        // Named at the table that holds it: its row alone, out of the
        // table, is no row a browser keeps.
        "content/boroughs/b.md:5:",
    );
}

/// Road: a CSV exported with a title line above its headings (as a
/// spreadsheet with a title in A1 is). The first line is taken for the
/// headings, holds no "date of birth", and the date is published.
#[test]
fn a_csv_with_a_title_line_reads_the_headings_below_it() {
    refused(
        |p: &Project| {
            p.write(
                "themes/default/static/cohort.csv",
                "Participants interviewed in Borough B\n\
                 participant,notes,date of birth,role\n\
                 P01,interviewed at home with daughter present,,carer\n\
                 P02,interviewed at home with daughter present,,carer\n\
                 P03,interviewed at home with daughter present,14/03/1952,carer\n",
            );
        },
        "themes/default/static/cohort.csv",
    );
}

/// Road: a CSV turned round (a participant a column, the fields down the
/// first), as round 10 found for HTML and Markdown tables: a CSV is read
/// by its first line only, not by each row's first field, and the date is
/// published.
#[test]
fn a_date_of_birth_row_in_a_csv_is_read() {
    refused(
        |p: &Project| {
            p.write(
                "themes/default/static/cohort.csv",
                "field,P01,P02,P03\n\
                 role,carer,carer,carer\n\
                 date of birth,[removed at their request],[removed at their request],14/03/1952\n",
            );
        },
        "themes/default/static/cohort.csv",
    );
}

/// The other ways a page leads to an address, which the gate collects as
/// it collects a link's (tried after round 11, not by it): a form's
/// action, an SVG link, a page to fetch ahead, a `srcset` candidate, and a
/// frame.
#[test]
fn every_way_a_page_leads_to_a_quote_is_held_to_k() {
    for html in [
        "<form action=\"../quotes/gp-says.html\"><button>Read</button></form>",
        "<svg><a xlink:href=\"../quotes/gp-says.html\"><text y=\"10\">Read</text></a></svg>",
        "<link rel=\"prefetch\" href=\"../quotes/gp-says.html\">",
        "<img alt=\"\" srcset=\"../quotes/gp-says.html 2x\">",
        "<iframe title=\"A quote\" src=\"../quotes/gp-says.html\"></iframe>",
    ] {
        refused(borough_a_with(html), "content/boroughs/a.md:7:");
    }
}
