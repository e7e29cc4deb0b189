//! `negotiate HEADER`: the locale an `Accept-Language` value gets.

use std::path::Path;

use super::{catalog, print};
use crate::error::Error;
use crate::flags::NegotiateArgs;

/// Prints the locale chosen for `args.header`.
pub fn exec(args: &NegotiateArgs, locales: Option<&Path>) -> Result<(), Error> {
    let catalog = catalog(locales)?;
    let chosen = catalog.negotiate(&args.header).locale;
    print(&format!("{}\n", catalog.locale_id(chosen)))
}
