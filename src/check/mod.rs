//! The translators' checks: every locale file compared with English, each
//! mistake reported with its place, a rule id and a severity, before a user
//! sees it.
//!
//! The Fluent parser recovers from mistakes silently: it drops a broken entry,
//! takes a byte order mark for part of the first message, and glues a line
//! indented by mistake to the message above. These checks name each of
//! those, and what the parser cannot see: translated ids and placeholders,
//! dropped variables, untranslated text, changed codes, spoofing characters
//! and missing plural categories.
//!
//! ```
//! use defender_errors::check::{self, Rule, Severity, SourceFile};
//!
//! let report = check::sources(vec![SourceFile::new(
//!     "de",
//!     "locales/de/errors.ftl",
//!     "InvalidHashValue = Der Hashwert { $hashwert } ist ungültig.\n",
//! )]);
//! let finding = report.findings().iter().find(|f| f.severity == Severity::Error).unwrap();
//! assert_eq!(finding.rule, Rule::UnknownVariable);
//! assert_eq!((finding.line, finding.column), (1, 35));
//! assert!(finding.message.contains("$hash"));
//! ```

mod coverage;
mod english;
mod entries;
mod finding;
mod lexical;
mod message;
mod pattern;
mod review;
mod sink;
mod typography;

pub use coverage::Coverage;
pub use finding::{Finding, Rule, Severity};
pub use review::{mark_reviewed, ReviewError, RECORD_FILE};

use std::io::Read;
use std::path::Path;

use crate::catalog::embedded::{self, FILE_NAME};
use crate::catalog::overlay;
use crate::catalog::{locale_order, OverlayError, MAX_LOCALE_FILE_BYTES, SOURCE_LOCALE};
use crate::negotiate::LocaleTag;
use crate::pattern::nesting;
use sink::Sink;

/// One locale file to check: its locale id, the path to show, and its text.
///
/// ```
/// let file = defender_errors::check::SourceFile::new("da", "da/errors.ftl", "NotFound = Ikke fundet.\n");
/// assert_eq!(file.locale(), "da");
/// ```
#[derive(Debug, Clone)]
pub struct SourceFile {
    locale: String,
    path: String,
    text: String,
    reviewed: Option<String>,
}

impl SourceFile {
    /// A file of `locale` shown as `path`.
    pub fn new(
        locale: impl Into<String>,
        path: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        Self {
            locale: locale.into(),
            path: path.into(),
            text: text.into(),
            reviewed: None,
        }
    }

    /// The same file with its record of the English it was reviewed against
    /// (the text of its `reviewed.txt`, see [`mark_reviewed`]), so that the
    /// check reports the translations English has moved away from. Without
    /// one, nothing is reported as `outdated`.
    ///
    /// ```
    /// use defender_errors::check::{self, Rule, SourceFile};
    ///
    /// let file = SourceFile::new("de", "de/errors.ftl", "NotFound = Nicht gefunden.\n")
    ///     .with_record("NotFound = The item was not found.\n");
    /// let report = check::sources(vec![file]);
    /// let outdated = report.findings().iter().find(|f| f.rule == Rule::Outdated).unwrap();
    /// assert!(outdated.message.contains("it was “The item was not found.”"));
    /// ```
    #[must_use]
    pub fn with_record(mut self, record: impl Into<String>) -> Self {
        self.reviewed = Some(record.into());
        self
    }

    /// The locale id.
    ///
    /// ```
    /// # let file = defender_errors::check::SourceFile::new("da", "da/errors.ftl", "");
    /// assert_eq!(file.locale(), "da");
    /// ```
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// The path shown in findings.
    ///
    /// ```
    /// # let file = defender_errors::check::SourceFile::new("da", "da/errors.ftl", "");
    /// assert_eq!(file.path(), "da/errors.ftl");
    /// ```
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The file's text.
    ///
    /// ```
    /// # let file = defender_errors::check::SourceFile::new("da", "da/errors.ftl", "x");
    /// assert_eq!(file.text(), "x");
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// What the checks found, for every file, and the coverage of each locale.
///
/// ```
/// let report = defender_errors::check::embedded();
/// assert!(report.findings().is_empty());
/// assert!(!report.fails(true));
/// assert_eq!(report.coverage().len(), 6);
/// ```
#[derive(Debug, Clone)]
pub struct Report {
    files: Vec<SourceFile>,
    findings: Vec<Finding>,
    coverage: Vec<Coverage>,
}

impl Report {
    /// Every finding, file by file, in the order of lines.
    ///
    /// ```
    /// assert!(defender_errors::check::embedded().findings().is_empty());
    /// ```
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// One row per checked locale.
    ///
    /// ```
    /// let report = defender_errors::check::embedded();
    /// assert_eq!(report.coverage()[3].locale, "de");
    /// assert_eq!(report.coverage()[3].translated, report.coverage()[3].total);
    /// ```
    pub fn coverage(&self) -> &[Coverage] {
        &self.coverage
    }

    /// The files checked, with their text, to show a finding's line.
    ///
    /// ```
    /// let report = defender_errors::check::embedded();
    /// assert_eq!(report.files()[0].path(), "locales/en/errors.ftl");
    /// ```
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// The text of the file shown as `path`.
    ///
    /// ```
    /// let report = defender_errors::check::embedded();
    /// assert!(report.source("locales/de/errors.ftl").unwrap().contains("NotFound"));
    /// ```
    pub fn source(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.text.as_str())
    }

    /// How many findings have `severity`.
    ///
    /// ```
    /// use defender_errors::check::Severity;
    /// assert_eq!(defender_errors::check::embedded().count(Severity::Error), 0);
    /// ```
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether the check fails: any error, or any warning when
    /// `deny_warnings` is set.
    ///
    /// ```
    /// use defender_errors::check::{self, SourceFile};
    ///
    /// let report = check::sources(vec![SourceFile::new("de", "de/errors.ftl", "NotFound = Nicht gefunden.\n")]);
    /// // The other messages are missing: warnings, since English is shown.
    /// assert!(!report.fails(false));
    /// assert!(report.fails(true));
    /// ```
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.count(Severity::Error) > 0 || (deny_warnings && self.count(Severity::Warning) > 0)
    }
}

/// Checks the locale files embedded in the crate (`locales/` at build time).
///
/// ```
/// assert!(!defender_errors::check::embedded().fails(true));
/// ```
pub fn embedded() -> Report {
    sources(
        embedded::sources()
            .map(|(locale, text)| {
                SourceFile::new(locale, format!("locales/{locale}/{FILE_NAME}"), text)
            })
            .collect(),
    )
}

/// Checks every `<dir>/<locale>/errors.ftl`, each translation with its record
/// `<dir>/<locale>/reviewed.txt` (a translation without one is a finding of
/// the rule `outdated`). English is `<dir>/en` if there is one, else the
/// embedded English. A file that cannot be read is a finding of the rule
/// `file`.
///
/// # Errors
/// [`OverlayError`] when `dir` cannot be read, or is not laid out like
/// `locales/` (one language's folder, a folder with no locale file).
///
/// ```
/// let report = defender_errors::check::dir(concat!(env!("CARGO_MANIFEST_DIR"), "/locales"))?;
/// assert_eq!(report.coverage().len(), 6);
/// assert!(defender_errors::check::dir("/no/such/dir").is_err());
/// # Ok::<(), defender_errors::OverlayError>(())
/// ```
pub fn dir(dir: impl AsRef<Path>) -> Result<Report, OverlayError> {
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for file in overlay::files(dir.as_ref())? {
        let path = file.path.display().to_string();
        match file.content {
            Ok(text) => {
                let record_path = file.path.with_file_name(RECORD_FILE);
                let mut source = SourceFile::new(file.locale.as_str(), path.as_str(), text);
                // Bounded as a locale file is: the record is about as large.
                let record = std::fs::File::open(&record_path).and_then(|file| {
                    let mut text = String::new();
                    file.take(MAX_LOCALE_FILE_BYTES)
                        .read_to_string(&mut text)
                        .map(|_| text)
                });
                match record {
                    Ok(record) => source = source.with_record(record),
                    Err(_) if file.locale == SOURCE_LOCALE => {}
                    Err(why) => unreadable.push(file_finding(
                        &file.locale,
                        &path,
                        Rule::Outdated,
                        if record_path.exists() {
                            format!("cannot read {}: {why}", record_path.display())
                        } else {
                            format!(
                                "there is no {RECORD_FILE} beside this file, the record of the \
                                 English it was translated from, so no translation can be \
                                 reported as outdated; once the translations are checked \
                                 against English, run `{}`",
                                sink::mark_reviewed_command(&path, &file.locale, "")
                            )
                        },
                        (1, 1),
                    )),
                }
                files.push(source);
            }
            Err(why) => unreadable.push(file_finding(
                &file.locale,
                &path,
                Rule::File,
                format!("{}; the embedded file is used instead", why.message),
                why.position.unwrap_or((1, 1)),
            )),
        }
    }
    let mut report = sources(files);
    report.findings.splice(0..0, unreadable);
    Ok(report)
}

/// A finding about a whole file, at `(line, column)`.
fn file_finding(
    locale: &str,
    path: &str,
    rule: Rule,
    message: String,
    (line, column): (usize, usize),
) -> Finding {
    Finding {
        file: path.to_owned(),
        line,
        column,
        end_line: line,
        end_column: column,
        rule,
        severity: rule.severity(),
        message,
        locale: locale.to_owned(),
        id: None,
        range: 0..0,
        related: None,
    }
}

/// Checks `files`. English is the file of locale `en` among them, or the
/// embedded English.
///
/// ```
/// use defender_errors::check::{self, Rule, SourceFile};
///
/// let report = check::sources(vec![SourceFile::new("da", "da/errors.ftl", "Ugyldiginput = Ugyldigt input.\n")]);
/// let finding = report.findings().iter().find(|f| f.rule == Rule::UnknownId).unwrap();
/// assert_eq!(finding.id.as_deref(), Some("Ugyldiginput"));
/// ```
pub fn sources(files: Vec<SourceFile>) -> Report {
    let english = files
        .iter()
        .find(|f| f.locale == SOURCE_LOCALE)
        .map(|f| f.text.clone())
        .or_else(|| {
            embedded::sources()
                .find(|(locale, _)| *locale == SOURCE_LOCALE)
                .map(|(_, text)| text.to_owned())
        })
        .unwrap_or_default();
    against(&english, files)
}

/// Checks `files` against the English source text `english`, for example a
/// newer English than the embedded one.
///
/// ```
/// use defender_errors::check::{self, Rule, SourceFile};
///
/// let english = "NotFound = The item was not found.\n";
/// let report = check::against(english, vec![SourceFile::new("de", "de/errors.ftl", "NotFound = The item was not found.\n")]);
/// assert_eq!(report.findings()[0].rule, Rule::Untranslated);
/// ```
pub fn against(english: &str, mut files: Vec<SourceFile>) -> Report {
    files.sort_by(|a, b| locale_order(&a.locale, &b.locale));
    let english = english::English::parse(english);
    let mut findings = Vec::new();
    for file in &files {
        let (text, too_deep) = nesting::guard(&file.text);
        let mut sink = Sink::new(file, &text);
        if LocaleTag::parse(&file.locale).is_none() {
            sink.add(
                Rule::File,
                0..0,
                None,
                format!(
                    "`{}` is not a locale id such as `de` or `pt-BR`, so the catalog ignores \
                     this file; rename its directory",
                    file.locale
                ),
            );
        }
        lexical::nesting(&mut sink, &too_deep);
        let bom = lexical::check(&mut sink);
        let body = text.get(bom..).unwrap_or_default();
        let (resource, errors) = match fluent_syntax::parser::parse(body) {
            Ok(resource) => (resource, Vec::new()),
            Err((resource, errors)) => (resource, errors),
        };
        lexical::syntax(&mut sink, &errors, bom, &english);
        let record = file.reviewed.as_deref().map(review::Record::parse);
        entries::check(&mut sink, &resource, &english, record.as_ref());
        findings.extend(sink.finish());
    }
    let coverage = coverage::measure(&files, &english, &findings);
    Report {
        files,
        findings,
        coverage,
    }
}
