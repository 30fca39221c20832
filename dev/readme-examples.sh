#!/usr/bin/env bash
# Runs the README's example block (the one that starts with "# log in") against the packaged
# application with the dev profile's configuration, the Fly Machines API stand-in and no API key,
# as a newcomer would on port 8000; then checks what the examples printed. .ci/run calls it after
# ./mvnw verify. Needs curl, jq, python3, git and bubblewrap (or COMMAND_SANDBOX=none).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "No $JAR: run ./mvnw package first" >&2; exit 2; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work=$(mktemp -d)
cleanup() {
    [ -n "${app:-}" ] && kill "$app" 2>/dev/null || true
    [ -n "${fly:-}" ] && kill "$fly" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

for port in 8000 4280; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "Port $port is taken: the README's examples need it" >&2
        exit 2
    fi
done

python3 dev/fake-fly.py 4280 >"$work/fly.log" 2>&1 &
fly=$!
env -u ANTHROPIC_API_KEY -u OPENAI_API_KEY QUARKUS_PROFILE=dev PORT=8000 DATA_DIR="$work/data" \
    FLY_API_URL=http://localhost:4280/v1 FLY_API_TOKEN=dev OLLAMA_BASE_URL=http://127.0.0.1:9 QUARKUS_HTTP_HOST=127.0.0.1 \
    "$JAVA" -jar "$JAR" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
    curl -sf localhost:8000/q/health/ready >/dev/null 2>&1 && break
    sleep 0.5
done
curl -sf localhost:8000/q/health/ready >/dev/null || { cat "$work/app.log" >&2; echo "The application did not start" >&2; exit 1; }

# The block, as the README has it; only the WebSocket client, which never ends by itself, is left out.
awk '/^```bash$/ {block = 1; text = ""; next} block && /^```$/ {if (text ~ /# log in/) {printf "%s", text; exit} block = 0; next}
     block {text = text $0 "\n"}' README.md | grep -v '^websocat ' >"$work/examples.sh"
[ -s "$work/examples.sh" ] || { echo "No example block in README.md" >&2; exit 1; }
bash -eu "$work/examples.sh" >"$work/out.txt" 2>&1 || { cat "$work/out.txt" "$work/app.log" >&2; echo "The examples failed" >&2; exit 1; }

failed=0
expect() {
    if ! grep -qF -- "$2" "$work/out.txt"; then
        echo "README example '$1': expected output containing $2" >&2
        failed=1
    fi
}
expect "git log" '"status":"success"'
expect "streamed analyze" 'event: start'
expect "streamed analyze" 'event: result'
expect "deploy" 'Machine 148ed193b95d89: started, checks passing'
expect "follow" '"deployment_id":"deploy-api-'
expect "rollback" 'registry.fly.io/sophia-api-staging:0.9.0'
expect "deployments" '"deployments":[{"status":"success"'
expect "runs" '"runs":[{"id":"run-'
expect "audit" '"command":"git log --oneline -n 5"'
expect "agent without a key" 'ANTHROPIC_API_KEY is not set'
expect "health" '"services"'
expect "graphql" '{"data":{"systemHealth"'
expect "metrics" '# TYPE'
if [ "$failed" -ne 0 ]; then
    echo "--- what the examples printed" >&2
    cat "$work/out.txt" >&2
    exit 1
fi
echo "README examples: all ran, output as expected"
