#!/bin/sh
# Issue 14's page benchmark: on a fresh embedded (H2 file) database, generate a demo month, close it, submit its
# ready claims (one interchange), add a user, start 'serve' on a port, then request every page of the console as
# that user with the JDK HttpClient
# (bench/ConsolePages: one warm-up round, then --repeat rounds) and print the pages slowest first with their
# median, p95 and slowest answer in ms, and a verdict against the 300 ms goal. The console is stopped at the end.
#
#   jobs/console-bench.sh [--patients N] [--month YYYY-MM] [--repeat R] [--port P] [--reuse] [--mysql-url URL --out DIR]
#
#   --patients N   default 100000 (about 70k claims); the issue's goal is stated at 1000000
#   --month M      default 2026-10
#   --repeat R     requests per page after the warm-up (default 20)
#   --port P       the console's port (default 18080)
#   --reuse        keep the scratch database and files of an earlier run (BENCH_WORK) and only measure the pages with
#                  the jar built now (no generation, close or submit; a new bench user is added): a 1M month takes an
#                  hour to generate, close and submit on a loaded machine, the pages a few minutes
#   --mysql-url URL  measure a month already closed and submitted on MySQL/MariaDB instead (CCM_DB_USER and
#                    CCM_DB_PASSWORD from the environment), e.g. the database jobs/bench.sh --reuse keeps, started
#                    with networking; --out DIR is that run's output directory (its month files and interchanges)
#
# Environment: BENCH_WORK scratch directory (default ${TMPDIR:-/tmp}/bench-ccm-console), JAVA_HOME.
# Needs a JDK 17 and the Maven dependencies (./mvnw). Exit code 0 when every step ran, whatever the verdict.

set -eu
cd "$(dirname "$0")/.."
work=${BENCH_WORK:-${TMPDIR:-/tmp}/bench-ccm-console}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
patients=100000
month=2026-10
repeat=20
port=18080
reuse=false
mysql_url=
out=
while [ $# -gt 0 ]; do
    case $1 in
        --patients) patients=$2; shift 2 ;;
        --month) month=$2; shift 2 ;;
        --repeat) repeat=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        --reuse) reuse=true; shift ;;
        --mysql-url) mysql_url=$2; reuse=true; shift 2 ;;
        --out) out=$2; shift 2 ;;
        *) echo "usage: $0 [--patients N] [--month YYYY-MM] [--repeat R] [--port P] [--reuse] [--mysql-url URL --out DIR]" >&2; exit 2 ;;
    esac
done

./mvnw -q -DskipTests package
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test

if [ -n "$mysql_url" ]; then
    rm -rf "$work/bin"
elif $reuse; then
    if [ ! -f "$work/db/ccm.mv.db" ]; then
        echo "console-bench: --reuse needs an earlier run's database under $work/db" >&2
        exit 2
    fi
    rm -rf "$work/bin"
else
    rm -rf "$work"
fi
mkdir -p "$work/bin"
# a copy of what runs, so that a rebuild of target/ during the run changes nothing under it
cp target/ccm-month-end.jar target/bench.classpath "$work/bin/"
cp -r target/test-classes "$work/bin/test-classes"
db="jdbc:h2:file:$work/db/ccm;DB_CLOSE_ON_EXIT=FALSE"
database="--spring.datasource.url=$db"
if [ -n "$mysql_url" ]; then
    # an already closed and submitted month on MySQL/MariaDB (e.g. jobs/bench.sh --reuse's): CCM_DB_USER and
    # CCM_DB_PASSWORD come from the environment; --out is that run's output directory
    database="--spring.profiles.active=mysql"
    CCM_DB_URL=$mysql_url
    export CCM_DB_URL
fi
out=${out:-$work/out}
run() {
    "$java" -Xmx2g -jar "$work/bin/ccm-month-end.jar" "$@" "$database" "--ccm.output-dir=$out" \
        "--logging.file.name=$work/ccm.log"
}

bench_user=bench
if $reuse; then
    echo "console-bench: reusing the database and files under $work (month $month)"
    bench_user=bench$(od -An -N4 -tu4 /dev/urandom | tr -d ' \n')
else
    echo "console-bench: $patients patients, month $month, scratch $work"
    run demo-data --patients "$patients" --month "$month"
    run close --month "$month"
    # an interchange for the submissions pages (every ready claim of the month in one 837P)
    run submit --month "$month" --by bench
fi
CCM_BENCH_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
export CCM_BENCH_PASSWORD
CCM_NEW_PASSWORD=$CCM_BENCH_PASSWORD run user add "$bench_user" --role AUDITOR

# not through run(): $! must be the JVM itself, so that the trap below stops it
"$java" -Xmx2g -jar "$work/bin/ccm-month-end.jar" serve "--server.port=$port" "$database" "--ccm.output-dir=$out" \
    "--logging.file.name=$work/ccm.log" > "$work/serve.out" 2>&1 &
serve=$!
trap 'kill "$serve" 2>/dev/null; wait "$serve" 2>/dev/null || true' EXIT INT TERM
tries=0
until grep -q "Console on" "$work/serve.out" 2>/dev/null; do
    tries=$((tries + 1))
    if [ $tries -gt 240 ] || ! kill -0 "$serve" 2>/dev/null; then
        echo "console-bench: the console did not start:" >&2
        cat "$work/serve.out" >&2
        exit 1
    fi
    sleep 0.5
done

"$java" -cp "$work/bin/test-classes:$(cat "$work/bin/bench.classpath")" org.ccm.monthend.bench.ConsolePages \
    --url "http://127.0.0.1:$port" --user "$bench_user" --month "$month" --repeat "$repeat"
echo "console-bench: load average $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
