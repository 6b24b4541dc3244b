#!/usr/bin/env bash
# Compatibility (issue 13, point 7): every scenario valid for 0.1.0 (the five shipped with
# it, kept in tests/fixtures/v0.1.0) still validates without a warning under --strict,
# plays a whole game with each built-in strategy, and the results file verifies.
#   tests/compat_v010.sh PATH/TO/upfront
set -u
upfront=$1
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for f in "$root"/tests/fixtures/v0.1.0/*.json; do
  name=$(basename "$f" .json)
  if "$upfront" -q validate --strict "$f"; then pass=$((pass + 1)); else
    echo "FAIL: $name does not validate"; fail=$((fail + 1)); fi
  for s in sales1 sales2 random; do
    out="$tmp/$name-$s.json"
    if "$upfront" -q run "$f" --strategy "$s" --seed 7 --out "$out" &&
       "$upfront" -q verify "$out" --scenario "$f" >/dev/null; then pass=$((pass + 1)); else
      echo "FAIL: $name with $s does not play and verify"; fail=$((fail + 1)); fi
  done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
