#!/usr/bin/env bash
# Instructions per call of every case of benches/instructions.rs, counted by
# callgrind: (Ir of N2 calls − Ir of N1 calls) / (N2 − N1), so that the setup
# cancels out. Instruction counts repeat within about 1% from run to run, where
# times on a shared machine move by 10%.
#
#   bash benches/count-instructions.sh            # every case, N1=200, N2=2200
#   N1=100 N2=1100 bash benches/count-instructions.sh catalog-message floor
#   BENCH=layer bash benches/count-instructions.sh   # the cases of benches/layer.rs
set -euo pipefail
cd "$(dirname "$0")/.."
N1=${N1:-200}
N2=${N2:-2200}
BENCH=${BENCH:-instructions}
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
binary=$(cargo bench --bench "$BENCH" --all-features --no-run --message-format=json 2>/dev/null |
    BENCH="$BENCH" python3 -c 'import json,os,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == os.environ["BENCH"] and m.get("executable"):
        print(m["executable"])')
[ -x "$binary" ] || { echo "could not build benches/$BENCH.rs" >&2; exit 2; }
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
    mapfile -t cases < <("$binary" --list)
fi
count() {
    local out
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$binary" "$1" "$2" >/dev/null 2>&1
    awk '/^summary:/ { print $2 }' "$out"
    rm -f "$out"
}
echo "| case | Ir per call |"
echo "|---|---:|"
for case in "${cases[@]}"; do
    a=$(count "$case" "$N1")
    b=$(count "$case" "$N2")
    echo "| $case | $(( (b - a) / (N2 - N1) )) |"
done
