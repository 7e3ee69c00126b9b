//! The self-contained HTML status page (`_status/index.html`).

#[allow(unused_imports)]
use super::*;

pub(super) const CSS: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}\
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}\
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}\
.source{font-weight:bold}.current{background:#e3f6e3}.stale{background:#fff2c6}.unknown{color:#666}\
.missing{background:#fbdcdc}.orphan{background:#f1dcf6}.absent{color:#aaa}.mt{font-size:.8em;color:#555}\
.note{color:#444}";

/// The status page at [`PAGE_PATH`] when `status_page = true`, as a
/// [`crate::render::PageProducer`].
pub fn page(f: &Finished<'_>) -> Vec<Page> {
    if !f.site.config.status_page {
        return Vec::new();
    }
    let matrix = Matrix::new(f.site, f.outputs, f.states, f.history);
    vec![Page {
        path: PAGE_PATH.to_string(),
        bytes: html(f.site, &matrix).into_bytes(),
    }]
}

/// The HTML report: a complete page, every text escaped, no external
/// resources. Links go to the articles' URLs in the built site.
pub fn html(site: &Site, m: &Matrix) -> String {
    let mut h = String::new();
    let title = format!("Translation status: {}", site.config.title);
    h.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n",
    );
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n");
    h.push_str(&format!(
        "<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&title),
        escape(&title)
    ));
    let default = escape(&m.default_locale);
    if m.source_articles == 0 {
        h.push_str(&format!(
            "<p class=\"note\"><strong>No sources:</strong> the default locale <code>{default}</code> has no source articles, so every translation group ({}) lacks its source.</p>\n",
            m.groups
        ));
    } else {
        h.push_str(&format!(
            "<p>Default locale <code>{default}</code>: {} source articles ({} words) in {} translation groups.</p>\n",
            thousands(m.source_articles),
            thousands(m.source_words),
            thousands(m.groups)
        ));
    }
    h.push_str("<h2>Locales</h2>\n<table>\n<tr><th>locale</th><th>articles</th><th>coverage</th><th>words</th><th>up to date</th><th>stale</th><th>unknown</th><th>missing</th><th>orphan</th><th>machine</th><th>human</th></tr>\n");
    for l in &m.locales {
        let cov = if !l.default {
            pct(l.coverage_articles)
        } else if m.source_articles > 0 {
            "source".to_string()
        } else {
            "default".to_string()
        };
        let words = if l.default {
            String::new()
        } else {
            pct(l.coverage_words)
        };
        // The default locale has no translation counts, only orphans.
        let n = |v: usize, only_translations: bool| {
            if l.default && (only_translations || l.orphan == 0) {
                String::new()
            } else {
                v.to_string()
            }
        };
        h.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            escape(&l.locale),
            l.articles,
            escape(&cov),
            escape(&words),
            n(l.current, true),
            n(l.stale, true),
            n(l.unknown, true),
            n(l.missing, true),
            n(l.orphan, false),
            n(l.machine, false),
            n(l.human, false)
        ));
    }
    h.push_str("</table>\n<h2>Translation groups</h2>\n<table>\n<tr><th>group</th>");
    for l in &m.locales {
        h.push_str(&format!("<th>{}</th>", escape(&l.locale)));
    }
    h.push_str("</tr>\n");
    for r in &m.rows {
        let id = r
            .asset_id
            .as_deref()
            .map(|id| format!(" title=\"{}\"", escape(id)))
            .unwrap_or_default();
        h.push_str(&format!("<tr><td{id}>{}</td>", escape(&r.name)));
        for c in &r.cells {
            let label = match c.state {
                CellState::Source => "source".to_string(),
                CellState::Current => "up to date".to_string(),
                CellState::Stale => match &c.source_changed {
                    Some(d) => format!("stale (source changed {d})"),
                    None => "stale".to_string(),
                },
                CellState::Unknown => "unknown".to_string(),
                CellState::Missing => "missing".to_string(),
                CellState::Orphan => "orphan".to_string(),
                CellState::External => "translation of the external source".to_string(),
                CellState::Absent => "·".to_string(),
            };
            let class = serde_json::to_value(c.state)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let text = match c.article {
                Some(a) => format!(
                    "<a href=\"{}\">{}</a>",
                    escape(&site.articles[a].url),
                    escape(&label)
                ),
                None => escape(&label),
            };
            let mt = if c.machine {
                " <span class=\"mt\">MT</span>"
            } else {
                ""
            };
            h.push_str(&format!("<td class=\"{class}\">{text}{mt}</td>"));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n<p class=\"note\">Coverage counts translated source articles; words, their share of the source words. MT: marked machine-translated. Generated by stele.</p>\n</body>\n</html>\n");
    h
}
