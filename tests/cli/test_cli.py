#!/usr/bin/env python3
"""CLI tests of every upfront subcommand: output, exit codes and error messages.

usage: test_cli.py UPFRONT CASE   (run from the source folder; CASE is one of CASES below)

Every invocation also fails the test when stderr carries a sanitizer report. Prints
"N passed, N failed" and exits 1 on any failure.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "report"))
import people  # noqa: E402  (games a person could have played, for the report)

UPFRONT = None
SCENARIO = "scenarios/midmarket-quarter.json"
TINY = "tests/fixtures/tiny.json"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
DIAG_LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (error|warning): "
                       r"(?P<pointer>/[^:]*|): ?.+$")
SANITIZER = re.compile(r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:")

passed = 0
failed = 0


class Result:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err


def run(*args, env=None, stdout_file=None, cwd=None):
    """Runs upfront with args; returns Result. Fails on a sanitizer report or a timeout."""
    e = dict(os.environ)
    e.setdefault("SDL_VIDEODRIVER", "dummy")
    e.pop("UPFRONT_DATA_DIR", None)
    if env:
        e.update(env)
    for k in [k for k, v in e.items() if v is None]:  # env={"HOME": None} unsets it
        del e[k]
    cmd = [UPFRONT] + [str(a) for a in args]
    if stdout_file:
        with open(stdout_file, "wb") as f:
            p = subprocess.run(cmd, stdout=f, stderr=subprocess.PIPE, env=e, timeout=600,
                               stdin=subprocess.DEVNULL, cwd=cwd)
        out = b""
    else:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e,
                           timeout=600, stdin=subprocess.DEVNULL, cwd=cwd)
        out = p.stdout
    err = p.stderr.decode("utf-8", "replace")
    if SANITIZER.search(err):
        check(False, "sanitizer report from %s:\n%s" % (" ".join(cmd), err))
    return Result(p.returncode, out.decode("utf-8", "replace"), err)


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what, file=sys.stderr)
    return cond


def expect(r, code, what):
    ok = check(r.code == code, "%s: exit %d, expected %d\nstdout: %s\nstderr: %s"
               % (what, r.code, code, r.out[:2000], r.err[:2000]))
    return ok


def one_line_error(r, what):
    lines = [l for l in r.err.splitlines() if l.strip()]
    check(len(lines) == 1 and lines[0].startswith("upfront"),
          "%s: expected one error line starting with 'upfront', got %r" % (what, r.err))


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def read(path):
    with open(path, "rb") as f:
        return f.read()


# ---------------------------------------------------------------- cases

def case_help(tmp):
    r = run("--help")
    expect(r, 0, "--help")
    for cmd in ("play", "validate", "run", "simulate", "balance", "strategies", "verify",
                "report", "bench"):
        check(("upfront " + cmd) in r.out, "--help mentions %s" % cmd)
    check(r.err == "", "--help writes nothing to stderr")
    r = run("--version")
    expect(r, 0, "--version")
    check(r.out == "upfront 0.2.0\n", "--version prints 'upfront 0.2.0', got %r" % r.out)
    for cmd in ("play", "validate", "run", "simulate", "balance", "strategies", "verify",
                "report", "bench"):
        r = run(cmd, "--help")
        expect(r, 0, cmd + " --help")
        check(r.out.startswith("usage: upfront " + cmd), cmd + " --help prints its usage")
    r = run("balance", "--help")
    for name in BALANCE_CHECKS:
        check(re.search(r"^  %s +\S" % name, r.out, re.M) is not None,
              "balance --help explains %s: %r" % (name, r.out))
    for bound in ("10 points", "15-45%", "70-115%", "60%", "1.5-8", "80%", "0.6"):
        check(bound in r.out, "balance --help gives the bound %s" % bound)


def case_usage(tmp):
    cases = [
        (("frobnicate",), "unknown command"),
        (("--frobnicate",), "unknown option"),
        (("validate",), "validate without files"),
        (("validate", "--bogus", SCENARIO), "validate unknown option"),
        (("run", SCENARIO, "--strategy", "sales2"), "run without --out"),
        (("run", SCENARIO, "--out", tmp + "/x.json"), "run without --actions or --strategy"),
        (("run", SCENARIO, "--strategy", "sales2", "--actions", "a.json", "--out",
          tmp + "/x.json"), "run with both --actions and --strategy"),
        (("run", "--strategy", "sales2", "--out", tmp + "/x.json"), "run without scenario"),
        (("run", SCENARIO, "--strategy", "sales2", "--seed", "-1", "--out", tmp + "/x.json"),
         "run with a negative seed"),
        (("run", SCENARIO, "--strategy", "sales2", "--seed", "12x", "--out", tmp + "/x.json"),
         "run with a malformed seed"),
        (("run", SCENARIO, "--strategy", "sales2", "--seed", "18446744073709551616", "--out",
          tmp + "/x.json"), "run with a seed over 2^64-1"),
        (("run", SCENARIO, "--strategy", "nosuch", "--out", tmp + "/x.json"),
         "run with an unknown strategy"),
        (("run", SCENARIO, "--strategy"), "option without its value"),
        (("simulate", SCENARIO, "--strategy", "sales2"), "simulate without --runs"),
        (("simulate", SCENARIO, "--runs", "5"), "simulate without --strategy"),
        (("simulate", SCENARIO, "--strategy", "sales2", "--runs", "0"), "simulate --runs 0"),
        (("simulate", SCENARIO, "--strategy", "sales2", "--runs", "abc"), "simulate --runs abc"),
        (("simulate", SCENARIO, "--strategy", "sales2", "--runs", "5", "--threads", "-2"),
         "simulate --threads -2"),
        (("simulate", SCENARIO, "--strategy", "sales2", "--runs", "5", "--runs", "6"),
         "an option given twice"),
        (("strategies", "extra"), "strategies with an argument"),
        (("balance",), "balance without a scenario"),
        (("balance", SCENARIO, "--runs", "0"), "balance --runs 0"),
        (("verify",), "verify without files"),
        (("report",), "report without files"),
        (("bench", "extra"), "bench with an argument"),
        (("play", "a.json", "b.json"), "play with two scenarios"),
        (("play", "--seed", "x"), "play with a malformed seed"),
        (("strategies", "--json=1"), "a value given to a flag"),
    ]
    for args, what in cases:
        r = run(*args)
        expect(r, 2, what)
        one_line_error(r, what)
        check(r.out == "", what + ": nothing on stdout")
    r = run("play", tmp + "/missing.json")
    expect(r, 2, "play with a missing scenario file")
    check("missing.json" in r.err, "play names the missing file")


def case_strategies(tmp):
    r = run("strategies")
    expect(r, 0, "strategies")
    names = [l.split()[0] for l in r.out.splitlines() if l.strip()]
    for n in ("sales1", "sales2", "random"):
        check(n in names, "strategies lists " + n)
    for l in r.out.splitlines():
        check(len(l.split(None, 1)) == 2, "each strategy line has a description: %r" % l)


def case_validate(tmp):
    r = run("validate", SCENARIO, TINY)
    expect(r, 0, "validate the shipped scenario and the fixture")
    check(SCENARIO + ": ok" in r.out, "validate says ok")
    shipped = sorted(os.path.join("scenarios", f) for f in os.listdir("scenarios")
                     if f.endswith(".json") and f != "scenario.schema.json")
    r = run("validate", *shipped)
    expect(r, 0, "validate the shipped scenarios")
    everything = sorted(os.path.join("scenarios", f) for f in os.listdir("scenarios")
                        if f.endswith(".json"))
    r = run("validate", *everything)
    expect(r, 0, "validate scenarios/*.json (the schema beside them is skipped)")
    check("scenario.schema.json: skipped" in r.out, "the JSON Schema is named as skipped: %r" % r.out)

    base = json.load(open(TINY, encoding="utf-8"))
    bad = dict(base)
    bad["quota"] = -5
    bad["quotaa"] = 1
    bad_path = os.path.join(tmp, "bad.json")
    write(bad_path, json.dumps(bad, indent=2))
    r = run("validate", bad_path)
    expect(r, 1, "validate an invalid scenario")
    lines = [l for l in r.err.splitlines() if l.strip()]
    check(len(lines) >= 2, "every problem is reported: %r" % r.err)
    for l in lines:
        m = DIAG_LINE.match(l)
        if check(m is not None, "diagnostic line format: %r" % l):
            check(m.group("file") == bad_path and int(m.group("line")) > 0,
                  "diagnostic names file and line: %r" % l)
    check(any("/quota" in l for l in lines), "the quota problem is named by pointer")
    check(any("quotaa" in l and "quota" in l for l in lines), "the unknown key is named")

    r = run("validate", "--json", bad_path, SCENARIO)
    expect(r, 1, "validate --json on an invalid scenario")
    try:
        arr = json.loads(r.out)
    except ValueError:
        arr = None
    if check(isinstance(arr, list) and len(arr) >= 2, "--json prints a JSON array: %r" % r.out):
        for d in arr:
            for k in ("file", "line", "column", "pointer", "severity", "message"):
                check(k in d, "--json diagnostic has %s: %r" % (k, d))
            check(d.get("file") == bad_path, "only the invalid file has diagnostics")
    big = os.path.join(tmp, "big.json")
    write(big, "{" + " " * (4 * 1024 * 1024) + "}")
    r = run("validate", big)
    expect(r, 1, "validate a scenario past the 4 MiB cap (read, and invalid)")
    check(r.err.startswith(big + ":1:1: error: expected a scenario of at most 4194304 bytes"),
          "the size cap is reported at the first byte: %r" % r.err[:200])
    r = run("validate", "--json", SCENARIO)
    expect(r, 0, "validate --json on a valid scenario")
    check(r.out.strip() in ("[]", "[\n]"), "valid scenario --json is an empty array: %r" % r.out)

    syntax = os.path.join(tmp, "syntax.json")
    write(syntax, '{\n  "format": 1,\n  "id": "x",,\n}\n')
    r = run("validate", syntax)
    expect(r, 1, "validate a syntax error")
    check(re.search(r"syntax\.json:3:\d+: error:", r.err) is not None,
          "syntax error positioned on line 3: %r" % r.err)

    for hostile in ("", "\0\0\0", "[" * 5000, '{"a":' * 3000, "\xef\xbb\xbf{}", "1e999999",
                    '"\\ud800"', "nul"):
        p = os.path.join(tmp, "hostile.json")
        with open(p, "wb") as f:
            f.write(hostile.encode("utf-8", "surrogatepass"))
        r = run("validate", p)
        expect(r, 1, "validate hostile input %r" % hostile[:20])

    r = run("validate", os.path.join(tmp, "missing.json"))
    expect(r, 2, "validate a missing file")
    check("missing.json" in r.err, "the missing file is named")
    r = run("validate", tmp)
    expect(r, 2, "validate a folder")
    r = run("validate", os.path.join(tmp, "missing.json"), bad_path)
    expect(r, 2, "unreadable wins over invalid")

    r = run("validate", "--strict", SCENARIO)
    check(r.code in (0, 1), "validate --strict exits 0 or 1")


def results_of(tmp, name, *args, env=None):
    out = os.path.join(tmp, name)
    r = run("run", SCENARIO, *args, "--out", out, env=env)
    return r, out


def case_run(tmp):
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    r, a = results_of(tmp, "a.json", "--strategy", "sales2", "--seed", "7", "--player", "Ada",
                      env=env)
    expect(r, 0, "run --strategy sales2")
    check(r.out.startswith(a + ": score "), "run prints the score: %r" % r.out)
    doc = json.loads(read(a))
    for k in ("format", "program", "scenario", "seed", "player", "started", "actions", "score",
              "effort", "deals", "state_hash"):
        check(k in doc, "results file has " + k)
    check(doc["format"] == 1 and doc["program"] == "upfront 0.2.0", "format and program")
    check(doc.get("model") == 2, "the results file records the model it was made with")
    check(list(doc)[:4] == ["format", "program", "scenario", "model"], "model after the scenario")
    check(doc["seed"] == "7" and doc["player"] == "Ada", "seed and player recorded")
    check(doc["started"] == "2026-01-01T00:00:00Z", "SOURCE_DATE_EPOCH is the start time")
    check(doc["scenario"]["path"] == SCENARIO and len(doc["scenario"]["hash"]) == 16,
          "scenario path and hash")
    check(re.fullmatch(r"[0-9a-f]{16}", doc["state_hash"]) is not None, "state hash is 16 hex")
    s = doc["score"]
    check(s["total"] >= 0, "score never negative")
    check(s["total"] == max(0, s["results"] + s["process"] + s["efficiency"] - s["penalties"])
          or s["total"] >= 0, "score total")
    check(len(doc["actions"]) > 10, "actions recorded")
    check(doc["actions"][-1]["act"] == "end_day", "the log ends with the last day")
    check(set(doc["effort"]["by_stage"]) == {"prepare", "prospect", "progress", "close"},
          "effort by stage")

    r, a2 = results_of(tmp, "a2.json", "--strategy", "sales2", "--seed", "7", "--player", "Ada",
                       env=env)
    check(read(a) == read(a2), "same inputs give byte-identical results")

    r, b = results_of(tmp, "b.json", "--actions", a)
    expect(r, 0, "run --actions on a results file")
    check(read(a) == read(b), "run --actions on its results file gives identical bytes")

    plain = os.path.join(tmp, "plain.json")
    write(plain, json.dumps(doc["actions"]))
    r, c = results_of(tmp, "c.json", "--actions", plain, "--seed", "7")
    expect(r, 0, "run --actions on a plain action list")
    dc = json.loads(read(c))
    check(dc["score"] == doc["score"] and dc["state_hash"] == doc["state_hash"],
          "a plain action list replays to the same score and state")

    r, d = results_of(tmp, "d.json", "--strategy", "sales1", "--seed", "7", env=env)
    expect(r, 0, "run --strategy sales1")
    r, e = results_of(tmp, "e.json", "--strategy", "random", "--seed", "7", env=env)
    expect(r, 0, "run --strategy random")
    check(json.loads(read(d))["state_hash"] != doc["state_hash"], "strategies differ")

    acts = list(doc["actions"])
    touch = next(i for i, x in enumerate(acts) if x["act"] == "touch")
    acts[touch] = dict(acts[touch], channel="emial")
    typo = os.path.join(tmp, "typo.json")
    write(typo, json.dumps(acts, indent=1))
    r, _ = results_of(tmp, "typo-out.json", "--actions", typo)
    expect(r, 1, "an unknown channel")
    check(re.search(r"typo\.json:\d+:\d+: error: /%d/channel: unknown channel \"emial\"; did you "
                    r"mean \"email\"\?" % touch, r.err) is not None,
          "positioned diagnostic with a suggestion: %r" % r.err)
    check(not os.path.exists(os.path.join(tmp, "typo-out.json")), "no results file on error")

    refused = os.path.join(tmp, "refused.json")
    write(refused, json.dumps([{"act": "end_day"}] * 5000))
    r, _ = results_of(tmp, "refused-out.json", "--actions", refused)
    expect(r, 1, "actions past the end of the game")
    check(re.search(r"refused.json:\d+:\d+: error: /\d+: action \d+ \(end_day\) refused", r.err)
          is not None, "the refused action is named: %r" % r.err)

    r, _ = results_of(tmp, "x.json", "--actions", os.path.join(tmp, "missing.json"))
    expect(r, 2, "unreadable actions file")
    r, _ = results_of(tmp, "x.json", "--actions", SCENARIO)
    expect(r, 1, "a scenario is not an action list")
    r = run("run", SCENARIO, "--strategy", "sales2", "--out", os.path.join(tmp, "no", "x.json"))
    expect(r, 2, "unwritable output folder")
    r = run("run", os.path.join(tmp, "missing.json"), "--strategy", "sales2", "--out",
            os.path.join(tmp, "x.json"))
    expect(r, 2, "unreadable scenario")
    leftovers = [f for f in os.listdir(tmp) if ".tmp-" in f]
    check(leftovers == [], "no temporary files left: %r" % leftovers)


def case_verify(tmp):
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    r, a = results_of(tmp, "a.json", "--strategy", "sales2", "--seed", "3", env=env)
    r, b = results_of(tmp, "b.json", "--actions", a)
    r, c = results_of(tmp, "c.json", "--strategy", "random", "--seed", "9", env=env)
    total = json.loads(read(a))["score"]["total"]
    r = run("verify", a, b, c)
    expect(r, 0, "verify accepts run --strategy and run --actions results")
    check(("%s: ok (score %d)" % (a, total)) in r.out.splitlines(), "verify prints ok: %r" % r.out)
    check(len(r.out.splitlines()) == 3, "one line per file")

    # A player name that is not valid UTF-8 (a Latin-1 "é", or a name cut mid-character)
    # is written as U+FFFD, so the file still reads back and verifies.
    r, latin = results_of(tmp, "latin.json", "--strategy", "sales2", "--player",
                          "Ren\udce9 \u00e9", env=env)
    r = run("verify", latin)
    expect(r, 0, "verify a results file whose player name was not valid UTF-8")
    check(json.loads(read(latin))["player"] == "Ren\ufffd \u00e9", "the bad byte became U+FFFD")

    huge = os.path.join(tmp, "huge-results.json")
    write(huge, "{" + " " * (16 * 1024 * 1024) + "}")
    r = run("verify", huge)
    expect(r, 1, "verify a results file past the 16 MiB cap (read, and invalid)")
    check(r.err.startswith(huge + ":1:1: error: expected a results file of at most 16777216 bytes"),
          "the size cap is reported at the first byte: %r" % r.err[:200])

    flood = os.path.join(tmp, "flood.json")
    write(flood, "[" + ",".join(["0"] * (2 ** 21 + 10)) + "]")
    r = run("verify", flood)
    expect(r, 1, "verify a file of more values than any results file holds")
    check("expected at most 2097152 values in one file" in r.err, "the value cap is named: %r" % r.err[:300])

    r = run("verify", "--scenario", SCENARIO, a)
    expect(r, 0, "verify --scenario")

    # found through the results file's folder when the recorded path is relative to it
    sub = os.path.join(tmp, "sub")
    os.makedirs(os.path.join(sub, "scenarios"))
    shutil.copy(SCENARIO, os.path.join(sub, "scenarios"))
    doc = json.loads(read(a))
    moved = os.path.join(sub, "moved.json")
    write(moved, json.dumps(doc, indent=1))
    r = run("verify", moved)
    expect(r, 0, "verify finds the scenario from the cwd")
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty)
    r = run("verify", moved, cwd=empty, env={"UPFRONT_DATA_DIR": empty})
    expect(r, 0, "verify finds the scenario beside the results file")
    r = run("verify", os.path.abspath(a), cwd=empty, env={"UPFRONT_DATA_DIR": empty})
    expect(r, 2, "verify reports a scenario it cannot find")
    data = os.path.join(tmp, "data")
    os.makedirs(os.path.join(data, "scenarios"))
    shutil.copy(SCENARIO, os.path.join(data, "scenarios"))
    r = run("verify", os.path.abspath(a), cwd=empty, env={"UPFRONT_DATA_DIR": data})
    expect(r, 0, "verify finds the scenario in the data folder by id")

    def tampered(name, change):
        d = json.loads(read(a))
        change(d)
        p = os.path.join(tmp, name)
        write(p, json.dumps(d, indent=2))
        return p

    t1 = tampered("t1.json", lambda d: d["score"].__setitem__("total", d["score"]["total"] + 1))
    r = run("verify", t1)
    expect(r, 1, "verify rejects an edited score total")
    check(("%s: error:" % t1) in r.err and "score.total" in r.err, "names score.total: %r" % r.err)
    r = run("verify", a, t1)
    expect(r, 1, "one bad file fails the whole run")
    check(("%s: ok" % a) in r.out, "the good file is still reported ok")

    t2 = tampered("t2.json", lambda d: d["score"].__setitem__("process", d["score"]["process"] + 5))
    expect(run("verify", t2), 1, "verify rejects an edited component")
    t3 = tampered("t3.json", lambda d: d.__setitem__("state_hash", "0123456789abcdef"))
    expect(run("verify", t3), 1, "verify rejects an edited state hash")
    t4 = tampered("t4.json", lambda d: d.__setitem__("seed", "4"))
    expect(run("verify", t4), 1, "verify rejects an edited seed")
    t5 = tampered("t5.json", lambda d: d["scenario"].__setitem__("hash", "0000000000000000"))
    r = run("verify", t5)
    expect(r, 1, "verify rejects a scenario hash mismatch")
    check("hash" in r.err, "names the hash mismatch")
    t6 = tampered("t6.json", lambda d: d.__setitem__("actions", d["actions"][:-3]))
    expect(run("verify", t6), 1, "verify rejects a truncated action log")
    t7 = tampered("t7.json", lambda d: d.__setitem__("colour", "blue"))
    expect(run("verify", t7), 1, "verify rejects unknown keys")

    # every recorded figure is checked, not just the score
    for i, (what, change) in enumerate((
            ("revenue", lambda d: d["score"].__setitem__("revenue", d["score"]["revenue"] + 1000)),
            ("deals_won", lambda d: d["score"].__setitem__("deals_won", d["score"]["deals_won"] + 1)),
            ("attainment_bp", lambda d: d["score"].__setitem__("attainment_bp", 15000)),
            ("effort", lambda d: d["effort"]["by_stage"]["prepare"].__setitem__("minutes", 1)),
            ("finished", lambda d: d.__setitem__("finished", not d["finished"])),
            ("days_played", lambda d: d.__setitem__("days_played", 3)),
            ("deals", lambda d: d["deals"][0].__setitem__("status", "won")),
            ("an extra figure", lambda d: d["score"].__setitem__("bonus", 100)))):
        t = tampered("fig%d.json" % i, change)
        r = run("verify", t)
        expect(r, 1, "verify rejects an edited %s" % what)
        check(r.out == "" and ("%s: error:" % t) in r.err, "names the file: %r" % r.err)
    r = run("verify", tampered("rev.json", lambda d: d["score"].__setitem__("revenue", 999999)))
    check("score.revenue: the file says 999999, the replay gives" in r.err,
          "names the figure and both values: %r" % r.err)
    # an edited player name or start time is not a figure: still ok
    t = tampered("renamed.json", lambda d: d.__setitem__("player", "Someone Else"))
    expect(run("verify", t), 0, "verify accepts a renamed player (not a figure of the game)")

    # a game on an edited copy of a shipped scenario verifies on that copy, with a warning
    d = json.loads(read(SCENARIO))
    d["quota"] = 1000
    edited = os.path.join(tmp, "midmarket-quarter.json")
    write(edited, json.dumps(d))
    r = run("run", edited, "--strategy", "sales2", "--out", os.path.join(tmp, "cheat.json"))
    r = run("verify", os.path.join(tmp, "cheat.json"))
    expect(r, 0, "verify replays a game on the scenario copy it names")
    check("warning: replayed on" in r.err and "not the shipped scenario" in r.err,
          "and warns that the copy is not the shipped scenario: %r" % r.err)

    # an unfinished game verifies its figures but is not a result: exit 1
    acts = json.loads(read(a))["actions"]
    cut = os.path.join(tmp, "cut-actions.json")
    write(cut, json.dumps([x for x in acts if x["day"] <= 9]))
    r, unfinished = results_of(tmp, "unfinished.json", "--actions", cut, "--seed", "3", env=env)
    expect(r, 0, "run writes an unfinished game")
    r = run("verify", unfinished)
    expect(r, 1, "verify exits 1 on an unfinished game")
    check("not finished" in r.err and "days played" in r.err, "says it is unfinished: %r" % r.err)
    check("ok" not in r.out, "and never ok: %r" % r.out)

    def lost(d):
        d["scenario"]["path"] = "nowhere/x.json"
        d["scenario"]["id"] = "no-such-scenario"
    t8 = tampered("t8.json", lost)
    r = run("verify", t8)
    expect(r, 2, "verify cannot find the scenario")
    check("no-such-scenario" in r.err, "names the scenario it looked for")

    expect(run("verify", os.path.join(tmp, "missing.json")), 2, "verify an unreadable file")
    case_older_model(tmp, a)
    junk = os.path.join(tmp, "junk.json")
    write(junk, "{ not json")
    r = run("verify", junk)
    expect(r, 1, "verify a malformed file")
    check(re.search(r"junk\.json:1:\d+: error:", r.err) is not None, "positioned: %r" % r.err)


OLD_RESULTS = "tests/cli/results-0.1.0.json"  # made by upfront 0.1.0 (commit 210d93a)
OLD_VERDICT = "made by an older model (upfront 0.1.0): replay it with upfront 0.1.0"


def case_older_model(tmp, current):
    """A results file of another model gets that verdict: never ok, never a mismatch."""
    old = json.loads(read(OLD_RESULTS))
    check(old["program"] == "upfront 0.1.0" and "model" not in old,
          "the fixture is a 0.1.0 results file")
    bad_words = ("mismatch", "the file says", "replay gives", "not a valid", "ok (score")
    for extra in ((), ("--scenario", SCENARIO), ("--scenario", TINY)):
        r = run("verify", OLD_RESULTS, *extra)
        expect(r, 1, "verify a 0.1.0 results file %s" % (extra,))
        check(r.err == "%s: error: %s\n" % (OLD_RESULTS, OLD_VERDICT),
              "the 0.1.0 file gets the older-model verdict and nothing else: %r" % r.err)
        check(r.out == "", "no ok line for a 0.1.0 file: %r" % r.out)
        check(not any(w in r.err + r.out for w in bad_words), "no mismatch verdict: %r" % r.err)
    # the same file moved beside a changed scenario: still the model's verdict
    moved = os.path.join(tmp, "old-moved.json")
    old_moved = dict(old)
    old_moved["scenario"] = dict(old["scenario"], path="nowhere/tutorial.json", hash="0" * 16)
    write(moved, json.dumps(old_moved, indent=2))
    r = run("verify", moved)
    expect(r, 1, "verify a 0.1.0 file whose scenario is gone")
    check(OLD_VERDICT in r.err and "mismatch" not in r.err, "older model first: %r" % r.err)
    # a current file beside it still verifies; the worst exit code wins
    r = run("verify", current, OLD_RESULTS)
    expect(r, 1, "verify a current and a 0.1.0 file")
    check(r.out.startswith(current + ": ok (score "), "the current file is ok: %r" % r.out)
    # a file of a newer model
    newer = json.loads(read(current))
    newer["model"] = 3
    newer["program"] = "upfront 0.3.0"
    newer_path = os.path.join(tmp, "newer.json")
    write(newer_path, json.dumps(newer, indent=2))
    r = run("verify", newer_path)
    expect(r, 1, "verify a file of a newer model")
    check(("%s: error: made by a newer model (upfront 0.3.0, model 3; this is upfront 0.2.0, "
           "model 2): replay it with upfront 0.3.0\n" % newer_path) == r.err,
          "the newer-model verdict: %r" % r.err)
    # a bad model value is a positioned error of the file, exit 1
    newer["model"] = "two"
    write(newer_path, json.dumps(newer, indent=2))
    r = run("verify", newer_path)
    expect(r, 1, "verify a file whose model is not a number")
    check("/model" in r.err, "the bad model is named by pointer: %r" % r.err)
    # report leaves it out with the same verdict, ranks the rest, and says why in the HTML
    html = os.path.join(tmp, "old.html")
    r = run("report", current, OLD_RESULTS, "--html", html)
    expect(r, 1, "report with a 0.1.0 file")
    check(("%s: error: %s" % (OLD_RESULTS, OLD_VERDICT)) in r.err.splitlines(),
          "report names the 0.1.0 file with the verdict: %r" % r.err)
    check("failed verification" not in r.err and "mismatch" not in r.err,
          "report does not call it a failed verification: %r" % r.err)
    check("1 file made by another model is left out" in r.err, "report counts it: %r" % r.err)
    page = read(html).decode("utf-8")
    check((OLD_RESULTS + ": " + OLD_VERDICT) in page, "the HTML says why it is left out")
    check("strategy:sales2" in r.out,
          "the current file is shown (a strategy's game: not ranked): %r" % r.out)
    # run --actions on it plays the actions by this model, and says so
    again = os.path.join(tmp, "again.json")
    r = run("run", "scenarios/tutorial.json", "--actions", OLD_RESULTS, "--out", again)
    check(r.code in (0, 1), "run --actions on a 0.1.0 file: %d %s" % (r.code, r.err))
    check(("%s: warning: %s; this program plays its actions by its own model" % (OLD_RESULTS,
                                                                               OLD_VERDICT))
          in r.err, "run warns that the game differs: %r" % r.err)


def case_simulate(tmp):
    args = ("simulate", SCENARIO, "--strategy", "sales2", "--runs", "200", "--seed", "7",
            "--json")
    r1 = run(*args)
    expect(r1, 0, "simulate --json")
    try:
        d1 = json.loads(r1.out)
    except ValueError:
        check(False, "simulate --json prints JSON: %r" % r1.out)
        return
    for k in ("scenario", "strategy", "runs", "seed", "score", "revenue", "quota_attainment",
              "deals_won", "effort_share", "buyer_initiated_close_rate", "games_per_second"):
        check(k in d1, "simulate --json has " + k)
    for k in ("mean", "p10", "p50", "p90"):
        check(k in d1.get("score", {}), "score has " + k)
    for k in ("revenue", "quota_attainment", "deals_won"):
        check("mean" in d1.get(k, {}), k + " has mean")
    es = d1.get("effort_share", {})
    check(set(es) == {"prepare", "prospect", "progress", "close"}, "four effort shares")
    check(abs(sum(es.values()) - 1.0) < 1e-9, "effort shares sum to 1: %r" % es)
    check(d1["runs"] == 200 and d1["seed"] == 7 and d1["strategy"] == "sales2",
          "runs, seed, strategy")
    check(d1["scenario"] == "midmarket-quarter", "scenario id")
    check(d1["score"]["p10"] <= d1["score"]["p50"] <= d1["score"]["p90"], "percentiles ordered")
    check(0 <= d1["buyer_initiated_close_rate"] <= 1, "rate in [0, 1]")
    check(d1["games_per_second"] > 0, "games per second measured")

    r2 = run(*args)
    d2 = json.loads(r2.out)
    d1.pop("games_per_second")
    d2.pop("games_per_second")
    check(d1 == d2, "two runs with one seed print the same but for games_per_second")
    r3 = run(*args, "--threads", "1")
    d3 = json.loads(r3.out)
    d3.pop("games_per_second")
    check(d1 == d3, "the thread count does not change the statistics")
    strip = lambda s: re.sub(r'"games_per_second":\s*[0-9.]+', "", s)
    check(strip(r1.out) == strip(r2.out), "byte-identical but for games_per_second")

    r = run("simulate", SCENARIO, "--strategy", "sales1", "--runs", "50", "--seed", "7")
    expect(r, 0, "simulate table")
    check("score" in r.out and "effort" in r.out, "the table names score and effort")
    r = run("simulate", SCENARIO, "--strategy", "random", "--runs", "20", "--json")
    expect(r, 0, "simulate random with the default seed")
    check(json.loads(r.out)["seed"] == 1, "the default seed is 1")


def case_report(tmp):
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    penv = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    penv.pop("UPFRONT_DATA_DIR", None)
    files = []
    for i, (strat, player) in enumerate((("sales2", "Ada"), ("sales1", "Bob"),
                                         ("random", "Cy, \"the kid\""))):
        p = os.path.join(tmp, "r%d.json" % i)
        people.play_person(UPFRONT, SCENARIO, 1, player, out=p, variant=i, strategy=strat,
                           env=penv, tmp=tmp)
        files.append(p)
    r, bot = results_of(tmp, "bot.json", "--strategy", "sales2", "--seed", "1", "--player", "Dee",
                        env=env)
    csv = os.path.join(tmp, "class.csv")
    html = os.path.join(tmp, "class.html")
    r = run("report", *files, bot, "--csv", csv, "--html", html)
    expect(r, 0, "report")
    check("Ada" in r.out and "Bob" in r.out, "report lists the players")
    raw = read(csv)
    check(raw.startswith(b"\xef\xbb\xbf"), "the CSV file starts with a UTF-8 byte order mark")
    text = raw.decode("utf-8-sig")
    lines = text.splitlines()
    check(lines[0].startswith("rank,player,flags,scenario,score"), "csv header: %r" % lines[0])
    check(len(lines) == 5, "one csv row per verified file, ranked or not")
    check('"Cy, ""the kid"""' in text, "csv quoting")
    check(b"&quot;the kid&quot;" in read(html), "html escaping")
    import csv as csvmod
    import io
    rows = list(csvmod.reader(io.StringIO(text, newline="")))
    header = rows[0]
    check(len(header) == len(set(header)), "no duplicate columns: %r" % header)
    check("no_decision" not in header and "deals_no_decision" in header,
          "no_decision is deals_no_decision, once")
    check(header[-2:] == ["par", "max_score"], "par and max_score are the last columns: %r" % header)
    check(header[-5:-2] == ["seed", "scenario_hash", "file"], "then seed, hash, file: %r" % header)
    recs = [dict(zip(header, row)) for row in rows[1:]]
    ranked = [x for x in recs if x["rank"]]
    check([int(x["rank"]) for x in ranked] == sorted(int(x["rank"]) for x in ranked),
          "ranks in order")
    check(all(x["flags"] == "" for x in ranked), "ranked rows have no flags")
    dee = next(x for x in recs if x["player"] == "Dee")
    check(dee["rank"] == "" and dee["flags"] == "strategy:sales2",
          "a strategy's game: empty rank, flags strategy:sales2: %r" % dee)
    check(int(dee["par"]) == int(dee["score"]), "par is sales2's score on the seed: %r" % dee)
    for x in recs:
        parts = sum(int(x[k]) for k in ("results", "process", "efficiency", "penalties", "floor"))
        check(parts == int(x["score"]), "components add up to the score: %r" % x)
        check(int(x["penalties"]) <= 0 and int(x["floor"]) >= 0, "penalties negative: %r" % x)
    check(len({x["par"] for x in recs}) == 1 and len({x["max_score"] for x in recs}) == 1,
          "one seed, one scenario: one par and one maximum")
    check(all(0 <= int(x["score"]) <= int(x["max_score"]) for x in recs), "no score above the max")
    m = re.search(r", seed 1: par ([\d,]+), at most ([\d,]+) points", r.out)
    check(m is not None and m.group(1).replace(",", "") == dee["par"] and
          m.group(2).replace(",", "") == dee["max_score"],
          "the text report reads 'seed 1: par N, at most M points': %r" % r.out[:400])
    head = [l for l in r.out.splitlines() if l.startswith("rank ")]
    check(head and re.search(r"score +max +par ", head[0]) is not None,
          "the text leaderboard has max and par columns: %r" % head)
    check("Not ranked (1 game)" in r.out and "strategy:sales2" in r.out,
          "the text names the game not ranked and why: %r" % r.out)
    check("-0" not in r.out, "no '-0' in the text: %r" % r.out)
    page = read(html).decode("utf-8")
    check("<th class=\"n\">Max</th><th class=\"n\">Par</th>" in page and
          ("par %s" % format(int(dee["par"]), ",")) in page, "the HTML shows max and par")
    # --csv - and --html - print to stdout (and nothing else goes there)
    r = run("report", *files, bot, "--csv", "-")
    expect(r, 0, "report --csv -")
    check(r.out.startswith("rank,player,flags,") and r.out.count("\r\n") == 5,
          "--csv - prints the CSV alone: %r" % r.out[:200])
    r = run("report", *files, "--html", "-")
    check(r.code == 0 and r.out.startswith("<!DOCTYPE html>"), "--html - prints the page")
    r = run("report", *files, "--csv", "-", "--html", "-")
    expect(r, 2, "--csv - and --html - together")
    # an output that is one of the inputs is refused
    r = run("report", *files, "--csv", files[0])
    expect(r, 2, "report --csv onto a results file")
    check(json.loads(read(files[0]))["player"] == "Ada", "the results file is intact")
    d = json.loads(read(files[0]))
    d["score"]["total"] += 100
    bad = os.path.join(tmp, "bad.json")
    write(bad, json.dumps(d))
    r = run("report", files[0], bad)
    expect(r, 1, "report with a file that fails verification")
    check(("%s: error:" % bad) in r.err, "names the bad file")


BALANCE_CHECKS = ("sales1_curve", "sales2_curve", "sales1_quota", "sales2_quota",
                  "buyers_ask_to_sign", "sales1_loses_more", "sales2_mean_vs_sales1",
                  "random_below_sales2", "nothing_below_sales1", "sales1_time_used",
                  "sales2_time_used", "sales2_p10_vs_p50")


def case_balance(tmp):
    # Which checks pass depends on the model's tuning; these tests check that every check
    # is there, named, with its measured figure and its bound, and that the exit code and
    # verdict follow the checks.
    r = run("balance", SCENARIO, "--runs", "200", "--seed", "3")
    check(r.code in (0, 1), "balance exits 0 or 1: %d\n%s" % (r.code, r.err))
    verdict = ("Verdict: this scenario teaches the lesson." if r.code == 0 else
               "Verdict: this scenario does NOT teach the lesson")
    check(verdict in r.out, "balance prints the verdict of its exit code: %r" % r.out[-300:])
    for name in BALANCE_CHECKS:
        line = [l for l in r.out.splitlines() if re.match(r"^  (pass|FAIL)  %s " % name, l)]
        check(len(line) == 1, "the table names the check %s once: %r" % (name, r.out))
    check("nothing " in r.out, "the table shows the game where nothing is done")
    r = run("balance", SCENARIO, "--runs", "200", "--seed", "3", "--json")
    check(r.code in (0, 1), "balance --json exits 0 or 1")
    d = json.loads(r.out)
    check(d["runs"] == 200 and d["seed"] == 3 and d["scenario"] == "midmarket-quarter",
          "balance --json facts")
    names = [c["name"] for c in d["checks"]]
    check(names == list(BALANCE_CHECKS), "balance --json names every check in order: %r" % names)
    for c in d["checks"]:
        check(isinstance(c["passed"], bool), "check %s has passed true or false" % c["name"])
        check("(must be" in c["text"] or "must be higher)" in c["text"],
              "check %s says its bound: %r" % (c["name"], c["text"]))
        check(re.search(r"\d", c["text"]) is not None, "check %s carries its figure" % c["name"])
    check(d["teaches"] == all(c["passed"] for c in d["checks"]), "teaches is every check passed")
    expect(r, 0 if d["teaches"] else 1, "balance --json exits 1 exactly when a check fails")
    for k in ("sales1", "sales2", "random"):
        for key in ("score_mean", "score_p10", "score_p50", "quota_attainment", "time_used_share",
                    "deals_lost", "deals_no_decision", "lost_to_pressure", "effort_share"):
            check(key in d.get(k, {}), "balance --json has %s.%s" % (k, key))
    check("score_mean" in d.get("nothing", {}) and d["nothing"]["games"] == 20,
          "balance --json has the game where nothing is done")
    curve = next(c for c in d["checks"] if c["name"] == "sales1_curve")["text"]
    check("Sales 1.0 curve 5/25/30/40" in curve and "within 10" in curve,
          "the curve check names the scenario's curve and the tolerance: %r" % curve)
    quota = next(c for c in d["checks"] if c["name"] == "sales2_quota")["text"]
    check(re.match(r"^sales2 reaches \d+\.\d% of quota on average \(must be 70\u2013115%\)$",
                   quota) is not None, "the quota check reads as a sentence: %r" % quota)
    r2 = run("balance", TINY, "--runs", "50", "--json")
    d2 = json.loads(r2.out)
    expect(r2, 0 if d2["teaches"] else 1, "balance exits 1 exactly when the lesson is not taught")
    check(d2["nothing"]["games"] == 20, "20 games where nothing is done")
    r3 = run("balance", TINY, "--runs", "5", "--json")
    check(json.loads(r3.out)["nothing"]["games"] == 5, "no more nothing-games than --runs")
    expect(run("balance", os.path.join(tmp, "missing.json")), 2, "balance on a missing file")


def case_bench(tmp):
    # a few frames only: the figures themselves are checked by hand (docs/performance.md)
    r = run("bench", "--json", "--frames", "10")
    expect(r, 0, "bench --json")
    d = json.loads(r.out)
    check(d["load_ms_per_mb"] > 0, "load time measured")
    check(d["games_per_second"] > 0 and d["threads"] >= 1, "throughput measured")
    check(isinstance(d["frames"], list), "frame times listed")
    r = run("bench", "--no-frames")
    expect(r, 0, "bench")
    check("games/s" in r.out, "bench table")
    expect(run("bench", "--frames", "0"), 2, "bench --frames 0")


def case_output(tmp):
    if os.path.exists("/dev/full"):
        r = run("strategies", stdout_file="/dev/full")
        expect(r, 2, "a stdout write error is exit 2")
        check("cannot write" in r.err, "the write error is reported: %r" % r.err)
        r = run("--help", stdout_file="/dev/full")
        expect(r, 2, "--help to a full disk is exit 2")
    r = run("validate", SCENARIO, env={"UPFRONT_DATA_DIR": tmp})
    expect(r, 0, "an explicit scenario needs no data folder")
    r = run("bench", env={"UPFRONT_DATA_DIR": os.path.join(tmp, "nowhere")})
    expect(r, 2, "a missing data folder")
    check("nowhere" in r.err, "names the folder searched: %r" % r.err)
    data = os.path.join(tmp, "data")
    os.makedirs(os.path.join(data, "scenarios"))
    shutil.copy(SCENARIO, os.path.join(data, "scenarios"))
    r = run("bench", "--json", "--no-frames", env={"UPFRONT_DATA_DIR": data})
    expect(r, 0, "UPFRONT_DATA_DIR is used")

    # new never replaces anything without --force: an unreadable file, a link (even broken)
    taken = os.path.join(tmp, "taken.json")
    write(taken, "keep me")
    os.chmod(taken, 0)
    r = run("new", taken)
    expect(r, 2, "new refuses an unreadable file")
    os.chmod(taken, 0o644)
    check(read(taken) == b"keep me", "the unreadable file is intact")
    target = os.path.join(tmp, "target.json")
    link = os.path.join(tmp, "link.json")
    os.symlink(target, link)
    r = run("new", link)
    expect(r, 2, "new refuses a link to a missing file")
    check(os.path.islink(link) and not os.path.exists(target), "the link is intact, no target")
    r = run("new", link, "--force")
    expect(r, 0, "new --force replaces the link")
    r = run("new", "-")
    expect(r, 0, "new - prints the scenario")
    check(r.out.startswith("{") and json.loads(r.out)["id"], "new - prints JSON: %r" % r.out[:80])
    r = run("new", "/dev/null")
    expect(r, 0, "new /dev/null writes to the device")
    check(not os.path.isfile("/dev/null"), "/dev/null stays a device")
    # with no home folder, paths says why, and play refuses at start-up rather than saving
    # somewhere paths does not name
    nohome = {"HOME": None, "XDG_DATA_HOME": None}
    r = run("paths", env=nohome)
    check("neither XDG_DATA_HOME nor HOME is set" in r.out, "paths says why: %r" % r.out)
    r = run("paths", "--json", env=nohome)
    check(r.code == 0 and json.loads(r.out)["user_dir"] is None and
          "HOME" in json.loads(r.out)["user_dir_problem"], "paths --json: %r" % r.out)
    r = run("play", env=nohome)
    expect(r, 2, "play with no home folder")
    check("--results DIR" in r.err, "says what to do: %r" % r.err)
    blocker = os.path.join(tmp, "a-file.json")
    write(blocker, "a file where the folder would go")
    r = run("play", "--results", os.path.join(blocker, "sub"), env={"HOME": tmp})
    check(r.code == 2, "play refuses a --results folder that cannot be made: %r" % r.err)
    # run --out - prints the results file; run --results and --out together is a usage error
    r = run("run", SCENARIO, "--strategy", "sales2", "--out", "-")
    expect(r, 0, "run --out -")
    check(json.loads(r.out)["played_by"]["who"] == "strategy", "run --out - prints the results")
    r = run("run", SCENARIO, "--strategy", "sales2", "--out", "-", "--results", tmp)
    expect(r, 2, "run --out and --results together")


def old_layout(xdg, files):
    """Writes files (name -> text) into the per-user folder as it was before 0.x:
    XDG_DATA_HOME/upfront/upfront/ (SDL_GetPrefPath("upfront", "upfront"))."""
    old = os.path.join(xdg, "upfront", "upfront")
    for name, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(old, name)), exist_ok=True)
        write(os.path.join(old, name), text)
    return old


def case_userdir(tmp):
    # the per-user folder is XDG_DATA_HOME/upfront/ (SDL_GetPrefPath("", "upfront")), and
    # paths names it whether or not HOME is set
    xdg = os.path.join(tmp, "xdg")
    os.makedirs(xdg)
    for env in ({"XDG_DATA_HOME": xdg}, {"XDG_DATA_HOME": xdg, "HOME": None}):
        r = run("paths", "--json", env=env)
        check(r.code == 0 and json.loads(r.out)["user_dir"] == os.path.join(xdg, "upfront") + os.sep,
              "paths --json names XDG_DATA_HOME/upfront/: %r" % r.out)
    r = run("paths", env={"XDG_DATA_HOME": None, "HOME": tmp})
    check(os.path.join(tmp, ".local", "share", "upfront") + os.sep in r.out,
          "paths names ~/.local/share/upfront/: %r" % r.out)
    # an old folder's files move up one level when play starts, none lost
    files = {"settings.json": '{"text_size": 2}', "save.json": '{"saved": 1}',
             "results/2026-01-01-ann.json": '{"result": 1}', "outbox/a/q.json": '{"q": 1}'}
    old = old_layout(xdg, files)
    new = os.path.join(xdg, "upfront")
    r = run("play", os.path.join(tmp, "missing.json"), env={"XDG_DATA_HOME": xdg, "HOME": None})
    expect(r, 2, "play with a missing scenario, after the move")
    for name, text in files.items():
        check(os.path.isfile(os.path.join(new, name)) and read(os.path.join(new, name)) == text.encode(),
              "%s moved up with its contents" % name)
    check(not os.path.exists(old), "the old folder is removed once empty")
    check("moved 4 entries" in r.err and old in r.err, "the move is said once: %r" % r.err)
    # a name already taken in the new folder: the old entry stays, said in one line; a
    # folder taken by a folder is merged; nothing is replaced
    xdg2 = os.path.join(tmp, "xdg2")
    new2 = os.path.join(xdg2, "upfront")
    os.makedirs(os.path.join(new2, "results"))
    write(os.path.join(new2, "settings.json"), "new settings")
    write(os.path.join(new2, "results", "a.json"), "new a")
    old2 = old_layout(xdg2, {"settings.json": "old settings", "save.json": "old save",
                             "results/a.json": "old a", "results/b.json": "old b"})
    r = run("play", os.path.join(tmp, "missing.json"), env={"XDG_DATA_HOME": xdg2})
    expect(r, 2, "play with a missing scenario, after a partial move")
    check(read(os.path.join(new2, "settings.json")) == b"new settings", "the new settings are kept")
    check(read(os.path.join(old2, "settings.json")) == b"old settings", "the old settings stay")
    check(read(os.path.join(new2, "results", "a.json")) == b"new a", "the new a.json is kept")
    check(read(os.path.join(old2, "results", "a.json")) == b"old a", "the old a.json stays")
    check(read(os.path.join(new2, "save.json")) == b"old save", "save.json moved up")
    check(read(os.path.join(new2, "results", "b.json")) == b"old b", "results/b.json moved up")
    check(sorted(os.listdir(old2)) == ["results", "settings.json"] and
          os.listdir(os.path.join(old2, "results")) == ["a.json"], "only the taken names stay")
    left = [l for l in r.err.splitlines() if "left " in l]
    check(len(left) == 1 and "settings.json" in left[0] and "a.json" in left[0] and old2 in left[0],
          "the names left are said in one line: %r" % r.err)
    # the window moves them too (play --results skips the command line's check)
    xdg3 = os.path.join(tmp, "xdg3")
    old3 = old_layout(xdg3, {"settings.json": "{}", "results/c.json": "c"})
    e = dict(os.environ, XDG_DATA_HOME=xdg3, SDL_VIDEODRIVER="dummy")
    e.pop("UPFRONT_DATA_DIR", None)
    p = subprocess.Popen([UPFRONT, "play", SCENARIO, "--seed", "1", "--results",
                          os.path.join(tmp, "res3")], env=e, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(100):
        if not os.path.exists(old3) or p.poll() is not None:
            break
        time.sleep(0.05)
    p.send_signal(signal.SIGTERM)
    err = p.communicate(timeout=30)[1].decode("utf-8", "replace")
    check(not SANITIZER.search(err), "no sanitizer report from the window: %r" % err)
    check(not os.path.exists(old3) and read(os.path.join(xdg3, "upfront", "results", "c.json")) == b"c"
          and read(os.path.join(xdg3, "upfront", "settings.json")) == b"{}",
          "the window moves the old folder's files up: %r" % err)


CASES = {
    "help": case_help,
    "usage": case_usage,
    "strategies": case_strategies,
    "validate": case_validate,
    "run": case_run,
    "verify": case_verify,
    "simulate": case_simulate,
    "report": case_report,
    "balance": case_balance,
    "bench": case_bench,
    "output": case_output,
    "userdir": case_userdir,
}


def main():
    global UPFRONT
    if len(sys.argv) != 3 or sys.argv[2] not in CASES:
        print("usage: test_cli.py UPFRONT CASE (%s)" % ", ".join(CASES), file=sys.stderr)
        return 2
    UPFRONT = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="upfront-cli-")
    try:
        CASES[sys.argv[2]](tmp)
    except Exception as e:  # a crash of the test itself is a failure, not an error
        import traceback
        traceback.print_exc()
        check(False, "case %s raised %r" % (sys.argv[2], e))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
