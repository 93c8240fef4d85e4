#!/usr/bin/env bash
# UMA decisions on released content against stock Keycloak's role policy, in one JVM, on PostgreSQL: decisions per
# second per side, the ratio ours/stock, p50/p95/p99, and database statements per decision (pg_stat_statements).
#
#   bench/content-bench.sh [--packages 10000] [--partners 4] [--users 8] [--clients 4] [--rounds 3] [--seconds 20]
#                          [--warmup 20] [--counted 500] [--seed-threads 6] [--released FILE] [--out content]
#
# Starts its own Keycloak (production mode, PostgreSQL database partner_access_bench, ports 8180/9100). The realm
# bench-content holds the product's resource-server client content-library, whose --packages packages are created and
# released (a self-service kind, no stages) through the product's API, and its twin stock-library with as many
# resources of the same shape and one scope permission on view tied to a stock role policy. JAVA_OPTS_APPEND reaches
# the server (a flight recording, say). Results: bench/target/<out>-results.md.
set -euo pipefail
ARGS=()
OUT=content
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --packages|--partners|--users|--clients|--rounds|--seconds|--warmup|--counted|--seed-threads|--released) ARGS+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
source "$(dirname "$0")/lib/pg-stat-statements.sh"
if [[ "${BENCH_REUSE_SERVER:-}" != 1 ]]; then
  ensure_pg_stat_statements
fi
# No sweep and no gauge refresh during the runs: both are timers of their own, not part of a decision.
KC_EXTRA_OPTS="${KC_EXTRA_OPTS:---spi-partner-access--default--sweep-interval=86400 --spi-partner-access--default--metrics-interval=86400}"
source "$(dirname "$0")/lib/keycloak.sh"
java -cp "$(bench_classpath)" dev.partneraccess.bench.ContentDecisionBench --url http://127.0.0.1:8180 \
  --jdbc jdbc:postgresql://127.0.0.1:5432/partner_access_bench --ids "$WORK/$OUT-ids.txt" --out "$WORK/$OUT-results.md" \
  ${ARGS[@]+"${ARGS[@]}"}
if grep -E ' ERROR .*dev\.partneraccess' "$KC.log" | grep -v 'bench' > "$WORK/$OUT-server-errors.txt"; then
  echo "the server logged errors from the product (bench/target/$OUT-server-errors.txt):" >&2
  head -5 "$WORK/$OUT-server-errors.txt" >&2
  exit 1
fi
