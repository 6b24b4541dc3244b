#!/usr/bin/env python3
"""Strategies read the scenario: in a variant of the default scenario where every buyer
prefers fax (affinity 2.0) and dislikes every other channel (0.5), sales2 must fax at least
10 points more of its touches than on the scenario itself (issue 13, point 5).

usage: channel_variant.py UPFRONT SCENARIO"""
import json
import os
import subprocess
import sys
import tempfile


def fax_share(upfront, path):
    r = subprocess.run([upfront, "simulate", path, "--strategy", "sales2", "--runs", "500",
                        "--seed", "1", "--json"], capture_output=True, text=True, check=True)
    return json.loads(r.stdout)["channel_share"]["fax"]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    upfront, scenario = sys.argv[1], sys.argv[2]
    with open(scenario, encoding="utf-8") as f:
        d = json.load(f)
    for p in d["prospects"]:
        p["affinity"] = {c: 0.5 for c in ("phone", "email", "mail", "courier", "gift", "book")}
        p["affinity"]["fax"] = 2.0
    with tempfile.TemporaryDirectory() as tmp:
        variant = os.path.join(tmp, "fax.json")
        with open(variant, "w", encoding="utf-8") as f:
            json.dump(d, f)
        before, after = fax_share(upfront, scenario), fax_share(upfront, variant)
    print(f"sales2's fax share: {before:.1%} on the scenario, {after:.1%} when every buyer prefers fax")
    ok = after - before >= 0.10
    print("1 passed, 0 failed" if ok else "0 passed, 1 failed")
    sys.exit(0 if ok else 1)


main()
