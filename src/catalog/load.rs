//! Loading one locale's file: parsing, compiling each message, and checking
//! its ids, attributes and variables against the contract. What cannot be
//! used is reported as a [`LoadProblem`], and the catalog falls back to
//! English for it.

use std::fmt;

use fluent_syntax::ast;

use super::embedded;
use crate::code::{ErrorCode, Variable};
use crate::pattern::compile::{compile, Entries, Target};
use crate::pattern::nesting::{self, MAX_NESTING};
use crate::pattern::Pattern;
use crate::render::number::NumberFormat;

/// The attributes a message may have; see `locales/en/errors.ftl`.
pub(crate) const ATTRIBUTES: [&str; 4] = ["note", "hint", "generic", "help"];

/// Something in a locale file that the catalog could not use. The message it
/// concerns falls back to English.
///
/// ```
/// use defender_errors::CatalogBuilder;
///
/// let catalog = CatalogBuilder::new()
///     .locale_source("da", "Ugyldiginput = Ugyldigt input: { $input }.")
///     .build();
/// let problem = &catalog.problems()[0];
/// assert_eq!(problem.to_string(), "da/errors.ftl:1: Ugyldiginput: unknown message id");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoadProblem {
    /// The locale id, e.g. `da`.
    pub locale: String,
    /// The message id concerned, if any.
    pub id: Option<String>,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl LoadProblem {
    pub(super) fn new(
        locale: &str,
        id: Option<&str>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            locale: locale.into(),
            id: id.map(Into::into),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.locale, embedded::FILE_NAME)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(id) = &self.id {
            write!(f, ": {id}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// One compiled message: its value and its attributes.
#[derive(Debug)]
pub(crate) struct Message {
    pub(super) value: Pattern,
    pub(super) attributes: Vec<(&'static str, Pattern)>,
}

impl Message {
    pub(super) fn attribute(&self, name: &str) -> Option<&Pattern> {
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

/// One locale's compiled messages and number formatting.
#[derive(Debug)]
pub(crate) struct LocaleData {
    pub(super) id: Box<str>,
    pub(super) codes: Box<[Option<Message>]>,
    pub(super) extras: Vec<(String, Message)>,
    pub(super) numbers: NumberFormat,
}

impl LocaleData {
    pub(super) fn load(
        id: &str,
        source: &str,
        isolate: bool,
        problems: &mut Vec<LoadProblem>,
    ) -> Self {
        let numbers = NumberFormat::new(id);
        let mut codes: Box<[Option<Message>]> = ErrorCode::ALL.iter().map(|_| None).collect();
        let mut extras = Vec::new();
        let mut report = |line: Option<usize>, msg_id: Option<&str>, text: String| {
            problems.push(LoadProblem::new(id, msg_id, line, text));
        };
        let source = match source.strip_prefix('\u{feff}') {
            Some(rest) => {
                report(
                    Some(1),
                    None,
                    "the file starts with a byte order mark (U+FEFF); it was skipped".into(),
                );
                rest
            }
            None => source,
        };
        let (source, too_deep) = nesting::guard(source);
        for deep in too_deep {
            report(
                Some(line_of_offset(&source, deep.at)),
                None,
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
        let source = &*source;
        let resource = match fluent_syntax::parser::parse(source) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for error in errors {
                    // The entry the error breaks starts at `slice`; `pos` is where parsing failed.
                    let start = error
                        .slice
                        .as_ref()
                        .map_or(error.pos.start, |slice| slice.start);
                    let line = line_of_offset(source, start);
                    report(Some(line), None, format!("syntax error: {}", error.kind));
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
            // Found only when there is something to report: it searches the file.
            let line = || line_of_id(source, name);
            if seen.contains(&name) {
                report(
                    line(),
                    Some(name),
                    "duplicate message id; the first one is used".into(),
                );
                continue;
            }
            seen.push(name);
            let code = ErrorCode::lookup(name);
            let allowed_vars: &[Variable] = code.map_or(&[], |c| c.variables());
            if code.is_none() && !is_extra_id(name) {
                let mut text = "unknown message id".to_owned();
                if let Some(near) = ErrorCode::try_from_str(name)
                    .err()
                    .and_then(|e| e.suggestion())
                {
                    text.push_str(&format!("; did you mean '{near}'?"));
                }
                report(line(), Some(name), text);
                continue;
            }
            match compile_message(message, &entries, allowed_vars, target) {
                Ok((compiled, warnings)) => {
                    for warning in warnings {
                        report(line(), Some(name), warning);
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
                Err(error) => report(
                    line(),
                    Some(name),
                    format!("{error}; English is used instead"),
                ),
            }
        }
        Self {
            id: id.into(),
            codes,
            extras,
            numbers,
        }
    }

    pub(super) fn code(&self, code: ErrorCode) -> Option<&Message> {
        self.codes.get(code.index())?.as_ref()
    }

    pub(super) fn extra(&self, id: &str) -> Option<&Message> {
        self.extras.iter().find(|(n, _)| n == id).map(|(_, m)| m)
    }
}

/// The message id of a status phrase, `status-404`, built without allocating.
pub(super) fn status_id(status: u16) -> Option<[u8; 10]> {
    if !(100..=999).contains(&status) {
        return None;
    }
    let mut id = *b"status-000";
    let digits = [status / 100, status / 10 % 10, status % 10];
    for (slot, digit) in id[7..].iter_mut().zip(digits) {
        *slot = b'0' + u8::try_from(digit).ok()?;
    }
    Some(id)
}

/// The extra messages every catalog has: the status phrase of every code's
/// status, in order, the tracking id's label and the unknown error.
pub(crate) fn extra_ids() -> Vec<String> {
    let mut statuses: Vec<u16> = ErrorCode::ALL.iter().map(|c| c.http_status()).collect();
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

/// Compiles a message and checks its variables against the contract. Returns
/// the warnings (ignored attributes) along with it.
fn compile_message(
    message: &ast::Message<&str>,
    entries: &Entries<'_, '_>,
    allowed: &[Variable],
    target: Target<'_>,
) -> Result<(Message, Vec<String>), String> {
    let value = message.value.as_ref().ok_or("the message has no value")?;
    let target = Target {
        variables: allowed,
        ..target
    };
    let value = compile(value, entries, message.id.name, target).map_err(|e| e.to_string())?;
    check_variables(&value, allowed, "")?;
    let mut attributes = Vec::new();
    let mut warnings = Vec::new();
    for attribute in &message.attributes {
        let Some(&name) = ATTRIBUTES.iter().find(|a| **a == attribute.id.name) else {
            warnings.push(format!(
                "unknown attribute .{}; it is ignored",
                attribute.id.name
            ));
            continue;
        };
        if attributes.iter().any(|(seen, _)| *seen == name) {
            warnings.push(format!(
                "duplicate attribute .{name}; the first one is used"
            ));
            continue;
        }
        let allowed_here = if name == "generic" { &[][..] } else { allowed };
        let target = Target {
            variables: allowed_here,
            ..target
        };
        let pattern = compile(
            &attribute.value,
            entries,
            &format!("{}.{name}", message.id.name),
            target,
        )
        .map_err(|e| format!(".{name}: {e}"))?;
        check_variables(&pattern, allowed_here, name)?;
        attributes.push((name, pattern));
    }
    Ok((Message { value, attributes }, warnings))
}

fn check_variables(pattern: &Pattern, allowed: &[Variable], attribute: &str) -> Result<(), String> {
    for name in pattern.variables() {
        if !allowed.iter().any(|v| v.name == name) {
            let place = if attribute.is_empty() {
                String::new()
            } else {
                format!(".{attribute}: ")
            };
            return Err(format!("{place}unknown variable ${name}"));
        }
    }
    Ok(())
}

/// The 1-based line of a byte offset.
fn line_of_offset(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.bytes().take(end).filter(|&b| b == b'\n').count() + 1
}

/// The 1-based line where message `id` is defined.
fn line_of_id(source: &str, id: &str) -> Option<usize> {
    source
        .lines()
        .position(|line| {
            line.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with('='))
        })
        .map(|i| i + 1)
}
