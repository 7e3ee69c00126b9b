//! What is checked after Markdown: link resolution ([`links`], the one
//! resolver), broken links and anchors ([`check`]), translation QA
//! ([`lint`]) and its anchor-parity rule ([`anchors`]).

pub mod anchors;
pub mod check;
pub mod links;
pub mod lint;
