//! The locale files of `serve --locales DIR`, loaded again when they change:
//! a new catalog is built beside the one in use, then swapped in whole.
//!
//! - Changes are found by content: every poll hashes each
//!   `<dir>/<locale>/errors.ftl` as read through its links, so that a
//!   Kubernetes ConfigMap mount (files reached through a `..data` link that is
//!   swapped at once) is followed, and a rewrite that keeps mtime and size is
//!   seen.
//! - A message that the new file breaks, or lost (a file caught mid-write or
//!   cut short), keeps its last good version; this is logged.
//! - The files are read and the catalog built on tokio's blocking threads; a
//!   panic while loading is caught, logged, counted, and shown by `/readyz`;
//!   the catalog in use stays.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use fluent_syntax::ast::Entry;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use tokio::sync::mpsc;

use super::generation::{Current, Generation};
use crate::Metrics;
use defender_errors::locale_files;
use defender_errors::{Catalog, CatalogBuilder, OverlayError, Severity};

/// Each file's path and the hash of its content.
type Fingerprint = BTreeMap<PathBuf, u64>;

/// Loads a locale directory, and again when it changes.
pub(super) struct Reloader {
    dir: PathBuf,
    /// Each locale's text as last loaded, with the last good versions of
    /// the messages its file broke or lost put first.
    last: BTreeMap<String, String>,
    fingerprint: Fingerprint,
}

/// What a load gives: the catalog, the locale files that changed since the
/// last load, and the lines to log.
pub(super) struct Loaded {
    pub(super) catalog: Catalog,
    pub(super) changed: Vec<String>,
    pub(super) problems: Vec<String>,
}

impl Reloader {
    /// # Errors
    /// When `dir` cannot be read, or holds no `<locale>/errors.ftl`.
    pub(super) fn new(dir: &Path) -> Result<Self, String> {
        let files = locale_files(dir).map_err(|e| e.to_string())?;
        if files.is_empty() {
            return Err(format!(
                "{} holds no <locale>/{}; give the directory laid out like locales/",
                dir.display(),
                defender_errors::LOCALE_FILE_NAME
            ));
        }
        Ok(Self {
            dir: dir.to_owned(),
            last: BTreeMap::new(),
            fingerprint: Fingerprint::new(),
        })
    }

    /// Whether a file of the directory was added, removed or changed in
    /// content since the last [`load`](Self::load).
    pub(super) fn changed(&self) -> bool {
        fingerprint(&self.dir) != self.fingerprint
    }

    /// Builds a catalog of the directory's files.
    ///
    /// # Errors
    /// [`OverlayError`] when the directory cannot be read; the catalog in
    /// use should then stay.
    pub(super) fn load(&mut self) -> Result<Loaded, OverlayError> {
        let now = fingerprint(&self.dir);
        let changed = now
            .keys()
            .chain(self.fingerprint.keys())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter(|path| now.get(*path) != self.fingerprint.get(*path))
            .map(|path| path.display().to_string())
            .collect();
        self.fingerprint = now;
        let mut log = Vec::new();
        let mut sources = Vec::new();
        for file in locale_files(&self.dir)? {
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
            let last = self.last.get(&locale);
            // The last good version of each message broken or lost.
            let mut restore: Vec<(&str, &str, &str)> = Vec::new();
            for problem in as_written.problems().iter().filter(|p| p.locale == locale) {
                log.push(problem.to_string());
                let broken = problem.rule.severity() == Severity::Error;
                if let (true, Some(id), Some(last)) = (broken, &problem.id, last) {
                    if let Some(good) = entry(last, id) {
                        restore.push((id, good, "broken"));
                    }
                }
            }
            let lost = last.map(|last| (last, ids(last), ids(&text)));
            if let Some((last, before, now)) = &lost {
                for id in before.difference(now) {
                    if let Some(good) = entry(last, id) {
                        restore.push((id, good, "missing from the file"));
                    }
                }
            }
            let mut kept = String::new();
            for (id, good, why) in restore {
                if !kept.contains(good) {
                    log.push(format!(
                        "{locale}: {id}: {why}; the last good version is kept"
                    ));
                    kept.push_str(good);
                    if !good.ends_with('\n') {
                        kept.push('\n');
                    }
                }
            }
            // Of two messages with one id the first is used: the good one.
            kept.push_str(&text);
            merged.push((locale, kept));
        }
        let catalog = build(&merged);
        self.last = merged.into_iter().collect();
        Ok(Loaded {
            catalog,
            changed,
            problems: log,
        })
    }
}

fn build(sources: &[(String, String)]) -> Catalog {
    let mut builder = CatalogBuilder::new();
    for (locale, text) in sources {
        builder.locale_source(locale.as_str(), text.as_str());
    }
    builder.build()
}

/// Every `<dir>/<locale>/errors.ftl`, read through its links, with the hash
/// of its content.
fn fingerprint(dir: &Path) -> Fingerprint {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join(defender_errors::LOCALE_FILE_NAME))
        .filter_map(|path| {
            let text = std::fs::read(&path).ok()?;
            let mut hasher = std::hash::DefaultHasher::new();
            text.hash(&mut hasher);
            Some((path, hasher.finish()))
        })
        .collect()
}

/// The ids of the messages and terms that `source` defines and that parse.
fn ids(source: &str) -> BTreeSet<String> {
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(partial, _)| partial);
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => Some(message.id.name.to_owned()),
            Entry::Term(term) => Some(format!("-{}", term.id.name)),
            _ => None,
        })
        .collect()
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

/// What a reload can end in.
const RESULTS: [&str; 3] = ["ok", "error", "panic"];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ResultLabel {
    result: &'static str,
}

/// The reloads' metrics, and the last failure for `/readyz`.
#[derive(Clone)]
pub(super) struct Status {
    reloads: Family<ResultLabel, Counter>,
    generation: Gauge,
    loaded_at: Gauge<f64, std::sync::atomic::AtomicU64>,
    last_error: Arc<Mutex<Option<String>>>,
}

impl Status {
    pub(super) fn new(metrics: &Metrics) -> Self {
        let status = Self {
            reloads: Family::default(),
            generation: Gauge::default(),
            loaded_at: Gauge::default(),
            last_error: Arc::default(),
        };
        // Every result at 0 from the start, as Prometheus asks of known
        // label sets: a rate over a series that appears late reads wrong.
        for result in RESULTS {
            let _ = status.reloads.get_or_create(&ResultLabel { result });
        }
        metrics.register(
            "reloads",
            "Loads of the locale directory after the first, by result (ok, error, panic)",
            status.reloads.clone(),
        );
        metrics.register(
            "catalog_generation",
            "The catalog in use: 1 at start, one more for each reload",
            status.generation.clone(),
        );
        metrics.register(
            "catalog_loaded_timestamp_seconds",
            "When the catalog in use was loaded, in seconds since the Unix epoch",
            status.loaded_at.clone(),
        );
        status
    }

    pub(super) fn loaded(&self, generation: &Generation) {
        self.generation
            .set(i64::try_from(generation.number).unwrap_or(i64::MAX));
        let seconds = generation
            .loaded_at
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64());
        self.loaded_at.set(seconds);
    }

    fn reloaded(&self, result: &'static str, error: Option<String>) {
        self.reloads.get_or_create(&ResultLabel { result }).inc();
        *self
            .last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = error;
    }

    /// Why the last reload failed, if it did.
    pub(super) fn last_error(&self) -> Option<String> {
        self.last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Polls the directory every `every` (and loads at once whenever `asked`
/// yields) until the task is aborted; swaps each new catalog into `current`.
pub(super) async fn watch(
    mut reloader: Reloader,
    current: Current,
    status: Status,
    every: Duration,
    mut asked: Option<mpsc::Receiver<()>>,
) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let forced = match &mut asked {
            Some(signals) => tokio::select! {
                _ = tick.tick() => false,
                got = signals.recv() => {
                    if got.is_none() {
                        // No one sends any more: the timer alone.
                        asked = None;
                    }
                    got.is_some()
                }
            },
            None => {
                tick.tick().await;
                false
            }
        };
        // Reading, hashing and building run off the async workers; a panic
        // is caught there, and the reloader comes back either way.
        let work = tokio::task::spawn_blocking(move || {
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
                if forced || reloader.changed() {
                    reloader.load().map(Some)
                } else {
                    Ok(None)
                }
            }));
            (result, reloader)
        });
        let Ok((result, back)) = work.await else {
            // Only when the runtime is shutting down.
            return;
        };
        reloader = back;
        match result {
            Ok(Ok(None)) => {}
            Ok(Ok(Some(loaded))) => {
                let number = current.get().number + 1;
                let generation = Generation::new(number, loaded.catalog);
                status.loaded(&generation);
                current.swap(generation);
                status.reloaded("ok", None);
                tracing::info!(
                    result = "ok",
                    generation = number,
                    changed = %loaded.changed.join(", "),
                    problems = %loaded.problems.join("; "),
                    "reloaded the locale files"
                );
            }
            Ok(Err(why)) => {
                status.reloaded("error", Some(why.to_string()));
                tracing::error!(result = "error", error = %why, "reloading failed; the catalog in use is kept");
            }
            Err(panic) => {
                let why = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".to_owned());
                status.reloaded("panic", Some(format!("loading panicked: {why}")));
                tracing::error!(result = "panic", error = %why, "reloading panicked; the catalog in use is kept");
            }
        }
    }
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

    #[test]
    fn ids_are_those_that_parse() {
        let ids = ids("NotFound = A\n-brand = B\nBroken = { $x\nForbidden = F\n");
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(ids, ["-brand", "Forbidden", "NotFound"]);
    }
}
