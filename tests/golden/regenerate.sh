#!/usr/bin/env bash
# Regenerates the golden replays after an intended change of the game or the scenario:
#   tests/golden/regenerate.sh [PATH/TO/upfront]      (default: build/upfront)
# Each golden is a strategy game on the default scenario with a fixed seed: its action log
# (NAME.actions.json) and its expected score and state hash (NAME.expected.json).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
upfront=${1:-$root/build/upfront}
upfront=$(cd "$(dirname "$upfront")" && pwd)/$(basename "$upfront")
cd "$root"
scenario=scenarios/midmarket-quarter.json
goldens=(
  "sales2-seed1 sales2 1"
  "sales2-seed42 sales2 42"
  "sales1-seed1 sales1 1"
  "random-seed7 random 7"
)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for g in "${goldens[@]}"; do
  read -r name strategy seed <<<"$g"
  SOURCE_DATE_EPOCH=0 "$upfront" run "$scenario" --strategy "$strategy" --seed "$seed" \
    --out "$tmp/$name.json" >/dev/null
  python3 - "$tmp/$name.json" "tests/golden/$name" "$scenario" "$strategy" <<'PY'
import json, sys
src, dst, scenario, strategy = sys.argv[1:5]
d = json.load(open(src, encoding="utf-8"))
with open(dst + ".actions.json", "w", encoding="utf-8") as f:
    f.write("[\n" + ",\n".join(json.dumps(a) for a in d["actions"]) + "\n]\n")
want = {"scenario": scenario, "scenario_hash": d["scenario"]["hash"], "strategy": strategy,
        "seed": d["seed"],
        "score": {k: d["score"][k] for k in ("total", "results", "process", "efficiency",
                                             "penalties")},
        "state_hash": d["state_hash"]}
with open(dst + ".expected.json", "w", encoding="utf-8") as f:
    json.dump(want, f, indent=2)
    f.write("\n")
print("%s: score %d, state %s, %d actions" % (dst, d["score"]["total"], d["state_hash"],
                                              len(d["actions"])))
PY
done
