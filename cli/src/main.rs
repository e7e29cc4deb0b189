//! `defender-errors`: the command-line face of the catalog. `main` parses the
//! arguments (`flags`), runs the command's module (`commands`), and turns its
//! one error type (`error`) into a message and an exit code.

use std::process::ExitCode;

mod commands;
mod diagnostics;
mod error;
mod flags;
mod logs;
mod service;

fn main() -> ExitCode {
    let cli = flags::parse();
    match commands::exec(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if !error.is_quiet() {
                eprintln!("error: {error}");
            }
            ExitCode::from(error.exit_code())
        }
    }
}
