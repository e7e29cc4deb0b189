//! The one place where the servers make their own errors.

use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::shape::Shaped;
use defender_errors_tower::AcceptLanguage;

/// An error the server (or the application on it) answers itself, as a
/// Defender error envelope: `{"error":{"code","message"}}`, as
/// `application/json`. `message` is the server's English detail; the code is
/// the contract.
///
/// Every error made by the server's middleware (408, 413, 431, 500, 503) and
/// by the sidecar's routes goes through this function. It is given the
/// request's headers, and keeps their `Accept-Language`: on its way out
/// through [`run`](super::run) the envelope gets its `localizedMessage` in
/// that language, from the server's current catalog
/// ([`Config::catalog`](super::Config::catalog)), by the same rewrite as
/// [`LocalizeLayer`](defender_errors_tower::LocalizeLayer)'s: the catalog's message
/// for a code it knows (`NotFound`), else the generic message of the status
/// (`PayloadTooLarge`, 413), told the wait of a `Retry-After` when the
/// message takes one; `Content-Language` and `Vary: Accept-Language` are set.
///
/// ```
/// use axum::http::{HeaderMap, StatusCode};
/// use defender_errors_server::error;
///
/// let response = error(&HeaderMap::new(), StatusCode::NOT_FOUND, "NotFound", "no such endpoint");
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// ```
pub fn error(
    request: &HeaderMap,
    status: StatusCode,
    code: &str,
    message: impl Into<String>,
) -> Response {
    let body = json!({ "error": { "code": code, "message": message.into() } });
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response.extensions_mut().insert(Shaped {
        accept_language: AcceptLanguage::of(request),
    });
    response
}

/// [`error`] with a `Retry-After` of `seconds`: the 503 of a server that is
/// busy or stopping.
///
/// ```
/// use axum::http::HeaderMap;
/// use defender_errors_server::unavailable;
///
/// let response = unavailable(&HeaderMap::new(), 1, "too many requests under way");
/// assert_eq!(response.status(), 503);
/// assert_eq!(response.headers()["retry-after"], "1");
/// ```
pub fn unavailable(request: &HeaderMap, seconds: u64, message: impl Into<String>) -> Response {
    let mut response = error(
        request,
        StatusCode::SERVICE_UNAVAILABLE,
        "ServiceUnavailable",
        message,
    );
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// The code and message of an error that a middleware answered with a
/// status alone (tower-http's timeout, body limit and panic handler).
pub(super) fn bare(status: StatusCode) -> (&'static str, &'static str) {
    match status {
        StatusCode::REQUEST_TIMEOUT => (
            "RequestTimeout",
            "the request took longer than the server waits for one",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ("PayloadTooLarge", "the request body is too large"),
        StatusCode::INTERNAL_SERVER_ERROR => (
            "InternalServerError",
            "the server failed while answering; the failure is logged",
        ),
        StatusCode::SERVICE_UNAVAILABLE => ("ServiceUnavailable", "the server cannot answer now"),
        _ => ("Error", "the server could not answer this request"),
    }
}
