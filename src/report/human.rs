//! The human format: rustc-style, with the source line (annotate-snippets).

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------- human

pub(super) fn styled_summary(s: &Summary, color: Color) -> String {
    let line = summary_line(s);
    match color {
        Color::Always => format!("\x1b[1m{line}\x1b[0m"),
        Color::Never => line,
    }
}

pub(super) fn write_human<'s>(
    out: &mut dyn Write,
    diags: &[&Diagnostic],
    source: &dyn Fn(&str) -> Option<&'s str>,
    color: Color,
) -> io::Result<()> {
    let renderer = match color {
        Color::Always => Renderer::styled(),
        Color::Never => Renderer::plain(),
    };
    // Line indexes are built once per file, not once per diagnostic.
    let mut indexes: HashMap<&str, LineIndex> = HashMap::new();
    for d in diags {
        let line = d.span.and_then(|span| {
            let text = source(&d.file)?;
            let index = indexes
                .entry(d.file.as_str())
                .or_insert_with(|| LineIndex::new(text));
            Some((span, index.line_text(text, span.line)?))
        });
        writeln!(out, "{}\n", render_human(&renderer, d, line))?;
    }
    Ok(())
}

/// One diagnostic, rendered. A source line that is long before the span is
/// rendered from an excerpt that starts `...` (the renderer's cost grows
/// with the text before the span, and a page-long paragraph with many
/// links would cost seconds); the renderer then counts the column from the
/// excerpt, so the location line is put right here. If that fails, the
/// whole line is rendered.
pub(super) fn render_human(
    renderer: &Renderer,
    d: &Diagnostic,
    line: Option<(Span, &str)>,
) -> String {
    line.and_then(|(span, text)| render_excerpt(renderer, d, span, text))
        .unwrap_or_else(|| renderer.render(&[human_group(d, line)]))
}

/// `d` rendered from an excerpt of `line`, when the span is far into it.
pub(super) fn render_excerpt(
    renderer: &Renderer,
    d: &Diagnostic,
    span: Span,
    line: &str,
) -> Option<String> {
    let (excerpt, skipped) = head_excerpt(line, span)?;
    let shift = |c: u32| c.saturating_sub(skipped);
    let end_column = if span.end_line == span.line {
        shift(span.end_column)
    } else {
        span.end_column
    };
    let in_excerpt = Span {
        column: shift(span.column),
        end_column,
        ..span
    };
    let rendered = renderer.render(&[human_group(d, Some((in_excerpt, &excerpt)))]);
    let shown = format!("{}:{}:{}", d.file, span.line, in_excerpt.column);
    let arrow = rendered.find("--> ")?;
    let at = arrow + rendered[arrow..].find(&shown)?;
    Some(format!(
        "{}{}:{}:{}{}",
        &rendered[..at],
        d.file,
        span.line,
        span.column,
        &rendered[at + shown.len()..]
    ))
}

/// Characters kept before the span when a line is excerpted.
pub(super) const KEEP_BEFORE: usize = 128;

/// For a span more than `2 * KEEP_BEFORE` chars into its line: the line
/// from `KEEP_BEFORE` chars before the span, after `...`, and how many
/// chars fewer than in the line precede the span in it.
pub(super) fn head_excerpt(line: &str, span: Span) -> Option<(String, u32)> {
    let before = (span.column as usize).checked_sub(1)?;
    if before <= 2 * KEEP_BEFORE {
        return None;
    }
    let from = line
        .char_indices()
        .nth(before - KEEP_BEFORE)
        .map(|(b, _)| b)?;
    Some((
        format!("...{}", &line[from..]),
        (before - KEEP_BEFORE - 3) as u32,
    ))
}

/// One diagnostic as an annotate-snippets group: the title, the source line
/// with the span underlined (or only the location), the hint. `line` is the
/// text the span's columns count in.
pub(super) fn human_group<'a>(d: &'a Diagnostic, line: Option<(Span, &'a str)>) -> Group<'a> {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let mut group = match (d.span, line) {
        (_, Some((span, line))) => {
            let (text, range) = shorten(line, span);
            title.element(
                Snippet::source(text)
                    .line_start(span.line as usize)
                    .path(d.file.as_str())
                    .annotation(AnnotationKind::Primary.span(range)),
            )
        }
        (Some(span), None) => title.element(
            Origin::path(d.file.as_str())
                .line(span.line as usize)
                .char_column(span.column as usize),
        ),
        (None, None) => title.element(Origin::path(d.file.as_str())),
    };
    if let Some(hint) = &d.hint {
        group = group.element(Level::HELP.with_name("hint").message(hint.as_str()));
    }
    group
}

/// The byte range of `span` within the text of its first line. Columns
/// count chars; a span over several lines is cut at the end of the first.
pub(super) fn byte_range(line: &str, span: Span) -> std::ops::Range<usize> {
    let byte_at = |column: u32| {
        let i = (column as usize).saturating_sub(1);
        line.char_indices().nth(i).map_or(line.len(), |(b, _)| b)
    };
    let start = byte_at(span.column);
    let end = if span.end_line == span.line {
        byte_at(span.end_column)
    } else {
        line.len()
    };
    start..end.max(start)
}

/// Characters kept after the underline (and of the underline itself) when a
/// long line is shortened before rendering: more than the renderer shows
/// (it cuts lines to the terminal width around the span), so the output is
/// the same, and a page-long line costs what its start costs. The start of
/// the line is always kept: the renderer computes the column from it.
pub(super) const KEEP_AFTER: usize = 512;

/// `line` cut after the span, and the span's byte range in it.
pub(super) fn shorten(line: &str, span: Span) -> (&str, std::ops::Range<usize>) {
    let range = byte_range(line, span);
    let advance = |from: usize, n: usize| {
        line[from..]
            .char_indices()
            .nth(n)
            .map_or(line.len(), |(b, _)| from + b)
    };
    let end = range.end.min(advance(range.start, KEEP_AFTER));
    (&line[..advance(end, KEEP_AFTER)], range.start..end)
}
