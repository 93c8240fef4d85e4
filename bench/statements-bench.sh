#!/usr/bin/env bash
# Database statements per operation, stock Keycloak against the product, on PostgreSQL (pg_stat_statements): browser
# login, refresh, client credentials, a member without grants, a wrong password, a login the gate refuses.
# Results: bench/target/statements-results.md. Counts, not times: they do not depend on the machine's speed.
#
#   bench/statements-bench.sh [--users 20] [--rounds 3]
#
# Starts its own Keycloak (production mode, PostgreSQL database partner_access_bench, ports 8180/9100) with both
# realms of the login bench (bench-stock, bench) side by side. PostgreSQL is restarted once if it does not preload
# pg_stat_statements yet.
set -euo pipefail
source "$(dirname "$0")/lib/pg-stat-statements.sh"
if [[ "${BENCH_REUSE_SERVER:-}" != 1 ]]; then
  ensure_pg_stat_statements
fi
# No sweep and no gauge refresh while counting: both are timers of their own, not part of any operation.
KC_EXTRA_OPTS="${KC_EXTRA_OPTS:---spi-partner-access--default--sweep-interval=86400 --spi-partner-access--default--metrics-interval=86400}"
source "$(dirname "$0")/lib/keycloak.sh"

USERS=20
ARGS=()
while (($#)); do
  case "$1" in
    --users) USERS="$2"; ARGS+=("$1" "$2"); shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
CP=$(bench_classpath)
URL=http://127.0.0.1:8180
if [[ "${BENCH_REUSE_SERVER:-}" != 1 ]]; then
  java -Dbench.realm=bench-stock -cp "$CP" dev.partneraccess.bench.login.LoginBenchRealm --url "$URL" --flavour stock --users "$USERS"
  java -Dbench.realm=bench -cp "$CP" dev.partneraccess.bench.login.LoginBenchRealm --url "$URL" --flavour partner-access --users "$USERS"
fi
java -cp "$CP" dev.partneraccess.bench.login.StatementBench --url "$URL" \
  --jdbc jdbc:postgresql://127.0.0.1:5432/partner_access_bench --out "$WORK/statements-results.md" --users "$USERS" \
  ${ARGS[@]+"${ARGS[@]}"}
