//! Bare errors made the JSON way: tower-http's timeout, body limit and panic
//! handler answer with a status alone; the server gives those answers the
//! shape of every other error, through [`error`](super::error).
//!
//! A response counts as bare when it is an error that [`error`](super::error)
//! did not make (its responses carry [`Shaped`]), and either the application
//! did not make it (the application's responses carry [`Answered`]) or it is
//! empty and without a content type (axum's own 404 and 405).

use axum::extract::{MatchedPath, Request};
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use smallvec::SmallVec;

use super::error::{bare, error};

/// Put on every response of the application by [`mark`], with the route
/// that answered (for the metrics and the log line).
#[derive(Clone)]
pub(super) struct Answered(pub(super) Option<MatchedPath>);

/// Put on every response that [`error`](super::error) made, with the
/// `Accept-Language` lines of the request it answers: the language its
/// message is localized in (see [`localize`](super::localize)).
#[derive(Clone)]
pub(super) struct Shaped {
    // One line is the common case: kept without allocating.
    pub(super) accept_language: SmallVec<[HeaderValue; 1]>,
}

/// The application's responses are its own: marked, with their route.
pub(super) async fn mark(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    response.extensions_mut().insert(Answered(route));
    response
}

/// Gives a bare error of the middleware inside the JSON shape.
pub(super) async fn shape(request: Request, next: Next) -> Response {
    // All a bare error needs of the request: the language to answer in,
    // kept without allocating for the one line of the common case.
    let lines: SmallVec<[HeaderValue; 1]> = request
        .headers()
        .get_all(ACCEPT_LANGUAGE)
        .iter()
        .cloned()
        .collect();
    let response = next.run(request).await;
    let status = response.status();
    let made = response.extensions();
    // axum's own 404 and 405 (a Router without a fallback of its own) are
    // empty, without a content type: bare too.
    let empty = !response.headers().contains_key(CONTENT_TYPE)
        && http_body::Body::size_hint(response.body()).exact() == Some(0);
    if !(status.is_client_error() || status.is_server_error())
        || made.get::<Shaped>().is_some()
        || (made.get::<Answered>().is_some() && !empty)
    {
        return response;
    }
    let (code, message) = bare(status);
    let mut headers = HeaderMap::new();
    for line in lines {
        headers.append(ACCEPT_LANGUAGE, line);
    }
    error(&headers, status, code, message)
}
