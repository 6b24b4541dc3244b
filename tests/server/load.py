#!/usr/bin/env python3
"""load.py UPFRONT [--trainees N] [--scenario FILE] [--seed N] [--client LOAD_CLIENT] [--pace MS]
           [--processes P] [--db FILE] [--no-dashboard] [--json]

The class server under a whole class at once, on loopback: N simulated trainees (200 by
default), each posting its progress at the end of every day of the scenario and then its
results file, all at the same time, against `upfront serve` on 127.0.0.1. Bounded: every
trainee sends exactly days + 1 requests, each with a 60 s timeout; nothing loops.

Prints the latency of the progress posts and of the results posts (p50, p99, max, in ms,
measured by the clients from request to answer), the games verified (and stored) per
second while the results arrive (results acknowledged / wall time from the first results
post to the last answer), and how many answers were not 200/201. The games are made first
with `upfront run` (strategies' games under N players' names; not timed).

--client BUILD/tests/load_client runs the trainees in C (a thread each; the Python clients
cost more CPU than the server on a small machine); --pace MS makes each trainee wait a
random 0..MS before each post, as a class whose days end at different moments does (0, the
default: all at once, as fast as answered). Meanwhile the facilitator's dashboard is open, as
in class: GET /api/dashboard every second, as the page asks (its latency is printed too);
--no-dashboard leaves it closed.
docs/performance.md's server section was measured with this script.
"""
import argparse
import http.client
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))


def request(port, method, path, body=None):
    """One request on a connection of its own; (status, ms), status 0 when it failed."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    t0 = time.perf_counter()
    try:
        if body is None:
            c.request(method, path)
        else:
            c.request(method, path, body=body, headers={"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        status = r.status
    except OSError:
        status = 0
    finally:
        c.close()
    return status, (time.perf_counter() - t0) * 1000.0


def trainee_batch(args):
    """One process's share of the class: a thread per trainee, started together."""
    port, games, days, start_at = args
    out = []
    lock = threading.Lock()

    def one(game):
        with open(game["path"], "rb") as f:
            results = f.read()
        while time.time() < start_at:
            time.sleep(0.001)
        mine = []
        for day in range(1, days + 1):
            body = json.dumps({"player": game["player"], "scenario": game["scenario"], "seed": game["seed"],
                               "day": day, "days": days, "week": 1 + (day - 1) // 5,
                               "effort": {"prepare": 30 * day, "prospect": 25 * day, "progress": 15 * day,
                                          "close": 5 * day}}).encode()
            st, ms = post(port, "/api/progress", body)
            mine.append(("progress", st, ms, time.time()))
        t_send = time.time()
        st, ms = post(port, "/api/results", results)
        mine.append(("results", st, ms, t_send))
        with lock:
            out.extend(mine)

    threads = [threading.Thread(target=one, args=(g,)) for g in games]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    return out


def post(port, path, body):
    return request(port, "POST", path, body)


def get_dashboard(port, key):
    """One look of the dashboard page: GET /api/dashboard?key=KEY; (status, ms)."""
    return request(port, "GET", "/api/dashboard?key=" + key)


def dashboard_poller(port, key, stop, out):
    """The dashboard page's poll: every second until stop."""
    while not stop.is_set():
        out.append(get_dashboard(port, key))
        stop.wait(1.0)


def cpu_seconds(pid):
    """The process's CPU time (user + system) so far, from /proc (None elsewhere)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def pct(values, p):
    if not values:
        return None
    v = sorted(values)
    k = min(len(v) - 1, max(0, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("upfront")
    ap.add_argument("--trainees", type=int, default=200)
    ap.add_argument("--scenario", default=os.path.join(SOURCE, "scenarios", "midmarket-quarter.json"))
    ap.add_argument("--seed", default="4711")
    ap.add_argument("--processes", type=int, default=8)
    ap.add_argument("--db", help="the class database (default: a new one in a temporary folder)")
    ap.add_argument("--client", help="load_client, the trainees in C (tests/server/load_client.c)")
    ap.add_argument("--pace", type=int, default=0, help="each trainee waits a random 0..MS before each post")
    ap.add_argument("--results-only", action="store_true", help="no progress posts: the results files alone")
    ap.add_argument("--threads", type=int, default=0, help="the server's --threads (0: its default)")
    ap.add_argument("--no-dashboard", action="store_true", help="no dashboard open meanwhile")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="upfront-load-")
    srv = None
    try:
        with open(a.scenario) as f:
            sc = json.load(f)
        days = sc["calendar"]["weeks"] * sc["calendar"]["days_per_week"]
        games = []
        strategies = ("sales2", "sales1", "random")
        for i in range(a.trainees):
            out = os.path.join(tmp, "g%03d.json" % i)
            player = "Trainee %03d" % (i + 1)
            subprocess.run([a.upfront, "run", a.scenario, "--strategy", strategies[i % 3], "--seed", a.seed,
                            "--player", player, "--out", out], check=True, capture_output=True, timeout=120)
            games.append({"path": out, "player": player, "scenario": sc["id"], "seed": a.seed})
        db = a.db or os.path.join(tmp, "class.db")
        srv = subprocess.Popen([a.upfront, "serve", "--host", "127.0.0.1", "--port", "0", "--db", db,
                                "--scenario", a.scenario, "--seed", a.seed] +
                               (["--threads", str(a.threads)] if a.threads else []),
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        port = key = None
        deadline = time.time() + 60
        while time.time() < deadline and port is None:
            line = srv.stdout.readline()
            m = re.match(r"dashboard: http://127\.0\.0\.1:(\d+)/dashboard\?key=([0-9a-f]+)", line)
            if m:
                port, key = int(m.group(1)), m.group(2)
            elif not line:
                break
        if port is None:
            print("load: the server did not start", file=sys.stderr)
            return 2
        threading.Thread(target=srv.stdout.read, daemon=True).start()
        cpu0 = cpu_seconds(srv.pid)
        dash, stop = [], threading.Event()
        poller = None
        if not a.no_dashboard:
            poller = threading.Thread(target=dashboard_poller, args=(port, key, stop, dash), daemon=True)
            poller.start()
        if a.client:
            manifest = os.path.join(tmp, "manifest.tsv")
            with open(manifest, "w") as f:
                for g in games:
                    f.write("%s\t%s\t%s\t%s\n" % (g["path"], g["player"], g["scenario"], g["seed"]))
            p = subprocess.run([a.client, str(port), "0" if a.results_only else str(days), str(a.pace), manifest],
                               capture_output=True, text=True, timeout=900)
            rows = []
            for line in p.stdout.splitlines():
                kind, st, ms, t0 = line.split()
                rows.append((kind, int(st), float(ms), float(t0)))
        else:
            procs = max(1, min(a.processes, a.trainees))
            start_at = time.time() + 1.0
            shares = [(port, games[k::procs], days, start_at) for k in range(procs)]
            with multiprocessing.Pool(procs) as pool:
                parts = pool.map(trainee_batch, shares)
            rows = [r for part in parts for r in part]
        stop.set()
        if poller:
            poller.join(timeout=60)
            # the first look after the last game: every game of the class on the board
            dash.append(get_dashboard(port, key))
        cpu1 = cpu_seconds(srv.pid)
        server_cpu = cpu1 - cpu0 if cpu0 is not None and cpu1 is not None else None
        prog = [r for r in rows if r[0] == "progress"]
        res = [r for r in rows if r[0] == "results"]
        ok_res = [r for r in res if r[1] in (200, 201)]
        first = min(r[3] for r in res) if res else 0
        last = max(r[3] + r[2] / 1000.0 for r in res) if res else 0
        figures = {
            "trainees": a.trainees, "days": days, "scenario": sc["id"],
            "requests": len(rows),
            "errors": sum(1 for r in rows if r[1] not in (200, 201)) + sum(1 for d in dash if d[0] != 200),
            "progress": {"count": len(prog), "p50_ms": pct([r[2] for r in prog], 50),
                         "p99_ms": pct([r[2] for r in prog], 99), "max_ms": max((r[2] for r in prog), default=None)},
            "results": {"count": len(res), "stored": len(ok_res), "p50_ms": pct([r[2] for r in res], 50),
                        "p99_ms": pct([r[2] for r in res], 99), "max_ms": max((r[2] for r in res), default=None)},
            "all": {"p50_ms": pct([r[2] for r in rows], 50), "p99_ms": pct([r[2] for r in rows], 99)},
            "dashboard": {"count": len(dash), "p50_ms": pct([d[1] for d in dash], 50),
                          "max_ms": max((d[1] for d in dash), default=None),
                          "after_last_game_ms": dash[-1][1] if dash else None},
            "games_verified_per_second": len(ok_res) / (last - first) if last > first else None,
            "results_phase_s": last - first,
            "server_cpu_s": server_cpu,
            "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
            "cpus": os.cpu_count(),
            "clients": "C (load_client)" if a.client else "Python",
            "pace_ms": a.pace,
            "server_threads": a.threads or "default",
        }
        if a.json:
            print(json.dumps(figures, indent=2))
        else:
            f = figures
            print("%d trainees x (%d progress posts + 1 results file) on %s, %d CPUs, %s clients, pace %d ms" %
                  (f["trainees"], 0 if a.results_only else days, f["scenario"], f["cpus"], f["clients"], a.pace))
            for k in ("progress", "results", "all"):
                v = f[k]
                if v["p50_ms"] is None:
                    continue
                print("  %-9s p50 %7.1f ms   p99 %7.1f ms" % (k, v["p50_ms"], v["p99_ms"]))
            if dash:
                print("  dashboard p50 %7.1f ms   max %7.1f ms (%d polls, one a second); the first after the "
                      "last game %.1f ms" % (f["dashboard"]["p50_ms"], f["dashboard"]["max_ms"], len(dash),
                                              f["dashboard"]["after_last_game_ms"]))
            print("  games verified and stored: %d of %d, %.0f per second (%.2f s)" %
                  (len(ok_res), len(res), f["games_verified_per_second"] or 0, f["results_phase_s"]))
            if server_cpu is not None:
                print("  the server's CPU: %.2f s (%.2f ms per request)" % (server_cpu, 1000 * server_cpu / max(1, len(rows))))
            print("  answers other than 200/201: %d" % f["errors"])
        return 0 if figures["errors"] == 0 else 1
    finally:
        if srv and srv.poll() is None:
            srv.send_signal(signal.SIGTERM)
            try:
                srv.wait(timeout=30)
            except subprocess.TimeoutExpired:
                srv.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
