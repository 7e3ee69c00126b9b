//! A site's own shortcodes: Tera templates in
//! `themes/<theme>/shortcodes/<name>.html`, as Zola has them.
//!
//! A template sees every named argument by its name (`-` written `_`),
//! `args` (the positional arguments, in order), `params` (the named ones as
//! a map), `inner` (the Markdown between the opening and the closing tag,
//! nested shortcodes expanded; also as `body`, Zola's name), `name` and
//! `page` (the page's frontmatter). Arguments are escaped in the output;
//! `inner` is not (it is the page's own Markdown). The output takes the
//! shortcode's place in the Markdown.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::include::shortcode::Tag;

/// The site's shortcode templates.
#[derive(Default)]
pub struct Templates {
    tera: Option<tera::Tera>,
    names: BTreeSet<String>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("names", &self.names)
            .finish()
    }
}

impl Templates {
    /// Templates from theme files (path below the theme, bytes); files
    /// outside `shortcodes/` are ignored. `Err` names a template that is
    /// not UTF-8 or not valid Tera.
    pub fn from_files<'f>(
        files: impl IntoIterator<Item = (&'f str, &'f [u8])>,
    ) -> anyhow::Result<Templates> {
        let mut sources = Vec::new();
        for (path, bytes) in files {
            let path = path.replace('\\', "/");
            let Some(file) = path.strip_prefix("shortcodes/") else {
                continue;
            };
            let Some(name) = file.strip_suffix(".html") else {
                continue;
            };
            let text = String::from_utf8(bytes.to_vec())
                .map_err(|_| anyhow::anyhow!("shortcode template `{path}` is not valid UTF-8"))?;
            sources.push((name.to_ascii_lowercase(), format!("{name}.html"), text));
        }
        if sources.is_empty() {
            return Ok(Templates::default());
        }
        let mut tera = tera::Tera::new();
        for (_, file, text) in &sources {
            tera.add_raw_template(file, text).map_err(|e| {
                anyhow::anyhow!("shortcode template `shortcodes/{file}` is not valid Tera: {e}")
            })?;
        }
        Ok(Templates {
            tera: Some(tera),
            names: sources.into_iter().map(|(n, _, _)| n).collect(),
        })
    }

    /// Whether the site defines shortcode `name` (lower case).
    pub fn has(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// Renders shortcode `name` for one tag. `Err` is the template error.
    pub fn render(
        &self,
        name: &str,
        tag: &Tag,
        inner: &str,
        page: &Map<String, Value>,
    ) -> Result<String, String> {
        let Some(tera) = &self.tera else {
            return Err("no templates".into());
        };
        let mut ctx = tera::Context::new();
        let mut params = std::collections::BTreeMap::new();
        let mut args = Vec::new();
        for a in &tag.args {
            match &a.name {
                Some(n) => {
                    params.insert(n.clone(), a.value.clone());
                    ctx.insert(n.replace('-', "_"), &a.value);
                }
                None => args.push(a.value.clone()),
            }
        }
        ctx.insert("args", &args);
        ctx.insert("params", &params);
        ctx.insert("name", &tag.name);
        ctx.insert("page", page);
        ctx.insert_value("inner", tera::Value::safe_string(inner));
        ctx.insert_value("body", tera::Value::safe_string(inner));
        let file = tera
            .get_template_names()
            .find(|f| {
                f.strip_suffix(".html")
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
            .map(str::to_string)
            .unwrap_or_else(|| format!("{name}.html"));
        tera.render(&file, &ctx).map_err(|e| chain(&e))
    }
}

/// A Tera error on one line: its message and where in the template.
fn chain(e: &tera::Error) -> String {
    let mut parts = Vec::new();
    let mut cur: Option<&dyn std::error::Error> = Some(e);
    while let Some(c) = cur {
        let text = c.to_string();
        let mut lines = text.lines().map(str::trim);
        if let Some(first) = lines.next() {
            let first = first.strip_prefix("error: ").unwrap_or(first);
            let at = lines.find_map(|l| l.strip_prefix("--> "));
            parts.push(match at {
                Some(at) => format!("{first} (at `{at}`)"),
                None => first.to_string(),
            });
        }
        cur = c.source();
    }
    parts.join(": ")
}
