"""Reads an OpenMetrics text on standard input with the Prometheus project's
own parser (prometheus_client, from PyPI) and writes each sample as one JSON
line: {"name", "labels", "value"}. A text the parser refuses exits non-zero
with its message."""
import json
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families

for family in text_string_to_metric_families(sys.stdin.read()):
    for sample in family.samples:
        print(json.dumps({"name": sample.name, "labels": sample.labels, "value": sample.value}))
