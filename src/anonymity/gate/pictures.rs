//! What a picture keeps as text where its bytes alone do not show it: a
//! GIF's comments and other extensions in sub-blocks of 255 bytes at most,
//! each after its length (a name across two reads as two words), and
//! which PNG text is compressed (only that is refused). Reads nothing
//! else of a picture ([`super::read`] reads its runs of text).

/// Whether a PNG keeps text the gate cannot read: a `zTXt` chunk, or an
/// `iTXt` chunk with its compression flag set (one with the flag clear
/// is plain UTF-8, as screenshot tools write it, and read in the
/// picture's runs of text). Wherever the bytes `zTXt` or `iTXt` are not
/// exactly the type of an uncompressed `iTXt` chunk of a PNG whose
/// chunks follow one another to its end (a PNG in an icon, a file that
/// is not a PNG, or data after its end), the text is taken as compressed
/// (red team, round 22).
pub(super) fn png_text_compressed(bytes: &[u8]) -> bool {
    let marks = |mark: &[u8]| memchr::memmem::find_iter(bytes, mark).count();
    let found = marks(b"zTXt") + marks(b"iTXt");
    found > 0 && plain_itxt_chunks(bytes) != Some(found)
}

/// How many `iTXt` chunks with the compression flag clear a PNG holds, if
/// it is one whose chunks follow one another to `IEND` and the file's end,
/// none of them a `zTXt`; `None` otherwise.
fn plain_itxt_chunks(bytes: &[u8]) -> Option<usize> {
    let mut rest = bytes.strip_prefix(b"\x89PNG\r\n\x1a\n")?;
    let mut plain = 0;
    loop {
        let length = u32::from_be_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let kind = rest.get(4..8)?;
        let data = rest.get(8..8usize.checked_add(length)?)?;
        rest = rest.get(length.checked_add(12)?..)?;
        match kind {
            b"zTXt" => return None,
            b"iTXt" => {
                // Keyword, a NUL, then the compression flag.
                let nul = data.iter().position(|&b| b == 0)?;
                match data.get(nul + 1) {
                    Some(0) => plain += 1,
                    _ => return None,
                }
            }
            b"IEND" => return rest.is_empty().then_some(plain),
            _ => {}
        }
    }
}

/// A GIF's extensions (comments, plain text, applications' data), each
/// with its sub-blocks joined and a NUL after it, to be read as one
/// text; `Ok(None)` where `bytes` is no GIF, and `Err` where it is one
/// whose blocks cannot be followed to its end (what it keeps cannot then
/// be told).
pub(super) fn gif_extensions(bytes: &[u8]) -> Result<Option<Vec<u8>>, ()> {
    if !(bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) {
        return Ok(None);
    }
    let mut out = Vec::new();
    let mut at = 6;
    // The logical screen: its size, then its colour table, if any.
    let packed = *bytes.get(at + 4).ok_or(())?;
    at += 7 + colour_table(packed);
    loop {
        match *bytes.get(at).ok_or(())? {
            // An extension: its label, then its data in sub-blocks.
            0x21 => {
                at += 2;
                at = sub_blocks(bytes, at, Some(&mut out))?;
                out.push(0);
            }
            // An image: where it goes, its colour table, the LZW code
            // size, then its compressed pixels in sub-blocks.
            0x2c => {
                let packed = *bytes.get(at + 9).ok_or(())?;
                at += 10 + colour_table(packed) + 1;
                at = sub_blocks(bytes, at, None)?;
            }
            0x3b => return Ok(Some(out)),
            _ => return Err(()),
        }
    }
}

/// The length of the colour table a GIF's packed field says follows.
fn colour_table(packed: u8) -> usize {
    match packed & 0x80 {
        0 => 0,
        _ => 3 << ((packed & 7) + 1),
    }
}

/// Reads the sub-blocks from `at` to their empty one, their data added to
/// `out` (when given); the offset after them.
fn sub_blocks(bytes: &[u8], mut at: usize, mut out: Option<&mut Vec<u8>>) -> Result<usize, ()> {
    loop {
        let length = usize::from(*bytes.get(at).ok_or(())?);
        at += 1;
        if length == 0 {
            return Ok(at);
        }
        let data = bytes.get(at..at + length).ok_or(())?;
        if let Some(out) = out.as_deref_mut() {
            out.extend_from_slice(data);
        }
        at += length;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
        chunk.extend_from_slice(kind);
        chunk.extend_from_slice(data);
        // The CRC is not read.
        chunk.extend_from_slice(&[0; 4]);
        chunk
    }

    fn png(chunks: &[(&[u8], &[u8])]) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in chunks {
            png.extend(chunk(kind, data));
        }
        png
    }

    #[test]
    fn only_compressed_png_text_is_compressed() {
        let header: (&[u8], &[u8]) = (b"IHDR", &[0; 13]);
        let end: (&[u8], &[u8]) = (b"IEND", b"");
        let plain: (&[u8], &[u8]) = (b"iTXt", b"Description\0\0\0en\0\0A map.");
        let packed: (&[u8], &[u8]) = (b"iTXt", b"Description\0\x01\0en\0\0x\x9c");
        let z: (&[u8], &[u8]) = (b"zTXt", b"Comment\0\0x\x9c");
        assert!(!png_text_compressed(&png(&[header, end])));
        assert!(!png_text_compressed(&png(&[header, plain, end])));
        assert!(png_text_compressed(&png(&[header, packed, end])));
        assert!(png_text_compressed(&png(&[header, z, end])));
        // Data after the end, a chunk cut short, a marker in another
        // chunk's data, or no PNG at all: taken as compressed.
        let mut after = png(&[header, plain, end]);
        after.extend(chunk(b"zTXt", b"x"));
        assert!(png_text_compressed(&after));
        let whole = png(&[header, plain, end]);
        assert!(png_text_compressed(&whole[..whole.len() - 6]));
        assert!(png_text_compressed(&png(&[
            header,
            (b"prVt".as_slice(), b"zTXt".as_slice()),
            plain,
            end
        ])));
        assert!(png_text_compressed(b"\0\0\x01\0 icon iTXt"));
    }

    fn gif(extensions: &[&[u8]]) -> Vec<u8> {
        let mut gif = b"GIF89a".to_vec();
        gif.extend_from_slice(&[1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255]);
        for data in extensions {
            gif.extend_from_slice(&[0x21, 0xfe]);
            for block in data.chunks(255) {
                gif.push(block.len() as u8);
                gif.extend_from_slice(block);
            }
            gif.push(0);
        }
        gif.extend_from_slice(&[0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b]);
        gif
    }

    #[test]
    fn a_gifs_extensions_are_read_with_their_sub_blocks_joined() {
        let mut long = vec![b'x'; 250];
        long.extend_from_slice(b" Marjorie Quillfeather");
        let found = gif_extensions(&gif(&[&long, b"second"])).unwrap().unwrap();
        let text = String::from_utf8_lossy(&found);
        assert!(text.contains(" Marjorie Quillfeather\0second\0"), "{text}");
        assert_eq!(gif_extensions(b"\x89PNG"), Ok(None));
        // Cut short, or a block of no known kind: not followed.
        let whole = gif(&[b"note"]);
        assert_eq!(gif_extensions(&whole[..whole.len() - 3]), Err(()));
        let mut odd = whole.clone();
        let at = odd.len() - 16;
        odd[at] = 0x99;
        assert_eq!(gif_extensions(&odd), Err(()));
    }
}
