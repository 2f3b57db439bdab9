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
JAR=$REPO/pool-examples/target/cenote-examples.jar

die() {
  echo "example: $*" >&2
  exit 1
}

if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
  JAVA=$JAVA_HOME/bin/java
else
  JAVA=$(command -v java) || die "java not found: install a JDK 17+ or set JAVA_HOME"
fi

# true when the jar is missing or older than a source it is built from
needs_build() {
  [[ ${CENOTE_EXAMPLE_REBUILD:-0} == 1 || ! -f $JAR ]] && return 0
  local newer
  newer=$(find "$REPO/pom.xml" "$REPO"/pool-*/pom.xml "$REPO/pool-core/src/main" \
    "$REPO/pool-router/src/main" "$REPO/pool-resilience/src/main" \
    "$REPO/pool-micrometer/src/main" "$REPO/pool-guice/src/main" \
    "$REPO/pool-testkit/src/main" "$REPO/pool-examples/src/main" \
    -newer "$JAR" -type f -print -quit 2>/dev/null)
  [[ -n $newer ]]
}

case ${1:-} in
  postgres | mariadb)
    if [[ -f $REPO/target/db.env ]]; then
      set -a
      # shellcheck disable=SC1091
      . "$REPO/target/db.env"
      set +a
    fi
    if [[ $1 == postgres ]]; then url=${CENOTE_PG_PRIMARY_URL:-}; else url=${CENOTE_MARIADB_PRIMARY_URL:-}; fi
    if [[ -z $url ]]; then
      echo "example: the $1 servers are not configured: run scripts/db.sh start first" >&2
      exit 3
    fi
    ;;
esac

if needs_build; then
  command -v mvn >/dev/null || die "mvn not found: install Maven 3.8+ (Debian: apt-get install maven)"
  echo "example: building pool-examples with Maven (the first build downloads dependencies)..." >&2
  log=$(mktemp "${TMPDIR:-/tmp}/cenote-example-build.XXXXXX")
  if ! (cd "$REPO" && mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true \
      package -pl pool-examples -am) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "the build failed; see the Maven output above"
  fi
  rm -f "$log"
fi

exec "$JAVA" -jar "$JAR" "$@"
