//! The one vocabulary of what can be wrong in a locale file: a [`Rule`] with
//! its [`Severity`], and places in the file ([`span`]). The catalog's
//! [`LoadProblem`](crate::LoadProblem)s and the translators' findings use
//! both, so one mistake has one rule id and one line and column in either.

pub(crate) mod span;

use std::fmt;
use std::ops::Range;

use fluent_syntax::parser::{ErrorKind, ParserError};
use serde::Serialize;

/// How bad a finding is. One principle decides it: an **error** shows a user
/// wrong or broken text, or makes a Fluent runtime report an error when it
/// loads or formats the file; a **warning** is safe but degraded: the user
/// sees English, or less detail than English gives.
///
/// ```
/// use defender_errors::{Rule, Severity};
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
    /// assert_eq!(defender_errors::Severity::Warning.as_str(), "warning");
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
        /// use defender_errors::Rule;
        ///
        /// assert_eq!(Rule::UnknownId.as_str(), "unknown-id");
        /// assert_eq!(Rule::ALL.len(), 21);
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
    /// Typography a language does not use: ASCII quotation marks or
    /// apostrophes, an ordinary space (or none) before a French `:` `;` `!`
    /// `?`, half-width punctuation in Chinese, or Chinese run into Latin text
    /// or a value without a half-width space.
    Typography = "typography", Warning;
    /// A translation whose English has changed since it was reviewed (or
    /// with no record of the English it was made from): it may no longer
    /// say what English says.
    Outdated = "outdated", Warning;
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

/// Where a syntax error of the Fluent parser is reported, and under which
/// rule: a tab that indents a line of the dropped entry is `tab-indent` at
/// the tab, the article's placeholder written as text is `placeholder-text`
/// at the placeholder, anything else is `syntax` where parsing failed.
pub(crate) struct SyntaxPlace<'t> {
    pub(crate) rule: Rule,
    /// The bytes the report points at.
    pub(crate) range: Range<usize>,
    /// The entry the parser dropped.
    #[cfg_attr(not(feature = "translators"), allow(dead_code))]
    pub(crate) junk: Range<usize>,
    /// The id that entry would have had.
    pub(crate) id: Option<&'t str>,
}

/// The place of parser error `error` in `text`, whose parsed part starts at
/// byte `offset` (after a byte order mark).
pub(crate) fn syntax_place<'t>(
    text: &'t str,
    error: &ParserError,
    offset: usize,
) -> SyntaxPlace<'t> {
    let pos = error.pos.start + offset..error.pos.end + offset;
    let junk = error
        .slice
        .as_ref()
        .map_or(pos.clone(), |s| s.start + offset..s.end + offset);
    // The parser's slice runs up to the next entry; the blank lines before
    // it are not part of what was dropped.
    let kept = text.get(junk.clone()).unwrap_or_default().trim_end().len();
    let junk = junk.start..junk.start + kept.max(1).min(junk.len());
    let junk_text = text.get(junk.clone()).unwrap_or_default();
    let id = leading_id(junk_text);
    let mut line_start = junk.start;
    for line in junk_text.split_inclusive('\n') {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        if line
            .get(spaces..)
            .is_some_and(|rest| rest.starts_with('\t'))
        {
            let at = line_start + spaces;
            return SyntaxPlace {
                rule: Rule::TabIndent,
                range: at..at + 1,
                junk,
                id,
            };
        }
        line_start += line.len();
    }
    if let Some(found) = placeholders(junk_text).next() {
        let range = found.start + junk.start..found.end + junk.start;
        return SyntaxPlace {
            rule: Rule::PlaceholderText,
            range,
            junk,
            id,
        };
    }
    // A `}` missing at the end of a line is found at the next line; it is
    // shown where it is missing, after the last character of the entry.
    let start = if pos.start >= junk.end && junk.end > junk.start {
        junk.end
    } else {
        pos.start
    };
    let end = pos.end.max(start + 1).min(junk.end.max(start));
    SyntaxPlace {
        rule: Rule::Syntax,
        range: start..end,
        junk,
        id,
    }
}

/// What the parser says, in the words of a translator's Fluent: the
/// parser's own words mislead for a term attribute written as a placeable,
/// and name tokens without saying what they close.
pub(crate) fn parser_words(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::TermAttributeAsPlaceable => "a term attribute (`{ -term.attr }`) cannot be \
            written out as a placeable, only chosen on (`{ -term.attr -> … }`)"
            .into(),
        ErrorKind::ExpectedToken('}') => "expected `}` to close the placeable".into(),
        ErrorKind::ExpectedInlineExpression => {
            "expected a value inside the placeable (`{ $name }`, `{ -term }`, `{ \"text\" }`)"
                .into()
        }
        ErrorKind::ForbiddenCallee => {
            "only a function, in capital letters (`NUMBER`), can be called in a placeable".into()
        }
        other => other.to_string(),
    }
}

/// The id a junk entry would have had: `Id` in `Id = …`. Letters beyond
/// ASCII count, so that a translated id such as `UngültigeEingabe` is named.
pub(crate) fn leading_id(junk: &str) -> Option<&str> {
    let end = junk
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(junk.len());
    let id = junk.get(..end)?;
    let rest = junk.get(end..)?.trim_start_matches(' ');
    (id.starts_with(char::is_alphabetic) && rest.starts_with('=')).then_some(id)
}

/// The article's placeholders in `text`: `<the invalid hash>` (also written
/// `<the invalid hash\>`) and `{batch size allowed}`: words between angle
/// brackets or braces, on one line.
pub(crate) fn placeholders(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.match_indices(['<', '{'])
        .filter_map(move |(start, open)| {
            let close = if open == "<" { '>' } else { '}' };
            let rest = text.get(start + 1..)?;
            let len = rest.find([close, '\n', '<', '{'])?;
            if !rest.get(len..)?.starts_with(close) || len > 80 {
                return None;
            }
            let inner = rest.get(..len)?.trim_end_matches('\\').trim();
            let words = inner.split_whitespace().count();
            let letters = inner
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'');
            let placeholder =
                letters && inner.chars().any(char::is_alphabetic) && (words > 1 || open == "<");
            placeholder.then_some(start..start + 1 + len + close.len_utf8())
        })
}
