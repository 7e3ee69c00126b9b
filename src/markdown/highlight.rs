//! Syntax highlighting of fenced code blocks at build time, with
//! tree-sitter grammars (arborium). The output is `<span class="hl-…">`
//! (classes, never inline styles); the theme's stylesheet colours them in
//! a light and a dark palette.
//!
//! Invariants: pure and deterministic; an unknown or unsupported language
//! (`kusto` has no grammar) leaves the block exactly as pulldown-cmark
//! writes it, with no diagnostic; the text of a block is never changed,
//! only wrapped in spans (so copying it gives what was written).

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use arborium::{Config, GrammarStore, Highlighter, HtmlFormat};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

/// What a fence's language names after aliases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    /// An arborium grammar, by its canonical name.
    Grammar(&'static str),
    /// Terminal sessions: prompt lines are commands (bash, or PowerShell
    /// after `PS …>`), the other lines are output.
    Console,
}

/// The language of a fence's info string: its first word, lower-cased,
/// after the aliases DocFX, Hugo and GitHub use. `None`: left plain.
fn lang_of(info: &str) -> Option<Lang> {
    let word = info
        .split(|c: char| c.is_whitespace() || c == '{' || c == ',')
        .next()
        .unwrap_or("")
        .trim_start_matches('.')
        .to_ascii_lowercase();
    let grammar = match word.as_str() {
        "bash"
        | "sh"
        | "shell"
        | "zsh"
        | "ksh"
        | "azurecli"
        | "azurecli-interactive"
        | "azure-cli" => "bash",
        "console" | "terminal" | "shell-session" | "shellsession" => return Some(Lang::Console),
        "powershell"
        | "pwsh"
        | "ps"
        | "ps1"
        | "psm1"
        | "azurepowershell"
        | "azurepowershell-interactive" => "powershell",
        "cmd" | "bat" | "batch" | "dos" | "batchfile" => "batch",
        "json" | "jsonc" | "json5" => "json",
        "yaml" | "yml" => "yaml",
        "toml" => "toml",
        "csharp" | "cs" | "c#" | "dotnet" => "c-sharp",
        "python" | "py" | "python3" | "py3" => "python",
        "javascript" | "js" | "node" | "nodejs" | "mjs" | "cjs" | "jsx" => "javascript",
        "typescript" | "ts" | "tsx" | "mts" => "typescript",
        "go" | "golang" => "go",
        "java" => "java",
        "rust" | "rs" => "rust",
        "xml" | "xaml" | "xsd" | "xsl" | "xslt" | "csproj" | "svg" | "plist" => "xml",
        "html" | "htm" | "xhtml" | "aspx" | "razor" | "cshtml" => "html",
        "css" => "css",
        "sql" | "tsql" | "t-sql" | "mysql" | "postgresql" | "postgres" | "pgsql" | "sqlite"
        | "plsql" => "sql",
        "diff" | "patch" => "diff",
        "dockerfile" | "docker" => "dockerfile",
        _ => return None,
    };
    Some(Lang::Grammar(grammar))
}

/// Grammars compiled once per process, shared by every thread.
fn store() -> Arc<GrammarStore> {
    static STORE: OnceLock<Arc<GrammarStore>> = OnceLock::new();
    STORE.get_or_init(|| Arc::new(GrammarStore::new())).clone()
}

thread_local! {
    /// A parser per thread (tree-sitter parsers are not `Sync`), without
    /// language injections: the languages of documentation code rarely
    /// embed others, and injections cost a query per block.
    static HIGHLIGHTER: RefCell<Highlighter> = RefCell::new(highlighter(0));
    /// HTML and XML, whose `<script>` and `<style>` are other languages.
    static NESTED: RefCell<Highlighter> = RefCell::new(highlighter(2));
}

fn highlighter(max_injection_depth: u32) -> Highlighter {
    Highlighter::with_store_and_config(
        store(),
        Config {
            max_injection_depth,
            html_format: HtmlFormat::ClassNamesWithPrefix("hl".into()),
        },
    )
}

/// `code` as highlighted HTML (escaped text in spans), or `None` when
/// the grammar fails on it.
fn with_grammar(grammar: &str, code: &str) -> Option<String> {
    let local = if matches!(grammar, "html" | "xml") {
        &NESTED
    } else {
        &HIGHLIGHTER
    };
    let html = local
        .with(|h| h.borrow_mut().highlight(grammar, code))
        .ok()?;
    // arborium trims the final newline; keep the text as written.
    let trailing = &code[code.trim_end_matches('\n').len()..];
    Some(html + trailing)
}

/// A terminal session: `$ `, `# `, `> ` and `PS …> ` prompts are marked
/// (and left out when the block is copied), commands highlighted, output plain.
fn console(code: &str) -> String {
    let mut out = String::with_capacity(code.len() * 2);
    for line in code.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let newline = &line[body.len()..];
        let (prompt, command, grammar) = split_prompt(body);
        if prompt.is_empty() {
            out.push_str("<span class=\"hl-output\">");
            out.push_str(&crate::html::escape_attr(body));
            out.push_str("</span>");
        } else {
            out.push_str("<span class=\"hl-prompt\">");
            out.push_str(&crate::html::escape_attr(prompt));
            out.push_str("</span>");
            match with_grammar(grammar, command) {
                Some(h) => out.push_str(&h),
                None => out.push_str(&crate::html::escape_attr(command)),
            }
        }
        out.push_str(newline);
    }
    out
}

/// (prompt, command, grammar) of a console line; an empty prompt for output.
fn split_prompt(line: &str) -> (&str, &str, &'static str) {
    if line.starts_with("PS ") {
        if let Some(end) = line.find("> ") {
            return (&line[..end + 2], &line[end + 2..], "powershell");
        }
    }
    for p in ["$ ", "# ", "> ", "% "] {
        if let Some(rest) = line.strip_prefix(p) {
            return (&line[..p.len()], rest, "bash");
        }
    }
    (&line[..0], line, "bash")
}

/// The HTML of one highlighted block; `None` leaves it to pulldown-cmark.
fn block(info: &str, code: &str) -> Option<String> {
    let lang = lang_of(info)?;
    let (inner, name) = match lang {
        Lang::Grammar(g) => (with_grammar(g, code)?, g),
        Lang::Console => (console(code), "console"),
    };
    let word = info.split_whitespace().next().unwrap_or("");
    Some(format!(
        "<pre class=\"hl\" data-lang=\"{name}\"><code class=\"language-{}\">{inner}</code></pre>\n",
        crate::html::escape_attr(word)
    ))
}

/// Replaces every fenced code block of a known language in the event
/// stream by its highlighted HTML; everything else passes unchanged.
pub fn code_blocks(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some(ev) = iter.next() {
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = ev else {
            out.push(ev);
            continue;
        };
        // The block's text events, up to its end.
        let mut inner = Vec::new();
        let mut code = String::new();
        let mut end = None;
        for e in iter.by_ref() {
            if let Event::End(TagEnd::CodeBlock) = e {
                end = Some(e);
                break;
            }
            if let Event::Text(t) = &e {
                code.push_str(t);
            }
            inner.push(e);
        }
        match block(&info, &code) {
            Some(html) if end.is_some() => out.push(Event::Html(CowStr::from(html))),
            _ => {
                out.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))));
                out.extend(inner);
                out.extend(end);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn render(md: &str) -> String {
        let events: Vec<Event> = Parser::new_ext(md, Options::empty()).collect();
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, code_blocks(events).into_iter());
        html
    }

    #[test]
    fn every_language_docs_use_is_highlighted() {
        let samples = [
            ("bash", "echo \"hi\" # note\n"),
            ("powershell", "Get-Item -Path $env:HOME # note\n"),
            ("json", "{\"a\": 1}\n"),
            ("yaml", "a: 1 # note\n"),
            ("toml", "a = \"b\" # note\n"),
            ("csharp", "public class A { int x = 1; }\n"),
            ("python", "def f():\n    return \"x\"\n"),
            ("javascript", "const a = \"x\";\n"),
            ("typescript", "let a: string = \"x\";\n"),
            ("go", "package main\nfunc main() {}\n"),
            ("java", "class A { int x = 1; }\n"),
            ("rust", "fn main() { let x = \"a\"; }\n"),
            ("xml", "<a b=\"c\">d</a>\n"),
            ("html", "<p class=\"x\">y</p>\n"),
            ("sql", "SELECT a FROM b WHERE c = 'd';\n"),
            // DocFX and Hugo aliases.
            ("azurecli", "az group list --output table\n"),
            ("azurepowershell", "Get-AzResourceGroup -Name \"x\"\n"),
            ("cmd", "echo hi\n"),
            ("shell", "ls -la \"x\"\n"),
        ];
        for (lang, code) in samples {
            let html = render(&format!("```{lang}\n{code}```\n"));
            assert!(html.starts_with("<pre class=\"hl\""), "{lang}: {html}");
            assert!(html.contains("<span class=\"hl-"), "{lang}: {html}");
            assert!(!html.contains("style="), "{lang}: {html}");
            assert!(
                html.contains(&format!("class=\"language-{lang}\"")),
                "{lang}"
            );
        }
    }

    #[test]
    fn text_is_kept_and_escaped() {
        let html = render("```html\n<b>&amp;</b>\n```\n");
        assert!(!html.contains("<b>"), "{html}");
        // Without the spans, the text is what pulldown-cmark would write.
        let mut plain = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => plain.push(c),
                _ => {}
            }
        }
        assert_eq!(plain, "&lt;b&gt;&amp;amp;&lt;/b&gt;\n\n");
    }

    #[test]
    fn unknown_languages_and_indented_code_stay_plain() {
        for md in [
            "```kusto\nStormEvents | take 5\n```\n",
            "```nosuchlang\nx\n```\n",
            "```\nplain\n```\n",
            "    indented\n",
        ] {
            let expected = {
                let mut h = String::new();
                pulldown_cmark::html::push_html(&mut h, Parser::new(md));
                h
            };
            assert_eq!(render(md), expected, "{md}");
        }
    }

    #[test]
    fn console_marks_prompts_and_output() {
        let html = render("```console\n$ ls -la\nfile.txt\nPS C:\\> Get-Item x\n```\n");
        assert!(
            html.contains("<span class=\"hl-prompt\">$ </span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-output\">file.txt</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-prompt\">PS C:\\&gt; </span>"),
            "{html}"
        );
        assert!(html.contains("data-lang=\"console\""), "{html}");
    }

    #[test]
    fn hugo_attributes_after_the_language() {
        let html = render("```go {linenos=true}\nfunc main() {}\n```\n");
        assert!(html.contains("data-lang=\"go\""), "{html}");
        assert!(html.contains("class=\"language-go\""), "{html}");
    }
}
