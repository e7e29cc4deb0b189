//! The locale files shipped in the binary.

// `locales/` as it was at build time, written out by `build.rs`, which makes
// cargo rebuild when a file there changes.
include!(concat!(env!("OUT_DIR"), "/sources.rs"));

/// The name of the one file each locale's folder holds: `locales/de/errors.ftl`.
///
/// ```
/// assert_eq!(defender_errors::LOCALE_FILE_NAME, "errors.ftl");
/// ```
pub const FILE_NAME: &str = "errors.ftl";

/// Every embedded locale as `(id, source)`: each directory of `locales/` that
/// holds an `errors.ftl` in UTF-8.
pub(crate) fn sources() -> impl Iterator<Item = (&'static str, &'static str)> {
    SOURCES.iter().copied()
}

#[cfg(not(defender_errors_no_precompiled))]
include!(concat!(env!("OUT_DIR"), "/precompiled.rs"));
/// Built with `--cfg defender_errors_no_precompiled` (the WebAssembly
/// module of the npm package, where every byte is downloaded): no blob, so
/// the shipped locales are compiled from their files on first use, as any
/// other file is, into the same patterns.
#[cfg(defender_errors_no_precompiled)]
static PRECOMPILED: &[(&str, &[u8])] = &[];

/// The precompiled form of shipped locale `id`, when `build.rs` found it
/// made from the embedded files (see `precompiled`).
pub(crate) fn precompiled(id: &str) -> Option<&'static [u8]> {
    PRECOMPILED
        .iter()
        .find(|(own, _)| *own == id)
        .map(|(_, blob)| *blob)
}
