//! Red team, round 9: roads a researcher's or a theme author's ordinary
//! mistake still has to the published site, and refusals that name the
//! wrong place. Each failed when it was written; each says what should happen.

mod common;
use common::{Project, refused};

const BOROUGH_B: &str = "content/boroughs/b.md";

/// Borough B's report with `body` as its overview (line 5 of the file).
fn borough_b(body: &str) -> impl Fn(&Project) + '_ {
    move |p: &Project| {
        p.write(
            BOROUGH_B,
            format!("---\ntitle: Borough B\norder: 2\n---\n{body}\n"),
        );
    }
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
