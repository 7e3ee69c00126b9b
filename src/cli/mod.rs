//! The command line: parses arguments, runs a command, returns the exit
//! code. Diagnostics and progress go to stderr, data (JSON, SARIF,
//! GitHub annotations, status tables) to stdout.
//!
//! Exit codes: 0 success; 1 content errors (or warnings with
//! `--deny-warnings`); 2 usage, configuration or I/O failure.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use crate::config::{Config, Overrides};
use crate::pipeline::{self, Built};
use crate::report::{self, Format};
use crate::term::{Color, EXIT_CONTENT, EXIT_OK, Spinner, plural, stderr_color, stdout_color};

/// stele: build multilingual documentation sites.
#[derive(Debug, Parser)]
#[command(
    name = "stele",
    version,
    about = "Build, check and preview multilingual documentation sites",
    long_about = "stele reads Markdown articles in every locale of a site (content/<locale>/…), groups translations by asset id, checks every link, #anchor and include, and renders localized HTML.",
    after_help = "Exit codes: 0 success, 1 content errors, 2 usage, configuration or I/O failure.\nSet NO_COLOR to disable colour.",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into its output directory (public/ by default)
    Build(BuildArgs),
    /// Check every link, anchor and include without writing anything
    Check(CheckArgs),
    /// Preview the site: build in memory, serve on 127.0.0.1, rebuild and reload on every save
    Serve(ServeArgs),
    /// Show the translation status: missing, stale and machine-translated articles per locale
    Status(StatusArgs),
}

/// Options every command that reads a site shares.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site root: the directory holding content/ and stele.toml
    #[arg(default_value = ".")]
    pub site: PathBuf,
    /// Build only this locale (repeatable); the default locale is always included
    #[arg(long = "locale", value_name = "CODE")]
    pub locales: Vec<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output directory (default: `output_dir` from stele.toml, else public/ under the site root)
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Base URL for canonical links, hreflang and the sitemap, e.g. https://docs.example.com
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print only errors and warnings, no summary
    #[arg(short, long)]
    pub quiet: bool,
    /// When another build is writing to the same output directory, exit with 2 instead of waiting
    #[arg(long)]
    pub no_wait: bool,
    #[command(flatten)]
    pub limit: LimitArgs,
}

/// How many diagnostics the human format shows.
#[derive(Debug, Args)]
pub struct LimitArgs {
    /// Show every diagnostic in the human format (default: at most 20 of each code, then a table of counts)
    #[arg(long, conflicts_with = "max_per_code")]
    pub all: bool,
    /// Show at most N diagnostics of each code in the human format (JSON, GitHub and SARIF always list all)
    #[arg(long, value_name = "N")]
    pub max_per_code: Option<usize>,
}

impl LimitArgs {
    fn limit(&self) -> report::overview::Limit {
        use report::overview::Limit;
        match (self.all, self.max_per_code) {
            (true, _) => Limit::All,
            (false, Some(n)) => Limit::PerCode(n),
            (false, None) => Limit::default(),
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output format: human (stderr), json, github or sarif (stdout)
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Exit with 1 when there are warnings, not only errors
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also fetch external (http, https) links; settings under `[check.external]` in stele.toml
    #[arg(long)]
    pub external: bool,
    #[command(flatten)]
    pub limit: LimitArgs,
    /// SARIF locations relative to this folder (default: the git repository's top level, else the site root)
    #[arg(long, value_name = "DIR")]
    pub sarif_root: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to listen on (0: any free port)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; anything but a loopback address makes the preview reachable from other machines (on loopback, requests whose Host header is not this machine get 403)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the preview in the default browser
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output format: human (a table), json or html (a report page), on stdout
    #[arg(long, value_enum, default_value = "human", conflicts_with = "stamp")]
    pub format: crate::status::StatusFormat,
    /// Record the current source's hash (`source_hash`) in these translations' frontmatter (put SITE first)
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub stamp: Vec<PathBuf>,
}

/// Parses the command line and runs it.
pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Serve(args) => crate::serve::run(crate::serve::Options {
            site: args.site.site,
            locales: args.site.locales,
            bind: args.bind,
            port: args.port,
            open: args.open,
        }),
        Command::Status(args) => status(args),
    }
}

fn load_config(
    site: &SiteArgs,
    output: Option<PathBuf>,
    base_url: Option<String>,
) -> Result<Config> {
    let overrides = Overrides {
        // A relative -o is relative to the working directory, as users expect.
        output_dir: output.map(|o| {
            if o.is_absolute() {
                o
            } else {
                std::env::current_dir().map(|d| d.join(&o)).unwrap_or(o)
            }
        }),
        base_url,
        locales: site.locales.clone(),
    };
    Config::load(&site.site, &overrides)
}

/// The diagnostics and the summary in `format` (`stele check`).
fn print_diagnostics(
    built: &Built,
    format: Format,
    options: &report::Options,
    out: &mut dyn Write,
) -> Result<()> {
    let sources = built.site.texts_by_path();
    let lookup = |p: &str| sources.get(p).copied();
    let color = if format == Format::Human {
        stderr_color()
    } else {
        Color::Never
    };
    report::write_with(
        out,
        format,
        &built.diagnostics,
        &built.summary,
        &lookup,
        color,
        options,
    )?;
    Ok(())
}

/// The site root relative to `--sarif-root`, else to the git repository's
/// top level, else empty, with a trailing slash.
fn sarif_prefix(root: &std::path::Path, sarif_root: Option<&std::path::Path>) -> Result<String> {
    let Some(dir) = sarif_root else {
        return Ok(crate::read::history::repository_prefix(root).unwrap_or_default());
    };
    let dir = std::fs::canonicalize(dir)
        .map_err(|e| anyhow::anyhow!("cannot open `--sarif-root {}`: {e}", dir.display()))?;
    let Ok(rel) = root.strip_prefix(&dir) else {
        anyhow::bail!(
            "the site `{}` is not inside `--sarif-root {}`",
            root.display(),
            dir.display()
        );
    };
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    Ok(if rel.is_empty() {
        rel
    } else {
        format!("{rel}/")
    })
}

fn build(args: BuildArgs) -> Result<ExitCode> {
    let start = Instant::now();
    let config = load_config(&args.site, args.output, args.base_url)?;
    let out = crate::output::validate(&config)?;
    let wait = if args.no_wait {
        crate::output::lock::Wait::Refuse
    } else {
        crate::output::lock::Wait::Block
    };
    let lock = crate::output::lock::acquire(&out, wait, &mut |msg| eprintln!("{msg}"))?;
    crate::output::interrupt::install();
    let spinner = Spinner::start(args.quiet);
    spinner.message("reading");
    let inputs = pipeline::load(config)?;
    spinner.message("rendering");
    let built = pipeline::run(inputs);
    spinner.message("writing");
    let written = crate::output::write(&built.site.config, &built.pages, &built.copies, &lock)?;
    drop(lock);
    spinner.finish();
    let mut err = std::io::stderr().lock();
    if !args.quiet {
        for dir in &written.leftovers_removed {
            writeln!(
                err,
                "note: removed `{}`, left by an interrupted build",
                dir.display()
            )?;
        }
    }
    if !built.diagnostics.is_empty() {
        // Without the check summary line: the build prints its own below.
        let sources = built.site.texts_by_path();
        report::write_diagnostics(
            &mut err,
            &built.diagnostics,
            &|p: &str| sources.get(p).copied(),
            stderr_color(),
            args.limit.limit(),
        )?;
    }
    if !args.quiet {
        let s = &built.summary;
        writeln!(
            err,
            "built {} in {}: {} written to `{}` in {:.2}s ({}, {})",
            plural(s.articles, "article"),
            plural(built.site.locales.len(), "locale"),
            plural(written.files, "file"),
            built.site.config.output_dir.display(),
            start.elapsed().as_secs_f64(),
            plural(s.errors, "error"),
            plural(s.warnings, "warning"),
        )?;
    }
    Ok(ExitCode::from(if built.summary.errors > 0 {
        EXIT_CONTENT
    } else {
        EXIT_OK
    }))
}

fn check(args: CheckArgs) -> Result<ExitCode> {
    let config = load_config(&args.site, None, None)?;
    let inputs = pipeline::load(config)?;
    let mut built = pipeline::run(inputs);
    if args.external {
        let outcome = crate::external::check_built(&mut built);
        let mut err = std::io::stderr().lock();
        for note in &outcome.notes {
            writeln!(err, "note: {note}")?;
        }
        if args.format == Format::Human {
            writeln!(
                err,
                "checked {} ({}, {} from the cache)",
                plural(outcome.links, "external link"),
                plural(outcome.urls, "URL"),
                outcome.from_cache
            )?;
        }
    }
    let options = report::Options {
        limit: args.limit.limit(),
        sarif_prefix: if args.format == Format::Sarif {
            sarif_prefix(&built.site.config.root, args.sarif_root.as_deref())?
        } else {
            String::new()
        },
    };
    if args.format == Format::Human {
        print_diagnostics(
            &built,
            Format::Human,
            &options,
            &mut std::io::stderr().lock(),
        )?;
    } else {
        let mut out = std::io::stdout().lock();
        print_diagnostics(&built, args.format, &options, &mut out)?;
        out.flush()?;
    }
    let s = &built.summary;
    let failed = s.errors > 0 || (args.deny_warnings && s.warnings > 0);
    Ok(ExitCode::from(if failed { EXIT_CONTENT } else { EXIT_OK }))
}

fn status(args: StatusArgs) -> Result<ExitCode> {
    use crate::status::{self, StatusFormat};
    let config = load_config(&args.site, None, None)?;
    let inputs = pipeline::load(config)?;
    if !args.stamp.is_empty() {
        let (site, diags) = crate::model::site::build(
            &inputs.config,
            inputs.discovered,
            inputs.default_locale.as_deref(),
        );
        let lines = status::stamp(&site, &diags, &args.stamp)?;
        let mut err = std::io::stderr().lock();
        for line in lines {
            writeln!(err, "{line}")?;
        }
        return Ok(ExitCode::from(EXIT_OK));
    }
    let a = pipeline::analyze(inputs);
    let matrix = status::Matrix::new(&a.site, &a.outputs, &a.states, &a.history);
    let mut out = std::io::stdout().lock();
    match args.format {
        StatusFormat::Human => status::write_human(&mut out, &matrix, stdout_color())?,
        StatusFormat::Json => writeln!(out, "{}", status::json(&matrix))?,
        StatusFormat::Html => out.write_all(status::html(&a.site, &matrix).as_bytes())?,
    }
    out.flush()?;
    Ok(ExitCode::from(EXIT_OK))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
