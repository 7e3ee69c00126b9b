//! Include expansion: an article and three includes (parts of the input
//! split at NUL bytes), includes of includes, loops and missing files.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use stele::include;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let parts = common::parts(&text, 4);
    let mut files = vec![("en-US", "a.md".to_string(), parts[0].to_string())];
    for (i, p) in parts.iter().enumerate().skip(1) {
        files.push(("en-US", format!("includes/i{i}.md"), p.to_string()));
    }
    // The same article in a second locale that lacks the includes: the
    // default locale's copies are used.
    files.push(("de-DE", "a.md".to_string(), parts[0].to_string()));
    let site = common::site(&files);
    for a in &site.articles {
        let (exp, diags) = include::expand(&site, a.file);
        let (exp2, diags2) = include::expand(&site, a.file);
        assert_eq!(exp.text, exp2.text, "expansion not deterministic");
        assert_eq!(exp.map, exp2.map);
        assert_eq!(diags, diags2);
        // Every offset of the expansion maps into a file of the site.
        let step = (exp.text.len() / 64).max(1);
        for out in (0..=exp.text.len()).step_by(step) {
            let (file, off) = exp.map.locate(out);
            let f = site.files.get(file).expect("mapped to a file of the site");
            assert!(off <= f.text.len(), "offset {off} past `{}`", f.path);
        }
        for d in &diags {
            let t = common::file_text(&site, &d.file).expect("diagnostic names a site file");
            common::assert_diagnostic_in(t, d);
        }
        for d in include::find_directives(&exp.text, 0) {
            common::assert_range(&exp.text, &d.range, "directive");
            common::assert_range(&exp.text, &d.path, "directive path");
        }
    }
    for p in &parts {
        let _ = include::join("a/b", p);
    }
});
