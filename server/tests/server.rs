//! The hardened server as an operator tries it, over real 127.0.0.1 sockets:
//! raw streams for half-sent requests, a real client for the rest. The
//! application on it is the sidecar.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use defender_errors::{Catalog, DefenderError};
use defender_errors_server::serve::{serve, Config};

use crate::common::TempDir;
use crate::openmetrics::{label_sets, Samples};
use crate::servers::{client, reply, Reply, Server};

/// A sidecar on a free loopback port (the shared test server), stopped by
/// [`Running::stop`] without waiting for the drain, or when dropped.
struct Running {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<Server>,
}

impl Running {
    fn start(config: Config) -> Self {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = Server::start_with(move |listener, dropped| async move {
            let shutdown = async {
                tokio::select! {
                    _ = stopped => {}
                    _ = dropped => {}
                }
            };
            serve(listener, config, shutdown)
                .await
                .expect("the sidecar runs");
        });
        Self {
            addr: server.addr,
            stop: Some(stop),
            server: Some(server),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Asks the server to stop (as SIGTERM does in the command).
    fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            stop.send(()).ok();
        }
    }

    /// Waits until the server has stopped.
    fn join(&mut self) {
        drop(self.server.take());
    }
}

/// `app` served by the hardened server (`server::run`) with `config`.
fn on_the_server(app: axum::Router, config: defender_errors_server::Config) -> Server {
    Server::start_with(move |listener, stopped| async move {
        defender_errors_server::run(listener, app, &config, async {
            let _ = stopped.await;
        })
        .await
        .expect("the server runs");
    })
}

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(addr).expect("a connection");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
}

/// Reads until the server closes the stream (or 20 s pass): everything it
/// sent, and how long the wait was.
fn read_to_close(stream: &mut TcpStream) -> (String, Duration) {
    let started = Instant::now();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    (
        String::from_utf8_lossy(&out).into_owned(),
        started.elapsed(),
    )
}

/// Reads one response whose body is `Content-Length` long.
fn read_response(stream: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).expect("a response");
        assert!(n > 0, "closed after {:?}", String::from_utf8_lossy(&out));
        out.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&out);
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            if out.len() >= end + 4 + length {
                return text.into_owned();
            }
        }
    }
}

/// The catalog's generic message of `status` in `locale`, with its locale.
fn generic(locale: &str, status: u16) -> (String, String) {
    let catalog = Catalog::new();
    let (used, text) = catalog
        .generic_message(catalog.negotiate(locale).locale, status, None)
        .expect("a generic message");
    (used.to_owned(), text.into_owned())
}

/// The locale and text of an answer's `localizedMessage`, checked against
/// its `Content-Language` and `Vary`.
fn localized(out: &Reply) -> (String, String) {
    let error = &out.json()["error"];
    let locale = error["localizedMessage"]["locale"]
        .as_str()
        .unwrap_or_default();
    let message = error["localizedMessage"]["message"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(
        out.header("content-language"),
        Some(Catalog::new().content_language(locale)),
        "{error}"
    );
    assert_eq!(out.headers_all("vary"), ["Accept-Language"], "{error}");
    assert_eq!(out.header("content-type"), Some("application/json"));
    assert!(error["code"].is_string() && error["message"].is_string());
    (locale.to_owned(), message.to_owned())
}

/// A raw answer of `status` in the server's shape, localized in German.
fn assert_localized_in_german(answer: &str, status: u16) {
    let (_, message) = generic("de", status);
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    assert!(head.contains("content-language: de"), "{answer}");
    assert!(head.contains("vary: Accept-Language"), "{answer}");
    let body: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(
        body["error"]["localizedMessage"],
        serde_json::json!({"locale": "de", "message": message}),
        "{answer}"
    );
}

const HASH_BODY: &str = r#"{"error":{"code":"InvalidHashValue","message":"Hash value abc is invalid.","target":"43f4cb08"}}"#;

/// The head of a `POST /localize` whose body is still to come.
fn localize_head(length: usize) -> String {
    format!(
        "POST /localize HTTP/1.1\r\nHost: x\r\nAccept-Language: de\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    )
}

#[test]
fn slow_headers_and_idle_connections_are_closed_within_the_timeout() {
    let mut config = Config::default();
    config.server.header_read_timeout = Duration::from_secs(1);
    let server = Running::start(config);
    let mut slow: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut stream = connect(server.addr);
            stream
                .write_all(b"POST /localize HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
            stream
        })
        .collect();
    // The server still answers others meanwhile.
    let health = reply(client().get(server.url("/healthz")).call());
    assert_eq!(health.status, 200);
    for stream in &mut slow {
        let (_, waited) = read_to_close(stream);
        assert!(waited < Duration::from_secs(5), "open for {waited:?}");
    }
    // A keep-alive connection that asks nothing more is closed too.
    let mut idle = connect(server.addr);
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert!(read_response(&mut idle).starts_with("HTTP/1.1 200"));
    let (_, waited) = read_to_close(&mut idle);
    assert!(waited < Duration::from_secs(5), "open for {waited:?}");
}

#[test]
fn a_connection_over_the_cap_is_closed_at_once() {
    let mut config = Config::default();
    config.server.max_connections = 3;
    let server = Running::start(config);
    let mut held: Vec<TcpStream> = (0..3).map(|_| connect(server.addr)).collect();
    // The three are served: each gets an answer and stays open.
    for stream in &mut held {
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        assert!(read_response(stream).starts_with("HTTP/1.1 200"));
    }
    let mut over = connect(server.addr);
    let _ = over.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    let (answer, waited) = read_to_close(&mut over);
    assert_eq!(answer, "", "nothing is read from it nor sent to it");
    assert!(waited < Duration::from_secs(2), "{waited:?}");
    // One closes; a new connection is served again.
    drop(held.pop());
    let started = Instant::now();
    let metrics = loop {
        let mut again = connect(server.addr);
        let _ = again.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut first = [0u8; 1];
        if again.read(&mut first).unwrap_or(0) == 1 {
            let mut rest = String::new();
            let _ = again.write_all(b"");
            again
                .set_read_timeout(Some(Duration::from_millis(500)))
                .unwrap();
            let _ = again.read_to_string(&mut rest);
            break rest;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "never served again"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        metrics.contains("defender_errors_http_connections_refused_total 1")
            || metrics.contains("defender_errors_http_connections_refused_total 2"),
        "{metrics}"
    );
}

#[test]
fn requests_over_the_in_flight_cap_get_503_with_retry_after() {
    let mut config = Config::default();
    config.server.max_in_flight = 2;
    config.server.retry_after = 3;
    let server = Running::start(config);
    // Two requests under way: heads sent, bodies not yet.
    let mut under_way: Vec<TcpStream> = (0..2)
        .map(|_| {
            let mut stream = connect(server.addr);
            stream
                .write_all(localize_head(HASH_BODY.len()).as_bytes())
                .unwrap();
            stream
        })
        .collect();
    let agent = client();
    // Both are under way before the third is sent: else the third may take
    // a permit first, and one of the two be shed instead. `/metrics` is
    // never shed, and counts itself while it renders.
    let started = Instant::now();
    while sample(
        reply(agent.get(server.url("/metrics")).call()).text(),
        "defender_errors_http_requests_in_flight",
    ) < 3.0
    {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "never under way"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let started = Instant::now();
    let shed = loop {
        let out = reply(
            agent
                .get(server.url("/messages/de"))
                .header("Accept-Language", "da")
                .call(),
        );
        if out.status == 503 {
            break out;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "never shed");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(shed.header("retry-after"), Some("3"));
    assert_eq!(shed.header("content-type"), Some("application/json"));
    assert_eq!(shed.json()["error"]["code"], "ServiceUnavailable");
    assert_eq!(localized(&shed), generic("da", 503));
    // The probes are not shed: the server is alive, and busy.
    assert_eq!(reply(agent.get(server.url("/healthz")).call()).status, 200);
    // The two finish, and the server takes requests again.
    for stream in &mut under_way {
        stream.write_all(HASH_BODY.as_bytes()).unwrap();
        let answer = read_response(stream);
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.contains("Der Hashwert abc ist ungültig."));
    }
    assert_eq!(
        reply(agent.get(server.url("/messages/de")).call()).status,
        200
    );
}

#[test]
fn request_time_body_and_head_limits_answer_in_json() {
    let mut config = Config::default();
    config.server.request_time = Duration::from_millis(500);
    config.server.body_bytes = 1024;
    config.server.header_bytes = 2048;
    let server = Running::start(config);

    // A body that never comes: 408 once the request time is up.
    let mut stream = connect(server.addr);
    let started = Instant::now();
    stream.write_all(localize_head(50).as_bytes()).unwrap();
    let answer = read_response(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains(r#""code":"RequestTimeout""#), "{answer}");
    assert_localized_in_german(&answer, 408);
    assert!(
        answer.contains("content-type: application/json"),
        "{answer}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));

    // A declared length over the limit: 413 before the body is read.
    let mut stream = connect(server.addr);
    stream.write_all(localize_head(5000).as_bytes()).unwrap();
    let answer = read_response(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains(r#""code":"PayloadTooLarge""#), "{answer}");
    assert_localized_in_german(&answer, 413);

    // Headers over the limit: a JSON 431.
    let mut stream = connect(server.addr);
    let padding = "p".repeat(3000);
    stream
        .write_all(
            format!("GET /healthz HTTP/1.1\r\nHost: x\r\nAccept-Language: de\r\nX-Padding: {padding}\r\n\r\n").as_bytes(),
        )
        .unwrap();
    let answer = read_response(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    assert!(answer.contains(r#""code":"RequestHeaderFieldsTooLarge""#));
    assert_localized_in_german(&answer, 431);

    // A head far over it is not buffered: hyper refuses it and closes.
    let mut stream = connect(server.addr);
    let padding = "p".repeat(64 * 1024);
    let _ = stream.write_all(
        format!("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: {padding}\r\n\r\n").as_bytes(),
    );
    let (answer, _) = read_to_close(&mut stream);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{answer}"
    );

    // The 408 and the 413 are counted under the route they were sent to,
    // though the time limit and the body limit answered them, not the route.
    let metrics = reply(client().get(server.url("/metrics")).call());
    let metrics = metrics.text();
    for status in [408, 413] {
        let sample = format!(
            r#"defender_errors_http_requests_total{{route="/localize",status="{status}"}} 1"#
        );
        assert!(metrics.contains(&sample), "{sample} in {metrics}");
    }
    assert!(
        !metrics.contains(r#"route="unmatched",status="408""#),
        "{metrics}"
    );
}

/// The router's own 405 gets the JSON shape and keeps the `Allow` header
/// the router set.
#[test]
fn a_method_not_allowed_keeps_allow_in_the_json_shape() {
    let server = Running::start(Config::default());
    let out = reply(
        client()
            .delete(server.url("/localize"))
            .header("Accept-Language", "nl")
            .call(),
    );
    assert_eq!(out.status, 405);
    assert_eq!(out.header("allow"), Some("POST"));
    assert_eq!(out.json()["error"]["code"], "MethodNotAllowed");
    assert_eq!(out.json()["error"]["localizedMessage"]["locale"], "nl");
    assert_eq!(out.header("content-language"), Some("nl"));
}

#[test]
fn the_request_id_is_kept_or_made() {
    let server = Running::start(Config::default());
    let agent = client();
    let kept = reply(
        agent
            .get(server.url("/healthz"))
            .header("x-request-id", "portal-7f3a")
            .call(),
    );
    assert_eq!(kept.header("x-request-id"), Some("portal-7f3a"));
    let made = reply(agent.get(server.url("/nope")).call());
    assert_eq!(made.status, 404);
    let id = made.header("x-request-id").expect("an id");
    let (prefix, number) = id.split_once('-').expect("prefix-number");
    assert_eq!(prefix.len(), 16, "64 random bits: {id}");
    assert!(number.parse::<u64>().is_ok(), "{id}");
    let other = reply(agent.get(server.url("/healthz")).call());
    let other = other.header("x-request-id").expect("an id");
    assert_ne!(other, id);
    assert!(other.starts_with(prefix), "one prefix per server: {other}");
}

/// The value of the sample `name` (with its labels, as written) in an
/// OpenMetrics text, checking each line's form on the way.
fn sample(text: &str, name: &str) -> f64 {
    assert!(text.ends_with("# EOF\n"), "{text}");
    let mut found = None;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (key, value) = line.rsplit_once(' ').expect("name value");
        let value: f64 = value.parse().unwrap_or_else(|_| panic!("{line}"));
        if key == name {
            found = Some(value);
        }
    }
    found.unwrap_or(0.0)
}

/// The probes' and `unmatched`'s label sets, which the server declares
/// itself.
const SERVER_LABEL_SETS: [(&str, &[u16]); 4] = [
    ("/healthz", &[200, 405]),
    ("/readyz", &[200, 405, 503]),
    ("/metrics", &[200, 405]),
    ("unmatched", &[404, 431, 503]),
];

/// The statuses the server answers on any route: the router's 405, the
/// limits' 408 and 413, a panic's 500.
const ON_ANY_ROUTE: [u16; 4] = [405, 408, 413, 500];

/// `route` with `statuses` and the statuses of [`ON_ANY_ROUTE`].
fn route(route: &'static str, statuses: &[u16]) -> (&'static str, Vec<u16>) {
    (route, [statuses, &ON_ANY_ROUTE].concat())
}

/// Checks that `requests` holds exactly the label sets of `routes` (and the
/// server's own), with `counted` at 1 and every other at 0, and each
/// route's latency histogram with as many observations.
fn assert_requests(scrape: &Samples, routes: &[(&str, Vec<u16>)], counted: &[(&str, u16)]) {
    let mut all: Vec<(&str, &[u16])> = SERVER_LABEL_SETS.to_vec();
    all.extend(
        routes
            .iter()
            .map(|(route, statuses)| (*route, statuses.as_slice())),
    );
    let expected: BTreeMap<(String, u16), f64> = label_sets(&all)
        .into_iter()
        .map(|(route, status)| {
            let n = counted.contains(&(route.as_str(), status));
            ((route, status), if n { 1.0 } else { 0.0 })
        })
        .collect();
    assert_eq!(scrape.requests(), expected);
    let durations: BTreeMap<String, f64> = all
        .iter()
        .map(|(route, _)| {
            let n = counted.iter().filter(|(r, _)| r == route).count();
            ((*route).to_owned(), n as f64)
        })
        .collect();
    assert_eq!(scrape.durations(), durations);
}

/// Every request label set the sidecar knows of is in the first scrape, at
/// 0, as Prometheus' own parser reads it: each route's with the statuses
/// its handler answers and those the server answers on any route, the
/// probes', and `unmatched`'s. A request then counts 1 in its own, and no
/// label set appears that was not there from the start.
#[test]
fn every_known_request_label_set_is_at_0_from_the_start() {
    let server = Running::start(Config::default());
    let agent = client();
    let scrape = || {
        let out = reply(agent.get(server.url("/metrics")).call());
        assert_eq!(out.status, 200);
        Samples::parse(out.text())
    };
    let routes = [
        route("/localize", &[200, 400, 413, 415]),
        route("/messages/{locale}", &[200, 304, 400, 404]),
        route("/openapi.json", &[200]),
    ];
    assert_requests(&scrape(), &routes, &[]);
    let localized = reply(
        agent
            .post(server.url("/localize"))
            .header("Content-Type", "application/json")
            .send(HASH_BODY),
    );
    assert_eq!(localized.status, 200);
    assert_eq!(reply(agent.get(server.url("/localize")).call()).status, 405);
    assert_eq!(reply(agent.get(server.url("/nope")).call()).status, 404);
    assert_requests(
        &scrape(),
        &routes,
        &[
            ("/localize", 200),
            ("/localize", 405),
            ("unmatched", 404),
            ("/metrics", 200),
        ],
    );
}

/// An application served through the library declares its routes
/// (`Metrics::declare_route`, `Metrics::declare_fallback`): theirs start
/// at 0 too.
#[test]
fn an_applications_declared_routes_start_at_0() {
    use axum::http::StatusCode;
    use axum::routing::get;
    use defender_errors_server as server;
    let config = server::Config::default();
    config
        .metrics
        .declare_route("/hello/{name}", [StatusCode::OK, StatusCode::NOT_FOUND]);
    config.metrics.declare_fallback([StatusCode::GONE]);
    let app = axum::Router::new()
        .route("/hello/{name}", get(|| async { "hello" }))
        .fallback(|| async { StatusCode::GONE });
    let server = on_the_server(app, config);
    let agent = client();
    let scrape = || Samples::parse(reply(agent.get(server.url("/metrics")).call()).text());
    let mut routes = vec![route("/hello/{name}", &[200, 404])];
    routes.push(("unmatched", vec![410]));
    assert_requests(&scrape(), &routes, &[]);
    assert_eq!(
        reply(agent.get(server.url("/hello/ada")).call()).status,
        200
    );
    // The router's own 405 is counted under the route it was sent to.
    let wrong_method = reply(
        agent
            .post(server.url("/hello/ada"))
            .header("Accept-Language", "fr")
            .send_empty(),
    );
    assert_eq!(wrong_method.status, 405);
    // The server's typed 405, localized, with the router's `Allow`.
    assert_eq!(wrong_method.header("allow"), Some("GET,HEAD"));
    assert_eq!(wrong_method.json()["error"]["code"], "MethodNotAllowed");
    assert_eq!(
        wrong_method.json()["error"]["localizedMessage"]["locale"],
        "fr"
    );
    assert_requests(
        &scrape(),
        &routes,
        &[
            ("/hello/{name}", 200),
            ("/hello/{name}", 405),
            ("/metrics", 200),
        ],
    );
}

/// An application that is all fallback (no route to mark) is served too.
#[test]
fn an_application_without_routes_is_served() {
    use defender_errors_server as server;
    let app = axum::Router::new().fallback(|| async { "everything" });
    let server = on_the_server(app, server::Config::default());
    let out = reply(client().get(server.url("/anything")).call());
    assert_eq!((out.status, out.text()), (200, "everything"));
    assert_eq!(
        reply(client().get(server.url("/healthz")).call()).status,
        200
    );
}

/// An application's fallback has the limits its routes have: its panic is
/// a JSON 500, a fallback slower than the request time a 408, a body over
/// the limit a 413.
#[test]
fn an_applications_fallback_has_the_limits_of_its_routes() {
    use axum::extract::Request;
    use defender_errors_server as server;
    let mut config = server::Config::default();
    config.request_time = Duration::from_millis(300);
    config.body_bytes = 1024;
    let app = axum::Router::new()
        .route("/route", axum::routing::get(|| async { "routed" }))
        .fallback(|request: Request| async move {
            match request.uri().path() {
                "/panics" => panic!("a fallback's bug"),
                "/slow" => tokio::time::sleep(Duration::from_secs(5)).await,
                _ => {
                    let body = axum::body::to_bytes(request.into_body(), usize::MAX).await;
                    assert!(body.is_ok(), "the body is read");
                }
            }
            "fallback"
        });
    let server = on_the_server(app, config);
    let agent = client();
    let out = reply(agent.get(server.url("/panics")).call());
    assert_eq!(out.status, 500);
    assert_eq!(out.json()["error"]["code"], "InternalServerError");
    let out = reply(agent.get(server.url("/slow")).call());
    assert_eq!(out.status, 408);
    assert_eq!(out.json()["error"]["code"], "RequestTimeout");
    let out = reply(agent.post(server.url("/read")).send("x".repeat(4096)));
    assert_eq!(out.status, 413);
    assert_eq!(out.json()["error"]["code"], "PayloadTooLarge");
    let out = reply(agent.post(server.url("/read")).send("small"));
    assert_eq!((out.status, out.text()), (200, "fallback"));
    assert_eq!(
        reply(agent.get(server.url("/route")).call()).text(),
        "routed"
    );
}

#[test]
fn metrics_are_openmetrics_text_and_move() {
    let server = Running::start(Config::default());
    let agent = client();
    let metrics = || {
        let out = reply(agent.get(server.url("/metrics")).call());
        assert_eq!(out.status, 200);
        assert!(out
            .header("content-type")
            .unwrap()
            .starts_with("application/openmetrics-text; version=1.0.0"));
        out.text().to_owned()
    };
    let before = metrics();
    for lang in ["de", "de", "tlh"] {
        let out = reply(
            agent
                .post(server.url("/localize"))
                .header("Content-Type", "application/json")
                .header("Accept-Language", lang)
                .send(HASH_BODY),
        );
        assert_eq!(out.status, 200);
    }
    let after = metrics();
    let moved = |name: &str| sample(&after, name) - sample(&before, name);
    assert_eq!(
        moved(r#"defender_errors_http_requests_total{route="/localize",status="200"}"#),
        3.0
    );
    assert_eq!(
        moved(r#"defender_errors_localized_responses_total{locale="de",fallback="false"}"#),
        2.0
    );
    assert_eq!(
        moved(r#"defender_errors_localized_responses_total{locale="en",fallback="true"}"#),
        1.0
    );
    assert_eq!(
        moved(r#"defender_errors_http_request_duration_seconds_count{route="/localize"}"#),
        3.0
    );
    assert_eq!(sample(&after, "defender_errors_catalog_generation"), 1.0);
    assert!(sample(&after, "defender_errors_catalog_loaded_timestamp_seconds") > 1.7e9);
    // The /metrics request itself is under way while it renders.
    assert_eq!(
        sample(&after, "defender_errors_http_requests_in_flight"),
        1.0
    );
}

#[test]
fn draining_readyz_says_503_and_requests_under_way_finish() {
    let mut config = Config::default();
    config.server.shutdown_grace = Duration::from_secs(5);
    let mut server = Running::start(config);
    assert_eq!(
        reply(client().get(server.url("/readyz")).call()).json()["status"],
        "ready"
    );
    // A probe half sent, and a request whose body is still coming.
    let mut probe = connect(server.addr);
    probe
        .write_all(b"GET /readyz HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let mut under_way = connect(server.addr);
    under_way
        .write_all(localize_head(HASH_BODY.len()).as_bytes())
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let stopped = Instant::now();
    server.stop();
    std::thread::sleep(Duration::from_millis(300));
    probe.write_all(b"\r\n").unwrap();
    let answer = read_response(&mut probe);
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains(r#""status":"draining""#), "{answer}");
    under_way.write_all(HASH_BODY.as_bytes()).unwrap();
    let answer = read_response(&mut under_way);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("Der Hashwert abc ist ungültig."));
    // No new connection is taken, and the server stops well within grace.
    server.join();
    assert!(
        stopped.elapsed() < Duration::from_secs(6),
        "{:?}",
        stopped.elapsed()
    );
    assert!(TcpStream::connect(server.addr).is_err());
}

/// The German message of `code` as the sidecar gives it.
fn german(server: &Running, code: &str) -> String {
    let out = reply(
        client()
            .post(server.url("/localize"))
            .header("Content-Type", "application/json")
            .header("Accept-Language", "de")
            .send(format!(r#"{{"error":{{"code":"{code}","message":"x"}}}}"#)),
    );
    out.json()["error"]["localizedMessage"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(20), "no {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn reloading(dir: &Path) -> Config {
    let mut config = Config::default();
    config.locales = Some(dir.to_owned());
    config.reload_every = Duration::from_millis(20);
    config
}

#[cfg(unix)]
#[test]
fn a_configmap_style_swap_of_the_data_link_is_followed() {
    use std::os::unix::fs::symlink;
    // As the kubelet lays out a ConfigMap: de -> ..data/de, and ..data a
    // link to a timestamped directory, replaced by a rename.
    let dir = TempDir::new("server-configmap");
    dir.write("..2026_01/de/errors.ftl", "NotFound = Erste Fassung.\n");
    symlink("..2026_01", dir.0.join("..data")).unwrap();
    symlink("..data/de", dir.0.join("de")).unwrap();
    let server = Running::start(reloading(&dir.0));
    assert_eq!(german(&server, "NotFound"), "Erste Fassung.");
    dir.write("..2026_02/de/errors.ftl", "NotFound = Zweite Fassung.\n");
    symlink("..2026_02", dir.0.join("..data_tmp")).unwrap();
    std::fs::rename(dir.0.join("..data_tmp"), dir.0.join("..data")).unwrap();
    wait_for("reload after the swap", || {
        german(&server, "NotFound") == "Zweite Fassung."
    });
    let ready = reply(client().get(server.url("/readyz")).call()).json();
    assert_eq!(ready["catalog"]["generation"], 2);
}

#[test]
fn a_truncated_file_keeps_the_last_good_messages() {
    let dir = TempDir::new("server-truncated");
    dir.write(
        "de/errors.ftl",
        "NotFound = Nicht gefunden.\nForbidden = Verboten.\nUnauthorized = Nicht angemeldet.\n",
    );
    let server = Running::start(reloading(&dir.0));
    assert_eq!(german(&server, "Unauthorized"), "Nicht angemeldet.");
    // Caught mid-write: the file stops inside the second message.
    dir.write("de/errors.ftl", "NotFound = Neu nicht gefunden.\nForbid");
    wait_for("reload of the cut file", || {
        german(&server, "NotFound") == "Neu nicht gefunden."
    });
    assert_eq!(german(&server, "Forbidden"), "Verboten.");
    assert_eq!(german(&server, "Unauthorized"), "Nicht angemeldet.");
}

#[test]
fn a_failing_load_is_reported_by_readyz() {
    let dir = TempDir::new("server-failing");
    let locales = dir.0.join("locales");
    std::fs::create_dir_all(locales.join("de")).unwrap();
    std::fs::write(locales.join("de/errors.ftl"), "NotFound = Alt.\n").unwrap();
    let server = Running::start(reloading(&locales));
    assert_eq!(german(&server, "NotFound"), "Alt.");
    // The directory goes away: the load fails, the catalog in use stays.
    std::fs::rename(&locales, dir.0.join("gone")).unwrap();
    let mut ready = serde_json::Value::Null;
    wait_for("reported failure", || {
        ready = reply(client().get(server.url("/readyz")).call()).json();
        ready["lastReloadError"].is_string()
    });
    assert_eq!(ready["status"], "ready", "the catalog in use still serves");
    assert!(
        ready["lastReloadError"]
            .as_str()
            .unwrap()
            .contains("as the locale directory: it does not exist"),
        "{ready}"
    );
    assert_eq!(german(&server, "NotFound"), "Alt.");
    let metrics = reply(client().get(server.url("/metrics")).call());
    assert!(
        sample(
            metrics.text(),
            r#"defender_errors_reloads_total{result="error"}"#
        ) >= 1.0
    );
}

#[test]
fn a_directory_without_locale_files_fails_at_start() {
    let dir = TempDir::new("server-empty");
    dir.write("README.txt", "not a locale");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let error = runtime
        .block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            serve(listener, reloading(&dir.0), async {}).await
        })
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("it holds no folder of a language"),
        "{error}"
    );
}

#[test]
fn messages_take_one_tag_and_answer_304_to_their_etag() {
    let server = Running::start(Config::default());
    let agent = client();
    let first = reply(agent.get(server.url("/messages/de-CH")).call());
    assert_eq!(first.status, 200);
    assert_eq!(first.json()["locale"], "de");
    let etag = first.header("etag").expect("an ETag").to_owned();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    assert_eq!(first.header("cache-control"), Some("public, max-age=300"));
    // The same body each time, built once: the same tag.
    let again = reply(agent.get(server.url("/messages/de")).call());
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    assert_eq!(again.body, first.body);
    let fresh = reply(
        agent
            .get(server.url("/messages/de"))
            .header("If-None-Match", &format!("\"x\", {etag}"))
            .call(),
    );
    assert_eq!(fresh.status, 304);
    assert!(fresh.body.is_empty());
    assert_eq!(fresh.header("etag"), Some(etag.as_str()));
    let stale = reply(
        agent
            .get(server.url("/messages/de"))
            .header("If-None-Match", "\"other\"")
            .call(),
    );
    assert_eq!(stale.status, 200);
    // A header list is not a locale: 404 in the JSON shape.
    for path in [
        "/messages/de;q=0,fr",
        "/messages/fr,de",
        "/messages/*",
        "/messages/tlh",
    ] {
        let out = reply(agent.get(server.url(path)).call());
        assert_eq!(out.status, 404, "{path}");
        assert_eq!(out.json()["error"]["code"], "NotFound", "{path}");
    }
    let bad = reply(agent.get(server.url("/messages/%FF")).call());
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["code"], "InvalidPath");
}

#[test]
fn openapi_describes_every_endpoint_that_answers() {
    let server = Running::start(Config::default());
    let agent = client();
    let out = reply(agent.get(server.url("/openapi.json")).call());
    assert_eq!(out.status, 200);
    assert_eq!(out.header("content-type"), Some("application/json"));
    let spec = out.json();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let paths = spec["paths"].as_object().unwrap();
    let mut documented: Vec<&str> = paths.keys().map(String::as_str).collect();
    documented.sort_unstable();
    assert_eq!(
        documented,
        [
            "/healthz",
            "/localize",
            "/messages/{locale}",
            "/metrics",
            "/openapi.json",
            "/readyz"
        ]
    );
    for (path, operations) in paths {
        let concrete = path.replace("{locale}", "de");
        for method in operations.as_object().unwrap().keys() {
            let request = http::Request::builder()
                .method(method.to_uppercase().as_str())
                .uri(server.url(&concrete))
                .header("Content-Type", "application/json")
                .body(HASH_BODY.to_owned())
                .unwrap();
            let answer = reply(agent.run(request));
            let documented = operations[method]["responses"]
                .as_object()
                .unwrap()
                .contains_key(&answer.status.to_string());
            assert!(
                documented,
                "{method} {path}: {} is not documented",
                answer.status
            );
            assert_ne!(answer.status, 404, "{method} {path}");
        }
    }
    // An error's shape is the one documented, localized included.
    let error = reply(
        agent
            .get(server.url("/messages/tlh"))
            .header("Accept-Language", "de")
            .call(),
    )
    .json();
    let schema = &spec["components"]["schemas"]["Error"]["properties"]["error"];
    for field in schema["required"].as_array().unwrap() {
        let field = field.as_str().unwrap();
        let value = &error["error"][field];
        match schema["properties"][field]["type"].as_str() {
            Some("string") => assert!(value.is_string(), "{field}: {value}"),
            Some("object") => {
                for inner in schema["properties"][field]["required"].as_array().unwrap() {
                    assert!(
                        value[inner.as_str().unwrap()].is_string(),
                        "{field}.{inner}"
                    );
                }
            }
            other => panic!("{field}: a type of {other:?}"),
        }
    }
    assert_eq!(error["error"]["localizedMessage"]["locale"], "de");
}

/// The server under any application: a panic in a handler is a JSON 500
/// made with the request's headers, logged, and the server goes on; an
/// application's metric is in `/metrics` beside the server's.
#[test]
fn any_router_gets_the_json_errors_and_the_metrics() {
    use axum::routing::get;
    use defender_errors_server::{self as server, Metrics};
    let metrics = Metrics::new();
    let calls = metrics.counter("example_calls", "Calls of /calls");
    let mut config = server::Config::default();
    config.metrics = metrics;
    let app = axum::Router::new()
        .route(
            "/panics",
            get(|| async {
                if true {
                    panic!("a handler's bug");
                }
                "never"
            }),
        )
        .route(
            "/calls",
            get(move || {
                calls.inc();
                async { "counted" }
            }),
        );
    let server = on_the_server(app, config);
    let agent = client();
    let out = reply(agent.get(server.url("/panics")).call());
    assert_eq!(out.status, 500);
    assert_eq!(out.header("content-type"), Some("application/json"));
    assert_eq!(out.json()["error"]["code"], "InternalServerError");
    assert!(out.header("x-request-id").is_some());
    assert_eq!(
        reply(agent.get(server.url("/calls")).call()).text(),
        "counted"
    );
    let text = reply(agent.get(server.url("/metrics")).call())
        .text()
        .to_owned();
    assert_eq!(sample(&text, "defender_errors_example_calls_total"), 1.0);
    assert_eq!(
        sample(
            &text,
            r#"defender_errors_http_requests_total{route="/panics",status="500"}"#
        ) + sample(
            &text,
            r#"defender_errors_http_requests_total{route="unmatched",status="500"}"#
        ),
        1.0
    );
    // An unknown path of an application without a fallback: axum's empty
    // 404, made JSON by the server.
    let missing = reply(agent.get(server.url("/nope")).call());
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-type"), Some("application/json"));
}

#[test]
fn the_sidecars_own_errors_follow_accept_language() {
    let mut config = Config::default();
    config.server.body_bytes = 1024;
    let server = Running::start(config);
    let agent = client();
    // 415, in French.
    let out = reply(
        agent
            .post(server.url("/localize"))
            .header("Content-Type", "text/plain")
            .header("Accept-Language", "fr-FR,fr;q=0.9")
            .send(HASH_BODY),
    );
    assert_eq!(out.status, 415);
    assert_eq!(out.json()["error"]["code"], "UnsupportedMediaType");
    assert_eq!(
        localized(&out),
        ("fr".to_owned(), crate::common::expected_generic("fr", 415))
    );
    // The server's English detail stays in `message`.
    assert_eq!(
        out.json()["error"]["message"],
        "send the error body as Content-Type: application/json"
    );
    // 404: a code of the catalog, its own message.
    let out = reply(
        agent
            .get(server.url("/no/such/endpoint"))
            .header("Accept-Language", "de")
            .call(),
    );
    assert_eq!(out.status, 404);
    assert_eq!(
        localized(&out),
        (
            "de".to_owned(),
            crate::common::expected("de", &DefenderError::NotFound)
        )
    );
    // 405, in Dutch.
    let out = reply(
        agent
            .get(server.url("/localize"))
            .header("Accept-Language", "nl")
            .call(),
    );
    assert_eq!(out.status, 405);
    assert_eq!(out.json()["error"]["code"], "MethodNotAllowed");
    assert_eq!(localized(&out), generic("nl", 405));
    // 413 (a body over the limit, sent whole), in Chinese.
    let out = reply(
        agent
            .post(server.url("/localize"))
            .header("Content-Type", "application/json")
            .header("Accept-Language", "zh-CN")
            .send("x".repeat(4096)),
    );
    assert_eq!(out.status, 413);
    assert_eq!(localized(&out), generic("zh", 413));
    // 400 for a body that is not JSON: the catalog's InvalidRequestBody.
    let out = reply(
        agent
            .post(server.url("/localize"))
            .header("Content-Type", "application/json")
            .header("Accept-Language", "da")
            .send("{\"error\":"),
    );
    assert_eq!(out.status, 400);
    assert_eq!(localized(&out).1, {
        let catalog = Catalog::new();
        let da = catalog.negotiate("da").locale;
        catalog
            .message(da, &DefenderError::InvalidRequestBody)
            .into_owned()
    });
    // No language asked: English, said so.
    let out = reply(agent.get(server.url("/nope")).call());
    assert_eq!(localized(&out).0, "en");
}

const THROTTLED: &str =
    r#"{"error":{"code":"TooManyRequests","message":"Rate limit is exceeded.","target":"t"}}"#;

#[test]
fn localize_takes_the_wait_from_retry_after_or_the_query() {
    let server = Running::start(Config::default());
    let agent = client();
    let post = |path: &str, retry_after: Option<&str>| {
        let mut request = agent
            .post(server.url(path))
            .header("Content-Type", "application/json")
            .header("Accept-Language", "de");
        if let Some(value) = retry_after {
            request = request.header("Retry-After", value);
        }
        reply(request.send(THROTTLED))
    };
    let wait = |seconds: u64| crate::common::expected_wait("de", seconds);
    let message = |out: &Reply| {
        assert_eq!(out.status, 200, "{}", out.text());
        out.json()["error"]["localizedMessage"]["message"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(message(&post("/localize", Some("7"))), wait(7));
    assert_eq!(message(&post("/localize?retry_after=12", None)), wait(12));
    assert_eq!(
        message(&post("/localize?status=429&retry_after=1", None)),
        wait(1)
    );
    // The query is said for this call: it comes before the header.
    assert_eq!(
        message(&post("/localize?retry_after=12", Some("7"))),
        wait(12)
    );
    // An HTTP date is counted from now.
    let date = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(60));
    let text = message(&post("/localize", Some(&date)));
    assert!((50..=60).any(|s| text == wait(s)), "{date}: {text}");
    // Without a wait: later.
    assert!(message(&post("/localize", None)).ends_with("Versuchen Sie es später erneut."));
    // A wait that cannot be read is a 400 in the JSON shape, localized.
    for (path, header, code) in [
        ("/localize?retry_after=soon", None, "InvalidQuery"),
        ("/localize?retry_after=-5", None, "InvalidQuery"),
        ("/localize?retry_after=", None, "InvalidQuery"),
        ("/localize", Some("in a minute"), "InvalidHeader"),
        ("/localize", Some("1.5"), "InvalidHeader"),
    ] {
        let out = post(path, header);
        assert_eq!(out.status, 400, "{path} {header:?}");
        assert_eq!(out.json()["error"]["code"], code, "{path} {header:?}");
        assert_eq!(localized(&out), generic("de", 400), "{path} {header:?}");
    }
}

#[test]
fn the_sidecars_errors_follow_a_reload_of_its_catalog() {
    let dir = TempDir::new("server-own-errors");
    dir.write("de/errors.ftl", "NotFound = Erste Fassung.\n");
    let server = Running::start(reloading(&dir.0));
    let missing = || {
        let out = reply(
            client()
                .get(server.url("/nope"))
                .header("Accept-Language", "de")
                .call(),
        );
        assert_eq!(out.status, 404);
        localized(&out).1
    };
    assert_eq!(missing(), "Erste Fassung.");
    dir.write("de/errors.ftl", "NotFound = Zweite Fassung.\n");
    wait_for("the reloaded message in the 404", || {
        missing() == "Zweite Fassung."
    });
}
