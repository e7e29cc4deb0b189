#!/bin/bash
# What the proxy's per-request log line costs: the release binary in front of
# the sidecar (whose 404 for /api/machines/1 is a Defender error envelope,
# which the proxy localizes), once at --log-level info (one line a request,
# text, to a file) and once at warn (no line), loaded turn by turn with
# `wrk -t1 -c32 -d4s`; beside wrk's numbers, the CPU time each proxy process
# spent per request (/proc/PID/stat). Everything on 127.0.0.1.
#
#   cargo build --release -p defender-errors-cli && bash benches/proxy-log-level.sh [ROUNDS]
set -eu
BIN=${BIN:-target/release/defender-errors}
ROUNDS=${1:-5}
LOG=$(mktemp)
"$BIN" serve --addr 127.0.0.1:18180 --log-level warn >/dev/null 2>&1 & UP=$!
"$BIN" proxy --upstream http://127.0.0.1:18180 --addr 127.0.0.1:18181 --log-level info >/dev/null 2>"$LOG" & INFO=$!
"$BIN" proxy --upstream http://127.0.0.1:18180 --addr 127.0.0.1:18182 --log-level warn >/dev/null 2>/dev/null & WARN=$!
trap 'kill $UP $INFO $WARN 2>/dev/null; rm -f "$LOG"' EXIT
sleep 1
curl -sf -o /dev/null -w '%{http_code}\n' -H 'Accept-Language: de' http://127.0.0.1:18181/api/machines/1 | grep -q 404
echo "| round | log level | requests | socket errors | requests/s | p50 | p99 | proxy CPU µs/request |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for round in $(seq "$ROUNDS"); do
  for level in info warn; do
    if [ "$level" = info ]; then pid=$INFO port=18181; else pid=$WARN port=18182; fi
    t0=$(awk '{print $14+$15}' "/proc/$pid/stat")
    out=$(wrk -t1 -c32 -d4s --latency -H 'Accept-Language: de' "http://127.0.0.1:$port/api/machines/1")
    t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
    n=$(echo "$out" | awk '/requests in/ {print $1}')
    errors=$(echo "$out" | awk '/Socket errors/ {s=0; for (i=4;i<=NF;i+=2) {gsub(",","",$i); s+=$i}; print s}')
    echo "| $round | $level | $n | ${errors:-0} | $(echo "$out" | awk '/Requests\/sec/ {print $2}') | $(echo "$out" | awk '$1=="50%" {print $2}') | $(echo "$out" | awk '$1=="99%" {print $2}') | $(awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN {printf "%.1f", (b-a)*1e4/n}') |"
  done
done
echo "log lines written at info: $(grep -c answered "$LOG")"
