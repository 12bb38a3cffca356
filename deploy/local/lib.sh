# Shared by the scripts in deploy/local: find a JDK 21+, make sure Maven is there, build the node.
# Sourced, not run.

PGW_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PGW_JAR="$PGW_ROOT/node/target/pgw-node.jar"
PGW_JVM_FLAGS="--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow ${PGW_JAVA_OPTS:-}"

pgw_die() { echo "pgw: $*" >&2; exit 1; }

# The major version of the JDK at $1 (its bin/java), or nothing.
pgw_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == 1 ? v[2] : v[1]) }'
}

# Exports JAVA_HOME as the first JDK 21+ among $JAVA_HOME, the java on PATH and /usr/lib/jvm/*.
pgw_find_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  command -v java >/dev/null 2>&1 && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  for c in /usr/lib/jvm/*; do candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    major=$(pgw_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  pgw_die "no JDK 21 or newer found (looked at \$JAVA_HOME, the java on PATH and /usr/lib/jvm/*).
  Helidon 4 needs Java 21+. Install one (for example a Temurin 21 or 25 JDK under /usr/lib/jvm)
  or point JAVA_HOME at it, then run this again."
}

# Installs Debian packages that are missing (needs root and apt-get).
pgw_apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || pgw_die "missing packages ${missing[*]} and no apt-get to install them"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "pgw: installing ${missing[*]}" >&2
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null ||
    pgw_die "could not install ${missing[*]}"
}

pgw_find_maven() {
  command -v mvn >/dev/null 2>&1 || pgw_apt_install maven
}

# Builds the node jar (and everything it needs) without running tests. PGW_SKIP_BUILD=1 uses the
# jar already built (tests that call these scripts from inside a Maven build set it).
pgw_build() {
  pgw_find_jdk
  if [ "${PGW_SKIP_BUILD:-}" = 1 ] && [ -f "$PGW_JAR" ]; then return 0; fi
  pgw_find_maven
  echo "pgw: building with $JAVA_HOME" >&2
  (cd "$PGW_ROOT" && mvn -B -q -DskipTests install) || pgw_die "build failed"
}

pgw_java() {
  "$JAVA_HOME/bin/java" $PGW_JVM_FLAGS "$@"
}
