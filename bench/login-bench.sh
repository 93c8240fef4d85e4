#!/usr/bin/env bash
# Login overhead, side by side: stock Keycloak and Keycloak with Partner Access, started together on this machine on
# the same kind of database, driven in turn by the same Gatling simulation (browser login: login page, form post, code
# exchange; then a token refresh). Each round restarts both servers and warms them up; rounds alternate which server
# goes first. Results: bench/target/login-<db>/.
#
#   bench/login-bench.sh [--db h2|postgres] [--rounds 3] [--seconds 30] [--users 100] [--concurrency 4]
#                        [--same-jvm-seconds 30]   # open phase of the run of both realms at once (default --seconds)
#                        [--jvm-opts "-XX:..."]    # extra JVM options, the same on both servers (kc.sh JAVA_OPTS_APPEND)
#
# Ports: stock 8280/9200, partner-access 8380/9300 (loopback only), so it can run beside a demo on 8080.
set -euo pipefail
DB=h2
ROUNDS=3
SECONDS_PER_PHASE=30
USERS=100
CONCURRENCY=4
SAME_JVM_SECONDS=
JVM_OPTS=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) DB="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --seconds) SECONDS_PER_PHASE="$2"; shift 2 ;;
    --users) USERS="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --same-jvm-seconds) SAME_JVM_SECONDS="$2"; shift 2 ;;
    --jvm-opts) JVM_OPTS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
SAME_JVM_SECONDS=${SAME_JVM_SECONDS:-$SECONDS_PER_PHASE}
case "$DB" in h2|postgres) ;; *) echo "--db is h2 or postgres" >&2; exit 2 ;; esac
source "$(dirname "$0")/lib/common.sh"

OUT="$WORK/login-$DB"
rm -rf "$OUT"
mkdir -p "$OUT"
bench_build
CP=$(bench_classpath)

declare -A URL=([stock]="http://127.0.0.1:${LOGIN_PORT[stock]}" [partner-access]="http://127.0.0.1:${LOGIN_PORT[partner-access]}")

declare -A PID DB_OPTS

prepare_server() { # flavour: a fresh distribution copy and database, built for the database kind
  local flavour=$1 dir="$WORK/login-kc-$1"
  bench_dist "$dir"
  rm -rf "$dir/data"
  DB_OPTS[$flavour]=""
  if [[ "$DB" == postgres ]]; then
    ensure_postgres
    local name
    name=$(login_db_name "$flavour")
    fresh_database "$name"
    DB_OPTS[$flavour]="--db-url=jdbc:postgresql://127.0.0.1:5432/$name --db-username=keycloak --db-password=keycloak"
  fi
  if [[ "$flavour" == partner-access ]]; then
    cp dist/target/partner-access-keycloak-*.jar "$dir/providers/partner-access.jar"
  fi
  local kind=$DB
  [[ "$DB" == h2 ]] && kind=dev-file
  "$dir/bin/kc.sh" build --db="$kind" --health-enabled=true --metrics-enabled=true --cache=local > "$dir-build.log"
}

start_server() { # flavour
  # A fixed heap on both sides (kc.sh's cap, 512 MiB, from the start): the password hash allocates several MiB per
  # login, and a heap still growing would make the first minutes of every JVM slower than the rest.
  # shellcheck disable=SC2086
  JAVA_OPTS_KC_HEAP="-Xms512m -Xmx512m" JAVA_OPTS_APPEND="$JVM_OPTS" kc_start "$WORK/login-kc-$1" "${LOGIN_PORT[$1]}" "${LOGIN_MGMT[$1]}" \
    ${DB_OPTS[$1]}
  PID[$1]=$KC_STARTED_PID
}

stop_server() { # flavour
  kill "${PID[$1]}" 2>/dev/null || true
  wait "${PID[$1]}" 2>/dev/null || true
}

simulate() { # flavour seconds rate output
  gatling_run "${URL[$1]}" "$1" bench "$USERS" "$CONCURRENCY" "$2" "$3" "$4"
}

simulate_both() { # seconds rate output-partner output-plain [open-phase-seconds]: the partner and the plain realm of
  # the Partner Access server at the same time, half the users each
  LATENCY_SECONDS=${5:-$1} gatling_run "${URL[partner-access]}" partner-access bench "$USERS" "$CONCURRENCY" "$1" "$2" "$3" \
    bench-plain stock "$4"
}

for flavour in stock partner-access; do
  prepare_server "$flavour"
  start_server "$flavour"
  echo "$flavour Keycloak ready on ${URL[$flavour]}"
  java -cp "$CP" dev.partneraccess.bench.login.LoginBenchRealm --url "${URL[$flavour]}" --flavour "$flavour" --users "$USERS"
done
# The Partner Access server also gets a plain realm, the stock side's twin: driving both realms of one JVM at the same
# time separates what the extension costs a login from how lucky each JVM was with its JIT and how warm it is.
java -Dbench.realm=bench-plain -cp "$CP" dev.partneraccess.bench.login.LoginBenchRealm --url "${URL[partner-access]}" \
  --flavour stock --users "$USERS"

# Every round runs on freshly started JVMs, each warmed up first: how well the JIT compiles the password hash differs
# from one JVM to the next by more than the extension costs, so one pair of JVMs for all rounds would measure that luck.
WARM=$(( SECONDS_PER_PHASE / 2 > 5 ? SECONDS_PER_PHASE / 2 : 5 ))
for round in $(seq "$ROUNDS"); do
  if (( round > 1 )); then
    for flavour in stock partner-access; do stop_server "$flavour"; done
    for flavour in stock partner-access; do start_server "$flavour"; done
  fi
  order=(stock partner-access)
  (( round % 2 == 0 )) && order=(partner-access stock)
  echo "round $round: warm-up, then ${order[*]}"
  for flavour in "${order[@]}"; do
    simulate "$flavour" "$WARM" 2 "$OUT/warmup-$round-$flavour.json" > /dev/null
  done
  simulate_both "$WARM" 2 "$OUT/warmup-$round-both-partner.json" "$OUT/warmup-$round-both-plain.json" > /dev/null
  if (( round == 1 )); then
    # The open phase runs at 60 % of what stock Keycloak carried in its warm-up, a load both servers keep up with.
    RATE=$(python3 -c "import json; print(round(max(1.0, 0.6 * json.load(open('$OUT/warmup-1-stock.json'))['throughput']), 1))")
    echo "open-phase rate: $RATE logins/s"
  fi
  for flavour in "${order[@]}"; do
    simulate "$flavour" "$SECONDS_PER_PHASE" "$RATE" "$OUT/round-$round-$flavour.json"
  done
  echo "  partner and plain realm of the Partner Access server at the same time"
  simulate_both "$SECONDS_PER_PHASE" "$RATE" "$OUT/round-$round-both-partner.json" "$OUT/round-$round-both-plain.json" \
    "$SAME_JVM_SECONDS"
done

# Heap after the login runs: a full GC on each server, then the heap in use from its metrics.
for flavour in stock partner-access; do
  pid=$(kc_java_pid "$WORK/login-kc-$flavour")
  if [[ -n "$pid" ]]; then jcmd "$pid" GC.run > /dev/null; fi
done
sleep 2
for flavour in stock partner-access; do
  java -cp "$CP" dev.partneraccess.bench.login.HeapProbe "http://127.0.0.1:${LOGIN_MGMT[$flavour]}/metrics" > "$OUT/heap-$flavour.txt"
done

java -Djava.awt.headless=true -cp "$CP" dev.partneraccess.bench.login.LoginReport --dir "$OUT" --db "$DB" \
  --rounds "$ROUNDS" --users "$USERS" --jvm-opts "${JVM_OPTS:-none}"
echo "results: $OUT/login-results.md, $OUT/login-$DB.png"
