//! The catalog against the Rust Fluent stack, in one run, on the same
//! messages and the same locale files: `cargo bench --bench render`.
//! Every contestant builds its arguments inside the timed loop; only what a
//! portal builds once at start-up (the catalog, the bundle) is outside.
//! Each result is kept as its API returns it: a `Cow` holding a new `String`
//! (the catalog, fluent-bundle) or a `String` (fluent-templates, the floor).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use defender_errors::{Args, Catalog, DefenderError, ErrorCode};
use fluent_bundle::FluentArgs;
use fluent_templates::Loader;
use unic_langid::LanguageIdentifier;

#[path = "../tests/fluent_peer.rs"]
mod fluent_peer;
#[path = "../tests/peers.rs"]
mod peers;

const RESOURCE: &str = "Machine-42";
const SHORT_HEADER: &str = "de-CH,de;q=0.9,en;q=0.8";
const LONG_HEADER: &str =
    "fr-CA,fr;q=0.9,en-US;q=0.8,en;q=0.7,de-DE;q=0.6,de;q=0.5,nl;q=0.4,da;q=0.3,zh-CN;q=0.2,zh;q=0.1";

/// The hand-written floor: the message split once into text and variable
/// segments, pushed into a `String` of the right capacity.
enum Seg {
    Text(&'static str),
    Var,
}

const FLOOR: [Seg; 3] = [
    Seg::Text("Die Ressource "),
    Seg::Var,
    Seg::Text(" wurde nicht gefunden."),
];

fn floor(value: &str) -> String {
    let mut out = String::with_capacity(64);
    for seg in &FLOOR {
        match seg {
            Seg::Text(t) => out.push_str(t),
            Seg::Var => out.push_str(value),
        }
    }
    out
}

fn render(c: &mut Criterion) {
    let catalog = Catalog::new();
    let bundle = fluent_peer::bundle("de");
    let templates = peers::templates();
    let de: LanguageIdentifier = "de".parse().expect("a language id");
    let pattern = |id: &str| fluent_peer::value(&bundle, id);
    let resource_not_found = pattern("ResourceNotFound");
    let batch = pattern("MaximumBatchSizeExceeded");
    let not_found = pattern("NotFound");

    // The same text from every contestant.
    let mut errors = Vec::new();
    let mut args = FluentArgs::new();
    args.set("resource", RESOURCE);
    let expected = floor(RESOURCE);
    assert_eq!(
        bundle.format_pattern(resource_not_found, Some(&args), &mut errors),
        expected
    );
    let error = DefenderError::ResourceNotFound {
        resource: RESOURCE.into(),
    };
    assert_eq!(
        catalog
            .render(catalog.negotiate("de").locale, &error)
            .message,
        expected
    );
    assert_eq!(
        catalog.message(catalog.negotiate("de").locale, &error),
        expected
    );
    // "A new String": the `Cow`s kept below each hold a freshly allocated one.
    assert!(matches!(
        catalog.message(catalog.negotiate("de").locale, &error),
        Cow::Owned(_)
    ));
    assert!(matches!(
        bundle.format_pattern(resource_not_found, Some(&args), &mut errors),
        Cow::Owned(_)
    ));
    assert_eq!(
        templates.lookup_with_args(&de, "ResourceNotFound", &peers::resource_args(RESOURCE)),
        expected
    );

    let mut group = c.benchmark_group("one string variable, new String");
    group.bench_function("catalog typed (message)", |b| {
        b.iter(|| {
            let error = DefenderError::ResourceNotFound {
                resource: black_box(RESOURCE).into(),
            };
            black_box(catalog.message(catalog.negotiate(black_box("de")).locale, &error))
        })
    });
    group.bench_function("catalog dynamic (message_args)", |b| {
        b.iter(|| {
            let args = Args::new().with("resource", black_box(RESOURCE));
            black_box(catalog.message(
                catalog.negotiate(black_box("de")).locale,
                (ErrorCode::ResourceNotFound, &args),
            ))
        })
    });
    group.bench_function("catalog typed (render)", |b| {
        b.iter(|| {
            let error = DefenderError::ResourceNotFound {
                resource: black_box(RESOURCE).into(),
            };
            black_box(
                catalog
                    .render(catalog.negotiate(black_box("de")).locale, &error)
                    .message,
            )
        })
    });
    group.bench_function("catalog dynamic (render_args)", |b| {
        b.iter(|| {
            let args = Args::new().with("resource", black_box(RESOURCE));
            black_box(
                catalog
                    .render(
                        catalog.negotiate(black_box("de")).locale,
                        (ErrorCode::ResourceNotFound, &args),
                    )
                    .message,
            )
        })
    });
    group.bench_function("fluent-bundle format_pattern", |b| {
        b.iter(|| {
            let mut args = FluentArgs::new();
            args.set("resource", black_box(RESOURCE));
            let mut errors = Vec::new();
            let message = pattern("ResourceNotFound");
            black_box(bundle.format_pattern(message, Some(&args), &mut errors))
        })
    });
    group.bench_function("fluent-templates lookup_with_args", |b| {
        b.iter(|| {
            let args = peers::resource_args(black_box(RESOURCE));
            black_box(templates.lookup_with_args(&de, black_box("ResourceNotFound"), &args))
        })
    });
    group.bench_function("hand-written floor", |b| {
        b.iter(|| black_box(floor(black_box(RESOURCE))))
    });
    group.finish();

    let mut group = c.benchmark_group("one string variable, reused buffer");
    let mut buf = String::with_capacity(256);
    group.bench_function("catalog write_message", |b| {
        b.iter(|| {
            buf.clear();
            let error = DefenderError::ResourceNotFound {
                resource: black_box(RESOURCE).into(),
            };
            catalog
                .write_message(&mut buf, catalog.negotiate(black_box("de")).locale, &error)
                .expect("writes");
            black_box(buf.len())
        })
    });
    group.bench_function("fluent-bundle write_pattern", |b| {
        b.iter(|| {
            buf.clear();
            let mut args = FluentArgs::new();
            args.set("resource", black_box(RESOURCE));
            let mut errors = Vec::new();
            let message = pattern("ResourceNotFound");
            bundle
                .write_pattern(&mut buf, message, Some(&args), &mut errors)
                .expect("writes");
            black_box(buf.len())
        })
    });
    group.bench_function("hand-written floor", |b| {
        b.iter(|| {
            buf.clear();
            for seg in &FLOOR {
                match seg {
                    Seg::Text(t) => buf.push_str(t),
                    Seg::Var => buf.push_str(black_box(RESOURCE)),
                }
            }
            black_box(buf.len())
        })
    });
    group.finish();

    let mut group = c.benchmark_group("two numbers, German grouping");
    let error = DefenderError::MaximumBatchSizeExceeded {
        batch_size_received: 12_500,
        batch_size_allowed: 10_000,
    };
    let mut args = FluentArgs::new();
    args.set("batch_size_received", 12_500);
    args.set("batch_size_allowed", 10_000);
    let expected = bundle.format_pattern(batch, Some(&args), &mut errors);
    assert_eq!(
        catalog
            .render(catalog.negotiate("de").locale, &error)
            .message,
        expected
    );
    assert_eq!(
        catalog.message(catalog.negotiate("de").locale, &error),
        expected
    );
    assert_eq!(
        templates.lookup_with_args(
            &de,
            "MaximumBatchSizeExceeded",
            &peers::batch_args(12_500, 10_000)
        ),
        expected
    );
    group.bench_function("catalog typed (message)", |b| {
        b.iter(|| {
            let error = DefenderError::MaximumBatchSizeExceeded {
                batch_size_received: black_box(12_500),
                batch_size_allowed: black_box(10_000),
            };
            black_box(catalog.message(catalog.negotiate(black_box("de")).locale, &error))
        })
    });
    group.bench_function("catalog typed (render)", |b| {
        b.iter(|| {
            let error = DefenderError::MaximumBatchSizeExceeded {
                batch_size_received: black_box(12_500),
                batch_size_allowed: black_box(10_000),
            };
            black_box(
                catalog
                    .render(catalog.negotiate(black_box("de")).locale, &error)
                    .message,
            )
        })
    });
    group.bench_function("fluent-templates lookup_with_args + ICU4X", |b| {
        b.iter(|| {
            let args = peers::batch_args(black_box(12_500), black_box(10_000));
            black_box(templates.lookup_with_args(&de, black_box("MaximumBatchSizeExceeded"), &args))
        })
    });
    group.bench_function("fluent-bundle format_pattern + ICU4X", |b| {
        b.iter(|| {
            let mut args = FluentArgs::new();
            args.set("batch_size_received", black_box(12_500));
            args.set("batch_size_allowed", black_box(10_000));
            let mut errors = Vec::new();
            let message = pattern("MaximumBatchSizeExceeded");
            black_box(bundle.format_pattern(message, Some(&args), &mut errors))
        })
    });
    group.finish();

    let mut group = c.benchmark_group("no variable");
    assert!(matches!(
        catalog
            .render(catalog.negotiate("de").locale, &DefenderError::NotFound)
            .message,
        Cow::Borrowed(_)
    ));
    assert_eq!(
        catalog.message(catalog.negotiate("de").locale, &DefenderError::NotFound),
        bundle.format_pattern(not_found, None, &mut errors)
    );
    assert_eq!(
        catalog.message(catalog.negotiate("de").locale, &DefenderError::NotFound),
        templates.lookup(&de, "NotFound")
    );
    group.bench_function("catalog typed (message)", |b| {
        b.iter(|| {
            black_box(
                catalog
                    .message(
                        catalog.negotiate(black_box("de")).locale,
                        &DefenderError::NotFound,
                    )
                    .len(),
            )
        })
    });
    group.bench_function("catalog typed (render)", |b| {
        b.iter(|| {
            black_box(
                catalog
                    .render(
                        catalog.negotiate(black_box("de")).locale,
                        &DefenderError::NotFound,
                    )
                    .message
                    .len(),
            )
        })
    });
    group.bench_function("fluent-bundle format_pattern", |b| {
        b.iter(|| {
            let mut errors = Vec::new();
            let message = pattern("NotFound");
            black_box(bundle.format_pattern(message, None, &mut errors).len())
        })
    });
    group.bench_function("fluent-templates lookup", |b| {
        b.iter(|| black_box(templates.lookup(&de, black_box("NotFound")).len()))
    });
    group.finish();
}

fn negotiate(c: &mut Criterion) {
    let catalog = Catalog::new();
    let langneg = peers::Langneg::new(catalog.locales());
    for (name, header) in [("short", SHORT_HEADER), ("long", LONG_HEADER)] {
        assert_eq!(
            langneg
                .choose(header)
                .first()
                .map(|l| l.to_string())
                .as_deref(),
            Some(catalog.locale_id(catalog.negotiate(header).locale))
        );
        let mut group = c.benchmark_group(format!("negotiate a {name} header"));
        group.bench_function("catalog", |b| {
            b.iter(|| black_box(catalog.negotiate(black_box(header)).locale))
        });
        group.bench_function("fluent-langneg (parse + Lookup)", |b| {
            b.iter(|| black_box(langneg.choose(black_box(header)).len()))
        });
        group.finish();
    }
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build, 6 locales");
    group.bench_function("catalog (locales compiled on first use)", |b| {
        b.iter(|| black_box(Catalog::new()))
    });
    group.bench_function("catalog, then every locale compiled", |b| {
        b.iter(|| {
            let catalog = Catalog::new();
            black_box(catalog.problems().len())
        })
    });
    group.bench_function("catalog, then the first German render", |b| {
        b.iter(|| {
            let catalog = Catalog::new();
            black_box(
                catalog
                    .message(catalog.negotiate("de").locale, &DefenderError::NotFound)
                    .len(),
            )
        })
    });
    // fluent-bundle gets the files' text read beforehand, as the catalog has
    // it embedded; it must own a copy, so the copy is part of its build.
    let sources: Vec<(&str, String)> = ["en", "nl", "da", "de", "zh", "fr"]
        .into_iter()
        .map(|locale| (locale, fluent_peer::source(locale)))
        .collect();
    group.bench_function("fluent-bundle, 6 bundles", |b| {
        b.iter(|| {
            for (locale, source) in &sources {
                black_box(fluent_peer::bundle_of(locale, source.clone()));
            }
        })
    });
    group.bench_function("fluent-templates ArcLoader (reads the directory)", |b| {
        b.iter(|| black_box(peers::templates()))
    });
    group.finish();
}

/// Renders `per_thread` messages on each of `threads` threads sharing one
/// catalog, and returns the time until all are done.
fn render_on_threads(catalog: &Arc<Catalog>, threads: usize, per_thread: u64) -> Duration {
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let catalog = Arc::clone(catalog);
            scope.spawn(move || {
                let mut buf = String::with_capacity(256);
                for i in 0..per_thread {
                    buf.clear();
                    let locale = catalog.negotiate(black_box(SHORT_HEADER)).locale;
                    let error = DefenderError::ResourceNotFound {
                        resource: RESOURCE.into(),
                    };
                    catalog
                        .write_message(&mut buf, locale, &error)
                        .expect("writes");
                    let _ = write!(buf, "{i}");
                    black_box(buf.len());
                }
            });
        }
    });
    start.elapsed()
}

/// Throughput: the same number of messages per thread on 1 thread and on
/// every core; with no lock on the hot path, N cores do N times the work in
/// about the same time.
fn threads(c: &mut Criterion) {
    let catalog = Arc::new(Catalog::new());
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut group = c.benchmark_group("shared catalog, negotiate + render per request");
    for threads in [1, cores] {
        group.throughput(criterion::Throughput::Elements(threads as u64));
        group.bench_function(format!("{threads} thread(s)"), |b| {
            b.iter_custom(|iters| render_on_threads(&catalog, threads, iters))
        });
    }
    group.finish();
}

criterion_group!(benches, render, negotiate, build, threads);
criterion_main!(benches);
