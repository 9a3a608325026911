#!/usr/bin/env bash
# Whether messaging's database pool can be small: per DB_POOL_SIZE given, a fresh
# `MESSAGING_INSTANCES=INSTANCES ./suite up --detach`, WARMUP_RUNS untimed runs, then SOCKETS
# sockets opened all at once through the gateway (a reconnect storm; BATCH=SOCKETS) and a short
# load, counted at the receivers: sockets connected, the connect's time, refusals, and the most
# connections messaging held open and busy at once (0.2 s samples of pg_stat_activity).
# usage: bench/scale/pool-storm.sh "6 20"   (env: INSTANCES=2 SOCKETS=2000 WARMUP_RUNS=1 WARMUP=10)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
. bench/lib.sh
OUT=bench/scale/out
mkdir -p "$OUT"
export SOCKETS="${SOCKETS:-2000}" GROUP="${GROUP:-10}" RATE="${RATE:-1000}" HOLD_SECONDS=2 USERS_FILE="$OUT/users.tsv"
INSTANCES="${INSTANCES:-2}"
trap './suite down > /dev/null 2>&1 || true' EXIT
for pool in ${1:?usage: pool-storm.sh \"POOL_SIZES\"}; do
  ./suite down > /dev/null 2>&1 || true
  analyze_db
  DB_POOL_SIZE=$pool MESSAGING_INSTANCES=$INSTANCES ./suite up --detach > "$OUT/storm-suite-up.log"
  BATCH=100 warmup_runs "${WARMUP_RUNS:-1}" "${WARMUP:-10}" "$OUT/storm-warmup"
  sample_db_connections 30 "$OUT/storm-pg-$pool.txt"
  BATCH="$SOCKETS" DURATION=5 realtime_client suite http://127.0.0.1:8081 http://127.0.0.1:8080 > "$OUT/storm-$pool.txt" 2>&1 || true
  kill "$SAMPLER" 2> /dev/null || true
  echo "DB_POOL_SIZE=$pool: $(grep '^CONNECTED' "$OUT/storm-$pool.txt" || echo 'CONNECTED ?'); most open, busy:" \
    "$(db_connection_peaks "$OUT/storm-pg-$pool.txt")"
  grep '^RESULT' "$OUT/storm-$pool.txt" || echo "RESULT failed"
done
