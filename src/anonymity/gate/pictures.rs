//! What a picture keeps as text where its bytes alone do not show it: a
//! GIF's comments and other extensions in sub-blocks of 255 bytes at most,
//! each after its length (a name across two reads as two words), and
//! what a PNG keeps compressed: its colour profile and any other chunk,
//! unpacked to be read, or its compressed text, refused. Reads nothing
//! else of a picture ([`super::read`] reads its runs of text).

/// Why a picture holding compressed PNG text is refused.
pub(super) const COMPRESSED_TEXT: &str = "it is an image with compressed text in its metadata";
/// Why a picture whose colour profile cannot be unpacked is refused.
pub(super) const PROFILE_UNREAD: &str = "it is an image with a compressed colour profile (an `iCCP` chunk) that cannot be unpacked and read, and a profile keeps a description and a copyright any picture viewer shows; save the picture again without its profile, or with the standard sRGB one";

/// Why a picture with a chunk of another kind that seems compressed but
/// cannot be unpacked is refused.
pub(super) const CHUNK_UNREAD: &str = "it is a PNG image with a chunk of a kind the gate does not know whose data seems compressed but cannot be unpacked, so what it keeps cannot be read; save the picture again without its extra metadata";

/// The most bytes a PNG's compressed chunk is unpacked to (a colour
/// profile is some kilobytes, a few megabytes at most); past it, the
/// picture is refused.
const MOST_UNPACKED: usize = 16 << 20;

/// The chunk types of a PNG (and of an animated PNG) that hold no
/// compressed text: pixels, colours, sizes, times, and text kept plain.
/// The data of any other chunk, a private one included, is unpacked where
/// it is compressed.
const PLAIN_CHUNKS: &[&[u8]] = &[
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"sBIT", b"sRGB", b"bKGD",
    b"hIST", b"pHYs", b"sPLT", b"tIME", b"tEXt", b"eXIf", b"acTL", b"fcTL", b"fdAT", b"cICP",
    b"mDCV", b"cLLI", b"oFFs", b"pCAL", b"sCAL", b"sTER",
];

/// What the PNGs in `bytes` (a `.png`, a PNG inside an `.ico`, or one
/// misnamed) keep compressed that may hold text, unpacked, to be read
/// as the picture's other runs of text are: each colour profile (`iCCP`,
/// whose description and copyright picture viewers show, red team
/// finding F8), and each chunk of another kind whose data, or whose data
/// after a keyword, is compressed. Refused (fail closed): a `zTXt`
/// chunk, an `iTXt` chunk with its compression flag set (one with the
/// flag clear is plain UTF-8, read in the picture's runs of text), a
/// profile that cannot be unpacked or unpacks past [`MOST_UNPACKED`],
/// and the bytes `zTXt`, `iTXt` or `iCCP` anywhere they are not the
/// type of a chunk so read, in a PNG whose chunks follow one another
/// from its signature to its end (data after its end, a file that is not
/// a PNG: red team, round 22).
pub(super) fn png_unpacked(bytes: &[u8]) -> Result<Vec<Vec<u8>>, &'static str> {
    let mut unpacked = Vec::new();
    // Where the type of each chunk read lies in `bytes`.
    let mut read = Vec::new();
    let mut whole = true;
    for start in memchr::memmem::find_iter(bytes, PNG_SIGNATURE) {
        whole &= png_chunks(bytes, start, &mut read, &mut unpacked)?;
    }
    for (mark, why) in [
        (b"zTXt", COMPRESSED_TEXT),
        (b"iTXt", COMPRESSED_TEXT),
        (b"iCCP", PROFILE_UNREAD),
    ] {
        let mut marks = memchr::memmem::find_iter(bytes, mark).peekable();
        // Text in a PNG cut short: what is past the cut is not told.
        if marks.peek().is_some() && !whole {
            return Err(why);
        }
        if marks.any(|at| !read.contains(&at)) {
            return Err(why);
        }
    }
    Ok(unpacked)
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Reads the chunks of the PNG whose signature is at `start`, as far as
/// they follow one another to `IEND`: where each chunk's type lies
/// (`read`; a `zTXt` or compressed `iTXt` is left out, so it is refused),
/// and what its compressed chunks unpack to (`unpacked`). `Ok(false)`
/// where the chunks stop before `IEND` (a file cut short).
fn png_chunks(
    bytes: &[u8],
    start: usize,
    read: &mut Vec<usize>,
    unpacked: &mut Vec<Vec<u8>>,
) -> Result<bool, &'static str> {
    let mut at = start + PNG_SIGNATURE.len();
    loop {
        let Some(length) = bytes.get(at..at + 4) else {
            return Ok(false);
        };
        let length = u32::from_be_bytes([length[0], length[1], length[2], length[3]]) as usize;
        let (Some(kind), Some(data)) = (
            bytes.get(at + 4..at + 8),
            bytes.get(at + 8..(at + 8).saturating_add(length)),
        ) else {
            return Ok(false);
        };
        match kind {
            b"zTXt" => {}
            b"iTXt" => {
                // Keyword, a NUL, then the compression flag.
                let flag = data
                    .iter()
                    .position(|&b| b == 0)
                    .and_then(|nul| data.get(nul + 1));
                if flag == Some(&0) {
                    read.push(at + 4);
                }
            }
            b"iCCP" => {
                // Profile name, a NUL, the method (0: zlib), the profile.
                let profile = data
                    .iter()
                    .position(|&b| b == 0)
                    .and_then(|nul| data.get(nul + 2..))
                    .ok_or(PROFILE_UNREAD)?;
                unpacked.push(unpack(profile).ok_or(PROFILE_UNREAD)?);
                read.push(at + 4);
            }
            kind if PLAIN_CHUNKS.contains(&kind) => read.push(at + 4),
            _ => {
                // Compressed from its start, or after a keyword and a
                // method or flag byte, as the standard's chunks are.
                let after_keyword = data
                    .iter()
                    .take(80)
                    .position(|&b| b == 0)
                    .and_then(|nul| data.get(nul + 2..));
                for packed in [Some(data), after_keyword].into_iter().flatten() {
                    if looks_compressed(packed) {
                        unpacked.push(unpack(packed).ok_or(CHUNK_UNREAD)?);
                    }
                }
                read.push(at + 4);
            }
        }
        if kind == b"IEND" {
            return Ok(true);
        }
        at = at.saturating_add(12).saturating_add(length);
    }
}

/// Whether `data` starts as a zlib stream does (deflate, a window of at
/// most 32 KiB, a header that checks).
fn looks_compressed(data: &[u8]) -> bool {
    match data {
        [method, flags, ..] => {
            method & 0x0f == 8
                && method >> 4 <= 7
                && (u16::from(*method) << 8 | u16::from(*flags)) % 31 == 0
        }
        _ => false,
    }
}

/// `data` unpacked as a zlib stream, up to [`MOST_UNPACKED`] bytes;
/// `None` where it cannot be, or is longer.
fn unpack(data: &[u8]) -> Option<Vec<u8>> {
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(data, MOST_UNPACKED).ok()
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

    fn zlib(data: &[u8]) -> Vec<u8> {
        miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
    }

    #[test]
    fn only_compressed_png_text_is_refused() {
        let header: (&[u8], &[u8]) = (b"IHDR", &[0; 13]);
        let end: (&[u8], &[u8]) = (b"IEND", b"");
        let plain: (&[u8], &[u8]) = (b"iTXt", b"Description\0\0\0en\0\0A map.");
        let packed: (&[u8], &[u8]) = (b"iTXt", b"Description\0\x01\0en\0\0x\x9c");
        let z: (&[u8], &[u8]) = (b"zTXt", b"Comment\0\0x\x9c");
        let refused = |bytes: &[u8]| png_unpacked(bytes) == Err(COMPRESSED_TEXT);
        assert_eq!(png_unpacked(&png(&[header, end])), Ok(vec![]));
        assert_eq!(png_unpacked(&png(&[header, plain, end])), Ok(vec![]));
        assert!(refused(&png(&[header, packed, end])));
        assert!(refused(&png(&[header, z, end])));
        // Data after the end, a chunk cut short, a marker in another
        // chunk's data, or no PNG at all: refused.
        let mut after = png(&[header, plain, end]);
        after.extend(chunk(b"zTXt", b"x"));
        assert!(refused(&after));
        let whole = png(&[header, plain, end]);
        assert!(refused(&whole[..whole.len() - 6]));
        assert!(refused(&png(&[
            header,
            (b"prVt".as_slice(), b"zTXt".as_slice()),
            plain,
            end
        ])));
        assert!(refused(b"\0\0\x01\0 icon iTXt"));
    }

    /// Red team finding F8: a colour profile whose description names a
    /// person, compressed in an `iCCP` chunk, was published unread.
    #[test]
    fn a_colour_profile_is_unpacked_to_be_read() {
        let header: (&[u8], &[u8]) = (b"IHDR", &[0; 13]);
        let end: (&[u8], &[u8]) = (b"IEND", b"");
        let mut profile = b"ICC Profile\0\0".to_vec();
        profile.extend(zlib(b"desc\0\0\0\0Marjorie Quillfeather"));
        let iccp: (&[u8], &[u8]) = (b"iCCP", &profile);
        let found = png_unpacked(&png(&[header, iccp, end])).unwrap();
        assert_eq!(found, vec![b"desc\0\0\0\0Marjorie Quillfeather".to_vec()]);
        // Inside an icon, after its directory: read as well.
        let mut icon = b"\0\0\x01\0\x01\0".to_vec();
        icon.extend(png(&[header, iccp, end]));
        assert_eq!(png_unpacked(&icon).unwrap().len(), 1);
        // A profile that does not unpack, one cut short, or the type
        // after the end: refused.
        let broken: (&[u8], &[u8]) = (b"iCCP", b"ICC Profile\0\0x\x9cnot deflate");
        assert_eq!(
            png_unpacked(&png(&[header, broken, end])),
            Err(PROFILE_UNREAD)
        );
        let nameless: (&[u8], &[u8]) = (b"iCCP", b"no end to its name");
        assert_eq!(
            png_unpacked(&png(&[header, nameless, end])),
            Err(PROFILE_UNREAD)
        );
        let mut after = png(&[header, end]);
        after.extend(chunk(b"iCCP", &profile));
        assert_eq!(png_unpacked(&after), Err(PROFILE_UNREAD));
    }

    #[test]
    fn a_chunk_of_another_kind_is_unpacked_where_compressed() {
        let header: (&[u8], &[u8]) = (b"IHDR", &[0; 13]);
        let end: (&[u8], &[u8]) = (b"IEND", b"");
        let packed = zlib(b"Thistlebury");
        let own: (&[u8], &[u8]) = (b"prVt", &packed);
        assert_eq!(
            png_unpacked(&png(&[header, own, end])).unwrap(),
            vec![b"Thistlebury".to_vec()]
        );
        let mut keyed = b"Author\0\0".to_vec();
        keyed.extend(&packed);
        let own: (&[u8], &[u8]) = (b"auTH", &keyed);
        assert_eq!(
            png_unpacked(&png(&[header, own, end])).unwrap(),
            vec![b"Thistlebury".to_vec()]
        );
        // Plain data of its own kind is read in the runs of text.
        let own: (&[u8], &[u8]) = (b"prVt", b"plain words");
        assert_eq!(png_unpacked(&png(&[header, own, end])), Ok(vec![]));
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
