#!/usr/bin/env bash
# Gateway overhead: the same authenticated GETs through the gateway, directly to auth-service,
# and through nginx (reference reverse proxy) in one run, repeated; medians of the ratios.
# Needs ./suite up --detach (with RATE_LIMIT_DEFAULT=0) and wrk; nginx when installed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/bench/lib.sh"
DIRECT=http://127.0.0.1:8081; GATEWAY=http://127.0.0.1:8080; NGINX=http://127.0.0.1:18090
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-10s}"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"; [ -f "$TMP.nginx.pid" ] && kill "$(cat "$TMP.nginx.pid")" 2>/dev/null || true' EXIT
TOKEN=$(register_and_login "$DIRECT" "gwbench$RANDOM")
ME=$(curl -s -H "Authorization: Bearer $TOKEN" "$DIRECT/api/auth/me" | json "['id']")

HAVE_NGINX=0
if command -v nginx >/dev/null; then
  cat > "$TMP/nginx.conf" <<CONF
worker_processes 1; pid $TMP.nginx.pid; error_log $TMP/nginx-error.log; daemon on;
events { worker_connections 1024; }
http { access_log off; upstream auth { server 127.0.0.1:8081; keepalive 64; }
  server { listen 127.0.0.1:18090; location / { proxy_pass http://auth; proxy_http_version 1.1; proxy_set_header Connection ""; } } }
CONF
  nginx -c "$TMP/nginx.conf" && HAVE_NGINX=1
fi

run() { wrk -t2 -c32 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$1" > "$2"; }
declare -a R_ME R_PROF P50_ME P99_ME P50_D P99_D NG
# Warm both paths before the counted rounds (the JIT doubles throughput over the first seconds).
for url in "$DIRECT/api/auth/me" "$GATEWAY/api/auth/me" "$DIRECT/api/users/$ME" "$GATEWAY/api/users/$ME"; do
  wrk -t2 -c32 -d10s -H "Authorization: Bearer $TOKEN" "$url" > /dev/null
done
for r in $(seq 1 "$ROUNDS"); do
  run "$DIRECT/api/auth/me" "$TMP/d-me-$r"; run "$GATEWAY/api/auth/me" "$TMP/g-me-$r"
  run "$DIRECT/api/users/$ME" "$TMP/d-p-$r"; run "$GATEWAY/api/users/$ME" "$TMP/g-p-$r"
  [ "$HAVE_NGINX" = 1 ] && run "$NGINX/api/auth/me" "$TMP/n-me-$r"
  R_ME+=("$(python3 -c "print($(metric "$TMP/g-me-$r" rps)/$(metric "$TMP/d-me-$r" rps))")")
  R_PROF+=("$(python3 -c "print($(metric "$TMP/g-p-$r" rps)/$(metric "$TMP/d-p-$r" rps))")")
  P50_ME+=("$(python3 -c "print($(ms "$(metric "$TMP/g-me-$r" p50)")-$(ms "$(metric "$TMP/d-me-$r" p50)"))")")
  P99_ME+=("$(python3 -c "print($(ms "$(metric "$TMP/g-me-$r" p99)")-$(ms "$(metric "$TMP/d-me-$r" p99)"))")")
  [ "$HAVE_NGINX" = 1 ] && NG+=("$(python3 -c "print($(metric "$TMP/n-me-$r" rps)/$(metric "$TMP/d-me-$r" rps))")")
done
# The hop's own latency, without queueing: one connection, so neither side waits for a core.
wrk -t1 -c1 -d10s --latency -H "Authorization: Bearer $TOKEN" "$DIRECT/api/auth/me" > "$TMP/d-one"
wrk -t1 -c1 -d10s --latency -H "Authorization: Bearer $TOKEN" "$GATEWAY/api/auth/me" > "$TMP/g-one"
ONE_P50=$(python3 -c "print(round($(ms "$(metric "$TMP/g-one" p50)")-$(ms "$(metric "$TMP/d-one" p50)"),3))")
ONE_P99=$(python3 -c "print(round($(ms "$(metric "$TMP/g-one" p99)")-$(ms "$(metric "$TMP/d-one" p99)"),3))")
SIZE=$(curl -s -H "Authorization: Bearer $TOKEN" "$DIRECT/api/users/$ME" | wc -c)
{
  echo "### Gateway overhead"
  echo
  echo "\`ROUNDS=$ROUNDS bench/gateway/bench.sh\`; each round runs \`wrk -t2 -c32 -d$DURATION --latency -H 'Authorization: Bearer …'\` against auth-service directly, through the gateway and through nginx, back to back, after a 10 s warm-up of each path; medians over rounds. wrk, nginx, the gateway and auth-service share the 2 cores, so the absolute figures are low and the ratios are what matters. $(date -u +%Y-%m-%dT%H:%MZ)."
  echo
  echo "| request | gateway / direct throughput | added p50 | added p99 | last round: direct, gateway req/s |"
  echo "|---|---|---|---|---|"
  echo "| GET /api/auth/me | $(median "${R_ME[@]}") | $(median "${P50_ME[@]}") ms | $(median "${P99_ME[@]}") ms | $(metric "$TMP/d-me-$ROUNDS" rps), $(metric "$TMP/g-me-$ROUNDS" rps) |"
  echo "| GET /api/auth/me, one connection (\`wrk -t1 -c1 -d10s\`) | $(python3 -c "print(round($(metric "$TMP/g-one" rps)/$(metric "$TMP/d-one" rps),3))") | $ONE_P50 ms | $ONE_P99 ms | $(metric "$TMP/d-one" rps), $(metric "$TMP/g-one" rps) |"
  echo "| GET /api/users/{id} ($SIZE-byte JSON) | $(median "${R_PROF[@]}") | | | $(metric "$TMP/d-p-$ROUNDS" rps), $(metric "$TMP/g-p-$ROUNDS" rps) |"
  if [ "$HAVE_NGINX" = 1 ]; then
    echo "| GET /api/auth/me through nginx (reference) | $(median "${NG[@]}") | | | nginx $(metric "$TMP/n-me-$ROUNDS" rps) |"
  fi
  echo
} > "$ROOT/bench/gateway/result.md"
cat "$ROOT/bench/gateway/result.md"
