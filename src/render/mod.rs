//! Rendering: compiled patterns and values in, text out.
//!
//! Values are escaped and shortened ([`escape`]), numbers formatted for the
//! locale ([`number`]), and every problem with the values is reported in the
//! result instead of failing: a portal always gets a readable message.

pub(crate) mod args;
pub(crate) mod escape;
pub(crate) mod integers;
pub(crate) mod number;

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use crate::code::{ErrorCode, VariableKind};
use args::{ArgSource, ValueRef};
use number::Number;

/// A message rendered for one locale: what a portal shows next to the stable code.
///
/// ```
/// use defender_errors::{Catalog, DefenderError};
///
/// let catalog = Catalog::new();
/// let out = catalog.render(catalog.negotiate("de-CH").locale, &DefenderError::Unauthorized);
/// assert_eq!(out.code.as_str(), "Unauthorized");
/// assert_eq!((out.status, &*out.status_text), (401, "Nicht autorisiert"));
/// assert_eq!(out.locale, "de");
/// assert!(out.note.is_some() && !out.fallback && out.problems.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Rendered<'c> {
    /// The stable code, never translated.
    pub code: ErrorCode,
    /// The HTTP status of the code.
    pub status: u16,
    /// The status phrase in the locale, e.g. "Nicht gefunden" for 404 in German.
    pub status_text: Cow<'c, str>,
    /// The locale the message text is in: the chosen one, or `en` when the
    /// message fell back to English.
    pub locale: &'c str,
    /// The localized message.
    pub message: Cow<'c, str>,
    /// The note on the error, where the source article has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Cow<'c, str>>,
    /// What usually causes the error, where the catalog knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Cow<'c, str>>,
    /// Whether any part came from English because the chosen locale lacks it
    /// or has it broken.
    pub fallback: bool,
    /// What was wrong with the values given; empty when nothing was.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
}

/// Something wrong with the values given to a message. The message is still
/// rendered; [`Catalog::try_render`](crate::Catalog::try_render) turns these into an error.
///
/// ```
/// use defender_errors::{Args, Catalog, ErrorCode, Problem};
///
/// let catalog = Catalog::new();
/// let out = catalog.render(catalog.negotiate("en").locale, (ErrorCode::InvalidUrl, &Args::new().with("uri", "x")));
/// assert_eq!(out.message, "The URL is not valid.");
/// assert_eq!(
///     out.problems,
///     [Problem::MissingVariable { name: "url" }, Problem::UnknownVariable { name: "uri".into() }]
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Problem {
    /// A variable of the message was not given. The message is rendered in its
    /// form without values (`.generic`), so no hole shows.
    MissingVariable {
        /// The variable's name.
        name: &'static str,
    },
    /// A value was given for a name the message does not have.
    UnknownVariable {
        /// The name given (at most 64 characters of it).
        name: String,
    },
    /// A number variable got text that is not a number; it is shown as text.
    NotANumber {
        /// The variable's name.
        name: &'static str,
    },
    /// Neither the locale nor English has this message: the code is shown instead.
    MessageUnavailable,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::MissingVariable { name } => {
                write!(
                    f,
                    "missing variable ${name}; the message is shown without values"
                )
            }
            Problem::UnknownVariable { name } => write!(
                f,
                "unknown variable ${}; the message does not use it",
                name.escape_debug()
            ),
            Problem::NotANumber { name } => {
                write!(
                    f,
                    "variable ${name} expects a number; the value is shown as text"
                )
            }
            Problem::MessageUnavailable => {
                write!(f, "no locale has this message; the code is shown instead")
            }
        }
    }
}

/// Strict rendering failed: the values had problems.
///
/// ```
/// use defender_errors::{Args, Catalog, ErrorCode, Locale};
///
/// let err = Catalog::new()
///     .try_render(Locale::SOURCE, (ErrorCode::InvalidHashValue, &Args::new()))
///     .unwrap_err();
/// assert_eq!(err.to_string(), "InvalidHashValue: missing variable $hash; the message is shown without values");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderError {
    /// The code that was rendered.
    pub code: ErrorCode,
    /// Every problem found, at least one.
    pub problems: Vec<Problem>,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.code)?;
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RenderError {}

/// How long a name quoted back in a problem may be.
const MAX_QUOTED_NAME: usize = 64;

/// Checks the values given for `code` against its contract.
pub(crate) fn check_args<A: ArgSource + ?Sized>(code: ErrorCode, args: &A) -> Vec<Problem> {
    let mut problems = Vec::new();
    for variable in code.variables() {
        match args.get(variable.name) {
            None if variable.optional => {}
            None => problems.push(Problem::MissingVariable {
                name: variable.name,
            }),
            Some(ValueRef::Str(s))
                if variable.kind == VariableKind::Number && Number::parse(s).is_none() =>
            {
                problems.push(Problem::NotANumber {
                    name: variable.name,
                });
            }
            Some(_) => {}
        }
    }
    args.for_each_name(&mut |name| {
        if code.variable(name).is_none() {
            problems.push(Problem::UnknownVariable {
                name: name.chars().take(MAX_QUOTED_NAME).collect(),
            });
        }
    });
    problems
}

/// The values of one code's variables, with text given for a number variable
/// read as a number.
pub struct Typed<'a, A: ?Sized> {
    pub(crate) code: ErrorCode,
    pub(crate) args: &'a A,
}

impl<A: ?Sized> Clone for Typed<'_, A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<A: ?Sized> Copy for Typed<'_, A> {}

impl<A: ArgSource + ?Sized> ArgSource for Typed<'_, A> {
    fn get(&self, name: &str) -> Option<ValueRef<'_>> {
        match self.args.get(name)? {
            ValueRef::Str(s) if self.code.variable(name)?.kind == VariableKind::Number => {
                Some(Number::parse(s).map_or(ValueRef::Str(s), ValueRef::Number))
            }
            value => Some(value),
        }
    }

    fn for_each_name(&self, f: &mut dyn FnMut(&str)) {
        self.args.for_each_name(f);
    }

    /// As [`get`](Self::get), with the variable's kind read at its place
    /// among the code's variables rather than found by its name.
    #[inline]
    fn get_at(&self, place: Option<u8>, name: &str) -> Option<ValueRef<'_>> {
        let variables = self.code.variables();
        let Some(variable) = place.and_then(|place| variables.get(usize::from(place))) else {
            return self.get(name);
        };
        match self.args.get(name)? {
            ValueRef::Str(s) if variable.kind == VariableKind::Number => {
                Some(Number::parse(s).map_or(ValueRef::Str(s), ValueRef::Number))
            }
            value => Some(value),
        }
    }

    #[inline]
    fn text_at(&self, place: Option<u8>, name: &str) -> Option<&str> {
        match self.get_at(place, name)? {
            ValueRef::Str(s) => Some(s),
            ValueRef::Number(_) => None,
        }
    }
}
