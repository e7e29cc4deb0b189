//! Load: every core negotiates and renders from one shared catalog, fresh
//! so that its locales are compiled while the threads race for them, and
//! each thread's results are the single-threaded results, request for request.

use std::sync::Arc;

use defender_errors::{Catalog, ErrorCode};

use crate::common::sample;

const HEADERS: [&str; 8] = [
    "de-CH,de;q=0.9,en;q=0.8",
    "fr-CA,fr;q=0.9,en-US;q=0.8",
    "zh-CN,zh;q=0.9",
    "zh-TW,zh-Hant;q=0.9",
    "nl-BE",
    "da, en;q=0.5",
    "tlh, *;q=0",
    "en-GB;q=0.8, de;q=0",
];

/// Rounds over every header and code, per thread.
const ROUNDS: usize = 200;

/// The answer to every request of one round: locale, message, note, hint.
fn round(catalog: &Catalog) -> Vec<String> {
    let mut out = Vec::with_capacity(HEADERS.len() * ErrorCode::ALL.len());
    for header in HEADERS {
        let locale = catalog.negotiate(header).locale;
        for &code in ErrorCode::ALL {
            let rendered = catalog.render(locale, &sample(code));
            let mut line = format!("{} {code}: {}", catalog.locale_id(locale), rendered.message);
            for part in [&rendered.note, &rendered.hint].into_iter().flatten() {
                line.push_str(" | ");
                line.push_str(part);
            }
            out.push(line);
        }
    }
    out
}

#[test]
fn all_cores_render_what_one_thread_renders() {
    let expected = round(&Catalog::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().max(2));
    let shared = Arc::new(Catalog::new());
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let catalog = Arc::clone(&shared);
            std::thread::spawn(move || {
                let mut rounds = Vec::with_capacity(ROUNDS);
                for _ in 0..ROUNDS {
                    rounds.push(round(&catalog));
                }
                rounds
            })
        })
        .collect();
    for handle in handles {
        let rounds = handle.join().expect("no thread panics");
        assert_eq!(rounds.len(), ROUNDS);
        for got in rounds {
            assert_eq!(got, expected);
        }
    }
    assert!(shared.problems().is_empty());
}
