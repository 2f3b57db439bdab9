#!/usr/bin/env bash
# Benchmarks of Cenote beside HikariCP (module pool-bench).
#
# Usage: scripts/bench.sh quick|full|smoke     JMH suite on the fault driver's stub database, with
#                                             the GC profiler; prints one table (ops/ms per pool
#                                             with error, cenote/hikari ratio, B/op)
#        scripts/bench.sh compare --db D [--seconds N]
#                                             pooled vs unpooled vs HikariCP on a real database,
#                                             D = sqlite, postgres or mariadb (the last two from
#                                             scripts/db.sh): a simple query, an indexed read, a
#                                             write and a mixed 80/20 load, 8 threads, N s per run
#                                             (default 10); throughput, p50/p95/p99 and the
#                                             improvement in percent, as a table and as an HTML
#                                             page with charts
#        scripts/bench.sh real [seconds]       compare on PostgreSQL, MariaDB and SQLite
#
# quick takes about 5 minutes, full about 40, compare about 14 runs of N s per workload. The
# output is also written to target/bench/ (compare: a .txt and an .html per database).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
JAR=pool-bench/target/benchmarks.jar
MODE=${1:-quick}
shift || true
OUT_DIR=target/bench
mkdir -p "$OUT_DIR"
OUT="$OUT_DIR/$MODE-$(date -u +%Y%m%dT%H%M%SZ).txt"

# compare's options, checked before anything is built
if [ "$MODE" = compare ]; then
  db=
  seconds=10
  while [ $# -gt 0 ]; do
    case "$1" in
      --db) db=${2:-}; shift 2 || shift ;;
      --seconds) seconds=${2:-}; shift 2 || shift ;;
      *) echo "bench.sh: unknown option '$1'; usage: scripts/bench.sh compare --db sqlite|postgres|mariadb [--seconds N]" >&2; exit 2 ;;
    esac
  done
  case "$db" in
    sqlite|postgres|mariadb) ;;
    *) echo "bench.sh: --db must be sqlite, postgres or mariadb, but was '$db'" >&2; exit 2 ;;
  esac
  [[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --seconds must be a whole number >= 1, but was '$seconds'" >&2; exit 2; }
fi

if [ ! -f "$JAR" ] || [ -n "$(find pool-core/src pool-resilience/src pool-router/src pool-micrometer/src pool-testkit/src pool-bench/src pool-bench/pom.xml -newer "$JAR" -print -quit)" ]; then
  echo "bench.sh: building $JAR"
  mvn -B -q -DskipTests package -pl pool-bench -am
fi

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "cores: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
} | tee "$OUT"

load_db_env() {
  if [ -f target/db.env ]; then
    set -a
    # shellcheck source=/dev/null
    . target/db.env
    set +a
  fi
}

# compare DB SECONDS: the comparison on one database, its table into $OUT and an HTML page.
compare() {
  local html="${OUT%.txt}-$1.html"
  java -cp "$JAR" io.cenote.bench.RealDatabaseBenchmark "$1" "$2" "$html" 2>&1 | tee -a "$OUT"
}

case "$MODE" in
  quick|full|smoke)
    java -cp "$JAR" io.cenote.bench.BenchSuite "$MODE" 2>&1 | tee -a "$OUT"
    ;;
  compare)
    load_db_env
    compare "$db" "$seconds"
    ;;
  real)
    load_db_env
    seconds=${1:-10}
    for db in postgres mariadb sqlite; do
      compare "$db" "$seconds"
    done
    ;;
  *)
    echo "usage: scripts/bench.sh quick|full|smoke | compare --db sqlite|postgres|mariadb [--seconds N] | real [seconds]" >&2
    exit 2
    ;;
esac
echo "bench.sh: results in $OUT"
