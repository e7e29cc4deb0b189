//! What a response says of where it came from, put by layers around the
//! application's routes: [`Route`], the route, on every response of a
//! request that matched one (the handler's, and the 408, 413 and 500 of the
//! limits around it), for the metrics and the log line (the layer is also
//! around the fallback, where there is no route to mark); [`Answered`], on
//! the responses the routes' handlers made themselves (axum's
//! `route_layer`), so that [`shape`](super::shape) knows every other error
//! for a bare one. A
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

/// Put on every response a handler of the application made.
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
        let mark = match self.kind {
            MarkLayer::Route => request
                .extensions()
                .get::<MatchedPath>()
                .cloned()
                .map(|path| Marker::Route(Route::Matched(path))),
            MarkLayer::Answered => Some(Marker::Answered),
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
