use super::*;

fn all(text: &str) -> Vec<String> {
    let mut out = Texts::default();
    versions(text, &mut out);
    out.blocks
}

#[test]
fn references_are_decoded_as_html5_does() {
    assert_eq!(decode_references("&#x54;obias"), "Tobias");
    assert_eq!(decode_references("T&#111;bias"), "Tobias");
    assert_eq!(decode_references("Jane&NewLine;Smith"), "Jane\nSmith");
    // Without the `;`, as HTML5 reads the legacy names.
    assert_eq!(decode_references("&amp &lt;b&gt"), "& <b>");
    assert_eq!(decode_references("&Tcy;"), "Т");
}

#[test]
fn css_and_js_escapes_are_decoded() {
    assert_eq!(
        css_unescape(r"\54 obias \000054obias \T"),
        "Tobias Tobias T"
    );
    assert_eq!(
        js_unescape(r"\u0054obias \u{54}obias \x54obias \'"),
        "Tobias Tobias Tobias '"
    );
    assert_eq!(js_unescape(r"\ud83d\ude00"), "😀");
}

#[test]
fn every_version_is_read() {
    let found = all("Tob\u{ad}ias %54obias");
    assert!(found.iter().any(|v| v.starts_with("Tobias ")));
    assert!(found.iter().any(|v| v.ends_with("Tobias")));
    assert!(all("Tob\u{200b}ias").contains(&"Tob ias".to_string()));
    assert!(all("Jane+Smith").contains(&"Jane Smith".to_string()));
}

/// A script's string literals joined by `+`, listed to be joined, or
/// joined by `concat` are read joined, after any escape is decoded.
#[test]
fn string_literals_a_script_joins_are_read_joined() {
    for (script, joined) in [
        (
            r#"document.write("Marjorie " + "Quill" + "feather")"#,
            "Marjorie Quillfeather",
        ),
        ("let n = 'Quill'+\n  'feather';", "Quillfeather"),
        (r#"["Thistle", "bury"].join("")"#, "Thistlebury"),
        (r#""Thistle".concat("bury")"#, "Thistlebury"),
        ("`Thistle` + 'bury'", "Thistlebury"),
        (r#""\u0051uill" + "feather""#, "Quillfeather"),
    ] {
        let found = all(script);
        assert!(
            found.iter().any(|v| v.contains(joined)),
            "{script}: {found:?}"
        );
    }
    assert_eq!(literals_joined("let x = 1 + 2, y = (3);"), None);
}

/// Defect (red team): a `data:` address's text was published unread.
#[test]
fn data_addresses_are_read() {
    assert!(
        all("<a href=\"data:text/plain;base64,VGhpc3RsZWJ1cnk=\">x</a>")
            .contains(&"Thistlebury".to_string())
    );
    assert!(
        all("DATA:text/html;charset=utf-8;BASE64,PGI%2BVGhpc3RsZTwvYj5idXJ5")
            .iter()
            .any(|v| v.contains("Thistlebury"))
    );
    assert!(all("T\0h\0i\0s\0").contains(&"This".to_string()));
    assert!(
        all("met \u{202e}yrubeltsihT\u{202c} staff")
            .iter()
            .any(|v| v.contains("Thistlebury staff"))
    );
}

/// Defect (red team, round 2): a `data:` document that is not base64
/// was read as plain text, so markup in it split a name; one in
/// another encoding was read as UTF-8.
#[test]
fn data_documents_of_any_kind_are_read_as_html() {
    let mut out = Texts::default();
    versions(
        "data:text/html,Tobias%20Wren%3Cb%3Ehallow%3C/b%3E",
        &mut out,
    );
    assert!(out.blocks.iter().any(|b| b.contains("Tobias Wrenhallow")));
    let mut out = Texts::default();
    versions(
        "data:text/html;charset=utf-8,Gannet Str<b>eet</b>",
        &mut out,
    );
    assert!(out.blocks.iter().any(|b| b.contains("Gannet Street")));
    let mut out = Texts::default();
    versions("data:text/html;charset=iso-2022-jp,%1B$B%23T", &mut out);
    assert!(out.unreadable.is_some());
    // `data:` in prose is not an address.
    let mut out = Texts::default();
    versions("the data: a, b and c", &mut out);
    assert!(out.unreadable.is_none());
}

/// Defect (red team, round 2): a host name in punycode is shown
/// decoded by the browser.
#[test]
fn punycode_host_names_are_read_as_shown() {
    assert!(
        all("https://xn--thistlbury-g7a.example/")
            .iter()
            .any(|v| v.contains("thistlébury.example"))
    );
}

#[test]
fn runs_of_text_in_binary_files_are_read() {
    let bytes = b"\x89PNG\r\n\x1a\n\x00tEXtAuthor\x00Tobias Smith\x00\xff\xfe";
    let runs = readable_runs(bytes);
    assert!(runs.contains("Tobias Smith"), "{runs}");
}

// Regression: a font's names are UTF-16, which the runs of single
// bytes split into letters and dropped.
#[test]
fn utf16_names_in_a_binary_file_are_read() {
    let name = "Designer Tobias Smith";
    for little in [true, false] {
        let mut bytes = vec![0u8, 1, 0xff, 7];
        for unit in name.encode_utf16() {
            bytes.extend(match little {
                true => unit.to_le_bytes(),
                false => unit.to_be_bytes(),
            });
        }
        bytes.extend([0xff, 0xfe, 3]);
        assert!(
            readable_runs(&bytes).contains(name),
            "little-endian {little}"
        );
    }
}

// Red team, round 21: a PNG keeps its `tEXt` in Latin-1, where "ë" is the
// one byte 0xEB, no UTF-8; Windows-1252's curly quotes likewise.
#[test]
fn latin_1_names_in_a_binary_file_are_read() {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0xff, 0, 0, 0];
    bytes.extend(b"Author\0Chlo\xeb Ashworth\0\x00\x92Tobias\x92 Sm\xefth\x01");
    let runs = readable_runs(&bytes);
    assert!(runs.contains("Chlo\u{eb} Ashworth"), "{runs}");
    assert!(runs.contains("\u{2019}Tobias\u{2019} Sm\u{ef}th"), "{runs}");
    // ASCII runs are read once, as UTF-8.
    assert_eq!(runs.matches("Author").count(), 1, "{runs}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, failure_persistence: None, ..Default::default() })]

    /// [`versions`] reads a plain text as it is without trying each
    /// decoding: for any text, what it reads is what trying every
    /// decoding reads.
    #[test]
    fn a_plain_text_is_read_as_every_decoding_reads_it(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "Z", "7", " ", ".", "/", "-", "#", "=", ",", ":", ";", "(", ")", "!", "?",
                "site-header", "../index.html", "xn", "data", "https://example.org",
                "&", "&amp;", "\\", "%54", "+", "*", "_", "~", "`", "\u{1}", "\u{202e}",
                "\u{ad}", "\u{e9}", "xn--bcher-kva", "data:,Jane",
            ]),
            0..12,
        ),
    ) {
        let text = pieces.concat();
        let mut slow = Texts::default();
        every_version(&text, &mut slow);
        let mut fast = Texts::default();
        versions(&text, &mut fast);
        proptest::prop_assert_eq!(&fast.blocks, &slow.blocks, "{:?}", text);
        proptest::prop_assert_eq!(fast.unreadable, slow.unreadable, "{:?}", text);
        if plain(&text) {
            proptest::prop_assert_eq!(&slow.blocks, &vec![text.clone()]);
        }
    }
}
