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
    let mut response = error(
        StatusCode::SERVICE_UNAVAILABLE,
        "ServiceUnavailable",
        message,
    );
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(seconds));
    response
}
