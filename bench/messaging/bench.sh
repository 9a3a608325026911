#!/usr/bin/env bash
# messaging-service: JSON posts per second (32 clients over 100 conversations) and whether
# the newest history page and the conversation list stay flat as data grows (1k -> 1M
# messages, 1k -> 10k conversations). Needs ./suite up --detach, wrk, psql.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/bench/lib.sh"
MSG=http://127.0.0.1:8082; AUTH=http://127.0.0.1:8081
PSQL="psql -h ${DB_HOST:-127.0.0.1} -U ${DB_USER:-postgres} -d messaging -q -t -A"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
A=$(register_and_login "$AUTH" "mb$RANDOM$RANDOM")
B_NAME="mbb$RANDOM$RANDOM"; B=$(register_and_login "$AUTH" "$B_NAME")
B_ID=$(curl -s -H "Authorization: Bearer $B" "$AUTH/api/auth/me" | json "['id']")
A_ID=$(curl -s -H "Authorization: Bearer $A" "$AUTH/api/auth/me" | json "['id']")
for i in $(seq 1 100); do
  curl -s -X POST "$MSG/api/conversations" -H "Authorization: Bearer $A" -H 'Content-Type: application/json' \
    -d "{\"type\":\"group\",\"title\":\"bench $i\",\"participantIds\":[\"$B_ID\"]}" | json "['id']"
done > "$TMP/conversations.txt"

# A first run warms the JIT (a cold service posts at about half its warm rate); the second is measured.
TOKEN="$A" CONVERSATIONS="$TMP/conversations.txt" wrk -t2 -c32 -d"${WARMUP:-10s}" -s "$ROOT/bench/messaging/post.lua" "$MSG" > /dev/null
TOKEN="$A" CONVERSATIONS="$TMP/conversations.txt" wrk -t2 -c32 -d"${DURATION:-15s}" --latency -s "$ROOT/bench/messaging/post.lua" "$MSG" > "$TMP/post.txt"
STORED=$($PSQL -c "SELECT count(*) FROM message m JOIN participant p ON p.conversation_id = m.conversation_id AND p.user_id = '$A_ID'")
if [ -n "${POSTS_ONLY:-}" ]; then  # POSTS_ONLY=1: just the posting figures, for before/after comparisons
  echo "posts: $(metric "$TMP/post.txt" rps) msg/s, p50 $(metric "$TMP/post.txt" p50), p99 $(metric "$TMP/post.txt" p99); $STORED stored"
  exit 0
fi

# Data for the flatness checks, written straight into PostgreSQL.
big=$(head -1 "$TMP/conversations.txt"); small=$(sed -n 2p "$TMP/conversations.txt")
$PSQL <<SQL
INSERT INTO message (id, conversation_id, seq, sender_id, body, created_at)
SELECT gen_random_uuid(), '$big', s + 1000000, '$A_ID', 'history ' || s, now() FROM generate_series(1, 1000000) s;
UPDATE conversation SET last_seq = 2000000 WHERE id = '$big';
INSERT INTO message (id, conversation_id, seq, sender_id, body, created_at)
SELECT gen_random_uuid(), '$small', s + 1000000, '$A_ID', 'history ' || s, now() FROM generate_series(1, 1000) s;
UPDATE conversation SET last_seq = 2000000 WHERE id = '$small';
SQL
MANY=$(register_and_login "$AUTH" "mbmany$RANDOM$RANDOM"); FEW=$(register_and_login "$AUTH" "mbfew$RANDOM$RANDOM")
many_user=$(curl -s -H "Authorization: Bearer $MANY" "$AUTH/api/auth/me" | json "['id']")
few_user=$(curl -s -H "Authorization: Bearer $FEW" "$AUTH/api/auth/me" | json "['id']")
$PSQL <<SQL
CREATE TEMP TABLE ids AS SELECT gen_random_uuid() AS id, s FROM generate_series(1, 11000) s;
INSERT INTO conversation (id, type, title, created_by, created_at, updated_at) SELECT id, 'group', 'many ' || s, '$A_ID', now() - s * interval '1 second', now() - s * interval '1 second' FROM ids;
INSERT INTO participant (conversation_id, user_id, joined_at, last_activity) SELECT id, '$many_user', now(), now() - s * interval '1 second' FROM ids WHERE s <= 10000;
INSERT INTO participant (conversation_id, user_id, joined_at, last_activity) SELECT id, '$few_user', now(), now() - s * interval '1 second' FROM ids WHERE s > 10000;
INSERT INTO participant (conversation_id, user_id, joined_at, last_activity) SELECT id, '$A_ID', now(), now() - s * interval '1 second' FROM ids;
ANALYZE message; ANALYZE participant; ANALYZE conversation;
SQL
page() { wrk -t1 -c4 -d5s --latency -H "Authorization: Bearer $2" "$1" > "$3"; }
page "$MSG/api/conversations/$big/messages?limit=50" "$A" "$TMP/h-big"
page "$MSG/api/conversations/$small/messages?limit=50" "$A" "$TMP/h-small"
page "$MSG/api/conversations?limit=50" "$MANY" "$TMP/l-many"
page "$MSG/api/conversations?limit=50" "$FEW" "$TMP/l-few"
{
  echo "### messaging-service"
  echo
  echo "\`bench/messaging/bench.sh\`, $(date -u +%Y-%m-%dT%H:%MZ); the service, PostgreSQL and wrk share the 2 cores; posts measured after a ${WARMUP:-10s} warm-up run."
  echo
  echo "| measure | figure | command |"
  echo "|---|---|---|"
  echo "| JSON posts per second, 32 clients, 100 conversations | $(metric "$TMP/post.txt" rps) msg/s, p50 $(metric "$TMP/post.txt" p50), p99 $(metric "$TMP/post.txt" p99); $STORED stored | \`wrk -t2 -c32 -d${DURATION:-15s} --latency -s bench/messaging/post.lua\` |"
  echo "| newest history page (50), conversation of 1,000 vs 1,000,000 messages | p50 $(metric "$TMP/h-small" p50) vs $(metric "$TMP/h-big" p50); p99 $(metric "$TMP/h-small" p99) vs $(metric "$TMP/h-big" p99) | \`wrk -t1 -c4 -d5s …/messages?limit=50\` |"
  echo "| conversation list (50), user in 1,000 vs 10,000 conversations | p50 $(metric "$TMP/l-few" p50) vs $(metric "$TMP/l-many" p50); p99 $(metric "$TMP/l-few" p99) vs $(metric "$TMP/l-many" p99) | \`wrk -t1 -c4 -d5s …/api/conversations?limit=50\` |"
  echo
} > "$ROOT/bench/messaging/result.md"
cat "$ROOT/bench/messaging/result.md"
