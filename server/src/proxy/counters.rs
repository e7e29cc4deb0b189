//! [`Counters`]: what went wrong with the upstream, counted in the server's
//! Prometheus registry.

use crate::{Counter, Metrics};

/// The proxy's own counters, shared by every request: answers it had to
/// make itself because the upstream failed. [`Proxy::new`](super::Proxy::new)
/// registers them in the server's registry, so `GET /metrics` shows them as
/// `defender_errors_proxy_upstream_unreachable_total` and
/// `defender_errors_proxy_upstream_timeouts_total`.
///
/// ```
/// let counters = defender_errors_server::proxy::Counters::default();
/// assert_eq!((counters.unreachable(), counters.timeouts()), (0, 0));
/// ```
#[derive(Debug, Default, Clone)]
pub struct Counters {
    unreachable: Counter,
    timeouts: Counter,
}

impl Counters {
    /// Requests answered 502: the upstream could not be reached (refused,
    /// a name that does not resolve, a failed TLS handshake, a connection
    /// closed before an answer).
    ///
    /// ```
    /// # let counters = defender_errors_server::proxy::Counters::default();
    /// assert_eq!(counters.unreachable(), 0);
    /// ```
    pub fn unreachable(&self) -> u64 {
        self.unreachable.get()
    }

    /// Requests answered 504: no answer from the upstream in time.
    ///
    /// ```
    /// # let counters = defender_errors_server::proxy::Counters::default();
    /// assert_eq!(counters.timeouts(), 0);
    /// ```
    pub fn timeouts(&self) -> u64 {
        self.timeouts.get()
    }

    /// Puts both counters in `metrics` (its clones share them).
    ///
    /// ```
    /// let metrics = defender_errors_server::Metrics::new();
    /// defender_errors_server::proxy::Counters::default().register(&metrics);
    /// assert!(metrics.render().contains("defender_errors_proxy_upstream_timeouts_total 0"));
    /// ```
    pub fn register(&self, metrics: &Metrics) {
        let (unreachable, timeouts) = (self.unreachable.clone(), self.timeouts.clone());
        metrics.counter_fn(
            "proxy_upstream_unreachable",
            "Requests answered 502 because the upstream could not be reached",
            move || unreachable.get(),
        );
        metrics.counter_fn(
            "proxy_upstream_timeouts",
            "Requests answered 504 because the upstream did not answer in time",
            move || timeouts.get(),
        );
    }

    pub(super) fn count_unreachable(&self) {
        self.unreachable.inc();
    }

    pub(super) fn count_timeout(&self) {
        self.timeouts.inc();
    }
}
