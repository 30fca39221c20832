#!/usr/bin/env bash
# The store's write cost, to choose its PostgreSQL client: one audit entry per call through JDBC on
# an Agroal pool (what the service uses), through the reactive Vert.x PostgreSQL client, and appended
# to a file with fsync (the embedded store), against a throwaway PostgreSQL cluster on loopback.
# Needs the packaged app (its libraries), PostgreSQL's server binaries and Maven Central (for the
# reactive client, which the service does not ship).
#   bench/store.sh [N=5000] [CALLERS=16]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}
CALLERS=${2:-16}
PG_PORT=${PG_PORT:-18432}
source bench/lib.sh
require_package
find_java

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL's server is needed: apt-get install postgresql" >&2; exit 1; }
work=$(mktemp -d /tmp/bench-store.XXXX)
chmod 755 "$work"
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; as_pg=(runuser -u postgres --); fi
"${as_pg[@]}" "$bin/initdb" -D "$work/pg" -U bench -A trust --no-sync >/dev/null
# fsync on, as a real database runs: the comparison includes the database's own commit cost.
"${as_pg[@]}" "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $PG_PORT -k $work -c listen_addresses=127.0.0.1" start >/dev/null
stop_pg() { "${as_pg[@]}" "$bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap 'stop_pg; cleanup_bench' EXIT

vertx=$(ls target/quarkus-app/lib/main/ | sed -n 's/^io\.vertx\.vertx-core-\(.*\)\.jar$/\1/p')
mkdir -p target/bench-lib
for artifact in vertx-pg-client vertx-sql-client; do
    [ -f "target/bench-lib/$artifact-$vertx.jar" ] || ./mvnw -q -B -ntp dependency:copy \
        -Dartifact="io.vertx:$artifact:$vertx" -DoutputDirectory=target/bench-lib >/dev/null
done
echo "store writes: $N calls one by one, then $N from $CALLERS callers; PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), $(nproc) cores"
"$JAVA" -cp "target/quarkus-app/lib/main/*:target/bench-lib/*" bench/StoreBench.java "$PG_PORT" "$N" "$CALLERS" "$work/data"
