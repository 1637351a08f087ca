#!/usr/bin/env bash
# Runs the sieve CLI, building it first when the jar is missing or older than any source or POM.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
. "$root/scripts/jdk.sh"
jar="$root/sieve-cli/target/sieve.jar"
stale=0
if [ ! -f "$jar" ]; then
  stale=1
elif [ -n "$(find "$root" -path "$root/.git" -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
  stale=1
fi
if [ "$stale" = 1 ]; then
  echo "sieve: building (first run, or sources changed)..." >&2
  if ! (cd "$root" && mvn -B -q -ntp -DskipTests -pl sieve-cli -am package >"$root/target-build.log" 2>&1); then
    echo "sieve: error: build failed; see $root/target-build.log" >&2
    exit 1
  fi
  rm -f "$root/target-build.log"
fi
# The main job needs Fashion-MNIST: on a fresh machine, install Debian's package first (the demo's only
# external input), unless the user points elsewhere with --data or SIEVE_FASHION_MNIST.
if [ "${1:-}" = demo ] && [ -z "${SIEVE_FASHION_MNIST:-}" ] && [[ " $* " != *" --data"* ]] \
   && [ ! -f /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz ]; then
  echo "sieve: Fashion-MNIST is not installed; running scripts/fetch-fashion-mnist" >&2
  "$root/scripts/fetch-fashion-mnist" >&2 || exit 1
fi
# A fixed 1 GiB young generation: training allocates many short-lived activation and gradient arrays, and
# with the adaptive size policy ParallelGC keeps resizing (and the OS re-faulting) the young generation,
# which doubled the MLP's epoch time in system time alone. Transparent huge pages (where the kernel offers
# them on request, "madvise") cut TLB misses when a sparse kernel reads rows of a large dense operand at
# random: a GCN aggregation over 100k nodes x 128 features ran 2.1x faster. SIEVE_JAVA_OPTS can override these.
# The launcher announces the incubator module on every start; drop that one line so errors stay one line.
thp=""
if grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
  thp="-XX:+UseTransparentHugePages"   # only where the kernel offers them; elsewhere the JVM would warn on every start
fi
set +e
{ "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -XX:+UseParallelGC -XX:-UseAdaptiveSizePolicy -Xmn1g $thp ${SIEVE_JAVA_OPTS:-} -jar "$jar" "$@" 2>&1 1>&3 3>&- |
  grep -v --line-buffered '^WARNING: Using incubator modules: jdk.incubator.vector$' >&2 3>&-; } 3>&1
exit "${PIPESTATUS[0]}"
