#!/usr/bin/env bash
# Builds the npm package into js/pkg/ (ready for `npm pack`):
#
#   bash js/build.sh         the whole package
#   bash js/build.sh light   the main entry alone, what a browser gets: no
#                            WebAssembly toolchain needed (js/test.sh then
#                            skips the overlay entry's tests)
#
# The main entry (index.js) renders the catalog in JavaScript from data.js,
# which the Rust library writes here on the host (js/parity's `data`, from
# Catalog::export). The overlay entry (`defender-errors/overlay`, for a
# translator's own files) is the library compiled to wasm32 with a rustc
# that builds std (Debian's rustc-web; see tools.sh), its bindings made by
# wasm-bindgen and shrunk by wasm-opt.
set -euo pipefail
cd "$(dirname "$0")"

mode="${1:-all}"
case "$mode" in
    all | light) ;;
    *) echo "usage: bash js/build.sh [light]" >&2; exit 2 ;;
esac
command -v cargo >/dev/null || { echo "js/build.sh needs cargo (rustup.rs) to write the catalog's data" >&2; exit 1; }
step() { printf -- '-- %s\n' "$*"; }

if [ "$mode" = all ]; then
    # First, so that a machine that cannot build the overlay hears it at once.
    step "the overlay entry's tools (tools.sh: seconds when installed, up to 3 min the first time)"
    tools="$(bash tools.sh)"
    { read -r TOOLS; read -r WASM_RUSTC; read -r WASM_CARGO; read -r WASM_LD; } <<< "$tools"
fi

rm -rf pkg
mkdir -p pkg

step "the catalog's data for the main entry: js/parity's \`data\` on the host (about 2 min the first time on 2 cores, seconds after)"
cargo run --quiet --release --locked -p defender-errors-parity --bin data > pkg/data.js

step "the main entry's files"
cp package/package.json package/README.md package/index.d.ts \
   package/index.js package/errors.js package/format.js package/negotiate.js pkg/
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' ../Cargo.toml | head -1)"
grep -q "\"version\": \"$version\"" pkg/package.json || {
    echo "js/package/package.json's version is not the crate's ($version)" >&2
    exit 1
}
printf '   pkg/data.js: %s bytes, %s gzipped\n' "$(wc -c < pkg/data.js)" "$(gzip -9c pkg/data.js | wc -c)"

if [ "$mode" = light ]; then
    step "done: the main entry alone (bash js/build.sh builds the overlay entry too)"
    exit 0
fi

step "the wrapper crate for wasm32-unknown-unknown, with its own std (45 to 90 s on 2 cores; seconds when built)"
# The wasm toolchain by full path: the rustup toolchain stays the default.
# RUSTC_BOOTSTRAP lets the stable compiler build std for the target; the
# panic strategy leaves out the panic machinery's formatting (the library
# never panics on input); paths of this machine stay out of the module.
# For the size: std built with its `optimize_for_size` feature, and the
# library without its precompiled locales (the shipped files are compiled on
# first use instead, into the same patterns; src/catalog/embedded.rs).
RUSTC="$WASM_RUSTC" RUSTDOC="$(dirname "$WASM_RUSTC")/rustdoc" RUSTC_BOOTSTRAP=1 \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$WASM_LD" \
RUSTFLAGS="--remap-path-prefix=$(cd .. && pwd)=defender-errors --remap-path-prefix=$HOME=~ -Zunstable-options -Cpanic=immediate-abort --cfg defender_errors_no_precompiled" \
    "$WASM_CARGO" build --quiet --release --locked -p defender-errors-js \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size \
    --target wasm32-unknown-unknown

step "bindings (wasm-bindgen), then wasm-opt -Oz (about 10 s)"
"$TOOLS/bin/wasm-bindgen" --target web --no-typescript --out-dir pkg --out-name core \
    target/wasm32-unknown-unknown/release/defender_errors_js.wasm
"$TOOLS/node_modules/.bin/wasm-opt" -Oz --strip-debug --strip-producers \
    pkg/core_bg.wasm -o pkg/core_bg.wasm

step "the overlay entry's files"
cp package/overlay.d.ts package/overlay.js package/overlay-node.js package/overlay-api.js package/state.js pkg/
printf '   pkg/core_bg.wasm: %s bytes, %s gzipped\n' \
    "$(wc -c < pkg/core_bg.wasm)" "$(gzip -9c pkg/core_bg.wasm | wc -c)"
