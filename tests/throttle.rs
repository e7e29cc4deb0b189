//! Throttling and the statuses a portal meets: the wait of `TooManyRequests`
//! in every locale's plural forms (checked against CLDR's categories, from
//! ICU4X, not against the catalog's own choice), the wait found in the body,
//! in `Retry-After` or given beside the body, and the generic message of an
//! unknown code by its HTTP status.

use defender_errors::{Catalog, DefenderError, ErrorCode, ResponseInfo, GENERIC_STATUSES};
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use serde_json::json;

use crate::common::LOCALES;
use crate::envelope::{localized_json, localized_json_with};

/// The waits the issue names: zero, one, the small plurals, a teen, a
/// twenty-one (which some languages treat as "one") and an hour.
const WAITS: [u64; 7] = [0, 1, 2, 5, 12, 21, 3600];

/// What each locale writes after the number for a plural category, and what
/// follows in its sentence; `None` for a category the locale has no form for.
fn unit(locale: &str, category: PluralCategory) -> Option<(&'static str, &'static str)> {
    use PluralCategory::{Many, One, Other};
    Some(match (locale, category) {
        ("en", One) => (" second", "."),
        ("en", Other) => (" seconds", "."),
        ("nl", One) => (" seconde", " opnieuw."),
        ("nl", Other) => (" seconden", " opnieuw."),
        ("da", One) => (" sekund", "."),
        ("da", Other) => (" sekunder", "."),
        ("de", One) => (" Sekunde", " erneut."),
        ("de", Other) => (" Sekunden", " erneut."),
        ("fr", One) => ("\u{a0}seconde", "."),
        ("fr", Many) => ("\u{a0}de secondes", "."),
        ("fr", Other) => ("\u{a0}secondes", "."),
        ("zh", Other) => (" 秒", "后重试。"),
        _ => return None,
    })
}

#[test]
fn the_wait_takes_the_plural_form_cldr_gives_in_every_locale() {
    let catalog = Catalog::new();
    for locale in LOCALES {
        let tag: Locale = locale.parse().unwrap();
        let rules = PluralRules::try_new_cardinal((&tag).into()).unwrap();
        let decimal = DecimalFormatter::try_new((&tag).into(), Default::default()).unwrap();
        let mut seen = Vec::new();
        for seconds in WAITS {
            let category = rules.category_for(seconds);
            let (word, after) = unit(locale, category)
                .unwrap_or_else(|| panic!("{locale}: no form for {category:?} ({seconds})"));
            let number = decimal.format(&Decimal::from(seconds)).to_string();
            let expected = format!("{number}{word}{after}");
            for message in [
                catalog.message(
                    catalog.negotiate(locale).locale,
                    &DefenderError::TooManyRequests {
                        retry_after: Some(seconds),
                    },
                ),
                catalog
                    .generic_message(catalog.negotiate(locale).locale, 429, Some(seconds))
                    .unwrap()
                    .1,
            ] {
                assert!(
                    message.ends_with(&expected),
                    "{locale}, {seconds} s ({category:?}): {message:?} should end with {expected:?}"
                );
            }
            seen.push(category);
        }
        // The set is chosen to reach more than one form where a language has them.
        if locale != "zh" {
            assert!(seen.contains(&PluralCategory::One), "{locale}");
            assert!(seen.contains(&PluralCategory::Other), "{locale}");
        }
    }
}

#[test]
fn a_long_wait_is_told_in_grouped_seconds() {
    let catalog = Catalog::new();
    let hour = DefenderError::TooManyRequests {
        retry_after: Some(3600),
    };
    // The words are the snapshot's to pin; here, the number as each
    // language groups it.
    assert!(catalog
        .message(catalog.negotiate("de").locale, &hour)
        .contains(" 3.600 "));
    assert!(catalog
        .message(catalog.negotiate("fr").locale, &hour)
        .contains(" 3\u{202f}600\u{a0}"));
    assert!(catalog
        .message(catalog.negotiate("en").locale, &hour)
        .contains(" 3,600 "));
}

#[test]
fn the_body_gives_its_wait_and_the_header_comes_first() {
    let catalog = Catalog::new();
    let body = |text: &str| {
        json!({"error": {"code": "TooManyRequests", "message": text, "target": "abc"}}).to_string()
    };
    let localized = |body: &str, locale: &str, info: ResponseInfo| {
        let out =
            localized_json_with(&catalog, body, catalog.negotiate(locale).locale, &info).unwrap();
        out["error"]["localizedMessage"]["message"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    // What the catalog says of a wait, to compare with: the words are the
    // snapshot's to pin, the wait is this test's.
    let wait = |locale: &str, seconds: Option<u64>| {
        catalog
            .message(
                catalog.negotiate(locale).locale,
                &DefenderError::TooManyRequests {
                    retry_after: seconds,
                },
            )
            .into_owned()
    };
    let twelve = body("Rate limit is exceeded. Try again in 12 seconds.");
    let none = ResponseInfo::new();
    assert_eq!(
        localized(&twelve, "de", none.status(429)),
        wait("de", Some(12))
    );
    // The singular the catalog's English writes, and the plural the API may
    // write for one second, are both read.
    for one in ["Try again in 1 second.", "Try again in 1 seconds."] {
        let text = body(&format!("Rate limit is exceeded. {one}"));
        assert_eq!(localized(&text, "nl", none), wait("nl", Some(1)), "{one}");
    }
    // The header's wait is what the client must obey: it comes first.
    assert_eq!(
        localized(&twelve, "da", none.retry_after(7)),
        wait("da", Some(7))
    );
    // No wait anywhere, or one that cannot be read: "later".
    for text in [
        "Rate limit is exceeded.",
        "Rate limit is exceeded. Try again in a while.",
        "Rate limit is exceeded. Try again in -3 seconds.",
    ] {
        assert_eq!(
            localized(&body(text), "fr", none.status(429)),
            wait("fr", None),
            "{text}"
        );
    }
    // The API's text and every other field stay as they were.
    let out = localized_json_with(
        &catalog,
        &twelve,
        catalog.negotiate("zh").locale,
        &none.retry_after(7),
    )
    .unwrap();
    assert_eq!(
        out["error"]["message"],
        "Rate limit is exceeded. Try again in 12 seconds."
    );
    assert_eq!(out["error"]["target"], "abc");
    assert_eq!(
        out["error"]["localizedMessage"],
        json!({"locale": "zh", "message": wait("zh", Some(7))})
    );
}

#[test]
fn an_unknown_code_with_a_wait_is_told_the_wait() {
    let catalog = Catalog::new();
    let body = r#"{"error":{"code":"ThrottledByGateway","message":"Slow down."}}"#;
    let info = ResponseInfo::new().status(429).retry_after(7);
    for locale in LOCALES {
        let out =
            localized_json_with(&catalog, body, catalog.negotiate(locale).locale, &info).unwrap();
        let expected = catalog.message(
            catalog.negotiate(locale).locale,
            &DefenderError::TooManyRequests {
                retry_after: Some(7),
            },
        );
        assert_eq!(
            out["error"]["localizedMessage"],
            json!({"locale": locale, "message": expected}),
            "{locale}"
        );
        assert!(expected.contains('7'), "{locale}: {expected}");
        assert_eq!(out["error"]["message"], "Slow down.");
    }
    // A wait means nothing to a message without one.
    let out = localized_json_with(
        &catalog,
        r#"{"error":{"code":"NotFound","message":"x"}}"#,
        catalog.negotiate("de").locale,
        &info,
    )
    .unwrap();
    assert_eq!(
        out["error"]["localizedMessage"]["message"],
        *catalog.message(catalog.negotiate("de").locale, &DefenderError::NotFound)
    );
}

#[test]
fn an_unknown_code_gets_the_generic_message_of_its_status_in_every_locale() {
    let catalog = Catalog::new();
    let body =
        r#"{"error":{"code":"ServiceBusy","message":"The service is busy.","target":"t-1"}}"#;
    // 503's own message (English's words here; each translation's are its
    // snapshot's), not another status's.
    assert_eq!(
        catalog
            .generic_message(catalog.negotiate("en").locale, 503, None)
            .unwrap()
            .1,
        "The service is temporarily unavailable. Try again later."
    );
    let unavailable = LOCALES.map(|locale| {
        (
            locale,
            catalog
                .generic_message(catalog.negotiate(locale).locale, 503, None)
                .unwrap()
                .1,
        )
    });
    for (locale, expected) in unavailable {
        let out = localized_json(&catalog, body, locale, Some(503)).unwrap();
        assert_eq!(
            out,
            json!({"error": {
                "code": "ServiceBusy",
                "message": "The service is busy.",
                "target": "t-1",
                "localizedMessage": {"locale": locale, "message": expected},
            }}),
            "{locale}"
        );
    }
    // The servers' own errors: every status they answer with is localized.
    for locale in LOCALES {
        let mut messages = Vec::new();
        for &status in GENERIC_STATUSES {
            let out = localized_json(&catalog, body, locale, Some(status)).unwrap();
            let localized = &out["error"]["localizedMessage"];
            assert_eq!(localized["locale"], locale, "{locale}/{status}");
            let text = localized["message"].as_str().unwrap().to_owned();
            assert_eq!(
                Some((locale, text.clone().into())),
                catalog.generic_message(catalog.negotiate(locale).locale, status, None),
                "{locale}/{status}: the envelope and generic_message agree"
            );
            assert!(
                catalog
                    .status_text(catalog.negotiate(locale).locale, status)
                    .is_some(),
                "{locale}/{status}"
            );
            messages.push(text);
        }
        let mut distinct = messages.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(
            distinct.len(),
            messages.len(),
            "{locale}: one message per status"
        );
    }
    assert_eq!(
        localized_json(&catalog, body, "en", Some(415)).unwrap()["error"]["localizedMessage"]
            ["message"],
        "The content type of the request is not supported."
    );
    assert_eq!(
        catalog.generic_message(catalog.negotiate("de").locale, 418, None),
        None
    );
    assert_eq!(
        catalog.generic_message(catalog.negotiate("de").locale, 501, None),
        None
    );
}

#[test]
fn every_code_has_its_status_phrase() {
    let catalog = Catalog::new();
    for locale in LOCALES {
        for &code in ErrorCode::ALL {
            let out = catalog.render(
                catalog.negotiate(locale).locale,
                &crate::common::sample(code),
            );
            assert!(!out.status_text.is_empty(), "{locale}/{code}");
            assert!(!out.fallback, "{locale}/{code}");
        }
    }
    let out = catalog.render(
        catalog.negotiate("de").locale,
        &DefenderError::TooManyRequests { retry_after: None },
    );
    assert_eq!(
        (out.status, &*out.status_text),
        (
            429,
            catalog
                .status_text(catalog.negotiate("de").locale, 429)
                .unwrap()
        )
    );
    assert_ne!(
        out.status_text,
        catalog
            .status_text(catalog.negotiate("en").locale, 429)
            .unwrap()
    );
}
