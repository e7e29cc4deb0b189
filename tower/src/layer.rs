//! [`LocalizeLayer`]: Defender error bodies passing through a proxy get their
//! localized message; everything else passes through untouched.

use std::task::{Context, Poll};

use bytes::Bytes;
use http::{Method, Request, Response};
use http_body::Body;
use tower_layer::Layer;
use tower_service::Service;

use super::future::ResponseFuture;
use super::{CatalogSource, RequestLocale};
use defender_errors::MAX_BODY_BYTES;

/// The most bytes of a body [`LocalizeLayer`] reads unless told otherwise:
/// 64 KiB. The API's error envelopes are a few hundred bytes; anything
/// larger is not one, and streams on.
pub const DEFAULT_LIMIT: usize = 64 * 1024;

/// A tower layer for a portal that proxies the Defender API: a response with
/// a 4xx or 5xx status and a JSON body in the Defender error envelope gets
/// `localizedMessage`, with `Content-Length`, `Content-Language` and `Vary:
/// Accept-Language` set, and the headers that described the upstream's bytes
/// (`Transfer-Encoding`, `ETag`, `Content-MD5`, `Digest`, `Repr-Digest`,
/// `Accept-Ranges`) removed, whether it came with a length, in chunks or
/// delimited by the end of the connection.
///
/// The locale: a [`Locale`](super::Locale) that middleware put into the
/// request's extensions (from a user's profile or a cookie) when there is
/// one; else negotiated from the request's `Accept-Language` in the catalog
/// of an `Arc<Catalog>` request extension (a tenant's), else in the layer's.
/// The [`Locale`](super::Locale) extractor chooses the same way.
///
/// Everything else passes through byte for byte, and is never held beyond
/// the limit ([`DEFAULT_LIMIT`], 64 KiB, unless set): other statuses,
/// bodies that are not JSON or not an envelope, compressed bodies
/// (`Content-Encoding`), answers to `HEAD`, responses already localized (the
/// [`Localized`](super::Localized) extension, which
/// [`LocalizedError`](super::LocalizedError) and this layer set), and bodies
/// over the limit, which stream on untouched once the limit is passed. An
/// upstream body that fails while it is read passes its error on after the
/// bytes read before it.
///
/// The layer reads an error body before it answers, so a time limit belongs
/// outside it: with tower-http's `TimeoutLayer` outside this layer (added
/// after it with `Router::layer`, or above it in a `ServiceBuilder`), the
/// limit covers the upstream's head and the reading of its error body;
/// inside, only the head.
///
/// ```
/// use std::sync::Arc;
/// use std::time::Duration;
/// use axum::{http::StatusCode, routing::get, Router};
/// use defender_errors_tower::LocalizeLayer;
/// use defender_errors::{Catalog};
/// use tower_http::timeout::TimeoutLayer;
///
/// let app: Router = Router::new()
///     .route("/", get(|| async { "ok" }))
///     .layer(LocalizeLayer::new(Arc::new(Catalog::new())).limit(16 * 1024))
///     // The last layer added is the outermost: its time covers the whole answer.
///     .layer(TimeoutLayer::with_status_code(StatusCode::GATEWAY_TIMEOUT, Duration::from_secs(30)));
/// # let _ = app;
/// ```
#[derive(Debug, Clone)]
pub struct LocalizeLayer {
    source: CatalogSource,
    limit: usize,
}

impl LocalizeLayer {
    /// A layer that localizes with `catalog` (an `Arc<Catalog>`, or a
    /// [`CatalogSource`] whose catalog can change), reading at most
    /// [`DEFAULT_LIMIT`] of a body. It also writes the [`ServerError`](crate::ServerError)s
    /// of the service it wraps, in the request's language.
    ///
    /// ```
    /// # use std::sync::{Arc, RwLock};
    /// use defender_errors::Catalog;
    /// use defender_errors_tower::{CatalogSource, LocalizeLayer};
    ///
    /// let layer = LocalizeLayer::new(Arc::new(Catalog::new()));
    /// // A sidecar's: the catalog in use when an error comes back.
    /// let current = Arc::new(RwLock::new(Arc::new(Catalog::new())));
    /// let reloading = LocalizeLayer::new(CatalogSource::new(move || current.read().unwrap().clone()));
    /// # let _ = (layer, reloading);
    /// ```
    pub fn new(catalog: impl Into<CatalogSource>) -> Self {
        Self {
            source: catalog.into(),
            limit: DEFAULT_LIMIT,
        }
    }

    /// The most bytes of a body read to localize it; a larger body passes
    /// through. At most [`MAX_BODY_BYTES`]: the envelope reads no more.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// let layer = defender_errors_tower::LocalizeLayer::new(Arc::new(defender_errors::Catalog::new())).limit(4096);
    /// # let _ = layer;
    /// ```
    #[must_use]
    pub fn limit(mut self, bytes: usize) -> Self {
        self.limit = bytes.min(MAX_BODY_BYTES);
        self
    }
}

impl<S> Layer<S> for LocalizeLayer {
    type Service = Localize<S>;

    fn layer(&self, inner: S) -> Localize<S> {
        Localize {
            inner,
            source: self.source.clone(),
            limit: self.limit,
        }
    }
}

/// The service of [`LocalizeLayer`].
///
/// ```
/// use std::sync::Arc;
/// use axum::{routing::get, Router};
/// use defender_errors_tower::LocalizeLayer;
/// use defender_errors::{Catalog};
///
/// // `Router::layer` wraps every route in a `Localize` service.
/// let app: Router = Router::new()
///     .route("/", get(|| async { "ok" }))
///     .layer(LocalizeLayer::new(Arc::new(Catalog::new())));
/// # let _ = app;
/// ```
#[derive(Debug, Clone)]
pub struct Localize<S> {
    inner: S,
    source: CatalogSource,
    limit: usize,
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for Localize<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    ResBody: Body<Data = Bytes>,
{
    type Response = Response<super::LocalizeBody<ResBody>>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, ResBody>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        // Kept for later: most responses are not errors, and need no locale.
        let wanted = (request.method() != Method::HEAD)
            .then(|| RequestLocale::of(request.extensions(), request.headers(), &self.source));
        ResponseFuture::new(self.inner.call(request), wanted, self.limit)
    }
}
