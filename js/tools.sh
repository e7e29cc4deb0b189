#!/usr/bin/env bash
# Installs what js/build.sh needs, from Debian's, crates.io's and npm's
# registries, when it is not there yet; quick when it is. Prints the tools
# directory (wasm-bindgen and wasm-opt live there, outside the repository).
#
# - Debian's rustc-web, cargo-web, rust-web-src and lld-22: a rustc that
#   builds std for wasm32-unknown-unknown (rustup here cannot add targets);
#   the rustup toolchain stays the default for everything else.
# - wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in
#   js/Cargo.lock (the two must match).
# - binaryen 132 from npm for wasm-opt (Debian's 108 writes a module Node rejects).
set -euo pipefail
cd "$(dirname "$0")"

TOOLS="${DEFENDER_ERRORS_JS_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/defender-errors-js}"
BINARYEN_VERSION=132
mkdir -p "$TOOLS"

web_ok() {
    local sysroot
    [ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] && command -v wasm-ld-22 >/dev/null || return 1
    [ "$(dpkg-query -W -f='${Version}' rustc-web 2>/dev/null)" = \
      "$(dpkg-query -W -f='${Version}' rust-web-src 2>/dev/null)" ] || return 1
    sysroot="$(/usr/bin/rustc --print sysroot)" || return 1
    [ -f "$sysroot/lib/rustlib/src/rust/library/std/Cargo.toml" ]
}
if ! web_ok; then
    echo "installing Debian's rustc-web, cargo-web, rust-web-src and lld-22" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        rustc-web cargo-web rust-web-src lld-22 >/dev/null
    web_ok || { echo "Debian's rustc-web does not build std for wasm32 here" >&2; exit 1; }
fi

bindgen_version="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')"
if [ "$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
    echo "installing wasm-bindgen-cli $bindgen_version into $TOOLS" >&2
    # Without --locked: its lock file pins a webpki-roots the registry lacks.
    cargo install --quiet --force --root "$TOOLS" wasm-bindgen-cli --version "$bindgen_version" >&2
fi

if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION\b"; then
    echo "installing binaryen@$BINARYEN_VERSION (wasm-opt) into $TOOLS" >&2
    npm install --silent --no-audit --no-fund --prefix "$TOOLS" "binaryen@$BINARYEN_VERSION" >&2
fi

echo "$TOOLS"
