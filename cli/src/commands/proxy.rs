//! `proxy --upstream URL`: the localizing reverse proxy.

use std::path::Path;
use std::sync::Arc;

use defender_errors::proxy;

use super::{catalog, init_logs, server_config};
use crate::error::Error;
use crate::flags::ProxyArgs;

/// Runs the proxy until SIGTERM or Ctrl-C, with logs on standard error.
pub fn exec(args: &ProxyArgs, locales: Option<&Path>) -> Result<(), Error> {
    let catalog = catalog(locales)?;
    if args.upstream_timeout.is_zero() {
        return Err(Error::ZeroUpstreamTimeout);
    }
    init_logs(&args.server);
    let mut config = proxy::Config::new(args.upstream.clone());
    config.addr = args.addr;
    config.timeout = args.upstream_timeout;
    config.upstream_ca = args.upstream_ca.clone();
    server_config(
        &args.server,
        &mut config.server,
        args.max_body,
        args.request_timeout,
    );
    // One line: the reasons it cannot start are the operator's to read.
    Ok(proxy::run(&config, Arc::new(catalog))?)
}
