# Sourced by ./sieve and scripts/test: finds a JDK >= 25 and exports JAVA_HOME.
# Order: $JAVA_HOME, $SIEVE_JAVA_HOME... then /usr/lib/jvm/*, /opt/*, ~/.sdkman, then `java` on PATH.

sieve_java_major() {  # prints the feature version of the JDK at $1, or nothing
  local java="$1/bin/java" javac="$1/bin/javac"
  [ -x "$java" ] && [ -x "$javac" ] || return 0
  "$java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

sieve_find_jdk() {
  local candidate major
  local candidates=()
  [ -n "${SIEVE_JAVA_HOME:-}" ] && candidates+=("$SIEVE_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /opt/*jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in "${candidates[@]}"; do
    major=$(sieve_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

if ! SIEVE_JDK=$(sieve_find_jdk); then
  cat >&2 <<'MSG'
sieve: error: no JDK 25 or newer found (looked at $SIEVE_JAVA_HOME, $JAVA_HOME, /usr/lib/jvm/*, /opt, ~/.sdkman and `java` on PATH).
  Install one, e.g. `apt-get install openjdk-25-jdk` (Debian/Ubuntu) or Eclipse Temurin 25,
  or point SIEVE_JAVA_HOME (or JAVA_HOME) at an existing JDK 25 installation.
MSG
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$SIEVE_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own Guice/Guava call sun.misc.Unsafe; keep JDK 25 from warning about it on every build.
case " ${MAVEN_OPTS:-} " in
  *sun-misc-unsafe-memory-access*) ;;
  *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
esac
