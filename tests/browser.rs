//! The preview page in a real browser: headless Chromium at 1280 px, driven
//! over WebDriver by chromedriver (Debian's `chromium` and `chromium-driver`,
//! which `.ci/run` installs). It needs them, so `cargo test` lists it as
//! ignored; `.ci/run` runs it with `--include-ignored`, and then a missing
//! browser is a failure, never a pass.

use std::path::PathBuf;

use defender_errors::check::{self, SourceFile};
use defender_errors::{preview, CatalogBuilder};
use serde_json::{json, Value};

use crate::common::{locales_dir, TempDir, LOCALES};
use crate::webdriver::{require_browser, Driver, Session};

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
    let session = Session::open(&driver, &format!("file://{}", page.display()));

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
