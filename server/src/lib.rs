//! The servers of `defender-errors`: a hardened HTTP server for any axum
//! [`Router`], and the two services that run on it: the [`serve`] sidecar,
//! which localizes Defender error bodies for portals in any language, and
//! (feature `proxy`) the localizing reverse [`proxy`].
//!
//! The library builds no runtime, installs no log subscriber and prints
//! nothing: the `defender-errors` command does (package
//! `defender-errors-cli`).
//!
//! It owns what an operator expects of every service, whatever it serves:
//! - at the connection: hyper's HTTP/1 with a timer: a header read timeout
//!   (which also closes a keep-alive connection that sends no new request),
//!   heads bounded before they are buffered, a cap on open connections;
//! - per request (tower-http, stacked with `ServiceBuilder`): an
//!   `x-request-id` kept or made, a time limit (408), a body limit (413), a
//!   header size limit (431), a cap on requests in flight (503 with
//!   `Retry-After`), a panic turned into a 500, one log line (`tracing`)
//!   and the request metrics;
//! - each request's `ConnectInfo<SocketAddr>`: the peer's address, for an
//!   application that reads it (the proxy's `X-Forwarded-For`);
//! - `GET /healthz`, `GET /readyz` and `GET /metrics` beside the
//!   application's routes;
//! - request metrics by route and status whose known label sets are at 0
//!   from the start, as Prometheus asks: the probes' and `unmatched`'s
//!   (the server's), and the routes an application declares with
//!   [`Metrics::declare_route`] (the sidecar and the proxy declare theirs);
//! - a drain with a deadline: when `shutdown` completes it stops accepting,
//!   `/readyz` says 503, the requests under way finish, and after
//!   [`Config::shutdown_grace`] the connections left are closed.
//!
//! Every error it makes is a Defender error envelope made by [`error`], with
//! its `localizedMessage` in the request's `Accept-Language`, from the
//! catalog of [`Config::catalog`] (the sidecar's current one, reloads
//! included). Only hyper's own 431, for a head too long to read (see
//! [`Config::header_bytes`]), is bare: it is answered before there is a
//! request.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! use axum::{routing::get, Router};
//! use defender_errors_server::{run, Config};
//!
//! let app = Router::new().route("/hello", get(|| async { "hello" }));
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! // Stops at once here; a command passes `server::terminated()`.
//! run(listener, app, &Config::default(), async {}).await?;
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

#[cfg(feature = "proxy")]
pub mod proxy;
pub mod serve;

mod answer;
mod error;
mod header_bytes;
mod in_flight;
mod mark;
mod metrics;
mod probes;
mod request_id;
mod shape;
mod signal;
mod trace;

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::{Extension, Router};
use defender_errors_tower::LocalizeLayer;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tower::{Layer, ServiceBuilder};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::map_request_body::MapRequestBodyLayer;
use tower_http::map_response_body::MapResponseBodyLayer;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Where the server finds the catalog its errors are localized in.
pub use defender_errors_tower::CatalogSource;
/// The marker of a localized response, whose locale the server logs and counts.
pub use defender_errors_tower::Localized;
pub use error::{error, unavailable};
pub use metrics::{Counter, Metrics, PREFIX};
pub use probes::Readiness;
pub use signal::terminated;

/// How much longer than [`Config::header_bytes`] a whole request head may be
/// before hyper stops reading it.
const HEAD_SLACK: usize = 8 * 1024;

/// The server's limits and shared parts. Every field has a flag and an
/// environment variable in `defender-errors serve`.
///
/// ```
/// let config = defender_errors_server::Config::default();
/// assert_eq!(config.header_bytes, 16 * 1024);
/// assert_eq!(config.shutdown_grace.as_secs(), 10);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// How long a client has to send a whole request head, and how long a
    /// keep-alive connection may wait for its next one: 10 s. Then the
    /// connection is closed.
    pub header_read_timeout: Duration,
    /// The most bytes of request header names and values: 16 KiB; more gets
    /// a JSON 431. A head longer than this plus 8 KiB (request line and
    /// framing included) is refused by hyper before it reads more, with a
    /// bare 431, and the connection closed: hyper answers it before there
    /// is a request to answer in JSON.
    pub header_bytes: usize,
    /// The largest request body: 64 KiB; larger gets 413.
    pub body_bytes: usize,
    /// How long a request may take, body included, from its head to its
    /// response head: 10 s; longer gets 408.
    pub request_time: Duration,
    /// The most connections open at once: 1024. A connection over the cap is
    /// closed as soon as it is accepted, before anything is read from it
    /// (counted in `defender_errors_http_connections_refused_total`).
    pub max_connections: usize,
    /// The most requests under way at once: 256. A request over the cap is
    /// answered 503 with `Retry-After` at once, never queued; the probes
    /// (`/healthz`, `/readyz`, `/metrics`) are not shed.
    pub max_in_flight: usize,
    /// The `Retry-After` of that 503, in seconds: 1.
    pub retry_after: u64,
    /// How long the requests under way have to finish once `shutdown`
    /// completes: 10 s. Then the connections left are closed.
    pub shutdown_grace: Duration,
    /// The metrics registry; the application may register its own in it.
    pub metrics: Metrics,
    /// The readiness, with the application's check.
    pub readiness: Readiness,
    /// The catalog the server's own errors are localized in, asked at each
    /// error: the embedded one by default; the sidecar gives the one in use,
    /// so that a reload of its locale files reaches its errors too.
    pub catalog: CatalogSource,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(10),
            header_bytes: 16 * 1024,
            body_bytes: 64 * 1024,
            request_time: Duration::from_secs(10),
            max_connections: 1024,
            max_in_flight: 256,
            retry_after: 1,
            shutdown_grace: Duration::from_secs(10),
            metrics: Metrics::new(),
            readiness: Readiness::default(),
            catalog: CatalogSource::default(),
        }
    }
}

/// The server's 405, for a route asked for a method it does not take.
async fn method_not_allowed() -> axum::response::Response {
    let own = error::Own::MethodNotAllowed;
    own.error(own.message())
}

/// Serves `app` (with `/healthz`, `/readyz` and `/metrics` added) on
/// `listener` until `shutdown` completes, then drains: see the module's
/// documentation. The request counters of the probes and of `unmatched`
/// are made at 0 here, beside those of the routes declared in
/// `config.metrics` ([`Metrics::declare_route`]).
///
/// # Errors
/// Never for a connection's failure (it is logged); only if the listener's
/// address cannot be read.
///
/// # Panics
/// When `app` already has a route `/healthz`, `/readyz` or `/metrics`.
pub async fn run(
    listener: TcpListener,
    app: Router,
    config: &Config,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    config
        .metrics
        .known_locales(config.catalog.current().locales());
    config.metrics.declare_server_routes();
    // A route asked for another method: axum's own 405 is a status alone,
    // answered inside the route (so it would carry the handlers' mark);
    // the server's typed one instead. An application's own fallback is
    // kept, and axum sets `Allow` on either.
    let app = app.method_not_allowed_fallback(method_not_allowed);
    // The limits of a request around each of the application's routes and
    // its fallback (axum's `layer`): the route's mark outermost, so that a
    // route's 408, 413 and 500 name it, and the handler's mark innermost
    // (both only for a request that matched a route).
    let app = app.layer(
        ServiceBuilder::new()
            .layer(mark::MarkLayer::Route)
            .layer(MapResponseBodyLayer::new(axum::body::Body::new))
            .layer(CatchPanicLayer::new())
            .layer(TimeoutLayer::with_status_code(
                error::Own::RequestTimeout.status(),
                config.request_time,
            ))
            .layer(MapResponseBodyLayer::new(axum::body::Body::new))
            .layer(RequestBodyLimitLayer::new(config.body_bytes))
            .layer(MapRequestBodyLayer::new(axum::body::Body::new))
            .layer(mark::MarkLayer::Answered),
    );
    let in_flight = in_flight::InFlightLayer {
        permits: Arc::new(Semaphore::new(config.max_in_flight)),
        retry_after: config.retry_after,
        metrics: config.metrics.clone(),
    };
    // The per-request middleware, outermost first.
    let service = ServiceBuilder::new()
        .layer(SetRequestIdLayer::x_request_id(request_id::Counter::new()))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(trace::RequestSpan)
                .on_request(())
                .on_response(trace::Record(config.metrics.clone()))
                .on_failure(()),
        )
        // The one writer of errors: the server's own, and any Defender
        // envelope the application answers with.
        .layer(LocalizeLayer::new(config.catalog.clone()))
        .layer(in_flight)
        .layer(shape::ShapeLayer)
        .layer(header_bytes::HeaderBytesLayer {
            limit: config.header_bytes,
        })
        // The probes answer before the router: no route to match.
        .layer(probes::ProbesLayer {
            readiness: config.readiness.clone(),
            metrics: config.metrics.clone(),
        })
        .service(app);
    let mut http = hyper::server::conn::http1::Builder::new();
    // Room beyond the header limit for the request line and the framing.
    let head_limit = config.header_bytes.saturating_add(HEAD_SLACK);
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout)
        .max_header_size(head_limit)
        // hyper's floor for its read buffer is 8 KiB.
        .max_buf_size(head_limit.max(8192))
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    let permits = Arc::new(Semaphore::new(config.max_connections));
    let mut connections = JoinSet::new();
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "listening");
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(why) => {
                    // Out of file descriptors, or the peer gave up: wait a
                    // little rather than spin.
                    tracing::warn!(error = %why, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        while connections.try_join_next().is_some() {}
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            config.metrics.refused();
            tracing::warn!(%peer, max = config.max_connections, "over the connection cap; closed");
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        // Every request of the connection knows its peer, as axum's
        // `into_make_service_with_connect_info` would tell it.
        let service = Extension(ConnectInfo(peer)).layer(service.clone());
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        let held = (permit, config.metrics.connection());
        connections.spawn(async move {
            if let Err(why) = connection.await {
                tracing::debug!(%peer, error = %why, "connection ended with an error");
            }
            drop(held);
        });
    }
    config.readiness.drain();
    drop(listener);
    tracing::info!(
        connections = graceful.count(),
        grace_s = config.shutdown_grace.as_secs_f64(),
        "stopped accepting; draining"
    );
    if tokio::time::timeout(config.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            connections = connections.len(),
            "the grace period is over; closing the connections left"
        );
    }
    connections.shutdown().await;
    tracing::info!("stopped");
    Ok(())
}
