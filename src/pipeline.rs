//! The pipeline that `build`, `check` and `serve` share.

use crate::include::SourceMap;
use crate::markdown::Rendered;
use crate::site::ArticleId;

/// One article after include expansion and Markdown.
#[derive(Clone, Debug)]
pub struct ArticleOutput {
    pub article: ArticleId,
    /// Frontmatter title, else the first heading, else the file stem.
    pub title: String,
    pub rendered: Rendered,
    /// Maps offsets of the expanded text back to files of the site.
    pub sources: SourceMap,
}
