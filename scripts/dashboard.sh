#!/usr/bin/env bash
# Cenote's live dashboard: serves http://127.0.0.1:8080 over a small fleet under light load (a
# cluster "shop" with a primary and a replica, and a pool "reports"), prints the URL and runs
# until stopped. In the browser: live charts per pool, each host's state, the event timeline;
# start and stop the simulator's scenarios, resize a pool, toggle pre-ping, suspend, resume,
# soft-evict, take the replica down and up. See docs/dashboard.md.
#
# Usage: scripts/dashboard.sh [options]        (from any directory)
#   --port N        the port (default 8080; 0 picks a free one)
#   --bind ADDRESS  the address to listen on (default 127.0.0.1); any other needs a token
#   --token TOKEN   every request must carry it (or set CENOTE_DASHBOARD_TOKEN)
#   --db DB         sqlite (embedded, the default), postgres or mariadb (scripts/db.sh servers;
#                   taking the replica down then crashes the real replica server)
#   --clients N     background clients (default 3)
#   --seconds N     stop by itself after N seconds
#   --scenario-seconds N   run time of a scenario started from the page (default: its own)
#   --help          all options
#
# postgres and mariadb read target/db.env (written by scripts/db.sh start).
# Environment: JAVA_HOME (the JDK to build and run with), CENOTE_EXAMPLE_REBUILD=1 (always build).
# Exit status: 0 when it ran, 1 when it failed, 2 for a bad option, 3 when the servers are not
# configured.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(dirname "$(dirname "$SELF")")
TOOL=dashboard
# shellcheck source=scripts/lib/examples.sh
. "$REPO/scripts/lib/examples.sh"

exec_examples_class io.cenote.examples.simulator.DashboardMain "$@"
