# Shared by the bench scripts (source it): a fresh PostgreSQL database partner_access_bench, the product jar
# and the bench-only provider built from this checkout, and Keycloak started in production mode on 8180/9100.
# Sets ROOT, VERSION, WORK, KC, KC_PID; extra kc.sh start options can be given in KC_EXTRA_OPTS.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
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
# The bench-only endpoint; it never ships in the product jar.
cp bench/target/partner-access-bench-*.jar "$KC/providers/partner-access-bench.jar"
"$KC/bin/kc.sh" build --db=postgres --health-enabled=true --metrics-enabled=true --cache=local > "$WORK/build.log"

# shellcheck disable=SC2086
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin "$KC/bin/kc.sh" start --optimized \
  --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 --http-port=8180 --http-management-port=9100 \
  --db-url=jdbc:postgresql://127.0.0.1:5432/partner_access_bench --db-username=keycloak --db-password=keycloak \
  ${KC_EXTRA_OPTS:-} > "$WORK/keycloak.log" 2>&1 &
KC_PID=$!
trap 'kill $KC_PID 2>/dev/null; wait $KC_PID 2>/dev/null || true' EXIT
for _ in $(seq 180); do
  curl -sf http://127.0.0.1:9100/health/ready >/dev/null && break
  kill -0 $KC_PID 2>/dev/null || { tail -50 "$WORK/keycloak.log"; exit 1; }
  sleep 1
done
