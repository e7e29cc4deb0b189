//! A small portal: it proxies a stand-in Defender API through
//! [`LocalizeLayer`], so the API's error bodies reach the browser with their
//! localized message, and answers one endpoint of its own with a typed
//! `DefenderError` through [`LocalizedError`].
//!
//! ```sh
//! cargo run --example portal                        # 127.0.0.1:3000, the stand-in API
//! cargo run --example portal -- --port 4000         # another port
//! cargo run --example portal -- --upstream http://127.0.0.1:8000   # an API of your own
//! ```
//!
//! It prints the curl lines to try, and stops on Ctrl-C. (The example's
//! client speaks plain `http://`; for an `https://` API, such as the real
//! Defender API, run `defender-errors proxy --upstream URL`.)

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use defender_errors::{Catalog, DefenderError};
use defender_errors_tower::{Locale, LocalizeLayer, LocalizedError};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::json;
use tokio::net::TcpListener;

/// The article's two example error bodies, and a success, as the Defender
/// API sends them.
pub fn upstream() -> Router {
    fn error(status: StatusCode, body: serde_json::Value) -> Response {
        (status, Json(body)).into_response()
    }
    Router::new()
        .route(
            "/api/machines",
            get(|| async {
                Json(json!({ "value": [{ "id": "1e5bc9d7e413ddd7902c2932e418702b84d0cc07" }] }))
            }),
        )
        .route(
            "/api/machines/{id}",
            get(|| async {
                error(
                    StatusCode::NOT_FOUND,
                    json!({ "error": {
                        "code": "ResourceNotFound",
                        "message": "Machine 123123123 was not found",
                        "target": "43f4cb08-8fac-4b65-9db1-745c2ae65f3a"
                    } }),
                )
            }),
        )
        .route(
            "/api/indicators",
            post(|| async {
                error(
                    StatusCode::BAD_REQUEST,
                    json!({ "error": {
                        "code": "InvalidRequestBody",
                        "message": "Request body is incorrect",
                        "target": "1fa66c0f-18bd-4133-b378-36d76f3a2ba0"
                    } }),
                )
            }),
        )
}

/// Where the API is: `http://host:port`, from an address or a URL.
#[derive(Clone)]
pub struct Api(String);

impl From<SocketAddr> for Api {
    fn from(addr: SocketAddr) -> Self {
        Self(format!("http://{addr}"))
    }
}

impl TryFrom<&str> for Api {
    type Error = String;

    fn try_from(url: &str) -> Result<Self, String> {
        let uri: Uri = url
            .parse()
            .map_err(|e| format!("--upstream {url}: not a URL ({e})"))?;
        match (uri.scheme_str(), uri.authority()) {
            (Some("http"), Some(authority)) => Ok(Self(format!("http://{authority}"))),
            (Some("https"), _) => Err(format!(
                "--upstream {url}: the example speaks plain http://; for https run `defender-errors proxy --upstream {url}`"
            )),
            _ => Err(format!("--upstream {url}: give http://host:port")),
        }
    }
}

/// What the proxy needs: where the API is, and a client to reach it.
#[derive(Clone)]
struct Upstream {
    api: Api,
    client: Client<HttpConnector, Body>,
}

/// Forwards the request to the API as it is, and its answer back.
async fn forward(State(upstream): State<Upstream>, mut request: Request) -> Response {
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let Ok(uri) = format!("{}{path}", upstream.api.0).parse::<Uri>() else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    *request.uri_mut() = uri;
    request.headers_mut().remove(header::HOST);
    match upstream.client.request(request).await {
        Ok(response) => response.map(Body::new),
        Err(_) => StatusCode::BAD_GATEWAY.into_response(),
    }
}

/// The portal: `/api/*` proxied to the API at `api` (through the layer when
/// `localize` is set), and `/portal/files/{hash}` of its own.
pub fn portal(catalog: Arc<Catalog>, api: impl Into<Api>, localize: bool) -> Router {
    let mut connector = HttpConnector::new();
    // Small requests and answers on a kept-alive connection: no Nagle delay.
    connector.set_nodelay(true);
    let upstream = Upstream {
        api: api.into(),
        client: Client::builder(TokioExecutor::new()).build(connector),
    };
    let proxy = Router::new()
        .route("/api/{*rest}", any(forward))
        .with_state(upstream);
    let proxy = if localize {
        proxy.layer(LocalizeLayer::new(catalog.clone()))
    } else {
        proxy
    };
    Router::new()
        .route("/portal/files/{hash}", get(file))
        .with_state(catalog)
        .merge(proxy)
}

/// A file by its SHA-1: a typed error for anything that is not 40 hex digits.
async fn file(locale: Locale, Path(hash): Path<String>) -> Result<String, LocalizedError> {
    let valid = hash.len() == 40 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    if !valid {
        return Err(locale
            .error(DefenderError::InvalidHashValue { hash: hash.into() })
            .target("5f1c0b7e-portal"));
    }
    Err(locale.error(DefenderError::ResourceNotFound {
        resource: format!("File {hash}").into(),
    }))
}

/// The command line: `--upstream URL` and `--port N`.
pub struct Options {
    pub upstream: Option<Api>,
    pub port: u16,
}

pub fn options(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        upstream: None,
        port: 3000,
    };
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--upstream" => options.upstream = Some(Api::try_from(value()?.as_str())?),
            "--port" => {
                let port = value()?;
                options.port = port
                    .parse()
                    .map_err(|_| format!("--port {port}: give a port number, 0 to 65535"))?;
            }
            other => {
                return Err(format!(
                    "unknown argument {other}; use --upstream URL and --port N"
                ))
            }
        }
    }
    Ok(options)
}

/// Listens on 127.0.0.1:`port`; a port that is taken is an error that says
/// which, and which flag chooses another.
pub async fn listen(port: u16) -> Result<TcpListener, String> {
    TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!("port {port} is taken on 127.0.0.1; choose another with --port N")
        } else {
            format!("cannot listen on 127.0.0.1:{port} (--port): {e}")
        }
    })
}

#[allow(dead_code)] // The tests include this file for its routers.
#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::from(2)
        }
    }
}

async fn run() -> Result<(), String> {
    let options = options(std::env::args().skip(1))?;
    let (api, stand_in) = match options.upstream {
        Some(api) => (api, None),
        None => {
            let listener = TcpListener::bind("127.0.0.1:0")
                .await
                .map_err(|e| format!("cannot start the stand-in API: {e}"))?;
            let addr = listener.local_addr().map_err(|e| e.to_string())?;
            tokio::spawn(async move { axum::serve(listener, upstream()).await });
            (Api::from(addr), Some(addr))
        }
    };
    let listener = listen(options.port).await?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let catalog = Arc::new(Catalog::new());
    match stand_in {
        Some(stand_in) => {
            println!("portal on http://{addr} (stand-in Defender API on {stand_in}); try:")
        }
        None => println!("portal on http://{addr} (the API at {}); try:", api.0),
    }
    println!("  curl -i -H 'Accept-Language: de' http://{addr}/api/machines/123123123");
    println!("  curl -i -X POST -H 'Accept-Language: fr' http://{addr}/api/indicators");
    println!("  curl -i -H 'Accept-Language: zh-CN' http://{addr}/portal/files/xyz");
    println!("  curl -i http://{addr}/api/machines");
    println!("Ctrl-C stops it.");
    axum::serve(listener, portal(catalog, api, true))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}
