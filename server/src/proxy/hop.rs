//! The header rules of an intermediary (RFC 9110, sections 7.6): what is
//! removed in both directions, and what a proxy adds.

use std::net::{IpAddr, SocketAddr};

use http::header::{
    HeaderName, CONNECTION, FORWARDED, HOST, PROXY_AUTHENTICATE, PROXY_AUTHORIZATION, TE, TRAILER,
    TRANSFER_ENCODING, UPGRADE, VIA,
};
use http::{HeaderMap, HeaderValue, Version};

/// The hop-by-hop headers every proxy removes, besides those `Connection`
/// names (RFC 9110 section 7.6.1; `Keep-Alive` and `Proxy-Connection` are
/// the old forms of `Connection`'s options).
const HOP_BY_HOP: [HeaderName; 9] = [
    CONNECTION,
    HeaderName::from_static("keep-alive"),
    HeaderName::from_static("proxy-connection"),
    PROXY_AUTHENTICATE,
    PROXY_AUTHORIZATION,
    TE,
    TRAILER,
    TRANSFER_ENCODING,
    UPGRADE,
];

const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");
const X_FORWARDED_HOST: HeaderName = HeaderName::from_static("x-forwarded-host");
const X_FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");

/// Removes the hop-by-hop headers: those `Connection` names first, then the
/// fixed ones.
pub(super) fn remove_hop_by_hop(headers: &mut HeaderMap) {
    // Most messages have none: one look at each name, no lookup by name.
    if !headers.keys().any(|name| HOP_BY_HOP.contains(name)) {
        return;
    }
    let named: Vec<HeaderName> = headers
        .get_all(CONNECTION)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|name| HeaderName::from_bytes(name.trim().as_bytes()).ok())
        .collect();
    for name in named.iter().chain(&HOP_BY_HOP) {
        headers.remove(name);
    }
}

/// Appends this proxy to `Via`, with the protocol version it received.
pub(super) fn add_via(headers: &mut HeaderMap, version: Version) {
    let value = match version {
        Version::HTTP_09 => "0.9 defender-errors",
        Version::HTTP_10 => "1.0 defender-errors",
        Version::HTTP_2 => "2 defender-errors",
        Version::HTTP_3 => "3 defender-errors",
        _ => "1.1 defender-errors",
    };
    headers.append(VIA, HeaderValue::from_static(value));
}

/// Says who asked, as proxies do: the client's address appended to
/// `X-Forwarded-For` and to `Forwarded` (RFC 7239, with the `host` and
/// `proto` it asked for), and `X-Forwarded-Host` and `X-Forwarded-Proto`
/// unless a proxy before this one set them. Then `Host` becomes the
/// upstream's.
pub(super) fn add_forwarded(
    headers: &mut HeaderMap,
    client: Option<SocketAddr>,
    upstream_host: &HeaderValue,
) {
    let host = headers.get(HOST).cloned();
    // The address written once, for both headers.
    let ip = client.map(|client| client.ip());
    let ip_text = ip.map(|ip| ip.to_string());
    if let Some(ip_text) = &ip_text {
        let mut chain = String::new();
        for earlier in headers.get_all(&X_FORWARDED_FOR) {
            if let Ok(earlier) = earlier.to_str() {
                chain.push_str(earlier);
                chain.push_str(", ");
            }
        }
        chain.push_str(ip_text);
        if let Ok(chain) = HeaderValue::try_from(chain) {
            headers.insert(X_FORWARDED_FOR, chain);
        }
    }
    let mut forwarded = String::with_capacity(64);
    match (ip, &ip_text) {
        (Some(IpAddr::V4(_)), Some(text)) => {
            forwarded.push_str("for=");
            forwarded.push_str(text);
        }
        (Some(IpAddr::V6(_)), Some(text)) => {
            forwarded.push_str("for=\"[");
            forwarded.push_str(text);
            forwarded.push_str("]\"");
        }
        _ => forwarded.push_str("for=unknown"),
    }
    // A Host that a quoted string cannot hold as it is is left out.
    if let Some(host) = host.as_ref().and_then(|h| h.to_str().ok()) {
        if !host.contains(['"', '\\']) {
            forwarded.push_str(";host=\"");
            forwarded.push_str(host);
            forwarded.push('"');
        }
    }
    forwarded.push_str(";proto=http");
    if let Ok(value) = HeaderValue::try_from(forwarded) {
        headers.append(FORWARDED, value);
    }
    if let Some(host) = host {
        headers.entry(X_FORWARDED_HOST).or_insert(host);
    }
    headers
        .entry(X_FORWARDED_PROTO)
        .or_insert(HeaderValue::from_static("http"));
    headers.insert(HOST, upstream_host.clone());
}
