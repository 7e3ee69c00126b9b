//! The JSON format: one document, `"version": 1` (docs/DIAGNOSTICS.md).

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------- json

#[derive(Serialize)]
pub(super) struct JsonReport<'a> {
    pub(super) version: u32,
    pub(super) diagnostics: Vec<JsonDiagnostic<'a>>,
    pub(super) summary: &'a Summary,
}

#[derive(Serialize)]
pub(super) struct JsonDiagnostic<'a> {
    pub(super) severity: Severity,
    pub(super) code: Code,
    pub(super) file: &'a str,
    pub(super) line: Option<u32>,
    pub(super) column: Option<u32>,
    pub(super) end_line: Option<u32>,
    pub(super) end_column: Option<u32>,
    pub(super) message: &'a str,
    pub(super) target: Option<&'a str>,
    pub(super) locale: Option<&'a str>,
    pub(super) hint: Option<&'a str>,
}

pub(super) fn write_json(
    out: &mut dyn Write,
    diags: &[&Diagnostic],
    summary: &Summary,
) -> io::Result<()> {
    let report = JsonReport {
        version: 1,
        diagnostics: diags
            .iter()
            .map(|d| JsonDiagnostic {
                severity: d.severity,
                code: d.code,
                file: &d.file,
                line: d.span.map(|s| s.line),
                column: d.span.map(|s| s.column),
                end_line: d.span.map(|s| s.end_line),
                end_column: d.span.map(|s| s.end_column),
                message: &d.message,
                target: d.target.as_deref(),
                locale: d.locale.as_deref(),
                hint: d.hint.as_deref(),
            })
            .collect(),
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
