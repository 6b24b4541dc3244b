#!/usr/bin/env python3
"""Tests of `upfront report`: the class leaderboard, its CSV and HTML, on real results files.

usage: test_report.py UPFRONT CASE   (run from the source folder)
CASE: class | tampered | folders | csv | html | chromium | gamed | lost | hostile
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import people  # noqa: E402

UPFRONT = None
DATA = None  # a data folder of its own: a snapshot of scenarios/ (others may be editing them)
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
    env["UPFRONT_DATA_DIR"] = DATA
    p = subprocess.run([UPFRONT] + [str(a) for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env, timeout=600, stdin=subprocess.DEVNULL)
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    check(not SANITIZER.search(err), "sanitizer report: " + err)
    return p.returncode, out, err


def penv():
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    env["UPFRONT_DATA_DIR"] = DATA
    return env


def make_class(folder, scenario=None, seed=1):
    """Three trainees' games, played as a person would (a strategy's game with a step of
    their own: see people.py), through `run --actions --player`; returns their paths."""
    scenario = scenario or SCENARIO
    paths = []
    for i, (strat, player) in enumerate(TRAINEES):
        path = os.path.join(folder, "%s.json" % strat)
        people.play_person(UPFRONT, scenario, seed, player, out=path, variant=i, strategy=strat,
                           env=penv(), tmp=folder)
        paths.append(path)
    return paths


def csv_rows(raw):
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return [dict(zip(rows[0], r)) for r in rows[1:]], rows[0]


def case_class(tmp):
    paths = make_class(tmp)
    code, out, err = run("report", *paths)
    check(code == 0, "report on verified files exits 0: %d %s" % (code, err))
    rows = [l for l in out.splitlines() if re.match(r"^\s+\d+\s", l)]
    check(len(rows) == 3, "three ranked rows: %r" % out)
    check(rows and "Ada Lovelace" in rows[0] and rows[0].split()[0] == "1",
          "the trainee who front-loaded ranks first: %r" % rows)
    check("3 trainees" in out and "Not ranked" not in out, "three trainees, all ranked")
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
    paths = make_class(os.path.join(room, "laptop-2", "results"))
    shutil.copy(paths[0], os.path.join(room, "ada-copy.json"))  # the same file twice
    with open(os.path.join(room, "notes.txt"), "w") as f:
        f.write("not a results file")
    code, out, err = run("report", room)
    check(code == 0, "a folder of results exits 0: %d %s" % (code, err))
    rows = [l for l in out.splitlines() if re.match(r"^\s+\d+\s", l)]
    check(len(rows) == 3, "subfolders searched, the copy counted once: %r" % out)
    check("counted once" in err, "the copy is named: %r" % err)
    check("notes.txt" in err and "not named *.json" in err, "the other file is named: %r" % err)
    # nothing is skipped without being named: hidden files and folders, other cases
    os.makedirs(os.path.join(room, ".hidden"))
    with open(os.path.join(room, ".hidden", "x.json"), "w") as f:
        f.write("{}")
    shutil.copy(paths[1], os.path.join(room, ".Cat.json"))
    code, out, err = run("report", room)
    check(code == 1, "skipped files exit 1: %d" % code)
    check(".hidden: skipped: a hidden folder" in err, "the hidden folder is named: %r" % err)
    check(".Cat.json: skipped: a hidden file" in err, "the hidden file is named: %r" % err)
    shutil.rmtree(os.path.join(room, ".hidden"))
    os.remove(os.path.join(room, ".Cat.json"))
    ben = os.path.join(room, "Ben.JSON")
    people.play_person(UPFRONT, SCENARIO, 1, "Ben", out=ben, variant=9, env=penv(), tmp=tmp)
    code, out, err = run("report", room)
    check(code == 0 and "Ben" in out, "Ben.JSON is read: %d %r %r" % (code, out[:300], err))
    # more than 16 folders deep: named, exit 1
    deep = room
    for i in range(18):
        deep = os.path.join(deep, "d%d" % i)
    os.makedirs(deep)
    shutil.copy(paths[2], os.path.join(deep, "deep.json"))
    code, out, err = run("report", room)
    check(code == 1 and "more than 16 folders deep" in err, "too deep is named: %d %r" % (code, err))
    shutil.rmtree(os.path.join(room, "d0"))
    # mixed scenarios: one section per scenario (the tiny fixture is given with --scenario)
    tiny = os.path.join(room, "tiny")
    os.makedirs(tiny)
    make_class(tiny, TINY)
    code, out, err = run("report", room, "--scenario", SCENARIO, "--scenario", TINY)
    check(code == 0, "mixed scenarios exit 0: %r" % err)
    check(out.count("Class report:") == 2, "one section per scenario: %r" % out)
    # without --scenario, only the data folder's scenarios are trusted
    code, out, err = run("report", room)
    check(code == 1 and "none of the scenarios in the data folder" in err,
          "a scenario not shipped is left out without --scenario: %r" % err)
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
    check(raw.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte order mark (Excel reads the accents)")
    check(raw.endswith(b"\r\n") and b"\r\n" in raw, "CRLF line ends (RFC 4180)")
    recs, header = csv_rows(raw)
    check(len(recs) == 3, "three rows: %d" % len(recs))
    for col in ("rank", "player", "flags", "scenario", "score", "results", "process",
                "efficiency", "penalties", "floor", "revenue", "quota", "attainment_pct",
                "deals_won", "deals_no_decision", "buyer_initiated", "frontload_pct",
                "personalisation_pct", "breadth_pct", "generic_exec_calls", "burned",
                "lost_to_pressure", "overworked_days", "accounts_unresearched",
                "effort_prepare_pct", "touches_phone", "seed", "file"):
        check(col in header, "CSV column %s" % col)
    check(len(header) == len(set(header)), "no duplicate columns")
    check("no_decision" not in header, "no_decision is deals_no_decision, not twice")
    check(header[:3] == ["rank", "player", "flags"], "rank, player, flags first: %r" % header[:3])
    check(recs[0]["player"] == "Ada Lovelace", "the leader first in the CSV")
    check("Cy, \"the kid\"" in [r["player"] for r in recs], "quoted names round-trip")
    for r in recs:
        d = json.load(open(r["file"], encoding="utf-8"))
        for k in ("total", "results", "process", "efficiency"):
            col = "score" if k == "total" else k
            check(int(r[col]) == d["score"][k], "%s %s matches the results file" % (r["player"], k))
        check(int(r["penalties"]) == -d["score"]["penalties"], "penalties are negative")
        total = sum(int(r[k]) for k in ("results", "process", "efficiency", "penalties", "floor"))
        check(total == int(r["score"]), "the components add up to the score: %r" % r)
        check(int(r["revenue"]) == d["score"]["revenue"], "revenue matches")
        check(r["rank"].isdigit() and r["flags"] == "", "ranked, no flags")
    check(header[-2:] == ["par", "max_score"], "par and max_score end the header: %r" % header)
    check(header.index("file") == len(header) - 3, "file keeps its place before them")
    for r in recs:
        check(r["par"].isdigit() and r["max_score"].isdigit(), "par and max are whole numbers")
        check(int(r["score"]) <= int(r["max_score"]), "no score above the maximum")
    # two seeds: the class's seed is ranked, the other is flagged off-seed, each with its par
    other = os.path.join(tmp, "seed9")
    os.makedirs(other)
    paths9 = make_class(other, seed=9)
    code, out, err = run("report", *paths, paths9[0], "--csv", out_csv)
    check(code == 0, "report on two seeds: %s" % err)
    recs2, _ = csv_rows(open(out_csv, "rb").read())
    by_seed = {}
    for r in recs2:
        by_seed.setdefault(r["seed"], set()).add(r["par"])
    check(sorted(by_seed) == ["1", "9"] and all(len(v) == 1 for v in by_seed.values()),
          "one par per seed: %r" % by_seed)
    off = [r for r in recs2 if r["seed"] == "9"]
    check(len(off) == 1 and off[0]["rank"] == "" and "off-seed" in off[0]["flags"] and
          "attempt" not in off[0]["flags"], "the game on another seed is flagged off-seed: %r" % off)
    check(all(r["rank"] for r in recs2 if r["seed"] == "1"), "the class's seed is ranked")
    # --seed 9 turns it round
    code, out, err = run("report", *paths, paths9[0], "--seed", "9", "--csv", out_csv)
    recs3, _ = csv_rows(open(out_csv, "rb").read())
    check([r["seed"] for r in recs3 if r["rank"]] == ["9"], "--seed 9 ranks seed 9: %r" % recs3)
    # atomic: a write into a missing folder fails cleanly and leaves nothing
    code, _, err = run("report", *paths, "--csv", os.path.join(tmp, "nope", "x.csv"))
    check(code == 2 and "cannot write" in err, "an unwritable CSV exits 2: %r" % err)
    check(not any(n.startswith(".") or ".tmp" in n for n in os.listdir(tmp)),
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
    # the class picture first, sections linked, the leaderboard after the charts
    order = [text.find('id="g0-%s"' % k) for k in ("effort", "scores", "channels", "mistakes",
                                                   "board", "components")]
    check(all(i > 0 for i in order) and order == sorted(order),
          "effort, scores, channels, mistakes, then the leaderboard: %r" % order)
    for k in ("effort", "scores", "channels", "mistakes", "board", "components"):
        check('href="#g0-%s"' % k in text, "a link to the %s section" % k)
    check("max-width:1280px" not in text, "the page may use a wide projector")
    # every trainee is a dot, even eight on one score; long names are whole. Eight games
    # that tie: each researches another account, then lets the days pass (a copied file
    # would be flagged "same game as": see report_gamed)
    room = os.path.join(tmp, "eight")
    os.makedirs(room)
    _, days, prospects = people.strategy_actions(UPFRONT, SCENARIO, "sales2", 1, penv(), room)
    names = ["Trainee %d" % i for i in range(7)] + ["María José García-López de la Fuente"]
    for i, name in enumerate(names):
        acts = os.path.join(room, "acts%d.txt" % i)
        with open(acts, "w", encoding="utf-8") as f:
            json.dump([{"act": "research", "prospect": prospects[i], "topic": "company"}] +
                      [{"act": "end_day"}] * days, f)
        code, _, err = run("run", SCENARIO, "--actions", acts, "--seed", 1, "--player", name,
                           "--out", os.path.join(room, "t%d.json" % i))
        check(code == 0, "a tied game for %s: %r" % (name, err))
        os.remove(acts)
    code, out, err = run("report", room, "--html", out_html)
    check(code == 0, "eight games of one score: %r" % err)
    page = open(out_html, encoding="utf-8").read()
    dist = page[page.find('id="g0-scores"'):page.find('id="g0-channels"')]
    check(dist.count("<circle") == 8, "eight dots for eight trainees: %d" % dist.count("<circle"))
    ys = re.findall(r'<circle cx="([\d.]+)" cy="(\d+)"', dist)
    check(len(set(ys)) == 8, "no dot hides another: %r" % ys)
    check(names[-1] in page[page.find('id="g0-board"'):], "the long name is whole: not cut")
    check("8 trainees ranked" in page and "1 of 8 trainee" not in page, "counted: %r" % page[:0])


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
        # a laptop projector and a full-HD one (the screenshots are kept with
        # UPFRONT_REPORT_SCREENSHOT=PREFIX: PREFIX-1366x768.png, ...)
        for size in ("1366,768", "1920,1080", "1280,2400"):
            if os.path.exists(png):
                os.remove(png)
            p = subprocess.run(base + ["--window-size=" + size, "--screenshot=" + png,
                                       "file://" + os.path.abspath(out_html)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
            check(p.returncode == 0, "chromium renders the page at %s: %s" % (size, p.stderr[-2000:]))
            data = open(png, "rb").read() if os.path.exists(png) else b""
            check(data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20000,
                  "a non-blank screenshot at %s (%d bytes)" % (size, len(data)))
            if os.environ.get("UPFRONT_REPORT_SCREENSHOT") and data:
                shutil.copy(png, "%s-%s.png" % (os.environ["UPFRONT_REPORT_SCREENSHOT"],
                                                size.replace(",", "x")))
        # the DOM as chromium sees it: the charts are there and the names are text
        p = subprocess.run(base + ["--dump-dom", "file://" + os.path.abspath(out_html)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        dom = p.stdout.decode("utf-8", "replace")
        check(dom.count("<svg") >= 4, "chromium sees the SVG charts")
        check("Bob &lt;Old School&gt;" in dom, "chromium reads the escaped name as text")
    finally:
        shutil.rmtree(profile, ignore_errors=True)

def ranked_and_flags(out_csv):
    recs, _ = csv_rows(open(out_csv, "rb").read())
    return {r["player"]: (r["rank"], r["flags"]) for r in recs}


def case_gamed(tmp):
    """Every way a class's results were gamed: each game is shown but not ranked."""
    room = os.path.join(tmp, "class")
    os.makedirs(room)
    make_class(room)  # Ada, Bob, Cy: people on seed 1
    env = penv()
    # 1. an edited copy of the scenario (quota cut, deal values x10), played and handed in
    mine = os.path.join(room, ".mine")
    os.makedirs(mine)
    d = json.load(open(SCENARIO, encoding="utf-8"))
    d["quota"] = 1000
    for pr in d["prospects"]:
        pr["deal_value"] = pr["deal_value"] * 10
    edited = os.path.join(mine, "midmarket-quarter.json")
    with open(edited, "w", encoding="utf-8") as f:
        json.dump(d, f)
    cheat = os.path.join(room, "eve.json")
    people.play_person(UPFRONT, edited, 1, "Eve", out=cheat, variant=4, env=env, tmp=tmp)
    # 2. a strategy's game handed in under a person's name, and one whose record was edited
    bot = os.path.join(room, "fay.json")
    code, _, err = run("run", SCENARIO, "--strategy", "sales2", "--seed", 1, "--player", "Fay",
                       "--out", bot)
    check(code == 0, "run --strategy: %s" % err)
    laundered = json.load(open(bot, encoding="utf-8"))
    check(laundered["played_by"] == {"who": "strategy", "strategy": "sales2"},
          "run --strategy records who played: %r" % laundered.get("played_by"))
    laundered["played_by"] = {"who": "person"}
    laundered["player"] = "Gus"
    with open(os.path.join(room, "gus.json"), "w", encoding="utf-8") as f:
        json.dump(laundered, f)
    # ... and the first weeks played by sales2, the rest by hand (play --from-week)
    acts = people.strategy_actions(UPFRONT, SCENARIO, "sales2", 1, env, tmp)[0]
    days_per_week = d["calendar"]["days_per_week"]
    first_weeks, ended = [], 0
    for a in acts:
        if ended >= days_per_week * 2:
            break
        first_weeks.append(a)
        ended += a["act"] == "end_day"
    total_days = d["calendar"]["weeks"] * days_per_week
    idle = first_weeks + [{"act": "end_day"}] * (total_days - ended)
    lst = os.path.join(tmp, "assisted.json")
    with open(lst, "w", encoding="utf-8") as f:
        json.dump(idle, f)
    code, _, err = run("run", SCENARIO, "--actions", lst, "--seed", 1, "--player", "Hal",
                       "--out", os.path.join(room, "hal.json"))
    check(code == 0, "an assisted game: %s" % err)
    # 3. a mistyped seed
    people.play_person(UPFRONT, SCENARIO, 11, "Ivy", out=os.path.join(room, "ivy.json"),
                       variant=5, env=env, tmp=tmp)
    # 4. a game cut off after day 9
    people.play_person(UPFRONT, SCENARIO, 1, "Jon", out=os.path.join(room, "jon.json"),
                       variant=6, env=env, tmp=tmp, stop_after_day=9)
    # 5. "Play again", and the same name typed differently
    people.play_person(UPFRONT, SCENARIO, 1, "ada lovelace ", out=os.path.join(room, "ada2.json"),
                       variant=7, env=env, tmp=tmp, strategy="random")
    people.play_person(UPFRONT, SCENARIO, 1, "  ADA  Lovelace", out=os.path.join(room, "ada3.json"),
                       variant=8, env=env, tmp=tmp, strategy="sales1")

    out_csv = os.path.join(tmp, "class.csv")
    for extra in ((), ("--scenario", SCENARIO)):
        code, out, err = run("report", room, "--csv", out_csv, *extra)
        check(code == 1, "the edited scenario makes the report exit 1 %r: %d" % (extra, code))
        check("eve.json: error:" in err and "edited copy of scenario midmarket-quarter" in err,
              "the game on an edited scenario is named %r: %r" % (extra, err))
        check("Eve" not in out, "and is nowhere in the report")
    code, out, err = run("report", room, "--csv", out_csv)
    flags = ranked_and_flags(out_csv)
    check(flags.get("Fay") == ("", "strategy:sales2"), "run --strategy: %r" % (flags.get("Fay"),))
    check(flags.get("Gus") == ("", "same as sales2"), "a laundered bot game: %r" % (flags.get("Gus"),))
    check(flags.get("Hal") == ("", "assisted:weeks 1-2 sales2"), "assisted: %r" % (flags.get("Hal"),))
    check(flags.get("Ivy") == ("", "off-seed"), "off-seed: %r" % (flags.get("Ivy"),))
    check(flags.get("Jon") == ("", "unfinished"), "unfinished: %r" % (flags.get("Jon"),))
    adas = [(p, v) for p, v in flags.items() if p.strip().lower().replace("  ", " ") ==
            "ada lovelace"]
    check(len(adas) == 3 and sum(1 for _, v in adas if v[0]) == 1 and
          sum(1 for _, v in adas if v[1] == "attempt") == 2,
          "Ada counts once, her other games are attempts: %r" % adas)
    best = max(csv_rows(open(out_csv, "rb").read())[0], key=lambda r: int(r["score"])
               if r["player"].strip().lower().startswith("ada") else -1)
    check(best["rank"] != "", "her best game is the one ranked (--attempts best)")
    ranked = [p for p, v in flags.items() if v[0]]
    check(sorted(ranked) == sorted([best["player"], "Bob <Old School>", "Cy, \"the kid\""]),
          "only people on the class's seed are ranked: %r" % ranked)
    check("3 trainees" in out, "the class counts three trainees: %r" % out[:200])
    check("seed" in out and "11" in out, "each game's seed is shown")
    # --attempts first / all
    run("report", room, "--csv", out_csv, "--attempts", "first")
    firsts = [p for p, v in ranked_and_flags(out_csv).items() if v[0] and "ada" in p.lower()]
    check(len(firsts) == 1, "--attempts first ranks one of Ada's games: %r" % firsts)
    run("report", room, "--csv", out_csv, "--attempts", "all")
    alls = [p for p, v in ranked_and_flags(out_csv).items() if v[0] and "ada" in p.lower()]
    check(len(alls) == 3, "--attempts all ranks each: %r" % alls)
    code, _, err = run("report", room, "--attempts", "most")
    check(code == 2, "--attempts takes best, first or all")
    # verify: the unfinished game exits 1
    code, _, err = run("verify", os.path.join(room, "jon.json"))
    check(code == 1 and "not finished" in err, "verify exits 1 on an unfinished game: %r" % err)


def case_lost(tmp):
    """Files that were lost or hung the report."""
    # two games started in the same second into one new, nested folder: two files
    shared = os.path.join(tmp, "share", "room 4", "results")
    made = set()
    for player in ("Ann", "Ann"):
        code, out, err = run("run", SCENARIO, "--strategy", "sales2", "--player", player,
                             "--results", shared)
        check(code == 0, "run --results into a new nested folder: %s" % err)
        made.add(out.split(": score ")[0])
    names = sorted(os.listdir(shared))
    check(len(names) == 2 and len(made) == 2, "two games, two files: %r" % names)
    check(all(n.startswith("midmarket-quarter-20260101-000000-Ann-seed1") for n in names),
          "named after the scenario, time, player and seed: %r" % names)
    # --out never replaces another player's game
    first = os.path.join(shared, names[0])
    code, _, err = run("run", SCENARIO, "--strategy", "random", "--player", "Bea", "--out", first)
    check(code == 2 and "another player's game" in err, "--out refuses Ann's file: %r" % err)
    check(json.load(open(first, encoding="utf-8"))["player"] == "Ann", "Ann's game is intact")
    # a FIFO (or a link to /dev/stdin) named x.json does not hang the report
    room = os.path.join(tmp, "class")
    os.makedirs(room)
    make_class(room)
    if hasattr(os, "mkfifo"):
        os.mkfifo(os.path.join(room, "x.json"))
        os.symlink("/dev/stdin", os.path.join(room, "y.json"))
        p = subprocess.run([UPFRONT, "report", room], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=penv(), timeout=60)
        err = p.stderr.decode("utf-8", "replace")
        check(p.returncode == 1, "a FIFO is skipped, exit 1: %d" % p.returncode)
        check("x.json: skipped: a FIFO" in err, "the FIFO is named: %r" % err)
        check("y.json: skipped" in err, "the link to /dev/stdin is named: %r" % err)
        check(p.stdout.decode().count("\n   ") >= 3, "the class is still reported")
        os.remove(os.path.join(room, "x.json"))
        os.remove(os.path.join(room, "y.json"))
    # a device as an output stays a device
    code, out, err = run("report", room, "--csv", "/dev/null", "--html", "/dev/null")
    check(code == 0, "report to /dev/null: %r" % err)
    check(not os.path.isfile("/dev/null") and os.path.exists("/dev/null"),
          "/dev/null is still a device")
    if os.path.exists("/dev/stdout"):
        p = subprocess.run([UPFRONT, "report", room, "--csv", "/dev/stdout"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=penv(), timeout=120)
        check(p.returncode == 0 and b"rank,player,flags" in p.stdout,
              "--csv /dev/stdout writes the CSV to stdout: %r" % p.stderr[-300:])
    # a file that is not a results file, and one that does not exist, say why
    junk = os.path.join(room, "notes.json")
    with open(junk, "w") as f:
        f.write("[1, 2]")
    html = os.path.join(tmp, "class.html")
    code, out, err = run("report", room, os.path.join(tmp, "gone.json"), "--html", html)
    check(code == 2, "a missing file exits 2")
    page = open(html, encoding="utf-8").read()
    check("gone.json: cannot read: No such file or directory" in page,
          "the missing file's reason is in the HTML")
    check("notes.json: not a valid results file" in page, "so is the junk file's: %r" %
          page[page.find("Left out"):][:600])
    check("replay does not give the recorded score" not in page, "no blanket reason")


def case_hostile(tmp):
    """Hostile text: control characters and bidi overrides, long names."""
    room = os.path.join(tmp, "class")
    os.makedirs(room)
    paths = make_class(room)
    long_name = "María José García-López de la Fuente y Montenegro Villanueva"  # 60
    people.play_person(UPFRONT, SCENARIO, 1, long_name, out=os.path.join(room, "long.json"),
                       variant=11, env=penv(), tmp=tmp)
    # an ESC and U+202E in a file name, and in the fields of a tampered file
    evil_name = os.path.join(room, "e\x1b]0;pwned\x07vil\u202e.json")
    shutil.copy(paths[0], evil_name)
    d = json.load(open(paths[1], encoding="utf-8"))
    d["state_hash"] = "\x1b[2J\u202eabc"
    d["scenario"]["path"] = "\x1b[31mred"
    d["player"] = "Bob\x1b[2J"
    with open(os.path.join(room, "esc.json"), "w", encoding="utf-8") as f:
        json.dump(d, f)
    d = json.load(open(paths[2], encoding="utf-8"))
    d["scenario"]["id"] = "mid\x1b[2Jmarket"
    with open(os.path.join(room, "esc2.json"), "w", encoding="utf-8") as f:
        json.dump(d, f)
    html = os.path.join(tmp, "class.html")
    out_csv = os.path.join(tmp, "class.csv")
    p = subprocess.run([UPFRONT, "report", room, "--html", html, "--csv", out_csv],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=penv(), timeout=300)
    for stream, data in (("stdout", p.stdout), ("stderr", p.stderr)):
        check(b"\x1b" not in data, "no raw ESC on %s: %r" % (stream, data[-500:]))
        check("\u202e".encode() not in data, "no raw U+202E on %s" % stream)
        check(b"\x07" not in data, "no raw BEL on %s" % stream)
    check(p.returncode == 1, "the tampered files are left out: %d" % p.returncode)
    check(b"\\u001B" in p.stderr, "an ESC is shown escaped: %r" % p.stderr[-400:])
    page = open(html, encoding="utf-8").read()
    check("\x1b" not in page and "\u202e" not in page, "nothing raw in the HTML, tooltips too")
    check(long_name in page, "the long name is whole in the HTML")
    check(long_name in p.stdout.decode("utf-8"), "and in the terminal")
    check("\u202e" not in open(out_csv, encoding="utf-8-sig").read(), "nor in the CSV")
    # names: at most 64 characters, no control characters
    code, _, err = run("run", SCENARIO, "--strategy", "sales2", "--player", "x" * 100, "--out",
                       os.path.join(tmp, "x.json"))
    check(code == 2 and "at most 64 characters" in err, "a 100-character --player exits 2: %r" % err)
    check(not os.path.exists(os.path.join(tmp, "x.json")), "and writes nothing")
    code, _, err = run("run", SCENARIO, "--strategy", "sales2", "--player", "a\x1b[2Jb", "--out",
                       os.path.join(tmp, "x.json"))
    check(code == 2 and "\x1b" not in err, "a control character in --player exits 2: %r" % err)
    code, _, err = run("run", SCENARIO, "--strategy", "sales2", "--player", "é" * 64, "--out",
                       os.path.join(tmp, "x.json"))
    check(code == 0, "64 accented characters are fine: %r" % err)
    d = json.load(open(paths[0], encoding="utf-8"))
    d["player"] = "y" * 65
    big = os.path.join(tmp, "big.json")
    with open(big, "w", encoding="utf-8") as f:
        json.dump(d, f)
    code, _, err = run("verify", big)
    check(code == 1 and "at most 64 characters" in err, "a 65-character name in a file: %r" % err)


CASES = {"class": case_class, "tampered": case_tampered, "folders": case_folders,
         "csv": case_csv, "html": case_html, "chromium": case_chromium,
         "gamed": case_gamed, "lost": case_lost, "hostile": case_hostile}


def snapshot_data(tmp):
    """A data folder holding a copy of the shipped scenarios, taken once."""
    global DATA, SCENARIO
    DATA = os.path.join(tmp, "data")
    os.makedirs(os.path.join(DATA, "scenarios"))
    for name in os.listdir("scenarios"):
        if name.endswith(".json"):
            shutil.copy(os.path.join("scenarios", name), os.path.join(DATA, "scenarios"))
    SCENARIO = os.path.join(DATA, "scenarios", "midmarket-quarter.json")


def main():
    global UPFRONT
    if len(sys.argv) != 3 or sys.argv[2] not in CASES:
        print(__doc__, file=sys.stderr)
        return 2
    UPFRONT = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="upfront-report-")
    try:
        snapshot_data(tmp)
        CASES[sys.argv[2]](tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
