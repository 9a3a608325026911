#!/usr/bin/env bash
# Real-time fan-out across two messaging instances, repeated RUNS times (default 3); medians
# into bench/realtime/result.md. Needs MESSAGING_INSTANCES=2 ./suite up --detach with rate limits off.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-3}"; USERS="${FAN_USERS:-1000}"; RATE="${FAN_RATE:-1000}"; SECONDS_="${FAN_SECONDS:-30}"
PIDS=$(awk '$1 ~ /^messaging-service/ {print $2}' data/run/services | tr '\n' ' ')
rss() { local t=0; for p in $PIDS; do t=$((t + $(awk '/VmRSS/ {print $2}' /proc/$p/status))); done; echo $t; }
# Live heap (young + old after a full GC) of both instances, in kB: what the connections retain.
# RSS alone says little once a heap has grown (a warm instance absorbs 1,000 sockets without growing).
live() { local t=0; for p in $PIDS; do jcmd "$p" GC.run > /dev/null
  t=$((t + $(jcmd "$p" GC.heap_info | awk '/generation|garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") {sub("K,?","",$(i+1)); s+=$(i+1)}} END {print s}'))); done; echo $t; }
declare -a FRACTION P50 P99 MAX PERCONN RSSCONN LINES
for r in $(seq 1 "$RUNS"); do
  OUT="bench/realtime/out-$r.txt"
  # The first run warms the instances' JIT for 60 s (p99 fell from ~95 ms to 9-15 ms once they
  # had run a few minutes); later runs find them warm.
  WARMUP_SECONDS=$([ "$r" = 1 ] && echo "${FIRST_WARMUP_SECONDS:-60}" || echo 20) java ${FANOUT_JAVA_OPTS:-} bench/realtime/FanOut.java http://127.0.0.1:8081 "$USERS" 10 "$RATE" "$SECONDS_" http://127.0.0.1:8082 http://127.0.0.1:8084 > "$OUT" 2>&1 &
  FAN=$!
  while ! grep -q '^registered' "$OUT" && kill -0 $FAN 2>/dev/null; do sleep 0.2; done
  BEFORE=$(rss); LIVE_BEFORE=$(live)
  # FanOut waits 2 s after the last socket connects: sample the idle connections then.
  while ! grep -q '^connected' "$OUT" && kill -0 $FAN 2>/dev/null; do sleep 0.1; done
  sleep 1
  AFTER=$(rss); LIVE_AFTER=$(live)
  wait $FAN
  LINE=$(grep '^RESULT' "$OUT")
  echo "run $r: $LINE; before connecting: RSS $BEFORE kB, live heap $LIVE_BEFORE kB; with $USERS idle sockets: RSS $AFTER kB, live heap $LIVE_AFTER kB"
  LINES+=("$LINE")
  FRACTION+=("$(echo "$LINE" | awk '{for(i=1;i<NF;i++) if($i=="fraction") print $(i+1)}')")
  P50+=("$(echo "$LINE" | awk '{for(i=1;i<NF;i++) if($i=="p50-ms") print $(i+1)}')")
  P99+=("$(echo "$LINE" | awk '{for(i=1;i<NF;i++) if($i=="p99-ms") print $(i+1)}')")
  MAX+=("$(echo "$LINE" | awk '{for(i=1;i<NF;i++) if($i=="max-ms") print $(i+1)}')")
  PERCONN+=("$(python3 -c "print(round(($LIVE_AFTER-$LIVE_BEFORE)/$USERS,1))")")
  RSSCONN+=("$(python3 -c "print(round(($AFTER-$BEFORE)/$USERS,1))")")
done
med() { python3 -c "import statistics,sys; print(statistics.median([float(x) for x in sys.argv[1:]]))" "$@"; }
{
  echo "### Real-time fan-out"
  echo
  echo "\`RUNS=$RUNS bench/realtime/bench.sh\` ($(date -u +%Y-%m-%dT%H:%MZ)): each run is \`java bench/realtime/FanOut.java http://127.0.0.1:8081 $USERS 10 $RATE $SECONDS_ http://127.0.0.1:8082 http://127.0.0.1:8084\` — $USERS new users, one WebSocket each alternating between the two instances, groups of 10, $RATE messages/s for $SECONDS_ s after a warm-up at half the rate (${FIRST_WARMUP_SECONDS:-60} s before the first run, 20 s before the others); every \`message.created\` timed against the send time in its body. Medians over the runs; the load generator, both instances, PostgreSQL and Redis share the 2 cores."
  echo
  echo "| measure | median | runs |"
  echo "|---|---|---|"
  echo "| fraction delivered | $(med "${FRACTION[@]}") | ${FRACTION[*]} |"
  echo "| delivery latency p50 | $(med "${P50[@]}") ms | ${P50[*]} |"
  echo "| delivery latency p99 | $(med "${P99[@]}") ms | ${P99[*]} |"
  echo "| delivery latency max | $(med "${MAX[@]}") ms | ${MAX[*]} |"
  echo "| live heap per idle connection (both instances after a full GC, just before and after the sockets connect) | $(med "${PERCONN[@]}") KB | ${PERCONN[*]} |"
  echo "| RSS growth per idle connection (same moments) | $(med "${RSSCONN[@]}") KB | ${RSSCONN[*]} |"
  echo
} > bench/realtime/result.md
cat bench/realtime/result.md
