"""The running sidecar checked by independent tools: its /openapi.json by
openapi-spec-validator, its /metrics by prometheus_client's OpenMetrics
parser (with the counters moving between two scrapes).

    python3 .ci/serve-check.py target/debug/defender-errors
"""
import json
import subprocess
import sys
import urllib.request

from openapi_spec_validator import validate
from prometheus_client.openmetrics.parser import text_string_to_metric_families

binary = sys.argv[1]
server = subprocess.Popen(
    [binary, "serve", "--addr", "127.0.0.1:0"],
    stdout=subprocess.PIPE,
    stderr=subprocess.DEVNULL,
    text=True,
)
try:
    base = server.stdout.readline().strip().removeprefix("listening on ")
    assert base.startswith("http://127.0.0.1:"), base

    def get(path):
        with urllib.request.urlopen(base + path, timeout=10) as response:
            return response.headers, response.read().decode()

    def requests_total(text):
        total = 0
        for family in text_string_to_metric_families(text):
            if family.name == "defender_errors_http_requests":
                total += sum(s.value for s in family.samples if s.name.endswith("_total"))
        return total

    _, spec = get("/openapi.json")
    validate(json.loads(spec))
    print("openapi.json: valid OpenAPI", json.loads(spec)["openapi"])

    headers, before = get("/metrics")
    assert headers["Content-Type"].startswith("application/openmetrics-text"), headers
    # Known label sets exist at 0 before anything happened to them: every
    # reload result before the first reload, every locale's localized
    # responses, and the dropped log lines.
    first = {f.name: f for f in text_string_to_metric_families(before)}
    reloads = {s.labels["result"]: s.value for s in first["defender_errors_reloads"].samples
               if s.name.endswith("_total")}
    assert reloads == {"ok": 0, "error": 0, "panic": 0}, reloads
    localized = {(s.labels["locale"], s.labels["fallback"]): s.value
                 for s in first["defender_errors_localized_responses"].samples
                 if s.name.endswith("_total")}
    for locale in ["en", "nl", "da", "de", "zh", "fr"]:
        for fallback in ["false", "true"]:
            assert localized.get((locale, fallback)) == 0, (locale, fallback, localized)
    dropped = [s.value for s in first["defender_errors_log_lines_dropped"].samples]
    assert dropped == [0], dropped
    # Every route with the statuses its handler answers and those the
    # server answers on any route, the probes and `unmatched`: only the
    # /openapi.json fetched above is counted.
    on_any_route = [405, 408, 413, 500]
    known = {
        "/localize": [200, 400, 413, 415] + on_any_route,
        "/messages/{locale}": [200, 304, 400, 404] + on_any_route,
        "/openapi.json": [200] + on_any_route,
        "/healthz": [200, 405],
        "/readyz": [200, 405, 503],
        "/metrics": [200, 405],
        "unmatched": [404, 431, 503],
    }
    requests = {(s.labels["route"], int(s.labels["status"])): s.value
                for s in first["defender_errors_http_requests"].samples
                if s.name.endswith("_total")}
    expected = {(route, status): 1 if (route, status) == ("/openapi.json", 200) else 0
                for route, statuses in known.items() for status in statuses}
    assert requests == expected, requests
    print("/metrics before any reload: every reload result, locale, route and status, "
          "and the dropped lines at 0")
    body = b'{"error":{"code":"NotFound","message":"x"}}'
    for _ in range(3):
        request = urllib.request.Request(
            base + "/localize",
            data=body,
            headers={"Content-Type": "application/json", "Accept-Language": "de"},
        )
        urllib.request.urlopen(request, timeout=10).read()
    _, after = get("/metrics")
    families = [f.name for f in text_string_to_metric_families(after)]
    moved = requests_total(after) - requests_total(before)
    # The three POSTs and the first scrape.
    assert moved == 4, moved
    localized = sum(s.value for f in text_string_to_metric_families(after)
                    if f.name == "defender_errors_localized_responses"
                    for s in f.samples
                    if s.labels.get("locale") == "de" and s.labels.get("fallback") == "false"
                    and s.name.endswith("_total"))
    assert localized == 3, localized
    print(f"/metrics: {len(families)} families parsed; requests counted: +{moved}, localized in German: {localized}")
finally:
    server.terminate()
    assert server.wait(timeout=15) == 0
