//! The cap on requests in flight: a request over it is answered 503 with
//! `Retry-After` at once, made by [`unavailable`](super::unavailable); the
//! probes are counted but never shed. A layer with a named future, as
//! tower-http's are: nothing is boxed per request.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

use axum::extract::Request;
use axum::response::Response;
use axum::BoxError;
use bytes::Bytes;
use pin_project_lite::pin_project;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower::{Layer, Service};

use super::answer::Answer;
use super::error::unavailable;
use super::metrics::{Held, Metrics};

/// The cap on requests in flight: a request over it is answered 503 with
/// `Retry-After` at once; the probes are counted but never shed.
#[derive(Clone)]
pub(super) struct InFlightLayer {
    pub(super) permits: Arc<Semaphore>,
    pub(super) retry_after: u64,
    pub(super) metrics: Metrics,
}

impl<S> Layer<S> for InFlightLayer {
    type Service = InFlight<S>;

    fn layer(&self, inner: S) -> InFlight<S> {
        InFlight {
            inner,
            cap: self.clone(),
        }
    }
}

/// The service of [`InFlightLayer`].
#[derive(Clone)]
pub(super) struct InFlight<S> {
    inner: S,
    cap: InFlightLayer,
}

impl<S, B, RB> Service<Request<B>> for InFlight<S>
where
    S: Service<Request<B>, Response = http::Response<RB>>,
    RB: http_body::Body<Data = Bytes> + Send + 'static,
    RB::Error: Into<BoxError>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = InFlightFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let permit = if super::probes::probe(request.uri().path()).is_some() {
            None
        } else if let Ok(permit) = self.cap.permits.clone().try_acquire_owned() {
            Some(permit)
        } else {
            tracing::warn!("over the cap on requests in flight; answered 503");
            let response = unavailable(
                self.cap.retry_after,
                "the server has as many requests under way as it takes; retry later",
            );
            return InFlightFuture {
                inner: Answer::Now {
                    response: Some(response),
                },
                held: None,
            };
        };
        InFlightFuture {
            held: Some((permit, self.cap.metrics.in_flight())),
            inner: Answer::Inner {
                future: self.inner.call(request),
            },
        }
    }
}

pin_project! {
    /// The future of [`InFlight`]: the permit and the gauge are held until
    /// the response head is ready.
    pub(super) struct InFlightFuture<F> {
        #[pin]
        inner: Answer<F>,
        held: Option<(Option<OwnedSemaphorePermit>, Held)>,
    }
}

impl<F, B, E> Future for InFlightFuture<F>
where
    F: Future<Output = Result<http::Response<B>, E>>,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let response = ready!(this.inner.poll(cx));
        drop(this.held.take());
        Poll::Ready(response)
    }
}
