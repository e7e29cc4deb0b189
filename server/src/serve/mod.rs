//! `defender-errors serve`: a localization sidecar for portals in any
//! language, over HTTP, on the hardened [`server`](crate).
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
//! whenever [`serve_with_reload`] is asked to: the command asks at every
//! SIGHUP): see the reload module.
//!
//! ```no_run
//! # #[tokio::main]
//! # async fn main() -> std::io::Result<()> {
//! use defender_errors_server::serve::{serve, Config};
//!
//! // What `defender-errors serve` does: 127.0.0.1:8080 until SIGTERM or Ctrl-C.
//! let config = Config::default();
//! let listener = tokio::net::TcpListener::bind(config.addr).await?;
//! serve(listener, config, defender_errors_server::terminated()).await
//! # }
//! ```

mod generation;
mod reload;
mod routes;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::http::StatusCode;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use serde_json::json;
use tokio::net::TcpListener;

use crate as server;
use crate::Readiness;
use defender_errors::Catalog;
use generation::{Current, Generation};
use reload::{Reloader, Status};

/// What to serve, and where.
///
/// ```
/// let config = defender_errors_server::serve::Config::default();
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

/// The catalog in use, for the [`Locale`](defender_errors_tower::Locale)
/// extractor: a request is localized in the catalog of the moment it arrives.
impl axum::extract::FromRef<Shared> for std::sync::Arc<Catalog> {
    fn from_ref(shared: &Shared) -> Self {
        shared.current.get().catalog.clone()
    }
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
/// use defender_errors_server::serve::{serve, Config};
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

/// [`serve`], also reloading the locale directory whenever `asked` yields:
/// the command sends on it at every SIGHUP.
///
/// # Errors
/// As [`serve`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// use defender_errors_server::serve::{serve_with_reload, Config};
///
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// let (reload, asked) = tokio::sync::mpsc::channel(1);
/// reload.try_send(()).ok(); // as a SIGHUP would
/// // Stops at once here; the command passes `defender_errors_server::terminated()`.
/// serve_with_reload(listener, Config::default(), async {}, Some(asked)).await?;
/// # Ok(()) }
/// ```
pub async fn serve_with_reload(
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
    let result = server::run(
        listener,
        router(shared, &config.server.metrics),
        &config.server,
        shutdown,
    )
    .await;
    if let Some(task) = reloading {
        task.abort();
        let _ = task.await;
    }
    result
}

/// The sidecar's routes, each declared to `metrics` with the statuses its
/// handler answers with, so that their request counters start at 0. Its
/// fallback answers 404 and a route 405 to another method: the statuses
/// the server declares itself.
fn router(shared: Shared, metrics: &server::Metrics) -> Router {
    let routes: [(&str, MethodRouter<Shared>, &[StatusCode]); 3] = [
        ("/localize", post(routes::localize), routes::LOCALIZE),
        (
            "/messages/{locale}",
            get(routes::messages),
            routes::MESSAGES,
        ),
        ("/openapi.json", get(routes::openapi), routes::OPENAPI),
    ];
    let mut router = Router::new();
    for (path, route, statuses) in routes {
        metrics.declare_route(path, statuses.iter().copied());
        router = router.route(path, route);
    }
    router
        .fallback(routes::not_found)
        .method_not_allowed_fallback(routes::method_not_allowed)
        .with_state(shared)
}
