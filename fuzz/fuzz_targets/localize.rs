//! Any bytes as an upstream error body: `localize_body` answers an error
//! or a body that keeps every field it was given and adds the localized
//! message, never a panic.
//!
//! And the same bytes as values (split at the first line break): the
//! catalog's English of every code written with them, and the article's
//! phrasing of `ResourceNotFound`, is localized with exactly those values or
//! without values (a text read in two ways), never with other values.
#![no_main]

use std::sync::LazyLock;

use defender_errors::{
    is_unsafe_char, write_escaped, Args, Catalog, ErrorCode, Locale, ResponseInfo, VariableKind,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::new);

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let de = CATALOG.negotiate("de").locale;
    values_read_back(body, de);
    for status in [None, Some(404), Some(418)] {
        let info = ResponseInfo::new().status(status);
        let Ok(written) = CATALOG.localize_body(body, de, &info) else {
            continue;
        };
        let out: Value = serde_json::from_str(&written.text).expect("JSON text");
        let input: Value = serde_json::from_str(body).expect("accepted bodies are JSON");
        let (Some(before), Some(after)) = (input["error"].as_object(), out["error"].as_object())
        else {
            panic!("an accepted body has an error object");
        };
        for (key, value) in before {
            if key != "localizedMessage" {
                assert_eq!(after.get(key), Some(value), "{key} changed");
            }
        }
        let message = out["error"]["localizedMessage"]["message"]
            .as_str()
            .expect("a localized message");
        assert!(!message.chars().any(is_unsafe_char), "{message:?}");
    }
});

/// The values `text` holds, read back out of English messages written with
/// them: the same values, or none.
fn values_read_back(text: &str, de: Locale) {
    let (first, second) = text.split_once('\n').unwrap_or((text, ""));
    let given = [first.trim(), second.trim()];
    for &code in ErrorCode::ALL {
        if code.variables().is_empty() {
            continue;
        }
        let mut args = Args::new();
        // The values as the English message shows them: escaped and cut.
        let mut shown = Args::new();
        for (variable, value) in code.variables().iter().zip(given) {
            match variable.kind {
                VariableKind::String => {
                    let mut escaped = String::new();
                    write_escaped(&mut escaped, value).expect("a String takes any text");
                    args.set(variable.name, value);
                    shown.set(variable.name, escaped);
                }
                VariableKind::Number => {
                    let n = value.len() as u64;
                    args.set(variable.name, n);
                    shown.set(variable.name, n);
                }
            }
        }
        let english = CATALOG.message(Locale::SOURCE, (code, &args));
        assert_read_back(code, &english, &shown, de);
    }
    // The article's phrasing, when the text is not the catalog's English.
    let message = format!("{} was not found", given[0]);
    if !message
        .get(..9)
        .is_some_and(|start| start.eq_ignore_ascii_case("resource "))
    {
        let args = Args::new().with("resource", given[0]);
        assert_read_back(ErrorCode::ResourceNotFound, &message, &args, de);
    }
}

fn assert_read_back(code: ErrorCode, message: &str, values: &Args<'_>, de: Locale) {
    let body = serde_json::json!({"error": {"code": code.as_str(), "message": message}});
    let out = CATALOG
        .localize_body(&body.to_string(), de, &ResponseInfo::new())
        .expect("an envelope");
    let out: Value = serde_json::from_str(&out.text).expect("JSON text");
    let localized = out["error"]["localizedMessage"]["message"]
        .as_str()
        .expect("a localized message");
    let with_values = CATALOG.message(de, (code, values));
    let without_values = CATALOG.message(de, (code, &Args::new()));
    assert!(
        localized == with_values || localized == without_values,
        "{message:?} gave {localized:?}, not {with_values:?}"
    );
}
