//! The log writer: request threads append each line to a shared buffer and
//! never wait on the reader; a thread of its own writes what gathered.
//!
//! A line costs the request a lock and a copy. The writer thread is woken
//! only when it waits on an empty buffer, and then lets lines gather for
//! [`GATHER`] before it writes them in one `write`: under load that is one
//! wake and one write for hundreds of lines, where a channel to a worker
//! (`tracing-appender`'s, used before) wakes it each time it has caught up,
//! and it writes each line on its own. When the reader
//! stalls, the writer thread waits in `write`, the buffer fills to its
//! limit of lines, and the lines past it are dropped and counted.

use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use tracing_subscriber::fmt::MakeWriter;

/// How long the writer thread lets lines gather once woken: the most a
/// line waits before it is written to a reader that keeps up.
const GATHER: Duration = Duration::from_millis(5);

/// How long dropping the [`Guard`] waits for the lines buffered to be
/// written: a stalled reader cannot hold the exit longer.
const LAST_WRITE: Duration = Duration::from_secs(1);

/// What the request threads and the writer thread share.
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    dropped: AtomicU64,
    limit: usize,
}

#[derive(Default)]
struct State {
    buffer: Vec<u8>,
    lines: usize,
    /// The writer thread waits on an empty buffer: the next line wakes it.
    waiting: bool,
    stopping: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock left whole lines or none.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The `MakeWriter` of the log subscriber: cheap to clone, one line a write.
#[derive(Clone)]
pub struct Gathered {
    shared: Arc<Shared>,
}

/// Keeps the writer thread; dropping it writes what is buffered (waiting
/// [`LAST_WRITE`] at most).
pub struct Guard {
    shared: Arc<Shared>,
    done: mpsc::Receiver<()>,
}

/// A writer to `out` that holds at most `limit` lines for a slow reader.
///
/// # Errors
/// When the writer thread cannot be started.
pub fn gathered<W: Write + Send + 'static>(out: W, limit: usize) -> io::Result<(Gathered, Guard)> {
    let shared = Arc::new(Shared {
        state: Mutex::new(State::default()),
        wake: Condvar::new(),
        dropped: AtomicU64::new(0),
        limit,
    });
    let (finished, done) = mpsc::channel();
    let thread_shared = shared.clone();
    thread::Builder::new()
        .name("defender-errors-logs".into())
        .spawn(move || {
            write_until_stopped(&thread_shared, out);
            let _ = finished.send(());
        })?;
    let writer = Gathered {
        shared: shared.clone(),
    };
    Ok((writer, Guard { shared, done }))
}

/// The writer thread: waits for a line, lets more gather, writes them all.
fn write_until_stopped(shared: &Shared, mut out: impl Write) {
    let mut lines = Vec::new();
    loop {
        let mut state = shared.lock();
        while state.buffer.is_empty() && !state.stopping {
            state.waiting = true;
            state = shared
                .wake
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        let stopping = state.stopping;
        if stopping && state.buffer.is_empty() {
            return;
        }
        if !stopping {
            drop(state);
            thread::sleep(GATHER);
            state = shared.lock();
        }
        std::mem::swap(&mut state.buffer, &mut lines);
        state.lines = 0;
        drop(state);
        // Nowhere to tell a failed write but the stream that failed.
        let _ = out.write_all(&lines).and_then(|()| out.flush());
        lines.clear();
    }
}

impl Gathered {
    /// The lines dropped so far because the buffer was full.
    pub fn dropped(&self) -> u64 {
        self.shared.dropped.load(Ordering::Relaxed)
    }
}

impl Write for Gathered {
    /// Takes one formatted line (the subscriber writes each event whole).
    fn write(&mut self, line: &[u8]) -> io::Result<usize> {
        let mut state = self.shared.lock();
        if state.lines >= self.shared.limit {
            drop(state);
            self.shared.dropped.fetch_add(1, Ordering::Relaxed);
            return Ok(line.len());
        }
        state.buffer.extend_from_slice(line);
        state.lines += 1;
        if std::mem::take(&mut state.waiting) {
            self.shared.wake.notify_one();
        }
        Ok(line.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Gathered {
    type Writer = Gathered;

    fn make_writer(&'a self) -> Gathered {
        self.clone()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.shared.lock().stopping = true;
        self.shared.wake.notify_one();
        let _ = self.done.recv_timeout(LAST_WRITE);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use super::gathered;

    /// A reader that keeps every byte, shared with the test.
    #[derive(Clone, Default)]
    struct Kept(Arc<Mutex<Vec<u8>>>);

    impl Write for Kept {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_line_is_written_in_order_by_the_time_the_guard_is_dropped() {
        let kept = Kept::default();
        let (mut writer, guard) = gathered(kept.clone(), 10_000).unwrap();
        for i in 0..1000 {
            writer.write_all(format!("line {i}\n").as_bytes()).unwrap();
        }
        drop(guard);
        let text = String::from_utf8(kept.0.lock().unwrap().clone()).unwrap();
        let expected: String = (0..1000).map(|i| format!("line {i}\n")).collect();
        assert_eq!(text, expected);
        assert_eq!(writer.dropped(), 0);
    }

    /// A reader that never takes a byte: the writer thread waits in
    /// `write`, and the lines past the limit are dropped and counted.
    #[test]
    fn a_stalled_reader_drops_the_lines_past_the_limit() {
        struct Stalled(std::sync::mpsc::Receiver<()>);
        impl Write for Stalled {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                let _ = self.0.recv();
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let (release, stalled) = std::sync::mpsc::channel();
        let (mut writer, guard) = gathered(Stalled(stalled), 100).unwrap();
        writer.write_all(b"first\n").unwrap();
        // The writer thread takes the first line and stalls in `write`.
        while writer.shared.lock().lines != 0 {
            std::thread::yield_now();
        }
        for _ in 0..1000 {
            writer.write_all(b"more\n").unwrap();
        }
        assert_eq!(writer.dropped(), 900);
        drop(release);
        drop(guard);
    }
}
