#!/usr/bin/env bash
# Real-time through the gateway against a reference relay, in one run on one box.
#
# Starts MESSAGING_INSTANCES=2 ./suite up --detach (the launcher's defaults: rate limits on) and
# the reference relay (reference/: socket.io 4 + @socket.io/redis-adapter, two Node processes on
# 3001/3002, no proxy), then runs Realtime.java twice against each: "fresh" right after start-up
# and "warm" (below). Each run: SOCKETS sockets opened BATCH at a time, conversations of GROUP,
# RATE send frames/s for DURATION seconds; counted at every receiver. Stops what it started.
# Table into bench/realtime/result.md; raw outputs under bench/realtime/out/. The gateway's live heap per
# proxied socket is read (jcmd GC.run) once the fresh and the last warm suite run are counted, with
# their sockets open and again once they closed: never before a timed suite run, since a tool's
# full GC is not what a deployment sees (docs/benchmarks.md).
# Beside each suite run: PostgreSQL's WAL flushes per second, the mean time one took (the bench
# turns track_wal_io_timing on for its run) and the time the disk stalled every runnable task
# (Linux PSI), since a post is acknowledged only once its commit is flushed: the disk's speed moves
# within an hour, and the suite's latency with it.
# SYNC_COMMIT=off is a diagnostic, never a result: the messaging database commits without waiting
# for the flush (ALTER DATABASE, undone on exit), so the run shows the suite without the disk's
# flush latency; its table goes to result-synchronous-commit-off.md.
# "warm" means every JVM of the run has settled, as after minutes of traffic: before it, untimed
# 20 s suite runs (at most SETTLE_MAX) repeat until the JIT of the gateway and both instances
# together spends less than SETTLE_COMPILE_S seconds compiling during one of them (jstat -compiler);
# and each warm run, suite and relay alike, starts with the client's own untimed warm-up
# (CLIENT_WARMUP s at a quarter of RATE, then a 3 s pause), since the client is a new JVM each run.
# The warm pair (suite, then relay) runs WARM_PAIRS times on the settled suite; the summary line
# gives the median p99 of each target over those pairs and their ratio, since one 30 s run's p99 on
# these two shared cores moves by 2× from run to run (docs/benchmarks.md, real-time).
# usage: bench/realtime/bench.sh   (env: SOCKETS=1000 GROUP=10 RATE=1000 DURATION=30 BATCH=100 RUNS="fresh warm" SYNC_COMMIT=on
#        SETTLE_MAX=8 SETTLE_COMPILE_S=3 CLIENT_WARMUP=15 WARM_PAIRS=3 HOLD_AFTER_SECONDS=6)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
. bench/lib.sh
HERE=bench/realtime
OUT=$HERE/out
mkdir -p "$OUT"
export SOCKETS="${SOCKETS:-1000}" GROUP="${GROUP:-10}" RATE="${RATE:-1000}" DURATION="${DURATION:-30}" BATCH="${BATCH:-100}"
export HOLD_SECONDS="${HOLD_SECONDS:-8}" USERS_FILE="$OUT/users.tsv"
# Seconds each client keeps its sockets open once it has counted, so the gateway's live heap is read
# then (a full GC each time) and never before or during the measured load.
export HOLD_AFTER_SECONDS="${HOLD_AFTER_SECONDS:-6}"
RUNS="${RUNS:-fresh warm}"
SETTLE_MAX="${SETTLE_MAX:-8}" SETTLE_COMPILE_S="${SETTLE_COMPILE_S:-3}" CLIENT_WARMUP="${CLIENT_WARMUP:-15}" WARM_PAIRS="${WARM_PAIRS:-3}"
SYNC_COMMIT="${SYNC_COMMIT:-on}"
RESULT=$HERE/result.md
[ "$SYNC_COMMIT" = on ] || RESULT=$HERE/result-synchronous-commit-off.md

NODE_PIDS=()
cleanup() {
  for p in "${NODE_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${KEEP_SUITE:-}" ] || ./suite down > /dev/null || true
  [ "$SYNC_COMMIT" = on ] || messaging_psql -qc 'alter database messaging reset synchronous_commit' > /dev/null 2>&1 || true
  wal_timing reset
}
trap cleanup EXIT

./suite down > /dev/null || true

# The box must be quiet: the idle share over 3 s is recorded with the results.
IDLE=$(idle_pct 3)
[ "$IDLE" -ge 85 ] || echo "WARNING: the machine is only $IDLE % idle before the run; figures will not compare" >&2

if [ "$SYNC_COMMIT" != on ]; then
  echo "DIAGNOSTIC: the messaging database commits without waiting for the WAL flush during this run" >&2
  messaging_psql -qc 'alter database messaging set synchronous_commit = off' > /dev/null
fi
wal_timing on
unset RATE_LIMIT_LOGIN RATE_LIMIT_REGISTER RATE_LIMIT_FORGOT RATE_LIMIT_UPLOAD RATE_LIMIT_DEFAULT
MESSAGING_INSTANCES=2 ./suite up --detach > "$OUT/suite-up.log"
# A local PostgreSQL with autovacuum off (as on the development boxes) keeps every earlier run's
# dead rows and, on a new machine, has no statistics at all (the contacts query then scans
# participant); vacuum and analyze once the suite's migrations ran and again once each run's users
# and conversations exist, so each run starts as on a server with autovacuum on. Recorded with the
# results.
AUTOVACUUM=$(command -v psql > /dev/null && messaging_psql -Atc 'show autovacuum' 2> /dev/null || echo unknown)
analyze_db
GATEWAY=$(pid_of gateway)
INSTANCES="$(pid_of messaging-service) $(pid_of messaging-service-2)"

start_relay "$OUT"

# Full-GC count of a JVM, and its sum over several, from jstat.
fgc() { jstat -gcutil "$1" | awk 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "FGC") c = i} NR == 2 {print $c}'; }
fgc_sum() { local t=0; for p in "$@"; do t=$((t + $(fgc "$p"))); done; echo $t; }
# The rise of a counter from $1 to $2 per second of load ($load_ns); a dash when either is unknown.
# Mean milliseconds per WAL flush over the load: the rise of wal_sync_time over that of wal_sync; a dash when unknown or untimed.
per_flush() { [ -n "$1" ] && [ -n "$2" ] && [ -n "$3" ] && [ -n "$4" ] && [ "$2" != "$1" ] && [ "$4" != "$3" ] &&
  awk -v t="$(( $2 - $1 ))" -v n="$(( $4 - $3 ))" 'BEGIN {printf "%.2f", t / n}' || echo "—"; }
per_s() { [ -n "$1" ] && [ -n "$2" ] && awk -v d="$(( $2 - $1 ))" -v ns="$load_ns" 'BEGIN {printf "%.0f", d / (ns / 1e9)}' || echo "—"; }
# $1 ÷ $2 as "1.2×" (0.0× when $2 is not positive).
ratio_of() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f×", (b > 0 ? a / b : 0)}'; }

# Seconds the JIT compilers of these JVMs have spent so far (jstat -compiler, column Time).
compile_s() { local p; for p in "$@"; do jstat -compiler "$p" | awk 'NR == 2 {print $4}'; done | awk '{s += $1} END {printf "%.1f", s}'; }
# Untimed suite runs until the JIT has settled (see the header); their figures go under the table.
SETTLED="not run"
settle() {
  local i c0 c1 line compiled
  SETTLED=""
  for i in $(seq 1 "$SETTLE_MAX"); do
    c0=$(compile_s "$GATEWAY" $INSTANCES)
    DURATION=20 realtime_client suite http://127.0.0.1:8081 http://127.0.0.1:8080 > "$OUT/settle-$i.txt" 2>&1 || true
    analyze_db
    c1=$(compile_s "$GATEWAY" $INSTANCES)
    line=$(grep '^RESULT' "$OUT/settle-$i.txt" || echo "RESULT failed")
    compiled=$(awk -v a="$c0" -v b="$c1" 'BEGIN {printf "%.1f", b - a}')
    SETTLED+="run $i: p99 $(field "$line" p99-ms) ms, $compiled s compiling; "
    awk -v d="$compiled" -v m="$SETTLE_COMPILE_S" 'BEGIN {exit !(d < m)}' && break
  done
  echo "settle: $SETTLED"
}
ROWS=()
# Each warm run becomes warm-1 … warm-N (settled once, before the first).
EXPANDED=""
for run in $RUNS; do
  if [ "$run" = warm ]; then for i in $(seq 1 "$WARM_PAIRS"); do EXPANDED+=" warm-$i"; done; else EXPANDED+=" $run"; fi
done
declare -A P99S=() STEADY=()
for run in $EXPANDED; do
  for target in suite reference; do
    out="$OUT/$run-$target.txt"
    warmup=0
    if [[ $run == warm-* ]]; then
      warmup=$CLIENT_WARMUP
      [ $target = suite ] && [ "$SETTLED" = "not run" ] && settle
    fi
    if [ $target = suite ]; then
      WARMUP_SECONDS=$warmup realtime_client suite http://127.0.0.1:8081 http://127.0.0.1:8080 > "$out" 2>&1 &
    else
      WARMUP_SECONDS=$warmup realtime_client socketio http://127.0.0.1:3001,http://127.0.0.1:3002 > "$out" 2>&1 &
    fi
    client=$!
    await_line SETUP-DONE "$out" $client
    # The run's users and conversations now exist: analyze, as autovacuum would on a server, so the
    # services' prepared statements are planned again for tables that are no longer empty.
    [ $target = suite ] && analyze_db
    await_line LOAD-START "$out" $client
    gw_before=$(fgc "$GATEWAY"); inst_before=$(fgc_sum $INSTANCES)
    io_before=$(io_stall_ms); wal_before=$(wal_syncs); sync_before=$(wal_sync_ms); load_start=$(date +%s%N)
    await_line LOAD-END "$out" $client
    io_after=$(io_stall_ms); wal_after=$(wal_syncs); sync_after=$(wal_sync_ms); load_ns=$(( $(date +%s%N) - load_start ))
    await_line COUNTED "$out" $client
    gw_after=$(fgc "$GATEWAY"); inst_after=$(fgc_sum $INSTANCES)
    # The gateway's live heap with the run's sockets open, then once the client has closed them;
    # never just before another timed suite run: a tool's full GC is not what a deployment sees
    # (they are not the cause of the warm runs' slow first seconds: docs/benchmarks.md).
    heap=no
    [ $target = suite ] && { [[ $run != warm-* ]] || [ "$run" = "warm-$WARM_PAIRS" ]; } && heap=yes
    [ $heap = yes ] && heap_open=$(live_kb "$GATEWAY")
    wait $client || true
    [ $heap = yes ] && sleep 2 && heap_closed=$(live_kb "$GATEWAY")
    disk="$(per_s "$wal_before" "$wal_after") flushes/s of $(per_flush "$sync_before" "$sync_after" "$wal_before" "$wal_after") ms, stalled $(per_s "$io_before" "$io_after") ms/s"
    line=$(grep '^RESULT' "$out" || echo "RESULT failed")
    echo "$run $target: $(grep '^CONNECTED' "$out" || true)"
    echo "$run $target: $line"
    [ $heap = yes ] && echo "$run $target: gateway live heap $heap_open kB with the sockets open after the load, $heap_closed kB once they closed"
    p99=$(field "$line" p99-ms)
    [[ $run == warm-* ]] && P99S[$target]+=" $p99" && STEADY[$target]+=" $(field "$line" steady-p99-ms)"
    if [ $target = suite ]; then
      suite_p99=$p99
      connected=$(field "$line" connected)
      per_socket="— (not read before a timed run)"
      [ $heap = yes ] && per_socket=$(awk -v a="$heap_open" -v b="$heap_closed" -v n="$connected" 'BEGIN {printf "%.1f KB (%d → %d kB)", (n > 0 ? (a - b) / n : 0), b, a}')
      gc="gateway $((gw_after - gw_before)), instances $((inst_after - inst_before))"
      ratio="—"
    else
      per_socket="—"; gc="—"; disk="stalled $(per_s "$io_before" "$io_after") ms/s"
      ratio=$(ratio_of "$suite_p99" "$p99")
    fi
    ROWS+=("| $run | $target | $(field "$line" connected) of $SOCKETS | $(field "$line" acked) of $(field "$line" sent) | $(field "$line" delivered-pct) % | $(field "$line" out-of-order) | $(field "$line" duplicates) | $(field "$line" gaps) | $(field "$line" p50-ms) | $p99 | $(field "$line" max-ms) | $ratio | $(field "$line" steady-p99-ms) | $gc | $per_socket | $disk |")
  done
done

{
  echo "\`bench/realtime/bench.sh\` ($(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD); CPU $IDLE % idle before the run; PostgreSQL autovacuum $AUTOVACUUM, synchronous_commit $SYNC_COMMIT$([ "$SYNC_COMMIT" = on ] || echo ' (DIAGNOSTIC: acknowledged before the WAL flush)'), vacuumed and analyzed before the run and after each set-up): $SOCKETS sockets opened $BATCH at a time, conversations of $GROUP, $RATE messages/s for $DURATION s; the suite through \`ws://127.0.0.1:8080/ws\` (\`MESSAGING_INSTANCES=2 ./suite up --detach\`, rate limits on), the reference relay (socket.io 4 + Redis adapter, two Node processes, no proxy) on 3001/3002; \"fresh\" right after start-up; \"warm-1\" to \"warm-$WARM_PAIRS\" (each a suite run, then a relay run) after untimed 20 s suite runs to let the JIT settle (${SETTLED}at most $SETTLE_MAX, stopping early once the gateway and both instances compile less than $SETTLE_COMPILE_S s in one), each warm client after its own ${CLIENT_WARMUP} s warm-up at a quarter of the rate (its sends are in the acknowledged count, not in the latencies). Latency from the send time in the body to each receiver; the p99 ratio is suite ÷ reference in the same run; the per-second timeline of each run (delivery and ack percentiles, the client's own send delay) is in out/<run>-<target>.txt."
  echo
  echo "| run | target | sockets connected | sends acknowledged | delivered (of acknowledged × members) | out of order | duplicates | gaps | p50 ms | p99 ms | max ms | p99 ratio | p99 ms after the first 5 s | full GCs during load | gateway live heap per proxied socket | during load: WAL flushes, mean flush time, disk stall (PSI full) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  if [ -n "${P99S[suite]:-}" ] && [ -n "${P99S[reference]:-}" ]; then
    ms=$(median ${P99S[suite]}); mr=$(median ${P99S[reference]}); ss=$(median ${STEADY[suite]}); sr=$(median ${STEADY[reference]})
    echo
    echo "Warm, median of $WARM_PAIRS pairs: p99 $ms ms against the relay's $mr ms ($(ratio_of "$ms" "$mr")); after the first 5 s $ss against $sr ms ($(ratio_of "$ss" "$sr"))."
  fi
} > "$RESULT"
cat "$RESULT"
