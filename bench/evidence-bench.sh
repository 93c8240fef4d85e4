#!/usr/bin/env bash
# Evidence ledger benchmark on PostgreSQL: appends/s from concurrent writers, verify and export
# throughput and server heap at 100,000 and 1,000,000 records. Results: bench/target/evidence-results.md.
#
#   bench/evidence-bench.sh [--sizes 100000,1000000] [--appends 2000] [--writers 4]
#
# Starts its own Keycloak (production mode, PostgreSQL database partner_access_bench, ports 8180/9100),
# so it can run beside a demo on 8080. Loopback only.
set -euo pipefail
source "$(dirname "$0")/lib/keycloak.sh"

java -cp "$(bench_classpath)" dev.partneraccess.bench.EvidenceBench \
  --url http://127.0.0.1:8180 --metrics http://127.0.0.1:9100/metrics \
  --jdbc jdbc:postgresql://127.0.0.1:5432/partner_access_bench --out "$WORK/evidence-results.md" "$@"
