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
//! `{"error":{"code","message"}}`, logged (`tracing`) and counted
//! ([`Counters`]).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use defender_errors::proxy::{Config, Proxy};
//! use defender_errors::Catalog;
//!
//! let config = Config::new("https://api.security.microsoft.com".parse()?);
//! let proxy = Proxy::new(&config, Arc::new(Catalog::new()))?;
//! let app: axum::Router = proxy.router(); // mount it on any server
//! assert_eq!(proxy.counters().unreachable(), 0);
//! # let _ = app;
//! # Ok(()) }
//! ```

mod counters;
mod forward;
mod hop;
mod tls;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use http::{HeaderValue, Uri};
use tokio::net::TcpListener;

pub use counters::Counters;

use crate::portal::LocalizeLayer;
use crate::Catalog;
use forward::{forward, Forward};

/// Where the proxy listens, where it forwards to, and how long it waits.
///
/// ```
/// let config = defender_errors::proxy::Config::new("http://127.0.0.1:9000".parse().unwrap());
/// assert_eq!(config.addr.to_string(), "127.0.0.1:8081");
/// assert_eq!(config.timeout.as_secs(), 30);
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
}

impl Config {
    /// The defaults, forwarding to `upstream`.
    ///
    /// ```
    /// let config = defender_errors::proxy::Config::new("https://api.security.microsoft.com".parse().unwrap());
    /// assert!(config.upstream_ca.is_none());
    /// ```
    pub fn new(upstream: Uri) -> Self {
        Self {
            upstream,
            addr: SocketAddr::from(([127, 0, 0, 1], 8081)),
            timeout: Duration::from_secs(30),
            upstream_ca: None,
        }
    }
}

/// Why the proxy cannot start.
///
/// ```
/// use std::sync::Arc;
/// use defender_errors::proxy::{Config, Proxy, ProxyError};
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
    /// rustls refused the TLS configuration.
    #[error("TLS: {0}")]
    Tls(#[source] rustls::Error),
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
/// use defender_errors::proxy::{Config, Proxy};
///
/// let config = Config::new("http://127.0.0.1:9000".parse().unwrap());
/// let proxy = Proxy::new(&config, Arc::new(defender_errors::Catalog::new())).unwrap();
/// assert_eq!(proxy.counters().timeouts(), 0);
/// ```
#[derive(Debug, Clone)]
pub struct Proxy {
    router: Router,
    counters: Arc<Counters>,
}

impl Proxy {
    /// A proxy to `config.upstream` that localizes with `catalog`. The
    /// client is made here: the CA file or the platform's roots are read
    /// once.
    ///
    /// # Errors
    /// [`ProxyError`] for an upstream URL that is not `http(s)://host[:port][/path]`,
    /// or a CA file or platform store without usable certificates.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors::proxy::{Config, Proxy};
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
        let counters = Arc::new(Counters::default());
        let state = Arc::new(Forward {
            client: tls::client(https, config.upstream_ca.as_deref())?,
            scheme,
            authority,
            base_path: url.path().trim_end_matches('/').to_owned(),
            host,
            timeout: config.timeout,
            counters: counters.clone(),
        });
        let router = Router::new()
            .fallback(forward)
            .with_state(state)
            .layer(LocalizeLayer::new(catalog));
        Ok(Self { router, counters })
    }

    /// The router, to serve or to mount on a server of one's own (its
    /// requests need `ConnectInfo<SocketAddr>` for `X-Forwarded-For`).
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors::proxy::{Config, Proxy};
    /// # let proxy = Proxy::new(&Config::new("http://127.0.0.1:9000".parse().unwrap()), Arc::new(defender_errors::Catalog::new())).unwrap();
    /// let app: axum::Router = axum::Router::new().nest_service("/defender", proxy.router());
    /// # let _ = app;
    /// ```
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// The counters of upstream failures, shared with the router.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors::proxy::{Config, Proxy};
    /// # let proxy = Proxy::new(&Config::new("http://127.0.0.1:9000".parse().unwrap()), Arc::new(defender_errors::Catalog::new())).unwrap();
    /// let counters = proxy.counters().clone();
    /// assert_eq!(counters.unreachable(), 0);
    /// ```
    pub fn counters(&self) -> &Arc<Counters> {
        &self.counters
    }
}

/// Serves `router` on `listener`, with each connection's address for
/// `X-Forwarded-For`, until `shutdown` completes; then finishes the requests
/// under way.
///
/// # Errors
/// When the listener fails.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::sync::Arc;
/// use defender_errors::proxy::{serve, Config, Proxy};
///
/// let proxy = Proxy::new(&Config::new("http://127.0.0.1:9".parse()?), Arc::new(defender_errors::Catalog::new()))?;
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// serve(listener, proxy.router(), async {}).await?;
/// # Ok(()) }
/// ```
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let app = router.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Runs the proxy of `config` on `config.addr` until SIGTERM or Ctrl-C, on
/// a runtime of its own.
///
/// # Errors
/// [`ProxyError`] when the proxy cannot be made or the address bound.
///
/// ```no_run
/// use std::sync::Arc;
/// use defender_errors::proxy::{run, Config};
///
/// let config = Config::new("https://api.security.microsoft.com".parse()?);
/// run(&config, Arc::new(defender_errors::Catalog::new()))?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run(config: &Config, catalog: Arc<Catalog>) -> Result<(), ProxyError> {
    let addr = config.addr;
    let listen = |source| ProxyError::Listen { addr, source };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(listen)?;
    runtime.block_on(async {
        let proxy = Proxy::new(config, catalog)?;
        let listener = TcpListener::bind(addr).await.map_err(listen)?;
        let addr = listener.local_addr().map_err(listen)?;
        eprintln!(
            "listening on http://{addr}, forwarding to {}",
            config.upstream
        );
        serve(listener, proxy.router(), stop_signal())
            .await
            .map_err(listen)
    })
}

/// Completes on SIGTERM or Ctrl-C.
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
