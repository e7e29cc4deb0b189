//! The layer and the axum integration, over 127.0.0.1 with a real client.

#[allow(dead_code)] // Shared with the other packages' tests.
#[path = "../../tests/common.rs"]
mod common;
#[allow(dead_code)]
#[path = "../../tests/servers.rs"]
mod servers;
#[allow(dead_code)]
#[path = "../../tests/upstreams.rs"]
mod upstreams;

mod headers;
#[cfg(feature = "axum")]
mod portal;
