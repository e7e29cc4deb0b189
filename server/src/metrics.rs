//! One Prometheus registry for the server and the application on it,
//! rendered by `GET /metrics` in the OpenMetrics text format (which
//! Prometheus reads; its plain text format is its subset).
//!
//! The registry is the Prometheus project's own client, `prometheus-client`:
//! typed counters, gauges and histograms that an application registers
//! beside the server's, with the naming rules (`_total`, `_seconds`) kept by
//! the encoder.

use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use axum::extract::MatchedPath;
use axum::http::StatusCode;
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{
    text, DescriptorEncoder, EncodeLabelSet, EncodeLabelValue, EncodeMetric, LabelValueEncoder,
};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::counter::Counter as PromCounter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Metric, Registry, Unit};

use super::error::Own;
use super::probes::PROBES;

/// The prefix of every metric's name.
pub const PREFIX: &str = "defender_errors";

/// The route label of a request that no route of the application took.
pub(crate) const UNMATCHED: &str = "unmatched";

/// The metrics registry of a server, shared by its clones: the server's own
/// metrics are in it from the start, and an application adds its own with
/// [`counter`](Self::counter) and [`counter_fn`](Self::counter_fn), and
/// declares its routes with [`declare_route`](Self::declare_route) and
/// [`declare_fallback`](Self::declare_fallback) so that their request
/// counters start at 0.
///
/// ```
/// use defender_errors_server::Metrics;
///
/// let metrics = Metrics::new();
/// let calls = metrics.counter("example_calls", "Calls of /calls");
/// calls.inc();
/// assert!(metrics.render().contains("defender_errors_example_calls_total 1"));
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
    requests: Family<RequestLabels, PromCounter>,
    duration: Family<RouteLabels, Histogram>,
    localized: Family<LocaleLabels, PromCounter>,
    known_locales: RwLock<KnownLocales>,
    in_flight: Gauge,
    connections: Gauge,
    refused: PromCounter,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: RouteName,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: RouteName,
}

/// A route as a label: the route axum matched (its pattern, shared, not
/// copied), one of the server's probes, `unmatched`, or a route the
/// application declared before any request took it. Equal when their text
/// is, whatever the variant: a request on a declared route counts in the
/// declared label set.
#[derive(Clone, Debug)]
pub(crate) enum RouteName {
    Matched(MatchedPath),
    Static(&'static str),
    Declared(Arc<str>),
}

impl RouteName {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Self::Matched(path) => path.as_str(),
            Self::Static(name) => name,
            Self::Declared(name) => name,
        }
    }
}

impl PartialEq for RouteName {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for RouteName {}

impl std::hash::Hash for RouteName {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl EncodeLabelValue for RouteName {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        std::fmt::Write::write_str(encoder, self.as_str())
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LocaleLabels {
    locale: String,
    fallback: &'static str,
}

/// The counters of `localized_responses` for the catalog's locales, made
/// (at 0) when the server starts, and found by the locale's id without
/// building a label set; a locale added later by a reload gets its own on
/// first use.
type KnownLocales = Vec<(Box<str>, [PromCounter; 2])>;

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
            known_locales: RwLock::default(),
            in_flight: Gauge::default(),
            connections: Gauge::default(),
            refused: PromCounter::default(),
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

    /// A new counter, named `defender_errors_<name>_total`, at 0 until it
    /// counts.
    ///
    /// ```
    /// let metrics = defender_errors_server::Metrics::new();
    /// let refused = metrics.counter("example_refused", "Requests the example refused");
    /// assert!(metrics.render().contains("defender_errors_example_refused_total 0"));
    /// refused.inc_by(2);
    /// assert_eq!(refused.get(), 2);
    /// ```
    pub fn counter(&self, name: &str, help: &str) -> Counter {
        let counter = Counter::default();
        self.register(name, help, counter.0.clone());
        counter
    }

    /// A counter whose value `read` gives at each scrape, named
    /// `defender_errors_<name>_total`: for a count kept elsewhere, such as
    /// the log lines a non-blocking writer dropped.
    ///
    /// ```
    /// use std::sync::atomic::{AtomicU64, Ordering};
    /// use std::sync::Arc;
    ///
    /// let metrics = defender_errors_server::Metrics::new();
    /// let dropped = Arc::new(AtomicU64::new(0));
    /// let read = dropped.clone();
    /// metrics.counter_fn("log_lines_dropped", "Log lines dropped", move || read.load(Ordering::Relaxed));
    /// dropped.store(3, Ordering::Relaxed);
    /// assert!(metrics.render().contains("defender_errors_log_lines_dropped_total 3"));
    /// ```
    pub fn counter_fn(
        &self,
        name: &str,
        help: &str,
        read: impl Fn() -> u64 + Send + Sync + 'static,
    ) {
        self.registry
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .register_collector(Box::new(Read {
                name: name.to_owned(),
                help: help.to_owned(),
                read: Box::new(read),
            }));
    }

    /// Declares one of the application's routes, as axum matches it
    /// (`/users/{id}`; a nested route with its prefix), with the statuses
    /// its handlers answer with. Its `defender_errors_http_requests_total`
    /// label sets, for those statuses and for the ones the server answers
    /// on any route itself (405 from the router, 408, 413 and a panic's 500
    /// from the limits around the route), and its
    /// `defender_errors_http_request_duration_seconds` are then at 0 from
    /// the start, as Prometheus asks of known label sets, instead of
    /// appearing with the first such request.
    ///
    /// Declaring is for the metrics only: a route not declared, or a status
    /// not declared, is counted all the same from its first request. The
    /// server declares its probes and `unmatched` itself, the sidecar and
    /// the proxy their routes.
    ///
    /// ```
    /// use axum::http::StatusCode;
    /// use defender_errors_server::Metrics;
    ///
    /// let metrics = Metrics::new();
    /// metrics.declare_route("/users/{id}", [StatusCode::OK, StatusCode::NOT_FOUND]);
    /// let text = metrics.render();
    /// for status in [200, 404, 405, 408, 413, 500] {
    ///     let sample = format!(
    ///         r#"defender_errors_http_requests_total{{route="/users/{{id}}",status="{status}"}} 0"#
    ///     );
    ///     assert!(text.contains(&sample), "{sample}");
    /// }
    /// assert!(text.contains(
    ///     r#"defender_errors_http_request_duration_seconds_count{route="/users/{id}"} 0"#
    /// ));
    /// ```
    pub fn declare_route(&self, route: &str, statuses: impl IntoIterator<Item = StatusCode>) {
        let on_any_route = Own::ALL
            .into_iter()
            .filter(|own| !own.before_routing())
            .map(Own::status);
        self.known(
            RouteName::Declared(route.into()),
            statuses.into_iter().chain(on_any_route),
        );
    }

    /// Declares the statuses the application's fallback (axum's
    /// `Router::fallback`) answers with, counted under
    /// `route="unmatched"`: their label sets start at 0, beside the ones
    /// the server always answers there itself (404 from the router, 431
    /// over the header limit, 503 over the cap on requests in flight, which
    /// come before any route is matched). See
    /// [`declare_route`](Self::declare_route).
    ///
    /// ```
    /// use axum::http::StatusCode;
    /// use defender_errors_server::Metrics;
    ///
    /// let metrics = Metrics::new();
    /// metrics.declare_fallback([StatusCode::GONE]);
    /// let text = metrics.render();
    /// for status in [404, 410, 431, 503] {
    ///     let sample = format!(
    ///         r#"defender_errors_http_requests_total{{route="unmatched",status="{status}"}} 0"#
    ///     );
    ///     assert!(text.contains(&sample), "{sample}");
    /// }
    /// ```
    pub fn declare_fallback(&self, statuses: impl IntoIterator<Item = StatusCode>) {
        let before_routing = Own::ALL
            .into_iter()
            .filter(|own| own.before_routing())
            .map(Own::status);
        self.known(
            RouteName::Static(UNMATCHED),
            statuses.into_iter().chain(before_routing),
        );
    }

    /// Declares the server's own routes: its probes, and `unmatched` with
    /// the statuses answered before routing.
    pub(super) fn declare_server_routes(&self) {
        for probe in &PROBES {
            self.known(
                RouteName::Static(probe.path),
                probe.statuses.iter().copied(),
            );
        }
        self.declare_fallback([]);
    }

    /// Makes the request counters of `route` for `statuses`, and its
    /// latency histogram, at 0.
    fn known(&self, route: RouteName, statuses: impl IntoIterator<Item = StatusCode>) {
        for status in statuses {
            let labels = RequestLabels {
                route: route.clone(),
                status: status.as_u16(),
            };
            drop(self.http.requests.get_or_create(&labels));
        }
        drop(self.http.duration.get_or_create(&RouteLabels { route }));
    }

    /// Adds one of the server's own metrics.
    pub(crate) fn register(&self, name: &str, help: &str, metric: impl Metric) {
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

    pub(super) fn request(&self, route: &RouteName, status: u16, latency: Duration) {
        // The labels borrow nothing and copy no text: a route is an `Arc`.
        let requests = RequestLabels {
            route: route.clone(),
            status,
        };
        self.http.requests.get_or_create(&requests).inc();
        let route = RouteLabels {
            route: requests.route,
        };
        self.http
            .duration
            .get_or_create(&route)
            .observe(latency.as_secs_f64());
    }

    pub(super) fn localized(&self, locale: &str, fallback: bool) {
        let known = self
            .http
            .known_locales
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some((_, counters)) = known.iter().find(|(id, _)| &**id == locale) {
            let [matched, fell_back] = counters;
            if fallback { fell_back } else { matched }.inc();
            return;
        }
        drop(known);
        self.http
            .localized
            .get_or_create(&LocaleLabels {
                locale: locale.to_owned(),
                fallback: if fallback { "true" } else { "false" },
            })
            .inc();
    }

    /// Makes the `localized_responses` counters of `locales`, matched and
    /// fallen back, at 0, as Prometheus asks of known label sets.
    pub(super) fn known_locales<'l>(&self, locales: impl Iterator<Item = &'l str>) {
        let mut known = self
            .http
            .known_locales
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        for locale in locales {
            if known.iter().any(|(id, _)| &**id == locale) {
                continue;
            }
            let counter = |fallback| {
                let labels = LocaleLabels {
                    locale: locale.to_owned(),
                    fallback,
                };
                self.http.localized.get_or_create(&labels).clone()
            };
            known.push((locale.into(), [counter("false"), counter("true")]));
        }
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

/// A counter of an application's, in the server's registry: see
/// [`Metrics::counter`]. Clones count together.
///
/// ```
/// let metrics = defender_errors_server::Metrics::new();
/// let calls = metrics.counter("example_calls", "Calls of /calls");
/// calls.clone().inc();
/// assert_eq!(calls.get(), 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Counter(PromCounter);

impl Counter {
    /// Adds one.
    ///
    /// ```
    /// # let counter = defender_errors_server::Metrics::new().counter("a", "b");
    /// counter.inc();
    /// ```
    pub fn inc(&self) {
        self.0.inc();
    }

    /// Adds `n`.
    ///
    /// ```
    /// # let counter = defender_errors_server::Metrics::new().counter("a", "b");
    /// counter.inc_by(5);
    /// ```
    pub fn inc_by(&self, n: u64) {
        self.0.inc_by(n);
    }

    /// The count.
    ///
    /// ```
    /// # let counter = defender_errors_server::Metrics::new().counter("a", "b");
    /// assert_eq!(counter.get(), 0);
    /// ```
    pub fn get(&self) -> u64 {
        self.0.get()
    }
}

/// A counter read at each scrape (see [`Metrics::counter_fn`]).
struct Read {
    name: String,
    help: String,
    read: Box<dyn Fn() -> u64 + Send + Sync>,
}

impl std::fmt::Debug for Read {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Read")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Collector for Read {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let counter = ConstCounter::new((self.read)());
        let metric =
            encoder.encode_descriptor(&self.name, &self.help, None, counter.metric_type())?;
        counter.encode(metric)
    }
}
