#!/usr/bin/env bash
# Tests the npm package as a user gets it: `npm pack` of js/pkg/ (made by
# build.sh), installed into a scratch project (js/scratch/) beside the test
# tools, then the Node suite, the parity test against the Rust library, the
# TypeScript declarations under `tsc --strict`, and the page in headless
# Chromium. `bash js/test.sh bench` runs the benchmarks instead.
set -euo pipefail
cd "$(dirname "$0")"

[ -f pkg/package.json ] || { echo "no js/pkg/: run js/build.sh first" >&2; exit 1; }
scratch="$PWD/scratch"
rm -rf "$scratch/test" "$scratch"/*.tgz
mkdir -p "$scratch/test"

echo "-- npm pack, and the tarball installed into $scratch"
tarball="$(cd pkg && npm pack --silent --pack-destination "$scratch")"
cp test/package.json "$scratch/"
cp test/*.test.js test/types.test.ts test/tsconfig.json test/bench.mjs "$scratch/test/"
(cd "$scratch" && npm install --silent --no-audit --no-fund --no-save \
    "./$tarball")
tar -tzf "$scratch/$tarball" | sed 's/^/   /'
printf '   %s: %s bytes, %s gzipped\n' "$tarball" "$(wc -c < "$scratch/$tarball")" \
    "$(gzip -9c pkg/core_bg.wasm | wc -c) (the module alone)"

if [ "${1:-}" = bench ]; then
    (cd "$scratch" && LOCALES=../../locales node test/bench.mjs)
    exit 0
fi

echo "-- what the Rust library gives for the parity cases (js/parity, on the host)"
cargo run --quiet --release --locked --manifest-path Cargo.toml -p defender-errors-parity \
    > "$scratch/cases.json"

echo "-- the TypeScript declarations under tsc --strict"
(cd "$scratch" && npx --no-install tsc -p test/tsconfig.json)

echo "-- node --test: the API, parity with Rust, the page in headless Chromium"
(cd "$scratch" && CASES="$scratch/cases.json" node --test --test-reporter=spec test/*.test.js)
