//! The server's own errors in the request's language: every response that
//! [`error`](super::error) made is localized on its way out, by the one
//! rewrite that [`LocalizeLayer`](crate::portal::LocalizeLayer) and the proxy
//! apply, in the catalog the server has at that moment.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http_body::Body as _;
use http_body_util::BodyExt;

use super::shape::Shaped;
use crate::portal::{self, Localized, Wanted};
use crate::{Catalog, MAX_BODY_BYTES};

/// Where the server finds the catalog its own errors are localized in: one
/// catalog, or the one in use now when it can change (the sidecar's, which
/// reloads its locale files). Asked once per error, when it is answered.
///
/// ```
/// use std::sync::Arc;
/// use defender_errors::server::CatalogSource;
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

/// Localizes a response that [`error`](super::error) made (and that no
/// layer of the application localized already) for the `Accept-Language` it
/// kept, and records the locale for the log line and the metrics.
pub(super) async fn localize(
    State(source): State<CatalogSource>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    let made = response.extensions();
    let Some(shaped) = made.get::<Shaped>() else {
        return response;
    };
    // The bodies `error` makes are whole and small; anything else (an
    // application's layer changed it) passes on.
    let whole = response
        .body()
        .size_hint()
        .exact()
        .is_some_and(|n| n <= MAX_BODY_BYTES as u64);
    if made.get::<Localized>().is_some() || !whole {
        return response;
    }
    let wanted = Wanted::Negotiate {
        catalog: source.current(),
        accept_language: shaped.accept_language.clone(),
    };
    let (mut parts, body) = response.into_parts();
    let bytes = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        // The bytes `error` wrote do not fail to be read; a body that did
        // is logged, and answered empty with its status.
        Err(why) => {
            tracing::warn!(error = %why, "an error body of the server failed");
            return Response::from_parts(parts, Body::empty());
        }
    };
    let locale = wanted.locale();
    // The rewrite marks the response `Localized`.
    let body = portal::rewrite(&mut parts, &bytes, &locale).unwrap_or(bytes);
    Response::from_parts(parts, Body::from(body))
}
