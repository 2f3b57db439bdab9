#!/usr/bin/env bash
# Cenote's scenario simulator: runs a scenario on a Cenote pool and shows how the pool behaves,
# with coloured lifecycle events, a gauge line each second, a summary table and the lesson in
# two or three sentences with the measured numbers. See docs/scenarios.md.
#
# Usage: scripts/simulate.sh <scenario>|--all [options]     (from any directory)
#   scenarios     normal, saturation, exhaustion, leak, slow-db, recycle, restart,
#                 replica-failover, breaker, adaptive
#   --all         every scenario in turn (about 6 minutes on SQLite)
#   --db DB       sqlite (embedded, the default), postgres or mariadb (scripts/db.sh servers)
#   --url URL     a JDBC URL, or postgresql://user:password@host/db (DATABASE_URL)
#   --clients N   --seconds N   --pool-size N   --max-overflow N   --timeout SECONDS
#   --recycle SECONDS   --[no-]pre-ping   --echo-pool   --no-color   --report FILE
#   --help        all options
#
# Seed 001's variables are read too (options win): DATABASE_URL, POOL_SIZE, MAX_OVERFLOW,
# POOL_TIMEOUT, POOL_RECYCLE, POOL_PRE_PING, ECHO_POOL, LOG_LEVEL.
# postgres and mariadb read target/db.env (written by scripts/db.sh start); their restart and
# replica-failover scenarios crash and start the real servers through scripts/db.sh and put
# them back as they were.
# Environment: JAVA_HOME (the JDK to build and run with), CENOTE_EXAMPLE_REBUILD=1 (always build).
# Exit status: 0 when it ran, 1 when a scenario failed, 2 for a bad option, 3 when the servers
# are not configured.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(dirname "$(dirname "$SELF")")
TOOL=simulate
# shellcheck source=scripts/lib/examples.sh
. "$REPO/scripts/lib/examples.sh"

exec_examples_class io.cenote.examples.simulator.SimulateMain "$@"
