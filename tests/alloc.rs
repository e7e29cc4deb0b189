//! Allocations and memory, counted: `cargo test --test alloc`.
//!
//! A counting allocator makes these numbers exact and repeatable, unlike
//! timings, so they are asserted: a message without variables and a message
//! written into a reused buffer allocate nothing, a message to a new `String`
//! allocates that string only, negotiation allocates nothing, and the whole
//! catalog, every locale compiled, holds under 150 KB. The peers' counts are
//! printed beside the catalog's for `BENCHMARKS.md`, not asserted.
//!
//! Its own test binary (`harness = false`, one thread), because the counting
//! allocator is global: tests running beside it would be counted too.

use defender_errors::{Args, Catalog, DefenderError, ErrorCode};
use fluent_bundle::FluentArgs;
use fluent_templates::Loader;
use unic_langid::LanguageIdentifier;

#[path = "fluent_peer.rs"]
mod fluent_peer;
#[path = "peers.rs"]
mod peers;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Bytes the whole catalog may hold with every locale compiled.
const MAX_CATALOG_BYTES: usize = 150 * 1024;

const SHORT_HEADER: &str = "de-CH,de;q=0.9,en;q=0.8";
const LONG_HEADER: &str =
    "fr-CA,fr;q=0.9,en-US;q=0.8,en;q=0.7,de-DE;q=0.6,de;q=0.5,nl;q=0.4,da;q=0.3,zh-CN;q=0.2,zh;q=0.1";

/// The allocations `f` makes, and the bytes it leaves allocated, after one
/// call to warm up whatever is built on first use.
fn count<T>(mut f: impl FnMut() -> T) -> (u64, isize) {
    drop(f());
    let before = dhat::HeapStats::get();
    let kept = f();
    let after = dhat::HeapStats::get();
    drop(kept);
    let held = after.curr_bytes.cast_signed() - before.curr_bytes.cast_signed();
    (after.total_blocks - before.total_blocks, held)
}

/// The allocations of one call of `f`, which returns what it built.
fn allocations<T>(f: impl FnMut() -> T) -> u64 {
    count(f).0
}

struct Table(Vec<(String, u64)>);

impl Table {
    fn row(&mut self, case: &str, allocations: u64) -> u64 {
        self.0.push((case.to_owned(), allocations));
        allocations
    }
}

fn main() {
    // One test, named for test runners that list tests first (`--list`).
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        if !args.iter().any(|a| a == "--ignored") {
            println!("allocations: test");
        }
        return;
    }
    let _profiler = dhat::Profiler::builder().testing().build();
    let mut table = Table(Vec::new());

    // Memory: bytes held after building, and with every locale compiled.
    let (_, built) = count(Catalog::new);
    let (_, compiled) = count(|| {
        let catalog = Catalog::new();
        assert!(catalog.problems().is_empty());
        catalog
    });
    println!(
        "catalog held after build: {built} bytes; with all 6 locales compiled: {compiled} bytes"
    );
    assert!(
        built > 0 && compiled > built,
        "compiling adds to what is held"
    );
    assert!(
        compiled.unsigned_abs() < MAX_CATALOG_BYTES,
        "the compiled catalog holds {compiled} bytes, over {MAX_CATALOG_BYTES}"
    );

    let catalog = Catalog::new();
    let _ = catalog.problems();
    let resource = DefenderError::ResourceNotFound {
        resource: "Machine-42".into(),
    };
    let batch = DefenderError::MaximumBatchSizeExceeded {
        batch_size_received: 12_500,
        batch_size_allowed: 10_000,
    };

    let one = table.row("catalog message, one string variable", {
        allocations(|| catalog.message(catalog.negotiate("de").locale, &resource))
    });
    assert_eq!(one, 1, "the message's own String, nothing else");
    let dynamic = table.row("catalog message_args, one string variable", {
        allocations(|| {
            let args = Args::new().with("resource", "Machine-42");
            catalog
                .message(
                    catalog.negotiate("de").locale,
                    (ErrorCode::ResourceNotFound, &args),
                )
                .into_owned()
        })
    });
    assert_eq!(dynamic, 1, "the message; Args keeps two values inline");
    let full = table.row("catalog render, one string variable", {
        allocations(|| catalog.render(catalog.negotiate("de").locale, &resource))
    });
    assert_eq!(full, 1, "the message; note, hint and status are borrowed");
    let full_dynamic = table.row("catalog render_args, one string variable", {
        allocations(|| {
            let args = Args::new().with("resource", "Machine-42");
            catalog.render(
                catalog.negotiate("de").locale,
                (ErrorCode::ResourceNotFound, &args),
            )
        })
    });
    assert_eq!(full_dynamic, 1);
    let mut buf = String::with_capacity(256);
    let reused = table.row("catalog write_message, reused buffer", {
        allocations(|| {
            buf.clear();
            catalog.write_message(&mut buf, catalog.negotiate("de").locale, &resource)
        })
    });
    assert_eq!(reused, 0);
    let numbers = table.row("catalog message, two numbers", {
        allocations(|| catalog.message(catalog.negotiate("de").locale, &batch))
    });
    assert_eq!(
        numbers, 1,
        "numbers are formatted into the message's String"
    );
    let numbers_rendered = table.row("catalog render, two numbers", {
        allocations(|| catalog.render(catalog.negotiate("de").locale, &batch))
    });
    assert_eq!(numbers_rendered, 1);
    let plain = table.row("catalog message, no variable", {
        allocations(|| catalog.message(catalog.negotiate("de").locale, &DefenderError::NotFound))
    });
    assert_eq!(plain, 0, "borrowed from the catalog");
    let rendered = table.row("catalog render (with note, hint, status), no variable", {
        allocations(|| catalog.render(catalog.negotiate("de").locale, &DefenderError::NotFound))
    });
    assert_eq!(rendered, 0);
    for (name, header) in [("short", SHORT_HEADER), ("long", LONG_HEADER)] {
        let n = table.row(&format!("catalog negotiate, {name} header"), {
            allocations(|| catalog.negotiate(header).locale)
        });
        assert_eq!(n, 0);
    }

    // The peers, on the same German file and the same headers.
    let bundle = fluent_peer::bundle("de");
    let pattern = |id: &str| fluent_peer::value(&bundle, id);
    table.row("fluent-bundle format_pattern, one string variable", {
        allocations(|| {
            let mut args = FluentArgs::new();
            args.set("resource", "Machine-42");
            let mut errors = Vec::new();
            bundle
                .format_pattern(pattern("ResourceNotFound"), Some(&args), &mut errors)
                .into_owned()
        })
    });
    table.row("fluent-bundle write_pattern, reused buffer", {
        allocations(|| {
            buf.clear();
            let mut args = FluentArgs::new();
            args.set("resource", "Machine-42");
            let mut errors = Vec::new();
            bundle.write_pattern(
                &mut buf,
                pattern("ResourceNotFound"),
                Some(&args),
                &mut errors,
            )
        })
    });
    table.row("fluent-bundle format_pattern, two numbers", {
        allocations(|| {
            let mut args = FluentArgs::new();
            args.set("batch_size_received", 12_500);
            args.set("batch_size_allowed", 10_000);
            let mut errors = Vec::new();
            bundle
                .format_pattern(
                    pattern("MaximumBatchSizeExceeded"),
                    Some(&args),
                    &mut errors,
                )
                .into_owned()
        })
    });
    table.row("fluent-bundle format_pattern, no variable", {
        allocations(|| {
            let mut errors = Vec::new();
            bundle.format_pattern(pattern("NotFound"), None, &mut errors)
        })
    });
    let templates = peers::templates();
    let de: LanguageIdentifier = "de".parse().expect("a language id");
    table.row("fluent-templates lookup_with_args, one string variable", {
        allocations(|| {
            let args = peers::resource_args("Machine-42");
            templates.lookup_with_args(&de, "ResourceNotFound", &args)
        })
    });
    table.row("fluent-templates lookup_with_args, two numbers", {
        allocations(|| {
            let args = peers::batch_args(12_500, 10_000);
            templates.lookup_with_args(&de, "MaximumBatchSizeExceeded", &args)
        })
    });
    table.row("fluent-templates lookup, no variable", {
        allocations(|| templates.lookup(&de, "NotFound"))
    });
    let langneg = peers::Langneg::new(catalog.locales());
    for (name, header) in [("short", SHORT_HEADER), ("long", LONG_HEADER)] {
        table.row(&format!("fluent-langneg parse + Lookup, {name} header"), {
            allocations(|| langneg.choose(header).len())
        });
    }

    println!("| Case | Allocations |\n|---|---|");
    for (case, n) in &table.0 {
        println!("| {case} | {n} |");
    }
}
