//! The terminal: exit codes, colour, plurals and the progress spinner, for
//! every command (`cli`, `serve`) and every text a person reads (`report`,
//! `status`, `lint`'s messages).

use std::io::IsTerminal;

/// Exit code: the command succeeded.
pub const EXIT_OK: u8 = 0;
/// Exit code: the site has content errors (the build still wrote what it could).
pub const EXIT_CONTENT: u8 = 1;
/// Exit code: usage, configuration or I/O failure.
pub const EXIT_FAILURE: u8 = 2;

/// Whether the human format uses ANSI colour. The caller decides (a
/// terminal, no `NO_COLOR`); the machine formats ignore it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Always,
    Never,
}

/// Colour on stderr: only on a terminal, never with `NO_COLOR`.
pub fn stderr_color() -> Color {
    color_if(std::io::stderr().is_terminal())
}

/// Colour on stdout: only on a terminal, never with `NO_COLOR`.
pub fn stdout_color() -> Color {
    color_if(std::io::stdout().is_terminal())
}

fn color_if(terminal: bool) -> Color {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    if !no_color && !dumb && terminal {
        Color::Always
    } else {
        Color::Never
    }
}

/// How the number of a count is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digits {
    /// `2331`
    Plain,
    /// `2,331` (tables of `stele status`)
    Grouped,
}

/// `1,234,567`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` and the form of a word that goes with it: `1 names`, `2,327 name`
/// (`one` for 1, `many` otherwise). The one pluralizer; [`plural`] is
/// the common case.
pub fn counted(n: usize, one: &str, many: &str, digits: Digits) -> String {
    let number = match digits {
        Digits::Plain => n.to_string(),
        Digits::Grouped => thousands(n),
    };
    format!("{number} {}", if n == 1 { one } else { many })
}

/// `1 article`, `2 articles`.
pub fn plural(n: usize, word: &str) -> String {
    counted(n, word, &format!("{word}s"), Digits::Plain)
}

/// A spinner on stderr while a long build runs, only on a terminal.
pub struct Spinner(Option<indicatif::ProgressBar>);

impl Spinner {
    pub fn start(quiet: bool) -> Spinner {
        if quiet || !std::io::stderr().is_terminal() {
            return Spinner(None);
        }
        let pb = indicatif::ProgressBar::new_spinner();
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        Spinner(Some(pb))
    }

    pub fn message(&self, msg: &'static str) {
        if let Some(pb) = &self.0 {
            pb.set_message(msg);
        }
    }

    pub fn finish(&self) {
        if let Some(pb) = &self.0 {
            pb.finish_and_clear();
        }
    }
}
