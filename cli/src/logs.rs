//! The servers' logs: a subscriber on standard error, written by a worker
//! thread through `tracing-appender`'s non-blocking writer, so that a log
//! reader that stalls (a full pipe nobody reads) never stalls a request:
//! past the writer's buffer, lines are dropped, and counted in `/metrics`
//! (`defender_errors_log_lines_dropped_total`).

use std::io::{self, IsTerminal};

use defender_errors_server::Metrics;
use tracing_appender::non_blocking::{ErrorCounter, NonBlockingBuilder, WorkerGuard};
use tracing_subscriber::filter::LevelFilter;

/// The installed logs; dropping it writes what is buffered (for at most a
/// second, so a stalled reader cannot hold the exit).
pub struct Logs {
    _worker: WorkerGuard,
    dropped: ErrorCounter,
}

impl Logs {
    /// Installs the subscriber: `json` lines or text, at `level`, with at
    /// most `buffered` lines waiting for the reader.
    pub fn init(level: LevelFilter, json: bool, buffered: usize) -> Self {
        let (writer, worker) = NonBlockingBuilder::default()
            .lossy(true)
            .buffered_lines_limit(buffered)
            .thread_name("defender-errors-logs")
            .finish(io::stderr());
        let dropped = writer.error_counter();
        let logs = tracing_subscriber::fmt()
            .with_writer(writer)
            .with_ansi(io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none())
            .with_max_level(level);
        if json {
            logs.json().with_current_span(true).init();
        } else {
            logs.init();
        }
        Self {
            _worker: worker,
            dropped,
        }
    }

    /// Counts the dropped lines in `metrics`.
    pub fn count_drops_in(&self, metrics: &Metrics) {
        let dropped = self.dropped.clone();
        metrics.counter_fn(
            "log_lines_dropped",
            "Log lines dropped because the reader of standard error did not keep up",
            move || u64::try_from(dropped.dropped_lines()).unwrap_or(u64::MAX),
        );
    }
}
