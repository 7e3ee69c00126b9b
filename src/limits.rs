//! `[limits]` in stele.toml: the bounds on user data that keep a build's
//! memory and time bounded. Each limit, when reached, gives one
//! `limit-exceeded` diagnostic that names the limit and its key; none is
//! ever a panic or a hang. See docs/LIMITS.md.
//!
//! ```toml
//! [limits]
//! article_mb = 16         # largest Markdown file, and largest article after include expansion
//! files = 1000000         # most files under content/ (Markdown and static together)
//! include_depth = 64      # deepest nesting of includes
//! toc_entries = 50000     # most entries of one TOC file
//! ```

use serde::Deserialize;

/// `[limits]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest Markdown file, and largest article after include expansion, in MiB.
    pub article_mb: u64,
    /// Most files under `content/`, Markdown and static files together.
    pub files: usize,
    /// Deepest nesting of includes (an article including an include is depth 1).
    pub include_depth: usize,
    /// Most entries (items at any depth) of one TOC file.
    pub toc_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            article_mb: 16,
            files: 1_000_000,
            include_depth: 64,
            toc_entries: 50_000,
        }
    }
}

impl Limits {
    /// [`Limits::article_mb`] in bytes.
    pub fn article_bytes(&self) -> u64 {
        self.article_mb.saturating_mul(1024 * 1024)
    }
}

/// The hint of a `limit-exceeded` diagnostic: how to raise limit `key`.
pub fn hint(key: &str, value: impl std::fmt::Display) -> String {
    format!("raise it in stele.toml: `[limits]` `{key} = …` (now {value}), or split the content")
}

/// Most events YAML aliases may replay in one document (frontmatter, TOC,
/// landing pages): an alias bomb (`a: &a [x, x]`, `b: &b [*a, *a]`, …)
/// stops here instead of exhausting memory. Real files replay a few
/// hundred at most.
pub const YAML_ALIAS_EVENTS: usize = 100_000;

/// Most YAML nodes of one document (a 10,000-entry TOC has about 40,000).
pub const YAML_NODES: usize = 1_000_000;

/// The serde-saphyr options every YAML parse of user files uses: the
/// library's budget, with alias replay and node counts bounded as above.
pub fn yaml_options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.alias_limits.max_total_replayed_events = YAML_ALIAS_EVENTS;
    let mut budget = options.budget.unwrap_or_default();
    budget.max_nodes = YAML_NODES;
    options.budget = Some(budget);
    options
}

/// A `limit-exceeded` diagnostic for a YAML parse error that is one of the
/// budget's limits (an alias bomb, too many nodes, nesting too deep); `None`
/// for other YAML errors. For frontmatter, TOC and landing files alike.
pub fn yaml_limit_diagnostic(path: &str, message: &str) -> Option<crate::diagnostic::Diagnostic> {
    let lower = message.to_ascii_lowercase();
    let is_limit = lower.contains("limit exceeded")
        || lower.contains("budget")
        || lower.contains("too deep")
        || lower.contains("exceeded");
    is_limit.then(|| {
        crate::diagnostic::Diagnostic::new(
            crate::diagnostic::Code::LimitExceeded,
            path,
            format!("the YAML is beyond stele's bounds: {message}; the file's YAML is not used"),
        )
        .with_hint(format!(
            "aliases may replay at most {YAML_ALIAS_EVENTS} events and a document hold {YAML_NODES} nodes, fixed to keep memory bounded: expand fewer aliases or split the file"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_bomb_stops_at_the_replay_limit() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            yaml.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let start = std::time::Instant::now();
        let r = serde_saphyr::from_str_with_options::<serde_json::Value>(&yaml, yaml_options());
        assert!(r.is_err(), "a 10^12-node alias bomb parsed");
        // Bounded: about 0.1 s in release, a few seconds in a debug build on a busy machine.
        assert!(start.elapsed() < std::time::Duration::from_secs(60));
    }

    #[test]
    fn defaults_and_keys() {
        let l: Limits = toml::from_str("article_mb = 2").expect("parses");
        assert_eq!(l.article_bytes(), 2 * 1024 * 1024);
        assert_eq!(l.include_depth, 64);
        assert!(toml::from_str::<Limits>("nope = 1").is_err());
    }
}
