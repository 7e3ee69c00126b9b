//! `sitemap.xml`, built in Rust and escaped.

#[allow(unused_imports)]
use super::*;

/// `sitemap.xml`: every article with its real translations as `xhtml:link`
/// alternates and `x-default`, then the generated locale indexes.
pub(super) fn sitemap(site: &Site, locale_indexes: &[usize]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for a in &site.articles {
        xml.push_str("<url>\n<loc>");
        xml.push_str(&escape(&site.absolute_url(&a.url)));
        xml.push_str("</loc>\n");
        if let Ok(Some(d)) = site.frontmatter[a.file].date() {
            xml.push_str(&format!("<lastmod>{}</lastmod>\n", d.iso()));
        }
        let group = &site.groups[a.group];
        for &m in &group.members {
            let t = &site.articles[m];
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape(&site.locales[t.locale].tag),
                escape(&site.absolute_url(&t.url))
            ));
        }
        if let Some(href) = site.x_default_href(a.group) {
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                escape(&href)
            ));
        }
        xml.push_str("</url>\n");
    }
    for &l in locale_indexes {
        let url = home_url(site, &site.locales[l]);
        xml.push_str(&format!(
            "<url>\n<loc>{}</loc>\n</url>\n",
            escape(&site.absolute_url(&url))
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}
