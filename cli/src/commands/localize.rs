//! `localize [FILE]`: an error body from the API, with its localized message.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use defender_errors::{ResponseInfo, MAX_BODY_BYTES};

use super::{catalog, check_locale, print_body};
use crate::error::Error;
use crate::flags::LocalizeArgs;

/// Prints the body of `args.file` (or standard input), localized.
pub fn exec(args: &LocalizeArgs, locales: Option<&Path>) -> Result<(), Error> {
    let catalog = catalog(locales)?;
    let body = read_body(args.file.as_ref())?;
    check_locale(&catalog, &args.lang, args.strict)?;
    let info = ResponseInfo::new()
        .status(args.status)
        .retry_after(args.retry_after);
    let localized = catalog
        .localize_body(&body, catalog.negotiate(&args.lang).locale, &info)
        .map_err(|error| Error::Envelope {
            input: args
                .file
                .as_ref()
                .map_or("standard input".to_owned(), |f| f.display().to_string()),
            error,
        })?;
    print_body(&localized)
}

/// The body from `file`, or stdin; at most `MAX_BODY_BYTES` + 1 bytes are
/// read, so that an endless input is refused instead of filling memory.
fn read_body(file: Option<&PathBuf>) -> Result<String, Error> {
    let limit = u64::try_from(MAX_BODY_BYTES).unwrap_or(u64::MAX) + 1;
    let mut bytes = Vec::new();
    match file {
        Some(path) => std::fs::File::open(path)
            .and_then(|f| f.take(limit).read_to_end(&mut bytes))
            .map_err(|source| Error::Read {
                what: path.display().to_string(),
                source,
            }),
        None => io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Read {
                what: "standard input".to_owned(),
                source,
            }),
    }?;
    String::from_utf8(bytes).map_err(|_| Error::NotUtf8)
}
