//! `preview`: an HTML page of every message in every locale, written once,
//! or served and following the translator's saved changes (`--serve`).

use std::io::{self, IsTerminal};
use std::path::Path;

use defender_errors::check;

use super::{catalog, files_read, print, working};
use crate::error::Error;
use crate::flags::PreviewArgs;

mod live;

/// Writes the page, or serves it with `--serve`.
pub fn exec(args: &PreviewArgs, locales: Option<&Path>) -> Result<(), Error> {
    if args.serve {
        return live::serve(args.addr, working(locales));
    }
    let dir = working(locales);
    // The page is a few dozen kilobytes of HTML, nothing to read on a terminal.
    if args.output.is_none() && io::stdout().is_terminal() {
        return Err(Error::PreviewToTerminal);
    }
    let catalog = catalog(Some(&dir))?;
    let report = check::dir(&dir)?;
    let page = defender_errors::preview::html(&catalog, &report);
    let read = files_read(&dir, &report);
    match &args.output {
        Some(path) => {
            std::fs::write(path, page).map_err(|source| Error::WriteFile {
                path: path.clone(),
                source,
            })?;
            print(&format!(
                "wrote the preview of {read} to {}\n",
                path.display()
            ))
        }
        None => {
            eprintln!("the preview of {read}");
            print(&page)
        }
    }
}
