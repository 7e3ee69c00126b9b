//! Render stage (placeholder until the theme lands).
use crate::diagnostic::Diagnostic;
use crate::pipeline::ArticleOutput;
use crate::site::Site;
use crate::ui::Ui;

/// Whether pages are built for publishing or for `stele serve` (which adds
/// the side-by-side view and keeps machine-translation originals).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Build,
    Serve,
}

pub struct Theme;
impl Theme {
    pub fn from_files(_files: Vec<(String, Vec<u8>)>) -> anyhow::Result<Theme> {
        Ok(Theme)
    }
    pub fn embedded_default() -> Theme {
        Theme
    }
}
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}
pub fn render_site(
    site: &Site,
    articles: &[ArticleOutput],
    _states: &[crate::translation::ArticleState],
    _theme: &Theme,
    _ui: &Ui,
    _mode: Mode,
) -> (Vec<Page>, Vec<Diagnostic>) {
    let pages = site
        .articles
        .iter()
        .zip(articles)
        .map(|(a, o)| Page { path: a.out_path.clone(), bytes: o.rendered.html.clone().into_bytes() })
        .collect();
    (pages, Vec::new())
}
