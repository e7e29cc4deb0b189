//! The locale files of `serve --locales DIR`, loaded again when they change:
//! a new catalog is built beside the one in use, then swapped in whole. A
//! message that the new file breaks keeps its last good version.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::catalog::overlay;
use crate::{Catalog, CatalogBuilder, OverlayError, Severity};

/// What the files of a directory were when they were last loaded.
type Stamps = Vec<(PathBuf, Option<SystemTime>, u64)>;

/// Loads a locale directory, and again when it changes.
pub(crate) struct Reloader {
    dir: PathBuf,
    /// Each locale's text as last loaded, with the last good versions of
    /// the messages its file broke put first.
    last: BTreeMap<String, String>,
    stamps: Stamps,
}

impl Reloader {
    pub(crate) fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_owned(),
            last: BTreeMap::new(),
            stamps: Vec::new(),
        }
    }

    /// Whether a file of the directory was added, removed or written since
    /// the last [`load`](Self::load).
    pub(crate) fn changed(&self) -> bool {
        stamps(&self.dir) != self.stamps
    }

    /// Builds a catalog of the directory's files. Returns it with the lines
    /// to log: the problems of the files as written, and each message whose
    /// last good version is kept.
    ///
    /// # Errors
    /// [`OverlayError`] when the directory cannot be read; the catalog in
    /// use should then stay.
    pub(crate) fn load(&mut self) -> Result<(Catalog, Vec<String>), OverlayError> {
        self.stamps = stamps(&self.dir);
        let mut log = Vec::new();
        let mut sources = Vec::new();
        for file in overlay::files(&self.dir)? {
            match file.content {
                Ok(text) => sources.push((file.locale, text)),
                Err(why) => {
                    let kept = self.last.get(&file.locale);
                    log.push(format!(
                        "{}: {}; {}",
                        file.path.display(),
                        why.message,
                        if kept.is_some() {
                            "the last good version is kept"
                        } else {
                            "the embedded file is used"
                        }
                    ));
                    if let Some(last) = kept {
                        sources.push((file.locale, last.clone()));
                    }
                }
            }
        }
        let as_written = build(&sources);
        let mut merged = Vec::with_capacity(sources.len());
        for (locale, text) in sources {
            let mut kept = String::new();
            let last = self.last.get(&locale);
            for problem in as_written.problems().iter().filter(|p| p.locale == locale) {
                log.push(problem.to_string());
                let broken = problem.rule.severity() == Severity::Error;
                let good = match (&problem.id, last) {
                    (Some(id), Some(last)) if broken => entry(last, id),
                    _ => None,
                };
                if let (Some(id), Some(good)) = (&problem.id, good) {
                    if !kept.contains(good) {
                        log.push(format!("{locale}: {id}: the last good version is kept"));
                        kept.push_str(good);
                        if !good.ends_with('\n') {
                            kept.push('\n');
                        }
                    }
                }
            }
            // Of two messages with one id the first is used: the good one.
            kept.push_str(&text);
            merged.push((locale, kept));
        }
        let catalog = build(&merged);
        self.last = merged.into_iter().collect();
        Ok((catalog, log))
    }
}

fn build(sources: &[(String, String)]) -> Catalog {
    let mut builder = CatalogBuilder::new();
    for (locale, text) in sources {
        builder.locale_source(locale.as_str(), text.as_str());
    }
    builder.build()
}

/// Every `<dir>/<locale>/errors.ftl` with its modification time and size.
fn stamps(dir: &Path) -> Stamps {
    let mut out: Stamps = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join(crate::catalog::embedded::FILE_NAME))
        .filter_map(|path| {
            let meta = std::fs::metadata(&path).ok()?;
            Some((path, meta.modified().ok(), meta.len()))
        })
        .collect();
    out.sort();
    out
}

/// The text of message `id` in `source`: from its `id =` line to the next
/// line that starts an entry or a comment at the left margin.
fn entry<'s>(source: &'s str, id: &str) -> Option<&'s str> {
    let mut start = None;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let starts_entry =
            line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-' || c == '#');
        match start {
            None if starts_entry
                && line
                    .strip_prefix(id)
                    .is_some_and(|rest| rest.trim_start_matches(' ').starts_with('=')) =>
            {
                start = Some(offset);
            }
            Some(begin) if starts_entry => return source.get(begin..offset),
            _ => {}
        }
        offset += line.len();
    }
    source.get(start?..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_runs_to_the_next_one() {
        let source = "# c\nNotFound = A\n    .note = N\nInvalidUrl = { $url ->\n   *[x] U\n}\n\nForbidden = F";
        assert_eq!(
            entry(source, "NotFound"),
            Some("NotFound = A\n    .note = N\n")
        );
        assert_eq!(
            entry(source, "InvalidUrl"),
            Some("InvalidUrl = { $url ->\n   *[x] U\n}\n\n")
        );
        assert_eq!(entry(source, "Forbidden"), Some("Forbidden = F"));
        assert_eq!(entry(source, "Found"), None);
    }
}
