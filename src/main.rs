//! The `stele` binary: a thin wrapper around [`stele::cli::run`].

use std::process::ExitCode;

fn main() -> ExitCode {
    match stele::cli::run() {
        Ok(code) => code,
        Err(err) => {
            // `{:#}` prints the context chain on one line; hints are on their own lines.
            eprintln!("error: {err:#}");
            ExitCode::from(stele::term::EXIT_FAILURE)
        }
    }
}
