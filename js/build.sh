#!/usr/bin/env bash
# Builds the npm package into js/pkg/ (ready for `npm pack`): the wrapper
# crate compiled to wasm32 with Debian's rustc-web (-Zbuild-std), its
# bindings made by wasm-bindgen, shrunk by wasm-opt, and the package's own
# files beside them. Installs what is missing first (tools.sh).
set -euo pipefail
cd "$(dirname "$0")"

TOOLS="$(bash tools.sh)"
step() { printf -- '-- %s\n' "$*"; }

step "the wrapper crate for wasm32-unknown-unknown (Debian's rustc, -Zbuild-std)"
# Debian's compiler, by full path: the rustup toolchain stays the default.
# RUSTC_BOOTSTRAP lets the stable compiler build std for the target; the
# panic strategy leaves out the panic machinery's formatting (the library
# never panics on input); paths of this machine stay out of the module.
# For the size (BENCHMARKS.md, "The npm package"): std built with its
# `optimize_for_size` feature (smaller code for the same results), and the
# library without its precompiled locales (the shipped files are compiled on
# first use instead, into the same patterns; src/catalog/embedded.rs).
RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 \
RUSTFLAGS="--remap-path-prefix=$(cd .. && pwd)=defender-errors --remap-path-prefix=$HOME=~ -Zunstable-options -Cpanic=immediate-abort --cfg defender_errors_no_precompiled" \
    /usr/bin/cargo build --quiet --release --locked -p defender-errors-js \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size \
    --target wasm32-unknown-unknown

step "bindings (wasm-bindgen), then wasm-opt -Oz"
rm -rf pkg
mkdir -p pkg
"$TOOLS/bin/wasm-bindgen" --target web --no-typescript --out-dir pkg --out-name core \
    target/wasm32-unknown-unknown/release/defender_errors_js.wasm
"$TOOLS/node_modules/.bin/wasm-opt" -Oz --strip-debug --strip-producers \
    pkg/core_bg.wasm -o pkg/core_bg.wasm

step "the package's files"
cp package/package.json package/README.md package/index.d.ts \
   package/index.js package/node.js package/api.js package/state.js pkg/
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' ../Cargo.toml | head -1)"
grep -q "\"version\": \"$version\"" pkg/package.json || {
    echo "js/package/package.json's version is not the crate's ($version)" >&2
    exit 1
}
printf '%s: %s bytes, %s gzipped\n' pkg/core_bg.wasm \
    "$(wc -c < pkg/core_bg.wasm)" "$(gzip -9c pkg/core_bg.wasm | wc -c)"
