#!/usr/bin/env bash
# Startup cost of the packaged application: the median time from process start to the first
# successful GET /health, and the resident memory right after, over RUNS starts each of the
# plain JVM, the JVM with a Leyden AOT cache (made here by a training run if missing), and a
# native binary when its path is given. Loopback only.
#   bench/startup.sh [NATIVE_BINARY] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
NATIVE=${1:-}
RUNS=${2:-5}
PORT=${PORT:-18020}
APP=target/quarkus-app
CACHE=$APP/app.aot

source bench/lib.sh
require_package
MIN_JAVA=25 find_java   # the AOT cache of JEP 483/514 needs JDK 25
FLAGS=(-XX:MaxRAMPercentage=70 -XX:+UseSerialGC -Xss512k)
export TESTING=true QUARKUS_LOG_LEVEL=WARN PORT

wait_health() { # pid -> 0 when /health answered
    while kill -0 "$1" 2>/dev/null; do
        curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && return 0
        sleep 0.005
    done
    return 1
}

if [ ! -s "$CACHE" ]; then
    echo "training run: recording $CACHE"
    "$JAVA" "${FLAGS[@]}" -XX:AOTCacheOutput="$CACHE" -jar $APP/quarkus-run.jar >/tmp/bench-training.log 2>&1 &
    pid=$!
    wait_health "$pid"
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/auth/login" -H 'Content-Type: application/json' -d '{"username":"ceo","password":"admin"}'
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/graphql" -H 'Content-Type: application/json' -d '{"query":"{ systemHealth { status } }"}'
    kill -TERM "$pid"; wait "$pid" || true
    [ -s "$CACHE" ] || { echo "no AOT cache was written; see /tmp/bench-training.log" >&2; exit 1; }
fi

measure() { # label command...
    local label=$1; shift
    local times=() rss=()
    for _ in $(seq 1 "$RUNS"); do
        local start end pid
        start=$(date +%s%N)
        "$@" >/tmp/bench-startup.log 2>&1 &
        pid=$!
        wait_health "$pid" || { echo "$label did not start; see /tmp/bench-startup.log" >&2; exit 1; }
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
        rss+=($(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"))
        kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    done
    local t r
    t=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    r=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%-22s %8s ms %8s MiB   (runs: %s ms)\n' "$label" "$t" "$r" "${times[*]}"
}

echo "median of $RUNS starts, process start to first GET /health 200, and RSS then:"
measure "JVM" "$JAVA" "${FLAGS[@]}" -jar $APP/quarkus-run.jar
measure "JVM + AOT cache" "$JAVA" "${FLAGS[@]}" -XX:AOTCache="$CACHE" -jar $APP/quarkus-run.jar
if [ -n "$NATIVE" ]; then
    measure "native" "$NATIVE"
fi
