#!/usr/bin/env python3
"""Smoke test of 'upfront bench --json': it runs, prints exactly one JSON object, and the
object holds every figure of issue 8 with the right types. No figure is compared with a
target here: benchmarks are not timed tests (docs/performance.md)."""
import json
import os
import subprocess
import sys

exe, home = sys.argv[1], sys.argv[2]
os.makedirs(home, exist_ok=True)
env = dict(os.environ, XDG_DATA_HOME=home)
p = subprocess.run([exe, "bench", "--json", "--frames", "20"], capture_output=True, text=True,
                   env=env, timeout=280)
failures = []
if p.returncode != 0:
    failures.append(f"exit code {p.returncode}: {p.stderr.strip()}")
try:
    o = json.loads(p.stdout)
except ValueError as e:
    o = None
    failures.append(f"stdout is not one JSON value: {e}: {p.stdout[:200]!r}")
if o is not None:
    if not isinstance(o, dict):
        failures.append("not an object")
        o = {}
    for k in ("frames", "floor_p50_ms", "games_per_second", "threads", "load_ms_per_mb",
              "startup_ms", "peak_rss_mb"):
        if k not in o:
            failures.append(f"no '{k}'")
        elif k != "frames" and not isinstance(o[k], (int, float)):
            failures.append(f"'{k}' is {o[k]!r}, not a number")
    frames = o.get("frames", [])
    seen = set()
    for f in frames if isinstance(frames, list) else []:
        for k in ("screen", "width", "height", "p50_ms", "p95_ms", "max_ms"):
            if k not in f:
                failures.append(f"a frame has no '{k}': {f}")
        for k in ("hover_p95_ms", "fade_p95_ms", "scratch_p95_ms", "live_p95_ms"):
            if not isinstance(f.get(k), (int, float)) or f.get(k) <= 0:
                failures.append(f"a frame's '{k}' is {f.get(k)!r}, not a time: {f.get('screen')}")
        if f.get("live_matches_full") is not True:
            failures.append(f"{f.get('screen')} {f.get('width')}x{f.get('height')}: the picture after input "
                            "or animation differs from the frame drawn whole")
        seen.add((f.get("screen"), f.get("width"), f.get("height")))
        if f.get("idle_text_renders") != 0 or f.get("idle_frames_drawn") != 0:
            failures.append(f"{f.get('screen')} {f.get('width')}x{f.get('height')}: drew or rendered text while idle")
        if f.get("redraw_text_renders") != 0:
            failures.append(f"{f.get('screen')} {f.get('width')}x{f.get('height')}: rendered text again "
                            "when redrawn with nothing changed")
    for screen in ("title", "play", "debrief"):
        for w, h in ((1280, 720), (1920, 1080)):
            if (screen, w, h) not in seen:
                failures.append(f"no frame time for {screen} at {w}x{h}")
    if o.get("same_results_any_thread_count") is not True:
        failures.append("simulation results differ with the thread count")
for f in failures:
    print("FAIL:", f)
print("bench --json:", "ok" if not failures else f"{len(failures)} problem(s)")
sys.exit(1 if failures else 0)
