//! Outdated translations: which English each translated message was made
//! from, and whether English has moved away from it since.
//!
//! Message ids here are the API's error codes and never change, so Fluent's
//! usual rule (a new id when the English meaning changes) cannot flag a
//! translation whose English changed. Instead each locale directory holds a
//! record beside its file, `<locale>/reviewed.txt`: the English messages, as
//! they were when a translator last reviewed the translation, written by
//! `defender-errors mark-reviewed` ([`mark_reviewed`]). The check compares
//! each part (value and attribute) of the record with English's now.
//!
//! The record is a file of its own rather than comments in `errors.ftl`: it
//! is written by a command, never by hand, so it stays out of the
//! translator's way; recording a review changes no translation, so the
//! precompiled catalog made from `errors.ftl` stays fresh. Its text is
//! Fluent, so a diff of it reads like a diff of English, but its name ends
//! in `.txt`: tools that load every `.ftl` of a language's folder
//! (fluent-templates, translation platforms) must not take it for
//! translations.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

use crate::catalog::embedded::{self, FILE_NAME};
use crate::catalog::SOURCE_LOCALE;

/// The record's file name, beside each locale's `errors.ftl`.
///
/// ```
/// let de = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/de");
/// let record = std::fs::read_to_string(de.join(defender_errors::check::RECORD_FILE)).unwrap();
/// assert!(record.contains("\nNotFound = The requested item was not found.\n"));
/// ```
pub const RECORD_FILE: &str = "reviewed.txt";

/// The English of every part of some messages, keyed by `id` or `id.attr`,
/// in a canonical form (Fluent's serializer), so that only a change of the
/// text counts, not of its layout.
#[derive(Debug, Default)]
pub(super) struct Record {
    parts: HashMap<String, String>,
    ids: Vec<String>,
}

impl Record {
    /// The record in `text` (a Fluent file); what cannot be parsed is
    /// not recorded.
    pub(super) fn parse(text: &str) -> Self {
        let resource = match fluent_syntax::parser::parse(text) {
            Ok(resource) | Err((resource, _)) => resource,
        };
        let mut record = Record::default();
        for entry in &resource.body {
            if let ast::Entry::Message(message) = entry {
                record.ids.push(message.id.name.to_owned());
                for (key, canonical) in parts(message) {
                    record.parts.entry(key).or_insert(canonical);
                }
            }
        }
        record
    }

    /// Whether message `id` is recorded at all.
    pub(super) fn has(&self, id: &str) -> bool {
        self.ids.iter().any(|i| i == id)
    }

    /// The recorded English of part `key` (`id` or `id.attr`).
    pub(super) fn part(&self, key: &str) -> Option<&str> {
        self.parts.get(key).map(String::as_str)
    }
}

/// Each part of `message` as `(key, canonical text)`: the value as `id`,
/// each attribute as `id.attr`.
pub(super) fn parts(message: &ast::Message<&str>) -> Vec<(String, String)> {
    let id = message.id.name;
    let value = message.value.iter().map(|v| (id.to_owned(), v));
    let attributes = message
        .attributes
        .iter()
        .map(|a| (format!("{id}.{}", a.id.name), &a.value));
    value
        .chain(attributes)
        .map(|(key, pattern)| (key, canonical(pattern)))
        .collect()
}

/// `pattern` as Fluent's serializer writes it after `x = `.
pub(super) fn canonical(pattern: &ast::Pattern<&str>) -> String {
    let resource = ast::Resource {
        body: vec![ast::Entry::Message(ast::Message {
            id: ast::Identifier { name: "x" },
            value: Some(pattern.clone()),
            attributes: Vec::new(),
            comment: None,
        })],
    };
    let text = fluent_syntax::serializer::serialize(&resource);
    let text = text.strip_prefix("x =").unwrap_or(&text);
    text.trim_end_matches('\n')
        .trim_start_matches(' ')
        .to_owned()
}

/// A part's English on one line, to show in a finding.
pub(super) fn shown(canonical: &str) -> String {
    canonical.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Why `mark-reviewed` could not record.
///
/// ```
/// use defender_errors::check::{mark_reviewed, ReviewError};
///
/// let locales = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
/// let err = mark_reviewed(locales, "en", &[]).unwrap_err();
/// assert!(matches!(err, ReviewError::Source(_)));
/// let err = mark_reviewed(locales, "de", &["NoSuchCode".into()]).unwrap_err();
/// assert_eq!(err.to_string(), "NoSuchCode: English has no such message");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReviewError {
    /// English is the source: it has nothing to be reviewed against.
    #[error("{0} is the source language; only a translation is marked reviewed")]
    Source(String),
    /// The locale's file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The record could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// An id given is not a message of both English and the translation.
    #[error("{id}: {why}")]
    Id {
        /// The id given.
        id: String,
        /// Why it cannot be recorded.
        why: String,
    },
}

/// Records, in `<dir>/<locale>/reviewed.txt`, the English that messages
/// `ids` of the translation (all it has, when `ids` is empty) were reviewed
/// against: English's messages as they are now, from `<dir>/en/errors.ftl`
/// or, without one, the embedded English. Returns the ids recorded.
///
/// # Errors
/// [`ReviewError`] when `locale` is English, a file cannot be read or
/// written, or an id is not a message of both English and the translation.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("mark-reviewed-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(dir.join("de")).unwrap();
/// std::fs::write(dir.join("de/errors.ftl"), "NotFound = Nicht gefunden.\n")?;
/// let recorded = defender_errors::check::mark_reviewed(&dir, "de", &[])?;
/// assert_eq!(recorded, ["NotFound"]);
/// let record = std::fs::read_to_string(dir.join("de/reviewed.txt"))?;
/// assert!(record.contains("NotFound = The requested item was not found."));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn mark_reviewed(
    dir: impl AsRef<Path>,
    locale: &str,
    ids: &[String],
) -> Result<Vec<String>, ReviewError> {
    let dir = dir.as_ref();
    if locale == SOURCE_LOCALE {
        return Err(ReviewError::Source(locale.to_owned()));
    }
    let read = |path: PathBuf| {
        std::fs::read_to_string(&path).map_err(|source| ReviewError::Read { path, source })
    };
    let english_path = dir.join(SOURCE_LOCALE).join(FILE_NAME);
    let english = if english_path.exists() {
        read(english_path)?
    } else {
        embedded::sources()
            .find(|(id, _)| *id == SOURCE_LOCALE)
            .map(|(_, text)| text.to_owned())
            .unwrap_or_default()
    };
    let own = read(dir.join(locale).join(FILE_NAME))?;
    let record_path = dir.join(locale).join(RECORD_FILE);
    let old = if record_path.exists() {
        read(record_path.clone())?
    } else {
        String::new()
    };
    let english = parse(&english);
    let own = parse(&own);
    let old = parse(&old);
    let translated: Vec<&str> = messages(&own).map(|m| m.id.name).collect();
    let in_english = |id: &str| messages(&english).any(|m| m.id.name == id);
    for id in ids {
        let why = if !in_english(id) {
            "English has no such message"
        } else if !translated.contains(&id.as_str()) {
            "the translation has no such message; translate it first"
        } else {
            continue;
        };
        return Err(ReviewError::Id {
            id: id.clone(),
            why: why.into(),
        });
    }
    let marked =
        |id: &str| translated.contains(&id) && (ids.is_empty() || ids.iter().any(|i| i == id));
    let mut out = format!(
        "### The English each message of {locale}/{FILE_NAME} was last reviewed against.\n\
         ### Written by `defender-errors mark-reviewed {locale} [ID...]`; not edited by hand.\n\
         ### `defender-errors check` reports a message whose English has changed since as outdated.\n"
    );
    let mut recorded = Vec::new();
    for message in messages(&english) {
        let id = message.id.name;
        let entry = if marked(id) {
            recorded.push(id.to_owned());
            Some(message.clone())
        } else {
            // Kept as it was recorded; a message no longer translated is dropped.
            messages(&old)
                .find(|m| m.id.name == id)
                .filter(|_| translated.contains(&id))
                .cloned()
        };
        if let Some(mut entry) = entry {
            entry.comment = None;
            let resource = ast::Resource {
                body: vec![ast::Entry::Message(entry)],
            };
            let _ = write!(out, "\n{}", fluent_syntax::serializer::serialize(&resource));
        }
    }
    let path = dir.join(locale).join(RECORD_FILE);
    std::fs::write(&path, out).map_err(|source| ReviewError::Write { path, source })?;
    Ok(recorded)
}

fn parse(text: &str) -> ast::Resource<&str> {
    match fluent_syntax::parser::parse(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        Ok(resource) | Err((resource, _)) => resource,
    }
}

fn messages<'r, 's>(
    resource: &'r ast::Resource<&'s str>,
) -> impl Iterator<Item = &'r ast::Message<&'s str>> {
    resource.body.iter().filter_map(|e| match e {
        ast::Entry::Message(m) => Some(m),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_change_of_the_text_counts() {
        let a = Record::parse("m = a { $x }\n    .note = n\n");
        let b = Record::parse("m =\n    a {$x}\n    .note =   n\n");
        assert_eq!(a.part("m"), b.part("m"));
        assert_eq!(a.part("m.note"), Some("n"));
        let c = Record::parse("m = a { $y }\n");
        assert_ne!(a.part("m"), c.part("m"));
        assert!(c.has("m") && !c.has("n"));
        assert_eq!(shown("x\n    y"), "x y");
    }
}
