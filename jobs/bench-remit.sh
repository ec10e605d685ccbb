#!/bin/sh
# Issue 13's benchmark (jobs/bench.sh --remit runs it): on the embedded H2 database in a scratch directory, generate
# a month with demo-data, close and submit it, let the synthetic payer answer (demo-remit), then time 'remit' of
# that 835 with -Xmx512m (wall time, peak RSS, the check and post phases from the log), posting the same file again
# (idempotent: nothing changes) and 'receivables'. Prints claims, bytes, seconds, claims/s and peak memory.
#
#   jobs/bench-remit.sh [--patients N] [--month YYYY-MM] [--validate-max-bytes B]
#
#   --patients N            default 100000 (about 69k claims); 1000000 is the 1M-patient demo month (~690k claims)
#   --month YYYY-MM         default 2026-10
#   --validate-max-bytes B  ccm.remit.validate-max-bytes (default the product's, 64 MiB: imsweb's structure check
#                           reads the whole file into memory, so larger files are checked by the streaming reader only)
#
# Environment: BENCH_WORK scratch directory (default ${TMPDIR:-/tmp}/bench-ccm-remit), JAVA_HOME.
set -eu
cd "$(dirname "$0")/.."
repo=$(pwd)
patients=100000
month=2026-10
validate=""
while [ $# -gt 0 ]; do
    case "$1" in
        --remit) ;;
        --patients) patients=$2; shift ;;
        --month) month=$2; shift ;;
        --validate-max-bytes) validate="--ccm.remit.validate-max-bytes=$2"; shift ;;
        *) echo "usage: jobs/bench-remit.sh [--patients N] [--month YYYY-MM] [--validate-max-bytes B]" >&2; exit 2 ;;
    esac
    shift
done
work=${BENCH_WORK:-${TMPDIR:-/tmp}/bench-ccm-remit}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
[ -f target/ccm-month-end.jar ] || ./mvnw -q -DskipTests package
rm -rf "$work"
mkdir -p "$work"
cp target/ccm-month-end.jar "$work/"
cp -r config "$work/"
cd "$work"

timed() { # label, command...: wall seconds and peak RSS of one command
    label=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/$label.out" 2> "$work/$label.err" || { cat "$work/$label.err" >&2; exit 1; }
    set -- $(cat "$work/time.txt")
    echo "$label: $1 s wall, peak RSS $(($2 / 1024)) MiB"
}
echo "remit benchmark: $patients patients, month $month, commit $(cd "$repo" && git rev-parse --short HEAD), $(nproc) cores"
timed demo-data "$java" -Xmx512m -jar ccm-month-end.jar demo-data --patients "$patients" --month "$month"
timed close "$java" -Xmx512m -jar ccm-month-end.jar close --month "$month"
timed submit "$java" -Xmx512m -jar ccm-month-end.jar submit
timed demo-remit "$java" -Xmx512m -jar ccm-month-end.jar demo-remit --submission 1 --seed 1 --out era/answer.835
claims=$(grep -c '^CLP\*' era/answer.835 || true)
bytes=$(wc -c < era/answer.835)
echo "835: $claims claims, $bytes bytes, $(grep -c '^ST\*' era/answer.835) transactions"
timed remit "$java" -Xmx512m -jar ccm-month-end.jar remit --from era/answer.835 $validate
grep -h "Remit:" remit.out remit.err | sed 's/^[0-9:.]* INFO  RemittancePoster - /  /'
set -- $(cat "$work/time.txt")
echo "remit: $(echo "$claims $1" | awk '{ printf "%.0f", $1 / $2 }') claims/s over the whole command (JVM start included)"
timed remit-again "$java" -Xmx512m -jar ccm-month-end.jar remit --from era/answer.835 $validate
grep -q "already posted" remit-again.out && echo "remit-again: already posted, nothing changed"
timed receivables "$java" -Xmx512m -jar ccm-month-end.jar receivables --month "$month"
sed -n '1,14p' receivables.out
