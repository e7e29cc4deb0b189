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

/// A value made of the pieces of the messages' own text (" was not found",
/// ", allowed: ", …) and plain words, so that values often hold the text
/// around them; without whitespace at its ends, as a value at a message's
/// edge cannot be told from whitespace around the message.
fn tricky_value() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9é中-]{1,6}",
        Just(" ".to_owned()),
        Just(".".to_owned()),
        Just("Resource ".to_owned()),
        Just(" was not found".to_owned()),
        Just(" is supported on client version ".to_owned()),
        Just(" and above".to_owned()),
        Just(", allowed: ".to_owned()),
        Just(" is invalid".to_owned()),
        Just(" seconds".to_owned()),
    ];
    prop::collection::vec(piece, 1..6)
        .prop_map(|pieces| pieces.concat().trim().to_owned())
        .prop_filter("a value", |v| !v.is_empty())
}

/// The body of an error with `code` and the English `message`.
fn body_of(code: ErrorCode, message: &str) -> String {
    json!({"error": {"code": code.as_str(), "message": message}}).to_string()
}

/// `body` localized for `locale` with `status`, parsed back.
fn localized(body: &str, locale: Locale, status: Option<u16>) -> Json {
    let out = CATALOG
        .localize_body(body, locale, &ResponseInfo::new().status(status))
        .unwrap();
    serde_json::from_str(&out.text).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Never a wrong value: the catalog's English written with any values
    /// (and then without its final period, with whitespace around it, or
    /// with its first letter in the other case) is localized with exactly
    /// those values, or without values when it can be read in two ways;
    /// and with plain values, always with them.
    #[test]
    fn the_english_message_gives_its_values_or_none(
        code in prop::sample::select(
            ErrorCode::ALL.iter().copied().filter(|c| !c.variables().is_empty()).collect::<Vec<_>>()
        ),
        locale in prop::sample::select(LOCALES.to_vec()),
        texts in prop::collection::vec(tricky_value(), 2),
        numbers in prop::collection::vec(prop_oneof![0u64..3, any::<u64>()], 2),
        plain in any::<bool>(),
        without_period in any::<bool>(),
        padded in any::<bool>(),
        other_case in any::<bool>(),
    ) {
        let mut args = Args::new();
        let mut values = Vec::new();
        for (i, variable) in code.variables().iter().enumerate() {
            match variable.kind {
                VariableKind::String => {
                    let value = if plain { format!("Value-{i}") } else { texts[i].clone() };
                    values.push(value.clone());
                    args.set(variable.name, value);
                }
                VariableKind::Number => {
                    args.set(variable.name, numbers[i]);
                }
            }
        }
        let mut message = CATALOG.message(Locale::SOURCE, (code, &args)).into_owned();
        // A period after a value's own final period is the message's:
        // without it, the value's would be taken for the message's.
        if without_period && message.ends_with('.') && !message.ends_with("..") {
            message.pop();
        }
        // The first letter in the other case, when it is the message's own
        // and not a value's.
        if other_case && !values.iter().any(|v| message.starts_with(v.as_str())) {
            let mut chars = message.chars();
            if let Some(first) = chars.next() {
                message = first.to_lowercase().chain(chars).collect();
            }
        }
        if padded {
            message = format!("\n {message} \t");
        }
        let locale = CATALOG.negotiate(locale).locale;
        let out = localized(&body_of(code, &message), locale, None);
        let localized = out["error"]["localizedMessage"]["message"].as_str().unwrap();
        let with_values = CATALOG.message(locale, (code, &args));
        let without_values = CATALOG.message(locale, (code, &Args::new()));
        prop_assert!(
            localized == with_values || (!plain && localized == without_values),
            "{message:?} gave {localized:?}; with its values: {with_values:?}"
        );
    }

    /// The same for the other phrasing of `ResourceNotFound`, the article's
    /// `Machine 123123123 was not found`, when the text is not the
    /// catalog's English (which is read first).
    #[test]
    fn the_articles_phrasing_gives_its_value_or_none(
        resource in prop_oneof![tricky_value(), "[A-Za-z][a-z]{0,8} [0-9]{1,9}"],
        locale in prop::sample::select(LOCALES.to_vec()),
        with_period in any::<bool>(),
    ) {
        let period = if with_period { "." } else { "" };
        let message = format!("{resource} was not found{period}");
        let starts = message.get(..9).unwrap_or("");
        prop_assume!(!starts.eq_ignore_ascii_case("resource "));
        let code = ErrorCode::ResourceNotFound;
        let locale = CATALOG.negotiate(locale).locale;
        let out = localized(&body_of(code, &message), locale, Some(404));
        let localized = out["error"]["localizedMessage"]["message"].as_str().unwrap();
        let args = Args::new().with("resource", resource.as_str());
        let with_value = CATALOG.message(locale, (code, &args));
        let without_value = CATALOG.message(locale, (code, &Args::new()));
        prop_assert!(
            localized == with_value || localized == without_value,
            "{message:?} gave {localized:?}; with its value: {with_value:?}"
        );
        // A value without the phrasing's own text in it is always read.
        if !resource.contains(" was not found") {
            prop_assert_eq!(localized, with_value);
        }
    }

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
