#!/usr/bin/env bash
# Real database servers for Cenote's integration tests, on 127.0.0.1, without Docker:
#
#   PostgreSQL 15   primary 5432  + streaming replica 5433 (physical slot "cenote_replica")
#   PgBouncer       6543 in front of the PostgreSQL primary, transaction pooling
#   MariaDB 10.11   primary 3307  + GTID replica      3308 (read_only)
#
# Both engines have the account app/app and the database appdb. Data, sockets and logs live
# under ${CENOTE_DB_BASE:-/tmp/cenote-db}. The JDBC URLs are written to target/db.env.
#
# Usage: scripts/db.sh [command]
#   start                                  initialise what is missing, start everything, wait
#                                          until replicas stream, write and print target/db.env
#   stop                                   stop everything (replicas first)
#   status [pg|mariadb|all]                what runs; exit 3 if something is down
#   env                                    write and print target/db.env
#   start|stop|restart primary|replica [pg|mariadb|all]
#                                          control one role (restart = clean stop + start)
#   kill primary|replica [pg|mariadb|all]  crash it: PostgreSQL "pg_ctl stop -m immediate",
#                                          MariaDB SIGKILL of the pid in its own pid file
#   lag [pg|mariadb|all]                   replication lag as each engine reports it
#   set-delay <ms> [pg|mariadb|all]        delay replay on the replica (0 turns it off);
#                                          MariaDB's MASTER_DELAY is in seconds, rounded up
#   promote replica [pg]                   make the PostgreSQL replica a read-write primary
#                                          (pg_ctl promote); it stops following 5432
#   rebuild replica [pg]                   undo a promotion or repair the replica: start the
#                                          PostgreSQL primary if down, replace the replica by
#                                          a fresh pg_basebackup, wait until it streams
#   destroy                                stop everything and delete all data
#
# PgBouncer belongs to the pg engine: it starts with the PostgreSQL primary and stops when the
# whole engine stops; restarting one PostgreSQL role leaves it running (it reconnects).
# It always points at 5432, also after "promote": following a promoted replica is the client's
# job. A promoted replica keeps its data until "rebuild", which discards what was written on it
# (and a set-delay); meanwhile the primary keeps WAL for the idle slot.
#
# Run as root, it installs missing packages (postgresql, pgbouncer, mariadb-server), creates
# the OS user
# ${CENOTE_DB_OS_USER:-cenote} and runs the servers as that user (PostgreSQL refuses root).
# Run as any other user, it runs the servers as that user. Every command is idempotent.
# Debian's packaged clusters stay untouched unless one listens on a port used here, in which
# case it is stopped (pg_ctlcluster); the packaged MariaDB keeps 3306.
#
# Environment: CENOTE_DB_BASE, CENOTE_DB_OS_USER, CENOTE_DB_TIMEOUT (seconds, default 60),
#   CENOTE_PG_BIN, CENOTE_PG_PRIMARY_PORT, CENOTE_PG_REPLICA_PORT, CENOTE_PGBOUNCER_PORT,
#   CENOTE_MARIADB_PRIMARY_PORT, CENOTE_MARIADB_REPLICA_PORT.
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C.UTF-8

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(dirname "$(dirname "$SELF")")
ENV_FILE=$REPO/target/db.env

BASE=${CENOTE_DB_BASE:-/tmp/cenote-db}
OS_USER=${CENOTE_DB_OS_USER:-cenote}
TIMEOUT=${CENOTE_DB_TIMEOUT:-60}
PG_BIN=${CENOTE_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PRIMARY_PORT=${CENOTE_PG_PRIMARY_PORT:-5432}
PG_REPLICA_PORT=${CENOTE_PG_REPLICA_PORT:-5433}
# Not 6432, where Debian's own pgbouncer service listens when the package starts it.
PGB_PORT=${CENOTE_PGBOUNCER_PORT:-6543}
# Server connections PgBouncer keeps per database and user: fewer than its clients may hold.
PGB_POOL_SIZE=5
MDB_PRIMARY_PORT=${CENOTE_MARIADB_PRIMARY_PORT:-3307}
MDB_REPLICA_PORT=${CENOTE_MARIADB_REPLICA_PORT:-3308}

APP_USER=app
APP_PASSWORD=app
APP_DB=appdb
REPL_USER=repl
REPL_PASSWORD=repl
PG_SLOT=cenote_replica
MYSQL_URL_OPTIONS='?sslMode=DISABLED&allowPublicKeyRetrieval=true'

PG_DIR=$BASE/pg
PG_SOCK=$PG_DIR/run
PGB_DIR=$BASE/pgbouncer
MDB_DIR=$BASE/mariadb
MDB_RUN=$MDB_DIR/run
LOGS=$BASE/log

say() { echo "db.sh: $*" >&2; }
die() { echo "db.sh: error: $*" >&2; exit 1; }

usage() {
  sed -n '/^# Usage:/,/^#   destroy/p' "$SELF" | sed 's/^# \{0,1\}//'
}

# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# A zombie counts as gone: the container's init may take a while to reap it.
alive() { local state; state=$(ps -o stat= -p "$1" 2>/dev/null) && [ -n "$state" ] && [ "${state:0:1}" != Z ]; }
gone() { ! alive "$1"; }

# Succeeds once "$@" succeeds, fails after $TIMEOUT seconds.
wait_for() {
  local what=$1; shift
  local deadline=$((SECONDS + TIMEOUT))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || { say "timed out after ${TIMEOUT}s waiting for $what"; return 1; }
    sleep 0.2
  done
}

engines_of() {   # pg|mariadb|all -> the engines it names
  case "${1:-all}" in
    pg|postgres|postgresql) echo pg ;;
    mariadb|mysql) echo mariadb ;;
    all) echo pg mariadb ;;
    *) die "unknown engine '$1' (expected pg, mariadb or all)" ;;
  esac
}

roles_of() {   # primary|replica|all -> the roles it names, in start order
  case "${1:-all}" in
    primary|replica) echo "$1" ;;
    all) echo primary replica ;;
    *) die "unknown role '$1' (expected primary or replica)" ;;
  esac
}

# Values are single-quoted: the MariaDB URLs hold '&', which a shell sourcing the file would
# otherwise take for "run in the background". pool-testkit strips the quotes when it reads it.
env_lines() {
  cat <<EOF
CENOTE_PG_PRIMARY_URL='jdbc:postgresql://127.0.0.1:$PG_PRIMARY_PORT/$APP_DB'
CENOTE_PG_REPLICA_URL='jdbc:postgresql://127.0.0.1:$PG_REPLICA_PORT/$APP_DB'
CENOTE_PGBOUNCER_URL='jdbc:postgresql://127.0.0.1:$PGB_PORT/$APP_DB?prepareThreshold=0'
CENOTE_MARIADB_PRIMARY_URL='jdbc:mysql://127.0.0.1:$MDB_PRIMARY_PORT/$APP_DB$MYSQL_URL_OPTIONS'
CENOTE_MARIADB_REPLICA_URL='jdbc:mysql://127.0.0.1:$MDB_REPLICA_PORT/$APP_DB$MYSQL_URL_OPTIONS'
CENOTE_DB_USER='$APP_USER'
CENOTE_DB_PASSWORD='$APP_PASSWORD'
CENOTE_DB_SCRIPT='$SELF'
EOF
}

write_env() {
  mkdir -p "$(dirname "$ENV_FILE")" && env_lines >"$ENV_FILE.tmp" && mv "$ENV_FILE.tmp" "$ENV_FILE"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL (runs as the server user)
# ---------------------------------------------------------------------------------------------

pg_dir()  { echo "$PG_DIR/$1"; }
pg_port() { if [ "$1" = primary ]; then echo "$PG_PRIMARY_PORT"; else echo "$PG_REPLICA_PORT"; fi; }
pg_ctl()  { "$PG_BIN/pg_ctl" "$@"; }
pg_initialised() { [ -f "$(pg_dir "$1")/PG_VERSION" ]; }
pg_running() { pg_initialised "$1" && pg_ctl -D "$(pg_dir "$1")" status >/dev/null 2>&1; }
pg_accepting() { "$PG_BIN/pg_isready" -q -h "$PG_SOCK" -p "$(pg_port "$1")"; }
psql_on() {   # psql_on primary|replica [db] [psql args...]
  local role=$1 db=${2:-postgres}; shift 2 || shift $#
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$(pg_port "$role")" -U "$(id -un)" -d "$db" "$@"
}
pg_value() { psql_on "$1" postgres -Atc "$2"; }

pg_init_primary() {
  pg_initialised primary && return 0
  local dir; dir=$(pg_dir primary)
  say "initialising PostgreSQL primary in $dir"
  mkdir -p "$PG_SOCK" "$LOGS"
  rm -rf "$dir.tmp"
  "$PG_BIN/initdb" -D "$dir.tmp" -U "$(id -un)" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$LOGS/pg-initdb.log"
  # The replica is a copy of this directory, so these settings serve both; it overrides port.
  cat >>"$dir.tmp/postgresql.conf" <<EOF

# ---- Cenote (scripts/db.sh) ----
listen_addresses = '127.0.0.1'
port = $PG_PRIMARY_PORT
unix_socket_directories = '$PG_SOCK'
max_connections = 200
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
wal_keep_size = '256MB'
hot_standby = on
hot_standby_feedback = on
wal_receiver_status_interval = 1s
wal_retrieve_retry_interval = 1s
track_commit_timestamp = on
EOF
  cat >"$dir.tmp/pg_hba.conf" <<EOF
# ---- Cenote (scripts/db.sh) ----
local  all          all                       trust
host   replication  $REPL_USER  127.0.0.1/32  scram-sha-256
host   all          all         127.0.0.1/32  scram-sha-256
EOF
  mv "$dir.tmp" "$dir"
}

pg_bootstrap() {   # accounts and database; safe to repeat
  psql_on primary postgres <<EOF
SELECT format('CREATE ROLE %I LOGIN REPLICATION PASSWORD %L', '$REPL_USER', '$REPL_PASSWORD')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$REPL_USER') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', '$APP_USER', '$APP_PASSWORD')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_USER') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', '$APP_DB', '$APP_USER')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$APP_DB') \gexec
SELECT format('GRANT pg_monitor TO %I', '$APP_USER')
  WHERE NOT pg_has_role('$APP_USER', 'pg_monitor', 'MEMBER') \gexec
EOF
  psql_on primary "$APP_DB" -c "GRANT ALL ON SCHEMA public TO $APP_USER" >/dev/null
}

pg_init_replica() {
  pg_initialised replica && return 0
  pg_accepting primary || die "the PostgreSQL primary must run to create the replica (scripts/db.sh start primary pg)"
  local dir; dir=$(pg_dir replica)
  say "creating PostgreSQL replica in $dir (pg_basebackup, slot $PG_SLOT)"
  rm -rf "$dir.tmp"
  psql_on primary postgres -c "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
                               WHERE slot_name = '$PG_SLOT' AND NOT active" >/dev/null
  # -R writes standby.signal and primary_conninfo; -C -S creates the physical slot, so the
  # primary keeps WAL for the replica while the replica is down.
  "$PG_BIN/pg_basebackup" -D "$dir.tmp" -R -X stream -C -S "$PG_SLOT" -c fast \
    -d "host=127.0.0.1 port=$PG_PRIMARY_PORT user=$REPL_USER password=$REPL_PASSWORD application_name=$PG_SLOT"
  echo "port = $PG_REPLICA_PORT" >>"$dir.tmp/postgresql.conf"   # later settings win
  chmod 700 "$dir.tmp"
  mv "$dir.tmp" "$dir"
}

pg_start() {
  local role=$1
  if [ "$role" = primary ]; then pg_init_primary; else pg_init_replica; fi
  if ! pg_running "$role"; then
    ! port_open "$(pg_port "$role")" || die "port $(pg_port "$role") is taken by another process; stop it or set CENOTE_PG_${role^^}_PORT"
    mkdir -p "$PG_SOCK" "$LOGS"
    say "starting PostgreSQL $role on 127.0.0.1:$(pg_port "$role")"
    pg_ctl -D "$(pg_dir "$role")" -l "$LOGS/pg-$role.log" -w -t "$TIMEOUT" start >/dev/null \
      || die "PostgreSQL $role did not start; see $LOGS/pg-$role.log"
  fi
  wait_for "PostgreSQL $role to accept connections" pg_accepting "$role"
  if [ "$role" = primary ]; then pg_bootstrap; fi
}

pg_streaming() { [ "$(pg_value primary "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" 2>/dev/null)" -ge 1 ] 2>/dev/null; }

pg_wait_streaming() {
  pg_running primary && pg_running replica || return 0
  wait_for "the PostgreSQL replica to stream from the primary" pg_streaming
}

pg_stop() {   # $1 = role, $2 = fast|immediate
  local role=$1 mode=${2:-fast}
  if pg_running "$role"; then
    say "stopping PostgreSQL $role (-m $mode)"
    pg_ctl -D "$(pg_dir "$role")" -m "$mode" -w -t "$TIMEOUT" stop >/dev/null
  fi
}

pg_status() {
  local role ok=0
  for role in primary replica; do
    if pg_running "$role" && pg_accepting "$role"; then
      local pid; pid=$(head -1 "$(pg_dir "$role")/postmaster.pid")
      local info; info=$(pg_value "$role" "SELECT CASE WHEN pg_is_in_recovery() THEN 'in recovery' ELSE 'read-write' END")
      printf '%-11s %-8s 127.0.0.1:%-5s running (pid %s, %s)\n' PostgreSQL "$role" "$(pg_port "$role")" "$pid" "$info"
    else
      printf '%-11s %-8s 127.0.0.1:%-5s %s\n' PostgreSQL "$role" "$(pg_port "$role")" \
        "$(pg_initialised "$role" && echo stopped || echo 'not initialised')"
      ok=3
    fi
  done
  if pg_running primary; then
    local rep; rep=$(pg_value primary "SELECT string_agg(application_name || ' ' || state || ' (replay lag '
      || pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) || ' bytes)', ', ') FROM pg_stat_replication")
    printf '%-11s replication: %s\n' PostgreSQL "${rep:-no replica connected}"
    [ -n "$rep" ] || ok=3
  fi
  return $ok
}

pg_lag() {
  pg_running primary && psql_on primary postgres -c "SELECT application_name, state,
      pg_current_wal_lsn() AS primary_lsn, replay_lsn,
      pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS replay_lag_bytes, replay_lag
    FROM pg_stat_replication"
  pg_running replica && psql_on replica postgres -c "SELECT pg_last_wal_receive_lsn() AS received_lsn,
      pg_last_wal_replay_lsn() AS replayed_lsn,
      pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()) AS unreplayed_bytes,
      now() - pg_last_xact_replay_timestamp() AS since_last_replayed_commit,
      current_setting('recovery_min_apply_delay') AS apply_delay"
  return 0
}

pg_delay_is() { [ "$(pg_value replica "SELECT setting FROM pg_settings WHERE name = 'recovery_min_apply_delay'")" = "$1" ]; }

pg_set_delay() {
  pg_running replica || die "the PostgreSQL replica is not running"
  psql_on replica postgres -c "ALTER SYSTEM SET recovery_min_apply_delay = '$1ms'" -c "SELECT pg_reload_conf()" >/dev/null
  wait_for "recovery_min_apply_delay to apply" pg_delay_is "$1"
  echo "PostgreSQL replica recovery_min_apply_delay = $(pg_value replica "SHOW recovery_min_apply_delay")"
}

pg_read_write() { [ "$(pg_value "$1" "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ]; }

pg_promote() {
  pg_running replica || die "the PostgreSQL replica is not running (scripts/db.sh start replica pg)"
  wait_for "PostgreSQL replica to accept connections" pg_accepting replica
  if pg_read_write replica; then
    say "the PostgreSQL replica is read-write already"
  else
    say "promoting the PostgreSQL replica on 127.0.0.1:$PG_REPLICA_PORT to read-write"
    pg_ctl -D "$(pg_dir replica)" -w -t "$TIMEOUT" promote >/dev/null \
      || die "PostgreSQL replica was not promoted; see $LOGS/pg-replica.log"
    wait_for "the PostgreSQL replica to leave recovery" pg_read_write replica
  fi
  echo "PostgreSQL replica 127.0.0.1:$PG_REPLICA_PORT is read-write"
}

pg_slot_free() {
  [ "$(pg_value primary "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '$PG_SLOT' AND active")" = 0 ]
}

# Whatever the replica's state (promoted, stopped, diverged, broken), it becomes a fresh copy
# of the primary. The slot must be free first: pg_init_replica drops it only when inactive, and
# a replica stopped a moment ago may still hold it through its exiting walsender.
pg_rebuild() {
  pg_start primary
  pgb_start
  pg_stop replica fast || pg_stop replica immediate
  say "deleting the PostgreSQL replica in $(pg_dir replica)"
  rm -rf "$(pg_dir replica)"
  wait_for "the primary to release slot $PG_SLOT" pg_slot_free
  pg_start replica
  pg_wait_streaming
  echo "PostgreSQL replica 127.0.0.1:$PG_REPLICA_PORT streams from 127.0.0.1:$PG_PRIMARY_PORT again"
}

# ---------------------------------------------------------------------------------------------
# PgBouncer in front of the PostgreSQL primary (runs as the server user)
# ---------------------------------------------------------------------------------------------

pgb_pid() { local f=$PGB_DIR/pgbouncer.pid; [ -s "$f" ] && alive "$(cat "$f")" && cat "$f"; }
pgb_running() { pgb_pid >/dev/null; }

pgb_write_config() {
  mkdir -p "$PGB_DIR" "$LOGS"
  # SCRAM towards clients and the server from a plain-text secret: a test account only.
  printf '"%s" "%s"\n' "$APP_USER" "$APP_PASSWORD" >"$PGB_DIR/userlist.txt"
  chmod 600 "$PGB_DIR/userlist.txt"
  cat >"$PGB_DIR/pgbouncer.ini" <<EOF
[databases]
$APP_DB = host=127.0.0.1 port=$PG_PRIMARY_PORT dbname=$APP_DB

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGB_PORT
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $PGB_DIR/userlist.txt
admin_users = $APP_USER
pool_mode = transaction
default_pool_size = $PGB_POOL_SIZE
max_client_conn = 500
; pgjdbc sends these at startup; PgBouncer must not refuse them
ignore_startup_parameters = extra_float_digits,options
logfile = $LOGS/pgbouncer.log
pidfile = $PGB_DIR/pgbouncer.pid
EOF
}

pgb_start() {
  pgb_running && return 0
  ! port_open "$PGB_PORT" || die "port $PGB_PORT is taken by another process; stop it or set CENOTE_PGBOUNCER_PORT"
  pgb_write_config
  say "starting PgBouncer on 127.0.0.1:$PGB_PORT (transaction pooling, $PGB_POOL_SIZE server connections)"
  pgbouncer -d "$PGB_DIR/pgbouncer.ini" >>"$LOGS/pgbouncer.log" 2>&1 \
    || die "PgBouncer did not start; see $LOGS/pgbouncer.log"
  wait_for "PgBouncer to listen on $PGB_PORT" port_open "$PGB_PORT"
}

pgb_stop() {
  local pid
  pid=$(pgb_pid) || return 0
  say "stopping PgBouncer"
  kill -INT "$pid"
  wait_for "PgBouncer (pid $pid) to exit" gone "$pid"
}

pgb_status() {
  if pgb_running; then
    printf '%-11s %-8s 127.0.0.1:%-5s running (pid %s, transaction pooling)\n' PgBouncer pooler \
      "$PGB_PORT" "$(pgb_pid)"
  else
    printf '%-11s %-8s 127.0.0.1:%-5s stopped\n' PgBouncer pooler "$PGB_PORT"
    return 3
  fi
}

# ---------------------------------------------------------------------------------------------
# MariaDB (runs as the server user)
# ---------------------------------------------------------------------------------------------

mdb_cnf()  { echo "$MDB_DIR/$1.cnf"; }
mdb_pid_file() { echo "$MDB_RUN/$1.pid"; }
mdb_port() { if [ "$1" = primary ]; then echo "$MDB_PRIMARY_PORT"; else echo "$MDB_REPLICA_PORT"; fi; }
mdb_initialised() { [ -d "$MDB_DIR/$1/mysql" ]; }
mdb_running() { mdb_initialised "$1" && mariadb-admin --defaults-file="$(mdb_cnf "$1")" --connect-timeout=2 ping >/dev/null 2>&1; }
mdb_sql() { local role=$1; shift; mariadb --defaults-file="$(mdb_cnf "$role")" "$@"; }
mdb_value() { mdb_sql "$1" -N -B -e "$2"; }
mdb_pid() { local f; f=$(mdb_pid_file "$1"); [ -s "$f" ] && alive "$(cat "$f")" && cat "$f"; }
mdb_slave_field() { mdb_sql replica -e 'SHOW SLAVE STATUS\G' | sed -n "s/^ *$1: //p"; }

mdb_write_cnf() {
  local role=$1 server_id=1 extra=""
  if [ "$role" = replica ]; then
    server_id=2
    extra=$'read_only = ON\nrelay_log_recovery = ON'
  fi
  cat >"$(mdb_cnf "$role")" <<EOF
# ---- Cenote (scripts/db.sh): MariaDB $role ----
[mariadbd]
datadir                 = $MDB_DIR/$role
port                    = $(mdb_port "$role")
bind-address            = 127.0.0.1
socket                  = $MDB_RUN/$role.sock
pid-file                = $(mdb_pid_file "$role")
log-error               = $LOGS/mariadb-$role.err
server_id               = $server_id
log_bin                 = $MDB_DIR/$role/mysql-bin
relay_log               = $MDB_DIR/$role/relay-bin
binlog_format           = ROW
log_slave_updates       = ON
gtid_strict_mode        = ON
skip-name-resolve
max_connections         = 200
character-set-server    = utf8mb4
innodb_buffer_pool_size = 64M
performance_schema      = OFF
$extra

[client]
socket                  = $MDB_RUN/$role.sock
port                    = $(mdb_port "$role")
EOF
}

mdb_init() {
  local role=$1
  mkdir -p "$MDB_RUN" "$LOGS"
  mdb_write_cnf "$role"
  mdb_initialised "$role" && return 0
  say "initialising MariaDB $role in $MDB_DIR/$role"
  rm -rf "${MDB_DIR:?}/$role"
  mariadb-install-db --defaults-file="$(mdb_cnf "$role")" --skip-test-db >"$LOGS/mariadb-$role-install.log" 2>&1 \
    || die "mariadb-install-db failed; see $LOGS/mariadb-$role-install.log"
}

mdb_bootstrap() {   # accounts and database on the primary; they replicate to the replica
  local have
  have=$(mdb_value primary "SELECT (SELECT COUNT(*) FROM mysql.user WHERE User IN ('$APP_USER', '$REPL_USER'))
                                 + (SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '$APP_DB')")
  [ "$have" = 3 ] && return 0
  mdb_sql primary <<EOF
CREATE USER IF NOT EXISTS '$REPL_USER'@'127.0.0.1' IDENTIFIED BY '$REPL_PASSWORD';
GRANT REPLICATION SLAVE ON *.* TO '$REPL_USER'@'127.0.0.1';
CREATE DATABASE IF NOT EXISTS $APP_DB;
CREATE USER IF NOT EXISTS '$APP_USER'@'127.0.0.1' IDENTIFIED BY '$APP_PASSWORD';
GRANT ALL ON $APP_DB.* TO '$APP_USER'@'127.0.0.1';
-- lets the app read replication state (SHOW SLAVE STATUS, GTID positions) and all sessions
GRANT PROCESS, SLAVE MONITOR, BINLOG MONITOR ON *.* TO '$APP_USER'@'127.0.0.1';
EOF
}

# The replica replays the primary's whole binlog from an empty position: the primary starts
# empty (mariadb-install-db does not binlog) and keeps its binlogs, so no seeding is needed.
mdb_configure_replica() {
  if [ -z "$(mdb_value replica 'SHOW SLAVE STATUS')" ]; then
    say "pointing the MariaDB replica at 127.0.0.1:$MDB_PRIMARY_PORT (GTID)"
    mdb_sql replica <<EOF
SET GLOBAL gtid_slave_pos = '';
CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = $MDB_PRIMARY_PORT,
  MASTER_USER = '$REPL_USER', MASTER_PASSWORD = '$REPL_PASSWORD',
  MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1, MASTER_HEARTBEAT_PERIOD = 1;
EOF
  fi
  mdb_sql replica -e 'START SLAVE' 2>/dev/null || true   # a no-op warning when already running
}

mdb_start() {
  local role=$1
  mdb_init "$role"
  if ! mdb_running "$role"; then
    ! port_open "$(mdb_port "$role")" || die "port $(mdb_port "$role") is taken by another process; stop it or set CENOTE_MARIADB_${role^^}_PORT"
    rm -f "$(mdb_pid_file "$role")" "$MDB_RUN/$role.sock"   # left behind by a kill
    say "starting MariaDB $role on 127.0.0.1:$(mdb_port "$role")"
    # setsid: the server outlives this shell; all output goes to the log, so a caller that
    # reads our stdout (a test's ProcessBuilder) is not kept waiting.
    setsid mariadbd --defaults-file="$(mdb_cnf "$role")" >>"$LOGS/mariadb-$role.out" 2>&1 </dev/null &
    wait_for "MariaDB $role to accept connections" mdb_running "$role" \
      || die "MariaDB $role did not start; see $LOGS/mariadb-$role.err"
  fi
  if [ "$role" = primary ]; then mdb_bootstrap; else mdb_configure_replica; fi
}

mdb_replicating() {
  [ "$(mdb_slave_field Slave_IO_Running)" = Yes ] && [ "$(mdb_slave_field Slave_SQL_Running)" = Yes ]
}

mdb_wait_replicating() {
  mdb_running primary && mdb_running replica || return 0
  wait_for "the MariaDB replica to connect to the primary" mdb_replicating || {
    mdb_sql replica -e 'SHOW SLAVE STATUS\G' | grep -E 'Last_(IO|SQL)_Error:' >&2; return 1; }
  [ "$(mdb_slave_field SQL_Delay)" = 0 ] || return 0   # a deliberate delay: do not wait it out
  local pos; pos=$(mdb_value primary 'SELECT @@gtid_binlog_pos')
  [ -z "$pos" ] || [ "$(mdb_value replica "SELECT MASTER_GTID_WAIT('$pos', $TIMEOUT)")" = 0 ] \
    || die "the MariaDB replica did not catch up to $pos within ${TIMEOUT}s"
}

mdb_stop() {   # clean shutdown through the server itself
  local role=$1 pid
  pid=$(mdb_pid "$role") || return 0
  say "stopping MariaDB $role"
  mariadb-admin --defaults-file="$(mdb_cnf "$role")" shutdown || true
  wait_for "MariaDB $role (pid $pid) to exit" gone "$pid"
}

mdb_kill() {
  local role=$1 pid
  pid=$(mdb_pid "$role") || { say "MariaDB $role is not running"; return 0; }
  say "killing MariaDB $role (SIGKILL pid $pid)"
  kill -KILL "$pid"
  wait_for "MariaDB $role (pid $pid) to exit" gone "$pid"
}

mdb_status() {
  local role ok=0
  for role in primary replica; do
    if mdb_running "$role"; then
      printf '%-11s %-8s 127.0.0.1:%-5s running (pid %s, read_only=%s)\n' MariaDB "$role" "$(mdb_port "$role")" \
        "$(mdb_pid "$role")" "$(mdb_value "$role" 'SELECT @@read_only')"
    else
      printf '%-11s %-8s 127.0.0.1:%-5s %s\n' MariaDB "$role" "$(mdb_port "$role")" \
        "$(mdb_initialised "$role" && echo stopped || echo 'not initialised')"
      ok=3
    fi
  done
  if mdb_running replica; then
    printf '%-11s replication: IO %s, SQL %s, Seconds_Behind_Master %s, SQL_Delay %s\n' MariaDB \
      "$(mdb_slave_field Slave_IO_Running)" "$(mdb_slave_field Slave_SQL_Running)" \
      "$(mdb_slave_field Seconds_Behind_Master)" "$(mdb_slave_field SQL_Delay)"
    mdb_replicating || ok=3
  fi
  return $ok
}

mdb_lag() {
  mdb_running primary && echo "MariaDB primary @@gtid_binlog_pos = $(mdb_value primary 'SELECT @@gtid_binlog_pos')"
  if mdb_running replica; then
    echo "MariaDB replica @@gtid_slave_pos  = $(mdb_value replica 'SELECT @@gtid_slave_pos')"
    mdb_sql replica -e 'SHOW SLAVE STATUS\G' | grep -E ' (Slave_IO_Running|Slave_SQL_Running|Seconds_Behind_Master|SQL_Delay|Slave_SQL_Running_State):'
  fi
  return 0
}

mdb_set_delay() {
  mdb_running replica || die "the MariaDB replica is not running"
  local seconds=$(( ($1 + 999) / 1000 ))
  mdb_sql replica -e "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = $seconds; START SLAVE;"
  echo "MariaDB replica MASTER_DELAY = $(mdb_slave_field SQL_Delay) s"
}

# ---------------------------------------------------------------------------------------------
# Commands (run as the server user)
# ---------------------------------------------------------------------------------------------

start_engine() {   # $1 engine, $2 role|all
  local engine=$1 role
  for role in $(roles_of "$2"); do "${engine/mariadb/mdb}_start" "$role"; done
  if [ "$engine" = pg ]; then
    pg_wait_streaming
    if [ "$2" != replica ]; then pgb_start; fi
  else
    mdb_wait_replicating
  fi
}

stop_engine() {   # $1 engine, $2 role|all; replicas first
  local engine=$1 role
  if [ "$engine" = pg ] && [ "$2" = all ]; then pgb_stop; fi
  for role in $(roles_of "$2" | tr ' ' '\n' | sort -r); do "${engine/mariadb/mdb}_stop" "$role"; done
}

kill_engine() {
  local engine=$1 role
  for role in $(roles_of "$2"); do
    if [ "$engine" = pg ]; then pg_stop "$role" immediate; else mdb_kill "$role"; fi
  done
}

binaries_installed() {
  [ -x "$PG_BIN/initdb" ] && command -v pgbouncer >/dev/null && command -v mariadbd >/dev/null \
    && command -v mariadb-install-db >/dev/null
}

check_binaries() {
  binaries_installed || die "PostgreSQL 15, PgBouncer or MariaDB is not installed; run this script" \
    "as root once, or: apt-get install -y postgresql pgbouncer mariadb-server"
}

server_main() {
  local cmd=${1:-start}; shift || true
  mkdir -p "$BASE" 2>/dev/null || true
  [ -w "$BASE" ] || die "$BASE is not writable by $(id -un); run as root or as its owner"
  cd "$BASE"
  local engine engines status=0
  case "$cmd" in
    start|restart|stop|kill)
      local role=all
      engines=$(engines_of "${2:-all}")
      if [ $# -gt 0 ]; then role=$1; fi
      roles_of "$role" >/dev/null
      [ "$cmd" != kill ] || [ "$role" != all ] || die "usage: db.sh kill primary|replica [pg|mariadb|all]"
      [ "$cmd" = stop ] || [ "$cmd" = kill ] || check_binaries
      for engine in $engines; do
        case "$cmd" in
          start)   start_engine "$engine" "$role" ;;
          stop)    stop_engine "$engine" "$role" ;;
          kill)    kill_engine "$engine" "$role" ;;
          restart) stop_engine "$engine" "$role"; start_engine "$engine" "$role" ;;
        esac
      done ;;
    status)
      engines=$(engines_of "${1:-all}")
      for engine in $engines; do "${engine/mariadb/mdb}_status" || status=3; done
      case " $engines " in *" pg "*) pgb_status || status=3 ;; esac ;;
    lag)
      engines=$(engines_of "${1:-all}")
      for engine in $engines; do "${engine/mariadb/mdb}_lag"; done ;;
    set-delay)
      [[ "${1:-}" =~ ^[0-9]+$ ]] || die "usage: db.sh set-delay <ms> [pg|mariadb|all]"
      engines=$(engines_of "${2:-all}")
      for engine in $engines; do "${engine/mariadb/mdb}_set_delay" "$1"; done ;;
    promote|rebuild)
      case "${1:-}" in
        replica) ;;
        primary) die "$cmd works on the replica only, not on the primary" ;;
        *) die "usage: db.sh $cmd replica [pg]" ;;
      esac
      engines=$(engines_of "${2:-pg}")
      [ "$engines" = pg ] || die "$cmd works on the PostgreSQL replica only, not on MariaDB"
      check_binaries
      "pg_$cmd" ;;
    destroy)
      for engine in pg mariadb; do stop_engine "$engine" all || kill_engine "$engine" all; done
      rm -rf "${PG_DIR:?}" "${PGB_DIR:?}" "${MDB_DIR:?}" "${LOGS:?}"
      say "deleted all data under $BASE" ;;
    *) usage >&2; exit 2 ;;
  esac
  return $status
}

# ---------------------------------------------------------------------------------------------
# Root-only preparation, then the command as the server user
# ---------------------------------------------------------------------------------------------

install_packages() {
  binaries_installed && return 0
  say "installing postgresql, pgbouncer and mariadb-server with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q postgresql pgbouncer mariadb-server >&2
}

# A packaged PostgreSQL cluster that a real host (with systemd) started on one of our ports is
# stopped; Debian's MariaDB service listens on 3306 and is left alone.
free_packaged_ports() {
  command -v pg_lsclusters >/dev/null || return 0
  local ver name port state
  while read -r ver name port state _; do
    if [ "$state" = online ] && { [ "$port" = "$PG_PRIMARY_PORT" ] || [ "$port" = "$PG_REPLICA_PORT" ]; }; then
      say "stopping Debian's packaged PostgreSQL cluster $ver/$name, which listens on port $port"
      pg_ctlcluster "$ver" "$name" stop >&2 || say "could not stop cluster $ver/$name"
    fi
  done < <(pg_lsclusters -h 2>/dev/null)
}

prepare_as_root() {
  local cmd=$1
  case "$cmd" in   # the commands that may start a server
    start|restart|rebuild) install_packages; free_packaged_ports ;;
  esac
  id "$OS_USER" >/dev/null 2>&1 || useradd --system --create-home --shell /bin/bash "$OS_USER"
  mkdir -p "$BASE"
  chown "$OS_USER:" "$BASE"
  chmod o+x "$(dirname "$BASE")" 2>/dev/null || true
}

main() {
  local cmd=${1:-start}
  case "$cmd" in
    help|-h|--help) usage; return 0 ;;
    env) write_env 2>/dev/null || say "could not write $ENV_FILE"; env_lines; return 0 ;;
    start|stop|restart|kill|status|lag|set-delay|promote|rebuild|destroy) ;;
    *) usage >&2; return 2 ;;
  esac
  # The server side runs in its own bash, where "set -e" holds (it does not inside "f || ...").
  local server=(env CENOTE_DB_SERVER_SIDE=1 CENOTE_DB_BASE="$BASE" CENOTE_DB_OS_USER="$OS_USER"
    CENOTE_DB_TIMEOUT="$TIMEOUT" CENOTE_PG_BIN="$PG_BIN"
    CENOTE_PG_PRIMARY_PORT="$PG_PRIMARY_PORT" CENOTE_PG_REPLICA_PORT="$PG_REPLICA_PORT"
    CENOTE_PGBOUNCER_PORT="$PGB_PORT"
    CENOTE_MARIADB_PRIMARY_PORT="$MDB_PRIMARY_PORT" CENOTE_MARIADB_REPLICA_PORT="$MDB_REPLICA_PORT"
    bash "$SELF" "$@")
  local status=0
  if [ "$(id -u)" = 0 ]; then
    prepare_as_root "$cmd"
    runuser -u "$OS_USER" -- "${server[@]}" || status=$?
  else
    "${server[@]}" || status=$?
  fi
  [ "$status" = 0 ] || return "$status"
  case "$cmd" in
    start|restart)
      write_env
      if [ $# -le 1 ]; then env_lines; fi ;;
    destroy) rm -f "$ENV_FILE" ;;
  esac
}

if [ "${CENOTE_DB_SERVER_SIDE:-}" = 1 ]; then server_main "$@"; else main "$@"; fi
