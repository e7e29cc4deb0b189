//! The servers over 127.0.0.1, with a real client: the hardened server, the
//! sidecar and the proxy.

#[allow(dead_code)] // Shared with the other packages' tests.
#[path = "../../tests/common.rs"]
mod common;
#[allow(dead_code)]
#[path = "../../tests/servers.rs"]
mod servers;
#[allow(dead_code)]
#[path = "../../tests/upstreams.rs"]
mod upstreams;

mod openmetrics;
#[cfg(feature = "proxy")]
mod proxy;
mod serve;
mod server;
#[cfg(feature = "proxy")]
mod throttle;
