//! What a response says of where it came from, put by layers around the
//! application's routes and its fallback, for a request that matched a
//! route (axum's `MatchedPath`): [`Route`], the route, on every response
//! (the handler's, and the 408, 413 and 500 of the limits around it), for
//! the metrics and the log line; [`Answered`], on the responses the route's
//! handlers made themselves, so that [`shape`](super::shape) knows every
//! other error for a bare one. A fallback's responses carry neither: there
//! is no route to name, and the router's own 404 is bare. A
//! layer with a named future, as tower-http's are: nothing is boxed per
//! request.

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use axum::extract::{MatchedPath, Request};
use axum::response::Response;
use pin_project_lite::pin_project;
use tower::{Layer, Service};

/// The route that answered: one of the application's, as axum matched it,
/// or one of the server's own probes.
#[derive(Clone)]
pub(super) enum Route {
    Matched(MatchedPath),
    Static(&'static str),
}

/// Put on every response a route's handler made.
#[derive(Clone, Copy)]
pub(super) struct Answered;

/// Which mark a [`MarkLayer`] puts.
#[derive(Clone, Copy)]
pub(super) enum MarkLayer {
    /// [`Route`]: outermost of the route's layers.
    Route,
    /// [`Answered`]: innermost, around the handler.
    Answered,
}

impl<S> Layer<S> for MarkLayer {
    type Service = Mark<S>;

    fn layer(&self, inner: S) -> Mark<S> {
        Mark { inner, kind: *self }
    }
}

/// The service of [`MarkLayer`].
#[derive(Clone)]
pub(super) struct Mark<S> {
    inner: S,
    kind: MarkLayer,
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
        let matched = request.extensions().get::<MatchedPath>();
        let mark = match self.kind {
            MarkLayer::Route => matched.map(|path| Marker::Route(Route::Matched(path.clone()))),
            MarkLayer::Answered => matched.map(|_| Marker::Answered),
        };
        MarkFuture {
            mark,
            inner: self.inner.call(request),
        }
    }
}

enum Marker {
    Route(Route),
    Answered,
}

pin_project! {
    /// The future of [`Mark`].
    pub(super) struct MarkFuture<F> {
        #[pin]
        inner: F,
        mark: Option<Marker>,
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
        match this.mark.take() {
            Some(Marker::Route(route)) => {
                response.extensions_mut().insert(route);
            }
            Some(Marker::Answered) => {
                response.extensions_mut().insert(Answered);
            }
            None => {}
        }
        Poll::Ready(Ok(response))
    }
}
