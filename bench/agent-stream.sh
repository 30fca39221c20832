#!/usr/bin/env bash
# Agent streaming cost: a 10,000-token answer from a fake OpenAI-compatible provider, read
# straight from the provider and through POST /agent/execute, so the time added per token is a
# difference measured in one run; then COUNT concurrent idle streams held by one instance.
# Needs the packaged app (./mvnw package -DskipTests). Loopback only; bounded in time.
#   bench/agent-stream.sh [TOKENS=10000] [COUNT=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
TOKENS=${1:-10000}
COUNT=${2:-1000}
FAST_PORT=${FAST_PORT:-18091}
SLOW_PORT=${SLOW_PORT:-18092}
APP_PORT=${APP_PORT:-18010}
SLOW_APP_PORT=${SLOW_APP_PORT:-18011}

source bench/lib.sh
require_package
find_java
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

start_app() { # port provider_port
    PORT=$1 OPENAI_BASE_URL=http://127.0.0.1:$2/v1 OPENAI_API_KEY=bench ANTHROPIC_API_KEY=bench \
        AGENT_MAX_CONCURRENT_RUNS=100000 QUARKUS_LOG_LEVEL=WARN \
        "$JAVA" -jar target/quarkus-app/quarkus-run.jar >"/tmp/bench-agent-$1.log" 2>&1 &
    bench_pids+=($!)
    echo $! > "/tmp/bench-agent-$1.pid"
}
"$JAVA" bench/FakeProvider.java "$FAST_PORT" "$TOKENS" 0 >/dev/null 2>&1 & bench_pids+=($!)
"$JAVA" bench/FakeProvider.java "$SLOW_PORT" 1000000 1000 >/dev/null 2>&1 & bench_pids+=($!)
start_app "$APP_PORT" "$FAST_PORT"
start_app "$SLOW_APP_PORT" "$SLOW_PORT"
wait_up "http://127.0.0.1:$APP_PORT/q/health/ready"
wait_up "http://127.0.0.1:$SLOW_APP_PORT/q/health/ready"
TOKEN=$(admin_token "$APP_PORT")

direct() { curl -s -N -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$FAST_PORT/v1/chat/completions" \
    -H 'Content-Type: application/json' -d '{"model":"x","stream":true,"messages":[]}'; }
through() { curl -s -N -o /tmp/bench-agent-stream.txt -w '%{time_total}\n' "http://127.0.0.1:$APP_PORT/agent/execute" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"agent":"developer","messages":[{"role":"user","content":"go"}]}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for _ in 1 2 3; do direct >/dev/null; through >/dev/null; done   # warm-up
D=$(for _ in 1 2 3 4 5; do direct; done | median)
T=$(for _ in 1 2 3 4 5; do through; done | median)
tokens_seen=$(grep -c '"token"' /tmp/bench-agent-stream.txt || true)
echo "$TOKENS-token answer, median of 5: direct ${D}s, through the service ${T}s ($tokens_seen token events)"
awk -v d="$D" -v t="$T" -v n="$TOKENS" 'BEGIN { printf "time added per token: %.1f µs\n", (t - d) * 1e6 / n }'

SLOW_TOKEN=$(admin_token "$SLOW_APP_PORT")
"$JAVA" bench/StreamClients.java "http://127.0.0.1:$SLOW_APP_PORT/agent/execute" "$SLOW_TOKEN" "$COUNT" \
    "$(cat /tmp/bench-agent-$SLOW_APP_PORT.pid)"
