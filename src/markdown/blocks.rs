//! The HTML of the blocks that both dialects write: alerts, figures,
//! videos, grids, tabs, switchable sections (zones, monikers), code from
//! files. DocFX extensions (`docfx/`) and Hugo shortcodes (`shortcodes/`)
//! call these, so the theme styles one markup (`themes/default/static/docfx.css`,
//! `tabs.js`).
//!
//! Every builder writes into a [`Composer`] at a [`Place`]: the input
//! offset the HTML stands for and the container prefix of its line (`> `,
//! list indentation), which is repeated on every emitted line. Block
//! builders end with a blank line so that Markdown after them is Markdown
//! again (a CommonMark HTML block ends at a blank line); openers and closers
//! come in pairs, and every element is one the QA lints know.
//!
//! Values that come from the source (an image's `source`, a video's URL)
//! are [`Val::Input`] ranges: copied byte for byte, they keep their source
//! position, so the Markdown stage checks and rewrites them like any link.
//!
//! API, in pairs where a block holds Markdown:
//! - [`alert_open`] / [`close_div`]: `<div class="markdown-alert markdown-alert-note">` with its label.
//! - [`div_open`] / [`close_div`]: a `<div>` with classes (`nextstepaction`, `checklist`…).
//! - [`image`]: an `<img>` (inline, or a `<figure>` block with a lightbox link);
//!   [`figure_open`] / [`figure_close`] for a figure with a long description.
//! - [`video`]: a responsive `<iframe>` (nothing is fetched at build time).
//! - [`grid_open`], [`grid_column_open`] / [`close_div`]: a responsive grid.
//! - [`tabs_open`], [`tab_panel_open`] / [`tab_panel_close`], [`close_div`]: tabs.
//! - [`switch_open`] / [`switch_close`]: a section shown for one choice
//!   (zone pivot, moniker range); `tabs.js` builds the selector.
//! - [`code_block`]: a `<pre>` of code from a file, with highlighted lines.

use std::ops::Range;

use super::compose::Composer;
use crate::html::escape_attr as esc;

/// Where emitted HTML goes: the input offset it stands for and the
/// container prefix of its line.
#[derive(Clone, Copy, Debug)]
pub struct Place<'p> {
    pub at: usize,
    pub prefix: &'p str,
}

/// A value written into HTML.
#[derive(Clone, Debug)]
pub enum Val<'t> {
    /// A slice of the input, copied with its position when it is safe in a
    /// double-quoted attribute (else written escaped).
    Input(Range<usize>),
    /// Plain text, escaped.
    Text(&'t str),
}

impl Val<'_> {
    fn write(&self, c: &mut Composer, at: usize) {
        match self {
            Val::Input(r) => {
                let s = c.input().get(r.clone()).unwrap_or("");
                if s.contains(['"', '<', '>', '\n']) {
                    let e = esc(s);
                    c.synth(r.start, &e);
                } else {
                    c.copy(r.clone());
                }
            }
            Val::Text(t) => c.synth(at, &esc(t)),
        }
    }
}

/// Writes `html` as one line of its own, then a blank line.
fn line(c: &mut Composer, p: Place, html: &str) {
    c.synth(p.at, p.prefix);
    c.synth(p.at, html);
    blank(c, p);
}

fn blank(c: &mut Composer, p: Place) {
    c.synth(p.at, "\n");
    c.synth(p.at, p.prefix.trim_end());
    c.synth(p.at, "\n");
}

/// The five alert kinds of GitHub and DocFX.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlertKind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl AlertKind {
    /// `NOTE`, `Note`, `note` → [`AlertKind::Note`].
    pub fn parse(name: &str) -> Option<AlertKind> {
        Some(match name.to_ascii_lowercase().as_str() {
            "note" => AlertKind::Note,
            "tip" => AlertKind::Tip,
            "important" => AlertKind::Important,
            "warning" => AlertKind::Warning,
            "caution" => AlertKind::Caution,
            _ => return None,
        })
    }

    /// The lower-case name, used in classes and UI-string ids (`alert-note`).
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::Note => "note",
            AlertKind::Tip => "tip",
            AlertKind::Important => "important",
            AlertKind::Warning => "warning",
            AlertKind::Caution => "caution",
        }
    }
}

/// Opens an alert with its label (from the page's UI strings); close with [`close_div`].
pub fn alert_open(c: &mut Composer, p: Place, kind: AlertKind, label: &str) {
    let k = kind.as_str();
    c.synth(p.at, p.prefix);
    c.synth(
        p.at,
        &format!("<div class=\"markdown-alert markdown-alert-{k}\" role=\"note\">\n"),
    );
    c.synth(p.at, p.prefix);
    c.synth(
        p.at,
        &format!("<p class=\"markdown-alert-title\">{}</p>", esc(label)),
    );
    blank(c, p);
}

/// Opens a `<div>` with the classes given; close with [`close_div`].
pub fn div_open(c: &mut Composer, p: Place, class: Val) {
    c.synth(p.at, p.prefix);
    c.synth(p.at, "<div class=\"");
    class.write(c, p.at);
    c.synth(p.at, "\">");
    blank(c, p);
}

/// Closes an alert, a div, a grid, a grid column or a tab group.
pub fn close_div(c: &mut Composer, p: Place) {
    blank(c, p);
    line(c, p, "</div>");
}

/// An image and its link to the full-size image.
#[derive(Clone, Debug)]
pub struct Image<'t> {
    pub src: Val<'t>,
    pub alt: Val<'t>,
    /// The image opened on click (DocFX `lightbox`).
    pub lightbox: Option<Val<'t>>,
    /// The title of the lightbox link.
    pub lightbox_label: &'t str,
    pub border: Border,
}

/// Whether a figure has a border (DocFX `border="true"`, the default for screenshots).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Border {
    Yes,
    No,
}

/// How an image stands in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// On a line of its own: a `<figure>` block.
    Block,
    /// Inside a paragraph: an `<img>` (and link) only.
    Inline,
}

fn img_tag(c: &mut Composer, at: usize, img: &Image, class: &str) {
    if let Some(lb) = &img.lightbox {
        c.synth(at, "<a class=\"docfx-lightbox\" href=\"");
        lb.write(c, at);
        c.synth(at, &format!("\" title=\"{}\">", esc(img.lightbox_label)));
    }
    c.synth(at, &format!("<img class=\"{class}\" src=\""));
    img.src.write(c, at);
    c.synth(at, "\" alt=\"");
    img.alt.write(c, at);
    c.synth(at, "\" loading=\"lazy\">");
    if img.lightbox.is_some() {
        c.synth(at, "</a>");
    }
}

fn figure_class(img: &Image) -> &'static str {
    match img.border {
        Border::Yes => "docfx-figure docfx-border",
        Border::No => "docfx-figure",
    }
}

/// An image: a `<figure>` block, or an inline `<img>`.
pub fn image(c: &mut Composer, p: Place, img: &Image, layout: Layout) {
    match layout {
        Layout::Inline => img_tag(c, p.at, img, "docfx-image docfx-inline"),
        Layout::Block => {
            c.synth(p.at, p.prefix);
            c.synth(p.at, &format!("<figure class=\"{}\">", figure_class(img)));
            img_tag(c, p.at, img, "docfx-image");
            c.synth(p.at, "</figure>");
            blank(c, p);
        }
    }
}

/// Opens a figure whose long description (Markdown) follows, shown in a
/// `<details>` labelled `label`; close with [`figure_close`].
pub fn figure_open(c: &mut Composer, p: Place, img: &Image, label: &str) {
    c.synth(p.at, p.prefix);
    c.synth(p.at, &format!("<figure class=\"{}\">", figure_class(img)));
    img_tag(c, p.at, img, "docfx-image");
    c.synth(p.at, "\n");
    c.synth(p.at, p.prefix);
    c.synth(
        p.at,
        &format!(
            "<details class=\"docfx-description\"><summary>{}</summary>",
            esc(label)
        ),
    );
    blank(c, p);
}

/// Closes [`figure_open`].
pub fn figure_close(c: &mut Composer, p: Place) {
    blank(c, p);
    c.synth(p.at, p.prefix);
    c.synth(p.at, "</details></figure>");
    blank(c, p);
}

/// A video player: a responsive `<iframe>` of `src`, titled `title`.
pub fn video(c: &mut Composer, p: Place, src: Val, title: &str) {
    c.synth(p.at, p.prefix);
    c.synth(p.at, "<div class=\"docfx-video\"><iframe src=\"");
    src.write(c, p.at);
    c.synth(
        p.at,
        &format!(
            "\" title=\"{}\" loading=\"lazy\" allowfullscreen></iframe></div>",
            esc(title)
        ),
    );
    blank(c, p);
}

/// Opens a grid row; close with [`close_div`].
pub fn grid_open(c: &mut Composer, p: Place) {
    line(c, p, "<div class=\"docfx-row\">");
}

/// Opens a grid column spanning `span` columns (1 to 4); close with [`close_div`].
pub fn grid_column_open(c: &mut Composer, p: Place, span: Option<u8>) {
    match span {
        Some(n) if n > 1 => line(
            c,
            p,
            &format!("<div class=\"docfx-column docfx-span-{}\">", n.min(4)),
        ),
        _ => line(c, p, "<div class=\"docfx-column\">"),
    }
}

/// One tab of a tab group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tab {
    /// What follows `#tab/`: the id, then optional `/condition` parts.
    pub id: String,
    pub title: String,
    /// Raw HTML of the input written before the title in the panel, copied
    /// as it is (Learn's tab headings carry `<a name="x"></a>`, an anchor).
    pub html: Option<Range<usize>>,
}

impl Tab {
    /// The id that groups switch together on (before any `/condition`).
    pub fn key(&self) -> &str {
        self.id.split('/').next().unwrap_or(&self.id)
    }
}

/// Whether a tab panel carries the `id="tab/…"` anchor (only the first
/// panel of a page with that id does, so ids stay unique).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelAnchor {
    Id,
    NoId,
}

/// Opens a tab group and writes its tab list (hidden until `tabs.js` runs;
/// without JS every panel shows with its title). `n` numbers the group on
/// the page. Then [`tab_panel_open`]/[`tab_panel_close`] per tab, and
/// [`close_div`].
pub fn tabs_open(c: &mut Composer, p: Place, n: usize, tabs: &[Tab]) {
    let keys: Vec<&str> = tabs.iter().map(|t| t.key()).collect();
    let mut html = format!(
        "<div class=\"docfx-tabs\" data-tab-group=\"{}\">\n",
        esc(&keys.join(" "))
    );
    html.push_str(p.prefix);
    html.push_str("<div class=\"docfx-tablist\" role=\"tablist\" hidden>");
    for (i, t) in tabs.iter().enumerate() {
        html.push_str(&format!(
            "<button type=\"button\" role=\"tab\" id=\"tabs-{n}-{i}\" aria-controls=\"tabpanel-{n}-{i}\" aria-selected=\"{}\" tabindex=\"{}\" data-tab=\"{}\">{}</button>",
            i == 0,
            if i == 0 { "0" } else { "-1" },
            esc(t.key()),
            esc(&t.title)
        ));
    }
    html.push_str("</div>");
    line(c, p, &html);
}

/// Opens the panel of tab `i` of group `n`; close with [`tab_panel_close`].
pub fn tab_panel_open(
    c: &mut Composer,
    p: Place,
    n: usize,
    i: usize,
    tab: &Tab,
    anchor: PanelAnchor,
) {
    let id = match anchor {
        PanelAnchor::Id => format!(" id=\"tab/{}\"", esc(&tab.id)),
        PanelAnchor::NoId => String::new(),
    };
    let html = format!(
        "<section class=\"docfx-tabpanel\" role=\"tabpanel\"{id} data-panel=\"tabpanel-{n}-{i}\" aria-labelledby=\"tabs-{n}-{i}\" data-tab=\"{}\">\n{}<p class=\"docfx-tab-title\">",
        esc(tab.key()),
        p.prefix,
    );
    c.synth(p.at, p.prefix);
    c.synth(p.at, &html);
    if let Some(r) = &tab.html {
        c.copy(r.clone());
    }
    c.synth(p.at, &format!("{}</p>", esc(&tab.title)));
    blank(c, p);
}

/// Closes a tab panel.
pub fn tab_panel_close(c: &mut Composer, p: Place) {
    blank(c, p);
    line(c, p, "</section>");
}

/// What a switchable section is chosen by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Switch {
    /// DocFX `:::zone pivot="…"` (Learn's pivots).
    Zone,
    /// DocFX `::: moniker range="…"` (product versions).
    Moniker,
}

/// Opens a section shown when `value` is chosen. `choose` labels the
/// selector `tabs.js` builds; without JS every section shows with its
/// value as a label. Close with [`switch_close`].
pub fn switch_open(c: &mut Composer, p: Place, kind: Switch, value: &str, choose: &str) {
    let k = match kind {
        Switch::Zone => "zone",
        Switch::Moniker => "moniker",
    };
    let html = format!(
        "<section class=\"docfx-switch docfx-{k}\" data-switch=\"{k}\" data-value=\"{v}\" data-choose=\"{}\">\n{}<p class=\"docfx-switch-label\">{v}</p>",
        esc(choose),
        p.prefix,
        v = esc(value.trim()),
    );
    line(c, p, &html);
}

/// Closes [`switch_open`].
pub fn switch_close(c: &mut Composer, p: Place) {
    blank(c, p);
    line(c, p, "</section>");
}

/// A code block of `lines` (from a code file, so synthetic), in language
/// `lang`, with the 1-based lines of `highlight` marked.
pub fn code_block(c: &mut Composer, p: Place, lang: &str, lines: &[&str], highlight: &[usize]) {
    let lang = esc(lang);
    let mut html = String::new();
    html.push_str(p.prefix);
    html.push_str(&format!(
        "<pre class=\"docfx-code\"><code class=\"language-{lang}\">"
    ));
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            html.push('\n');
            html.push_str(p.prefix);
        }
        let text = esc(l);
        if highlight.contains(&(i + 1)) {
            html.push_str(&format!("<mark class=\"docfx-hl\">{text}</mark>"));
        } else {
            html.push_str(&text);
        }
    }
    html.push_str("</code></pre>");
    c.synth(p.at, &html);
    blank(c, p);
}
