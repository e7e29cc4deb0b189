//! The real binary, run as a user would.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use defender_errors::{Args, Catalog, DefenderError, ErrorCode};

use crate::common::TempDir;

/// The shipped catalog. The command prints its text, so the tests compare
/// with what it renders rather than with a copy of a translation: a
/// translator's change fails the snapshot of their language, not these.
static CATALOG: std::sync::LazyLock<Catalog> = std::sync::LazyLock::new(Catalog::new);

/// The message of `code` in `locale` with the values `args`.
fn message(locale: &str, code: ErrorCode, args: &[(&str, &str)]) -> String {
    let mut values = Args::new();
    for (name, value) in args {
        values.set(*name, *value);
    }
    CATALOG
        .render(CATALOG.negotiate(locale).locale, (code, &values))
        .message
        .into_owned()
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    run_in(Path::new("."), args, stdin)
}

/// The binary run in `dir`, as a translator runs it in the folder they edit.
fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_defender-errors"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().expect("stdin");
    // A command that fails on its arguments exits before it reads: its
    // stdin is then closed, which is no failure of the test.
    if let Err(e) = pipe.write_all(stdin.unwrap_or("").as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "stdin: {e}");
    }
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
    // The German the catalog has, not a copy of it: a translator's edit
    // changes the snapshot, not this test.
    let german = message(
        "de",
        ErrorCode::ResourceNotFound,
        &[("resource", "Machine-42")],
    );
    assert_eq!(stdout(&out), format!("{german}\n"));
}

#[test]
fn render_prints_note_and_hint_lines() {
    let out = run(
        &["render", "Unauthorized", "--lang", "nl-BE,nl;q=0.9"],
        None,
    );
    let dutch = CATALOG.render(CATALOG.negotiate("nl").locale, &DefenderError::Unauthorized);
    assert_eq!(
        (dutch.locale, dutch.fallback, &dutch.hint),
        ("nl", false, &None)
    );
    let note = dutch.note.expect("Unauthorized has a note");
    assert_eq!(stdout(&out), format!("{}\n{note}\n", dutch.message));
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
            "localizedMessage": {"locale": "de", "message": message(
                "de",
                ErrorCode::MaximumBatchSizeExceeded,
                &[("batch_size_received", "12000"), ("batch_size_allowed", "10000")]
            )}
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
    // The API's text does not follow the catalog's English, so the
    // message is the one without values.
    let generic = message("fr", ErrorCode::ResourceNotFound, &[]);
    assert_eq!(value["error"]["localizedMessage"]["message"], generic);
    assert!(!value["error"]["localizedMessage"]["message"]
        .as_str()
        .unwrap()
        .contains("123123123"));
    let unknown = stdout(&run(
        &["localize", "--lang", "da", "--status", "403"],
        Some(r#"{"error":{"code":"Nope"}}"#),
    ));
    let (_, forbidden) = CATALOG
        .generic_message(CATALOG.negotiate("da").locale, 403, None)
        .unwrap();
    assert!(unknown.contains(&*forbidden), "{unknown}");
}

#[test]
fn list_shows_every_code_with_placeholders() {
    let text = stdout(&run(&["list", "--lang", "fr"], None));
    assert_eq!(text.lines().count(), 20);
    for (code, variable) in [
        (ErrorCode::InvalidHashValue, "hash"),
        (ErrorCode::ResourceNotFound, "resource"),
    ] {
        let line = format!(
            "{:<26} {}  {}\n",
            code.as_str(),
            code.http_status(),
            message("fr", code, &[(variable, &format!("{{${variable}}}"))])
        );
        assert!(line.contains(&format!("{{${variable}}}")), "{line}");
        assert!(text.contains(&line), "{text}");
    }
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
    // As the load found it, with the path as given.
    let file = dir.join("de/errors.ftl");
    assert!(
        stderr.starts_with(&format!(
            "{}:2:18: error[syntax]: NotFound: syntax error: expected `}}` to close the \
             placeable\nnote: the catalog uses English where these findings are; \
             `defender-errors check {}` lists every finding with its line\n",
            file.display(),
            dir.display()
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

/// The checkout: the folder that holds `locales/`.
fn checkout() -> PathBuf {
    crate::common::locales_dir().parent().unwrap().to_path_buf()
}

/// A copy of the shipped `locales/`, records included, at `<temp>/locales`.
fn copy_of_locales(name: &str) -> crate::common::TempDir {
    let dir = TempDir::new(name);
    let shipped = crate::common::locales_dir();
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let locale = entry.unwrap().file_name().into_string().unwrap();
        for file in ["errors.ftl", "reviewed.txt"] {
            if let Ok(text) = std::fs::read_to_string(shipped.join(&locale).join(file)) {
                dir.write(&format!("locales/{locale}/{file}"), text);
            }
        }
    }
    dir
}

#[test]
fn check_passes_on_the_shipped_locales() {
    // In the checkout, a bare check reads ./locales and says so first.
    let out = run_in(&checkout(), &["check", "--deny-warnings"], None);
    let text = stdout(&out);
    assert_eq!(
        text.lines().next(),
        Some("checked the locale files in locales (en, nl, da, de, zh, fr)"),
        "{text}"
    );
    assert!(text.contains("0 errors, 0 warnings"), "{text}");
    assert!(text.contains("zh            38/38"), "{text}");
    let locales = crate::common::locales_dir();
    let out = run(
        &["check", "--deny-warnings", locales.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
}

/// A translator runs `check` in the folder they edit: it reads that
/// folder's `locales/`, not the files built into the command.
#[test]
fn a_bare_check_reads_the_locales_folder_where_it_runs() {
    let dir = copy_of_locales("cli-bare-check");
    let german = dir.0.join("locales/de/errors.ftl");
    let text = std::fs::read_to_string(&german).unwrap();
    dir.write(
        "locales/de/errors.ftl",
        text.replace("{ $hash }", "{ $hashwert }"),
    );
    let out = run_in(&dir.0, &["check"], None);
    assert_eq!(out.status.code(), Some(1), "a broken de fails the check");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("checked the locale files in locales (en, nl, da, de, zh, fr)\n"),
        "{text}"
    );
    assert!(text.contains("error[unknown-variable]"), "{text}");
    let json = run_in(&dir.0, &["check", "--format", "json"], None);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["dir"], "locales");

    // Where there is no locales/, every translators' command says so, and
    // how to name the folder.
    let empty = TempDir::new("cli-no-locales");
    for args in [
        &["check"][..],
        &["preview", "-o", "page.html"],
        &["mark-reviewed", "de"],
    ] {
        let err = failure(&run_in(&empty.0, args, None));
        assert!(
            err.starts_with("error: cannot use locales as the locale directory: it does not exist"),
            "{args:?}: {err}"
        );
    }
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
    let dir = copy_of_locales("cli-outdated");
    let work = &dir.0;
    let clean = run_in(work, &["check", "--deny-warnings"], None);
    assert!(clean.status.success(), "{}", stdout(&clean));
    let english = std::fs::read_to_string(work.join("locales/en/errors.ftl")).unwrap();
    let old = "Resource { $resource } was not found.";
    let new = "Resource { $resource } does not exist.";
    assert!(english.contains(old));
    dir.write("locales/en/errors.ftl", english.replace(old, new));

    let check = |args: &[&str]| {
        let out = run_in(work, args, None);
        String::from_utf8(out.stdout).unwrap()
    };
    let out = check(&["check", "--format", "json"]);
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
    let mut hints = Vec::new();
    for finding in &outdated {
        assert_eq!(finding["id"], "ResourceNotFound");
        assert_eq!(finding["severity"], "warning");
        let message = finding["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("it was “{old}”, it is now “{new}”")),
            "{message}"
        );
        // The hint names the files the check read: run as written, it
        // records the review there.
        let hint = message.rsplit("then run `").next().unwrap();
        let hint = hint.strip_suffix('`').unwrap();
        let locale = finding["locale"].as_str().unwrap();
        assert_eq!(
            hint,
            format!("defender-errors --locales locales mark-reviewed {locale} ResourceNotFound")
        );
        hints.push(hint.to_owned());
    }
    let counts: Vec<u64> = json["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["outdated"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [0, 1, 1, 1, 1, 1]);
    let text = check(&["check"]);
    assert!(text.contains("warning[outdated]"), "{text}");

    for hint in &hints {
        let words: Vec<&str> = hint.split(' ').collect();
        assert_eq!(words[0], "defender-errors");
        let out = run_in(work, &words[1..], None);
        let locale = words[4];
        assert_eq!(
            stdout(&out),
            format!(
                "recorded the English of 1 message of {locale} as reviewed in {}\n",
                Path::new("locales")
                    .join(locale)
                    .join("reviewed.txt")
                    .display()
            )
        );
    }
    let clean = run_in(work, &["check", "--deny-warnings"], None);
    assert!(
        clean.status.success(),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    let record = std::fs::read_to_string(work.join("locales/de/reviewed.txt")).unwrap();
    assert!(record.contains(new) && !record.contains(old));

    // Checked from elsewhere, the hint names the folder as it was given,
    // quoted for a shell when it has to be.
    let spaced = TempDir::new("cli-outdated spaced");
    std::fs::rename(work.join("locales"), spaced.0.join("my locales")).unwrap();
    let english = std::fs::read_to_string(spaced.0.join("my locales/en/errors.ftl")).unwrap();
    spaced.write("my locales/en/errors.ftl", english.replace(new, old));
    let path = spaced.0.join("my locales");
    let out = run(&["check", path.to_str().unwrap()], None);
    let text = String::from_utf8(out.stdout).unwrap();
    let quoted = format!("'{}'", path.display());
    assert!(
        text.contains(&format!(
            "then run `defender-errors --locales {quoted} mark-reviewed de ResourceNotFound`"
        )),
        "{text}"
    );
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
        format!(
            "wrote the preview of the locale files in {} (de) to {}\n",
            dir.0.display(),
            file.display()
        )
    );
    let page = std::fs::read_to_string(&file).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        page.contains("error[unknown-variable]"),
        "the finding is on the page"
    );
    assert!(page.contains("English shown"), "the fallback is marked");
    // Without -o, the page of ./locales goes to standard output, which is
    // not a terminal here; the line that says which files is on stderr.
    let out = run_in(&checkout(), &["preview"], None);
    let page = stdout(&out);
    assert!(page.contains("<td class=\"cell\" data-locale=\"zh\" lang=\"zh\"><p class=\"message\">请求无效。</p></td>"));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "the preview of the locale files in locales (en, nl, da, de, zh, fr)\n"
    );
}

/// On a terminal, `preview` without `-o` says how to write the page
/// instead of printing it (`script` gives the command a terminal).
#[test]
fn preview_refuses_to_print_the_page_on_a_terminal() {
    let command = format!("{} preview", env!("CARGO_BIN_EXE_defender-errors"));
    let out = Command::new("script")
        .current_dir(checkout())
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("script(1) of util-linux runs");
    assert_eq!(out.status.code(), Some(2));
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(
        shown.starts_with(
            "error: preview writes an HTML page to open in a browser: give it a file with -o FILE"
        ),
        "{shown}"
    );
    assert!(!shown.contains("<html"), "{shown}");
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
    let wait = |locale: &str, seconds: &str| {
        message(
            locale,
            ErrorCode::TooManyRequests,
            &[("retry_after", seconds)],
        )
    };
    assert!(
        from_body.contains(&format!(r#""message": "{}""#, wait("de", "12"))),
        "{from_body}"
    );
    assert!(from_body.contains(r#""locale": "de""#), "{from_body}");
    // --retry-after, as the header gives it, comes first.
    let given = stdout(&run(
        &["localize", "--lang", "nl", "--retry-after", "1"],
        Some(throttled),
    ));
    assert!(given.contains(&wait("nl", "1")), "{given}");
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
    assert!(past.contains(&wait("da", "0")), "{past}");
    let bad = run(&["localize", "--retry-after", "soon"], Some(throttled));
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("expected whole seconds"), "{stderr}");
    // An unknown code with a status the catalog has a message for.
    let unknown = stdout(&run(
        &["localize", "--lang", "fr", "--status", "503"],
        Some(r#"{"error":{"code":"ServiceBusy","message":"Busy."}}"#),
    ));
    let (_, busy) = CATALOG
        .generic_message(CATALOG.negotiate("fr").locale, 503, None)
        .unwrap();
    assert!(unknown.contains(&*busy), "{unknown}");
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
    assert!(one.starts_with(&format!("{}\n", wait("zh", "21"))), "{one}");
    assert!(wait("zh", "21").contains("21"));
    let without = run(
        &["render", "TooManyRequests", "--lang", "fr", "--strict"],
        None,
    );
    assert!(
        without.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&without.stderr)
    );
    let later = CATALOG.render(
        CATALOG.negotiate("fr").locale,
        &DefenderError::TooManyRequests { retry_after: None },
    );
    assert!(stdout(&without).starts_with(&format!("{}\n", later.message)));
}

/// A reader that stops reading (`list | head -1`) ends the command quietly.
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    for args in [&["list"][..], &["check"], &["preview"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_defender-errors"))
            .current_dir(checkout())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.is_empty() || stderr.starts_with("the preview of the locale files in locales"),
            "{args:?}: {stderr}"
        );
    }
}
