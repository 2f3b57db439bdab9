#!/usr/bin/env bash
# Cenote's orders example on one database type: a small orders service on a Cenote cluster
# from a properties file, with a resilience section and metrics on a SimpleMeterRegistry. It
# creates its tables, places orders (each with its lines in one transaction), reads them back
# (read-your-writes: from the primary), lists them from the replica, shows an order whose bad
# second line leaves nothing behind, drops its tables and prints pool, routing and meter
# statistics. See docs/examples.md.
#
# Usage: scripts/example.sh sqlite|postgres|mariadb|oracle [options]   (from any directory)
#   sqlite      an embedded SQLite file: a writer and a read-only replica pool; needs nothing
#   postgres    the PostgreSQL primary + replica of scripts/db.sh, wired with Guice
#   mariadb     the MariaDB primary + replica of scripts/db.sh, through mysql-connector-j
#   oracle      an Oracle database: set ORACLE_URL, ORACLE_USER and ORACLE_PASSWORD
#   --orders N  orders to place, 1 to 100 (default 3)
#   --help      all options
#
# postgres and mariadb read target/db.env (written by scripts/db.sh start) when it exists.
# Environment: JAVA_HOME (the JDK to build and run with), CENOTE_EXAMPLE_REBUILD=1 (always build).
# Exit status: 0 when it ran, 1 when it failed, 2 for a bad option, 3 when the database is not
# configured.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(dirname "$(dirname "$SELF")")
TOOL=example
JAR=$REPO/pool-examples/target/cenote-examples.jar
# shellcheck source=scripts/lib/examples.sh
. "$REPO/scripts/lib/examples.sh"

find_java
case ${1:-} in
  postgres | mariadb)
    load_db_env
    if [[ $1 == postgres ]]; then url=${CENOTE_PG_PRIMARY_URL:-}; else url=${CENOTE_MARIADB_PRIMARY_URL:-}; fi
    if [[ -z $url ]]; then
      echo "example: the $1 servers are not configured: run scripts/db.sh start first" >&2
      exit 3
    fi
    ;;
esac
if jar_is_stale "$JAR" "${CENOTE_EXAMPLE_REBUILD:-0}"; then
  build_examples
fi

exec "$JAVA" -jar "$JAR" "$@"
