#!/usr/bin/env bash
# Partner Access for Keycloak: one-command demo.
#
#   ./run.sh [--db h2|postgres] [--port 8080] [--management-port 9000] [--reset]
#
# Builds the extension jar when sources changed, fetches and unpacks the Keycloak distribution
# once into the cache folder, installs the jar and the demo realm, starts Keycloak (start-dev),
# seeds the demo partners through the product's admin REST and waits. Ctrl-C stops Keycloak.
#
# Environment:
#   PARTNER_ACCESS_CACHE  cache folder for the distribution and the log (default ~/.cache/partner-access)
#   KEYCLOAK_VERSION      distribution to run (default: the keycloak.version property of pom.xml)
#   PARTNER_ACCESS_JAR    use this prebuilt jar instead of building dist/ (e.g. in CI)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

log() { printf '[run] %s\n' "$*"; }
die() { printf '[run] ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<'EOF'
Usage: ./run.sh [--db h2|postgres] [--port PORT] [--management-port PORT] [--reset]

  --db postgres          use the local PostgreSQL (database partner_access_demo, role keycloak)
                         instead of the embedded H2 database (default: h2)
  --port PORT            HTTP port (default 8080)
  --management-port PORT management/health port (default 9000)
  --reset                drop the demo database first (H2 files or the PostgreSQL database),
                         so the realm is imported and seeded afresh
EOF
}

DB=h2
PORT=8080
MGMT_PORT=9000
RESET=false
while (($#)); do
  case "$1" in
    --db) [[ $# -ge 2 ]] || die "--db needs a value"; DB="$2"; shift 2 ;;
    --db=*) DB="${1#*=}"; shift ;;
    --port) [[ $# -ge 2 ]] || die "--port needs a value"; PORT="$2"; shift 2 ;;
    --port=*) PORT="${1#*=}"; shift ;;
    --management-port) [[ $# -ge 2 ]] || die "--management-port needs a value"; MGMT_PORT="$2"; shift 2 ;;
    --management-port=*) MGMT_PORT="${1#*=}"; shift ;;
    --reset) RESET=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
case "$DB" in
  h2|dev-file) DB=h2 ;;
  postgres|postgresql) DB=postgres ;;
  *) die "--db must be h2 or postgres, not '$DB'" ;;
esac
[[ "$PORT" =~ ^[0-9]+$ ]] || die "--port must be a number"
[[ "$MGMT_PORT" =~ ^[0-9]+$ ]] || die "--management-port must be a number"
[[ "$PORT" != "$MGMT_PORT" ]] || die "--port and --management-port must differ"

for tool in curl python3 unzip java; do
  command -v "$tool" >/dev/null || die "$tool is required"
done

# --- Keycloak version ----------------------------------------------------------------------

KC_VERSION="${KEYCLOAK_VERSION:-$(sed -n 's:.*<keycloak\.version>[[:space:]]*\([^<[:space:]]*\)[[:space:]]*</keycloak\.version>.*:\1:p' pom.xml | head -n 1)}"
[[ -n "$KC_VERSION" ]] || die "cannot read the keycloak.version property from pom.xml"

# --- the extension jar ---------------------------------------------------------------------

# the newest dist/target/partner-access-keycloak-*.jar (not sources/javadoc/tests), or nothing
find_jar() {
  local f newest=""
  for f in dist/target/partner-access-keycloak-*.jar; do
    [[ -f "$f" ]] || continue
    case "$f" in *-sources.jar | *-javadoc.jar | *-tests.jar) continue ;; esac
    if [[ -z "$newest" || "$f" -nt "$newest" ]]; then newest="$f"; fi
  done
  printf '%s' "$newest"
}

# true when there is no jar or a pom.xml, a file under some module's src/ or a console build input is newer than it
jar_is_stale() {
  local jar="$1"
  [[ -z "$jar" ]] && return 0
  [[ -n "$(find . \( -name target -o -name .git -o -name node_modules \) -prune -o \
            -type f \( -path '*/src/*' -o -name pom.xml -o -path './themes/console/*' \) -newer "$jar" -print -quit)" ]]
}

if [[ -n "${PARTNER_ACCESS_JAR:-}" ]]; then
  JAR="$PARTNER_ACCESS_JAR"
  [[ -f "$JAR" ]] || die "PARTNER_ACCESS_JAR=$JAR does not exist"
  log "using prebuilt jar $JAR"
else
  command -v mvn >/dev/null || die "mvn is required"
  JAR="$(find_jar)"
  if jar_is_stale "$JAR"; then
    command -v npm >/dev/null || die "node and npm (Node 20 or newer) are required to build the console"
    log "building the extension (mvn -pl dist -am package, tests skipped)..."
    mvn -B -q -Dstyle.color=never -DskipTests -pl dist -am package || die "build failed"
    JAR="$(find_jar)"
    [[ -n "$JAR" ]] || die "build finished but dist/target/partner-access-keycloak-*.jar is missing"
  else
    log "extension jar is up to date: $JAR"
  fi
fi

# --- the Keycloak distribution (downloaded and unpacked once) -----------------------------

CACHE="${PARTNER_ACCESS_CACHE:-$HOME/.cache/partner-access}"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"
KC_HOME="$CACHE/keycloak-$KC_VERSION"

if [[ ! -x "$KC_HOME/bin/kc.sh" ]]; then
  command -v mvn >/dev/null || die "mvn is required to fetch the Keycloak distribution"
  log "fetching Keycloak $KC_VERSION into $CACHE..."
  UNPACK="$CACHE/.unpack.$$"
  rm -rf "$UNPACK"
  mkdir -p "$UNPACK"
  # -N: only the parent pom, the goal must not run once per module
  mvn -B -q -Dstyle.color=never -N dependency:copy \
    "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" "-DoutputDirectory=$UNPACK" \
    || { rm -rf "$UNPACK"; die "cannot fetch org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip"; }
  unzip -q "$UNPACK/keycloak-quarkus-dist-$KC_VERSION.zip" -d "$UNPACK" \
    || { rm -rf "$UNPACK"; die "cannot unzip the Keycloak distribution"; }
  [[ -x "$UNPACK/keycloak-$KC_VERSION/bin/kc.sh" ]] \
    || { rm -rf "$UNPACK"; die "unexpected layout of the Keycloak distribution zip"; }
  rm -rf "$KC_HOME"
  mv "$UNPACK/keycloak-$KC_VERSION" "$KC_HOME"
  rm -rf "$UNPACK"
  log "Keycloak $KC_VERSION unpacked in $KC_HOME"
else
  log "reusing Keycloak $KC_VERSION in $KC_HOME"
fi

# --- install the extension and the demo realm ----------------------------------------------

mkdir -p "$KC_HOME/providers" "$KC_HOME/data/import"
JAR_NAME="$(basename "$JAR")"
[[ "$JAR_NAME" == partner-access-keycloak-*.jar ]] || JAR_NAME="partner-access-keycloak-custom.jar"
TARGET_JAR="$KC_HOME/providers/$JAR_NAME"
for old in "$KC_HOME"/providers/partner-access-keycloak-*.jar; do
  if [[ -e "$old" && "$old" != "$TARGET_JAR" ]]; then
    rm -f "$old"
    log "removed older provider $(basename "$old")"
  fi
done
# copy only when changed: a new jar file makes Keycloak rebuild itself at start
if ! cmp -s "$JAR" "$TARGET_JAR"; then
  cp "$JAR" "$TARGET_JAR"
  log "installed $JAR_NAME into providers/"
fi
cp "$ROOT/demo/partners-realm.json" "$KC_HOME/data/import/partners-realm.json"

# --- database ------------------------------------------------------------------------------

DB_ARGS=()
DB_NAME=partner_access_demo

# pg_sql SQL: runs SQL as the postgres superuser (trust auth), prints bare tuples
pg_sql() {
  if psql -X -q -tA -v ON_ERROR_STOP=1 -U postgres -h 127.0.0.1 -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
    psql -X -q -tA -v ON_ERROR_STOP=1 -U postgres -h 127.0.0.1 -d postgres <<<"$1"
  elif [[ "$(id -u)" == 0 ]]; then
    su postgres -c 'psql -X -q -tA -v ON_ERROR_STOP=1 -d postgres' <<<"$1"
  else
    die "cannot connect to PostgreSQL as the postgres superuser"
  fi
}

if [[ "$DB" == postgres ]]; then
  command -v psql >/dev/null || die "psql is required for --db postgres"
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    if [[ ! -d /etc/postgresql ]] || ! command -v pg_ctlcluster >/dev/null; then
      die "PostgreSQL is not running on 127.0.0.1:5432 and pg_ctlcluster is not available"
    fi
    PG_VERSION="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V | tail -n 1)"
    log "starting PostgreSQL $PG_VERSION..."
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL did not come up"
  fi
  if [[ "$RESET" == true ]]; then
    log "dropping database $DB_NAME (--reset)"
    pg_sql "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)"
  fi
  if [[ "$(pg_sql "SELECT 1 FROM pg_roles WHERE rolname = 'keycloak'")" != 1 ]]; then
    pg_sql "CREATE ROLE keycloak LOGIN PASSWORD 'keycloak'"
    log "created PostgreSQL role keycloak"
  fi
  if [[ "$(pg_sql "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]]; then
    pg_sql "CREATE DATABASE $DB_NAME OWNER keycloak"
    log "created PostgreSQL database $DB_NAME"
  fi
  DB_ARGS=(--db=postgres "--db-url=jdbc:postgresql://127.0.0.1:5432/$DB_NAME"
           --db-username=keycloak --db-password=keycloak)
  DB_DESC="PostgreSQL database $DB_NAME on 127.0.0.1:5432"
else
  if [[ "$RESET" == true ]]; then
    log "removing the H2 database (--reset)"
    rm -rf "$KC_HOME/data/h2"
  fi
  DB_DESC="H2 files in $KC_HOME/data/h2"
fi

# --- start Keycloak ------------------------------------------------------------------------

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_in_use "$PORT" && die "port $PORT is already in use (another Keycloak? use --port)"
port_in_use "$MGMT_PORT" && die "management port $MGMT_PORT is already in use (use --management-port)"

LOG="$CACHE/keycloak.log"
: >"$LOG"
KC_ARGS=(start-dev "--http-port=$PORT" --http-host=127.0.0.1 "--http-management-port=$MGMT_PORT"
         --import-realm --health-enabled=true ${DB_ARGS[@]+"${DB_ARGS[@]}"})

KC_PID=""
# shellcheck disable=SC2317  # invoked from traps
stop_keycloak() {
  if [[ -n "$KC_PID" ]] && kill -0 "$KC_PID" 2>/dev/null; then
    log "stopping Keycloak (pid $KC_PID)..."
    kill -TERM "$KC_PID" 2>/dev/null || true
    wait "$KC_PID" 2>/dev/null || true
    log "Keycloak stopped"
  fi
  KC_PID=""
}
# shellcheck disable=SC2317  # invoked from traps
on_signal() {
  trap - INT TERM
  stop_keycloak
  exit 130
}
trap on_signal INT TERM
trap stop_keycloak EXIT

log "starting Keycloak $KC_VERSION on http://127.0.0.1:$PORT ($DB_DESC); log: $LOG"
# Own session (setsid) so a Ctrl-C reaches only this script, which stops Keycloak with SIGTERM;
# kc.sh forwards SIGTERM to its java process.
LAUNCH=()
command -v setsid >/dev/null && LAUNCH=(setsid)
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  ${LAUNCH[@]+"${LAUNCH[@]}"} "$KC_HOME/bin/kc.sh" "${KC_ARGS[@]}" >"$LOG" 2>&1 </dev/null &
KC_PID=$!

READY_URL="http://127.0.0.1:$PORT/realms/partners/.well-known/openid-configuration"
DEADLINE=$((SECONDS + 180))
until curl -fsS -o /dev/null --max-time 5 "$READY_URL" 2>/dev/null; do
  if ! kill -0 "$KC_PID" 2>/dev/null; then
    rc=0
    wait "$KC_PID" 2>/dev/null || rc=$?
    KC_PID=""
    printf '[run] Keycloak exited (status %s) before it was ready; last 50 lines of %s:\n' "$rc" "$LOG" >&2
    tail -n 50 "$LOG" >&2
    exit 1
  fi
  if ((SECONDS >= DEADLINE)); then
    printf '[run] Keycloak not ready after 180 s; last 50 lines of %s:\n' "$LOG" >&2
    tail -n 50 "$LOG" >&2
    exit 1
  fi
  sleep 2
done
log "Keycloak is ready"

# --- seed the demo -------------------------------------------------------------------------

KC_URL="http://127.0.0.1:$PORT" "$ROOT/demo/seed.sh" \
  || die "seeding the demo failed (see above; Keycloak log: $LOG)"

# --- what to do now --------------------------------------------------------------------------

BASE="http://127.0.0.1:$PORT"
cat <<EOF

================================================================================
 Partner Access demo is running (Keycloak $KC_VERSION, $DB_DESC)

 Admin console   $BASE/admin/master/console/#/partners
 Partner console $BASE/realms/partners/partner-access/console/   (sign in as any user below)
 Master admin    admin / admin

 Realm "partners" logins (password for all: partner)
   ops-admin        operations admin (manage users and realm, view events)
   owner-olivia     business owner of the demo partners
   legal-lena       approver: legal            (partner-approver-legal)
   brand-bruno      approver: brand            (partner-approver-brand)
   security-sam     approver: security         (partner-approver-security)
   emea-erik        approver: region EMEA      (partner-approver-region-emea)
   amer-ana         approver: region AMER      (partner-approver-region-amer)
   apac-aiko        approver: region APAC      (partner-approver-region-apac)
   nora.northwind   partner user, Northwind Distribution (registered, EMEA), sales
   ned.northwind    partner user, Northwind Distribution (registered, EMEA), marketing
   sam.summit       partner user, Summit Agency (silver, AMER), sales
   sue.summit       partner user, Summit Agency (silver, AMER), marketing
   gary.goldline    partner user, Goldline Integrators (gold, APAC), sales
   gina.goldline    partner user, Goldline Integrators (gold, APAC), marketing
 Public client for user tokens: partner-portal (password grant enabled)

 List the partners as ops-admin:
   TOKEN=\$(curl -s $BASE/realms/partners/protocol/openid-connect/token \\
     -d grant_type=password -d client_id=partner-portal -d username=ops-admin -d password=partner \\
     | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
   curl -s -H "Authorization: Bearer \$TOKEN" \\
     $BASE/admin/realms/partners/partner-access/partners | python3 -m json.tool

 Keycloak log: $LOG   (tail -f it in another terminal)
 Press Ctrl-C to stop Keycloak.
================================================================================
EOF

rc=0
wait "$KC_PID" || rc=$?
KC_PID=""
log "Keycloak exited with status $rc"
exit "$rc"
