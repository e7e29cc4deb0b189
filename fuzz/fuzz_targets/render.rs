//! Any code, locale and values: the message is never empty, shows every
//! value escaped, carries no control, bidi or zero-width character, and the
//! render never panics.
#![no_main]

use std::sync::LazyLock;

use defender_errors::{is_unsafe_char, write_escaped, Args, Catalog, ErrorCode, VariableKind};
use libfuzzer_sys::fuzz_target;

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::new);

fuzz_target!(|data: &[u8]| {
    // Byte 0 picks the code; the rest, split at 0xFF, is the locale and the values.
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let code = ErrorCode::ALL[usize::from(pick) % ErrorCode::ALL.len()];
    let mut parts = rest.split(|&b| b == 0xFF).map(String::from_utf8_lossy);
    let locale = parts.next().unwrap_or_default();
    let values: Vec<_> = parts.collect();

    let mut args = Args::new();
    for (variable, value) in code.variables().iter().zip(&values) {
        args.set(variable.name, value.as_ref());
    }
    // Values beyond the code's variables go in under made-up names.
    for (i, value) in values.iter().enumerate().skip(code.variables().len()) {
        args.set(format!("extra{i}"), value.as_ref());
    }

    let rendered = CATALOG.render(CATALOG.negotiate(&locale).locale, (code, &args));
    let message = CATALOG.message(CATALOG.negotiate(&locale).locale, (code, &args));
    assert_eq!(rendered.message, message);
    assert!(!message.is_empty());
    assert!(!message.chars().any(is_unsafe_char), "{message:?}");
    assert!(CATALOG.locales().any(|l| l == rendered.locale));
    let complete = code.variables().len() <= values.len();
    if complete && rendered.problems.is_empty() {
        let texts = code.variables().iter().zip(&values);
        for (_, value) in texts.filter(|(v, _)| v.kind == VariableKind::String) {
            let mut escaped = String::new();
            write_escaped(&mut escaped, value).expect("a String");
            assert!(message.contains(&escaped), "{message:?} lacks {escaped:?}");
        }
    }
    let _ = CATALOG.try_render(CATALOG.negotiate(&locale).locale, (code, &args));
});
