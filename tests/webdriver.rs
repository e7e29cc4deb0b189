//! Headless Chromium driven over WebDriver by chromedriver (Debian's
//! `chromium` and `chromium-driver`, which `.ci/run` installs): what the
//! browser tests of the preview page share.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver, stopped on drop.
pub struct Driver {
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
    pub fn start() -> Self {
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

    pub fn post(&self, path: &str, body: Value) -> Value {
        let mut response = ureq::post(format!("{}{path}", self.base))
            .send_json(body)
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        response.body_mut().read_json::<Value>().unwrap()["value"].take()
    }

    pub fn get(&self, path: &str) -> Value {
        let mut response = ureq::get(format!("{}{path}", self.base))
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        response.body_mut().read_json::<Value>().unwrap()["value"].take()
    }
}

/// A browser session on one page.
pub struct Session<'d> {
    driver: &'d Driver,
    id: String,
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = ureq::delete(format!("{}/session/{}", self.driver.base, self.id)).call();
    }
}

impl<'d> Session<'d> {
    /// Opens `url` in a new headless Chromium at 1280 px.
    pub fn open(driver: &'d Driver, url: &str) -> Self {
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
        session.post("/url", json!({"url": url}));
        session
    }

    pub fn post(&self, path: &str, body: Value) -> Value {
        self.driver
            .post(&format!("/session/{}{path}", self.id), body)
    }

    pub fn script(&self, script: &str) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": []}))
    }

    pub fn click(&self, css: &str) {
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
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.driver.get(&format!("/session/{}/screenshot", self.id));
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap())
            .unwrap();
        assert!(bytes.starts_with(b"\x89PNG"));
        // The workspace's target/, from the library's tests or the command's.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .find(|dir| dir.join("Cargo.lock").exists())
            .unwrap_or(Path::new("."));
        let path = root.join("target").join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

pub fn require_browser() {
    assert!(
        Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists(),
        "{CHROMIUM} and {CHROMEDRIVER} are needed: apt-get install chromium chromium-driver fonts-wqy-zenhei"
    );
}
