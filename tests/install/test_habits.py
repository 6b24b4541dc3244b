#!/usr/bin/env python3
"""Command-line habits: --help with usage and examples for every command, one-line errors
and exit 2 for unknown options and missing arguments, colour and progress only on a
terminal (and never with NO_COLOR), --quiet, and 'upfront paths'.

usage: test_habits.py UPFRONT SOURCE_DIR CASE     (exit 0 pass, 1 fail)"""
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile

EXE, SOURCE, CASE = sys.argv[1:4]
failures = []
_user_tmp = tempfile.TemporaryDirectory()  # never the real home folder


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def env_with(**extra):
    env = dict(os.environ)
    for k in ["UPFRONT_DATA_DIR", "NO_COLOR"]:
        env.pop(k, None)
    env["SDL_VIDEODRIVER"] = "dummy"
    env["XDG_DATA_HOME"] = _user_tmp.name
    env["TERM"] = "xterm"
    env.update(extra)
    return env


def run(args, **extra):
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=env_with(**extra),
                          cwd=SOURCE, timeout=600)


def run_pty(args, **extra):
    """Runs with stderr on a pseudo-terminal (stdout a pipe); returns (rc, stdout, stderr)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([EXE, *args], stdout=subprocess.PIPE, stderr=slave,
                         env=env_with(**extra), cwd=SOURCE)
    os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not chunk:
            break
        err += chunk
    out = p.stdout.read()
    p.wait(timeout=600)
    os.close(master)
    return p.returncode, out.decode(), err.decode(errors="replace")


def commands():
    out = run(["--help"]).stdout
    return [(m.group(1), m.group(0).strip()) for m in re.finditer(r"^  upfront ([a-z]+)\b.*$", out, re.M)]


def one_line_error(r, what):
    lines = r.stderr.splitlines()
    check(r.returncode == 2, f"{what}: exit 2, got {r.returncode}")
    check(len(lines) == 1, f"{what}: one line on stderr, got {r.stderr!r}")
    check(r.stdout == "", f"{what}: nothing on stdout, got {r.stdout!r}")


def case_help():
    cmds = commands()
    check(len(cmds) >= 9, f"--help lists the commands: {cmds}")
    top = run(["--help"])
    check(top.returncode == 0 and "examples:" in top.stdout and "--quiet" in top.stdout,
          "upfront --help has examples and --quiet")
    for name, _ in cmds:
        for args in ([name, "--help"], [name, "-h"], ["help", name]):
            r = run(args)
            check(r.returncode == 0, f"{' '.join(args)}: exit 0")
            check(r.stdout.startswith(f"usage: upfront {name}"), f"{' '.join(args)}: usage line")
            ex = r.stdout.split("examples:\n", 1)
            lines = [l for l in ex[1].splitlines() if l.startswith("  upfront ")] if len(ex) == 2 else []
            check(len(lines) >= 1 and all(l.startswith(f"  upfront {name}") for l in lines),
                  f"{' '.join(args)}: examples of '{name}': {lines}")
            check(r.stderr == "", f"{' '.join(args)}: nothing on stderr")


def case_errors():
    one_line_error(run(["--no-such-option"]), "upfront --no-such-option")
    one_line_error(run(["no-such-command"]), "upfront no-such-command")
    one_line_error(run(["help", "no-such-command"]), "upfront help no-such-command")
    for name, usage in commands():
        one_line_error(run([name, "--no-such-option"]), f"{name} --no-such-option")
        one_line_error(run([name, "-z"]), f"{name} -z")
        # Each valued option given last, without its value.
        for opt in re.findall(r"(--[a-z-]+) [A-Z]", usage):
            one_line_error(run([name, "x.json", opt]), f"{name} x.json {opt}")
        # A command with a required argument, given none.
        words = usage.split()[2:]
        depth, required = 0, False
        for w in words:
            if depth == 0 and re.match(r"^\(?[A-Z]", w):
                required = True
            depth += w.count("[") - w.count("]")
        if required:
            one_line_error(run([name]), f"{name} without arguments")


def case_color():
    bad = os.path.join(SOURCE, "tests", "fixtures", "bad", "several-mistakes.json")
    rc, _, err = run_pty(["validate", bad])
    check(rc == 1, f"validate bad file on a terminal: exit 1, got {rc}")
    check("\x1b[1;31merror\x1b[0m:" in err, f"red 'error' on a terminal: {err[:200]!r}")
    rc, _, err = run_pty(["validate", bad], NO_COLOR="1")
    check(rc == 1 and "\x1b" not in err and ": error: " in err, f"NO_COLOR: no escapes: {err[:200]!r}")
    rc, _, err = run_pty(["validate", bad], TERM="dumb")
    check("\x1b" not in err, f"TERM=dumb: no escapes: {err[:200]!r}")
    r = run(["validate", bad])
    check(r.returncode == 1 and "\x1b" not in r.stderr and ": error: " in r.stderr,
          "not a terminal: no escapes")
    # NO_COLOR set but empty does not turn colour off (https://no-color.org).
    rc, _, err = run_pty(["validate", bad], NO_COLOR="")
    check("\x1b[1;31merror" in err, "an empty NO_COLOR leaves colour on")


def case_progress():
    scen = os.path.join(SOURCE, "scenarios", "tutorial.json")
    args = ["simulate", scen, "--strategy", "sales2", "--runs", "300", "--threads", "1"]
    rc, out, err = run_pty(args)
    check(rc == 0 and "simulate: games" in err and "300/300" in err,
          f"progress on a terminal: {err[-200:]!r}")
    check("\r" not in out and "\x1b" not in out, "progress never on stdout")
    check(err.endswith("\r\x1b[K"), "the progress line is erased at the end")
    r = subprocess.run([EXE, *args], capture_output=True, text=True, env=env_with(), cwd=SOURCE)
    check(r.returncode == 0 and r.stderr == "", f"no progress when stderr is not a terminal: {r.stderr!r}")
    for q in (["--quiet", *args], [*args, "-q"]):
        rc, _, err = run_pty(q)
        check(rc == 0 and err == "", f"{' '.join(q[:2])}: no progress with --quiet: {err!r}")
    rc, _, err = run_pty(["balance", scen, "--runs", "30", "--threads", "1"])
    check(rc in (0, 1) and "balance: games" in err and "90/90" in err, f"balance progress: {err[-200:]!r}")


def case_quiet():
    scen = os.path.join(SOURCE, "scenarios", "tutorial.json")
    r = run(["validate", scen])
    check(r.returncode == 0 and "ok" in r.stdout, "validate prints ok")
    for args in (["--quiet", "validate", scen], ["-q", "validate", scen], ["validate", "--quiet", scen]):
        r = run(args)
        check(r.returncode == 0 and r.stdout == "" and r.stderr == "", f"{' '.join(args)}: silent")
    bad = os.path.join(SOURCE, "tests", "fixtures", "bad", "several-mistakes.json")
    r = run(["--quiet", "validate", bad])
    check(r.returncode == 1 and ": error: " in r.stderr, "--quiet still reports problems")


def case_paths():
    r = run(["paths"])
    check(r.returncode == 0, f"paths: exit 0 ({r.stderr})")
    for label in ["data folder", "scenarios", "user data", "results", "settings", "saved game"]:
        check(re.search(r"^%s\s" % label, r.stdout, re.M), f"paths prints '{label}'")
    r = run(["paths", "--json"])
    p = json.loads(r.stdout)
    check(os.path.realpath(p["data_dir"]) == os.path.realpath(SOURCE), f"data_dir in a build: {p['data_dir']}")
    user = os.path.join(_user_tmp.name, "upfront") + os.sep
    check(p["user_dir"] == user, f"user_dir is SDL's pref path under XDG_DATA_HOME: {p['user_dir']}")
    check(p["results"] == user + "results", f"results: {p['results']}")
    check(p["settings"] == user + "settings.json", f"settings: {p['settings']}")
    check(p["save"] == user + "save.json", f"save: {p['save']}")
    check(isinstance(p["data_dir_searched"], list) and p["data_dir_searched"], "data_dir_searched")
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(SOURCE, "scenarios"), os.path.join(tmp, "scenarios"))
        r = run(["paths", "--json"], UPFRONT_DATA_DIR=tmp)
        check(r.returncode == 0 and json.loads(r.stdout)["data_dir"] == tmp, "UPFRONT_DATA_DIR wins")
        missing = os.path.join(tmp, "missing")
        r = run(["paths"], UPFRONT_DATA_DIR=missing)
        check(r.returncode == 2 and missing in r.stderr and "UPFRONT_DATA_DIR" in r.stderr,
              f"a wrong UPFRONT_DATA_DIR is named: {r.stderr!r}")
        r = run(["bench"], UPFRONT_DATA_DIR=missing)
        check(r.returncode == 2 and missing in r.stderr, f"bench names the folder it looked in: {r.stderr!r}")
    one_line_error(run(["paths", "extra"]), "paths extra")


CASES = {"help": case_help, "errors": case_errors, "color": case_color,
         "progress": case_progress, "quiet": case_quiet, "paths": case_paths}
CASES[CASE]()
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("ok")
