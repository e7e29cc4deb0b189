//! `defender-errors serve` (feature `serve`): a localization sidecar for
//! portals in any language, over HTTP.
//!
//! - `POST /localize[?status=N]`: a Defender error body and `Accept-Language`
//!   in, the body with `localizedMessage` out;
//! - `GET /messages/{locale}`: every code's message (variables as `{$name}`),
//!   `.generic` form, note, hint and status phrase, for a front end to ship;
//! - `GET /healthz`.
//!
//! Bodies, headers and request time are bounded ([`Limits`]); bad input gets
//! a JSON error (400 with the reason, 404, 413, 415, 431). With a locale
//! directory the files are loaded again when they change (or on SIGHUP
//! through [`run`]): the new catalog is swapped in whole, and a message the
//! new file breaks keeps its last good version.
//!
//! ```no_run
//! use defender_errors::serve::{run, Config};
//!
//! // Binds 127.0.0.1:8080 and serves until SIGTERM or Ctrl-C.
//! run(Config::default())?;
//! # Ok::<(), std::io::Error>(())
//! ```

mod reload;
mod routes;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;
use tower_http::timeout::TimeoutLayer;

use crate::Catalog;
use reload::Reloader;

/// How much of a request the sidecar reads, and for how long.
///
/// ```
/// let limits = defender_errors::serve::Limits::default();
/// assert_eq!(limits.body_bytes, 64 * 1024);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest request body: 64 KiB by default (the API's error bodies
    /// are a few hundred bytes). Larger gets 413.
    pub body_bytes: usize,
    /// The most bytes of request headers, names and values together: 16 KiB
    /// by default. More gets 431.
    pub header_bytes: usize,
    /// How long a request may take: 10 s by default. Longer gets 408.
    pub request_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            body_bytes: 64 * 1024,
            header_bytes: 16 * 1024,
            request_time: Duration::from_secs(10),
        }
    }
}

/// What to serve, and where.
///
/// ```
/// let config = defender_errors::serve::Config::default();
/// assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
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
    /// The request limits.
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            locales: None,
            reload_every: Duration::from_secs(1),
            limits: Limits::default(),
        }
    }
}

/// The catalog in use, swapped whole on a reload: a request takes the one in
/// use when it starts and keeps it to the end.
#[derive(Clone)]
struct Shared {
    catalog: Arc<RwLock<Arc<Catalog>>>,
    limits: Limits,
}

impl Shared {
    fn catalog(&self) -> Arc<Catalog> {
        match self.catalog.read() {
            Ok(catalog) => catalog.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn swap(&self, catalog: Catalog) {
        let catalog = Arc::new(catalog);
        match self.catalog.write() {
            Ok(mut current) => *current = catalog,
            Err(poisoned) => *poisoned.into_inner() = catalog,
        }
    }
}

/// Serves on `listener` until `shutdown` completes, then finishes the
/// requests under way. With a locale directory, reloads it when it changes.
///
/// # Errors
/// When the locale directory cannot be read at start, or the listener fails.
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

/// [`serve`], also reloading whenever `reload` yields.
async fn serve_with_reload(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
    mut reload: Option<tokio::sync::mpsc::Receiver<()>>,
) -> io::Result<()> {
    let mut reloader = config.locales.as_deref().map(Reloader::new);
    let catalog = match &mut reloader {
        Some(reloader) => {
            let (catalog, log) = reloader.load().map_err(io::Error::other)?;
            log.iter().for_each(|line| eprintln!("warning: {line}"));
            catalog
        }
        None => Catalog::new(),
    };
    // Compile every locale now, not on the first requests.
    let _ = catalog.problems();
    let shared = Shared {
        catalog: Arc::new(RwLock::new(Arc::new(catalog))),
        limits: config.limits,
    };
    if let Some(mut reloader) = reloader {
        let shared = shared.clone();
        let every = config.reload_every;
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                let asked = match &mut reload {
                    Some(signals) => tokio::select! {
                        _ = tick.tick() => false,
                        got = signals.recv() => {
                            if got.is_none() {
                                // No one sends any more: the timer alone.
                                reload = None;
                            }
                            got.is_some()
                        }
                    },
                    None => {
                        tick.tick().await;
                        false
                    }
                };
                if !asked && !reloader.changed() {
                    continue;
                }
                // Loading reads files and compiles: off the request threads.
                let loading = tokio::task::spawn_blocking(move || {
                    let result = reloader.load().map(|(catalog, log)| {
                        let _ = catalog.problems();
                        (catalog, log)
                    });
                    (result, reloader)
                });
                let Ok((result, back)) = loading.await else {
                    eprintln!("error: reloading the locale files failed; reloading stops");
                    return;
                };
                reloader = back;
                match result {
                    Ok((catalog, log)) => {
                        log.iter().for_each(|line| eprintln!("warning: {line}"));
                        shared.swap(catalog);
                        eprintln!("reloaded the locale files");
                    }
                    Err(why) => eprintln!("error: {why}; the catalog in use is kept"),
                }
            }
        });
    }
    axum::serve(listener, router(shared))
        .with_graceful_shutdown(shutdown)
        .await
}

fn router(shared: Shared) -> Router {
    let limits = shared.limits;
    Router::new()
        .route("/localize", post(routes::localize))
        .route("/messages/{locale}", get(routes::messages))
        .route("/healthz", get(routes::healthz))
        .fallback(|| async {
            routes::error(
                StatusCode::NOT_FOUND,
                "NotFound",
                "no such endpoint; see /healthz, /localize and /messages/{locale}",
            )
        })
        .method_not_allowed_fallback(|| async {
            routes::error(
                StatusCode::METHOD_NOT_ALLOWED,
                "MethodNotAllowed",
                "this endpoint does not take that method",
            )
        })
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            header_limit(request, next, limits.header_bytes)
        }))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_time,
        ))
        .with_state(shared)
}

async fn header_limit(request: Request, next: Next, limit: usize) -> Response {
    let size: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if size > limit {
        return routes::error(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "RequestHeaderFieldsTooLarge",
            format!("the request headers hold {size} bytes; at most {limit} are read"),
        );
    }
    next.run(request).await
}

/// Binds `config.addr` and serves until SIGTERM or Ctrl-C; SIGHUP reloads
/// the locale directory. Prints the address it listens on.
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
        eprintln!("listening on http://{}", listener.local_addr()?);
        let (reload_tx, reload_rx) = tokio::sync::mpsc::channel(1);
        let hangup = hangups(reload_tx)?;
        let shutdown = async {
            terminated().await;
            eprintln!("shutting down");
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

/// Completes at SIGTERM or Ctrl-C.
async fn terminated() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = ctrl_c => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = ctrl_c.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
