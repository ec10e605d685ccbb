#!/usr/bin/env bash
# The re-close path of issue 13's accepted voids: on a scratch embedded (H2) database, demo-data, close revision 1,
# then close revision 2, which reads every claim of revision 1 through the reader's cursor of earlier claims and
# finds them ALREADY_BILLED (the step V12 changed: one more column read, a three-column key). Prints the wall time
# of each step and the load average, so two jars can be compared on the same machine.
#
#   jobs/bench-revision.sh [--patients N] [--month YYYY-MM] [--jar PATH]
#
#   --patients N   default 100000 (about 1M time entries, about 69k claims)
#   --month        default 2026-10
#   --jar PATH     default target/ccm-month-end.jar (build it first: ./mvnw -q -DskipTests package)
set -euo pipefail
patients=100000
month=2026-10
jar=target/ccm-month-end.jar
while [ $# -gt 0 ]; do
  case "$1" in
    --patients) patients="$2"; shift 2 ;;
    --month) month="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    *) echo "usage: $0 [--patients N] [--month YYYY-MM] [--jar PATH]" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || { echo "no jar at $jar: ./mvnw -q -DskipTests package" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r config "$scratch/config" 2>/dev/null || true
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
cd "$scratch"
settings=(--spring.datasource.url="jdbc:h2:file:$scratch/db" --ccm.output-dir="$scratch/out" --logging.file.name="$scratch/ccm.log")
step() {
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  java -jar "$jar" "$@" "${settings[@]}" > "$scratch/$name.out" 2> "$scratch/$name.err" || { echo "$name failed:"; cat "$scratch/$name.err"; exit 1; }
  end=$(date +%s.%N)
  printf '%-12s %8.1f s   load %s\n' "$name" "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
echo "jar $jar, $patients patients, month $month"
step demo-data demo-data --patients "$patients" --month "$month"
step revision-1 close --month "$month"
step revision-2 close --month "$month" --revision 2
claims1=$(($(wc -l < "$scratch/out/$month/claims.csv") - 1))
claims2=$(($(wc -l < "$scratch/out/$month/revision-2/claims.csv") - 1))
already=$(grep -c ',ALREADY_BILLED,' "$scratch/out/$month/revision-2/exceptions.csv" || true)
echo "claim lines: revision 1 $claims1, revision 2 $claims2; revision 2 ALREADY_BILLED patient-months: $already"
