//! Any `Accept-Language` value: negotiation returns one of the catalog's
//! locales, the same one twice, and never panics or hangs.
#![no_main]

use std::sync::LazyLock;

use defender_errors::{Catalog, CatalogBuilder, Locale};
use libfuzzer_sys::fuzz_target;

static STRICT: LazyLock<Catalog> = LazyLock::new(Catalog::new);
static LENIENT: LazyLock<Catalog> = LazyLock::new(|| {
    CatalogBuilder::new()
        .allow_traditional_chinese(true)
        .build()
});

fuzz_target!(|data: &[u8]| {
    let header = String::from_utf8_lossy(data);
    for catalog in [&*STRICT, &*LENIENT] {
        let chosen = catalog.negotiate(&header);
        let id = catalog.locale_id(chosen.locale);
        assert!(catalog.locales().any(|l| l == id), "{chosen:?}");
        assert_eq!(catalog.locale(id), Some(chosen.locale), "{id}");
        assert_eq!(catalog.negotiate(&header), chosen, "deterministic");
        if !chosen.matched {
            assert_eq!(chosen.locale, Locale::SOURCE);
        }
    }
});
