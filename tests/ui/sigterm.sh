#!/bin/sh
# Starts `upfront play SCENARIO` headless, sends SIGTERM after a second and expects exit 0
# within 3 seconds. Usage: sigterm.sh UPFRONT SCENARIO WORKDIR
set -u
prog=$1 scenario=$2 work=$3
mkdir -p "$work"
XDG_DATA_HOME="$work/home" "$prog" play "$scenario" --seed 1 --results "$work/results" &
pid=$!
sleep 1
if ! kill -0 "$pid" 2>/dev/null; then
  wait "$pid"
  echo "upfront play exited early with $?" >&2
  exit 1
fi
kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 30 ]; do
  sleep 0.1
  i=$((i + 1))
done
if kill -0 "$pid" 2>/dev/null; then
  echo "upfront play still running 3 s after SIGTERM" >&2
  kill -9 "$pid"
  exit 1
fi
wait "$pid"
rc=$?
[ "$rc" -eq 0 ] || { echo "upfront play exited with $rc after SIGTERM, expected 0" >&2; exit 1; }
echo "exit 0 after SIGTERM"
