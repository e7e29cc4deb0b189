//! The one handler of the proxy: every request goes to the upstream, and
//! its answer comes back, both bodies streamed.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::response::Response;
use http::uri::{Authority, PathAndQuery, Scheme};
use http::{HeaderValue, StatusCode, Uri, Version};

use super::hop::{add_forwarded, add_via, remove_hop_by_hop};
use super::tls::Upstream;
use super::Counters;
use crate::error;

/// What every request needs: where to send it, and with what.
pub(super) struct Forward {
    pub(super) client: Upstream,
    pub(super) scheme: Scheme,
    pub(super) authority: Authority,
    /// The upstream URL's path without its last `/`: a request's path is
    /// appended to it.
    pub(super) base_path: String,
    pub(super) host: HeaderValue,
    pub(super) timeout: Duration,
    pub(super) counters: Counters,
}

impl Forward {
    /// The upstream's URI for a request's path and query.
    fn uri(&self, request: &Uri) -> Result<Uri, http::Error> {
        let path = request.path_and_query().map_or("/", PathAndQuery::as_str);
        let path = if self.base_path.is_empty() {
            PathAndQuery::try_from(path)?
        } else {
            PathAndQuery::try_from(format!("{}{path}", self.base_path))?
        };
        Uri::builder()
            .scheme(self.scheme.clone())
            .authority(self.authority.clone())
            .path_and_query(path)
            .build()
    }
}

/// Forwards `request` and returns the upstream's answer; 502 when the
/// upstream cannot be reached, 504 when it does not answer in time (both
/// made by [`error`], as every error a server makes).
pub(super) async fn forward(State(forward): State<Arc<Forward>>, mut request: Request) -> Response {
    let Ok(uri) = forward.uri(request.uri()) else {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            "The request's path is not valid.",
        );
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
    let answer = tokio::time::timeout(forward.timeout, forward.client.request(request)).await;
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
            tracing::warn!(upstream = %forward.authority, error = %Chain(&failure), "upstream unreachable");
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
