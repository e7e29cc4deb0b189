//! A bounded load run over 127.0.0.1 with wrk: `defender-errors proxy`
//! (`defender_errors_server::proxy` on the hardened `server::run`) beside a plain
//! pass-through proxy (the hand-written one of `examples/portal.rs`, without
//! the layer) served twice: by axum's own server, and by the same hardened
//! server as the proxy (so that the server's cost and the proxy's own are
//! told apart); all in front of the same stand-in Defender API, in one run.
//! No log subscriber is installed: nothing is logged by any of them.
//!
//! ```sh
//! apt-get install -y wrk
//! cargo bench --bench proxy                          # 5 s per endpoint, 32 connections, 5 rounds
//! cargo bench --bench proxy -- --seconds 3 --connections 16 --rounds 1
//! ```
//!
//! Each endpoint is loaded by `wrk -t1 -cC -dSs --latency` with
//! `Accept-Language: de`, turn by turn, for the rounds asked; the ratios of
//! each round are compared, and their median is the result, as the machine
//! is shared and one endpoint's turn may fall on a busy moment. Beside the
//! throughput it reports the CPU time the servers' process spent per request
//! (user and system, from `/proc/self/stat`; the stand-in API is in the same
//! process, the same for both proxies): a busy machine slows every request
//! down, but changes little what each one costs. Before the
//! load one request each checks the answer (the proxy's 404 localized, the
//! plain proxy's not). A socket error, or an answer of another status than
//! the endpoint's, is a failure, and the run fails if there is any.

#[allow(dead_code)]
#[path = "../../tower/examples/portal.rs"]
mod example;

use std::net::SocketAddr;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use defender_errors::Catalog;
use defender_errors_server as server;
use defender_errors_server::proxy::{Config, Proxy};
use tokio::net::TcpListener;

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What wrk said of one endpoint.
struct Load {
    requests: u64,
    per_second: f64,
    p50: String,
    p99: String,
    failed: u64,
}

/// Runs wrk against `url`; `error` when every answer should be 4xx/5xx.
fn wrk(url: &str, seconds: u64, connections: u64, error: bool) -> Load {
    let output = Command::new("wrk")
        .args([
            "-t1",
            &format!("-c{connections}"),
            &format!("-d{seconds}s"),
            "--latency",
        ])
        .args(["-H", "Accept-Language: de", url])
        .output()
        .expect("wrk runs (apt-get install -y wrk)");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let field = |prefix: &str| -> Option<&str> {
        text.lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix(prefix))
            .map(str::trim)
    };
    let requests: u64 = text
        .lines()
        .find(|l| l.contains("requests in"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("wrk's output: {text}"));
    let non_2xx: u64 =
        field("Non-2xx or 3xx responses:").map_or(0, |n| n.parse().unwrap_or(u64::MAX));
    let socket_errors: u64 = field("Socket errors:").map_or(0, |s| {
        s.split(',')
            .filter_map(|part| part.split_whitespace().last()?.parse::<u64>().ok())
            .sum()
    });
    let wrong_status = if error {
        requests - non_2xx.min(requests)
    } else {
        non_2xx
    };
    Load {
        requests,
        per_second: field("Requests/sec:")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0.0),
        p50: field("50%").unwrap_or("?").to_owned(),
        p99: field("99%").unwrap_or("?").to_owned(),
        failed: socket_errors + wrong_status,
    }
}

/// The CPU time this process has used, in seconds (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // After the command's name in parentheses: utime and stime are the 12th
    // and 13th fields, in clock ticks (100 a second on Linux).
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// One request with curl's stand-in, std's TcpStream: the body of the answer.
fn body_of(addr: SocketAddr, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("a connection");
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept-Language: de\r\nConnection: close\r\n\r\n"
    )
    .expect("the request is sent");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    answer
}

fn main() {
    let seconds = arg("--seconds", 5);
    let connections = arg("--connections", 32);
    let rounds = arg("--rounds", 5);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let (proxy, plain, hardened) = runtime.block_on(async {
        let bind = || TcpListener::bind("127.0.0.1:0");
        let (api, proxy, plain, hardened) = (
            bind().await.unwrap(),
            bind().await.unwrap(),
            bind().await.unwrap(),
            bind().await.unwrap(),
        );
        let api_addr = api.local_addr().unwrap();
        let addrs = (
            proxy.local_addr().unwrap(),
            plain.local_addr().unwrap(),
            hardened.local_addr().unwrap(),
        );
        let catalog = Arc::new(Catalog::new());
        tokio::spawn(async move { axum::serve(api, example::upstream()).await });
        let config = Config::new(format!("http://{api_addr}").parse().unwrap());
        let router = Proxy::new(&config, catalog.clone()).unwrap().router();
        tokio::spawn(async move {
            server::run(proxy, router, &config.server, std::future::pending()).await
        });
        let router = example::portal(catalog.clone(), api_addr, false);
        tokio::spawn(async move { axum::serve(plain, router).await });
        let router = example::portal(catalog, api_addr, false);
        tokio::spawn(async move {
            let settings = server::Config::default();
            server::run(hardened, router, &settings, std::future::pending()).await
        });
        addrs
    });
    let localized = body_of(proxy, "/api/machines/1");
    assert!(
        localized.starts_with("HTTP/1.1 404") && localized.contains("localizedMessage"),
        "{localized}"
    );
    for addr in [plain, hardened] {
        let bare = body_of(addr, "/api/machines/1");
        assert!(
            bare.starts_with("HTTP/1.1 404") && !bare.contains("localizedMessage"),
            "{bare}"
        );
    }

    println!(
        "wrk -t1 -c{connections} -d{seconds}s, Accept-Language: de, {rounds} round(s), on {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("| round | endpoint | requests | failed | requests/s | p50 | p99 | CPU µs/request |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|");
    let endpoints = [
        (
            "proxy: 404 envelope, localized",
            proxy,
            "/api/machines/1",
            true,
        ),
        ("plain proxy: 404 envelope", plain, "/api/machines/1", true),
        (
            "plain proxy on the server: 404 envelope",
            hardened,
            "/api/machines/1",
            true,
        ),
        ("proxy: 200 success", proxy, "/api/machines", false),
        ("plain proxy: 200 success", plain, "/api/machines", false),
        (
            "plain proxy on the server: 200 success",
            hardened,
            "/api/machines",
            false,
        ),
    ];
    // Per comparison (proxy / plain, proxy / plain on the server, on the
    // 404 and the 200): the rounds' throughput ratios, and CPU ratios.
    let mut rates_of: [Vec<f64>; 4] = Default::default();
    let mut cpu_of: [Vec<f64>; 4] = Default::default();
    let mut failed = 0;
    for round in 1..=rounds {
        let mut rates = [0.0f64; 6];
        let mut cpu = [0.0f64; 6];
        for (i, (name, addr, path, error)) in endpoints.iter().enumerate() {
            let before = cpu_seconds();
            let load = wrk(
                &format!("http://{addr}{path}"),
                seconds,
                connections,
                *error,
            );
            cpu[i] = (cpu_seconds() - before) / load.requests.max(1) as f64 * 1e6;
            println!(
                "| {round} | {name} | {} | {} | {:.0} | {} | {} | {:.1} |",
                load.requests, load.failed, load.per_second, load.p50, load.p99, cpu[i]
            );
            rates[i] = load.per_second;
            failed += load.failed;
        }
        for (k, (proxy, other)) in [(0, 1), (0, 2), (3, 4), (3, 5)].into_iter().enumerate() {
            rates_of[k].push(rates[proxy] / rates[other]);
            cpu_of[k].push(cpu[other] / cpu[proxy]);
        }
    }
    let median = |ratios: &mut Vec<f64>| {
        ratios.sort_by(f64::total_cmp);
        ratios[ratios.len() / 2]
    };
    let show = |ratios: &[f64]| {
        ratios
            .iter()
            .map(|r| format!("{r:.2}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let names = [
        "localized 404, beside the plain proxy",
        "localized 404, beside the plain proxy on the server",
        "200, beside the plain proxy",
        "200, beside the plain proxy on the server",
    ];
    for (k, name) in names.iter().enumerate() {
        println!(
            "{name}: throughput {:.2}× (rounds {}); the other's CPU per request / the proxy's {:.2}× (rounds {})",
            median(&mut rates_of[k].clone()),
            show(&rates_of[k]),
            median(&mut cpu_of[k].clone()),
            show(&cpu_of[k])
        );
    }
    runtime.shutdown_timeout(Duration::from_secs(1));
    assert_eq!(failed, 0, "failed requests");
}
