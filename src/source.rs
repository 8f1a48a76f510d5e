//! Loaded source files and byte spans into them. Owns the mapping from a byte
//! offset to a line and column; does not read from disk (that is `load`).

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

/// A byte range in one source file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub range: Range<usize>,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span { file, range }
    }

    /// The first byte of a file, for problems about a file as a whole.
    pub fn file_start(file: FileId) -> Span {
        Span { file, range: 0..0 }
    }
}

/// One file as read from disk, with its path as the researcher knows it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the project root, with `/` separators.
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// Whether the text is all ASCII, so that a column is a count of bytes.
    ascii: bool,
    /// For text that is not all ASCII: how many bytes that continue a
    /// character come before each block of [`BLOCK`] bytes, made when a
    /// column is first asked for. A column is then found in time bounded by
    /// the block, however long its line (#case-13: 200,000 messages on one
    /// 3 MB line counted the line from its start for each).
    continuations: OnceLock<Vec<usize>>,
    /// Set for a file whose text no message may show (the identifiers
    /// list: the real names), with the only words a message about it may
    /// quote (its field names). See [`SourceFile::private_words`].
    private: Option<&'static [&'static str]>,
    /// A hash of the name and text, computed when first asked for: serve
    /// mode compares it with the previous run's to tell which files changed.
    digest: OnceLock<u64>,
}

/// The bytes between two counts of [`SourceFile::continuations`].
const BLOCK: usize = 1024;

/// Whether a byte continues a UTF-8 character (rather than starting one).
fn continues(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            name: name.into(),
            ascii: text.is_ascii(),
            text,
            line_starts,
            continuations: OnceLock::new(),
            private: None,
            digest: OnceLock::new(),
        }
    }

    /// This file, marked as one whose text no message may show: a message
    /// may point at it, but shows its lines masked, and quotes none of its
    /// words but `words` (its field names).
    pub fn into_private(mut self, words: &'static [&'static str]) -> SourceFile {
        self.private = Some(words);
        self
    }

    /// For a file whose text no message may show, the words a message
    /// about it may still quote; `None` for every other file.
    pub fn private_words(&self) -> Option<&'static [&'static str]> {
        self.private
    }

    pub fn is_private(&self) -> bool {
        self.private.is_some()
    }

    /// Equal for two files with the same name and text (and, but for a
    /// 64-bit hash collision, only for those).
    pub fn digest(&self) -> u64 {
        *self.digest.get_or_init(|| {
            let mut hasher = std::hash::DefaultHasher::new();
            self.name.hash(&mut hasher);
            self.text.hash(&mut hasher);
            hasher.finish()
        })
    }

    /// `offset` moved back to the start of the character it falls in, and
    /// to the end of the text if past it: every function here takes any
    /// offset, so a span made a byte off (or on text that changed since)
    /// reports a place near it rather than stopping the program.
    pub fn floor(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// `range` with both ends on character boundaries, in order, in the text.
    pub fn clamp(&self, range: Range<usize>) -> Range<usize> {
        let start = self.floor(range.start);
        start..self.floor(range.end).max(start)
    }

    /// Zero-based line index of a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// One-based line and column (in characters) of a byte offset, in
    /// time that does not grow with the length of the line.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column = self.chars_before(offset) - self.chars_before(start) + 1;
        (line + 1, column)
    }

    /// How many characters come before `offset` (on a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        if self.ascii {
            return offset;
        }
        let bytes = self.text.as_bytes();
        let counts = self.continuations.get_or_init(|| {
            let mut counts = Vec::with_capacity(bytes.len() / BLOCK + 1);
            let mut total = 0;
            for block in bytes.chunks(BLOCK) {
                counts.push(total);
                total += block.iter().filter(|&&b| continues(b)).count();
            }
            counts.push(total);
            counts
        });
        let block = offset / BLOCK;
        let within = bytes[block * BLOCK..offset]
            .iter()
            .filter(|&&b| continues(b))
            .count();
        offset - counts[block] - within
    }

    /// Byte range of a zero-based line, without its line ending.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let start = *self.line_starts.get(line)?;
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        Some(start..end)
    }

    /// Byte offset of a one-based line and column as reported by a parser.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(range) = line.checked_sub(1).and_then(|l| self.line_range(l)) else {
            return self.text.len();
        };
        let text = &self.text[range.clone()];
        let within = text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
        range.start + within
    }
}

/// Every file read for one build.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Shared, so serve mode can keep a file from one run to the next.
    files: Vec<Arc<SourceFile>>,
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.add_shared(Arc::new(file))
    }

    pub fn add_shared(&mut self, file: Arc<SourceFile>) -> FileId {
        self.files.push(file);
        FileId(self.files.len() - 1)
    }

    /// Puts `file` in the place of the file `id`.
    pub fn replace(&mut self, id: FileId, file: Arc<SourceFile>) {
        self.files[id.0] = file;
    }

    /// Marks the file `id` as one whose text no message may show (see
    /// [`SourceFile::into_private`]).
    pub fn make_private(&mut self, id: FileId, words: &'static [&'static str]) {
        let file = &self.files[id.0];
        if file.private_words() != Some(words) {
            let marked = (**file).clone().into_private(words);
            self.files[id.0] = Arc::new(marked);
        }
    }

    /// Adds files in order, shared.
    pub fn extend(&mut self, files: impl IntoIterator<Item = Arc<SourceFile>>) {
        self.files.extend(files);
    }

    /// The file, shared.
    pub fn shared(&self, id: FileId) -> Arc<SourceFile> {
        self.files[id.0].clone()
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    pub fn name(&self, id: FileId) -> &str {
        &self.files[id.0].name
    }

    pub fn text(&self, id: FileId) -> &str {
        &self.files[id.0].text
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i), &**f))
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Sources {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.get(id).name)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.get(id).text)
    }

    fn line_index(
        &'a self,
        id: FileId,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.get(id).line_index(byte_index))
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let file = self.get(id);
        match file.line_starts.get(line_index) {
            Some(&start) => {
                let end = file
                    .line_starts
                    .get(line_index + 1)
                    .copied()
                    .unwrap_or(file.text.len());
                Ok(start..end)
            }
            None if line_index == file.line_starts.len() => Ok(file.text.len()..file.text.len()),
            None => Err(codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: file.line_starts.len() - 1,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let file = SourceFile::new("a.md", "one\nZoë x\n");
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(4), (2, 1));
        let x = file.text.find('x').unwrap();
        assert_eq!(file.line_column(x), (2, 5));
    }

    #[test]
    fn offset_of_inverts_line_column() {
        let file = SourceFile::new("a.md", "ab\ncdé\nf");
        for offset in [0, 1, 3, 4, 5, 8] {
            let (line, column) = file.line_column(offset);
            assert_eq!(file.offset_of(line, column), offset);
        }
    }

    #[test]
    fn line_range_excludes_the_line_ending() {
        let file = SourceFile::new("a.md", "ab\r\ncd");
        assert_eq!(&file.text[file.line_range(0).unwrap()], "ab");
        assert_eq!(&file.text[file.line_range(1).unwrap()], "cd");
    }

    /// The column found by blocks is the count of characters from the
    /// line's start, over made-up lines of ASCII, accented and wide
    /// characters of every length, around the block's edges.
    #[test]
    fn columns_by_blocks_are_counts_of_characters() {
        let mut pick = crate::made_up::Sequence::new(11);
        let pieces = ["a", " ", "é", "\u{FFFD}", "字", "😀", "\n", "\r\n", "x"];
        for length in [0, 1, 100, BLOCK - 1, BLOCK, BLOCK + 1, 5 * BLOCK + 7] {
            let mut text = String::new();
            while text.len() < length {
                text.push_str(pieces[pick.below(pieces.len())]);
            }
            let file = SourceFile::new("a.md", text.clone());
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                let line = text[..offset].matches('\n').count() + 1;
                let column = text[line_start..offset].chars().count() + 1;
                assert_eq!(
                    file.line_column(offset),
                    (line, column),
                    "{length} at {offset}"
                );
            }
        }
    }

    /// Regression (#19.3): a span one byte into a character (made on text
    /// where U+FFFD replaced bytes that were not UTF-8) made `check
    /// --format json` panic. Every offset, in or past the text, is safe.
    #[test]
    fn any_offset_is_safe() {
        let file = SourceFile::new("a.md", "a\u{FFFD}b\nZoë\r\n\u{FFFD}");
        for offset in 0..file.text.len() + 5 {
            let (line, column) = file.line_column(offset);
            assert!(line >= 1 && column >= 1);
            let _ = file.offset_of(line, column);
            let range = file.clamp(offset..offset + 2);
            let _ = &file.text[range];
            let _ = file.line_range(file.line_index(offset));
        }
        assert_eq!(file.line_column(2), (1, 2), "inside U+FFFD: its start");
        let (start, end) = (9, 3);
        assert_eq!(file.clamp(start..end), 8..8, "inside ë, and in order");
    }
}
