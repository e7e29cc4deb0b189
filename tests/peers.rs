//! fluent-templates and fluent-langneg, set up alike for `benches/render.rs`
//! and the allocation counts of `tests/alloc.rs` (each includes this file
//! next to `fluent_peer.rs`).

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_bundle::FluentValue;
use fluent_templates::ArcLoader;
use unic_langid::LanguageIdentifier;

/// fluent-templates' arguments for `ResourceNotFound`.
pub fn resource_args(resource: &str) -> HashMap<Cow<'static, str>, FluentValue<'_>> {
    HashMap::from([(Cow::Borrowed("resource"), FluentValue::from(resource))])
}

/// fluent-templates' arguments for `MaximumBatchSizeExceeded`.
pub fn batch_args(received: u64, allowed: u64) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
    HashMap::from([
        (
            Cow::Borrowed("batch_size_received"),
            FluentValue::from(received),
        ),
        (
            Cow::Borrowed("batch_size_allowed"),
            FluentValue::from(allowed),
        ),
    ])
}

/// fluent-templates over the same `locales/` directory, with the same
/// settings as the fluent-bundle peer: no isolation marks, ICU4X numbers.
pub fn templates() -> ArcLoader {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    ArcLoader::builder(&dir, "en".parse().expect("a language id"))
        .customize(|bundle| {
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(crate::fluent_peer::format_number));
        })
        .build()
        .expect("the shipped locales load")
}

/// fluent-langneg over the catalog's locales, English the default.
pub struct Langneg {
    available: Vec<LanguageIdentifier>,
    default: LanguageIdentifier,
}

impl Langneg {
    pub fn new<'a>(locales: impl Iterator<Item = &'a str>) -> Self {
        Self {
            available: locales.map(|l| l.parse().expect("a language id")).collect(),
            default: "en".parse().expect("a language id"),
        }
    }

    /// Parses `header` and negotiates with the Lookup strategy, as a portal
    /// would for every request.
    pub fn choose(&self, header: &str) -> Vec<&LanguageIdentifier> {
        let requested = fluent_langneg::accepted_languages::parse(header);
        fluent_langneg::negotiate_languages(
            &requested,
            &self.available,
            Some(&self.default),
            fluent_langneg::NegotiationStrategy::Lookup,
        )
    }
}
