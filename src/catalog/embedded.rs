//! The locale files shipped in the binary.

use include_dir::{include_dir, Dir};

/// `locales/` as it was at build time; `build.rs` makes cargo rebuild when it changes.
static LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// The name of the one file each locale directory holds.
pub(crate) const FILE_NAME: &str = "errors.ftl";

/// Every embedded locale as `(id, source)`: each directory of `locales/` that
/// holds an `errors.ftl` in UTF-8.
pub(crate) fn sources() -> impl Iterator<Item = (&'static str, &'static str)> {
    LOCALES.dirs().filter_map(|dir| {
        let id = dir.path().file_name()?.to_str()?;
        let file = dir.get_file(dir.path().join(FILE_NAME))?;
        Some((id, file.contents_utf8()?))
    })
}
