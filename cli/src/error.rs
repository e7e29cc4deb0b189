//! The one error of the command: each way a command can end other than
//! well, with its message and exit code. `main` prints it and exits.

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::flags::{Origin, TimeoutOrigins};
use defender_errors::check::ReviewError;
use defender_errors::{EnvelopeError, ErrorCode, OverlayError, UnknownCodeError};
use defender_errors_server::proxy::ProxyError;

/// Why a command did not finish well.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The check ran and found what fails it; the findings are printed.
    #[error("the check failed")]
    Failed,
    /// The reader of standard output stopped reading (`list | head -1`):
    /// the command ends quietly, as having done what was wanted.
    #[error("the reader closed standard output")]
    Closed,
    /// A locale directory that cannot be used.
    #[error(transparent)]
    Overlay(#[from] OverlayError),
    /// A code the catalog does not know.
    #[error(transparent)]
    UnknownCode(#[from] UnknownCodeError),
    /// An `--arg` without `=`.
    #[error("--arg '{}' must be NAME=VALUE; {}", given.escape_debug(), takes(*code))]
    ArgSyntax {
        /// The argument as given.
        given: String,
        /// The code rendered.
        code: ErrorCode,
    },
    /// Problems with the values, under `--strict`.
    #[error("{code}: {}; {}", problems.join("; "), takes(*code))]
    Values {
        /// The code rendered.
        code: ErrorCode,
        /// Each problem, in words.
        problems: Vec<String>,
    },
    /// Nothing in `--lang` matches, under `--strict`.
    #[error("no locale in '{lang}' matches (available: {available})")]
    NoLocale {
        /// `--lang`, shortened and escaped.
        lang: String,
        /// The catalog's locales.
        available: String,
    },
    /// The input cannot be read.
    #[error("cannot read {what}: {source}")]
    Read {
        /// The file, or standard input.
        what: String,
        /// Why.
        source: io::Error,
    },
    /// The error body is not UTF-8.
    #[error("the error body is not valid UTF-8")]
    NotUtf8,
    /// The error body cannot be localized.
    #[error("{}", envelope(input, error))]
    Envelope {
        /// Where the body came from.
        input: String,
        /// What is wrong with it.
        error: EnvelopeError,
    },
    /// The output cannot be written.
    #[error("cannot write the output: {0}")]
    Write(io::Error),
    /// A file cannot be written.
    #[error("cannot write {}: {source}", path.display())]
    WriteFile {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// `--format json` of a report that does not serialize.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// `mark-reviewed` could not record.
    #[error(transparent)]
    Review(#[from] ReviewError),
    /// `preview` without `-o`, on a terminal.
    #[error(
        "preview writes an HTML page to open in a browser: give it a file with -o FILE (such as \
         -o preview.html), or redirect it (> preview.html)"
    )]
    PreviewToTerminal,
    /// `preview --serve` on an address others can reach.
    #[error(
        "preview --serve shows your working files to whoever can reach it, so it listens on \
         loopback only; {0} is not a loopback address (use 127.0.0.1:PORT)"
    )]
    NotLoopback(SocketAddr),
    /// The address cannot be bound.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: io::Error,
    },
    /// The runtime of a server could not be made.
    #[error("cannot start the server: {0}")]
    Runtime(io::Error),
    /// A server stopped on an error.
    #[error("the server stopped: {0}")]
    Stopped(io::Error),
    /// `serve` could not start (its address, its locale directory).
    #[error("{0}")]
    Serve(io::Error),
    /// The proxy could not start.
    #[error(transparent)]
    Proxy(#[from] ProxyError),
    /// `--upstream-timeout 0`.
    #[error("--upstream-timeout 0{0}: give a number of seconds above 0")]
    ZeroUpstreamTimeout(Origin),
    /// An upstream timeout the server's request time would cut short.
    #[error(
        "--upstream-timeout {}s{} must be shorter than --request-timeout {}s{}, or a silent \
         upstream gets 408 instead of 504",
        upstream.as_secs_f64(), origins.upstream, request.as_secs_f64(), origins.request
    )]
    Timeouts {
        /// The upstream's timeout.
        upstream: Duration,
        /// The time of a request.
        request: Duration,
        /// Where each came from.
        origins: TimeoutOrigins,
    },
    /// A variable that `serve` and `proxy` both read, under its old name.
    #[error(
        "{old} is no longer read, since serve and proxy took it with different defaults: set \
         {serve} for serve, {proxy} for proxy"
    )]
    Retired {
        /// The old name.
        old: &'static str,
        /// `serve`'s.
        serve: &'static str,
        /// `proxy`'s.
        proxy: &'static str,
    },
}

impl Error {
    /// An error writing standard output: [`Error::Closed`] when the reader
    /// went away.
    pub fn write(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Self::Closed
        } else {
            Self::Write(error)
        }
    }

    /// The process's exit code: 1 for a failed check, 0 for a closed
    /// output, 2 for everything that kept the command from running.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Failed => 1,
            Self::Closed => 0,
            _ => 2,
        }
    }

    /// Whether the error is already said (the findings) or needs no words.
    pub fn is_quiet(&self) -> bool {
        matches!(self, Self::Failed | Self::Closed)
    }
}

/// Which values `code` takes, and how to pass them.
pub fn takes(code: ErrorCode) -> String {
    let names: Vec<&str> = code.variables().iter().map(|v| v.name).collect();
    if names.is_empty() {
        return format!("{code} takes no values; leave out --arg");
    }
    let pass: Vec<String> = names.iter().map(|n| format!("--arg {n}=VALUE")).collect();
    format!(
        "{code} takes: {}; pass {}",
        names.join(", "),
        pass.join(" ")
    )
}

/// An error body that cannot be localized, said in words a user reads, with
/// where it came from.
fn envelope(input: &str, error: &EnvelopeError) -> String {
    match error {
        EnvelopeError::InvalidJson(json) => format!(
            "{input} is not JSON (line {}, column {}): {}",
            json.line(),
            // The parser counts 0 for "before the first character" of a line.
            json.column().max(1),
            json_reason(json)
        ),
        other => format!("{input}: {other}"),
    }
}

/// What the JSON parser found wrong, without its position and in plain words.
fn json_reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let reason = text.split(" at line ").next().unwrap_or(&text);
    match reason {
        "expected ident" | "expected value" => "expected a value".into(),
        r if r.starts_with("EOF while parsing") => "the text ends before the JSON does".into(),
        "trailing characters" => "more text follows the JSON value".into(),
        "key must be a string" => "an object key must be a string in double quotes".into(),
        "trailing comma" => "a comma before a closing bracket".into(),
        "recursion limit exceeded" => "nested more than 128 levels deep".into(),
        r if r.starts_with("control character") => {
            "a control character inside a string (escape it, as \\n)".into()
        }
        r => r.replace('`', "'"),
    }
}
