//! Rendering: fallback, missing and hostile values, numbers, isolation.

use defender_errors::{Args, Catalog, DefenderError, ErrorCode, Problem, MAX_VALUE_CHARS};

use crate::common::{sample, LOCALES};

#[test]
fn the_catalog_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Catalog>();
    let catalog = Catalog::new();
    let expected = catalog
        .render(
            catalog.negotiate("de").locale,
            &sample(ErrorCode::InvalidUrl),
        )
        .message
        .into_owned();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..200 {
                    assert_eq!(
                        catalog
                            .render(
                                catalog.negotiate("de").locale,
                                &sample(ErrorCode::InvalidUrl)
                            )
                            .message,
                        expected
                    );
                }
            });
        }
    });
}

#[test]
fn a_missing_message_falls_back_to_english_for_that_message_only() {
    let catalog = Catalog::builder()
        .locale_source(
            "de",
            "NotFound = Nicht da.\nstatus-404 = Nicht gefunden\nstatus-400 = Ungültig",
        )
        .build();
    let found = catalog.render(catalog.negotiate("de").locale, &DefenderError::NotFound);
    assert_eq!(
        (found.locale, &*found.message, found.fallback),
        ("de", "Nicht da.", false)
    );
    let missing = catalog.render(
        catalog.negotiate("de").locale,
        &sample(ErrorCode::InvalidUrl),
    );
    assert_eq!(
        (missing.locale, &*missing.message),
        ("en", "URL htp://contoso.com is invalid.")
    );
    assert!(missing.fallback);
    assert_eq!(
        missing.status_text, "Ungültig",
        "the status phrase is still German"
    );
}

#[test]
fn a_broken_message_falls_back_and_is_reported() {
    let source = "\
InvalidUrl = Die URL { $adresse } ist ungültig.
NotFound = Nicht { gefunden
ResourceNotFound = Die Ressource { $resource } fehlt.
";
    let catalog = Catalog::builder().locale_source("de", source).build();
    let problems: Vec<String> = catalog.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            // Where parsing failed: the `}` was expected before the next line.
            "de/errors.ftl:2:28: error[syntax]: NotFound: syntax error: expected `}` to close the placeable",
            "de/errors.ftl:1:24: error[unknown-variable]: InvalidUrl: unknown variable $adresse; English is used instead",
        ]
    );
    let url = catalog.render(
        catalog.negotiate("de").locale,
        &sample(ErrorCode::InvalidUrl),
    );
    assert_eq!((url.locale, url.fallback), ("en", true));
    assert_eq!(
        catalog
            .render(catalog.negotiate("de").locale, &DefenderError::NotFound)
            .locale,
        "en"
    );
    let resource = catalog.render(
        catalog.negotiate("de").locale,
        &sample(ErrorCode::ResourceNotFound),
    );
    assert_eq!(
        resource.message, "Die Ressource Machine 123123123 fehlt.",
        "the other messages are kept"
    );
}

#[test]
fn unknown_and_duplicate_attributes_are_reported_and_ignored() {
    let source =
        "Forbidden = Verboden.\n    .note = Eerste.\n    .note = Tweede.\n    .remark = Extra.";
    let catalog = Catalog::builder().locale_source("nl", source).build();
    let problems: Vec<String> = catalog.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "nl/errors.ftl:3:5: error[duplicate-id]: Forbidden: duplicate attribute .note; the first one is used",
            "nl/errors.ftl:4:5: warning[extra-attribute]: Forbidden: unknown attribute .remark; it is ignored",
        ]
    );
    assert_eq!(
        catalog
            .render(catalog.negotiate("nl").locale, &DefenderError::Forbidden)
            .note
            .as_deref(),
        Some("Eerste.")
    );
}

#[test]
fn a_missing_attribute_falls_back_on_its_own() {
    let catalog = Catalog::builder()
        .locale_source("nl", "Unauthorized = Niet aangemeld.")
        .build();
    let out = catalog.render(catalog.negotiate("nl").locale, &DefenderError::Unauthorized);
    assert_eq!(out.message, "Niet aangemeld.");
    assert_eq!(
        out.note.as_deref(),
        Some("Usually caused by an invalid or expired authorization header.")
    );
    assert!(out.fallback);
}

#[test]
fn missing_values_render_the_form_without_values() {
    let catalog = Catalog::new();
    for locale in LOCALES {
        for &code in ErrorCode::ALL.iter().filter(|c| !c.variables().is_empty()) {
            let out = catalog.render(catalog.negotiate(locale).locale, (code, &Args::new()));
            assert!(
                !out.message.contains('{') && !out.message.is_empty(),
                "{locale}/{code}: {}",
                out.message
            );
            // A missing optional value (the wait of a 429) is no problem.
            let missing: Vec<_> = code
                .variables()
                .iter()
                .filter(|v| !v.optional)
                .map(|v| Problem::MissingVariable { name: v.name })
                .collect();
            assert_eq!(out.problems, missing, "{locale}/{code}");
            let strict = catalog.try_render(catalog.negotiate(locale).locale, (code, &Args::new()));
            assert_eq!(strict.is_err(), !missing.is_empty(), "{locale}/{code}");
            let generic = catalog
                .render(catalog.negotiate(locale).locale, (code, &Args::new()))
                .message;
            assert!(
                !generic.contains(char::is_numeric),
                "{locale}/{code}: {generic}"
            );
        }
    }
    // One of two values given: still the form without values, and one problem.
    let args = Args::new().with("action", "Live response");
    let out = catalog.render(
        catalog.negotiate("de").locale,
        (ErrorCode::ClientVersionNotSupported, &args),
    );
    assert_eq!(
        out.message,
        catalog
            .render(
                catalog.negotiate("de").locale,
                (ErrorCode::ClientVersionNotSupported, &Args::new())
            )
            .message,
        "the form without values"
    );
    assert!(!out.message.contains("Live response"));
    assert_eq!(
        out.problems,
        [Problem::MissingVariable {
            name: "client_version"
        }]
    );
}

#[test]
fn unknown_and_malformed_values_are_reported() {
    let catalog = Catalog::new();
    let args = Args::new()
        .with("batch_size_received", "lots")
        .with("batch_size_allowed", 10u8)
        .with("extra", "x");
    let out = catalog.render(
        catalog.negotiate("en").locale,
        (ErrorCode::MaximumBatchSizeExceeded, &args),
    );
    assert_eq!(
        out.message,
        "Maximum batch size exceeded. Received: lots, allowed: 10."
    );
    assert_eq!(
        out.problems,
        [
            Problem::NotANumber {
                name: "batch_size_received"
            },
            Problem::UnknownVariable {
                name: "extra".into()
            }
        ]
    );
    let err = catalog
        .try_render(
            catalog.negotiate("en").locale,
            (ErrorCode::MaximumBatchSizeExceeded, &args),
        )
        .unwrap_err();
    assert_eq!(err.problems.len(), 2);
}

#[test]
fn hostile_values_are_escaped_and_shortened() {
    let catalog = Catalog::new();
    let cases = [
        ("a\nb", "a\\nb"),
        ("nul\0", "nul\\0"),
        ("\u{1b}[31mred", "\\u{1b}[31mred"),
        ("evil\u{202e}exe.txt", "evil\\u{202e}exe.txt"),
        ("zero\u{200b}width", "zero\\u{200b}width"),
        ("\u{2066}iso\u{2069}", "\\u{2066}iso\\u{2069}"),
    ];
    for (value, shown) in cases {
        let out = catalog.render(
            catalog.negotiate("en").locale,
            &DefenderError::InvalidUrl { url: value.into() },
        );
        assert_eq!(out.message, format!("URL {shown} is invalid."), "{value:?}");
    }
    let huge = "x".repeat(1 << 20);
    let out = catalog.render(
        catalog.negotiate("fr").locale,
        &DefenderError::InvalidUrl { url: huge.into() },
    );
    let shown = format!("{}…", "x".repeat(MAX_VALUE_CHARS - 1));
    assert!(
        out.message.contains(&format!(" {shown} ")),
        "{}",
        out.message
    );
    assert_eq!(out.locale, "fr");
}

#[test]
fn numbers_are_formatted_for_the_locale() {
    let catalog = Catalog::new();
    let error = DefenderError::MaximumBatchSizeExceeded {
        batch_size_received: 10_000,
        batch_size_allowed: 1_234_567,
    };
    // Each number as the locale groups it, in that order; the words around
    // them are the snapshot's to pin.
    let cases = [
        ("en", ["10,000", "1,234,567"]),
        ("nl", ["10.000", "1.234.567"]),
        ("da", ["10.000", "1.234.567"]),
        ("de", ["10.000", "1.234.567"]),
        ("zh", ["10,000", "1,234,567"]),
        ("fr", ["10\u{202f}000", "1\u{202f}234\u{202f}567"]),
    ];
    for (locale, [received, allowed]) in cases {
        let out = catalog.render(catalog.negotiate(locale).locale, &error);
        let at = |n: &str| out.message.find(n);
        assert!(
            matches!((at(received), at(allowed)), (Some(r), Some(a)) if r < a),
            "{locale}: {}",
            out.message
        );
    }
    // Integers are exact, beyond what f64 holds.
    let args = Args::new()
        .with("batch_size_received", "9007199254740993")
        .with("batch_size_allowed", u64::MAX);
    let out = catalog.render(
        catalog.negotiate("en").locale,
        (ErrorCode::MaximumBatchSizeExceeded, &args),
    );
    assert!(out
        .message
        .ends_with("Received: 9,007,199,254,740,993, allowed: 18,446,744,073,709,551,615."));
}

#[test]
fn plural_selects_follow_cldr() {
    let source = "MaximumBatchSizeExceeded = { $batch_size_received ->\n    [0] Nothing\n    [one] One item\n   *[other] { $batch_size_received } items\n} (max { $batch_size_allowed }).";
    let catalog = Catalog::builder().locale_source("fr", source).build();
    assert!(catalog.problems().is_empty(), "{:?}", catalog.problems());
    let render = |n: u64| {
        let e = DefenderError::MaximumBatchSizeExceeded {
            batch_size_received: n,
            batch_size_allowed: 2000,
        };
        catalog
            .render(catalog.negotiate("fr").locale, &e)
            .message
            .into_owned()
    };
    assert_eq!(
        render(0),
        "Nothing (max 2\u{202f}000).",
        "an exact number key wins over the category"
    );
    assert_eq!(render(1), "One item (max 2\u{202f}000).");
    assert_eq!(render(1500), "1\u{202f}500 items (max 2\u{202f}000).");
}

#[test]
fn isolation_marks_are_off_by_default_and_can_be_turned_on() {
    let error = DefenderError::InvalidHashValue { hash: "abc".into() };
    let plain = Catalog::new();
    assert_eq!(
        plain.render(plain.negotiate("en").locale, &error).message,
        "Hash value abc is invalid."
    );
    let isolating = Catalog::builder().use_isolating(true).build();
    assert_eq!(
        isolating
            .render(isolating.negotiate("en").locale, &error)
            .message,
        "Hash value \u{2068}abc\u{2069} is invalid."
    );
}

#[test]
fn write_message_agrees_with_render() {
    let catalog = Catalog::new();
    let mut buf = String::new();
    for locale in LOCALES {
        for &code in ErrorCode::ALL {
            let error = sample(code);
            buf.clear();
            catalog
                .write_message(&mut buf, catalog.negotiate(locale).locale, &error)
                .unwrap();
            assert_eq!(
                buf,
                catalog
                    .render(catalog.negotiate(locale).locale, &error)
                    .message,
                "{locale}/{code}"
            );
        }
    }
}

#[test]
fn locales_are_resolved_per_call() {
    let catalog = Catalog::new();
    let error = DefenderError::DisabledFeature;
    let danish = catalog.render(catalog.negotiate("da").locale, &error);
    assert_eq!((danish.locale, danish.fallback), ("da", false));
    assert_ne!(
        danish.message,
        catalog
            .render(catalog.negotiate("en").locale, &error)
            .message
    );
    assert_eq!(
        catalog
            .render(catalog.negotiate("de-AT").locale, &error)
            .locale,
        "de"
    );
    assert_eq!(
        catalog
            .render(catalog.negotiate("fr-CA,en;q=0.5").locale, &error)
            .locale,
        "fr"
    );
    assert_eq!(
        catalog
            .render(catalog.negotiate("xx").locale, &error)
            .locale,
        "en"
    );
    assert_eq!(
        catalog.render(catalog.negotiate("").locale, &error).locale,
        "en"
    );
}

#[test]
fn the_shipped_catalog_loads_clean() {
    let catalog = Catalog::new();
    assert!(catalog.problems().is_empty(), "{:?}", catalog.problems());
    assert_eq!(catalog.locales().collect::<Vec<_>>(), LOCALES);
}
