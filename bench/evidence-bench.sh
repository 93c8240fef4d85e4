#!/usr/bin/env bash
# Evidence ledger benchmark on PostgreSQL: appends/s from concurrent writers, verify and export
# throughput and server heap at 100,000 and 1,000,000 records. Results: bench/target/evidence-results.md.
#
#   bench/evidence-bench.sh [--sizes 100000,1000000] [--appends 2000] [--writers 4]
#
# Starts its own Keycloak (production mode, PostgreSQL database partner_access_bench, ports 8180/9100),
# so it can run beside a demo on 8080. Loopback only.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -1)
WORK="$ROOT/bench/target"
KC="$WORK/keycloak-$VERSION"
mkdir -p "$WORK"

if ! pg_isready -q -h 127.0.0.1; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  sleep 2
fi
su postgres -c "psql -q -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keycloak') THEN CREATE ROLE keycloak LOGIN PASSWORD 'keycloak'; END IF; END \\\$\\\$;\""
su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS partner_access_bench WITH (FORCE)'"
su postgres -c "psql -q -c 'CREATE DATABASE partner_access_bench OWNER keycloak'"

# One reactor build, so the bench resolves the product modules from this checkout, not from ~/.m2.
mvn -B -q -Pbench -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl dist,bench -am

if [[ ! -d "$KC" ]]; then
  mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" -DoutputDirectory="$WORK"
  unzip -q "$WORK/keycloak-quarkus-dist-$VERSION.zip" -d "$WORK"
fi
rm -f "$KC"/providers/partner-access*.jar
cp dist/target/partner-access-keycloak-*.jar "$KC/providers/partner-access.jar"
# The bench-only append endpoint; it never ships in the product jar.
cp bench/target/partner-access-bench-*.jar "$KC/providers/partner-access-bench.jar"
"$KC/bin/kc.sh" build --db=postgres --health-enabled=true --metrics-enabled=true --cache=local > "$WORK/build.log"

KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin "$KC/bin/kc.sh" start --optimized \
  --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 --http-port=8180 --http-management-port=9100 \
  --db-url=jdbc:postgresql://127.0.0.1:5432/partner_access_bench --db-username=keycloak --db-password=keycloak \
  > "$WORK/keycloak.log" 2>&1 &
KC_PID=$!
trap 'kill $KC_PID 2>/dev/null; wait $KC_PID 2>/dev/null || true' EXIT
for _ in $(seq 180); do
  curl -sf http://127.0.0.1:9100/health/ready >/dev/null && break
  kill -0 $KC_PID 2>/dev/null || { tail -50 "$WORK/keycloak.log"; exit 1; }
  sleep 1
done

java -cp "$(cat "$WORK/classpath.txt"):bench/target/classes" dev.partneraccess.bench.EvidenceBench \
  --url http://127.0.0.1:8180 --metrics http://127.0.0.1:9100/metrics \
  --jdbc jdbc:postgresql://127.0.0.1:5432/partner_access_bench --out "$WORK/evidence-results.md" "$@"
