#!/usr/bin/env bash
# Repeated-run check for the crash of 2026-11-28 (a SIGSEGV in libtorch's
# at::accelerator::getAccelerator when a run was stopped by a signal in the middle of a pass):
# starts a full-size training step loop N times, sends SIGTERM at a random moment 15-35 s in, and
# counts JVM crash logs. Before the fix (StopRequest) 2 of 6 kills crashed; after it, none may.
#
#   tools/crash/sigterm-loop.sh [N] [WORKDIR]      (default 20 kills, a temporary folder)
#
# Prints one line per kill (the exit status: 143 is SIGTERM's, 134 a crash) and a total; exits 1
# if any kill crashed. Uses the launcher, so it runs what ./sparsevit runs.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-20}"
work="${2:-$(mktemp -d)}"
mkdir -p "$work"
crashes=0
for i in $(seq 1 "$n"); do
    rm -rf "$work/run-$i"
    (cd "$work" && exec "$root/sparsevit" train-supernet --steps 100000 --threads 1 --out "$work/run-$i") \
        >"$work/log-$i.txt" 2>&1 &
    pid=$!
    delay=$((15 + RANDOM % 21))
    sleep "$delay"
    kill -TERM "$pid"
    wait "$pid"
    status=$?
    crash="$(ls "$work"/hs_err_pid*.log 2>/dev/null | head -1)"
    frame=""
    if [[ -n "$crash" ]]; then
        crashes=$((crashes + 1))
        frame="$(grep -m1 '^C  \[' "$crash")"
        mv "$crash" "$work/crash-$i.log"
    fi
    echo "kill $i after ${delay} s: exit $status ${frame}"
done
echo "$crashes crashes in $n kills (logs in $work)"
[[ "$crashes" == 0 ]]
