//! The typed path: one value per error, its variables as fields, so that the
//! compiler checks every variable is given and spelled right.

use std::borrow::Cow;

use crate::code::ErrorCode;
use crate::render::args::{ArgSource, ValueRef};
use crate::render::number::Number;

macro_rules! defender_error {
    ($( $(#[$doc:meta])* $code:ident $({ $($field:ident : $ty:ty),+ })? ),+ $(,)?) => {
        /// A Defender API error with its values, checked by the compiler.
        ///
        /// Each variant is an [`ErrorCode`]; its fields are that code's
        /// [variables](ErrorCode::variables), with the same names. Text fields
        /// are `Cow<'a, str>`, so an error can borrow its values from the
        /// request or the upstream body instead of copying them.
        ///
        /// ```
        /// use defender_errors::{Catalog, DefenderError, ErrorCode};
        ///
        /// let error = DefenderError::InvalidHashValue { hash: "0xDEAD".into() };
        /// assert_eq!(error.code(), ErrorCode::InvalidHashValue);
        /// let catalog = Catalog::new();
        /// let out = catalog.render("nl", &error);
        /// assert_eq!(out.message, "De hashwaarde 0xDEAD is ongeldig.");
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum DefenderError<'a> {
            $( $(#[$doc])* $code $({ $( #[allow(missing_docs)] $field: $ty ),+ })?, )+
        }

        impl DefenderError<'_> {
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
        }

        impl ArgSource for DefenderError<'_> {
            #[inline(always)]
            fn get(&self, name: &str) -> Option<ValueRef<'_>> {
                match self {
                    $( DefenderError::$code $({ $($field),+ })? => {
                        $($( if name == stringify!($field) {
                            return Some($field.to_value_ref());
                        } )+)?
                        let _ = name;
                        None
                    } )+
                }
            }

            fn for_each_name(&self, f: &mut dyn FnMut(&str)) {
                for variable in self.code().variables() {
                    f(variable.name);
                }
            }
        }
    };
}

trait ToValueRef {
    fn to_value_ref(&self) -> ValueRef<'_>;
}

impl ToValueRef for Cow<'_, str> {
    fn to_value_ref(&self) -> ValueRef<'_> {
        ValueRef::Str(self)
    }
}

impl ToValueRef for u64 {
    fn to_value_ref(&self) -> ValueRef<'_> {
        ValueRef::Number(Number::from(*self))
    }
}

defender_error! {
    /// General bad request.
    BadRequest,
    /// Invalid OData URI query.
    ODataError { specific_error: Cow<'a, str> },
    /// Invalid input.
    InvalidInput { input: Cow<'a, str> },
    /// Invalid request body.
    InvalidRequestBody,
    /// A hash value is invalid.
    InvalidHashValue { hash: Cow<'a, str> },
    /// A domain name is invalid.
    InvalidDomainName { domain: Cow<'a, str> },
    /// An IP address is invalid.
    InvalidIpAddress { ip: Cow<'a, str> },
    /// A URL is invalid.
    InvalidUrl { url: Cow<'a, str> },
    /// Too many items in one batch.
    MaximumBatchSizeExceeded { batch_size_received: u64, batch_size_allowed: u64 },
    /// A required parameter is missing.
    MissingRequiredParameter { parameter: Cow<'a, str> },
    /// The OS platform is not supported for the action.
    OsPlatformNotSupported { os_platform: Cow<'a, str> },
    /// The action needs a newer client version.
    ClientVersionNotSupported { action: Cow<'a, str>, client_version: Cow<'a, str> },
    /// Invalid or expired authorization header.
    Unauthorized,
    /// Valid token but insufficient permission.
    Forbidden,
    /// The tenant feature is not enabled.
    DisabledFeature,
    /// The operation is not allowed, with the reason.
    DisallowedOperation { operation: Cow<'a, str> },
    /// General not found.
    NotFound,
    /// A named resource was not found.
    ResourceNotFound { resource: Cow<'a, str> },
    /// Internal server error.
    InternalServerError,
}
