//! Machine-translation originals (`<span class="sxs-lookup">…</span>`):
//! where they are, so that they never reach headings, summary, words,
//! anchors or links.

#[allow(unused_imports)]
use super::*;

/// Ranges of top-level blocks, in order.
pub(super) fn top_level_blocks(events: &[(Event, Range<usize>)]) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    for (ev, range) in events {
        match ev {
            Event::Start(_) => {
                if depth == 0 {
                    blocks.push(range.clone());
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => blocks.push(range.clone()),
            _ => {}
        }
    }
    blocks
}

/// Source ranges of machine-translation originals: a `<span>` whose class
/// holds `sxs-lookup`, up to its matching `</span>`, or the end of its
/// top-level block when it is never closed.
pub(super) fn mt_regions(fragments: &[Fragment], blocks: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut regions = Vec::new();
    let block_end = |at: usize| {
        blocks
            .iter()
            .find(|b| b.start <= at && at < b.end)
            .map(|b| b.end)
            .unwrap_or(at)
    };
    let mut open: Option<(usize, usize, usize)> = None; // (start, depth of spans inside, block end)
    for t in fragments.iter().flat_map(|f| f.tags.iter()) {
        if let Some((start, depth, end)) = open {
            if t.range.start >= end {
                regions.push(start..end);
                open = None;
            } else if t.name == "span" {
                match t.kind {
                    TagKind::Open => open = Some((start, depth + 1, end)),
                    TagKind::Close if depth == 0 => {
                        regions.push(start..t.range.end);
                        open = None;
                    }
                    TagKind::Close => open = Some((start, depth - 1, end)),
                    TagKind::SelfClosing => {}
                }
                continue;
            } else {
                continue;
            }
        }
        if t.name == "span"
            && t.kind == TagKind::Open
            && t.attr("class")
                .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == "sxs-lookup"))
        {
            open = Some((t.range.start, 0, block_end(t.range.start)));
        }
    }
    if let Some((start, _, end)) = open {
        regions.push(start..end);
    }
    regions
}
