//! The cases of `benches/render.rs`, one at a time, for counting
//! instructions: `instructions CASE N` runs CASE N times after its setup, and
//! `instructions --list` names the cases. `benches/count-instructions.sh`
//! runs each under callgrind twice, with N1 and N2 calls, and reports
//! (Ir of N2 calls − Ir of N1 calls) / (N2 − N1): the setup cancels out.
//! (Under `cargo bench` without a case it runs each case once, as a check.)
//!
//! Two cases have no twin in `benches/render.rs`: `specialized-message` and
//! `specialized-reused-buffer` count a yardstick, close to the least any
//! catalog must do for the message (see [`Specialized`]).

use std::fmt::Write as _;
use std::hint::black_box;

use defender_errors::{Args, Catalog, DefenderError, ErrorCode, Locale};
use fluent_bundle::FluentArgs;

#[path = "../tests/fluent_peer.rs"]
mod fluent_peer;
// Only its fluent-langneg setup is used here.
#[allow(dead_code)]
#[path = "../tests/peers.rs"]
mod peers;

const RESOURCE: &str = "Machine-42";
const SHORT_HEADER: &str = "de-CH,de;q=0.9,en;q=0.8";
/// Ten entries, not in q order.
const LONG_HEADER: &str =
    "nl;q=0.4,fr-CA;q=0.95,en;q=0.7,de;q=0.5,zh;q=0.1,fr;q=0.9,da;q=0.3,en-US;q=0.8,zh-CN;q=0.2,de-DE;q=0.6";

/// The hand-written floor of `ResourceNotFound` in German.
fn floor_into(out: &mut String, value: &str) {
    out.push_str("Die Ressource ");
    out.push_str(value);
    out.push_str(" wurde nicht gefunden.");
}

/// A yardstick between the floor and the catalog: close to the least any
/// catalog must do for this message. It finds the locale by comparing the id
/// with `"de"`, chooses the message by the error, escapes the value, and
/// writes German's text as constants the compiler inlines, as generated code
/// would. Everything else is left to the catalog, so it is right for any
/// input.
struct Specialized<'c> {
    catalog: &'c Catalog,
}

impl Specialized<'_> {
    #[inline(never)]
    fn write_message(
        &self,
        w: &mut String,
        locale: &str,
        error: &DefenderError<'_>,
    ) -> std::fmt::Result {
        match (error, locale) {
            (DefenderError::ResourceNotFound { resource }, "de") => {
                w.push_str("Die Ressource ");
                defender_errors::write_escaped(w, resource)?;
                w.push_str(" wurde nicht gefunden.");
                Ok(())
            }
            // The catalog's answer for anything else, with the locale decided
            // as a portal decides it, once.
            _ => {
                let locale = self.catalog.negotiate(locale).locale;
                self.catalog.write_message(w, locale, error)
            }
        }
    }

    fn message(&self, locale: &str, error: &DefenderError<'_>) -> String {
        let mut out = String::with_capacity(64);
        // Writing into a String cannot fail.
        let _ = self.write_message(&mut out, locale, error);
        out
    }
}

/// The hand-written floor of the two-number message: digits grouped by hand
/// with German's `.`.
fn floor_batch(received: u64, allowed: u64) -> String {
    fn grouped(out: &mut String, mut n: u64) {
        // The digits, last first, with a '.' after every third.
        let mut buf = [0u8; 32];
        let mut at = buf.len();
        let mut written = 0;
        loop {
            if written > 0 && written % 3 == 0 {
                at -= 1;
                buf[at] = b'.';
            }
            at -= 1;
            buf[at] = b'0' + (n % 10) as u8;
            written += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        out.push_str(std::str::from_utf8(&buf[at..]).expect("ASCII"));
    }
    let mut out = String::with_capacity(128);
    out.push_str("Die maximale Batchgröße wurde überschritten. Empfangene Batchgröße: ");
    grouped(&mut out, received);
    out.push_str(", maximal zulässig: ");
    grouped(&mut out, allowed);
    out.push('.');
    out
}

const CASES: &[&str] = &[
    "catalog-message",
    "catalog-message-args",
    "catalog-render",
    "catalog-write-message",
    "fluent-bundle-format-pattern",
    "fluent-bundle-write-pattern",
    "floor",
    "floor-reused-buffer",
    "specialized-message",
    "specialized-reused-buffer",
    "catalog-batch-message",
    "fluent-bundle-batch",
    "floor-batch",
    "catalog-render-no-variable",
    "catalog-message-no-variable",
    "fluent-bundle-no-variable",
    "catalog-negotiate-short",
    "fluent-langneg-short",
    "catalog-negotiate-long",
    "fluent-langneg-long",
    "catalog-build-all-compiled",
    "fluent-bundle-six-bundles",
];

fn run(case: &str, n: u64) {
    let catalog = Catalog::new();
    let _ = catalog.problems();
    let bundle = fluent_peer::bundle("de");
    let pattern = |id: &str| fluent_peer::value(&bundle, id);
    let langneg = peers::Langneg::new(catalog.locales());
    let sources: Vec<(&str, String)> = ["en", "nl", "da", "de", "zh", "fr"]
        .into_iter()
        .map(|l| (l, fluent_peer::source(l)))
        .collect();
    // The contestants agree on the text before anything is counted.
    let mut floor = String::new();
    floor_into(&mut floor, RESOURCE);
    let error = DefenderError::ResourceNotFound {
        resource: RESOURCE.into(),
    };
    // The locale is decided once, as a portal does per request; the
    // catalog's cases render with its handle.
    let de: Locale = catalog.locale("de").expect("de is shipped");
    assert_eq!(catalog.message(de, &error), floor);
    let specialized = Specialized { catalog: &catalog };
    assert_eq!(specialized.message("de", &error), floor);
    assert_eq!(
        specialized.message("fr", &error),
        catalog.message(catalog.negotiate("fr").locale, &error),
        "the catalog's text for anything else"
    );
    let mut args = FluentArgs::new();
    args.set("resource", RESOURCE);
    assert_eq!(
        bundle.format_pattern(pattern("ResourceNotFound"), Some(&args), &mut Vec::new()),
        floor
    );
    let batch = DefenderError::MaximumBatchSizeExceeded {
        batch_size_received: 12_500,
        batch_size_allowed: 10_000,
    };
    assert_eq!(catalog.message(de, &batch), floor_batch(12_500, 10_000));
    let mut buf = String::with_capacity(256);
    // Each case is chosen once, outside its loop, so that choosing it is not
    // counted.
    match case {
        "catalog-message" => {
            for _ in 0..n {
                let error = DefenderError::ResourceNotFound {
                    resource: black_box(RESOURCE).into(),
                };
                black_box(catalog.message(black_box(de), &error));
            }
        }
        "catalog-message-args" => {
            for _ in 0..n {
                let args = Args::new().with("resource", black_box(RESOURCE));
                black_box(catalog.message(black_box(de), (ErrorCode::ResourceNotFound, &args)));
            }
        }
        "catalog-render" => {
            for _ in 0..n {
                let error = DefenderError::ResourceNotFound {
                    resource: black_box(RESOURCE).into(),
                };
                black_box(catalog.render(black_box(de), &error).message);
            }
        }
        "catalog-write-message" => {
            for _ in 0..n {
                buf.clear();
                let error = DefenderError::ResourceNotFound {
                    resource: black_box(RESOURCE).into(),
                };
                catalog
                    .write_message(&mut buf, black_box(de), &error)
                    .expect("writes");
                black_box(buf.len());
            }
        }
        "fluent-bundle-format-pattern" => {
            for _ in 0..n {
                let mut args = FluentArgs::new();
                args.set("resource", black_box(RESOURCE));
                let mut errors = Vec::new();
                black_box(bundle.format_pattern(
                    pattern("ResourceNotFound"),
                    Some(&args),
                    &mut errors,
                ));
            }
        }
        "fluent-bundle-write-pattern" => {
            for _ in 0..n {
                buf.clear();
                let mut args = FluentArgs::new();
                args.set("resource", black_box(RESOURCE));
                let mut errors = Vec::new();
                bundle
                    .write_pattern(
                        &mut buf,
                        pattern("ResourceNotFound"),
                        Some(&args),
                        &mut errors,
                    )
                    .expect("writes");
                black_box(buf.len());
            }
        }
        "floor" => {
            for _ in 0..n {
                let mut out = String::with_capacity(64);
                floor_into(&mut out, black_box(RESOURCE));
                black_box(out);
            }
        }
        "specialized-message" => {
            for _ in 0..n {
                let error = DefenderError::ResourceNotFound {
                    resource: black_box(RESOURCE).into(),
                };
                black_box(specialized.message(black_box("de"), &error));
            }
        }
        "specialized-reused-buffer" => {
            for _ in 0..n {
                buf.clear();
                let error = DefenderError::ResourceNotFound {
                    resource: black_box(RESOURCE).into(),
                };
                specialized
                    .write_message(&mut buf, black_box("de"), &error)
                    .expect("writes");
                black_box(buf.len());
            }
        }
        "floor-reused-buffer" => {
            for _ in 0..n {
                buf.clear();
                floor_into(&mut buf, black_box(RESOURCE));
                black_box(buf.len());
            }
        }
        "catalog-batch-message" => {
            for _ in 0..n {
                let error = DefenderError::MaximumBatchSizeExceeded {
                    batch_size_received: black_box(12_500),
                    batch_size_allowed: black_box(10_000),
                };
                black_box(catalog.message(black_box(de), &error));
            }
        }
        "fluent-bundle-batch" => {
            for _ in 0..n {
                let mut args = FluentArgs::new();
                args.set("batch_size_received", black_box(12_500));
                args.set("batch_size_allowed", black_box(10_000));
                let mut errors = Vec::new();
                black_box(bundle.format_pattern(
                    pattern("MaximumBatchSizeExceeded"),
                    Some(&args),
                    &mut errors,
                ));
            }
        }
        "floor-batch" => {
            for _ in 0..n {
                black_box(floor_batch(black_box(12_500), black_box(10_000)));
            }
        }
        "catalog-render-no-variable" => {
            for _ in 0..n {
                black_box(
                    catalog
                        .render(black_box(de), &DefenderError::NotFound)
                        .message
                        .len(),
                );
            }
        }
        "catalog-message-no-variable" => {
            for _ in 0..n {
                black_box(
                    catalog
                        .message(black_box(de), &DefenderError::NotFound)
                        .len(),
                );
            }
        }
        "fluent-bundle-no-variable" => {
            for _ in 0..n {
                let mut errors = Vec::new();
                black_box(
                    bundle
                        .format_pattern(pattern("NotFound"), None, &mut errors)
                        .len(),
                );
            }
        }
        "catalog-negotiate-short" => {
            for _ in 0..n {
                black_box(catalog.negotiate(black_box(SHORT_HEADER)));
            }
        }
        "fluent-langneg-short" => {
            for _ in 0..n {
                black_box(langneg.choose(black_box(SHORT_HEADER)).len());
            }
        }
        "catalog-negotiate-long" => {
            for _ in 0..n {
                black_box(catalog.negotiate(black_box(LONG_HEADER)));
            }
        }
        "fluent-langneg-long" => {
            for _ in 0..n {
                black_box(langneg.choose(black_box(LONG_HEADER)).len());
            }
        }
        "catalog-build-all-compiled" => {
            for _ in 0..n {
                let catalog = Catalog::new();
                black_box(catalog.problems().len());
            }
        }
        "fluent-bundle-six-bundles" => {
            for _ in 0..n {
                for (locale, source) in &sources {
                    black_box(fluent_peer::bundle_of(locale, source.clone()));
                }
            }
        }
        other => panic!("unknown case {other}; --list names them"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag] if flag == "--list" => {
            for case in CASES {
                println!("{case}");
            }
        }
        [case, n] if !case.starts_with('-') => {
            run(case, n.parse().expect("N, a number of calls"));
        }
        // `cargo bench` (and `--test`): every case once, as a check that each runs.
        _ => {
            let mut out = String::new();
            for case in CASES {
                run(case, 1);
                let _ = writeln!(out, "{case}: ok");
            }
            print!("{out}");
        }
    }
}
