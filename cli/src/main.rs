//! `defender-errors`: the command-line face of the catalog. It only parses
//! arguments and calls the library.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use defender_errors::{
    check, parse_retry_after, Args, Catalog, EnvelopeError, ErrorCode, ResponseInfo, MAX_BODY_BYTES,
};
use defender_errors_server::{self as server, proxy, serve};

mod diagnostics;
mod live;
mod service;

/// Localized messages for the Microsoft 365 Defender REST API error codes.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// A directory laid out like locales/ whose files replace the embedded
    /// ones of the same locale (a preview without rebuilding).
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "DEFENDER_ERRORS_LOCALES"
    )]
    locales: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the localized message of an error code.
    Render {
        /// The error code, e.g. ResourceNotFound.
        code: String,
        /// A language tag or a whole Accept-Language value.
        #[arg(long, default_value = "en")]
        lang: String,
        /// A value of the message, as NAME=VALUE (repeatable).
        #[arg(long = "arg", value_name = "NAME=VALUE")]
        args: Vec<String>,
        /// The tracking id, for --json.
        #[arg(long)]
        target: Option<String>,
        /// Print the error envelope as JSON instead of the text.
        #[arg(long)]
        json: bool,
        /// Fail (exit 2) on a missing, unknown or malformed value, or when no
        /// locale in --lang matches.
        #[arg(long)]
        strict: bool,
    },
    /// Print the locale chosen for an Accept-Language value.
    Negotiate {
        /// The Accept-Language header value, e.g. "de-CH,de;q=0.9".
        header: String,
    },
    /// Localize an error body from the Defender API (stdin when no FILE).
    Localize {
        /// A file holding the JSON error body.
        file: Option<PathBuf>,
        /// A language tag or a whole Accept-Language value.
        #[arg(long, default_value = "en")]
        lang: String,
        /// The HTTP status of the response, for codes the catalog does not know.
        #[arg(long)]
        status: Option<u16>,
        /// The wait of a throttled response, as its Retry-After header gives
        /// it: seconds, or an HTTP date (counted from now). It fills the
        /// message's $retry_after, before the body's own "Try again in N seconds".
        #[arg(long, value_name = "SECONDS|HTTP-DATE", value_parser = retry_after)]
        retry_after: Option<u64>,
        /// Fail (exit 2) when no locale in --lang matches.
        #[arg(long)]
        strict: bool,
    },
    /// List every code with its status and message, variables as placeholders.
    List {
        /// A language tag or a whole Accept-Language value.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Fail (exit 2) when no locale in --lang matches.
        #[arg(long)]
        strict: bool,
    },
    /// Check locale files against English: exit 0 when clean, 1 on errors
    /// (or warnings with --deny-warnings), 2 when the check could not run.
    Check {
        /// A directory laid out like locales/ (default: --locales, else the
        /// embedded files).
        dir: Option<PathBuf>,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// How to print the findings.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Write an HTML page with every message in every locale, as rendered
    /// with sample values, and the findings of check (use --locales DIR to
    /// preview edited files).
    Preview {
        /// Write the page to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE", conflicts_with = "serve")]
        output: Option<PathBuf>,
        /// Serve the page on loopback instead, for the files of --locales
        /// (else ./locales); the open page follows every saved change.
        #[arg(long)]
        serve: bool,
        /// Where --serve listens.
        #[arg(long, default_value = "127.0.0.1:8000", requires = "serve")]
        addr: std::net::SocketAddr,
    },
    /// Record that translations were reviewed against the English they have
    /// now, in DIR/LOCALE/reviewed.txt (DIR: --locales, else ./locales), so
    /// that check stops reporting them as outdated.
    MarkReviewed {
        /// The translation reviewed, e.g. de.
        locale: String,
        /// The messages reviewed (all the translation has, without any).
        ids: Vec<String>,
    },
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

/// The settings of `serve`, each a flag and an environment variable.
#[derive(clap::Args)]
struct ServeArgs {
    /// Where to listen (loopback by default).
    #[arg(long, env = "DEFENDER_ERRORS_ADDR", default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
    /// The largest request body, in bytes (larger gets 413).
    #[arg(long, env = "DEFENDER_ERRORS_MAX_BODY", default_value_t = 64 * 1024, value_name = "BYTES")]
    max_body: usize,
    /// How long a request may take, body included, in seconds (longer gets 408).
    #[arg(long, env = "DEFENDER_ERRORS_REQUEST_TIMEOUT", default_value = "10", value_name = "SECS", value_parser = seconds)]
    request_timeout: Duration,
    /// How often --locales is looked at for changes, in milliseconds.
    #[arg(
        long,
        env = "DEFENDER_ERRORS_RELOAD_MS",
        default_value_t = 1000,
        value_name = "MS"
    )]
    reload_ms: u64,
    /// The max-age of /messages/{locale}'s Cache-Control, in seconds.
    #[arg(long, env = "DEFENDER_ERRORS_MESSAGES_MAX_AGE", default_value = "300", value_name = "SECS", value_parser = seconds)]
    messages_max_age: Duration,
    #[command(flatten)]
    server: ServerArgs,
}

/// The settings of `proxy`, each a flag and an environment variable.
#[derive(clap::Args)]
struct ProxyArgs {
    /// The Defender API's base URL, http:// or https://.
    #[arg(long, env = "DEFENDER_ERRORS_UPSTREAM", value_name = "URL")]
    upstream: http::Uri,
    /// Where to listen (loopback by default).
    #[arg(
        long,
        env = "DEFENDER_ERRORS_PROXY_ADDR",
        default_value = "127.0.0.1:8081"
    )]
    addr: std::net::SocketAddr,
    /// How long the upstream may take to answer (its head), in seconds;
    /// longer gets 504. Shorter than --request-timeout.
    #[arg(long, env = "DEFENDER_ERRORS_UPSTREAM_TIMEOUT", default_value = "30", value_name = "SECS", value_parser = seconds)]
    upstream_timeout: Duration,
    /// A PEM file of the CA that signed an https upstream's certificate
    /// (default: the platform's root certificates).
    #[arg(long, env = "DEFENDER_ERRORS_UPSTREAM_CA", value_name = "FILE")]
    upstream_ca: Option<PathBuf>,
    /// The largest request body, in bytes (larger gets 413); it streams to
    /// the upstream.
    #[arg(long, env = "DEFENDER_ERRORS_MAX_BODY", default_value_t = proxy::DEFAULT_BODY_BYTES, value_name = "BYTES")]
    max_body: usize,
    /// How long a request may take, from its head to the upstream's answer
    /// (its head), in seconds (longer gets 408).
    #[arg(long, env = "DEFENDER_ERRORS_REQUEST_TIMEOUT", default_value = "60", value_name = "SECS", value_parser = seconds)]
    request_timeout: Duration,
    #[command(flatten)]
    server: ServerArgs,
}

/// The settings of the server under `serve` and `proxy`, each a flag and an
/// environment variable, the same for both.
#[derive(clap::Args)]
struct ServerArgs {
    /// The most bytes of request header names and values (more gets 431).
    #[arg(long, env = "DEFENDER_ERRORS_MAX_HEADER_BYTES", default_value_t = 16 * 1024, value_name = "BYTES")]
    max_header_bytes: usize,
    /// How long a client has to send a request head, and a keep-alive
    /// connection to start its next request, in seconds; then it is closed.
    #[arg(long, env = "DEFENDER_ERRORS_HEADER_READ_TIMEOUT", default_value = "10", value_name = "SECS", value_parser = seconds)]
    header_read_timeout: Duration,
    /// The most connections open at once; one more is closed at once.
    #[arg(long, env = "DEFENDER_ERRORS_MAX_CONNECTIONS", default_value_t = 1024, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_connections: u32,
    /// The most requests under way at once; one more gets 503 with Retry-After.
    #[arg(long, env = "DEFENDER_ERRORS_MAX_IN_FLIGHT", default_value_t = 256, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_in_flight: u32,
    /// The Retry-After of that 503, in seconds.
    #[arg(
        long,
        env = "DEFENDER_ERRORS_RETRY_AFTER",
        default_value_t = 1,
        value_name = "SECS"
    )]
    retry_after: u64,
    /// How long the requests under way have to finish after SIGTERM, in
    /// seconds; then the connections left are closed and the process exits 0.
    #[arg(long, env = "DEFENDER_ERRORS_SHUTDOWN_GRACE", default_value = "10", value_name = "SECS", value_parser = seconds)]
    shutdown_grace: Duration,
    /// How the logs on standard error are written.
    #[arg(long, env = "DEFENDER_ERRORS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
    /// The least important level logged: error, warn, info, debug or trace.
    #[arg(
        long,
        env = "DEFENDER_ERRORS_LOG_LEVEL",
        default_value = "info",
        value_name = "LEVEL"
    )]
    log_level: tracing_subscriber::filter::LevelFilter,
}

impl ServerArgs {
    /// Starts the logs on standard error, as --log-format and --log-level say.
    fn init_logs(&self) {
        let logs = tracing_subscriber::fmt()
            .with_writer(io::stderr)
            .with_ansi(io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none())
            .with_max_level(self.log_level);
        match self.log_format {
            LogFormat::Text => logs.init(),
            LogFormat::Json => logs.json().with_current_span(true).init(),
        }
    }

    /// The server's settings: these, and the command's body limit and
    /// request time.
    fn apply(&self, server: &mut server::Config, max_body: usize, request_timeout: Duration) {
        server.body_bytes = max_body;
        server.request_time = request_timeout;
        server.header_bytes = self.max_header_bytes;
        server.header_read_timeout = self.header_read_timeout;
        server.max_connections = self.max_connections as usize;
        server.max_in_flight = self.max_in_flight as usize;
        server.retry_after = self.retry_after;
        server.shutdown_grace = self.shutdown_grace;
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LogFormat {
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

/// Runs `serve` with logs on standard error.
fn run_serve(args: &ServeArgs, locales: Option<PathBuf>) -> ExitCode {
    args.server.init_logs();
    let mut config = serve::Config::default();
    config.addr = args.addr;
    config.locales = locales;
    config.reload_every = Duration::from_millis(args.reload_ms.max(10));
    config.messages_max_age = args.messages_max_age;
    args.server
        .apply(&mut config.server, args.max_body, args.request_timeout);
    let run = service::block_on(async move {
        let listener = service::bind(config.addr).await?;
        let (reload, asked) = tokio::sync::mpsc::channel(1);
        let hangup = service::hangups(reload)?;
        let result =
            serve::serve_with_reload(listener, config, service::terminated(), Some(asked)).await;
        hangup.abort();
        result
    });
    match run.and_then(|result| result) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Each finding with its line and a marker, then the coverage table.
    Text,
    /// One JSON object: {"findings": [...], "coverage": [...]}.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Check {
        dir,
        deny_warnings,
        format,
    } = &cli.command
    {
        return run_check(
            dir.as_ref().or(cli.locales.as_ref()),
            *deny_warnings,
            *format,
        );
    }
    if let Command::Serve(args) = &cli.command {
        return run_serve(args, cli.locales.clone());
    }
    // The commands that write or watch a translator's files work on
    // --locales, else ./locales.
    let working = || {
        cli.locales
            .clone()
            .unwrap_or_else(|| PathBuf::from("locales"))
    };
    let done = match &cli.command {
        Command::MarkReviewed { locale, ids } => Some(mark_reviewed(&working(), locale, ids)),
        Command::Preview {
            serve: true, addr, ..
        } => Some(live::serve(*addr, working())),
        _ => None,
    };
    if let Some(done) = done {
        return match done {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        };
    }
    let mut builder = Catalog::builder();
    if let Some(dir) = &cli.locales {
        if let Err(e) = builder.overlay_dir(dir) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    let catalog = builder.build();
    print_problems(&catalog, cli.locales.as_ref());
    if let Command::Proxy(args) = &cli.command {
        return run_proxy(catalog, args);
    }
    if let Command::Preview { output, .. } = &cli.command {
        return run_preview(&catalog, cli.locales.as_ref(), output.as_ref());
    }
    let mut out = io::stdout().lock();
    match run(&catalog, cli.command, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped reading (`list | head -1`) ends the command quietly.
        Err(message) if message == CLOSED => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(catalog: &Catalog, command: Command, out: &mut impl Write) -> Result<(), String> {
    match command {
        Command::Render {
            code,
            lang,
            args,
            target,
            json,
            strict,
        } => {
            let code: ErrorCode = code.parse().map_err(|e| format!("{e}"))?;
            let args = parse_args(code, &args)?;
            check_locale(catalog, &lang, strict)?;
            let rendered = catalog.render_args(&lang, code, &args);
            if !rendered.problems.is_empty() {
                let problems: Vec<String> =
                    rendered.problems.iter().map(ToString::to_string).collect();
                if strict {
                    return Err(format!("{code}: {}; {}", problems.join("; "), takes(code)));
                }
                for problem in problems {
                    eprintln!("warning: {problem}");
                }
                eprintln!("note: {}", takes(code));
            }
            if target.is_some() && !json {
                eprintln!(
                    "warning: --target is shown only in the error envelope; add --json to print it"
                );
            }
            if json {
                let body = catalog.error_body_args(&lang, code, &args, target.as_deref());
                print_json(out, &body)
            } else {
                let lines = [
                    Some(&rendered.message),
                    rendered.note.as_ref(),
                    rendered.hint.as_ref(),
                ];
                for line in lines.into_iter().flatten() {
                    writeln!(out, "{line}").map_err(io_error)?;
                }
                Ok(())
            }
        }
        Command::Negotiate { header } => {
            writeln!(out, "{}", catalog.negotiate(&header).locale).map_err(io_error)
        }
        Command::Localize {
            file,
            lang,
            status,
            retry_after,
            strict,
        } => {
            let body = read_body(file.as_ref())?;
            check_locale(catalog, &lang, strict)?;
            let source = file
                .as_ref()
                .map_or("standard input".to_owned(), |f| f.display().to_string());
            let info = ResponseInfo::new().status(status).retry_after(retry_after);
            let localized = catalog
                .localize_body_with(&body, &lang, &info)
                .map_err(|e| envelope_error(&source, &e))?;
            print_json(out, &localized)
        }
        Command::Check { .. } => Err("check runs on its own".into()),
        Command::Preview { .. } => Err("preview runs on its own".into()),
        Command::Serve { .. } => Err("serve runs on its own".into()),
        Command::Proxy { .. } => Err("proxy runs on its own".into()),
        Command::MarkReviewed { .. } => Err("mark-reviewed runs on its own".into()),
        Command::List { lang, strict } => {
            check_locale(catalog, &lang, strict)?;
            for &code in ErrorCode::ALL {
                let mut args = Args::new();
                for variable in code.variables() {
                    args.set(variable.name, format!("{{${}}}", variable.name));
                }
                let rendered = catalog.render_args(&lang, code, &args);
                writeln!(
                    out,
                    "{:<26} {}  {}",
                    code.as_str(),
                    code.http_status(),
                    rendered.message
                )
                .map_err(io_error)?;
            }
            Ok(())
        }
    }
}

/// Runs `check` and prints its report; the exit code says whether it passed.
fn run_check(dir: Option<&PathBuf>, deny_warnings: bool, format: Format) -> ExitCode {
    let report = match dir {
        Some(dir) => match check::dir(dir) {
            Ok(report) => report,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
        None => check::embedded(),
    };
    let text = match format {
        Format::Text => {
            let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            diagnostics::text(&report, color)
        }
        Format::Json => match serde_json::to_string_pretty(&diagnostics::json(&report)) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
    };
    if let Err(e) = io::stdout().lock().write_all(text.as_bytes()) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        eprintln!("error: {}", io_error(e));
        return ExitCode::from(2);
    }
    if report.fails(deny_warnings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs the localizing proxy until SIGTERM or Ctrl-C, with logs on
/// standard error.
fn run_proxy(catalog: Catalog, args: &ProxyArgs) -> ExitCode {
    if args.upstream_timeout.is_zero() {
        eprintln!("error: --upstream-timeout 0: give a number of seconds above 0");
        return ExitCode::from(2);
    }
    args.server.init_logs();
    let mut config = proxy::Config::new(args.upstream.clone());
    config.addr = args.addr;
    config.timeout = args.upstream_timeout;
    config.upstream_ca = args.upstream_ca.clone();
    args.server
        .apply(&mut config.server, args.max_body, args.request_timeout);
    let addr = config.addr;
    let listen = |source| proxy::ProxyError::Listen { addr, source };
    let run = service::block_on(async {
        let listener = service::bind(addr).await.map_err(listen)?;
        let catalog = std::sync::Arc::new(catalog);
        proxy::serve(listener, &config, catalog, service::terminated()).await
    });
    match run.map_err(listen).and_then(|result| result) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line: the reasons it cannot start are the operator's to read.
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Records the review of `ids` of `locale` (all, without ids) in `dir`.
fn mark_reviewed(dir: &Path, locale: &str, ids: &[String]) -> Result<(), String> {
    check::dir(dir).map_err(|e| e.to_string())?;
    let recorded = check::mark_reviewed(dir, locale, ids).map_err(|e| e.to_string())?;
    println!(
        "recorded the English of {} message{} of {locale} as reviewed in {}",
        recorded.len(),
        if recorded.len() == 1 { "" } else { "s" },
        dir.join(locale).join(check::RECORD_FILE).display()
    );
    Ok(())
}

/// Writes the preview page of `catalog`, with the check of the same files.
fn run_preview(catalog: &Catalog, dir: Option<&PathBuf>, output: Option<&PathBuf>) -> ExitCode {
    let report = match dir.map(check::dir) {
        Some(Ok(report)) => report,
        Some(Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        None => check::embedded(),
    };
    let page = defender_errors::preview::html(catalog, &report);
    let written = match output {
        Some(path) => std::fs::write(path, page)
            .map(|()| println!("wrote the preview page to {}", path.display()))
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => io::stdout()
            .lock()
            .write_all(page.as_bytes())
            .map_err(io_error),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) if message == CLOSED => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// `NAME=VALUE` pairs for `code`; the value may contain `=`.
fn parse_args(code: ErrorCode, raw: &[String]) -> Result<Args<'_>, String> {
    let mut args = Args::new();
    for item in raw {
        match item.split_once('=') {
            Some((name, value)) if !name.is_empty() => args.set(name, value),
            _ => {
                return Err(format!(
                    "--arg '{}' must be NAME=VALUE; {}",
                    item.escape_debug(),
                    takes(code)
                ))
            }
        };
    }
    Ok(args)
}

/// `--retry-after`: a Retry-After value, read as the library reads the header.
fn retry_after(value: &str) -> Result<u64, String> {
    parse_retry_after(value, std::time::SystemTime::now()).ok_or_else(|| {
        "expected whole seconds (e.g. 12) or an HTTP date (e.g. \"Sun, 06 Nov 1994 08:49:37 GMT\")"
            .to_owned()
    })
}

/// Which values `code` takes, and how to pass them.
fn takes(code: ErrorCode) -> String {
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

/// Says which locale is used when nothing in `lang` matches; an error with
/// `strict`.
fn check_locale(catalog: &Catalog, lang: &str, strict: bool) -> Result<(), String> {
    let negotiated = catalog.negotiate(lang);
    if negotiated.matched {
        return Ok(());
    }
    let shown: String = lang
        .chars()
        .take(64)
        .collect::<String>()
        .escape_debug()
        .to_string();
    let available = catalog.locales().collect::<Vec<_>>().join(", ");
    if strict {
        return Err(format!(
            "no locale in '{shown}' matches (available: {available})"
        ));
    }
    eprintln!(
        "warning: no locale in '{shown}' matches; using {} (available: {available})",
        negotiated.locale
    );
    Ok(())
}

/// An error body that cannot be localized, said in words a user reads, with
/// where it came from.
fn envelope_error(source: &str, error: &EnvelopeError) -> String {
    match error {
        EnvelopeError::InvalidJson(json) => format!(
            "{source} is not JSON (line {}, column {}): {}",
            json.line(),
            // The parser counts 0 for "before the first character" of a line.
            json.column().max(1),
            json_reason(json)
        ),
        other => format!("{source}: {other}"),
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

/// The body from `file`, or stdin; at most `MAX_BODY_BYTES` + 1 bytes are
/// read, so that an endless input is refused instead of filling memory.
fn read_body(file: Option<&PathBuf>) -> Result<String, String> {
    let limit = u64::try_from(MAX_BODY_BYTES).unwrap_or(u64::MAX) + 1;
    let mut bytes = Vec::new();
    let result = match file {
        Some(path) => std::fs::File::open(path)
            .and_then(|f| f.take(limit).read_to_end(&mut bytes))
            .map_err(|e| format!("cannot read {}: {e}", path.display())),
        None => io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}")),
    };
    result?;
    String::from_utf8(bytes).map_err(|_| "the error body is not valid UTF-8".to_owned())
}

fn print_json(out: &mut impl Write, value: &serde_json::Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    writeln!(out, "{text}").map_err(io_error)
}

/// What [`io_error`] says of a reader that closed the pipe: nothing to report.
const CLOSED: &str = "";

/// The catalog's problems with the files, each as `check` reports it: the
/// path as given, the rule, and the words that say what to do.
fn print_problems(catalog: &Catalog, dir: Option<&PathBuf>) {
    let problems = catalog.problems();
    if problems.is_empty() {
        return;
    }
    let report = match dir {
        Some(dir) => check::dir(dir).ok(),
        None => Some(check::embedded()),
    };
    for problem in problems {
        let finding = report.as_ref().and_then(|r| {
            r.findings().iter().find(|f| {
                f.locale == problem.locale
                    && f.rule == problem.rule
                    && problem.line.is_none_or(|l| l == f.line)
                    && problem.column.is_none_or(|c| c == f.column)
            })
        });
        match finding {
            Some(finding) => eprintln!("{finding}"),
            None => eprintln!("{problem}"),
        }
    }
    let check = dir.map_or("check".to_owned(), |d| format!("check {}", d.display()));
    eprintln!(
        "note: the catalog uses English where these findings are; `defender-errors {check}` lists \
         every finding with its line"
    );
}

fn io_error(e: io::Error) -> String {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return CLOSED.to_owned();
    }
    format!("cannot write the output: {e}")
}
