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
                    locale,
                    &DefenderError::TooManyRequests {
                        retry_after: Some(seconds),
                    },
                ),
                catalog
                    .generic_message(locale, 429, Some(seconds))
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
    assert_eq!(
        catalog.message("de", &hour),
        "Zu viele Anforderungen: Das Anforderungslimit wurde überschritten. Versuchen Sie es in 3.600 Sekunden erneut."
    );
    assert!(catalog
        .message("fr", &hour)
        .ends_with("3\u{202f}600\u{a0}secondes."));
}

#[test]
fn the_body_gives_its_wait_and_the_header_comes_first() {
    let catalog = Catalog::new();
    let body = |text: &str| {
        json!({"error": {"code": "TooManyRequests", "message": text, "target": "abc"}}).to_string()
    };
    let localized = |body: &str, locale: &str, info: ResponseInfo| {
        let out = catalog.localize_body_with(body, locale, &info).unwrap();
        out["error"]["localizedMessage"]["message"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let twelve = body("Rate limit is exceeded. Try again in 12 seconds.");
    let none = ResponseInfo::new();
    assert_eq!(
        localized(&twelve, "de", none.status(429)),
        "Zu viele Anforderungen: Das Anforderungslimit wurde überschritten. Versuchen Sie es in 12 Sekunden erneut."
    );
    // The singular the catalog's English writes, and the plural the API may
    // write for one second, are both read.
    for one in ["Try again in 1 second.", "Try again in 1 seconds."] {
        let text = body(&format!("Rate limit is exceeded. {one}"));
        assert!(
            localized(&text, "nl", none).ends_with("over 1 seconde opnieuw."),
            "{one}"
        );
    }
    // The header's wait is what the client must obey: it comes first.
    assert!(localized(&twelve, "da", none.retry_after(7)).ends_with("Prøv igen om 7 sekunder."));
    // No wait anywhere, or one that cannot be read: "later".
    for text in [
        "Rate limit is exceeded.",
        "Rate limit is exceeded. Try again in a while.",
        "Rate limit is exceeded. Try again in -3 seconds.",
    ] {
        assert_eq!(
            localized(&body(text), "fr", none.status(429)),
            "Trop de requêtes\u{a0}: la limite du nombre de requêtes est dépassée. Réessayez plus tard.",
            "{text}"
        );
    }
    // The API's text and every other field stay as they were.
    let out = catalog
        .localize_body_with(&twelve, "zh", &none.retry_after(7))
        .unwrap();
    assert_eq!(
        out["error"]["message"],
        "Rate limit is exceeded. Try again in 12 seconds."
    );
    assert_eq!(out["error"]["target"], "abc");
    assert_eq!(
        out["error"]["localizedMessage"],
        json!({"locale": "zh", "message": "请求过多：已超出请求数量限制。请在 7 秒后重试。"})
    );
}

#[test]
fn an_unknown_code_with_a_wait_is_told_the_wait() {
    let catalog = Catalog::new();
    let body = r#"{"error":{"code":"ThrottledByGateway","message":"Slow down."}}"#;
    let info = ResponseInfo::new().status(429).retry_after(7);
    for locale in LOCALES {
        let out = catalog.localize_body_with(body, locale, &info).unwrap();
        let expected = catalog.message(
            locale,
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
    let out = catalog
        .localize_body_with(
            r#"{"error":{"code":"NotFound","message":"x"}}"#,
            "de",
            &info,
        )
        .unwrap();
    assert_eq!(
        out["error"]["localizedMessage"]["message"],
        "Das angeforderte Element wurde nicht gefunden."
    );
}

#[test]
fn an_unknown_code_gets_the_generic_message_of_its_status_in_every_locale() {
    let catalog = Catalog::new();
    let body =
        r#"{"error":{"code":"ServiceBusy","message":"The service is busy.","target":"t-1"}}"#;
    let unavailable = [
        (
            "en",
            "The service is temporarily unavailable. Try again later.",
        ),
        (
            "nl",
            "De service is tijdelijk niet beschikbaar. Probeer het later opnieuw.",
        ),
        (
            "da",
            "Tjenesten er midlertidigt utilgængelig. Prøv igen senere.",
        ),
        (
            "de",
            "Der Dienst ist vorübergehend nicht verfügbar. Versuchen Sie es später erneut.",
        ),
        ("zh", "服务暂时不可用。请稍后重试。"),
        (
            "fr",
            "Le service est temporairement indisponible. Réessayez plus tard.",
        ),
    ];
    for (locale, expected) in unavailable {
        let out = catalog.localize_body(body, locale, Some(503)).unwrap();
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
            let out = catalog.localize_body(body, locale, Some(status)).unwrap();
            let localized = &out["error"]["localizedMessage"];
            assert_eq!(localized["locale"], locale, "{locale}/{status}");
            let text = localized["message"].as_str().unwrap().to_owned();
            assert_eq!(
                Some((locale, text.clone().into())),
                catalog.generic_message(locale, status, None),
                "{locale}/{status}: the envelope and generic_message agree"
            );
            assert!(
                catalog.status_text(locale, status).is_some(),
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
        catalog.localize_body(body, "fr", Some(415)).unwrap()["error"]["localizedMessage"]
            ["message"],
        "Le type de contenu de la requête n’est pas pris en charge."
    );
    assert_eq!(catalog.generic_message("de", 418, None), None);
    assert_eq!(catalog.generic_message("de", 501, None), None);
}

#[test]
fn every_code_has_its_status_phrase() {
    let catalog = Catalog::new();
    for locale in LOCALES {
        for &code in ErrorCode::ALL {
            let out = catalog.render(locale, &crate::common::sample(code));
            assert!(!out.status_text.is_empty(), "{locale}/{code}");
            assert!(!out.fallback, "{locale}/{code}");
        }
    }
    let out = catalog.render("de", &DefenderError::TooManyRequests { retry_after: None });
    assert_eq!(
        (out.status, &*out.status_text),
        (429, "Zu viele Anforderungen")
    );
}
