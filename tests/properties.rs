//! Properties over generated input: negotiation, rendering and the envelope
//! hold their promises for any header, any values and any envelope.

use std::sync::LazyLock;

use defender_errors::{
    is_unsafe_char, write_escaped, Args, Catalog, ErrorCode, Locale, ResponseInfo, VariableKind,
};
use proptest::prelude::*;
use serde_json::{json, Map, Value as Json};

use crate::common::LOCALES;

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::new);

/// Header-like text: ranges with subtags and weights, with the spaces,
/// stray separators and junk real headers have.
fn header() -> impl Strategy<Value = String> {
    let range = "[a-zA-Z]{1,9}(-[a-zA-Z0-9]{1,9}){0,3}|\\*|[ -~]{0,12}";
    let weight = "(;q=[01](\\.[0-9]{0,4})?| ?; ?[a-z]=[ -~]{0,4})?";
    let entry = proptest::string::string_regex(&format!("({range}){weight}")).expect("a regex");
    prop::collection::vec(entry, 0..12).prop_map(|ranges| ranges.join(","))
}

/// Text with the characters values must not carry: controls, bidi and
/// zero-width ones, mixed with ordinary and wide characters.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9 .:/\n\t\0\u{1b}\u{202e}\u{2066}\u{200b}\u{feff}中é]{0,300}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn negotiation_picks_one_of_the_six(header in prop_oneof![header(), any::<String>()]) {
        let chosen = CATALOG.negotiate(&header);
        prop_assert!(LOCALES.contains(&CATALOG.locale_id(chosen.locale)), "{chosen:?}");
        prop_assert!(chosen.matched || chosen.locale == Locale::SOURCE);
    }

    #[test]
    fn any_code_with_any_values_renders_safe_text(
        code in prop::sample::select(ErrorCode::ALL.to_vec()),
        locale in prop_oneof![prop::sample::select(LOCALES.to_vec()).prop_map(String::from), header()],
        texts in prop::collection::vec(hostile_text(), 2),
        numbers in prop::collection::vec(any::<u64>(), 2),
    ) {
        let mut args = Args::new();
        for (i, variable) in code.variables().iter().enumerate() {
            match variable.kind {
                VariableKind::String => args.set(variable.name, texts[i].as_str()),
                VariableKind::Number => args.set(variable.name, numbers[i]),
            };
        }
        let out = CATALOG.render(CATALOG.negotiate(&locale).locale, (code, &args));
        prop_assert!(out.problems.is_empty(), "{:?}", out.problems);
        prop_assert!(!out.message.is_empty());
        prop_assert!(!out.message.chars().any(is_unsafe_char), "{:?}", out.message);
        for part in [&out.note, &out.hint].into_iter().flatten() {
            prop_assert!(!part.chars().any(is_unsafe_char), "{part:?}");
        }
        let digits: String = out.message.chars().filter(char::is_ascii_digit).collect();
        for (i, variable) in code.variables().iter().enumerate() {
            match variable.kind {
                VariableKind::String => {
                    let mut shown = String::new();
                    write_escaped(&mut shown, &texts[i]).unwrap();
                    prop_assert!(out.message.contains(&shown), "{:?} lacks {shown:?}", out.message);
                }
                // Grouped for the locale (12.500, 12 500): the digits stay in order.
                VariableKind::Number => {
                    prop_assert!(digits.contains(&numbers[i].to_string()), "{:?}", out.message);
                }
            }
        }
    }

    #[test]
    fn localize_keeps_every_field_it_was_given(
        code in prop_oneof![
            prop::sample::select(ErrorCode::ALL.to_vec()).prop_map(|c| c.as_str().to_owned()),
            any::<String>(),
        ],
        message in prop::option::of(hostile_text()),
        target in prop::option::of(any::<String>()),
        extra in prop::collection::btree_map("[a-zA-Z_]{1,12}", any::<i64>(), 0..4),
        outer in prop::collection::btree_map("[a-z]{1,8}", any::<String>(), 0..3),
        status in prop::option::of(prop::sample::select(vec![400u16, 401, 403, 404, 418, 500])),
        locale in prop::sample::select(LOCALES.to_vec()),
    ) {
        let mut error = Map::new();
        error.insert("code".into(), json!(code));
        if let Some(message) = &message {
            error.insert("message".into(), json!(message));
        }
        if let Some(target) = &target {
            error.insert("target".into(), json!(target));
        }
        for (key, value) in &extra {
            if !["code", "message", "target", "localizedMessage"].contains(&key.as_str()) {
                error.insert(key.clone(), json!(value));
            }
        }
        let mut body: Map<String, Json> = outer
            .iter()
            .filter(|(key, _)| *key != "error")
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        body.insert("error".into(), Json::Object(error.clone()));
        let text = Json::Object(body.clone()).to_string();

        let written = CATALOG
            .localize_body(&text, CATALOG.negotiate(locale).locale, &ResponseInfo::new().status(status))
            .unwrap();
        let out: Json = serde_json::from_str(&written.text).unwrap();
        // Without its `localizedMessage`, the body is what it was.
        let mut without = out.clone();
        without["error"].as_object_mut().unwrap().remove("localizedMessage");
        prop_assert_eq!(&without, &Json::Object(body.clone()));
        let out_error = out["error"].as_object().unwrap();
        for (key, value) in &error {
            prop_assert_eq!(out_error.get(key), Some(value), "{}", key);
        }
        prop_assert_eq!(out_error.len(), error.len() + 1, "only localizedMessage is added");
        for (key, value) in body.iter().filter(|(key, _)| *key != "error") {
            prop_assert_eq!(out.get(key), Some(value));
        }
        let localized = out_error["localizedMessage"]["message"].as_str().unwrap();
        prop_assert!(!localized.is_empty());
        prop_assert!(!localized.chars().any(is_unsafe_char), "{localized:?}");
    }
}
