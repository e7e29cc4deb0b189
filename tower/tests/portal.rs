//! The axum integration over real loopback sockets with a real HTTP client:
//! the `Locale` extractor, the `LocalizedError` response, and the
//! `LocalizeLayer` on every pass-through case, bodies compared byte for byte.

use std::io::{Read, Write};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use defender_errors::{Args, Catalog, CatalogBuilder, DefenderError, ErrorCode};
use defender_errors_tower::{Locale, LocalizeLayer, LocalizedError};

use crate::servers::{client, reply, Server};
use crate::upstreams::{
    answer, assert_framed_anew, fetch, get_request, raw_upstream, CHUNKED_404, CLOSE_DELIMITED_404,
    LENGTH_404,
};

#[allow(dead_code)]
#[path = "../examples/portal.rs"]
mod example;

async fn which(locale: Locale) -> String {
    format!("{} {}", locale.id(), locale.matched())
}

/// Sends a request with raw header lines, as bytes, and returns the body of
/// the answer: for headers a client library would not send.
fn raw_get(server: &Server, path: &str, header_lines: &[&[u8]]) -> String {
    let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut request =
        format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n").into_bytes();
    for line in header_lines {
        request.extend_from_slice(line);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"\r\n");
    stream.write_all(&request).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    answer.rsplit("\r\n\r\n").next().unwrap().to_owned()
}

#[test]
fn the_extractor_negotiates_every_accept_language_line() {
    let catalog = Arc::new(Catalog::new());
    let italian = Arc::new(
        CatalogBuilder::new()
            .locale_source("it", "NotFound = Non trovato.")
            .build(),
    );
    let app = Router::new()
        .route("/locale", get(which))
        .route("/tenant/locale", get(which).layer(Extension(italian)))
        .with_state(catalog);
    let server = Server::start(app);
    let agent = client();
    let table: &[(&[&str], &str)] = &[
        (&[], "en false"),
        (&["de-CH,de;q=0.9,en;q=0.8"], "de true"),
        (&["tlh;q=0.9", "nl;q=0.8"], "nl true"),
        (&["fr;q=0.1", "da;q=0.5"], "da true"),
        (&["zh-CN"], "zh true"),
        (&["zh-TW"], "en false"),
        (&["de;q=0, *;q=0"], "en false"),
        (&[""], "en false"),
        (&["q=;;garbage,,,"], "en false"),
    ];
    for (lines, expected) in table {
        let mut request = agent.get(server.url("/locale"));
        for line in *lines {
            request = request.header("Accept-Language", *line);
        }
        let got = reply(request.call());
        assert_eq!(got.text(), *expected, "{lines:?}");
    }
    // A line that is not visible ASCII is skipped; the other lines count.
    let body = raw_get(
        &server,
        "/locale",
        &[b"Accept-Language: d\xe9", b"Accept-Language: fr"],
    );
    assert_eq!(body, "fr true");
    let body = raw_get(&server, "/locale", &[b"Accept-Language: \xff\xfe"]);
    assert_eq!(body, "en false");
    // An Arc<Catalog> extension wins over the state.
    let got = reply(
        agent
            .get(server.url("/tenant/locale"))
            .header("Accept-Language", "it-IT")
            .call(),
    );
    assert_eq!(got.text(), "it true");
}

#[test]
fn the_response_is_the_localized_envelope_with_its_headers() {
    async fn typed(locale: Locale) -> LocalizedError {
        locale
            .error(DefenderError::ResourceNotFound {
                resource: "Machine 42".into(),
            })
            .target("43f4cb08")
    }
    async fn dynamic(locale: Locale) -> LocalizedError {
        locale.error_args(
            ErrorCode::MaximumBatchSizeExceeded,
            Args::new()
                .with("batch_size_received", 12_500u32)
                .with("batch_size_allowed", 10_000u32),
        )
    }
    let catalog = Arc::new(
        CatalogBuilder::new()
            // Danish lacks ResourceNotFound here: its text falls back to English.
            .locale_source("da", "NotFound = Ikke fundet.")
            .build(),
    );
    let app = Router::new()
        .route("/typed", get(typed))
        .route("/dynamic", get(dynamic))
        .with_state(catalog);
    let server = Server::start(app);
    let agent = client();
    let get = |path: &str, lang: &str| {
        reply(
            agent
                .get(server.url(path))
                .header("Accept-Language", lang)
                .call(),
        )
    };

    let de = get("/typed", "de-DE,de;q=0.9");
    // The German as the catalog has it: a translator's edit changes the
    // snapshot, not this test.
    let german = Catalog::new()
        .message(
            Catalog::new().negotiate("de").locale,
            &DefenderError::ResourceNotFound {
                resource: "Machine 42".into(),
            },
        )
        .into_owned();
    assert_eq!(de.status, 404);
    assert_eq!(de.header("content-type"), Some("application/json"));
    assert_eq!(de.header("content-language"), Some("de"));
    assert_eq!(de.header("vary"), Some("Accept-Language"));
    assert_eq!(
        de.json(),
        serde_json::json!({"error": {
            "code": "ResourceNotFound",
            "message": "Resource Machine 42 was not found.",
            "target": "43f4cb08",
            "localizedMessage": {"locale": "de", "message": german}
        }})
    );
    let zh = get("/typed", "zh-CN");
    assert_eq!(zh.header("content-language"), Some("zh-Hans"));
    assert_eq!(zh.json()["error"]["localizedMessage"]["locale"], "zh");
    let da = get("/typed", "da");
    assert_eq!(
        da.header("content-language"),
        Some("en"),
        "the text is English"
    );
    assert_eq!(da.json()["error"]["localizedMessage"]["locale"], "en");

    let fr = get("/dynamic", "fr");
    assert_eq!(fr.status, 400);
    assert_eq!(fr.header("content-language"), Some("fr"));
    assert!(fr.json()["error"].get("target").is_none());
    let message = fr.json()["error"]["localizedMessage"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("12\u{202f}500"), "{message}");
}

/// An upstream's answers, one per pass-through case of the layer.
fn upstream() -> Router {
    const ENVELOPE: &str = r#"{"error":{"code":"InvalidHashValue","message":"Hash value abc is invalid.","target":"43f4cb08"}}"#;
    const JSON: (&str, &str) = ("content-type", "application/json");
    Router::new()
        .route(
            "/envelope",
            get(|| async {
                answer(
                    StatusCode::BAD_REQUEST,
                    &[JSON, ("vary", "Origin")],
                    Body::from(ENVELOPE),
                )
            }),
        )
        .route(
            "/problem-json",
            get(|| async {
                answer(
                    StatusCode::NOT_FOUND,
                    &[("content-type", "application/problem+json; charset=utf-8")],
                    Body::from(r#"{"error":{"code":"NotFound","message":"x"}}"#),
                )
            }),
        )
        .route(
            "/success",
            get(|| async { answer(StatusCode::OK, &[JSON], Body::from(ENVELOPE)) }),
        )
        .route(
            "/text",
            get(|| async {
                answer(
                    StatusCode::NOT_FOUND,
                    &[("content-type", "text/plain")],
                    Body::from(ENVELOPE),
                )
            }),
        )
        .route(
            "/not-envelope",
            get(|| async {
                answer(
                    StatusCode::BAD_REQUEST,
                    &[JSON],
                    Body::from(r#"{ "message" : "not an envelope" }"#),
                )
            }),
        )
        .route(
            "/invalid-json",
            get(|| async { answer(StatusCode::BAD_REQUEST, &[JSON], Body::from("{\"error\":")) }),
        )
        .route(
            "/compressed",
            get(|| async {
                answer(
                    StatusCode::BAD_REQUEST,
                    &[JSON, ("content-encoding", "gzip")],
                    Body::from(&b"\x1f\x8b\x08\x00not-really-gzip"[..]),
                )
            }),
        )
        .route(
            "/large",
            get(|| async {
                answer(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &[JSON],
                    Body::from(large()),
                )
            }),
        )
        .route(
            "/large-stream",
            get(|| async {
                let chunks = large()
                    .chunks(1000)
                    .map(|c| Ok(Bytes::copy_from_slice(c)))
                    .collect::<Vec<_>>();
                answer(StatusCode::INTERNAL_SERVER_ERROR, &[JSON], chunked(chunks))
            }),
        )
        .route(
            "/fails",
            get(|| async {
                let chunks = vec![
                    Ok(Bytes::from_static(b"{\"error\":{\"code\":\"NotFound\",")),
                    Err(std::io::Error::other("upstream went away")),
                ];
                answer(StatusCode::NOT_FOUND, &[JSON], chunked(chunks))
            }),
        )
}

/// A JSON error envelope of 10,000 bytes: over the layer's 4 KiB limit here.
fn large() -> Vec<u8> {
    let padding = "x".repeat(10_000 - 60);
    let body = format!(r#"{{"error":{{"code":"NotFound","message":"{padding}"}}}}"#);
    let mut bytes = body.into_bytes();
    bytes.resize(10_000, b' ');
    bytes
}

/// A body sent in the given chunks, one per poll, with no length known in
/// advance; an `Err` item fails it there.
struct Chunks(std::collections::VecDeque<Result<Bytes, std::io::Error>>);

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        std::task::Poll::Ready(
            self.0
                .pop_front()
                .map(|item| item.map(http_body::Frame::data)),
        )
    }
}

fn chunked(items: Vec<Result<Bytes, std::io::Error>>) -> Body {
    Body::new(Chunks(items.into()))
}

#[test]
fn the_layer_localizes_envelopes_and_passes_everything_else_byte_for_byte() {
    let catalog = Arc::new(Catalog::new());
    let plain = Server::start(upstream());
    let layered = Server::start(upstream().layer(LocalizeLayer::new(catalog).limit(4096)));
    let agent = client();
    let get = |server: &Server, path: &str| {
        reply(
            agent
                .get(server.url(path))
                .header("Accept-Language", "de")
                .call(),
        )
    };

    let out = get(&layered, "/envelope");
    assert_eq!(out.status, 400);
    assert_eq!(out.header("content-language"), Some("de"));
    assert_eq!(out.headers_all("vary"), ["Origin", "Accept-Language"]);
    assert_eq!(
        out.header("content-length"),
        Some(out.body.len().to_string().as_str())
    );
    assert_eq!(
        out.json()["error"]["localizedMessage"],
        serde_json::json!({"locale": "de", "message": "Der Hashwert abc ist ungültig."})
    );
    assert_eq!(out.json()["error"]["target"], "43f4cb08");
    let problem = get(&layered, "/problem-json");
    assert_eq!(
        problem.json()["error"]["localizedMessage"]["message"],
        crate::common::expected("de", &DefenderError::NotFound)
    );

    for path in [
        "/success",
        "/text",
        "/not-envelope",
        "/invalid-json",
        "/compressed",
        "/large",
        "/large-stream",
    ] {
        let through = get(&layered, path);
        let direct = get(&plain, path);
        assert_eq!(through.status, direct.status, "{path}");
        assert_eq!(through.body, direct.body, "{path}: byte for byte");
        assert_eq!(through.header("content-language"), None, "{path}");
        assert_eq!(through.header("vary"), None, "{path}");
        assert_eq!(
            through.header("content-length"),
            direct.header("content-length"),
            "{path}"
        );
    }
    assert_eq!(get(&layered, "/large").body, large());

    // HEAD: the headers of GET, no body, nothing localized.
    let head = reply(
        agent
            .head(layered.url("/envelope"))
            .header("Accept-Language", "de")
            .call(),
    );
    assert_eq!(head.status, 400);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-language"), None);
}

#[test]
fn an_upstream_body_that_fails_reaches_the_client_as_an_error() {
    let catalog = Arc::new(Catalog::new());
    let layered = Server::start(upstream().layer(LocalizeLayer::new(catalog)));
    let started = std::time::Instant::now();
    let response = client()
        .get(layered.url("/fails"))
        .header("Accept-Language", "de")
        .call();
    let read = response.and_then(|mut r| r.body_mut().read_to_vec());
    assert!(read.is_err(), "the client sees the failure: {read:?}");
    assert!(started.elapsed() < Duration::from_secs(10), "nothing hangs");
}

#[test]
fn the_example_portal_localizes_the_articles_error_bodies() {
    let api = Server::start(example::upstream());
    let catalog = Arc::new(Catalog::new());
    let portal = Server::start(example::portal(catalog.clone(), api.addr, true));
    let bare = Server::start(example::portal(catalog, api.addr, false));
    let agent = client();
    let machine = reply(
        agent
            .get(portal.url("/api/machines/123123123"))
            .header("Accept-Language", "nl")
            .call(),
    );
    assert_eq!(machine.status, 404);
    assert_eq!(machine.header("content-language"), Some("nl"));
    assert_eq!(
        machine.json()["error"]["target"],
        "43f4cb08-8fac-4b65-9db1-745c2ae65f3a"
    );
    assert_eq!(
        machine.json()["error"]["localizedMessage"]["message"],
        crate::common::expected(
            "nl",
            &DefenderError::ResourceNotFound {
                resource: "Machine 123123123".into()
            }
        )
    );
    let body = reply(
        agent
            .post(portal.url("/api/indicators"))
            .header("Accept-Language", "fr")
            .send(""),
    );
    assert_eq!(body.json()["error"]["localizedMessage"]["locale"], "fr");
    // Success passes as it came; without the layer, errors too.
    let list = reply(agent.get(portal.url("/api/machines")).call());
    let direct = reply(agent.get(api.url("/api/machines")).call());
    assert_eq!(list.body, direct.body);
    let unlocalized = reply(agent.get(bare.url("/api/machines/1")).call());
    assert!(unlocalized.json()["error"]
        .get("localizedMessage")
        .is_none());
    // The portal's own typed error.
    let file = reply(
        agent
            .get(portal.url("/portal/files/xyz"))
            .header("Accept-Language", "de")
            .call(),
    );
    assert_eq!(file.status, 400);
    assert_eq!(
        file.json()["error"]["localizedMessage"]["message"],
        "Der Hashwert xyz ist ungültig."
    );
}

#[test]
fn localized_errors_convert_into_responses_without_a_server() {
    let locale = Locale::from_headers(Arc::new(Catalog::new()), &axum::http::HeaderMap::new());
    let response = locale.error(DefenderError::Unauthorized).into_response();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()[header::CONTENT_LANGUAGE], "en");
}

/// The upstreams of the Defender API as a portal meets them: a length,
/// chunks (with an ETag and digests of the English body), and a
/// close-delimited HTTP/1.0 body. Through the layer each comes back
/// localized, with a length and none of the headers that described the
/// upstream's bytes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_layer_rewrites_length_chunked_and_close_delimited_upstream_bodies() {
    let catalog = Arc::new(Catalog::new());
    for (name, response) in [
        ("chunked", CHUNKED_404),
        ("length", LENGTH_404),
        ("close-delimited", CLOSE_DELIMITED_404),
    ] {
        let (api, _) = raw_upstream(response);
        let portal = Server::start(example::portal(catalog.clone(), api.addr, true));
        let out = fetch(get_request(&portal.url("/api/machines/123123123"), "de"))
            .await
            .unwrap_or_else(|e| panic!("{name}: no answer through the layer: {e}"));
        assert_eq!(out.status, 404, "{name}");
        assert_eq!(
            out.json()["error"]["localizedMessage"]["message"],
            crate::common::expected(
                "de",
                &DefenderError::ResourceNotFound {
                    resource: "Machine 123123123".into()
                }
            ),
            "{name}"
        );
        assert_framed_anew(&out, name);
    }
}

/// An upstream envelope for `NotFound`, as a raw JSON 404.
async fn not_found_envelope() -> Response {
    let mut response = Response::new(Body::from(
        r#"{"error":{"code":"NotFound","message":"The requested item was not found."}}"#,
    ));
    *response.status_mut() = StatusCode::NOT_FOUND;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn italian() -> Arc<Catalog> {
    Arc::new(
        CatalogBuilder::new()
            .locale_source("it", "NotFound = Non trovato.")
            .build(),
    )
}

/// A tenant's catalog (an `Arc<Catalog>` extension) and a locale chosen by
/// middleware (a `Locale` extension) win over the layer's catalog and the
/// header, for the layer and the extractor alike; a typed error is not
/// localized a second time by the layer around it.
#[test]
fn the_layer_and_the_extractor_honour_a_tenant_catalog_and_a_chosen_locale() {
    async fn choose_danish(
        mut request: axum::extract::Request,
        next: axum::middleware::Next,
    ) -> Response {
        let locale = Locale::new(Arc::new(Catalog::new()), "da");
        request.extensions_mut().insert(locale);
        next.run(request).await
    }
    async fn typed(locale: Locale) -> LocalizedError {
        locale.error(DefenderError::NotFound)
    }
    let catalog = Arc::new(Catalog::new());
    let tenant = Router::new()
        .route("/envelope", get(not_found_envelope))
        .layer(LocalizeLayer::new(catalog.clone()))
        .layer(Extension(italian()));
    let chosen = Router::new()
        .route("/envelope", get(not_found_envelope))
        .route("/locale", get(which))
        .with_state(catalog.clone())
        .layer(LocalizeLayer::new(catalog.clone()))
        .layer(axum::middleware::from_fn(choose_danish));
    // The handler renders with the state's (Italian) catalog; the layer's
    // catalog has no Italian, and would put English over it.
    let typed = Router::new()
        .route("/typed", get(typed))
        .with_state(italian())
        .layer(LocalizeLayer::new(catalog));
    let app = Router::new()
        .nest("/tenant", tenant)
        .nest("/chosen", chosen)
        .merge(typed);
    let server = Server::start(app);
    let agent = client();
    let get = |path: &str, language: &str| {
        reply(
            agent
                .get(server.url(path))
                .header("Accept-Language", language)
                .call(),
        )
    };

    let out = get("/tenant/envelope", "it-IT");
    assert_eq!(
        out.json()["error"]["localizedMessage"],
        serde_json::json!({"locale": "it", "message": "Non trovato."})
    );
    let out = get("/chosen/envelope", "de");
    assert_eq!(out.json()["error"]["localizedMessage"]["locale"], "da");
    assert_eq!(out.header("content-language"), Some("da"));
    assert_eq!(get("/chosen/locale", "de").text(), "da true");
    let out = get("/typed", "it");
    assert_eq!(
        out.json()["error"]["localizedMessage"],
        serde_json::json!({"locale": "it", "message": "Non trovato."})
    );
    assert_eq!(out.header("content-language"), Some("it"));
    assert_eq!(out.headers_all("vary"), ["Accept-Language"]);
}

#[tokio::test]
async fn the_example_says_which_port_is_taken_and_which_flag_moves_it() {
    let taken = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = taken.local_addr().unwrap().port();
    let error = example::listen(port).await.expect_err("the port is taken");
    assert!(error.contains(&format!("port {port} is taken")), "{error}");
    assert!(error.contains("--port"), "{error}");

    let args = |list: &[&str]| example::options(list.iter().map(|a| a.to_string()));
    let options = args(&["--port", "4000", "--upstream", "http://127.0.0.1:8000/"]).unwrap();
    assert_eq!(options.port, 4000);
    assert!(options.upstream.is_some());
    assert_eq!(args(&[]).unwrap().port, 3000);
    assert!(args(&[]).unwrap().upstream.is_none());
    for (bad, says) in [
        (&["--port", "http"][..], "--port http"),
        (&["--port"][..], "--port needs a value"),
        (
            &["--upstream", "https://api.security.microsoft.com"][..],
            "defender-errors proxy",
        ),
        (&["4000"][..], "unknown argument 4000"),
    ] {
        let error = args(bad).err().expect("refused");
        assert!(error.contains(says), "{bad:?}: {error}");
    }
}

/// The Defender API's 429 as a throttled portal gets it: the envelope, and
/// the wait in `Retry-After` only.
const THROTTLED: &str =
    r#"{"error":{"code":"TooManyRequests","message":"Rate limit is exceeded.","target":"t-429"}}"#;

/// An upstream that throttles every request with `Retry-After: retry_after`,
/// behind the layer.
fn throttling(retry_after: String) -> Router {
    let handler = move || {
        let retry_after = HeaderValue::from_str(&retry_after).unwrap();
        async move {
            let mut response = answer(
                StatusCode::TOO_MANY_REQUESTS,
                &[("content-type", "application/json")],
                Body::from(THROTTLED),
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, retry_after);
            response
        }
    };
    Router::new()
        .route("/api/incidents", get(handler))
        .layer(LocalizeLayer::new(Arc::new(Catalog::new())))
}

/// The whole seconds of a German wait: "… in N Sekunden erneut.".
fn german_wait(message: &str) -> u64 {
    let (_, after) = message.split_once(" in ").expect("a wait");
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().expect("seconds")
}

#[test]
fn the_layer_tells_the_wait_of_a_429s_retry_after() {
    let api = Server::start(throttling("7".into()));
    let agent = client();
    for (language, locale, expected) in [
        (
            "de-DE,de;q=0.9",
            "de",
            crate::common::expected_wait("de", 7),
        ),
        ("zh-CN", "zh", crate::common::expected_wait("zh", 7)),
        ("fr", "fr", crate::common::expected_wait("fr", 7)),
    ] {
        let out = reply(
            agent
                .get(api.url("/api/incidents"))
                .header("Accept-Language", language)
                .call(),
        );
        assert_eq!(out.status, 429, "{language}");
        assert_eq!(
            out.json()["error"]["localizedMessage"],
            serde_json::json!({"locale": locale, "message": expected}),
            "{language}"
        );
        // The API's text and the header the client must obey are kept.
        assert_eq!(out.json()["error"]["message"], "Rate limit is exceeded.");
        assert_eq!(out.header("retry-after"), Some("7"), "{language}");
        assert_eq!(out.headers_all("vary"), ["Accept-Language"]);
    }
}

#[test]
fn the_layer_counts_the_wait_of_an_http_date_from_now() {
    let now = std::time::SystemTime::now();
    let date = httpdate::fmt_http_date(now + Duration::from_secs(90));
    let api = Server::start(throttling(date.clone()));
    let out = reply(
        client()
            .get(api.url("/api/incidents"))
            .header("Accept-Language", "de")
            .call(),
    );
    assert_eq!(out.status, 429);
    let message = out.json()["error"]["localizedMessage"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    // The date has whole seconds, and the answer took a moment.
    let wait = german_wait(&message);
    assert!((80..=90).contains(&wait), "{date}: {message}");
    // A date already past: a wait of 0, try again now.
    let past = httpdate::fmt_http_date(now - Duration::from_secs(90));
    let api = Server::start(throttling(past));
    let out = reply(
        client()
            .get(api.url("/api/incidents"))
            .header("Accept-Language", "de")
            .call(),
    );
    let message = out.json()["error"]["localizedMessage"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.ends_with("Versuchen Sie es jetzt erneut."),
        "{message}"
    );
}
