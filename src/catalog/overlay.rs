//! Locale files read from a directory at run time, laid out like `locales/`,
//! so that a translator previews a change without rebuilding.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::embedded::FILE_NAME;
use super::load::LoadProblem;

/// The largest locale file read from an overlay directory: 1 MiB. The shipped
/// files are about 5 KiB.
pub const MAX_LOCALE_FILE_BYTES: u64 = 1 << 20;

/// An overlay directory that cannot be read at all.
///
/// ```
/// use defender_errors::CatalogBuilder;
///
/// let err = CatalogBuilder::new().overlay_dir("/no/such/dir").unwrap_err();
/// assert!(err.to_string().starts_with("cannot read the locale directory /no/such/dir: "));
/// ```
#[derive(Debug, thiserror::Error)]
#[error("cannot read the locale directory {}: {source}", path.display())]
pub struct OverlayError {
    /// The directory given.
    pub path: PathBuf,
    /// Why it could not be read.
    #[source]
    pub source: std::io::Error,
}

/// What an overlay directory holds: `(locale id, source)` pairs, and the
/// problems with the files that could not be used.
pub(super) struct Overlay {
    pub(super) sources: Vec<(String, String)>,
    pub(super) problems: Vec<LoadProblem>,
}

/// Reads `<dir>/<locale>/errors.ftl` for each subdirectory. A file that cannot
/// be used (too large, not UTF-8, a link leading out of `dir`, unreadable) is
/// reported and skipped, so the embedded file of that locale stays in use.
pub(super) fn read(dir: &Path) -> Result<Overlay, OverlayError> {
    let fail = |source| OverlayError {
        path: dir.to_owned(),
        source,
    };
    let root = dir.canonicalize().map_err(fail)?;
    let mut entries: Vec<_> = fs::read_dir(&root).map_err(fail)?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for entry in entries {
        let Some(id) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        let path = entry.path().join(FILE_NAME);
        if !entry.path().is_dir() || !path.exists() {
            continue;
        }
        match read_file(&root, &path) {
            Ok(source) => sources.push((id, source)),
            Err(why) => problems.push(LoadProblem::new(
                &id,
                None,
                None,
                format!("{why}; the embedded file is used"),
            )),
        }
    }
    Ok(Overlay { sources, problems })
}

fn read_file(root: &Path, path: &Path) -> Result<String, String> {
    let real = path
        .canonicalize()
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !real.starts_with(root) {
        return Err(format!(
            "{} leads out of the locale directory",
            path.display()
        ));
    }
    let file = fs::File::open(&real).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_LOCALE_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_LOCALE_FILE_BYTES {
        return Err(format!(
            "{} is larger than {MAX_LOCALE_FILE_BYTES} bytes",
            path.display()
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not UTF-8 (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}
