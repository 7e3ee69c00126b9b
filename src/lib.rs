//! stele: a multilingual documentation static-site generator.
//!
//! The crate is a pipeline of stages, each a function with its own output
//! type, one folder per stage (see ARCHITECTURE.md):
//!
//! `config` → `read` → `model` → `include` → `markdown` → `analyze` →
//! `render` → `output`, composed by `pipeline` and driven by `cli` and
//! `serve`. A stage never imports a later one (`tests/layering.rs`);
//! `diagnostic`, `html`, `term` and `locale` are leaves every stage may use.
//!
//! Only [`read`], [`output`], `serve`, `status --stamp` and [`external`]
//! (the network, for `check --external`) touch the outside world; the
//! stages in between are pure functions of their inputs.

pub mod diagnostic;
pub mod html;
pub mod limits;
pub mod locale;
pub mod term;

pub mod analyze;
pub mod cli;
pub mod config;
pub mod external;
pub mod include;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod read;
pub mod render;
pub mod report;
pub mod serve;
pub mod status;
