#!/usr/bin/env python3
"""CLI tests of 'upfront whatif': the table, the JSON object, the takeover on day 1 against
'upfront run --strategy' on the same seed, and bad input. Every expected figure comes from
running the program, never from a number written here.

usage: test_whatif_cli.py UPFRONT CASE   (run from the source folder)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "report"))
import people  # noqa: E402  (games a person could have played, for the report)

UPFRONT = None
TUTORIAL = "scenarios/tutorial.json"
MIDMARKET = "scenarios/midmarket-quarter.json"
EPOCH = "1767225600"
SANITIZER = re.compile(r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:")

passed = 0
failed = 0


class Result:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what, file=sys.stderr)
    return cond


def run(*args, cwd=None):
    e = dict(os.environ)
    e.setdefault("SDL_VIDEODRIVER", "dummy")
    e.pop("UPFRONT_DATA_DIR", None)
    e["SOURCE_DATE_EPOCH"] = EPOCH
    cmd = [UPFRONT] + [str(a) for a in args]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e, timeout=300,
                       stdin=subprocess.DEVNULL, cwd=cwd)
    err = p.stderr.decode("utf-8", "replace")
    if SANITIZER.search(err):
        check(False, "sanitizer report from %s:\n%s" % (" ".join(cmd), err))
    return Result(p.returncode, p.stdout.decode("utf-8", "replace"), err)


def expect(r, code, what):
    return check(r.code == code, "%s: exit %d, expected %d\nstdout: %s\nstderr: %s"
                 % (what, r.code, code, r.out[:2000], r.err[:2000]))


def days_of(scenario):
    with open(scenario, encoding="utf-8") as f:
        cal = json.load(f)["calendar"]
    return cal["weeks"] * cal["days_per_week"]


def strategy_game(tmp, scenario, strategy, seed, name=None):
    """A results file of a strategy's game; returns (path, its score total)."""
    out = os.path.join(tmp, name or "%s-%s-%d.json" % (os.path.basename(scenario), strategy, seed))
    r = run("run", scenario, "--strategy", strategy, "--seed", seed, "--out", out, "-q")
    expect(r, 0, "run --strategy %s" % strategy)
    with open(out, encoding="utf-8") as f:
        return out, json.load(f)["score"]["total"]


def action_list_game(tmp, scenario, source, seed, name, keep=None):
    """The actions of results file source as a plain action list (the first keep of them),
    replayed with run --actions on seed: a person's game as far as the program can tell."""
    with open(source, encoding="utf-8") as f:
        actions = json.load(f)["actions"]
    if keep is not None:
        actions = actions[:keep]
    lst = os.path.join(tmp, name + "-actions.json")
    with open(lst, "w", encoding="utf-8") as f:
        json.dump(actions, f)
    out = os.path.join(tmp, name + ".json")
    r = run("run", scenario, "--actions", lst, "--seed", seed, "--out", out, "-q")
    expect(r, 0, "run --actions " + lst)
    return out


def whatif_json(path, *args):
    r = run("whatif", path, "--json", *args)
    if not expect(r, 0, "whatif %s --json %s" % (path, " ".join(args))):
        return None
    try:
        return json.loads(r.out)
    except ValueError as e:
        check(False, "whatif --json prints one JSON object: %s\n%s" % (e, r.out[:500]))
        return None


# ---------------------------------------------------------------- cases

def case_check(tmp):
    """The issue's own check: a random game on the tutorial replayed as an action list has
    one takeover per day; day 1 is sales2's own game on the seed; and for a sales1 game the
    takeover on day 1 scores more than the one on the last day."""
    days = days_of(TUTORIAL)
    for seed in (3, 11, 42):
        src, _ = strategy_game(tmp, TUTORIAL, "random", seed)
        r_json = action_list_game(tmp, TUTORIAL, src, seed, "random-list-%d" % seed)
        d = whatif_json(r_json, "--strategy", "sales2")
        if not d:
            continue
        check(len(d["takeovers"]) == days, "seed %d: one takeover per day (%d), got %d"
              % (seed, days, len(d["takeovers"])))
        check([t["day"] for t in d["takeovers"]] == list(range(1, days + 1)), "days in order")
        _, par = strategy_game(tmp, TUTORIAL, "sales2", seed)
        check(d["takeovers"][0]["score"] == par,
              "seed %d: the takeover on day 1 (%d) is 'run --strategy sales2' (%d)"
              % (seed, d["takeovers"][0]["score"], par))
        check(d["seed"] == seed and d["strategy"] == "sales2", "seed and strategy recorded")
        with open(r_json, encoding="utf-8") as f:
            own = json.load(f)["score"]["total"]
        check(d["score"] == own, "score is the trainee's own (%d), got %d" % (own, d["score"]))
    for seed in (1, 2, 3, 4, 5):
        s1, _ = strategy_game(tmp, TUTORIAL, "sales1", seed)
        d = whatif_json(s1, "--strategy", "sales2")
        if d:
            check(d["takeovers"][0]["score"] > d["takeovers"][-1]["score"],
                  "seed %d: sales2 from day 1 (%d) beats sales2 from the last day (%d) of a sales1 game"
                  % (seed, d["takeovers"][0]["score"], d["takeovers"][-1]["score"]))


def case_table(tmp):
    src, _ = strategy_game(tmp, MIDMARKET, "sales1", 4)
    d = whatif_json(src)
    r = run("whatif", src)
    expect(r, 0, "whatif table")
    check(r.err == "", "whatif writes nothing to stderr: %r" % r.err)
    lines = r.out.splitlines()
    check(lines[0].startswith("midmarket-quarter, seed 4: %d points" % d["score"]),
          "the first line names the scenario, seed and score: %r" % lines[0])
    check("sales2 (Sales 2.0)" in lines[1], "the default strategy is sales2: %r" % lines[1])
    rows = [l for l in lines if re.match(r"^ +\d+ +\d+ +\d+ ", l)]
    check(len(rows) == days_of(MIDMARKET), "a row per day: %d" % len(rows))
    for row, t in zip(rows, d["takeovers"]):
        f = row.split()
        check(int(f[0]) == t["day"] and int(f[2]) == t["score"],
              "row %r shows day %d's score %d" % (row, t["day"], t["score"]))
        gap = t["score"] - d["score"]
        check(f[3] == ("+%d" % gap if gap > 0 else "%d" % gap), "row %r: %d against yours" % (row, gap))
        check(int(f[4].replace(",", "")) == t["revenue"] and int(f[6]) == t["deals_won"],
              "row %r: revenue and deals" % row)
    tp = d["turning_point"]
    check(tp is not None, "sales2 gains on a sales1 game from some day")
    if tp:
        marked = [l for l in rows if l.endswith("<- the gap opened")]
        check(len(marked) == 1 and int(marked[0].split()[0]) == tp["day"], "the turning day is marked")
        check(lines[-1] == tp["sentence"], "the last line is the sentence: %r" % lines[-1])
        check(tp["sentence"].startswith("From day %d, Sales 2.0 would have " % tp["day"]),
              "sentence: %r" % tp["sentence"])
        day = d["takeovers"][tp["day"] - 1]
        check(tp["score_gain"] == day["score"] - d["score"], "score_gain is the takeover minus yours")
        check(tp["revenue_gain"] == day["revenue"] - d["revenue"], "revenue_gain likewise")
    # -q changes nothing: the table is data
    r2 = run("-q", "whatif", src)
    check(r2.code == 0 and r2.out == r.out, "-q prints the same table")


def case_json(tmp):
    src, _ = strategy_game(tmp, TUTORIAL, "sales1", 7)
    r = run("whatif", src, "--json")
    expect(r, 0, "whatif --json")
    d = json.loads(r.out)
    check(r.out.endswith("}\n"), "one object and a newline")
    for key in ("strategy", "seed", "score", "takeovers", "scenario", "revenue", "deals_won",
                "days", "finished", "turning_point"):
        check(key in d, "whatif --json has %s" % key)
    check(isinstance(d["seed"], int) and isinstance(d["score"], int), "seed and score are integers")
    check(d["scenario"] == "tutorial" and d["days"] == days_of(TUTORIAL) and d["finished"] is True,
          "scenario, days, finished")
    for t in d["takeovers"]:
        check(sorted(t) == ["day", "deals_won", "revenue", "score"], "takeover keys: %r" % sorted(t))
        check(all(isinstance(t[k], int) for k in t), "takeover figures are integers: %r" % t)
    tp = d["turning_point"]
    if tp is not None:
        check(sorted(tp) == ["cause", "day", "revenue_gain", "score_gain", "sentence"], "turning_point keys")
        check(tp["cause"] in ("burned", "pressure_loss", "no_decision", "generic_exec_calls", "pressure",
                              "generic_touches", "idle", "little_research", "other"), "cause %r" % tp["cause"])
        best = max(t["score"] for t in d["takeovers"])
        check(0 < tp["score_gain"] <= best - d["score"], "the gain is at most the best takeover's")
    # the same seed in a results file written elsewhere: --scenario finds the scenario
    moved = os.path.join(tmp, "elsewhere")
    os.mkdir(moved)
    shutil.copy(src, moved)
    base = os.path.basename(src)
    r = run("whatif", base, "--json", "--scenario", os.path.abspath(TUTORIAL), cwd=moved)
    expect(r, 0, "whatif --scenario from another folder")
    check(r.out and json.loads(r.out)["takeovers"] == d["takeovers"], "the same takeovers via --scenario")
    # a seed past 2^53 stays exact
    big = 2 ** 63 + 5
    src_big, _ = strategy_game(tmp, TUTORIAL, "random", big, name="big.json")
    r = run("whatif", src_big, "--json")
    check(r.code == 0 and ('"seed": %d' % big) in r.out, "a 64-bit seed printed whole")


def case_strategies(tmp):
    """Each strategy's takeover on day 1 is its own game on the seed; a strategy that takes
    over its own game from day 1 scores what it scored."""
    src, _ = strategy_game(tmp, TUTORIAL, "random", 9)
    for name in ("sales1", "sales2", "random"):
        d = whatif_json(src, "--strategy", name)
        _, own = strategy_game(tmp, TUTORIAL, name, 9)
        if d:
            check(d["strategy"] == name, "strategy %s recorded" % name)
            check(d["takeovers"][0]["score"] == own, "%s's takeover on day 1 (%d) is its own game (%d)"
                  % (name, d["takeovers"][0]["score"], own))
    s2, own = strategy_game(tmp, TUTORIAL, "sales2", 9)
    d = whatif_json(s2, "--strategy", "sales2")
    if d:
        check(d["score"] == own and d["takeovers"][0]["score"] == own, "sales2 over its own game on day 1")
        if d["turning_point"] is None:
            r = run("whatif", s2)
            check("would not have beaten your %d points from any day" % own in r.out,
                  "no turning point is said in words: %r" % r.out[-200:])


def case_unfinished(tmp):
    src, _ = strategy_game(tmp, TUTORIAL, "sales1", 6)
    with open(src, encoding="utf-8") as f:
        actions = json.load(f)["actions"]
    # up to the first action of day 3
    keep = next(i for i, a in enumerate(actions) if a["day"] == 3) + 1
    part = action_list_game(tmp, TUTORIAL, src, 6, "part", keep=keep)
    d = whatif_json(part)
    if d:
        check(d["finished"] is False, "an unfinished game says so")
        check(len(d["takeovers"]) == 3, "a takeover per day reached (3), got %d" % len(d["takeovers"]))
    r = run("whatif", part)
    check(r.code == 0 and "(unfinished)" in r.out.splitlines()[0], "the table says unfinished")


def case_bad_input(tmp):
    def one_line(r, what, code):
        expect(r, code, what)
        lines = [l for l in r.err.splitlines() if l.strip()]
        check(len(lines) >= 1 and r.out == "", "%s: an error on stderr, nothing on stdout: %r %r"
              % (what, r.err, r.out))
        return lines
    r = run("whatif")
    lines = one_line(r, "no file", 2)
    check(len(lines) == 1 and "expected a results file" in lines[0], "no file: %r" % r.err)
    src, _ = strategy_game(tmp, TUTORIAL, "sales1", 1)
    r = run("whatif", src, src)
    one_line(r, "two files", 2)
    r = run("whatif", src, "--strategy", "sales3")
    one_line(r, "unknown strategy", 2)
    check("sales2" in r.err, "an unknown strategy lists the names: %r" % r.err)
    r = run("whatif", src, "--strategy")
    one_line(r, "--strategy without a name", 2)
    r = run("whatif", src, "--bogus")
    one_line(r, "unknown option", 2)
    r = run("whatif", os.path.join(tmp, "missing.json"))
    one_line(r, "missing file", 2)
    check("cannot read" in r.err, "missing file: %r" % r.err)
    bad = os.path.join(tmp, "not-results.json")
    with open(bad, "w") as f:
        f.write('{"hello": 1}\n')
    r = run("whatif", bad)
    one_line(r, "not a results file", 1)
    check("not a valid results file" in r.err, "not a results file: %r" % r.err)
    garbage = os.path.join(tmp, "garbage.json")
    with open(garbage, "wb") as f:
        f.write(b"\x00\xff{[")
    one_line(run("whatif", garbage), "garbage", 1)
    # a doctored score: verification fails, nothing is computed
    with open(src, encoding="utf-8") as f:
        d = json.load(f)
    d["score"]["total"] += 100
    doctored = os.path.join(tmp, "doctored.json")
    with open(doctored, "w", encoding="utf-8") as f:
        json.dump(d, f)
    r = run("whatif", doctored, "--json")
    one_line(r, "a doctored results file", 1)
    # a scenario that is not the recorded one
    r = run("whatif", src, "--scenario", MIDMARKET)
    one_line(r, "another scenario", 1)
    check("hash mismatch" in r.err, "another scenario: %r" % r.err)
    # --help
    r = run("whatif", "--help")
    expect(r, 0, "whatif --help")
    check(r.out.startswith("usage: upfront whatif RESULTS.json"), "whatif --help: %r" % r.out[:200])
    check("upfront whatif game.json" in r.out, "whatif --help has examples")
    r = run("--help")
    check(re.search(r"^  upfront whatif ", r.out, re.M) is not None, "upfront --help lists whatif")


def case_report(tmp):
    """A rewound game in the class report: flagged rewound, never ranked; the class's turning
    points are each ranked trainee's whatif turning point; run --actions keeps the record."""
    cls = os.path.join(tmp, "class")
    os.mkdir(cls)
    seed = 7
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, SDL_VIDEODRIVER="dummy")
    env.pop("UPFRONT_DATA_DIR", None)
    files = {}
    for k, (name, strategy) in ((0, ("Ana", "sales1")), (1, ("Ben", "random")), (7, ("Cy", "sales2"))):
        out = os.path.join(cls, name + ".json")
        people.play_person(UPFRONT, TUTORIAL, seed, name, out=out, variant=k, strategy=strategy, env=env, tmp=tmp)
        files[name] = out
    # Ana rewinds to day 3 and then ends every day: another game, recorded as rewound
    with open(files["Ana"], encoding="utf-8") as f:
        ana = json.load(f)["actions"]
    practice = [a for a in ana if a["day"] < 3]
    days = days_of(TUTORIAL)
    practice += [{"day": d, "act": "end_day"} for d in range(3, days + 1)]
    lst = os.path.join(tmp, "practice-actions.json")
    with open(lst, "w", encoding="utf-8") as f:
        json.dump(practice, f)
    pr = os.path.join(cls, "Ana-practice.json")
    expect(run("run", TUTORIAL, "--actions", lst, "--seed", seed, "--player", "Ana", "--out", pr, "-q"), 0,
           "Ana's practice game")
    with open(pr, encoding="utf-8") as f:
        d = json.load(f)
    d["rewound"] = {"day": 3}
    d["started"] = "2026-01-02T09:00:00Z"
    with open(pr, "w", encoding="utf-8") as f:
        json.dump(d, f, indent=2)
    r = run("verify", pr)
    check(r.code == 0 and ": ok (score" in r.out, "a rewound game verifies: %r %r" % (r.out, r.err))
    # replayed, the record stays (byte for byte)
    again = os.path.join(tmp, "again.json")
    expect(run("run", TUTORIAL, "--actions", pr, "--out", again, "-q"), 0, "run --actions on a rewound game")
    with open(again, encoding="utf-8") as f:
        check(json.load(f).get("rewound") == {"day": 3}, "run --actions keeps the rewound record")
    csv_path = os.path.join(tmp, "class.csv")
    html_path = os.path.join(tmp, "class.html")
    r = run("report", cls, "--scenario", TUTORIAL, "--seed", seed, "--csv", csv_path, "--html", html_path)
    expect(r, 0, "report of a class with a rewound game")
    import csv
    with open(csv_path, encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    flagged = [x for x in rows if "rewound" in x["flags"]]
    check(len(flagged) == 1 and flagged[0]["player"] == "Ana" and flagged[0]["rank"] == "" and
          "rewound:day 3" in flagged[0]["flags"], "the rewound game is flagged and not ranked: %r" % flagged)
    ranked = {x["player"] for x in rows if x["rank"]}
    if ranked != {"Ana", "Ben", "Cy"}:
        print(r.out, file=sys.stderr)
    check(ranked == {"Ana", "Ben", "Cy"}, "Ana's own game is ranked, the practice is not: %r" % ranked)
    # the class's turning points are each ranked trainee's whatif turning point
    turns = {}
    for name in ("Ana", "Ben", "Cy"):
        w = whatif_json(files[name])
        if w and w["turning_point"]:
            turns[name] = w["turning_point"]
    check(len(turns) >= 1, "some trainee has a turning point")
    text = r.out
    check("Turning points (the day each trainee lost the most against Sales 2.0 taking over)" in text,
          "the text report has the turning points")
    section = text[text.find("Turning points"):]
    for name, tp in turns.items():
        check(tp["sentence"] in section, "%s's turning point is in the report: %r" % (name, tp["sentence"]))
        check(re.search(r"\bdays? [^\n]*\b%d\b" % tp["day"], section) is not None,
              "%s's day %d is counted" % (name, tp["day"]))
    check("Ana, day %d" % turns["Ana"]["day"] in section if "Ana" in turns else True,
          "Ana's line names her day")
    with open(html_path, encoding="utf-8") as f:
        html = f.read()
    check('id="g0-turning"' in html and 'href="#g0-turning"' in html, "the HTML has a linked turning-points section")
    for tp in turns.values():
        check(tp["sentence"].replace("&", "&amp;") in html, "the HTML names %r" % tp["sentence"])
    check("<i>rewound</i>" in html and "rewound:day 3" in html, "the HTML explains the rewound flag")


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}


def main():
    global UPFRONT
    if len(sys.argv) != 3 or sys.argv[2] not in CASES:
        print(__doc__, file=sys.stderr)
        print("cases: " + " ".join(sorted(CASES)), file=sys.stderr)
        return 2
    UPFRONT = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="upfront-whatif-")
    try:
        CASES[sys.argv[2]](tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
