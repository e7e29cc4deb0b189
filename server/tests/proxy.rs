//! `defender_errors_server::proxy` over real loopback sockets, through hyper's
//! client: upstreams that send a length, chunks, a close-delimited body or
//! gzip; success bodies byte for byte; the intermediary's header rules; a
//! TLS upstream with a CA made here; 502 and 504; a tenant's catalog and a
//! locale chosen by middleware.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Router};
use bytes::Bytes;
use defender_errors::{Catalog, CatalogBuilder};
use defender_errors_server as server;
use defender_errors_server::proxy::{Config, Proxy};
use defender_errors_tower::Locale;
use http::Request;
use http_body_util::Full;

use crate::openmetrics::{label_sets, Samples};
use crate::servers::{Reply, Server};
use crate::upstreams::{
    answer, assert_framed_anew, fetch, get_request, raw_upstream, unreachable_upstream,
    CHUNKED_404, CLOSE_DELIMITED_404, LENGTH_404,
};

/// A proxy to `upstream` with `timeout`, serving `wrap` of its router.
fn start_proxy(
    upstream: &str,
    configure: impl FnOnce(&mut Config),
    wrap: impl FnOnce(Router) -> Router,
) -> (Server, Proxy) {
    let mut config = Config::new(upstream.parse().unwrap());
    configure(&mut config);
    let proxy = Proxy::new(&config, Arc::new(Catalog::new())).unwrap();
    let router = wrap(proxy.router());
    let settings = config.server;
    let server = Server::start_with(move |listener, stopped| async move {
        server::run(listener, router, &settings, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
    });
    (server, proxy)
}

fn proxy_to(upstream: &Server) -> (Server, Proxy) {
    start_proxy(&upstream.url(""), |_| {}, |router| router)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_come_back_localized_whatever_the_upstreams_framing() {
    for (name, response, via) in [
        ("length", LENGTH_404, "1.1 defender-errors"),
        ("chunked", CHUNKED_404, "1.1 defender-errors"),
        // Via names the protocol the proxy received the answer in.
        (
            "close-delimited",
            CLOSE_DELIMITED_404,
            "1.0 defender-errors",
        ),
    ] {
        let (api, _) = raw_upstream(response);
        let (proxy, _) = proxy_to(&api);
        let out = fetch(get_request(
            &proxy.url("/api/machines/123123123"),
            "fr-FR,fr;q=0.9",
        ))
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(out.status, 404, "{name}");
        let error = &out.json()["error"];
        assert_eq!(
            error["target"], "43f4cb08-8fac-4b65-9db1-745c2ae65f3a",
            "{name}"
        );
        assert_eq!(error["localizedMessage"]["locale"], "fr", "{name}");
        assert_eq!(out.header("content-language"), Some("fr"), "{name}");
        assert_framed_anew(&out, name);
        assert_eq!(out.header("via"), Some(via), "{name}");
        // The server logs and counts the answer by its locale.
        let metrics = metrics_of(&proxy).await;
        assert!(
            metrics.contains(
                r#"defender_errors_localized_responses_total{locale="fr",fallback="false"} 1"#
            ),
            "{name}: {metrics}"
        );
    }
}

/// An upstream's 401 with no body and no content type, as the API answers a
/// missing token.
const EMPTY_401: &[u8] = b"HTTP/1.1 401 Unauthorized\r\n\
WWW-Authenticate: Bearer realm=\"api\"\r\n\
Content-Length: 0\r\n\
\r\n";

/// An upstream's 405 with no body, naming the methods it takes.
const EMPTY_405: &[u8] = b"HTTP/1.1 405 Method Not Allowed\r\n\
Allow: GET, HEAD\r\n\
Content-Length: 0\r\n\
\r\n";

/// An empty error is the upstream's answer, not one for the server to give
/// its JSON shape: it passes as it came, with the headers that say why
/// (`WWW-Authenticate`, `Allow`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_upstream_error_passes_as_it_came() {
    for (upstream, status, name, value) in [
        (EMPTY_401, 401, "www-authenticate", "Bearer realm=\"api\""),
        (EMPTY_405, 405, "allow", "GET, HEAD"),
    ] {
        let (api, _) = raw_upstream(upstream);
        let (proxy, _) = proxy_to(&api);
        let out = fetch(get_request(&proxy.url("/api/machines"), "de"))
            .await
            .unwrap();
        assert_eq!(out.status, status);
        assert!(
            out.body.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.body)
        );
        assert_eq!(out.header(name), Some(value));
        assert_eq!(out.header("content-length"), Some("0"));
        assert_eq!(out.header("content-type"), None);
    }
}

/// The envelope of `NotFound`, gzipped (by Python's gzip, mtime 0).
const GZIP_ENVELOPE: &[u8] = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xab\x56\x4a\x2d\x2a\xca\x2f\x52\xb2\xaa\x56\x4a\xce\x4f\x49\x55\xb2\x52\xf2\xcb\x2f\x71\xcb\x2f\xcd\x4b\x51\xd2\x51\xca\x4d\x2d\x2e\x4e\x4c\x07\x09\x86\x64\xa4\x2a\x14\xa5\x16\x96\xa6\x16\x97\xa4\xa6\x28\x64\x96\xa4\xe6\x2a\x94\x27\x16\x2b\xe4\xe5\x97\x28\xa4\x81\x14\xeb\x29\xd5\xd6\x02\x00\x85\x66\xca\x57\x4b\x00\x00\x00";

/// What the proxy must not touch: successes of any size and kind, and a
/// compressed error body, each compared with the upstream's own answer.
fn untouched_upstream() -> Router {
    Router::new()
        .route(
            "/api/machines",
            get(|| async {
                // 300 KiB of JSON, over the layer's limit and many chunks long.
                let items: Vec<String> = (0..6000)
                    .map(|i| format!(r#"{{"id":"machine-{i:08}","risk":"low"}}"#))
                    .collect();
                answer(
                    StatusCode::OK,
                    &[("content-type", "application/json"), ("etag", "\"v1\"")],
                    Body::from(format!(r#"{{"value":[{}]}}"#, items.join(","))),
                )
            }),
        )
        .route(
            "/api/files/binary",
            get(|| async {
                let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
                answer(
                    StatusCode::OK,
                    &[("content-type", "application/octet-stream")],
                    Body::from(bytes),
                )
            }),
        )
        .route(
            "/api/gzip-error",
            get(|| async {
                answer(
                    StatusCode::NOT_FOUND,
                    &[
                        ("content-type", "application/json"),
                        ("content-encoding", "gzip"),
                    ],
                    Body::from(GZIP_ENVELOPE),
                )
            }),
        )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn successes_and_compressed_bodies_pass_byte_for_byte() {
    let api = Server::start(untouched_upstream());
    let (proxy, _) = proxy_to(&api);
    for path in ["/api/machines", "/api/files/binary", "/api/gzip-error"] {
        let mut request = get_request(&proxy.url(path), "de");
        request
            .headers_mut()
            .insert("accept-encoding", HeaderValue::from_static("gzip"));
        let through = fetch(request).await.unwrap();
        let direct = fetch(get_request(&api.url(path), "de")).await.unwrap();
        assert_eq!(through.status, direct.status, "{path}");
        assert_eq!(through.body, direct.body, "{path}: byte for byte");
        for name in ["content-type", "content-encoding", "etag"] {
            assert_eq!(through.header(name), direct.header(name), "{path}: {name}");
        }
        assert_eq!(through.header("content-language"), None, "{path}");
    }
    let gzip = fetch(get_request(&proxy.url("/api/gzip-error"), "de"))
        .await
        .unwrap();
    assert_eq!(gzip.body, GZIP_ENVELOPE);
}

/// An upstream answer with every hop-by-hop header, and one that its
/// `Connection` names.
const HOP_BY_HOP_404: &[u8] = b"HTTP/1.1 404 Not Found\r\n\
Content-Type: application/json\r\n\
Content-Length: 42\r\n\
Connection: close, X-Upstream-Hop\r\n\
X-Upstream-Hop: secret\r\n\
Keep-Alive: timeout=5\r\n\
Proxy-Authenticate: Basic realm=\"upstream\"\r\n\
Trailer: X-Checksum\r\n\
Upgrade: h2c\r\n\
X-End-To-End: kept\r\n\
\r\n\
{\"error\":{\"code\":\"NotFound\",\"message\":\"\"}}";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_intermediarys_header_rules_hold_both_ways() {
    let (api, seen) = raw_upstream(HOP_BY_HOP_404);
    let (proxy, _) = proxy_to(&api);
    let request = Request::post(proxy.url("/api/indicators?$top=10&$skip=20"))
        .header(
            "authorization",
            "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln",
        )
        .header("accept-language", "nl")
        .header("content-type", "application/json")
        .header("connection", "X-Client-Hop")
        .header("x-client-hop", "secret")
        .header("keep-alive", "timeout=5")
        .header("te", "trailers")
        .header("proxy-authorization", "Basic cHJveHk6c2VjcmV0")
        .header("x-forwarded-for", "203.0.113.7")
        .header("x-request-context", "kept")
        .body(Full::new(Bytes::from_static(
            br#"{"indicatorValue":"abc"}"#,
        )))
        .unwrap();
    let out = fetch(request).await.unwrap();

    // The way there.
    let head = seen
        .lock()
        .unwrap()
        .first()
        .cloned()
        .expect("the upstream got the request");
    let lines: Vec<String> = head.lines().map(str::to_ascii_lowercase).collect();
    let has = |line: &str| lines.iter().any(|l| l == line);
    let named = |name: &str| lines.iter().any(|l| l.starts_with(&format!("{name}:")));
    assert_eq!(
        lines[0], "post /api/indicators?$top=10&$skip=20 http/1.1",
        "{head}"
    );
    assert!(
        has("authorization: bearer eyj0exaioijkv1qilcjhbgcioijsuzi1nij9.e30.c2ln"),
        "{head}"
    );
    assert!(has(&format!("host: {}", api.addr)), "{head}");
    assert!(has("via: 1.1 defender-errors"), "{head}");
    assert!(has("x-forwarded-for: 203.0.113.7, 127.0.0.1"), "{head}");
    assert!(has("x-forwarded-proto: http"), "{head}");
    assert!(has(&format!("x-forwarded-host: {}", proxy.addr)), "{head}");
    assert!(
        has(&format!(
            "forwarded: for=127.0.0.1;host=\"{}\";proto=http",
            proxy.addr
        )),
        "{head}"
    );
    assert!(has("x-request-context: kept"), "{head}");
    assert!(has("content-length: 24"), "{head}");
    for gone in [
        "x-client-hop",
        "keep-alive",
        "te",
        "proxy-authorization",
        "upgrade",
        "trailer",
    ] {
        assert!(!named(gone), "{gone} reached the upstream: {head}");
    }
    assert!(
        lines
            .iter()
            .filter(|l| l.starts_with("connection:"))
            .all(|l| !l.contains("x-client-hop")),
        "{head}"
    );

    // The way back.
    assert_eq!(out.status, 404);
    assert_eq!(out.header("x-end-to-end"), Some("kept"));
    assert_eq!(out.header("via"), Some("1.1 defender-errors"));
    for gone in [
        "x-upstream-hop",
        "keep-alive",
        "proxy-authenticate",
        "trailer",
        "upgrade",
    ] {
        assert_eq!(out.header(gone), None, "{gone} reached the client");
    }
    assert_eq!(out.json()["error"]["localizedMessage"]["locale"], "nl");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_upstream_is_502_and_a_silent_one_504() {
    let closed = unreachable_upstream();
    let (proxy, counters) = start_proxy(&format!("http://{closed}"), |_| {}, |router| router);
    let out = fetch(get_request(&proxy.url("/api/machines"), "de"))
        .await
        .unwrap();
    assert_eq!(out.status, 502);
    assert_eq!(out.json()["error"]["code"], "BadGateway");
    assert!(out.json()["error"]["message"].is_string());
    assert_eq!(out.header("content-type"), Some("application/json"));
    assert_eq!(
        (
            counters.counters().unreachable(),
            counters.counters().timeouts()
        ),
        (1, 0)
    );
    // Counted in the server's registry too, beside its own metrics.
    let metrics = metrics_of(&proxy).await;
    assert!(
        metrics.contains("defender_errors_proxy_upstream_unreachable_total 1\n"),
        "{metrics}"
    );
    assert!(
        metrics.contains("defender_errors_proxy_upstream_timeouts_total 0\n"),
        "{metrics}"
    );
    assert!(
        metrics.contains(r#"defender_errors_http_requests_total{route="/{*path}",status="502"} 1"#),
        "{metrics}"
    );

    // An upstream that takes the connection and never answers.
    let silent = Server::start_with(|listener, stopped| async move {
        let mut held = Vec::new();
        let mut stopped = stopped;
        loop {
            tokio::select! {
                Ok((socket, _)) = listener.accept() => held.push(socket),
                _ = &mut stopped => return,
            }
        }
    });
    let (proxy, counters) = start_proxy(
        &silent.url(""),
        |config| config.timeout = Duration::from_millis(300),
        |router| router,
    );
    let started = std::time::Instant::now();
    let out = fetch(get_request(&proxy.url("/api/machines"), "de"))
        .await
        .unwrap();
    assert_eq!(out.status, 504);
    assert_eq!(out.json()["error"]["code"], "GatewayTimeout");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(
        (
            counters.counters().unreachable(),
            counters.counters().timeouts()
        ),
        (0, 1)
    );
    let metrics = metrics_of(&proxy).await;
    assert!(
        metrics.contains("defender_errors_proxy_upstream_timeouts_total 1\n"),
        "{metrics}"
    );
    assert!(
        metrics.contains("defender_errors_proxy_upstream_unreachable_total 0\n"),
        "{metrics}"
    );
}

/// The proxy's request label sets are in its first scrape, at 0, as
/// Prometheus' own parser reads them: its routes and its fallback with the
/// statuses it answers itself (400, 405, 502, 504) and the server's, the
/// probes'; a 502 then counts 1 under its route.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_known_request_label_set_is_at_0_from_the_start() {
    let closed = unreachable_upstream();
    let (proxy, _) = start_proxy(&format!("http://{closed}"), |_| {}, |router| router);
    let on_routes: &[u16] = &[400, 405, 408, 413, 500, 502, 504];
    let known = label_sets(&[
        ("/", on_routes),
        ("/{*path}", on_routes),
        ("unmatched", &[400, 404, 405, 431, 502, 503, 504]),
        ("/healthz", &[200, 405]),
        ("/readyz", &[200, 405, 503]),
        ("/metrics", &[200, 405]),
    ]);
    let first = Samples::parse(&metrics_of(&proxy).await);
    let requests = first.requests();
    assert_eq!(requests.keys().cloned().collect::<Vec<_>>(), known);
    assert!(requests.values().all(|n| *n == 0.0), "{requests:?}");
    assert_eq!(
        first.durations().into_iter().collect::<Vec<_>>(),
        [
            "/",
            "/healthz",
            "/metrics",
            "/readyz",
            "/{*path}",
            "unmatched"
        ]
        .map(|route| (route.to_owned(), 0.0))
    );
    let out = fetch(get_request(&proxy.url("/api/machines"), "de"))
        .await
        .unwrap();
    assert_eq!(out.status, 502);
    let requests = Samples::parse(&metrics_of(&proxy).await).requests();
    assert_eq!(requests.keys().cloned().collect::<Vec<_>>(), known);
    for (labels, n) in requests {
        let counted =
            [("/{*path}", 502), ("/metrics", 200)].contains(&(labels.0.as_str(), labels.1));
        assert_eq!(n, if counted { 1.0 } else { 0.0 }, "{labels:?}");
    }
}

/// The proxy's `/metrics`, as Prometheus scrapes it.
async fn metrics_of(proxy: &Server) -> String {
    let out = fetch(get_request(&proxy.url("/metrics"), "en"))
        .await
        .unwrap();
    assert_eq!(out.status, 200);
    out.text().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tenant_catalog_and_a_locale_chosen_by_middleware_win_over_the_header() {
    async fn choose_german(
        mut request: axum::extract::Request,
        next: axum::middleware::Next,
    ) -> Response {
        request
            .extensions_mut()
            .insert(Locale::new(Arc::new(Catalog::new()), "de"));
        next.run(request).await
    }
    let italian = Arc::new(
        CatalogBuilder::new()
            .locale_source(
                "it",
                "ResourceNotFound = Risorsa { $resource } non trovata.\n    .generic = Risorsa non trovata.",
            )
            .build(),
    );
    let (api, _) = raw_upstream(LENGTH_404);
    let (tenant, _) = start_proxy(
        &api.url(""),
        |_| {},
        |router| router.layer(Extension(italian)),
    );
    let out = fetch(get_request(&tenant.url("/api/machines/1"), "it"))
        .await
        .unwrap();
    assert_eq!(
        out.json()["error"]["localizedMessage"],
        serde_json::json!({"locale": "it", "message": "Risorsa Machine 123123123 non trovata."})
    );
    let (chosen, _) = start_proxy(
        &api.url(""),
        |_| {},
        |router| router.layer(axum::middleware::from_fn(choose_german)),
    );
    let out = fetch(get_request(&chosen.url("/api/machines/1"), "fr"))
        .await
        .unwrap();
    assert_eq!(out.json()["error"]["localizedMessage"]["locale"], "de");
}

/// A CA, and a certificate it signed for 127.0.0.1, made for this test.
struct Pki {
    ca_pem: String,
    leaf: rustls::pki_types::CertificateDer<'static>,
    key: rustls::pki_types::PrivateKeyDer<'static>,
}

fn make_pki() -> Pki {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&leaf_key, &issuer)
        .unwrap();
    Pki {
        ca_pem: ca.pem(),
        leaf: leaf.der().clone(),
        key: rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into()),
    }
}

/// An https upstream on 127.0.0.1 that answers every request with the
/// article's 404 envelope.
fn tls_upstream(pki: &Pki) -> Server {
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![pki.leaf.clone()], pki.key.clone_key())
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    Server::start_with(move |listener, mut stopped| async move {
        loop {
            let (socket, _) = tokio::select! {
                Ok(accepted) = listener.accept() => accepted,
                _ = &mut stopped => return,
            };
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(socket).await else {
                    return;
                };
                let service = hyper::service::service_fn(|_request| async {
                    let body = &LENGTH_404[LENGTH_404.len() - 129..];
                    http::Response::builder()
                        .status(404)
                        .header("content-type", "application/json")
                        .body(Full::new(Bytes::from_static(body)))
                });
                hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(tls), service)
                    .await
                    .ok();
            });
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tls_upstream_with_a_private_ca() {
    let pki = make_pki();
    let dir = crate::common::TempDir::new("proxy-tls");
    dir.write("ca.pem", &pki.ca_pem);
    dir.write("other-ca.pem", make_pki().ca_pem);
    dir.write("empty.pem", "not a certificate\n");
    let ca_file = dir.0.join("ca.pem");
    let api = tls_upstream(&pki);
    let url = format!("https://{}", api.addr);

    let (proxy, _) = start_proxy(
        &url,
        |config| config.upstream_ca = Some(ca_file.clone()),
        |r| r,
    );
    let out: Reply = fetch(get_request(&proxy.url("/api/machines/123123123"), "zh-CN"))
        .await
        .unwrap();
    assert_eq!(out.status, 404);
    assert_eq!(out.json()["error"]["localizedMessage"]["locale"], "zh");
    assert_eq!(out.header("content-language"), Some("zh-Hans"));

    // Without the CA the certificate is not trusted: 502, not a forwarded answer.
    let wrong_ca = dir.0.join("other-ca.pem");
    let (untrusting, proxy_state) = start_proxy(
        &url,
        |config| config.upstream_ca = Some(wrong_ca.clone()),
        |r| r,
    );
    let out = fetch(get_request(&untrusting.url("/api/machines/1"), "de"))
        .await
        .unwrap();
    assert_eq!(out.status, 502);
    assert_eq!(proxy_state.counters().unreachable(), 1);

    // A CA file that holds no certificate is refused at start, with its name.
    let empty = dir.0.join("empty.pem");
    let mut config = Config::new(url.parse().unwrap());
    config.upstream_ca = Some(empty.clone());
    let error = Proxy::new(&config, Arc::new(Catalog::new()))
        .unwrap_err()
        .to_string();
    assert!(error.contains("empty.pem"), "{error}");
}

/// Sends `head` (a request without a body) as it is over a new connection,
/// and reads the answer to the end: status, headers and body.
async fn raw_exchange(addr: std::net::SocketAddr, head: &str) -> (u16, String, serde_json::Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut socket = tokio::net::TcpStream::connect(addr).await.unwrap();
    socket.write_all(head.as_bytes()).await.unwrap();
    let mut bytes = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), socket.read_to_end(&mut bytes))
        .await
        .expect("the proxy answers and closes within 10 s")
        .unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a whole answer");
    let status = head[9..12].parse().expect("a status line");
    (
        status,
        head.to_owned(),
        serde_json::from_str(body).unwrap_or_default(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_upstreams_base_path_is_a_boundary() {
    let (api, seen) = raw_upstream(LENGTH_404);
    let (proxy, _) = start_proxy(&api.url("/base"), |_| {}, |router| router);
    for climbing in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/etc/passwd",
        "/api/../../etc/passwd",
        "/api/.%2e/%2e./etc/passwd?x=1",
    ] {
        let (status, head, body) = raw_exchange(
            proxy.addr,
            &format!("GET {climbing} HTTP/1.1\r\nHost: a\r\nAccept-Language: de\r\nConnection: close\r\n\r\n"),
        )
        .await;
        assert_eq!(status, 400, "{climbing}: {head}");
        assert_eq!(body["error"]["code"], "BadRequest", "{climbing}: {body}");
        assert_eq!(body["error"]["localizedMessage"]["locale"], "de", "{body}");
    }
    assert!(
        seen.lock().unwrap().is_empty(),
        "a climbing path reached the upstream: {:?}",
        seen.lock().unwrap()
    );

    // Dot segments that stay under the base are removed, as nginx does.
    for (path, upstream) in [
        (
            "/api/./machines/../files/%2e/x?$top=1",
            "/base/api/files/x?$top=1",
        ),
        ("/api/machines/..", "/base/api/"),
        ("/api/%2E%2e", "/base/"),
        ("/api/.../a..b", "/base/api/.../a..b"),
    ] {
        let (status, head, _) = raw_exchange(
            proxy.addr,
            &format!("GET {path} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"),
        )
        .await;
        assert_eq!(status, 404, "{path}: {head}");
        let got = seen.lock().unwrap().pop().expect("the upstream got it");
        assert!(
            got.starts_with(&format!("GET {upstream} HTTP/1.1\r\n")),
            "{path} reached the upstream as {got}"
        );
    }
}

/// What no route takes (`OPTIONS *`, the proxy's fallback) has the
/// server's limits too: a body over the proxy's limit is 413, not streamed
/// to the upstream.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn options_star_has_the_body_limit() {
    let (api, seen) = raw_upstream(LENGTH_404);
    let (proxy, _) = start_proxy(
        &api.url(""),
        |config| config.server.body_bytes = 1024,
        |router| router,
    );
    let (status, head, body) = raw_exchange(
        proxy.addr,
        &format!(
            "OPTIONS * HTTP/1.1\r\nHost: a\r\nAccept-Language: de\r\nContent-Length: 4096\r\nConnection: close\r\n\r\n{}",
            "x".repeat(4096)
        ),
    )
    .await;
    assert_eq!(status, 413, "{head}");
    assert_eq!(body["error"]["code"], "PayloadTooLarge", "{body}");
    assert_eq!(body["error"]["localizedMessage"]["locale"], "de", "{body}");
    assert!(
        seen.lock().unwrap().is_empty(),
        "the body over the limit reached the upstream"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connect_is_405_in_the_json_shape() {
    let (api, seen) = raw_upstream(LENGTH_404);
    let (proxy, _) = proxy_to(&api);
    let (status, head, body) = raw_exchange(
        proxy.addr,
        "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nAccept-Language: fr\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(status, 405, "{head}");
    let head = head.to_ascii_lowercase();
    assert!(head.contains("\r\nallow: get, head, post"), "{head}");
    assert!(
        head.contains("\r\ncontent-type: application/json"),
        "{head}"
    );
    assert_eq!(body["error"]["code"], "MethodNotAllowed", "{body}");
    assert_eq!(body["error"]["localizedMessage"]["locale"], "fr", "{body}");
    assert!(
        seen.lock().unwrap().is_empty(),
        "a CONNECT reached the upstream"
    );
}
