//! `check [DIR]`: the translators' checks, as a compiler shows its findings.

use std::io::{self, IsTerminal};
use std::path::Path;

use defender_errors::check;

use super::print;
use crate::diagnostics;
use crate::error::Error;
use crate::flags::{CheckArgs, Format};

/// Prints the findings and the coverage; [`Error::Failed`] when they fail
/// the check.
pub fn exec(args: &CheckArgs, locales: Option<&Path>) -> Result<(), Error> {
    let report = match args.dir.as_deref().or(locales) {
        Some(dir) => check::dir(dir)?,
        None => check::embedded(),
    };
    let text = match args.format {
        Format::Text => {
            let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            diagnostics::text(&report, color)
        }
        Format::Json => serde_json::to_string_pretty(&diagnostics::json(&report))? + "\n",
    };
    print(&text)?;
    if report.fails(args.deny_warnings) {
        return Err(Error::Failed);
    }
    Ok(())
}
