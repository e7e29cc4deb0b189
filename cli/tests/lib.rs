//! The `defender-errors` binary, run as a user would.

#[allow(dead_code)] // Shared with the library's tests; the CLI's use a part of it.
#[path = "../../tests/common.rs"]
mod common;

#[allow(dead_code)]
#[path = "../../tests/servers.rs"]
mod servers;

#[allow(dead_code)]
#[path = "../../tests/webdriver.rs"]
mod webdriver;

mod cli;
mod live_preview;
mod proxy;
mod serve;
