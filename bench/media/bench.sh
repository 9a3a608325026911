#!/usr/bin/env bash
# media-service: upload/download MB/s through the service vs directly to S3 (same run), and
# peak heap during 20 concurrent 10 MiB uploads into a second instance started with -Xmx128m.
# Needs ./suite up --detach. MEDIA_HEAP_LOG=<file> keeps the second instance's log there.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/bench/lib.sh"
S="$ROOT/data/secrets"
TOKEN=$(register_and_login http://127.0.0.1:8081 "mediabench$RANDOM$RANDOM")
CP="$ROOT/media-service/target/quarkus-app/lib/main/*"
LOG="${MEDIA_HEAP_LOG:-$(mktemp)}"
# The second instance (-Xmx128m) also runs in redirect mode, so its downloads time MEDIA_REDIRECT=true;
# the heap figure is about uploads, which redirect mode does not change.
( cd "$ROOT" && env QUARKUS_HTTP_PORT=18083 MEDIA_REDIRECT=true DB_NAME=media MEDIA_SIGNING_SECRET="$(cat "$S/media-signing-secret")" \
  S3_ENDPOINT=http://127.0.0.1:9000 S3_BUCKET=chat-media S3_ACCESS_KEY="$(cat "$S/s3-access-key")" S3_SECRET_KEY="$(cat "$S/s3-secret-key")" \
  JWKS_URL=http://127.0.0.1:8081/.well-known/jwks.json \
  java -Xmx128m -XX:+ExitOnOutOfMemoryError -jar media-service/target/quarkus-app/quarkus-run.jar > "$LOG" 2>&1 ) &
HEAP_PID=$!
# A third instance keeps no local copies (MEDIA_CACHE_BYTES=0): its downloads all go to S3, as on a
# replica a file was not uploaded through.
( cd "$ROOT" && env QUARKUS_HTTP_PORT=18084 MEDIA_CACHE_BYTES=0 DB_NAME=media MEDIA_SIGNING_SECRET="$(cat "$S/media-signing-secret")" \
  S3_ENDPOINT=http://127.0.0.1:9000 S3_BUCKET=chat-media S3_ACCESS_KEY="$(cat "$S/s3-access-key")" S3_SECRET_KEY="$(cat "$S/s3-secret-key")" \
  JWKS_URL=http://127.0.0.1:8081/.well-known/jwks.json \
  java -XX:+UseSerialGC -Xms16m -Xmx256m -jar media-service/target/quarkus-app/quarkus-run.jar > /dev/null 2>&1 ) &
for port in 18083 18084; do
  for _ in $(seq 1 60); do curl -sf http://127.0.0.1:$port/q/health/ready >/dev/null && break; sleep 1; done
done
OUT=$(java -cp "$CP" "$ROOT/bench/media/MediaBench.java" http://127.0.0.1:8083 "$TOKEN" http://127.0.0.1:9000 chat-media \
  "$(cat "$S/s3-access-key")" "$(cat "$S/s3-secret-key")" http://127.0.0.1:18083 "$TOKEN" http://127.0.0.1:18083 http://127.0.0.1:18084)
OOM=$(grep -c OutOfMemoryError "$LOG" || true)
fuser -k 18083/tcp >/dev/null 2>&1 || kill "$HEAP_PID" 2>/dev/null || true
fuser -k 18084/tcp >/dev/null 2>&1 || true
echo "$OUT"
M=$(echo "$OUT" | grep ^MEDIAN); H=$(echo "$OUT" | grep ^HEAP)
f() { echo "$1" | tr ' ' '\n' | awk -v k="$2" 'prev==k {print; exit} {prev=$0}'; }
{
  echo "### media-service"
  echo
  echo "\`bench/media/bench.sh\` ($(date -u +%Y-%m-%dT%H:%MZ)): 400 warm-up uploads (deleted again) and 1,200 reads of 256 KiB on every path, then 2,000 uploads of 8 MiB through media-service (a fresh JVM is still compiling its upload path for that long), two warm-up rounds, then 5 rounds of 12 files of 8 MiB (each deleted after its round). In each round the paths take turns file by file, in an order shuffled per file: straight to S3Proxy with the AWS SDK, straight to S3Proxy with java.net.http on a presigned URL (\"plain\": the same client as the service path), and through media-service (multipart POST with a Content-Length, then GET); downloads also through a second instance in redirect mode and a third that keeps no local copies (every other timed service read is served from the copy its upload left). Medians of the per-round figures; S3Proxy, the service and the client share the 2 cores."
  echo
  echo "| measure | through the service | plain (same client) | ratio | direct with the AWS SDK | ratio |"
  echo "|---|---|---|---|---|---|"
  echo "| upload | $(f "$M" service-up) MB/s | $(f "$M" plain-up) MB/s | $(f "$M" upload-ratio) | $(f "$M" direct-up) MB/s | $(f "$M" upload-ratio-sdk) |"
  echo "| download | $(f "$M" service-down) MB/s | $(f "$M" plain-down) MB/s | $(f "$M" download-ratio) | $(f "$M" direct-down) MB/s | $(f "$M" download-ratio-sdk) |"
  echo "| download, \`MEDIA_REDIRECT=true\` | $(f "$M" redirect-down) MB/s | $(f "$M" plain-down) MB/s | $(f "$M" redirect-ratio) | | |"
  echo "| download, instance without local copies (\`MEDIA_CACHE_BYTES=0\`) | $(f "$M" uncached-down) MB/s | $(f "$M" plain-down) MB/s | $(f "$M" uncached-ratio) | | |"
  echo
  echo "20 concurrent uploads of 10 MiB into a media-service started with \`-Xmx128m -XX:+ExitOnOutOfMemoryError\`: $(f "$H" stored) of 20 stored, peak heap $(f "$H" peak-heap-mb) MB (sampled from /q/metrics every 100 ms), $(f "$H" seconds) s, OutOfMemoryError lines in its log: $OOM."
  echo
} > "$ROOT/bench/media/result.md"
cat "$ROOT/bench/media/result.md"
