//! Link and URL normalisation and resolution: every line of the input is a
//! link target, resolved from every article of a small site in three
//! locales (non-ASCII paths included).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use stele::analyze::links::{self, Resolver};
use stele::model::site;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let files: Vec<(&str, String, String)> = [
        ("en-US", "index.md", "# Home\n"),
        (
            "en-US",
            "guide/install.md",
            "# Install\n## Linux {#linux}\n",
        ),
        ("en-US", "guide/ünïcode file.md", "# U\n"),
        ("en-US", "includes/note.md", "note\n"),
        ("de-DE", "guide/install.md", "# Installieren\n"),
        ("ja-JP", "ガイド/設定.md", "# 設定\n"),
    ]
    .iter()
    .map(|(l, r, t)| (*l, r.to_string(), t.to_string()))
    .collect();
    let site = common::site(&files);
    let resolver = Resolver::new(&site);
    for target in text.lines().take(64) {
        let _ = links::scheme(target);
        let decoded = links::decode(target);
        assert_eq!(decoded, links::decode(target));
        let _ = site::encode_path(&decoded);
        let _ = site::page_path(&decoded);
        // From every article page, written in the article itself and in
        // the include (as if the article expanded it).
        for (page, a) in site.articles.iter().enumerate() {
            for file in [a.file, site.files.len() - 1] {
                let r = resolver.resolve(page, file, target);
                assert_eq!(r, resolver.resolve(page, file, target), "not deterministic");
                let _ = resolver.href(&r);
            }
        }
        for locale in 0..site.locales.len() {
            let _ = resolver.redirect_href(locale, target);
        }
        let _ = stele::include::join("guide", target);
    }
});
