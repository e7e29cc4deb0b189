//! A bare Pingora reverse proxy: `pingora-alone LISTEN UPSTREAM`, both
//! `127.0.0.1:PORT`, plain HTTP, Pingora's own upstream keep-alive pool, no
//! log line, 2 threads (the bench machine's cores; `THREADS` to change).
//! SIGINT stops it at once.

use async_trait::async_trait;
use pingora::prelude::*;
use pingora::server::configuration::ServerConf;

struct Alone {
    upstream: String,
}

#[async_trait]
impl ProxyHttp for Alone {
    type CTX = ();

    fn new_ctx(&self) {}

    async fn upstream_peer(&self, _: &mut Session, (): &mut ()) -> Result<Box<HttpPeer>> {
        Ok(Box::new(HttpPeer::new(
            self.upstream.as_str(),
            false,
            String::new(),
        )))
    }

    // No log line.
    async fn logging(&self, _: &mut Session, _: Option<&pingora::Error>, (): &mut ()) {}
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(listen), Some(upstream)) = (args.next(), args.next()) else {
        eprintln!("usage: pingora-alone LISTEN UPSTREAM   (e.g. 127.0.0.1:18098 127.0.0.1:18081)");
        std::process::exit(2);
    };
    let scratch = std::env::temp_dir().join(format!("pingora-alone-{}", std::process::id()));
    let conf = ServerConf {
        threads: std::env::var("THREADS")
            .ok()
            .and_then(|threads| threads.parse().ok())
            .unwrap_or(2),
        pid_file: scratch.with_extension("pid").display().to_string(),
        upgrade_sock: scratch.with_extension("sock").display().to_string(),
        // Pingora waits 5 minutes after SIGTERM by default.
        grace_period_seconds: Some(0),
        graceful_shutdown_timeout_seconds: Some(1),
        ..ServerConf::default()
    };
    let mut server = Server::new_with_opt_and_conf(None, conf);
    server.bootstrap();
    let mut service = http_proxy_service(&server.configuration, Alone { upstream });
    service.add_tcp(&listen);
    server.add_service(service);
    server.run_forever();
}
