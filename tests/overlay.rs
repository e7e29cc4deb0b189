//! Locale files from a directory, replacing or adding to the embedded ones.

use crate::common::TempDir;
use defender_errors::{Catalog, DefenderError, ErrorCode, MAX_LOCALE_FILE_BYTES};

#[test]
fn files_replace_the_embedded_locale_and_add_new_ones() {
    let dir = TempDir::new("overlay-replace");
    dir.write(
        "de/errors.ftl",
        "NotFound = Nichts gefunden.\nstatus-404 = Nicht gefunden",
    );
    dir.write("it/errors.ftl", "NotFound = Elemento non trovato.");
    dir.write("notes.txt", "not a locale");
    let catalog = Catalog::builder().overlay_dir(&dir.0).unwrap().build();
    assert!(catalog.problems().is_empty(), "{:?}", catalog.problems());
    assert_eq!(
        catalog
            .render(catalog.negotiate("de").locale, &DefenderError::NotFound)
            .message,
        "Nichts gefunden."
    );
    assert_eq!(
        catalog
            .render(catalog.negotiate("de").locale, &DefenderError::Forbidden)
            .locale,
        "en",
        "the rest of de falls back"
    );
    assert_eq!(catalog.locale_id(catalog.negotiate("it-CH").locale), "it");
    assert_eq!(
        catalog
            .render(catalog.negotiate("fr").locale, &DefenderError::NotFound)
            .message,
        Catalog::new().message(
            Catalog::new().negotiate("fr").locale,
            &DefenderError::NotFound
        ),
        "fr is the embedded one"
    );
}

#[test]
fn unusable_files_are_reported_and_the_embedded_ones_kept() {
    let dir = TempDir::new("overlay-bad");
    dir.write("nl/errors.ftl", b"NotFound = \xff\xfe kapot");
    dir.write(
        "da/errors.ftl",
        vec![b'#'; usize::try_from(MAX_LOCALE_FILE_BYTES).unwrap() + 1],
    );
    let outside = TempDir::new("overlay-outside");
    outside.write("errors.ftl", "NotFound = Gestolen.");
    std::fs::create_dir_all(dir.0.join("fr")).unwrap();
    std::os::unix::fs::symlink(outside.0.join("errors.ftl"), dir.0.join("fr/errors.ftl")).unwrap();
    dir.write(
        "de/errors.ftl",
        "NotFound = Nicht { gefunden\nForbidden = Verboten.",
    );
    let catalog = Catalog::builder().overlay_dir(&dir.0).unwrap().build();
    let problems: Vec<String> = catalog.problems().iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(
        problems[0].starts_with("da/errors.ftl: ")
            && problems[0].contains("is larger than 1048576 bytes")
    );
    assert!(
        problems[1].starts_with("fr/errors.ftl: ")
            && problems[1].contains("leads out of the locale directory")
    );
    assert!(
        problems[2].starts_with("nl/errors.ftl:1:12: error[file]: ")
            && problems[2].contains("is not UTF-8 (byte 11, line 1, column 12)")
    );
    assert!(
        problems[3].starts_with("de/errors.ftl:1:28: error[syntax]: NotFound: syntax error"),
        "{problems:#?}"
    );
    // The embedded nl, da and fr are still served; de's broken message falls back, the good one is kept.
    assert_eq!(
        catalog
            .render(catalog.negotiate("nl").locale, &DefenderError::NotFound)
            .message,
        Catalog::new().message(
            Catalog::new().negotiate("nl").locale,
            &DefenderError::NotFound
        ),
        "nl is the embedded one"
    );
    assert_eq!(
        catalog
            .render(catalog.negotiate("fr").locale, &DefenderError::NotFound)
            .locale,
        "fr"
    );
    assert_eq!(
        catalog
            .render(catalog.negotiate("de").locale, &DefenderError::NotFound)
            .locale,
        "en"
    );
    assert_eq!(
        catalog
            .render(catalog.negotiate("de").locale, &DefenderError::Forbidden)
            .message,
        "Verboten."
    );
    assert_eq!(
        catalog
            .render(
                catalog.negotiate("da").locale,
                (ErrorCode::BadRequest, &Default::default())
            )
            .locale,
        "da"
    );
}

#[test]
fn a_missing_directory_is_an_error() {
    let err = Catalog::builder()
        .overlay_dir("/nonexistent/locales")
        .unwrap_err();
    assert!(err
        .to_string()
        .starts_with("cannot use /nonexistent/locales as the locale directory: it does not exist"));
}

#[test]
fn nesting_without_end_falls_back_and_keeps_the_rest() {
    let dir = TempDir::new("overlay-deep");
    dir.write(
        "de/errors.ftl",
        format!(
            "NotFound = {}\nForbidden = Verboten.\n",
            "{".repeat(200_000)
        ),
    );
    let catalog = Catalog::builder().overlay_dir(&dir.0).unwrap().build();
    let problems: Vec<String> = catalog.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        ["de/errors.ftl:1:44: error[syntax]: NotFound: placeables nest deeper than 32 levels; the entry is ignored"]
    );
    assert_eq!(
        catalog
            .render(catalog.negotiate("de").locale, &DefenderError::NotFound)
            .message,
        "The requested item was not found."
    );
    assert_eq!(
        catalog
            .render(catalog.negotiate("de").locale, &DefenderError::Forbidden)
            .message,
        "Verboten."
    );
}
