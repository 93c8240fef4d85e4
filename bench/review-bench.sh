#!/usr/bin/env bash
# Access review benchmark on PostgreSQL: how long POST /reviews takes to snapshot --grants active grants (default
# 100,000) as items, how fast GET /reviews/{id}/items?awaiting=me answers one reviewer of all of them, and how long
# POST /reviews/{id}/close takes to apply --revoke revocations (default 50,000) in its one pass.
#
#   bench/review-bench.sh [--grants 100000] [--revoke 50000] [--partners 4] [--api-decisions 200] [--calls 40]
#                         [--no-close] [--out review]
#
# Starts its own Keycloak (production mode, PostgreSQL database partner_access_bench, ports 8180/9100). Users, their
# role mappings and their grants are seeded with SQL, as in the sweep bench, so every revocation removes a real role
# mapping through the Keycloak model. Decisions: the first --api-decisions go through
# POST /reviews/{id}/items/{itemId}/decision (timed: decisions per second); the rest of the --revoke items are set to
# revoke with one SQL UPDATE (no REVIEW_DECIDED record for those: deciding 50,000 items one call each would measure
# the decision endpoint, not the close); the other items stay undecided and take the default decision, keep.
# With --no-close it stops after the reviewer's list (the start and the list at a size whose close takes too long).
# Database statements are counted with pg_stat_statements for the start and the close. Results:
# bench/target/<out>-results.md.
set -euo pipefail
GRANTS=100000
REVOKE=50000
PARTNERS=4
API_DECISIONS=200
CALLS=40
OUT=review
CLOSE=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --grants) GRANTS="$2"; shift 2 ;;
    --revoke) REVOKE="$2"; shift 2 ;;
    --partners) PARTNERS="$2"; shift 2 ;;
    --api-decisions) API_DECISIONS="$2"; shift 2 ;;
    --calls) CALLS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --no-close) CLOSE=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if (( REVOKE > GRANTS || API_DECISIONS > REVOKE )); then
  echo "need --api-decisions <= --revoke <= --grants" >&2
  exit 2
fi
source "$(dirname "$0")/lib/pg-stat-statements.sh"
if [[ "${BENCH_REUSE_SERVER:-}" != 1 ]]; then
  ensure_pg_stat_statements
fi
# The scheduled sweep waits a day (it would close due reviews and expire grants), and so does the gauge refresh.
KC_EXTRA_OPTS="--spi-partner-access--default--sweep-interval=86400 --spi-partner-access--default--metrics-interval=86400"
source "$(dirname "$0")/lib/keycloak.sh"

URL=http://127.0.0.1:8180
REALM=review
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
token() {
  curl -sf "$URL/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
    -d username=admin -d password=admin | json 'd["access_token"]'
}
call() { # method path [body]
  curl -sf -X "$1" -H "Authorization: Bearer $(token)" -H 'Content-Type: application/json' "$URL$2" ${3:+-d "$3"}
}
sql() { PGPASSWORD=keycloak psql -q -t -A -v ON_ERROR_STOP=1 -h 127.0.0.1 -U keycloak partner_access_bench "$@"; }
# pg_stat_statements needs the superuser to reset; the counts are of Keycloak's connections (user keycloak) only.
pgsu() { su postgres -c "psql -X -q -t -A -v ON_ERROR_STOP=1 -d partner_access_bench" ; }
echo 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements;' | pgsu
statements_reset() { echo 'SELECT pg_stat_statements_reset();' | pgsu > /dev/null; }
# "work" statements (BEGIN, COMMIT, ROLLBACK, SET and SHOW left out, as in the statement bench) since the last reset
statements_work() {
  pgsu <<'SQL'
SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
 WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND userid = (SELECT oid FROM pg_roles WHERE rolname = 'keycloak')
   AND upper(query) NOT IN ('BEGIN', 'COMMIT', 'ROLLBACK') AND upper(query) NOT LIKE 'SET %' AND upper(query) NOT LIKE 'SHOW %';
SQL
}
# the statements with the most calls since the last reset, as Markdown list lines
statements_top() {
  pgsu <<'SQL'
SELECT '  - ' || calls || ': `' || left(regexp_replace(query, '\s+', ' ', 'g'), 150) || '`' FROM pg_stat_statements
 WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND userid = (SELECT oid FROM pg_roles WHERE rolname = 'keycloak')
   AND upper(query) NOT IN ('BEGIN', 'COMMIT', 'ROLLBACK') AND upper(query) NOT LIKE 'SET %' AND upper(query) NOT LIKE 'SHOW %'
 ORDER BY calls DESC LIMIT 8;
SQL
}
cpu_seconds() { # pids...
  local ticks=0
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] && ticks=$(( ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
  done
  python3 -c "print($ticks / $(getconf CLK_TCK))"
}
KC_JAVA=$(kc_java_pid "$KC")
cpu_mark() { KC_CPU0=$(cpu_seconds "$KC_JAVA"); PG_CPU0=$(cpu_seconds $(pgrep -u postgres)); }
cpu_used() { # "Keycloak s / PostgreSQL s"
  echo "$(python3 -c "print(round($(cpu_seconds "$KC_JAVA") - $KC_CPU0, 1))") s / $(python3 -c "print(round($(cpu_seconds $(pgrep -u postgres)) - $PG_CPU0, 1))") s"
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# A fresh realm each run (smoke runs every bench against one server).
call DELETE "/admin/realms/$REALM" > /dev/null 2>&1 || true
call POST /admin/realms "{\"realm\":\"$REALM\",\"enabled\":true,\"organizationsEnabled\":true,
  \"roles\":{\"realm\":[{\"name\":\"deal-registration\"}]},
  \"users\":[{\"username\":\"owner\",\"enabled\":true,\"email\":\"owner@review.example\"},
    {\"username\":\"reviewer\",\"enabled\":true,\"firstName\":\"R\",\"lastName\":\"V\",\"email\":\"reviewer@review.example\",
     \"credentials\":[{\"type\":\"password\",\"value\":\"reviewer\",\"temporary\":false}]}]}" > /dev/null
PA=/admin/realms/$REALM/partner-access
call PUT "$PA/policy" '{"tiers":[{"name":"registered","rank":1,"maxGrantDays":30,"requiredActions":[]}],
  "programmes":[{"role":"deal-registration","stages":[],"minTier":"registered"}],"expiryNoticeDays":[]}' > /dev/null
OWNER=$(call GET "/admin/realms/$REALM/users?exact=true&username=owner" | json 'd[0]["id"]')
REVIEWER=$(call GET "/admin/realms/$REALM/users?exact=true&username=reviewer" | json 'd[0]["id"]')
PARTNER_IDS=()
for p in $(seq 1 "$PARTNERS"); do
  PARTNER_IDS+=("$(call POST "$PA/partners" "{\"name\":\"Review Partner $p\",\"domains\":[\"p$p.review.example\"],
    \"tier\":\"registered\",\"region\":\"EMEA\",\"businessOwner\":\"$OWNER\"}" | json 'd["id"]')")
done
PARTNER_ARRAY="ARRAY['$(IFS=,; echo "${PARTNER_IDS[*]}" | sed "s/,/','/g")']"
REALM_ID=$(call GET "/admin/realms/$REALM" | json 'd["id"]')
ROLE_ID=$(call GET "/admin/realms/$REALM/roles/deal-registration" | json 'd["id"]')

echo "seeding $GRANTS active grants across $PARTNERS partners, each held by its own user with the role"
NOW_MS=$(( $(date +%s) * 1000 ))
sql <<SQL
INSERT INTO user_entity (id, email_constraint, email_verified, enabled, realm_id, username, created_timestamp, not_before)
  SELECT 'ru-' || i, 'ru-' || i, false, true, '$REALM_ID', 'review-user-' || i, $NOW_MS, 0 FROM generate_series(1, $GRANTS) AS i;
INSERT INTO user_role_mapping (role_id, user_id) SELECT '$ROLE_ID', 'ru-' || i FROM generate_series(1, $GRANTS) AS i;
INSERT INTO pa_grant (id, realm_id, request_id, user_id, partner_id, role_id, role_name, granted_at, expires_at, status, version)
  SELECT 'rg-' || i, '$REALM_ID', NULL, 'ru-' || i, ($PARTNER_ARRAY)[1 + i % $PARTNERS], '$ROLE_ID', 'deal-registration',
         $NOW_MS - 86400000 - i, $NOW_MS + 86400000::bigint * (1 + i % 28), 'ACTIVE', 0
  FROM generate_series(1, $GRANTS) AS i;
ANALYZE user_entity; ANALYZE user_role_mapping; ANALYZE pa_grant;
SQL

echo "starting a review over all of them (one reviewer, default decision keep)"
ADMIN=$(token)
statements_reset
cpu_mark
START=$(now_ms)
REVIEW=$(curl -sf -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$URL$PA/reviews" \
  -d "{\"name\":\"Bench review\",\"scope\":{\"role\":\"deal-registration\"},\"reviewer\":\"$REVIEWER\",\"days\":30,
       \"defaultDecision\":\"keep\"}")
CREATE_MS=$(( $(now_ms) - START ))
CREATE_CPU=$(cpu_used)
sleep 1
CREATE_STATEMENTS=$(statements_work)
CREATE_TOP=$(statements_top)
ID=$(echo "$REVIEW" | json 'd["id"]')
ITEMS=$(echo "$REVIEW" | json 'd["items"]["total"]')
sql -c 'ANALYZE pa_review_item' -c 'ANALYZE pa_review_reviewer'

REVIEWER_TOKEN=$(curl -sf "$URL/realms/$REALM/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
  -d username=reviewer -d password=reviewer | json 'd["access_token"]')
percentiles() { # label path: CALLS calls as the reviewer, one warm-up call first
  local times=()
  curl -sf -o /dev/null -H "Authorization: Bearer $REVIEWER_TOKEN" "$URL$2"
  for _ in $(seq 1 "$CALLS"); do
    times+=("$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $REVIEWER_TOKEN" "$URL$2")")
  done
  python3 -c "import sys; t=sorted(float(x)*1000 for x in sys.argv[1:]); print('| $1 | %.1f ms | %.1f ms |' % (t[len(t)//2], t[max(0, -(-len(t)*95//100)-1)]))" "${times[@]}"
}
echo "timing the reviewer's list, $CALLS calls each"
statements_reset
AWAITING=$(percentiles "\`GET /reviews/{id}/items?awaiting=me\` (first page, 100 items)" "$PA/reviews/$ID/items?awaiting=me")
sleep 1
AWAITING_STATEMENTS=$(python3 -c "print(round($(statements_work) / ($CALLS + 1), 1))")
AWAITING_MAX=$(percentiles "\`GET /reviews/{id}/items?awaiting=me&max=1000\`" "$PA/reviews/$ID/items?awaiting=me&max=1000")
AWAITING_DEEP=$(percentiles "\`GET /reviews/{id}/items?awaiting=me&first=$(( ITEMS / 2 ))\` (a page half-way)" \
  "$PA/reviews/$ID/items?awaiting=me&first=$(( ITEMS / 2 ))")

if (( CLOSE )); then
echo "deciding: $API_DECISIONS revocations through the API, $(( REVOKE - API_DECISIONS )) with SQL"
FIRST_ITEMS=$(curl -sf -H "Authorization: Bearer $REVIEWER_TOKEN" "$URL$PA/reviews/$ID/items?awaiting=me&max=1000" \
  | python3 -c "import json,sys; [print(i['id']) for i in json.load(sys.stdin)[:$API_DECISIONS]]")
DECIDE_MS=0
if (( API_DECISIONS > 0 )); then
  START=$(now_ms)
  for item in $FIRST_ITEMS; do
    curl -sf -o /dev/null -X POST -H "Authorization: Bearer $REVIEWER_TOKEN" -H 'Content-Type: application/json' \
      "$URL$PA/reviews/$ID/items/$item/decision" -d '{"decision":"revoke","justification":"No longer needed (bench)."}'
  done
  DECIDE_MS=$(( $(now_ms) - START ))
fi
sql <<SQL
UPDATE pa_review_item SET decision = 'revoke', defaulted = false, decided_by = '$REVIEWER', decided_at = $NOW_MS,
       justification = 'No longer needed (bench, SQL).'
 WHERE id IN (SELECT id FROM pa_review_item WHERE review_id = '$ID' AND decision IS NULL ORDER BY id
              LIMIT $(( REVOKE - API_DECISIONS )));
UPDATE pa_review_reviewer SET decided = true
 WHERE review_id = '$ID' AND item_id IN (SELECT id FROM pa_review_item WHERE review_id = '$ID' AND decision IS NOT NULL);
ANALYZE pa_review_item;
ANALYZE pa_review_reviewer;
SQL
# The reviewer's list again once the first --revoke items are decided: the first page now lies behind them.
AWAITING_DECIDED=$(percentiles "\`GET /reviews/{id}/items?awaiting=me\` (first page, after $REVOKE items decided)" \
  "$PA/reviews/$ID/items?awaiting=me")

echo "closing: $REVOKE revocations, $(( ITEMS - REVOKE )) undecided items take the default decision"
statements_reset
cpu_mark
START=$(now_ms)
CLOSED=$(curl -s -w '\n%{http_code}' -X POST -H "Authorization: Bearer $(token)" "$URL$PA/reviews/$ID/close")
CLOSE_MS=$(( $(now_ms) - START ))
CLOSE_CPU=$(cpu_used)
CLOSE_STATUS=$(echo "$CLOSED" | tail -1)
if [[ "$CLOSE_STATUS" != 200 ]]; then
  echo "POST /reviews/$ID/close answered $CLOSE_STATUS after $CLOSE_MS ms: $(echo "$CLOSED" | head -c 600)" >&2
  tail -40 "$KC.log" >&2
  exit 1
fi
sleep 1
CLOSE_STATEMENTS=$(statements_work)
CLOSE_TOP=$(statements_top)
STATUS=$(echo "$CLOSED" | head -1 | json 'd["status"]')
REVOKED_ROWS=$(sql -c "SELECT count(*) FROM pa_grant WHERE realm_id = '$REALM_ID' AND status = 'REVOKED'")
LEFT_MAPPINGS=$(sql -c "SELECT count(*) FROM user_role_mapping WHERE role_id = '$ROLE_ID'")
RECORDS=$(sql -c "SELECT count(*) FROM pa_evidence WHERE realm_id = '$REALM_ID' AND type = 'GRANT_REVOKED'")
CLOSED_RECORD=$(sql -c "SELECT details FROM pa_evidence WHERE realm_id = '$REALM_ID' AND type = 'REVIEW_CLOSED'")
VERIFY=$(call GET "$PA/evidence/verify")
RATE=$(python3 -c "print(round($REVOKE / ($CLOSE_MS / 1000.0)))")
DECIDE_RATE=$(python3 -c "print(round($API_DECISIONS / max($DECIDE_MS, 1) * 1000, 1))")
else
  DECIDE_MS=- DECIDE_RATE=- CLOSE_MS=- RATE=- CLOSE_CPU=- CLOSE_STATEMENTS=- STATUS=OPEN REVOKED_ROWS=0 CLOSED_RECORD=-
  LEFT_MAPPINGS=$(sql -c "SELECT count(*) FROM user_role_mapping WHERE role_id = '$ROLE_ID'")
  RECORDS=0 VERIFY=$(call GET "$PA/evidence/verify") CLOSE_TOP="  - (not closed: --no-close)"
fi
per_revocation() { [[ "$CLOSE_STATEMENTS" == - ]] && echo - || python3 -c "print(round($CLOSE_STATEMENTS / $REVOKE, 2))"; }

cat > "$WORK/$OUT-results.md" <<MD
# Access review, $(date -u +%Y-%m-%d), $(nproc) cores, PostgreSQL $(psql --version | awk '{print $3}'), Keycloak $VERSION

| figure | value |
|---|---|
| active grants in scope (users holding the role, $PARTNERS partners) | $GRANTS |
| \`POST /reviews\`: items snapshotted | $ITEMS |
| its wall time | $CREATE_MS ms ($(python3 -c "print(round($ITEMS / ($CREATE_MS / 1000.0)))") items/s) |
| CPU used by Keycloak / by PostgreSQL during it | $CREATE_CPU |
| database statements (work) during it | $CREATE_STATEMENTS ($(python3 -c "print(round($CREATE_STATEMENTS / $ITEMS, 2))") per item) |
| decisions through the API, one call each | $API_DECISIONS in $DECIDE_MS ms ($DECIDE_RATE/s) |
| decisions set with SQL | $(( REVOKE - API_DECISIONS )) revoke |
| \`POST /reviews/{id}/close\`: revocations | $REVOKE (the other $(( ITEMS - REVOKE )) defaulted to keep) |
| its wall time | $CLOSE_MS ms |
| throughput | $RATE revocations/s |
| CPU used by Keycloak / by PostgreSQL during it | $CLOSE_CPU |
| database statements (work) during it | $CLOSE_STATEMENTS ($(per_revocation) per revocation) |
| review status / grants REVOKED / role mappings left / GRANT_REVOKED records | $STATUS / $REVOKED_ROWS / $LEFT_MAPPINGS / $RECORDS |
| \`REVIEW_CLOSED\` details | \`$CLOSED_RECORD\` |
| \`GET /evidence/verify\` | $VERIFY |

The reviewer's list at $ITEMS items, all awaiting this reviewer ($CALLS calls each after one warm-up, one client;
$AWAITING_STATEMENTS statements per call of the first):

| query | median | p95 |
|---|---|---|
$AWAITING
$AWAITING_MAX
$AWAITING_DEEP
${AWAITING_DECIDED:-}

Statements with the most calls while starting the review:

$CREATE_TOP

Statements with the most calls while closing it:

$CLOSE_TOP
MD
cat "$WORK/$OUT-results.md"
