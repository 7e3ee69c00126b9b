//! SARIF 2.1.0, for code-scanning uploads.

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------- sarif

pub(super) const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
pub(super) struct SarifLog {
    #[serde(rename = "$schema")]
    pub(super) schema: &'static str,
    pub(super) version: &'static str,
    pub(super) runs: [SarifRun; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifRun {
    pub(super) tool: SarifTool,
    pub(super) column_kind: &'static str,
    pub(super) results: Vec<SarifResult>,
}

#[derive(Serialize)]
pub(super) struct SarifTool {
    pub(super) driver: SarifDriver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifDriver {
    pub(super) name: &'static str,
    pub(super) version: &'static str,
    /// `repository` of Cargo.toml, when it is set.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub(super) information_uri: &'static str,
    pub(super) rules: Vec<SarifRule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifRule {
    pub(super) id: &'static str,
    pub(super) short_description: SarifText,
    pub(super) default_configuration: SarifConfiguration,
}

#[derive(Serialize)]
pub(super) struct SarifConfiguration {
    pub(super) level: &'static str,
}

#[derive(Serialize)]
pub(super) struct SarifText {
    pub(super) text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifResult {
    pub(super) rule_id: &'static str,
    pub(super) rule_index: usize,
    pub(super) level: &'static str,
    pub(super) message: SarifText,
    pub(super) locations: [SarifLocation; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifLocation {
    pub(super) physical_location: SarifPhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifPhysicalLocation {
    pub(super) artifact_location: SarifArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) region: Option<SarifRegion>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifArtifactLocation {
    pub(super) uri: String,
    pub(super) uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifRegion {
    pub(super) start_line: u32,
    pub(super) start_column: u32,
    pub(super) end_line: u32,
    pub(super) end_column: u32,
}

/// Characters left as they are in an artifact URI: RFC 3986 unreserved and `/`.
pub(super) const URI_PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// `prefix`: the site root relative to the repository root (`docs/site/`),
/// or empty for URIs relative to the site root.
pub(super) fn write_sarif(
    out: &mut dyn Write,
    diags: &[&Diagnostic],
    prefix: &str,
) -> io::Result<()> {
    // Relative to the repository root when the prefix is known.
    let base = if prefix.is_empty() {
        "SITEROOT"
    } else {
        "SRCROOT"
    };
    let rules = Code::ALL
        .iter()
        .map(|c| SarifRule {
            id: c.as_str(),
            short_description: SarifText {
                text: c.description().to_string(),
            },
            default_configuration: SarifConfiguration {
                level: c.default_severity().as_str(),
            },
        })
        .collect();
    let results = diags
        .iter()
        .map(|d| SarifResult {
            rule_id: d.code.as_str(),
            rule_index: Code::ALL
                .iter()
                .position(|c| *c == d.code)
                .unwrap_or_default(),
            level: d.severity.as_str(),
            message: SarifText {
                text: message_with_hint(d),
            },
            locations: [SarifLocation {
                physical_location: SarifPhysicalLocation {
                    artifact_location: SarifArtifactLocation {
                        uri: utf8_percent_encode(&format!("{prefix}{}", d.file), URI_PATH)
                            .to_string(),
                        uri_base_id: base,
                    },
                    region: d.span.map(|s| SarifRegion {
                        start_line: s.line,
                        start_column: s.column,
                        end_line: s.end_line,
                        end_column: s.end_column,
                    }),
                },
            }],
        })
        .collect();
    let log = SarifLog {
        schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [SarifRun {
            tool: SarifTool {
                driver: SarifDriver {
                    name: "stele",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
