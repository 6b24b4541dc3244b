#!/usr/bin/env bash
# Determinism across builds: the same scenario, seed and actions give byte-identical results
# whatever the compiler, optimisation level or sanitizers.
#   tests/determinism.sh BUILD_DIR BUILD_DIR...     (each holds an upfront program)
# Each build replays the golden action logs (tests/golden/*.actions.json), plays every
# built-in strategy on every shipped scenario with two seeds, and runs a small simulation;
# the whole results files and outputs must be identical across the builds. Exit 0 when they
# are, 1 on any difference (the diff is printed), 2 on a usage or run error.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 BUILD_DIR BUILD_DIR..." >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=0

outputs() { # upfront OUTDIR
  local up=$1 out=$2
  mkdir -p "$out"
  cd "$root"
  for a in tests/golden/*.actions.json; do
    local n seed
    n=$(basename "$a" .actions.json)
    seed=${n##*seed}
    "$up" run scenarios/midmarket-quarter.json --actions "$a" --seed "$seed" \
      --out "$out/golden-$n.json" >"$out/golden-$n.txt" || { echo "determinism: $up cannot replay $a" >&2; exit 2; }
    sed -i "s|$out/||" "$out/golden-$n.txt"
  done
  for s in scenarios/*.json; do
    case $s in *schema*) continue ;; esac
    for st in $("$up" strategies | awk '{print $1}'); do
      for seed in 1 99; do
        "$up" run "$s" --strategy "$st" --seed "$seed" \
          --out "$out/$(basename "$s" .json)-$st-$seed.json" >/dev/null
      done
    done
  done
  # games_per_second is a measurement, not a result
  "$up" simulate scenarios/midmarket-quarter.json --strategy random --runs 200 --seed 3 --json |
    sed 's/"games_per_second":[[:space:]]*[0-9.eE+-]*/"games_per_second": 0/' >"$out/simulate.json"
}

first=""
status=0
for b in "$@"; do
  up="$b/upfront"
  [ -x "$up" ] || { echo "determinism: no program at $up" >&2; exit 2; }
  dir="$tmp/$(echo "$b" | tr '/' '_')"
  outputs "$(cd "$(dirname "$up")" && pwd)/upfront" "$dir"
  n=$(ls "$dir" | wc -l)
  if [ -z "$first" ]; then
    first=$dir
    echo "determinism: $b: $n outputs"
  elif diff -r "$first" "$dir" >"$tmp/diff.txt"; then
    echo "determinism: $b: $n outputs, identical to $1"
  else
    echo "determinism: $b differs from $1:" >&2
    head -50 "$tmp/diff.txt" >&2
    status=1
  fi
done
exit $status
