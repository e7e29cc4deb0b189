//! A bounded load run over 127.0.0.1: the `serve` sidecar's `POST
//! /localize`, and a portal proxying the stand-in Defender API of
//! `examples/portal.rs` with and without `LocalizeLayer`, so that the layer's
//! cost over a plain pass-through proxy shows in the same run.
//!
//! ```sh
//! cargo bench --bench portal                       # 20,000 requests over 64 connections each
//! cargo bench --bench portal -- --requests 2000 --connections 16 --slow-headers 500
//! ```
//!
//! The sidecar is measured twice: alone, and while `--slow-headers`
//! connections (500 by default) each hold half a request head open, as a
//! slow or hostile client does; its p99 should not rise by more than 2×.
//!
//! Each connection is a thread with its own keep-alive client (ureq); every
//! run stops after its requests. A failed request (an error, or not the
//! expected status and localized body) is counted, and the run fails if any.

#[allow(dead_code)]
#[path = "../../tower/examples/portal.rs"]
mod example;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use defender_errors::Catalog;
use defender_errors_server::serve::{serve, Config};
use tokio::net::TcpListener;

const HASH_BODY: &str = r#"{"error":{"code":"InvalidHashValue","message":"Hash value abc is invalid.","target":"43f4cb08"}}"#;
const LANGUAGES: [&str; 6] = ["de", "fr", "zh-CN", "nl", "da", "en"];

/// One kind of request, and how to tell that its answer is right.
#[derive(Clone, Copy)]
enum Target {
    /// `POST /localize` on the sidecar.
    Sidecar,
    /// `GET /api/machines/1` on a proxy: a 404 envelope from the API.
    Proxy { localized: bool },
}

struct Run {
    name: &'static str,
    failed: usize,
    seconds: f64,
    latencies: Vec<Duration>,
}

fn load(
    addr: SocketAddr,
    target: Target,
    requests: usize,
    connections: usize,
) -> (Vec<Duration>, usize) {
    let per_connection = requests.div_ceil(connections);
    let threads: Vec<_> = (0..connections)
        .map(|i| {
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(30)))
                    .build()
                    .into();
                let mut latencies = Vec::with_capacity(per_connection);
                let mut failed = 0;
                for n in 0..per_connection {
                    let language = LANGUAGES[(i + n) % LANGUAGES.len()];
                    let started = Instant::now();
                    let ok = match target {
                        Target::Sidecar => agent
                            .post(format!("http://{addr}/localize"))
                            .header("Content-Type", "application/json")
                            .header("Accept-Language", language)
                            .send(HASH_BODY)
                            .ok()
                            .and_then(|mut r| {
                                let ok = r.status() == 200;
                                let body = r.body_mut().read_to_string().ok()?;
                                Some(ok && body.contains("localizedMessage"))
                            }),
                        Target::Proxy { localized } => agent
                            .get(format!("http://{addr}/api/machines/1"))
                            .header("Accept-Language", language)
                            .call()
                            .ok()
                            .and_then(|mut r| {
                                let ok = r.status() == 404;
                                let body = r.body_mut().read_to_string().ok()?;
                                Some(ok && body.contains("localizedMessage") == localized)
                            }),
                    };
                    latencies.push(started.elapsed());
                    if ok != Some(true) {
                        failed += 1;
                    }
                }
                (latencies, failed)
            })
        })
        .collect();
    let mut all = Vec::with_capacity(requests);
    let mut failed = 0;
    for thread in threads {
        let (latencies, f) = thread.join().expect("a client thread");
        all.extend(latencies);
        failed += f;
    }
    (all, failed)
}

fn measure(
    name: &'static str,
    addr: SocketAddr,
    target: Target,
    requests: usize,
    connections: usize,
) -> Run {
    // A short warm-up: connections, locales compiled.
    let (_, warm_up_failed) = load(addr, target, connections * 4, connections);
    let started = Instant::now();
    let (mut latencies, failed) = load(addr, target, requests, connections);
    let seconds = started.elapsed().as_secs_f64();
    latencies.sort();
    Run {
        name,
        failed: failed + warm_up_failed,
        seconds,
        latencies,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(index).copied().unwrap_or_default()
}

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Opens `count` connections to `addr` that each send half a request head
/// and then nothing; they stay open while the result lives.
fn hold_slow_headers(addr: SocketAddr, count: usize) -> Vec<std::net::TcpStream> {
    use std::io::Write;
    (0..count)
        .map(|_| {
            let mut stream = std::net::TcpStream::connect(addr).expect("a slow connection");
            stream
                .write_all(b"POST /localize HTTP/1.1\r\nHost: sidecar\r\n")
                .expect("half a head");
            stream
        })
        .collect()
}

fn main() {
    let requests = arg("--requests", 20_000);
    let connections = arg("--connections", 64);
    let slow_headers = arg("--slow-headers", 500);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let (sidecar, api, plain, layered) = runtime.block_on(async {
        let bind = || TcpListener::bind("127.0.0.1:0");
        let (sidecar, api, plain, layered) = (
            bind().await.unwrap(),
            bind().await.unwrap(),
            bind().await.unwrap(),
            bind().await.unwrap(),
        );
        let addrs = (
            sidecar.local_addr().unwrap(),
            api.local_addr().unwrap(),
            plain.local_addr().unwrap(),
            layered.local_addr().unwrap(),
        );
        let catalog = Arc::new(Catalog::new());
        let _ = catalog.problems();
        tokio::spawn(serve(sidecar, Config::default(), std::future::pending()));
        tokio::spawn(async move { axum::serve(api, example::upstream()).await });
        let proxy = example::portal(catalog.clone(), addrs.1, false);
        tokio::spawn(async move { axum::serve(plain, proxy).await });
        let proxy = example::portal(catalog, addrs.1, true);
        tokio::spawn(async move { axum::serve(layered, proxy).await });
        addrs
    });
    let _ = api;
    println!(
        "{requests} requests over {connections} connections each, on {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let alone = measure(
        "serve: POST /localize",
        sidecar,
        Target::Sidecar,
        requests,
        connections,
    );
    let held = hold_slow_headers(sidecar, slow_headers);
    let beside_slow = measure(
        "serve: POST /localize, slow heads held open",
        sidecar,
        Target::Sidecar,
        requests,
        connections,
    );
    drop(held);
    let runs = [
        alone,
        beside_slow,
        measure(
            "proxy, plain pass-through",
            plain,
            Target::Proxy { localized: false },
            requests,
            connections,
        ),
        measure(
            "proxy with LocalizeLayer",
            layered,
            Target::Proxy { localized: true },
            requests,
            connections,
        ),
    ];
    println!("| run | failed | requests/s | p50 | p99 |");
    println!("|---|---:|---:|---:|---:|");
    for run in &runs {
        println!(
            "| {} | {} | {:.0} | {:.2} ms | {:.2} ms |",
            run.name,
            run.failed,
            run.latencies.len() as f64 / run.seconds,
            percentile(&run.latencies, 0.50).as_secs_f64() * 1e3,
            percentile(&run.latencies, 0.99).as_secs_f64() * 1e3,
        );
    }
    println!(
        "{slow_headers} slow heads held open: p99 {:.2}× the sidecar's alone",
        percentile(&runs[1].latencies, 0.99).as_secs_f64()
            / percentile(&runs[0].latencies, 0.99).as_secs_f64()
    );
    let (plain, layered) = (&runs[2], &runs[3]);
    println!(
        "layer cost: throughput {:.2}× the plain proxy's, p50 {:+.3} ms",
        (layered.latencies.len() as f64 / layered.seconds)
            / (plain.latencies.len() as f64 / plain.seconds),
        (percentile(&layered.latencies, 0.5).as_secs_f64()
            - percentile(&plain.latencies, 0.5).as_secs_f64())
            * 1e3
    );
    runtime.shutdown_timeout(Duration::from_secs(1));
    let failed: usize = runs.iter().map(|r| r.failed).sum();
    assert_eq!(failed, 0, "failed requests");
}
