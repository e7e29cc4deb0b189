//! The real binary, run as a user would.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::common::TempDir;

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_defender-errors"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin.unwrap_or("").as_bytes())
        .expect("stdin accepts the input");
    drop(pipe);
    child.wait_with_output().expect("the binary ends")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

/// A failure: exit code 2 and one line on stderr.
fn failure(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(2),
        "stdout: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    let stderr = String::from_utf8(output.stderr.clone()).expect("UTF-8");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(output.stdout.is_empty());
    stderr
}

#[test]
fn readme_quick_start() {
    let out = run(
        &[
            "render",
            "ResourceNotFound",
            "--lang",
            "de",
            "--arg",
            "resource=Machine-42",
        ],
        None,
    );
    assert_eq!(
        stdout(&out),
        "Die Ressource Machine-42 wurde nicht gefunden.\n"
    );
}

#[test]
fn render_prints_note_and_hint_lines() {
    let out = run(
        &["render", "Unauthorized", "--lang", "nl-BE,nl;q=0.9"],
        None,
    );
    assert_eq!(
        stdout(&out),
        "Niet geautoriseerd.\nDeze fout wordt meestal veroorzaakt door een ongeldige of verlopen autorisatieheader.\n"
    );
}

#[test]
fn render_json_is_the_envelope() {
    let out = run(
        &[
            "render",
            "MaximumBatchSizeExceeded",
            "--lang",
            "de",
            "--arg",
            "batch_size_received=12000",
            "--arg",
            "batch_size_allowed=10000",
            "--target",
            "43f4cb08",
            "--json",
        ],
        None,
    );
    let body: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"error": {
            "code": "MaximumBatchSizeExceeded",
            "message": "Maximum batch size exceeded. Received: 12,000, allowed: 10,000.",
            "target": "43f4cb08",
            "localizedMessage": {"locale": "de", "message": "Die maximale Batchgröße wurde überschritten. Empfangene Batchgröße: 12.000, maximal zulässig: 10.000."}
        }})
    );
}

#[test]
fn render_warns_of_problems_and_strict_fails() {
    let out = run(&["render", "InvalidUrl", "--arg", "uri=x"], None);
    assert_eq!(stdout(&out), "The URL is not valid.\n");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        "warning: missing variable $url; the message is shown without values\n\
         warning: unknown variable $uri; the message does not use it\n\
         note: InvalidUrl takes: url; pass --arg url=VALUE\n"
    );
    let strict = failure(&run(
        &["render", "InvalidUrl", "--arg", "uri=x", "--strict"],
        None,
    ));
    assert_eq!(
        strict,
        "error: InvalidUrl: missing variable $url; the message is shown without values; \
         unknown variable $uri; the message does not use it; InvalidUrl takes: url; pass --arg url=VALUE\n"
    );
    let none = run(&["render", "BadRequest", "--arg", "x=1"], None);
    assert!(String::from_utf8(none.stderr)
        .unwrap()
        .ends_with("note: BadRequest takes no values; leave out --arg\n"));
    let two = failure(&run(
        &["render", "ClientVersionNotSupported", "--strict"],
        None,
    ));
    assert!(
        two.ends_with("ClientVersionNotSupported takes: action, client_version; pass --arg action=VALUE --arg client_version=VALUE\n"),
        "{two}"
    );
}

#[test]
fn negotiate_prints_the_locale() {
    for (header, locale) in [
        ("zh-CN,zh;q=0.9", "zh"),
        ("zh-TW", "en"),
        ("da-DK", "da"),
        ("*", "en"),
    ] {
        assert_eq!(
            stdout(&run(&["negotiate", header], None)),
            format!("{locale}\n"),
            "{header}"
        );
    }
}

#[test]
fn localize_reads_stdin_or_a_file() {
    let body = r#"{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#;
    let from_stdin = stdout(&run(&["localize", "--lang", "fr"], Some(body)));
    let path =
        std::env::temp_dir().join(format!("defender-errors-cli-{}.json", std::process::id()));
    std::fs::write(&path, body).unwrap();
    let from_file = stdout(&run(
        &["localize", "--lang", "fr", path.to_str().unwrap()],
        None,
    ));
    std::fs::remove_file(&path).unwrap();
    assert_eq!(from_stdin, from_file);
    let value: serde_json::Value = serde_json::from_str(&from_stdin).unwrap();
    assert_eq!(
        value["error"]["localizedMessage"]["message"],
        "La ressource Machine 123123123 est introuvable."
    );
    let unknown = stdout(&run(
        &["localize", "--lang", "da", "--status", "403"],
        Some(r#"{"error":{"code":"Nope"}}"#),
    ));
    assert!(unknown.contains("Adgang nægtet."), "{unknown}");
}

#[test]
fn list_shows_every_code_with_placeholders() {
    let text = stdout(&run(&["list", "--lang", "fr"], None));
    assert_eq!(text.lines().count(), 20);
    assert!(
        text.contains(
            "InvalidHashValue           400  La valeur de hachage {$hash} n’est pas valide.\n"
        ),
        "{text}"
    );
    assert!(text
        .contains("ResourceNotFound           404  La ressource {$resource} est introuvable.\n"));
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let unknown = failure(&run(&["render", "ResourceNotFnd"], None));
    assert!(
        unknown.starts_with(
            "error: unknown error code 'ResourceNotFnd'; did you mean 'ResourceNotFound'?"
        ),
        "{unknown}"
    );
    let malformed = failure(&run(&["render", "InvalidUrl", "--arg", "url"], None));
    assert_eq!(
        malformed,
        "error: --arg 'url' must be NAME=VALUE; InvalidUrl takes: url; pass --arg url=VALUE\n"
    );
    let missing = failure(&run(&["localize", "/nonexistent/body.json"], None));
    assert!(
        missing.starts_with("error: cannot read /nonexistent/body.json: "),
        "{missing}"
    );
    let invalid = failure(&run(&["localize"], Some("nope")));
    assert_eq!(
        invalid,
        "error: standard input is not JSON (line 1, column 2): expected a value\n"
    );
    let dir = TempDir::new("cli-not-json");
    dir.write(
        "body.json",
        "{\"error\": {\"code\": \"NotFound\"}} and more",
    );
    let file = dir.0.join("body.json");
    let invalid = failure(&run(&["localize", file.to_str().unwrap()], None));
    assert_eq!(
        invalid,
        format!(
            "error: {} is not JSON (line 1, column 33): more text follows the JSON value\n",
            file.display()
        )
    );
    let cut = failure(&run(&["localize"], Some("{\"error\":\n")));
    assert_eq!(
        cut,
        "error: standard input is not JSON (line 2, column 1): the text ends before the JSON does\n"
    );
    let not_envelope = failure(&run(&["localize"], Some("[]")));
    assert!(
        not_envelope.starts_with("error: standard input: the body is not a Defender error"),
        "{not_envelope}"
    );
    let not_utf8 = Command::new(env!("CARGO_BIN_EXE_defender-errors"))
        .args(["localize", "/proc/self/exe"])
        .output()
        .unwrap();
    assert_eq!(not_utf8.status.code(), Some(2));
}

#[test]
fn locales_dir_previews_without_rebuilding() {
    let temp = TempDir::new("cli-locales");
    let dir = temp.write(
        "de/errors.ftl",
        "ResourceNotFound = Ressource { $resource } fehlt.\nNotFound = { oops",
    );
    let out = run(
        &[
            "render",
            "ResourceNotFound",
            "--lang",
            "de",
            "--arg",
            "resource=M-1",
            "--locales",
            dir.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(stdout(&out), "Ressource M-1 fehlt.\n");
    let stderr = String::from_utf8(out.stderr).unwrap();
    // In check's words, with the path as given.
    let file = dir.join("de/errors.ftl");
    assert!(
        stderr.starts_with(&format!(
            "{}:2:18: error[syntax]: expected `}}` to close the placeable: Fluent cannot read \
             this, so it drops the whole message `NotFound` and English is shown\n",
            file.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("warning: "), "{stderr}");
    let listed = stdout(&run(
        &["list", "--lang", "de", "--locales", dir.to_str().unwrap()],
        None,
    ));
    assert!(
        listed.contains("NotFound                   404  The requested item was not found."),
        "{listed}"
    );
    let missing = failure(&run(&["list", "--locales", "/nonexistent/locales"], None));
    assert!(
        missing.starts_with(
            "error: cannot use /nonexistent/locales as the locale directory: it does not exist; "
        ),
        "{missing}"
    );
}

/// The shipped German file with `from` replaced by `to`, in a fresh
/// directory laid out like `locales/`, as a translator's working copy.
fn edited_german(name: &str, from: &str, to: &str) -> TempDir {
    let text = std::fs::read_to_string(crate::common::locales_dir().join("de/errors.ftl")).unwrap();
    assert!(text.contains(from), "{from}");
    let dir = TempDir::new(name);
    dir.write("de/errors.ftl", text.replacen(from, to, 1));
    let record = crate::common::locales_dir().join("de/reviewed.txt");
    dir.write("de/reviewed.txt", std::fs::read(record).unwrap());
    dir
}

/// The 1-based line of the first line of `locales/de/errors.ftl` starting with `start`.
fn german_line(start: &str) -> usize {
    let text = std::fs::read_to_string(crate::common::locales_dir().join("de/errors.ftl")).unwrap();
    text.lines().position(|l| l.starts_with(start)).unwrap() + 1
}

#[test]
fn check_passes_on_the_shipped_locales() {
    let out = run(&["check", "--deny-warnings"], None);
    let text = stdout(&out);
    assert!(text.contains("0 errors, 0 warnings"), "{text}");
    assert!(text.contains("zh            38/38"), "{text}");
    let locales = crate::common::locales_dir();
    let out = run(
        &["check", "--deny-warnings", locales.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn check_shows_the_line_with_a_marker_and_exits_1_on_errors() {
    let dir = edited_german("cli-check-error", "{ $hash }", "{ $hashwert }");
    let out = run(&["check", dir.0.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let path = dir.0.join("de/errors.ftl");
    let line = german_line("InvalidHashValue =");
    let expected = format!(
        "error[unknown-variable]: `$hashwert` is not a variable of `InvalidHashValue`, so a user would see it unfilled; variable names are never translated; did you mean `$hash`?
  --> {}:{line}:35
   |
{line} | InvalidHashValue = Der Hashwert {{ $hashwert }} ist ungültig.
   |                                   ^^^^^^^^^",
        path.display()
    );
    assert!(text.contains(&expected), "{text}");
    // The coverage table follows the findings.
    assert!(
        text.contains("locale   translated  missing  fallback  outdated  errors  warnings"),
        "{text}"
    );
}

#[test]
fn check_warnings_fail_only_when_denied() {
    // A message left out is a warning: English is shown.
    let dir = edited_german(
        "cli-check-warning",
        "BadRequest = Die Anforderung ist ungültig.\n",
        "",
    );
    let path = dir.0.to_str().unwrap();
    let out = run(&["check", path], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("warning[missing-message]"));
    let out = run(&["check", "--deny-warnings", path], None);
    assert_eq!(out.status.code(), Some(1));
    // --locales names the directory as well.
    let out = run(&["--locales", path, "check", "--deny-warnings"], None);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn check_json_has_the_documented_fields() {
    let dir = edited_german("cli-check-json", "den Wert von target", "den Wert von Ziel");
    let out = run(
        &["check", "--format", "json", dir.0.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let first = findings[0].as_object().unwrap();
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "column",
            "end_column",
            "end_line",
            "file",
            "id",
            "line",
            "locale",
            "message",
            "rule",
            "severity"
        ]
    );
    assert_eq!(first["rule"], "verbatim-token");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["locale"], "de");
    assert_eq!(first["id"], "tracking-id");
    let line = german_line("    .help") as u64;
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(line), Some(5))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(line), Some(10))
    );
    let coverage = json["coverage"].as_array().unwrap();
    assert_eq!(coverage[0]["locale"], "de");
    assert_eq!(coverage[0]["errors"].as_u64(), Some(findings.len() as u64));
}

#[test]
fn check_cannot_run_without_a_directory() {
    let err = failure(&run(&["check", "/no/such/locales"], None));
    assert!(
        err.starts_with("error: cannot use /no/such/locales as the locale directory"),
        "{err}"
    );
    let dir = TempDir::new("cli-check-empty");
    let err = failure(&run(&["check", dir.0.to_str().unwrap()], None));
    assert!(err.contains("it holds no folder of a language"), "{err}");
}

/// A wrong `--locales` is an error that names the directory and what it
/// should hold, on every command that takes it, never the embedded files.
#[test]
fn a_wrong_locales_directory_is_a_clear_error_everywhere() {
    let german = crate::common::locales_dir().join("de");
    let empty = TempDir::new("cli-locales-empty");
    std::fs::create_dir_all(empty.0.join("de")).unwrap();
    let typo = crate::common::locales_dir().join("../locale");
    let cases = [
        (
            german.clone(),
            "it is one language's folder (it holds errors.ftl)",
        ),
        (
            empty.0.clone(),
            "none of its folders (de) holds an errors.ftl",
        ),
        (typo, "it does not exist"),
    ];
    let commands: [&[&str]; 6] = [
        &["render", "NotFound", "--lang", "de"],
        &["list"],
        &["negotiate", "de"],
        &["check"],
        &["preview", "-o", "/dev/null"],
        &["mark-reviewed", "de"],
    ];
    for (dir, why) in &cases {
        let dir = dir.to_str().unwrap();
        for command in commands {
            let mut args = vec!["--locales", dir];
            args.extend(command);
            let err = failure(&run(&args, None));
            assert!(
                err.starts_with(&format!(
                    "error: cannot use {dir} as the locale directory: {why}"
                )) && err.contains("errors.ftl"),
                "{command:?}: {err}"
            );
        }
    }
}

/// English changes in a copy of `locales/`: every translation of that
/// message is outdated, showing the old and the new English, until
/// `mark-reviewed` records that it was looked at.
#[test]
fn a_changed_english_message_is_outdated_until_marked_reviewed() {
    let dir = TempDir::new("cli-outdated");
    let shipped = crate::common::locales_dir();
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let locale = entry.unwrap().file_name().into_string().unwrap();
        for file in ["errors.ftl", "reviewed.txt"] {
            if let Ok(text) = std::fs::read_to_string(shipped.join(&locale).join(file)) {
                dir.write(&format!("{locale}/{file}"), text);
            }
        }
    }
    let path = dir.0.to_str().unwrap();
    let clean = run(&["check", "--deny-warnings", path], None);
    assert!(clean.status.success(), "{}", stdout(&clean));
    let english = std::fs::read_to_string(dir.0.join("en/errors.ftl")).unwrap();
    let old = "Resource { $resource } was not found.";
    let new = "Resource { $resource } does not exist.";
    assert!(english.contains(old));
    dir.write("en/errors.ftl", english.replace(old, new));

    let check = |args: &[&str]| {
        let out = run(args, None);
        String::from_utf8(out.stdout).unwrap()
    };
    let out = check(&["check", "--format", "json", path]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let outdated: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "outdated")
        .collect();
    let locales: Vec<&str> = outdated
        .iter()
        .filter_map(|f| f["locale"].as_str())
        .collect();
    assert_eq!(locales, ["nl", "da", "de", "zh", "fr"], "{outdated:#?}");
    for finding in &outdated {
        assert_eq!(finding["id"], "ResourceNotFound");
        assert_eq!(finding["severity"], "warning");
        let message = finding["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("it was “{old}”, it is now “{new}”")),
            "{message}"
        );
    }
    let counts: Vec<u64> = json["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["outdated"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [0, 1, 1, 1, 1, 1]);
    let text = check(&["check", path]);
    assert!(text.contains("warning[outdated]"), "{text}");

    for locale in ["nl", "da", "de", "zh", "fr"] {
        let out = run(
            &[
                "--locales",
                path,
                "mark-reviewed",
                locale,
                "ResourceNotFound",
            ],
            None,
        );
        assert_eq!(
            stdout(&out),
            format!(
                "recorded the English of 1 message of {locale} as reviewed in {}\n",
                dir.0.join(locale).join("reviewed.txt").display()
            )
        );
    }
    let clean = run(&["check", "--deny-warnings", path], None);
    assert!(
        clean.status.success(),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    let record = std::fs::read_to_string(dir.0.join("de/reviewed.txt")).unwrap();
    assert!(record.contains(new) && !record.contains(old));
}

#[test]
fn preview_writes_a_page_with_the_edited_files() {
    let dir = edited_german("cli-preview", "{ $hash }", "{ $hashwert }");
    let file = dir.0.join("preview.html");
    let out = run(
        &[
            "--locales",
            dir.0.to_str().unwrap(),
            "preview",
            "-o",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("wrote the preview page to {}\n", file.display())
    );
    let page = std::fs::read_to_string(&file).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        page.contains("error[unknown-variable]"),
        "the finding is on the page"
    );
    assert!(page.contains("English shown"), "the fallback is marked");
    // Without -o, the page goes to standard output.
    let page = stdout(&run(&["preview"], None));
    assert!(page.contains("<td class=\"cell\" data-locale=\"zh\" lang=\"zh\"><p class=\"message\">请求无效。</p></td>"));
}

#[test]
fn a_language_nothing_matches_is_said_and_strict_fails() {
    for lang in ["klingon", "q=;;garbage", ""] {
        let out = run(&["render", "NotFound", "--lang", lang], None);
        assert_eq!(stdout(&out), "The requested item was not found.\n");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!(
                "warning: no locale in '{lang}' matches; using en (available: en, nl, da, de, zh, fr)\n"
            )
        );
        for command in [
            &["render", "NotFound", "--strict", "--lang", lang][..],
            &["list", "--strict", "--lang", lang][..],
        ] {
            let strict = failure(&run(command, None));
            assert_eq!(
                strict,
                format!(
                    "error: no locale in '{lang}' matches (available: en, nl, da, de, zh, fr)\n"
                )
            );
        }
    }
    let strict = failure(&run(
        &["localize", "--strict", "--lang", "klingon"],
        Some(r#"{"error":{"code":"NotFound"}}"#),
    ));
    assert!(strict.starts_with("error: no locale in 'klingon' matches"));
    // A language that matches says nothing.
    let out = run(&["render", "NotFound", "--lang", "de-AT"], None);
    assert!(out.stderr.is_empty());
}

#[test]
fn target_without_json_is_a_warning() {
    let out = run(&["render", "NotFound", "--target", "43f4cb08"], None);
    assert_eq!(stdout(&out), "The requested item was not found.\n");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "warning: --target is shown only in the error envelope; add --json to print it\n"
    );
}

#[test]
fn localize_and_render_tell_the_wait_of_a_429() {
    let throttled = r#"{"error":{"code":"TooManyRequests","message":"Rate limit is exceeded. Try again in 12 seconds.","target":"abc"}}"#;
    // The issue's own example: the wait is read out of the English text.
    let from_body = stdout(&run(
        &["localize", "--lang", "de", "--status", "429"],
        Some(throttled),
    ));
    assert!(
        from_body.contains(
            r#""message": "Zu viele Anforderungen: Das Anforderungslimit wurde überschritten. Versuchen Sie es in 12 Sekunden erneut.""#
        ),
        "{from_body}"
    );
    assert!(from_body.contains(r#""locale": "de""#), "{from_body}");
    // --retry-after, as the header gives it, comes first.
    let given = stdout(&run(
        &["localize", "--lang", "nl", "--retry-after", "1"],
        Some(throttled),
    ));
    assert!(
        given.contains("Probeer het over 1 seconde opnieuw."),
        "{given}"
    );
    let past = stdout(&run(
        &[
            "localize",
            "--lang",
            "da",
            "--retry-after",
            "Sun, 06 Nov 1994 08:49:37 GMT",
        ],
        Some(throttled),
    ));
    assert!(past.contains("Prøv igen nu."), "{past}");
    let bad = run(&["localize", "--retry-after", "soon"], Some(throttled));
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("expected whole seconds"), "{stderr}");
    // An unknown code with a status the catalog has a message for.
    let unknown = stdout(&run(
        &["localize", "--lang", "fr", "--status", "503"],
        Some(r#"{"error":{"code":"ServiceBusy","message":"Busy."}}"#),
    ));
    assert!(
        unknown.contains("Le service est temporairement indisponible. Réessayez plus tard."),
        "{unknown}"
    );
    // render: with the wait, and without it (no warning: the wait is optional).
    let one = stdout(&run(
        &[
            "render",
            "TooManyRequests",
            "--lang",
            "zh",
            "--arg",
            "retry_after=21",
        ],
        None,
    ));
    assert!(
        one.starts_with("请求过多：已超出请求数量限制。请在 21 秒后重试。\n"),
        "{one}"
    );
    let without = run(
        &["render", "TooManyRequests", "--lang", "fr", "--strict"],
        None,
    );
    assert!(
        without.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&without.stderr)
    );
    assert!(stdout(&without).starts_with(
        "Trop de requêtes\u{a0}: la limite du nombre de requêtes est dépassée. Réessayez plus tard.\n"
    ));
}

/// A reader that stops reading (`list | head -1`) ends the command quietly.
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    for args in [&["list"][..], &["check"], &["preview"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_defender-errors"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}
