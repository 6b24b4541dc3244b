#!/usr/bin/env python3
"""Tests of `upfront report`: the class leaderboard, its CSV and HTML, on real results files.

usage: test_report.py UPFRONT CASE   (run from the source folder)
CASE: class | tampered | folders | csv | html | chromium
Exits 0 when every check passes, 1 on a failure, 77 (skip) when chromium is not installed.
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

UPFRONT = None
SCENARIO = "scenarios/midmarket-quarter.json"
TINY = "tests/fixtures/tiny.json"
EPOCH = "1767225600"
SANITIZER = re.compile(r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:")
TRAINEES = (("sales2", "Ada Lovelace"), ("sales1", "Bob <Old School>"), ("random", "Cy, \"the kid\""))
failed = 0
passed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what, file=sys.stderr)
    return cond


def run(*args):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    env.pop("UPFRONT_DATA_DIR", None)
    p = subprocess.run([UPFRONT] + [str(a) for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env, timeout=600, stdin=subprocess.DEVNULL)
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    check(not SANITIZER.search(err), "sanitizer report: " + err)
    return p.returncode, out, err


def make_class(folder, scenario=SCENARIO, seed=1):
    """Three trainees' results through `run --strategy --player`; returns their paths."""
    paths = []
    for strat, player in TRAINEES:
        path = os.path.join(folder, "%s.json" % strat)
        code, _, err = run("run", scenario, "--strategy", strat, "--seed", seed, "--player",
                           player, "--out", path)
        check(code == 0, "run %s: %s" % (strat, err))
        paths.append(path)
    return paths


def case_class(tmp):
    paths = make_class(tmp)
    code, out, err = run("report", *paths)
    check(code == 0, "report on verified files exits 0: %d %s" % (code, err))
    rows = [l for l in out.splitlines() if re.match(r"^\s+\d+\s", l)]
    check(len(rows) == 3, "three ranked rows: %r" % out)
    check(rows and "Ada Lovelace" in rows[0] and rows[0].split()[0] == "1",
          "the sales2 trainee ranks first: %r" % rows)
    for part in ("Effort by stage", "Sales 1.0 reference", "Sales 2.0 reference", "Scores: min",
                 "median", "Mean components", "Channel use", "Commonest mistakes",
                 "Generic calls to executives"):
        check(part in out, "the summary has %r" % part)
    check(err == "", "nothing on stderr: %r" % err)
    # usage and unreadable files
    code, _, err = run("report")
    check(code == 2 and "report" in err, "no arguments: usage error")
    code, _, err = run("report", os.path.join(tmp, "missing.json"))
    check(code == 2 and "missing.json" in err, "an unreadable file exits 2 and is named")
    code, _, err = run("report", paths[0], "--csv")
    check(code == 2, "--csv needs a value")


def case_tampered(tmp):
    paths = make_class(tmp)
    d = json.load(open(paths[1], encoding="utf-8"))
    d["score"]["total"] += 500  # Bob claims first place
    bad = os.path.join(tmp, "bob-edited.json")
    with open(bad, "w", encoding="utf-8") as f:
        json.dump(d, f)
    html = os.path.join(tmp, "class.html")
    code, out, err = run("report", paths[0], bad, paths[2], "--html", html)
    check(code == 1, "an edited score exits 1 (got %d)" % code)
    check(("%s: error:" % bad) in err, "the edited file is named on stderr: %r" % err)
    check("1 file failed verification" in err, "the count of left-out files: %r" % err)
    check("Bob" not in out and "Ada Lovelace" in out, "the edited file is left out of the ranking")
    check(os.path.exists(html) and "bob-edited.json" in open(html, encoding="utf-8").read(),
          "the HTML names the left-out file")
    # an edited component, not the total
    d = json.load(open(paths[0], encoding="utf-8"))
    d["score"]["process"] += 1
    bad2 = os.path.join(tmp, "ada-edited.json")
    with open(bad2, "w", encoding="utf-8") as f:
        json.dump(d, f)
    code, _, err = run("report", bad2)
    check(code == 1 and bad2 in err, "an edited component exits 1 and names the file")
    # not JSON at all
    junk = os.path.join(tmp, "junk.json")
    with open(junk, "w") as f:
        f.write("{not json")
    code, _, err = run("report", paths[0], junk)
    check(code == 1 and junk in err, "a broken file exits 1 and is named: %d %r" % (code, err))


def case_folders(tmp):
    room = os.path.join(tmp, "class")
    os.makedirs(os.path.join(room, "laptop-2", "results"))
    os.makedirs(os.path.join(room, ".hidden"))
    paths = make_class(os.path.join(room, "laptop-2", "results"))
    shutil.copy(paths[0], os.path.join(room, "ada-copy.json"))  # the same file twice
    with open(os.path.join(room, "notes.txt"), "w") as f:
        f.write("not a results file")
    with open(os.path.join(room, ".hidden", "x.json"), "w") as f:
        f.write("{}")
    code, out, err = run("report", room)
    check(code == 0, "a folder of results exits 0: %d %s" % (code, err))
    rows = [l for l in out.splitlines() if re.match(r"^\s+\d+\s", l)]
    check(len(rows) == 3, "subfolders searched, the copy counted once: %r" % out)
    check("counted once" in err, "the copy is named: %r" % err)
    # mixed scenarios: one section per scenario
    tiny = os.path.join(room, "tiny")
    os.makedirs(tiny)
    make_class(tiny, TINY)
    code, out, err = run("report", room)
    check(code == 0, "mixed scenarios exit 0")
    check(out.count("Class report:") == 2, "one section per scenario: %r" % out)
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty)
    code, _, err = run("report", empty)
    check(code == 2 and "no results files" in err, "an empty folder: exit 2 and said: %r" % err)


def case_csv(tmp):
    paths = make_class(tmp)
    out_csv = os.path.join(tmp, "class.csv")
    code, _, err = run("report", *paths, "--csv", out_csv)
    check(code == 0, "report --csv: %s" % err)
    raw = open(out_csv, "rb").read()
    check(raw.endswith(b"\r\n") and b"\r\n" in raw, "CRLF line ends (RFC 4180)")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    check(len(rows) == 4, "a header and three rows: %d" % len(rows))
    header = rows[0]
    for col in ("rank", "player", "scenario", "score", "results", "process", "efficiency",
                "penalties", "revenue", "quota", "attainment_pct", "deals_won",
                "buyer_initiated", "frontload_pct", "personalisation_pct", "breadth_pct",
                "generic_exec_calls", "burned", "lost_to_pressure", "overworked_days",
                "accounts_unresearched", "effort_prepare_pct", "touches_phone", "file"):
        check(col in header, "CSV column %s" % col)
    check(all(len(r) == len(header) for r in rows), "every row has every column")
    recs = [dict(zip(header, r)) for r in rows[1:]]
    check([r["player"] for r in recs][0] == "Ada Lovelace", "sales2 first in the CSV")
    check("Cy, \"the kid\"" in [r["player"] for r in recs], "quoted names round-trip")
    for r in recs:
        d = json.load(open(r["file"], encoding="utf-8"))
        for k in ("total", "results", "process", "efficiency", "penalties"):
            col = "score" if k == "total" else k
            check(int(r[col]) == d["score"][k], "%s %s matches the results file" % (r["player"], k))
        check(int(r["revenue"]) == d["score"]["revenue"], "revenue matches")
    # par and the maximum score: appended after every older column
    check(header[-2:] == ["par", "max_score"], "par and max_score end the header: %r" % header)
    check(header.index("file") == len(header) - 3, "file keeps its place before them")
    for r in recs:
        check(r["par"].isdigit() and r["max_score"].isdigit(), "par and max are whole numbers")
        check(int(r["score"]) <= int(r["max_score"]), "no score above the maximum")
    check(int(recs[0]["par"]) == int(recs[0]["score"]), "sales2's score on its seed is the par")
    # two seeds: each row reads against its own seed's par
    other = os.path.join(tmp, "seed9")
    os.makedirs(other)
    paths9 = make_class(other, seed=9)
    code, out, err = run("report", paths[0], paths9[0], paths9[1], "--csv", out_csv)
    check(code == 0, "report on two seeds: %s" % err)
    rows = list(csv.reader(io.StringIO(open(out_csv, encoding="utf-8").read(), newline="")))
    recs2 = [dict(zip(rows[0], r)) for r in rows[1:]]
    by_seed = {}
    for r in recs2:
        by_seed.setdefault(r["seed"], set()).add(r["par"])
    check(sorted(by_seed) == ["1", "9"] and all(len(v) == 1 for v in by_seed.values()),
          "one par per seed: %r" % by_seed)
    for r in recs2:
        if r["player"] == "Ada Lovelace":
            check(r["par"] == r["score"], "each sales2 game scores its seed's par: %r" % r)
    check("par per seed below" in out, "the text says the par is per seed: %r" % out[:300])
    # atomic: a write into a missing folder fails cleanly and leaves nothing
    code, _, err = run("report", *paths, "--csv", os.path.join(tmp, "nope", "x.csv"))
    check(code == 2 and "cannot write" in err, "an unwritable CSV exits 2: %r" % err)
    check(not any(n.startswith(".") or n.endswith(".tmp") for n in os.listdir(tmp)),
          "no temporary file left behind: %r" % os.listdir(tmp))


def html_problems(text):
    """What would make the page load something from outside, or break out of its markup."""
    problems = []
    if re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I):
        problems.append("an http(s) src/href")
    if re.search(r"<script\b", text, re.I):
        problems.append("a script")
    if re.search(r"<link\b", text, re.I):
        problems.append("a <link>")
    if re.search(r"@import|url\(", text, re.I):
        problems.append("a CSS import or url()")
    if re.search(r"<(?:img|iframe|object|embed)\b", text, re.I):
        problems.append("an embedded resource")
    return problems


def case_html(tmp):
    paths = make_class(tmp)
    out_html = os.path.join(tmp, "class.html")
    code, _, err = run("report", *paths, "--html", out_html)
    check(code == 0, "report --html: %s" % err)
    text = open(out_html, encoding="utf-8").read()
    check(text.startswith("<!DOCTYPE html>"), "a doctype")
    check(text.count("<svg") >= 4, "SVG charts: effort, scores, components, channels")
    check(text.count("<svg") == text.count("</svg>"), "balanced SVG")
    check(not html_problems(text), "self-contained: %r" % html_problems(text))
    check("<style>" in text and "@media print" in text, "inline CSS with a print style")
    for colour in ("#0072B2", "#009E73", "#E69F00", "#CC79A7"):
        check(colour in text, "stage colour %s" % colour)
    check("Bob &lt;Old School&gt;" in text and "&quot;the kid&quot;" in text,
          "player names escaped")
    check("<Old School>" not in text, "no raw markup from a player name")
    # well-formed enough for an XML-ish parser: every tag we open we close
    from html.parser import HTMLParser

    class P(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.bad = [], []

        def handle_starttag(self, tag, attrs):
            if tag not in ("meta", "br", "hr"):
                self.stack.append(tag)

        def handle_startendtag(self, tag, attrs):
            pass

        def handle_endtag(self, tag):
            if not self.stack or self.stack[-1] != tag:
                self.bad.append(tag)
            else:
                self.stack.pop()

    p = P()
    p.feed(text)
    check(not p.bad and not p.stack, "tags nest: bad %r, open %r" % (p.bad[:5], p.stack[:5]))


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def case_chromium(tmp):
    browser = find_chromium()
    if not browser:
        print("chromium is not installed: skipped")
        sys.exit(77)
    paths = make_class(tmp)
    out_html = os.path.join(tmp, "class.html")
    code, _, err = run("report", *paths, "--html", out_html)
    check(code == 0, "report --html: %s" % err)
    profile = tempfile.mkdtemp(prefix="upfront-chromium-")
    png = os.path.join(tmp, "class.png")
    base = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile, "--hide-scrollbars"]
    try:
        p = subprocess.run(base + ["--window-size=1280,2400", "--screenshot=" + png,
                                   "file://" + os.path.abspath(out_html)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        check(p.returncode == 0, "chromium renders the page: %s" % p.stderr[-2000:])
        data = open(png, "rb").read() if os.path.exists(png) else b""
        check(data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20000,
              "a non-blank screenshot (%d bytes)" % len(data))
        # the DOM as chromium sees it: the charts are there and the names are text
        p = subprocess.run(base + ["--dump-dom", "file://" + os.path.abspath(out_html)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        dom = p.stdout.decode("utf-8", "replace")
        check(dom.count("<svg") >= 4, "chromium sees the SVG charts")
        check("Bob &lt;Old School&gt;" in dom, "chromium reads the escaped name as text")
        if os.environ.get("UPFRONT_REPORT_SCREENSHOT"):
            shutil.copy(png, os.environ["UPFRONT_REPORT_SCREENSHOT"])
    finally:
        shutil.rmtree(profile, ignore_errors=True)


CASES = {"class": case_class, "tampered": case_tampered, "folders": case_folders,
         "csv": case_csv, "html": case_html, "chromium": case_chromium}


def main():
    global UPFRONT
    if len(sys.argv) != 3 or sys.argv[2] not in CASES:
        print(__doc__, file=sys.stderr)
        return 2
    UPFRONT = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="upfront-report-")
    try:
        CASES[sys.argv[2]](tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
