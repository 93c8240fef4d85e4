#!/usr/bin/env bash
# Partner Access for Keycloak: one-command demo.
#
#   ./run.sh [--db h2|postgres|mariadb] [--port 8080] [--management-port 9000] [--reset] [--check]
#
# Builds the extension jar when sources changed, fetches and unpacks the Keycloak distribution
# once into the cache folder, installs the jar and the demo realm, starts Keycloak (start-dev),
# seeds the demo partners through the product's admin REST and waits. Ctrl-C stops Keycloak.
# With --check it verifies that the demo answers, prints the summary and stops Keycloak instead.
# Options and environment variables: ./run.sh --help (usage() below).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

log() { printf '[run] %s\n' "$*"; }
die() { printf '[run] ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<'EOF'
Usage: ./run.sh [--db h2|postgres|mariadb] [--port PORT] [--management-port PORT] [--reset] [--check]

  --db postgres          use the local PostgreSQL (database partner_access_demo, role keycloak)
  --db mariadb           use the local MariaDB (database partner_access_demo, user keycloak)
                         instead of the embedded H2 database (default: h2); the database and its
                         user are created when missing (bin/db.sh), the server started when down
  --port PORT            HTTP port (default 8080)
  --management-port PORT management/health port (default 9000)
  --reset                drop the demo database first (H2 files, or the PostgreSQL or MariaDB
                         database), so the realm is imported and seeded afresh
  --check                start and seed as usual, then check that the demo answers (ops-admin
                         lists the three demo partners), print the summary and stop Keycloak;
                         exits 0 when the check passed

Environment:
  PARTNER_ACCESS_CACHE   cache folder for the Keycloak distribution, its H2 files and the build
                         and Keycloak logs (default ~/.cache/partner-access)
  KEYCLOAK_VERSION       distribution to run (default: the keycloak.version property of pom.xml)
  PARTNER_ACCESS_JAR     use this prebuilt jar instead of building dist/ (e.g. in CI)
EOF
}

DB=h2
PORT=8080
MGMT_PORT=9000
RESET=false
CHECK=false
while (($#)); do
  case "$1" in
    --db) [[ $# -ge 2 ]] || die "--db needs a value"; DB="$2"; shift 2 ;;
    --db=*) DB="${1#*=}"; shift ;;
    --port) [[ $# -ge 2 ]] || die "--port needs a value"; PORT="$2"; shift 2 ;;
    --port=*) PORT="${1#*=}"; shift ;;
    --management-port) [[ $# -ge 2 ]] || die "--management-port needs a value"; MGMT_PORT="$2"; shift 2 ;;
    --management-port=*) MGMT_PORT="${1#*=}"; shift ;;
    --reset) RESET=true; shift ;;
    --check) CHECK=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
case "$DB" in
  h2|dev-file) DB=h2 ;;
  postgres|postgresql) DB=postgres ;;
  mariadb) DB=mariadb ;;
  *) die "--db must be h2, postgres or mariadb, not '$DB'" ;;
esac
[[ "$PORT" =~ ^[0-9]+$ ]] || die "--port must be a number"
[[ "$MGMT_PORT" =~ ^[0-9]+$ ]] || die "--management-port must be a number"
[[ "$PORT" != "$MGMT_PORT" ]] || die "--port and --management-port must differ"

for tool in curl python3 unzip java; do
  command -v "$tool" >/dev/null || die "$tool is required"
done

# checked before the build too, so a busy port is known at once and not after it
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
check_ports() {
  if port_in_use "$PORT"; then die "port $PORT is already in use (another Keycloak? use --port)"; fi
  if port_in_use "$MGMT_PORT"; then die "management port $MGMT_PORT is already in use (use --management-port)"; fi
}
check_ports

CACHE="${PARTNER_ACCESS_CACHE:-$HOME/.cache/partner-access}"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"

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

# reads Maven's output and prints a line per module as the reactor reaches it: "[run] building core (2/7)"
build_progress() {
  awk '
    /^\[INFO\] -+< [^ ]+ >-+$/ {
      module = $0
      sub(/^\[INFO\] -+< [^:]+:/, "", module); sub(/ >-+$/, "", module); sub(/^partner-access-/, "", module)
      next
    }
    /^\[INFO\] Building .* \[[0-9]+\/[0-9]+\]$/ {
      step = $NF; gsub(/[][]/, "", step)
      printf "[run] building %s (%s)\n", module, step
      fflush()
    }'
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
    BUILD_LOG="$CACHE/build.log"
    log "building the extension (mvn -pl dist -am package, tests skipped); full output in $BUILD_LOG"
    if ! mvn -B -ntp -Dstyle.color=never -DskipTests -pl dist -am package 2>&1 | tee "$BUILD_LOG" | build_progress; then
      printf '[run] build failed; last 60 lines of %s:\n' "$BUILD_LOG" >&2
      tail -n 60 "$BUILD_LOG" >&2
      exit 1
    fi
    JAR="$(find_jar)"
    [[ -n "$JAR" ]] || die "build finished but dist/target/partner-access-keycloak-*.jar is missing"
  else
    log "extension jar is up to date: $JAR"
  fi
fi

# --- the Keycloak distribution (downloaded and unpacked once) -----------------------------

KC_HOME="$CACHE/keycloak-$KC_VERSION"

if [[ ! -x "$KC_HOME/bin/kc.sh" ]]; then
  command -v mvn >/dev/null || die "mvn is required to fetch the Keycloak distribution"
  log "fetching Keycloak $KC_VERSION into $CACHE..."
  UNPACK="$CACHE/.unpack.$$"
  rm -rf "$UNPACK"
  mkdir -p "$UNPACK"
  # -N: only the parent pom, the goal must not run once per module; Maven's output goes to a log
  # (it is shown on failure), so the terminal gets no stray escape codes from it
  FETCH_LOG="$CACHE/fetch.log"
  if ! mvn -B -ntp -Dstyle.color=never -N dependency:copy \
      "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" "-DoutputDirectory=$UNPACK" >"$FETCH_LOG" 2>&1; then
    rm -rf "$UNPACK"
    tail -n 40 "$FETCH_LOG" >&2
    die "cannot fetch org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip (Maven's output: $FETCH_LOG)"
  fi
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

case "$DB" in
  postgres | mariadb)
    # shellcheck source=bin/db.sh
    source "$ROOT/bin/db.sh"
    if [[ "$DB" == postgres ]]; then
      command -v psql >/dev/null || die "psql is required for --db postgres"
      DB_LABEL=PostgreSQL
    else
      command -v mariadb >/dev/null || command -v mysql >/dev/null || die "the mariadb client is required for --db mariadb"
      DB_LABEL=MariaDB
    fi
    FRESH=()
    if [[ "$RESET" == true ]]; then
      log "dropping database $DB_NAME (--reset)"
      FRESH=(--fresh)
    fi
    DB_URL="$(db_database "$DB" "$DB_NAME" ${FRESH[@]+"${FRESH[@]}"})" || die "cannot prepare the $DB_LABEL database $DB_NAME"
    DB_ARGS=("--db=$DB" "--db-url=$DB_URL" --db-username=keycloak --db-password=keycloak)
    DB_HOST_PORT="${DB_URL#*://}"
    DB_DESC="$DB_LABEL database $DB_NAME on ${DB_HOST_PORT%%/*}"
    ;;
  *)
    if [[ "$RESET" == true ]]; then
      log "removing the H2 database (--reset)"
      rm -rf "$KC_HOME/data/h2"
    fi
    DB_DESC="H2 files in $KC_HOME/data/h2"
    ;;
esac

# --- start Keycloak ------------------------------------------------------------------------

# again: the build or the download may have taken a while
check_ports

LOG="$CACHE/keycloak.log"
: >"$LOG"
KC_ARGS=(start-dev "--http-port=$PORT" --http-host=127.0.0.1 "--http-management-port=$MGMT_PORT"
         --import-realm --health-enabled=true --log-console-color=false ${DB_ARGS[@]+"${DB_ARGS[@]}"})

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

BASE="http://127.0.0.1:$PORT"

# --- check mode: does the demo answer? --------------------------------------------------------

# check_demo: ops-admin's token (the demo's password grant) lists the three seeded partners, each
# active with its two members; prints one line per partner, fails with the reason
check_demo() {
  local token partners
  token=$(curl -sS --max-time 20 "$BASE/realms/partners/protocol/openid-connect/token" \
            -d grant_type=password -d client_id=partner-portal -d username=ops-admin -d password=partner \
          | python3 -c 'import json,sys; print(json.load(sys.stdin).get("access_token", ""))') \
    || { log "check: no token for ops-admin"; return 1; }
  [[ -n "$token" ]] || { log "check: the token endpoint gave ops-admin no access token"; return 1; }
  partners=$(curl -sS -f --max-time 20 -H "Authorization: Bearer $token" \
               "$BASE/admin/realms/partners/partner-access/partners") \
    || { log "check: GET /admin/realms/partners/partner-access/partners as ops-admin failed"; return 1; }
  python3 -c '
import json, sys
want = {"Northwind Distribution": ("registered", "EMEA"), "Summit Agency": ("silver", "AMER"),
        "Goldline Integrators": ("gold", "APAC")}
got = {p["name"]: p for p in json.loads(sys.argv[1])}
bad = []
for name, (tier, region) in want.items():
    p = got.get(name)
    if p is None:
        bad.append(name + ": missing")
    elif (p.get("tier"), p.get("region"), p.get("status"), p.get("memberCount")) != (tier, region, "ACTIVE", 2):
        bad.append("%s: %s %s %s with %s members" % (name, p.get("tier"), p.get("region"), p.get("status"), p.get("memberCount")))
    else:
        print("[run] check: %s (%s, %s) active with 2 members" % (name, tier, region))
if bad:
    sys.exit("[run] check failed: " + "; ".join(bad))
' "$partners"
}

if [[ "$CHECK" == true ]]; then
  check_demo || die "the demo does not answer as expected (Keycloak log: $LOG)"
  CLOSING=" Check mode: Keycloak stops now."
else
  CLOSING=" Press Ctrl-C to stop Keycloak."
fi

# --- what to do now --------------------------------------------------------------------------

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

 List the partners as ops-admin (the password grant is for this demo only, not for production):
   TOKEN=\$(curl -s $BASE/realms/partners/protocol/openid-connect/token \\
     -d grant_type=password -d client_id=partner-portal -d username=ops-admin -d password=partner \\
     | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
   curl -s -H "Authorization: Bearer \$TOKEN" \\
     $BASE/admin/realms/partners/partner-access/partners | python3 -m json.tool

 Keycloak log: $LOG   (tail -f it in another terminal)
$CLOSING
================================================================================
EOF

if [[ "$CHECK" == true ]]; then
  stop_keycloak
  ! grep -q $'\x1b' "$LOG" || die "the Keycloak log $LOG holds terminal colour codes"
  log "check passed in $SECONDS s"
  exit 0
fi

rc=0
wait "$KC_PID" || rc=$?
KC_PID=""
log "Keycloak exited with status $rc"
exit "$rc"
