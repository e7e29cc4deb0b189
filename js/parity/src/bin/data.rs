//! Writes the JavaScript renderer's data (`package/data.js`) on stdout: the
//! shipped catalog as the library compiles it ([`Catalog::export`]), with
//! isolation marks, which the renderer leaves out for a catalog without
//! them. Fails, saying why, when the catalog uses what the renderer does
//! not write (`NUMBER()` options, a select on a term's text), or when the
//! marks are not the only difference between the two compilations.

use defender_errors::{Catalog, CatalogBuilder};
use serde_json::Value as Json;

/// What the JavaScript renderer (package/render.js) cannot write, if `value`
/// (a pattern, or anything holding patterns) has it.
fn unsupported(value: &Json) -> Option<String> {
    match value {
        Json::Object(o) => {
            if o.contains_key("selectText") {
                return Some("a select on a term's text".into());
            }
            if let Some(options) = o.get("options") {
                if options
                    .as_object()
                    .is_some_and(|o| o.values().any(|v| !v.is_null()))
                {
                    return Some(format!("NUMBER() with options {options}"));
                }
            }
            o.values().find_map(unsupported)
        }
        Json::Array(a) => a.iter().find_map(unsupported),
        _ => None,
    }
}

/// `pattern` without isolation marks, as the renderer reads it for a
/// catalog without them: the marks taken out of its text, and text pieces
/// left empty dropped.
fn strip_pattern(pattern: &Json) -> Json {
    match pattern {
        Json::String(s) => Json::String(s.replace(['\u{2068}', '\u{2069}'], "")),
        Json::Array(pieces) => pieces
            .iter()
            .map(|piece| match piece {
                Json::Object(o) if o.contains_key("variants") => {
                    let mut select = o.clone();
                    if let Some(Json::Array(variants)) = select.get_mut("variants") {
                        for variant in variants {
                            if let Some(p) = variant.get_mut(1) {
                                *p = strip_pattern(p);
                            }
                        }
                    }
                    Json::Object(select)
                }
                other => strip_pattern(other),
            })
            .filter(|piece| piece.as_str() != Some(""))
            .collect(),
        other => other.clone(),
    }
}

/// The export with every pattern of every locale stripped (`strip_pattern`).
fn strip(export: &Json) -> Json {
    let mut out = export.clone();
    for locale in out["locales"].as_array_mut().into_iter().flatten() {
        for code in locale["codes"].as_array_mut().into_iter().flatten() {
            if let Some(message) = code.as_array_mut() {
                if let Some(value) = message.get_mut(0) {
                    *value = strip_pattern(value);
                }
                for attribute in message
                    .get_mut(1)
                    .and_then(Json::as_object_mut)
                    .into_iter()
                    .flat_map(|a| a.values_mut())
                {
                    *attribute = strip_pattern(attribute);
                }
            }
        }
    }
    out
}

fn main() {
    let mut isolating = CatalogBuilder::new().use_isolating(true).build().export();
    let plain = Catalog::new().export();
    // The ways to read values back are the same with or without marks (the
    // marks are left out of them); the catalog without has no empty text.
    isolating["recover"] = plain["recover"].clone();
    let text = isolating.to_string();
    if strip(&isolating) != plain {
        eprintln!("data: the catalog with isolation marks differs from the one without by more than the marks");
        std::process::exit(1);
    }
    for locale in isolating["locales"].as_array().into_iter().flatten() {
        if let Some(what) = unsupported(&locale["codes"]) {
            eprintln!(
                "data: locale {} uses {what}, which js/package/render.js does not write",
                locale["id"]
            );
            std::process::exit(1);
        }
        if locale["numbers"].is_null() || locale["numbers"]["decimal"].is_null() {
            eprintln!(
                "data: locale {} writes numbers in a shape js/package/render.js does not",
                locale["id"]
            );
            std::process::exit(1);
        }
    }
    println!("// The compiled catalog, written by js/parity (`cargo run --bin data`) from");
    println!("// the Rust library's Catalog::export at the package's build: not edited by hand.");
    println!("export default {text};");
}
