//! `preview`: an HTML page of every message in every locale, written once,
//! or served and following the translator's saved changes (`--serve`).

use std::path::Path;

use defender_errors::check;

use super::{catalog, print, working};
use crate::error::Error;
use crate::flags::PreviewArgs;

mod live;

/// Writes the page, or serves it with `--serve`.
pub fn exec(args: &PreviewArgs, locales: Option<&Path>) -> Result<(), Error> {
    if args.serve {
        return live::serve(args.addr, working(locales));
    }
    let catalog = catalog(locales)?;
    let report = match locales {
        Some(dir) => check::dir(dir)?,
        None => check::embedded(),
    };
    let page = defender_errors::preview::html(&catalog, &report);
    match &args.output {
        Some(path) => {
            std::fs::write(path, page).map_err(|source| Error::WriteFile {
                path: path.clone(),
                source,
            })?;
            print(&format!("wrote the preview page to {}\n", path.display()))
        }
        None => print(&page),
    }
}
