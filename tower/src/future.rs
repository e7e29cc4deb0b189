//! [`ResponseFuture`]: the future of [`Localize`](super::Localize), named, as
//! tower-http's layers name theirs: nothing is boxed for a response that is
//! passed on.

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use bytes::{Bytes, BytesMut};
use http::header::{CONTENT_ENCODING, CONTENT_LENGTH};
use http::response::Parts;
use http::{HeaderMap, Response, StatusCode};
use http_body::Body;
use pin_project_lite::pin_project;

use super::rewrite::{rewrite, write_server_error, Localized};
use super::{LocalizeBody, RequestLocale, ServerError};
use crate::headers::is_json;

pin_project! {
    /// The response future of [`Localize`](super::Localize): the inner
    /// service's response, with an error body read (up to the limit) and
    /// localized.
    ///
    /// ```
    /// use std::convert::Infallible;
    /// use std::sync::Arc;
    /// use defender_errors_tower::{LocalizeLayer, ResponseFuture};
    /// use tower_layer::Layer;
    /// use tower_service::Service;
    ///
    /// let inner = tower_service_fn();
    /// let mut service = LocalizeLayer::new(Arc::new(defender_errors::Catalog::new())).layer(inner);
    /// let future: ResponseFuture<_, _> = service.call(http::Request::new(()));
    /// # let _ = future;
    /// # fn tower_service_fn() -> Echo { Echo }
    /// # #[derive(Clone)] struct Echo;
    /// # impl Service<http::Request<()>> for Echo {
    /// #     type Response = http::Response<http_body_util::Empty<bytes::Bytes>>;
    /// #     type Error = Infallible;
    /// #     type Future = std::future::Ready<Result<Self::Response, Infallible>>;
    /// #     fn poll_ready(&mut self, _: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Infallible>> { std::task::Poll::Ready(Ok(())) }
    /// #     fn call(&mut self, _: http::Request<()>) -> Self::Future { std::future::ready(Ok(http::Response::new(http_body_util::Empty::new()))) }
    /// # }
    /// ```
    pub struct ResponseFuture<F, B> {
        #[pin]
        inner: F,
        state: State<B>,
        limit: usize,
    }
}

enum State<B> {
    /// Waiting for the inner service; `None` for a `HEAD` request.
    Waiting(Option<RequestLocale>),
    /// Reading an error body (rare: boxed, to keep the future small).
    Reading(Box<Reading<B>>),
    Done,
}

struct Reading<B> {
    parts: Parts,
    body: Pin<Box<B>>,
    chunks: Vec<Bytes>,
    size: usize,
    trailers: Option<HeaderMap>,
    wanted: RequestLocale,
}

impl<F, B> ResponseFuture<F, B> {
    pub(super) fn new(inner: F, wanted: Option<RequestLocale>, limit: usize) -> Self {
        Self {
            inner,
            state: State::Waiting(wanted),
            limit,
        }
    }
}

impl<F, B, E> Future for ResponseFuture<F, B>
where
    F: Future<Output = Result<Response<B>, E>>,
    B: Body<Data = Bytes>,
{
    type Output = Result<Response<LocalizeBody<B>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        loop {
            match this.state {
                State::Waiting(_) => {
                    let response = ready!(this.inner.as_mut().poll(cx))?;
                    let State::Waiting(wanted) = std::mem::replace(this.state, State::Done) else {
                        unreachable!("the state was Waiting")
                    };
                    if response.extensions().get::<ServerError>().is_some() {
                        // The server's own error: written, not read.
                        return Poll::Ready(Ok(written(response, wanted)));
                    }
                    let wanted = wanted.filter(|_| is_candidate(&response, *this.limit));
                    let Some(wanted) = wanted else {
                        return Poll::Ready(Ok(response.map(LocalizeBody::passthrough)));
                    };
                    let (parts, body) = response.into_parts();
                    *this.state = State::Reading(Box::new(Reading {
                        parts,
                        body: Box::pin(body),
                        chunks: Vec::new(),
                        size: 0,
                        trailers: None,
                        wanted,
                    }));
                }
                State::Reading(reading) => {
                    let read = ready!(reading.poll_read(cx, *this.limit));
                    let State::Reading(reading) = std::mem::replace(this.state, State::Done) else {
                        unreachable!("the state was Reading")
                    };
                    return Poll::Ready(Ok(reading.finish(read)));
                }
                State::Done => polled_after_completion(),
            }
        }
    }
}

/// What every future of the crate does when polled again after `Ready`.
#[allow(clippy::panic)]
pub(crate) fn polled_after_completion() -> ! {
    panic!("a future polled after completion")
}

/// How a read of an error body ended.
enum Read<E> {
    /// The whole body is in `chunks`.
    Whole,
    /// Over the limit: the rest of the body is still to come.
    OverLimit,
    /// The body failed after `chunks`.
    Failed(E),
}

impl<B: Body<Data = Bytes>> Reading<B> {
    fn poll_read(&mut self, cx: &mut Context<'_>, limit: usize) -> Poll<Read<B::Error>> {
        loop {
            let frame = match ready!(self.body.as_mut().poll_frame(cx)) {
                None => return Poll::Ready(Read::Whole),
                Some(Err(error)) => return Poll::Ready(Read::Failed(error)),
                Some(Ok(frame)) => frame,
            };
            match frame.into_data() {
                Ok(data) => {
                    self.size += data.len();
                    self.chunks.push(data);
                    if self.size > limit {
                        return Poll::Ready(Read::OverLimit);
                    }
                }
                Err(frame) => self.trailers = frame.into_trailers().ok(),
            }
        }
    }

    /// The response: localized when the whole body is an envelope; else
    /// the same bytes, then what is left.
    fn finish(self: Box<Self>, read: Read<B::Error>) -> Response<LocalizeBody<B>> {
        let Self {
            mut parts,
            body,
            chunks,
            trailers,
            wanted,
            ..
        } = *self;
        let replay = match read {
            Read::OverLimit => LocalizeBody::replay(chunks, Some(body), None, None),
            Read::Failed(error) => LocalizeBody::replay(chunks, None, Some(error), None),
            // A body with trailers is not an envelope the API sends.
            Read::Whole if trailers.is_some() => LocalizeBody::replay(chunks, None, None, trailers),
            Read::Whole => {
                let whole = concat(&chunks);
                match rewrite(&mut parts, &whole, &wanted.resolve()) {
                    Some(localized) => LocalizeBody::full(localized),
                    None => LocalizeBody::replay(chunks, None, None, None),
                }
            }
        };
        Response::from_parts(parts, replay)
    }
}

/// A response that carries a [`ServerError`]: its envelope written in the
/// request's locale in place of the English one (a `HEAD` request's, with
/// no body to send, as it is).
fn written<B>(response: Response<B>, wanted: Option<RequestLocale>) -> Response<LocalizeBody<B>>
where
    B: Body<Data = Bytes>,
{
    let (mut parts, body) = response.into_parts();
    let (Some(wanted), Some(error)) = (wanted, parts.extensions.remove::<ServerError>()) else {
        return Response::from_parts(parts, LocalizeBody::passthrough(body));
    };
    if parts.extensions.get::<Localized>().is_some() {
        return Response::from_parts(parts, LocalizeBody::passthrough(body));
    }
    let bytes = write_server_error(&mut parts, &error, &wanted.resolve());
    Response::from_parts(parts, LocalizeBody::full(bytes))
}

/// Whether a response may hold a Defender error body worth reading: a 4xx
/// or 5xx status, JSON, not encoded, not larger than `limit` by its
/// `Content-Length`, and not localized already.
fn is_candidate<B>(response: &Response<B>, limit: usize) -> bool {
    let status: StatusCode = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        // Most responses: decided without looking at a header.
        return false;
    }
    let headers = response.headers();
    let encoded = headers
        .get_all(CONTENT_ENCODING)
        .iter()
        .any(|v| !v.as_bytes().eq_ignore_ascii_case(b"identity"));
    let length = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let small = length.is_none_or(|n| n <= limit as u64);
    !encoded && small && response.extensions().get::<Localized>().is_none() && is_json(headers)
}

fn concat(chunks: &[Bytes]) -> Bytes {
    match chunks {
        [] => Bytes::new(),
        [one] => one.clone(),
        _ => {
            let mut all = BytesMut::with_capacity(chunks.iter().map(Bytes::len).sum());
            for chunk in chunks {
                all.extend_from_slice(chunk);
            }
            all.freeze()
        }
    }
}
