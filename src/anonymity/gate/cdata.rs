//! CDATA sections (`<![CDATA[…]]>`), as a feed reader or any XML reader
//! shows them: their text joined to the text around them (`Tob<![CDATA[ias]]>`
//! is "Tobias"). An HTML parser reads one outside a drawing as a comment,
//! which would part the word; so a document that holds one is read once
//! more with each section unwrapped. Does not parse the document
//! ([`super::html`] does).

/// How a CDATA section opens, and closes.
const OPEN: &[u8] = b"<![cdata[";
const CLOSE: &str = "]]>";

/// `document` with each CDATA section unwrapped, twice: its text kept as
/// markup (a feed's description holds a page's HTML, which a reader
/// shows as a page), and as text (`<` and `&` escaped, shown as they
/// are); `None` when it holds none. A section with no end runs to the end
/// of the document, as a browser reads it. The opening is found in any
/// case (an XML reader wants capitals; reading more is safe).
pub(super) fn unwrapped(document: &str) -> Option<[String; 2]> {
    let mut at = open_at(document, 0)?;
    let mut markup = String::with_capacity(document.len());
    let mut text = String::with_capacity(document.len());
    let mut copied = 0;
    loop {
        markup.push_str(&document[copied..at]);
        text.push_str(&document[copied..at]);
        let inner = at + OPEN.len();
        let end = document[inner..].find(CLOSE).map(|e| inner + e);
        let section = &document[inner..end.unwrap_or(document.len())];
        markup.push_str(section);
        text.push_str(&escaped(section));
        copied = end.map_or(document.len(), |e| e + CLOSE.len());
        match open_at(document, copied) {
            Some(next) => at = next,
            None => break,
        }
    }
    markup.push_str(&document[copied..]);
    text.push_str(&document[copied..]);
    Some([markup, text])
}

/// Where the next CDATA section opens in `document`, from `from` on.
fn open_at(document: &str, from: usize) -> Option<usize> {
    let bytes = document.as_bytes().get(from..)?;
    // `<![` found fast, the rest compared in any case.
    memchr::memmem::find_iter(bytes, &OPEN[..3])
        .find(|&at| {
            bytes
                .get(at..at + OPEN.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(OPEN))
        })
        .map(|at| from + at)
}

/// `text` as markup that shows it as it is.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_joined_to_the_text_around_them() {
        let [markup, text] = unwrapped("<t>Tob<![CDATA[ias]]></t>").expect("a section");
        assert_eq!(markup, "<t>Tobias</t>");
        assert_eq!(text, "<t>Tobias</t>");
        let [markup, _] = unwrapped("<![CDATA[Tob]]><![cdata[ias]]>").expect("sections");
        assert_eq!(markup, "Tobias");
        let [markup, text] = unwrapped("<d><![CDATA[<p>Tob<b>ias</b> & co]]></d>").expect("one");
        assert_eq!(markup, "<d><p>Tob<b>ias</b> & co</d>");
        assert_eq!(text, "<d>&lt;p&gt;Tob&lt;b&gt;ias&lt;/b&gt; &amp; co</d>");
        // No end: to the end of the document.
        let [markup, _] = unwrapped("Tob<![CDATA[ias").expect("a section");
        assert_eq!(markup, "Tobias");
        assert!(unwrapped("<p>Tobias</p>").is_none());
        assert!(unwrapped("<![CDATA").is_none());
    }
}
