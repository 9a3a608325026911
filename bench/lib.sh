# Shared helpers for the bench scripts (sourced).
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
metric() { # wrk output file, rps|p50|p99
  case "$2" in
    rps) awk '/Requests\/sec/ {print $2}' "$1" ;;
    p50) awk '$1=="50%" {print $2}' "$1" ;;
    p99) awk '$1=="99%" {print $2}' "$1" ;;
  esac
}
# Milliseconds from a wrk latency like 1.23ms / 850.00us / 1.02s.
ms() { python3 -c "
v='$1'
print(round(float(v[:-2])/1000,3) if v.endswith('us') else round(float(v[:-2]),3) if v.endswith('ms') else round(float(v[:-1])*1000,3))"; }
median() { python3 -c "import statistics,sys; print(round(statistics.median([float(x) for x in sys.argv[1:]]), 3))" "$@"; }
register_and_login() { # base, username -> access token
  curl -s -o /dev/null -X POST "$1/api/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2@example.test\",\"username\":\"$2\",\"password\":\"benchmark passphrase\"}"
  curl -s -X POST "$1/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"identifier\":\"$2\",\"password\":\"benchmark passphrase\"}" | json "['accessToken']"
}
# Idle share (%) of the CPU over $1 seconds (default 3), from /proc/stat: another build on these
# two cores halves every figure, so scripts record it and warn or wait below their threshold.
idle_pct() { local a b; a=($(awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8, $5}' /proc/stat)); sleep "${1:-3}"
  b=($(awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8, $5}' /proc/stat)); echo $(( 100 * (b[1] - a[1]) / (b[0] - a[0]) )); }
# Vacuum and analyze the messaging database, as autovacuum would on a server (the local PostgreSQL
# runs with it off): prepared statements are then not planned for tables analyzed while empty
# (docs/benchmarks.md, "Stale plans"). Does nothing where psql cannot reach that database.
messaging_psql() { psql -h "${DB_HOST:-127.0.0.1}" -U "${DB_USER:-postgres}" -d messaging "$@"; }
analyze_db() {
  command -v psql > /dev/null && messaging_psql -Atc 'select 1' > /dev/null 2>&1 || return 0
  messaging_psql -qc 'vacuum analyze' > /dev/null
}
# Milliseconds so far in which every runnable task waited for the disk (Linux PSI, "full" line of
# /proc/pressure/io); empty where PSI is not available. A slow fsync shows here.
io_stall_ms() { if [ -r /proc/pressure/io ]; then awk '/^full/ {split($5, t, "="); printf "%d\n", t[2] / 1000}' /proc/pressure/io; fi; }
# WAL flushes (fsync/fdatasync) PostgreSQL has made so far (pg_stat_wal, PostgreSQL 14+); empty when unreadable.
wal_syncs() { command -v psql > /dev/null && messaging_psql -Atc 'select wal_sync from pg_stat_wal' 2> /dev/null || true; }
# Milliseconds PostgreSQL has spent in those flushes so far (pg_stat_wal.wal_sync_time, counted only
# while track_wal_io_timing is on: wal_timing on|reset sets it for the whole server, superuser only).
wal_sync_ms() { command -v psql > /dev/null && messaging_psql -Atc 'select round(wal_sync_time) from pg_stat_wal' 2> /dev/null || true; }
wal_timing() {
  command -v psql > /dev/null || return 0
  if [ "$1" = on ]; then messaging_psql -qc 'alter system set track_wal_io_timing = on' > /dev/null 2>&1 || return 0
  else messaging_psql -qc 'alter system reset track_wal_io_timing' > /dev/null 2>&1 || return 0; fi
  messaging_psql -qAtc 'select pg_reload_conf()' > /dev/null 2>&1 || true
}
# Waits until a line of file $2 starts with $1, or process $3 has ended. tail follows the file
# through inotify, so the wait costs no CPU during a load; the loop of grep and sleep 0.1 it
# replaces took 0.1 of a core (5 % of these two) from the suite and the relay under test.
await_line() { grep -q -m1 "^$1" <(tail --pid="$3" -n +1 -F "$2" 2> /dev/null) || true; }
# The real-time client (bench/realtime/Realtime.java, run from source) on Vert.x's WebSocket
# client: vertx-core, Netty and jackson-core from the gateway's dependency tree, so the versions
# are the suite's own and no other download is needed. Usage: realtime_client ARGS...
realtime_client() {
  local cp=bench/realtime/out/client-classpath.txt
  if [ ! -s "$cp" ] || [ gateway/pom.xml -nt "$cp" ] || [ pom.xml -nt "$cp" ]; then
    mkdir -p bench/realtime/out
    ./mvnw -B -q -o -pl gateway org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/$cp.all" > /dev/null
    tr ':' '\n' < "$cp.all" | grep -E '/io/netty/|/io/vertx/vertx-core/|/com/fasterxml/jackson/core/jackson-core/' | paste -sd: > "$cp"
    rm -f "$cp.all"
  fi
  java -cp "$(cat "$cp")" bench/realtime/Realtime.java "$@"
}
# Untimed runs of the real-time client against the suite through the gateway, each followed by
# analyze_db: usage: warmup_runs COUNT SECONDS OUT_PREFIX (outputs OUT_PREFIX-1.txt, -2.txt, ...).
warmup_runs() { local i; for i in $(seq 1 "$1"); do
  DURATION="$2" realtime_client suite http://127.0.0.1:8081 http://127.0.0.1:8080 > "$3-$i.txt" 2>&1 || true
  analyze_db; done; }
# The reference relay of bench/realtime (socket.io 4 + Redis adapter) as two Node processes on
# 3001 and 3002, their logs under $1; their pids are added to NODE_PIDS (the caller kills them).
# Returns once both ports answer (or after 10 s each).
start_relay() {
  local ref=bench/realtime/reference port
  [ -d $ref/node_modules ] || (cd $ref && npm ci --no-audit --no-fund >&2)
  for port in 3001 3002; do
    PORT=$port node $ref/server.mjs > "$1/reference-$port.log" 2>&1 &
    NODE_PIDS+=($!)
  done
  for port in 3001 3002; do
    for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.2; done
  done
}
# Pid of a suite service from ./suite's run file (lines: name pid port management-port).
pid_of() { awk -v s="$1" '$1 == s {print $2}' data/run/services; }
# Live heap of JVM $1 in kB: a full GC (jcmd GC.run), then the used heap (GC.heap_info). Only
# between timed loads: a full GC tenures what is young (docs/decisions.md, system tests).
live_kb() { jcmd "$1" GC.run > /dev/null; jcmd "$1" GC.heap_info | awk '/garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen/ {
  for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i+1); sub("K,?", "", v); s += v}} END {print s + 0}'; }
# The word after key $2 in line $1 (a client's "RESULT k v k v ..." line).
field() { echo "$1" | awk -v k="$2" '{for (i = 1; i < NF; i++) if ($i == k) print $(i+1)}'; }
# Messaging's connections to PostgreSQL, sampled every 0.2 s for $1 s into $2 from one psql session
# (one backend, so the sampling adds nothing measurable to PostgreSQL's CPU): a line "open busy" per
# sample (busy: not idle at that instant). Runs in the background; its pid is in SAMPLER.
sample_db_connections() {
  { for _ in $(seq 1 $(($1 * 5))); do echo "SELECT count(*), count(*) FILTER (WHERE state <> 'idle') FROM pg_stat_activity WHERE datname = 'messaging';"; sleep 0.2; done; } \
    | psql -h 127.0.0.1 -U postgres -At -F ' ' > "$2" 2>&1 &
  SAMPLER=$!
}
# The most connections open and the most busy at once in a sample_db_connections file: "open busy".
db_connection_peaks() { awk 'NF == 2 && $1 > o {o = $1} NF == 2 && $2 > b {b = $2} END {print o + 0, b + 0}' "$1"; }
