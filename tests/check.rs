//! The translators' checks. `tests/fixtures/check/<rule>.<locale>.ftl` is a
//! small translation of `tests/fixtures/check/en.ftl` with one kind of
//! mistake; its `# expect: <rule> <line>:<column>` comments list the exact
//! findings it must produce, in order.

use std::path::{Path, PathBuf};

use defender_errors::check::{self, Finding, Rule, Severity, SourceFile};

use crate::common::TempDir;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
}

struct Fixture {
    case: String,
    locale: String,
    text: String,
}

fn fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(fixture_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let Some((case, locale)) = name.strip_suffix(".ftl").and_then(|n| n.split_once('.')) else {
            continue;
        };
        out.push(Fixture {
            case: case.to_owned(),
            locale: locale.to_owned(),
            text: std::fs::read_to_string(&path).unwrap(),
        });
    }
    out.sort_by(|a, b| a.case.cmp(&b.case));
    out
}

fn english() -> String {
    std::fs::read_to_string(fixture_dir().join("en.ftl")).unwrap()
}

/// `(rule, line, column)` from the `# expect:` comments.
fn expected(text: &str) -> Vec<(String, usize, usize)> {
    text.lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .filter(|l| *l != "nothing")
        .map(|l| {
            let (rule, place) = l.split_once(' ').unwrap();
            let (line, column) = place.split_once(':').unwrap();
            (
                rule.to_owned(),
                line.parse().unwrap(),
                column.parse().unwrap(),
            )
        })
        .collect()
}

fn check_fixture(fixture: &Fixture) -> check::Report {
    let path = format!("{}.{}.ftl", fixture.case, fixture.locale);
    check::against(
        &english(),
        vec![SourceFile::new(
            &fixture.locale,
            path,
            fixture.text.as_str(),
        )],
    )
}

#[test]
fn each_fixture_produces_exactly_its_findings() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 19);
    for fixture in &fixtures {
        let report = check_fixture(fixture);
        let found: Vec<(String, usize, usize)> = report
            .findings()
            .iter()
            .map(|f| (f.rule.to_string(), f.line, f.column))
            .collect();
        let expected = expected(&fixture.text);
        assert_eq!(
            found,
            expected,
            "{}: {:#?}",
            fixture.case,
            report.findings()
        );
        if fixture.case != "clean" {
            assert!(
                found.iter().any(|(rule, _, _)| *rule == fixture.case),
                "{} does not produce its own rule",
                fixture.case
            );
        }
    }
}

#[test]
fn every_rule_has_a_fixture() {
    let cases: Vec<String> = fixtures().into_iter().map(|f| f.case).collect();
    for rule in Rule::ALL {
        // `file` needs a file that cannot be read (see
        // unreadable_files_are_findings), `outdated` a record of the English
        // (see a_record_of_other_english_makes_a_translation_outdated).
        if *rule != Rule::File && *rule != Rule::Outdated {
            assert!(cases.contains(&rule.to_string()), "no fixture for {rule}");
        }
    }
}

/// The first finding of `rule` that the fixture `case` produces.
fn finding_of(case: &str, rule: Rule) -> Finding {
    let fixture = fixtures().into_iter().find(|f| f.case == case).unwrap();
    let report = check_fixture(&fixture);
    report
        .findings()
        .iter()
        .find(|f| f.rule == rule)
        .cloned()
        .unwrap()
}

#[test]
fn findings_say_what_to_do_and_name_their_message() {
    let finding = finding_of("unknown-variable", Rule::UnknownVariable);
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.id.as_deref(), Some("InvalidHashValue"));
    assert_eq!(finding.locale, "de");
    assert!(
        finding.message.contains("did you mean `$hash`?"),
        "{}",
        finding.message
    );
    // The span covers `$hashwert`, on one line.
    assert_eq!(finding.end_line, finding.line);
    assert_eq!(finding.end_column - finding.column, "$hashwert".len());

    // The translated code sits where English has InvalidHashValue.
    let finding = finding_of("unknown-id", Rule::UnknownId);
    assert!(
        finding
            .message
            .ends_with("did you mean `InvalidHashValue`?"),
        "{}",
        finding.message
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    let text = "InvalidHashValue = 哈希值 { $haxi } 无效。\n";
    let report = check::against(&english(), vec![SourceFile::new("zh", "zh.ftl", text)]);
    let finding = report
        .findings()
        .iter()
        .find(|f| f.rule == Rule::UnknownVariable)
        .unwrap();
    // 19 characters of "InvalidHashValue = ", then "哈希值 { ": `$` is the 26th.
    assert_eq!((finding.line, finding.column), (1, 26));
    assert_eq!(finding.end_column, 31);
}

#[test]
fn a_variable_in_some_variants_only_is_not_missing() {
    // English always shows $batch_size_allowed; German may drop
    // $batch_size_received in the [one] variant: clean.de.ftl has no finding.
    let fixture = fixtures().into_iter().find(|f| f.case == "clean").unwrap();
    assert!(fixture.text.contains("[one] Ein Element wurde gesendet"));
    assert!(check_fixture(&fixture).findings().is_empty());
}

#[test]
fn coverage_counts_translated_missing_and_fallback() {
    let by_case = |case: &str| {
        let fixture = fixtures().into_iter().find(|f| f.case == case).unwrap();
        check_fixture(&fixture).coverage()[0].clone()
    };
    let clean = by_case("clean");
    assert_eq!((clean.total, clean.translated, clean.fallback), (7, 7, 0));
    let missing = by_case("missing-message");
    assert_eq!(
        (missing.translated, missing.missing, missing.fallback),
        (6, 1, 1)
    );
    assert_eq!((missing.errors, missing.warnings), (0, 1));
    // An untranslated message is neither translated nor a fallback.
    let untranslated = by_case("untranslated");
    assert_eq!((untranslated.translated, untranslated.fallback), (6, 0));
    // A broken message falls back to English.
    let syntax = by_case("syntax");
    assert_eq!(
        (syntax.translated, syntax.fallback, syntax.errors),
        (6, 1, 1)
    );
}

#[test]
fn the_shipped_locales_are_clean() {
    let report = check::embedded();
    assert_eq!(report.findings(), &[]);
    assert_eq!(report.coverage().len(), 6);
    for row in report.coverage() {
        assert_eq!(row.translated, row.total, "{row:?}");
    }
    // And the files of this checkout, read from disk.
    let report = check::dir(crate::common::locales_dir()).unwrap();
    assert!(!report.fails(true), "{:#?}", report.findings());
}

#[test]
fn unreadable_files_are_findings() {
    let dir = TempDir::new("check-unreadable");
    dir.write("de/errors.ftl", b"NotFound = Nicht\ngefunden \xff.\n");
    let report = check::dir(&dir.0).unwrap();
    let finding = &report.findings()[0];
    assert_eq!(finding.rule, Rule::File);
    assert_eq!((finding.line, finding.column), (2, 10));
    assert!(
        finding.message.contains("is not UTF-8"),
        "{}",
        finding.message
    );
    assert!(report.fails(false));
}

#[test]
fn a_missing_directory_cannot_be_checked() {
    assert!(check::dir("/no/such/locales").is_err());
}

#[test]
fn a_flood_of_findings_is_bounded() {
    let text = "NotFound = x\u{200B}y\u{200B}".repeat(2_000);
    let report = check::against(&english(), vec![SourceFile::new("de", "de.ftl", text)]);
    let forbidden: Vec<_> = report
        .findings()
        .iter()
        .filter(|f| f.rule == Rule::ForbiddenChar)
        .collect();
    assert_eq!(forbidden.len(), 50);
    assert!(forbidden[49]
        .message
        .contains("more of this kind in this file are not shown"));
}

#[test]
fn the_guide_documents_every_rule_and_variable() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/README.md"))
            .unwrap();
    for rule in Rule::ALL {
        let row = format!("| `{rule}` | {} |", rule.severity());
        assert!(guide.contains(&row), "locales/README.md lacks {row}");
    }
    let mut rows = 0;
    for &code in defender_errors::ErrorCode::ALL {
        for variable in code.variables() {
            let kind = match variable.kind {
                defender_errors::VariableKind::String => "text",
                defender_errors::VariableKind::Number => "number",
            };
            let row = format!(
                "| `${}` | {code} | {kind} | {} |",
                variable.name, variable.description
            );
            assert!(guide.contains(&row), "locales/README.md lacks {row}");
            rows += 1;
        }
    }
    assert_eq!(guide.matches("\n| `$").count(), rows);
}

#[test]
fn nesting_without_end_is_a_finding_not_a_crash() {
    // The Fluent parser recurses once per `{`; this many would overflow the stack.
    let text = format!(
        "NotFound = {}\nstatus-404 = Nicht gefunden\n",
        "{".repeat(200_000)
    );
    let report = check::against(&english(), vec![SourceFile::new("de", "de.ftl", text)]);
    let finding = report
        .findings()
        .iter()
        .find(|f| f.rule == Rule::Syntax)
        .unwrap();
    assert_eq!((finding.line, finding.column), (1, 12 + 32));
    assert_eq!(finding.id.as_deref(), Some("NotFound"));
    assert!(
        finding.message.contains("nest deeper than 32 levels"),
        "{}",
        finding.message
    );
}

/// One validator: each problem the catalog finds when it loads a file is a
/// finding of the check on the same file, with the same rule id, line,
/// column and message id.
#[test]
fn load_problems_are_check_findings_at_the_same_place() {
    let mut sources: Vec<(String, String, String)> = fixtures()
        .into_iter()
        .map(|f| (f.case, f.locale, f.text))
        .collect();
    for (case, text) in [
        (
            "duplicate-later",
            "NotFound = A\nForbidden = B\nNotFound = C\n",
        ),
        (
            "bidi-escape",
            "NotFound = { \"\\u202E\" }x\nForbidden = a\u{200B}b\n",
        ),
        (
            "deep",
            &format!(
                "NotFound = {}x{}\nForbidden = B\n",
                "{".repeat(40),
                "}".repeat(40)
            ),
        ),
        (
            "broken-escape",
            "NotFound = { \"\\u\u{e9}\" }\nForbidden = Verboten.\n",
        ),
        (
            "variable-in-select",
            "InvalidUrl = { $url ->\n   *[other] { $uri }\n}\n",
        ),
        (
            "attribute",
            "InvalidUrl = Die URL { $url }.\n    .notiz = x\n    .note = { -nope }\n",
        ),
        ("no-value", "NotFound =\n    .note = x\n"),
    ] {
        sources.push((case.to_owned(), "de".to_owned(), text.to_owned()));
    }
    let mut compared = 0;
    for (case, locale, text) in sources {
        let catalog = defender_errors::CatalogBuilder::new()
            .locale_source(locale.as_str(), text.as_str())
            .build();
        let report = check::sources(vec![SourceFile::new(
            locale.as_str(),
            format!("{locale}/errors.ftl"),
            text.as_str(),
        )]);
        for problem in catalog.problems() {
            let found = report.findings().iter().any(|f| {
                f.rule == problem.rule
                    && Some(f.line) == problem.line
                    && Some(f.column) == problem.column
                    && (problem.id.is_none() || f.id == problem.id)
            });
            assert!(
                found,
                "{case}: the catalog's `{problem}` is not among the check's findings:\n{}",
                report
                    .findings()
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            );
            compared += 1;
        }
    }
    assert!(compared >= 20, "only {compared} problems compared");
}

/// Idiomatic Fluent a translator writes: parameterized terms called with and
/// without arguments, term attributes as selectors, nested selects, message
/// references and a term that shows a value it is passed.
const TRANSLATOR_STYLE: &str = r#"-geraet = { $case ->
    [gen] des Geräts
   *[nom] das Gerät
}
-produkt = Defender
    .genus = neutrum
-elemente = { $n ->
    [one] ein Element
   *[other] { $n } Elemente
}

status-404 = Nicht gefunden

NotFound = Der Zustand { -geraet(case: "gen") } ist unbekannt; { -geraet } fehlt.

ResourceNotFound = { -produkt.genus ->
        [maskulin] Der Eintrag
       *[neutrum] Das Objekt
    } { $resource } wurde nicht gefunden ({ status-404 }).
    .generic = { -produkt.genus ->
        [maskulin] Der Eintrag
       *[neutrum] Das Objekt
    } wurde nicht gefunden.

MaximumBatchSizeExceeded = { $batch_size_received ->
        [one] Ein Element gesendet,
       *[other] { $batch_size_received } Elemente gesendet,
    } { $batch_size_allowed ->
        [one] { -elemente(n: 1) } zulässig.
       *[other] höchstens { $batch_size_allowed } zulässig; sonst { -elemente(n: 2) }.
    }
    .generic = Die maximale Batchgröße wurde überschritten.

InvalidHashValue = Der Hashwert { $hash } ist ungültig.
    .generic = { InvalidHashValue.kurz }
    .kurz = Der Hashwert ist ungültig.
"#;

/// The errors of `text` as German, each `(rule, line)`.
fn errors_of(text: &str) -> Vec<(Rule, usize)> {
    let report = check::sources(vec![SourceFile::new("de", "de/errors.ftl", text)]);
    report
        .findings()
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.rule, f.line))
        .collect()
}

#[test]
fn valid_translator_style_fluent_raises_no_error() {
    assert_eq!(errors_of(TRANSLATOR_STYLE), []);
    // And the catalog renders it as Fluent does.
    let catalog = defender_errors::CatalogBuilder::new()
        .locale_source("de", TRANSLATOR_STYLE)
        .build();
    let args = defender_errors::Args::new().with("resource", "M1");
    let not_found = defender_errors::ErrorCode::NotFound;
    assert_eq!(
        catalog.message(
            catalog.negotiate("de").locale,
            (not_found, &defender_errors::Args::new())
        ),
        "Der Zustand des Geräts ist unbekannt; das Gerät fehlt."
    );
    assert_eq!(
        catalog.message(
            catalog.negotiate("de").locale,
            (defender_errors::ErrorCode::ResourceNotFound, &args)
        ),
        "Das Objekt M1 wurde nicht gefunden (Nicht gefunden)."
    );
    let code = defender_errors::ErrorCode::MaximumBatchSizeExceeded;
    let args = defender_errors::Args::new()
        .with("batch_size_received", 12)
        .with("batch_size_allowed", 1);
    assert_eq!(
        catalog.message(catalog.negotiate("de").locale, (code, &args)),
        "12 Elemente gesendet, ein Element zulässig."
    );
}

#[test]
fn one_bad_case_raises_exactly_its_error() {
    let line_of = |needle: &str, text: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap()
    };
    for (case, from, to, rule, at) in [
        (
            "a term's value shown without being passed",
            "{ -elemente(n: 1) }",
            "{ -elemente }",
            Rule::UnknownVariable,
            "*[other] { $n } Elemente",
        ),
        (
            "a translated variable",
            "Der Hashwert { $hash }",
            "Der Hashwert { $hashwert }",
            Rule::UnknownVariable,
            "{ $hashwert }",
        ),
        (
            "a select on a name the message is not given",
            "{ -produkt.genus ->\n        [maskulin] Der Eintrag\n       *[neutrum] Das Objekt\n    } { $resource }",
            "{ $genus ->\n        [maskulin] Der Eintrag\n       *[neutrum] Das Objekt\n    } { $resource }",
            Rule::UnknownVariable,
            "{ $genus ->",
        ),
        (
            "a term attribute written out",
            "Das Objekt\n    } { $resource }",
            "Das Objekt { -produkt.genus }\n    } { $resource }",
            Rule::Syntax,
            "Das Objekt { -produkt.genus }",
        ),
        (
            "a `}` missing before the next message",
            "ist unbekannt; { -geraet } fehlt.",
            "ist unbekannt; { -geraet fehlt.",
            Rule::Syntax,
            "{ -geraet fehlt.",
        ),
        (
            "a term that does not exist",
            "{ -geraet(case: \"gen\") }",
            "{ -geraetx(case: \"gen\") }",
            Rule::Unresolved,
            "NotFound =",
        ),
    ] {
        assert!(TRANSLATOR_STYLE.contains(from), "{case}");
        let text = TRANSLATOR_STYLE.replacen(from, to, 1);
        assert_eq!(
            errors_of(&text),
            [(rule, line_of(at, &text))],
            "{case}:\n{text}"
        );
    }
}

#[test]
fn each_variable_is_named_once() {
    let text = "InvalidInput = Ungültige Eingabe: { $eingabe } { $eingabe }.\n    .generic = Die Eingabe ist ungültig.\n";
    let report = check::sources(vec![SourceFile::new("de", "de/errors.ftl", text)]);
    let unknown: Vec<&Finding> = report
        .findings()
        .iter()
        .filter(|f| f.rule == Rule::UnknownVariable)
        .collect();
    assert_eq!(unknown.len(), 1, "{unknown:#?}");
    assert!(
        unknown[0].message.ends_with("did you mean `$input`?"),
        "{}",
        unknown[0].message
    );
    let text = "MaximumBatchSizeExceeded = Zu viele: { $empfangen }.\n    .generic = Zu viele.\n";
    let report = check::sources(vec![SourceFile::new("de", "de/errors.ftl", text)]);
    let finding = report
        .findings()
        .iter()
        .find(|f| f.rule == Rule::UnknownVariable)
        .unwrap();
    assert!(
        finding
            .message
            .ends_with("takes `$batch_size_received`, `$batch_size_allowed`"),
        "{}",
        finding.message
    );
}

#[test]
fn a_record_of_other_english_makes_a_translation_outdated() {
    let fixture = fixtures().into_iter().find(|f| f.case == "clean").unwrap();
    let english = english();
    let record = english
        .replace("The hash { $hash } is not valid.", "Hash { $hash } is bad.")
        .replace("    .hint = Parameter names are case sensitive.\n", "");
    let check = |record: &str| {
        let file = SourceFile::new("de", "de.ftl", fixture.text.as_str()).with_record(record);
        check::against(&english, vec![file])
    };
    let report = check(&record);
    let found: Vec<(Option<&str>, usize, &str)> = report
        .findings()
        .iter()
        .map(|f| (f.id.as_deref(), f.line, f.message.as_str()))
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].0, Some("InvalidHashValue"));
    assert!(
        found[0].2.contains(
            "it was “Hash { $hash } is bad.”, it is now “The hash { $hash } is not valid.”"
        ),
        "{}",
        found[0].2
    );
    // An attribute recorded as absent, and English's added since.
    assert_eq!(found[1].0, Some("MissingRequiredParameter"));
    assert!(
        found[1].2.contains("`MissingRequiredParameter.hint`"),
        "{}",
        found[1].2
    );
    assert!(found[1].2.contains("it was nothing"), "{}", found[1].2);
    assert_eq!(report.coverage()[0].outdated, 2);
    // A message with no record at all.
    let report = check(&english.replace(
        "NotFound = The requested item was not found (see also ResourceNotFound).",
        "",
    ));
    let finding = &report.findings()[0];
    assert_eq!(
        (finding.rule, finding.id.as_deref()),
        (Rule::Outdated, Some("NotFound"))
    );
    assert!(
        finding
            .message
            .starts_with("nothing records which English `NotFound` was translated from"),
        "{}",
        finding.message
    );
    // The record of English as it is: clean.
    assert!(check(&english).findings().is_empty());
}
