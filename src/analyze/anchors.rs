//! The anchor-parity rule, once: which anchors of a source page a
//! translation lacks. Read by the `anchor-parity` lint and by the
//! side-by-side view of `stele serve`, so the two always agree.

use std::collections::HashSet;

use crate::markdown::{Anchor, Rendered};

/// Whether other pages can link to `a` in every locale: anchors
/// written by hand (HTML ids and names, explicit heading ids) are; slugs of
/// translated headings differ by design, and footnotes are per page.
pub fn is_stable(a: &Anchor) -> bool {
    a.source.is_hand_written()
}

/// The stable anchors of `source` that `translation` lacks, in the
/// source's order, each once.
pub fn missing<'s>(source: &'s Rendered, translation: &Rendered) -> Vec<&'s str> {
    let have: HashSet<&str> = translation.anchors.iter().map(|a| a.id.as_str()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    source
        .anchors
        .iter()
        .filter(|a| is_stable(a) && !have.contains(a.id.as_str()))
        .map(|a| a.id.as_str())
        .filter(|id| seen.insert(id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(src: &str) -> Rendered {
        crate::markdown::render(src, &|_, _| None, Default::default())
    }

    #[test]
    fn hand_written_anchors_are_missing_once_in_source_order() {
        let source = md(
            "# Intro {#start}\n\n<a name=\"b\"></a>\n\n## Setup\n\n<a name=\"a\"></a>\n\n<a name=\"b\"></a>\n\nNote[^1].\n\n[^1]: x\n",
        );
        let translation = md("# はじめに\n\n<a name=\"a\"></a>\n");
        // The slug `setup` and the footnote are not stable; `b` is listed once.
        assert_eq!(missing(&source, &translation), ["start", "b"]);
        assert!(missing(&source, &source).is_empty());
    }
}
