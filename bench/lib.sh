# Shared by the bench scripts: a JDK, background processes cleaned up on exit, readiness polling.
# Sourced, not run. Sets JAVA to a JDK of at least MIN_JAVA (default 21).

find_java() {
    local min=${MIN_JAVA:-21} candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        local major
        major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)
        if [ "${major:-0}" -ge "$min" ] 2>/dev/null; then
            JAVA="$candidate/bin/java"
            return 0
        fi
    done
    echo "a JDK $min or newer is needed: set JAVA_HOME" >&2
    exit 1
}

require_package() {
    [ -f target/quarkus-app/quarkus-run.jar ] || { echo "package first: ./mvnw package -DskipTests" >&2; exit 1; }
}

bench_pids=()
cleanup_bench() { for pid in "${bench_pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup_bench EXIT

# wait_up URL: until it answers 2xx, at most 30 s.
wait_up() {
    for _ in $(seq 1 150); do curl -sf -o /dev/null "$1" && return 0; sleep 0.2; done
    echo "not up: $1" >&2
    exit 1
}

# admin_token PORT: a token from the dev-default admin of the app on that port.
admin_token() {
    curl -sf "http://127.0.0.1:$1/auth/login" -H 'Content-Type: application/json' \
        -d '{"username":"ceo","password":"admin"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}
