#!/usr/bin/env bash
# Cenote's console demo on an embedded SQLite file (no server needed), in two parts.
# The pool part: a small pool under more clients than connections, in four phases: steady load,
# slow queries (queueing, overflow, timeouts), a leaked connection (reported with its borrow
# site) and recovery. The routing part: a pool-router Cluster in a PoolManager, with a writer
# pool and two read-only replica pools on the same file; writes go to the writer, reads
# alternate between the replicas (cluster.read and the lazy cluster.dataSource() with
# setReadOnly(true)), sessions read their own writes from the writer, and one replica goes
# down (through pool-testkit's fault driver) and is re-admitted. Each part prints a live
# statistics line every second, coloured events and a summary table; about 38 s in all.
#
# Usage: scripts/demo.sh [options]        (from any directory)
#   --part P       pool, routing or all (default all: the pool part, then routing)
#   --seconds N    run time of the chosen parts (default 36 for all, 24 pool, 12 routing)
#   --clients N    the pool part's concurrent client threads (default 12)
#   --max-size N   the pool part's capacity; maxOverflow is 2 (default 4)
#   --db FILE      SQLite file to use (default: a fresh file in a temporary directory)
#   --no-color     plain output (also when NO_COLOR is set or output is not a terminal)
#   --help         all options
#
# Needs a JDK 17+ and Maven 3.8+. The first run builds pool-examples and the modules it needs
# (Maven downloads dependencies once); later runs rebuild only when sources changed.
#
# Environment: JAVA_HOME (the JDK to build and run with), CENOTE_DEMO_REBUILD=1 (always build).
# Exit status: 0 when the demo ran as designed, 1 when it did not, 2 for a bad option.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(dirname "$(dirname "$SELF")")
TOOL=demo
JAR=$REPO/pool-examples/target/cenote-demo.jar
# shellcheck source=scripts/lib/examples.sh
. "$REPO/scripts/lib/examples.sh"

find_java
if jar_is_stale "$JAR" "${CENOTE_DEMO_REBUILD:-0}"; then
  build_examples
fi

exec "$JAVA" -jar "$JAR" "$@"
