//! One Prometheus registry for the server and the application on it,
//! rendered by `GET /metrics` in the OpenMetrics text format (which
//! Prometheus reads; its plain text format is its subset).
//!
//! The registry is the Prometheus project's own client, `prometheus-client`:
//! typed counters, gauges and histograms that an application registers
//! beside the server's, with the naming rules (`_total`, `_seconds`) kept by
//! the encoder.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use prometheus_client::encoding::{text, EncodeLabelSet};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Metric, Registry, Unit};

/// The prefix of every metric's name.
pub const PREFIX: &str = "defender_errors";

/// The metrics registry of a server, shared by its clones: the server's own
/// metrics are in it from the start, and an application adds its own with
/// [`register`](Self::register).
///
/// ```
/// use defender_errors_server::Metrics;
/// use prometheus_client::metrics::counter::Counter;
///
/// let metrics = Metrics::new();
/// let reloads = Counter::<u64>::default();
/// metrics.register("reloads", "Loads of the locale files", reloads.clone());
/// reloads.inc();
/// assert!(metrics.render().contains("defender_errors_reloads_total 1"));
/// ```
#[derive(Clone)]
pub struct Metrics {
    registry: Arc<Mutex<Registry>>,
    http: Arc<Http>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

/// The server's own metrics.
struct Http {
    requests: Family<RequestLabels, Counter>,
    duration: Family<RouteLabels, Histogram>,
    localized: Family<LocaleLabels, Counter>,
    in_flight: Gauge,
    connections: Gauge,
    refused: Counter,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LocaleLabels {
    locale: String,
    fallback: String,
}

/// Latency buckets from 100 µs to about 6.5 s: a localized answer takes well
/// under a millisecond, a timeout ten seconds.
fn latency_histogram() -> Histogram {
    Histogram::new(prometheus_client::metrics::histogram::exponential_buckets(
        0.0001, 4.0, 9,
    ))
}

impl Metrics {
    /// A registry with the server's metrics in it.
    ///
    /// ```
    /// let text = defender_errors_server::Metrics::new().render();
    /// assert!(text.contains("defender_errors_http_connections_open 0"));
    /// assert!(text.ends_with("# EOF\n"));
    /// ```
    pub fn new() -> Self {
        let http = Http {
            requests: Family::default(),
            duration: Family::new_with_constructor(latency_histogram),
            localized: Family::default(),
            in_flight: Gauge::default(),
            connections: Gauge::default(),
            refused: Counter::default(),
        };
        let mut registry = Registry::with_prefix(PREFIX);
        registry.register(
            "http_requests",
            "HTTP requests answered, by route and status",
            http.requests.clone(),
        );
        registry.register_with_unit(
            "http_request_duration",
            "Time from the request head to the response head, by route",
            Unit::Seconds,
            http.duration.clone(),
        );
        registry.register(
            "localized_responses",
            "Responses localized, by the locale used and whether no requested language matched (fallback)",
            http.localized.clone(),
        );
        registry.register(
            "http_requests_in_flight",
            "Requests under way",
            http.in_flight.clone(),
        );
        registry.register(
            "http_connections_open",
            "Connections open",
            http.connections.clone(),
        );
        registry.register(
            "http_connections_refused",
            "Connections closed at once because as many as allowed were open",
            http.refused.clone(),
        );
        Self {
            registry: Arc::new(Mutex::new(registry)),
            http: Arc::new(http),
        }
    }

    /// Adds an application's metric, named `defender_errors_<name>` (plus
    /// `_total` for a counter).
    pub fn register(&self, name: &str, help: &str, metric: impl Metric) {
        self.registry
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .register(name, help, metric);
    }

    /// Every metric, in the OpenMetrics text format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let registry = self.registry.lock().unwrap_or_else(PoisonError::into_inner);
        // Writing to a String cannot fail.
        let _ = text::encode(&mut out, &registry);
        out
    }

    pub(super) fn request(&self, route: &str, status: u16, latency: Duration) {
        self.http
            .requests
            .get_or_create(&RequestLabels {
                route: route.to_owned(),
                status,
            })
            .inc();
        self.http
            .duration
            .get_or_create(&RouteLabels {
                route: route.to_owned(),
            })
            .observe(latency.as_secs_f64());
    }

    pub(super) fn localized(&self, locale: &str, fallback: bool) {
        self.http
            .localized
            .get_or_create(&LocaleLabels {
                locale: locale.to_owned(),
                fallback: fallback.to_string(),
            })
            .inc();
    }

    /// Counts one more request under way, until the guard is dropped.
    pub(super) fn in_flight(&self) -> Held {
        Held::new(self.http.in_flight.clone())
    }

    /// Counts one more open connection, until the guard is dropped.
    pub(super) fn connection(&self) -> Held {
        Held::new(self.http.connections.clone())
    }

    pub(super) fn refused(&self) {
        self.http.refused.inc();
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// One unit of a gauge, given back when dropped (also when a request's
/// future is dropped because its client went away).
pub(super) struct Held(Gauge);

impl Held {
    fn new(gauge: Gauge) -> Self {
        gauge.inc();
        Self(gauge)
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        self.0.dec();
    }
}
