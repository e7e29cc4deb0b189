//! The limit on the bytes of request header names and values: more is
//! answered 431, made by [`error`](super::error). A layer with a named
//! future, as tower-http's are: nothing is boxed per request.

use std::task::{Context, Poll};

use axum::extract::Request;
use axum::response::Response;
use axum::BoxError;
use bytes::Bytes;
use tower::{Layer, Service};

use super::answer::Answer;
use super::error::Own;

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
            let response = Own::RequestHeaderFieldsTooLarge.error(format!(
                "the request headers hold {size} bytes; at most {} are read",
                self.limit
            ));
            return Answer::Now {
                response: Some(response),
            };
        }
        Answer::Inner {
            future: self.inner.call(request),
        }
    }
}
