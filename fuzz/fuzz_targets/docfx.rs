//! The DocFX extensions pre-pass (alerts, `:::` blocks, tabs, zones,
//! `[!code]` snippets, video, …) on any article text, then the Markdown
//! stage on its output.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use stele::include::{Expanded, Segment, SourceMap};
use stele::markdown::{self, RenderOptions, docfx};

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let input = Expanded {
        text: text.clone(),
        map: SourceMap {
            segments: vec![Segment {
                out_start: 0,
                file: 0,
                src_start: 0,
            }],
        },
    };
    let labels = docfx::Labels::english();
    let code = |_: usize, path: &str| {
        (path.ends_with(".cs") || path.ends_with(".py"))
            .then(|| "// <snippet1>\nint x = 1;\n// </snippet1>\nline 4\nline 5\n".to_string())
    };
    let ctx = docfx::Context {
        labels: &labels,
        code: &code,
    };
    let (out, findings) = docfx::expand(&input, &ctx);
    let (out2, findings2) = docfx::expand(&input, &ctx);
    assert_eq!(out.text, out2.text, "not deterministic");
    assert_eq!(out.map, out2.map);
    assert_eq!(findings, findings2);
    for f in &findings {
        assert_eq!(f.file, 0);
        assert!(
            f.offset.saturating_add(f.len) <= text.len(),
            "finding {}..+{} outside a text of {} bytes: {f:?}",
            f.offset,
            f.len,
            text.len()
        );
        assert!(
            text.is_char_boundary(f.offset),
            "finding not on a char boundary"
        );
    }
    let step = (out.text.len() / 64).max(1);
    for o in (0..=out.text.len()).step_by(step) {
        let (file, off) = out.map.locate(o);
        assert_eq!(file, 0);
        assert!(
            off <= text.len(),
            "output offset {o} maps to {off}, past the text"
        );
    }
    let r = markdown::render(&out.text, &|_, _| None, RenderOptions::default());
    for l in &r.links {
        common::assert_range(&out.text, &l.range, "link");
    }
});
