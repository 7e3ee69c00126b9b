//! The Markdown stage (pulldown-cmark, raw HTML tokenizer, anchors, link
//! rewriting) on any article body.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use stele::markdown::{self, MtOriginals, RenderOptions};

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let rewrite = |target: &str, range: std::ops::Range<usize>| {
        (target.len() % 2 == 0).then(|| format!("/x/{}", range.start))
    };
    for mt in [MtOriginals::Strip, MtOriginals::Keep] {
        let options = RenderOptions {
            mt_originals: mt,
            ..Default::default()
        };
        let a = markdown::render(&text, &rewrite, options);
        for l in &a.links {
            common::assert_range(&text, &l.range, "link");
        }
        for t in &a.html_tags {
            common::assert_range(&text, &t.range, "html tag");
        }
        for h in &a.headings {
            common::assert_range(&text, &h.range, "heading");
        }
        for an in &a.anchors {
            common::assert_range(&text, &an.range, "anchor");
        }
        let b = markdown::render(&text, &rewrite, options);
        assert_eq!(a.html, b.html, "html not deterministic");
        assert_eq!(a.summary, b.summary);
        assert_eq!(a.words, b.words);
        assert_eq!(format!("{:?}", a.links), format!("{:?}", b.links));
    }
    let slug = markdown::slugify(&text);
    assert_eq!(slug, markdown::slugify(&text));
    let _ = stele::html::decode_entities(&text);
});
