//! Bare errors made typed: axum's router answers an unknown route (404) or
//! method (405) with a status alone, and so do tower-http's timeout (408),
//! body limit (413) and panic handler (500). The server turns each into a
//! [`ServerError`] of the same status, with the headers the router or the
//! middleware set (`Allow`, `Retry-After`, `WWW-Authenticate`) kept, for
//! the localizing layer to write like every other error.
//!
//! Nothing is guessed from a body: a response is bare when it is an error
//! that no route's handler made (their responses carry [`Answered`], put by
//! a layer around them for a request that matched a route), that is not a
//! [`ServerError`] already, and that is not localized. A fallback's error
//! is typed like the router's own 404: there is no mark to tell them apart.
//! A layer with a named future, as tower-http's are: nothing is boxed per
//! request.

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;
use defender_errors_tower::{Localized, ServerError};
use pin_project_lite::pin_project;
use tower::{Layer, Service};

use super::error::Own;
use super::mark::Answered;

/// Gives a bare error the typed shape of every other error.
#[derive(Clone, Copy)]
pub(super) struct ShapeLayer;

impl<S> Layer<S> for ShapeLayer {
    type Service = Shape<S>;

    fn layer(&self, inner: S) -> Shape<S> {
        Shape { inner }
    }
}

/// The service of [`ShapeLayer`].
#[derive(Clone)]
pub(super) struct Shape<S> {
    inner: S,
}

impl<S, B> Service<Request<B>> for Shape<S>
where
    S: Service<Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = ShapeFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        ShapeFuture {
            inner: self.inner.call(request),
        }
    }
}

pin_project! {
    /// The future of [`Shape`].
    pub(super) struct ShapeFuture<F> {
        #[pin]
        inner: F,
    }
}

impl<F, E> Future for ShapeFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let response = ready!(self.project().inner.poll(cx))?;
        Poll::Ready(Ok(shape(response)))
    }
}

/// `response`, or a [`ServerError`] of its status with its headers when it
/// is a bare error.
fn shape(response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let made = response.extensions();
    if made.get::<Answered>().is_some()
        || made.get::<ServerError>().is_some()
        || made.get::<Localized>().is_some()
    {
        return response;
    }
    let (mut parts, _bare) = response.into_parts();
    let (code, message) = bare(status);
    let (typed, body) = ServerError::new(status, code, message)
        .into_response::<Body>()
        .into_parts();
    // The router's and the middleware's headers stay; the body is the
    // envelope's.
    parts.headers.extend(typed.headers);
    parts.headers.remove(http::header::CONTENT_LENGTH);
    parts.extensions.extend(typed.extensions);
    Response::from_parts(parts, body)
}

/// The code and message of an error that the router or a middleware
/// answered with a status alone.
fn bare(status: StatusCode) -> (&'static str, &'static str) {
    Own::of(status).map_or(
        ("Error", "the server could not answer this request"),
        |own| (own.code(), own.message()),
    )
}
