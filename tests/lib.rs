//! The integration tests, in one binary: faster to build, one place to look.

#[cfg(feature = "translators")]
mod browser;
#[allow(dead_code)] // Shared with the other packages' tests; these use a part of it.
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
mod properties;
mod reference;
mod render;
mod snapshots;
mod throttle;
#[cfg(feature = "translators")]
mod webdriver;
