//! A bounded load run over 127.0.0.1 with wrk: `defender-errors proxy` (the
//! release binary, as an operator runs it) beside nginx, the proxy an
//! operator already runs in front of APIs, both in front of the same
//! upstream (an nginx that answers a Defender 404 envelope, a 200 JSON body
//! and a 200 of 64 KiB); and, as before, beside a plain pass-through proxy
//! (the hand-written one of `tower/examples/portal.rs`, without the layer) served
//! in this process twice: by axum's own server, and by the hardened server
//! the proxy runs on; and beside the floor of the stack, hyper's HTTP/1
//! server and client alone forwarding each connection (no layers, header
//! rules, limits, log, metrics or localizing), to show what the stack costs
//! before anything of ours.
//!
//! ```sh
//! cargo bench -p defender-errors-server --features proxy --bench proxy   # 4 s per endpoint, 32 connections, 5 rounds
//! cargo bench -p defender-errors-server --features proxy --bench proxy -- --seconds 1 --rounds 1 --rss-requests 20000   # .ci/run's short run
//! cargo bench -p defender-errors-server --features proxy --bench proxy -- --hyper-alone 127.0.0.1:PORT 127.0.0.1:UPSTREAM   # hyper alone, served until stopped
//! ```
//!
//! With `--hyper-alone LISTEN UPSTREAM` it only serves hyper alone, for
//! `proxy-instructions.sh` to count it (`ENGINE=hyper`). With `--pingora`
//! it also runs Pingora alone (`server/benches/pingora-alone`, built with
//! cargo; its build needs cmake) as a sixth proxy: another Rust engine's
//! floor beside hyper's.
//!
//! nginx is Debian's `nginx-light` (installed with apt-get when missing, as
//! root or with sudo), run from a configuration written to a temporary
//! directory (its pid file, logs and temporary files there too) on
//! 127.0.0.1 ports, twice: as the upstream, and as the reference proxy with
//! `worker_processes auto`, an upstream `keepalive 64` pool,
//! `proxy_http_version 1.1` and `access_log off` (a second port of the same
//! nginx writes the default access log). Both are stopped at the end, also
//! when the run fails. Ours is `defender-errors proxy --log-level warn`
//! (built with `cargo build --release -p defender-errors-cli`, or the binary
//! named by `DEFENDER_ERRORS_BIN`), and a second one at the default level
//! (`info`, one line a request, to a file) for the comparison with nginx's
//! access log.
//!
//! Each endpoint is loaded by `wrk -t1 -cC -dSs --latency` with
//! `Accept-Language: de`, turn by turn, for the rounds asked; the ratios of
//! each round are compared, and their median is the result, as the machine
//! may be shared and one endpoint's turn may fall on a busy moment. Beside
//! the throughput and latency it reports the CPU time each proxy spent per
//! request (user and system, from `/proc/PID/stat`: our process; nginx's
//! master and workers; this process for the plain proxies). Then each of
//! ours and nginx serves at least `--rss-requests` requests (100,000) over
//! 64 connections (wrk runs of a second until then), and their resident
//! memory is read (`VmRSS`; nginx's master and workers summed). Before the
//! load one request each checks the answer (our 404 localized, nginx's and
//! the plain proxy's on axum's server not; the 64 KiB body whole). A socket
//! error, or an answer of another status than the endpoint's, is a failure,
//! and the run fails if there is any. The goals are printed beside the
//! medians, not asserted: a noisy machine moves them.

#[allow(dead_code)]
#[path = "../../tower/examples/portal.rs"]
mod example;

use std::fs;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use defender_errors::Catalog;
use defender_errors_server as server;
use tokio::net::TcpListener;

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The 404 envelope the upstream answers for `/api/machines/{id}`.
const ENVELOPE: &str = r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#;
/// The 200 the upstream answers for `/api/machines`.
const MACHINES: &str = r#"{"value":[{"id":"1e5bc9d7e413ddd7902c2932e418702b84d0cc07"}]}"#;
/// The size of `/api/export`'s body.
const BIG: usize = 64 * 1024;

/// Where a program is: on the `PATH`, or in the `sbin` directories a
/// non-root `PATH` may leave out.
fn find(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin", "/usr/local/sbin"].map(PathBuf::from))
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// `program`, installed from Debian's `package` with apt-get when missing
/// (as root, or with sudo).
fn ensure(program: &str, package: &str) -> PathBuf {
    if let Some(found) = find(program) {
        return found;
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let sudo = if root {
        None
    } else if find("sudo").is_some() {
        Some("sudo")
    } else {
        panic!(
            "{program} is missing, and installing it needs root or sudo: run `apt-get install -y {package}` as root"
        );
    };
    eprintln!("{program} is missing: apt-get install -y {package}");
    let apt = |args: &[&str]| {
        let mut command = match sudo {
            Some(sudo) => {
                let mut c = Command::new(sudo);
                c.arg("apt-get");
                c
            }
            None => Command::new("apt-get"),
        };
        let status = command
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .unwrap_or_else(|e| panic!("apt-get cannot be run ({e}): install {package}"));
        assert!(
            status.success(),
            "apt-get {args:?} failed: install {package}"
        );
    };
    apt(&["update", "-qq"]);
    apt(&["install", "-y", "-qq", "--no-install-recommends", package]);
    find(program).unwrap_or_else(|| panic!("{package} is installed, but {program} is not found"))
}

/// A free port on 127.0.0.1 (bound, then let go).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Waits until `port` takes connections (10 s at most).
fn wait_for(port: u16, what: &str) {
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{what} does not listen on 127.0.0.1:{port}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A process this bench started, stopped (SIGTERM, then SIGKILL with its
/// children) when dropped, on success and on failure alike.
struct Process {
    child: Child,
    name: &'static str,
}

impl Process {
    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The process and its children (nginx's workers).
    fn pids(&self) -> Vec<u32> {
        let mut pids = vec![self.pid()];
        pids.extend(children(self.pid()));
        pids
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let pids = self.pids();
        let _ = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        if !matches!(self.child.try_wait(), Ok(Some(_))) {
            eprintln!("{} did not stop on SIGTERM: killed", self.name);
            for pid in pids {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
            let _ = self.child.wait();
        }
    }
}

/// The children of `pid`, from `/proc/*/stat`'s parent field.
fn children(pid: u32) -> Vec<u32> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return vec![];
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&child| {
            let stat = fs::read_to_string(format!("/proc/{child}/stat")).unwrap_or_default();
            stat.rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse::<u32>().ok())
                == Some(pid)
        })
        .collect()
}

/// The CPU time (user and system) of a process, in seconds (Linux; 0
/// elsewhere). `None` is this process.
fn cpu_seconds(pid: Option<u32>) -> f64 {
    let path = pid.map_or("/proc/self/stat".to_owned(), |p| format!("/proc/{p}/stat"));
    let stat = fs::read_to_string(path).unwrap_or_default();
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

/// A process's resident memory, in KiB (`VmRSS`).
fn rss_kib(pid: u32) -> u64 {
    fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Whose CPU time an endpoint's requests cost.
#[derive(Clone, Copy)]
enum Owner<'p> {
    /// A process of ours (and its children).
    Process(&'p Process),
    /// This process (the plain proxies).
    Bench,
}

impl Owner<'_> {
    fn cpu(&self) -> f64 {
        match self {
            Owner::Process(process) => process
                .pids()
                .into_iter()
                .map(|p| cpu_seconds(Some(p)))
                .sum(),
            Owner::Bench => cpu_seconds(None),
        }
    }
}

/// What wrk said of one endpoint.
struct Load {
    requests: u64,
    per_second: f64,
    p50: String,
    p99: String,
    failed: u64,
}

/// A latency as wrk writes it (`675.00us`, `1.20ms`, `1.02s`), in µs.
fn micros(text: &str) -> f64 {
    let split = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().unwrap_or(f64::NAN);
    match unit {
        "us" => number,
        "ms" => number * 1e3,
        "s" => number * 1e6,
        "m" => number * 60e6,
        _ => f64::NAN,
    }
}

/// Runs wrk against `url`; `error` when every answer should be 4xx/5xx.
fn wrk(url: &str, seconds: u64, connections: u64, error: bool) -> Load {
    let mut command = Command::new("wrk");
    command
        .args([
            "-t1",
            &format!("-c{connections}"),
            &format!("-d{seconds}s"),
            "--latency",
        ])
        .args(["-H", "Accept-Language: de"]);
    command.arg(url);
    let output = command.output().expect("wrk runs");
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

/// One request over std's TcpStream: the whole answer, head and body.
fn answer_of(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("a connection");
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Language: de\r\nConnection: close\r\n\r\n"
    )
    .expect("the request is sent");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    answer
}

/// A temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!(
            "defender-errors-proxy-bench-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("tmp")).expect("a temporary directory");
        // nginx's workers run as `nobody` when it is started as root: they
        // read the 64 KiB file and write their temporary files here.
        let open = |path: &Path| {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(path, fs::Permissions::from_mode(0o777)).expect("chmod");
        };
        open(&dir);
        open(&dir.join("tmp"));
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// What both nginx configurations share: the pid file and the temporary
/// paths in `dir`, no access log unless a server asks for one.
fn nginx_head(dir: &Path, name: &str) -> String {
    let d = dir.display();
    format!(
        "worker_processes auto;\npid {d}/{name}.pid;\nevents {{ worker_connections 4096; }}\nhttp {{\n\
         access_log off;\n\
         client_body_temp_path {d}/tmp/{name}-body;\nproxy_temp_path {d}/tmp/{name}-proxy;\n\
         fastcgi_temp_path {d}/tmp/{name}-fastcgi;\nuwsgi_temp_path {d}/tmp/{name}-uwsgi;\n\
         scgi_temp_path {d}/tmp/{name}-scgi;\n\
         keepalive_requests 1000000;\n"
    )
}

/// Starts `command` (standard input and output closed, standard error to
/// `log` when given), and waits until it listens on each of `ports`.
fn start(command: &mut Command, name: &'static str, log: Option<&Path>, ports: &[u16]) -> Process {
    command.stdin(Stdio::null()).stdout(Stdio::null());
    if let Some(log) = log {
        command.stderr(fs::File::create(log).expect("the log file"));
    }
    let child = command
        .spawn()
        .unwrap_or_else(|e| panic!("{name} does not start: {e}"));
    let process = Process { child, name };
    for &port in ports {
        wait_for(port, name);
    }
    process
}

/// The target directory this bench was built in: it is
/// `target/release/deps/proxy-HASH`.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the bench's path");
    exe.ancestors()
        .nth(3)
        .expect("target/release/deps")
        .to_path_buf()
}

/// `cargo build --quiet --release` with `args`, into `target`.
fn cargo_build(args: &[&std::ffi::OsStr], target: &Path, failed: &str) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "--release"])
        .args(args)
        .arg("--target-dir")
        .arg(target)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "{failed}");
}

/// Starts nginx with `conf` (written to `dir`), in the foreground.
fn nginx(binary: &Path, dir: &Path, name: &'static str, conf: &str, ports: &[u16]) -> Process {
    let path = dir.join(format!("{name}.conf"));
    fs::write(&path, conf).expect("the nginx configuration is written");
    start(
        Command::new(binary)
            .arg("-p")
            .arg(dir)
            .arg("-e")
            .arg(dir.join(format!("{name}-error.log")))
            .arg("-c")
            .arg(&path)
            .args(["-g", "daemon off;"]),
        name,
        None,
        ports,
    )
}

/// Our binary: `DEFENDER_ERRORS_BIN`, or the release build next to this
/// bench, built (or found up to date) with cargo.
fn ours_binary() -> PathBuf {
    if let Some(binary) = std::env::var_os("DEFENDER_ERRORS_BIN") {
        return PathBuf::from(binary);
    }
    let target = target_dir();
    cargo_build(
        &["-p".as_ref(), "defender-errors-cli".as_ref()],
        &target,
        "cargo build --release -p defender-errors-cli failed",
    );
    target.join("release/defender-errors")
}

/// Pingora alone, built (or found up to date) with cargo beside this bench,
/// in `target/pingora-alone`, and started on `port` in front of `upstream`.
fn pingora_alone(upstream: u16, port: u16, log: &Path) -> Process {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/pingora-alone/Cargo.toml");
    let target = target_dir().join("pingora-alone");
    cargo_build(
        &["--manifest-path".as_ref(), manifest.as_os_str()],
        &target,
        "server/benches/pingora-alone does not build (it needs cmake: apt-get install cmake)",
    );
    start(
        Command::new(target.join("release/pingora-alone"))
            .args([format!("127.0.0.1:{port}"), format!("127.0.0.1:{upstream}")]),
        "pingora-alone",
        Some(log),
        &[port],
    )
}

/// Starts `defender-errors proxy` at `level`, its logs on standard error to `log`.
fn ours(binary: &Path, upstream: u16, port: u16, level: &str, log: &Path) -> Process {
    start(
        Command::new(binary)
            .args([
                "proxy",
                "--upstream",
                &format!("http://127.0.0.1:{upstream}"),
            ])
            .args(["--addr", &format!("127.0.0.1:{port}"), "--log-level", level]),
        "defender-errors proxy",
        Some(log),
        &[port],
    )
}

/// The floor of the stack: hyper's HTTP/1 server and client alone, each
/// client connection forwarded over an upstream connection of its own; no
/// layers, no header rules, no limits, no log, no metrics, no localizing.
/// Any proxy built on hyper pays this; ours adds the rest.
async fn hyper_alone(listener: TcpListener, upstream: SocketAddr) {
    use hyper::body::Incoming;
    use hyper_util::rt::TokioIo;
    loop {
        let Ok((client, _)) = listener.accept().await else {
            continue;
        };
        tokio::spawn(async move {
            let _ = client.set_nodelay(true);
            let Ok(api) = tokio::net::TcpStream::connect(upstream).await else {
                return;
            };
            let _ = api.set_nodelay(true);
            let Ok((send, connection)) =
                hyper::client::conn::http1::handshake(TokioIo::new(api)).await
            else {
                return;
            };
            tokio::spawn(connection);
            let send = Arc::new(tokio::sync::Mutex::new(send));
            let service = hyper::service::service_fn(move |request: http::Request<Incoming>| {
                let send = send.clone();
                async move { send.lock().await.send_request(request).await }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(client), service)
                .await;
        });
    }
}

/// The median of `values` (the upper one of an even count).
fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The rounds' values, as `0.91, 1.02`.
fn show(values: &[f64]) -> String {
    values
        .iter()
        .map(|r| format!("{r:.2}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One endpoint's numbers of one round.
#[derive(Clone, Copy, Default)]
struct Turn {
    per_second: f64,
    p50: f64,
    p99: f64,
    cpu: f64,
}

/// `--hyper-alone LISTEN UPSTREAM`: the two addresses, when given.
fn hyper_alone_addresses() -> Option<(SocketAddr, SocketAddr)> {
    let args: Vec<String> = std::env::args().collect();
    let at = args.iter().position(|a| a == "--hyper-alone")?;
    let address = |i: usize| {
        let text = args.get(at + i)?;
        text.parse()
            .map_err(|_| eprintln!("not an address: {text}"))
            .ok()
    };
    Some((address(1)?, address(2)?))
}

fn main() {
    if std::env::args().any(|a| a == "--hyper-alone") {
        let Some((listen, upstream)) = hyper_alone_addresses() else {
            eprintln!("usage: proxy --hyper-alone LISTEN UPSTREAM (127.0.0.1:PORT each)");
            std::process::exit(2);
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let listener = TcpListener::bind(listen)
                .await
                .expect("LISTEN can be bound");
            println!("listening on http://{listen}");
            tokio::select! {
                () = hyper_alone(listener, upstream) => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        });
        return;
    }
    let seconds = arg("--seconds", 4);
    let connections = arg("--connections", 32);
    let rounds = arg("--rounds", 5).max(1);
    let rss_requests = arg("--rss-requests", 100_000);
    ensure("wrk", "wrk");
    let nginx_binary = ensure("nginx", "nginx-light");
    let ours_binary = ours_binary();
    let dir = TempDir::new();
    let d = dir.0.display();
    fs::write(
        dir.0.join("export.json"),
        format!("{{\"value\":\"{}\"}}", "x".repeat(BIG - 12)),
    )
    .expect("the 64 KiB body is written");

    let [up, reference, reference_logged, ours_port, ours_logged_port, pingora_port] =
        [(); 6].map(|()| free_port());
    let upstream_conf = format!(
        "{head}default_type application/json;\nserver {{\nlisten 127.0.0.1:{up};\n\
         location = /api/machines {{ return 200 '{MACHINES}'; }}\n\
         location = /api/export {{ alias {d}/export.json; }}\n\
         location / {{ return 404 '{ENVELOPE}'; }}\n}}\n}}\n",
        head = nginx_head(&dir.0, "upstream"),
    );
    let location = "location / { proxy_pass http://api; proxy_http_version 1.1; proxy_set_header Connection \"\"; }";
    let reference_conf = format!(
        "{head}upstream api {{ server 127.0.0.1:{up}; keepalive 64; keepalive_requests 1000000; }}\n\
         server {{ listen 127.0.0.1:{reference}; {location} }}\n\
         server {{ listen 127.0.0.1:{reference_logged}; access_log {d}/access.log; {location} }}\n}}\n",
        head = nginx_head(&dir.0, "reference"),
    );
    let upstream = nginx(
        &nginx_binary,
        &dir.0,
        "nginx (upstream)",
        &upstream_conf,
        &[up],
    );
    let nginx_proxy = nginx(
        &nginx_binary,
        &dir.0,
        "nginx (reference proxy)",
        &reference_conf,
        &[reference, reference_logged],
    );
    let ours_warn = ours(
        &ours_binary,
        up,
        ours_port,
        "warn",
        &dir.0.join("ours-warn.log"),
    );
    let ours_info = ours(
        &ours_binary,
        up,
        ours_logged_port,
        "info",
        &dir.0.join("ours-info.log"),
    );
    let pingora = std::env::args()
        .any(|a| a == "--pingora")
        .then(|| pingora_alone(up, pingora_port, &dir.0.join("pingora.log")));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let (plain, hardened, bare) = runtime.block_on(async {
        let bind = || TcpListener::bind("127.0.0.1:0");
        let (plain, hardened, bare) = (
            bind().await.unwrap(),
            bind().await.unwrap(),
            bind().await.unwrap(),
        );
        let ports = (
            plain.local_addr().unwrap().port(),
            hardened.local_addr().unwrap().port(),
            bare.local_addr().unwrap().port(),
        );
        let api = SocketAddr::from(([127, 0, 0, 1], up));
        tokio::spawn(hyper_alone(bare, api));
        let catalog = Arc::new(Catalog::new());
        let router = example::portal(catalog.clone(), api, false);
        tokio::spawn(async move { axum::serve(plain, router).await });
        let router = example::portal(catalog, api, false);
        tokio::spawn(async move {
            let settings = server::Config::default();
            server::run(hardened, router, &settings, std::future::pending()).await
        });
        ports
    });

    // One answer of each, checked before the load.
    let localized = answer_of(ours_port, "/api/machines/1");
    assert!(
        localized.starts_with("HTTP/1.1 404") && localized.contains("localizedMessage"),
        "{localized}"
    );
    for port in [reference, plain, bare] {
        let bare = answer_of(port, "/api/machines/1");
        assert!(
            bare.starts_with("HTTP/1.1 404") && bare.ends_with(ENVELOPE),
            "{bare}"
        );
    }
    // The hardened server's one localizing layer writes the envelopes that
    // pass through any application on it: the plain proxy on it localizes.
    let served = answer_of(hardened, "/api/machines/1");
    assert!(served.starts_with("HTTP/1.1 404"), "{served}");
    let pingora_ports = pingora.as_ref().map(|_| pingora_port);
    for port in [ours_port, reference, plain, hardened, bare]
        .into_iter()
        .chain(pingora_ports)
    {
        let big = answer_of(port, "/api/export");
        assert!(
            big.starts_with("HTTP/1.1 200")
                && big
                    .split_once("\r\n\r\n")
                    .is_some_and(|(_, b)| b.len() == BIG),
            "port {port}: {}",
            &big[..big.len().min(300)]
        );
    }

    let cases = [
        ("pass-through 200", "/api/machines", false),
        ("404 envelope", "/api/machines/1", true),
        ("200 of 64 KiB", "/api/export", false),
    ];
    let ours_owner = Owner::Process(&ours_warn);
    let nginx_owner = Owner::Process(&nginx_proxy);
    // Per case: ours, nginx, the plain proxy, the plain proxy on the
    // server, hyper alone, and Pingora alone when asked for.
    let mut contestants = vec![
        ("ours", ours_port, ours_owner),
        ("nginx", reference, nginx_owner),
        ("plain proxy", plain, Owner::Bench),
        ("plain proxy on the server", hardened, Owner::Bench),
        ("hyper alone", bare, Owner::Bench),
    ];
    if let Some(pingora) = &pingora {
        contestants.push(("Pingora alone", pingora_port, Owner::Process(pingora)));
    }
    // With a log line per request: ours at info, nginx with its access log.
    let logged = [
        (
            "ours, --log-level info",
            ours_logged_port,
            Owner::Process(&ours_info),
        ),
        ("nginx, access log on", reference_logged, nginx_owner),
    ];

    println!(
        "wrk -t1 -c{connections} -d{seconds}s --latency, Accept-Language: de, {rounds} round(s), on {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "| round | case | proxy | requests | failed | requests/s | p50 | p99 | CPU µs/request |"
    );
    println!("|---|---|---|---:|---:|---:|---:|---:|---:|");
    let mut failed = 0;
    let mut turns: Vec<Vec<[Turn; 6]>> = vec![vec![]; cases.len() + 1];
    let mut run = |round: u64, case: &str, path: &str, error: bool, who: &[(&str, u16, Owner)]| {
        let mut row = [Turn::default(); 6];
        for (i, (name, port, owner)) in who.iter().enumerate() {
            let before = owner.cpu();
            let load = wrk(
                &format!("http://127.0.0.1:{port}{path}"),
                seconds,
                connections,
                error,
            );
            let cpu = (owner.cpu() - before) / load.requests.max(1) as f64 * 1e6;
            println!(
                "| {round} | {case} | {name} | {} | {} | {:.0} | {} | {} | {cpu:.1} |",
                load.requests, load.failed, load.per_second, load.p50, load.p99
            );
            failed += load.failed;
            row[i] = Turn {
                per_second: load.per_second,
                p50: micros(&load.p50),
                p99: micros(&load.p99),
                cpu,
            };
        }
        row
    };
    for round in 1..=rounds {
        for (k, (case, path, error)) in cases.iter().enumerate() {
            let row = run(round, case, path, *error, &contestants);
            turns[k].push(row);
        }
        let row = run(
            round,
            "pass-through 200, logged",
            "/api/machines",
            false,
            &logged,
        );
        turns[cases.len()].push(row);
    }

    // Memory: each of ours and nginx serves at least the same count over 64
    // connections (wrk runs of a second until the count is reached).
    let mut rss = [0u64; 2];
    for (i, (port, process)) in [(ours_port, &ours_warn), (reference, &nginx_proxy)]
        .into_iter()
        .enumerate()
    {
        let mut served = 0;
        while served < rss_requests {
            let load = wrk(
                &format!("http://127.0.0.1:{port}/api/machines"),
                1,
                64,
                false,
            );
            failed += load.failed;
            served += load.requests.max(1);
        }
        rss[i] = process.pids().into_iter().map(rss_kib).sum();
        println!(
            "memory: {} after {served} requests over 64 connections: {} KiB resident",
            ["ours", "nginx (master and workers)"][i],
            rss[i]
        );
    }

    println!();
    println!("Medians of the rounds (ours over nginx: throughput, p99, CPU per request; rounds in parentheses):");
    println!("| case | ours req/s | nginx req/s | throughput ours/nginx | p50 ours / nginx | p99 ours / nginx | p99 ratio | CPU µs/request ours / nginx | CPU ratio |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let names = cases.map(|(case, _, _)| case);
    let mut medians = vec![];
    for (k, case) in names
        .iter()
        .chain(["pass-through 200, logged"].iter())
        .enumerate()
    {
        let rows = &turns[k];
        let of = |f: fn(&[Turn; 6]) -> f64| rows.iter().map(f).collect::<Vec<f64>>();
        let throughput = of(|r| r[0].per_second / r[1].per_second);
        let p99 = of(|r| r[0].p99 / r[1].p99);
        let cpu = of(|r| r[0].cpu / r[1].cpu);
        println!(
            "| {case} | {:.0} | {:.0} | **{:.2}×** ({}) | {:.0} µs / {:.0} µs | {:.0} µs / {:.0} µs | {:.2}× ({}) | {:.1} / {:.1} | {:.2}× ({}) |",
            median(&of(|r| r[0].per_second)),
            median(&of(|r| r[1].per_second)),
            median(&throughput),
            show(&throughput),
            median(&of(|r| r[0].p50)),
            median(&of(|r| r[1].p50)),
            median(&of(|r| r[0].p99)),
            median(&of(|r| r[1].p99)),
            median(&p99),
            show(&p99),
            median(&of(|r| r[0].cpu)),
            median(&of(|r| r[1].cpu)),
            median(&cpu),
            show(&cpu),
        );
        medians.push((median(&throughput), median(&p99), median(&cpu)));
    }
    println!();
    println!(
        "Beside the plain proxy (ours' throughput over the plain proxy's; rounds in parentheses):"
    );
    for (k, case) in names.iter().enumerate() {
        let rows = &turns[k];
        let plain: Vec<f64> = rows
            .iter()
            .map(|r| r[0].per_second / r[2].per_second)
            .collect();
        let served: Vec<f64> = rows
            .iter()
            .map(|r| r[0].per_second / r[3].per_second)
            .collect();
        println!(
            "- {case}: {:.2}× the plain proxy ({}); {:.2}× the plain proxy on the server ({})",
            median(&plain),
            show(&plain),
            median(&served),
            show(&served)
        );
    }
    println!();
    let mut floors = vec![("The floor of the stack, hyper alone", 4)];
    if pingora.is_some() {
        floors.push(("The floor of another engine, Pingora alone", 5));
    }
    for (floor, at) in floors {
        println!(
            "{floor} (its throughput and CPU per request over nginx's; rounds in parentheses):"
        );
        for (k, case) in names.iter().enumerate() {
            let rows = &turns[k];
            let throughput: Vec<f64> = rows
                .iter()
                .map(|r| r[at].per_second / r[1].per_second)
                .collect();
            let cpu: Vec<f64> = rows.iter().map(|r| r[at].cpu / r[1].cpu).collect();
            println!(
                "- {case}: {:.2}× nginx's throughput ({}), {:.2}× its CPU per request ({}; {:.1} µs)",
                median(&throughput),
                show(&throughput),
                median(&cpu),
                show(&cpu),
                median(&rows.iter().map(|r| r[at].cpu).collect::<Vec<_>>())
            );
        }
        println!();
    }
    let goal = |met: bool| if met { "met" } else { "not met" };
    let (pass, p99_pass, cpu_pass) = medians[0];
    println!("Goals (shown, not asserted):");
    println!(
        "- pass-through 200 ≥ 1.0× nginx: {pass:.2}×, {}",
        goal(pass >= 1.0)
    );
    println!(
        "- localized 404 ≥ 0.9× nginx: {:.2}×, {}",
        medians[1].0,
        goal(medians[1].0 >= 0.9)
    );
    let worst_p99 = medians
        .iter()
        .take(cases.len())
        .map(|m| m.1)
        .fold(0.0, f64::max);
    println!(
        "- p99 ≤ 1.5× nginx's: pass-through {p99_pass:.2}×, worst case {worst_p99:.2}×, {}",
        goal(worst_p99 <= 1.5)
    );
    println!(
        "- CPU per pass-through request ≤ nginx's: {cpu_pass:.2}×, {}",
        goal(cpu_pass <= 1.0)
    );
    println!(
        "- at --log-level info ≥ 0.8× nginx with its access log: {:.2}×, {}",
        medians[cases.len()].0,
        goal(medians[cases.len()].0 >= 0.8)
    );
    println!(
        "- RSS after {rss_requests} requests ≤ nginx's total: {} KiB / {} KiB, {}",
        rss[0],
        rss[1],
        goal(rss[0] <= rss[1])
    );
    let lines = fs::read_to_string(dir.0.join("ours-info.log")).map_or(0, |l| l.lines().count());
    println!("log lines written by ours at info: {lines}");

    runtime.shutdown_timeout(Duration::from_secs(1));
    drop((ours_warn, ours_info, nginx_proxy, upstream));
    assert_eq!(failed, 0, "failed requests");
}
