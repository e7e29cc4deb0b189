//! `defender-errors proxy` as an operator runs it: the real binary on the
//! hardened server, configured from the environment, with its logs, request
//! ids, probes and metrics, its limits, and SIGTERM with a request under way.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::serve::{assert_help_lists, logged_request, Sidecar, SERVER_SETTINGS};
use crate::servers::{client, reply, Server};

/// The stand-in API: the article's 404 envelope, and a success that takes
/// a second.
fn api() -> Router {
    Router::new()
        .route(
            "/api/machines/{id}",
            get(|| async {
                (
                    StatusCode::NOT_FOUND,
                    [(header::CONTENT_TYPE, "application/json")],
                    r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08"}}"#,
                )
                    .into_response()
            }),
        )
        .route(
            "/api/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(1)).await;
                "done"
            }),
        )
}

/// `defender-errors proxy` in front of `api`, with `args` and `env`.
fn proxy(api: &Server, args: &[&str], env: &[(&str, &str)]) -> Sidecar {
    let upstream = api.url("");
    let mut all = vec!["--upstream", upstream.as_str(), "--addr", "127.0.0.1:0"];
    all.extend_from_slice(args);
    Sidecar::command("proxy", &all, env)
}

#[cfg(unix)]
#[test]
fn proxy_from_the_environment_localizes_logs_and_stops_on_sigterm() {
    let api = Server::start(api());
    let sidecar = Sidecar::command(
        "proxy",
        &[],
        &[
            ("DEFENDER_ERRORS_UPSTREAM", &api.url("")),
            ("DEFENDER_ERRORS_PROXY_ADDR", "127.0.0.1:0"),
            ("DEFENDER_ERRORS_UPSTREAM_TIMEOUT", "5"),
            ("DEFENDER_ERRORS_PROXY_REQUEST_TIMEOUT", "8"),
            ("DEFENDER_ERRORS_PROXY_MAX_BODY", "100"),
            ("DEFENDER_ERRORS_LOG_FORMAT", "json"),
            ("DEFENDER_ERRORS_RETRY_AFTER", "7"),
            ("DEFENDER_ERRORS_MAX_IN_FLIGHT", "1"),
        ],
    );
    let agent = client();
    let out = reply(
        agent
            .get(sidecar.url("/api/machines/123123123"))
            .header("Accept-Language", "da")
            .header("x-request-id", "proxy-env-1")
            .call(),
    );
    assert_eq!(out.status, 404);
    assert_eq!(out.json()["error"]["target"], "43f4cb08");
    assert_eq!(out.json()["error"]["localizedMessage"]["locale"], "da");
    assert_eq!(out.header("x-request-id"), Some("proxy-env-1"));

    // The body limit from the environment: 413 in the JSON shape, before
    // anything reaches the upstream.
    let large = reply(
        agent
            .post(sidecar.url("/api/indicators"))
            .header("Content-Type", "application/json")
            .send("x".repeat(300)),
    );
    assert_eq!(large.status, 413);
    assert_eq!(large.json()["error"]["code"], "PayloadTooLarge");
    // A request id made when the client sends none.
    let made = large.header("x-request-id").unwrap_or_default();
    let (prefix, number) = made.split_once('-').unwrap_or_default();
    assert!(
        prefix.len() == 16 && number.parse::<u64>().is_ok(),
        "a random prefix and a number: {made}"
    );

    // One request at a time: the /metrics request itself is the one.
    let metrics = reply(agent.get(sidecar.url("/metrics")).call());
    let metrics = metrics.text();
    assert!(
        metrics.contains("defender_errors_http_requests_in_flight 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains(
            r#"defender_errors_localized_responses_total{locale="da",fallback="false"} 1"#
        ),
        "{metrics}"
    );
    assert!(
        metrics.contains("defender_errors_proxy_upstream_unreachable_total 0"),
        "{metrics}"
    );

    sidecar.signal("-TERM");
    let (status, _, logs) = sidecar.wait();
    assert!(status.success(), "{status}");
    let request = logged_request(&logs, "proxy-env-1");
    assert_eq!(request["fields"]["status"], 404);
    assert_eq!(request["fields"]["locale"], "da");
    assert_eq!(request["fields"]["route"], "/{*path}");
    assert_eq!(request["span"]["path"], "/api/machines/123123123");
    assert!(request["fields"]["latency_ms"].is_number());
    assert_eq!(logged_request(&logs, made)["fields"]["status"], 413);
}

/// SIGTERM with a request under way at the upstream: it completes, and the
/// process exits 0 within the grace period and a second.
#[cfg(unix)]
#[test]
fn sigterm_lets_a_request_under_way_finish() {
    let api = Server::start(api());
    let sidecar = proxy(&api, &["--shutdown-grace", "3"], &[]);
    let url = sidecar.url("/api/slow");
    let under_way = std::thread::spawn(move || reply(client().get(url).call()));
    std::thread::sleep(Duration::from_millis(300));
    sidecar.signal("-TERM");
    let signalled = Instant::now();
    let out = under_way.join().unwrap();
    assert_eq!(out.status, 200);
    assert_eq!(out.text(), "done");
    let (status, _, logs) = sidecar.wait();
    let took = signalled.elapsed();
    assert_eq!(status.code(), Some(0), "{logs}");
    assert!(took < Duration::from_secs(4), "exit {took:?} after SIGTERM");
    assert!(logs.contains("shutting down"), "{logs}");
}

/// A client that sends half a request head is closed after the header read
/// timeout, with no request forwarded.
#[test]
fn a_half_sent_request_is_closed_by_the_header_read_timeout() {
    let api = Server::start(api());
    let sidecar = proxy(&api, &["--header-read-timeout", "1"], &[]);
    let mut stream = TcpStream::connect(&sidecar.addr).unwrap();
    stream
        .write_all(b"GET /api/machines/1 HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    // Ends (EOF, or a reset) when the proxy closes it; else the read times
    // out after 10 s.
    let _ = stream.read_to_end(&mut rest);
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(800) && took < Duration::from_secs(5),
        "closed after {took:?}"
    );
    assert!(
        !String::from_utf8_lossy(&rest).contains("localizedMessage"),
        "nothing forwarded"
    );
}

#[test]
fn readyz_names_the_upstream_and_healthz_answers() {
    let api = Server::start(api());
    let sidecar = proxy(&api, &[], &[]);
    let ready = reply(client().get(sidecar.url("/readyz")).call());
    assert_eq!(ready.status, 200);
    assert_eq!(ready.json()["status"], "ready");
    assert_eq!(ready.json()["upstream"], api.url("/"));
    let live = reply(client().get(sidecar.url("/healthz")).call());
    assert_eq!(live.status, 200);
    assert_eq!(live.json()["status"], "ok");
}

#[test]
fn proxy_refuses_an_upstream_it_cannot_forward_to() {
    for (upstream, says) in [
        ("ftp://example.com", "only http:// and https://"),
        ("http://127.0.0.1:9/api?x=1", "a query"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_defender-errors"))
            .args(["proxy", "--upstream", upstream, "--addr", "127.0.0.1:0"])
            .output()
            .expect("the binary runs");
        assert_eq!(output.status.code(), Some(2), "{upstream}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("error: --upstream "), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

/// An upstream timeout the server's own request time would cut short is
/// refused at start.
#[test]
fn proxy_refuses_an_upstream_timeout_longer_than_a_request() {
    let output = Command::new(env!("CARGO_BIN_EXE_defender-errors"))
        .args([
            "proxy",
            "--upstream",
            "http://127.0.0.1:9",
            "--addr",
            "127.0.0.1:0",
        ])
        .args(["--upstream-timeout", "30", "--request-timeout", "10"])
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(
            "error: --upstream-timeout 30s must be shorter than --request-timeout 10s"
        ),
        "{stderr}"
    );
    // A value nobody typed: the error says where each came from.
    let output = Command::new(env!("CARGO_BIN_EXE_defender-errors"))
        .args(["proxy", "--upstream", "http://127.0.0.1:9"])
        .env("DEFENDER_ERRORS_PROXY_REQUEST_TIMEOUT", "10")
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: --upstream-timeout 30s (the default) must be shorter than --request-timeout \
         10s (from DEFENDER_ERRORS_PROXY_REQUEST_TIMEOUT), or a silent upstream gets 408 \
         instead of 504\n"
    );
}

/// `serve` and `proxy` read their body limit and request time under names
/// of their own: a value meant for one never reaches the other, a bad
/// value names its variable, and one set under the old shared name is
/// refused with the new names rather than ignored.
#[test]
fn each_command_has_its_own_variables_and_errors_name_them() {
    let run = |command: &str, env: (&str, &str)| {
        let mut args = vec![command, "--addr", "127.0.0.1:0"];
        if command == "proxy" {
            args.extend(["--upstream", "http://127.0.0.1:9"]);
        }
        let output = Command::new(env!("CARGO_BIN_EXE_defender-errors"))
            .args(&args)
            .env(env.0, env.1)
            .output()
            .expect("the binary runs");
        assert_eq!(output.status.code(), Some(2), "{command} {env:?}");
        String::from_utf8(output.stderr).unwrap()
    };
    for (command, variable) in [
        ("serve", "DEFENDER_ERRORS_SERVE_MAX_BODY"),
        ("proxy", "DEFENDER_ERRORS_PROXY_MAX_BODY"),
    ] {
        let stderr = run(command, (variable, "lots"));
        assert!(
            stderr.starts_with(&format!(
                "error: invalid value 'lots' in the environment variable {variable} (the value \
                 of --max-body <BYTES>): invalid digit found in string"
            )),
            "{stderr}"
        );
    }
    let stderr = run("proxy", ("DEFENDER_ERRORS_LOG_FORMAT", "yaml"));
    assert!(
        stderr.contains("in the environment variable DEFENDER_ERRORS_LOG_FORMAT"),
        "{stderr}"
    );
    for command in ["serve", "proxy"] {
        let stderr = run(command, ("DEFENDER_ERRORS_REQUEST_TIMEOUT", "5"));
        assert_eq!(
            stderr,
            "error: DEFENDER_ERRORS_REQUEST_TIMEOUT is no longer read, since serve and proxy \
             took it with different defaults: set DEFENDER_ERRORS_SERVE_REQUEST_TIMEOUT for \
             serve, DEFENDER_ERRORS_PROXY_REQUEST_TIMEOUT for proxy\n"
        );
    }
    let stderr = run("serve", ("DEFENDER_ERRORS_MAX_BODY", "100"));
    assert!(
        stderr.contains("set DEFENDER_ERRORS_SERVE_MAX_BODY for serve"),
        "{stderr}"
    );
}

#[test]
fn help_shows_every_setting_with_its_variable_and_default() {
    assert_help_lists("proxy", &SERVER_SETTINGS);
    assert_help_lists(
        "proxy",
        &[
            ("DEFENDER_ERRORS_UPSTREAM", ""),
            ("DEFENDER_ERRORS_PROXY_ADDR", "127.0.0.1:8081"),
            ("DEFENDER_ERRORS_UPSTREAM_TIMEOUT", "30"),
            ("DEFENDER_ERRORS_UPSTREAM_CA", ""),
            ("DEFENDER_ERRORS_PROXY_MAX_BODY", "16777216"),
            ("DEFENDER_ERRORS_PROXY_REQUEST_TIMEOUT", "60"),
        ],
    );
}
