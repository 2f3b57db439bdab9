# Shared by scripts/demo.sh, example.sh, simulate.sh and dashboard.sh (sourced, not run):
# finds the JDK and builds pool-examples' jars with Maven when they are missing or older than
# a source they are built from. The caller sets REPO and TOOL (its name, for messages).

die() {
  echo "$TOOL: $*" >&2
  exit 1
}

# The java binary: $JAVA_HOME/bin/java when set, else java on the PATH.
find_java() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    JAVA=$JAVA_HOME/bin/java
  else
    JAVA=$(command -v java) || die "java not found: install a JDK 17+ or set JAVA_HOME"
  fi
}

# true when $1 (a jar) is missing, older than a pom or main source of the reactor, or when
# $2 (a rebuild flag) is 1
jar_is_stale() {
  local jar=$1 force=${2:-0} newer
  [[ $force == 1 || ! -f $jar ]] && return 0
  newer=$(find "$REPO/pom.xml" "$REPO"/pool-*/pom.xml "$REPO"/pool-*/src/main \
    -newer "$jar" -type f -print -quit 2>/dev/null)
  [[ -n $newer ]]
}

# Builds pool-examples (and the modules it needs) without tests, quietly unless it fails.
build_examples() {
  command -v mvn >/dev/null || die "mvn not found: install Maven 3.8+ (Debian: apt-get install maven)"
  echo "$TOOL: building pool-examples with Maven (the first build downloads dependencies)..." >&2
  local log
  log=$(mktemp "${TMPDIR:-/tmp}/cenote-$TOOL-build.XXXXXX")
  if ! (cd "$REPO" && mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true \
      package -pl pool-examples -am) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "the build failed; see the Maven output above"
  fi
  rm -f "$log"
}

# Exports the servers' URLs from target/db.env (written by scripts/db.sh start), if present.
load_db_env() {
  if [[ -f $REPO/target/db.env ]]; then
    set -a
    # shellcheck disable=SC1091
    . "$REPO/target/db.env"
    set +a
  fi
}

# Runs a main class of cenote-examples.jar with the arguments, after exporting target/db.env and
# building the jar when it is stale; replaces the shell.
exec_examples_class() {
  local main=$1
  shift
  local jar=$REPO/pool-examples/target/cenote-examples.jar
  find_java
  load_db_env
  if jar_is_stale "$jar" "${CENOTE_EXAMPLE_REBUILD:-0}"; then
    build_examples
  fi
  exec "$JAVA" -cp "$jar" "$main" "$@"
}
