//! The site model: articles, locales, translation groups ([`site`]), the
//! fallback pages of missing translations ([`fallback`]) and the
//! translation state of every article ([`translation`]).

pub mod fallback;
pub mod site;
pub mod toc;
pub mod translation;
