#!/usr/bin/env bash
# What the OS sandbox adds to a command: the median time of RUNS `git status` requests to
# POST /command, answered by the packaged application once with COMMAND_SANDBOX=bwrap and once
# with COMMAND_SANDBOX=none, in one run on the same repository (a fresh clone-sized repository of
# 200 files). Loopback only. The target is under 20 ms added.
#   bench/sandbox.sh [RUNS=50]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-50}
PORT=${PORT:-18040}

source bench/lib.sh
require_package
find_java
command -v bwrap >/dev/null || { echo "bubblewrap is needed: apt-get install bubblewrap" >&2; exit 1; }

repo=$(mktemp -d /tmp/bench-sandbox-XXXXXX)
bench_pids+=()
trap 'cleanup_bench; rm -rf "$repo"' EXIT
git -C "$repo" init -q -b main
for i in $(seq 1 200); do echo "line $i" > "$repo/file$i.txt"; done
git -C "$repo" add -A && git -C "$repo" -c user.email=b@example.com -c user.name=bench commit -qm bench

median_ms() { # mode -> median wall time of RUNS requests, in ms
    COMMAND_SANDBOX=$1 WORKBENCH_REPOSITORIES_BENCH_PATH="$repo" TESTING=true QUARKUS_LOG_LEVEL=WARN PORT=$PORT \
        "$JAVA" -jar target/quarkus-app/quarkus-run.jar >/tmp/bench-sandbox-$1.log 2>&1 &
    local pid=$!
    bench_pids+=("$pid")
    wait_up "http://127.0.0.1:$PORT/q/health/live"
    local token
    token=$(admin_token "$PORT")
    local times=()
    for i in $(seq 1 $((RUNS + 5))); do
        local t
        t=$(curl -s -o /tmp/bench-sandbox-answer.json -w '%{time_total}' "http://127.0.0.1:$PORT/command" \
            -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d '{"command":"git status","service":"bench"}')
        grep -q '"status":"success"' /tmp/bench-sandbox-answer.json || { cat /tmp/bench-sandbox-answer.json >&2; exit 1; }
        [ "$i" -gt 5 ] && times+=("$t")   # the first five warm the JIT
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)] * 1000}'
}

none=$(median_ms none)
bwrap=$(median_ms bwrap)
echo "git status through POST /command, median of $RUNS (ms): none $none, bwrap $bwrap, added $(awk -v a="$bwrap" -v b="$none" 'BEGIN {printf "%.1f", a - b}') (target < 20)"
