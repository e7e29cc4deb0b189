//! The error envelope, both ways: read from the API and written back localized.

use defender_errors::{
    Args, Catalog, DefenderError, EnvelopeError, ErrorCode, Locale, ResponseInfo, MAX_BODY_BYTES,
};
use serde_json::json;

use crate::common::{sample, LOCALES};

#[test]
fn the_articles_examples() {
    let catalog = Catalog::new();
    let body = r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#;
    let de = catalog.negotiate("de").locale;
    let out = catalog
        .localize_body(body, de, &ResponseInfo::new())
        .unwrap();
    insta::assert_snapshot!(out.text, @r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a","localizedMessage":{"locale":"de","message":"Die angeforderte Ressource wurde nicht gefunden."}}}"#);
    let body = r#"{"error":{"code":"InvalidRequestBody","message":"Request body is incorrect","target":"1fa66c0f-18bd-4133-b378-36d76f3a2ba0"}}"#;
    let out = localized_json(&catalog, body, "fr", None).unwrap();
    insta::assert_snapshot!(out["error"]["localizedMessage"].to_string(), @r#"{"locale":"fr","message":"Le corps de la requête n’est pas valide."}"#);
}

#[test]
fn values_are_read_back_from_the_english_message() {
    let catalog = Catalog::new();
    // Every code, rendered in English as the API would send it, comes back in full in every locale.
    for &code in ErrorCode::ALL {
        let error = sample(code);
        let english = catalog
            .render(catalog.negotiate("en").locale, &error)
            .message
            .into_owned();
        let body = json!({"error": {"code": code.as_str(), "message": english, "target": "t"}})
            .to_string();
        for locale in LOCALES {
            let out = localized_json(&catalog, &body, locale, None).unwrap();
            let expected = catalog
                .render(catalog.negotiate(locale).locale, &error)
                .message
                .into_owned();
            assert_eq!(
                out["error"]["localizedMessage"]["message"], expected,
                "{locale}/{code}"
            );
            assert_eq!(out["error"]["localizedMessage"]["locale"], locale);
        }
    }
    // Ungrouped numbers, as an API may write them, are read too.
    let body = r#"{"error":{"code":"MaximumBatchSizeExceeded","message":"Maximum batch size exceeded. Received: 12500, allowed: 10000."}}"#;
    let out = localized_json(&catalog, body, "de", None).unwrap();
    // The values read, formatted as German groups them; the words are the
    // snapshot's to pin.
    let read = catalog.message(
        catalog.negotiate("de").locale,
        &DefenderError::MaximumBatchSizeExceeded {
            batch_size_received: 12500,
            batch_size_allowed: 10000,
        },
    );
    assert!(read.contains("12.500") && read.contains("10.000"), "{read}");
    assert_eq!(out["error"]["localizedMessage"]["message"], *read);
}

#[test]
fn a_message_that_does_not_match_gets_the_form_without_values() {
    let catalog = Catalog::new();
    for message in [
        "Hash value  is invalid.",
        "Hash value abc is invalid",
        "hash value abc is invalid.",
        "",
    ] {
        let body = json!({"error": {"code": "InvalidHashValue", "message": message}}).to_string();
        let out = localized_json(&catalog, &body, "nl", None).unwrap();
        // The form without values: the one a missing value gets.
        let generic = catalog.render(
            catalog.negotiate("nl").locale,
            (ErrorCode::InvalidHashValue, &Args::new()),
        );
        assert_eq!(
            out["error"]["localizedMessage"]["message"], *generic.message,
            "{message:?}"
        );
        assert!(!generic.message.contains("abc"));
    }
    let body = r#"{"error":{"code":"MaximumBatchSizeExceeded","message":"Maximum batch size exceeded. Received: many, allowed: 10."}}"#;
    let out = localized_json(&catalog, body, "en", None).unwrap();
    assert_eq!(
        out["error"]["localizedMessage"]["message"],
        "Maximum batch size exceeded."
    );
}

#[test]
fn everything_else_is_kept_unchanged() {
    let catalog = Catalog::new();
    let body = r#"{"error":{"innerError":{"date":"2021-03-01"},"code":"Forbidden","message":"Forbidden","target":"abc","details":[1,2]},"requestId":"r-1"}"#;
    let out = catalog
        .localize_body(body, catalog.negotiate("da").locale, &ResponseInfo::new())
        .unwrap()
        .text;
    let danish = catalog.message(catalog.negotiate("da").locale, &DefenderError::Forbidden);
    assert_eq!(
        out,
        format!(
            r#"{{"error":{{"innerError":{{"date":"2021-03-01"}},"code":"Forbidden","message":"Forbidden","target":"abc","details":[1,2],"localizedMessage":{{"locale":"da","message":"{danish}"}}}},"requestId":"r-1"}}"#
        )
    );
}

#[test]
fn unknown_codes() {
    let catalog = Catalog::new();
    let body = r#"{"error":{"code":"SlowDown","message":"Slow down","target":"x"}}"#;
    let by_status = localized_json(&catalog, body, "de", Some(404)).unwrap();
    assert_eq!(
        by_status["error"]["localizedMessage"],
        json!({"locale": "de", "message": catalog.message(catalog.negotiate("de").locale, &DefenderError::NotFound)})
    );
    let no_status = localized_json(&catalog, body, "de", None).unwrap();
    assert_eq!(
        no_status["error"]["localizedMessage"],
        json!({"locale": "en", "message": "Slow down"})
    );
    // The API's own text is shown escaped: it comes from outside.
    let spoofed = r#"{"error":{"code":"Nope","message":"evil\u202etxt.exe\n"}}"#;
    let escaped = localized_json(&catalog, spoofed, "de", None).unwrap();
    assert_eq!(
        escaped["error"]["localizedMessage"]["message"],
        "evil\\u{202e}txt.exe\\n"
    );
    let unlisted_status = localized_json(&catalog, body, "de", Some(418)).unwrap();
    assert_eq!(
        unlisted_status["error"]["localizedMessage"],
        json!({"locale": "en", "message": "Slow down"})
    );
    let bare = localized_json(&catalog, r#"{"error":{"code":"Whatever"}}"#, "zh", None).unwrap();
    assert_eq!(
        bare["error"]["localizedMessage"],
        json!({"locale": "zh", "message": "发生意外错误。"})
    );
}

#[test]
fn bad_bodies_are_clear_errors() {
    let catalog = Catalog::new();
    type Expect = fn(&EnvelopeError) -> bool;
    let cases: [(&str, Expect); 7] = [
        ("not json", |e| matches!(e, EnvelopeError::InvalidJson(_))),
        ("[1,2]", |e| *e == EnvelopeError::NotAnEnvelope),
        (r#"{"code":"NotFound"}"#, |e| {
            *e == EnvelopeError::NotAnEnvelope
        }),
        (r#"{"error":"NotFound"}"#, |e| {
            *e == EnvelopeError::NotAnEnvelope
        }),
        (r#"{"error":{"message":"x"}}"#, |e| {
            *e == EnvelopeError::CodeNotAString { found: "nothing" }
        }),
        (r#"{"error":{"code":["NotFound"]}}"#, |e| {
            *e == EnvelopeError::CodeNotAString { found: "an array" }
        }),
        (r#"{"error":{"code":null}}"#, |e| {
            *e == EnvelopeError::CodeNotAString { found: "null" }
        }),
    ];
    for (body, expected) in cases {
        let err = localized_json(&catalog, body, "en", None).unwrap_err();
        assert!(expected(&err), "{body}: {err}");
    }
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(
        localized_json(&catalog, &deep, "en", None),
        Err(EnvelopeError::InvalidJson(_))
    ));
    let huge = format!(
        r#"{{"error":{{"code":"NotFound","message":"{}"}}}}"#,
        "x".repeat(MAX_BODY_BYTES)
    );
    assert_eq!(
        localized_json(&catalog, &huge, "en", None),
        Err(EnvelopeError::TooLarge { size: huge.len() })
    );
}

#[test]
fn bodies_written_for_typed_and_dynamic_errors() {
    let catalog = Catalog::new();
    let de = catalog.negotiate("de").locale;
    let typed = catalog.error_body(
        de,
        &DefenderError::InvalidIpAddress {
            ip: "300.1.2.3".into(),
        },
        Some("t-1"),
    );
    insta::assert_snapshot!(typed.text, @r#"{"error":{"code":"InvalidIpAddress","message":"IP address 300.1.2.3 is invalid.","target":"t-1","localizedMessage":{"locale":"de","message":"Die IP-Adresse 300.1.2.3 ist ungültig."}}}"#);
    assert_eq!(typed.locale, "de");
    let args = Args::new().with("ip", "300.1.2.3");
    let dynamic = catalog.error_body(de, (ErrorCode::InvalidIpAddress, &args), Some("t-1"));
    assert_eq!(typed, dynamic);
    // What is written reads back the same, to the byte.
    let again = catalog
        .localize_body(&typed.text, de, &ResponseInfo::new())
        .unwrap();
    assert_eq!(again, typed);
}

/// `body` localized by `catalog` for `locale` (negotiated) and `status`,
/// parsed back: the tests read the JSON by its members.
pub(crate) fn localized_json(
    catalog: &Catalog,
    body: &str,
    locale: &str,
    status: Option<u16>,
) -> Result<serde_json::Value, EnvelopeError> {
    let info = ResponseInfo::new().status(status);
    localized_json_with(catalog, body, catalog.negotiate(locale).locale, &info)
}

/// `body` localized by `catalog` for `locale` with `info`, parsed back.
pub(crate) fn localized_json_with(
    catalog: &Catalog,
    body: &str,
    locale: Locale,
    info: &ResponseInfo,
) -> Result<serde_json::Value, EnvelopeError> {
    let out = catalog.localize_body(body, locale, info)?;
    Ok(serde_json::from_str(&out.text).expect("the localized body is JSON"))
}
