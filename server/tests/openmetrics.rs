//! `/metrics` read as Prometheus reads it: the text goes through the
//! Prometheus project's own OpenMetrics parser (`prometheus_client`, from
//! PyPI: `python3 -m pip install prometheus-client`, as `.ci/run` does), not
//! through a parser of ours.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

/// The samples of an OpenMetrics text, by name, then by their labels.
pub struct Samples(BTreeMap<String, BTreeMap<BTreeMap<String, String>, f64>>);

impl Samples {
    /// `text`, parsed by `prometheus_client`; panics with the parser's
    /// message when it refuses the text.
    pub fn parse(text: &str) -> Self {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/openmetrics.py");
        let mut parser = Command::new("python3")
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("python3 runs (the metrics are read with prometheus_client)");
        parser
            .stdin
            .take()
            .expect("a pipe")
            .write_all(text.as_bytes())
            .expect("the parser reads the text");
        let out = parser.wait_with_output().expect("the parser ends");
        assert!(
            out.status.success(),
            "prometheus_client refused the text (or is not installed: \
             python3 -m pip install prometheus-client):\n{}\n{text}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut samples: BTreeMap<_, BTreeMap<_, _>> = BTreeMap::new();
        for line in String::from_utf8(out.stdout).expect("UTF-8").lines() {
            let sample: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let labels = sample["labels"]
                .as_object()
                .expect("labels")
                .iter()
                .map(|(name, value)| (name.clone(), value.as_str().expect("text").to_owned()))
                .collect();
            let value = sample["value"].as_f64().expect("a number");
            let name = sample["name"].as_str().expect("a name").to_owned();
            samples.entry(name).or_default().insert(labels, value);
        }
        Self(samples)
    }

    /// The samples of `defender_errors_http_requests_total`, by route and
    /// status.
    pub fn requests(&self) -> BTreeMap<(String, u16), f64> {
        self.by("defender_errors_http_requests_total", |labels| {
            (
                labels["route"].clone(),
                labels["status"].parse().expect("a status"),
            )
        })
    }

    /// The counts of `defender_errors_http_request_duration_seconds`, by
    /// route.
    pub fn durations(&self) -> BTreeMap<String, f64> {
        self.by(
            "defender_errors_http_request_duration_seconds_count",
            |labels| labels["route"].clone(),
        )
    }

    fn by<K: Ord>(
        &self,
        name: &str,
        key: impl Fn(&BTreeMap<String, String>) -> K,
    ) -> BTreeMap<K, f64> {
        self.0
            .get(name)
            .into_iter()
            .flatten()
            .map(|(labels, value)| (key(labels), *value))
            .collect()
    }
}

/// The label sets `(route, status)` of every route in `routes` with each of
/// its statuses.
pub fn label_sets(routes: &[(&str, &[u16])]) -> Vec<(String, u16)> {
    let mut sets: Vec<_> = routes
        .iter()
        .flat_map(|(route, statuses)| statuses.iter().map(|s| ((*route).to_owned(), *s)))
        .collect();
    sets.sort();
    sets
}
