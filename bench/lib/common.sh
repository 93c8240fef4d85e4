# Shared by the bench scripts (source it). Sets ROOT, VERSION, WORK and defines:
#   bench_build                     the product jar, the bench module and its classpath (skipped when BENCH_BUILT=1)
#   bench_dist DIR                  an unpacked copy of the pinned Keycloak distribution in DIR
#   ensure_postgres, fresh_database NAME   the local PostgreSQL through bin/db.sh
#   LOGIN_PORT, LOGIN_MGMT, login_db_name FLAVOUR
#                                   the login bench's two servers (stock, partner-access): ports and PostgreSQL database
#   gatling_run URL FLAVOUR REALM USERS CONCURRENCY SECONDS RATE OUT [TWIN_REALM TWIN_FLAVOUR TWIN_OUT]
#                                   one LoginSimulation run; its figures go to OUT (JSON), a summary line to stdout;
#                                   with a twin, both realms at once, each with half the users and half the rate;
#                                   LATENCY_SECONDS (environment) makes the open phase longer than SECONDS
#   kc_start DIR PORT MGMT_PORT ... starts DIR's kc.sh (production mode, loopback only) with the extra options,
#                                   waits until ready; the PID is in KC_STARTED_PID and is stopped on exit
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -1)
WORK="$ROOT/bench/target"
mkdir -p "$WORK"
KC_PIDS=()
trap 'for p in "${KC_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${KC_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done' EXIT

bench_build() {
  if [[ "${BENCH_BUILT:-}" == 1 && -f "$WORK/classpath.txt" ]]; then
    return
  fi
  # One reactor build, so the bench resolves the product modules from this checkout, not from ~/.m2.
  mvn -B -q -ntp -Pbench -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl dist,bench -am
  export BENCH_BUILT=1
}

bench_classpath() {
  echo "$(cat "$WORK/classpath.txt"):$ROOT/bench/target/classes"
}

bench_dist() {
  local dir=$1
  local zip="$WORK/keycloak-quarkus-dist-$VERSION.zip"
  if [[ ! -f "$zip" ]]; then
    mvn -B -q -ntp dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" -DoutputDirectory="$WORK"
  fi
  if [[ ! -d "$dir" ]]; then
    mkdir -p "$dir.tmp"
    unzip -q "$zip" -d "$dir.tmp"
    mv "$dir.tmp/keycloak-$VERSION" "$dir"
    rmdir "$dir.tmp"
  fi
  rm -f "$dir"/providers/partner-access*.jar
}

# The database steps are bin/db.sh's, shared with run.sh and CI.
# shellcheck source=bin/db.sh
source "$ROOT/bin/db.sh"

# the local PostgreSQL runs and has the role keycloak
ensure_postgres() {
  db_server postgres && db_user postgres
}

# login-bench.sh builds and seeds these two servers; jvm-modes.sh starts them again.
declare -A LOGIN_PORT=([stock]=8280 [partner-access]=8380)
declare -A LOGIN_MGMT=([stock]=9200 [partner-access]=9300)
login_db_name() { # flavour
  echo "partner_access_login_${1//-/_}"
}

# NAME: an empty PostgreSQL database owned by keycloak (dropped first when it exists)
fresh_database() {
  db_database postgres "$1" --fresh >/dev/null
}

kc_start() {
  local dir=$1 port=$2 mgmt=$3
  shift 3
  # shellcheck disable=SC2086
  # In a session of its own: a Ctrl-C at the bench reaches only the script, whose exit trap stops Keycloak cleanly.
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin setsid "$dir/bin/kc.sh" start --optimized \
    --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 --http-port="$port" --http-management-port="$mgmt" \
    "$@" > "$dir.log" 2>&1 &
  KC_STARTED_PID=$!
  KC_PIDS+=("$KC_STARTED_PID")
  for _ in $(seq 180); do
    curl -sf "http://127.0.0.1:$mgmt/health/ready" >/dev/null && return
    kill -0 "$KC_STARTED_PID" 2>/dev/null || { tail -50 "$dir.log"; exit 1; }
    sleep 1
  done
  echo "Keycloak in $dir did not become ready" >&2
  exit 1
}

# The JVM of the Keycloak started from DIR (kc.sh replaces itself with java, but look it up to be sure).
kc_java_pid() {
  pgrep -f -- "-Dkc.home.dir=$1/bin/.." | head -1 || true
}

gatling_run() {
  local url=$1 flavour=$2 realm=$3 users=$4 concurrency=$5 seconds=$6 rate=$7 out=$8
  local twin=() outs=("$out")
  if [[ -n "${9:-}" ]]; then
    twin=(-Dbench.twin.realm="$9" -Dbench.twin.flavour="${10}" -Dbench.twin.out="${11}")
    outs+=("${11}")
  fi
  # Gatling logs through logback; Keycloak's own SLF4J binding (pulled in by the server modules) would take over.
  local cp
  cp=$(tr ':' '\n' <<< "$(bench_classpath)" | grep -v -E 'slf4j-jboss|jboss-logmanager' | paste -sd:)
  java -Xmx512m --add-opens java.base/java.lang=ALL-UNNAMED -cp "$cp" -Dlogback.configurationFile="$ROOT/bench/logback-gatling.xml" \
    -Dbench.url="$url" -Dbench.flavour="$flavour" -Dbench.realm="$realm" -Dbench.users="$users" -Dbench.seconds="$seconds" \
    -Dbench.latency.seconds="${LATENCY_SECONDS:-$seconds}" \
    -Dbench.concurrency="$concurrency" -Dbench.rate="$rate" -Dbench.out="$out" "${twin[@]}" \
    io.gatling.app.Gatling -s dev.partneraccess.bench.login.LoginSimulation -rf "$(dirname "$out")/gatling" -nr > "$out.log" 2>&1 \
    || { tail -40 "$out.log"; exit 1; }
  python3 - "${outs[@]}" <<'PY'
import json, sys
for path in sys.argv[1:]:
    r = json.load(open(path))
    c, l = r["capacity"], r["latency"]
    name = r.get("realm", r["flavour"])
    print(f'  {name:>14}: {r["throughput"]:6.1f} logins/s with {r["concurrency"]} users; at {r["rate"]:.1f}/s login p50 {l["login"]["p50"]:.1f} ms p99 {l["login"]["p99"]:.1f} ms, refresh p99 {l["refresh"]["p99"]:.1f} ms; failed {c["failed"] + l["failed"]}')
    print(f'  {"":>14}  p50 per request at {r["rate"]:.1f}/s: login page {l["loginPage"]["p50"]} ms, form post {l["formPost"]["p50"]} ms, code exchange {l["codeExchange"]["p50"]} ms')
    if c["logins"] == 0 or l["logins"] == 0:
        sys.exit(f'no login completed in {path}: see {sys.argv[1]}.log')
PY
}
