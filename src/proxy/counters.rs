//! [`Counters`]: what went wrong with the upstream, counted.

use std::sync::atomic::{AtomicU64, Ordering};

/// The proxy's own counters, shared by every request: answers it had to
/// make itself because the upstream failed. A metrics registry reads them
/// (as `defender_errors_proxy_upstream_unreachable_total` and
/// `..._upstream_timeouts_total`, say).
///
/// ```
/// let counters = defender_errors::proxy::Counters::default();
/// assert_eq!((counters.unreachable(), counters.timeouts()), (0, 0));
/// ```
#[derive(Debug, Default)]
pub struct Counters {
    unreachable: AtomicU64,
    timeouts: AtomicU64,
}

impl Counters {
    /// Requests answered 502: the upstream could not be reached (refused,
    /// a name that does not resolve, a failed TLS handshake, a connection
    /// closed before an answer).
    ///
    /// ```
    /// # let counters = defender_errors::proxy::Counters::default();
    /// assert_eq!(counters.unreachable(), 0);
    /// ```
    pub fn unreachable(&self) -> u64 {
        self.unreachable.load(Ordering::Relaxed)
    }

    /// Requests answered 504: no answer from the upstream in time.
    ///
    /// ```
    /// # let counters = defender_errors::proxy::Counters::default();
    /// assert_eq!(counters.timeouts(), 0);
    /// ```
    pub fn timeouts(&self) -> u64 {
        self.timeouts.load(Ordering::Relaxed)
    }

    pub(super) fn count_unreachable(&self) {
        self.unreachable.fetch_add(1, Ordering::Relaxed);
    }

    pub(super) fn count_timeout(&self) {
        self.timeouts.fetch_add(1, Ordering::Relaxed);
    }
}
