//! The server's own endpoints: `/healthz` (liveness), `/readyz` (readiness)
//! and `/metrics`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Map, Value as Json};

use super::metrics::Metrics;

/// The server's own endpoints, which the cap on requests in flight leaves
/// alone.
pub(super) const PATHS: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

type Check = dyn Fn() -> Result<Json, Json> + Send + Sync;

/// Whether the server should get traffic: not while it drains, and not when
/// the application's check says no. Shared by its clones.
///
/// ```
/// use defender_errors_server::Readiness;
/// use serde_json::json;
///
/// let readiness = Readiness::new(|| Ok(json!({ "catalog": { "generation": 1 } })));
/// assert!(!readiness.is_draining());
/// ```
#[derive(Clone, Default)]
pub struct Readiness {
    draining: Arc<AtomicBool>,
    check: Option<Arc<Check>>,
}

impl std::fmt::Debug for Readiness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Readiness")
            .field("draining", &self.is_draining())
            .finish_non_exhaustive()
    }
}

impl Readiness {
    /// Readiness with the application's `check`: `Ok` with what to show
    /// when it can take traffic, `Err` with why not. The object returned is
    /// merged into `/readyz`'s body.
    pub fn new(check: impl Fn() -> Result<Json, Json> + Send + Sync + 'static) -> Self {
        Self {
            draining: Arc::default(),
            check: Some(Arc::new(check)),
        }
    }

    /// Whether the server has stopped accepting and is finishing.
    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::Relaxed)
    }

    pub(super) fn drain(&self) {
        self.draining.store(true, Ordering::Relaxed);
    }

    fn report(&self) -> (StatusCode, Json) {
        let (ready, detail) = match &self.check {
            Some(check) => match check() {
                Ok(detail) => (true, detail),
                Err(detail) => (false, detail),
            },
            None => (true, Json::Null),
        };
        let status = match (self.is_draining(), ready) {
            (true, _) => "draining",
            (false, true) => "ready",
            (false, false) => "not ready",
        };
        let mut body = Map::new();
        body.insert("status".into(), status.into());
        if let Json::Object(detail) = detail {
            body.extend(detail);
        }
        let code = if status == "ready" {
            StatusCode::OK
        } else {
            StatusCode::SERVICE_UNAVAILABLE
        };
        (code, Json::Object(body))
    }
}

fn json_response(status: StatusCode, body: &Json) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// `GET /healthz`, `GET /readyz` and `GET /metrics`.
pub(super) fn routes(readiness: Readiness, metrics: Metrics) -> Router {
    Router::new()
        .route(
            "/healthz",
            get(|| async { json_response(StatusCode::OK, &json!({ "status": "ok" })) }),
        )
        .route(
            "/readyz",
            get(move || {
                let (status, body) = readiness.report();
                async move { json_response(status, &body) }
            }),
        )
        .route(
            "/metrics",
            get(move || {
                let text = metrics.render();
                async move {
                    let mut response = text.into_response();
                    response.headers_mut().insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static(
                            "application/openmetrics-text; version=1.0.0; charset=utf-8",
                        ),
                    );
                    response
                }
            }),
        )
}
