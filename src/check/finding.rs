//! What the checks report: a [`Finding`] names a [`Rule`], its [`Severity`]
//! and the place in the file.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// How bad a finding is. One principle decides it: an **error** shows a user
/// wrong or broken text, or makes a Fluent runtime report an error when it
/// loads or formats the file; a **warning** is safe but degraded: the user
/// sees English, or less detail than English gives.
///
/// ```
/// use defender_errors::check::{Rule, Severity};
///
/// assert_eq!(Rule::UnknownVariable.severity(), Severity::Error);
/// assert_eq!(Rule::MissingVariable.severity(), Severity::Warning);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Renders wrong or breaks at run time.
    Error,
    /// Degraded but safe, e.g. English shown instead.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`.
    ///
    /// ```
    /// assert_eq!(defender_errors::check::Severity::Warning.as_str(), "warning");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! rules {
    ($($(#[doc = $doc:literal])* $rule:ident = $id:literal, $severity:ident;)*) => {
        /// A check's stable id. The ids are part of the tool's interface:
        /// scripts may match on them, so they never change meaning.
        ///
        /// ```
        /// use defender_errors::check::Rule;
        ///
        /// assert_eq!(Rule::UnknownId.as_str(), "unknown-id");
        /// assert_eq!(Rule::ALL.len(), 19);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Rule {
            $($(#[doc = $doc])* $rule,)*
        }

        impl Rule {
            /// Every rule, in the order the translator's guide lists them.
            pub const ALL: &'static [Rule] = &[$(Rule::$rule),*];

            /// The rule's id, e.g. `unknown-variable`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Rule::$rule => $id,)*
                }
            }

            /// The rule's severity; see [`Severity`] for the principle.
            pub fn severity(self) -> Severity {
                match self {
                    $(Rule::$rule => Severity::$severity,)*
                }
            }
        }
    };
}

rules! {
    /// A locale file that cannot be read: missing permissions, over the size
    /// cap, not UTF-8, or a link that leads out of the directory.
    File = "file", Error;
    /// Text the Fluent parser cannot read; the whole entry is dropped.
    Syntax = "syntax", Error;
    /// The file starts with a byte order mark, which hides the first message
    /// from Fluent parsers (this catalog skips it).
    Bom = "bom", Error;
    /// A line indented with a tab: Fluent only accepts spaces, so the line
    /// and the entry it belongs to are dropped.
    TabIndent = "tab-indent", Error;
    /// An indented line that looks like a new `id = value` entry: Fluent
    /// glues it to the previous message's text.
    GluedEntry = "glued-entry", Error;
    /// A placeable the catalog cannot resolve: a reference to an unknown
    /// message or term, a reference cycle, an expansion without end, or a
    /// function other than `NUMBER($variable)`.
    Unresolved = "unresolved", Error;
    /// An id or attribute defined twice: only the first one is used.
    DuplicateId = "duplicate-id", Error;
    /// A message id that English does not have, such as a translated code.
    UnknownId = "unknown-id", Warning;
    /// A message that English has and the translation lacks.
    MissingMessage = "missing-message", Warning;
    /// An attribute (`.note`, `.hint`, `.generic`, `.help`) that English has
    /// and the translation lacks.
    MissingAttribute = "missing-attribute", Warning;
    /// An attribute that English does not have; it is never shown.
    ExtraAttribute = "extra-attribute", Warning;
    /// A message with attributes but no value of its own.
    MissingValue = "missing-value", Error;
    /// A `$variable` that English does not have: a translated or misspelled
    /// placeholder, which a user would see unfilled.
    UnknownVariable = "unknown-variable", Error;
    /// A `$variable` that English has and the translation dropped.
    MissingVariable = "missing-variable", Warning;
    /// The article's placeholder written as plain text, such as
    /// `<the invalid hash>` or `{batch size allowed}`.
    PlaceholderText = "placeholder-text", Error;
    /// A code or the property name `target` that English has and the
    /// translation changed.
    VerbatimToken = "verbatim-token", Error;
    /// Text identical to English where a translation is expected.
    Untranslated = "untranslated", Warning;
    /// U+FFFD, a bidirectional control, a zero-width or another control character.
    ForbiddenChar = "forbidden-char", Error;
    /// A select on a number that lacks a plural category the locale needs
    /// under CLDR, or has a key that is no plural category.
    PluralCategories = "plural-categories", Error;
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

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
