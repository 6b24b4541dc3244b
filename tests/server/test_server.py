#!/usr/bin/env python3
"""test_server.py UPFRONT CASE — the live class server (`upfront serve`) over real HTTP on
127.0.0.1, one ctest per case (label "server"):

  api      40 different games from 8 parallel clients get 201; the same one again 200; an
           edited score 422 with why; a 20 MB body 413 (read and dropped, and with Expect:
           100-continue answered before the body); not JSON 400; /report.csv and .html with a
           wrong or missing key 403; /api/leaderboard is JSON with every game; progress;
           removing a game needs the key; PRAGMA integrity_check says ok
  same     /report.csv and /report.html are byte for byte what `upfront report` writes for
           the same games (downloaded from the server under the names it gave them)
  kill9    SIGKILL in the middle of posts from 8 clients, three times; before each restart
           the database (opened by sqlite3) passes integrity_check and holds every game
           that got 201 or 200; after it, every acknowledged game is in /report.csv
  limits   oversized headers, malformed requests, idle and excess connections, no CORS:
           the server answers or drops the client and stays up
  hostile  names with markup are escaped in the report page and plain strings in JSON

Expected figures come from running the program (`upfront run`, `upfront report`), never
from constants. Exit 0 when every check passes, 1 on a failure, 77 (skip) when this
upfront was built without the server.
"""
import concurrent.futures
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
SCENARIO = os.path.join(SOURCE, "scenarios", "tutorial.json")
SEED = "3"
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)
    return ok


class Server:
    """upfront serve on 127.0.0.1 and a free port; stopped by stop() or kill()."""

    def __init__(self, upfront, db, extra=(), port=0, scenario=SCENARIO):
        self.proc = subprocess.Popen(
            [upfront, "serve", "--host", "127.0.0.1", "--port", str(port), "--db", db,
             "--scenario", scenario, "--seed", SEED, *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines = []
        deadline = time.time() + 60
        self.url = self.key = None
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            m = re.match(r"dashboard: (http://127\.0\.0\.1:(\d+))/dashboard\?key=([0-9a-f]+)$", line.strip())
            if m:
                self.url, self.port, self.key = m.group(1), int(m.group(2)), m.group(3)
                break
        if not self.url:
            self.proc.kill()
            raise RuntimeError("serve printed no dashboard URL: %r" % (self.lines,))
        # drain stdout and stderr so the server never blocks on a full pipe
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()
        self.err = []
        self.err_reader = threading.Thread(target=lambda: self.err.append(self.proc.stderr.read()), daemon=True)
        self.err_reader.start()

    def stop(self):
        """SIGTERM (Ctrl-C): the server must exit 0, with no sanitizer report (leaks included)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.err_reader.join(timeout=10)
        err = "".join(e or "" for e in self.err)
        check(self.proc.returncode == 0 and "Sanitizer" not in err and "runtime error" not in err,
              "the server stops cleanly on SIGTERM (exit %s%s)" % (self.proc.returncode,
                                                                 ", " + err[-600:] if "Sanitizer" in err or "runtime error" in err else ""))
        return self.proc.returncode

    def kill(self):
        self.proc.kill()
        self.proc.wait()


def request(port, method, path, body=None, headers=None, timeout=60):
    """(status, headers dict, body bytes); raises OSError when the server is gone."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        c.close()


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)


def make_games(upfront, folder, count):
    """count different finished games of the tutorial on SEED, as results files: people's
    games (a strategy's actions with one of the first day's left out, so no strategy played
    them) and, every fifth, a strategy's own game, each with its own player."""
    os.makedirs(folder, exist_ok=True)
    logs = {}
    for strat in ("sales2", "sales1"):
        out = os.path.join(folder, "base-%s.json" % strat)
        p = run([upfront, "run", SCENARIO, "--strategy", strat, "--seed", SEED, "--out", out])
        if p.returncode != 0:
            raise RuntimeError(p.stderr)
        with open(out) as f:
            logs[strat] = json.load(f)["actions"]
        os.unlink(out)
    with open(SCENARIO) as f:
        cal = json.load(f)["calendar"]
    days = cal["weeks"] * cal["days_per_week"]
    games, drop = [], 0
    while len(games) < count and drop < 400:
        i = len(games) + 1
        out = os.path.join(folder, "game-%02d.json" % i)
        player = "Trainee %02d" % i
        if i % 5 == 0:
            strat = ("sales2", "sales1", "random")[(i // 5) % 3]
            p = run([upfront, "run", SCENARIO, "--strategy", strat, "--seed", SEED, "--player", player,
                     "--out", out])
        else:
            # a strategy's game with one action left out; where that makes a later action
            # illegal, the game stops there and its remaining days are ended
            strat = ("sales2", "sales1")[drop % 2]
            acts = [{k: v for k, v in a.items() if k != "day"} for a in logs[strat]]
            k = 1 + (drop // 2) * 3
            drop += 1
            if k >= len(acts) or acts[k]["act"] == "end_day":
                continue
            del acts[k]
            moves = os.path.join(folder, "moves.json")
            for _ in range(2):
                with open(moves, "w") as f:
                    json.dump(acts, f)
                p = run([upfront, "run", SCENARIO, "--actions", moves, "--seed", SEED, "--player", player,
                         "--out", out])
                m = re.search(r": /(\d+): action", p.stderr)
                if p.returncode == 0 or not m:
                    break
                acts = acts[:int(m.group(1))]
                acts += [{"act": "end_day"}] * (days - sum(a["act"] == "end_day" for a in acts))
        if p.returncode == 0:
            games.append((player, out))
    if len(games) < count:
        raise RuntimeError("could only make %d games" % len(games))
    return games


def post_file(port, path):
    with open(path, "rb") as f:
        body = f.read()
    status, _, text = request(port, "POST", "/api/results", body, {"Content-Type": "application/json"})
    return status, text


def integrity(db):
    con = sqlite3.connect(db, timeout=30)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        players = {row[0] for row in con.execute("SELECT player FROM games")}
        return ok, players
    finally:
        con.close()


# --- cases ---------------------------------------------------------------------------


def case_api(upfront, tmp):
    games = make_games(upfront, os.path.join(tmp, "games"), 40)
    db = os.path.join(tmp, "class.db")
    srv = Server(upfront, db)
    try:
        check(re.search(r"^trainees: http://127\.0\.0\.1:%d" % srv.port, "".join(srv.lines), re.M) is not None,
              "serve prints the trainees' address")
        check(len(srv.key) >= 32, "the key has at least 128 bits (%d hex digits)" % len(srv.key))
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda g: post_file(srv.port, g[1]), games))
        codes = [a[0] for a in answers]
        check(codes == [201] * 40, "40 different games from 8 clients all get 201 (got %s)" %
              sorted(set(codes)))
        st, text = post_file(srv.port, games[7][1])
        check(st == 200 and json.loads(text).get("already") is True, "the same game again gets 200")
        with open(games[3][1]) as f:
            doc = json.load(f)
        doc["score"]["total"] += 7
        st, _, text = request(srv.port, "POST", "/api/results", json.dumps(doc).encode())
        why = json.loads(text).get("why", "") if st == 422 else ""
        check(st == 422 and "score.total" in why, "an edited score gets 422 saying why (%d %s)" % (st, why))
        st, _, text = request(srv.port, "GET", "/api/dashboard?key=" + srv.key)
        ref = json.loads(text).get("refused", {}) if st == 200 else {}
        last = (ref.get("recent") or [{}])[0]
        check(ref.get("count") == 1 and last.get("player") == doc["player"] and "score.total" in last.get("why", ""),
              "the dashboard shows the refused game, whose it says it is and why (%s)" % ref)
        st, _, _ = request(srv.port, "POST", "/api/results", b"this is not json")
        check(st == 400, "a body that is not JSON gets 400 (%d)" % st)
        st, _, _ = request(srv.port, "POST", "/api/results", b"")
        check(st == 400, "an empty body gets 400 (%d)" % st)
        big = b"{" + b" " * (20 * 1024 * 1024) + b"}"
        st, _, text = request(srv.port, "POST", "/api/results", big)
        check(st == 413, "a 20 MB body gets 413 (%d)" % st)
        # with Expect: 100-continue the answer comes before the body is sent
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=20)
        s.sendall(b"POST /api/results HTTP/1.1\r\nHost: x\r\nContent-Length: 20971520\r\n"
                  b"Expect: 100-continue\r\n\r\n")
        head = s.recv(4096)
        s.close()
        check(head.startswith(b"HTTP/1.1 413"), "with Expect: 100-continue, 413 before the body (%r)" % head[:40])
        for path in ("/report.csv", "/report.html", "/dashboard", "/api/dashboard", "/api/games/1"):
            st1, h1, _ = request(srv.port, "GET", path + "?key=" + "0" * len(srv.key))
            st2, _, _ = request(srv.port, "GET", path)
            check(st1 == 403 and st2 == 403, "%s with a wrong or missing key gets 403 (%d, %d)" % (path, st1, st2))
            check("access-control-allow-origin" not in h1, "%s: no CORS header" % path)
        st, h, text = request(srv.port, "GET", "/report.csv?key=" + srv.key)
        check(st == 200 and h.get("content-type", "").startswith("text/csv"), "/report.csv with the key")
        st, h, text = request(srv.port, "GET", "/api/leaderboard")
        board = json.loads(text)
        rows = [t for g in board["groups"] for t in g["trainees"]]
        check(st == 200 and board["games"] == 40 and len(rows) == 40, "/api/leaderboard is JSON with the 40 games")
        check({t["player"] for t in rows} == {g[0] for g in games}, "every posted player is on the leaderboard")
        ranked = [t for t in rows if t["rank"] is not None]
        check(ranked and all(not t["flags"] for t in ranked), "ranked games have no flags")
        check(any(t["flags"].startswith("strategy:") and t["rank"] is None for t in rows),
              "a strategy's game is shown with its flag and not ranked")
        # progress for the live view
        prog = {"player": "Ada L", "scenario": "tutorial", "seed": SEED, "day": 4, "days": 10, "week": 1,
                "effort": {"prepare": 120, "prospect": 90, "progress": 30, "close": 0}, "score": 12}
        st, _, _ = request(srv.port, "POST", "/api/progress", json.dumps(prog).encode())
        check(st == 200, "a progress report gets 200 (%d)" % st)
        for bad in ({**prog, "day": 40}, {**prog, "player": "a\u0007b"}, {**prog, "seed": -1}, [1, 2]):
            st, _, _ = request(srv.port, "POST", "/api/progress", json.dumps(bad).encode())
            check(st == 400, "a bad progress report gets 400 (%s)" % str(bad)[:50])
        st, h, text = request(srv.port, "GET", "/api/dashboard?key=" + srv.key)
        dash = json.loads(text)
        ada = [p for p in dash["players"] if p["player"] == "Ada L"]
        check(st == 200 and ada and ada[0]["day"] == 4 and ada[0]["status"] == "playing",
              "the dashboard shows who is playing and on which day")
        check(dash["counts"]["finished"] >= 1 and len(dash["curve"]["class_pct"]) == 4,
              "the dashboard has the finished trainees and the class's effort curve")
        st, _, text = request(srv.port, "POST", "/api/round?key=" + srv.key, b'{"minutes": 30}')
        st2, _, text2 = request(srv.port, "GET", "/api/dashboard?key=" + srv.key)
        left = json.loads(text2)["round"]["seconds_left"]
        check(st == 200 and 1700 < left <= 1800, "the round's clock runs (%s s left)" % left)
        # removing a game needs the key
        gid = rows[0]["id"]
        st, _, _ = request(srv.port, "DELETE", "/api/games/%d" % gid)
        check(st == 403, "removing a game without the key gets 403")
        st, _, _ = request(srv.port, "DELETE", "/api/games/%d?key=%s" % (gid, srv.key))
        board = json.loads(request(srv.port, "GET", "/api/leaderboard")[2])
        check(st == 200 and board["games"] == 39, "with the key the game is removed (%d, %d games)" % (st, board["games"]))
        removed = [g for g in games if g[0] == rows[0]["player"]][0]
        st, _ = post_file(srv.port, removed[1])
        check(st == 201, "a removed game can be sent again (%d)" % st)
    finally:
        srv.stop()
    ok, players = integrity(db)
    check(ok == "ok", "PRAGMA integrity_check: %s" % ok)
    check(players == {g[0] for g in games}, "the database holds the 40 games")


def case_same(upfront, tmp):
    games = make_games(upfront, os.path.join(tmp, "games"), 12)
    db = os.path.join(tmp, "class.db")
    srv = Server(upfront, db)
    try:
        for _, path in games:
            post_file(srv.port, path)
        board = json.loads(request(srv.port, "GET", "/api/leaderboard")[2])
        got = os.path.join(tmp, "got")
        os.makedirs(got)
        names = []
        for t in (t for g in board["groups"] for t in g["trainees"]):
            st, _, body = request(srv.port, "GET", "/api/games/%d?key=%s" % (t["id"], srv.key))
            check(st == 200, "the stored game %s can be downloaded with the key" % t["file"])
            with open(os.path.join(got, t["file"]), "wb") as f:
                f.write(body)
            names.append(t["file"])
        csv = request(srv.port, "GET", "/report.csv?key=" + srv.key)[2]
        html = request(srv.port, "GET", "/report.html?key=" + srv.key)[2]
    finally:
        srv.stop()
    p = run([upfront, "report", *sorted(names), "--scenario", SCENARIO, "--seed", SEED,
             "--csv", "class.csv", "--html", "class.html"], cwd=got)
    check(p.returncode == 0, "upfront report on the downloaded games: %s" % p.stderr[-300:])
    with open(os.path.join(got, "class.csv"), "rb") as f:
        want_csv = f.read()
    with open(os.path.join(got, "class.html"), "rb") as f:
        want_html = f.read()
    check(csv == want_csv, "/report.csv is byte for byte upfront report's CSV")
    check(html == want_html, "/report.html is byte for byte upfront report's page")
    # and the files are the games that were posted, byte for byte
    posted = {open(p, "rb").read() for _, p in games}
    stored = {open(os.path.join(got, n), "rb").read() for n in names}
    check(posted == stored, "the stored games are the posted files, byte for byte")


def case_kill9(upfront, tmp):
    games = make_games(upfront, os.path.join(tmp, "games"), 48)
    db = os.path.join(tmp, "class.db")
    acked = set()          # players whose game got 201 or 200
    lock = threading.Lock()
    todo = list(games)
    srv = Server(upfront, db)
    for cycle in range(3):
        port = srv.port
        stop = threading.Event()

        def client():
            while not stop.is_set():
                with lock:
                    if not todo:
                        return
                    g = todo.pop(0)
                try:
                    st, _ = post_file(port, g[1])
                except OSError:
                    with lock:
                        todo.append(g)  # not acknowledged: sent again after the restart
                    return
                with lock:
                    if st in (200, 201):
                        acked.add(g[0])
                    else:
                        todo.append(g)
        threads = [threading.Thread(target=client) for _ in range(8)]
        for t in threads:
            t.start()
        target = (cycle + 1) * len(games) // 4
        deadline = time.time() + 120
        while time.time() < deadline:
            with lock:
                if len(acked) >= target:
                    break
            time.sleep(0.005)
        srv.kill()  # SIGKILL, with posts in flight
        stop.set()
        for t in threads:
            t.join(timeout=60)
        ok, players = integrity(db)
        check(ok == "ok", "after kill -9 (%d): PRAGMA integrity_check says %s" % (cycle + 1, ok))
        missing = acked - players
        check(not missing, "after kill -9 (%d): all %d acknowledged games are in the database%s" %
              (cycle + 1, len(acked), " (missing %s)" % sorted(missing) if missing else ""))
        srv = Server(upfront, db)
    try:
        # what was in flight at the kills is sent again: 201, or 200 when it had been stored
        for g in list(todo):
            st, _ = post_file(srv.port, g[1])
            check(st in (200, 201), "%s sent again after the restarts gets %d" % (g[0], st))
            if st in (200, 201):
                acked.add(g[0])
        csv = request(srv.port, "GET", "/report.csv?key=" + srv.key)[2].decode("utf-8-sig")
        rows = [line.split(",")[1] for line in csv.splitlines()[1:]]
        check(set(rows) >= acked, "every acknowledged game is in /report.csv")
        check(len(acked) == len(games) and len(rows) == len(games),
              "%d games acknowledged, %d rows (each once)" % (len(acked), len(rows)))
    finally:
        srv.stop()
    ok, _ = integrity(db)
    check(ok == "ok", "at the end: PRAGMA integrity_check says %s" % ok)


def raw(port, data, timeout=10):
    """Sends raw bytes; returns what comes back until the server closes or times out."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(data)
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except (socket.timeout, ConnectionResetError):
                break
            if not chunk:
                break
            out += chunk
        return out
    finally:
        s.close()


def alive(srv):
    st, _, body = request(srv.port, "GET", "/api/class", timeout=10)
    return st == 200 and json.loads(body)["scenario"] == "tutorial"


def case_limits(upfront, tmp):
    srv = Server(upfront, os.path.join(tmp, "class.db"))
    try:
        out = raw(srv.port, b"GET /api/class HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 40000 + b"\r\n\r\n")
        check(re.match(rb"HTTP/1\.1 4(13|31)", out) is not None, "40 KB of headers is refused (%r)" % out[:30])
        check(alive(srv), "the server answers after it")
        bad = [b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"\x00\x01\x02\xff\r\n\r\n",
               b"GET /" + b"x" * 100000 + b" HTTP/1.1\r\n\r\n",
               b"POST /api/results HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
               b"POST /api/results HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
               b"POST /api/results HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
               b"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
               b"GET /api/games/99999999999999999999999?key=x HTTP/1.1\r\nHost: x\r\n\r\n"]
        for b in bad:
            raw(srv.port, b, timeout=5)
        check(alive(srv), "malformed requests: the server answers after them")
        st, h, _ = request(srv.port, "OPTIONS", "/api/results")
        check(st in (404, 405) and "access-control-allow-origin" not in h, "no CORS preflight answer (%d)" % st)
        st, _, _ = request(srv.port, "GET", "/..%2f..%2fetc/passwd")
        check(st == 404, "no path outside the web folder (%d)" % st)
        # idle connections: the server closes them after its idle timeout, and meanwhile answers
        idle = [socket.create_connection(("127.0.0.1", srv.port), timeout=40) for _ in range(50)]
        for s in idle[:25]:
            s.sendall(b"POST /api/progress HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
        check(alive(srv), "50 idle and half-sent connections: the server answers others")
        t0 = time.time()
        closed = 0
        for s in idle:
            try:
                while s.recv(4096):
                    pass
                closed += 1
            except OSError:
                closed += 1
            s.close()
        waited = time.time() - t0
        check(closed == 50 and waited < 35, "the idle connections are closed by the server (%.0f s)" % waited)
        # more connections than the cap: some are refused, the server stays up
        many = []
        for _ in range(600):
            try:
                many.append(socket.create_connection(("127.0.0.1", srv.port), timeout=5))
            except OSError:
                break
        for s in many:
            s.close()
        time.sleep(0.5)
        check(alive(srv), "after 600 connections at once the server answers")
        check(srv.proc.poll() is None, "the server is still running")
    finally:
        srv.stop()


def case_hostile(upfront, tmp):
    names = ["<img src=x onerror=alert(1)>", "Bob \"&\" </script><b>"]
    db = os.path.join(tmp, "class.db")
    paths = []
    for i, n in enumerate(names):
        out = os.path.join(tmp, "h%d.json" % i)
        p = run([upfront, "run", SCENARIO, "--strategy", "sales2", "--seed", SEED, "--player", n, "--out", out])
        check(p.returncode == 0, "a game for the name %r" % n)
        paths.append(out)
    srv = Server(upfront, db)
    try:
        for p in paths:
            check(post_file(srv.port, p)[0] == 201, "posted")
        prog = {"player": "<svg onload=alert(2)>", "scenario": "tutorial", "seed": 3, "day": 2, "days": 10}
        check(request(srv.port, "POST", "/api/progress", json.dumps(prog).encode())[0] == 200, "progress posted")
        html = request(srv.port, "GET", "/report.html?key=" + srv.key)[2].decode()
        check("<img src=x" not in html and "&lt;img src=x" in html, "the report page escapes the names")
        check("</script><b>" not in html, "a closing script tag in a name stays text")
        st, h, page = request(srv.port, "GET", "/dashboard?key=" + srv.key)
        check("script-src 'self'" in h.get("content-security-policy", ""), "the dashboard has a CSP")
        check(b"innerHTML" not in request(srv.port, "GET", "/dashboard.js")[2], "the dashboard script never uses innerHTML")
        dash = json.loads(request(srv.port, "GET", "/api/dashboard?key=" + srv.key)[2])
        check({p["player"] for p in dash["players"]} >= set(names) | {"<svg onload=alert(2)>"},
              "the dashboard's data has the names as plain strings")
    finally:
        srv.stop()


def case_web(upfront, tmp):
    """--web DIR: the browser version served from /, its files with their types, nothing
    outside the folder, and /api/class telling the page which class it was served for."""
    web = os.path.join(tmp, "dist")
    os.makedirs(os.path.join(web, "sub"))
    with open(os.path.join(web, "index.html"), "w") as f:
        f.write("<!doctype html><title>game</title>")
    with open(os.path.join(web, "upfront.wasm"), "wb") as f:
        f.write(b"\0asm\1\0\0\0")
    with open(os.path.join(web, "sub", "a.js"), "w") as f:
        f.write("var a = 1;")
    with open(os.path.join(tmp, "secret.txt"), "w") as f:
        f.write("secret")
    p = run([upfront, "serve", "--port", "0", "--web", os.path.join(tmp, "nothing-here")])
    check(p.returncode == 2 and "index.html" in p.stderr, "--web on a folder without index.html is refused (%d)" % p.returncode)
    srv = Server(upfront, os.path.join(tmp, "class.db"), extra=("--web", web))
    try:
        st, h, body = request(srv.port, "GET", "/")
        check(st == 200 and body.startswith(b"<!doctype html><title>game") and h["content-type"].startswith("text/html"),
              "GET / is the browser version's index.html")
        st, h, body = request(srv.port, "GET", "/upfront.wasm")
        check(st == 200 and h["content-type"] == "application/wasm" and body == b"\0asm\1\0\0\0",
              "its .wasm with application/wasm")
        st, h, body = request(srv.port, "GET", "/sub/a.js")
        check(st == 200 and h["content-type"].startswith("text/javascript"), "a file in a subfolder")
        for bad in ("/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt", "/.hidden", "/sub/"):
            st, _, body = request(srv.port, "GET", bad)
            check(st == 404 and b"secret" not in body, "%s is not served (%d)" % (bad, st))
        st, h, body = request(srv.port, "GET", "/api/class")
        cls = json.loads(body)
        check(st == 200 and cls["scenario"] == "tutorial" and cls["seed"] == SEED and
              cls["server"] == "http://127.0.0.1:%d" % srv.port and cls["results"] == "/api/results",
              "/api/class tells the page its class (%s)" % cls)
        code = re.search(r"^class code: (\S+)$", "".join(srv.lines), re.M)
        check(code is not None and cls.get("code") == code.group(1) and re.match(r"^[0-9A-Z]{4}-[0-9A-Z]{4}$", code.group(1)),
              "serve prints the class code Join a class takes, and /api/class gives it (%s)" % (code and code.group(1)))
    finally:
        srv.stop()
    # upfront play --server URL asks the server which game the class plays; what cannot be
    # played as the class plays it is refused before a window opens
    p = run([upfront, "play", "--server", "http://127.0.0.1:1"])
    check(p.returncode == 2 and "which game the class plays" in p.stderr,
          "play --server with no server there says it cannot ask which game (%d %s)" % (p.returncode, p.stderr.strip()))
    own = os.path.join(tmp, "own.json")
    with open(SCENARIO) as f:
        sc = json.load(f)
    sc["id"] = "not-shipped-anywhere"
    with open(own, "w") as f:
        json.dump(sc, f)
    srv = Server(upfront, os.path.join(tmp, "own.db"), scenario=own)
    try:
        p = run([upfront, "play", "--server", srv.url])
        check(p.returncode == 1 and "not on this computer" in p.stderr and "upfront play FILE --seed %s" % SEED in p.stderr,
              "play --server for a class on a scenario this computer lacks asks for the file (%d %s)" % (p.returncode, p.stderr.strip()))
    finally:
        srv.stop()


def case_client(upfront, tmp, probe):
    """The native client's queue on disk: what is queued while the server is down is sent
    once it is up; a refused game is set aside with why; the game's own file is untouched."""
    games = make_games(upfront, os.path.join(tmp, "games"), 3)
    before = {p: open(p, "rb").read() for _, p in games}
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    url = "http://127.0.0.1:%d" % port
    queue = os.path.join(tmp, "outbox")
    p = run([probe, url, queue, "--results", games[0][1], "--results", games[1][1],
             "--progress-of", games[2][1]])
    folders = os.listdir(queue) if os.path.isdir(queue) else []
    queued = os.listdir(os.path.join(queue, folders[0])) if folders else []
    check(p.returncode == 0 and len([q for q in queued if q.startswith("results-")]) == 2 and
          "progress.json" in queued, "with no server the games and the progress wait in the queue on disk (%s)" % queued)
    p = run([probe, url, queue, "--wait", "1500"])
    check(p.returncode == 1 and "reachable 0" in p.stdout, "while the server is down they stay queued (%s)" % p.stdout.strip())
    srv = Server(upfront, os.path.join(tmp, "class.db"), port=port)
    try:
        p = run([probe, url + "/", queue, "--wait", "30000"])
        check(p.returncode == 0 and "sent 2" in p.stdout, "once it is up a new client sends the queue (%s)" % p.stdout.strip())
        board = json.loads(request(srv.port, "GET", "/api/leaderboard")[2])
        players = {t["player"] for g in board["groups"] for t in g["trainees"]}
        check(players == {games[0][0], games[1][0]}, "the server has the queued games")
        dash = json.loads(request(srv.port, "GET", "/api/dashboard?key=" + srv.key)[2])
        check(any(p["player"] == games[2][0] for p in dash["players"]), "and the queued progress")
        with open(games[2][1]) as f:
            doc = json.load(f)
        doc["score"]["total"] += 1
        bad = os.path.join(tmp, "edited.json")
        with open(bad, "w") as f:
            json.dump(doc, f)
        p = run([probe, url, queue, "--results", bad, "--wait", "30000"])
        refused = os.path.join(queue, folders[0], "refused")
        notes = [n for n in os.listdir(refused) if n.endswith(".why.txt")] if os.path.isdir(refused) else []
        why = open(os.path.join(refused, notes[0])).read() if notes else ""
        check(p.returncode == 0 and "refused 1" in p.stdout and "422" in why and "score.total" in why,
              "a game the server refuses is set aside with why (%s)" % why.strip()[:120])
    finally:
        srv.stop()
    check(all(open(p, "rb").read() == b for p, b in before.items()), "the games' own files are untouched")


def case_window(upfront, tmp, uitest):
    """The game window against a real server: the UI test plays tests/ui/short.json through
    the class screen with UPFRONT_TEST_SERVER set; the server then has the game (verified)
    and the trainee's progress."""
    short = os.path.join(SOURCE, "tests", "ui", "short.json")
    srv = Server(upfront, os.path.join(tmp, "class.db"), extra=(), scenario=short)
    try:
        env = dict(os.environ, UPFRONT_TEST_SERVER="http://127.0.0.1:%d" % srv.port, UITEST_DIR=tmp)
        p = subprocess.run([uitest], capture_output=True, text=True, timeout=240, env=env)
        check(p.returncode == 0, "the window's test against the server: %s" % (p.stdout + p.stderr)[-800:])
        board = json.loads(request(srv.port, "GET", "/api/leaderboard")[2])
        rows = [t for g in board["groups"] for t in g["trainees"]]
        check(len(rows) == 1 and rows[0]["player"] == "Test Trainee" and rows[0]["finished"],
              "the server has the window's finished game (%s)" % [(t["player"], t["flags"]) for t in rows])
        dash = json.loads(request(srv.port, "GET", "/api/dashboard?key=" + srv.key)[2])
        check(any(p["player"] == "Test Trainee" for p in dash["players"]), "and the trainee on the dashboard")
    finally:
        srv.stop()


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    upfront, case = sys.argv[1], sys.argv[2]
    if case == "make-games":  # for test_dashboard.js and load.py: make-games FOLDER COUNT
        for player, path in make_games(upfront, sys.argv[3], int(sys.argv[4])):
            print("%s\t%s" % (path, player))
        return 0
    p = run([upfront, "serve", "--help"])
    if p.returncode != 0 or "--db" not in p.stdout:
        print("no serve command in this build: skipped")
        return 77
    probe = run([upfront, "serve", "--port", "99999"])
    if "built without the class server" in probe.stderr:
        print("this upfront was built without the class server: skipped")
        return 1 if os.environ.get("UPFRONT_SERVER_REQUIRED") == "1" else 77
    tmp = tempfile.mkdtemp(prefix="upfront-server-")
    try:
        if case == "client":
            case_client(upfront, tmp, sys.argv[3])
        elif case == "window":
            case_window(upfront, tmp, sys.argv[3])
        else:
          {"api": case_api, "same": case_same, "kill9": case_kill9, "limits": case_limits, "web": case_web,
           "hostile": case_hostile}[case](upfront, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
