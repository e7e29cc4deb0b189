//! The typed path: one value per error, its variables as fields, so that the
//! compiler checks every variable is given and spelled right.

use crate::code::ErrorCode;
use crate::render::args::{ArgSource, ValueRef};
use crate::render::number::Number;

macro_rules! defender_error {
    ($( $(#[$doc:meta])* $code:ident $({ $($field:ident : $ty:ty),+ })? ),+ $(,)?) => {
        /// A Defender API error with its values, checked by the compiler.
        ///
        /// Each variant is an [`ErrorCode`]; its fields are that code's
        /// [variables](ErrorCode::variables), with the same names.
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
        pub enum DefenderError {
            $( $(#[$doc])* $code $({ $( #[allow(missing_docs)] $field: $ty ),+ })?, )+
        }

        impl DefenderError {
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

        impl ArgSource for DefenderError {
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

impl ToValueRef for String {
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
    ODataError { specific_error: String },
    /// Invalid input.
    InvalidInput { input: String },
    /// Invalid request body.
    InvalidRequestBody,
    /// A hash value is invalid.
    InvalidHashValue { hash: String },
    /// A domain name is invalid.
    InvalidDomainName { domain: String },
    /// An IP address is invalid.
    InvalidIpAddress { ip: String },
    /// A URL is invalid.
    InvalidUrl { url: String },
    /// Too many items in one batch.
    MaximumBatchSizeExceeded { batch_size_received: u64, batch_size_allowed: u64 },
    /// A required parameter is missing.
    MissingRequiredParameter { parameter: String },
    /// The OS platform is not supported for the action.
    OsPlatformNotSupported { os_platform: String },
    /// The action needs a newer client version.
    ClientVersionNotSupported { action: String, client_version: String },
    /// Invalid or expired authorization header.
    Unauthorized,
    /// Valid token but insufficient permission.
    Forbidden,
    /// The tenant feature is not enabled.
    DisabledFeature,
    /// The operation is not allowed, with the reason.
    DisallowedOperation { operation: String },
    /// General not found.
    NotFound,
    /// A named resource was not found.
    ResourceNotFound { resource: String },
    /// Internal server error.
    InternalServerError,
}
