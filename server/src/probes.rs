//! The server's own endpoints: `/healthz` (liveness), `/readyz` (readiness)
//! and `/metrics`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use std::task::{Context, Poll};

use axum::extract::Request;
use axum::http::header::{ALLOW, CONTENT_TYPE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value as Json};
use tower::{Layer, Service};

use super::answer::Answer;
use super::mark::{Answered, Route};
use super::metrics::Metrics;

/// What `/healthz` answers: the process answers.
const HEALTHY: &str = r#"{"status":"ok"}"#;

/// One of the server's own endpoints, and the statuses it answers with.
pub(super) struct Probe {
    pub(super) path: &'static str,
    pub(super) statuses: &'static [StatusCode],
}

/// The server's own endpoints, which the cap on requests in flight leaves
/// alone: each answers 200, or 405 to a method other than `GET` and `HEAD`;
/// `/readyz` answers 503 while not ready.
pub(super) const PROBES: [Probe; 3] = [
    Probe {
        path: "/healthz",
        statuses: &[StatusCode::OK, StatusCode::METHOD_NOT_ALLOWED],
    },
    Probe {
        path: "/readyz",
        statuses: &[
            StatusCode::OK,
            StatusCode::SERVICE_UNAVAILABLE,
            StatusCode::METHOD_NOT_ALLOWED,
        ],
    },
    Probe {
        path: "/metrics",
        statuses: &[StatusCode::OK, StatusCode::METHOD_NOT_ALLOWED],
    },
];

/// The server's own endpoint at `path`, if there is one.
pub(super) fn probe(path: &str) -> Option<&'static str> {
    PROBES
        .iter()
        .find(|probe| probe.path == path)
        .map(|probe| probe.path)
}

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

/// Answers `GET` (and `HEAD`) `/healthz`, `/readyz` and `/metrics` itself,
/// before the application's router: a probe costs no route matching, no
/// boxed route service and no extension but its marks. Any other request
/// goes on to the router; another method on a probe's path is a bare 405
/// with its `Allow`, which the server types like the router's.
#[derive(Clone)]
pub(super) struct ProbesLayer {
    pub(super) readiness: Readiness,
    pub(super) metrics: Metrics,
}

impl<S> Layer<S> for ProbesLayer {
    type Service = Probes<S>;

    fn layer(&self, inner: S) -> Probes<S> {
        Probes {
            inner,
            probes: self.clone(),
        }
    }
}

/// The service of [`ProbesLayer`].
#[derive(Clone)]
pub(super) struct Probes<S> {
    inner: S,
    probes: ProbesLayer,
}

impl<S, B> Service<Request<B>> for Probes<S>
where
    S: Service<Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Answer<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let Some(path) = probe(request.uri().path()) else {
            return Answer::Inner {
                future: self.inner.call(request),
            };
        };
        let mut response = if !matches!(*request.method(), Method::GET | Method::HEAD) {
            // Bare, as the router's own 405: the server types it.
            let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static("GET,HEAD"));
            response.extensions_mut().insert(Route::Static(path));
            return Answer::Now {
                response: Some(response),
            };
        } else if path == "/healthz" {
            // The same bytes every time: nothing to build.
            let mut response = Response::new(axum::body::Body::from(HEALTHY));
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response
        } else if path == "/readyz" {
            let (status, body) = self.probes.readiness.report();
            json_response(status, &body)
        } else {
            let mut response = self.probes.metrics.render().into_response();
            response.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static(
                    "application/openmetrics-text; version=1.0.0; charset=utf-8",
                ),
            );
            response
        };
        let marks = response.extensions_mut();
        marks.insert(Route::Static(path));
        if response.status() != StatusCode::OK {
            // A draining `/readyz` 503 is the probe's answer, not a bare error.
            response.extensions_mut().insert(Answered);
        }
        Answer::Now {
            response: Some(response),
        }
    }
}
