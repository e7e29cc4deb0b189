//! The preview page in a real browser: headless Chromium at 1280 px, driven
//! over WebDriver by chromedriver (Debian's `chromium` and `chromium-driver`,
//! which `.ci/run` installs). It needs them, so `cargo test` lists it as
//! ignored; `.ci/run` runs it with `--include-ignored`, and then a missing
//! browser is a failure, never a pass.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use defender_errors::check::{self, SourceFile};
use defender_errors::{preview, CatalogBuilder};
use serde_json::{json, Value};

use crate::common::{locales_dir, TempDir, LOCALES};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver, stopped on drop.
struct Driver {
    child: Child,
    base: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while ureq::get(format!("{}/status", driver.base)).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not answer");
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }

    fn post(&self, path: &str, body: Value) -> Value {
        let mut response = ureq::post(format!("{}{path}", self.base))
            .send_json(body)
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        response.body_mut().read_json::<Value>().unwrap()["value"].take()
    }

    fn get(&self, path: &str) -> Value {
        let mut response = ureq::get(format!("{}{path}", self.base))
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        response.body_mut().read_json::<Value>().unwrap()["value"].take()
    }
}

/// A browser session on one page.
struct Session<'d> {
    driver: &'d Driver,
    id: String,
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = ureq::delete(format!("{}/session/{}", self.driver.base, self.id)).call();
    }
}

impl<'d> Session<'d> {
    fn open(driver: &'d Driver, page: &Path) -> Self {
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-extensions", "--no-first-run",
                    "--window-size=1280,900"
                ]
            }
        }}});
        let value = driver.post("/session", capabilities);
        let id = value["sessionId"].as_str().expect("a session").to_owned();
        let session = Session { driver, id };
        session.post("/url", json!({"url": format!("file://{}", page.display())}));
        session
    }

    fn post(&self, path: &str, body: Value) -> Value {
        self.driver
            .post(&format!("/session/{}{path}", self.id), body)
    }

    fn script(&self, script: &str) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": []}))
    }

    fn click(&self, css: &str) {
        let element = self.post("/element", json!({"using": "css selector", "value": css}));
        let id = element
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("the element exists")
            .to_owned();
        self.post(&format!("/element/{id}/click"), json!({}));
    }

    /// Saves a screenshot under target/, for a person to look at.
    fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.driver.get(&format!("/session/{}/screenshot", self.id));
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap())
            .unwrap();
        assert!(bytes.starts_with(b"\x89PNG"));
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

fn require_browser() {
    assert!(
        Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists(),
        "{CHROMIUM} and {CHROMEDRIVER} are needed: apt-get install chromium chromium-driver fonts-wqy-zenhei"
    );
}

/// The page for the shipped catalog with a German working copy that has an
/// unknown variable and a missing message.
fn page_with_problems(dir: &TempDir) -> PathBuf {
    let german = std::fs::read_to_string(locales_dir().join("de/errors.ftl"))
        .unwrap()
        .replace("{ $hash }", "{ $hashwert }")
        .replace("BadRequest = Die Anforderung ist ungültig.\n", "");
    let catalog = CatalogBuilder::new()
        .locale_source("de", german.as_str())
        .build();
    let report = check::sources(vec![SourceFile::new("de", "de/errors.ftl", german)]);
    let page = preview::html(&catalog, &report);
    dir.write("preview.html", page);
    dir.0.join("preview.html")
}

const STATE: &str = r#"
const rows = Array.from(document.querySelectorAll('#messages tbody tr'));
const visible = e => getComputedStyle(e).display !== 'none';
const shown = c => Array.from(c.children).some(e => getComputedStyle(e).visibility !== 'hidden');
const zh = document.querySelector('#messages td[data-locale="zh"] p.message');
const canvas = document.createElement('canvas');
canvas.width = 64; canvas.height = 64;
const ctx = canvas.getContext('2d');
const draw = ch => {
  ctx.clearRect(0, 0, 64, 64);
  ctx.font = getComputedStyle(zh).fontSize + ' ' + getComputedStyle(zh).fontFamily;
  ctx.fillText(ch, 4, 48);
  return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(',');
};
return {
  locales: Array.from(document.querySelectorAll('#messages thead th[lang]')).map(th => th.textContent),
  rows: rows.length,
  visibleRows: rows.filter(visible).length,
  problemRows: rows.filter(r => r.classList.contains('has-problem')).length,
  shownCells: rows.filter(visible).flatMap(r => Array.from(r.querySelectorAll('td'))).filter(shown).length,
  problemCells: document.querySelectorAll('#messages td.problem').length,
  zhText: zh.textContent,
  zhWidth: zh.getBoundingClientRect().width,
  glyphsDiffer: draw('资') !== draw('源') && draw('资') !== draw(' '),
  findings: Array.from(document.querySelectorAll('td[data-locale="de"] ul.findings li')).map(li => li.textContent),
  findingCode: Array.from(document.querySelectorAll('td[data-locale="de"] ul.findings li code')).map(c => c.textContent),
  viewport: window.innerWidth,
  pageWidth: document.documentElement.scrollWidth,
  columnsRight: Array.from(document.querySelectorAll('#messages thead th')).map(th => th.getBoundingClientRect().right),
  marks: Object.fromEntries(Array.from(document.querySelectorAll('#messages thead th[lang]')).map(th =>
    [th.textContent, document.querySelectorAll(`#messages td[data-locale="${th.textContent}"] p.message mark.value`).length])),
  germanResource: Array.from(document.querySelectorAll('tr[data-id="ResourceNotFound"] td[data-locale="de"] p.message mark.value')).map(m => m.textContent),
  generic: document.querySelector('tr[data-id="ResourceNotFound"] td[data-locale="fr"] p.generic').textContent,
};
"#;

#[test]
#[ignore = "needs Chromium and chromedriver; .ci/run installs them and runs it with --include-ignored"]
fn the_preview_renders_every_locale_and_filters_problems_in_chromium() {
    require_browser();
    let dir = TempDir::new("browser-preview");
    let page = page_with_problems(&dir);
    let driver = Driver::start();
    let session = Session::open(&driver, &page);

    let before = session.script(STATE);
    assert_eq!(before["locales"], json!(LOCALES));
    let rows = before["rows"].as_u64().unwrap();
    assert_eq!(before["visibleRows"].as_u64(), Some(rows));
    // Chinese text is there, and drawn with real glyphs: two different
    // characters do not render alike, as missing-glyph boxes would.
    let zh_text = before["zhText"].as_str().unwrap();
    assert!(zh_text.contains("请求无效"), "{zh_text}");
    assert_eq!(before["glyphsDiffer"], json!(true), "no font draws Chinese");
    assert!(before["zhWidth"].as_f64().unwrap() > 0.0);
    // The German findings are shown in their cells, with rule and line.
    let findings = before["findings"].as_array().unwrap();
    let text: Vec<&str> = findings.iter().filter_map(Value::as_str).collect();
    assert!(
        text.iter()
            .any(|t| t.starts_with("error[unknown-variable] de/errors.ftl:")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("warning[missing-message]")),
        "{text:?}"
    );
    // At 1280 px the page does not scroll sideways, and every locale column
    // is on the screen.
    let viewport = before["viewport"].as_f64().unwrap();
    assert!((1200.0..=1280.0).contains(&viewport), "{viewport}");
    assert!(
        before["pageWidth"].as_f64().unwrap() <= viewport,
        "{before}"
    );
    for right in before["columnsRight"].as_array().unwrap() {
        assert!(right.as_f64().unwrap() <= viewport, "{before}");
    }
    // Each value is marked where it sits in the sentence, in every column.
    for locale in LOCALES {
        let marks = before["marks"][locale].as_u64().unwrap();
        assert!(marks >= 13, "{locale}: {marks} marks");
    }
    assert_eq!(before["germanResource"], json!(["Machine 7b2f1c9e"]));
    assert!(before["generic"]
        .as_str()
        .unwrap()
        .contains("La ressource demandée est introuvable."));
    // Backticks of finding messages are code.
    let code: Vec<&str> = before["findingCode"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(code.contains(&"$hashwert"), "{code:?}");
    // The header row stays in view when the grid scrolls.
    let sticky = session.script(
        "const grid = document.querySelector('.grid'); grid.scrollTop = 600; \
         return [grid.getBoundingClientRect().top, document.querySelector('#messages thead th').getBoundingClientRect().top];",
    );
    let (grid_top, header_top) = (sticky[0].as_f64().unwrap(), sticky[1].as_f64().unwrap());
    assert!((header_top - grid_top).abs() < 3.0, "{sticky}");
    session.script("document.querySelector('.grid').scrollTop = 0; return 0;");
    session.screenshot("preview-all.png");

    session.click("#only-problems");
    let after = session.script(STATE);
    let problem_rows = after["problemRows"].as_u64().unwrap();
    assert!(problem_rows >= 2 && problem_rows < rows, "{after}");
    assert_eq!(after["visibleRows"].as_u64(), Some(problem_rows));
    assert_eq!(after["shownCells"], after["problemCells"]);
    session.screenshot("preview-problems.png");

    session.click("#only-problems");
    let again = session.script(STATE);
    assert_eq!(again["visibleRows"].as_u64(), Some(rows));
}
