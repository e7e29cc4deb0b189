//! The catalog against the reference Rust implementation of Fluent: for every
//! message of every locale, `fluent_bundle::concurrent::FluentBundle` (with
//! isolation off and an ICU4X number formatter plugged in through its
//! memoizer) renders exactly what the catalog renders.

use defender_errors::{Catalog, DefenderError, ErrorCode};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::memoizer::MemoizerKind;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

use crate::common::{locales_dir, sample, LOCALES};

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

fn format_number<M: MemoizerKind>(value: &FluentValue<'_>, memoizer: &M) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let decimal = Decimal::try_from_str(&n.value.to_string()).ok()?;
    memoizer
        .with_try_get_threadsafe::<IcuDecimal, _, _>((), |f| f.0.format(&decimal).to_string())
        .ok()
}

/// The sample's value of `name`, as a Fluent value.
fn value_of(error: &DefenderError, name: &str) -> FluentValue<'static> {
    use DefenderError as E;
    let text = |s: &String| FluentValue::from(s.clone());
    match error {
        E::ODataError { specific_error: v }
        | E::InvalidInput { input: v }
        | E::InvalidHashValue { hash: v }
        | E::InvalidDomainName { domain: v }
        | E::InvalidIpAddress { ip: v }
        | E::InvalidUrl { url: v }
        | E::MissingRequiredParameter { parameter: v }
        | E::OsPlatformNotSupported { os_platform: v }
        | E::DisallowedOperation { operation: v }
        | E::ResourceNotFound { resource: v } => text(v),
        E::ClientVersionNotSupported {
            action,
            client_version,
        } => text(if name == "action" {
            action
        } else {
            client_version
        }),
        E::MaximumBatchSizeExceeded {
            batch_size_received,
            batch_size_allowed,
        } => FluentValue::from(if name == "batch_size_received" {
            *batch_size_received
        } else {
            *batch_size_allowed
        }),
        other => panic!("{other:?} has no variable {name}"),
    }
}

fn bundle(locale: &str) -> FluentBundle<FluentResource> {
    let source = std::fs::read_to_string(locales_dir().join(locale).join("errors.ftl")).unwrap();
    let resource =
        FluentResource::try_new(source).unwrap_or_else(|(_, e)| panic!("{locale}: {e:?}"));
    let mut bundle = FluentBundle::new_concurrent(vec![locale.parse().unwrap()]);
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(format_number));
    bundle.add_resource(resource).unwrap();
    bundle
}

#[test]
fn renders_what_fluent_bundle_renders() {
    let catalog = Catalog::new();
    for locale in LOCALES {
        let bundle = bundle(locale);
        for code in ErrorCode::ALL {
            let error = sample(code);
            let mut args = FluentArgs::new();
            for variable in code.variables() {
                args.set(variable.name, value_of(&error, variable.name));
            }
            let message = bundle.get_message(code.as_str()).unwrap();
            let mut errors = Vec::new();
            let expected =
                bundle.format_pattern(message.value().unwrap(), Some(&args), &mut errors);
            assert!(errors.is_empty(), "{locale}/{code}: {errors:?}");
            let rendered = catalog.render(locale, &error);
            assert_eq!(rendered.message, expected, "{locale}/{code}");
            for (attribute, ours) in [("note", &rendered.note), ("hint", &rendered.hint)] {
                let theirs = message.get_attribute(attribute).map(|a| {
                    bundle
                        .format_pattern(a.value(), None, &mut errors)
                        .into_owned()
                });
                assert_eq!(
                    ours.as_deref(),
                    theirs.as_deref(),
                    "{locale}/{code}.{attribute}"
                );
            }
        }
    }
}
