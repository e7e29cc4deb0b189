//! `check [DIR]`: the translators' checks of a directory of locale files, as
//! a compiler shows its findings.

use std::io::{self, IsTerminal};
use std::path::Path;

use defender_errors::check;

use super::{files_read, print, working};
use crate::diagnostics;
use crate::error::Error;
use crate::flags::{CheckArgs, Format};

/// Prints the findings and the coverage; [`Error::Failed`] when they fail
/// the check.
pub fn exec(args: &CheckArgs, locales: Option<&Path>) -> Result<(), Error> {
    let dir = args.dir.clone().unwrap_or_else(|| working(locales));
    let report = check::dir(&dir)?;
    let text = match args.format {
        Format::Text => {
            let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            format!(
                "checked {}\n\n{}",
                files_read(&dir, &report),
                diagnostics::text(&report, color)
            )
        }
        Format::Json => serde_json::to_string_pretty(&diagnostics::json(&dir, &report))? + "\n",
    };
    print(&text)?;
    if report.fails(args.deny_warnings) {
        return Err(Error::Failed);
    }
    Ok(())
}
