#!/usr/bin/env bash
# auth-service benchmark: GET /api/auth/me throughput and p99 with wrk, the time of one
# Argon2id hash, logins per second, and /me p99 while logins saturate hashing.
# Needs a running suite (./suite up --detach) and wrk (apt-get install wrk).
# Writes docs/benchmarks-auth.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
AUTH="${AUTH:-http://127.0.0.1:8081}"
DURATION="${DURATION:-15s}"
OUT="$ROOT/bench/auth/result.md"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

for n in $(seq 0 19); do
  curl -s -o /dev/null -X POST "$AUTH/api/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"benchuser$n@example.test\",\"username\":\"benchuser$n\",\"password\":\"benchmark passphrase\"}"
done
TOKEN=$(curl -s -X POST "$AUTH/api/auth/login" -H 'Content-Type: application/json' \
  -d '{"identifier":"benchuser0","password":"benchmark passphrase"}' | json "['accessToken']")

# The Argon2 encoder (Spring Security Crypto over Bouncy Castle) and its logging, as auth-service ships them.
LIB="$ROOT/auth-service/target/quarkus-app/lib"
HASH_MS=$(java -cp "$LIB/main/*:$LIB/boot/*" "$ROOT/bench/auth/HashTime.java" 2>/dev/null | tail -n1)

metric() { # file, field: Requests/sec or 99%
  case "$2" in
    rps) awk '/Requests\/sec/ {print $2}' "$1" ;;
    p50) awk '$1=="50%" {print $2}' "$1" ;;
    p99) awk '$1=="99%" {print $2}' "$1" ;;
  esac
}

# Warm-up runs first: a cold service answers /me at a tenth of its warm rate, and on these two
# shared cores the JIT needs about 40 s of load to reach a steady rate.
for _ in $(seq 1 "${WARMUP_RUNS:-4}"); do
  wrk -t2 -c32 -d10s -H "Authorization: Bearer $TOKEN" "$AUTH/api/auth/me" > /dev/null
done
wrk -t2 -c32 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$AUTH/api/auth/me" > "$TMP/me.txt"
wrk -t1 -c8 -d"$DURATION" --latency -s "$ROOT/bench/auth/login.lua" "$AUTH" > "$TMP/login.txt"
wrk -t1 -c8 -d"$DURATION" --latency -s "$ROOT/bench/auth/login.lua" "$AUTH" > "$TMP/login-bg.txt" &
BG=$!
sleep 2
wrk -t1 -c8 -d10s --latency -H "Authorization: Bearer $TOKEN" "$AUTH/api/auth/me" > "$TMP/me-under-load.txt"
wait $BG

{
  echo "### auth-service"
  echo
  echo "Run \`bench/auth/bench.sh\` against \`./suite up --detach\` (JVM mode, local PostgreSQL) on this 2-core machine; wrk and the service share the two cores; /me is measured after ${WARMUP_RUNS:-4} warm-up runs of 10 s. $(date -u +%Y-%m-%dT%H:%MZ)."
  echo
  echo "| measure | figure | command |"
  echo "|---|---|---|"
  echo "| GET /api/auth/me throughput | $(metric "$TMP/me.txt" rps) req/s | \`wrk -t2 -c32 -d$DURATION --latency -H 'Authorization: Bearer …' $AUTH/api/auth/me\` |"
  echo "| GET /api/auth/me latency p50 / p99 | $(metric "$TMP/me.txt" p50) / $(metric "$TMP/me.txt" p99) | same run |"
  echo "| one Argon2id hash (19 MiB, t=2, p=1), median of 21 | ${HASH_MS} ms | \`java -cp <auth-service lib> bench/auth/HashTime.java\` |"
  echo "| logins per second (8 clients) | $(metric "$TMP/login.txt" rps) /s, p99 $(metric "$TMP/login.txt" p99) | \`wrk -t1 -c8 -d$DURATION -s bench/auth/login.lua $AUTH\` |"
  echo "| GET /api/auth/me p50 / p99 while logins saturate hashing | $(metric "$TMP/me-under-load.txt" p50) / $(metric "$TMP/me-under-load.txt" p99) ($(metric "$TMP/me-under-load.txt" rps) req/s) | the login run above in the background, then \`wrk -t1 -c8 -d10s --latency …/api/auth/me\` |"
  echo

} > "$OUT"
cat "$OUT" | head -12
