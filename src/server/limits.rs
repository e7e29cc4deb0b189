//! The per-request limits that answer with [`error`](super::error) themselves:
//! the cap on requests in flight (503 with `Retry-After`) and the size of the
//! request headers (431).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::Semaphore;

use super::error::{error, unavailable};
use super::metrics::Metrics;

/// What [`in_flight`] needs: the permits and the gauge.
#[derive(Clone)]
pub(super) struct InFlight {
    pub(super) permits: Arc<Semaphore>,
    pub(super) retry_after: u64,
    pub(super) metrics: Metrics,
}

/// Answers 503 with `Retry-After` at once when as many requests as allowed
/// are under way: a request is shed, never queued, so that a busy server
/// stays quick to say so and its latency stays bounded. The probes are not
/// shed (they are counted): a busy server is alive, and says so.
pub(super) async fn in_flight(
    State(cap): State<InFlight>,
    request: Request,
    next: Next,
) -> Response {
    if super::probes::PATHS.contains(&request.uri().path()) {
        let held = cap.metrics.in_flight();
        let response = next.run(request).await;
        drop(held);
        return response;
    }
    let Ok(permit) = cap.permits.clone().try_acquire_owned() else {
        tracing::warn!("over the cap on requests in flight; answered 503");
        return unavailable(
            request.headers(),
            cap.retry_after,
            "the server has as many requests under way as it takes; retry later",
        );
    };
    let held = (permit, cap.metrics.in_flight());
    let response = next.run(request).await;
    drop(held);
    response
}

/// Answers 431 when the request's header names and values add up to more
/// than `limit` bytes. (hyper itself refuses a much larger head before
/// reading more of it: see [`Config::header_bytes`](super::Config::header_bytes).)
pub(super) async fn header_bytes(
    State(limit): State<usize>,
    request: Request,
    next: Next,
) -> Response {
    let size: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if size > limit {
        return error(
            request.headers(),
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "RequestHeaderFieldsTooLarge",
            format!("the request headers hold {size} bytes; at most {limit} are read"),
        );
    }
    next.run(request).await
}
