//! The per-request limits that answer with [`error`](super::error) themselves:
//! the cap on requests in flight (503 with `Retry-After`) and the size of the
//! request headers (431). Layers with named futures, as tower-http's are:
//! nothing is boxed per request.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;
use axum::BoxError;
use bytes::Bytes;
use pin_project_lite::pin_project;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower::{Layer, Service};

use super::error::{error, unavailable};
use super::metrics::{Held, Metrics};

pin_project! {
    /// A response made at once, or the inner service's, whose body is
    /// given axum's type (a `Body` stays as it is).
    #[project = AnswerProj]
    pub(super) enum Answer<F> {
        Now { response: Option<Response> },
        Inner { #[pin] future: F },
    }
}

impl<F, B, E> Future for Answer<F>
where
    F: Future<Output = Result<http::Response<B>, E>>,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project() {
            AnswerProj::Now { response } => match response.take() {
                Some(response) => Poll::Ready(Ok(response)),
                None => polled_after_completion(),
            },
            AnswerProj::Inner { future } => future
                .poll(cx)
                .map(|answer| answer.map(|response| response.map(Body::new))),
        }
    }
}

/// What every future does when polled again after `Ready`.
#[allow(clippy::panic)]
pub(super) fn polled_after_completion() -> ! {
    panic!("a server's future was polled after completion")
}

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
        let permit = if super::probes::PATHS.contains(&request.uri().path()) {
            None
        } else if let Ok(permit) = self.cap.permits.clone().try_acquire_owned() {
            Some(permit)
        } else {
            tracing::warn!("over the cap on requests in flight; answered 503");
            let response = unavailable(
                request.headers(),
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

/// The limit on the bytes of request header names and values: more is
/// answered 431.
#[derive(Clone, Copy)]
pub(super) struct HeaderBytesLayer {
    pub(super) limit: usize,
}

impl<S> Layer<S> for HeaderBytesLayer {
    type Service = HeaderBytes<S>;

    fn layer(&self, inner: S) -> HeaderBytes<S> {
        HeaderBytes {
            inner,
            limit: self.limit,
        }
    }
}

/// The service of [`HeaderBytesLayer`].
#[derive(Clone)]
pub(super) struct HeaderBytes<S> {
    inner: S,
    limit: usize,
}

impl<S, B, RB> Service<Request<B>> for HeaderBytes<S>
where
    S: Service<Request<B>, Response = http::Response<RB>>,
    RB: http_body::Body<Data = Bytes> + Send + 'static,
    RB::Error: Into<BoxError>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Answer<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let size: usize = request
            .headers()
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len())
            .sum();
        if size > self.limit {
            let response = error(
                request.headers(),
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "RequestHeaderFieldsTooLarge",
                format!(
                    "the request headers hold {size} bytes; at most {} are read",
                    self.limit
                ),
            );
            return Answer::Now {
                response: Some(response),
            };
        }
        Answer::Inner {
            future: self.inner.call(request),
        }
    }
}
