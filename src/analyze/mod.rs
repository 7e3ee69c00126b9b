//! What is checked after Markdown: link resolution ([`links`], the one
//! resolver), broken links and anchors ([`check`]), translation QA
//! ([`lint`]).

pub mod check;
pub mod links;
pub mod lint;
