//! The server's own errors in the request's language: every response that
//! [`error`](super::error) made is localized on its way out, by the one
//! rewrite that [`LocalizeLayer`](defender_errors_tower::LocalizeLayer) and the proxy
//! apply, in the catalog the server has at that moment.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use bytes::BytesMut;
use http::response::Parts;
use http_body::Body as _;
use pin_project_lite::pin_project;
use tower::{Layer, Service};

use super::shape::Shaped;
use defender_errors::{Catalog, MAX_BODY_BYTES};
use defender_errors_tower::{self as portal, polled_after_completion, Localized, Wanted};

/// Where the server finds the catalog its own errors are localized in: one
/// catalog, or the one in use now when it can change (the sidecar's, which
/// reloads its locale files). Asked once per error, when it is answered.
///
/// ```
/// use std::sync::Arc;
/// use defender_errors_server::CatalogSource;
/// use defender_errors::Catalog;
///
/// let fixed = CatalogSource::fixed(Arc::new(Catalog::new()));
/// assert_eq!(fixed.current().locales().count(), 6);
///
/// // One that changes: whatever the closure gives when an error is answered.
/// let shared = Arc::new(std::sync::RwLock::new(Arc::new(Catalog::new())));
/// let source = CatalogSource::new(move || shared.read().unwrap().clone());
/// # let _ = source;
/// ```
#[derive(Clone)]
pub struct CatalogSource(Arc<dyn Fn() -> Arc<Catalog> + Send + Sync>);

impl CatalogSource {
    /// Always `catalog`.
    pub fn fixed(catalog: Arc<Catalog>) -> Self {
        Self(Arc::new(move || catalog.clone()))
    }

    /// Whatever `current` gives at the time of each error.
    pub fn new(current: impl Fn() -> Arc<Catalog> + Send + Sync + 'static) -> Self {
        Self(Arc::new(current))
    }

    /// The catalog now.
    pub fn current(&self) -> Arc<Catalog> {
        (self.0)()
    }
}

/// The embedded catalog.
impl Default for CatalogSource {
    fn default() -> Self {
        Self::fixed(Arc::new(Catalog::new()))
    }
}

impl std::fmt::Debug for CatalogSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CatalogSource").finish_non_exhaustive()
    }
}

/// Localizes each response that [`error`](super::error) made (and that no
/// layer of the application localized already) for the `Accept-Language` it
/// kept, in the catalog of the source at that moment; the rewrite marks it
/// [`Localized`] for the log line and the metrics.
#[derive(Clone)]
pub(super) struct LocalizeErrorsLayer {
    pub(super) source: CatalogSource,
}

impl<S> Layer<S> for LocalizeErrorsLayer {
    type Service = LocalizeErrors<S>;

    fn layer(&self, inner: S) -> LocalizeErrors<S> {
        LocalizeErrors {
            inner,
            source: self.source.clone(),
        }
    }
}

/// The service of [`LocalizeErrorsLayer`].
#[derive(Clone)]
pub(super) struct LocalizeErrors<S> {
    inner: S,
    source: CatalogSource,
}

impl<S, B> Service<Request<B>> for LocalizeErrors<S>
where
    S: Service<Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = LocalizeErrorsFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        LocalizeErrorsFuture {
            inner: self.inner.call(request),
            state: State::Waiting(self.source.clone()),
        }
    }
}

pin_project! {
    /// The future of [`LocalizeErrors`]: the response, and for an error the
    /// server made, its body read and localized.
    pub(super) struct LocalizeErrorsFuture<F> {
        #[pin]
        inner: F,
        state: State,
    }
}

enum State {
    Waiting(CatalogSource),
    /// Reading an error body the server made (rare: boxed).
    Reading(Box<Reading>),
    Done,
}

struct Reading {
    parts: Parts,
    body: Body,
    bytes: BytesMut,
    wanted: Wanted,
}

impl<F, E> Future for LocalizeErrorsFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        loop {
            match this.state {
                State::Waiting(_) => {
                    let response = ready!(this.inner.as_mut().poll(cx))?;
                    let State::Waiting(source) = std::mem::replace(this.state, State::Done) else {
                        return Poll::Ready(Ok(response));
                    };
                    let Some(wanted) = wanted(&response, &source) else {
                        return Poll::Ready(Ok(response));
                    };
                    let (parts, body) = response.into_parts();
                    *this.state = State::Reading(Box::new(Reading {
                        parts,
                        body,
                        bytes: BytesMut::new(),
                        wanted,
                    }));
                }
                State::Reading(reading) => {
                    let read = ready!(reading.poll_read(cx));
                    let State::Reading(reading) = std::mem::replace(this.state, State::Done) else {
                        return Poll::Ready(Ok(Response::default()));
                    };
                    return Poll::Ready(Ok(reading.finish(read)));
                }
                State::Done => polled_after_completion(),
            }
        }
    }
}

/// The locale to localize `response` in, when `error` made it and no layer
/// of the application localized it; `None` to pass it on as it is.
fn wanted(response: &Response, source: &CatalogSource) -> Option<Wanted> {
    let made = response.extensions();
    let shaped = made.get::<Shaped>()?;
    // The bodies `error` makes are whole and small; anything else (an
    // application's layer changed it) passes on.
    let whole = response
        .body()
        .size_hint()
        .exact()
        .is_some_and(|n| n <= MAX_BODY_BYTES as u64);
    if made.get::<Localized>().is_some() || !whole {
        return None;
    }
    Some(Wanted::Negotiate {
        catalog: source.current(),
        accept_language: shaped.accept_language.clone(),
    })
}

impl Reading {
    /// Reads the rest of the body: `Err` when it failed.
    fn poll_read(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), axum::Error>> {
        loop {
            match ready!(Pin::new(&mut self.body).poll_frame(cx)) {
                None => return Poll::Ready(Ok(())),
                Some(Err(why)) => return Poll::Ready(Err(why)),
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        self.bytes.extend_from_slice(&data);
                    }
                }
            }
        }
    }

    /// The response: localized by the one rewrite (which marks it
    /// `Localized`), or with its bytes as they were.
    fn finish(self: Box<Self>, read: Result<(), axum::Error>) -> Response {
        let Self {
            mut parts,
            bytes,
            wanted,
            ..
        } = *self;
        if let Err(why) = read {
            // The bytes `error` wrote do not fail to be read; a body that
            // did is logged, and answered empty with its status.
            tracing::warn!(error = %why, "an error body of the server failed");
            return Response::from_parts(parts, Body::empty());
        }
        let bytes = bytes.freeze();
        let body = portal::rewrite(&mut parts, &bytes, &wanted.locale()).unwrap_or(bytes);
        Response::from_parts(parts, Body::from(body))
    }
}
