//! The one place where the servers make their own errors.

use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use defender_errors_tower::ServerError;

/// An error the server (or the application on it) answers itself, as a
/// Defender error envelope: `{"error":{"code","message"}}`, as
/// `application/json`. `message` is the server's English detail; the code is
/// the contract.
///
/// Every error made by the server's middleware (408, 413, 431, 500, 503) and
/// by the sidecar's and the proxy's handlers is made here, as a
/// [`ServerError`]: a typed value that the server's one localizing layer
/// ([`LocalizeLayer`](defender_errors_tower::LocalizeLayer), the same as a
/// portal's) writes on the way out, with its `localizedMessage` in the
/// language the request asked for ([`RequestLocale`](defender_errors_tower::RequestLocale)),
/// from the server's current catalog ([`Config::catalog`](super::Config::catalog)):
/// the catalog's message for a code it knows (`NotFound`), else the generic
/// message of the status (`PayloadTooLarge`, 413), told the wait of a
/// `Retry-After` when the message takes one; `Content-Language` and `Vary:
/// Accept-Language` are set.
///
/// ```
/// use axum::http::StatusCode;
/// use defender_errors_server::error;
///
/// let response = error(StatusCode::NOT_FOUND, "NotFound", "no such endpoint");
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// ```
pub fn error(
    status: StatusCode,
    code: &'static str,
    message: impl Into<std::borrow::Cow<'static, str>>,
) -> Response {
    ServerError::new(status, code, message).into_response()
}

/// [`error`] with a `Retry-After` of `seconds`: the 503 of a server that is
/// busy or stopping.
///
/// ```
/// use defender_errors_server::unavailable;
///
/// let response = unavailable(1, "too many requests under way");
/// assert_eq!(response.status(), 503);
/// assert_eq!(response.headers()["retry-after"], "1");
/// ```
pub fn unavailable(seconds: u64, message: impl Into<std::borrow::Cow<'static, str>>) -> Response {
    let mut response = Own::ServiceUnavailable.error(message);
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// The errors answered before any handler of the application could: by the
/// server's layers (the limits, the panic handler, the cap on requests in
/// flight) and by axum's router (no route, or not that method). The
/// statuses that [`shape`](super::shape) types and the request label sets
/// that the metrics start at 0 both come from this list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Own {
    /// The router: no route takes the path.
    NotFound,
    /// The router: the route does not take the method (with `Allow`).
    MethodNotAllowed,
    /// tower-http's time limit, around each route.
    RequestTimeout,
    /// tower-http's body limit, around each route.
    PayloadTooLarge,
    /// The limit on the bytes of header names and values, before routing.
    RequestHeaderFieldsTooLarge,
    /// A handler panicked: tower-http's panic handler, around each route.
    InternalServerError,
    /// The cap on requests in flight, before routing.
    ServiceUnavailable,
}

impl Own {
    /// Every one of them.
    pub(crate) const ALL: [Self; 7] = [
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::RequestTimeout,
        Self::PayloadTooLarge,
        Self::RequestHeaderFieldsTooLarge,
        Self::InternalServerError,
        Self::ServiceUnavailable,
    ];

    pub(crate) fn status(self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RequestHeaderFieldsTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Self::InternalServerError => StatusCode::INTERNAL_SERVER_ERROR,
            Self::ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    pub(crate) fn code(self) -> &'static str {
        match self {
            Self::NotFound => "NotFound",
            Self::MethodNotAllowed => "MethodNotAllowed",
            Self::RequestTimeout => "RequestTimeout",
            Self::PayloadTooLarge => "PayloadTooLarge",
            Self::RequestHeaderFieldsTooLarge => "RequestHeaderFieldsTooLarge",
            Self::InternalServerError => "InternalServerError",
            Self::ServiceUnavailable => "ServiceUnavailable",
        }
    }

    /// The server's English detail, for one that came with a status alone.
    pub(crate) fn message(self) -> &'static str {
        match self {
            Self::NotFound => "no such endpoint",
            Self::MethodNotAllowed => "this endpoint does not take that method",
            Self::RequestTimeout => "the request took longer than the server waits for one",
            Self::PayloadTooLarge => "the request body is too large",
            Self::RequestHeaderFieldsTooLarge => "the request headers are too large",
            Self::InternalServerError => "the server failed while answering; the failure is logged",
            Self::ServiceUnavailable => "the server cannot answer now",
        }
    }

    /// Whether it is answered before a route is matched, and so counted
    /// under `route="unmatched"`; the others are counted under the route
    /// the request was for.
    pub(crate) fn before_routing(self) -> bool {
        match self {
            Self::NotFound | Self::RequestHeaderFieldsTooLarge | Self::ServiceUnavailable => true,
            Self::MethodNotAllowed
            | Self::RequestTimeout
            | Self::PayloadTooLarge
            | Self::InternalServerError => false,
        }
    }

    /// This error, with the server's English detail `message`, made by
    /// [`error`].
    pub(crate) fn error(self, message: impl Into<std::borrow::Cow<'static, str>>) -> Response {
        error(self.status(), self.code(), message)
    }

    /// The one of `status`, if the server makes it.
    pub(crate) fn of(status: StatusCode) -> Option<Self> {
        Self::ALL.into_iter().find(|own| own.status() == status)
    }
}
