#!/usr/bin/env bash
# Proxy overhead: the same load sent straight to a trivial upstream and through GET /mcp/memory/...,
# in one run, so the overhead is a ratio. Needs wrk (apt-get install wrk) and the packaged app
# (./mvnw package -DskipTests). Loopback only; every load is bounded by DURATION.
#   bench/proxy.sh [DURATION=10s] [CONNECTIONS=64]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10s}
CONNECTIONS=${2:-64}
UPSTREAM_PORT=${UPSTREAM_PORT:-18081}
APP_PORT=${APP_PORT:-18000}
THREADS=$(( CONNECTIONS < 2 ? 1 : 2 ))

source bench/lib.sh
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
require_package
find_java

"$JAVA" bench/Upstream.java "$UPSTREAM_PORT" >/tmp/bench-upstream.log 2>&1 & bench_pids+=($!)
PORT=$APP_PORT MEMORY_URL=http://127.0.0.1:$UPSTREAM_PORT QUARKUS_LOG_LEVEL=WARN \
    "$JAVA" -jar target/quarkus-app/quarkus-run.jar >/tmp/bench-app.log 2>&1 & bench_pids+=($!)
wait_up "http://127.0.0.1:$APP_PORT/q/health/ready"
wait_up "http://127.0.0.1:$UPSTREAM_PORT/"
TOKEN=$(admin_token "$APP_PORT")

run() { # name url [header]
    local name=$1 url=$2; shift 2
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$@" "$url" >/dev/null   # warm-up
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" > "/tmp/bench-$name.txt"
    local rps p50 p99
    rps=$(awk '/Requests\/sec/ {print $2}' "/tmp/bench-$name.txt")
    p50=$(awk '$1=="50%" {print $2}' "/tmp/bench-$name.txt")
    p99=$(awk '$1=="99%" {print $2}' "/tmp/bench-$name.txt")
    printf '%-8s %12s %10s %10s\n' "$name" "$rps" "$p50" "$p99"
    echo "$rps" > "/tmp/bench-$name.rps"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores"
printf '%-8s %12s %10s %10s\n' "path" "requests/s" "p50" "p99"
run direct "http://127.0.0.1:$UPSTREAM_PORT/search?q=x"
run proxy "http://127.0.0.1:$APP_PORT/mcp/memory/search?q=x" -H "Authorization: Bearer $TOKEN"
awk -v d="$(cat /tmp/bench-direct.rps)" -v p="$(cat /tmp/bench-proxy.rps)" \
    'BEGIN { printf "proxy throughput is %.0f%% of direct (both share the same 2 cores with the load generator)\n", 100 * p / d }'
