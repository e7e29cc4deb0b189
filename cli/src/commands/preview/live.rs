//! `preview --serve`: the preview page served on loopback, which follows the
//! translator's saved changes without a manual reload.
//!
//! The open page asks `/version` four times a second; the answer is a hash
//! of every file of the locale directory, so it changes when a file is
//! saved, added or removed. When it changes, the page fetches itself again
//! and swaps in the new content, keeping the scroll position and the
//! "only problems" switch. Polling rather than server-sent events: the
//! server holds no connection and watches nothing, and a request reads a
//! few kilobytes of files.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::Router;
use defender_errors::{check, preview, Catalog};

use crate::error::Error;

/// Serves the preview of `dir` on `addr` until Ctrl-C or SIGTERM.
pub fn serve(addr: SocketAddr, dir: PathBuf) -> Result<(), Error> {
    if !addr.ip().is_loopback() {
        return Err(Error::NotLoopback(addr));
    }
    // A wrong directory is an error now, not a page that says so.
    check::dir(&dir)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    runtime.block_on(async move {
        let listen = |source| Error::Listen { addr, source };
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(listen)?;
        let local = listener.local_addr().map_err(listen)?;
        println!(
            "serving the preview of {} at http://{local}/ ; the page follows every saved change \
             (Ctrl-C stops)",
            dir.display()
        );
        let app = Router::new()
            .route("/", get(page))
            .route("/version", get(version))
            .with_state(Arc::new(dir));
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(Error::Stopped)
    })
}

async fn page(State(dir): State<Arc<PathBuf>>) -> impl IntoResponse {
    let page = tokio::task::spawn_blocking(move || render(&dir))
        .await
        .unwrap_or_else(|e| format!("<!DOCTYPE html><p>the page could not be made: {e}</p>"));
    (
        [(header::CACHE_CONTROL, "no-store")],
        Html(page.replacen("</body>", LIVE, 1)),
    )
}

async fn version(State(dir): State<Arc<PathBuf>>) -> impl IntoResponse {
    let hash = tokio::task::spawn_blocking(move || fingerprint(&dir))
        .await
        .unwrap_or_default();
    (
        [(header::CACHE_CONTROL, "no-store")],
        format!("{hash:016x}"),
    )
}

/// The page for the files of `dir` as they are now; a directory that went
/// wrong since the start is a page that says so, and recovers with it.
fn render(dir: &Path) -> String {
    let loaded = (|| {
        let mut builder = Catalog::builder();
        builder.overlay_dir(dir)?;
        Ok::<_, defender_errors::OverlayError>((builder.build(), check::dir(dir)?))
    })();
    match loaded {
        Ok((catalog, report)) => preview::html(&catalog, &report),
        Err(e) => format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>preview</title>\
             </head><body><main id=\"preview\"><p>{}</p></main></body></html>",
            e.to_string().replace('&', "&amp;").replace('<', "&lt;")
        ),
    }
}

/// A hash of the names and contents of every file one level below `dir`'s
/// folders (each `<locale>/errors.ftl` and `reviewed.txt`).
fn fingerprint(dir: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|folder| {
            std::fs::read_dir(folder.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|file| file.path())
        .collect();
    paths.sort();
    for path in paths {
        path.hash(&mut hasher);
        std::fs::read(&path).unwrap_or_default().hash(&mut hasher);
    }
    hasher.finish()
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}

/// The script that keeps the open page up to date.
const LIVE: &str = r#"<script>
(function () {
  let version = null;
  async function poll() {
    try {
      const now = await (await fetch('/version', {cache: 'no-store'})).text();
      if (version !== null && now !== version) {
        const text = await (await fetch('/', {cache: 'no-store'})).text();
        const fresh = new DOMParser().parseFromString(text, 'text/html').getElementById('preview');
        const old = document.getElementById('preview');
        if (fresh && old) {
          const grid = old.querySelector('.grid');
          const top = grid ? grid.scrollTop : 0;
          const left = grid ? grid.scrollLeft : 0;
          old.replaceWith(fresh);
          const only = document.getElementById('only-problems');
          if (only) only.checked = document.body.classList.contains('only-problems');
          const again = fresh.querySelector('.grid');
          if (again) { again.scrollTop = top; again.scrollLeft = left; }
        }
      }
      version = now;
      document.body.dataset.version = now;
    } catch (e) {
      // The server is restarting or gone: try again.
    }
    setTimeout(poll, 250);
  }
  poll();
})();
</script>
</body>"#;
