//! The syntax of Hugo shortcodes: `{{< name args >}}`, `{{% name args %}}`,
//! their closing tags `{{< /name >}}`, self-closing `{{< name />}}` and the
//! comment escapes `{{</* name */>}}`, found outside code.
//!
//! This is the lexer only. The include stage uses it for `include` and
//! `readfile` (so included text maps to its own file); the Markdown stage's
//! pre-pass (`crate::markdown::shortcodes`) for everything else.
//!
//! Invariants: pure; every range is a byte range of the scanned text; a tag
//! whose `{{` stands inside a code span or code block is not a tag (comment
//! escapes are unescaped there too, as Hugo does, since that is what they are
//! for); nothing here fails: text that looks like a tag and is not one is
//! reported as [`Token::Malformed`].

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag as MdTag, TagEnd};

/// Which delimiters a shortcode was written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delim {
    /// `{{< … >}}`: Hugo does not render the output as Markdown.
    Angle,
    /// `{{% … %}}`: the output is Markdown.
    Percent,
}

/// Opening, closing or self-closing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagKind {
    Open,
    Close,
    SelfClosing,
}

/// One argument: `name="value"`, or a positional `value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arg {
    pub name: Option<String>,
    /// The value with quotes removed and `\"` escapes resolved.
    pub value: String,
    /// Byte range of the value in the text, without the quotes.
    pub range: Range<usize>,
    /// `value` is exactly the text at `range` (no escape was resolved).
    pub verbatim: bool,
}

/// One shortcode tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    /// From `{{` to `}}`.
    pub range: Range<usize>,
    pub name: String,
    pub name_range: Range<usize>,
    pub delim: Delim,
    pub kind: TagKind,
    pub args: Vec<Arg>,
}

impl Tag {
    /// A named argument, or else the positional one at `index`.
    pub fn arg(&self, name: &str, index: usize) -> Option<&Arg> {
        self.named(name).or_else(|| self.positional(index))
    }

    pub fn named(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|a| a.name.as_deref() == Some(name))
    }

    pub fn positional(&self, index: usize) -> Option<&Arg> {
        self.args.iter().filter(|a| a.name.is_none()).nth(index)
    }

    /// A boolean argument (`true`, `"true"`, `open=true`).
    pub fn flag(&self, name: &str) -> bool {
        self.named(name)
            .is_some_and(|a| a.value.eq_ignore_ascii_case("true"))
    }
}

/// What the lexer finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    Tag(Tag),
    /// `{{</* x */>}}`: written to the page as `{{< x >}}`.
    Escaped {
        range: Range<usize>,
        text: String,
    },
    /// Looks like a tag but is not one (unterminated, no name).
    Malformed {
        range: Range<usize>,
        message: String,
    },
}

impl Token {
    pub fn range(&self) -> Range<usize> {
        match self {
            Token::Tag(t) => t.range.clone(),
            Token::Escaped { range, .. } | Token::Malformed { range, .. } => range.clone(),
        }
    }
}

/// Byte ranges of code blocks and code spans, as CommonMark sees them.
pub fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut block: Option<usize> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(MdTag::CodeBlock(_)) => block = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(s) = block.take() {
                    out.push(s..range.end);
                }
            }
            Event::Code(_) if block.is_none() => out.push(range),
            _ => {}
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

fn inside(ranges: &[Range<usize>], at: usize) -> bool {
    let i = ranges.partition_point(|r| r.start <= at);
    i > 0 && ranges[i - 1].end > at
}

/// Finds every shortcode tag and comment escape in `text`, in order.
pub fn scan(text: &str) -> Vec<Token> {
    let mut found = Vec::new();
    if !text.contains("{{<") && !text.contains("{{%") {
        return found;
    }
    let code = code_ranges(text);
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find("{{") {
        let at = from + i;
        from = at + 2;
        let Some(&d) = bytes.get(at + 2) else { break };
        let delim = match d {
            b'<' => Delim::Angle,
            b'%' => Delim::Percent,
            _ => continue,
        };
        let close = if delim == Delim::Angle { ">}}" } else { "%}}" };
        let after = &text[at + 3..];
        let ws = after.len() - after.trim_start().len();
        if after[ws..].starts_with("/*") {
            // A comment escape: `{{</* x */>}}`.
            let end_marker = format!("*/{close}");
            let Some(e) = after.find(&end_marker) else {
                continue;
            };
            let inner = &after[ws + 2..e];
            let open = &text[at..at + 3];
            let tail = &close[..1];
            let end = at + 3 + e + end_marker.len();
            found.push(Token::Escaped {
                range: at..end,
                text: format!("{open}{inner}{tail}}}}}"),
            });
            from = end;
            continue;
        }
        if inside(&code, at) {
            continue;
        }
        match parse_tag(text, at, delim, close) {
            Ok(tag) => {
                from = tag.range.end;
                found.push(Token::Tag(tag));
            }
            Err((end, message)) => {
                found.push(Token::Malformed {
                    range: at..end,
                    message,
                });
                from = end.max(at + 3);
            }
        }
    }
    found
}

/// Parses the tag that starts at `at` (`{{<` or `{{%`).
fn parse_tag(text: &str, at: usize, delim: Delim, close: &str) -> Result<Tag, (usize, String)> {
    let bytes = text.as_bytes();
    let mut p = at + 3;
    let skip_ws = |p: &mut usize| {
        while *p < bytes.len() && bytes[*p].is_ascii_whitespace() {
            *p += 1;
        }
    };
    skip_ws(&mut p);
    let mut kind = TagKind::Open;
    if bytes.get(p) == Some(&b'/') {
        kind = TagKind::Close;
        p += 1;
        skip_ws(&mut p);
    }
    let name_start = p;
    while p < bytes.len() && is_name_byte(bytes[p]) {
        // `{{< br/>}}`: the `/` closes the tag, it is not part of the name.
        if bytes[p] == b'/' && text[p + 1..].trim_start().starts_with(close) {
            break;
        }
        p += 1;
    }
    let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |i| from + i);
    if p == name_start {
        return Err((
            line_end(at).min(at + 3),
            "a shortcode tag without a name".to_string(),
        ));
    }
    let name_range = name_start..p;
    let mut args = Vec::new();
    loop {
        let ws_start = p;
        skip_ws(&mut p);
        // `{{< x` must not swallow the rest of the file: a tag ends at a
        // blank line.
        if text[ws_start..p].matches('\n').count() >= 2 {
            return Err((ws_start, format!("`{}` is never closed", &text[at..at + 3])));
        }
        if p >= bytes.len() {
            return Err((
                line_end(at),
                format!("`{}` is never closed", &text[at..at + 3]),
            ));
        }
        if text[p..].starts_with(close) {
            p += close.len();
            break;
        }
        if text[p..].starts_with('/') && text[p + 1..].trim_start().starts_with(close) {
            kind = TagKind::SelfClosing;
            p += 1;
            skip_ws(&mut p);
            continue;
        }
        let (arg, end) = parse_arg(text, p, close)
            .ok_or_else(|| (line_end(p), "an unterminated quoted argument".to_string()))?;
        args.push(arg);
        p = end;
    }
    Ok(Tag {
        range: at..p,
        name: text[name_range.clone()].to_string(),
        name_range,
        delim,
        kind,
        args,
    })
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/') || b >= 0x80
}

/// One argument at `p`: `name=value` or `value`, the value bare, in
/// `"double quotes"` (with `\"` escapes) or in `` `backticks` `` (raw).
fn parse_arg(text: &str, p: usize, close: &str) -> Option<(Arg, usize)> {
    let bytes = text.as_bytes();
    let mut name = None;
    let mut start = p;
    // A name followed by `=`.
    let mut q = p;
    while q < bytes.len() && (bytes[q].is_ascii_alphanumeric() || matches!(bytes[q], b'_' | b'-')) {
        q += 1;
    }
    if q > p && bytes.get(q) == Some(&b'=') {
        name = Some(text[p..q].to_string());
        start = q + 1;
    }
    match bytes.get(start) {
        Some(b'"') => {
            let mut value = String::new();
            let mut verbatim = true;
            let mut i = start + 1;
            loop {
                let c = text[i..].chars().next()?;
                match c {
                    '"' => break,
                    '\\' if matches!(bytes.get(i + 1), Some(b'"' | b'\\')) => {
                        value.push(bytes[i + 1] as char);
                        verbatim = false;
                        i += 2;
                        continue;
                    }
                    c => value.push(c),
                }
                i += c.len_utf8();
            }
            Some((
                Arg {
                    name,
                    value,
                    range: start + 1..i,
                    verbatim,
                },
                i + 1,
            ))
        }
        Some(b'`') => {
            let e = text[start + 1..].find('`')? + start + 1;
            Some((
                Arg {
                    name,
                    value: text[start + 1..e].to_string(),
                    range: start + 1..e,
                    verbatim: true,
                },
                e + 1,
            ))
        }
        _ => {
            let mut e = start;
            while e < bytes.len()
                && !bytes[e].is_ascii_whitespace()
                && !text[e..].starts_with(close)
                && !(text[e..].starts_with('/') && text[e + 1..].trim_start().starts_with(close))
            {
                e += text[e..].chars().next().map_or(1, char::len_utf8);
            }
            if e == start && name.is_none() {
                // A lone character the grammar has no use for: skip it.
                e = start + text[start..].chars().next().map_or(1, char::len_utf8);
            }
            Some((
                Arg {
                    name,
                    value: text[start..e].to_string(),
                    range: start..e,
                    verbatim: true,
                },
                e,
            ))
        }
    }
}

/// Whether the range stands alone on its line(s): only whitespace and
/// container markers (`>`, list indentation) before it, only whitespace
/// after it.
pub fn is_block(text: &str, range: &Range<usize>) -> bool {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    text[line_start..range.start]
        .chars()
        .all(|c| c.is_whitespace() || c == '>')
        && text[range.end..line_end].trim().is_empty()
}

/// The container prefix of the line `at` is on: its leading whitespace and
/// `>` markers (`  > `), to repeat after emitted line breaks.
pub fn line_prefix(text: &str, at: usize) -> &str {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..at];
    let n = line
        .char_indices()
        .find(|(_, c)| !(c.is_whitespace() || *c == '>'))
        .map_or(line.len(), |(i, _)| i);
    &line[..n]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> Vec<Tag> {
        scan(text)
            .into_iter()
            .filter_map(|t| match t {
                Token::Tag(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn named_positional_and_quoted_arguments() {
        let text = r#"a {{< figure src="img.png" alt="say \"hi\"" `raw "x"` 42 >}} b"#;
        let t = &tags(text)[0];
        assert_eq!(t.name, "figure");
        assert_eq!(t.delim, Delim::Angle);
        assert_eq!(t.kind, TagKind::Open);
        assert_eq!(t.named("src").unwrap().value, "img.png");
        assert_eq!(&text[t.named("src").unwrap().range.clone()], "img.png");
        assert!(t.named("src").unwrap().verbatim);
        assert_eq!(t.named("alt").unwrap().value, "say \"hi\"");
        assert!(!t.named("alt").unwrap().verbatim);
        assert_eq!(t.positional(0).unwrap().value, "raw \"x\"");
        assert_eq!(t.positional(1).unwrap().value, "42");
        assert_eq!(&text[t.range.clone()], &text[2..text.len() - 2]);
    }

    #[test]
    fn closing_self_closing_and_percent() {
        let t = tags("{{% alert title=\"T\" %}}x{{% /alert %}} {{< br />}} {{<br/>}}");
        assert_eq!(t.len(), 4);
        assert_eq!((t[0].delim, t[0].kind), (Delim::Percent, TagKind::Open));
        assert_eq!((t[1].name.as_str(), t[1].kind), ("alert", TagKind::Close));
        assert_eq!(t[2].kind, TagKind::SelfClosing);
        assert_eq!(t[3].kind, TagKind::SelfClosing);
        assert_eq!(t[3].name, "br");
    }

    #[test]
    fn code_is_left_alone_and_escapes_unescaped() {
        let text =
            "`{{< a >}}`\n\n```\n{{% b %}}\n{{</* c x=1 */>}}\n```\n\n    {{< d >}}\n\n{{< e >}}\n";
        let all = scan(text);
        let names: Vec<_> = tags(text).into_iter().map(|t| t.name).collect();
        assert_eq!(names, ["e"]);
        assert!(
            all.iter()
                .any(|t| matches!(t, Token::Escaped { text, .. } if text == "{{< c x=1 >}}"))
        );
    }

    #[test]
    fn unterminated_tags_are_malformed_not_fatal() {
        let all = scan("{{< alert \n\nrest {{< x >}}");
        assert!(matches!(all[0], Token::Malformed { .. }));
        assert!(matches!(&all[1], Token::Tag(t) if t.name == "x"));
        assert!(matches!(scan("{{< \"a >}}")[0], Token::Malformed { .. }));
    }

    #[test]
    fn block_and_prefix() {
        let text = "- item\n  > {{< x >}}\nb {{< y >}}";
        let t = tags(text);
        assert!(is_block(text, &t[0].range));
        assert_eq!(line_prefix(text, t[0].range.start), "  > ");
        assert!(!is_block(text, &t[1].range));
    }
}
