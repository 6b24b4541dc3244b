#!/usr/bin/env python3
"""Authoring tests: `upfront validate` and `upfront new`, run as an author would.

usage: test_authoring.py UPFRONT CASE   (from the source folder)
Exit 0 when the case passes, 1 with the reasons when it fails."""
import json
import os
import re
import subprocess
import sys
import tempfile

UPFRONT = os.path.abspath(sys.argv[1])
CASE = sys.argv[2]
SRC = os.getcwd()
FAILURES = []


def run(*args, cwd=None):
    p = subprocess.run([UPFRONT, *args], capture_output=True, text=True, cwd=cwd, timeout=240)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    if not cond:
        FAILURES.append(what)


def diag_lines(text):
    """(file, line, col, severity, pointer, message) of each FILE:LINE:COL diagnostic."""
    out = []
    for l in text.splitlines():
        m = re.match(r"^(.*?):(\d+):(\d+): (error|warning): (?:(/[^:]*): )?(.*)$", l)
        if m:
            out.append((m[1], int(m[2]), int(m[3]), m[4], m[5] or "", m[6]))
    return out


def case_mistakes():
    # Wrong types in several sections and a misspelt key: exit 1, one error at each
    # mistake's line, the suggestion names the key that was meant.
    f = "tests/fixtures/bad/several-mistakes.json"
    rc, out, err = run("validate", f)
    check(rc == 1, f"exit {rc}, expected 1")
    d = diag_lines(err)
    want = {8: "/calendar/weeks", 21: "/channels/email/reach", 30: "/progress/1/minutes",
            43: "/prospects/0/seniority", 47: "/prospects/0/inbox_noise",
            61: "/prospects/1/importanse", 67: "/events/0/days"}
    got = {x[1]: x[4] for x in d if x[3] == "error"}
    for line, ptr in want.items():
        check(got.get(line) == ptr, f"line {line}: expected an error at {ptr}, got {got.get(line)}")
    check(any(x[1] == 61 and 'did you mean "importance"' in x[5] for x in d),
          "the misspelt key's suggestion does not name \"importance\"")
    check(any(x[1] == 43 and 'did you mean "clevel"' in x[5] for x in d),
          "the misspelt seniority's suggestion does not name \"clevel\"")
    check("found a string" in err and "found true" in err, "messages do not say what was found")


def case_missing_comma():
    f = "tests/fixtures/bad/missing-comma.json"
    rc, out, err = run("validate", f)
    check(rc == 1, f"exit {rc}, expected 1")
    d = diag_lines(err)
    check(len(d) >= 1 and d[0][1] == 57, f"expected the error at line 57, got {d}")
    check("is a ',' missing at the end of line 56?" in err, "no hint naming line 56")
    # the same mistake inside a line: the error at the member after the missing ',', with
    # the same hint
    f = "tests/fixtures/bad/missing-comma-in-line.json"
    rc, out, err = run("validate", f)
    check(rc == 1, f"{f}: exit {rc}, expected 1")
    d = diag_lines(err)
    check(len(d) == 1 and d[0][1] == 10 and d[0][2] == 17,
          f"{f}: expected one error at line 10, column 17, got {d}")
    check("is a ',' missing before it?" in err, f"{f}: no hint that a ',' is missing")


def case_json():
    files = ["tests/fixtures/bad/several-mistakes.json", "tests/fixtures/lint/events.json"]
    rc, out, err = run("validate", "--json", *files)
    check(rc == 1, f"exit {rc}, expected 1")
    try:
        arr = json.loads(out)
    except ValueError as e:
        FAILURES.append(f"--json output does not parse: {e}")
        return
    check(isinstance(arr, list) and len(arr) >= 11, "expected an array of 11+ diagnostics")
    for o in arr:
        for k, t in (("file", str), ("line", int), ("column", int), ("pointer", str),
                     ("severity", str), ("message", str)):
            check(isinstance(o.get(k), t), f"{o}: key {k} missing or not a {t.__name__}")
        check(o.get("severity") in ("error", "warning"), f"{o}: bad severity")
    sev = {(o["file"], o["line"]): o["severity"] for o in arr}
    check(sev.get((files[0], 61)) == "error", "no error at several-mistakes.json:61")
    check(sev.get((files[1], 114)) == "warning", "no warning at events.json:114")
    check(any(o["pointer"] == "/events/5/prospect" and o["column"] == 64 for o in arr),
          "the referral warning is not at /events/5/prospect, column 64")


LINT = {
    "unreachable-prospect.json": [(100, "/prospects/5/affinity"), (117, "/events/5/prospect")],
    "events.json": [(114, "/events/3/prospect"), (118, "/events/5/prospect"),
                    (120, "/events/6/chance"), (122, "/events/7/from_day")],
    "dominated-channel.json": [(24, "/channels/fax")],
    "quota.json": [(12, "/quota")],
    "no-lesson.json": [],
}


def case_lint():
    for name, want in LINT.items():
        f = "tests/fixtures/lint/" + name
        rc, out, err = run("validate", f)
        check(rc == 0, f"{name}: exit {rc}, expected 0 (warnings only)")
        got = [(x[1], x[4]) for x in diag_lines(err) if x[3] == "warning"]
        check(got == want, f"{name}: warnings at {got}, expected {want}")
        n = len(want)
        ok = f"{f}: ok" + (f" ({n} warning{'s' if n != 1 else ''})" if n else "")
        check(ok in out.splitlines(), f"{name}: no '{ok}' line in {out!r}")
    rc, out, err = run("validate", "--lesson", "tests/fixtures/lint/no-lesson.json")
    got = diag_lines(err)
    check(rc == 0 and len(got) >= 1, f"--lesson: expected lesson warnings, got rc {rc} {got}")
    # each failed check is one warning at line 1 with the figure measured and its bound,
    # e.g. "sales2 reaches 64.0% of quota on average (must be 70–115%) [sales2_quota, ...]"
    names = ("sales1_curve", "sales2_curve", "sales1_quota", "sales2_quota", "buyers_ask_to_sign",
             "sales1_loses_more", "sales2_mean_vs_sales1", "random_below_sales2",
             "nothing_below_sales1", "sales1_time_used", "sales2_time_used", "sales2_p10_vs_p50")
    form = re.compile(r"^the scenario may not teach the lesson: (.*\d.*) "
                      r"\((must be [^)]+|sales1's must be higher)\) \[(\w+), 300 games per "
                      r"strategy, seed 1; 'upfront balance' gives the verdict\]$")
    warned = []
    for x in got:
        m = form.match(x[5])
        check(x[1] == 1 and x[3] == "warning" and m is not None,
              f"--lesson warning not at line 1 or not 'figure (must be bound) [check, ...]': {x}")
        if m:
            warned.append(m[3])
    check(set(warned) <= set(names) and len(set(warned)) == len(warned),
          f"--lesson warnings name unknown or repeated checks: {warned}")
    # every figure judged is printed on stdout, passed or failed, one line per check
    head = re.compile(r"^tests/fixtures/lint/no-lesson\.json: lesson, 300 games per strategy "
                      r"\(seed 1\): (\d+) of 12 checks pass")
    lines = out.splitlines()
    heads = [head.match(l) for l in lines if head.match(l)]
    check(len(heads) == 1, f"--lesson prints no summary line of the figures judged: {out!r}")
    for n in names:
        row = [l for l in lines if re.match(rf"^  (pass|FAIL)  {n} +\S.*\d", l)]
        check(len(row) == 1, f"--lesson prints no figure line for {n}: {out!r}")
        if row and row[0].startswith("  FAIL"):
            check(n in warned, f"{n} failed but has no warning")
    if heads:
        check(int(heads[0][1]) == 12 - len(warned), "the summary counts the checks that pass")
    rc, out, err = run("validate", "--lesson", "--json", "tests/fixtures/lint/no-lesson.json")
    check(json.loads(out) is not None and "lesson," not in out, "--lesson --json prints only JSON")
    rc, out, err = run("--quiet", "validate", "--lesson", "tests/fixtures/lint/no-lesson.json")
    check(out == "", f"--quiet --lesson prints no figures on stdout: {out!r}")


def case_strict():
    f = "tests/fixtures/lint/dominated-channel.json"
    rc, _, _ = run("validate", f)
    check(rc == 0, f"without --strict: exit {rc}, expected 0")
    rc, out, err = run("validate", "--strict", f)
    check(rc == 1, f"--strict: exit {rc}, expected 1")
    check(": ok" not in out, "--strict still says ok")
    rc, out, err = run("validate", "--strict", "--lesson", "tests/fixtures/lint/no-lesson.json")
    check(rc == 1, f"--strict --lesson on a scenario that does not teach: exit {rc}, expected 1")
    shipped = sorted(os.path.join("scenarios", n) for n in os.listdir("scenarios")
                     if n.endswith(".json"))
    # the lesson of the shipped scenarios is checked by the balance tests, against the
    # known deviations of tests/lesson-known.tsv
    rc, out, err = run("validate", "--strict", *shipped)
    check(rc == 0, f"shipped scenarios under --strict: exit {rc}\n{err}")
    check("warning" not in err, f"a shipped scenario has warnings:\n{err}")


def schema_check(path):
    """Validates path against the schema its "$schema" names (relative to the file)."""
    try:
        import jsonschema
    except ImportError:
        print("note: python3-jsonschema missing; the schema part is skipped")
        return
    doc = json.load(open(path, encoding="utf-8"))
    ref = os.path.join(os.path.dirname(path), doc["$schema"])
    check(os.path.isfile(ref), f"$schema {doc['$schema']!r} does not resolve from {path}")
    if os.path.isfile(ref):
        schema = json.load(open(ref, encoding="utf-8"))
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
        check(not errors, f"the schema rejects the new scenario: {[e.message for e in errors]}")


def case_new():
    with tempfile.TemporaryDirectory() as tmp:
        sub = os.path.join(tmp, "course", "week 1")
        os.makedirs(sub)
        f = os.path.join(sub, "Harbour Pitch.json")
        rc, out, err = run("new", f)
        check(rc == 0, f"new: exit {rc}: {err}")
        check(os.path.isfile(f), "new wrote nothing")
        if rc != 0:
            return
        doc = json.load(open(f, encoding="utf-8"))
        check(doc.get("id") == "harbour-pitch", f"id {doc.get('id')!r}, expected the file's name")
        cal = doc["calendar"]
        check(cal["weeks"] == 3 and len(doc["prospects"]) == 22, "not 3 weeks and 22 prospects")
        check(not [n for n in os.listdir(sub) if n != "Harbour Pitch.json"],
              "a temporary file was left beside the new scenario")
        rc, out, err = run("validate", "--strict", f)
        check(rc == 0 and err == "", f"validate --strict: exit {rc}\n{err}")
        lc = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "..", "lesson_check.py"),
                             UPFRONT, f, "2000"], capture_output=True, text=True)
        check(lc.returncode == 0, f"balance against tests/lesson-known.tsv: exit {lc.returncode}\n{lc.stdout}{lc.stderr}")
        schema_check(f)
        # relative to where it is run from, too
        rc, out, err = run("new", "second.json", cwd=sub)
        check(rc == 0, f"new second.json: exit {rc}: {err}")
        if rc == 0:
            schema_check(os.path.join(sub, "second.json"))


def case_new_refuses():
    with tempfile.TemporaryDirectory() as tmp:
        f = os.path.join(tmp, "mine.json")
        with open(f, "w") as fh:
            fh.write("my work\n")
        rc, out, err = run("new", f)
        check(rc == 2, f"new over a file: exit {rc}, expected 2")
        check("already exists" in err and "--force" in err, f"message: {err!r}")
        check(open(f).read() == "my work\n", "the existing file was changed")
        rc, out, err = run("new", f, "--force")
        check(rc == 0, f"new --force: exit {rc}: {err}")
        check(open(f).read().startswith("{"), "--force did not replace the file")
        rc, _, err = run("new")
        check(rc == 2, f"new without a file: exit {rc}, expected 2")
        rc, _, err = run("new", os.path.join(tmp, "no-such-folder", "x.json"))
        check(rc == 2, f"new into a missing folder: exit {rc}, expected 2")


CASES = {n[5:]: f for n, f in globals().items() if n.startswith("case_")}

if __name__ == "__main__":
    if CASE not in CASES:
        print(f"unknown case {CASE}; cases: {' '.join(CASES)}")
        sys.exit(2)
    CASES[CASE]()
    for f in FAILURES:
        print("FAIL:", f)
    print(f"{CASE}: {'failed' if FAILURES else 'passed'}")
    sys.exit(1 if FAILURES else 0)
