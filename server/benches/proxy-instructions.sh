#!/bin/bash
# Instructions per proxied request, counted by callgrind: the release binary
# `defender-errors proxy --log-level warn` in front of an nginx upstream
# (a 200 JSON body for /api/machines, a Defender 404 envelope for
# /api/machines/1), run twice under valgrind, loaded with PATH by
# `wrk -t1 -c4` for S1 and then S2 seconds; the difference of the two totals
# over the difference of the requests served is the cost of one request,
# start-up and shutdown left out. Everything on 127.0.0.1.
#
#   cargo build --release -p defender-errors-cli
#   bash server/benches/proxy-instructions.sh [/api/machines] [S1] [S2]
#   LOG=info bash server/benches/proxy-instructions.sh   # with its log line
#
# ENGINE counts another proxy in front of the same upstream, the same way:
#   ENGINE=nginx    nginx as the bench's reference proxy, one worker, no master
#   ENGINE=hyper    hyper's server and client alone (the proxy bench's
#                   `--hyper-alone`, built here)
#   ENGINE=pingora  Pingora alone (server/benches/pingora-alone, built here;
#                   needs cmake)
set -eu
BIN=${BIN:-target/release/defender-errors}
PATH_=${1:-/api/machines}
N1=${2:-3}
N2=${3:-9}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
DIR=$(mktemp -d)
chmod 777 "$DIR"
UP=18290 PORT=18291
cat >"$DIR/up.conf" <<CONF
worker_processes 1; pid $DIR/up.pid;
events { worker_connections 1024; }
http { access_log off; default_type application/json; keepalive_requests 1000000;
  client_body_temp_path $DIR/b; proxy_temp_path $DIR/p; fastcgi_temp_path $DIR/f; uwsgi_temp_path $DIR/u; scgi_temp_path $DIR/s;
  server { listen 127.0.0.1:$UP;
    location = /api/machines { return 200 '{"value":[{"id":"1e5bc9d7e413ddd7902c2932e418702b84d0cc07"}]}'; }
    location / { return 404 '{"error":{"code":"ResourceNotFound","message":"Machine 123123123 was not found","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}'; } } }
CONF
"$NGINX" -p "$DIR" -e "$DIR/error.log" -c "$DIR/up.conf" -g 'daemon off;' & NGINX_PID=$!
trap 'kill $NGINX_PID 2>/dev/null; rm -rf "$DIR"' EXIT
ENGINE=${ENGINE:-ours}
STOP=-TERM
case "$ENGINE" in
  ours) PROXY=("$BIN" proxy --upstream "http://127.0.0.1:$UP" --addr "127.0.0.1:$PORT" --log-level "${LOG:-warn}") ;;
  nginx)
    cat >"$DIR/proxy.conf" <<CONF
worker_processes 1; pid $DIR/proxy.pid;
events { worker_connections 1024; }
http { access_log off; keepalive_requests 1000000;
  client_body_temp_path $DIR/b; proxy_temp_path $DIR/p; fastcgi_temp_path $DIR/f; uwsgi_temp_path $DIR/u; scgi_temp_path $DIR/s;
  upstream api { server 127.0.0.1:$UP; keepalive 64; keepalive_requests 1000000; }
  server { listen 127.0.0.1:$PORT; location / { proxy_pass http://api; proxy_http_version 1.1; proxy_set_header Connection ""; } } }
CONF
    PROXY=("$NGINX" -p "$DIR" -e "$DIR/proxy-error.log" -c "$DIR/proxy.conf" -g 'daemon off; master_process off;')
    STOP=-QUIT ;;
  hyper)
    HYPER=$(cargo bench --no-run -p defender-errors-server --features proxy --bench proxy 2>&1 \
      | sed -n 's/.*Executable benches\/proxy.rs (\(.*\))/\1/p' | tail -1)
    PROXY=("$HYPER" --hyper-alone "127.0.0.1:$PORT" "127.0.0.1:$UP")
    STOP=-INT ;;
  pingora)
    ROOT=$(cd "$(dirname "$0")/../.." && pwd)
    command -v cmake >/dev/null || { echo "Pingora's build needs cmake: apt-get install cmake" >&2; exit 2; }
    CARGO_TARGET_DIR="$ROOT/target/pingora-alone" cargo build --release \
      --manifest-path "$ROOT/server/benches/pingora-alone/Cargo.toml" >&2
    PROXY=("$ROOT/target/pingora-alone/release/pingora-alone" "127.0.0.1:$PORT" "127.0.0.1:$UP")
    STOP=-INT ;;
  *) echo "ENGINE is ours, nginx, hyper or pingora, not $ENGINE" >&2; exit 2 ;;
esac
count() {
  valgrind --tool=callgrind --callgrind-out-file="$DIR/cg.$1" "${PROXY[@]}" >/dev/null 2>"$DIR/vg.$1" & local pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$PORT/api/machines"; do sleep 0.2; done
  wrk -t1 -c4 "-d$1s" -H 'Accept-Language: de' "http://127.0.0.1:$PORT$PATH_" >"$DIR/wrk.$1"
  kill $STOP $pid; wait $pid || true
  local served; served=$(awk '/requests in/ {print $1}' "$DIR/wrk.$1")
  local total; total=$(awk '/^summary:/ {print $2}' "$DIR/cg.$1")
  echo "$served $total"
}
read -r s1 t1 < <(count "$N1")
read -r s2 t2 < <(count "$N2")
echo "$ENGINE, GET $PATH_: $s1 requests: $t1 instructions; $s2 requests: $t2 instructions"
awk -v a="$t1" -v b="$t2" -v n="$s1" -v m="$s2" 'BEGIN {printf "per request: %.0f instructions\n", (b-a)/(m-n)}'
if [ -n "${KEEP:-}" ]; then cp "$DIR/cg.$N2" "$KEEP"; echo "profile of the second run: $KEEP"; fi
