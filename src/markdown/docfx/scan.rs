//! The line scanner of the DocFX pass: block constructs line by line,
//! inline markers within a line.

use std::collections::BTreeSet;
use std::ops::Range;

use super::attrs::{self, Bang, Colon};
use super::snippet::{self, Miss, Request};
use super::{Context, Finding};
use crate::diagnostic::Code;
use crate::include::Expanded;
use crate::markdown::blocks::{
    self, AlertKind, Border, Image, Layout, PanelAnchor, Place, Switch, Tab, Val,
};
use crate::markdown::compose::Composer;

/// Deepest nesting of blockquote constructs (alert in div in alert…).
const MAX_DEPTH: usize = 8;

/// A block opened by a marker and not yet closed.
#[derive(Clone, Debug)]
enum Open {
    Row,
    Column,
    Zone,
    Moniker,
    /// A `:::zone target=…` that only picks a rendering; kept as it is.
    Transparent,
    /// `:::image type="complex"` up to `:::image-end:::`.
    Image,
    /// A `:::name` nobody knows; its `:::name-end` is dropped too.
    Unknown(String),
}

impl Open {
    fn end_name(&self) -> String {
        match self {
            Open::Row => "row-end".into(),
            Open::Column => "column-end".into(),
            Open::Zone | Open::Transparent => "zone-end".into(),
            Open::Moniker => "moniker-end".into(),
            Open::Image => "image-end".into(),
            Open::Unknown(n) => format!("{n}-end"),
        }
    }
}

struct Opened {
    kind: Open,
    at: usize,
    prefix: String,
    name_len: usize,
    /// The indentation of the block's first line of content, removed from
    /// every line of it (Learn indents the content of `:::column:::` by
    /// four or eight spaces, which would be code in CommonMark).
    strip: Option<usize>,
}

/// How much indentation the open blocks remove from a line.
fn dedent(open: &mut [Opened], line: &str) -> usize {
    let mut skip = 0;
    for o in open.iter_mut() {
        let rest = &line[skip..];
        let ind = rest.len() - rest.trim_start_matches(' ').len();
        match o.strip {
            Some(s) => skip += s.min(ind),
            None if !rest.trim().is_empty() => {
                o.strip = Some(ind);
                skip += ind;
            }
            None => {}
        }
    }
    skip
}

struct TabGroup {
    level: usize,
    prefix: String,
    n: usize,
    tabs: Vec<Tab>,
    current: usize,
}

pub(super) struct Pass<'a> {
    ctx: &'a Context<'a>,
    pub(super) findings: Vec<Finding>,
    groups: usize,
    tab_ids: BTreeSet<String>,
}

/// Length of the leading whitespace.
fn indent_of(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t']).len()
}

/// The fence opened by `body`, if any: (char, run length).
fn fence_open(body: &str) -> Option<(u8, usize)> {
    let t = body.trim_start_matches(' ');
    if body.len() - t.len() > 3 {
        return None;
    }
    let c = *t.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = t.bytes().take_while(|&b| b == c).count();
    if n < 3 || (c == b'`' && t[n..].contains('`')) {
        return None;
    }
    Some((c, n))
}

fn fence_closes(body: &str, (c, n): (u8, usize)) -> bool {
    let t = body.trim_start_matches(' ');
    let m = t.bytes().take_while(|&b| b == c).count();
    m >= n && t[m..].trim().is_empty()
}

/// The level of an ATX heading.
fn atx_level(body: &str) -> Option<usize> {
    let t = body.trim_start_matches(' ');
    if body.len() - t.len() > 3 {
        return None;
    }
    let n = t.bytes().take_while(|&b| b == b'#').count();
    ((1..=6).contains(&n) && (t.len() == n || t[n..].starts_with([' ', '\t']))).then_some(n)
}

/// `# [Title](#tab/id)`, also `# <a name="x"></a>[Title](#tab/id)` as
/// Learn's translations write it: (level, tab); `base` is the offset of
/// `body` in the text.
fn tab_heading(body: &str, base: usize) -> Option<(usize, Tab)> {
    let level = atx_level(body)?;
    let mut k = body.find('#')? + level;
    let skip_ws = |k: usize| k + (body[k..].len() - body[k..].trim_start().len());
    k = skip_ws(k);
    let mut html: Option<Range<usize>> = None;
    while body[k..].starts_with("<a ") {
        let end = k + body[k..].find("</a>")? + 4;
        html = Some(html.map_or(base + k, |h| h.start)..base + end);
        k = skip_ws(end);
    }
    let t = body[k..].trim_end();
    let t = t.strip_prefix('[')?;
    let close = t.rfind("](#tab/")?;
    let title = t[..close].trim();
    let rest = &t[close + 7..];
    let id = rest.strip_suffix(')')?.trim();
    if id.is_empty() || id.contains(char::is_whitespace) {
        return None;
    }
    Some((
        level,
        Tab {
            id: id.to_string(),
            title: title.to_string(),
            html,
        },
    ))
}

fn is_thematic_dash(body: &str) -> bool {
    let t = body.trim();
    t.len() >= 3 && t.bytes().all(|b| b == b'-')
}

/// Could this line (after its prefix) continue a paragraph lazily?
fn lazy(body: &str) -> bool {
    let t = body.trim_start();
    !(t.is_empty()
        || t.starts_with(['#', '`', '~', '<', '|', '-', '*', '+', '>'])
        || t.starts_with(":::")
        || t.starts_with("[!")
        || t.bytes().next().is_some_and(|b| b.is_ascii_digit()))
}

/// Code spans and HTML comments of a line: ranges to leave alone.
fn protected(line: &str, base: usize) -> Vec<Range<usize>> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            let n = b[i..].iter().take_while(|&&c| c == b'`').count();
            let tick = "`".repeat(n);
            let mut j = i + n;
            let mut end = None;
            while let Some(k) = line[j..].find(&tick) {
                let at = j + k;
                let m = b[at..].iter().take_while(|&&c| c == b'`').count();
                if m == n {
                    end = Some(at + n);
                    break;
                }
                j = at + m;
            }
            match end {
                Some(e) => {
                    out.push(base + i..base + e);
                    i = e;
                }
                None => i += n,
            }
        } else if b[i] == b'<' && line[i..].starts_with("<!--") {
            let e = line[i..]
                .find("-->")
                .map(|k| i + k + 3)
                .unwrap_or(line.len());
            out.push(base + i..base + e);
            i = e;
        } else {
            i += 1;
        }
    }
    out
}

fn is_true(s: &str) -> bool {
    !matches!(s.trim().to_ascii_lowercase().as_str(), "false" | "no" | "0")
}

impl<'a> Pass<'a> {
    pub(super) fn new(ctx: &'a Context<'a>) -> Self {
        Pass {
            ctx,
            findings: Vec::new(),
            groups: 0,
            tab_ids: BTreeSet::new(),
        }
    }

    fn find(
        &mut self,
        input: &Expanded,
        at: Range<usize>,
        code: Code,
        message: String,
        hint: &str,
    ) {
        let (file, offset) = input.map.locate(at.start);
        self.findings.push(Finding {
            code,
            file,
            offset,
            len: at.end.saturating_sub(at.start),
            message,
            hint: hint.to_string(),
        });
    }

    /// One pass over `input`; `depth` counts enclosing blockquote constructs.
    pub(super) fn run(&mut self, input: &Expanded, depth: usize) -> Expanded {
        let text = input.text.as_str();
        let mut lines: Vec<Range<usize>> = Vec::new();
        let mut pos = 0;
        for l in text.split_inclusive('\n') {
            lines.push(pos..pos + l.len());
            pos += l.len();
        }
        let mut c = Composer::new(input);
        let mut fence: Option<(u8, usize)> = None;
        let mut comment = false;
        let mut open: Vec<Opened> = Vec::new();
        let mut tabs: Option<TabGroup> = None;
        // `[!div class="x"]` on its own line: (prefix, at, content seen).
        let mut div_block: Option<(String, usize, bool)> = None;
        let mut i = 0;
        while i < lines.len() {
            let skip = dedent(&mut open, &text[lines[i].clone()]);
            let r = lines[i].start + skip..lines[i].end;
            let line = &text[r.clone()];
            let content_end = r.start + line.trim_end_matches(['\n', '\r']).len();
            let ind = indent_of(line);
            let quoted = line[ind..].starts_with('>');
            // The container prefix: indentation and `>` markers.
            let mut plen = ind;
            while line[plen..].starts_with('>') {
                plen += 1;
                if line[plen..].starts_with(' ') {
                    plen += 1;
                }
            }
            let plen = plen.min(content_end - r.start);
            let body = &text[r.start + plen..content_end];
            let prefix = &line[..plen];

            if let Some(f) = fence {
                if fence_closes(body, f) {
                    fence = None;
                }
                c.copy(r);
                i += 1;
                continue;
            }
            if comment {
                if line.contains("-->") {
                    comment = false;
                }
                c.copy(r);
                i += 1;
                continue;
            }
            if let Some(f) = fence_open(body) {
                fence = Some(f);
                c.copy(r);
                i += 1;
                continue;
            }
            if let Some(k) = body.rfind("<!--") {
                if !body[k..].contains("-->") {
                    comment = true;
                }
            }
            if body.trim().is_empty() {
                if let Some((p, at, true)) = &div_block {
                    let p = p.clone();
                    let at = *at;
                    div_block = None;
                    blocks::close_div(&mut c, Place { at, prefix: &p });
                }
                c.copy(r);
                i += 1;
                continue;
            }
            if let Some((_, _, seen)) = div_block.as_mut() {
                *seen = true;
            }
            // Tabs.
            if let Some(g) = &tabs {
                if is_thematic_dash(body) && !quoted {
                    let g = tabs.take().map(|g| g.prefix).unwrap_or_default();
                    let p = Place {
                        at: r.start,
                        prefix: &g,
                    };
                    blocks::tab_panel_close(&mut c, p);
                    blocks::close_div(&mut c, p);
                    i += 1;
                    continue;
                }
                let closes = atx_level(body).is_some_and(|l| l <= g.level)
                    && tab_heading(body, 0).is_none_or(|(l, _)| l != g.level);
                if closes {
                    let g = tabs.take().map(|g| g.prefix).unwrap_or_default();
                    let p = Place {
                        at: r.start,
                        prefix: &g,
                    };
                    blocks::tab_panel_close(&mut c, p);
                    blocks::close_div(&mut c, p);
                }
            }
            if !quoted {
                if let Some((level, _)) = tab_heading(body, 0) {
                    let p = Place {
                        at: r.start,
                        prefix,
                    };
                    match tabs.as_mut() {
                        Some(g) if g.level == level => {
                            g.current += 1;
                            let (n, cur) = (g.n, g.current);
                            let tab = g.tabs.get(cur).cloned();
                            blocks::tab_panel_close(&mut c, p);
                            if let Some(tab) = tab {
                                let a = self.panel_anchor(&tab);
                                blocks::tab_panel_open(&mut c, p, n, cur, &tab, a);
                            }
                        }
                        _ => {
                            let found = collect_tabs(text, &lines, i, level);
                            let n = self.groups;
                            self.groups += 1;
                            blocks::tabs_open(&mut c, p, n, &found);
                            if let Some(first) = found.first() {
                                let a = self.panel_anchor(first);
                                blocks::tab_panel_open(&mut c, p, n, 0, first, a);
                            }
                            tabs = Some(TabGroup {
                                level,
                                prefix: prefix.to_string(),
                                n,
                                tabs: found,
                                current: 0,
                            });
                        }
                    }
                    i += 1;
                    continue;
                }
            }
            // Blockquote constructs: alerts, `[!div]`, `[!VIDEO]`.
            if quoted && depth < MAX_DEPTH {
                if let Some(next) = self.quote(input, &mut c, &lines, (i, skip), ind, depth) {
                    i = next;
                    continue;
                }
            }
            let t = body.trim_start();
            let tstart = r.start + plen + (body.len() - t.len());
            // A colon marker on a line of its own.
            if t.starts_with(":::") {
                if let Some(m) = attrs::colon(text, tstart, content_end) {
                    let alone = text[m.range.end..content_end].trim().is_empty();
                    if alone || !m.closed {
                        let p = Place { at: tstart, prefix };
                        if self.colon_block(input, &mut c, &m, p, &mut open) {
                            i += 1;
                            continue;
                        }
                    }
                }
            }
            // A bang marker on a line of its own.
            if t.starts_with("[!") {
                if let Some(b) = attrs::bang(text, tstart, content_end) {
                    if text[b.range.end..content_end].trim().is_empty() {
                        let p = Place { at: tstart, prefix };
                        if self.bang_block(input, &mut c, &b, p) {
                            if b.name.eq_ignore_ascii_case("div") {
                                div_block = Some((prefix.to_string(), tstart, false));
                            }
                            i += 1;
                            continue;
                        }
                    }
                }
            }
            self.inline(input, &mut c, r);
            i += 1;
        }
        let end = text.len();
        if let Some((p, at, _)) = div_block {
            blocks::close_div(&mut c, Place { at, prefix: &p });
        }
        if let Some(g) = tabs {
            let p = Place {
                at: end,
                prefix: &g.prefix,
            };
            blocks::tab_panel_close(&mut c, p);
            blocks::close_div(&mut c, p);
        }
        while let Some(o) = open.pop() {
            self.find(
                input,
                o.at..o.at + o.name_len,
                Code::MalformedExtension,
                format!("`:::{}` is never closed", open_name(&o.kind)),
                &format!(
                    "add `:::{}:::` where the block ends; it was closed at the end of the page",
                    o.kind.end_name()
                ),
            );
            close(&mut c, &o, end);
        }
        c.finish()
    }

    fn panel_anchor(&mut self, tab: &Tab) -> PanelAnchor {
        if self.tab_ids.insert(tab.id.clone()) {
            PanelAnchor::Id
        } else {
            PanelAnchor::NoId
        }
    }

    /// A blockquote starting at line `i` whose first line is an alert,
    /// `[!div]` or `[!VIDEO]`: writes it and returns the next line index.
    fn quote(
        &mut self,
        input: &Expanded,
        c: &mut Composer,
        all_lines: &[Range<usize>],
        (i, skip): (usize, usize),
        ind: usize,
        depth: usize,
    ) -> Option<usize> {
        let text = input.text.as_str();
        // The lines of the open blocks lose the same indentation as line `i`;
        // the blockquote ends at the first blank line, so look no further.
        let last = all_lines[i..]
            .iter()
            .position(|r| text[r.clone()].trim().is_empty())
            .map_or(all_lines.len(), |k| i + k);
        let lines: Vec<Range<usize>> = all_lines[i..last]
            .iter()
            .map(|r| r.start + skip.min(indent_of(&text[r.clone()])).min(r.len())..r.end)
            .collect();
        let lines = &lines[..];
        // Indices are relative to line `i` from here on.
        let (base, i) = (i, 0);
        let r = lines[i].clone();
        let gt = r.start + ind;
        let mut inner_start = gt + 1;
        if text[inner_start..].starts_with(' ') {
            inner_start += 1;
        }
        let content_end = r.start + text[r.clone()].trim_end_matches(['\n', '\r']).len();
        let t = text[inner_start..content_end].trim_start();
        if !t.starts_with("[!") {
            return None;
        }
        let mstart = content_end - t.len();
        let b = attrs::bang(text, mstart, content_end)?;
        let alert = AlertKind::parse(&b.name);
        let is_div = b.name.eq_ignore_ascii_case("div");
        let is_video = b.name.eq_ignore_ascii_case("video");
        if alert.is_none() && !is_div && !is_video {
            return None;
        }
        // The lines of the blockquote.
        let mut j = i + 1;
        let mut prev_blank = false;
        while j < lines.len() {
            let l = &text[lines[j].clone()];
            let li = indent_of(l);
            if l[li..].starts_with('>') && li <= ind + 3 {
                let after = l[li + 1..].trim();
                prev_blank = after.is_empty();
                j += 1;
            } else if !prev_blank && lazy(l) && !text[lines[j - 1].clone()].trim().is_empty() {
                j += 1;
            } else {
                break;
            }
        }
        let prefix = &text[r.start..gt];
        let p = Place { at: mstart, prefix };
        if is_video {
            let url = text[b.rest.clone()].trim();
            let off = b.rest.start
                + (text[b.rest.clone()].len() - text[b.rest.clone()].trim_start().len());
            blocks::video(
                c,
                p,
                Val::Input(off..off + url.len()),
                &self.ctx.labels.video,
            );
            // The rest of the blockquote stays a blockquote.
            let rest_blank = (i + 1..j).all(|k| {
                let l = &text[lines[k].clone()];
                l.trim().trim_start_matches('>').trim().is_empty()
            });
            if rest_blank {
                return Some(base + j);
            }
            for k in i + 1..j {
                self.inline(input, c, lines[k].clone());
            }
            return Some(base + j);
        }
        // The content with one level of `>` removed, passed over again.
        let mut inner = Composer::new(input);
        let after_marker = b.range.end;
        if !text[after_marker..content_end].trim().is_empty() {
            inner.copy(r.start..gt);
            let s = after_marker
                + (text[after_marker..content_end].len()
                    - text[after_marker..content_end].trim_start().len());
            inner.copy(s..r.end);
        }
        for k in i + 1..j {
            let lr = lines[k].clone();
            let l = &text[lr.clone()];
            let li = indent_of(l);
            if l[li..].starts_with('>') {
                let mut s = lr.start + li + 1;
                if text[s..].starts_with(' ') {
                    s += 1;
                }
                inner.copy(lr.start..lr.start + li);
                inner.copy(s..lr.end);
            } else {
                inner.copy(lr);
            }
        }
        if !inner.text().ends_with('\n') && !inner.is_empty() {
            inner.synth(lines[j - 1].end, "\n");
        }
        let inner = inner.finish();
        let done = self.run(&inner, depth + 1);
        match alert {
            Some(kind) => {
                let label = self.ctx.labels.alert(kind).to_string();
                blocks::alert_open(c, p, kind, &label);
            }
            None => {
                let class = attrs::parse(text, b.rest.clone());
                match attrs::get(&class, "class") {
                    Some(v) => blocks::div_open(c, p, Val::Input(v)),
                    None => blocks::div_open(c, p, Val::Text("docfx-div")),
                }
            }
        }
        c.append(&done);
        blocks::close_div(c, p);
        Some(base + j)
    }

    /// A colon marker alone on its line. Returns whether it was consumed.
    fn colon_block(
        &mut self,
        input: &Expanded,
        c: &mut Composer,
        m: &Colon,
        p: Place,
        open: &mut Vec<Opened>,
    ) -> bool {
        let text = input.text.as_str();
        let a = attrs::parse(text, m.attrs.clone());
        let val = |n: &str| attrs::get(&a, n).map(|r| text[r].to_string());
        let push = |open: &mut Vec<Opened>, kind: Open| {
            open.push(Opened {
                kind,
                at: p.at,
                prefix: p.prefix.to_string(),
                name_len: m.name_range.end - p.at,
                strip: None,
            })
        };
        match m.name.as_str() {
            "image" => {
                let complex = val("type").is_some_and(|t| t.eq_ignore_ascii_case("complex"));
                let Some(img) = self.image_of(input, m, &a) else {
                    return true;
                };
                if complex {
                    blocks::figure_open(c, p, &img, &self.ctx.labels.description.clone());
                    push(open, Open::Image);
                } else {
                    blocks::image(c, p, &img, Layout::Block);
                }
            }
            "row" => {
                blocks::grid_open(c, p);
                push(open, Open::Row);
            }
            "column" => {
                let span = val("span").and_then(|s| s.trim().parse::<u8>().ok());
                blocks::grid_column_open(c, p, span);
                push(open, Open::Column);
            }
            "zone" => match val("pivot") {
                Some(v) => {
                    blocks::switch_open(c, p, Switch::Zone, &v, &self.ctx.labels.zone_choose);
                    push(open, Open::Zone);
                }
                None => push(open, Open::Transparent),
            },
            "moniker" => {
                let v = val("range").unwrap_or_default();
                blocks::switch_open(c, p, Switch::Moniker, &v, &self.ctx.labels.moniker_choose);
                push(open, Open::Moniker);
            }
            "code" => self.code_attr(input, c, m, &a, p),
            "no-loc" => return false,
            name if name.ends_with("-end") => {
                let Some(k) = open.iter().rposition(|o| o.kind.end_name() == name) else {
                    self.find(
                        input,
                        m.range.clone(),
                        Code::MalformedExtension,
                        format!("`:::{name}:::` closes nothing"),
                        "remove it, or add the marker that opens the block",
                    );
                    return true;
                };
                while open.len() > k + 1 {
                    if let Some(o) = open.pop() {
                        self.find(
                            input,
                            o.at..o.at + o.name_len,
                            Code::MalformedExtension,
                            format!("`:::{}` is never closed", open_name(&o.kind)),
                            &format!("add `:::{}:::` before `:::{name}:::`", o.kind.end_name()),
                        );
                        close(c, &o, p.at);
                    }
                }
                if let Some(o) = open.pop() {
                    close(c, &o, p.at);
                }
            }
            name => {
                self.unknown(input, m.range.clone(), &format!(":::{name}"));
                if !m.closed || m.name_range.end == m.attrs.end {
                    push(open, Open::Unknown(name.to_string()));
                }
            }
        }
        true
    }

    fn unknown(&mut self, input: &Expanded, range: Range<usize>, what: &str) {
        self.find(
            input,
            range,
            Code::UnknownExtension,
            format!("unknown DocFX extension `{what}`"),
            "stele renders the content without the marker; check the spelling, or remove it",
        );
    }

    fn image_of(&mut self, input: &Expanded, m: &Colon, a: &[attrs::Attr]) -> Option<Image<'a>> {
        let ctx: &'a Context<'a> = self.ctx;
        let text = input.text.as_str();
        let Some(src) = attrs::get(a, "source") else {
            self.find(
                input,
                m.range.clone(),
                Code::MalformedExtension,
                "`:::image` without `source`".to_string(),
                "add `source=\"path/to/image.png\"`; the image was left out",
            );
            return None;
        };
        let ty = attrs::get(a, "type").map(|r| text[r].to_ascii_lowercase());
        let icon = ty.as_deref() == Some("icon");
        let alt = match attrs::get(a, "alt-text") {
            Some(r) => Val::Input(r),
            None => Val::Text(""),
        };
        let border = match attrs::get(a, "border") {
            Some(r) if !is_true(&text[r.clone()]) => Border::No,
            None if icon => Border::No,
            _ => Border::Yes,
        };
        Some(Image {
            src: Val::Input(src),
            alt,
            lightbox: attrs::get(a, "lightbox").map(Val::Input),
            lightbox_label: ctx.labels.lightbox.as_str(),
            border,
        })
    }

    /// A bang marker alone on its line. Returns whether it was consumed.
    fn bang_block(&mut self, input: &Expanded, c: &mut Composer, b: &Bang, p: Place) -> bool {
        let text = input.text.as_str();
        let lower = b.name.to_ascii_lowercase();
        if lower == "video" {
            let raw = &text[b.rest.clone()];
            let off = b.rest.start + (raw.len() - raw.trim_start().len());
            let url = raw.trim();
            blocks::video(
                c,
                p,
                Val::Input(off..off + url.len()),
                &self.ctx.labels.video,
            );
            return true;
        }
        if lower == "div" {
            let a = attrs::parse(text, b.rest.clone());
            match attrs::get(&a, "class") {
                Some(v) => blocks::div_open(c, p, Val::Input(v)),
                None => blocks::div_open(c, p, Val::Text("docfx-div")),
            }
            return true;
        }
        if let Some(lang) = lower.strip_prefix("code-") {
            let rest = &text[b.rest.clone()];
            // `[title](dest "x")`
            let Some(k) = rest.find("](") else {
                return false;
            };
            let dest = rest[k + 2..].trim_end_matches(')');
            let dest = dest.split_whitespace().next().unwrap_or("");
            let req = snippet::parse_dest(dest);
            let lang = snippet::language(lang).to_string();
            self.snippet(input, c, p, b.range.clone(), &lang, &req);
            return true;
        }
        false
    }

    fn code_attr(
        &mut self,
        input: &Expanded,
        c: &mut Composer,
        m: &Colon,
        a: &[attrs::Attr],
        p: Place,
    ) {
        let text = input.text.as_str();
        let v = |n: &str| attrs::get(a, n).map(|r| text[r].to_string());
        let Some(source) = v("source") else {
            self.find(
                input,
                m.range.clone(),
                Code::MalformedExtension,
                "`:::code` without `source`".to_string(),
                "add `source=\"path/to/file\"`; the code was left out",
            );
            return;
        };
        let mut req = snippet::parse_dest(&source);
        if let Some(id) = v("id") {
            req.region = Some(id);
        }
        if let Some(r) = v("range") {
            req.ranges = snippet::parse_ranges(&r);
        }
        if let Some(h) = v("highlight") {
            req.highlight = snippet::parse_ranges(&h);
        }
        let lang = v("language").unwrap_or_default();
        let lang = snippet::language(&lang).to_string();
        self.snippet(input, c, p, m.range.clone(), &lang, &req);
    }

    fn snippet(
        &mut self,
        input: &Expanded,
        c: &mut Composer,
        p: Place,
        range: Range<usize>,
        lang: &str,
        req: &Request,
    ) {
        let (file, _) = input.map.locate(range.start);
        let Some(code) = (self.ctx.code)(file, &req.path) else {
            self.find(
                input,
                range,
                Code::MissingSnippet,
                format!("code file `{}` not found", req.path),
                "the path is relative to the Markdown file and must stay inside the locale directory; the snippet was left out",
            );
            return;
        };
        match snippet::cut(&code, req) {
            Ok(lines) => {
                let hl = snippet::highlighted(&req.highlight, lines.len());
                blocks::code_block(c, p, lang, &lines, &hl);
            }
            Err(Miss::Region(name)) => self.find(
                input,
                range,
                Code::MissingSnippet,
                format!("no region `{name}` in `{}`", req.path),
                "regions are marked `// <name>` … `// </name>` or `#region name` … `#endregion`; the snippet was left out",
            ),
            Err(Miss::Empty) => self.find(
                input,
                range,
                Code::MissingSnippet,
                format!("the lines asked for are empty in `{}`", req.path),
                "check `range`; the snippet was left out",
            ),
        }
    }

    /// Copies line `r`, replacing inline markers: `:::image …:::`,
    /// `:::no-loc text="…":::`, unknown `:::name …:::` and `[!NAME …]`.
    fn inline(&mut self, input: &Expanded, c: &mut Composer, r: Range<usize>) {
        let text = input.text.as_str();
        let line = &text[r.clone()];
        if !line.contains(":::") && !line.contains("[!") {
            c.copy(r);
            return;
        }
        let content_end = r.start + line.trim_end_matches(['\n', '\r']).len();
        let skip = protected(&text[r.start..content_end], r.start);
        let mut pos = r.start;
        let mut i = r.start;
        while i < content_end {
            if let Some(s) = skip.iter().find(|s| s.start == i) {
                i = s.end;
                continue;
            }
            let rest = &text[i..content_end];
            if rest.starts_with(":::") {
                if let Some(m) = attrs::colon(text, i, content_end).filter(|m| m.closed) {
                    c.copy(pos..i);
                    let a = attrs::parse(text, m.attrs.clone());
                    match m.name.as_str() {
                        "image" => {
                            if let Some(img) = self.image_of(input, &m, &a) {
                                let p = Place { at: i, prefix: "" };
                                blocks::image(c, p, &img, Layout::Inline);
                            }
                        }
                        "no-loc" => {
                            if let Some(v) = attrs::get(&a, "text") {
                                c.copy(v);
                            }
                        }
                        name => self.unknown(input, m.range.clone(), &format!(":::{name}")),
                    }
                    pos = m.range.end;
                    i = m.range.end;
                    continue;
                }
            }
            if rest.starts_with("[!") {
                if let Some(b) = attrs::bang(text, i, content_end) {
                    let lower = b.name.to_ascii_lowercase();
                    if lower == "include" {
                        i = b.range.end;
                        continue;
                    }
                    c.copy(pos..i);
                    if let Some(kind) = AlertKind::parse(&b.name) {
                        let label = blocks_label(self.ctx.labels.alert(kind));
                        c.synth(i, &label);
                    } else {
                        let at_quote_start = text[r.start..i]
                            .chars()
                            .all(|ch| ch == '>' || ch.is_whitespace())
                            && text[r.start..i].contains('>')
                            && text[b.rest.clone()].trim().is_empty();
                        if at_quote_start {
                            // `> [!HINWEIS]`: an alert keyword translated by mistake.
                            self.find(
                                input,
                                i..i + 2 + b.name.len(),
                                Code::UnknownExtension,
                                format!("unknown alert `[!{}]`", b.name),
                                "alert keywords stay in English in every language: `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`",
                            );
                        } else {
                            self.unknown(input, i..i + 2 + b.name.len(), &format!("[!{}", b.name));
                        }
                        let inner = &text[b.rest.clone()];
                        let s = b.rest.start + (inner.len() - inner.trim_start().len());
                        c.copy(s..b.rest.end);
                    }
                    pos = b.range.end;
                    i = b.range.end;
                    continue;
                }
            }
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
        c.copy(pos..r.end);
    }
}

fn blocks_label(label: &str) -> String {
    format!(
        "<strong class=\"markdown-alert-title\">{}</strong>",
        crate::html::escape_attr(label)
    )
}

fn open_name(k: &Open) -> String {
    match k {
        Open::Row => "row".into(),
        Open::Column => "column".into(),
        Open::Zone | Open::Transparent => "zone".into(),
        Open::Moniker => "moniker".into(),
        Open::Image => "image".into(),
        Open::Unknown(n) => n.clone(),
    }
}

fn close(c: &mut Composer, o: &Opened, at: usize) {
    let p = Place {
        at,
        prefix: &o.prefix,
    };
    match o.kind {
        Open::Row | Open::Column => blocks::close_div(c, p),
        Open::Zone | Open::Moniker => blocks::switch_close(c, p),
        Open::Image => blocks::figure_close(c, p),
        Open::Transparent | Open::Unknown(_) => {}
    }
}

/// The tabs of the group whose first heading is line `i`.
fn collect_tabs(text: &str, lines: &[Range<usize>], i: usize, level: usize) -> Vec<Tab> {
    let mut tabs = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    for r in &lines[i..] {
        let body = text[r.clone()].trim_end_matches(['\n', '\r']);
        if let Some(f) = fence {
            if fence_closes(body, f) {
                fence = None;
            }
            continue;
        }
        if let Some(f) = fence_open(body) {
            fence = Some(f);
            continue;
        }
        if let Some((l, tab)) = tab_heading(body, r.start) {
            if l == level {
                tabs.push(tab);
                continue;
            }
        }
        if is_thematic_dash(body) || atx_level(body).is_some_and(|l| l <= level) {
            break;
        }
    }
    tabs
}
