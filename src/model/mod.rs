//! The site model: articles, locales, translation groups ([`site`]) and the
//! translation state of every article ([`translation`]).

pub mod site;
pub mod translation;
