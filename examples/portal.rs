//! A small portal: it proxies a stand-in Defender API through
//! [`LocalizeLayer`], so the API's error bodies reach the browser with their
//! localized message, and answers one endpoint of its own with a typed
//! `DefenderError` through [`LocalizedError`].
//!
//! ```sh
//! cargo run --example portal            # listens on 127.0.0.1:3000
//! cargo run --example portal -- 4000    # another port
//! ```
//!
//! It prints the curl lines to try, and stops on Ctrl-C.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use defender_errors::portal::{Locale, LocalizeLayer, LocalizedError};
use defender_errors::{Catalog, DefenderError};
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

/// What the proxy needs: where the API is, and a client to reach it.
#[derive(Clone)]
struct Upstream {
    addr: SocketAddr,
    client: Client<HttpConnector, Body>,
}

/// Forwards the request to the API as it is, and its answer back.
async fn forward(State(upstream): State<Upstream>, mut request: Request) -> Response {
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let Ok(uri) = format!("http://{}{path}", upstream.addr).parse::<Uri>() else {
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
pub fn portal(catalog: Arc<Catalog>, api: SocketAddr, localize: bool) -> Router {
    let upstream = Upstream {
        addr: api,
        client: Client::builder(TokioExecutor::new()).build_http(),
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

#[allow(dead_code)] // The tests include this file for its routers.
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(3000);
    let api = TcpListener::bind("127.0.0.1:0").await?;
    let api_addr = api.local_addr()?;
    tokio::spawn(async move { axum::serve(api, upstream()).await });
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    let catalog = Arc::new(Catalog::new());
    println!("portal on http://{addr} (stand-in Defender API on {api_addr}); try:");
    println!("  curl -i -H 'Accept-Language: de' http://{addr}/api/machines/123123123");
    println!("  curl -i -X POST -H 'Accept-Language: fr' http://{addr}/api/indicators");
    println!("  curl -i -H 'Accept-Language: zh-CN' http://{addr}/portal/files/xyz");
    println!("  curl -i http://{addr}/api/machines");
    println!("Ctrl-C stops it.");
    axum::serve(listener, portal(catalog, api_addr, true))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
