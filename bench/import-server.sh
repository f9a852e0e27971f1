#!/usr/bin/env bash
# The import bar through the server, as an operator imports: './queuelens import-queue-log' streams the import
# benchmark's queue_log file (ImportLoad's, written by DemoQueueLogFile) to a QueueLens started here on a fresh
# MariaDB database (default settings, the demo off), into a new tenant per run, one run after the other. Prints each
# run's wall time as the command saw it (its own JVM start and the upload included) and the median of runs 2.. (the
# first import of a server compiles the import's code). The database keeps the earlier runs' tenants, as a server would.
# Needs MariaDB on 127.0.0.1:3306 (root, no password) and its 'mysql' client.
# Usage: bench/import-server.sh [LINES=1500000] [RUNS=4]   (QUEUELENS_JAVA_OPTS etc. pass through to the server)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
lines="${1:-1500000}"
runs="${2:-4}"
port="${QUEUELENS_BENCH_PORT:-18481}"
command -v mysql >/dev/null || { echo "needs the mysql (MariaDB) client" >&2; exit 1; }
mvn -B -q -DskipTests package >/dev/null

work=$(mktemp -d)
db="qlens_bench_server_$$"
token="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
pid=""
cleanup() {
    [[ -n "$pid" ]] && { kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }
    mysql -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS $db" || true
    rm -rf "$work"
}
trap cleanup EXIT

java -cp bench/target/benchmarks.jar io.queuelens.bench.DemoQueueLogFile "$work/bench.queue_log" "$lines"
mysql -uroot -h127.0.0.1 -e "CREATE DATABASE $db"
export QUEUELENS_API_TOKEN="$token"
QUEUELENS_PORT="$port" QUEUELENS_DATA_DIR="$work/data" QUEUELENS_DEMO_ENABLED=false \
    QUEUELENS_DB_URL="jdbc:mariadb://127.0.0.1:3306/$db" QUEUELENS_DB_USER=root \
    ./queuelens run >"$work/server.out" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
    if curl -sf "http://localhost:$port/health/ready" 2>/dev/null | grep -q '"status":"UP"'; then break; fi
    sleep 0.2
done
heap=$(curl -sf -H "Authorization: Bearer $token" "http://localhost:$port/api/v1/ops/status" | grep -o '"heapMaxBytes":[0-9]*' | head -1 || true)
echo "server ready on $db, ${heap:-heapMaxBytes unknown}${QUEUELENS_JAVA_OPTS:+ (QUEUELENS_JAVA_OPTS=$QUEUELENS_JAVA_OPTS)}"

rates=()
for i in $(seq 1 "$runs"); do
    tenant="bench$i"
    curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
        -d "{\"id\":\"$tenant\",\"name\":\"$tenant\",\"timeZone\":\"Europe/Berlin\",\"locale\":\"en\",\"currency\":\"EUR\"}" \
        "http://localhost:$port/api/v1/tenants"
    t0=$(date +%s.%N)
    out=$(./queuelens import-queue-log --tenant "$tenant" --url "http://localhost:$port" "$work/bench.queue_log")
    t1=$(date +%s.%N)
    grep -q " $lines lines read, .* 0 quarantined" <<<"$out" || { echo "unexpected result: $out" >&2; exit 1; }
    rate=$(awk -v a="$t0" -v b="$t1" -v n="$lines" 'BEGIN {printf "%.0f", n / (b - a)}')
    rates+=("$rate")
    echo "run $i: $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s = $rate lines/s ($out)"
done
held=$(grep -c "holds more than" "$work/data/logs/server.log" || true)
echo "imports that stopped holding their facts (heap cap): $held of $runs"
if (( runs > 1 )); then
    echo "median of runs 2..$runs: $(printf '%s\n' "${rates[@]:1}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}') lines/s"
fi
