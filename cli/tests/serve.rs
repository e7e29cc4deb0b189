//! `defender-errors serve` as an operator runs it: the real binary, its
//! signals, its environment and its logs, over 127.0.0.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::TempDir;
use crate::servers::{client, reply};

/// The binary, started with `args` and `env`; its address (read from the
/// line it prints on standard output) and a thread collecting its logs.
/// `proxy`'s tests start it too.
pub struct Sidecar {
    child: Child,
    pub addr: String,
    logs: Option<std::thread::JoinHandle<String>>,
}

impl Sidecar {
    fn start(args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::command("serve", args, env)
    }

    /// `defender-errors COMMAND ARGS`, a server that prints its address.
    pub fn command(name: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::spawn(name, args, env, true)
    }

    /// [`command`](Self::command), with its standard error on a pipe that
    /// nobody reads: a log reader that stalls.
    fn with_stalled_logs(name: &str, args: &[&str]) -> Self {
        Self::spawn(name, args, &[], false)
    }

    fn spawn(name: &str, args: &[&str], env: &[(&str, &str)], read_logs: bool) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_defender-errors"));
        command.arg(name).args(args);
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut first = String::new();
        stdout.read_line(&mut first).expect("a line");
        let addr = first
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("{first}"))
            .to_owned();
        assert!(addr.starts_with("127.0.0.1:"), "loopback: {addr}");
        let logs = read_logs.then(|| {
            let mut stderr = child.stderr.take().expect("stderr");
            std::thread::spawn(move || {
                let mut text = String::new();
                let _ = stderr.read_to_string(&mut text);
                text
            })
        });
        Self { child, addr, logs }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([name, &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// Waits for the process to end (at most 20 s): its exit status, how
    /// long the wait was, and its logs.
    pub fn wait(mut self) -> (std::process::ExitStatus, Duration, String) {
        let started = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("a status") {
                break status;
            }
            if started.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                panic!("still running 20 s later");
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let waited = started.elapsed();
        let logs = self
            .logs
            .take()
            .map(|t| t.join().unwrap())
            .unwrap_or_default();
        (status, waited, logs)
    }
}

impl Drop for Sidecar {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const BODY: &str = r#"{"error":{"code":"NotFound","message":"x","target":"t"}}"#;

/// A reader of the logs that stalls (standard error on a pipe nobody reads,
/// full after 64 KiB) stalls no request: 3,000 are answered in turn, each
/// within 5 s, and the log lines the writer had to drop are counted in
/// `/metrics`.
#[test]
fn a_stalled_log_reader_stalls_no_request() {
    for command in ["serve", "proxy"] {
        let api;
        let mut args = vec!["--addr", "127.0.0.1:0", "--log-buffer-lines", "256"];
        let upstream;
        if command == "proxy" {
            api = crate::servers::Server::start(
                axum::Router::new().route("/api/alerts", axum::routing::get(|| async { "[]" })),
            );
            upstream = api.url("");
            args.extend(["--upstream", &upstream]);
        }
        let server = Sidecar::with_stalled_logs(command, &args);
        let path = if command == "proxy" {
            "/api/alerts"
        } else {
            "/healthz"
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(5)))
            .build()
            .into();
        for i in 0..3000 {
            let out = reply(agent.get(server.url(path)).call());
            assert_eq!(out.status, 200, "{command}: request {i}");
        }
        let metrics = reply(agent.get(server.url("/metrics")).call());
        let metrics = metrics.text();
        let dropped: u64 = metrics
            .lines()
            .find_map(|line| line.strip_prefix("defender_errors_log_lines_dropped_total "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("{command}: no count of dropped lines in {metrics}"));
        assert!(
            dropped > 0,
            "{command}: 3,000 lines through a 256-line buffer and a stalled pipe"
        );
    }
}

fn german(sidecar: &Sidecar) -> String {
    let out = reply(
        client()
            .post(sidecar.url("/localize"))
            .header("Content-Type", "application/json")
            .header("Accept-Language", "de")
            .send(BODY),
    );
    out.json()["error"]["localizedMessage"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[cfg(unix)]
#[test]
fn sighup_reloads_and_sigterm_stops() {
    let dir = TempDir::new("cli-serve");
    dir.write("de/errors.ftl", "NotFound = Alt.\n");
    let locales = dir.0.to_str().unwrap();
    let sidecar = Sidecar::start(
        &[
            "--addr",
            "127.0.0.1:0",
            "--reload-ms",
            "3600000",
            "--locales",
            locales,
        ],
        &[],
    );
    assert_eq!(german(&sidecar), "Alt.");
    dir.write("de/errors.ftl", "NotFound = Neu.\n");
    sidecar.signal("-HUP");
    let started = Instant::now();
    while german(&sidecar) != "Neu." {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no reload on SIGHUP"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    sidecar.signal("-TERM");
    let (status, _, logs) = sidecar.wait();
    assert!(status.success(), "{status}");
    assert!(logs.contains("reloaded the locale files"), "{logs}");
    assert!(logs.contains("shutting down"), "{logs}");
}

/// SIGTERM with requests half sent and one under way: the one under way
/// finishes, the half-sent ones are closed when the grace period ends, and
/// the process exits 0 within grace + 1 s.
#[cfg(unix)]
#[test]
fn sigterm_drains_within_the_grace_period() {
    let sidecar = Sidecar::start(&["--addr", "127.0.0.1:0", "--shutdown-grace", "2"], &[]);
    let addr = sidecar.addr.clone();
    let mut slow: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut stream = TcpStream::connect(&addr).unwrap();
            stream
                .write_all(b"POST /localize HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
            stream
        })
        .collect();
    let mut under_way = TcpStream::connect(&addr).unwrap();
    under_way
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    under_way
        .write_all(
            format!(
                "POST /localize HTTP/1.1\r\nHost: x\r\nAccept-Language: de\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                BODY.len()
            )
            .as_bytes(),
        )
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    sidecar.signal("-TERM");
    let signalled = Instant::now();
    std::thread::sleep(Duration::from_millis(500));
    under_way.write_all(BODY.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = under_way.read(&mut buf) {
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
    }
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.contains("Nicht gefunden") || answer.contains("\"locale\":\"de\""),
        "{answer}"
    );
    let (status, _, logs) = sidecar.wait();
    let took = signalled.elapsed();
    assert_eq!(status.code(), Some(0), "{logs}");
    assert!(took < Duration::from_secs(3), "exit {took:?} after SIGTERM");
    assert!(
        took >= Duration::from_millis(1900),
        "the half-sent requests had their grace: {took:?}"
    );
    // The half-sent requests were closed, with no answer.
    for stream in &mut slow {
        stream
            .set_read_timeout(Some(Duration::from_secs(1)))
            .unwrap();
        let mut rest = Vec::new();
        let _ = stream.read_to_end(&mut rest);
        assert!(rest.is_empty(), "{}", String::from_utf8_lossy(&rest));
    }
    assert!(logs.contains("grace period is over"), "{logs}");
}

/// Every setting from the environment, and the logs as JSON lines.
#[test]
fn the_environment_configures_it_and_logs_are_json() {
    let sidecar = Sidecar::start(
        &[],
        &[
            ("DEFENDER_ERRORS_ADDR", "127.0.0.1:0"),
            ("DEFENDER_ERRORS_SERVE_MAX_BODY", "100"),
            ("DEFENDER_ERRORS_MESSAGES_MAX_AGE", "42"),
            ("DEFENDER_ERRORS_LOG_FORMAT", "json"),
            ("DEFENDER_ERRORS_RETRY_AFTER", "7"),
            ("DEFENDER_ERRORS_MAX_IN_FLIGHT", "1"),
        ],
    );
    let agent = client();
    let large = reply(
        agent
            .post(sidecar.url("/localize"))
            .header("Content-Type", "application/json")
            .header("x-request-id", "env-test-1")
            .send("x".repeat(300)),
    );
    assert_eq!(large.status, 413);
    assert_eq!(large.json()["error"]["code"], "PayloadTooLarge");
    let messages = reply(agent.get(sidecar.url("/messages/fr")).call());
    assert_eq!(messages.header("cache-control"), Some("public, max-age=42"));
    // One request at a time: the /metrics request itself is the one.
    let metrics = reply(agent.get(sidecar.url("/metrics")).call());
    assert!(metrics
        .text()
        .contains("defender_errors_http_requests_in_flight 1"));
    sidecar.signal("-TERM");
    let (status, _, logs) = sidecar.wait();
    assert!(status.success());
    let request = logged_request(&logs, "env-test-1");
    assert_eq!(request["fields"]["status"], 413);
    assert_eq!(request["span"]["method"], "POST");
    assert_eq!(request["span"]["path"], "/localize");
    assert!(request["fields"]["latency_ms"].is_number());
}

/// The log line of the request `id`, from logs that must all be JSON lines.
pub fn logged_request(logs: &str, id: &str) -> serde_json::Value {
    logs.lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap_or_else(|_| panic!("not JSON: {l}"))
        })
        .find(|l| l["span"]["request_id"] == id)
        .unwrap_or_else(|| panic!("no line of {id}: {logs}"))
}

/// The settings of the server under `serve` and `proxy`, with their
/// defaults.
pub const SERVER_SETTINGS: [(&str, &str); 8] = [
    ("DEFENDER_ERRORS_MAX_HEADER_BYTES", "16384"),
    ("DEFENDER_ERRORS_HEADER_READ_TIMEOUT", "10"),
    ("DEFENDER_ERRORS_MAX_CONNECTIONS", "1024"),
    ("DEFENDER_ERRORS_MAX_IN_FLIGHT", "256"),
    ("DEFENDER_ERRORS_RETRY_AFTER", "1"),
    ("DEFENDER_ERRORS_SHUTDOWN_GRACE", "10"),
    ("DEFENDER_ERRORS_LOG_FORMAT", "text"),
    ("DEFENDER_ERRORS_LOG_LEVEL", "info"),
];

/// Asserts that `defender-errors COMMAND --help` shows each variable, and
/// right after it its default (none for an empty one).
pub fn assert_help_lists(command: &str, settings: &[(&str, &str)]) {
    let output = Command::new(env!("CARGO_BIN_EXE_defender-errors"))
        .args([command, "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    for &(variable, default) in settings {
        assert!(
            help.contains(&format!("[env: {variable}=]")),
            "{command}: {variable}"
        );
        if !default.is_empty() {
            let after = help.split(&format!("[env: {variable}=]")).nth(1).unwrap();
            assert!(
                after
                    .trim_start()
                    .starts_with(&format!("[default: {default}]")),
                "{command}: {variable}: {after}"
            );
        }
    }
}

#[test]
fn help_shows_every_setting_with_its_variable_and_default() {
    assert_help_lists("serve", &SERVER_SETTINGS);
    assert_help_lists(
        "serve",
        &[
            ("DEFENDER_ERRORS_ADDR", "127.0.0.1:8080"),
            ("DEFENDER_ERRORS_LOCALES", ""),
            ("DEFENDER_ERRORS_SERVE_MAX_BODY", "65536"),
            ("DEFENDER_ERRORS_SERVE_REQUEST_TIMEOUT", "10"),
            ("DEFENDER_ERRORS_RELOAD_MS", "1000"),
            ("DEFENDER_ERRORS_MESSAGES_MAX_AGE", "300"),
        ],
    );
}
