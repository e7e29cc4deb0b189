//! [`LocalizeLayer`]: Defender error bodies passing through a proxy get their
//! localized message; everything else passes through untouched.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use http::header::{ACCEPT_LANGUAGE, CONTENT_ENCODING, CONTENT_LANGUAGE, CONTENT_LENGTH, VARY};
use http::{HeaderMap, HeaderValue, Method, Request, Response};
use http_body::Body;
use http_body_util::BodyExt;
use tower_layer::Layer;
use tower_service::Service;

use super::LocalizeBody;
use crate::envelope::localized_locale;
use crate::headers::is_json;
use crate::{Catalog, MAX_BODY_BYTES};

/// A tower layer for a portal that proxies the Defender API: a response with
/// a 4xx or 5xx status and a JSON body in the Defender error envelope gets
/// `localizedMessage` for the request's `Accept-Language`, with
/// `Content-Length`, `Content-Language` and `Vary: Accept-Language` set.
///
/// Everything else passes through byte for byte, and is never held beyond
/// the limit ([`MAX_BODY_BYTES`], 1 MiB, unless set): other statuses,
/// bodies that are not JSON or not an envelope, compressed bodies
/// (`Content-Encoding`), answers to `HEAD`, and bodies over the limit, which
/// stream on untouched once the limit is passed. An upstream body that fails
/// while it is read passes its error on after the bytes read before it.
///
/// ```
/// use std::sync::Arc;
/// use defender_errors::{portal::LocalizeLayer, Catalog};
///
/// let layer = LocalizeLayer::new(Arc::new(Catalog::new())).limit(64 * 1024);
/// # let _ = layer;
/// ```
#[derive(Debug, Clone)]
pub struct LocalizeLayer {
    catalog: Arc<Catalog>,
    limit: usize,
}

impl LocalizeLayer {
    /// A layer that localizes with `catalog`, reading at most
    /// [`MAX_BODY_BYTES`] of a body.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// let layer = defender_errors::portal::LocalizeLayer::new(Arc::new(defender_errors::Catalog::new()));
    /// # let _ = layer;
    /// ```
    pub fn new(catalog: Arc<Catalog>) -> Self {
        Self {
            catalog,
            limit: MAX_BODY_BYTES,
        }
    }

    /// The most bytes of a body read to localize it; a larger body passes
    /// through. At most [`MAX_BODY_BYTES`]: the envelope reads no more.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// let layer = defender_errors::portal::LocalizeLayer::new(Arc::new(defender_errors::Catalog::new())).limit(4096);
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
            catalog: self.catalog.clone(),
            limit: self.limit,
        }
    }
}

/// The service of [`LocalizeLayer`].
///
/// ```
/// use std::sync::Arc;
/// use axum::{routing::get, Router};
/// use defender_errors::{portal::LocalizeLayer, Catalog};
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
    catalog: Arc<Catalog>,
    limit: usize,
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for Localize<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    S::Future: Send + 'static,
    ResBody: Body<Data = Bytes> + Send + 'static,
    ResBody::Error: Send,
{
    type Response = Response<LocalizeBody<ResBody>>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let head = request.method() == Method::HEAD;
        // Kept for later: most responses are not errors, and need no locale.
        let mut accept_language = HeaderMap::new();
        for value in request.headers().get_all(ACCEPT_LANGUAGE) {
            accept_language.append(ACCEPT_LANGUAGE, value.clone());
        }
        let response = self.inner.call(request);
        let catalog = self.catalog.clone();
        let limit = self.limit;
        Box::pin(async move {
            let response = response.await?;
            if head || !is_candidate(response.headers(), response.status(), limit) {
                return Ok(response.map(LocalizeBody::passthrough));
            }
            let locale = catalog.locale_index(catalog.negotiate_headers(&accept_language).locale);
            Ok(localize(response, &catalog, locale, limit).await)
        })
    }
}

/// Whether a response may hold a Defender error body worth reading.
fn is_candidate(headers: &HeaderMap, status: http::StatusCode, limit: usize) -> bool {
    let json = is_json(headers);
    let encoded = headers
        .get_all(CONTENT_ENCODING)
        .iter()
        .any(|v| !v.as_bytes().eq_ignore_ascii_case(b"identity"));
    let length = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let small = length.is_none_or(|n| n <= limit as u64);
    (status.is_client_error() || status.is_server_error()) && json && !encoded && small
}

/// Reads the body up to `limit` and localizes it if it is an envelope;
/// else the same bytes go on.
async fn localize<B>(
    response: Response<B>,
    catalog: &Catalog,
    locale: usize,
    limit: usize,
) -> Response<LocalizeBody<B>>
where
    B: Body<Data = Bytes> + Send + 'static,
{
    let (mut parts, body) = response.into_parts();
    let mut body = Box::pin(body);
    let mut chunks = Vec::new();
    let mut size = 0;
    let mut trailers = None;
    while let Some(frame) = body.frame().await {
        let frame = match frame {
            Ok(frame) => frame,
            Err(error) => {
                let replay = LocalizeBody::replay(chunks, None, Some(error), None);
                return Response::from_parts(parts, replay);
            }
        };
        match frame.into_data() {
            Ok(data) => {
                size += data.len();
                chunks.push(data);
                if size > limit {
                    // Over the limit: what was read, then the rest as it comes.
                    let replay = LocalizeBody::replay(chunks, Some(body), None, None);
                    return Response::from_parts(parts, replay);
                }
            }
            Err(frame) => trailers = frame.into_trailers().ok(),
        }
    }
    let whole = concat(&chunks);
    let localized = match (&trailers, std::str::from_utf8(&whole)) {
        (None, Ok(text)) => catalog
            .localize_body(text, catalog.locale_id(locale), Some(parts.status.as_u16()))
            .ok(),
        _ => None,
    };
    let Some(localized) = localized else {
        return Response::from_parts(parts, LocalizeBody::replay(chunks, None, None, trailers));
    };
    let used = localized_locale(&localized).unwrap_or(catalog.locale_id(locale));
    let content_language = catalog.content_language_header(used);
    let bytes = Bytes::from(localized.to_string());
    let headers = &mut parts.headers;
    headers.insert(CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    headers.insert(CONTENT_LANGUAGE, content_language);
    add_vary(headers);
    Response::from_parts(parts, LocalizeBody::full(bytes))
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

/// Adds `Accept-Language` to `Vary`, unless it is there (or `*` is).
fn add_vary(headers: &mut HeaderMap) {
    let present = headers.get_all(VARY).iter().any(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(',')
                .map(str::trim)
                .any(|name| name == "*" || name.eq_ignore_ascii_case("accept-language"))
        })
    });
    if !present {
        headers.append(VARY, HeaderValue::from_static("Accept-Language"));
    }
}
