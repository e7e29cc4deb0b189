//! `defender-errors proxy` (feature `proxy`): a localizing reverse proxy. A
//! portal in any language points its Defender API base URL at it, and every
//! Defender error comes back with its `localizedMessage` for the user's
//! `Accept-Language`, with no change to the portal's code.
//!
//! Every request is forwarded to the upstream as RFC 9110 asks of an
//! intermediary: method, path, query, `Authorization` and every other
//! end-to-end header as they came; the hop-by-hop headers (`Connection` and
//! those it names, `Keep-Alive`, `TE`, `Trailer`, `Transfer-Encoding`,
//! `Upgrade`, `Proxy-Authenticate`, `Proxy-Authorization`) removed in both
//! directions; `Host` set to the upstream's; `Via` added both ways;
//! `X-Forwarded-For`, `X-Forwarded-Host`, `X-Forwarded-Proto` and
//! `Forwarded` saying who asked. Bodies stream both ways. On the way back
//! the answer goes through [`LocalizeLayer`],
//! so a Defender error envelope is localized exactly as a Rust portal's
//! layer does it, and everything else passes byte for byte.
//!
//! An upstream that cannot be reached gets 502, one that does not answer
//! within [`Config::timeout`] 504, both in the JSON error shape
//! `{"error":{"code","message"}}` made by [`server::error`], logged
//! (`tracing`) and counted ([`Counters`], in the server's registry).
//!
//! It runs on the hardened [`server`], as the `serve` sidecar does: its
//! limits, caps, drain, request ids, log line and metrics, and `GET
//! /healthz`, `GET /readyz` and `GET /metrics` (those three paths are the
//! proxy's own, not forwarded). A localized answer is logged and counted by
//! its locale.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use defender_errors_server::proxy::{Config, Proxy};
//! use defender_errors::Catalog;
//! use defender_errors_server as server;
//!
//! let config = Config::new("https://api.security.microsoft.com".parse()?);
//! let proxy = Proxy::new(&config, Arc::new(Catalog::new()))?;
//! assert_eq!(proxy.counters().unreachable(), 0);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! // Stops at once here; `run` serves until SIGTERM or Ctrl-C.
//! server::run(listener, proxy.router(), &config.server, async {}).await?;
//! # Ok(()) }
//! ```

mod counters;
mod forward;
mod hop;
mod path;
mod pool;
mod tls;

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::any;
use axum::Router;
use http::{HeaderValue, Uri};
use serde_json::json;
use tokio::net::TcpListener;

pub use counters::Counters;

use crate as server;
use crate::Readiness;
use defender_errors::Catalog;
use defender_errors_tower::LocalizeLayer;
use forward::{forward, Forward};
use pool::Pool;

/// Where the proxy listens, where it forwards to, how long it waits, and
/// the server it runs on.
///
/// ```
/// let config = defender_errors_server::proxy::Config::new("http://127.0.0.1:9000".parse().unwrap());
/// assert_eq!(config.addr.to_string(), "127.0.0.1:8081");
/// assert_eq!(config.timeout.as_secs(), 30);
/// assert_eq!(config.server.request_time.as_secs(), 60);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// The Defender API's base URL, `http://` or `https://`; a path in it
    /// is put before every request's path.
    pub upstream: Uri,
    /// Where to listen: `127.0.0.1:8081` by default, loopback only.
    pub addr: SocketAddr,
    /// How long the upstream may take to connect and send its answer's
    /// head: 30 s by default. Longer gets 504.
    pub timeout: Duration,
    /// A PEM file of the private CA that signed an `https` upstream's
    /// certificate; without it the platform's root certificates are trusted.
    pub upstream_ca: Option<PathBuf>,
    /// The server's limits, metrics and readiness: [`server::Config`]'s
    /// defaults, but for two that a proxy needs larger: a request may take
    /// 60 s (its time covers the upstream's, [`timeout`](Self::timeout)), and
    /// its body may hold 16 MiB (it streams to the upstream; the API takes
    /// batches larger than an error envelope).
    pub server: server::Config,
}

/// The largest request body the proxy takes by default: 16 MiB.
pub const DEFAULT_BODY_BYTES: usize = 16 * 1024 * 1024;

/// How long a request to the proxy may take by default: 60 s, twice the
/// upstream's timeout, so that a silent upstream gets its 504 before the
/// server's 408.
pub const DEFAULT_REQUEST_TIME: Duration = Duration::from_secs(60);

impl Config {
    /// The defaults, forwarding to `upstream`.
    ///
    /// ```
    /// let config = defender_errors_server::proxy::Config::new("https://api.security.microsoft.com".parse().unwrap());
    /// assert!(config.upstream_ca.is_none());
    /// ```
    pub fn new(upstream: Uri) -> Self {
        let server = server::Config {
            body_bytes: DEFAULT_BODY_BYTES,
            request_time: DEFAULT_REQUEST_TIME,
            ..server::Config::default()
        };
        Self {
            upstream,
            addr: SocketAddr::from(([127, 0, 0, 1], 8081)),
            timeout: Duration::from_secs(30),
            upstream_ca: None,
            server,
        }
    }
}

/// The proxy's routes: every path goes to the upstream.
const ROUTES: [&str; 2] = ["/", "/{*path}"];

/// Why the proxy cannot start.
///
/// ```
/// use std::sync::Arc;
/// use defender_errors_server::proxy::{Config, Proxy, ProxyError};
///
/// let config = Config::new("ftp://example.com".parse().unwrap());
/// let error = Proxy::new(&config, Arc::new(defender_errors::Catalog::new())).unwrap_err();
/// assert!(matches!(error, ProxyError::Upstream { .. }));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProxyError {
    /// The upstream URL is not one the proxy can forward to.
    #[error("--upstream {url}: {reason}")]
    Upstream {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The CA file cannot be read, or holds no usable certificate.
    #[error("--upstream-ca {}: {reason}", path.display())]
    Ca {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// An `https` upstream, no CA file, and no root certificates on the platform.
    #[error("no root certificates to check an https upstream with ({reason}); give the CA with --upstream-ca FILE")]
    NoPlatformRoots {
        /// What the platform's store said.
        reason: String,
    },
    /// The TLS library refused the configuration: its message (the library,
    /// a 0.x crate, stays out of this type).
    #[error("TLS: {0}")]
    Tls(String),
    /// The upstream's timeout is not shorter than the server's time for a
    /// request: the server would answer 408 before the proxy's 504.
    #[error("--upstream-timeout {}s must be shorter than --request-timeout {}s, or a silent upstream gets 408 instead of 504", upstream.as_secs_f64(), request.as_secs_f64())]
    Timeouts {
        /// [`Config::timeout`].
        upstream: Duration,
        /// The server's [`request_time`](server::Config::request_time).
        request: Duration,
    },
    /// The address to listen on cannot be bound.
    #[error("cannot listen on {addr} (--addr): {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        #[source]
        source: io::Error,
    },
}

/// The proxy: an axum [`Router`] that forwards every request, and its
/// [`Counters`].
///
/// ```
/// use std::sync::Arc;
/// use defender_errors_server::proxy::{Config, Proxy};
///
/// let config = Config::new("http://127.0.0.1:9000".parse().unwrap());
/// let proxy = Proxy::new(&config, Arc::new(defender_errors::Catalog::new())).unwrap();
/// assert_eq!(proxy.counters().timeouts(), 0);
/// ```
#[derive(Debug, Clone)]
pub struct Proxy {
    /// The routes, without a localizing layer: [`serve`] runs them on the
    /// server, whose one layer localizes; [`Proxy::router`] adds one.
    routes: Router,
    catalog: Arc<Catalog>,
    counters: Counters,
}

impl Proxy {
    /// A proxy to `config.upstream` that localizes with `catalog`. The
    /// client is made here: the CA file or the platform's roots are read
    /// once. Its [`Counters`] are registered in `config.server.metrics`
    /// (once per proxy: make one proxy per registry), and its routes (`/`,
    /// `/{*path}` and the fallback) declared there with the statuses it
    /// answers itself ([`Metrics::declare_route`](server::Metrics::declare_route)):
    /// mounted under a prefix, declare the routes as nested.
    ///
    /// # Errors
    /// [`ProxyError`] for an upstream URL that is not `http(s)://host[:port][/path]`,
    /// a CA file or platform store without usable certificates, or an
    /// upstream timeout not shorter than the server's time for a request.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_server::proxy::{Config, Proxy};
    /// let config = Config::new("http://127.0.0.1:9000/api".parse().unwrap());
    /// let proxy = Proxy::new(&config, Arc::new(defender_errors::Catalog::new()));
    /// assert!(proxy.is_ok());
    /// ```
    pub fn new(config: &Config, catalog: Arc<Catalog>) -> Result<Self, ProxyError> {
        let url = &config.upstream;
        let invalid = |reason| ProxyError::Upstream {
            url: url.to_string(),
            reason,
        };
        let scheme = url
            .scheme()
            .cloned()
            .ok_or(invalid("it needs http:// or https://"))?;
        let https = match scheme.as_str() {
            "https" => true,
            "http" => false,
            _ => return Err(invalid("only http:// and https:// can be forwarded to")),
        };
        let authority = url.authority().cloned().ok_or(invalid("it needs a host"))?;
        if url.query().is_some() {
            return Err(invalid("a query cannot be put before every request's"));
        }
        let host = HeaderValue::from_str(authority.as_str())
            .map_err(|_| invalid("its host is not a valid Host header"))?;
        if config.timeout >= config.server.request_time {
            return Err(ProxyError::Timeouts {
                upstream: config.timeout,
                request: config.server.request_time,
            });
        }
        let counters = Counters::default();
        let state = Arc::new(Forward {
            pool: Arc::new(Pool::new(
                tls::connector(https, config.upstream_ca.as_deref())?,
                Uri::from_parts({
                    let mut parts = http::uri::Parts::default();
                    parts.scheme = Some(scheme);
                    parts.authority = Some(authority.clone());
                    parts.path_and_query = Some(http::uri::PathAndQuery::from_static("/"));
                    parts
                })
                .map_err(|_| invalid("it is not a URL the proxy can connect to"))?,
            )),
            authority,
            base_path: url.path().trim_end_matches('/').to_owned(),
            host,
            timeout: config.timeout,
            counters: counters.clone(),
        });
        // Routes, not a fallback, so that the server's metrics and log line
        // name the route; declared, so that their request counters of the
        // proxy's own statuses start at 0.
        let metrics = &config.server.metrics;
        let mut router = Router::new();
        for path in ROUTES {
            metrics.declare_route(path, forward::STATUSES.iter().copied());
            router = router.route(path, any(forward));
        }
        // What no route takes: a CONNECT's `host:port`, an `OPTIONS *`.
        metrics.declare_fallback(forward::STATUSES.iter().copied());
        let routes = router.fallback(forward).with_state(state);
        counters.register(&config.server.metrics);
        Ok(Self {
            routes,
            catalog,
            counters,
        })
    }

    /// The router, with its own [`LocalizeLayer`] in the proxy's catalog: to
    /// mount on a server of one's own (its requests need
    /// `ConnectInfo<SocketAddr>` for `X-Forwarded-For`, which
    /// [`server::run`] gives them). [`serve`] runs the routes without it:
    /// the server's own layer localizes, in the same catalog.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_server::proxy::{Config, Proxy};
    /// # let proxy = Proxy::new(&Config::new("http://127.0.0.1:9000".parse().unwrap()), Arc::new(defender_errors::Catalog::new())).unwrap();
    /// let app: axum::Router = axum::Router::new().nest_service("/defender", proxy.router());
    /// # let _ = app;
    /// ```
    pub fn router(&self) -> Router {
        self.routes
            .clone()
            .layer(LocalizeLayer::new(self.catalog.clone()))
    }

    /// The counters of upstream failures, shared with the router (and with
    /// `/metrics`).
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_server::proxy::{Config, Proxy};
    /// # let proxy = Proxy::new(&Config::new("http://127.0.0.1:9000".parse().unwrap()), Arc::new(defender_errors::Catalog::new())).unwrap();
    /// let counters = proxy.counters().clone();
    /// assert_eq!(counters.unreachable(), 0);
    /// ```
    pub fn counters(&self) -> &Counters {
        &self.counters
    }
}

/// Serves the proxy of `config` on `listener` until `shutdown` completes,
/// on the hardened [`server`], then drains (see [`server::run`]). `/readyz`
/// names the upstream; the server's own errors are localized in `catalog`.
///
/// # Errors
/// [`ProxyError`] when the proxy cannot be made or the listener's address
/// cannot be read.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::sync::Arc;
/// use defender_errors_server::proxy::{serve, Config};
///
/// let config = Config::new("https://api.security.microsoft.com".parse()?);
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// // Stops at once here; the command passes `defender_errors_server::terminated()`.
/// serve(listener, &config, Arc::new(defender_errors::Catalog::new()), async {}).await?;
/// # Ok(()) }
/// ```
pub async fn serve(
    listener: TcpListener,
    config: &Config,
    catalog: Arc<Catalog>,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), ProxyError> {
    let addr = config.addr;
    let listen = |source| ProxyError::Listen { addr, source };
    let proxy = Proxy::new(config, catalog.clone())?;
    let upstream = config.upstream.to_string();
    tracing::info!(%upstream, "forwarding");
    let mut server = config.server.clone();
    server.readiness = Readiness::new(move || Ok(json!({ "upstream": upstream })));
    // The upstream's envelopes and the server's own errors (408, 413, 431,
    // 503) localized by the server's one layer, in the proxy's catalog
    // (which may hold the locale files given with --locales).
    server.catalog = server::CatalogSource::from(catalog);
    server::run(listener, proxy.routes, &server, shutdown)
        .await
        .map_err(listen)
}
