//! Reading the site from disk: the walk and text decoding ([`discover`]),
//! frontmatter ([`frontmatter`]), and what git knows ([`history`]).

pub mod discover;
pub mod frontmatter;
pub mod history;
