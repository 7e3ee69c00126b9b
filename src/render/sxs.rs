//! The side-by-side view of `stele serve`: source and translation split at
//! their headings and paired in order.

#[allow(unused_imports)]
use super::*;

#[derive(Serialize, Hash)]
pub(super) struct SxsView<'a> {
    pub(super) source_lang: String,
    pub(super) source_dir: &'static str,
    pub(super) source_label: String,
    pub(super) translation_label: String,
    pub(super) rows: SxsRows<'a>,
    /// The translation carries machine-translation originals.
    pub(super) has_originals: bool,
}

/// The rows of the side-by-side view, made when they are serialized (each
/// section copy is an HTML rewrite), hashed as what they are made of.
pub(super) struct SxsRows<'a> {
    pub(super) source: Html<'a>,
    pub(super) source_headings: &'a [Heading],
    pub(super) translation: Html<'a>,
    pub(super) translation_headings: &'a [Heading],
    /// Source anchors the translation lacks, sorted.
    pub(super) missing: Vec<String>,
    pub(super) missing_label: String,
}

impl SxsRows<'_> {
    pub(super) fn rows(&self) -> Vec<SxsRow> {
        let missing: HashSet<String> = self.missing.iter().cloned().collect();
        let src_sections = sections(self.source.text, self.source_headings);
        let tr_sections = sections(self.translation.text, self.translation_headings);
        (0..src_sections.len().max(tr_sections.len()))
            .filter(|&k| {
                let blank = |v: &Vec<&str>| v.get(k).is_none_or(|h| h.trim().is_empty());
                !(blank(&src_sections) && blank(&tr_sections))
            })
            .map(|k| SxsRow {
                source: src_sections
                    .get(k)
                    .map(|h| sxs_copy(h, &missing, &self.missing_label))
                    .unwrap_or_default(),
                translation: tr_sections
                    .get(k)
                    .map(|h| sxs_copy(h, &HashSet::new(), ""))
                    .unwrap_or_default(),
            })
            .collect()
    }
}

impl Serialize for SxsRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.rows().serialize(s)
    }
}

impl Hash for SxsRows<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // `sections` reads only where each heading starts.
        let starts = |hs: &[Heading]| hs.iter().map(|h| h.html_start).collect::<Vec<_>>();
        self.source.hash(state);
        starts(self.source_headings).hash(state);
        self.translation.hash(state);
        starts(self.translation_headings).hash(state);
        self.missing.hash(state);
        self.missing_label.hash(state);
    }
}

#[derive(Serialize)]
pub(super) struct SxsRow {
    pub(super) source: String,
    pub(super) translation: String,
}

impl<'a> Ctx<'a> {
    /// The source beside the translation, section by section.
    pub(super) fn sxs_view(
        &self,
        lc: &LocaleCtx<'_>,
        source: ArticleId,
        translation: ArticleId,
    ) -> SxsView<'_> {
        let site = self.site;
        let src_locale = &site.locales[site.articles[source].locale];
        let tr_locale = &site.locales[site.articles[translation].locale];
        let s: &'a crate::markdown::Rendered = &self.outputs[source].rendered;
        let t: &'a crate::markdown::Rendered = &self.outputs[translation].rendered;
        // The `anchor-parity` rule; a set here, sorted for the page's key.
        let mut missing: Vec<String> = crate::analyze::anchors::missing(s, t)
            .into_iter()
            .map(str::to_string)
            .collect();
        missing.sort();
        let rows = SxsRows {
            source: self.html(source),
            source_headings: &s.headings,
            translation: self.html(translation),
            translation_headings: &t.headings,
            missing,
            missing_label: lc.ui.text("sxs-missing-anchor"),
        };
        SxsView {
            source_lang: src_locale.tag.clone(),
            source_dir: src_locale.dir.as_str(),
            source_label: lc
                .ui
                .message(
                    "sxs-source",
                    &[("language", &lc.ui.language_name(src_locale))],
                )
                .unwrap_or_default(),
            translation_label: lc
                .ui
                .message(
                    "sxs-translation",
                    &[("language", &lc.ui.language_name(tr_locale))],
                )
                .unwrap_or_default(),
            rows,
            has_originals: t.html.contains("sxs-lookup"),
        }
    }
}

/// The HTML split at the start of every heading: the part before the first
/// heading, then one part per heading.
pub(super) fn sections<'h>(html: &'h str, headings: &[Heading]) -> Vec<&'h str> {
    let mut cuts: Vec<usize> = headings
        .iter()
        .map(|h| h.html_start)
        .filter(|&p| p <= html.len() && html.is_char_boundary(p))
        .collect();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for c in cuts {
        if c < start {
            continue;
        }
        out.push(&html[start..c]);
        start = c;
    }
    out.push(&html[start..]);
    out
}

/// A copy of a section for the side-by-side view: ids and names become
/// `data-` attributes (the page already has them), anchors in `missing` are
/// marked.
pub(super) fn sxs_copy(html: &str, missing: &HashSet<String>, label: &str) -> String {
    use lol_html::{RewriteStrSettings, element, rewrite_str};
    let result = rewrite_str(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!("[id], a[name]", |el| {
            let mut anchor = None;
            for attr in ["id", "name"] {
                if let Some(v) = el.get_attribute(attr) {
                    el.remove_attribute(attr);
                    el.set_attribute(&format!("data-sxs-{attr}"), &v)?;
                    if missing.contains(&v) {
                        anchor = Some(v);
                    }
                }
            }
            if let Some(v) = anchor {
                let class = match el.get_attribute("class") {
                    Some(c) => format!("{c} stele-sxs-missing-anchor"),
                    None => "stele-sxs-missing-anchor".to_string(),
                };
                el.set_attribute("class", &class)?;
                el.set_attribute("data-anchor", &v)?;
                el.set_attribute("title", label)?;
            }
            Ok(())
        })),
    );
    result.unwrap_or_else(|_| html.to_string())
}
