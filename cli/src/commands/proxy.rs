//! `proxy --upstream URL`: the localizing reverse proxy.

use std::path::Path;
use std::sync::Arc;

use defender_errors_server::proxy::{self, ProxyError};

use crate::service;

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
    let mut config = proxy::Config::new(args.upstream.clone());
    let _logs = init_logs(&args.server, &config.server.metrics)?;
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
    let addr = config.addr;
    let listen = |source| ProxyError::Listen { addr, source };
    let run = service::block_on(async {
        let listener = service::bind(addr).await.map_err(listen)?;
        proxy::serve(listener, &config, Arc::new(catalog), service::terminated()).await
    });
    let result = run.map_err(listen).and_then(|result| result);
    result.map_err(|error| match error {
        ProxyError::Timeouts { upstream, request } => Error::Timeouts {
            upstream,
            request,
            origins: args.origins.clone(),
        },
        other => Error::Proxy(other),
    })
}
