//! One module per command, each with its `exec`; [`exec`] sends each
//! command to its module, and what they share is here: the catalog of
//! `--locales`, the place a translator's files are, and writing the output.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use defender_errors::check::Report;
use defender_errors::Catalog;
use defender_errors_server as server;

use crate::error::Error;
use crate::flags::{Cli, Command, LogFormat, ServerArgs};

mod check;
mod list;
mod localize;
mod mark_reviewed;
mod negotiate;
mod preview;
mod proxy;
mod render;
mod serve;

/// Runs the command of `cli`.
pub fn exec(cli: Cli) -> Result<(), Error> {
    let locales = cli.locales;
    match cli.command {
        Command::Render(args) => render::exec(&args, locales.as_deref()),
        Command::Negotiate(args) => negotiate::exec(&args, locales.as_deref()),
        Command::Localize(args) => localize::exec(&args, locales.as_deref()),
        Command::List(args) => list::exec(&args, locales.as_deref()),
        Command::Check(args) => check::exec(&args, locales.as_deref()),
        Command::Preview(args) => preview::exec(&args, locales.as_deref()),
        Command::MarkReviewed(args) => mark_reviewed::exec(&args, locales.as_deref()),
        Command::Serve(args) => serve::exec(&args, locales),
        Command::Proxy(args) => proxy::exec(&args, locales.as_deref()),
    }
}

/// The catalog, with the files of `locales` over the embedded ones; what
/// could not be loaded of them is said on standard error, as the load found
/// it.
fn catalog(locales: Option<&Path>) -> Result<Catalog, Error> {
    let mut builder = Catalog::builder();
    if let Some(dir) = locales {
        builder.overlay_dir(dir)?;
    }
    let catalog = builder.build();
    let problems = catalog.problems();
    if !problems.is_empty() {
        for problem in problems {
            match locales {
                // The problem names `<locale>/errors.ftl`: under the directory given.
                Some(dir) => eprintln!("{}", dir.join(problem.to_string()).display()),
                None => eprintln!("{problem}"),
            }
        }
        // A hint names the files it is about, quoted for a shell.
        let check = locales.map_or("check".to_owned(), |d| {
            let dir = d.to_string_lossy();
            format!("check {}", shlex::try_quote(&dir).unwrap_or(dir.clone()))
        });
        eprintln!(
            "note: the catalog uses English where these findings are; `defender-errors {check}` \
             lists every finding with its line"
        );
    }
    Ok(catalog)
}

/// The directory of a translator's files, the same for every translators'
/// command: `--locales`, else `./locales`.
fn working(locales: Option<&Path>) -> PathBuf {
    locales.map_or_else(|| PathBuf::from("locales"), Path::to_path_buf)
}

/// Which files a translators' command read: "the locale files in DIR (en,
/// nl, ...)", for the first line it prints.
fn files_read(dir: &Path, report: &Report) -> String {
    let locales: Vec<&str> = report
        .coverage()
        .iter()
        .map(|c| c.locale.as_str())
        .collect();
    format!(
        "the locale files in {} ({})",
        dir.display(),
        locales.join(", ")
    )
}

/// `text` on standard output.
fn print(text: &str) -> Result<(), Error> {
    io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(Error::write)
}

/// `value` as indented JSON on standard output.
fn print_json(value: &serde_json::Value) -> Result<(), Error> {
    print(&(serde_json::to_string_pretty(value)? + "\n"))
}

/// An error body, indented, with its members in their order.
fn print_body(body: &defender_errors::LocalizedBody<'_>) -> Result<(), Error> {
    let value: serde_json::Value = serde_json::from_str(&body.text)?;
    print_json(&value)
}

/// Says which locale is used when nothing in `lang` matches; an error with
/// `strict`.
fn check_locale(catalog: &Catalog, lang: &str, strict: bool) -> Result<(), Error> {
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
        return Err(Error::NoLocale {
            lang: shown,
            available,
        });
    }
    eprintln!(
        "warning: no locale in '{shown}' matches; using {} (available: {available})",
        catalog.locale_id(negotiated.locale)
    );
    Ok(())
}

/// Starts the logs of `serve` and `proxy` on standard error, as
/// `--log-format`, `--log-level` and `--log-buffer-lines` say, with their
/// dropped lines counted in `metrics`.
fn init_logs(
    args: &ServerArgs,
    metrics: &defender_errors_server::Metrics,
) -> Result<crate::logs::Logs, Error> {
    let json = matches!(args.log_format, LogFormat::Json);
    let logs = crate::logs::Logs::init(args.log_level, json, args.log_buffer_lines.max(1))
        .map_err(Error::Runtime)?;
    logs.count_drops_in(metrics);
    Ok(logs)
}

/// The server's settings: `args`, and the command's body limit and request
/// time.
fn server_config(
    args: &ServerArgs,
    server: &mut server::Config,
    max_body: usize,
    request_timeout: Duration,
) {
    server.body_bytes = max_body;
    server.request_time = request_timeout;
    server.header_bytes = args.max_header_bytes;
    server.header_read_timeout = args.header_read_timeout;
    server.max_connections = args.max_connections as usize;
    server.max_in_flight = args.max_in_flight as usize;
    server.retry_after = args.retry_after;
    server.shutdown_grace = args.shutdown_grace;
}

/// An error when a variable that `serve` and `proxy` both read under one
/// name (with different defaults, so a value meant for one stopped the
/// other) is still set: each command has its own name for it now, and a
/// value set under the old one would be silently ignored.
fn refuse_retired_variables() -> Result<(), Error> {
    const RETIRED: [(&str, &str, &str); 2] = [
        (
            "DEFENDER_ERRORS_MAX_BODY",
            "DEFENDER_ERRORS_SERVE_MAX_BODY",
            "DEFENDER_ERRORS_PROXY_MAX_BODY",
        ),
        (
            "DEFENDER_ERRORS_REQUEST_TIMEOUT",
            "DEFENDER_ERRORS_SERVE_REQUEST_TIMEOUT",
            "DEFENDER_ERRORS_PROXY_REQUEST_TIMEOUT",
        ),
    ];
    match RETIRED
        .into_iter()
        .find(|(old, _, _)| std::env::var_os(old).is_some())
    {
        Some((old, serve, proxy)) => Err(Error::Retired { old, serve, proxy }),
        None => Ok(()),
    }
}
