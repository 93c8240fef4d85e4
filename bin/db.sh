#!/usr/bin/env bash
# Local database bootstrap for the demo, CI and the benches: one place that knows how to reach the
# machine's PostgreSQL or MariaDB as its administrator.
#
#   bin/db.sh [--fresh] [--install] postgres|mariadb NAME
#
# Makes sure the server runs on 127.0.0.1 (starts it when it is down; --install first installs the
# Debian package when the server is missing), that the database user keycloak / keycloak exists,
# and that the database NAME exists and belongs to it (--fresh drops it and creates it anew). Prints
# the JDBC URL on stdout; what it did goes to stderr.
#
# Sourced (`source bin/db.sh`), it defines the same steps as functions and changes no shell option:
#   db_server VENDOR                    the server runs (DB_INSTALL=1: install the package if missing)
#   db_user VENDOR                      the user keycloak with the password keycloak exists
#   db_database VENDOR NAME [--fresh]   all of the above, then the database; prints its JDBC URL
#   db_jdbc_url VENDOR NAME             prints the JDBC URL only
#
# PostgreSQL: the role keycloak owns the database; the superuser is reached as postgres over TCP
# (trust auth) or, as root, through `su postgres`. MariaDB: root over the socket with no password;
# the user exists as 'keycloak'@'localhost' (socket) and 'keycloak'@'127.0.0.1' (JDBC over TCP, which
# matches by address when the server skips name resolution), and the database is created with the
# character set Keycloak's database guide recommends, utf8mb4 with utf8mb4_unicode_ci.
# An existing user keeps its password: this script never changes an account it did not create.

DB_HOST=127.0.0.1
DB_USER=keycloak
DB_PASSWORD=keycloak

_db_log() { printf '[db] %s\n' "$*" >&2; }
_db_err() { printf '[db] ERROR: %s\n' "$*" >&2; return 1; }

_db_vendor() {
  case "$1" in
    postgres | postgresql) echo postgres ;;
    mariadb) echo mariadb ;;
    *) _db_err "database vendor must be postgres or mariadb, not '$1'" ;;
  esac
}

_db_port() {
  case "$1" in
    postgres) echo 5432 ;;
    mariadb) echo 3306 ;;
  esac
}

# a plain identifier only: the name goes into SQL unquoted
_db_check_name() {
  [[ "$1" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || _db_err "database name must be lower-case letters, digits and _, not '$1'"
}

db_jdbc_url() {
  local vendor
  vendor=$(_db_vendor "$1") || return 1
  _db_check_name "$2" || return 1
  case "$vendor" in
    postgres) echo "jdbc:postgresql://$DB_HOST:$(_db_port postgres)/$2" ;;
    mariadb) echo "jdbc:mariadb://$DB_HOST:$(_db_port mariadb)/$2" ;;
  esac
}

# --- PostgreSQL ------------------------------------------------------------------------------

_pg_ready() { pg_isready -q -h "$DB_HOST" -p 5432 2>/dev/null; }

# _pg_sql SQL: runs SQL as the postgres superuser, prints bare tuples
_pg_sql() {
  # no NOTICE lines (such as "does not exist, skipping" from DROP ... IF EXISTS)
  local quiet=$'SET client_min_messages TO warning;\n'
  if psql -X -q -tA -U postgres -h "$DB_HOST" -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
    psql -X -q -tA -v ON_ERROR_STOP=1 -U postgres -h "$DB_HOST" -d postgres <<<"$quiet$1"
  elif [[ "$(id -u)" == 0 ]]; then
    su postgres -c 'psql -X -q -tA -v ON_ERROR_STOP=1 -d postgres' <<<"$quiet$1"
  else
    _db_err "cannot connect to PostgreSQL as the postgres superuser"
  fi
}

_pg_server() {
  _pg_ready && return 0
  local clusters=(/etc/postgresql/*/main)
  if [[ ! -d "${clusters[0]}" ]]; then
    if [[ "${DB_INSTALL:-}" == 1 ]]; then
      _db_log "installing PostgreSQL (Debian package postgresql)"
      DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || return 1
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 || return 1
    else
      _db_err "PostgreSQL is not running on $DB_HOST:5432 and is not installed (no /etc/postgresql)"
      return 1
    fi
  fi
  command -v pg_ctlcluster >/dev/null || { _db_err "PostgreSQL is not running and pg_ctlcluster is missing"; return 1; }
  local cluster version
  for cluster in /etc/postgresql/*/main; do
    version=$(basename "$(dirname "$cluster")")
    _db_log "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  done
  local _
  for _ in $(seq 30); do
    _pg_ready && return 0
    sleep 1
  done
  _db_err "PostgreSQL did not become ready on $DB_HOST:5432"
}

_pg_user() {
  local found
  found=$(_pg_sql "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'") || return 1
  if [[ "$found" != 1 ]]; then
    _pg_sql "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'" || return 1
    _db_log "created PostgreSQL role $DB_USER"
  fi
}

_pg_database() {
  local name=$1 fresh=$2 found
  if [[ "$fresh" == true ]]; then
    _pg_sql "DROP DATABASE IF EXISTS $name WITH (FORCE)" || return 1
  fi
  found=$(_pg_sql "SELECT 1 FROM pg_database WHERE datname = '$name'") || return 1
  if [[ "$found" != 1 ]]; then
    _pg_sql "CREATE DATABASE $name OWNER $DB_USER" || return 1
    if [[ "$fresh" == true ]]; then _db_log "created PostgreSQL database $name afresh"; else _db_log "created PostgreSQL database $name"; fi
  fi
}

# --- MariaDB ---------------------------------------------------------------------------------

# _my_sql SQL: runs SQL as root over the socket, prints bare rows
_my_sql() {
  local client
  client=$(command -v mariadb || command -v mysql) || { _db_err "the mariadb client is not installed"; return 1; }
  "$client" --protocol=socket -u root -N -B -e "$1"
}

_my_ready() { _my_sql 'SELECT 1' >/dev/null 2>&1; }

_my_server() {
  _my_ready && return 0
  if [[ ! -x /usr/sbin/mariadbd ]]; then
    if [[ "${DB_INSTALL:-}" == 1 ]]; then
      _db_log "installing MariaDB (Debian package mariadb-server)"
      DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || return 1
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q mariadb-server >&2 || return 1
      _my_ready && return 0
    else
      _db_err "MariaDB is not running and is not installed (no /usr/sbin/mariadbd)"
      return 1
    fi
  fi
  _db_log "starting MariaDB"
  # the socket folder lives on a tmpfs that the package's service unit would create at boot
  if [[ ! -d /run/mysqld ]]; then
    install -d -o mysql -g mysql /run/mysqld || return 1
  fi
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >&2 || return 1
  local _
  for _ in $(seq 30); do
    _my_ready && return 0
    sleep 1
  done
  _db_err "MariaDB did not become ready"
}

_my_user() {
  local host created
  for host in localhost "$DB_HOST"; do
    created=$(_my_sql "SELECT COUNT(*) FROM mysql.user WHERE user = '$DB_USER' AND host = '$host'") || return 1
    if [[ "$created" == 0 ]]; then
      _my_sql "CREATE USER '$DB_USER'@'$host' IDENTIFIED BY '$DB_PASSWORD'" || return 1
      _db_log "created MariaDB user '$DB_USER'@'$host'"
    fi
  done
}

_my_database() {
  local name=$1 fresh=$2 found
  if [[ "$fresh" == true ]]; then
    _my_sql "DROP DATABASE IF EXISTS \`$name\`" || return 1
  fi
  found=$(_my_sql "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '$name'") || return 1
  if [[ "$found" == 0 ]]; then
    _my_sql "CREATE DATABASE \`$name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" || return 1
    if [[ "$fresh" == true ]]; then _db_log "created MariaDB database $name afresh"; else _db_log "created MariaDB database $name"; fi
  fi
  # granted every time: a database that existed before may not have been granted yet
  _my_sql "GRANT ALL PRIVILEGES ON \`$name\`.* TO '$DB_USER'@'localhost', '$DB_USER'@'$DB_HOST'" || return 1
}

# --- the steps -------------------------------------------------------------------------------

db_server() {
  local vendor
  vendor=$(_db_vendor "$1") || return 1
  case "$vendor" in
    postgres) _pg_server ;;
    mariadb) _my_server ;;
  esac
}

db_user() {
  local vendor
  vendor=$(_db_vendor "$1") || return 1
  case "$vendor" in
    postgres) _pg_user ;;
    mariadb) _my_user ;;
  esac
}

db_database() {
  local vendor name fresh=false
  vendor=$(_db_vendor "${1:-}") || return 1
  name=${2:-}
  _db_check_name "$name" || return 1
  if [[ "${3:-}" == --fresh ]]; then
    fresh=true
  elif [[ -n "${3:-}" ]]; then
    _db_err "db_database: unknown option '$3'"
    return 1
  fi
  db_server "$vendor" || return 1
  db_user "$vendor" || return 1
  case "$vendor" in
    postgres) _pg_database "$name" "$fresh" || return 1 ;;
    mariadb) _my_database "$name" "$fresh" || return 1 ;;
  esac
  db_jdbc_url "$vendor" "$name"
}

# --- as a command ----------------------------------------------------------------------------

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  usage() {
    cat <<'EOF'
Usage: bin/db.sh [--fresh] [--install] postgres|mariadb NAME

Makes sure the local PostgreSQL or MariaDB runs on 127.0.0.1, that the user keycloak (password
keycloak) exists and that the database NAME exists for it; prints its JDBC URL.

  --fresh     drop the database first and create it empty
  --install   install the Debian package (postgresql, mariadb-server) when the server is missing
EOF
  }
  fresh=()
  args=()
  while (($#)); do
    case "$1" in
      --fresh) fresh=(--fresh); shift ;;
      --install) export DB_INSTALL=1; shift ;;
      -h | --help) usage; exit 0 ;;
      -*) usage >&2; _db_err "unknown option: $1" || exit 2 ;;
      *) args+=("$1"); shift ;;
    esac
  done
  if [[ ${#args[@]} -ne 2 ]]; then
    usage >&2
    exit 2
  fi
  db_database "${args[0]}" "${args[1]}" ${fresh[@]+"${fresh[@]}"}
fi
