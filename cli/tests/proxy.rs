//! `defender-errors proxy` as an operator starts it: configured from the
//! environment, it prints where it listens, localizes the upstream's errors
//! and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::servers::{client, reply, Server};

fn api() -> Router {
    Router::new().route(
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
}

#[cfg(unix)]
#[test]
fn proxy_from_the_environment_localizes_and_stops_on_sigterm() {
    let api = Server::start(api());
    let mut child = Command::new(env!("CARGO_BIN_EXE_defender-errors"))
        .arg("proxy")
        .env("DEFENDER_ERRORS_UPSTREAM", api.url(""))
        .env("DEFENDER_ERRORS_PROXY_ADDR", "127.0.0.1:0")
        .env("DEFENDER_ERRORS_UPSTREAM_TIMEOUT", "5")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut first = String::new();
    stderr.read_line(&mut first).expect("a line");
    let addr = first
        .trim()
        .strip_prefix("listening on http://")
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_else(|| panic!("{first}"))
        .to_owned();
    assert!(addr.starts_with("127.0.0.1:"), "loopback: {addr}");

    let out = reply(
        client()
            .get(format!("http://{addr}/api/machines/123123123"))
            .header("Accept-Language", "da")
            .call(),
    );
    assert_eq!(out.status, 404);
    assert_eq!(out.json()["error"]["target"], "43f4cb08");
    assert_eq!(out.json()["error"]["localizedMessage"]["locale"], "da");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("a status") {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
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
