//! The peer the catalog is checked and measured against: the reference Rust
//! implementation of Fluent, `fluent_bundle::concurrent::FluentBundle`, with
//! isolation off and ICU4X's decimal formatter plugged in through its
//! memoizer, so that both format numbers alike (`12.500` in German). Shared by
//! `tests/reference.rs` and `benches/render.rs`.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::memoizer::MemoizerKind;
use fluent_bundle::{FluentResource, FluentValue};
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

/// ICU4X's decimal formatter, memoized per locale by fluent-bundle.
struct IcuDecimal(DecimalFormatter);

impl Memoizable for IcuDecimal {
    type Args = ();
    type Error = String;

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, String> {
        let locale =
            icu_locale_core::Locale::try_from_str(&lang.to_string()).map_err(|e| e.to_string())?;
        DecimalFormatter::try_new((&locale).into(), Default::default())
            .map(IcuDecimal)
            .map_err(|e| e.to_string())
    }
}

pub fn format_number<M: MemoizerKind>(value: &FluentValue<'_>, memoizer: &M) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let decimal = Decimal::try_from_str(&n.value.to_string()).ok()?;
    memoizer
        .with_try_get_threadsafe::<IcuDecimal, _, _>((), |f| f.0.format(&decimal).to_string())
        .ok()
}

/// The shipped file of `locale`.
pub fn source(locale: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(locale)
        .join("errors.ftl");
    std::fs::read_to_string(&path).expect("the shipped locale file")
}

/// A bundle of the shipped file of `locale`.
pub fn bundle(locale: &str) -> FluentBundle<FluentResource> {
    bundle_of(locale, source(locale))
}

/// A bundle of `source` as the file of `locale`.
pub fn bundle_of(locale: &str, source: String) -> FluentBundle<FluentResource> {
    let resource =
        FluentResource::try_new(source).unwrap_or_else(|(_, e)| panic!("{locale}: {e:?}"));
    let lang: LanguageIdentifier = locale.parse().expect("a language id");
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(format_number));
    bundle.add_resource(resource).expect("no duplicate ids");
    bundle
}
