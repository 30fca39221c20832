#!/usr/bin/env bash
# Idle WebSocket clients on /ws: opens COUNT, waits for a heartbeat on each, and prints the
# service's memory and thread count before and after. Loopback only; bounded in time.
#   bench/heartbeat.sh [COUNT=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-2000}
APP_PORT=${APP_PORT:-18030}
source bench/lib.sh
require_package
find_java
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

PORT=$APP_PORT TESTING=true QUARKUS_LOG_LEVEL=WARN "$JAVA" -jar target/quarkus-app/quarkus-run.jar >/tmp/bench-heartbeat.log 2>&1 &
app=$!
bench_pids+=($app)
wait_up "http://127.0.0.1:$APP_PORT/q/health/ready"
"$JAVA" bench/SocketClients.java "ws://127.0.0.1:$APP_PORT/ws" "$COUNT" "$app"
