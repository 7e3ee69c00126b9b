//! The whole pure pipeline (site, include, Markdown, check, lint, render)
//! on a site of two articles, an include and a translation: parts of the
//! input split at NUL bytes. The other targets are faster; this one finds
//! what only the stages together do.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use stele::config::Config;
use stele::pipeline::{self, Inputs};
use stele::read::discover::{Discovered, FileKind, SourceFile};
use stele::render::Theme;
use stele::render::ui::Ui;

fn inputs(parts: &[&str]) -> Inputs {
    let names = [
        ("en-US", "index.md"),
        ("en-US", "guide/a.md"),
        ("en-US", "includes/i.md"),
        ("de-DE", "guide/a.md"),
    ];
    let sources: Vec<SourceFile> = names
        .iter()
        .zip(parts.iter().chain(std::iter::repeat(&"# x\n")))
        .map(|((l, rel), text)| SourceFile {
            path: format!("content/{l}/{rel}"),
            locale: l.to_string(),
            rel: rel.to_string(),
            text: text.to_string(),
            kind: if rel.starts_with("includes/") {
                FileKind::Include
            } else {
                FileKind::Article
            },
        })
        .collect();
    Inputs {
        config: Config::zero("/site"),
        discovered: Discovered {
            locales: vec!["de-DE".into(), "en-US".into()],
            sources,
            ..Default::default()
        },
        default_locale: Some("en-US".into()),
        theme: Theme::embedded_default(),
        ui_sources: Ui::embedded_sources(),
        history: Default::default(),
        code: Default::default(),
    }
}

fuzz_target!(|data: &[u8]| {
    let text = common::text(&data[..data.len().min(16 * 1024)]);
    let parts = common::parts(&text, 4);
    let a = pipeline::run(inputs(&parts));
    for d in &a.diagnostics {
        if let Some(t) = common::file_text(&a.site, &d.file) {
            common::assert_diagnostic_in(t, d);
        } else {
            assert!(d.span.is_none(), "a position in an unknown file: {d:?}");
        }
    }
    let b = pipeline::run(inputs(&parts));
    assert_eq!(
        a.diagnostics, b.diagnostics,
        "diagnostics not deterministic"
    );
    assert_eq!(a.pages.len(), b.pages.len());
    for (x, y) in a.pages.iter().zip(&b.pages) {
        assert_eq!(x.path, y.path);
        assert!(x.bytes == y.bytes, "page `{}` not deterministic", x.path);
    }
});
