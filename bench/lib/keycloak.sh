# Shared by the evidence and sweep benches (source it): a fresh PostgreSQL database partner_access_bench, the product
# jar and the bench-only provider built from this checkout, and Keycloak started in production mode on 8180/9100.
# Sets ROOT, VERSION, WORK, KC, KC_PID; extra kc.sh start options can be given in KC_EXTRA_OPTS.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
KC="$WORK/keycloak-$VERSION"
if [[ "${BENCH_REUSE_SERVER:-}" == 1 ]]; then
  # bench/smoke.sh runs every bench against the one server it started.
  KC_PID=$(kc_java_pid "$KC")
  return 0
fi

ensure_postgres
fresh_database partner_access_bench
bench_build
bench_dist "$KC"
cp dist/target/partner-access-keycloak-*.jar "$KC/providers/partner-access.jar"
# The bench-only endpoint; it never ships in the product jar.
cp bench/target/partner-access-bench-*.jar "$KC/providers/partner-access-bench.jar"
"$KC/bin/kc.sh" build --db=postgres --health-enabled=true --metrics-enabled=true --cache=local > "$WORK/build.log"
# shellcheck disable=SC2086
kc_start "$KC" 8180 9100 --db-url=jdbc:postgresql://127.0.0.1:5432/partner_access_bench --db-username=keycloak \
  --db-password=keycloak ${KC_EXTRA_OPTS:-}
KC_PID=$KC_STARTED_PID
