//! `mark-reviewed LOCALE [ID...]`: records the English a translation was
//! reviewed against.

use std::path::Path;

use defender_errors::check;

use super::{print, working};
use crate::error::Error;
use crate::flags::MarkReviewedArgs;

/// Records the review of `args.ids` of `args.locale` (all, without ids) in
/// the translator's directory.
pub fn exec(args: &MarkReviewedArgs, locales: Option<&Path>) -> Result<(), Error> {
    let dir = working(locales);
    check::dir(&dir)?;
    let recorded = check::mark_reviewed(&dir, &args.locale, &args.ids)?;
    print(&format!(
        "recorded the English of {} message{} of {} as reviewed in {}\n",
        recorded.len(),
        if recorded.len() == 1 { "" } else { "s" },
        args.locale,
        dir.join(&args.locale).join(check::RECORD_FILE).display()
    ))
}
