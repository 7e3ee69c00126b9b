//! Frontmatter split + YAML parse on any file text.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use stele::read::frontmatter;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let path = "content/en-US/a.md";
    let (fm, diags) = frontmatter::parse(path, &text);
    assert!(fm.body_start <= text.len(), "body_start past the end");
    assert!(text.is_char_boundary(fm.body_start));
    if let Some(y) = &fm.yaml {
        common::assert_range(&text, y, "yaml");
        assert!(y.end <= fm.body_start, "yaml overlaps the body");
    }
    for d in &diags {
        common::assert_diagnostic_in(&text, d);
    }
    for key in fm.data.keys().take(50) {
        if let Some(r) = fm.key_range(&text, key) {
            common::assert_range(&text, &r, "key_range");
        }
    }
    let _ = fm.title();
    let _ = fm.date();
    let _ = fm.weight();
    let (fm2, diags2) = frontmatter::parse(path, &text);
    assert_eq!(fm.data, fm2.data, "not deterministic");
    assert_eq!(fm.body_start, fm2.body_start);
    assert_eq!(diags, diags2, "diagnostics not deterministic");
});
