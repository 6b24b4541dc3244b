#!/usr/bin/env python3
"""Install tests: the installed tree, a moved prefix, the Debian package, the manual page,
the desktop entry and the AppStream metainfo.

usage: test_install.py BUILD_DIR SOURCE_DIR UI(ON|OFF) CASE
Exit 0 pass, 1 fail, 77 skip (a tool it needs is missing)."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
APP_ID = "io.github.upfront.Upfront"
BUILD, SOURCE, UI, CASE = sys.argv[1:5]
failures = []
# The program never writes into the real home folder during the tests.
_user_tmp = tempfile.TemporaryDirectory()
os.environ["XDG_DATA_HOME"] = _user_tmp.name


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def skip(why):
    print("SKIP:", why)
    sys.exit(SKIP)


def clean_env():
    env = dict(os.environ)
    env.pop("UPFRONT_DATA_DIR", None)
    env["SDL_VIDEODRIVER"] = "dummy"
    return env


def run(args, env=None, cwd=None):
    return subprocess.run(args, capture_output=True, text=True, env=env or clean_env(),
                          cwd=cwd, timeout=600)


def exercise(prefix, workdir):
    """Runs the installed program in prefix from a folder outside the source tree, with
    UPFRONT_DATA_DIR unset: it must find prefix/share/upfront by itself."""
    exe = os.path.join(prefix, "bin", "upfront")
    share = os.path.join(prefix, "share", "upfront")
    check(os.access(exe, os.X_OK), f"{exe} is installed")
    r = run([exe, "--version"], cwd=workdir)
    check(r.returncode == 0 and r.stdout.startswith("upfront "), f"--version: {r.stdout!r} {r.stderr!r}")
    r = run([exe, "paths", "--json"], cwd=workdir)
    check(r.returncode == 0, f"paths exits 0: {r.stderr}")
    if r.returncode == 0:
        data_dir = json.loads(r.stdout)["data_dir"]
        check(os.path.realpath(data_dir) == os.path.realpath(share),
              f"data folder found relative to the executable: {data_dir} != {share}")
    scenarios = sorted(glob.glob(os.path.join(share, "scenarios", "*.json")))
    check(len(scenarios) >= 2, f"scenarios installed in {share}/scenarios")
    check(os.path.isfile(os.path.join(share, "scenarios", "scenario.schema.json")), "schema installed")
    check(os.path.isfile(os.path.join(share, "assets", "fonts", "DejaVuSans.ttf")), "font installed")
    r = run([exe, "validate", *scenarios], cwd=workdir)
    check(r.returncode == 0, f"validate installed scenarios: {r.stdout}{r.stderr}")
    tutorial = os.path.join(share, "scenarios", "tutorial.json")
    r = run([exe, "simulate", tutorial, "--strategy", "sales2", "--runs", "40", "--json"], cwd=workdir)
    check(r.returncode == 0, f"simulate: {r.stderr}")
    if r.returncode == 0:
        check(json.loads(r.stdout)["runs"] == 40, "simulate --json output")
        check(r.stderr == "", f"no progress on a non-terminal stderr: {r.stderr!r}")
    out = os.path.join(workdir, "game.json")
    r = run([exe, "run", tutorial, "--strategy", "sales2", "--out", out], cwd=workdir)
    check(r.returncode == 0, f"run: {r.stderr}")
    r = run([exe, "verify", out], cwd=workdir)
    check(r.returncode == 0, f"verify: {r.stdout}{r.stderr}")
    env = clean_env()
    env["UPFRONT_DATA_DIR"] = os.path.join(workdir, "no-such-folder")
    r = run([exe, "paths"], env=env, cwd=workdir)
    check(r.returncode == 2 and "no-such-folder" in r.stderr,
          f"a missing data folder is named: {r.returncode} {r.stderr!r}")


def installed_extras(prefix):
    share = os.path.join(prefix, "share")
    for rel in ["applications/%s.desktop" % APP_ID, "metainfo/%s.metainfo.xml" % APP_ID,
                "icons/hicolor/scalable/apps/%s.svg" % APP_ID,
                "icons/hicolor/48x48/apps/%s.png" % APP_ID,
                "icons/hicolor/256x256/apps/%s.png" % APP_ID]:
        check(os.path.isfile(os.path.join(share, rel)), f"{rel} installed")
    man = glob.glob(os.path.join(share, "man", "man6", "upfront.6*"))
    check(len(man) == 1, "the manual page upfront(6) is installed")


def case_moved_prefix():
    with tempfile.TemporaryDirectory() as tmp:
        stage = os.path.join(tmp, "stage")
        env = clean_env()
        env["DESTDIR"] = stage
        r = run(["cmake", "--install", BUILD, "--prefix", "/opt/upfront"], env=env)
        check(r.returncode == 0, f"cmake --install: {r.stdout}{r.stderr}")
        if r.returncode != 0:
            return
        moved = os.path.join(tmp, "elsewhere", "upfront-moved")
        os.makedirs(os.path.dirname(moved))
        shutil.move(os.path.join(stage, "opt", "upfront"), moved)
        installed_extras(moved)
        work = os.path.join(tmp, "work")
        os.mkdir(work)
        exercise(moved, work)
        # Started through PATH and through a symbolic link, it still finds its data.
        link = os.path.join(tmp, "link-to-upfront")
        os.symlink(os.path.join(moved, "bin", "upfront"), link)
        r = run([link, "paths", "--json"], cwd=work)
        check(r.returncode == 0 and os.path.realpath(json.loads(r.stdout)["data_dir"]) ==
              os.path.realpath(os.path.join(moved, "share", "upfront")),
              f"through a symbolic link: {r.stdout}{r.stderr}")
        env = clean_env()
        env["PATH"] = os.path.join(moved, "bin") + os.pathsep + env.get("PATH", "")
        r = run(["upfront", "paths", "--json"], env=env, cwd=work)
        check(r.returncode == 0 and os.path.realpath(json.loads(r.stdout)["data_dir"]) ==
              os.path.realpath(os.path.join(moved, "share", "upfront")),
              f"through PATH: {r.stdout}{r.stderr}")


def case_deb():
    for tool in ["cpack", "dpkg-deb"]:
        if not shutil.which(tool):
            skip(f"{tool} is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        r = run(["cpack", "-G", "DEB", "-B", os.path.join(tmp, "pkg"),
                 "--config", os.path.join(BUILD, "CPackConfig.cmake")], cwd=BUILD)
        debs = glob.glob(os.path.join(tmp, "pkg", "*.deb"))
        check(r.returncode == 0 and len(debs) == 1, f"cpack -G DEB: {r.stdout}{r.stderr}")
        if not debs:
            return
        deb = debs[0]
        fields = run(["dpkg-deb", "-f", deb, "Package", "Depends", "Section"]).stdout
        print(fields)
        depends = re.search(r"^Depends: (.*)$", fields, re.M)
        depends = depends.group(1) if depends else ""
        wanted = ["libc6", "libcjson1"] + (["libsdl2-2.0-0", "libsdl2-ttf-2.0-0"] if UI == "ON" else [])
        for pkg in wanted:
            check(re.search(r"(^|, )%s( |,|$)" % re.escape(pkg), depends) is not None,
                  f"Depends names {pkg}: {depends}")
        root = os.path.join(tmp, "root")
        r = run(["dpkg-deb", "-x", deb, root])
        check(r.returncode == 0, f"dpkg-deb -x: {r.stderr}")
        prefix = os.path.join(root, "usr")
        installed_extras(prefix)
        work = os.path.join(tmp, "work")
        os.mkdir(work)
        exercise(prefix, work)


def commands_from_help(exe):
    out = run([exe, "--help"]).stdout
    return [(m.group(1), m.group(0).strip()) for m in re.finditer(r"^  upfront ([a-z]+)\b.*$", out, re.M)]


def case_man():
    page = open(os.path.join(SOURCE, "packaging", "upfront.6"), encoding="utf-8").read()
    exe = os.path.join(BUILD, "upfront")
    commands = commands_from_help(exe)
    check(len(commands) >= 9, f"commands listed by --help: {commands}")
    sections = re.split(r"^\.SS ", page, flags=re.M)
    for name, usage in commands:
        sec = [s for s in sections if s.startswith('"upfront %s' % name)]
        check(len(sec) == 1, f"upfront(6) has a section for '{name}'")
        if not sec:
            continue
        text = sec[0].replace("\\-", "-")
        for opt in re.findall(r"--[a-z][a-z-]*", usage):
            check(opt in text, f"upfront(6) documents {name} {opt}")
    for heading in ["EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES"]:
        check(".SH " + heading in page, f"upfront(6) has {heading}")
    for needle in ["UPFRONT_DATA_DIR", "NO_COLOR", "\\-\\-quiet"]:
        check(needle in page, f"upfront(6) mentions {needle}")
    if shutil.which("groff"):
        r = run(["groff", "-man", "-Tutf8", "-ww", "-z", os.path.join(SOURCE, "packaging", "upfront.6")])
        check(r.returncode == 0 and r.stderr == "", f"groff has no warnings: {r.stderr}")


def case_desktop():
    if not shutil.which("desktop-file-validate"):
        skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    r = run(["desktop-file-validate", os.path.join(SOURCE, "packaging", APP_ID + ".desktop")])
    check(r.returncode == 0 and r.stdout.strip() == "" and r.stderr.strip() == "",
          f"desktop-file-validate: {r.stdout}{r.stderr}")


def case_metainfo():
    if not shutil.which("appstreamcli"):
        skip("appstreamcli is not installed (Debian: appstream)")
    r = run(["appstreamcli", "validate", "--no-net",
             os.path.join(SOURCE, "packaging", APP_ID + ".metainfo.xml")])
    check(r.returncode == 0, f"appstreamcli validate: {r.stdout}{r.stderr}")


CASES = {"moved_prefix": case_moved_prefix, "deb": case_deb, "man": case_man,
         "desktop": case_desktop, "metainfo": case_metainfo}
CASES[CASE]()
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("ok")
