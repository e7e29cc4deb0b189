//! One snapshot per locale with every code rendered from fixed sample values:
//! a translator's change shows up as a readable diff in
//! `tests/snapshots/integration__snapshots__catalog@<locale>.snap`.

use std::fmt::Write;

use defender_errors::{Args, Catalog, DefenderError, ErrorCode, GENERIC_STATUSES};

use crate::common::{locales_dir, sample, LOCALES};

fn page(catalog: &Catalog, locale: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "tracking-id: {}",
        catalog.tracking_label(catalog.negotiate(locale).locale)
    );
    for &code in ErrorCode::ALL {
        let rendered = catalog.render(catalog.negotiate(locale).locale, &sample(code));
        assert_eq!(rendered.locale, locale, "{code} fell back to English");
        assert!(!rendered.fallback, "{locale}/{code} fell back to English");
        let _ = writeln!(
            out,
            "\n{code} ({} {})",
            rendered.status, rendered.status_text
        );
        let _ = writeln!(out, "  message: {}", rendered.message);
        if !code.variables().is_empty() {
            let generic = catalog.render(catalog.negotiate(locale).locale, (code, &Args::new()));
            let _ = writeln!(out, "  without values: {}", generic.message);
        }
        if let Some(note) = &rendered.note {
            let _ = writeln!(out, "  note: {note}");
        }
        if let Some(hint) = &rendered.hint {
            let _ = writeln!(out, "  hint: {hint}");
        }
    }
    out
}

/// Snapshot `name` of every locale: `render`'s page for it, described by
/// `describe` (where `{locale}` is the locale), with the locale's file as
/// the input a diff points to.
fn each_locale(name: &str, describe: &str, render: impl Fn(&Catalog, &str) -> String) {
    let catalog = Catalog::new();
    for locale in LOCALES {
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(locale);
        settings.set_input_file(locales_dir().join(locale).join("errors.ftl"));
        settings.set_description(describe.replace("{locale}", locale));
        settings.set_prepend_module_to_snapshot(true);
        settings.bind(|| insta::assert_snapshot!(name, render(&catalog, locale)));
    }
}

#[test]
fn catalog() {
    each_locale(
        "catalog",
        "every code rendered in '{locale}' with the sample values of tests/common.rs",
        page,
    );
}

/// Every status phrase, the message an unknown code gets with that status,
/// and the wait of a 429 at each of the sample lengths.
fn statuses(catalog: &Catalog, locale: &str) -> String {
    let mut out = String::new();
    for &status in GENERIC_STATUSES {
        let phrase = catalog
            .status_text(catalog.negotiate(locale).locale, status)
            .unwrap_or("(none)");
        let (used, message) = catalog
            .generic_message(catalog.negotiate(locale).locale, status, None)
            .expect("every generic status has a message");
        assert_eq!(used, locale, "{locale}/{status} fell back to English");
        let _ = writeln!(out, "{status} {phrase}\n  {message}");
    }
    let _ = writeln!(out, "\nTooManyRequests with a wait");
    for seconds in [0, 1, 2, 5, 12, 21, 3600] {
        let error = DefenderError::TooManyRequests {
            retry_after: Some(seconds),
        };
        let _ = writeln!(
            out,
            "  {seconds}: {}",
            catalog.message(catalog.negotiate(locale).locale, &error)
        );
    }
    out
}

#[test]
fn status_messages() {
    each_locale(
        "status_messages",
        "the status phrases, generic messages and waits of a 429 in '{locale}'",
        statuses,
    );
}
