#!/usr/bin/env bash
# Runs every benchmark against one `./suite up --detach` (two messaging instances, rate
# limits off), one after another so they never compete, then stops the suite.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export MESSAGING_INSTANCES=2 RATE_LIMIT_LOGIN=0 RATE_LIMIT_REGISTER=0 RATE_LIMIT_FORGOT=0 RATE_LIMIT_UPLOAD=0 RATE_LIMIT_DEFAULT=0
./suite up --detach
bench/auth/bench.sh
bench/gateway/bench.sh
bench/messaging/bench.sh
bench/media/bench.sh
PIDS=$(pgrep -f 'messaging-service/target/quarkus-app/quarkus-run.jar' | tr '\n' ' ')
rss() { local t=0; for p in $PIDS; do t=$((t + $(awk '/VmRSS/ {print $2}' /proc/$p/status))); done; echo $t; }
BEFORE=$(rss)
HOLD_SECONDS=20 java bench/realtime/FanOut.java http://127.0.0.1:8081 "${FAN_USERS:-1000}" 10 "${FAN_RATE:-1000}" "${FAN_SECONDS:-30}" \
  http://127.0.0.1:8082 http://127.0.0.1:8084 > bench/realtime/out.txt 2>&1 &
FAN=$!
while ! grep -q IDLE bench/realtime/out.txt 2>/dev/null && kill -0 $FAN 2>/dev/null; do sleep 1; done
sleep 5
AFTER=$(rss)
wait $FAN
echo "RSS messaging instances before ${BEFORE} kB, with connections ${AFTER} kB" >> bench/realtime/out.txt
cat bench/realtime/out.txt
python3 bench/startup/bench.py 5
if command -v podman >/dev/null; then ./suite images && python3 bench/images/bench.py 5; fi
./suite down
