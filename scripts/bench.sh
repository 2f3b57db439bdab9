#!/usr/bin/env bash
# Benchmarks of Cenote beside HikariCP (module pool-bench).
#
# Usage: scripts/bench.sh quick|full|smoke     JMH suite on the fault driver's stub database, with
#                                             the GC profiler; prints one table (ops/ms per pool
#                                             with error, cenote/hikari ratio, B/op)
#        scripts/bench.sh real [seconds]       unpooled vs cenote vs hikari on real PostgreSQL
#                                             (from scripts/db.sh) and SQLite, 8 threads
#
# quick takes about 5 minutes, full about 40. The output is also written to target/bench/.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
JAR=pool-bench/target/benchmarks.jar
MODE=${1:-quick}
OUT_DIR=target/bench
mkdir -p "$OUT_DIR"
OUT="$OUT_DIR/$MODE-$(date -u +%Y%m%dT%H%M%SZ).txt"

if [ ! -f "$JAR" ] || [ -n "$(find pool-core/src pool-resilience/src pool-router/src pool-testkit/src pool-bench/src pool-bench/pom.xml -newer "$JAR" -print -quit)" ]; then
  echo "bench.sh: building $JAR"
  mvn -B -q -DskipTests package -pl pool-bench -am
fi

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "cores: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
} | tee "$OUT"

case "$MODE" in
  quick|full|smoke)
    java -cp "$JAR" io.cenote.bench.BenchSuite "$MODE" 2>&1 | tee -a "$OUT"
    ;;
  real)
    if [ -f target/db.env ]; then
      set -a
      # shellcheck source=/dev/null
      . target/db.env
      set +a
    fi
    seconds=${2:-10}
    java -cp "$JAR" io.cenote.bench.RealDatabaseBenchmark postgresql "$seconds" 2>&1 | tee -a "$OUT"
    java -cp "$JAR" io.cenote.bench.RealDatabaseBenchmark sqlite "$seconds" 2>&1 | tee -a "$OUT"
    ;;
  *)
    echo "usage: scripts/bench.sh quick|full|smoke|real [seconds]" >&2
    exit 2
    ;;
esac
echo "bench.sh: results in $OUT"
