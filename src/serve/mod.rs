//! `defender-errors serve` (feature `serve`): a localization sidecar for
//! portals in any language, over HTTP, on the hardened [`server`].
//!
//! - `POST /localize[?status=N&retry_after=N]`: a Defender error body and
//!   `Accept-Language` in (with the wait of a throttled response as
//!   `?retry_after=N` or a `Retry-After` header), the body with
//!   `localizedMessage` out;
//! - `GET /messages/{locale}`: every code's message (variables as `{$name}`),
//!   `.generic` form, note, hint and status phrase, for a front end to ship;
//!   built once per catalog, with `ETag` and `Cache-Control`;
//! - `GET /openapi.json`: the description of every endpoint;
//! - the server's `GET /healthz`, `GET /readyz` (with the catalog's
//!   generation and the last reload error) and `GET /metrics`.
//!
//! With a locale directory the files are loaded again when they change (or
//! on SIGHUP through [`run`]): see the reload module.
//!
//! ```no_run
//! use defender_errors::serve::{run, Config};
//!
//! // Binds 127.0.0.1:8080 and serves until SIGTERM or Ctrl-C.
//! run(Config::default())?;
//! # Ok::<(), std::io::Error>(())
//! ```

mod generation;
mod reload;
mod routes;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use serde_json::json;
use tokio::net::TcpListener;

use crate::server::{self, Readiness};
use crate::Catalog;
use generation::{Current, Generation};
use reload::{Reloader, Status};

/// What to serve, and where.
///
/// ```
/// let config = defender_errors::serve::Config::default();
/// assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
/// assert_eq!(config.server.body_bytes, 64 * 1024);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// Where to listen: `127.0.0.1:8080` by default, loopback only.
    pub addr: SocketAddr,
    /// A directory laid out like `locales/` whose files replace the embedded
    /// ones, loaded again when they change.
    pub locales: Option<PathBuf>,
    /// How often the locale directory is looked at: every second by default.
    pub reload_every: Duration,
    /// The `max-age` of `/messages/{locale}`'s `Cache-Control`: 300 s. A
    /// browser asks again after it, and gets a 304 if nothing changed.
    pub messages_max_age: Duration,
    /// The server's limits, metrics and readiness.
    pub server: server::Config,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            locales: None,
            reload_every: Duration::from_secs(1),
            messages_max_age: Duration::from_secs(300),
            server: server::Config::default(),
        }
    }
}

/// What the routes share: the catalog in use and the settings they read.
#[derive(Clone)]
struct Shared {
    current: Current,
    messages_max_age: Duration,
}

/// Serves on `listener` until `shutdown` completes, then drains (see
/// [`server::run`]). With a locale directory, reloads it when it changes;
/// the reloading stops with the server.
///
/// # Errors
/// When the locale directory cannot be read at start or holds no
/// `<locale>/errors.ftl`.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// use defender_errors::serve::{serve, Config};
///
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
/// let server = tokio::spawn(serve(listener, Config::default(), async {
///     let _ = stopped.await;
/// }));
/// stop.send(()).ok();
/// server.await.ok();
/// # Ok(()) }
/// ```
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    serve_with_reload(listener, config, shutdown, None).await
}

/// [`serve`], also reloading whenever `asked` yields.
async fn serve_with_reload(
    listener: TcpListener,
    mut config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
    asked: Option<tokio::sync::mpsc::Receiver<()>>,
) -> io::Result<()> {
    let status = Status::new(&config.server.metrics);
    let (current, reloader) = match config.locales.as_deref() {
        Some(dir) => {
            let mut reloader = Reloader::new(dir).map_err(io::Error::other)?;
            let loaded = tokio::task::spawn_blocking(move || {
                let loaded = reloader.load();
                (loaded, reloader)
            })
            .await
            .map_err(io::Error::other)?;
            let (loaded, reloader) = loaded;
            let loaded = loaded.map_err(io::Error::other)?;
            for problem in &loaded.problems {
                tracing::warn!(problem = %problem, "a problem in the locale files");
            }
            (
                Current::new(Generation::new(1, loaded.catalog)),
                Some(reloader),
            )
        }
        None => (Current::new(Generation::new(1, Catalog::new())), None),
    };
    status.loaded(&current.get());
    let ready = {
        let (current, status) = (current.clone(), status.clone());
        move || {
            let generation = current.get();
            let locales: Vec<&str> = generation.catalog.locales().collect();
            let loaded_at = generation
                .loaded_at
                .duration_since(std::time::SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            Ok(json!({
                "catalog": {
                    "generation": generation.number,
                    "locales": locales,
                    "loadedAt": loaded_at,
                },
                "lastReloadError": status.last_error(),
            }))
        }
    };
    config.server.readiness = Readiness::new(ready);
    // The server's own errors are localized in the catalog in use.
    config.server.catalog = {
        let current = current.clone();
        server::CatalogSource::new(move || current.get().catalog.clone())
    };
    let reloading = reloader.map(|reloader| {
        tokio::spawn(reload::watch(
            reloader,
            current.clone(),
            status,
            config.reload_every,
            asked,
        ))
    });
    let shared = Shared {
        current,
        messages_max_age: config.messages_max_age,
    };
    let result = server::run(listener, router(shared), &config.server, shutdown).await;
    if let Some(task) = reloading {
        task.abort();
        let _ = task.await;
    }
    result
}

fn router(shared: Shared) -> Router {
    Router::new()
        .route("/localize", post(routes::localize))
        .route("/messages/{locale}", get(routes::messages))
        .route("/openapi.json", get(routes::openapi))
        .fallback(routes::not_found)
        .method_not_allowed_fallback(routes::method_not_allowed)
        .with_state(shared)
}

/// Binds `config.addr` and serves until SIGTERM or Ctrl-C; SIGHUP reloads
/// the locale directory. Prints the address it listens on to standard
/// output (the logs go through `tracing`).
///
/// # Errors
/// When the address cannot be bound or the locale directory cannot be read.
///
/// ```no_run
/// defender_errors::serve::run(defender_errors::serve::Config::default())?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn run(config: Config) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = TcpListener::bind(config.addr).await?;
        println!("listening on http://{}", listener.local_addr()?);
        let (reload_tx, reload_rx) = tokio::sync::mpsc::channel(1);
        let hangup = hangups(reload_tx)?;
        let shutdown = async {
            server::terminated().await;
            tracing::info!("shutting down");
        };
        let result = serve_with_reload(listener, config, shutdown, Some(reload_rx)).await;
        hangup.abort();
        result
    })
}

/// Sends on `reload` at every SIGHUP.
fn hangups(reload: tokio::sync::mpsc::Sender<()>) -> io::Result<tokio::task::JoinHandle<()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut hangup = signal(SignalKind::hangup())?;
        Ok(tokio::spawn(async move {
            while hangup.recv().await.is_some() {
                let _ = reload.try_send(());
            }
        }))
    }
    #[cfg(not(unix))]
    {
        Ok(tokio::spawn(async move {
            let _keep = reload;
        }))
    }
}
