//! `[!INCLUDE [title](path.md)]` expansion (DocFX), before Markdown.

use crate::site::FileId;

/// A run of the expanded text copied from one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Start of the run in the expanded text.
    pub out_start: usize,
    pub file: FileId,
    /// Start of the run in the file's text.
    pub src_start: usize,
}

/// Maps byte offsets of an expanded article back to (file, offset).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// Sorted by `out_start`; the first starts at 0.
    pub segments: Vec<Segment>,
}

impl SourceMap {
    /// The file and file offset of an offset of the expanded text.
    pub fn locate(&self, out: usize) -> (FileId, usize) {
        let i = match self.segments.binary_search_by_key(&out, |s| s.out_start) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        let s = &self.segments[i];
        (s.file, s.src_start + out.saturating_sub(s.out_start))
    }
}
