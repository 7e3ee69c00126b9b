//! The built-in shortcodes: the set Hugo and Docsy writers use.
//!
//! Each writes raw HTML around the shortcode's inner Markdown through the
//! [`Writer`]; values copied from an argument into an attribute are copied
//! from the source (exact positions) where they need no escaping.

use super::{Node, Writer, is_markdown, lookup};
use crate::diagnostic::Code;
use crate::html::escape_attr as esc;
use crate::include::shortcode::Arg;
use crate::markdown::blocks::AlertKind;

/// Docsy's `color`, Hugo Learn's and Relearn's `notice` styles as an
/// alert kind.
fn alert_kind(style: &str) -> AlertKind {
    match style.to_ascii_lowercase().as_str() {
        "tip" | "success" | "green" => AlertKind::Tip,
        "important" | "primary" => AlertKind::Important,
        "warning" | "orange" | "yellow" => AlertKind::Warning,
        "danger" | "caution" | "error" | "red" => AlertKind::Caution,
        _ => AlertKind::Note,
    }
}

/// `{{% alert title="T" color="warning" %}}…{{% /alert %}}` (Docsy),
/// `{{% notice tip "T" %}}…{{% /notice %}}` (Learn, Relearn).
pub(super) fn alert(w: &mut Writer<'_>, n: &Node) {
    let t = &n.tag;
    let notice = t.name.eq_ignore_ascii_case("notice");
    let style = t
        .named("color")
        .or_else(|| t.named("style"))
        .or_else(|| t.named("type"))
        .or_else(|| if notice { t.positional(0) } else { None })
        .map(|a| a.value.as_str())
        .unwrap_or("");
    let kind = alert_kind(style);
    let l = w.ctx.labels;
    let label = match kind {
        AlertKind::Note => &l.note,
        AlertKind::Tip => &l.tip,
        AlertKind::Important => &l.important,
        AlertKind::Warning => &l.warning,
        AlertKind::Caution => &l.caution,
    };
    let title = t
        .named("title")
        .or_else(|| t.positional(if notice { 1 } else { 0 }))
        .map(|a| a.value.clone())
        .unwrap_or_else(|| label.clone());
    let open = alert_open(kind, &title);
    w.block(t.range.start, &open);
    w.inner(n);
    w.block(close_at(n), "</div>");
}

/// The opening HTML of an alert, as GitHub alerts are written.
pub(super) fn alert_open(kind: AlertKind, title: &str) -> String {
    format!(
        "<div class=\"markdown-alert markdown-alert-{c}\" role=\"note\"><p class=\"markdown-alert-title\">{}</p>",
        esc(title),
        c = kind.as_str()
    )
}

/// Where the closing HTML of a node goes: at its closing tag, else after
/// its opening tag.
fn close_at(n: &Node) -> usize {
    n.close.as_ref().map_or(n.tag.range.end, |c| c.start)
}

/// `{{< tabpane >}}{{< tab header="A" >}}…{{< /tab >}}…{{< /tabpane >}}`
/// (Docsy). A tab with a `lang` (or a pane with one) shows its content as
/// code unless `text=true`.
pub(super) fn tabpane(w: &mut Writer<'_>, n: &Node) {
    let set = w.tabs;
    w.tabs += 1;
    let tabs: Vec<&Node> = n
        .children
        .iter()
        .filter_map(|c| match c {
            super::Item::Node(t) if t.tag.name.eq_ignore_ascii_case("tab") => Some(t),
            _ => None,
        })
        .collect();
    let pane_lang = n.tag.named("lang").map(|a| a.value.clone());
    let pane_text = n.tag.flag("text");
    // The markup of DocFX tabs (the theme's `tabs.js` shows the tab list;
    // without it every panel shows under its title).
    let headers: Vec<String> = tabs
        .iter()
        .enumerate()
        .map(|(i, t)| tab_header(t, i))
        .collect();
    let keys: Vec<String> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let k = crate::markdown::slugify(h);
            if k.is_empty() { (i + 1).to_string() } else { k }
        })
        .collect();
    let mut html = format!(
        "<div class=\"docfx-tabs\" data-tab-group=\"{}\"><div class=\"docfx-tablist\" role=\"tablist\" aria-label=\"{}\" hidden>",
        esc(&keys.join(" ")),
        esc(&w.ctx.labels.tabs)
    );
    for (i, (header, key)) in headers.iter().zip(&keys).enumerate() {
        let selected = i == 0;
        html.push_str(&format!(
            "<button type=\"button\" role=\"tab\" id=\"tabs-{set}-{i}\" aria-controls=\"tabpanel-{set}-{i}\" aria-selected=\"{selected}\" tabindex=\"{}\" data-tab=\"{}\">{}</button>",
            if selected { "0" } else { "-1" },
            esc(key),
            esc(header)
        ));
    }
    html.push_str("</div>");
    w.block(n.tag.range.start, &html);
    for (i, t) in tabs.iter().enumerate() {
        let panel = format!(
            "<section class=\"docfx-tabpanel\" role=\"tabpanel\" data-panel=\"tabpanel-{set}-{i}\" aria-labelledby=\"tabs-{set}-{i}\" data-tab=\"{}\"><p class=\"docfx-tab-title\">{}</p>",
            esc(&keys[i]),
            esc(&headers[i])
        );
        w.block(t.tag.range.start, &panel);
        let lang = t
            .tag
            .named("lang")
            .map(|a| a.value.clone())
            .or_else(|| pane_lang.clone());
        let text = t.tag.flag("text") || pane_text || is_markdown(&t.tag);
        match lang {
            Some(lang) if !text => code_block(w, t, &lang),
            _ => w.inner(t),
        }
        w.block(close_at(t), "</section>");
    }
    // Shortcodes between the tabs other than tabs (a comment) still count.
    for c in &n.children {
        if let super::Item::Node(o) = c {
            if !o.tag.name.eq_ignore_ascii_case("tab") {
                w.node(o);
            }
        }
    }
    w.block(close_at(n), "</div>");
}

fn tab_header(t: &Node, i: usize) -> String {
    t.tag
        .named("header")
        .or_else(|| t.tag.named("title"))
        .or_else(|| t.tag.named("name"))
        .or_else(|| t.tag.positional(0))
        .map(|a| a.value.clone())
        .unwrap_or_else(|| (i + 1).to_string())
}

/// A `tab` outside a `tabpane`: its content, under its header.
pub(super) fn lone_tab(w: &mut Writer<'_>, n: &Node) {
    let header = tab_header(n, 0);
    w.block(
        n.tag.range.start,
        &format!(
            "<div class=\"stele-tab\"><p><strong>{}</strong></p>",
            esc(&header)
        ),
    );
    w.inner(n);
    w.block(close_at(n), "</div>");
}

/// `{{< details summary="More" open=true >}}…{{< /details >}}`.
pub(super) fn details(w: &mut Writer<'_>, n: &Node) {
    let t = &n.tag;
    let summary = t
        .arg("summary", 0)
        .or_else(|| t.named("title"))
        .map(|a| a.value.clone())
        .unwrap_or_else(|| w.ctx.labels.details.clone());
    let open = if t.flag("open") { " open" } else { "" };
    w.block(
        t.range.start,
        &format!("<details{open}><summary>{}</summary>", esc(&summary)),
    );
    w.inner(n);
    w.block(close_at(n), "</details>");
}

/// Emits `before`, the argument's value (copied from the source when it
/// needs no escaping), then nothing: for attribute values.
fn attr_value(w: &mut Writer<'_>, at: usize, arg: &Arg) {
    let clean = arg.verbatim && !arg.value.contains(['"', '&', '<', '>']);
    if clean {
        w.copy(arg.range.clone());
    } else {
        w.emit(at, &esc(&arg.value));
    }
}

/// `{{< figure src="x.png" alt="…" caption="…" link="…" >}}` (Hugo).
pub(super) fn figure(w: &mut Writer<'_>, n: &Node) {
    let t = &n.tag;
    let at = t.range.start;
    let Some(src) = t.arg("src", 0) else {
        w.finding(
            Code::InvalidShortcode,
            t.range.clone(),
            "`figure` without `src`".into(),
            "write `{{< figure src=\"image.png\" alt=\"…\" >}}`",
        );
        return w.inner(n);
    };
    let p = w.prefix(at);
    w.emit(at, &format!("\n{p}\n{p}"));
    let class = t
        .named("class")
        .map(|c| format!(" class=\"{}\"", esc(&c.value)))
        .unwrap_or_default();
    w.emit(at, &format!("<figure{class}>"));
    if let Some(link) = t.named("link") {
        w.emit(at, "<a href=\"");
        attr_value(w, at, link);
        w.emit(at, "\">");
    }
    w.emit(at, "<img src=\"");
    attr_value(w, at, src);
    let mut rest = String::from("\"");
    let alt = t.named("alt").or_else(|| t.named("caption"));
    rest.push_str(&format!(
        " alt=\"{}\"",
        esc(alt.map_or("", |a| a.value.as_str()))
    ));
    for k in ["width", "height", "loading"] {
        if let Some(v) = t.named(k) {
            rest.push_str(&format!(" {k}=\"{}\"", esc(&v.value)));
        }
    }
    rest.push('>');
    if t.named("link").is_some() {
        rest.push_str("</a>");
    }
    let title = t.named("title").map(|a| a.value.as_str());
    let caption = t.named("caption").map(|a| a.value.as_str());
    if title.is_some() || caption.is_some() {
        rest.push_str("<figcaption>");
        if let Some(title) = title {
            rest.push_str(&format!("<strong>{}</strong>", esc(title)));
            if caption.is_some() {
                rest.push(' ');
            }
        }
        if let Some(c) = caption {
            rest.push_str(&esc(c));
        }
        rest.push_str("</figcaption>");
    }
    rest.push_str("</figure>");
    rest.push_str(&format!("\n{p}\n{p}"));
    w.emit(at, &rest);
    w.inner(n);
}

/// `{{< youtube ID >}}`, `{{< vimeo id="ID" >}}`.
pub(super) fn video(w: &mut Writer<'_>, n: &Node, which: &str) {
    let t = &n.tag;
    let id = t.arg("id", 0).map(|a| a.value.clone()).unwrap_or_default();
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
    {
        w.finding(
            Code::InvalidShortcode,
            t.range.clone(),
            format!("`{which}` needs a video id, got `{id}`"),
            &format!("write `{{{{< {which} VIDEO_ID >}}}}`"),
        );
        return w.inner(n);
    }
    let src = if which == "vimeo" {
        format!("https://player.vimeo.com/video/{id}")
    } else {
        format!("https://www.youtube-nocookie.com/embed/{id}")
    };
    let title = t
        .named("title")
        .map(|a| a.value.clone())
        .unwrap_or_else(|| w.ctx.labels.video.clone());
    w.block(t.range.start, &video_html(&src, &title));
    w.inner(n);
}

/// An embedded video player.
pub(super) fn video_html(src: &str, title: &str) -> String {
    format!(
        "<div class=\"docfx-video\"><iframe src=\"{}\" title=\"{}\" loading=\"lazy\" allow=\"encrypted-media; picture-in-picture; fullscreen\" allowfullscreen></iframe></div>",
        esc(src),
        esc(title)
    )
}

/// `{{< highlight go "linenos=table" >}}code{{< /highlight >}}`: a fenced
/// code block. The code is copied as written (shortcodes in it included).
pub(super) fn highlight(w: &mut Writer<'_>, n: &Node) {
    let lang = n
        .tag
        .arg("lang", 0)
        .map(|a| a.value.clone())
        .unwrap_or_default();
    code_block(w, n, &lang);
}

/// The inner text of `n` as a fenced code block.
fn code_block(w: &mut Writer<'_>, n: &Node, lang: &str) {
    let Some(inner) = n.inner.clone() else {
        return;
    };
    let at = n.tag.range.start;
    let p = w.prefix(at);
    let code = &w.text()[inner.clone()];
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat((longest + 1).max(3));
    let lang: String = lang
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '`')
        .collect();
    // Drop the line break right after the opening tag and before the closing one.
    let mut body = inner.clone();
    let mut own_line = true;
    if w.text()[body.clone()].starts_with("\r\n") {
        body.start += 2;
    } else if w.text()[body.clone()].starts_with('\n') {
        body.start += 1;
    } else {
        own_line = false;
    }
    let trimmed = w.text()[body.clone()].trim_end_matches([' ', '\t']);
    body.end = body.start + trimmed.len();
    let ends_nl = w.text()[body.clone()].ends_with('\n');
    // A body on its own lines starts with its own prefix.
    let first = if own_line { "" } else { p.as_str() };
    w.emit(at, &format!("\n{p}\n{p}{fence}{lang}\n{first}"));
    w.copy(body.clone());
    let close = n.close.as_ref().map_or(body.end, |c| c.start);
    let nl = if ends_nl { "" } else { "\n" };
    w.emit(close, &format!("{nl}{p}{fence}\n{p}\n{p}"));
}

/// `{{% param name %}}`: the page's frontmatter value, else the site's
/// `[params]` value.
pub(super) fn param(w: &mut Writer<'_>, n: &Node) {
    let t = &n.tag;
    let Some(name) = t.arg("name", 0).map(|a| a.value.clone()) else {
        w.finding(
            Code::InvalidShortcode,
            t.range.clone(),
            "`param` without a name".into(),
            "write `{{% param name %}}`",
        );
        return;
    };
    let page_params = w.ctx.page.get("params").and_then(|p| p.as_object());
    let value = lookup(w.ctx.page, &name)
        .or_else(|| page_params.and_then(|p| lookup(p, &name)))
        .or_else(|| lookup(w.ctx.site_params, &name));
    match value {
        Some(v) => w.emit(t.range.start, &v),
        None => w.finding(
            Code::InvalidShortcode,
            t.range.clone(),
            format!("no parameter `{name}` in the page or the site"),
            &format!("set `{name}` in the page's frontmatter or under `[params]` in stele.toml"),
        ),
    }
}

/// `{{< ref "page.md" >}}`, `{{< relref "page.md#anchor" >}}`: the path
/// as written, a link the resolver checks. Inside a link destination or
/// an attribute it is the URL; elsewhere a link to it.
pub(super) fn reference(w: &mut Writer<'_>, n: &Node) {
    let t = &n.tag;
    let Some(path) = t.arg("path", 0).cloned() else {
        w.finding(
            Code::InvalidShortcode,
            t.range.clone(),
            format!("`{}` without a path", t.name),
            &format!("write `{{{{< {} \"page.md\" >}}}}`", t.name),
        );
        return;
    };
    let before = &w.text()[..t.range.start];
    let in_url = before.ends_with("](")
        || before.ends_with("=\"")
        || before.ends_with("='")
        || before.ends_with("]: ")
        || before.ends_with('<');
    let at = t.range.start;
    // Hugo reads `/x.md` from the language's content root and `x` as the
    // page `x.md`: write the path as a link relative to this file.
    let rewritten = hugo_ref_path(&path.value, &(w.ctx.file_of)(at));
    if in_url {
        match &rewritten {
            None if path.verbatim => w.copy(path.range.clone()),
            None => w.emit(at, &path.value),
            Some(p) => w.emit(at, p),
        }
    } else {
        w.emit(at, "<a href=\"");
        match &rewritten {
            None => attr_value(w, at, &path),
            Some(p) => w.emit(at, &esc(p)),
        }
        w.emit(at, &format!("\">{}</a>", esc(&path.value)));
    }
}

/// A `ref` path as a relative link from the file at `from` (its path in the
/// locale directory); `None` when it is one already.
fn hugo_ref_path(path: &str, from: &str) -> Option<String> {
    let (file, fragment) = match path.find('#') {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    if file.is_empty() || file.contains("://") {
        return None;
    }
    let last = file.rsplit('/').next().unwrap_or("");
    let add_md = !last.is_empty() && !last.contains('.');
    let abs = file.starts_with('/');
    if !abs && !add_md {
        return None;
    }
    let mut target = file.to_string();
    if add_md {
        target.push_str(".md");
    }
    if let Some(rest) = target.strip_prefix('/') {
        let depth = from.matches('/').count();
        target = format!("{}{rest}", "../".repeat(depth));
    }
    Some(format!("{target}{fragment}"))
}
