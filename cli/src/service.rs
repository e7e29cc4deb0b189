//! What the serving commands (`serve`, `proxy`) share: the runtime, the
//! listener and the signals. The library serves on a listener until a
//! future completes; the command owns the process: it builds the runtime,
//! binds, prints the address and turns signals into shutdown and reloads.

use std::future::Future;
use std::io;
use std::net::SocketAddr;

use defender_errors_server as server;
use tokio::net::TcpListener;

/// Runs `work` on a multi-threaded runtime, one worker per core.
pub fn block_on<T>(work: impl Future<Output = T>) -> io::Result<T> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    Ok(runtime.block_on(work))
}

/// Binds `addr` and prints the address it listens on to standard output
/// (the logs go to standard error).
pub async fn bind(addr: SocketAddr) -> io::Result<TcpListener> {
    let listener = TcpListener::bind(addr).await?;
    println!("listening on http://{}", listener.local_addr()?);
    Ok(listener)
}

/// Completes at SIGTERM or Ctrl-C, and logs it.
pub async fn terminated() {
    server::terminated().await;
    tracing::info!("shutting down");
}

/// Sends on `reload` at every SIGHUP.
pub fn hangups(reload: tokio::sync::mpsc::Sender<()>) -> io::Result<tokio::task::JoinHandle<()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut hangup = signal(SignalKind::hangup())?;
        Ok(tokio::spawn(async move {
            while hangup.recv().await.is_some() {
                let _ = reload.try_send(());
            }
        }))
    }
    #[cfg(not(unix))]
    {
        Ok(tokio::spawn(async move {
            let _keep = reload;
        }))
    }
}
