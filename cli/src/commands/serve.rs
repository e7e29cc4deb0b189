//! `serve`: the HTTP sidecar.

use std::path::PathBuf;
use std::time::Duration;

use defender_errors_server::serve;

use crate::service;

use super::{init_logs, refuse_retired_variables, server_config};
use crate::error::Error;
use crate::flags::ServeArgs;

/// Serves the catalog until SIGTERM or Ctrl-C, with logs on standard error.
pub fn exec(args: &ServeArgs, locales: Option<PathBuf>) -> Result<(), Error> {
    refuse_retired_variables()?;
    let mut config = serve::Config::default();
    let _logs = init_logs(&args.server, &config.server.metrics)?;
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
    let run = service::block_on(async move {
        let listener = service::bind(config.addr).await?;
        let (reload, asked) = tokio::sync::mpsc::channel(1);
        let hangup = service::hangups(reload)?;
        let result =
            serve::serve_with_reload(listener, config, service::terminated(), Some(asked)).await;
        hangup.abort();
        result
    });
    run.and_then(|result| result).map_err(|e| {
        tracing::error!("{e}");
        Error::Serve(e)
    })
}
