//! The `serve` sidecar over real loopback sockets: its endpoints, its JSON
//! errors and limits, a reload under load, and a bounded load run.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use defender_errors_server::serve::{serve, Config};

use crate::common::TempDir;
use crate::servers::{client, reply, Server};

fn start(config: Config) -> Server {
    Server::start_with(move |listener, stopped| async move {
        serve(listener, config, async {
            let _ = stopped.await;
        })
        .await
        .expect("the sidecar runs");
    })
}

const HASH_BODY: &str = r#"{"error":{"code":"InvalidHashValue","message":"Hash value abc is invalid.","target":"43f4cb08"}}"#;

#[test]
fn localize_messages_and_healthz() {
    let server = start(Config::default());
    let agent = client();
    let post = |query: &str, lang: &str, body: &str| {
        reply(
            agent
                .post(server.url(&format!("/localize{query}")))
                .header("Content-Type", "application/json")
                .header("Accept-Language", lang)
                .send(body),
        )
    };

    let out = post("", "de-CH, en;q=0.5", HASH_BODY);
    assert_eq!(out.status, 200);
    assert_eq!(out.header("content-type"), Some("application/json"));
    assert_eq!(out.header("content-language"), Some("de"));
    assert_eq!(out.header("vary"), Some("Accept-Language"));
    assert_eq!(out.json()["error"]["target"], "43f4cb08");
    assert_eq!(
        out.json()["error"]["localizedMessage"]["message"],
        "Der Hashwert abc ist ungültig."
    );
    // An unknown code gets the generic message of the status it came with.
    let unknown = r#"{"error":{"code":"QuotaExceeded","message":"Too many","target":"t"}}"#;
    let out = post("?status=404", "fr", unknown);
    assert_eq!(
        out.json()["error"]["localizedMessage"]["message"],
        "L’élément demandé est introuvable."
    );

    let messages = reply(agent.get(server.url("/messages/zh-CN")).call());
    assert_eq!(messages.status, 200);
    assert_eq!(messages.header("content-language"), Some("zh-Hans"));
    let json = messages.json();
    assert_eq!(json["locale"], "zh");
    let all = json["messages"].as_object().unwrap();
    assert_eq!(all.len(), 20);
    let batch = &all["MaximumBatchSizeExceeded"];
    assert_eq!(batch["status"], 400);
    assert!(batch["message"]
        .as_str()
        .unwrap()
        .contains("{$batch_size_received}"));
    assert!(batch["generic"].is_string());
    assert!(all["Unauthorized"]["note"].is_string());
    assert!(all["BadRequest"].get("generic").is_none());

    let health = reply(agent.get(server.url("/healthz")).call());
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["status"], "ok");
}

#[test]
fn bad_requests_get_clear_json_errors() {
    let mut config = Config::default();
    config.server.body_bytes = 1024;
    config.server.header_bytes = 2048;
    let server = start(config);
    let agent = client();
    let post = |content_type: Option<&str>, body: &str| {
        let mut request = agent.post(server.url("/localize"));
        if let Some(content_type) = content_type {
            request = request.header("Content-Type", content_type);
        }
        reply(request.send(body))
    };
    let json = Some("application/json");
    let cases: Vec<(u16, &str, &str, crate::servers::Reply)> = vec![
        (
            400,
            "InvalidRequestBody",
            "not valid JSON",
            post(json, "{\"error\":"),
        ),
        (
            400,
            "InvalidRequestBody",
            "not a Defender error",
            post(json, "[1,2]"),
        ),
        (
            400,
            "InvalidRequestBody",
            "error.code must be a string",
            post(json, r#"{"error":{"code":7}}"#),
        ),
        (
            415,
            "UnsupportedMediaType",
            "application/json",
            post(None, HASH_BODY),
        ),
        (
            415,
            "UnsupportedMediaType",
            "application/json",
            post(Some("text/plain"), HASH_BODY),
        ),
        (
            413,
            "PayloadTooLarge",
            "too large",
            post(json, &"x".repeat(5000)),
        ),
        (
            400,
            "InvalidQuery",
            "status must be",
            reply(
                agent
                    .post(server.url("/localize?status=9999"))
                    .header("Content-Type", "application/json")
                    .send(HASH_BODY),
            ),
        ),
        (
            431,
            "RequestHeaderFieldsTooLarge",
            "at most 2048",
            reply(
                agent
                    .get(server.url("/healthz"))
                    .header("X-Padding", "p".repeat(4000))
                    .call(),
            ),
        ),
        (
            404,
            "NotFound",
            "no locale matches 'tlh'",
            reply(agent.get(server.url("/messages/tlh")).call()),
        ),
        (
            404,
            "NotFound",
            "no such endpoint",
            reply(agent.get(server.url("/nope")).call()),
        ),
        (
            405,
            "MethodNotAllowed",
            "method",
            reply(agent.get(server.url("/localize")).call()),
        ),
    ];
    for (status, code, reason, out) in cases {
        assert_eq!(out.status, status, "{code}: {}", out.text());
        assert_eq!(
            out.header("content-type"),
            Some("application/json"),
            "{code}"
        );
        let error = &out.json()["error"];
        assert_eq!(error["code"], code);
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(reason), "{code}: {message}");
    }
}

/// Replaces `dir/<locale>/errors.ftl` whole, as an editor saves a file.
fn save(dir: &Path, locale: &str, text: &str) {
    let folder = dir.join(locale);
    std::fs::create_dir_all(&folder).unwrap();
    let temporary = folder.join("errors.ftl.new");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, folder.join("errors.ftl")).unwrap();
}

fn localized(agent: &ureq::Agent, server: &Server, code: &str) -> Result<String, String> {
    let body = format!(r#"{{"error":{{"code":"{code}","message":"x","target":"t"}}}}"#);
    let out = reply(
        agent
            .post(server.url("/localize"))
            .header("Content-Type", "application/json")
            .header("Accept-Language", "de")
            .send(&body),
    );
    if out.status != 200 {
        return Err(format!("{}: {}", out.status, out.text()));
    }
    Ok(out.json()["error"]["localizedMessage"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

#[test]
fn a_reload_under_load_swaps_the_whole_catalog() {
    let dir = TempDir::new("serve-reload");
    save(&dir.0, "de", "NotFound = Alt.\nForbidden = Alt verboten.\n");
    let mut config = Config::default();
    config.locales = Some(dir.0.clone());
    config.reload_every = Duration::from_millis(20);
    let server = Arc::new(start(config));
    let agent = client();
    assert_eq!(
        localized(&agent, &server, "NotFound").as_deref(),
        Ok("Alt.")
    );

    // Four clients ask, each at most 3,000 times, while the file changes.
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let server = server.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let agent = client();
                let mut seen = Vec::new();
                for _ in 0..3_000 {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let pair = (
                        localized(&agent, &server, "NotFound"),
                        localized(&agent, &server, "Forbidden"),
                    );
                    seen.push(pair);
                }
                seen
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    save(&dir.0, "de", "NotFound = Neu.\nForbidden = Neu verboten.\n");
    let started = Instant::now();
    while localized(&agent, &server, "NotFound").as_deref() != Ok("Neu.") {
        assert!(started.elapsed() < Duration::from_secs(20), "no reload");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(100));
    stop.store(true, Ordering::Relaxed);
    let mut answers = 0;
    for client in clients {
        let seen = client.join().unwrap();
        let mut new = false;
        for (not_found, forbidden) in seen {
            answers += 2;
            let not_found = not_found.expect("never an error");
            let forbidden = forbidden.expect("never an error");
            assert!(not_found == "Alt." || not_found == "Neu.", "{not_found}");
            assert!(
                forbidden == "Alt verboten." || forbidden == "Neu verboten.",
                "{forbidden}"
            );
            // Each client's requests are one after the other: once it has
            // seen the new catalog, it never sees the old one again.
            if not_found == "Neu." {
                new = true;
            }
            if new {
                assert_eq!(forbidden, "Neu verboten.");
            }
        }
    }
    assert!(answers > 0);

    // A file that breaks a message keeps that message's last good version.
    save(
        &dir.0,
        "de",
        "NotFound = { $nope\nForbidden = Ganz neu verboten.\n",
    );
    let started = Instant::now();
    while localized(&agent, &server, "Forbidden").as_deref() != Ok("Ganz neu verboten.") {
        assert!(started.elapsed() < Duration::from_secs(20), "no reload");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(
        localized(&agent, &server, "NotFound").as_deref(),
        Ok("Neu.")
    );
}

#[test]
fn a_bounded_load_run_has_no_failed_requests() {
    let server = Arc::new(start(Config::default()));
    let (connections, per_connection) = (16, 125);
    let clients: Vec<_> = (0..connections)
        .map(|i| {
            let server = server.clone();
            std::thread::spawn(move || {
                let agent = client();
                let languages = ["de", "fr", "zh-CN", "nl", "da", "en"];
                let mut failed = 0;
                for n in 0..per_connection {
                    let out = reply(
                        agent
                            .post(server.url("/localize"))
                            .header("Content-Type", "application/json")
                            .header("Accept-Language", languages[(i + n) % languages.len()])
                            .send(HASH_BODY),
                    );
                    if out.status != 200 || out.json()["error"]["localizedMessage"].is_null() {
                        failed += 1;
                    }
                }
                failed
            })
        })
        .collect();
    let failed: usize = clients.into_iter().map(|c| c.join().unwrap()).sum();
    assert_eq!(failed, 0, "of {} requests", connections * per_connection);
}
