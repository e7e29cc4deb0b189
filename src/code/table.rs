//! The one table of the 20 codes: each code's HTTP status and variables.
//! [`ErrorCode`] and [`DefenderError`] are both generated from it, so a
//! typed variant's fields are, by construction, its code's variables with
//! the same names and kinds (`text` is `Cow<'a, str>`, `number` is `u64`,
//! `optional_number` is `Option<u64>`: a value the message can do without,
//! shown then in its `.generic` form).
//!
//! Beside a code's variables, `or [...]` lists the other phrasings the API
//! is documented to send for it, besides the catalog's English (the
//! article's example bodies are the evidence): each is the API's English
//! with `{ $name }` where a value stands, and holds each of the code's
//! variables once. The values are read back from them as they are from the
//! catalog's English (see `envelope::recover`).

use std::borrow::Cow;

use super::{Variable, VariableKind};

/// A value of a typed error, as the renderer reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldRef<'a> {
    Text(&'a str),
    Number(u64),
}

macro_rules! field_type {
    ($lt:lifetime, text) => { Cow<$lt, str> };
    ($lt:lifetime, number) => { u64 };
    ($lt:lifetime, optional_number) => { Option<u64> };
}

macro_rules! field_kind {
    (text) => {
        VariableKind::String
    };
    (number) => {
        VariableKind::Number
    };
    (optional_number) => {
        VariableKind::Number
    };
}

macro_rules! field_optional {
    (optional_number) => {
        true
    };
    ($kind:ident) => {
        false
    };
}

macro_rules! field_ref {
    (text, $value:expr) => {
        Some(FieldRef::Text($value))
    };
    (number, $value:expr) => {
        Some(FieldRef::Number(*$value))
    };
    (optional_number, $value:expr) => {
        $value.map(FieldRef::Number)
    };
}

macro_rules! field_text {
    (text, $value:expr) => {
        Some(&**$value)
    };
    ($kind:ident, $value:expr) => {{
        let _ = $value;
        None
    }};
}

macro_rules! field_owned {
    (text, $value:expr) => {
        Cow::Owned($value.into_owned())
    };
    (number, $value:expr) => {
        $value
    };
    (optional_number, $value:expr) => {
        $value
    };
}

macro_rules! error_codes {
    ($(
        $(#[$doc:meta])*
        $code:ident = $status:literal $({ $($field:ident : $kind:ident = $description:literal),+ })?
            $(or [$($phrasing:literal),+ $(,)?])?
    ),+ $(,)?) => {
        /// A stable error code of the Microsoft 365 Defender REST API.
        ///
        /// The code is the contract: it is never translated, and it is also the
        /// message id in every `locales/<lang>/errors.ftl`.
        ///
        /// ```
        /// use defender_errors::ErrorCode;
        ///
        /// let code: ErrorCode = "ResourceNotFound".parse()?;
        /// assert_eq!(code.as_str(), "ResourceNotFound");
        /// assert_eq!(code.http_status(), 404);
        /// # Ok::<(), defender_errors::UnknownCodeError>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[$doc])* $code, )+
        }

        impl ErrorCode {
            /// Every code, in the order of the source article's table (which lists
            /// `TooManyRequests` between the 404s and the 500). A slice,
            /// so that a code added later changes no type.
            ///
            /// ```
            /// assert_eq!(defender_errors::ErrorCode::ALL.len(), 20);
            /// ```
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$code),+];

            /// The code as the API spells it, e.g. `"InvalidHashValue"`.
            ///
            /// ```
            /// use defender_errors::ErrorCode;
            /// assert_eq!(ErrorCode::InvalidHashValue.as_str(), "InvalidHashValue");
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$code => stringify!($code),)+
                }
            }

            /// The HTTP status the API answers with for this code.
            ///
            /// ```
            /// use defender_errors::ErrorCode;
            /// assert_eq!(ErrorCode::Forbidden.http_status(), 403);
            /// ```
            pub const fn http_status(self) -> u16 {
                match self {
                    $(ErrorCode::$code => $status,)+
                }
            }

            /// The variables of this code's message, in the order the English text uses them.
            /// Their names are a public contract shared with every `.ftl` file.
            ///
            /// ```
            /// use defender_errors::ErrorCode;
            ///
            /// let names: Vec<_> = ErrorCode::ClientVersionNotSupported
            ///     .variables()
            ///     .iter()
            ///     .map(|v| v.name)
            ///     .collect();
            /// assert_eq!(names, ["action", "client_version"]);
            /// assert!(ErrorCode::BadRequest.variables().is_empty());
            /// ```
            pub const fn variables(self) -> &'static [Variable] {
                match self {
                    $(ErrorCode::$code => &[$($(Variable {
                        name: stringify!($field),
                        kind: field_kind!($kind),
                        optional: field_optional!($kind),
                        description: $description,
                    }),+)?],)+
                }
            }
        }

        impl ErrorCode {
            /// The other phrasings of this code's message that the API is
            /// documented to send, besides the catalog's English, in the
            /// order they are tried: `"{ $resource } was not found"`.
            pub(crate) const fn phrasings(self) -> &'static [&'static str] {
                match self {
                    $(ErrorCode::$code => &[$($($phrasing),+)?],)+
                }
            }
        }

        /// A Defender API error with its values, checked by the compiler.
        ///
        /// Each variant is an [`ErrorCode`]; its fields are that code's
        /// [variables](ErrorCode::variables), with the same names (both come
        /// from one table). Text fields are `Cow<'a, str>`, so an error can
        /// borrow its values from the request or the upstream body instead of
        /// copying them; [`into_owned`](Self::into_owned) makes it `'static`.
        ///
        /// Its `Display` is the English message; for another language, ask a
        /// [`Catalog`](crate::Catalog).
        ///
        /// ```
        /// use defender_errors::{Catalog, DefenderError, ErrorCode};
        ///
        /// let error = DefenderError::InvalidHashValue { hash: "0xDEAD".into() };
        /// assert_eq!(error.code(), ErrorCode::InvalidHashValue);
        /// assert_eq!(error.to_string(), "Hash value 0xDEAD is invalid.");
        /// let catalog = Catalog::new();
        /// let out = catalog.render(catalog.negotiate("nl").locale, &error);
        /// assert_eq!(out.message, "De hashwaarde 0xDEAD is ongeldig.");
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum DefenderError<'a> {
            $(
                $(#[$doc])*
                $code $({ $(
                    #[doc = concat!("The variable `$", stringify!($field), "`: ", $description, ".")]
                    $field: field_type!('a, $kind)
                ),+ })?,
            )+
        }

        impl<'a> DefenderError<'a> {
            /// The stable code of this error.
            ///
            /// ```
            /// use defender_errors::{DefenderError, ErrorCode};
            /// assert_eq!(DefenderError::NotFound.code(), ErrorCode::NotFound);
            /// ```
            pub fn code(&self) -> ErrorCode {
                match self {
                    $( DefenderError::$code { .. } => ErrorCode::$code, )+
                }
            }

            /// The same error owning its text, to keep it beyond the request
            /// it borrowed from.
            ///
            /// ```
            /// use defender_errors::DefenderError;
            ///
            /// let owned: DefenderError<'static> = {
            ///     let url = String::from("http://x");
            ///     DefenderError::InvalidUrl { url: url.as_str().into() }.into_owned()
            /// };
            /// assert_eq!(owned, DefenderError::InvalidUrl { url: "http://x".into() });
            /// ```
            pub fn into_owned(self) -> DefenderError<'static> {
                match self {
                    $( DefenderError::$code $({ $($field),+ })? => DefenderError::$code $({ $(
                        $field: field_owned!($kind, $field)
                    ),+ })?, )+
                }
            }

            /// The value of the variable called `name`, if this error has it.
            #[inline(always)]
            pub(crate) fn field(&self, name: &str) -> Option<FieldRef<'_>> {
                match self {
                    $( DefenderError::$code $({ $($field),+ })? => {
                        $($( if name == stringify!($field) {
                            return field_ref!($kind, $field);
                        } )+)?
                        let _ = name;
                        None
                    } )+
                }
            }

            /// The value of the code's variable number `place` (its place in
            /// [`ErrorCode::variables`]), if given.
            #[inline(always)]
            pub(crate) fn field_at(&self, place: u8) -> Option<FieldRef<'_>> {
                match self {
                    $( DefenderError::$code $({ $($field),+ })? => {
                        let mut _at = 0u8;
                        $($( if place == _at {
                            return field_ref!($kind, $field);
                        }
                        _at += 1; )+)?
                        let _ = place;
                        None
                    } )+
                }
            }

            /// The text of the code's variable number `place`, if it is
            /// text: [`field_at`](Self::field_at) for the renderer's common
            /// case, without building a [`FieldRef`].
            #[inline(always)]
            pub(crate) fn text_at(&self, place: u8) -> Option<&str> {
                match self {
                    $( DefenderError::$code $({ $($field),+ })? => {
                        let mut _at = 0u8;
                        $($( if place == _at {
                            return field_text!($kind, $field);
                        }
                        _at += 1; )+)?
                        let _ = place;
                        None
                    } )+
                }
            }

            /// This error's code, when it has a value for each of the code's
            /// variables (an optional one may be `None`): only then is its
            /// message rendered with values, else in its form without them.
            /// One look at the variant for both.
            #[inline(always)]
            pub(crate) fn code_if_complete(&self) -> Option<ErrorCode> {
                match self {
                    $( DefenderError::$code $({ $($field),+ })? => {
                        $($( let _ = field_ref!($kind, $field)?; )+)?
                        Some(ErrorCode::$code)
                    } )+
                }
            }

            /// The names of this error's fields, in the order they are declared.
            #[cfg(test)]
            fn field_names(&self) -> &'static [&'static str] {
                match self {
                    $( DefenderError::$code { .. } => &[$($(stringify!($field)),+)?], )+
                }
            }

            /// An error of each code, with text fields `"v"` and numbers `7`.
            #[cfg(test)]
            fn samples() -> Vec<DefenderError<'static>> {
                vec![$( DefenderError::$code $({ $($field: sample!($kind)),+ })?, )+]
            }
        }
    };
}

#[cfg(test)]
macro_rules! sample {
    (text) => {
        Cow::Borrowed("v")
    };
    (number) => {
        7
    };
    (optional_number) => {
        Some(7)
    };
}

error_codes! {
    /// General bad request.
    BadRequest = 400,
    /// Invalid OData URI query.
    ODataError = 400 { specific_error: text = "the specific error is specified" },
    /// Invalid input.
    InvalidInput = 400 { input: text = "the invalid input" },
    /// Invalid request body (often a typo: body parameters are case-sensitive).
    InvalidRequestBody = 400,
    /// A hash value is invalid.
    InvalidHashValue = 400 { hash: text = "the invalid hash" },
    /// A domain name is invalid.
    InvalidDomainName = 400 { domain: text = "the invalid domain" },
    /// An IP address is invalid.
    InvalidIpAddress = 400 { ip: text = "the invalid IP" },
    /// A URL is invalid.
    InvalidUrl = 400 { url: text = "the invalid URL" },
    /// Too many items in one batch.
    MaximumBatchSizeExceeded = 400 {
        batch_size_received: number = "batch size received",
        batch_size_allowed: number = "batch size allowed"
    },
    /// A required parameter is missing (often a typo: body parameters are case-sensitive).
    MissingRequiredParameter = 400 { parameter: text = "the missing parameter" },
    /// The client's OS platform is not supported for the action.
    OsPlatformNotSupported = 400 { os_platform: text = "the client OS Platform" },
    /// The action needs a newer client version.
    ClientVersionNotSupported = 400 {
        action: text = "The requested action",
        client_version: text = "supported client version"
    },
    /// Invalid or expired authorization header.
    Unauthorized = 401,
    /// Valid token but insufficient permission.
    Forbidden = 403,
    /// The tenant feature is not enabled.
    DisabledFeature = 403,
    /// The operation is not allowed, with the reason.
    DisallowedOperation = 403 { operation: text = "the disallowed operation and the reason" },
    /// General not found.
    NotFound = 404,
    /// A named resource was not found.
    ResourceNotFound = 404 { resource: text = "the requested resource" }
        // The article's example body: `"message": "Machine 123123123 was not found"`,
        // the resource's kind where the table's English says "Resource".
        or ["{ $resource } was not found"],
    /// Too many requests: the quota of calls or CPU is used up, and the client
    /// must wait before resubmitting (the `Retry-After` header says how long).
    TooManyRequests = 429 { retry_after: optional_number = "seconds to wait before resubmitting" },
    /// Internal server error: retry, or contact Microsoft.
    InternalServerError = 500,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator's promise: every typed variant has exactly its code's
    /// variables as fields, in order, each of the variable's kind.
    #[test]
    fn typed_fields_are_the_code_variables() {
        let samples = DefenderError::samples();
        assert_eq!(samples.len(), ErrorCode::ALL.len());
        for (error, &code) in samples.iter().zip(ErrorCode::ALL) {
            assert_eq!(error.code(), code);
            let names: Vec<&str> = code.variables().iter().map(|v| v.name).collect();
            assert_eq!(error.field_names(), names.as_slice(), "{code}");
            for variable in code.variables() {
                let expected = match variable.kind {
                    VariableKind::String => FieldRef::Text("v"),
                    VariableKind::Number => FieldRef::Number(7),
                };
                assert_eq!(error.field(variable.name), Some(expected), "{code}");
            }
            assert_eq!(error.field("no_such_variable"), None);
            assert_eq!(error.clone().into_owned(), *error);
            for (place, variable) in (0u8..).zip(code.variables()) {
                assert_eq!(error.field_at(place), error.field(variable.name), "{code}");
            }
            for place in 0..3u8 {
                let text = match error.field_at(place) {
                    Some(FieldRef::Text(text)) => Some(text),
                    Some(FieldRef::Number(_)) | None => None,
                };
                assert_eq!(error.text_at(place), text, "{code}");
            }
            let past = u8::try_from(code.variables().len()).unwrap();
            assert_eq!(error.field_at(past), None, "{code}");
        }
    }

    #[test]
    fn fields_are_found_at_their_place() {
        let error = DefenderError::ClientVersionNotSupported {
            action: "isolate".into(),
            client_version: "10.8".into(),
        };
        assert_eq!(error.field_at(0), Some(FieldRef::Text("isolate")));
        assert_eq!(error.field_at(1), Some(FieldRef::Text("10.8")));
        let wait = DefenderError::TooManyRequests { retry_after: None };
        assert_eq!(wait.field_at(0), None);
    }
}
