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
    /// A hash of the name and text, computed when first asked for: serve
    /// mode compares it with the previous run's to tell which files changed.
    digest: OnceLock<u64>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            digest: OnceLock::new(),
        }
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

    /// One-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        (line + 1, column)
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
