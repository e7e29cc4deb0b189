//! `serve`: the HTTP sidecar.

use std::path::PathBuf;
use std::time::Duration;

use defender_errors::serve;

use super::{init_logs, refuse_retired_variables, server_config};
use crate::error::Error;
use crate::flags::ServeArgs;

/// Serves the catalog until SIGTERM or Ctrl-C, with logs on standard error.
pub fn exec(args: &ServeArgs, locales: Option<PathBuf>) -> Result<(), Error> {
    refuse_retired_variables()?;
    init_logs(&args.server);
    let mut config = serve::Config::default();
    config.addr = args.addr;
    config.locales = locales;
    config.reload_every = Duration::from_millis(args.reload_ms.max(10));
    config.messages_max_age = args.messages_max_age;
    server_config(
        &args.server,
        &mut config.server,
        args.max_body,
        args.request_timeout,
    );
    serve::run(config).map_err(|e| {
        tracing::error!("{e}");
        Error::Serve(e)
    })
}
