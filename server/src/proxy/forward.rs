//! The one handler of the proxy: every request goes to the upstream, and
//! its answer comes back, both bodies streamed.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::response::Response;
use http::header::ALLOW;
use http::uri::{Authority, PathAndQuery};
use http::{HeaderValue, Method, StatusCode, Uri, Version};

use super::hop::{add_forwarded, add_via, remove_hop_by_hop};
use super::path::{join, Refused};
use super::pool::Pool;
use super::Counters;
use crate::error;

/// What every request needs: where to send it, and with what.
pub(super) struct Forward {
    pub(super) pool: Arc<Pool>,
    pub(super) authority: Authority,
    /// The upstream URL's path without its last `/`: a request's path is
    /// appended to it.
    pub(super) base_path: String,
    pub(super) host: HeaderValue,
    pub(super) timeout: Duration,
    pub(super) counters: Counters,
}

impl Forward {
    /// The upstream's URI for a request's path and query, in origin form
    /// (the connection is the upstream's): its dot segments removed, then
    /// put after the base path (see [`join`]).
    fn uri(&self, request: &Uri) -> Result<Uri, Refused> {
        let target = request.path_and_query().map_or("/", PathAndQuery::as_str);
        Ok(Uri::from(join(&self.base_path, target)?))
    }
}

/// What [`forward`] answers with itself, beside the upstream's answers
/// (which may be any status): 400 for a path it does not forward, 405 for a
/// `CONNECT`, 502 and 504.
pub(super) const STATUSES: &[StatusCode] = &[
    StatusCode::BAD_REQUEST,
    StatusCode::METHOD_NOT_ALLOWED,
    StatusCode::BAD_GATEWAY,
    StatusCode::GATEWAY_TIMEOUT,
];

/// Forwards `request` and returns the upstream's answer; 502 when the
/// upstream cannot be reached, 504 when it does not answer in time (both
/// made by [`error`], as every error a server makes).
pub(super) async fn forward(State(forward): State<Arc<Forward>>, mut request: Request) -> Response {
    if request.method() == Method::CONNECT {
        // A tunnel is not forwarded: 405, with the methods that are.
        let mut response = error(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            "The proxy forwards requests to the API; it does not open tunnels (CONNECT).",
        );
        response.headers_mut().insert(
            ALLOW,
            HeaderValue::from_static("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"),
        );
        return response;
    }
    let uri = match forward.uri(request.uri()) {
        Ok(uri) => uri,
        Err(refused) => {
            let message = match refused {
                Refused::Climbs => "The request's path climbs above the API's root.",
                Refused::Invalid => "The request's path is not valid.",
            };
            return error(StatusCode::BAD_REQUEST, "BadRequest", message);
        }
    };
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| *addr);
    let version = request.version();
    let headers = request.headers_mut();
    remove_hop_by_hop(headers);
    add_via(headers, version);
    add_forwarded(headers, client, &forward.host);
    *request.uri_mut() = uri;
    *request.version_mut() = Version::HTTP_11;
    let answer = tokio::time::timeout(forward.timeout, forward.pool.send(request)).await;
    match answer {
        Ok(Ok(response)) => {
            let (mut parts, body) = response.into_parts();
            let version = parts.version;
            remove_hop_by_hop(&mut parts.headers);
            add_via(&mut parts.headers, version);
            Response::from_parts(parts, Body::new(body))
        }
        Ok(Err(failure)) => {
            forward.counters.count_unreachable();
            tracing::warn!(upstream = %forward.authority, error = %Chain(&*failure), "upstream unreachable");
            error(
                StatusCode::BAD_GATEWAY,
                "BadGateway",
                "The upstream API could not be reached.",
            )
        }
        Err(_elapsed) => {
            forward.counters.count_timeout();
            tracing::warn!(upstream = %forward.authority, timeout_s = forward.timeout.as_secs_f64(), "upstream timed out");
            error(
                StatusCode::GATEWAY_TIMEOUT,
                "GatewayTimeout",
                "The upstream API did not answer in time.",
            )
        }
    }
}

/// An error with its sources, as one line: hyper's own says only "client
/// error (Connect)".
struct Chain<'e>(&'e (dyn std::error::Error + 'static));

impl std::fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}
