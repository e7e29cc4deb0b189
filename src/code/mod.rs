//! The 20 stable error codes of the Microsoft 365 Defender REST API and their contract:
//! HTTP status and the variables each message takes. [`ErrorCode`] and the
//! typed [`DefenderError`] are both generated from the one table in `table.rs`.

pub(crate) mod table;

use std::fmt;
use std::str::FromStr;

/// The kind of value a variable holds.
///
/// ```
/// use defender_errors::{ErrorCode, VariableKind};
///
/// let vars = ErrorCode::MaximumBatchSizeExceeded.variables();
/// assert!(vars.iter().all(|v| v.kind == VariableKind::Number));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VariableKind {
    /// Free text, such as a hash or a URL.
    String,
    /// A number, formatted for the locale (`10.000` in German).
    Number,
}

/// One variable of a message: its Fluent name (without `$`), its kind, and the
/// article's own placeholder text for it.
///
/// ```
/// use defender_errors::ErrorCode;
///
/// let hash = &ErrorCode::InvalidHashValue.variables()[0];
/// assert_eq!(hash.name, "hash");
/// assert_eq!(hash.description, "the invalid hash");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Variable {
    /// The name used in the `.ftl` files, `$name`.
    pub name: &'static str,
    /// Whether the value is text or a number.
    pub kind: VariableKind,
    /// Whether the message may be rendered without this value (it then
    /// shows its `.generic` form), as a matter of course: no problem is
    /// reported when it is missing, and its typed field is an `Option`.
    ///
    /// ```
    /// use defender_errors::ErrorCode;
    ///
    /// assert!(ErrorCode::TooManyRequests.variables()[0].optional);
    /// assert!(!ErrorCode::InvalidHashValue.variables()[0].optional);
    /// ```
    pub optional: bool,
    /// The placeholder text of the source article, e.g. "the invalid hash".
    pub description: &'static str,
}

pub use table::{DefenderError, ErrorCode};

/// The HTTP statuses every locale has a phrase (`status-503`) and a generic
/// message for: the statuses of the codes, and those a portal meets besides
/// them (its own server's errors, a gateway's, a proxy's). An error body with
/// a code the catalog does not know and one of these statuses is localized
/// with that generic message.
///
/// ```
/// use defender_errors::{Catalog, GENERIC_STATUSES};
///
/// let catalog = Catalog::new();
/// for &status in GENERIC_STATUSES {
///     assert!(catalog.status_text(catalog.negotiate("fr").locale, status).is_some());
///     assert!(catalog.generic_message(catalog.negotiate("fr").locale, status, None).is_some());
/// }
/// ```
pub const GENERIC_STATUSES: &[u16] = &[
    400, 401, 403, 404, 405, 408, 409, 412, 413, 415, 429, 431, 500, 502, 503, 504,
];

impl ErrorCode {
    /// Parses a code as the API spells it; [`FromStr`] calls this.
    ///
    /// # Errors
    /// [`UnknownCodeError`] when `s` is not one of the 20 codes (the match is
    /// exact: codes are case-sensitive identifiers).
    ///
    /// ```
    /// use defender_errors::ErrorCode;
    ///
    /// let err = ErrorCode::try_from_str("resourcenotfound").unwrap_err();
    /// assert_eq!(err.suggestion(), Some(ErrorCode::ResourceNotFound));
    /// ```
    pub fn try_from_str(s: &str) -> Result<Self, UnknownCodeError> {
        Self::lookup(s).ok_or_else(|| UnknownCodeError::new(s))
    }

    /// The code spelled exactly `s`, without the "did you mean" search of
    /// [`try_from_str`](Self::try_from_str): for loading and for requests,
    /// where an unknown id is common and the suggestion is not wanted.
    pub(crate) fn lookup(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|code| code.as_str() == s)
    }

    /// The code whose message serves as the generic message for an HTTP status,
    /// for errors whose own code the catalog does not know.
    ///
    /// ```
    /// use defender_errors::ErrorCode;
    /// assert_eq!(ErrorCode::generic_for_status(404), Some(ErrorCode::NotFound));
    /// assert_eq!(ErrorCode::generic_for_status(418), None);
    /// ```
    ///
    /// The other statuses of [`GENERIC_STATUSES`] have no code of their own:
    /// their generic message is the `.generic` of their status phrase
    /// (`status-503`), which [`Catalog::generic_message`](crate::Catalog::generic_message) finds.
    pub const fn generic_for_status(status: u16) -> Option<Self> {
        match status {
            400 => Some(ErrorCode::BadRequest),
            401 => Some(ErrorCode::Unauthorized),
            403 => Some(ErrorCode::Forbidden),
            404 => Some(ErrorCode::NotFound),
            429 => Some(ErrorCode::TooManyRequests),
            500 => Some(ErrorCode::InternalServerError),
            _ => None,
        }
    }

    /// The position of the code in [`ErrorCode::ALL`].
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// The contract variable called `name`, if this code has one.
    ///
    /// ```
    /// use defender_errors::ErrorCode;
    /// assert!(ErrorCode::InvalidUrl.variable("url").is_some());
    /// assert!(ErrorCode::InvalidUrl.variable("URL").is_none());
    /// ```
    pub fn variable(self, name: &str) -> Option<&'static Variable> {
        self.variables().iter().find(|v| v.name == name)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl FromStr for ErrorCode {
    type Err = UnknownCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::try_from_str(s)
    }
}

/// The text given is not one of the 20 error codes.
///
/// Its message quotes the input, suggests the nearest code when one is close,
/// and lists the valid codes:
///
/// ```
/// let err = "InvalidHashValu".parse::<defender_errors::ErrorCode>().unwrap_err();
/// assert!(err.to_string().starts_with(
///     "unknown error code 'InvalidHashValu'; did you mean 'InvalidHashValue'?"
/// ));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCodeError {
    input: String,
    suggestion: Option<ErrorCode>,
}

/// How much of an unknown code is quoted back: the input may come from a request.
const MAX_QUOTED_CHARS: usize = 64;

impl UnknownCodeError {
    fn new(input: &str) -> Self {
        let input: String = input.chars().take(MAX_QUOTED_CHARS).collect();
        Self {
            suggestion: nearest(&input),
            input,
        }
    }

    /// The text that was given (at most 64 characters of it).
    ///
    /// ```
    /// let err = "Nope".parse::<defender_errors::ErrorCode>().unwrap_err();
    /// assert_eq!(err.input(), "Nope");
    /// ```
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The nearest valid code, when one is close enough to be a likely typo.
    ///
    /// ```
    /// let err = "Forbiden".parse::<defender_errors::ErrorCode>().unwrap_err();
    /// assert_eq!(err.suggestion(), Some(defender_errors::ErrorCode::Forbidden));
    /// ```
    pub fn suggestion(&self) -> Option<ErrorCode> {
        self.suggestion
    }
}

/// The code nearest to `input`, ignoring case, if it is close: the same cutoff
/// clap uses for its suggestions (Jaro similarity above 0.8).
fn nearest(input: &str) -> Option<ErrorCode> {
    let lower = input.to_lowercase();
    ErrorCode::ALL
        .iter()
        .map(|&code| (code, strsim::jaro(&lower, &code.as_str().to_lowercase())))
        .filter(|&(_, score)| score > 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(code, _)| code)
}

impl fmt::Display for UnknownCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code '{}'", self.input.escape_debug())?;
        if let Some(code) = self.suggestion {
            write!(f, "; did you mean '{code}'?")?;
        }
        f.write_str(" (valid codes: ")?;
        for (i, code) in ErrorCode::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(code.as_str())?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for UnknownCodeError {}
