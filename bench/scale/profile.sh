#!/usr/bin/env bash
# Where the CPU goes under the scale bench's load, through the gateway: async-profiler (from Maven
# Central, tools.profiler:async-profiler) attached with `jcmd JVMTI.agent_load` to the gateway and
# the first of INSTANCES messaging instances for PROFILE_SECONDS of a timed run, after WARMUP_RUNS untimed ones.
# Writes collapsed stacks (out/profile-<service>.collapsed, for any flame-graph tool) and prints
# each one's heaviest leaf frames and the suite's own frames by inclusive share. Samples are CPU
# time by interval timer (itimer): kernel frames show as the syscall's name.
# usage: bench/scale/profile.sh   (env: INSTANCES=2 SOCKETS=2000 GROUP=10 RATE=1000 DURATION=30 WARMUP_RUNS=3
#        WARMUP=20 PROFILE_SECONDS=20 ASYNC_PROFILER=4.1)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
. bench/lib.sh
OUT=bench/scale/out
mkdir -p "$OUT"
export SOCKETS="${SOCKETS:-2000}" GROUP="${GROUP:-10}" RATE="${RATE:-1000}" DURATION="${DURATION:-30}" BATCH=100
export HOLD_SECONDS=2 USERS_FILE="$OUT/users.tsv"
SECONDS_PROFILED="${PROFILE_SECONDS:-20}"
VERSION="${ASYNC_PROFILER:-4.1}"
LIB="$PWD/$OUT/async-profiler-$VERSION/linux-x64/libasyncProfiler.so"
if [ ! -f "$LIB" ]; then
  ./mvnw -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get -Dartifact="tools.profiler:async-profiler:$VERSION" > /dev/null
  mkdir -p "$OUT/async-profiler-$VERSION"
  (cd "$OUT/async-profiler-$VERSION" && unzip -q -o "$HOME/.m2/repository/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION.jar" 'linux-x64/*')
fi
trap '[ -n "${KEEP_SUITE:-}" ] || ./suite down > /dev/null 2>&1 || true' EXIT
# jcmd reads name=value pairs out of its arguments: the agent's options go quoted, as one.
agent() { jcmd "$1" JVMTI.agent_load "$LIB" "\"$2\"" > /dev/null; }

./suite down > /dev/null 2>&1 || true
analyze_db
MESSAGING_INSTANCES="${INSTANCES:-2}" ./suite up --detach > "$OUT/profile-suite-up.log"
declare -A PIDS=([gateway]=$(pid_of gateway) [messaging]=$(pid_of messaging-service))
warmup_runs "${WARMUP_RUNS:-3}" "${WARMUP:-20}" "$OUT/profile-warmup"
run="$OUT/profile-run.txt"
realtime_client suite http://127.0.0.1:8081 http://127.0.0.1:8080 > "$run" 2>&1 &
client=$!
await_line LOAD-START "$run" $client
sleep 3
for name in "${!PIDS[@]}"; do agent "${PIDS[$name]}" "start,event=itimer,interval=1ms"; done
sleep "$SECONDS_PROFILED"
for name in "${!PIDS[@]}"; do agent "${PIDS[$name]}" "stop,file=$PWD/$OUT/profile-$name.collapsed,collapsed"; done
wait $client || true
grep '^RESULT' "$run" || true
for name in gateway messaging; do
  echo "== $name ($OUT/profile-$name.collapsed)"
  python3 - "$OUT/profile-$name.collapsed" <<'EOF'
import collections, sys
leaf, own, total = collections.Counter(), collections.Counter(), 0
for line in open(sys.argv[1]):
    stack, n = line.rstrip().rsplit(' ', 1)
    n = int(n)
    total += n
    frames = stack.split(';')
    leaf[frames[-1].split('/')[-1]] += n
    for f in {f.split('/')[-1] for f in frames if 'chatsuite' in f and '$$Lambda' not in f}:
        own[f] += n
print(f"{total} samples; heaviest leaf frames:")
for f, n in leaf.most_common(12):
    print(f"  {100 * n / total:5.1f} %  {f}")
print("the suite's own frames, inclusive:")
for f, n in own.most_common(20):
    print(f"  {100 * n / total:5.1f} %  {f}")
EOF
done
