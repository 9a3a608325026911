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
python3 bench/startup/bench.py 5
if command -v podman >/dev/null; then ./suite images && python3 bench/images/bench.py 5; fi
./suite down
# The real-time benchmark starts its own suite with the launcher's defaults (rate limits on).
(unset RATE_LIMIT_LOGIN RATE_LIMIT_REGISTER RATE_LIMIT_FORGOT RATE_LIMIT_UPLOAD RATE_LIMIT_DEFAULT; bench/realtime/bench.sh)
# The search benchmark starts its own suite too (launcher defaults but RATE_LIMIT_DEFAULT=0), loads
# 1,000,000 messages straight into the messaging database and deletes them again at the end.
bench/search/bench.sh
# The scale figures (docs/scale.md) start their own suite and a local Redis Cluster.
bench/scale/bench.sh
