#!/usr/bin/env bash
# The measured inputs of docs/scale.md's capacity model, on this box, in one run.
#
# 1. Through the gateway (MESSAGING_INSTANCES=INSTANCES ./suite up --detach, the launcher's defaults):
#    after WARMUP_RUNS untimed runs of WARMUP s, two client runs of SOCKETS sockets each.
#    The idle run: the live heap (after a full GC) of the gateway and of every instance is read
#    before and after its sockets connect, then it closes them after a token load. The timed run
#    (its own sockets, no forced GC before its load, which would tenure the new sockets' state
#    and spare the load the young collections that copy it): RATE messages/s for DURATION s into
#    conversations of GROUP, CPU seconds of each process per 1,000 deliveries counted at the
#    receivers, and PostgreSQL's per 1,000 posts. The JIT compiler threads' share of the measured
#    CPU is reported apart, and context switches per delivery beside it, and the instances'
#    connections to PostgreSQL (most open, most busy at once) during the load.
#    Then the reference relay of bench/realtime (socket.io 4 + Redis adapter, two Node processes,
#    no storage) under the same client, sizes and rate after as many warm-up runs: its CPU per
#    1,000 deliveries (both processes, and the machine's Redis apart), the same box's yardstick.
# 2. Redis CPU (ms) per 1,000 publishes of a PAYLOAD-byte publication with one subscriber: a single
#    node (PUBLISH), a local 3-primary cluster with sharded pub/sub (SPUBLISH on the owning
#    primary) and the same cluster with classic PUBLISH (broadcast over the cluster bus).
# Table into bench/scale/result.md (result-N-instances.md for INSTANCES=N other than 2); raw outputs
# under bench/scale/out/. More instances than 2 measure what the fan-out costs as a fleet grows:
# the gateway hands sockets to instances in turn, so a conversation's event reaches min(N, GROUP)
# instances and (N-1)/N of the posts go to their conversation's owner on another one.
# usage: bench/scale/bench.sh   (env: INSTANCES=2 SOCKETS=2000 GROUP=10 RATE=1000 DURATION=30 PUBLISHES=200000 WARMUP_RUNS=3 WARMUP=20)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
. bench/lib.sh
HERE=bench/scale
OUT=$HERE/out
mkdir -p "$OUT"
export SOCKETS="${SOCKETS:-2000}" GROUP="${GROUP:-10}" RATE="${RATE:-1000}" DURATION="${DURATION:-30}" BATCH="${BATCH:-100}"
export HOLD_SECONDS="${HOLD_SECONDS:-8}" USERS_FILE="$OUT/users.tsv"
PUBLISHES="${PUBLISHES:-200000}" PAYLOAD="${PAYLOAD:-600}" INSTANCES="${INSTANCES:-2}"
RESULT=$HERE/result.md
[ "$INSTANCES" = 2 ] || RESULT=$HERE/result-$INSTANCES-instances.md
CLUSTER_DIR=$(mktemp -d)
REDIS_PIDS=()
NODE_PIDS=()
cleanup() {
  for p in "${REDIS_PIDS[@]}" "${NODE_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$CLUSTER_DIR"
  [ -n "${KEEP_SUITE:-}" ] || ./suite down > /dev/null || true
}
trap cleanup EXIT

IDLE=$(idle_pct 3)
[ "$IDLE" -ge 85 ] || echo "WARNING: the machine is only $IDLE % idle before the run; figures will not compare" >&2
ticks() { local t=0 p; for p in "$@"; do [ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat))); done; echo $t; }
# Ticks of the JIT compiler threads of the given pids (thread names "C1 CompilerThre", "C2 CompilerThre").
jit_ticks() { local p f t=0; for p in "$@"; do for f in /proc/$p/task/*/stat; do
  grep -q '(C[12] CompilerThre)' "$f" 2> /dev/null && t=$((t + $(sed 's/.*) //' "$f" | awk '{print $12 + $13}'))); done; done; echo $t; }
# Context switches (voluntary and not) of every thread of the given pids: each is a wake-up or a preemption.
switches() { local p; for p in "$@"; do cat /proc/$p/task/*/status 2> /dev/null; done | awk '/ctxt_switches/ {s += $2} END {print s + 0}'; }
hz=$(getconf CLK_TCK)

# --- 1. the suite through the gateway ---
./suite down > /dev/null || true
# Analyzed before the run and again once its users and groups exist (bench/lib.sh).
analyze_db
MESSAGING_INSTANCES=$INSTANCES ./suite up --detach > "$OUT/suite-up.log"
GATEWAY=$(pid_of gateway); M=($(pid_of messaging-service))
for i in $(seq 2 "$INSTANCES"); do M+=($(pid_of messaging-service-$i)); done
live_all() { local p t=0; for p in "${M[@]}"; do t=$((t + $(live_kb "$p"))); done; echo $t; }
# Warm-up runs first: the model is about a warm fleet, not the JIT's first minutes (the JIT still
# compiles for several runs; what it compiles during the measured run is reported apart).
warmup_runs "${WARMUP_RUNS:-3}" "${WARMUP:-20}" "$OUT/warmup"
# The idle run: heaps before and after the connect, read while the client holds its sockets
# (HOLD_SECONDS) before a token load of one second.
idle="$OUT/idle.txt"
HOLD_SECONDS=20 RATE=10 DURATION=1 realtime_client suite http://127.0.0.1:8081 http://127.0.0.1:8080 > "$idle" 2>&1 &
client=$!
await_line SETUP-DONE "$idle" $client
gw0=$(live_kb "$GATEWAY"); m0=$(live_all)
await_line CONNECTED "$idle" $client
gw1=$(live_kb "$GATEWAY"); m1=$(live_all)
wait $client || true
# Read once the client has ended: its RESULT line is printed after the hold.
idle_connected=$(field "$(grep '^RESULT' "$idle" || true)" connected)
analyze_db
# The timed run.
out="$OUT/realtime.txt"
realtime_client suite http://127.0.0.1:8081 http://127.0.0.1:8080 > "$out" 2>&1 &
client=$!
await_line SETUP-DONE "$out" $client
analyze_db
await_line LOAD-START "$out" $client
PG=$(pgrep -x postgres | tr '\n' ' ')
REDIS=$(pgrep -f 'redis-server.*6379' | head -1)
a=($(ticks "$GATEWAY") $(ticks "${M[@]}") $(ticks $PG) $(ticks "$REDIS") $(switches "$GATEWAY") $(switches "${M[@]}") $(jit_ticks "$GATEWAY") $(jit_ticks "${M[@]}"))
# The instances' connections to PostgreSQL during the load.
sample_db_connections "$DURATION" "$OUT/pg-connections.txt"
sleep "$DURATION"
b=($(ticks "$GATEWAY") $(ticks "${M[@]}") $(ticks $PG) $(ticks "$REDIS") $(switches "$GATEWAY") $(switches "${M[@]}") $(jit_ticks "$GATEWAY") $(jit_ticks "${M[@]}"))
wait $client || true
kill "$SAMPLER" 2>/dev/null || true
read -r pg_open pg_busy < <(db_connection_peaks "$OUT/pg-connections.txt")
line=$(grep '^RESULT' "$out" || echo "RESULT failed")
connected=$(field "$line" connected); delivered=$(field "$line" delivered); acked=$(field "$line" acked)
./suite down > /dev/null || true

# --- 1b. the reference relay, same client, sizes and rate ---
start_relay "$OUT"
RELAY=http://127.0.0.1:3001,http://127.0.0.1:3002
for i in $(seq 1 "${WARMUP_RUNS:-3}"); do
  DURATION="${WARMUP:-20}" realtime_client socketio $RELAY > "$OUT/warmup-reference-$i.txt" 2>&1 || true
done
ref_out="$OUT/reference.txt"
realtime_client socketio $RELAY > "$ref_out" 2>&1 &
client=$!
await_line LOAD-START "$ref_out" $client
ra=($(ticks "${NODE_PIDS[@]}") $(ticks "$REDIS"))
sleep "$DURATION"
rb=($(ticks "${NODE_PIDS[@]}") $(ticks "$REDIS"))
wait $client || true
ref_line=$(grep '^RESULT' "$ref_out" || echo "RESULT failed")
ref_delivered=$(field "$ref_line" delivered)
for p in "${NODE_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
NODE_PIDS=()

per() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN {printf "%.3f", (n > 0 ? t / hz / n * 1000 : 0)}'; }
kb_per() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {printf "%.1f", (n > 0 ? (a - b) / n : 0)}'; }

# --- 2. Redis: single node, sharded cluster, broadcast cluster ---
body=$(head -c "$PAYLOAD" < /dev/zero | tr '\0' 'x')
port_free() { ! (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null; }
start_redis() { # port, extra args...
  local port=$1; shift
  mkdir -p "$CLUSTER_DIR/$port"
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$CLUSTER_DIR/$port" --daemonize no "$@" > "$CLUSTER_DIR/$port.log" 2>&1 &
  REDIS_PIDS+=($!)
  for _ in $(seq 1 50); do redis-cli -p "$port" ping > /dev/null 2>&1 && return; sleep 0.1; done
}
# CPU milliseconds per 1,000 publishes of the given redis-server pids while `$@` runs.
measure() { local pids="$1"; shift; local x y; x=$(ticks $pids); "$@" > /dev/null; y=$(ticks $pids); per $(((y - x) * 1000)) "$PUBLISHES"; }
subscribe() { # port, command, channel: one subscriber that reads everything and throws it away
  redis-cli -p "$1" "$2" "$3" > /dev/null & REDIS_PIDS+=($!); sleep 0.3; }

base=17000; while ! port_free $base; do base=$((base + 10)); done
start_redis $base
single=${REDIS_PIDS[-1]}
subscribe $base SUBSCRIBE chat:user:bench
single_cpu=$(measure "$single" redis-benchmark -p $base -n "$PUBLISHES" -c 20 -P 16 -q PUBLISH chat:user:bench "$body")

ports=(); for i in 1 2 3; do ports+=($((base + i))); start_redis $((base + i)) --cluster-enabled yes --cluster-config-file nodes.conf; done
cluster_pids="${REDIS_PIDS[*]: -3}"
redis-cli --cluster create $(printf '127.0.0.1:%s ' "${ports[@]}") --cluster-replicas 0 --cluster-yes > "$OUT/cluster-create.log" 2>&1
for _ in $(seq 1 100); do redis-cli -p "${ports[0]}" cluster info | grep -q 'cluster_state:ok' && break; sleep 0.1; done
# The primary that owns the channel's slot answers SPUBLISH; the others answer MOVED.
owner=$(for p in "${ports[@]}"; do redis-cli -p "$p" spublish chat:user:bench x 2>&1 | grep -q MOVED || { echo "$p"; break; }; done)
subscribe "$owner" SSUBSCRIBE chat:user:bench
sharded_cpu=$(measure "$cluster_pids" redis-benchmark -p "$owner" -n "$PUBLISHES" -c 20 -P 16 -q SPUBLISH chat:user:bench "$body")
other=$(for p in "${ports[@]}"; do [ "$p" != "$owner" ] && echo "$p" && break; done)
subscribe "$other" SUBSCRIBE chat:user:bench
broadcast_cpu=$(measure "$cluster_pids" redis-benchmark -p "$owner" -n "$PUBLISHES" -c 20 -P 16 -q PUBLISH chat:user:bench "$body")

{
  echo "\`bench/scale/bench.sh\` ($(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD); CPU $IDLE % idle before the run; $(nproc) cores). Part 1: \`MESSAGING_INSTANCES=$INSTANCES ./suite up --detach\` (launcher defaults, rate limits on), an idle run of $SOCKETS sockets for the heap, then a timed run of $SOCKETS sockets through \`ws://127.0.0.1:8080/ws\` opened $BATCH at a time (no forced GC before its load), conversations of $GROUP, $RATE messages/s for $DURATION s, counted at the receivers: $line; then the reference relay (socket.io 4 + Redis adapter, two Node processes on 3001/3002) after ${WARMUP_RUNS:-3} warm-up runs, the same client and load: $ref_line"
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| sockets connected (timed run) | $connected of $SOCKETS |"
  echo "| gateway live heap per idle proxied socket (idle run, $idle_connected sockets) | $(kb_per "$gw1" "$gw0" "$idle_connected") KB ($gw0 → $gw1 kB) |"
  echo "| messaging live heap per idle socket, all $INSTANCES instances (idle run) | $(kb_per "$m1" "$m0" "$idle_connected") KB ($m0 → $m1 kB) |"
  echo "| gateway CPU s per 1,000 deliveries | $(per $((b[0] - a[0])) "$delivered") |"
  echo "| messaging CPU s per 1,000 deliveries (all $INSTANCES instances) | $(per $((b[1] - a[1])) "$delivered") |"
  echo "| of which JIT compiling: gateway, messaging | $(per $((b[6] - a[6])) "$delivered"), $(per $((b[7] - a[7])) "$delivered") |"
  echo "| without the JIT's compiling: gateway, messaging | $(per $((b[0] - a[0] - b[6] + a[6])) "$delivered"), $(per $((b[1] - a[1] - b[7] + a[7])) "$delivered") |"
  echo "| PostgreSQL CPU s per 1,000 posts | $(per $((b[2] - a[2])) "$acked") |"
  echo "| messaging's connections to PostgreSQL during the load, all $INSTANCES instances: most open, most busy at once (0.2 s samples) | $pg_open, $pg_busy |"
  echo "| Redis CPU ms per 1,000 deliveries (suite) | $(per $(((b[3] - a[3]) * 1000)) "$delivered") |"
  echo "| gateway context switches per delivery | $(awk -v x=$((b[4] - a[4])) -v n="$delivered" 'BEGIN {printf "%.2f", (n > 0 ? x / n : 0)}') |"
  echo "| messaging context switches per delivery (all $INSTANCES instances) | $(awk -v x=$((b[5] - a[5])) -v n="$delivered" 'BEGIN {printf "%.2f", (n > 0 ? x / n : 0)}') |"
  echo "| reference relay: CPU s per 1,000 deliveries, both Node processes | $(per $((rb[0] - ra[0])) "$ref_delivered") |"
  echo "| reference relay: Redis CPU ms per 1,000 deliveries | $(per $(((rb[1] - ra[1]) * 1000)) "$ref_delivered") |"
  echo "| suite before storage (gateway + messaging + Redis) ÷ relay (Node + Redis), CPU per delivery | $(awk -v s=$((b[0] - a[0] + b[1] - a[1] + b[3] - a[3])) -v n="$delivered" -v r=$((rb[0] - ra[0] + rb[1] - ra[1])) -v m="$ref_delivered" 'BEGIN {printf "%.2f", (n > 0 && m > 0 && r > 0 ? (s / n) / (r / m) : 0)}') |"
  echo "| Redis CPU ms per 1,000 publishes of $PAYLOAD B, single node, PUBLISH | $single_cpu |"
  echo "| Redis CPU ms per 1,000 publishes, 3-primary cluster, SPUBLISH (all nodes) | $sharded_cpu |"
  echo "| Redis CPU ms per 1,000 publishes, 3-primary cluster, classic PUBLISH (all nodes) | $broadcast_cpu |"
} > "$RESULT"
cat "$RESULT"
