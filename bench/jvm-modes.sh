#!/usr/bin/env bash
# How fast a freshly started server logs users in, start after start: each server of a finished login bench run
# (bench/login-bench.sh, same --db) is started alone, warmed up, measured, and stopped, again and again, alternating
# stock and Partner Access. The login bench's side-by-side rounds swing with the speed each fresh JVM happens to reach;
# this shows how often each server lands in which speed, without the other server beside it.
# Results: bench/target/jvm-modes-<db>/.
#
#   bench/jvm-modes.sh [--db h2|postgres] [--starts 6] [--seconds 20] [--users 100]   # --users as in that login bench
#   JAVA_OPTS_APPEND="-XX:..." bench/jvm-modes.sh ...   # the same JVM options on both servers
set -euo pipefail
DB=h2
STARTS=6
SECONDS_PER_PHASE=20
USERS=100
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) DB="$2"; shift 2 ;;
    --starts) STARTS="$2"; shift 2 ;;
    --seconds) SECONDS_PER_PHASE="$2"; shift 2 ;;
    --users) USERS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$DB" in h2|postgres) ;; *) echo "--db is h2 or postgres" >&2; exit 2 ;; esac
source "$(dirname "$0")/lib/common.sh"
bench_build

OUT="$WORK/jvm-modes-$DB"
rm -rf "$OUT"
mkdir -p "$OUT"
for flavour in stock partner-access; do
  [[ -d "$WORK/login-kc-$flavour" ]] || { echo "run bench/login-bench.sh --db $DB first: it builds and seeds the servers" >&2; exit 2; }
done

db_opts() { # flavour
  if [[ "$DB" == postgres ]]; then
    ensure_postgres
    echo "--db-url=jdbc:postgresql://127.0.0.1:5432/$(login_db_name "$1") --db-username=keycloak --db-password=keycloak"
  fi
}

echo "| start | server | logins/s after warm-up | form post p50 (ms) | login p50 (ms) |" > "$OUT/modes.md"
echo "|---|---|---|---|---|" >> "$OUT/modes.md"
for start in $(seq "$STARTS"); do
  order=(stock partner-access)
  (( start % 2 == 0 )) && order=(partner-access stock)
  for flavour in "${order[@]}"; do
    dir="$WORK/login-kc-$flavour"
    # shellcheck disable=SC2046
    JAVA_OPTS_KC_HEAP="-Xms512m -Xmx512m" kc_start "$dir" "${LOGIN_PORT[$flavour]}" "${LOGIN_MGMT[$flavour]}" $(db_opts "$flavour")
    url="http://127.0.0.1:${LOGIN_PORT[$flavour]}"
    gatling_run "$url" "$flavour" bench "$USERS" 4 "$SECONDS_PER_PHASE" 2 "$OUT/warmup-$start-$flavour.json" > /dev/null
    gatling_run "$url" "$flavour" bench "$USERS" 4 "$SECONDS_PER_PHASE" 2 "$OUT/run-$start-$flavour.json" > /dev/null
    kill "$KC_STARTED_PID" 2>/dev/null || true
    wait "$KC_STARTED_PID" 2>/dev/null || true
    python3 - "$OUT/run-$start-$flavour.json" "$start" "$flavour" >> "$OUT/modes.md" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["capacity"]
print(f'| {sys.argv[2]} | {sys.argv[3]} | {r["throughput"]:.1f} | {c["formPost"]["p50"]} | {c["login"]["p50"]:.1f} |')
PY
    tail -1 "$OUT/modes.md"
  done
done
echo "results: $OUT/modes.md"
