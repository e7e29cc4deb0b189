//! Writes, as JSON on stdout, the cases of the JavaScript package's parity
//! test and what the Rust library gives for each: every code × every locale
//! (and a few headers) × sample values, rendered and as the message alone;
//! error bodies localized; `Accept-Language` headers negotiated. The test
//! (`js/test/parity.test.js`) runs the same inputs through the package and
//! asserts the same answers.
//!
//! The values are written as `{"str": …}`, `{"num": …}` or `{"big": "…"}`
//! (a JavaScript string, number or bigint); a JSON integer is an integer
//! here, any other number an `f64`, as the library's own types take them.

use defender_errors::{Args, Catalog, CatalogBuilder, ErrorCode, Number, Value};
use serde_json::{json, Value as Json};

/// The values every variable of a code gets in turn.
fn samples() -> Vec<Json> {
    let mut values: Vec<Json> = [
        json!(0),
        json!(1),
        json!(12_500),
        json!(1_000_000_000_000_000_i64),
        json!(-1),
        json!(-12_500),
        json!(2.5),
        json!(-0.75),
        // Plural edge cases: French `many` (a multiple of a million), a
        // fraction, a whole number past 2^53 (an f64 to JavaScript), a tiny one.
        json!(1_000_000),
        json!(2_000_001),
        json!(1.5),
        json!(1e21),
        json!(1.25e-7),
    ]
    .into_iter()
    .map(|n| json!({ "num": n }))
    .collect();
    for big in [
        "1000000000000000",
        "-42",
        "9007199254740993",
        "123456789012345678901234567890",
        "-170141183460469231731687303715884105728",
        // Past i128: an f64; past 64 digits: text.
        "1000000000000000000000000000000000000000000",
        "99999999999999999999999999999999999999999999999999999999999999999",
    ] {
        values.push(json!({ "big": big }));
    }
    let long = "x".repeat(300);
    for text in [
        "Machine-42",
        "12500",
        // Numbers as text: the fraction digits typed are shown.
        "2.50",
        "-1000000",
        "0.0",
        "",
        "<script>alert('x')</script>",
        "\u{202e}gnp.exe\u{202c}",
        "a\u{0}b\u{7}c\u{1b}[31m",
        "line\r\nSet-Cookie: x=1",
        "{ $resource } {{x}} %s $1",
        "' OR 1=1 --",
        "😀 e\u{301} \u{200b}",
        &long,
    ] {
        values.push(json!({ "str": text }));
    }
    values
}

fn value(sample: &Json) -> Value<'static> {
    if let Some(text) = sample.get("str").and_then(Json::as_str) {
        return Value::from(text.to_owned());
    }
    if let Some(text) = sample.get("big").and_then(Json::as_str) {
        return Number::parse(text).map_or(Value::from(text.to_owned()), Value::Number);
    }
    let n = &sample["num"];
    match n.as_i64() {
        Some(i) => Value::from(i),
        None => Value::from(n.as_f64().unwrap_or(f64::NAN)),
    }
}

/// Each case's arguments, as `[[name, value], …]` in the order they are set.
fn argument_sets(code: ErrorCode) -> Vec<Vec<(String, Json)>> {
    let names: Vec<String> = code.variables().iter().map(|v| v.name.to_owned()).collect();
    let mut sets = vec![Vec::new()]; // missing: nothing given
    for sample in samples() {
        if names.is_empty() {
            break;
        }
        sets.push(names.iter().map(|n| (n.clone(), sample.clone())).collect());
    }
    // Only the first of several; an unknown name beside the right ones; only unknown names.
    if names.len() > 1 {
        sets.push(vec![(names[0].clone(), json!({ "num": 7 }))]);
    }
    let mut with_unknown: Vec<_> = names
        .iter()
        .map(|n| (n.clone(), json!({ "str": "abc" })))
        .collect();
    with_unknown.push(("bogus".into(), json!({ "num": 1 })));
    sets.push(with_unknown);
    sets.push(vec![
        ("URL".into(), json!({ "str": "x" })),
        ("<b>".into(), json!({ "str": "y" })),
    ]);
    sets
}

fn args(set: &[(String, Json)]) -> Args<'static> {
    let mut args = Args::new();
    for (name, sample) in set {
        args.set(name.clone(), value(sample));
    }
    args
}

/// Every code × locale with its first sample values, rendered by a
/// catalog with isolation marks.
fn isolating() -> Vec<Json> {
    let catalog = CatalogBuilder::new().use_isolating(true).build();
    let mut cases = Vec::new();
    for &code in ErrorCode::ALL {
        for set in argument_sets(code).iter().take(4) {
            let given = args(set);
            for locale in catalog.locales() {
                cases.push(json!({
                    "locale": locale,
                    "code": code.as_str(),
                    "args": set.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
                    "message": catalog.render(catalog.negotiate(locale).locale, (code, &given)).message,
                }));
            }
        }
    }
    cases
}

fn renders(catalog: &Catalog) -> Vec<Json> {
    let mut locales: Vec<String> = catalog.locales().map(str::to_owned).collect();
    locales.extend(
        ["de-CH, de;q=0.9", "zh-TW", "tlh", ""]
            .into_iter()
            .map(str::to_owned),
    );
    let mut cases = Vec::new();
    for &code in ErrorCode::ALL {
        for set in argument_sets(code) {
            let given = args(&set);
            for locale in &locales {
                let rendered = catalog.render(catalog.negotiate(locale).locale, (code, &given));
                let problems: Vec<Json> = rendered
                    .problems
                    .iter()
                    .map(|p| {
                        let mut problem = serde_json::to_value(p).unwrap_or_default();
                        problem["message"] = json!(p.to_string());
                        problem
                    })
                    .collect();
                let mut expected = serde_json::to_value(&rendered).unwrap_or_default();
                expected["problems"] = json!(problems);
                cases.push(json!({
                    "locale": locale,
                    "code": code.as_str(),
                    "args": set.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
                    "rendered": expected,
                    "message": catalog.message(catalog.negotiate(locale).locale, (code, &given)),
                }));
            }
        }
    }
    cases
}

/// The length of the message of the body over the size the library reads.
const LARGE: usize = 1 << 20;

fn bodies(catalog: &Catalog) -> Vec<Json> {
    // The article's two example bodies, word for word.
    let mut bodies = vec![
        (r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#.to_owned(), None),
        (r#"{"error":{"code":"InvalidRequestBody","message":"Request body is incorrect","target":"1fa66c0f-18bd-4133-b378-36d76f3a2ba0"}}"#.to_owned(), None),
    ];
    // Values read back out of the API's English, as the library's matcher
    // does: leniently (no final period, the first letter in either case,
    // whitespace around), and never when the text can be read in more than
    // one way or starts as a phrasing and does not fit it.
    for (code, message) in [
        ("ResourceNotFound", "Machine 123123123 was not found"),
        ("ResourceNotFound", "Machine 123123123 was not found."),
        ("ResourceNotFound", "Resource Machine-42 was not found"),
        ("ResourceNotFound", "Resource Machine-42 was not found."),
        ("ResourceNotFound", "resource Machine-42 was not found."),
        ("ResourceNotFound", "  Resource X was not found.  "),
        ("ResourceNotFound", "  resource Machine-42 was not found.\n"),
        ("ResourceNotFound", "\tRESOURCE Machine-42 was not found"),
        ("ResourceNotFound", "machine 7 was not found"),
        ("ResourceNotFound", "Resource was not found was not found"),
        ("ResourceNotFound", "Resource was not found"),
        ("ResourceNotFound", "Resource  was not found."),
        ("ResourceNotFound", "resource was not found."),
        ("ResourceNotFound", ""),
        ("ResourceNotFound", "   "),
        ("ResourceNotFound", " was not found"),
        ("ResourceNotFound", "Machine 1 was found"),
        ("ResourceNotFound", "Machine 1 was not found!"),
        ("ResourceNotFound", "Machine 1 was not found.."),
        ("ResourceNotFound", "\u{85}Machine 1 was not found\u{feff}"),
        ("ResourceNotFound", "\u{212a}achine 1 was not found"),
        ("TooManyRequests", "Rate limit is exceeded. Try again in 0 seconds."),
        ("TooManyRequests", "Rate limit is exceeded. Try again now."),
        ("TooManyRequests", "rate limit is exceeded. Try again now"),
        ("TooManyRequests", "Rate limit is exceeded. Try again in 1 second."),
        ("TooManyRequests", "Rate limit is exceeded. Try again in 3,600 seconds"),
        ("TooManyRequests", "Rate limit is exceeded."),
        ("TooManyRequests", "Rate limit is exceeded. Try again in soon seconds."),
        ("TooManyRequests", "Rate limit is exceeded. Try again in -1 seconds."),
        ("MaximumBatchSizeExceeded", "Maximum batch size exceeded. Received: 1, allowed: 2, allowed: 3."),
        ("MaximumBatchSizeExceeded", "maximum batch size exceeded. Received: 1, allowed: 2, allowed: 3"),
        ("MaximumBatchSizeExceeded", "Maximum batch size exceeded. Received: 1, allowed: 2"),
        ("ClientVersionNotSupported", "Live response is supported on client version 1 is supported on client version 2 and above."),
        ("ClientVersionNotSupported", "Live response is supported on client version 2 and X is supported on client version  and above."),
        ("ClientVersionNotSupported", "A is supported on client version B and above and above."),
        ("ClientVersionNotSupported", "Live response is supported on client version 10.8040 and above."),
        ("DisallowedOperation", "Isolation is not allowed.."),
        ("DisallowedOperation", "Isolation is not allowed"),
    ] {
        let body = json!({ "error": { "code": code, "message": message } });
        bodies.push((body.to_string(), None));
    }
    // Every code as the API sends it: the English message with values in it.
    for &code in ErrorCode::ALL {
        let mut given = Args::new();
        for v in code.variables() {
            given.set(v.name, Value::from(12_500u32));
        }
        let body = catalog.error_body(defender_errors::Locale::SOURCE, (code, &given), Some("t-1"));
        let body: Json = serde_json::from_str(&body.text).expect("the body is JSON");
        let mut error = body["error"].clone();
        if let Some(e) = error.as_object_mut() {
            e.remove("localizedMessage");
            e.insert("extra".into(), json!({ "kept": [1, 2.5, null] }));
        }
        bodies.push((json!({ "error": error }).to_string(), None));
    }
    for (body, status) in [
        (
            r#"{"error":{"code":"SomethingNew","message":"Brand new <b>failure</b>","target":"x"}}"#,
            None,
        ),
        (
            r#"{"error":{"code":"SomethingNew","message":"Brand new failure"}}"#,
            Some(404),
        ),
        (
            r#"{"error":{"code":"SomethingNew","message":"Brand new failure"}}"#,
            Some(418),
        ),
        (r#"{"error":{"code":"SomethingNew","message":"   "}}"#, None),
        (
            r#"{"error":{"code":"TooManyRequests","message":"Slow down"}}"#,
            Some(429),
        ),
        (r#"{"error":{"code":"BadRequest"},"other":true}"#, Some(400)),
        (r#"{"error":{"code":404}}"#, None),
        (r#"{"error":"ResourceNotFound"}"#, None),
        (r#"[1,2,3]"#, None),
        (r#"{"error":{"code":"NotFound""#, None),
        ("not json", None),
    ] {
        bodies.push((body.to_owned(), status));
    }
    // A lone surrogate escaped in the JSON text: in a member the library
    // skips, in the message, in the code and in a member's name.
    bodies.push((r#"{"error":{"code":"NotFound","x":"\ud800"}}"#.to_owned(), None));
    bodies.push((r#"{"error":{"code":"Brand","message":"a\udc00b"}}"#.to_owned(), None));
    // Nested as deep as serde_json parses a tree of values (127 levels), and
    // one deeper, with `error` the last member and not: the library reads
    // the body's text and skips what it does not need.
    for depth in [127, 128] {
        let k = depth - 2;
        let deep = format!("{}{}", "[".repeat(k), "]".repeat(k));
        bodies.push((format!(r#"{{"error":{{"code":"NotFound","x":{deep}}}}}"#), None));
        bodies.push((format!(r#"{{"error":{{"code":"NotFound","x":{deep}}},"y":1}}"#), None));
    }
    bodies.push((r#"{"error":{"code":"NotFound","x":"\ud800"},"y":1}"#.to_owned(), None));
    bodies.push((r#"{"error":{"code":"Not\ud800Found"}}"#.to_owned(), None));
    bodies.push((r#"{"error":{"code":"NotFound","\ud800":1}}"#.to_owned(), None));
    // Over the 1 MiB the library reads: `{"error":{"code":"NotFound","message":"aaa…"}}`.
    bodies.push((
        format!(
            r#"{{"error":{{"code":"NotFound","message":"{}"}}}}"#,
            "a".repeat(LARGE)
        ),
        None,
    ));
    let headers = [
        "en",
        "nl",
        "da",
        "de",
        "zh",
        "fr",
        "fr-CA,fr;q=0.9",
        "zh-TW",
        "tlh",
        "",
    ];
    let mut bodies: Vec<_> = bodies.into_iter().map(|(b, s)| (b, s, None)).collect();
    // The wait given beside the body (`Retry-After`), in place of the text's:
    // 0 reads "now"; for a code the catalog does not know, with the generic
    // message of 429.
    let waits = [
        ("TooManyRequests", "Rate limit is exceeded. Try again in 0 seconds.", Some(429), Some(0)),
        ("TooManyRequests", "Rate limit is exceeded. Try again in 5 seconds.", Some(429), Some(0)),
        ("TooManyRequests", "Slow down", None, Some(7)),
        ("SomethingNew", "Brand new failure", Some(429), Some(0)),
        ("SomethingNew", "Brand new failure", Some(429), Some(u64::MAX)),
        ("ResourceNotFound", "Resource X was not found.", Some(404), Some(3)),
    ];
    for (code, message, status, wait) in waits {
        let body = json!({ "error": { "code": code, "message": message } });
        bodies.push((body.to_string(), status, wait));
    }
    let mut cases = Vec::new();
    for (body, status, wait) in &bodies {
        for header in headers {
            let locale = catalog.negotiate(header).locale;
            let info = defender_errors::ResponseInfo::new()
                .status(*status)
                .retry_after(*wait);
            let outcome = match catalog.localize_body(body, locale, &info) {
                // The body's own text with `localizedMessage` in it: kept as
                // text, since a member the library does not read may hold
                // what a JSON value cannot (an escaped lone surrogate).
                Ok(out) => json!({ "ok": out.text }),
                Err(e) => json!({ "error": e.to_string() }),
            };
            // The large body is written once, not per header.
            let body = if body.len() > 1000 {
                json!({ "notFoundMessageOfAs": LARGE })
            } else {
                json!(body)
            };
            // A wait as a string: JSON's numbers stop short of u64's.
            let wait = wait.map(|w| w.to_string());
            cases.push(json!({ "body": body, "acceptLanguage": header, "status": status, "retryAfter": wait, "outcome": outcome }));
        }
    }
    cases
}

fn negotiations() -> Vec<Json> {
    let mut headers: Vec<String> = [
        "de-CH,de;q=0.9,en;q=0.8",
        "nl-BE",
        "da-DK",
        "fr-CA",
        "zh-CN",
        "zh",
        "zh-TW",
        "zh-Hant",
        "zh-Hans-CN",
        "zh-HK,zh;q=0.5",
        "de;q=0, fr;q=0.1",
        "*",
        "tlh, *;q=0",
        "",
        "   ",
        "en-US,en;q=0.9",
        "EN",
        "DE-de",
        "pt-BR",
        "fr;q=0.5, nl;q=0.5",
        "nl;q=1.0000",
        "da;q=1.5",
        "de;q=-1",
        "\u{0};;;q=abc",
        ",,,,",
        "i-klingon",
        "x-private",
        "de-1996",
        "sr-Latn-RS, da",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    headers.push(format!("{}de", "xx;q=0.1, ".repeat(100)));
    headers.push("fr".repeat(3000));
    let mut cases = Vec::new();
    for allow_traditional_chinese in [false, true] {
        let catalog = CatalogBuilder::new()
            .allow_traditional_chinese(allow_traditional_chinese)
            .build();
        for header in &headers {
            let n = catalog.negotiate(header);
            cases.push(json!({
                "allowTraditionalChinese": allow_traditional_chinese,
                "header": header,
                "locale": catalog.locale_id(n.locale),
                "matched": n.matched,
            }));
        }
    }
    cases
}

fn main() {
    let catalog = Catalog::new();
    let out = json!({
        "codes": ErrorCode::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        "locales": catalog.locales().collect::<Vec<_>>(),
        "renders": renders(&catalog),
        "isolating": isolating(),
        "bodies": bodies(&catalog),
        "negotiate": negotiations(),
    });
    println!("{out}");
}
