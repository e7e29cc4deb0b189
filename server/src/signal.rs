//! The signals a server stops on.

/// Completes at SIGTERM or Ctrl-C (SIGINT): the `shutdown` future that a
/// command gives [`run`](super::run).
///
/// ```no_run
/// # async fn f() {
/// defender_errors_server::terminated().await;
/// # }
/// ```
pub async fn terminated() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = ctrl_c => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = ctrl_c.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
