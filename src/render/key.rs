//! Cache keys of template renderings: the [`PageFn`] protocol and the view
//! fields that hash as what they are made of (sidebar, article HTML).

#[allow(unused_imports)]
use super::*;

/// A page's sidebar: its folder's short list (the page's ancestors and
/// siblings, what readers without JavaScript see), rendered once per
/// folder, with the page's link marked current when it is serialized; then
/// the scripts that replace it with the locale's whole tree, one cached
/// file for every page of the locale (`themes/default/static/nav.js`).
/// Hashed as the folder sidebar's hash, the URL (what [`mark_current`]
/// reads) and the scripts, so the key of a page does not hash the
/// sidebar's text again.
#[derive(Default)]
pub(super) struct Nav {
    /// The folder's sidebar and its BLAKE3 hash.
    pub(super) folder: Option<Arc<(String, blake3::Hash)>>,
    pub(super) url: String,
    /// `<script>` of the locale's tree, then the start of the `<script>` of
    /// `nav.js` up to its `data-stele-nav` value (the page URL).
    pub(super) scripts: Option<Arc<str>>,
}

impl Serialize for Nav {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (&self.folder, &self.scripts) {
            (Some(f), Some(scripts)) => {
                let mut html = mark_current(&f.0, &self.url);
                html.push('\n');
                html.push_str(scripts);
                html.push_str(&escape(&self.url));
                html.push_str("\" defer></script>");
                s.serialize_str(&html)
            }
            (Some(f), None) => s.serialize_str(&mark_current(&f.0, &self.url)),
            (None, _) => s.serialize_str(""),
        }
    }
}

impl Hash for Nav {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.folder.as_ref().map(|f| *f.1.as_bytes()).hash(state);
        self.url.hash(state);
        self.scripts.hash(state);
    }
}

/// An article's HTML, hashed as its BLAKE3 hash (computed once per build
/// and article, though several pages show it).
#[derive(Clone, Copy)]
pub(super) struct Html<'a> {
    pub(super) text: &'a str,
    pub(super) hash: &'a OnceLock<blake3::Hash>,
}

pub(super) static NO_HASH: OnceLock<blake3::Hash> = OnceLock::new();

impl Default for Html<'_> {
    fn default() -> Self {
        Html {
            text: "",
            hash: &NO_HASH,
        }
    }
}

impl Serialize for Html<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text)
    }
}

impl Hash for Html<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write(
            self.hash
                .get_or_init(|| blake3::hash(self.text.as_bytes()))
                .as_bytes(),
        );
    }
}

/// Collects what `Hash` implementations write, for the BLAKE3 keys of
/// [`PageFn`] (one hash of the whole, not one update per field: views write
/// many small pieces; large HTML is written as its hash, see [`Html`]).
pub(super) struct Fingerprint(pub(super) Vec<u8>);

impl Fingerprint {
    pub(super) fn finalize(&self) -> blake3::Hash {
        blake3::hash(&self.0)
    }
}

impl Hasher for Fingerprint {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }
    fn finish(&self) -> u64 {
        u64::from_le_bytes(
            self.finalize().as_bytes()[..8]
                .try_into()
                .unwrap_or_default(),
        )
    }
}

/// Renders one template: called with the BLAKE3 hash of everything the
/// template sees (theme, template, output path, `site`, `page` or the
/// sidebar's items, `t`) and the rendering itself. [`render_direct`]
/// renders; `stele serve` passes a cache that returns the bytes it kept
/// for the same key ([`crate::serve::incremental`]). It must return what the
/// rendering returns.
///
/// The key is given as a function (build and check never compute it), with
/// the output path for pages (`None` for sidebars).
pub type PageFn<'a> = dyn Fn(
        &dyn Fn() -> blake3::Hash,
        Option<&str>,
        &dyn Fn() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<Vec<u8>, Diagnostic>
    + Sync
    + 'a;

/// Renders a template into bytes: Tera writes UTF-8, so the bytes are not
/// validated again as `Tera::render`'s `String` would be.
pub(super) fn render_template(
    tera: &tera::Tera,
    template: &str,
    context: &tera::Context,
) -> tera::TeraResult<Vec<u8>> {
    let mut out = Vec::with_capacity(32 * 1024);
    tera.render_to(template, context, &mut out)?;
    Ok(out)
}

/// The [`PageFn`] that renders every time.
pub fn render_direct(
    _key: &dyn Fn() -> blake3::Hash,
    _page: Option<&str>,
    render: &dyn Fn() -> Result<Vec<u8>, Diagnostic>,
) -> Result<Vec<u8>, Diagnostic> {
    render()
}
