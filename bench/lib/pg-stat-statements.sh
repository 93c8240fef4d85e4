# Source it before a bench starts Keycloak: makes sure PostgreSQL preloads pg_stat_statements, which counts the
# statements each operation costs (bench/statements-bench.sh). Turning it on restarts PostgreSQL once; a server that
# already preloads it is left alone.
ensure_pg_stat_statements() {
  local preload
  preload=$(su postgres -c "psql -X -Atc 'SHOW shared_preload_libraries'")
  if [[ "$preload" == *pg_stat_statements* ]]; then
    return
  fi
  echo "PostgreSQL: preloading pg_stat_statements (one restart)"
  su postgres -c "psql -X -qc \"ALTER SYSTEM SET shared_preload_libraries = '${preload:+$preload,}pg_stat_statements'\""
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main restart
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 && return; sleep 1; done
  echo "PostgreSQL did not come back after the restart" >&2
  return 1
}
