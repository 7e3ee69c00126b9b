//! stele: a multilingual documentation static-site generator.
//!
//! The crate is a pipeline of stages, each a function with its own output
//! type (see ARCHITECTURE.md):
//!
//! `config` → `discover` → `frontmatter` → `site` → `include` + `markdown`
//! → `check` → `render` → `output`.
//!
//! Only [`discover`], [`output`], `serve` and [`external`] (the network, for
//! `check --external`) touch the outside world; the stages in
//! between are pure functions of their inputs.

pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod external;
pub mod frontmatter;
pub mod history;
pub mod include;
pub mod incremental;
pub mod limits;
pub mod links;
pub mod lint;
pub mod locale;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod redirect;
pub mod render;
pub mod report;
pub mod serve;
pub mod site;
pub mod status;
pub mod translation;
pub mod ui;
