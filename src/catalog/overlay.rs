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

/// A directory that cannot be used as a locale directory: it cannot be
/// read, or it is not laid out like `locales/` (one folder per language,
/// each with its `errors.ftl`): a typo, one language's folder instead of
/// the one above it, or a folder with no locale file. Its message names the
/// directory and what it should hold.
///
/// ```
/// use defender_errors::CatalogBuilder;
///
/// let err = CatalogBuilder::new().overlay_dir("/no/such/dir").unwrap_err();
/// assert!(err.to_string().starts_with("cannot use /no/such/dir as the locale directory: it does not exist; "));
/// let de = concat!(env!("CARGO_MANIFEST_DIR"), "/locales/de");
/// let err = CatalogBuilder::new().overlay_dir(de).unwrap_err();
/// assert!(err.to_string().contains("it is one language's folder (it holds errors.ftl); give the directory above it"));
/// ```
#[derive(Debug, thiserror::Error)]
#[error("cannot use {} as the locale directory: {source}", path.display())]
#[non_exhaustive]
pub struct OverlayError {
    /// The directory given.
    pub path: PathBuf,
    /// Why it cannot be used, in words that say what it should hold.
    #[source]
    pub source: std::io::Error,
}

/// What a locale directory holds, said after each mistake.
const LAYOUT: &str = "give the directory that holds a folder per language, each with its \
                      errors.ftl (such as locales, with de/errors.ftl)";

/// What an overlay directory holds: `(locale id, source)` pairs, and the
/// problems with the files that could not be used.
pub(super) struct Overlay {
    pub(super) sources: Vec<(String, String)>,
    pub(super) problems: Vec<LoadProblem>,
}

/// One `<dir>/<locale>/errors.ftl` of a locale directory, read or not: what
/// [`locale_files`](crate::locale_files) gives for each locale.
#[derive(Debug)]
#[non_exhaustive]
pub struct OverlayFile {
    /// The locale's id: the name of its folder.
    pub locale: String,
    /// The file's path, as under the directory given (links not resolved).
    pub path: PathBuf,
    /// The file's text, or why it cannot be used.
    pub content: Result<String, FileError>,
}

/// Why a locale file cannot be used (too large, not UTF-8, a link leading
/// out of the directory, unreadable), and where.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileError {
    /// What is wrong, naming the file.
    pub message: String,
    /// The 1-based line and column of the first byte that is not UTF-8.
    pub position: Option<(usize, usize)>,
}

/// Reads `<dir>/<locale>/errors.ftl` for each subdirectory. A file that cannot
/// be used (too large, not UTF-8, a link leading out of `dir`, unreadable) is
/// reported and skipped, so the embedded file of that locale stays in use.
pub(super) fn read(dir: &Path) -> Result<Overlay, OverlayError> {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for file in files(dir)? {
        match file.content {
            Ok(source) => sources.push((file.locale, source)),
            Err(why) => {
                let mut problem = LoadProblem::file(
                    &file.locale,
                    format!("{}; the embedded file is used", why.message),
                );
                if let Some((line, column)) = why.position {
                    (problem.line, problem.column) = (Some(line), Some(column));
                }
                problems.push(problem);
            }
        }
    }
    Ok(Overlay { sources, problems })
}

/// Every locale file of `dir`, a directory laid out like `locales/` (a
/// folder per language, each with its `errors.ftl`), in the order of the
/// locale ids: what [`CatalogBuilder::overlay_dir`](crate::CatalogBuilder::overlay_dir)
/// reads, for a program that watches or checks the files itself. A file that
/// cannot be used is listed with why; each is read up to
/// [`MAX_LOCALE_FILE_BYTES`].
///
/// # Errors
/// [`OverlayError`] when `dir` cannot be read or is not laid out like `locales/`.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
/// let files = defender_errors::locale_files(dir)?;
/// let ids: Vec<&str> = files.iter().map(|f| f.locale.as_str()).collect();
/// assert_eq!(ids, ["da", "de", "en", "fr", "nl", "zh"]);
/// assert!(files.iter().all(|f| f.content.is_ok()));
/// # Ok::<(), defender_errors::OverlayError>(())
/// ```
pub fn files(dir: impl AsRef<Path>) -> Result<Vec<OverlayFile>, OverlayError> {
    let dir = dir.as_ref();
    let fail = |source| OverlayError {
        path: dir.to_owned(),
        source,
    };
    let layout = |kind, what: String| fail(std::io::Error::new(kind, what));
    let cannot = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => layout(e.kind(), format!("it does not exist; {LAYOUT}")),
        _ => layout(e.kind(), format!("cannot read it ({e}); {LAYOUT}")),
    };
    let root = dir.canonicalize().map_err(cannot)?;
    if !root.is_dir() {
        return Err(layout(
            std::io::ErrorKind::InvalidInput,
            format!("it is a file, not a directory; {LAYOUT}"),
        ));
    }
    if root.join(FILE_NAME).is_file() {
        return Err(layout(
            std::io::ErrorKind::InvalidInput,
            format!(
                "it is one language's folder (it holds {FILE_NAME}); give the directory above \
                 it, which holds a folder per language, each with its {FILE_NAME}"
            ),
        ));
    }
    let mut entries: Vec<_> = fs::read_dir(&root).map_err(cannot)?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    let mut files = Vec::new();
    for entry in &entries {
        let Some(locale) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        let real_path = entry.path().join(FILE_NAME);
        if !entry.path().is_dir() || !real_path.exists() {
            continue;
        }
        let path = dir.join(&locale).join(FILE_NAME);
        let content = read_file(&root, &real_path, &path);
        files.push(OverlayFile {
            locale,
            path,
            content,
        });
    }
    if files.is_empty() {
        let folders: Vec<String> = entries
            .iter()
            .filter(|e| e.path().is_dir())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .collect();
        let holds = if folders.is_empty() {
            "it holds no folder of a language".to_owned()
        } else {
            format!(
                "none of its folders ({}) holds an {FILE_NAME}",
                folders.join(", ")
            )
        };
        return Err(layout(
            std::io::ErrorKind::InvalidInput,
            format!("{holds}; {LAYOUT}"),
        ));
    }
    Ok(files)
}

/// Reads `real_path`; errors name the file as `shown`, the path the user gave.
fn read_file(root: &Path, real_path: &Path, shown: &Path) -> Result<String, FileError> {
    let fail = |message: String| FileError {
        message,
        position: None,
    };
    let cannot = |e: std::io::Error| fail(format!("cannot read {}: {e}", shown.display()));
    let real = real_path.canonicalize().map_err(cannot)?;
    if !real.starts_with(root) {
        return Err(fail(format!(
            "{} leads out of the locale directory",
            shown.display()
        )));
    }
    let file = fs::File::open(&real).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_LOCALE_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_LOCALE_FILE_BYTES {
        return Err(fail(format!(
            "{} is larger than {MAX_LOCALE_FILE_BYTES} bytes",
            shown.display()
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid_up_to = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(e.as_bytes().get(..valid_up_to).unwrap_or_default())
            .unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        FileError {
            message: format!(
                "{} is not UTF-8 (byte {valid_up_to}, line {line}, column {column})",
                shown.display()
            ),
            position: Some((line, column)),
        }
    })
}
