//! What the checks report: a [`Finding`] names a [`Rule`], its [`Severity`]
//! and the place in the file.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

pub use crate::diagnostic::{Rule, Severity};

/// One thing a check found, with its place: lines and columns are 1-based,
/// columns count characters, and the end is just past the last character.
///
/// It serializes to JSON with the fields `file`, `line`, `column`,
/// `end_line`, `end_column`, `rule`, `severity`, `message`, `locale`, `id`.
///
/// ```
/// use defender_errors::check::{self, Rule, SourceFile};
///
/// let report = check::sources(vec![SourceFile::new("de", "de/errors.ftl", "NotFound = Nicht gefunden\n\tweiter\n")]);
/// let finding = report.findings().iter().find(|f| f.rule == Rule::TabIndent).unwrap();
/// assert_eq!((finding.line, finding.column), (2, 1));
/// assert_eq!(finding.id.as_deref(), Some("NotFound"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// The file, as given (`locales/de/errors.ftl`).
    pub file: String,
    /// Where it starts.
    pub line: usize,
    /// Where it starts, in characters.
    pub column: usize,
    /// Where it ends.
    pub end_line: usize,
    /// Just past its last character.
    pub end_column: usize,
    /// Which rule.
    pub rule: Rule,
    /// How bad; always `rule.severity()`.
    pub severity: Severity,
    /// What is wrong and what to do.
    pub message: String,
    /// The locale id (`de`).
    pub locale: String,
    /// The message id concerned, if any.
    pub id: Option<String>,
    /// The byte range in the file, for rendering the snippet.
    #[serde(skip)]
    pub range: Range<usize>,
    /// A second place that explains the first (where a duplicate was first
    /// defined), with its label.
    #[serde(skip)]
    pub related: Option<(Range<usize>, String)>,
}

impl fmt::Display for Finding {
    /// `file:line:column: severity[rule]: message`, as compilers print it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.file, self.line, self.column, self.severity, self.rule, self.message
        )
    }
}
