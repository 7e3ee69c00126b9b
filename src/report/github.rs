//! GitHub Actions workflow commands, one annotation per line.

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------- github

pub(super) fn write_github(out: &mut dyn Write, diags: &[&Diagnostic]) -> io::Result<()> {
    for d in diags {
        let mut props = format!("file={}", escape_property(&d.file));
        match d.span {
            // GitHub refuses columns on an annotation over several lines.
            Some(s) if s.line != s.end_line => {
                props.push_str(&format!(",line={},endLine={}", s.line, s.end_line))
            }
            Some(s) => props.push_str(&format!(
                ",line={},col={},endLine={},endColumn={}",
                s.line, s.column, s.end_line, s.end_column
            )),
            None => {}
        }
        props.push_str(&format!(",title={}", escape_property(d.code.as_str())));
        writeln!(
            out,
            "::{} {props}::{}",
            d.severity.as_str(),
            escape_data(&message_with_hint(d))
        )?;
    }
    Ok(())
}

/// The message, then the hint on its own line.
pub(super) fn message_with_hint(d: &Diagnostic) -> String {
    match &d.hint {
        Some(hint) => format!("{}\nhint: {hint}", d.message),
        None => d.message.clone(),
    }
}

/// GitHub's escaping of a workflow command's message.
pub(super) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping of a workflow command's property value.
pub(super) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
