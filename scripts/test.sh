#!/usr/bin/env bash
# The one test command: real servers, the whole build with every test, then the concurrency
# tests again on JDK 25 (virtual threads).
#
# Usage: scripts/test.sh [extra mvn arguments]      e.g. scripts/test.sh -o -pl pool-core -am
#
#   1. databases  as root: scripts/db.sh start (installs PostgreSQL and MariaDB when missing);
#                 otherwise says whether the servers answer, and why integration tests would skip
#   2. browser    as root: installs Debian's chromium and chromium-driver when missing (the
#                 dashboard's browser test drives them with Selenium); otherwise says whether
#                 they are there
#   3. verify     mvn -B verify "$@", with target/db.env exported so the tests find the servers
#   4. bench      one short JMH iteration of one benchmark (pool-bench must keep working)
#   5. jdk25      if /usr/lib/jvm/temurin-25-jdk-amd64 exists: the tests of pool-core,
#                 pool-router and pool-guice tagged "concurrency" once more, on that JDK
#                 (virtual threads too)
#   6. stress     the integration tests tagged "stress" (left out of verify): a replica stopped
#                 and started 20 times under load on real PostgreSQL, with min/median/max of
#                 its exclusion and re-admission times
#
# CI=true is passed on to the tests: there a missing database fails a test instead of skipping it.
# Exits non-zero when any phase fails; prints the time each phase took.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
ENV_FILE=$REPO/target/db.env
JDK25=${CENOTE_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}

if [ -n "${CI:-}" ]; then export CI; fi

SUMMARY=()
PHASE_START=0
phase() { PHASE_START=$SECONDS; echo; echo "==> test.sh: $*"; }
done_phase() { SUMMARY+=("$(printf '%-10s %-7s %4ss' "$1" "$2" $((SECONDS - PHASE_START)))"); }
summary() {
  echo
  echo "==> test.sh summary"
  printf '    %s\n' "${SUMMARY[@]}"
}
fail() { done_phase "$1" FAILED; summary; echo "test.sh: $1 failed" >&2; exit "${2:-1}"; }

port_answers() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# A URL line of target/db.env (the value may be single-quoted), printed as the bare URL.
URL_LINE="s/^CENOTE_[A-Z]*_\\(PRIMARY\\|REPLICA\\)_URL='\\?\\([^']*\\)'\\?\$/\\2/p"

# Prints the servers of target/db.env (or the defaults of scripts/db.sh) that do not answer.
unreachable_servers() {
  local urls
  if [ -f "$ENV_FILE" ]; then
    urls=$(sed -n "$URL_LINE" "$ENV_FILE")
  else
    urls=$(scripts/db.sh env 2>/dev/null | sed -n "$URL_LINE")
  fi
  local url hostport
  while read -r url; do
    [ -n "$url" ] || continue
    hostport=$(echo "$url" | sed -E 's#^jdbc:[a-z]+://([^/?]+).*#\1#')
    port_answers "${hostport%:*}" "${hostport##*:}" || echo "$url"
  done <<<"$urls"
}

# ---- 1. databases ------------------------------------------------------------------------------
phase "databases"
if [ "$(id -u)" = 0 ]; then
  scripts/db.sh start || fail databases
  done_phase databases ok
else
  missing=$(unreachable_servers)
  if [ -n "$missing" ]; then
    echo "test.sh: these database servers do not answer:"
    while read -r url; do echo "    $url"; done <<<"$missing"
    if [ "${CI:-}" = true ]; then
      echo "test.sh: CI=true, so the integration tests that need them will FAIL."
    else
      echo "test.sh: the integration tests that need them will be SKIPPED."
    fi
    echo "test.sh: start them with 'sudo scripts/db.sh start' (or run this script as root)."
    done_phase databases missing
  else
    echo "test.sh: all database servers answer"
    done_phase databases ok
  fi
fi
if [ -f "$ENV_FILE" ]; then
  set -a
  # shellcheck source=/dev/null
  . "$ENV_FILE"
  set +a
  echo "test.sh: exported the variables of $ENV_FILE"
fi

# ---- 2. browser --------------------------------------------------------------------------------
phase "browser"
browser_installed() { command -v chromium >/dev/null && command -v chromedriver >/dev/null; }
if browser_installed; then
  echo "test.sh: $(chromium --version 2>/dev/null | head -1) and chromedriver are installed"
  done_phase browser ok
elif [ "$(id -u)" = 0 ]; then
  echo "test.sh: installing chromium and chromium-driver with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q && apt-get install -y -q chromium chromium-driver; } >&2 || fail browser
  browser_installed || fail browser
  done_phase browser ok
else
  echo "test.sh: chromium or chromedriver is missing: the browser test will" \
    "$([ "${CI:-}" = true ] && echo FAIL || echo 'be SKIPPED')" \
    "(install them with 'sudo apt-get install chromium chromium-driver')"
  done_phase browser missing
fi

# ---- 3. verify ---------------------------------------------------------------------------------
command -v mvn >/dev/null || { echo "test.sh: mvn is not installed (apt-get install maven)" >&2; exit 1; }
phase "mvn -B verify $*"
mvn -B verify "$@" || fail verify
done_phase verify ok

# ---- 4. benchmark smoke run ---------------------------------------------------------------------
# One short JMH iteration of one benchmark, so pool-bench never rots; no timing is asserted.
phase "benchmark smoke run (pool-bench)"
java -cp pool-bench/target/benchmarks.jar io.cenote.bench.BenchSuite smoke || fail bench
done_phase bench ok

# ---- 5. concurrency tests on JDK 25 -------------------------------------------------------------
# Only the options that change how Maven runs carry over from "$@" (not -pl, -Dtest, ...).
carried=()
for arg in "$@"; do
  case "$arg" in -o|--offline|-q|--quiet|-e|-Dmaven.repo.local=*) carried+=("$arg") ;; esac
done
if [ -x "$JDK25/bin/java" ]; then
  phase "tests tagged concurrency, pool-core, pool-router, pool-guice and what they build on, on $JDK25 (virtual threads)"
  # test-compile (up to date after verify) lets the reactor hand pool-core the pool-testkit
  # classes of this build; without a phase Maven looks in the local repository instead.
  mvn -B -pl pool-core,pool-router,pool-guice -am test-compile surefire:test -Dgroups=concurrency \
    -Djvm="$JDK25/bin/java" -Dsurefire.failIfNoSpecifiedTests=false "${carried[@]}" || fail jdk25
  done_phase jdk25 ok
else
  echo
  echo "==> test.sh: $JDK25 not found; concurrency tests ran on $(java -version 2>&1 | head -1) only"
fi

# ---- 6. stress tests ----------------------------------------------------------------------------
phase "integration tests tagged stress (pool-router: 20 replica outages on PostgreSQL)"
mvn -B -pl pool-router -am verify -DexcludedGroups= -Dgroups=stress -Dtest=NONE \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  "${carried[@]}" || fail stress
grep -h "over 20 rounds" pool-router/target/failsafe-reports/*-output.txt 2>/dev/null \
  | sed 's/^/    /' || true
done_phase stress ok

summary
