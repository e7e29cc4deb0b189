#!/usr/bin/env bash
# Installs what js/build.sh needs for the overlay entry's WebAssembly module
# (the main entry needs none of it), when it is not there yet; quick when
# it is. Prints the tools directory (wasm-bindgen and wasm-opt live there,
# outside the repository) on stdout, and what it does on stderr.
#
# - A rustc that builds std for wasm32-unknown-unknown, with std's sources,
#   and a wasm linker: Debian's rustc-web, cargo-web, rust-web-src and lld-22
#   (rustup here cannot add targets), installed with apt-get when missing.
#   Elsewhere, point WASM_RUSTC, WASM_CARGO and WASM_LD at your own (a rustup
#   toolchain with `rust-src` serves: WASM_RUSTC="$(rustup which rustc)").
# - wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in
#   js/Cargo.lock (the two must match), from crates.io.
# - binaryen 132 from npm for wasm-opt (Debian's 108 writes a module Node rejects).
set -euo pipefail
cd "$(dirname "$0")"

TOOLS="${DEFENDER_ERRORS_JS_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/defender-errors-js}"
BINARYEN_VERSION=132
mkdir -p "$TOOLS"
say() { printf -- '   %s\n' "$*" >&2; }

WASM_RUSTC="${WASM_RUSTC:-/usr/bin/rustc}"
WASM_CARGO="${WASM_CARGO:-/usr/bin/cargo}"
WASM_LD="${WASM_LD:-$(command -v wasm-ld-22 || command -v wasm-ld || echo wasm-ld-22)}"

web_ok() {
    local sysroot
    [ -x "$WASM_RUSTC" ] && [ -x "$WASM_CARGO" ] && command -v "$WASM_LD" >/dev/null || return 1
    sysroot="$("$WASM_RUSTC" --print sysroot)" || return 1
    [ -f "$sysroot/lib/rustlib/src/rust/library/std/Cargo.toml" ]
}

cannot() {
    cat >&2 <<EOT
js/tools.sh: $1, so the overlay entry's WebAssembly module cannot be built here.
It needs a rustc that builds std for wasm32-unknown-unknown with std's sources
(Debian: apt-get install rustc-web cargo-web rust-web-src lld-22; elsewhere a
rustup toolchain with rust-src) and a wasm linker (wasm-ld, from LLVM's lld).
Install them and set WASM_RUSTC, WASM_CARGO and WASM_LD to their paths, or build
the main entry alone, which needs none of it: bash js/build.sh light
EOT
    exit 1
}

say "a rustc for wasm32 with std's sources, and a wasm linker (a moment when present; else apt-get, about 20 s)"
if ! web_ok; then
    command -v apt-get >/dev/null && command -v dpkg-query >/dev/null \
        || cannot "this is not Debian (no apt-get) and $WASM_RUSTC with std's sources or $WASM_LD is missing"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || cannot "installing Debian's rustc-web needs root, and there is no sudo"
        sudo="sudo"
    fi
    say "installing Debian's rustc-web, cargo-web, rust-web-src and lld-22"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        rustc-web cargo-web rust-web-src lld-22 >/dev/null
    WASM_LD="$(command -v wasm-ld-22 || echo wasm-ld-22)"
    web_ok || cannot "Debian's rustc-web does not build std for wasm32 here"
fi

bindgen_version="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')"
say "wasm-bindgen-cli $bindgen_version (a moment when present; else cargo install, about 2 min)"
if [ "$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
    # Without --locked: its lock file pins a webpki-roots the registry lacks.
    cargo install --quiet --force --root "$TOOLS" wasm-bindgen-cli --version "$bindgen_version" >&2
fi

say "binaryen $BINARYEN_VERSION for wasm-opt (a moment when present; else npm, about 5 s)"
if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION\b"; then
    npm install --silent --no-audit --no-fund --prefix "$TOOLS" "binaryen@$BINARYEN_VERSION" >&2
fi

printf '%s\n%s\n%s\n%s\n' "$TOOLS" "$WASM_RUSTC" "$WASM_CARGO" "$WASM_LD"
