#!/usr/bin/env bash
# Instructions per request of a running server, counted by callgrind:
# the release `defender-errors serve` (log level warn) under valgrind, N1 and
# then N2 keep-alive `GET /healthz` requests over one connection from a
# Python client, and (Ir of N2 − Ir of N1) / (N2 − N1), so that start-up and
# shutdown cancel out.
#
#   bash benches/count-requests.sh                     # /healthz, N1=200, N2=3200
#   BINARY=path/to/defender-errors bash benches/count-requests.sh   # another build
#   REQUEST_PATH=/messages/de bash benches/count-requests.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N1=${N1:-200}
N2=${N2:-3200}
REQUEST_PATH=${REQUEST_PATH:-/healthz}
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
if [ -z "${BINARY:-}" ]; then
    cargo build --quiet --release -p defender-errors-cli
    BINARY=target/release/defender-errors
fi
count() {
    local out log
    out=$(mktemp)
    log=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$BINARY" serve \
        --addr 127.0.0.1:0 --log-level warn >"$log" 2>/dev/null &
    local pid=$!
    local addr=""
    for _ in $(seq 1 600); do
        addr=$(sed -n 's|^listening on http://||p' "$log")
        [ -n "$addr" ] && break
        sleep 0.1
    done
    [ -n "$addr" ] || { echo "the server did not start" >&2; kill "$pid"; exit 2; }
    python3 - "$addr" "$1" "$REQUEST_PATH" <<'PY'
import http.client, sys
host, port = sys.argv[1].split(":")
conn = http.client.HTTPConnection(host, int(port), timeout=60)
for _ in range(int(sys.argv[2])):
    conn.request("GET", sys.argv[3], headers={"Accept-Language": "de"})
    response = conn.getresponse()
    response.read()
    assert response.status == 200, response.status
PY
    kill -TERM "$pid"
    wait "$pid" || true
    awk '/^summary:/ { print $2 }' "$out"
    rm -f "$out" "$log"
}
a=$(count "$N1")
b=$(count "$N2")
echo "GET $REQUEST_PATH: $(( (b - a) / (N2 - N1) )) instructions per request ($N1 and $N2 requests: $a and $b)"
