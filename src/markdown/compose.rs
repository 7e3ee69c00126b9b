//! Writing a new [`Expanded`] text from an old one, position by position:
//! the helper every dialect pre-pass (DocFX extensions, Hugo shortcodes)
//! uses to replace constructs by HTML before pulldown-cmark.
//!
//! Invariants: a slice copied from the input keeps its exact source
//! position (each byte maps to the (file, offset) it had in the input);
//! synthetic text maps to the input offset it stands for (the start of the
//! construct it replaces). The result's map is sorted and starts at 0.

use std::ops::Range;

use crate::include::{Expanded, Segment, SourceMap};

/// Builds an output text from slices of an input and synthetic text.
pub struct Composer<'a> {
    input: &'a Expanded,
    out: Expanded,
}

impl<'a> Composer<'a> {
    pub fn new(input: &'a Expanded) -> Self {
        Composer {
            input,
            out: Expanded {
                text: String::with_capacity(input.text.len() + input.text.len() / 8),
                map: SourceMap::default(),
            },
        }
    }

    /// The input text.
    pub fn input(&self) -> &'a str {
        &self.input.text
    }

    /// The length of the output so far.
    pub fn len(&self) -> usize {
        self.out.text.len()
    }

    /// Whether nothing was written yet.
    pub fn is_empty(&self) -> bool {
        self.out.text.is_empty()
    }

    /// The output so far.
    pub fn text(&self) -> &str {
        &self.out.text
    }

    /// Copies `range` of the input, with its exact source positions.
    pub fn copy(&mut self, range: Range<usize>) {
        if range.start >= range.end || range.end > self.input.text.len() {
            return;
        }
        let segs = &self.input.map.segments;
        // The segment holding range.start, then every one that starts inside.
        let first = segs
            .partition_point(|s| s.out_start <= range.start)
            .saturating_sub(1);
        let base = self.out.text.len();
        if segs.is_empty() {
            self.out.map.segments.push(Segment {
                out_start: base,
                file: 0,
                src_start: range.start,
            });
        }
        for s in segs[first.min(segs.len())..].iter() {
            if s.out_start >= range.end {
                break;
            }
            let from = s.out_start.max(range.start);
            let seg = Segment {
                out_start: base + (from - range.start),
                file: s.file,
                src_start: s.src_start + (from - s.out_start),
            };
            // A copy that continues the previous run needs no segment.
            let continues = self.out.map.segments.last().is_some_and(|l| {
                l.file == seg.file
                    && l.out_start <= seg.out_start
                    && l.src_start + (seg.out_start - l.out_start) == seg.src_start
            });
            if !continues {
                self.out.map.segments.push(seg);
            }
        }
        self.out.text.push_str(&self.input.text[range]);
    }

    /// Appends another expanded text whose map already points at files
    /// (the result of a pass over a slice of this input).
    pub fn append(&mut self, other: &Expanded) {
        let base = self.out.text.len();
        for s in &other.map.segments {
            self.out.map.segments.push(Segment {
                out_start: base + s.out_start,
                ..s.clone()
            });
        }
        self.out.text.push_str(&other.text);
    }

    /// Writes synthetic text that stands for input offset `at`.
    pub fn synth(&mut self, at: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        let (file, src) = self.input.map.locate(at);
        self.out.map.segments.push(Segment {
            out_start: self.out.text.len(),
            file,
            src_start: src,
        });
        self.out.text.push_str(s);
        // What follows maps to `at` again unless a copy says otherwise.
        self.out.map.segments.push(Segment {
            out_start: self.out.text.len(),
            file,
            src_start: src,
        });
    }

    /// The output, with redundant map segments merged.
    pub fn finish(self) -> Expanded {
        let mut out = self.out;
        let mut merged: Vec<Segment> = Vec::with_capacity(out.map.segments.len());
        for s in out.map.segments {
            if let Some(last) = merged.last_mut() {
                if last.out_start == s.out_start {
                    *last = s;
                    continue;
                }
                if last.file == s.file
                    && last.src_start + (s.out_start - last.out_start) == s.src_start
                {
                    continue;
                }
            }
            merged.push(s);
        }
        if merged.first().is_some_and(|s| s.out_start != 0) {
            let s = merged[0].clone();
            merged.insert(0, Segment { out_start: 0, ..s });
        }
        out.map.segments = merged;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_files() -> Expanded {
        // "abc" from file 0 at 10, "XYZ" from file 1 at 0, "de" from file 0 at 40.
        Expanded {
            text: "abcXYZde".into(),
            map: SourceMap {
                segments: vec![
                    Segment {
                        out_start: 0,
                        file: 0,
                        src_start: 10,
                    },
                    Segment {
                        out_start: 3,
                        file: 1,
                        src_start: 0,
                    },
                    Segment {
                        out_start: 6,
                        file: 0,
                        src_start: 40,
                    },
                ],
            },
        }
    }

    #[test]
    fn copies_keep_positions_across_segments() {
        let input = two_files();
        let mut c = Composer::new(&input);
        c.synth(1, "<x>");
        c.copy(1..7);
        c.synth(7, "</x>");
        c.copy(7..8);
        let out = c.finish();
        assert_eq!(out.text, "<x>bcXYZd</x>e");
        assert_eq!(out.map.locate(0), (0, 11));
        assert_eq!(out.map.locate(3), (0, 11)); // `b`
        assert_eq!(out.map.locate(5), (1, 0)); // `X`
        assert_eq!(out.map.locate(8), (0, 40)); // `d`
        assert_eq!(out.map.locate(13), (0, 41)); // `e`
    }

    #[test]
    fn identity_copy_is_the_input() {
        let input = two_files();
        let mut c = Composer::new(&input);
        c.copy(0..input.text.len());
        let out = c.finish();
        assert_eq!(out.text, input.text);
        assert_eq!(out.map, input.map);
    }
}
