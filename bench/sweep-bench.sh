#!/usr/bin/env bash
# Expiry sweep benchmark on PostgreSQL: how fast POST /sweep expires grants when --due of --total grants are past
# their end (defaults 100,000 of 1,000,000), and how long a sweep takes when nothing is due.
#
#   bench/sweep-bench.sh [--total 1000000] [--due 100000] [--batch 500] [--requests 100000] [--out sweep]
#
# Then seeds --requests pending requests (half awaiting one EMEA approver) and times GET /report, the approver's
# inbox and the grant lists, right after the sweep and again after VACUUM ANALYZE (what autovacuum does soon after a
# mass update). Results: bench/target/<out>-results.md.
#
# Starts its own Keycloak (production mode, PostgreSQL database partner_access_bench, ports 8180/9100). The due
# grants belong to real users holding the role, so each expiry removes a real role mapping through the Keycloak
# model; users, mappings and grants are seeded with SQL because creating 100,000 users through the API would take
# longer than the benchmark itself.
set -euo pipefail
TOTAL=1000000
DUE=100000
BATCH=500
REQUESTS=100000
OUT=sweep
while [[ $# -gt 0 ]]; do
  case "$1" in
    --batch) BATCH="$2"; shift 2 ;;
    --requests) REQUESTS="$2"; shift 2 ;;
    --total) TOTAL="$2"; shift 2 ;;
    --due) DUE="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# The scheduled sweep waits a day, so only the measured calls sweep.
KC_EXTRA_OPTS="--spi-partner-access--default--sweep-interval=86400 --spi-partner-access--default--sweep-batch-size=$BATCH"
source "$(dirname "$0")/lib/keycloak.sh"

URL=http://127.0.0.1:8180
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
token() {
  curl -sf "$URL/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
    -d username=admin -d password=admin | json 'd["access_token"]'
}
call() { # method path [body]
  curl -sf -X "$1" -H "Authorization: Bearer $(token)" -H 'Content-Type: application/json' "$URL$2" ${3:+-d "$3"}
}
sql() { PGPASSWORD=keycloak psql -q -t -A -v ON_ERROR_STOP=1 -h 127.0.0.1 -U keycloak partner_access_bench "$@"; }

call POST /admin/realms '{"realm":"sweep","enabled":true,"organizationsEnabled":true,
  "roles":{"realm":[{"name":"deal-registration"}]},
  "users":[{"username":"owner","enabled":true,"email":"owner@sweep.example"}]}' > /dev/null
PA=/admin/realms/sweep/partner-access
call PUT "$PA/policy" '{"tiers":[{"name":"registered","rank":1,"maxGrantDays":30,"requiredActions":[]}],
  "programmes":[{"role":"deal-registration","stages":[],"minTier":"registered"}],"expiryNoticeDays":[]}' > /dev/null
OWNER=$(call GET "/admin/realms/sweep/users?exact=true&username=owner" | json 'd[0]["id"]')
PARTNER=$(call POST "$PA/partners" "{\"name\":\"Sweep Partner\",\"domains\":[\"sweep.example\"],\"tier\":\"registered\",
  \"region\":\"EMEA\",\"businessOwner\":\"$OWNER\"}" | json 'd["id"]')
REALM_ID=$(call GET /admin/realms/sweep | json 'd["id"]')
ROLE_ID=$(call GET /admin/realms/sweep/roles/deal-registration | json 'd["id"]')

echo "seeding $TOTAL grants, $DUE of them due, with $DUE users holding the role"
NOW_MS=$(( $(date +%s) * 1000 ))
sql <<SQL
INSERT INTO user_entity (id, email_constraint, email_verified, enabled, realm_id, username, created_timestamp, not_before)
  SELECT 'bu-' || i, 'bu-' || i, false, true, '$REALM_ID', 'bench-user-' || i, $NOW_MS, 0 FROM generate_series(1, $DUE) AS i;
INSERT INTO user_role_mapping (role_id, user_id) SELECT '$ROLE_ID', 'bu-' || i FROM generate_series(1, $DUE) AS i;
INSERT INTO pa_grant (id, realm_id, request_id, user_id, partner_id, role_id, role_name, granted_at, expires_at, status, version)
  SELECT 'bg-' || i, '$REALM_ID', NULL, 'bu-' || i, '$PARTNER', '$ROLE_ID', 'deal-registration',
         $NOW_MS - 86400000, $NOW_MS - 1000 - i, 'ACTIVE', 0
  FROM generate_series(1, $DUE) AS i;
INSERT INTO pa_grant (id, realm_id, request_id, user_id, partner_id, role_id, role_name, granted_at, expires_at, status, version)
  SELECT 'og-' || i, '$REALM_ID', NULL, 'other-' || i, '$PARTNER', '$ROLE_ID', 'deal-registration',
         $NOW_MS - 86400000,
         CASE WHEN i % 3 = 0 THEN $NOW_MS - 86400000 ELSE $NOW_MS + 86400000::bigint * (1 + i % 28) END,
         CASE WHEN i % 3 = 0 THEN (CASE WHEN i % 2 = 0 THEN 'EXPIRED' ELSE 'REVOKED' END) ELSE 'ACTIVE' END, 0
  FROM generate_series(1, $TOTAL - $DUE) AS i;
-- The report's kept counts, as the 2026-12-02 migration sets them for grants that exist before it.
INSERT INTO pa_grant_count (realm_id, active, exceptions, checked_at)
  SELECT '$REALM_ID', count(*), count(*) FILTER (WHERE exception), $NOW_MS FROM pa_grant WHERE realm_id = '$REALM_ID' AND status = 'ACTIVE'
  ON CONFLICT (realm_id) DO UPDATE SET active = EXCLUDED.active, exceptions = EXCLUDED.exceptions, checked_at = EXCLUDED.checked_at;
ANALYZE user_entity; ANALYZE user_role_mapping; ANALYZE pa_grant;
SQL

# CPU seconds used by the Keycloak JVM and by all PostgreSQL processes: on a shared 2-core machine the wall time
# depends on what else runs, the CPU spent per grant much less.
cpu_seconds() { # pids...
  local ticks=0
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] && ticks=$(( ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
  done
  python3 -c "print($ticks / $(getconf CLK_TCK))"
}
KC_JAVA=$(kc_java_pid "$KC")
echo "sweeping"
KC_CPU0=$(cpu_seconds "$KC_JAVA")
PG_CPU0=$(cpu_seconds $(pgrep -u postgres))
START=$(date +%s%N)
FIRST=$(call POST "$PA/sweep")
WALL_MS=$(( ($(date +%s%N) - START) / 1000000 ))
KC_CPU=$(python3 -c "print(round($(cpu_seconds "$KC_JAVA") - $KC_CPU0, 1))")
PG_CPU=$(python3 -c "print(round($(cpu_seconds $(pgrep -u postgres)) - $PG_CPU0, 1))")
SECOND=$(call POST "$PA/sweep")
THIRD=$(call POST "$PA/sweep")
EXPIRED=$(echo "$FIRST" | json 'd["expired"]')
DURATION=$(echo "$FIRST" | json 'd["durationMs"]')
EMPTY1=$(echo "$SECOND" | json 'd["durationMs"]')
EMPTY2=$(echo "$THIRD" | json 'd["durationMs"]')
LEFT_MAPPINGS=$(sql -c "SELECT count(*) FROM user_role_mapping WHERE role_id = '$ROLE_ID'")
EXPIRED_ROWS=$(sql -c "SELECT count(*) FROM pa_grant WHERE realm_id = '$REALM_ID' AND id LIKE 'bg-%' AND status = 'EXPIRED'")
RECORDS=$(sql -c "SELECT count(*) FROM pa_evidence WHERE realm_id = '$REALM_ID' AND type = 'GRANT_EXPIRED'")
VERIFY=$(call GET "$PA/evidence/verify")
RATE=$(python3 -c "print(round($EXPIRED / ($DURATION / 1000.0)))")

echo "seeding $REQUESTS pending requests, then timing the report and the list queries"
call POST /admin/realms/sweep/roles '{"name":"partner-approver-region-emea"}' > /dev/null
call POST /admin/realms/sweep/users '{"username":"emea-approver","enabled":true,"firstName":"E","lastName":"A","email":"emea@sweep.example",
  "credentials":[{"type":"password","value":"approver","temporary":false}]}' > /dev/null
APPROVER=$(call GET "/admin/realms/sweep/users?exact=true&username=emea-approver" | json 'd[0]["id"]')
call POST "/admin/realms/sweep/users/$APPROVER/role-mappings/realm" "[$(call GET /admin/realms/sweep/roles/partner-approver-region-emea)]" > /dev/null
sql <<SQL
INSERT INTO pa_request (id, realm_id, type, user_id, partner_id, role_id, role_name, business_purpose, days, status,
                        policy_version, created_at, created_by, version)
  SELECT 'br-' || i, '$REALM_ID', 'ACCESS', 'other-' || i, '$PARTNER', '$ROLE_ID', 'deal-registration',
         'Register deals for the benchmark partner.', 10, 'PENDING', 1, $NOW_MS - i * 1000, '$OWNER', 0
  FROM generate_series(1, $REQUESTS) AS i;
INSERT INTO pa_request_stage (id, request_id, realm_id, stage, position, status, approver_role)
  SELECT 'bs-' || i, 'br-' || i, '$REALM_ID', 'regional', 0, 'PENDING',
         CASE WHEN i % 2 = 0 THEN 'partner-approver-region-emea' ELSE 'partner-approver-region-amer' END
  FROM generate_series(1, $REQUESTS) AS i;
ANALYZE pa_request; ANALYZE pa_request_stage;
SQL
APPROVER_TOKEN=$(curl -sf "$URL/realms/sweep/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
  -d username=emea-approver -d password=approver | json 'd["access_token"]')
p95() { # label token path
  local times=()
  for _ in $(seq 1 40); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $2" "$URL$3")")
  done
  python3 -c "import sys; t=sorted(float(x)*1000 for x in sys.argv[1:]); print('| $1 | %.1f ms | %.1f ms |' % (t[len(t)//2], t[int(len(t)*0.95)-1]))" "${times[@]}"
}
queries() {
  local admin
  admin=$(token)
  p95 "\`GET /report\`" "$admin" "$PA/report"
  p95 "\`GET /requests?awaiting=me\` ($((REQUESTS / 2)) awaiting this approver)" "$APPROVER_TOKEN" "$PA/requests?awaiting=me"
  p95 "\`GET /grants?partner=…&status=ACTIVE\`" "$admin" "$PA/grants?partner=$PARTNER&status=ACTIVE"
  p95 "\`GET /grants?status=ACTIVE\`" "$admin" "$PA/grants?status=ACTIVE"
}
QUERIES=$(queries)
# The sweep left a dead row version behind every grant it ended, and their index entries are still read until
# (auto)vacuum removes them; time the same calls once that has happened.
sql -c 'VACUUM ANALYZE pa_grant' -c 'VACUUM ANALYZE pa_request' -c 'VACUUM ANALYZE pa_request_stage'
VACUUMED=$(queries)

cat > "$WORK/$OUT-results.md" <<MD
# Expiry sweep, $(date -u +%Y-%m-%d), $(nproc) cores, PostgreSQL $(psql --version | awk '{print $3}'), Keycloak $VERSION

| figure | value |
|---|---|
| grants in the realm | $TOTAL |
| due (ACTIVE, past their end; each user holds the role) | $DUE |
| expired by the first \`POST /sweep\` | $EXPIRED |
| batch size | $BATCH |
| its duration (server) / wall time (client) | $DURATION ms / $WALL_MS ms |
| throughput | $RATE grants/s |
| CPU used by Keycloak / by PostgreSQL during it | $KC_CPU s / $PG_CPU s ($(python3 -c "print(round($EXPIRED / ($KC_CPU + $PG_CPU)))") grants per CPU-second) |
| next two sweeps, nothing due | $EMPTY1 ms, $EMPTY2 ms |
| role mappings left / grants EXPIRED / GRANT_EXPIRED records | $LEFT_MAPPINGS / $EXPIRED_ROWS / $RECORDS |
| \`GET /evidence/verify\` | $VERIFY |

Queries at $TOTAL grants and $REQUESTS pending requests (40 calls each, one client), right after the sweep and
after \`VACUUM ANALYZE\`:

| query | median | p95 | after vacuum: median | p95 |
|---|---|---|---|---|
$(paste -d '\0' <(echo "$QUERIES") <(echo "$VACUUMED" | sed 's/^| [^|]* |//'))
MD
cat "$WORK/$OUT-results.md"
