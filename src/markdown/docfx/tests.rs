use super::*;
use crate::include::{Segment, SourceMap};

fn one_file(text: &str) -> Expanded {
    Expanded {
        text: text.to_string(),
        map: SourceMap {
            segments: vec![Segment {
                out_start: 0,
                file: 0,
                src_start: 0,
            }],
        },
    }
}

fn code(_: FileId, path: &str) -> Option<String> {
    (path == "a.cs").then(|| "class A {\n  // <M>\n  void M() {}\n  // </M>\n}\n".to_string())
}

fn run(text: &str) -> (Expanded, Vec<Finding>) {
    let labels = Labels::english();
    let ctx = Context {
        labels: &labels,
        code: &code,
    };
    expand(&one_file(text), &ctx)
}

fn html(text: &str) -> String {
    let (e, _) = run(text);
    crate::markdown::render(&e.text, &|_, _| None, Default::default()).html
}

#[test]
fn image_keeps_the_source_position() {
    let src = "Text\n\n:::image type=\"content\" source=\"media/a.png\" alt-text=\"An A\" lightbox=\"media/big.png\":::\n";
    let (e, f) = run(src);
    assert!(f.is_empty(), "{f:?}");
    let at = e.text.find("media/a.png").unwrap();
    assert_eq!(e.map.locate(at), (0, src.find("media/a.png").unwrap()));
    let h = html(src);
    assert!(h.contains("<figure class=\"docfx-figure docfx-border\"><a class=\"docfx-lightbox\" href=\"media/big.png\""), "{h}");
    assert!(h.contains("src=\"media/a.png\" alt=\"An A\""), "{h}");
    assert!(!h.contains(":::"), "{h}");
}

#[test]
fn alerts_get_their_label_and_keep_markdown() {
    let h = html("> [!Note]\n> Some **bold** [link](x.md).\n\nAfter\n");
    assert!(
        h.contains("<div class=\"markdown-alert markdown-alert-note\" role=\"note\">"),
        "{h}"
    );
    assert!(
        h.contains("<p class=\"markdown-alert-title\">Note</p>"),
        "{h}"
    );
    assert!(h.contains("<strong>bold</strong>"), "{h}");
    assert!(!h.contains("[!"), "{h}");
    assert!(!h.contains("blockquote"), "{h}");
}

#[test]
fn div_and_video_in_quotes() {
    let h = html(
        "> [!div class=\"nextstepaction\"]\n> [Next](next.md)\n\n> [!VIDEO https://www.youtube.com/embed/x]\n",
    );
    assert!(h.contains("<div class=\"nextstepaction\">"), "{h}");
    assert!(h.contains("<a href=\"next.md\">Next</a>"), "{h}");
    assert!(
        h.contains("<iframe src=\"https://www.youtube.com/embed/x\""),
        "{h}"
    );
    assert!(!h.contains("blockquote"), "{h}");
}

#[test]
fn tabs_become_a_tab_group() {
    let src = "# [Windows](#tab/windows)\n\nWin text\n\n# [Linux](#tab/linux)\n\nLinux text\n\n---\n\nAfter\n";
    let h = html(src);
    assert!(h.contains("role=\"tablist\""), "{h}");
    assert!(h.contains("id=\"tab/windows\""), "{h}");
    assert!(h.contains("id=\"tab/linux\""), "{h}");
    assert!(h.contains(">Linux</button>"), "{h}");
    assert!(!h.contains("<h1"), "{h}");
    assert!(!h.contains("<hr"), "{h}");
    assert!(h.contains("<p>After</p>"), "{h}");
}

#[test]
fn zones_rows_and_unknown_blocks() {
    let (e, f) = run(
        ":::zone pivot=\"a\"\nA\n:::zone-end\n\n:::row:::\n:::column span=\"2\":::\nC\n:::column-end:::\n:::row-end:::\n\n:::foo bar=\"x\"\nkept\n:::foo-end\n",
    );
    assert!(e.text.contains("data-value=\"a\""), "{}", e.text);
    assert!(e.text.contains("docfx-span-2"), "{}", e.text);
    assert!(!e.text.contains(":::"), "{}", e.text);
    assert!(e.text.contains("kept"));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].code, Code::UnknownExtension);
}

#[test]
fn snippets_from_code_files() {
    let h = html(
        "[!code-csharp[](a.cs#M)]\n\n:::code language=\"cs\" source=\"a.cs\" range=\"1\":::\n",
    );
    assert!(
        h.contains("<code class=\"language-csharp\">void M() {}</code>"),
        "{h}"
    );
    assert!(h.contains("class A {</code>"), "{h}");
    let (_, f) = run("[!code-csharp[](b.cs)]\n[!code-csharp[](a.cs#Nope)]\n");
    let codes: Vec<Code> = f.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::MissingSnippet, Code::MissingSnippet]);
}

#[test]
fn code_is_left_alone() {
    let src = "```\n:::image source=\"a.png\":::\n> [!NOTE]\n```\n\n`:::row:::` and `[!VIDEO x]`\n";
    let (e, f) = run(src);
    assert_eq!(e.text, src);
    assert!(f.is_empty());
}

#[test]
fn unclosed_blocks_are_reported_and_closed() {
    let (e, f) = run(":::zone pivot=\"a\"\ntext\n");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].code, Code::MalformedExtension);
    assert!(e.text.contains("</section>"));
}

#[test]
fn no_loc_and_inline_images() {
    let h = html(
        "Use :::no-loc text=\"Teams\"::: and :::image type=\"icon\" source=\"i.png\"::: now.\n",
    );
    assert!(
        h.contains("Use Teams and <img class=\"docfx-image docfx-inline\" src=\"i.png\" alt=\"\""),
        "{h}"
    );
}

#[test]
fn alert_in_list_keeps_indentation() {
    let h = html("1. Step\n\n   > [!TIP]\n   > Do it.\n\n2. Next\n");
    assert!(h.contains("<ol>"), "{h}");
    assert!(h.contains("markdown-alert-tip"), "{h}");
    assert_eq!(h.matches("<ol").count(), 1, "{h}");
}

#[test]
fn tab_headings_with_a_name_keep_the_anchor() {
    let src = "# <a name=\"step-1\"></a>[Step 1](#tab/one)\n\nOne\n\n# <a name=\"step-2\"></a>[Step 2](#tab/two)\n\nTwo\n\n---\n";
    let h = html(src);
    assert!(
        h.contains("<p class=\"docfx-tab-title\"><a name=\"step-1\"></a>Step 1</p>"),
        "{h}"
    );
    assert!(h.contains(">Step 2</button>"), "{h}");
    assert!(!h.contains("<h1"), "{h}");
}

#[test]
fn translated_alert_keywords_get_a_hint() {
    let (e, f) = run("> [!ATTENZIONE]\n> Testo.\n");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message.contains("unknown alert `[!ATTENZIONE]`"),
        "{f:?}"
    );
    assert!(f[0].hint.contains("[!CAUTION]"), "{f:?}");
    assert!(!e.text.contains("[!"), "{}", e.text);
}
