//! Any bytes as a translator's `errors.ftl`: the check reports, and the
//! catalog built from the file renders every code, without a panic, a hang
//! or a stack overflow; what the file breaks falls back to English.
#![no_main]

use defender_errors::check::{self, SourceFile};
use defender_errors::{is_unsafe_char, Args, CatalogBuilder, ErrorCode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let report = check::sources(vec![SourceFile::new("de", "de/errors.ftl", text.clone())]);
    for finding in report.findings() {
        assert!(finding.line >= 1 && finding.column >= 1, "{finding:?}");
    }

    let catalog = CatalogBuilder::new().locale_source("de", text).build();
    let _ = catalog.problems();
    for &code in ErrorCode::ALL {
        let rendered = catalog.render(catalog.negotiate("de").locale, (code, &Args::new()));
        assert!(!rendered.message.is_empty(), "{code}");
        // A line break of a multi-line message is the translator's own text.
        let unsafe_char = rendered
            .message
            .chars()
            .find(|&c| c != '\n' && is_unsafe_char(c));
        assert_eq!(unsafe_char, None, "{code}: {:?}", rendered.message);
    }
});
