//! Request ids without a system call per request: a per-process random
//! prefix and a counter, as tower-http's `MakeRequestId` asks.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::http::{HeaderValue, Request};
use tower_http::request_id::{MakeRequestId, RequestId};

/// Makes `x-request-id` values of the form `6f1c09a2e4b7d853-42`: 64 random
/// bits chosen once per server, so that two servers' ids (or one server's
/// across restarts) do not collide in a log pipeline, and the request's
/// number. A request that brings its own id keeps it.
#[derive(Clone)]
pub(super) struct Counter {
    prefix: Arc<str>,
    next: Arc<AtomicU64>,
}

impl Counter {
    pub(super) fn new() -> Self {
        // std's hasher keys are random, drawn from the operating system
        // once per thread: a random prefix without a dependency.
        let random = RandomState::new().build_hasher().finish();
        Self {
            prefix: format!("{random:016x}").into(),
            next: Arc::new(AtomicU64::new(1)),
        }
    }
}

impl MakeRequestId for Counter {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        let number = self.next.fetch_add(1, Ordering::Relaxed);
        let id = format!("{}-{number}", self.prefix);
        HeaderValue::try_from(id).ok().map(RequestId::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_share_the_prefix() {
        let mut ids = Counter::new();
        let request = Request::new(());
        let a = ids.make_request_id(&request).unwrap();
        let b = ids.make_request_id(&request).unwrap();
        let (a, b) = (
            a.header_value().to_str().unwrap(),
            b.header_value().to_str().unwrap(),
        );
        assert_ne!(a, b);
        assert_eq!(a.split('-').next(), b.split('-').next());
        assert_eq!(a.split('-').next().unwrap().len(), 16);
        assert_ne!(
            Counter::new().prefix,
            Counter::new().prefix,
            "each server draws its own prefix"
        );
    }
}
