//! Loading one locale's file: parsing, compiling each message, and checking
//! its ids, attributes and variables against the contract. What cannot be
//! used is reported as a [`LoadProblem`], and the catalog falls back to
//! English for it.

use std::fmt;

use fluent_syntax::ast;

use super::embedded;
use crate::code::{ErrorCode, Variable};
use crate::diagnostic::span::{offset_of, range_with_sigil, Lines};
use crate::diagnostic::{leading_id, parser_words, syntax_place, Rule};
use crate::pattern::compile::{compile, CompileError, Entries, Target};
use crate::pattern::nesting::{self, MAX_NESTING};
use crate::pattern::uses::Wrong;
use crate::pattern::Pattern;
use crate::render::number::NumberFormat;

/// The attributes a message may have; see `locales/en/errors.ftl`.
pub(crate) const ATTRIBUTES: [&str; 4] = ["note", "hint", "generic", "help"];

/// Something in a locale file that the catalog could not use. The message it
/// concerns falls back to English.
///
/// Its [`Rule`] and its line and column are those of the translators' check
/// for the same mistake: both come from the same rules and the same places.
///
/// ```
/// use defender_errors::{CatalogBuilder, Rule};
///
/// let catalog = CatalogBuilder::new()
///     .locale_source("da", "Ugyldiginput = Ugyldigt input: { $input }.")
///     .build();
/// let problem = &catalog.problems()[0];
/// assert_eq!(problem.rule, Rule::UnknownId);
/// assert_eq!((problem.line, problem.column), (Some(1), Some(1)));
/// assert_eq!(
///     problem.to_string(),
///     "da/errors.ftl:1:1: warning[unknown-id]: Ugyldiginput: unknown message id"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoadProblem {
    /// The locale id, e.g. `da`.
    pub locale: String,
    /// The message id concerned, if any.
    pub id: Option<String>,
    /// Which rule: the id the translators' check reports it under.
    pub rule: Rule,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// The 1-based column, in characters, where known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl LoadProblem {
    /// A problem with a whole file or locale (rule `file`), with no place in it.
    pub(super) fn file(locale: &str, message: impl Into<String>) -> Self {
        Self {
            locale: locale.into(),
            id: None,
            rule: Rule::File,
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for LoadProblem {
    /// `locale/errors.ftl:line:column: severity[rule]: id: message`, as the
    /// translators' check prints its findings.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.locale, embedded::FILE_NAME)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}[{}]: ", self.rule.severity(), self.rule)?;
        if let Some(id) = &self.id {
            write!(f, "{id}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// One compiled message: its value and its attributes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Message {
    pub(crate) value: Pattern,
    pub(crate) attributes: Vec<(&'static str, Pattern)>,
}

impl Message {
    #[inline]
    pub(crate) fn attribute(&self, name: &str) -> Option<&Pattern> {
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, p)| p)
    }

    /// The English pattern of the message's value, to read values back out of
    /// the API's English text.
    pub(crate) fn value(&self) -> &Pattern {
        &self.value
    }
}

/// A locale's message of each code, by the code's index.
pub(crate) type Codes = [Option<Message>; ErrorCode::ALL.len()];

/// A locale without any code's message.
pub(super) fn no_codes() -> Box<Codes> {
    Box::new(std::array::from_fn(|_| None))
}

/// One locale's compiled messages and number formatting.
#[derive(Debug)]
pub(crate) struct LocaleData {
    pub(crate) id: Box<str>,
    /// Each code's message, by the code's index: one for every code, so
    /// that a code's is found without a bounds check.
    pub(super) codes: Box<Codes>,
    pub(crate) extras: Vec<(String, Message)>,
    /// Each status phrase (`status-404`) by its status, as an index into
    /// `extras`: found by an integer, not by building and comparing an id.
    statuses: Vec<(u16, usize)>,
    /// Each code's status phrase by the code's index, as an index into
    /// `extras`: what a render looks up, without searching.
    code_statuses: Box<[Option<u32>]>,
    pub(crate) numbers: NumberFormat,
}

impl LocaleData {
    /// Parses and compiles one locale's file. What cannot be used is added
    /// to `problems`, each at the place the translators' check gives it.
    pub(super) fn load(
        id: &str,
        source: &str,
        isolate: bool,
        english: Option<&LocaleData>,
        problems: &mut Vec<LoadProblem>,
    ) -> Self {
        let numbers = NumberFormat::new(id);
        let mut codes = no_codes();
        let mut extras = Vec::new();
        // Entries that nest too deep are blanked out; every offset stays put.
        let (text, too_deep) = nesting::guard(source);
        let text = &*text;
        let mut report = Reporter {
            locale: id,
            text,
            lines: None,
            problems,
        };
        let bom = if text.starts_with(BOM) {
            report.add(
                Rule::Bom,
                0,
                None,
                "the file starts with a byte order mark (U+FEFF); it was skipped",
            );
            BOM.len_utf8()
        } else {
            0
        };
        for deep in too_deep {
            let entry = source.get(deep.entry.clone()).and_then(leading_id);
            report.add(
                Rule::Syntax,
                deep.at,
                entry,
                if deep.broken_escape {
                    "a unicode escape (\\u or \\U) with a character that is not a hex digit; \
                     the entry is ignored"
                        .to_owned()
                } else {
                    format!(
                        "placeables nest deeper than {MAX_NESTING} levels; the entry is ignored"
                    )
                },
            );
        }
        let resource = match fluent_syntax::parser::parse(text.get(bom..).unwrap_or_default()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for error in errors {
                    let place = syntax_place(text, &error, bom);
                    let message = format!("syntax error: {}", parser_words(&error.kind));
                    report.add(place.rule, place.range.start, place.id, message);
                }
                resource
            }
        };
        let entries = Entries::new(&resource);
        let target = Target {
            numbers: &numbers,
            isolate,
            variables: &[],
        };
        let mut seen: Vec<&str> = Vec::new();
        for entry in &resource.body {
            let ast::Entry::Message(message) = entry else {
                continue;
            };
            let name = message.id.name;
            let at = offset_of(text, name).unwrap_or(0);
            if seen.contains(&name) {
                report.add(
                    Rule::DuplicateId,
                    at,
                    Some(name),
                    "duplicate message id; the first one is used",
                );
                continue;
            }
            seen.push(name);
            let code = ErrorCode::lookup(name);
            let allowed_vars: &[Variable] = code.map_or(&[], |c| c.variables());
            if code.is_none() && !is_extra_id(name) {
                let mut message = "unknown message id".to_owned();
                if let Some(near) = ErrorCode::try_from_str(name)
                    .err()
                    .and_then(|e| e.suggestion())
                {
                    message.push_str(&format!("; did you mean '{near}'?"));
                }
                report.add(Rule::UnknownId, at, Some(name), message);
                continue;
            }
            // A translation's attributes are English's; English's, the catalog's.
            let english_message = english.map(|en| match code {
                Some(code) => en.code(code),
                None => en.extra(name),
            });
            let part = Part {
                text,
                entries: &entries,
                target,
                english: english_message.flatten(),
            };
            match part.message(message, allowed_vars) {
                Ok((compiled, warnings)) => {
                    for warning in warnings {
                        report.add(warning.rule, warning.at, Some(name), warning.message);
                    }
                    match code {
                        Some(code) => {
                            if let Some(slot) = codes.get_mut(code.index()) {
                                *slot = Some(compiled);
                            }
                        }
                        None => extras.push((name.to_owned(), compiled)),
                    }
                }
                Err(error) => report.add(
                    error.rule,
                    error.at,
                    Some(name),
                    format!("{}; English is used instead", error.message),
                ),
            }
        }
        Self::from_parts(id, codes, extras, numbers)
    }

    /// A locale from its compiled messages, with the indexes a render uses.
    pub(super) fn from_parts(
        id: &str,
        codes: Box<Codes>,
        extras: Vec<(String, Message)>,
        numbers: NumberFormat,
    ) -> Self {
        let statuses = extras
            .iter()
            .enumerate()
            .filter_map(|(i, (name, _))| Some((name.strip_prefix("status-")?.parse().ok()?, i)))
            .collect::<Vec<(u16, usize)>>();
        let code_statuses = ErrorCode::ALL
            .iter()
            .map(|code| {
                let &(_, index) = statuses.iter().find(|(s, _)| *s == code.http_status())?;
                u32::try_from(index).ok()
            })
            .collect();
        Self {
            id: id.into(),
            codes,
            extras,
            statuses,
            code_statuses,
            numbers,
        }
    }

    #[inline]
    pub(crate) fn code(&self, code: ErrorCode) -> Option<&Message> {
        self.codes.get(code.index())?.as_ref()
    }

    pub(super) fn extra(&self, id: &str) -> Option<&Message> {
        self.extras.iter().find(|(n, _)| n == id).map(|(_, m)| m)
    }

    /// The status phrase of `code`'s status, if this locale has it as text.
    #[inline]
    pub(super) fn code_status(&self, code: ErrorCode) -> Option<&str> {
        let index = (*self.code_statuses.get(code.index())?)?;
        let (_, message) = self.extras.get(usize::try_from(index).ok()?)?;
        message.value.as_static()
    }

    /// The status phrase of `status` (`status-404`), if this locale has it.
    pub(super) fn status(&self, status: u16) -> Option<&Message> {
        let &(_, index) = self.statuses.iter().find(|(s, _)| *s == status)?;
        self.extras.get(index).map(|(_, m)| m)
    }
}

/// The extra messages every catalog has: the status phrase of every code's
/// status and of every status with a generic message, in order, the tracking
/// id's label and the unknown error.
#[cfg(feature = "translators")]
pub(crate) fn extra_ids() -> Vec<String> {
    let mut statuses: Vec<u16> = ErrorCode::ALL.iter().map(|c| c.http_status()).collect();
    statuses.extend_from_slice(crate::code::GENERIC_STATUSES);
    statuses.sort_unstable();
    statuses.dedup();
    statuses
        .into_iter()
        .map(|s| format!("status-{s}"))
        .chain(["tracking-id".to_owned(), "unknown-error".to_owned()])
        .collect()
}

/// Message ids besides the codes: status phrases, the tracking id's label and
/// the message for an error the catalog knows nothing about.
pub(crate) fn is_extra_id(id: &str) -> bool {
    let status = id
        .strip_prefix("status-")
        .is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()));
    status || id == "tracking-id" || id == "unknown-error"
}

const BOM: char = '\u{feff}';

/// Adds problems of one file, each with its line and column. The lines are
/// found only when there is a problem: a clean file costs nothing here.
struct Reporter<'a> {
    locale: &'a str,
    text: &'a str,
    lines: Option<Lines<'a>>,
    problems: &'a mut Vec<LoadProblem>,
}

impl Reporter<'_> {
    fn add(&mut self, rule: Rule, at: usize, id: Option<&str>, message: impl Into<String>) {
        let text = self.text;
        let (line, column) = self
            .lines
            .get_or_insert_with(|| Lines::new(text))
            .position(at);
        self.problems.push(LoadProblem {
            locale: self.locale.into(),
            id: id.map(Into::into),
            rule,
            line: Some(line),
            column: Some(column),
            message: message.into(),
        });
    }
}

/// What is wrong with one part of a message, and the byte it is at.
struct Issue {
    rule: Rule,
    at: usize,
    message: String,
}

/// What compiling a message needs: the file's text (to find places), its
/// entries (to resolve references) and the locale's options.
struct Part<'a, 'r, 's> {
    text: &'s str,
    entries: &'a Entries<'r, 's>,
    target: Target<'a>,
    /// English's message, for a translation; `None` for English itself, or
    /// when English lacks it.
    english: Option<&'a Message>,
}

impl<'s> Part<'_, '_, 's> {
    /// Compiles a message and checks its variables against the contract.
    /// Returns the warnings (attributes ignored) along with it.
    fn message(
        &self,
        message: &ast::Message<&'s str>,
        allowed: &[Variable],
    ) -> Result<(Message, Vec<Issue>), Issue> {
        let at = offset_of(self.text, message.id.name).unwrap_or(0);
        let value = message.value.as_ref().ok_or_else(|| Issue {
            rule: Rule::MissingValue,
            at,
            message: "the message has no value".into(),
        })?;
        let value = self.pattern(value, message.id.name, allowed, at, "")?;
        let mut attributes = Vec::new();
        let mut warnings = Vec::new();
        for attribute in &message.attributes {
            let name = attribute.id.name;
            let at = range_with_sigil(self.text, name).start;
            let known = ATTRIBUTES.iter().find(|a| **a == name);
            let in_english = self.english.is_none_or(|en| en.attribute(name).is_some());
            let Some(&known) = known.filter(|_| in_english) else {
                warnings.push(Issue {
                    rule: Rule::ExtraAttribute,
                    at,
                    message: if known.is_some() {
                        format!("English has no .{name} here; it is ignored")
                    } else {
                        format!("unknown attribute .{name}; it is ignored")
                    },
                });
                continue;
            };
            if attributes.iter().any(|(seen, _)| *seen == known) {
                warnings.push(Issue {
                    rule: Rule::DuplicateId,
                    at,
                    message: format!("duplicate attribute .{name}; the first one is used"),
                });
                continue;
            }
            let allowed_here = if known == "generic" { &[][..] } else { allowed };
            let qualified = format!("{}.{known}", message.id.name);
            let pattern = self.pattern(&attribute.value, &qualified, allowed_here, at, known)?;
            attributes.push((known, pattern));
        }
        Ok((Message { value, attributes }, warnings))
    }

    /// Compiles one pattern (`attribute` is empty for the value), whose
    /// problems without a place of their own are at byte `at`.
    fn pattern(
        &self,
        pattern: &ast::Pattern<&'s str>,
        qualified: &str,
        allowed: &[Variable],
        at: usize,
        attribute: &str,
    ) -> Result<Pattern, Issue> {
        let place = if attribute.is_empty() {
            String::new()
        } else {
            format!(".{attribute}: ")
        };
        let target = Target {
            variables: allowed,
            ..self.target
        };
        let compiled = compile(pattern, self.entries, qualified, target).map_err(|error| {
            // A character written as itself is a `forbidden-char` where it
            // stands; one written as an escape is unresolved at the part.
            let (rule, at) = match error {
                CompileError::UnsafeChar(c) => self
                    .text
                    .get(at..)
                    .and_then(|rest| rest.find(c).map(|i| at + i))
                    .or_else(|| self.text.find(c))
                    .map_or((Rule::Unresolved, at), |i| (Rule::ForbiddenChar, i)),
                _ => (Rule::Unresolved, at),
            };
            Issue {
                rule,
                at,
                message: format!("{place}{error}"),
            }
        })?;
        // A message variable the message is not given is refused; a term's
        // variable the reference did not pass is rendered as fluent-bundle
        // renders it (`{$name}`), and only the translators' check reports it.
        let wrong = compiled
            .uses
            .wrong(|name| allowed.iter().any(|v| v.name == name))
            .find(|(_, why)| *why != Wrong::NotPassed);
        if let Some((var, _)) = wrong {
            return Err(Issue {
                rule: Rule::UnknownVariable,
                at: range_with_sigil(self.text, var.name).start,
                message: format!("{place}unknown variable ${}", var.name),
            });
        }
        Ok(compiled.pattern)
    }
}
