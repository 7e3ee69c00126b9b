//! Diagnostic output formats (placeholder until the module lands).
use crate::diagnostic::Diagnostic;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
    Sarif,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Always,
    Never,
}
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub articles: usize,
    pub links: usize,
}
pub fn write<'s>(
    out: &mut dyn std::io::Write,
    _format: Format,
    diags: &[Diagnostic],
    _summary: &Summary,
    _source: &dyn Fn(&str) -> Option<&'s str>,
    _color: Color,
) -> std::io::Result<()> {
    for d in diags {
        writeln!(out, "{}[{}]: {} {}", d.severity.as_str(), d.code, d.file, d.message)?;
    }
    Ok(())
}
