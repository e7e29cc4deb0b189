#!/usr/bin/env bash
# Tests the npm package as a user gets it: `npm pack` of js/pkg/ (made by
# build.sh), installed into a scratch project (js/scratch/) beside the test
# tools; then the size budget of what a browser gets (esbuild's bundle of
# `import { Catalog } from 'defender-errors'`, at most 15,000 bytes
# gzipped), the parity test against the Rust library, the TypeScript
# declarations under `tsc --strict`, and the Node suite with the pages in
# headless Chromium. Without the overlay entry (`bash js/build.sh light`),
# its tests are skipped, saying so.
#
# `bash js/test.sh bench` runs the benchmarks instead, in Node and in
# Chromium, and fails when a goal of BENCHMARKS.md is not met.
set -euo pipefail
cd "$(dirname "$0")"

BUDGET=15000
[ -f pkg/package.json ] || { echo "no js/pkg/: run js/build.sh first" >&2; exit 1; }
scratch="$PWD/scratch"
rm -rf "$scratch/test" "$scratch/size" "$scratch/examples" "$scratch"/*.tgz
mkdir -p "$scratch/test" "$scratch/size"
if [ -f pkg/core_bg.wasm ]; then overlay=1; else overlay=0; fi

echo "-- npm pack, and the tarball installed into $scratch (about 30 s the first time)"
tarball="$(cd pkg && npm pack --silent --pack-destination "$scratch")"
cp test/package.json "$scratch/"
cp test/*.test.js test/*.mjs test/*.test.ts test/tsconfig*.json "$scratch/test/"
mkdir -p "$scratch/readmes"
cp package/README.md "$scratch/readmes/package.md"
cp ../README.md "$scratch/readmes/repository.md"
(cd "$scratch" && npm install --silent --no-audit --no-fund --no-save "./$tarball")
tar -tzf "$scratch/$tarball" | sed 's/^/   /'
printf '   %s: %s bytes\n' "$tarball" "$(wc -c < "$scratch/$tarball")"
[ "$overlay" = 1 ] || echo "   (no overlay entry: built with \`js/build.sh light\`; its tests are skipped)"

echo "-- the size of what a browser gets: esbuild --bundle --minify --format=esm --platform=browser of the main entry"
echo "export { Catalog } from 'defender-errors';" > "$scratch/size/entry.js"
(cd "$scratch" && npx --no-install esbuild size/entry.js --bundle --minify --format=esm \
    --platform=browser --outdir=size/out --log-level=warning)
size=0
for file in "$scratch"/size/out/*; do
    gz="$(gzip -9c "$file" | wc -c)"
    printf '   %s: %s bytes, %s gzipped\n' "${file#"$scratch"/}" "$(wc -c < "$file")" "$gz"
    size=$((size + gz))
done
printf '   every file emitted: %s bytes gzipped (gzip -9); the budget is %s\n' "$size" "$BUDGET"
if [ "$size" -gt "$BUDGET" ]; then
    echo "the browser build is over its budget of $BUDGET bytes gzipped" >&2
    exit 1
fi

if [ "${1:-}" = bench ]; then
    echo "-- the benchmarks, in Node and in headless Chromium (about 3 min)"
    (cd "$scratch" && LOCALES=../../locales node test/bench.mjs)
    exit 0
fi

echo "-- what the Rust library gives for the parity cases (js/parity, on the host)"
cargo run --quiet --release --locked --manifest-path Cargo.toml -p defender-errors-parity \
    --bin defender-errors-parity > "$scratch/cases.json"

echo "-- the TypeScript declarations under tsc --strict"
if [ "$overlay" = 1 ]; then tsconfig=test/tsconfig.json; else tsconfig=test/tsconfig.light.json; fi
(cd "$scratch" && npx --no-install tsc -p "$tsconfig")

echo "-- node --test: the API, parity with Rust, the pages in headless Chromium"
(cd "$scratch" && OVERLAY="$overlay" CASES="$scratch/cases.json" READMES="$scratch/readmes" \
    node --test --test-reporter=spec test/*.test.js)
