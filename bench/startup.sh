#!/usr/bin/env bash
# Time from './queuelens run' to /health/ready UP on a built tree, embedded defaults (H2, demo with
# its 30-day backfill): N first starts in fresh data folders, then N restarts on the same data.
# Prints each time and the medians. Usage: bench/startup.sh [N]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
n="${1:-3}"
port="${QUEUELENS_BENCH_PORT:-18480}"
mvn -B -q -DskipTests package >/dev/null

start_once() { # $1 = data dir; prints seconds to ready
    local data="$1" t0 t1 pid
    t0=$(date +%s.%N)
    QUEUELENS_PORT="$port" QUEUELENS_DATA_DIR="$data" QUEUELENS_DEMO_AMI_PORT=0 ./queuelens run >"$data.out" 2>&1 &
    pid=$!
    for _ in $(seq 1 600); do
        if curl -sf "http://localhost:$port/health/ready" 2>/dev/null | grep -q '"status":"UP"'; then break; fi
        sleep 0.2
    done
    t1=$(date +%s.%N)
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "http://localhost:$port/login.xhtml" || true)
    [[ "$code" == 200 ]] || echo "login page answered HTTP $code" >&2
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true  # SIGINT is ignored by background jobs
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f\n", b - a}'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

root=$(mktemp -d)
first=(); again=()
for i in $(seq 1 "$n"); do
    first+=("$(start_once "$root/data$i")")
    again+=("$(start_once "$root/data$i")")
    echo "run $i: first start ${first[-1]} s, restart ${again[-1]} s"
done
echo "median first start: $(printf '%s\n' "${first[@]}" | median) s"
echo "median restart:     $(printf '%s\n' "${again[@]}" | median) s"
rm -rf "$root"
