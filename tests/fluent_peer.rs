//! The peer the catalog is checked and measured against: the reference Rust
//! implementation of Fluent, `fluent_bundle::concurrent::FluentBundle`, with
//! isolation off and ICU4X's decimal formatter plugged in through its
//! memoizer, so that both format numbers alike (`12.500` in German). Shared by
//! `tests/reference.rs`, `tests/fidelity.rs` and `benches/render.rs`.
//!
//! The formatter applies the options of `NUMBER()` that fluent-bundle hands
//! it, written here from fluent-bundle's `FluentNumberOptions` and ICU4X's
//! documentation, independently of the catalog's code: `maximumFractionDigits`
//! rounds half away from zero (as `Intl.NumberFormat` does), then
//! `minimumFractionDigits` and `minimumIntegerDigits` pad, and
//! `useGrouping: "false"` turns grouping off.

use fixed_decimal::{SignedRoundingMode, UnsignedRoundingMode};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::memoizer::MemoizerKind;
use fluent_bundle::{FluentResource, FluentValue};
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::DecimalFormatter;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

/// ICU4X's decimal formatter, with grouping or without, memoized per locale
/// by fluent-bundle.
struct IcuDecimal(DecimalFormatter);

impl Memoizable for IcuDecimal {
    type Args = (bool,);
    type Error = String;

    fn construct(lang: LanguageIdentifier, (grouping,): (bool,)) -> Result<Self, String> {
        let locale =
            icu_locale_core::Locale::try_from_str(&lang.to_string()).map_err(|e| e.to_string())?;
        let mut options = DecimalFormatterOptions::default();
        if !grouping {
            options.grouping_strategy = Some(GroupingStrategy::Never);
        }
        DecimalFormatter::try_new((&locale).into(), options)
            .map(IcuDecimal)
            .map_err(|e| e.to_string())
    }
}

pub fn format_number<M: MemoizerKind>(value: &FluentValue<'_>, memoizer: &M) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let mut decimal = Decimal::try_from_str(&n.value.to_string()).ok()?;
    let options = &n.options;
    if let Some(max) = options.maximum_fraction_digits {
        decimal.round_with_mode(
            -(max as i16),
            SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand),
        );
        decimal.absolute.trim_end();
    }
    if let Some(min) = options.minimum_fraction_digits {
        decimal.absolute.pad_end(-(min as i16));
    }
    if let Some(min) = options.minimum_integer_digits {
        decimal.absolute.pad_start(min as i16);
    }
    memoizer
        .with_try_get_threadsafe::<IcuDecimal, _, _>((options.use_grouping,), |f| {
            f.0.format(&decimal).to_string()
        })
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

/// The value of message `id` of `bundle`, which must have it.
pub fn value<'b>(
    bundle: &'b FluentBundle<FluentResource>,
    id: &str,
) -> &'b fluent_syntax::ast::Pattern<&'b str> {
    bundle
        .get_message(id)
        .and_then(|m| m.value())
        .expect("the message, with a value")
}

/// A bundle of the shipped file of `locale`.
pub fn bundle(locale: &str) -> FluentBundle<FluentResource> {
    bundle_of(locale, source(locale))
}

/// A bundle of `source` as the file of `locale`, isolation off.
pub fn bundle_of(locale: &str, source: String) -> FluentBundle<FluentResource> {
    bundle_with(locale, source, false)
}

/// A bundle of `source` as the file of `locale`, with `NUMBER()` and
/// isolation on or off.
pub fn bundle_with(locale: &str, source: String, isolate: bool) -> FluentBundle<FluentResource> {
    let resource =
        FluentResource::try_new(source).unwrap_or_else(|(_, e)| panic!("{locale}: {e:?}"));
    let lang: LanguageIdentifier = locale.parse().expect("a language id");
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    bundle.set_use_isolating(isolate);
    bundle.set_formatter(Some(format_number));
    bundle
        .add_builtins()
        .expect("NUMBER() is new to the bundle");
    bundle.add_resource(resource).expect("no duplicate ids");
    bundle
}
