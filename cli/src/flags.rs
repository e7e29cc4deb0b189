//! Every command's arguments, in one place: the clap structs, and the parsers
//! of their values. A command's module receives its struct, already checked.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use defender_errors::parse_retry_after;
use defender_errors_server::proxy;

/// The command line, parsed; clap's own errors (and `--help`) end the
/// process here, with exit code 2 (0).
pub fn parse() -> Cli {
    let command = Cli::command();
    let matches = command
        .clone()
        .try_get_matches()
        .unwrap_or_else(|error| name_the_variable(error, &command).exit());
    let mut cli = Cli::from_arg_matches(&matches)
        .unwrap_or_else(|error| error.format(&mut command.clone()).exit());
    if let (Command::Proxy(args), Some((name, proxy))) = (&mut cli.command, matches.subcommand()) {
        if let Some(definition) = command.find_subcommand(name) {
            args.origins = TimeoutOrigins {
                upstream: Origin::of(definition, proxy, "upstream_timeout"),
                request: Origin::of(definition, proxy, "request_timeout"),
            };
        }
    }
    cli
}

/// clap names the flag of a bad value even when the value came from the
/// flag's environment variable (clap-rs/clap#5202), which leaves an operator
/// looking for a flag nobody typed: such an error names the variable.
fn name_the_variable(error: clap::Error, command: &clap::Command) -> clap::Error {
    if !matches!(
        error.kind(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation
    ) {
        return error;
    }
    let (Some(ContextValue::String(flag)), Some(ContextValue::String(value))) = (
        error.get(ContextKind::InvalidArg),
        error.get(ContextKind::InvalidValue),
    ) else {
        return error;
    };
    let long = flag
        .split_whitespace()
        .next()
        .and_then(|f| f.strip_prefix("--"))
        .unwrap_or_default();
    let typed =
        std::env::args().any(|a| a == format!("--{long}") || a.starts_with(&format!("--{long}=")));
    let name = std::env::args()
        .skip(1)
        .find(|a| command.find_subcommand(a).is_some());
    let variable = name
        .and_then(|name| command.find_subcommand(name))
        .into_iter()
        .chain([command])
        .flat_map(clap::Command::get_arguments)
        .find(|arg| arg.get_long() == Some(long))
        .and_then(clap::Arg::get_env)
        .filter(|env| std::env::var_os(env).is_some_and(|v| v.to_string_lossy() == *value));
    let (Some(variable), false) = (variable, typed) else {
        return error;
    };
    let why = match (
        error.get(ContextKind::ValidValue),
        std::error::Error::source(&error),
    ) {
        (Some(ContextValue::Strings(valid)), _) => format!("expected one of {}", valid.join(", ")),
        (_, Some(source)) => source.to_string(),
        _ => "not a value it takes".to_owned(),
    };
    command.clone().error(
        ErrorKind::ValueValidation,
        format!(
            "invalid value '{value}' in the environment variable {} (the value of {flag}): {why}",
            variable.to_string_lossy()
        ),
    )
}

/// Localized messages for the Microsoft 365 Defender REST API error codes.
#[derive(Parser)]
#[command(version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// A directory laid out like locales/. The translators' commands
    /// (check, preview, mark-reviewed) work on its files, else on
    /// ./locales; the others use its files over the embedded ones of the
    /// same locale (a preview without rebuilding).
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "DEFENDER_ERRORS_LOCALES"
    )]
    pub locales: Option<PathBuf>,
}

/// The commands.
#[derive(Subcommand)]
pub enum Command {
    /// Print the localized message of an error code.
    Render(RenderArgs),
    /// Print the locale chosen for an Accept-Language value.
    Negotiate(NegotiateArgs),
    /// Localize an error body from the Defender API (stdin when no FILE).
    Localize(LocalizeArgs),
    /// List every code with its status and message, variables as placeholders.
    List(ListArgs),
    /// Check the locale files of DIR (else --locales, else ./locales)
    /// against English: exit 0 when clean, 1 on errors (or warnings with
    /// --deny-warnings), 2 when the check could not run.
    Check(CheckArgs),
    /// Write an HTML page with every message in every locale, as rendered
    /// with sample values, and the findings of check, for the files of
    /// --locales (else ./locales).
    Preview(PreviewArgs),
    /// Record that translations were reviewed against the English they have
    /// now, in DIR/LOCALE/reviewed.txt (DIR: --locales, else ./locales), so
    /// that check stops reporting them as outdated.
    MarkReviewed(MarkReviewedArgs),
    /// Serve the catalog over HTTP for portals in any language: POST
    /// /localize, GET /messages/{locale}, GET /openapi.json, GET /healthz,
    /// GET /readyz, GET /metrics. With --locales, the files are loaded again
    /// when they change or on SIGHUP. Stops on SIGTERM or Ctrl-C, after the
    /// requests under way (at most --shutdown-grace). Every flag can be
    /// given as the environment variable shown.
    Serve(ServeArgs),
    /// A localizing reverse proxy: point a portal's Defender API base URL
    /// at it, and every Defender error comes back with its localized message
    /// for the request's Accept-Language; everything else passes as it came.
    /// On the same server as serve: GET /healthz, GET /readyz and GET
    /// /metrics are its own. Stops on SIGTERM or Ctrl-C, after the requests
    /// under way (at most --shutdown-grace). Every flag can be given as the
    /// environment variable shown.
    Proxy(ProxyArgs),
}

/// `render`.
#[derive(clap::Args)]
pub struct RenderArgs {
    /// The error code, e.g. ResourceNotFound.
    pub code: String,
    /// A language tag or a whole Accept-Language value.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// A value of the message, as NAME=VALUE (repeatable).
    #[arg(long = "arg", value_name = "NAME=VALUE")]
    pub args: Vec<String>,
    /// The tracking id, for --json.
    #[arg(long)]
    pub target: Option<String>,
    /// Print the error envelope as JSON instead of the text.
    #[arg(long)]
    pub json: bool,
    /// Fail (exit 2) on a missing, unknown or malformed value, or when no
    /// locale in --lang matches.
    #[arg(long)]
    pub strict: bool,
}

/// `negotiate`.
#[derive(clap::Args)]
pub struct NegotiateArgs {
    /// The Accept-Language header value, e.g. "de-CH,de;q=0.9".
    pub header: String,
}

/// `localize`.
#[derive(clap::Args)]
pub struct LocalizeArgs {
    /// A file holding the JSON error body.
    pub file: Option<PathBuf>,
    /// A language tag or a whole Accept-Language value.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// The HTTP status of the response, for codes the catalog does not know.
    #[arg(long)]
    pub status: Option<u16>,
    /// The wait of a throttled response, as its Retry-After header gives
    /// it: seconds, or an HTTP date (counted from now). It fills the
    /// message's $retry_after, before the body's own "Try again in N seconds".
    #[arg(long, value_name = "SECONDS|HTTP-DATE", value_parser = retry_after)]
    pub retry_after: Option<u64>,
    /// Fail (exit 2) when no locale in --lang matches.
    #[arg(long)]
    pub strict: bool,
}

/// `list`.
#[derive(clap::Args)]
pub struct ListArgs {
    /// A language tag or a whole Accept-Language value.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Fail (exit 2) when no locale in --lang matches.
    #[arg(long)]
    pub strict: bool,
}

/// `check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// A directory laid out like locales/ (default: --locales, else
    /// ./locales, as every translators' command).
    pub dir: Option<PathBuf>,
    /// Fail on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// How `check` prints its findings.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// Each finding with its line and a marker, then the coverage table.
    Text,
    /// One JSON object: {"findings": [...], "coverage": [...]}.
    Json,
}

/// `preview`.
#[derive(clap::Args)]
pub struct PreviewArgs {
    /// Write the page to FILE (without it, standard output, unless that is
    /// a terminal).
    #[arg(short, long, value_name = "FILE", conflicts_with = "serve")]
    pub output: Option<PathBuf>,
    /// Serve the page on loopback instead, for the files of --locales
    /// (else ./locales); the open page follows every saved change.
    #[arg(long)]
    pub serve: bool,
    /// Where --serve listens.
    #[arg(long, default_value = "127.0.0.1:8000", requires = "serve")]
    pub addr: SocketAddr,
}

/// `mark-reviewed`.
#[derive(clap::Args)]
pub struct MarkReviewedArgs {
    /// The translation reviewed, e.g. de.
    pub locale: String,
    /// The messages reviewed (all the translation has, without any).
    pub ids: Vec<String>,
}

/// The settings of `serve`, each a flag and an environment variable.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// Where to listen (loopback by default).
    #[arg(long, env = "DEFENDER_ERRORS_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The largest request body, in bytes (larger gets 413).
    #[arg(long, env = "DEFENDER_ERRORS_SERVE_MAX_BODY", default_value_t = 64 * 1024, value_name = "BYTES")]
    pub max_body: usize,
    /// How long a request may take, body included, in seconds (longer gets 408).
    #[arg(long, env = "DEFENDER_ERRORS_SERVE_REQUEST_TIMEOUT", default_value = "10", value_name = "SECS", value_parser = seconds)]
    pub request_timeout: Duration,
    /// How often --locales is looked at for changes, in milliseconds.
    #[arg(
        long,
        env = "DEFENDER_ERRORS_RELOAD_MS",
        default_value_t = 1000,
        value_name = "MS"
    )]
    pub reload_ms: u64,
    /// The max-age of /messages/{locale}'s Cache-Control, in seconds.
    #[arg(long, env = "DEFENDER_ERRORS_MESSAGES_MAX_AGE", default_value = "300", value_name = "SECS", value_parser = seconds)]
    pub messages_max_age: Duration,
    #[command(flatten)]
    pub server: ServerArgs,
}

/// The settings of `proxy`, each a flag and an environment variable.
#[derive(clap::Args)]
pub struct ProxyArgs {
    /// The Defender API's base URL, http:// or https://.
    #[arg(long, env = "DEFENDER_ERRORS_UPSTREAM", value_name = "URL")]
    pub upstream: http::Uri,
    /// Where to listen (loopback by default).
    #[arg(
        long,
        env = "DEFENDER_ERRORS_PROXY_ADDR",
        default_value = "127.0.0.1:8081"
    )]
    pub addr: SocketAddr,
    /// How long the upstream may take to answer (its head), in seconds;
    /// longer gets 504. Shorter than --request-timeout.
    #[arg(long, env = "DEFENDER_ERRORS_UPSTREAM_TIMEOUT", default_value = "30", value_name = "SECS", value_parser = seconds)]
    pub upstream_timeout: Duration,
    /// A PEM file of the CA that signed an https upstream's certificate
    /// (default: the platform's root certificates).
    #[arg(long, env = "DEFENDER_ERRORS_UPSTREAM_CA", value_name = "FILE")]
    pub upstream_ca: Option<PathBuf>,
    /// The largest request body, in bytes (larger gets 413); it streams to
    /// the upstream.
    #[arg(long, env = "DEFENDER_ERRORS_PROXY_MAX_BODY", default_value_t = proxy::DEFAULT_BODY_BYTES, value_name = "BYTES")]
    pub max_body: usize,
    /// How long a request may take, from its head to the upstream's answer
    /// (its head), in seconds (longer gets 408).
    #[arg(long, env = "DEFENDER_ERRORS_PROXY_REQUEST_TIMEOUT", default_value = "60", value_name = "SECS", value_parser = seconds)]
    pub request_timeout: Duration,
    #[command(flatten)]
    pub server: ServerArgs,
    /// Where the two timeouts came from, for the error that compares them.
    #[arg(skip)]
    pub origins: TimeoutOrigins,
}

/// Where `proxy`'s two timeouts came from.
#[derive(Debug, Default, Clone)]
pub struct TimeoutOrigins {
    /// `--upstream-timeout`'s.
    pub upstream: Origin,
    /// `--request-timeout`'s.
    pub request: Origin,
}

/// Where a setting's value came from: an error about a value the operator
/// did not type says where it was set.
#[derive(Debug, Default, Clone, PartialEq)]
pub enum Origin {
    /// Its default.
    #[default]
    Default,
    /// The command line.
    Flag,
    /// This environment variable.
    Environment(String),
}

impl Origin {
    /// Where `id`'s value in `matches` (of `command`) came from.
    fn of(command: &clap::Command, matches: &ArgMatches, id: &str) -> Self {
        match matches.value_source(id) {
            Some(ValueSource::CommandLine) => Self::Flag,
            Some(ValueSource::EnvVariable) => Self::Environment(
                command
                    .get_arguments()
                    .find(|arg| arg.get_id() == id)
                    .and_then(clap::Arg::get_env)
                    .map(|env| env.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            ),
            _ => Self::Default,
        }
    }
}

impl std::fmt::Display for Origin {
    /// "(the default)", "(from NAME)", or nothing for a flag typed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Default => f.write_str(" (the default)"),
            Self::Flag => Ok(()),
            Self::Environment(name) => write!(f, " (from {name})"),
        }
    }
}

/// The settings of the server under `serve` and `proxy`, each a flag and an
/// environment variable, the same for both.
#[derive(clap::Args)]
pub struct ServerArgs {
    /// The most bytes of request header names and values (more gets 431).
    #[arg(long, env = "DEFENDER_ERRORS_MAX_HEADER_BYTES", default_value_t = 16 * 1024, value_name = "BYTES")]
    pub max_header_bytes: usize,
    /// How long a client has to send a request head, and a keep-alive
    /// connection to start its next request, in seconds; then it is closed.
    #[arg(long, env = "DEFENDER_ERRORS_HEADER_READ_TIMEOUT", default_value = "10", value_name = "SECS", value_parser = seconds)]
    pub header_read_timeout: Duration,
    /// The most connections open at once; one more is closed at once.
    #[arg(long, env = "DEFENDER_ERRORS_MAX_CONNECTIONS", default_value_t = 1024, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// The most requests under way at once; one more gets 503 with Retry-After.
    #[arg(long, env = "DEFENDER_ERRORS_MAX_IN_FLIGHT", default_value_t = 256, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_in_flight: u32,
    /// The Retry-After of that 503, in seconds.
    #[arg(
        long,
        env = "DEFENDER_ERRORS_RETRY_AFTER",
        default_value_t = 1,
        value_name = "SECS"
    )]
    pub retry_after: u64,
    /// How long the requests under way have to finish after SIGTERM, in
    /// seconds; then the connections left are closed and the process exits 0.
    #[arg(long, env = "DEFENDER_ERRORS_SHUTDOWN_GRACE", default_value = "10", value_name = "SECS", value_parser = seconds)]
    pub shutdown_grace: Duration,
    /// How the logs on standard error are written.
    #[arg(long, env = "DEFENDER_ERRORS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// The least important level logged: error, warn, info, debug or trace.
    #[arg(
        long,
        env = "DEFENDER_ERRORS_LOG_LEVEL",
        default_value = "info",
        value_name = "LEVEL"
    )]
    pub log_level: tracing_subscriber::filter::LevelFilter,
    /// How many log lines wait for a slow reader of standard error; past
    /// them lines are dropped (and counted in /metrics), never requests.
    #[arg(
        long,
        env = "DEFENDER_ERRORS_LOG_BUFFER_LINES",
        default_value_t = 16384,
        value_name = "LINES"
    )]
    pub log_buffer_lines: usize,
}

/// How `serve` and `proxy` write their logs.
#[derive(Clone, Copy, ValueEnum)]
pub enum LogFormat {
    /// One line a person reads.
    Text,
    /// One JSON object a line.
    Json,
}

/// A duration in seconds, such as `10` or `0.5`.
fn seconds(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .ok_or_else(|| format!("'{text}' is not a number of seconds"))
}

/// `--retry-after`: a Retry-After value, read as the library reads the header.
fn retry_after(value: &str) -> Result<u64, String> {
    parse_retry_after(value, std::time::SystemTime::now()).ok_or_else(|| {
        "expected whole seconds (e.g. 12) or an HTTP date (e.g. \"Sun, 06 Nov 1994 08:49:37 GMT\")"
            .to_owned()
    })
}
