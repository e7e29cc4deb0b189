//! A wait of zero through the layer, over a real loopback socket with a real
//! HTTP client: an upstream 429 with `Retry-After: 0` ("now"), or whose
//! English says "Try again in 0 seconds.", reads "try again now" in every
//! locale, never "in 0 seconds". Self-contained: its own upstream, server
//! and client.

use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use defender_errors::Catalog;
use defender_errors_tower::LocalizeLayer;

/// The end of each locale's message for a wait of 0.
const NOW: [(&str, &str); 6] = [
    ("en", "Try again now."),
    ("nl", "Probeer het nu opnieuw."),
    ("da", "Prøv igen nu."),
    ("de", "Versuchen Sie es jetzt erneut."),
    ("zh", "请立即重试。"),
    ("fr", "Réessayez maintenant."),
];

/// The API's 429: the wait in the header, or in the English text.
fn api() -> Router {
    let envelope = |message: &str| {
        format!(r#"{{"error":{{"code":"TooManyRequests","message":"{message}","target":"t-0"}}}}"#)
    };
    let in_header = envelope("Rate limit is exceeded. Try again in 12 seconds.");
    let in_body = envelope("Rate limit is exceeded. Try again in 0 seconds.");
    const JSON: (header::HeaderName, &str) = (header::CONTENT_TYPE, "application/json");
    Router::new()
        .route(
            "/header",
            get(move || async move {
                // The header is what the client must obey: it comes before the body's 12.
                let headers = [JSON, (header::RETRY_AFTER, "0")];
                (StatusCode::TOO_MANY_REQUESTS, headers, in_header).into_response()
            }),
        )
        .route(
            "/body",
            get(move || async move {
                (StatusCode::TOO_MANY_REQUESTS, [JSON], in_body).into_response()
            }),
        )
        .layer(LocalizeLayer::new(Arc::new(Catalog::new())))
}

#[test]
fn a_wait_of_zero_reads_now_through_the_layer() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("a loopback port");
    let addr = listener.local_addr().expect("its address");
    runtime.spawn(async move { axum::serve(listener, api()).await });
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    for path in ["/header", "/body"] {
        for (locale, now) in NOW {
            let mut response = agent
                .get(format!("http://{addr}{path}"))
                .header("Accept-Language", locale)
                .call()
                .expect("an answer");
            assert_eq!(response.status(), 429, "{path} {locale}");
            let body: serde_json::Value = response.body_mut().read_json().expect("JSON");
            let localized = &body["error"]["localizedMessage"];
            assert_eq!(localized["locale"], locale, "{path}");
            let message = localized["message"].as_str().expect("a message");
            assert!(message.ends_with(now), "{path} {locale}: {message:?}");
            assert!(
                !message.contains(['0', '2']),
                "{path} {locale}: {message:?}"
            );
            // The API's own text is kept.
            assert!(body["error"]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("Rate limit is exceeded.")));
        }
    }
    runtime.shutdown_timeout(Duration::from_secs(5));
}
