#!/usr/bin/env bash
# A/B of one suite setting at the real-time bench's load, through the gateway: for each value in
# turn (repeat values to alternate them), a fresh `MESSAGING_INSTANCES=2 ./suite up --detach` with
# VAR=value, WARMUP_RUNS untimed runs of WARMUP s, then one timed run of DURATION s. Prints per
# arm the client's RESULT figures, the disk's stall during the timed run (PSI "full") and, from
# each messaging instance's metrics over the timed run, the mean wait of a post for its
# statement, the mean statement and the posts per statement. No reference relay: it compares
# settings of the suite in the same hour, not the suite with the relay (that is bench.sh).
# usage: bench/realtime/setting-ab.sh VAR "value1 value2 value1 value2"
#        (env: SOCKETS=1000 GROUP=10 RATE=1000 DURATION=30 WARMUP_RUNS=4 WARMUP=20)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
. bench/lib.sh
[ $# -eq 2 ] || { echo "usage: $0 VAR \"value1 value2 ...\"" >&2; exit 2; }
VAR=$1
OUT=bench/realtime/out/ab
mkdir -p "$OUT"
export SOCKETS="${SOCKETS:-1000}" GROUP="${GROUP:-10}" RATE="${RATE:-1000}" DURATION="${DURATION:-30}" BATCH=100
export HOLD_SECONDS=2 USERS_FILE="$OUT/users.tsv"
trap './suite down > /dev/null 2>&1 || true' EXIT
# Sums and counts of the post timers and summaries, one line per instance and series.
post_metrics() { local port; for port in $(awk '$1 ~ /^messaging-service/ {print $4}' data/run/services); do
  curl -s "127.0.0.1:$port/q/metrics" | grep -E '^chat_posts_(lane_wait|store)_seconds_(sum|count)|^chat_posts_batch_size_(sum|count)' | sed "s/^/$port /"; done; }
arm=0
for value in $2; do
  arm=$((arm + 1))
  ./suite down > /dev/null 2>&1 || true
  analyze_db
  env "$VAR=$value" MESSAGING_INSTANCES=2 ./suite up --detach > "$OUT/up-$arm.log"
  warmup_runs "${WARMUP_RUNS:-4}" "${WARMUP:-20}" "$OUT/warmup-$arm"
  post_metrics > "$OUT/before-$arm.txt"
  stall=$(io_stall_ms)
  realtime_client suite http://127.0.0.1:8081 http://127.0.0.1:8080 > "$OUT/run-$arm.txt" 2>&1 || true
  stall=$(( $(io_stall_ms) - stall ))
  post_metrics > "$OUT/after-$arm.txt"
  result=$(grep '^RESULT' "$OUT/run-$arm.txt" || true)
  echo "arm $arm $VAR=$value: connected $(field "$result" connected) delivered-pct $(field "$result" delivered-pct)" \
    "out-of-order $(field "$result" out-of-order) p50 $(field "$result" p50-ms) ms p99 $(field "$result" p99-ms) ms" \
    "steady-p99 $(field "$result" steady-p99-ms) ms, disk stall ${stall} ms"
  # Per instance: mean wait and statement (ms) and posts per statement over the timed run.
  join <(awk '{print $1"|"$2, $3}' "$OUT/before-$arm.txt" | sort) <(awk '{print $1"|"$2, $3}' "$OUT/after-$arm.txt" | sort) |
    awk '{split($1, k, "|"); d[k[1], k[2]] = $3 - $2; ports[k[1]] = 1}
      END {for (p in ports) printf "  instance %s: wait %.2f ms, statement %.2f ms, %.2f posts of a conversation per statement\n", p,
        1000 * d[p, "chat_posts_lane_wait_seconds_sum"] / d[p, "chat_posts_lane_wait_seconds_count"],
        1000 * d[p, "chat_posts_store_seconds_sum"] / d[p, "chat_posts_store_seconds_count"],
        d[p, "chat_posts_batch_size_sum"] / d[p, "chat_posts_batch_size_count"]}'
done
