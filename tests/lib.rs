//! The integration tests, in one binary: faster to build, one place to look.

#[cfg(feature = "translators")]
mod browser;
mod common;

#[cfg(feature = "translators")]
mod check;
mod contract;
mod envelope;
mod fidelity;
mod fluent_peer;
mod hostile;
mod load;
mod module_graph;
mod negotiation;
mod overlay;
#[cfg(feature = "axum")]
mod portal;
mod properties;
#[cfg(feature = "proxy")]
mod proxy;
mod reference;
mod render;
#[cfg(feature = "serve")]
mod serve;
#[cfg(feature = "serve")]
mod server;
#[cfg(feature = "axum")]
mod servers;
mod snapshots;
mod throttle;
#[cfg(feature = "axum")]
mod upstreams;
#[cfg(feature = "translators")]
mod webdriver;
#[cfg(feature = "axum")]
mod zero_wait;
