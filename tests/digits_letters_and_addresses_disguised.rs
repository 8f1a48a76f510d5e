//! Identifying text a reader reads through its disguise was published
//! (red team, round 32): numbers written in the digits of another script
//! (`٠٧٧٠٠ ٩٠٠١٢٣`, `০৭৭০০ ৯০০১২৩`), which a reader reads as the phone
//! number they are; names written with letters with a stroke, a bar or a
//! hook, and with a small l among capitals for an I (`₮ⱧłS₮ⱠɆβɄⱤɎ`). Each
//! is refused at the line that holds it, in a report's text and in a
//! template, and so are email addresses spelt out for a reader
//! (`jo.bloggs [at] example [dot] nhs [dot] uk`, `jo . bloggs @ example .
//! nhs . uk`, `jo.bloggsⓐexample.nhs.uk`). Prose in those scripts, with
//! its years and counts, Polish words with their `ł`, and sentences that
//! say "at" and "dot" or name a web site with an `@`, still build.

mod common;

use common::{METHODS, Project, methods_fails, methods_with, template_refused};

/// Each of `cases` (text, the code it is refused with) in the methods
/// page's body, at its line.
fn each_refused(cases: &[(&str, &str)]) {
    for (written, code) in cases {
        let body = format!("We heard from {written} that spring.\n");
        let out = methods_fails(&body, code);
        assert!(out.contains(&format!("{METHODS}:5:")), "{written}: {out}");
    }
}

/// Round 32: every decimal digit of Unicode is read as its value.
#[test]
fn digits_of_other_scripts_are_read_as_digits() {
    each_refused(&[
        // Arabic-Indic, Bengali, Devanagari, Extended Arabic-Indic (Persian
        // and Urdu), Thai, Myanmar.
        ("٠٧٧٠٠ ٩٠٠١٢٣", "anonymity::phone-number"),
        ("০৭৭০০ ৯০০১২৩", "anonymity::phone-number"),
        ("०७७०० ९००१२३", "anonymity::phone-number"),
        ("۰۷۷۰۰ ۹۰۰۱۲۳", "anonymity::phone-number"),
        ("๐๗๗๐๐ ๙๐๐๑๒๓", "anonymity::phone-number"),
        ("၀၇၇၀၀ ၉၀၀၁၂၃", "anonymity::phone-number"),
        ("+٤٤ ٧٧٠٠ ٩٠٠١٢٣", "anonymity::phone-number"),
        ("NHS no ٩٤٣ ٤٧٦ ٥٩١٩", "anonymity::nhs-number"),
        ("NHS no ৯৪৩ ৪৭৬ ৫৯১৯", "anonymity::nhs-number"),
        ("E١ ٦AN", "anonymity::postcode"),
        ("SW१A १AA", "anonymity::postcode"),
        ("AB ١٢ ٣٤ ٥٦ C", "anonymity::ni-number"),
        ("A-GP-١", "anonymity::participant-id"),
        ("A GP ১", "anonymity::participant-id"),
        // Digits of one script and another, and ASCII, mixed.
        ("07700 ٩٠٠١٢٣", "anonymity::phone-number"),
    ]);
}

#[test]
fn digits_of_other_scripts_in_a_template_are_refused() {
    for written in [
        "٠٧٧٠٠ ٩٠٠١٢٣",
        "০৭৭০০ ৯০০১২৩",
        "NHS no ٩٤٣ ٤٧٦ ٥٩١٩",
        "A-GP-١",
    ] {
        template_refused(written);
    }
}

/// Prose in Arabic, Persian, Bengali, Hindi and Thai with a year, a date,
/// a count and a percentage, and the digits beside English: no number a
/// reader takes for a person's.
#[test]
fn prose_in_other_scripts_with_years_and_counts_builds() {
    let project = Project::fixture("basic");
    let body = "في عام ٢٠٢٣ شارك ١٢ شخصاً في الدراسة، و٣ من ٤ فرق. \
                در سال ۱۴۰۲، ۱۵ نفر شرکت کردند (۲۵٪). \
                ২০২৩ সালে ১২ জন অংশগ্রহণকারী ছিলেন; ৩টি দল। \
                २०२३ में १२ लोगों ने भाग लिया, ५ टीमें। \
                ในปี ๒๕๖๖ มีผู้เข้าร่วม ๑๒ คน. \
                In ٢٠٢٣, ٣ of ١٢ teams met on ١٤/٠٣/٢٠٢٣ for ٤٥ minutes.\n";
    project.write(METHODS, methods_with(body));
    project.build().expect_code(0);
}

/// Round 32: a letter with a stroke, bar or hook is the plain letter; a
/// small l (or `ł`) among capitals is an I, a capital I among small
/// letters an l; beta is a b.
#[test]
fn letters_with_strokes_are_read_as_a_reader_reads_them() {
    each_refused(&[
        ("₮ⱧłS₮ⱠɆβɄⱤɎ", "anonymity::identifier"),
        ("THlSTLEBURY", "anonymity::identifier"),
        ("ThistIebury", "anonymity::identifier"),
        ("Thistleβury", "anonymity::identifier"),
        ("ƬHƗꞨŦⱠɆƁɄɌƳ", "anonymity::identifier"),
        ("ThistꬸeƀuɌy", "anonymity::identifier"),
        ("Marjorie QuiIIfeather", "anonymity::identifier"),
        ("MARJORlE QUlLLFEATHER", "anonymity::identifier"),
    ]);
}

#[test]
fn letters_with_strokes_in_a_template_are_refused() {
    for written in ["₮ⱧłS₮ⱠɆβɄⱤɎ", "THlSTLEBURY", "ThistIebury"] {
        template_refused(written);
    }
}

/// Polish, Croatian, Danish and Vietnamese words with their stroked
/// letters, initialisms and names in mixed case.
#[test]
fn words_with_stroked_letters_build() {
    let project = Project::fixture("basic");
    let body = "Staff in Łódź and Białystok were paid in złoty; Michał met Wałęsa.                 ŁÓDŹ, ZŁOTY, Đakovo, Øresund, Đà Nẵng and Ħamrun took part.                 McIntosh used an iPhone; HTML, URLs, 5 mL, WWII and Al were named.                 Alison, ALL of them, and the LLM.\n";
    project.write(METHODS, methods_with(body));
    project.build().expect_code(0);
}

/// Round 32: the at sign and full stops spelt out, in brackets or as
/// words, spaced full stops, a circled `a` for the at sign, and a
/// one-word name before a spaced at sign and a mail-only domain. The
/// names before the at sign are on no list: the email rule refuses them.
#[test]
fn email_addresses_spelt_out_are_refused() {
    each_refused(&[
        ("jo . bloggs @ example . nhs . uk", "anonymity::email"),
        (
            "jo.bloggs [at] example [dot] nhs [dot] uk",
            "anonymity::email",
        ),
        (
            "jo.bloggs (at) example (dot) nhs (dot) uk",
            "anonymity::email",
        ),
        ("jo.bloggs {at} example.nhs.uk", "anonymity::email"),
        ("jsmith [at] nhs [dot] net", "anonymity::email"),
        ("jo.bloggsⓐexample.nhs.uk", "anonymity::email"),
        ("jo.bloggs🅐example.nhs.uk", "anonymity::email"),
        (
            "jo dot bloggs at example dot nhs dot uk",
            "anonymity::email",
        ),
        ("jsmith @ nhs.net", "anonymity::email"),
    ]);
}

#[test]
fn email_addresses_spelt_out_in_a_template_are_refused() {
    for written in [
        "jo.bloggs [at] example [dot] nhs [dot] uk",
        "jo . bloggs @ example . nhs . uk",
        "jo.bloggsⓐexample.nhs.uk",
        "jsmith @ nhs.net",
    ] {
        template_refused(written);
    }
}

/// Sentences that say "at" and "dot", name a web site with an `@`, or
/// hold spaced full stops, decimals, ellipses, lettered lists and words
/// in brackets.
#[test]
fn at_and_dot_in_ordinary_sentences_build() {
    let project = Project::fixture("basic");
    let body = "Find it @ nhs.uk, and see us @ the clinic. Guidance is available @ www.gov.uk; \
                apply online @ gov.uk, or write to contact @ nhs.net. \
                We met at the clinic; look at the dot on the map, a dot at the end. \
                E.g. a . b, 3 . 5 and 2.5, wait . . . then… and i.e. at once. \
                Download guidance.pdf at www.gov.uk, or find it at nhs dot uk. \
                Staff (at random) were rated (a) to (d) at each site [dot points].\n";
    project.write(METHODS, methods_with(body));
    project.build().expect_code(0);
}
