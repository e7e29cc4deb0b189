//! One log line and one set of metrics per request: tower-http's
//! `TraceLayer` makes the span (method, path, request id) and, when the
//! response head is ready, [`Record`] logs it with its status, latency and
//! locale (a response's [`Localized`] marker), and counts it.

use std::time::Duration;

use axum::http::{Request, Response};
use tower_http::trace::{MakeSpan, OnResponse};
use tracing::Span;

use super::mark::Route;
use super::metrics::Metrics;
use super::metrics::{RouteName, UNMATCHED};
use defender_errors_tower::Localized;

/// The span of a request, with its method, path and `x-request-id`.
#[derive(Clone, Copy)]
pub(super) struct RequestSpan;

impl<B> MakeSpan<B> for RequestSpan {
    fn make_span(&mut self, request: &Request<B>) -> Span {
        let id = request
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        tracing::info_span!(
            "request",
            method = %request.method(),
            path = %request.uri().path(),
            request_id = %id,
        )
    }
}

/// Logs and counts each response.
#[derive(Clone)]
pub(super) struct Record(pub(super) Metrics);

impl<B> OnResponse<B> for Record {
    fn on_response(self, response: &Response<B>, latency: Duration, span: &Span) {
        let status = response.status().as_u16();
        let route = match response.extensions().get::<Route>() {
            Some(Route::Matched(path)) => RouteName::Matched(path.clone()),
            Some(Route::Static(name)) => RouteName::Static(name),
            None => RouteName::Static(UNMATCHED),
        };
        let localized = response.extensions().get::<Localized>();
        self.0.request(&route, status, latency);
        if let Some(localized) = localized {
            self.0.localized(&localized.locale, localized.fallback);
        }
        // Whole microseconds, in milliseconds: `0.098`, not `0.09813400000000001`.
        let latency_ms = latency.as_micros() as f64 / 1e3;
        let locale = localized.map_or("", |l| l.locale.as_str());
        let route = route.as_str();
        let _entered = span.enter();
        if status >= 500 {
            tracing::warn!(status, latency_ms, locale, route, "answered");
        } else {
            tracing::info!(status, latency_ms, locale, route, "answered");
        }
    }
}
