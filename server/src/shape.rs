//! Bare errors made the JSON way: tower-http's timeout, body limit and panic
//! handler answer with a status alone; the server gives those answers the
//! shape of every other error, through [`error`](super::error).
//!
//! A response counts as bare when it is an error that [`error`](super::error)
//! did not make (its responses carry [`Shaped`]), and either the application
//! did not make it (the application's responses carry [`Answered`], put by
//! [`MarkLayer`](super::mark::MarkLayer)) or it is empty and without a
//! content type (axum's own 404 and 405). A layer with a named future, as
//! tower-http's are: nothing is boxed per request.

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::response::Response;
use pin_project_lite::pin_project;
use tower::{Layer, Service};

use super::error::{bare, error};
use super::mark::Answered;
use defender_errors_tower::AcceptLanguage;

/// Put on every response that [`error`](super::error) made, with the
/// `Accept-Language` lines of the request it answers: the language its
/// message is localized in (see [`localize`](super::localize)).
#[derive(Clone)]
pub(super) struct Shaped {
    pub(super) accept_language: AcceptLanguage,
}

/// Gives a bare error of the middleware inside the JSON shape.
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
        // All a bare error needs of the request: the language to answer in.
        ShapeFuture {
            lines: AcceptLanguage::of(request.headers()),
            inner: self.inner.call(request),
        }
    }
}

pin_project! {
    /// The future of [`Shape`].
    pub(super) struct ShapeFuture<F> {
        #[pin]
        inner: F,
        lines: AcceptLanguage,
    }
}

impl<F, E> Future for ShapeFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let response = ready!(this.inner.poll(cx))?;
        Poll::Ready(Ok(shape(response, std::mem::take(this.lines))))
    }
}

/// `response`, or its JSON shape when it is a bare error.
fn shape(response: Response, lines: AcceptLanguage) -> Response {
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
    error(&lines.into_headers(), status, code, message)
}
