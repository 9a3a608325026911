#!/usr/bin/env bash
# Message search through the gateway as the message table grows (issue 24).
#
# Starts ./suite up --detach (the launcher's defaults, except RATE_LIMIT_DEFAULT=0: 600
# requests a minute per user would turn the measured searches into 429s), registers SEARCHERS
# users and FRIENDS at auth-service and lets each searcher create its 50 conversations through
# the gateway (Search.java setup). The other CONVERSATIONS - 50 × SEARCHERS conversations belong
# to made-up users and are written with SQL. Then, for each size in SIZES, messages are added
# with one INSERT … SELECT from generate_series (round robin over all conversations, so a
# searcher's share of the table stays the same; bodies of 4–17 words drawn from words.txt with
# Zipf frequencies; "release notes" in 1 of 37, "zeppelin" in 1 of 2003, 1 in 200 a tombstone),
# seq, last_seq, last_message_id and read markers set to match, VACUUM ANALYZE, and
# Search.java measure searches for WARMUP_SECONDS (not timed), then sends REQUESTS one after
# another and REQUESTS over CLIENTS concurrent clients, ROUNDS times; EXPLAIN (ANALYZE,
# BUFFERS) of the repository's statement for each query is kept beside the outputs. At the end
# the bench's conversations (and with them its messages and participants) are deleted, the
# table vacuumed, and the suite stopped.
# Table into bench/search/result.md; raw outputs under bench/search/out/.
# usage: bench/search/bench.sh   (env: SIZES="100000 1000000" CONVERSATIONS=2000 SEARCHERS=8
#        WARMUP_SECONDS=60 REQUESTS=500 CLIENTS=4 ROUNDS=3 MIN_IDLE=85 WAIT_IDLE=900 KEEP_DATA= KEEP_SUITE=)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
. bench/lib.sh
HERE=bench/search
OUT=$HERE/out
mkdir -p "$OUT"
export SEARCHERS="${SEARCHERS:-8}" FRIENDS="${FRIENDS:-6}" CONVERSATIONS_PER_USER=50
export WARMUP_SECONDS="${WARMUP_SECONDS:-60}" REQUESTS="${REQUESTS:-500}" CLIENTS="${CLIENTS:-4}" LIMIT="${LIMIT:-20}"
SIZES="${SIZES:-100000 1000000}"
CONVERSATIONS="${CONVERSATIONS:-2000}"
MIN_IDLE="${MIN_IDLE:-85}" WAIT_IDLE="${WAIT_IDLE:-900}" ROUNDS="${ROUNDS:-3}"
AUTH=http://127.0.0.1:8081 GATEWAY=http://127.0.0.1:8080
PSQL="psql -h ${DB_HOST:-127.0.0.1} -U ${DB_USER:-postgres} -d messaging -v ON_ERROR_STOP=1 -q -t -A"
# The made-up owner of the conversations written with SQL; their members are md5-derived ids too.
OWNER=$(python3 -c "import hashlib, uuid; print(uuid.UUID(hashlib.md5(b'search-bench-owner').hexdigest()))")
MINE=$((50 * SEARCHERS)); OTHERS=$((CONVERSATIONS - MINE))
[ "$OTHERS" -ge 0 ] || { echo "CONVERSATIONS must be at least 50 × SEARCHERS" >&2; exit 2; }

# The bench's conversations: those written with SQL and every one a bench user takes part in.
bench_conversations() {
  local users="'00000000-0000-0000-0000-000000000000'"
  [ -f "$OUT/users.tsv" ] && users=$(awk -F'\t' '{printf "%s'\''%s'\''", (NR > 1 ? "," : ""), $2}' "$OUT/users.tsv")
  echo "SELECT id FROM conversation WHERE created_by = '$OWNER' UNION SELECT conversation_id FROM participant WHERE user_id IN ($users)"
}
delete_bench_data() {
  $PSQL -c "DELETE FROM message WHERE conversation_id IN ($(bench_conversations))" \
        -c "DELETE FROM conversation WHERE id IN ($(bench_conversations))"
  $PSQL -c 'VACUUM ANALYZE message' -c 'VACUUM ANALYZE conversation' -c 'VACUUM ANALYZE participant'
}
cleanup() {
  if [ -z "${KEEP_DATA:-}" ]; then delete_bench_data || true; fi
  [ -n "${KEEP_SUITE:-}" ] || ./suite down > /dev/null || true
}

# Each measurement waits (up to WAIT_IDLE s) for MIN_IDLE % idle over 5 s and records what it got.
wait_idle() { local idle waited=0; idle=$(idle_pct 5)
  while [ "$idle" -lt "$MIN_IDLE" ] && [ "$waited" -lt "$WAIT_IDLE" ]; do
    echo "the machine is $idle % idle; waiting for $MIN_IDLE %" >&2; sleep 25; waited=$((waited + 30)); idle=$(idle_pct 5)
  done
  [ "$idle" -ge "$MIN_IDLE" ] || echo "WARNING: only $idle % idle; figures will not compare" >&2
  echo "$idle"; }

./suite down > /dev/null || true
IDLE_START=$(idle_pct 5)
AUTOVACUUM=$($PSQL -c 'show autovacuum')
# Earlier runs' leftovers (a run stopped before its cleanup), then vacuum so the run starts as on a
# server with autovacuum on.
delete_bench_data > /dev/null
$PSQL -c 'VACUUM ANALYZE' > /dev/null
trap cleanup EXIT

export RATE_LIMIT_DEFAULT=0
unset RATE_LIMIT_LOGIN RATE_LIMIT_REGISTER RATE_LIMIT_FORGOT RATE_LIMIT_UPLOAD MESSAGING_INSTANCES
./suite up --detach > "$OUT/suite-up.log"
export SUITE_PIDS="gateway:$(pid_of gateway) messaging:$(pid_of messaging-service)"
java $HERE/Search.java setup $AUTH $GATEWAY "$OUT" | tee "$OUT/setup.txt"

# Everything starts a year ago: conversations, memberships, then one message every 30 s.
BASE=$($PSQL -c "SELECT date_trunc('second', now() - interval '1 second' * 30 * 1000000 - interval '1 day')")
MINE_IDS=$(cut -f2 "$OUT/conversations.tsv" | awk '{printf "%s('\''%s'\''::uuid)", (NR > 1 ? "," : ""), $1}')
$PSQL <<SQL
INSERT INTO conversation (id, type, title, created_by, created_at, updated_at)
SELECT md5('search-bench-conversation-' || i)::uuid, 'group', 'bench ' || i, '$OWNER', '$BASE', '$BASE' FROM generate_series(1, $OTHERS) i;
INSERT INTO participant (conversation_id, user_id, joined_at)
SELECT md5('search-bench-conversation-' || i)::uuid, md5('search-bench-member-' || ((i * 7 + k) % 5000))::uuid, '$BASE'
FROM generate_series(1, $OTHERS) i, generate_series(0, 1 + i % 4) k;
UPDATE conversation SET created_at = '$BASE', updated_at = '$BASE' WHERE id IN (VALUES $MINE_IDS);
UPDATE participant SET joined_at = '$BASE' WHERE conversation_id IN (VALUES $MINE_IDS);
SQL
VOCAB=$(awk '{printf "%s'\''%s'\''", (NR > 1 ? "," : ""), $1}' $HERE/words.txt)

# Messages FROM..TO-1 of the round robin: message s goes to conversation s mod N as its seq
# s / N + 1, so every load continues each conversation's seq where the previous one stopped.
load_messages() {
  $PSQL <<SQL
CREATE TEMP TABLE conv AS
SELECT (row_number() OVER (ORDER BY md5(c.id::text)) - 1)::int AS idx, c.id, array_agg(p.user_id ORDER BY p.user_id) AS members
FROM conversation c JOIN participant p ON p.conversation_id = c.id
WHERE c.created_by = '$OWNER' OR c.id IN (VALUES $MINE_IDS) GROUP BY c.id;
CREATE TEMP TABLE vocab AS SELECT ARRAY[$VOCAB]::text[] AS words;
-- A word of rank k is drawn with probability ln((k+1)/k) / ln(n+1) (Zipf).
INSERT INTO message (id, conversation_id, seq, sender_id, body, created_at, deleted_at)
SELECT gen_random_uuid(), c.id, s / $CONVERSATIONS + 1, c.members[1 + (s / $CONVERSATIONS) % cardinality(c.members)],
       CASE WHEN s % 200 = 199 THEN '' ELSE
         CASE WHEN s % 37 = 5 THEN 'did you read the release notes ' ELSE '' END
         || array_to_string(ARRAY(SELECT v.words[floor(exp(random() * ln(cardinality(v.words) + 1)))::int] FROM generate_series(0, 3 + s % 14) j), ' ')
         || CASE WHEN s % 2003 = 3 THEN ' zeppelin' ELSE '' END
       END,
       '$BASE'::timestamptz + interval '1 day' + s * interval '30 seconds',
       CASE WHEN s % 200 = 199 THEN '$BASE'::timestamptz + interval '1 day' + s * interval '30 seconds' + interval '2 minutes' END
FROM generate_series($1, $2 - 1) s JOIN conv c ON c.idx = s % $CONVERSATIONS CROSS JOIN vocab v;
UPDATE conversation c SET last_seq = m.seq, last_message_id = m.id, updated_at = m.created_at
FROM (SELECT DISTINCT ON (conversation_id) conversation_id, seq, id, created_at FROM message
      WHERE conversation_id IN (SELECT id FROM conv) ORDER BY conversation_id, seq DESC) m
WHERE c.id = m.conversation_id;
UPDATE participant p SET last_read_seq = c.last_seq FROM conversation c WHERE c.id = p.conversation_id AND c.id IN (SELECT id FROM conv);
SQL
}

# The statement SearchRepository.sql builds for a first page without filters, for EXPLAIN: run once
# unshown so the session's catalog cache is warm (as on the service's pooled connections), then explained.
explain() { # user id, query
  local q=${2//\'/\'\'} statement
  statement=$(cat <<SQL
SELECT s.*, ts_headline('english'::regconfig, translate(s.body, E'\uE000\uE001', ''), websearch_to_tsquery('english'::regconfig, '$q'), E'StartSel="\uE000", StopSel="\uE001", HighlightAll=true') AS headline
FROM (SELECT m.id, m.conversation_id, m.seq, m.sender_id, m.body, m.attachments::text AS attachments, m.client_message_id, m.created_at,
             m.edited_at, m.deleted_at, m.reply_to_id, m.reply_to_seq, m.reply_to_sender, m.reply_excerpt, c.title AS conversation_title
      FROM participant p JOIN message m ON m.conversation_id = p.conversation_id JOIN conversation c ON c.id = m.conversation_id
      WHERE p.user_id = '$1' AND m.search @@ websearch_to_tsquery('english'::regconfig, '$q') AND m.deleted_at IS NULL
      ORDER BY m.created_at DESC, m.id DESC LIMIT $((LIMIT + 1))) s ORDER BY s.created_at DESC, s.id DESC;
SQL
)
  printf '\\o /dev/null\n%s\n\\o\nEXPLAIN (ANALYZE, BUFFERS) %s\n' "$statement" "$statement" | $PSQL
}

ROWS=(); QROWS=(); loaded=0; STATUS=0
SEARCHER=$(awk -F'\t' '$1 == "searcher" {print $2; exit}' "$OUT/users.tsv")
for size in $SIZES; do
  echo "loading messages $loaded..$size"
  start=$(date +%s); load_messages "$loaded" "$size"; loaded=$size
  $PSQL -c 'VACUUM ANALYZE message' -c 'VACUUM ANALYZE conversation' -c 'VACUUM ANALYZE participant'
  echo "loaded and vacuumed in $(( $(date +%s) - start )) s"
  table=$($PSQL -c 'SELECT count(*) FROM message')
  per_user=$($PSQL -c "SELECT count(*) FROM message m JOIN participant p ON p.conversation_id = m.conversation_id AND p.user_id = '$SEARCHER'")
  for round in $(seq 1 "$ROUNDS"); do
    idle=$(wait_idle)
    out="$OUT/measure-$size-$round.txt"
    java $HERE/Search.java measure $AUTH $GATEWAY "$OUT" "$size" > "$out" 2>&1 || STATUS=$?
    idle_after=$(idle_pct 5)
    cat "$out"
    while read -r line; do
      mode=$(field "$line" mode); cpu=$(grep "^CPU size $size mode $mode " "$out" || true)
      ROWS+=("| $size | $table | $per_user | $round | $mode | $idle % / $idle_after % | $(field "$cpu" others-pct) % | $(field "$line" requests) | $(field "$line" non-200) | $(field "$line" foreign) | $(field "$line" unexpected) | $(field "$line" p50-ms) | $(field "$line" p95-ms) | $(field "$line" p99-ms) | $(field "$line" max-ms) | $(field "$line" req/s) | $(field "$cpu" gateway-ms-per-request) / $(field "$cpu" messaging-ms-per-request) / $(field "$cpu" postgresql-ms-per-request) / $(field "$cpu" client-ms-per-request) |")
    done < <(grep '^RESULT' "$out")
    while read -r line; do
      QROWS+=("| $size | $round | $(field "$line" mode) | $(field "$line" name | tr '_' ' ') | \`$(field "$line" q | tr '_' ' ')\` | $(field "$line" items-per-answer) | $(field "$line" p50-ms) | $(field "$line" p95-ms) | $(field "$line" p99-ms) | $(field "$line" max-ms) |")
    done < <(grep '^QUERY' "$out")
  done
  : > "$OUT/explain-$size.txt"
  while IFS=$'\t' read -r name q; do
    { echo "-- $name: $q"; explain "$SEARCHER" "$q"; echo; } >> "$OUT/explain-$size.txt"
  done < <(sed -n 's/^QUERY size [0-9]* mode sequential name \([^ ]*\) q \([^ ]*\) .*/\1\t\2/p' "$out" | tr '_' ' ')
done

{
  echo "\`bench/search/bench.sh\` ($(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD); CPU $IDLE_START % idle before the run; PostgreSQL autovacuum $AUTOVACUUM, vacuumed before the run and after each load): \`./suite up --detach\` (launcher defaults, \`RATE_LIMIT_DEFAULT=0\`); $SEARCHERS searchers each in 50 conversations (5 direct, 45 groups, made through the gateway) among $CONVERSATIONS; messages round robin over all of them; \`GET /api/search/messages?limit=$LIMIT&q=…\` through \`http://127.0.0.1:8080\`, $WARMUP_SECONDS s of searches from $CLIENTS clients to warm up, then $REQUESTS one after another and $REQUESTS over $CLIENTS concurrent clients, queries and searchers in turn; $ROUNDS round(s) per size. \"foreign\": messages of a conversation the searcher is not in; \"unexpected\": the no-match query finding something, or no items list. \"others' CPU during\": what the box was busy with besides the suite, PostgreSQL and the client while measuring, as a share of both cores (from /proc)."
  echo
  echo "| bench messages | rows in \`message\` | messages in one searcher's conversations | round | mode | CPU idle before / after | others' CPU during | requests | non-200 | foreign | unexpected | p50 ms | p95 ms | p99 ms | max ms | req/s | CPU ms per request: gateway / messaging / PostgreSQL / client |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "| bench messages | round | mode | query | q | items per answer | p50 ms | p95 ms | p99 ms | max ms |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${QROWS[@]}"
} > $HERE/result.md
cat $HERE/result.md
exit $STATUS
