//! Reading a file's bytes, and taking them as text: a file that is not
//! UTF-8 is still read (for its other problems) and reported at its first
//! byte that is not. Does not decide which files are read (that is `load`).

use crate::diag::Diagnostic;
use crate::source::{FileId, SourceFile, Span};
use std::path::Path;

/// A file's bytes as text: where they are not UTF-8, each byte that is not
/// becomes U+FFFD (so the rest can still be read for its other problems),
/// and the offset of the first is given, for [`not_utf8`].
pub fn decode(name: String, bytes: Vec<u8>) -> (SourceFile, Option<usize>) {
    match String::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(name, text), None),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            (SourceFile::new(name, text), Some(valid))
        }
    }
}

/// The error for a file that is not UTF-8, at its first byte that is not
/// (`valid`, as [`decode`] gave it).
pub fn not_utf8(id: FileId, valid: usize) -> Diagnostic {
    // The text holds U+FFFD in place of the bytes: the span covers that
    // character, not a byte of it.
    let span = Span::new(id, valid..valid + char::REPLACEMENT_CHARACTER.len_utf8());
    Diagnostic::error("load::not-utf8", "this file is not UTF-8 text")
        .at(span)
        .label("the first byte that is not UTF-8")
        .fix("save the file as UTF-8 (in most editors: Save As, then choose the UTF-8 encoding)")
}

/// A file's bytes. `std::fs::read` first asks the file's size (a system
/// call); nearly every file of a project is a quote of a few hundred bytes,
/// read whole in one go by [`read_in_pieces`] and copied out at its length:
/// one system call fewer for each of tens of thousands of files.
pub fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_in_pieces(&mut std::fs::File::open(path)?, |piece| {
        bytes.extend_from_slice(piece);
        true
    })?;
    Ok(bytes)
}

/// Reads `file` to its end a piece at a time, into a buffer each thread
/// keeps, giving each piece to `each` until it says to stop (returns
/// false). Says whether the end was reached. (`each` must not read a file
/// this way itself: the thread's buffer is in use.)
pub fn read_in_pieces(
    file: &mut std::fs::File,
    mut each: impl FnMut(&[u8]) -> bool,
) -> std::io::Result<bool> {
    use std::io::Read;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; 64 * 1024]);
    }
    BUFFER.with_borrow_mut(|buffer| {
        loop {
            match file.read(buffer) {
                Ok(0) => return Ok(true),
                Ok(n) if !each(&buffer[..n]) => return Ok(false),
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_of_any_length_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = crate::made_up::Sequence::new(3);
        // Around the reading buffer's length, and well past it.
        for len in [0, 1, 700, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 300_000] {
            let path = dir.path().join(format!("{len}.md"));
            let text: Vec<u8> = (0..len).map(|_| bytes.below(256) as u8).collect();
            std::fs::write(&path, &text).unwrap();
            assert_eq!(read_bytes(&path).unwrap(), text, "{len} bytes");
        }
        // A long file read first leaves no trace in the next, shorter one.
        assert_eq!(read_bytes(&dir.path().join("1.md")).unwrap().len(), 1);
        assert!(read_bytes(&dir.path().join("missing.md")).is_err());
    }

    #[test]
    fn text_that_is_not_utf8_is_kept_and_its_first_bad_byte_found() {
        let (file, bad) = decode("a.md".into(), b"ab\xffc".to_vec());
        assert_eq!((file.text.as_str(), bad), ("ab\u{FFFD}c", Some(2)));
        assert_eq!(decode("a.md".into(), b"abc".to_vec()).1, None);
    }
}
