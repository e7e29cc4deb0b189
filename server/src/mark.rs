//! The application's responses marked as its own, with the route that
//! answered ([`Answered`]), for the metrics, the log line and the JSON shape
//! of bare errors ([`shape`](super::shape)). A layer with a named future, as
//! tower-http's are: nothing is boxed per request.

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use axum::extract::{MatchedPath, Request};
use axum::response::Response;
use pin_project_lite::pin_project;
use tower::{Layer, Service};

/// Put on every response of the application by [`MarkLayer`], with the
/// route that answered (for the metrics and the log line).
#[derive(Clone)]
pub(super) struct Answered(pub(super) Option<MatchedPath>);

/// Marks the application's responses as its own, with their route.
#[derive(Clone, Copy)]
pub(super) struct MarkLayer;

impl<S> Layer<S> for MarkLayer {
    type Service = Mark<S>;

    fn layer(&self, inner: S) -> Mark<S> {
        Mark { inner }
    }
}

/// The service of [`MarkLayer`].
#[derive(Clone)]
pub(super) struct Mark<S> {
    inner: S,
}

impl<S, B> Service<Request<B>> for Mark<S>
where
    S: Service<Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = MarkFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        MarkFuture {
            route: request.extensions().get::<MatchedPath>().cloned(),
            inner: self.inner.call(request),
        }
    }
}

pin_project! {
    /// The future of [`Mark`].
    pub(super) struct MarkFuture<F> {
        #[pin]
        inner: F,
        route: Option<MatchedPath>,
    }
}

impl<F, E> Future for MarkFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut response = ready!(this.inner.poll(cx))?;
        response
            .extensions_mut()
            .insert(Answered(this.route.take()));
        Poll::Ready(Ok(response))
    }
}
