#!/usr/bin/env bash
# The benches at tiny sizes against one server, so they cannot rot: .ci/run runs this after the tests. It checks that
# each bench still runs end to end and produces its tables and plot; its figures mean nothing. PostgreSQL is restarted
# once if it does not preload pg_stat_statements yet (the statement bench needs it).
#
#   bench/smoke.sh
#
# One Keycloak (PostgreSQL database partner_access_bench, ports 8180/9100) with the product jar and the bench-only
# provider. The login bench puts both of its sides into this server as two realms ("bench-stock" and "bench").
set -euo pipefail
START=$(date +%s)
KC_EXTRA_OPTS="--spi-partner-access--default--sweep-interval=86400"
# The statement bench reads pg_stat_statements, which PostgreSQL loads only at its start.
source "$(dirname "$0")/lib/pg-stat-statements.sh"
ensure_pg_stat_statements
source "$(dirname "$0")/lib/keycloak.sh"
READY=$(date +%s)
export BENCH_REUSE_SERVER=1 BENCH_BUILT=1
URL=http://127.0.0.1:8180
OUT="$WORK/smoke"
rm -rf "$OUT"
mkdir -p "$OUT"
CP=$(bench_classpath)

echo "login bench (2 x 3 s per side, 10 users)"
java -Dbench.realm=bench-stock -cp "$CP" dev.partneraccess.bench.login.LoginBenchRealm --url "$URL" --flavour stock --users 10
java -Dbench.realm=bench -cp "$CP" dev.partneraccess.bench.login.LoginBenchRealm --url "$URL" --flavour partner-access --users 10
gatling_run "$URL" stock bench-stock 10 2 3 2 "$OUT/round-1-stock.json"
gatling_run "$URL" partner-access bench 10 2 3 2 "$OUT/round-1-partner-access.json"
gatling_run "$URL" partner-access bench 10 2 3 2 "$OUT/round-1-both-partner.json" bench-stock stock "$OUT/round-1-both-plain.json"
java -cp "$CP" dev.partneraccess.bench.login.HeapProbe http://127.0.0.1:9100/metrics > "$OUT/heap-stock.txt"
cp "$OUT/heap-stock.txt" "$OUT/heap-partner-access.txt"
java -Djava.awt.headless=true -cp "$CP" dev.partneraccess.bench.login.LoginReport --dir "$OUT" --db postgres --rounds 1 --users 10 > /dev/null
test -s "$OUT/login-postgres.png"
grep -q "both realms at once" "$OUT/login-results.md"
grep -q "open-phase logins pooled" "$OUT/login-results.md"

echo "statement bench (3 users, one measured round, in the login bench's two realms)"
bench/statements-bench.sh --users 3 --rounds 1 > "$OUT/statements.log" 2>&1 || { tail -30 "$OUT/statements.log"; exit 1; }
grep -q "| browser login, grant holder |" "$WORK/statements-results.md"
grep -q "| login refused by the gate |" "$WORK/statements-results.md"

echo "evidence bench (100 appends, 5,000 records, a storm of 2 denied users)"
bench/evidence-bench.sh --appends 100 --writers 2 --sizes 5000 --storm-users 2 > "$OUT/evidence.log" 2>&1 || { tail -30 "$OUT/evidence.log"; exit 1; }
grep -q "chain valid: true" "$WORK/evidence-results.md"
grep -q "logins the gate denies" "$WORK/evidence-results.md"

echo "sweep bench (500 due among 2,000 grants)"
bench/sweep-bench.sh --total 2000 --due 500 --requests 100 > "$OUT/sweep.log" 2>&1 || { tail -30 "$OUT/sweep.log"; exit 1; }
grep -q "| role mappings left / grants EXPIRED / GRANT_EXPIRED records | 0 / 500 / 500 |" "$WORK/sweep-results.md"

echo "review bench (a review of 300 grants, closed with 150 revocations)"
bench/review-bench.sh --grants 300 --revoke 150 --partners 2 --api-decisions 10 --calls 5 > "$OUT/review.log" 2>&1 || { tail -30 "$OUT/review.log"; exit 1; }
grep -q "| review status / grants REVOKED / role mappings left / GRANT_REVOKED records | CLOSED / 150 / 150 / 150 |" "$WORK/review-results.md"

echo "content bench (100 released packages and their twins, one round of 2 s per side)"
bench/content-bench.sh --packages 100 --rounds 1 --seconds 2 --warmup 2 --counted 20 --out content > "$OUT/content.log" 2>&1 || { tail -30 "$OUT/content.log"; exit 1; }
grep -q "| all | ours |" "$WORK/content-results.md"
grep -q "Database statements per decision" "$WORK/content-results.md"

END=$(date +%s)
echo "bench smoke run passed: server build and start $((READY - START)) s, benches $((END - READY)) s"
