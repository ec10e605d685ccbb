#!/bin/sh
# Issue 13's benchmark (jobs/bench.sh --remit runs it): on the embedded H2 database in a scratch directory, generate
# a month with demo-data, close and submit it, let the synthetic payer answer (demo-remit), then time 'remit' of
# that 835 with -Xmx512m (wall time, peak RSS, the check and post phases from the log), posting the same file again
# (idempotent: nothing changes) and 'receivables'. Prints claims, bytes, seconds, claims/s and peak memory.
#
#   jobs/bench-remit.sh [--patients N] [--month YYYY-MM] [--validate-max-bytes B] [--reuse] [--prepare-only]
#
#   --patients N            default 100000 (about 69k claims); 1000000 is the 1M-patient demo month (~690k claims)
#   --month YYYY-MM         default 2026-10
#   --validate-max-bytes B  ccm.remit.validate-max-bytes (default the product's, 2 MiB: imsweb's structure check
#                           reads the whole file into memory, so larger files are checked by the streaming reader only)
#   --reuse                 start from the month kept by an earlier run with the same --patients and --month (the
#                           database and the 835 as they were before 'remit', in $BENCH_WORK.prepared-N-M): only the
#                           remit steps run, with the current jar
#   --prepare-only          generate, close, submit and answer the month, keep it for --reuse, and stop
#   --chunk-claims C        ccm.remit.chunk-claims (claims per database transaction while posting)
#   --xmx SIZE              the remit steps' -Xmx (default 512m): a posting whose memory does not grow with the file
#                           also fits a heap much smaller than the file would need
#   --live-every S          every S seconds (default 30, 0 = never) during the remit step, a class histogram (jcmd),
#                           which forces a full collection: the heap then in use is what the posting keeps reachable
#
# The remit step runs with -Xlog:gc. G1 lets the heap fill up to -Xmx before it collects, so the heap in use before a
# collection says little; the live heap of the histograms is the number that must not grow with the file.
#
# Environment: BENCH_WORK scratch directory (default ${TMPDIR:-/tmp}/bench-ccm-remit), JAVA_HOME, BENCH_JAR the jar
# whose remit is measured (default target/ccm-month-end.jar; another commit's jar for an A/B on the kept month).
set -eu
cd "$(dirname "$0")/.."
repo=$(pwd)
patients=100000
month=2026-10
validate=""
reuse=false
prepare_only=false
chunk=""
live_every=30
xmx=512m
mysql_url=
mysql_out=
submission=1
at=
while [ $# -gt 0 ]; do
    case "$1" in
        --remit) ;;
        --patients) patients=$2; shift ;;
        --month) month=$2; shift ;;
        --validate-max-bytes) validate="--ccm.remit.validate-max-bytes=$2"; shift ;;
        --reuse) reuse=true ;;
        --prepare-only) prepare_only=true ;;
        --chunk-claims) chunk="--ccm.remit.chunk-claims=$2"; shift ;;
        --live-every) live_every=$2; shift ;;
        --xmx) xmx=$2; shift ;;
        --mysql-url) mysql_url=$2; shift ;;
        --out) mysql_out=$2; shift ;;
        --submission) submission=$2; shift ;;
        *) echo "usage: jobs/bench-remit.sh [--patients N] [--month YYYY-MM] [--validate-max-bytes B] [--reuse] [--prepare-only] [--chunk-claims C] [--mysql-url URL --out DIR [--submission ISA13]]" >&2; exit 2 ;;
    esac
    shift
done
work=${BENCH_WORK:-${TMPDIR:-/tmp}/bench-ccm-remit}
prepared=$work.prepared-$patients-$month
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=${BENCH_JAR:-target/ccm-month-end.jar}
[ -n "${BENCH_JAR:-}" ] || [ -f target/ccm-month-end.jar ] || ./mvnw -q -DskipTests package
if $reuse && [ ! -f "$prepared/era/answer.835" ]; then
    echo "jobs/bench-remit.sh: --reuse: no month kept in $prepared (run once without --reuse)" >&2
    exit 2
fi
rm -rf "$work"
mkdir -p "$work"
cp "$jar" "$work/ccm-month-end.jar"
cp -r config "$work/"
cd "$work"

timed() { # label, command...: wall seconds and peak RSS of one command
    label=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/$label.out" 2> "$work/$label.err" || { cat "$work/$label.err" >&2; exit 1; }
    set -- $(cat "$work/time.txt")
    echo "$label: $1 s wall, peak RSS $(($2 / 1024)) MiB"
}
what="$patients patients"
[ -z "$mysql_url" ] || what="the month closed on MySQL/MariaDB"
echo "remit benchmark: $what, month $month, commit $(cd "$repo" && git rev-parse --short HEAD), jar $jar, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$mysql_url" ]; then
    # a month already closed and submitted on MySQL/MariaDB (e.g. the database jobs/bench.sh --reuse keeps, started with
    # networking): CCM_DB_USER and CCM_DB_PASSWORD from the environment; --out is that database's output directory
    [ -n "$mysql_out" ] || { echo "jobs/bench-remit.sh: --mysql-url needs --out DIR (the month's output directory)" >&2; exit 2; }
    SPRING_PROFILES_ACTIVE=mysql CCM_DB_URL=$mysql_url
    export SPRING_PROFILES_ACTIVE CCM_DB_URL
    at="--ccm.output-dir=$mysql_out"
    echo "on $mysql_url, interchange $submission, output $mysql_out"
    mkdir -p era
    timed demo-remit "$java" -Xmx512m -jar ccm-month-end.jar demo-remit --submission "$submission" --seed 1 --out era/answer.835 $at
elif $reuse; then
    echo "reusing the month kept in $prepared"
    cp -r "$prepared/data" "$prepared/era" "$prepared/out" .
else
    timed demo-data "$java" -Xmx512m -jar ccm-month-end.jar demo-data --patients "$patients" --month "$month"
    timed close "$java" -Xmx512m -jar ccm-month-end.jar close --month "$month"
    timed submit "$java" -Xmx512m -jar ccm-month-end.jar submit
    timed demo-remit "$java" -Xmx512m -jar ccm-month-end.jar demo-remit --submission 1 --seed 1 --out era/answer.835
    rm -rf "$prepared"
    mkdir -p "$prepared"
    cp -r data era out "$prepared/"
    echo "kept the month for --reuse in $prepared"
fi
$prepare_only && exit 0
claims=$(grep -c '^CLP\*' era/answer.835 || true)
bytes=$(wc -c < era/answer.835)
echo "835: $claims claims, $bytes bytes, $(grep -c '^ST\*' era/answer.835) transactions"
# the remit step by hand: its JVM is sampled while it runs
: > "$work/live.txt"
/usr/bin/time -f "%e %M" -o "$work/time.txt" "$java" -Xmx"$xmx" -Xlog:gc:file="$work/gc-remit.log" -jar ccm-month-end.jar remit \
    --from era/answer.835 $validate $chunk $at > "$work/remit.out" 2> "$work/remit.err" &
timer=$!
if [ "$live_every" -gt 0 ]; then
    sleep 1
    jvm=$(pgrep -P "$timer" java || true)
    while [ -n "$jvm" ] && kill -0 "$jvm" 2>/dev/null; do
        sleep "$live_every"
        jcmd "$jvm" GC.class_histogram 2>/dev/null | awk -v t="$(date +%s)" '/^Total/ { print t, $3 }' >> "$work/live.txt" || true
    done
fi
wait "$timer" || { cat "$work/remit.err" >&2; exit 1; }
set -- $(cat "$work/time.txt")
echo "remit: $1 s wall, peak RSS $(($2 / 1024)) MiB"
grep -h "Remit:" remit.out remit.err | sed 's/^[0-9:.]* INFO  RemittancePoster - /  /'
set -- $(cat "$work/time.txt")
echo "remit: $(echo "$claims $1" | awk '{ printf "%.0f", $1 / $2 }') claims/s over the whole command (JVM start included)"
sed -n 's/.*Pause \(Young\|Full\).* \([0-9]*\)M->\([0-9]*\)M(\([0-9]*\)M).*/\2 \3 \4/p' "$work/gc-remit.log" \
    | awk '{ if ($1 > h) h = $1; if ($2 > l) l = $2; if ($3 > c) c = $3; n++ }
           END { printf "remit heap: peak %d MiB in use before a collection, %d MiB after one, committed %d MiB, %d collections (-Xmx'"$xmx"')\n", h, l, c, n }'
awk '{ mib = $2 / 1048576; if (mib > max) max = mib; if (n == 0) first = mib; last = mib; n++ }
     END { if (n) printf "remit live heap (full collection by jcmd every '"$live_every"' s): first %.1f MiB, last %.1f MiB, peak %.1f MiB over %d samples\n", first, last, max, n }' "$work/live.txt"
timed remit-again "$java" -Xmx"$xmx" -jar ccm-month-end.jar remit --from era/answer.835 $validate $at
grep -q "already posted" remit-again.out && echo "remit-again: already posted, nothing changed"
timed receivables "$java" -Xmx512m -jar ccm-month-end.jar receivables --month "$month" $at
sed -n '1,14p' receivables.out
