//! Any bytes as an upstream error body: `localize_body` answers an error
//! or a body that keeps every field it was given and adds the localized
//! message, never a panic.
#![no_main]

use std::sync::LazyLock;

use defender_errors::{is_unsafe_char, Catalog, ResponseInfo};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::new);

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let de = CATALOG.negotiate("de").locale;
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
