//! [`Answer`], the future of a layer of the server that answers some
//! requests itself and passes the others on.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::response::Response;
use axum::BoxError;
use bytes::Bytes;
use pin_project_lite::pin_project;

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

/// What every future of the server does when polled again after `Ready`.
#[allow(clippy::panic)]
pub(super) fn polled_after_completion() -> ! {
    panic!("a future polled after completion")
}
