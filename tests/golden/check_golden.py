#!/usr/bin/env python3
"""Golden replay: replays tests/golden/NAME.actions.json on its scenario and seed with
`upfront run --actions`, and compares the score and state hash with NAME.expected.json.

usage: check_golden.py UPFRONT NAME   (run from the source folder)
"""
import json
import os
import subprocess
import sys
import tempfile

KEYS = ("total", "results", "process", "efficiency", "penalties")


def main():
    if len(sys.argv) != 3:
        print("usage: check_golden.py UPFRONT NAME", file=sys.stderr)
        return 2
    upfront, name = os.path.abspath(sys.argv[1]), sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    regen = "tests/golden/regenerate.sh %s" % os.path.relpath(upfront)
    with open(os.path.join(here, name + ".expected.json"), encoding="utf-8") as f:
        want = json.load(f)
    actions = os.path.join(here, name + ".actions.json")
    with tempfile.TemporaryDirectory(prefix="upfront-golden-") as tmp:
        out = os.path.join(tmp, "out.json")
        cmd = [upfront, "run", want["scenario"], "--actions", actions, "--seed", want["seed"],
               "--out", out]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
        if p.returncode != 0:
            sys.stderr.write(p.stderr.decode("utf-8", "replace"))
            print("golden %s: the recorded actions no longer replay (exit %d): %s"
                  % (name, p.returncode, " ".join(cmd)), file=sys.stderr)
            print("if the game changed on purpose, regenerate the goldens with:\n  " + regen,
                  file=sys.stderr)
            print("0 passed, 1 failed")
            return 1
        with open(out, encoding="utf-8") as f:
            got = json.load(f)
    problems = []
    for k in KEYS:
        if got["score"][k] != want["score"][k]:
            problems.append("score.%s: expected %s, got %s" % (k, want["score"][k], got["score"][k]))
    if got["state_hash"] != want["state_hash"]:
        problems.append("state_hash: expected %s, got %s" % (want["state_hash"], got["state_hash"]))
    if got["scenario"]["hash"] != want["scenario_hash"]:
        problems.append("the scenario changed: hash %s, the golden was recorded on %s"
                        % (got["scenario"]["hash"], want["scenario_hash"]))
    if problems:
        for p_ in problems:
            print("golden %s: %s" % (name, p_), file=sys.stderr)
        print("if the game changed on purpose, regenerate the goldens with:\n  " + regen,
              file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    print("golden %s: score %d, state %s" % (name, got["score"]["total"], got["state_hash"]))
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
