use super::*;
use crate::include::{Segment, SourceMap};

fn run(text: &str) -> (Expanded, Vec<Finding>) {
    run_with(text, &Map::new(), &Map::new(), &Templates::default())
}

fn run_with(
    text: &str,
    page: &Map<String, Value>,
    site: &Map<String, Value>,
    templates: &Templates,
) -> (Expanded, Vec<Finding>) {
    let input = Expanded {
        text: text.to_string(),
        map: SourceMap {
            segments: vec![Segment {
                out_start: 0,
                file: 0,
                src_start: 0,
            }],
        },
    };
    let labels = Labels::default();
    let ctx = Context {
        page,
        site_params: site,
        labels: &labels,
        templates,
        file_of: &|_| "guide/page.md".to_string(),
    };
    expand(&input, &ctx)
}

fn html(text: &str) -> String {
    let (out, f) = run(text);
    assert!(f.is_empty(), "{f:?}");
    let r = crate::markdown::render(&out.text, &|_, _| None, Default::default());
    r.html
}

#[test]
fn alert_keeps_markdown_inside() {
    let h = html(
        "Before.\n\n{{% alert title=\"Heads up\" color=\"warning\" %}}\nSome **bold** text.\n{{% /alert %}}\n\nAfter.\n",
    );
    assert!(h.contains("<div class=\"markdown-alert markdown-alert-warning\" role=\"note\"><p class=\"markdown-alert-title\">Heads up</p>"), "{h}");
    assert!(h.contains("<strong>bold</strong>"), "{h}");
    assert!(h.contains("<p>After.</p>"), "{h}");
    assert!(!h.contains("{{"), "{h}");
}

#[test]
fn notice_takes_positional_style_and_title() {
    let h = html("{{% notice tip %}}Do it.{{% /notice %}}\n");
    assert!(h.contains("markdown-alert-tip"), "{h}");
    assert!(h.contains(">Tip</p>"), "{h}");
    assert!(h.contains("<p>Do it.</p>"), "{h}");
}

#[test]
fn tabs_are_accessible_and_code_tabs_are_code() {
    let h = html(
        "{{< tabpane >}}\n{{< tab header=\"Java\" lang=\"java\" >}}\nint x = 1;\n{{< /tab >}}\n{{% tab header=\"Text\" %}}\n*Hi*\n{{% /tab %}}\n{{< /tabpane >}}\n",
    );
    assert!(h.contains("role=\"tablist\""), "{h}");
    assert!(h.contains("<button type=\"button\" role=\"tab\" id=\"tabs-0-0\" aria-controls=\"tabpanel-0-0\" aria-selected=\"true\" tabindex=\"0\" data-tab=\"java\">Java</button>"), "{h}");
    assert!(
        h.contains("aria-selected=\"false\" tabindex=\"-1\" data-tab=\"text\">Text</button>"),
        "{h}"
    );
    assert!(h.contains("<p class=\"docfx-tab-title\">Java</p>"), "{h}");
    assert!(
        h.contains("<code class=\"language-java\">int x = 1;\n</code>"),
        "{h}"
    );
    assert!(h.contains("<em>Hi</em>"), "{h}");
    assert!(!h.contains("{{"), "{h}");
}

#[test]
fn nested_shortcodes_and_unknown_ones() {
    let (out, f) =
        run("{{% alert %}}\n{{< mystery a=1 >}}inner *text*{{< /mystery >}}\n{{% /alert %}}\n");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].code, Code::UnknownShortcode);
    assert_eq!(f[0].range, 14..33);
    assert!(out.text.contains("inner *text*"));
    assert!(!out.text.contains("{{"), "{}", out.text);
}

#[test]
fn code_is_untouched_and_escapes_shown() {
    let (out, f) = run("`{{< x >}}`\n\n```\n{{< y >}}\n{{</* z */>}}\n```\n");
    assert!(f.is_empty());
    assert_eq!(out.text, "`{{< x >}}`\n\n```\n{{< y >}}\n{{< z >}}\n```\n");
}

#[test]
fn param_from_page_then_site() {
    let mut page = Map::new();
    page.insert(
        "canonical_url".into(),
        Value::String("https://a.example".into()),
    );
    let mut site = Map::new();
    site.insert("version".into(), Value::String("1.2".into()));
    let (out, f) = run_with(
        "[x]({{% param canonical_url %}}/p) v{{< param \"version\" >}} {{% param nope %}}",
        &page,
        &site,
        &Templates::default(),
    );
    assert_eq!(out.text, "[x](https://a.example/p) v1.2 ");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].code, Code::InvalidShortcode);
}

#[test]
fn ref_copies_the_path_exactly() {
    let text = "[a]({{< ref \"guide/setup.md#install\" >}}) and {{< relref \"b.md\" >}}";
    let (out, _) = run(text);
    assert_eq!(
        out.text,
        "[a](guide/setup.md#install) and <a href=\"b.md\">b.md</a>"
    );
    // From the content root, and without an extension, as Hugo reads them.
    let (out, _) = run("[a]({{< ref \"/x/y.md#z\" >}}) [b]({{< ref \"other\" >}})");
    assert_eq!(out.text, "[a](../x/y.md#z) [b](other.md)");
    let (out, _) = run(text);
    // The copied path maps to its place in the source.
    let at = out.text.find("guide").unwrap();
    assert_eq!(out.map.locate(at), (0, text.find("guide").unwrap()));
}

#[test]
fn figure_copies_src_with_its_position() {
    let text = "{{< figure src=\"img/a.png\" alt=\"An A\" caption=\"Fig. 1\" >}}\n";
    let (out, _) = run(text);
    let at = out.text.find("img/a.png").unwrap();
    assert_eq!(out.map.locate(at), (0, 16));
    let r = crate::markdown::render(&out.text, &|_, _| None, Default::default());
    assert!(
        r.html.contains(
            "<figure><img src=\"img/a.png\" alt=\"An A\"><figcaption>Fig. 1</figcaption></figure>"
        ),
        "{}",
        r.html
    );
    assert!(r.links.iter().any(|l| l.target == "img/a.png"));
}

#[test]
fn details_highlight_comment_and_video() {
    let h = html(
        "{{< details summary=\"More\" >}}\nHidden *text*.\n{{< /details >}}\n\n{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}\n\n{{% comment %}}secret{{% /comment %}}\n\n{{< youtube dQw4w9WgXcQ >}}\n{{< vimeo id=\"123\" title=\"Demo\" >}}\n",
    );
    assert!(h.contains("<details><summary>More</summary>"), "{h}");
    assert!(h.contains("<em>text</em>"), "{h}");
    assert!(
        h.contains("<code class=\"language-go\">func main() {}\n</code>"),
        "{h}"
    );
    assert!(!h.contains("secret"), "{h}");
    assert!(
        h.contains("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        "{h}"
    );
    assert!(
        h.contains("https://player.vimeo.com/video/123\" title=\"Demo\""),
        "{h}"
    );
}

#[test]
fn shortcodes_in_lists_keep_their_prefix() {
    let h = html("- Step:\n\n  {{% alert %}}\n  Inside.\n  {{% /alert %}}\n\n- Next\n");
    assert!(h.contains("<li>"), "{h}");
    let li = &h[h.find("<li>").unwrap()..h.find("</li>").unwrap()];
    assert!(
        li.contains("markdown-alert") && li.contains("Inside."),
        "{h}"
    );
}

#[test]
fn stray_closing_and_unterminated_tags_are_findings() {
    let (out, f) = run("a {{< /x >}} b {{< y \n\nc");
    assert_eq!(f.len(), 2, "{f:?}");
    assert!(!out.text.contains("{{"), "{}", out.text);
}

#[test]
fn site_templates_get_args_and_inner() {
    let t = Templates::from_files([(
        "shortcodes/greet.html",
        "<div class=\"greet\" data-who=\"{{ who }}\" data-n=\"{{ args[0] }}\">\n\n{{ inner }}\n\n</div>".as_bytes(),
    )])
    .unwrap();
    let text = "{{% greet 7 who=\"<you>\" %}}\nHello *there*.\n{{% /greet %}}\n";
    let (out, f) = run_with(text, &Map::new(), &Map::new(), &t);
    assert!(f.is_empty(), "{f:?}");
    assert!(
        out.text.contains("data-who=\"&lt;you&gt;\" data-n=\"7\""),
        "{}",
        out.text
    );
    let at = out.text.find("Hello").unwrap();
    assert_eq!(out.map.locate(at), (0, text.find("Hello").unwrap()));
    let broken = Templates::from_files([("shortcodes/bad.html", "{{ nope( }}".as_bytes())]);
    assert!(broken.is_err());
}
