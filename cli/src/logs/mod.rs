//! The servers' logs: a subscriber on standard error, written by a thread
//! of its own ([`writer`]), so that a log reader that stalls (a full pipe
//! nobody reads) never stalls a request: past the writer's buffer, lines are
//! dropped, and counted in `/metrics`
//! (`defender_errors_log_lines_dropped_total`).

mod line;
mod writer;

use std::io::{self, IsTerminal};

use defender_errors_server::Metrics;
use tracing_subscriber::filter::LevelFilter;

/// The installed logs; dropping it writes what is buffered (for at most a
/// second, so a stalled reader cannot hold the exit).
pub struct Logs {
    writer: writer::Gathered,
    _guard: writer::Guard,
}

impl Logs {
    /// Installs the subscriber: `json` lines or text, at `level`, with at
    /// most `buffered` lines waiting for the reader. Text is coloured on a
    /// terminal (unless `NO_COLOR` is set), and otherwise written by
    /// [`line`](mod@line).
    ///
    /// # Errors
    /// When the writer's thread cannot be started.
    pub fn init(level: LevelFilter, json: bool, buffered: usize) -> io::Result<Self> {
        let (writer, guard) = writer::gathered(io::stderr(), buffered)?;
        let colours = io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let logs = tracing_subscriber::fmt()
            .with_writer(writer.clone())
            .with_ansi(colours)
            .with_max_level(level);
        if json {
            logs.json().with_current_span(true).init();
        } else if colours {
            logs.init();
        } else {
            // The same text, without colours, in fewer steps (`line`).
            logs.fmt_fields(line::Fields)
                .event_format(line::Line)
                .init();
        }
        Ok(Self {
            writer,
            _guard: guard,
        })
    }

    /// Counts the dropped lines in `metrics`.
    pub fn count_drops_in(&self, metrics: &Metrics) {
        let writer = self.writer.clone();
        metrics.counter_fn(
            "log_lines_dropped",
            "Log lines dropped because the reader of standard error did not keep up",
            move || writer.dropped(),
        );
    }
}
