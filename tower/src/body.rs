//! [`LocalizeBody`]: the body of a response that passed [`super::LocalizeLayer`].

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::HeaderMap;
use http_body::{Body, Frame, SizeHint};
use pin_project_lite::pin_project;

pin_project! {
    /// The body of a response that went through [`LocalizeLayer`](super::LocalizeLayer):
    /// the upstream body untouched, the same bytes replayed after they were read
    /// to look at them, or the localized error body.
    ///
    /// ```
    /// use defender_errors_tower::LocalizeBody;
    /// use http_body::Body;
    ///
    /// let body: LocalizeBody<http_body_util::Empty<bytes::Bytes>> =
    ///     LocalizeBody::passthrough(http_body_util::Empty::new());
    /// assert!(body.is_end_stream());
    /// ```
    pub struct LocalizeBody<B: Body> {
        #[pin]
        inner: Inner<B>,
    }
}

pin_project! {
    #[project = InnerProj]
    enum Inner<B: Body> {
        // The upstream body, not looked at: polled in place, not boxed.
        Passthrough { #[pin] body: B },
        // What was read of the upstream body, then what was left of it (when
        // it was over the limit), or the error that stopped it, then its
        // trailers. Only error bodies get here: the rest is boxed.
        Replay {
            chunks: VecDeque<Bytes>,
            rest: Option<Pin<Box<B>>>,
            error: Option<B::Error>,
            trailers: Option<HeaderMap>,
        },
        // The localized error body.
        Full { bytes: Option<Bytes> },
    }
}

impl<B: Body> LocalizeBody<B> {
    /// The upstream body, passed through as it is.
    ///
    /// ```
    /// use defender_errors_tower::LocalizeBody;
    /// let body = LocalizeBody::passthrough(http_body_util::Full::new(bytes::Bytes::from("x")));
    /// # let _ = body;
    /// ```
    pub fn passthrough(body: B) -> Self {
        Self {
            inner: Inner::Passthrough { body },
        }
    }

    pub(super) fn replay(
        chunks: Vec<Bytes>,
        rest: Option<Pin<Box<B>>>,
        error: Option<B::Error>,
        trailers: Option<HeaderMap>,
    ) -> Self {
        Self {
            inner: Inner::Replay {
                chunks: chunks.into(),
                rest,
                error,
                trailers,
            },
        }
    }

    pub(super) fn full(bytes: Bytes) -> Self {
        Self {
            inner: Inner::Full { bytes: Some(bytes) },
        }
    }
}

impl<B: Body<Data = Bytes>> Body for LocalizeBody<B> {
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        match self.project().inner.project() {
            InnerProj::Passthrough { body } => body.poll_frame(cx),
            InnerProj::Full { bytes } => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            InnerProj::Replay {
                chunks,
                rest,
                error,
                trailers,
            } => {
                if let Some(chunk) = chunks.pop_front() {
                    return Poll::Ready(Some(Ok(Frame::data(chunk))));
                }
                if let Some(error) = error.take() {
                    return Poll::Ready(Some(Err(error)));
                }
                if let Some(body) = rest {
                    return body.as_mut().poll_frame(cx);
                }
                Poll::Ready(trailers.take().map(|t| Ok(Frame::trailers(t))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.inner {
            Inner::Passthrough { body } => body.is_end_stream(),
            Inner::Full { bytes } => bytes.is_none(),
            Inner::Replay {
                chunks,
                rest,
                error,
                trailers,
            } => {
                chunks.is_empty()
                    && error.is_none()
                    && trailers.is_none()
                    && rest.as_ref().is_none_or(|body| body.is_end_stream())
            }
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.inner {
            Inner::Passthrough { body } => body.size_hint(),
            Inner::Full { bytes } => {
                SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64))
            }
            Inner::Replay {
                chunks,
                rest,
                error,
                ..
            } => {
                let read: u64 = chunks.iter().map(|c| c.len() as u64).sum();
                match rest {
                    // A body that fails has no length: the client must not
                    // take what came before the error for the whole of it.
                    None if error.is_some() => {
                        let mut hint = SizeHint::new();
                        hint.set_lower(read);
                        hint
                    }
                    None => SizeHint::with_exact(read),
                    Some(body) => {
                        let left = body.size_hint();
                        let mut hint = SizeHint::new();
                        hint.set_lower(read + left.lower());
                        if let Some(upper) = left.upper() {
                            hint.set_upper(read + upper);
                        }
                        hint
                    }
                }
            }
        }
    }
}
