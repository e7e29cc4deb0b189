//! Throttling through the proxy: an upstream's 429 with its wait, and the
//! proxy's own 502, localized.

/// Through the proxy, on the hardened server as the `proxy` command runs it:
/// an upstream's 429 is told with the wait of its `Retry-After`, and the
/// proxy's own 502 is localized like any upstream error.
mod through_the_proxy {
    use std::sync::Arc;

    use axum::body::Body;
    use axum::routing::get;
    use axum::Router;
    use defender_errors::Catalog;
    use defender_errors_server as server;
    use defender_errors_server::proxy::{Config, Proxy};
    use http::{HeaderValue, StatusCode};

    use crate::servers::{client, reply, Server};
    use crate::upstreams::{answer, unreachable_upstream};

    /// The proxy to `upstream`, served by [`server::run`].
    fn proxy_to(upstream: &str) -> Server {
        let proxy = Proxy::new(
            &Config::new(upstream.parse().unwrap()),
            Arc::new(Catalog::new()),
        )
        .unwrap();
        let router = proxy.router();
        Server::start_with(move |listener, stopped| async move {
            server::run(listener, router, &server::Config::default(), async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        })
    }

    #[test]
    fn a_429_is_told_with_the_wait_of_its_retry_after() {
        let api = Server::start(Router::new().route(
            "/api/alerts",
            get(|| async {
                let mut response = answer(
                    StatusCode::TOO_MANY_REQUESTS,
                    &[("content-type", "application/json")],
                    Body::from(
                        r#"{"error":{"code":"TooManyRequests","message":"Rate limit is exceeded.","target":"t-7"}}"#,
                    ),
                );
                response
                    .headers_mut()
                    .insert("retry-after", HeaderValue::from_static("7"));
                response
            }),
        ));
        let proxy = proxy_to(&api.url(""));
        let agent = client();
        for (language, expected) in [
            ("de", crate::common::expected_wait("de", 7)),
            ("da", crate::common::expected_wait("da", 7)),
        ] {
            let out = reply(
                agent
                    .get(proxy.url("/api/alerts"))
                    .header("Accept-Language", language)
                    .call(),
            );
            assert_eq!(out.status, 429, "{language}");
            let error = &out.json()["error"];
            assert_eq!(error["localizedMessage"]["message"], expected, "{language}");
            assert_eq!(error["target"], "t-7");
            assert_eq!(out.header("retry-after"), Some("7"));
            assert_eq!(out.header("content-language"), Some(language));
        }
    }

    #[test]
    fn the_proxys_502_is_localized() {
        let closed = unreachable_upstream();
        let proxy = proxy_to(&format!("http://{closed}"));
        let catalog = Catalog::new();
        for locale in ["fr", "nl"] {
            let out = reply(
                client()
                    .get(proxy.url("/api/machines"))
                    .header("Accept-Language", locale)
                    .call(),
            );
            assert_eq!(out.status, 502);
            let error = &out.json()["error"];
            assert_eq!(error["code"], "BadGateway");
            let (used, expected) = catalog
                .generic_message(catalog.negotiate(locale).locale, 502, None)
                .unwrap();
            assert_eq!(used, locale);
            assert_eq!(
                error["localizedMessage"],
                serde_json::json!({"locale": locale, "message": expected}),
                "{locale}"
            );
            assert_ne!(error["message"], error["localizedMessage"]["message"]);
            assert_eq!(out.header("content-language"), Some(locale));
            assert_eq!(out.headers_all("vary"), ["Accept-Language"]);
        }
    }
}
