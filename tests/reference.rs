//! The catalog against the reference Rust implementation of Fluent: for every
//! message of every locale, `fluent_bundle::concurrent::FluentBundle` (with
//! isolation off and an ICU4X number formatter plugged in through its
//! memoizer) renders exactly what the catalog renders.

use defender_errors::{Catalog, DefenderError, ErrorCode};
use fluent_bundle::{FluentArgs, FluentValue};

use crate::common::{sample, LOCALES};
use crate::fluent_peer::bundle;

/// The sample's value of `name`, as a Fluent value.
fn value_of(error: &DefenderError<'_>, name: &str) -> FluentValue<'static> {
    use DefenderError as E;
    let text = |s: &std::borrow::Cow<'_, str>| FluentValue::from(s.to_string());
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
        E::TooManyRequests {
            retry_after: Some(seconds),
        } => FluentValue::from(*seconds),
        other => panic!("{other:?} has no variable {name}"),
    }
}

#[test]
fn renders_what_fluent_bundle_renders() {
    let catalog = Catalog::new();
    for locale in LOCALES {
        let bundle = bundle(locale);
        for &code in ErrorCode::ALL {
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
            let rendered = catalog.render(catalog.negotiate(locale).locale, &error);
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

/// The wait of `TooManyRequests` at each plural form, and the generic message
/// of every status that has one of its own, as fluent-bundle renders them.
#[test]
fn waits_and_status_messages_render_what_fluent_bundle_renders() {
    let catalog = Catalog::new();
    for locale in LOCALES {
        let bundle = bundle(locale);
        let message = bundle.get_message("TooManyRequests").unwrap();
        for seconds in [0_u64, 1, 2, 5, 12, 21, 3600] {
            let mut args = FluentArgs::new();
            args.set("retry_after", FluentValue::from(seconds));
            let mut errors = Vec::new();
            let expected =
                bundle.format_pattern(message.value().unwrap(), Some(&args), &mut errors);
            assert!(errors.is_empty(), "{locale}/{seconds}: {errors:?}");
            let error = DefenderError::TooManyRequests {
                retry_after: Some(seconds),
            };
            assert_eq!(
                catalog.message(catalog.negotiate(locale).locale, &error),
                expected,
                "{locale}/{seconds}"
            );
        }
        for &status in defender_errors::GENERIC_STATUSES {
            let id = format!("status-{status}");
            let phrase = bundle.get_message(&id).unwrap();
            let mut errors = Vec::new();
            let text = bundle.format_pattern(phrase.value().unwrap(), None, &mut errors);
            assert_eq!(
                catalog.status_text(catalog.negotiate(locale).locale, status),
                Some(&*text),
                "{locale}/{id}"
            );
            let Some(generic) = phrase.get_attribute("generic") else {
                continue;
            };
            let expected = bundle.format_pattern(generic.value(), None, &mut errors);
            let (used, ours) = catalog
                .generic_message(catalog.negotiate(locale).locale, status, None)
                .unwrap();
            assert_eq!(
                (used, &*ours),
                (locale, &*expected),
                "{locale}/{id}.generic"
            );
            assert!(errors.is_empty(), "{locale}/{id}: {errors:?}");
        }
    }
}
