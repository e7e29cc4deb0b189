//! How much of each locale is translated: the table at the end of `check`.

use serde::Serialize;

use super::english::English;
use super::finding::{Finding, Rule, Severity};
use super::SourceFile;
use crate::catalog::{CatalogBuilder, SOURCE_LOCALE};

/// One locale's coverage. Of the `total` messages English has, `translated`
/// are shown in the locale's language; `fallback` show some English (the
/// message or one of its attributes is missing or broken; `missing` of them
/// are not in the file at all); the rest are identical to English. Of the
/// translated ones, `outdated` were made from an English that has changed.
///
/// ```
/// use defender_errors::check::{self, SourceFile};
///
/// let report = check::sources(vec![SourceFile::new("de", "de/errors.ftl", "NotFound = Nicht gefunden.\n")]);
/// let de = &report.coverage()[0];
/// assert_eq!((de.locale.as_str(), de.translated, de.missing), ("de", 1, de.total - 1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Coverage {
    /// The locale id.
    pub locale: String,
    /// The messages English has.
    pub total: usize,
    /// Shown wholly in the locale's language.
    pub translated: usize,
    /// Not in the file.
    pub missing: usize,
    /// Showing English, in whole or in part (the missing ones included).
    pub fallback: usize,
    /// Translated from an English that has changed since (or with no record
    /// of the English it was made from): findings of the rule `outdated`.
    pub outdated: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
}

/// The coverage of each file, measured on the catalog the files build: what
/// a user would be shown.
pub(super) fn measure(
    files: &[SourceFile],
    english: &English,
    findings: &[Finding],
) -> Vec<Coverage> {
    let mut builder = CatalogBuilder::new();
    for file in files {
        builder.locale_source(file.locale(), file.text());
    }
    let catalog = builder.build();
    files
        .iter()
        .map(|file| {
            let locale = file.locale();
            let own: Vec<&Finding> = findings.iter().filter(|f| f.file == file.path()).collect();
            let count = |rule: Rule| own.iter().filter(|f| f.rule == rule).count();
            let ids = english.ids();
            let mut fallback = 0;
            let mut untranslated = 0;
            for id in ids {
                if locale != SOURCE_LOCALE && catalog.falls_back(locale, id) {
                    fallback += 1;
                } else if own
                    .iter()
                    .any(|f| f.rule == Rule::Untranslated && f.id.as_deref() == Some(id.as_str()))
                {
                    untranslated += 1;
                }
            }
            Coverage {
                locale: locale.to_owned(),
                total: ids.len(),
                translated: ids.len() - fallback - untranslated,
                missing: count(Rule::MissingMessage),
                fallback,
                outdated: {
                    let mut ids: Vec<&str> = own
                        .iter()
                        .filter(|f| f.rule == Rule::Outdated)
                        .filter_map(|f| f.id.as_deref())
                        .collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids.len()
                },
                errors: own.iter().filter(|f| f.severity == Severity::Error).count(),
                warnings: own
                    .iter()
                    .filter(|f| f.severity == Severity::Warning)
                    .count(),
            }
        })
        .collect()
}
