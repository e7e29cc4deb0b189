//! Fluent fidelity: the catalog renders what fluent-bundle 0.16 renders, with
//! the ICU4X number formatter of `tests/fluent_peer.rs` plugged in, for any
//! Fluent a translator may write, with isolation off and on.
//!
//! Two parts: a table of hand-written cases, one or more per construct of the
//! Fluent syntax 1.0 specification, each pinned to its text; and resources
//! generated from the grammar (terms with arguments and attributes, message
//! and attribute references, selects on text, numbers, literals and term
//! attributes, `NUMBER()` with options, literals and escapes, nesting), where
//! each rendering must equal fluent-bundle's.
//!
//! The message under test is `ClientVersionNotSupported`, whose variables
//! `$action` (given text) and `$client_version` (given a number) are the
//! values. Values are plain printable text, which the catalog writes as it is
//! (it escapes only control, bidi and zero-width characters, which
//! fluent-bundle does not).

#[cfg(feature = "translators")]
use defender_errors::check::{Rule, SourceFile};
use defender_errors::{Args, Catalog, CatalogBuilder, ErrorCode, Number, Value};
use fluent_bundle::{FluentArgs, FluentValue};
use proptest::prelude::*;

use crate::fluent_peer::{bundle_with, value};

const CODE: ErrorCode = ErrorCode::ClientVersionNotSupported;
const ID: &str = "ClientVersionNotSupported";

/// A number value as text (so that `1.50` keeps its two fraction digits).
#[derive(Debug, Clone)]
struct Values {
    action: String,
    version: String,
}

fn catalog_args(values: &Values) -> Args<'_> {
    let number = Number::parse(&values.version).expect("a number");
    Args::new()
        .with("action", values.action.as_str())
        .with("client_version", Value::Number(number))
}

fn fluent_args(values: &Values) -> FluentArgs<'_> {
    let mut args = FluentArgs::new();
    args.set("action", FluentValue::from(values.action.as_str()));
    args.set(
        "client_version",
        FluentValue::try_number(values.version.as_str()),
    );
    args
}

/// What fluent-bundle renders for the message, or its errors.
fn fluent(locale: &str, source: &str, values: &Values, isolate: bool) -> Result<String, String> {
    let bundle = bundle_with(locale, source.to_owned(), isolate);
    let message = bundle.get_message(ID).ok_or("no message")?;
    let mut errors = Vec::new();
    let args = fluent_args(values);
    let text = bundle.format_pattern(message.value().ok_or("no value")?, Some(&args), &mut errors);
    if errors.is_empty() {
        Ok(text.into_owned())
    } else {
        Err(format!("{errors:?}"))
    }
}

/// What fluent-bundle renders for the message, errors or not.
fn fluent_text(locale: &str, source: &str, values: &Values, isolate: bool) -> String {
    let bundle = bundle_with(locale, source.to_owned(), isolate);
    let args = fluent_args(values);
    bundle
        .format_pattern(value(&bundle, ID), Some(&args), &mut Vec::new())
        .into_owned()
}

/// What the catalog renders for the message, with the load and render
/// problems that concern it.
fn ours(locale: &str, source: &str, values: &Values, isolate: bool) -> (String, Vec<String>) {
    let catalog: Catalog = CatalogBuilder::new()
        .use_isolating(isolate)
        .locale_source(locale, source)
        .build();
    let mut problems: Vec<String> = catalog
        .problems()
        .iter()
        .filter(|p| p.locale == locale && p.id.as_deref() == Some(ID))
        .map(ToString::to_string)
        .collect();
    let out = catalog.render(
        catalog.negotiate(locale).locale,
        (CODE, &catalog_args(values)),
    );
    problems.extend(out.problems.iter().map(ToString::to_string));
    (out.message.into_owned(), problems)
}

/// One hand-written case: a resource, the values, and the text both render
/// in `locale` with isolation off.
struct Case {
    construct: &'static str,
    locale: &'static str,
    ftl: &'static str,
    action: &'static str,
    version: &'static str,
    expected: &'static str,
}

const fn case(
    construct: &'static str,
    locale: &'static str,
    ftl: &'static str,
    action: &'static str,
    version: &'static str,
    expected: &'static str,
) -> Case {
    Case {
        construct,
        locale,
        ftl,
        action,
        version,
        expected,
    }
}

const CASES: &[Case] = &[
    case("text", "en", "ClientVersionNotSupported = plain text", "a", "1", "plain text"),
    case(
        "multiline text and indentation",
        "en",
        "ClientVersionNotSupported =\n    first line\n      indented more\n    last",
        "a",
        "1",
        "first line\n  indented more\nlast",
    ),
    case("variable", "en", "ClientVersionNotSupported = Do { $action } now", "scan", "1", "Do scan now"),
    case("number variable, grouped", "de", "ClientVersionNotSupported = { $client_version } Geräte", "a", "12500", "12.500 Geräte"),
    case("number variable, fraction kept", "de", "ClientVersionNotSupported = v{ $client_version }", "a", "2.50", "v2,50"),
    case("string literal and escapes", "en", r#"ClientVersionNotSupported = { "{" }x{ "\"" }{ "\\" }{ "\u00E9" }{ "\U01F600" }"#, "a", "1", "{x\"\\é😀"),
    case("number literal", "fr", "ClientVersionNotSupported = { 12500 } et { -1.50 }", "a", "1", "12\u{202f}500 et -1,50"),
    case("message reference", "en", "helper = help { $action }\nClientVersionNotSupported = [{ helper }]", "me", "1", "[help me]"),
    case("message attribute reference", "en", "helper = x\n    .tip = tip { $action }\nClientVersionNotSupported = { helper.tip }!", "now", "1", "tip now!"),
    case("term reference", "en", "-brand = Defender\nClientVersionNotSupported = { -brand } for Endpoint", "a", "1", "Defender for Endpoint"),
    case("a term sees only its own arguments", "en", "-t = { $action }\nClientVersionNotSupported = { -t } and { $action }", "scan", "1", "{$action} and scan"),
    case("parameterized term", "de", "-device = { $case ->\n    [gen] des Geräts\n   *[nom] das Gerät\n}\nClientVersionNotSupported = Name { -device(case: \"gen\") }, { -device }", "a", "1", "Name des Geräts, das Gerät"),
    case("term attribute as selector (grammatical gender)", "fr", "-app = application\n    .gender = feminine\nClientVersionNotSupported = { -app.gender ->\n    [masculine] le { -app }\n   *[feminine] la { -app }\n}", "a", "1", "la application"),
    case("select on text", "en", "ClientVersionNotSupported = { $action ->\n    [isolate] Isolation\n   *[other] Another action\n}", "isolate", "1", "Isolation"),
    case("select on text, default", "en", "ClientVersionNotSupported = { $action ->\n    [isolate] Isolation\n   *[other] Another action\n}", "scan", "1", "Another action"),
    case("select on a number: plural category", "fr", "ClientVersionNotSupported = { $client_version ->\n    [one] un\n   *[other] plusieurs\n}", "a", "0", "un"),
    case("select on a number: exact key first in order", "en", "ClientVersionNotSupported = { $client_version ->\n    [0] none\n    [one] one\n   *[other] many\n}", "a", "0", "none"),
    case("select on a number: a category before an exact key wins", "en", "ClientVersionNotSupported = { $client_version ->\n    [one] one\n    [1] exactly one\n   *[other] many\n}", "a", "1", "one"),
    case("select on a number: 1.0 is not the key 1", "en", "ClientVersionNotSupported = { $client_version ->\n    [1] exactly one\n   *[other] other\n}", "a", "1.0", "other"),
    case("select on a number literal", "en", "ClientVersionNotSupported = { 1 ->\n    [one] one\n   *[other] other\n}", "a", "5", "one"),
    case("select on a string literal", "en", "ClientVersionNotSupported = { \"b\" ->\n    [a] A\n    [b] B\n   *[c] C\n}", "a", "5", "B"),
    case("NUMBER() minimumFractionDigits", "de", "ClientVersionNotSupported = { NUMBER($client_version, minimumFractionDigits: 2) }", "a", "5", "5,00"),
    case("NUMBER() maximumFractionDigits rounds half away from zero", "en", "ClientVersionNotSupported = { NUMBER($client_version, minimumFractionDigits: 0, maximumFractionDigits: 1) }", "a", "2.25", "2.3"),
    case("NUMBER() keeps the fraction digits a value was written with", "en", "ClientVersionNotSupported = { NUMBER($client_version, maximumFractionDigits: 1) }", "a", "2.25", "2.30"),
    case("NUMBER() useGrouping", "en", "ClientVersionNotSupported = { NUMBER($client_version, useGrouping: \"false\") }", "a", "12500", "12500"),
    case("NUMBER() minimumIntegerDigits", "en", "ClientVersionNotSupported = { NUMBER($client_version, minimumIntegerDigits: 3) }", "a", "7", "007"),
    case("NUMBER() options change the plural operands", "en", "ClientVersionNotSupported = { NUMBER($client_version, minimumFractionDigits: 1) ->\n    [one] one\n   *[other] other\n}", "a", "1", "other"),
    case("NUMBER() type ordinal", "en", "ClientVersionNotSupported = { NUMBER($client_version, type: \"ordinal\") ->\n    [one] {$client_version}st\n    [two] {$client_version}nd\n    [few] {$client_version}rd\n   *[other] {$client_version}th\n}", "a", "22", "22nd"),
    case("NUMBER() of a literal", "de", "ClientVersionNotSupported = { NUMBER(1234.5, minimumFractionDigits: 2) }", "a", "1", "1.234,50"),
    case("nested placeable", "en", "ClientVersionNotSupported = a { { $action } } b", "x", "1", "a x b"),
    case("nested select", "en", "ClientVersionNotSupported = { $action ->\n    [a] { $client_version ->\n        [one] a-one\n       *[other] a-other\n    }\n   *[b] b\n}", "a", "3", "a-other"),
];

#[test]
fn each_construct_renders_as_fluent_bundle_renders_it() {
    for case in CASES {
        let values = Values {
            action: case.action.into(),
            version: case.version.into(),
        };
        let theirs = fluent(case.locale, case.ftl, &values, false);
        assert_eq!(
            theirs.as_deref(),
            Ok(case.expected),
            "fluent-bundle, {}",
            case.construct
        );
        for isolate in [false, true] {
            let (text, problems) = ours(case.locale, case.ftl, &values, isolate);
            assert!(problems.is_empty(), "{}: {problems:?}", case.construct);
            let theirs = fluent(case.locale, case.ftl, &values, isolate);
            assert_eq!(
                Ok(&text),
                theirs.as_ref(),
                "{}, isolation {isolate}",
                case.construct
            );
        }
    }
}

#[test]
fn isolation_marks_only_where_fluent_bundle_puts_them() {
    let values = Values {
        action: "x".into(),
        version: "5".into(),
    };
    for (ftl, expected) in [
        // A pattern that is one placeable gets none.
        ("ClientVersionNotSupported = { $action }", "x"),
        (
            "ClientVersionNotSupported = a { $action } { \"lit\" } { 5 }",
            "a \u{2068}x\u{2069} lit \u{2068}5\u{2069}",
        ),
        // References are not isolated; their own placeables are.
        (
            "-t = T\nhelper = h { $action }\nClientVersionNotSupported = { -t } { helper }",
            "T h \u{2068}x\u{2069}",
        ),
    ] {
        assert_eq!(ours("en", ftl, &values, true).0, expected, "{ftl}");
        assert_eq!(fluent("en", ftl, &values, true).as_deref(), Ok(expected));
    }
}

#[test]
fn what_the_catalog_does_not_support_is_refused_with_a_problem() {
    let values = Values {
        action: "x".into(),
        version: "5".into(),
    };
    for (ftl, construct) in [
        (
            "{ NUMBER($client_version, style: \"percent\") }",
            "style: \"percent\"",
        ),
        ("{ NUMBER($client_version, currency: \"EUR\") }", "currency"),
        (
            "{ NUMBER($client_version, maximumSignificantDigits: 2) }",
            "maximumSignificantDigits",
        ),
        ("{ DATETIME($client_version) }", "DATETIME()"),
        ("{ -t(\"positional\") }", "positional argument"),
    ] {
        let source = format!("-t = T\nClientVersionNotSupported = {ftl}");
        let (text, problems) = ours("de", &source, &values, false);
        let english = Catalog::new()
            .message(
                defender_errors::Locale::SOURCE,
                (CODE, &catalog_args(&values)),
            )
            .into_owned();
        assert_eq!(text, english, "{ftl}: English is shown");
        assert!(
            problems
                .iter()
                .any(|p| p.contains(construct) && p.contains("not supported")),
            "{ftl}: {problems:?}"
        );
        // The translators' check says the same, at the message.
        #[cfg(feature = "translators")]
        {
            let file = SourceFile::new("de", "de/errors.ftl", source.as_str());
            let report = defender_errors::check::sources(vec![file]);
            let finding = report
                .findings()
                .iter()
                .find(|f| f.rule == Rule::Unresolved && f.id.as_deref() == Some(ID));
            assert!(
                finding.is_some_and(|f| f.message.contains(construct) && f.line == 2),
                "{ftl}: {:?}",
                report.findings()
            );
        }
    }
}

#[test]
fn plural_data_follows_current_cldr() {
    let ftl = "ClientVersionNotSupported = { $client_version ->\n    [one] un\n    [many] many\n   *[other] other\n}";
    let million = Values {
        action: "a".into(),
        version: "1000000".into(),
    };
    // ICU4X's CLDR 46, as browsers and fluent.js choose.
    assert_eq!(ours("fr", ftl, &million, false).0, "many");
    // fluent-bundle 0.16's intl_pluralrules has CLDR 37's rules.
    assert_eq!(fluent("fr", ftl, &million, false).as_deref(), Ok("other"));
    let two = Values {
        version: "2".into(),
        ..million
    };
    assert_eq!(ours("fr", ftl, &two, false).0, "other");
    // CLDR's ordinal rules are for whole numbers; for 1.5 ICU4X says
    // `other`, intl_pluralrules `one`.
    let ftl = "ClientVersionNotSupported = { NUMBER($client_version, type: \"ordinal\") ->\n    [one] one\n   *[other] other\n}";
    let fraction = Values {
        action: "a".into(),
        version: "1.5".into(),
    };
    assert_eq!(ours("en", ftl, &fraction, false).0, "other");
    assert_eq!(fluent("en", ftl, &fraction, false).as_deref(), Ok("one"));
}

// ---- resources generated from the grammar ----

/// Where a pattern is generated: in a message, or in the body of term
/// number `term` (which may refer only to the terms before it).
#[derive(Debug, Clone, Copy)]
struct Ctx {
    in_term: bool,
    terms: usize,
    helper: bool,
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "a",
        "Die Ressource",
        " wurde",
        "nicht ",
        "gefunden.",
        "é",
        "中文 ",
        "x-y",
        "1,5",
        " ",
    ])
    .prop_map(str::to_owned)
}

fn number_literal() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "0", "1", "5", "-2", "1.50", "12500", "0.5", "1000000", "2",
    ])
    .prop_map(str::to_owned)
}

fn string_literal() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        r#""s""#,
        r#""""#,
        r#""one""#,
        r#""gen""#,
        r#""\"q\"""#,
        r#""\\""#,
        r#""\u00E9""#,
        r#""{""#,
        r#"" sp ""#,
    ])
    .prop_map(str::to_owned)
}

/// Options of `NUMBER()`, each name at most once (Fluent refuses a name twice).
fn number_options(with_type: bool) -> impl Strategy<Value = String> {
    let one = |values: Vec<&'static str>| prop::option::of(prop::sample::select(values));
    (
        one(vec!["minimumFractionDigits: 0", "minimumFractionDigits: 2"]),
        one(vec!["maximumFractionDigits: 0", "maximumFractionDigits: 1"]),
        one(vec!["useGrouping: \"false\"", "useGrouping: \"true\""]),
        one(vec!["minimumIntegerDigits: 3"]),
        one(vec!["type: \"cardinal\""]).prop_map(move |t| t.filter(|_| with_type)),
        one(vec!["unknownOption: 1"]),
    )
        .prop_map(|(a, b, c, d, e, f)| {
            [a, b, c, d, e, f]
                .into_iter()
                .flatten()
                .map(|o| format!(", {o}"))
                .collect::<String>()
        })
}

fn variable(ctx: Ctx) -> BoxedStrategy<String> {
    let mut names = vec!["$action", "$client_version"];
    if ctx.in_term {
        names.extend(["$case", "$n"]);
    }
    prop::sample::select(names).prop_map(str::to_owned).boxed()
}

/// `NUMBER()` of a number: `$client_version`, a term's `$n`, or a literal;
/// or ordinal of `$client_version`.
fn number_call(ctx: Ctx) -> BoxedStrategy<String> {
    let mut values: Vec<BoxedStrategy<String>> = vec![
        Just("$client_version".to_owned()).boxed(),
        number_literal().boxed(),
    ];
    if ctx.in_term {
        values.push(Just("$n".to_owned()).boxed());
    }
    let cardinal = (prop::strategy::Union::new(values), number_options(true))
        .prop_map(|(value, options)| format!("NUMBER({value}{options})"));
    let ordinal = number_options(false)
        .prop_map(|options| format!("NUMBER($client_version{options}, type: \"ordinal\")"));
    prop_oneof![4 => cardinal, 1 => ordinal].boxed()
}

/// A term reference as a placeable: Fluent allows a term's attributes only
/// as selectors.
fn term_reference(ctx: Ctx) -> BoxedStrategy<String> {
    let args = prop::sample::select(vec![
        "",
        "(case: \"gen\")",
        "(n: 1)",
        "(n: 3, case: \"nom\")",
        "(n: 1.0)",
    ]);
    (0..ctx.terms.max(1), args)
        .prop_map(|(t, args)| format!("-t{t}{args}"))
        .boxed()
}

fn inline(ctx: Ctx, depth: u32) -> BoxedStrategy<String> {
    let mut options: Vec<BoxedStrategy<String>> = vec![
        string_literal().boxed(),
        number_literal().boxed(),
        variable(ctx),
        variable(ctx),
        number_call(ctx),
    ];
    if ctx.terms > 0 {
        options.push(term_reference(ctx));
    }
    if ctx.helper {
        options.push(
            prop::sample::select(vec!["helper", "helper.tip"])
                .prop_map(str::to_owned)
                .boxed(),
        );
    }
    if depth > 0 {
        options.push(
            inline(ctx, depth - 1)
                .prop_map(|inner| format!("{{ {inner} }}"))
                .boxed(),
        );
    }
    prop::strategy::Union::new(options).boxed()
}

fn selector(ctx: Ctx) -> BoxedStrategy<String> {
    let mut options: Vec<BoxedStrategy<String>> = vec![
        variable(ctx),
        number_call(ctx),
        string_literal().boxed(),
        number_literal().boxed(),
    ];
    if ctx.terms > 0 {
        options.push((0..ctx.terms).prop_map(|t| format!("-t{t}.gender")).boxed());
    }
    prop::strategy::Union::new(options).boxed()
}

fn key() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "one",
        "other",
        "few",
        "many",
        "two",
        "zero",
        "masculine",
        "feminine",
        "gen",
        "s",
        "0",
        "1",
        "1.0",
        "3",
        "12500",
        "1000000",
        "1.50",
    ])
}

fn select(ctx: Ctx, depth: u32) -> BoxedStrategy<String> {
    (
        selector(ctx),
        prop::collection::hash_set(key(), 1..4),
        any::<prop::sample::Index>(),
        prop::collection::vec(pattern(ctx, depth), 4),
    )
        .prop_map(|(selector, keys, default, patterns)| {
            let keys: Vec<_> = keys.into_iter().collect();
            let default = default.index(keys.len());
            let mut out = format!("{{ {selector} ->\n");
            for (i, (key, pattern)) in keys.iter().zip(&patterns).enumerate() {
                let star = if i == default { "*" } else { " " };
                // A select nested in the variant is indented under it.
                let pattern = pattern.replace('\n', "\n    ");
                out.push_str(&format!("   {star}[{key}] {pattern}\n"));
            }
            out.push_str("    }");
            out
        })
        .boxed()
}

/// A pattern on one line (a select inside spans lines of its own); it
/// starts with something visible, since Fluent drops leading blanks.
fn pattern(ctx: Ctx, depth: u32) -> BoxedStrategy<String> {
    let mut placeables: Vec<BoxedStrategy<String>> = vec![inline(ctx, depth)];
    if depth > 0 {
        placeables.push(select(ctx, depth - 1));
    }
    let placeable = prop::strategy::Union::new(placeables).prop_map(|p| format!("{{ {p} }}"));
    let element = prop_oneof![word(), placeable];
    (
        prop_oneof![Just("w".to_owned()), Just(String::new())],
        prop::collection::vec(element, 1..4),
    )
        .prop_map(|(lead, elements)| {
            let mut out = lead;
            for e in elements {
                out.push_str(&e);
            }
            if out.trim().is_empty() || out.starts_with(' ') {
                out.insert(0, 'w');
            }
            out
        })
        .boxed()
}

/// A whole resource: up to three terms (each may use the ones before it),
/// a helper message, and the message under test.
fn resource() -> impl Strategy<Value = String> {
    let term = |t: usize| {
        let ctx = Ctx {
            in_term: true,
            terms: t,
            helper: false,
        };
        (
            pattern(ctx, 1),
            prop::sample::select(vec!["masculine", "feminine", "neuter"]),
        )
            .prop_map(move |(value, gender)| format!("-t{t} = {value}\n    .gender = {gender}\n"))
    };
    let message = Ctx {
        in_term: false,
        terms: 3,
        helper: true,
    };
    let helper = Ctx {
        in_term: false,
        terms: 3,
        helper: false,
    };
    (
        term(0),
        term(1),
        term(2),
        pattern(helper, 1),
        pattern(helper, 1),
        pattern(message, 2),
    )
        .prop_map(|(t0, t1, t2, helper, tip, message)| {
            format!("{t0}{t1}{t2}helper = {helper}\n    .tip = {tip}\n{ID} = {message}\n")
        })
}

fn values() -> impl Strategy<Value = Values> {
    (
        prop::sample::select(vec![
            "scan",
            "one",
            "gen",
            "masculine",
            "1",
            "s",
            "Isolate device",
        ]),
        prop::sample::select(vec![
            "0", "1", "2", "3", "5", "1.0", "1.50", "0.5", "12500", "1000000", "-3", "22", "2.25",
        ]),
    )
        .prop_map(|(action, version)| Values {
            action: action.into(),
            version: version.into(),
        })
}

/// 256 cases, or `FIDELITY_CASES` for a longer run.
fn fidelity_config() -> ProptestConfig {
    let cases = std::env::var("FIDELITY_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        // About one case in six is set aside by the plural-data assumptions.
        max_global_rejects: cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(fidelity_config())]

    #[test]
    fn generated_resources_render_as_fluent_bundle_renders_them(
        source in resource(),
        values in values(),
        locale in prop::sample::select(vec!["en", "de", "fr", "zh", "da", "nl"]),
        isolate in any::<bool>(),
    ) {
        // fluent-bundle's own plural data (intl_pluralrules, CLDR 37) differs
        // from ICU4X's (CLDR 46) in two places, pinned by
        // `plural_data_follows_current_cldr`: French `many` (a multiple of a
        // million), and ordinals of numbers with a fraction.
        prop_assume!(!(locale == "fr" && (source.contains("1000000") || values.version == "1000000")));
        prop_assume!(!(source.contains("ordinal") && values.version.contains('.')));
        // The catalog never panics, whatever the reference does.
        let (text, problems) = ours(locale, &source, &values, isolate);
        // fluent-bundle 0.16 once panicked here (`unreachable!()` in
        // `InlineExpression::write_error`, reached through `maybe_track`) on a
        // case that did not panic again when replayed alone; it is kept in
        // proptest-regressions/fidelity.txt. A case the reference cannot
        // render has no answer to compare with, and is set aside.
        let theirs = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let theirs = fluent(locale, &source, &values, isolate);
            let text = theirs.is_err().then(|| fluent_text(locale, &source, &values, isolate));
            (theirs, text)
        }));
        let Ok((theirs, theirs_text)) = theirs else {
            return Err(TestCaseError::reject("fluent-bundle panicked"));
        };
        match (theirs, problems.is_empty()) {
            (Ok(theirs), true) => prop_assert_eq!(text, theirs, "{}\n{:?}", source, values),
            (Ok(_), false) => prop_assert!(false, "refused: {problems:?}\n{source}"),
            // fluent-bundle reports an error and still renders: the catalog
            // either renders the same text (a variable a term was not given,
            // shown as `{$name}`) or refuses the message at load time.
            (Err(_), true) => {
                prop_assert_eq!(Some(text), theirs_text, "{}\n{:?}", source, values);
            }
            (Err(_), false) => {}
        }
    }
}
