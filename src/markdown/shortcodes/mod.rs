//! Hugo shortcodes, as a pre-pass on the include-expanded text before
//! pulldown-cmark: `{{< name args >}}` and `{{% name args %}}`, paired with
//! `{{< /name >}}`, nested, self-closing, with named and positional
//! arguments. Built-in shortcodes become raw HTML around the inner Markdown
//! (kept Markdown, with blank lines around the emitted block HTML and the
//! line's container prefix repeated); a site's own are Tera templates
//! (`themes/<theme>/shortcodes/<name>.html`, [`Templates`]).
//!
//! `include` and `readfile` are expanded earlier, by the include stage
//! ([`crate::include`]), so that included text maps to its own file.
//!
//! Invariants: pure; every byte of the output maps back through the input's
//! [`SourceMap`](crate::include::SourceMap) (copied text exactly, emitted
//! text to the construct it came from); shortcodes in code are left alone;
//! the delimiters of a shortcode never reach the output, known or not (an
//! unknown one is an `unknown-shortcode` finding and its inner content is
//! kept); emitted HTML is balanced.

use std::ops::Range;

use serde_json::{Map, Value};

use crate::diagnostic::Code;
use crate::include::Expanded;
use crate::include::shortcode::{self, Delim, Tag, TagKind, Token};
use crate::markdown::compose::Composer;

mod builtin;
mod templates;

pub use templates::Templates;

/// UI strings the built-in shortcodes show, from the page locale's
/// Fluent messages (passed in by the pipeline).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labels {
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
    /// Accessible name of a tab list (`aria-label`).
    pub tabs: String,
    /// The caption of a video frame without a `title`.
    pub video: String,
    /// The summary of a `details` without one.
    pub details: String,
}

impl Default for Labels {
    fn default() -> Labels {
        Labels {
            note: "Note".into(),
            tip: "Tip".into(),
            important: "Important".into(),
            warning: "Warning".into(),
            caution: "Caution".into(),
            tabs: "Tabs".into(),
            video: "Video".into(),
            details: "Details".into(),
        }
    }
}

/// What the pre-pass needs to know besides the text.
pub struct Context<'a> {
    /// The page's frontmatter (`param`).
    pub page: &'a Map<String, Value>,
    /// The site's `[params]` from stele.toml (`param`).
    pub site_params: &'a Map<String, Value>,
    pub labels: &'a Labels,
    pub templates: &'a Templates,
    /// The path (in its locale directory) of the file that an offset of
    /// the input comes from (`ref` paths from the content root).
    pub file_of: &'a (dyn Fn(usize) -> String + Sync),
}

/// A problem found, at a byte range of the input text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub message: String,
    pub hint: String,
    pub range: Range<usize>,
}

/// A shortcode with what it encloses.
#[derive(Clone, Debug)]
struct Node {
    tag: Tag,
    /// Between the opening and the closing tag, when it has one.
    inner: Option<Range<usize>>,
    /// The closing tag.
    close: Option<Range<usize>>,
    children: Vec<Item>,
}

#[derive(Clone, Debug)]
enum Item {
    Node(Node),
    Escaped {
        range: Range<usize>,
        text: String,
    },
    /// A malformed tag or a closing tag without an opening one: removed.
    Drop {
        range: Range<usize>,
    },
}

impl Item {
    fn range(&self) -> Range<usize> {
        match self {
            Item::Node(n) => n.tag.range.start..n.close.as_ref().unwrap_or(&n.tag.range).end,
            Item::Escaped { range, .. } | Item::Drop { range } => range.clone(),
        }
    }
}

/// Expands the shortcodes of `input`.
pub fn expand(input: &Expanded, ctx: &Context<'_>) -> (Expanded, Vec<Finding>) {
    let tokens = shortcode::scan(&input.text);
    if tokens.is_empty() {
        return (input.clone(), Vec::new());
    }
    let mut findings = Vec::new();
    let items = tree(tokens, &mut findings);
    let mut w = Writer {
        src: input,
        out: Composer::new(input),
        ctx,
        findings,
        tabs: 0,
    };
    w.items(&items, 0..input.text.len());
    (w.out.finish(), w.findings)
}

/// Pairs opening and closing tags. An opening tag without a closing one
/// encloses nothing: what follows it belongs to its parent.
fn tree(tokens: Vec<Token>, findings: &mut Vec<Finding>) -> Vec<Item> {
    let mut root: Vec<Item> = Vec::new();
    let mut stack: Vec<(Tag, Vec<Item>)> = Vec::new();
    fn push(stack: &mut [(Tag, Vec<Item>)], root: &mut Vec<Item>, item: Item) {
        match stack.last_mut() {
            Some((_, children)) => children.push(item),
            None => root.push(item),
        }
    }
    fn unclosed(stack: &mut Vec<(Tag, Vec<Item>)>, root: &mut Vec<Item>) {
        if let Some((tag, children)) = stack.pop() {
            push(
                stack,
                root,
                Item::Node(Node {
                    tag,
                    inner: None,
                    close: None,
                    children: Vec::new(),
                }),
            );
            for c in children {
                push(stack, root, c);
            }
        }
    }
    for t in tokens {
        match t {
            Token::Tag(tag) => match tag.kind {
                TagKind::Open => stack.push((tag, Vec::new())),
                TagKind::SelfClosing => push(
                    &mut stack,
                    &mut root,
                    Item::Node(Node {
                        tag,
                        inner: None,
                        close: None,
                        children: Vec::new(),
                    }),
                ),
                TagKind::Close => match stack.iter().rposition(|(o, _)| o.name == tag.name) {
                    Some(k) => {
                        while stack.len() > k + 1 {
                            unclosed(&mut stack, &mut root);
                        }
                        let Some((open, children)) = stack.pop() else {
                            continue;
                        };
                        let node = Node {
                            inner: Some(open.range.end..tag.range.start),
                            close: Some(tag.range.clone()),
                            tag: open,
                            children,
                        };
                        push(&mut stack, &mut root, Item::Node(node));
                    }
                    None => {
                        findings.push(Finding {
                            code: Code::InvalidShortcode,
                            message: format!("closing `{}` without an opening tag", tag.name),
                            hint: "remove it or add the opening tag; it was dropped".into(),
                            range: tag.range.clone(),
                        });
                        push(&mut stack, &mut root, Item::Drop { range: tag.range });
                    }
                },
            },
            Token::Escaped { range, text } => {
                push(&mut stack, &mut root, Item::Escaped { range, text })
            }
            Token::Malformed { range, message } => {
                findings.push(Finding {
                    code: Code::InvalidShortcode,
                    message,
                    hint: "write `{{< name args >}}` or `{{% name args %}}`; the text was dropped"
                        .into(),
                    range: range.clone(),
                });
                push(&mut stack, &mut root, Item::Drop { range });
            }
        }
    }
    while !stack.is_empty() {
        unclosed(&mut stack, &mut root);
    }
    root
}

/// Builds the output text.
struct Writer<'a> {
    src: &'a Expanded,
    out: Composer<'a>,
    ctx: &'a Context<'a>,
    findings: Vec<Finding>,
    /// Tab sets emitted so far on the page, for unique ids.
    tabs: usize,
}

impl Writer<'_> {
    fn text(&self) -> &str {
        &self.src.text
    }

    fn copy(&mut self, range: Range<usize>) {
        self.out.copy(range);
    }

    fn emit(&mut self, at: usize, text: &str) {
        self.out.synth(at, text);
    }

    /// Copies `span`, with the items in it expanded.
    fn items(&mut self, items: &[Item], span: Range<usize>) {
        let mut pos = span.start;
        for item in items {
            let r = item.range();
            self.copy(pos..r.start);
            pos = r.end;
            match item {
                Item::Node(n) => self.node(n),
                Item::Escaped { range, text } => {
                    let text = text.clone();
                    self.emit(range.start, &text);
                }
                Item::Drop { .. } => {}
            }
        }
        self.copy(pos..span.end);
    }

    /// The inner content of a node, expanded.
    fn inner(&mut self, n: &Node) {
        if let Some(inner) = &n.inner {
            self.items(&n.children, inner.clone());
        }
    }

    /// The inner content as plain text, with nested shortcodes expanded
    /// (for templates and `highlight`).
    fn inner_text(&mut self, n: &Node) -> String {
        let saved = std::mem::replace(&mut self.out, Composer::new(self.src));
        self.inner(n);
        std::mem::replace(&mut self.out, saved).finish().text
    }

    /// The line prefix (`> `, list indentation) to repeat after line breaks.
    fn prefix(&self, at: usize) -> String {
        shortcode::line_prefix(self.text(), at).to_string()
    }

    /// Emits block HTML at `at`, with blank lines around so that Markdown
    /// before and after it stays Markdown.
    fn block(&mut self, at: usize, html: &str) {
        let p = self.prefix(at);
        let text = format!("\n{p}\n{p}{html}\n{p}\n{p}");
        self.emit(at, &text);
    }

    fn finding(&mut self, code: Code, range: Range<usize>, message: String, hint: &str) {
        self.findings.push(Finding {
            code,
            message,
            hint: hint.to_string(),
            range,
        });
    }

    fn node(&mut self, n: &Node) {
        let name = n.tag.name.to_ascii_lowercase();
        if self.ctx.templates.has(&name) {
            return self.template(n, &name);
        }
        match name.as_str() {
            "alert" | "notice" | "callout" => builtin::alert(self, n),
            "tabpane" | "tabs" => builtin::tabpane(self, n),
            "tab" => builtin::lone_tab(self, n),
            "details" => builtin::details(self, n),
            "figure" => builtin::figure(self, n),
            "youtube" | "vimeo" => builtin::video(self, n, &name),
            "highlight" => builtin::highlight(self, n),
            "comment" => {}
            "param" => builtin::param(self, n),
            "ref" | "relref" => builtin::reference(self, n),
            _ => {
                self.finding(
                    Code::UnknownShortcode,
                    n.tag.range.clone(),
                    format!("unknown shortcode `{}`", n.tag.name),
                    &format!(
                        "add `themes/<theme>/shortcodes/{}.html` (a Tera template); its inner content was kept, its tags dropped",
                        n.tag.name
                    ),
                );
                self.inner(n);
            }
        }
    }

    fn template(&mut self, n: &Node, name: &str) {
        let inner = self.inner_text(n);
        let block = shortcode::is_block(self.text(), &n.tag.range);
        match self
            .ctx
            .templates
            .render(name, &n.tag, &inner, self.ctx.page)
        {
            Ok(out) => {
                let at = n.tag.range.start;
                // Map the inner content exactly where the template copies it.
                let split = (!inner.is_empty() && n.children.is_empty())
                    .then(|| out.find(&inner))
                    .flatten();
                let p = self.prefix(at);
                let (pre, post) = if block {
                    (format!("\n{p}\n{p}"), format!("\n{p}\n{p}"))
                } else {
                    (String::new(), String::new())
                };
                match (split, &n.inner) {
                    (Some(i), Some(range)) => {
                        self.emit(at, &format!("{pre}{}", &out[..i]));
                        self.copy(range.clone());
                        let end = n.close.as_ref().map_or(at, |c| c.start);
                        self.emit(end, &format!("{}{post}", &out[i + inner.len()..]));
                    }
                    _ => self.emit(at, &format!("{pre}{out}{post}")),
                }
            }
            Err(message) => {
                self.finding(
                    Code::InvalidShortcode,
                    n.tag.range.clone(),
                    format!("shortcode template `shortcodes/{name}.html` failed: {message}"),
                    "fix the template; the shortcode's inner content was kept",
                );
                self.inner(n);
            }
        }
    }
}

/// A value of the frontmatter or of `[params]` as text; dotted names
/// (`a.b`) look into tables.
fn lookup(map: &Map<String, Value>, name: &str) -> Option<String> {
    let mut v = map.get(name);
    if v.is_none() {
        let mut parts = name.split('.');
        let first = parts.next()?;
        let mut cur = map.get(first).or_else(|| {
            map.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(first))
                .map(|(_, v)| v)
        })?;
        for p in parts {
            cur = cur.as_object()?.get(p)?;
        }
        v = Some(cur);
    }
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether the delimiters make the output Markdown (`{{% %}}`).
fn is_markdown(tag: &Tag) -> bool {
    tag.delim == Delim::Percent
}

#[cfg(test)]
mod tests;
