//! `proxy --upstream URL`: the localizing reverse proxy.

use std::path::Path;
use std::sync::Arc;

use defender_errors::proxy::{self, ProxyError};

use super::{catalog, init_logs, refuse_retired_variables, server_config};
use crate::error::Error;
use crate::flags::ProxyArgs;

/// Runs the proxy until SIGTERM or Ctrl-C, with logs on standard error.
pub fn exec(args: &ProxyArgs, locales: Option<&Path>) -> Result<(), Error> {
    refuse_retired_variables()?;
    let catalog = catalog(locales)?;
    if args.upstream_timeout.is_zero() {
        return Err(Error::ZeroUpstreamTimeout(args.origins.upstream.clone()));
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
    proxy::run(&config, Arc::new(catalog)).map_err(|error| match error {
        ProxyError::Timeouts { upstream, request } => Error::Timeouts {
            upstream,
            request,
            origins: args.origins.clone(),
        },
        other => Error::Proxy(other),
    })
}
