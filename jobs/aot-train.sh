#!/bin/sh
# Warm restarts (issue 15): a JDK 25 AOT cache (JEP 483 classes loaded and linked ahead of time, JEP 514 made in one
# training run, JEP 515 with the method profiles of that run) for the jar, which stays Java 17 bytecode. The training
# run closes a synthetic month on a scratch embedded database (never the configured one: a close writes claims), so
# the cache holds Spring's start and the hot paths of deciding and writing a month; Connector/J's paths are not in
# it. jobs/close.sh and preview.sh use the cache with CCM_AOT=1 (common.sh).
#
#   jobs/aot-train.sh [--patients N]      default 20000 (about 30 s of training on 2 cores)
#
# Environment:
#   CCM_JAR       the jar (as close.sh finds it)
#   CCM_AOT_JAVA  a JDK 25 java (default: $JAVA25_HOME/bin/java, else /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
#   CCM_AOT_DIR   where the extracted jar and app.aot go (default $CCM_HOME/.aot/<jar checksum>, as common.sh looks)
#
# Exit code 0 when the cache was written, 1 when a step failed, 2 on bad usage or without a JDK 25.

set -u
CCM_SCRIPT=aot-train.sh
CCM_JOBS_DIR=$(cd "$(dirname "$0")" && pwd)
CCM_AOT=0
. "$CCM_JOBS_DIR/common.sh"

patients=20000
while [ $# -gt 0 ]; do
    case $1 in
        --patients) patients=${2:?--patients N}; shift 2 ;;
        *) log "usage: jobs/aot-train.sh [--patients N]"; exit 2 ;;
    esac
done

java25=$(ccm_aot_java)
if ! "$java25" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q AOTCacheOutput; then
    log "no JDK 25 at $java25 (set CCM_AOT_JAVA): the AOT cache needs JDK 24 or later to make and to use"
    exit 2
fi
dir=$(ccm_aot_dir)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ccm-aot-train.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
db="--spring.datasource.url=jdbc:h2:file:$scratch/db;DB_CLOSE_ON_EXIT=FALSE"
month=2026-10
log "extracting the jar into $dir/app, training with a close of $patients synthetic patients"
rm -rf "$dir" && mkdir -p "$dir" \
    && "$java25" -Djarmode=tools -jar "$CCM_JAR" extract --destination "$dir/app" >/dev/null \
    && "$java25" -jar "$dir/app/$(basename "$CCM_JAR")" demo-data --patients "$patients" --month "$month" "$db" \
        --ccm.output-dir="$scratch/out" >"$scratch/demo.log" 2>&1 \
    && "$java25" -XX:AOTCacheOutput="$dir/app.aot.tmp" -jar "$dir/app/$(basename "$CCM_JAR")" close --month "$month" "$db" \
        --ccm.output-dir="$scratch/out" >"$scratch/train.log" 2>&1 \
    && mv "$dir/app.aot.tmp" "$dir/app.aot" \
    || { log "training failed:"; cat "$scratch"/*.log >&2; exit 1; }
log "AOT cache written: $dir/app.aot ($(du -h "$dir/app.aot" | cut -f1))"
