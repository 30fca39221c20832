#!/usr/bin/env bash
# Smoke test of a deployed instance: /health answers in the original's shape and the GraphQL
# systemHealth query works, retried while a machine scaled to zero starts.
set -euo pipefail
BASE=${1:?base URL}
for attempt in $(seq 1 20); do
    if health=$(curl -sf --max-time 10 "$BASE/health"); then break; fi
    [ "$attempt" = 20 ] && { echo "no answer from $BASE/health" >&2; exit 1; }
    sleep 3
done
echo "$health" | jq -e '.status and .timestamp and .services.memory and .services.filesystem and .services.git and .services.vector' >/dev/null
graph=$(curl -sf --max-time 10 "$BASE/graphql" -H 'Content-Type: application/json' \
    -d '{"query":"{ systemHealth { status timestamp services { id name status url } } }"}')
echo "$graph" | jq -e '.data.systemHealth.status and (.data.systemHealth.services | length >= 4) and (.errors == null)' >/dev/null
curl -sf --max-time 10 "$BASE/q/health/ready" >/dev/null
echo "smoke test passed: $BASE"
