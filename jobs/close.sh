#!/bin/sh
# Close a service month with ccm-month-end: for cron, systemd timers and Kubernetes CronJobs.
#
#   jobs/close.sh [YYYY-MM] [more arguments for 'close', e.g. --revision 2 or --ccm.output-dir=/exports]
#
# The month defaults to the previous calendar month, from `date` in the environment's TZ (set TZ to the
# practice's zone when the machine runs in UTC). Every argument after it is passed to the jar as is.
#
# Exit codes (the jar's, see jobs/README.md):
#   0  closed (also: already closed, when CCM_CLOSE_ALREADY_CLOSED_OK=1)
#   1  failed, restartable: run this script again (or 'restart EXECUTION_ID'); it resumes where it stopped
#   2  bad usage or bad configuration (no rule set for the month, a bad setting, no jar): fix it, then run again
#   3  refused: the month is already closed (nothing was done; re-close on purpose with --revision N)
#   4  refused: another close of the month is running (nothing was done)
#
# Environment:
#   CCM_JAR        the jar (default: ../target/ccm-month-end.jar, ../ccm-month-end.jar or ./ccm-month-end.jar from here)
#   CCM_HOME       working directory with config/ (default: this folder's parent)
#   CCM_ENV_FILE   VAR=value lines to load first (database credentials), e.g. /etc/ccm-month-end/env
#   JAVA, JAVA_HOME, JAVA_OPTS   which java, and its options (e.g. -Xmx2g)
#   CCM_CLOSE_ALREADY_CLOSED_OK=1  exit 0 instead of 3 when the month is already closed (a retried or
#                  catch-up run of a closed month is then not an alarm); logged either way
#   SPRING_DATASOURCE_URL / SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD, SPRING_PROFILES_ACTIVE,
#   CCM_OUTPUT_DIR: read by the application itself (Spring Boot relaxed binding)

set -u
CCM_SCRIPT=close.sh
CCM_JOBS_DIR=$(cd "$(dirname "$0")" && pwd)
. "$CCM_JOBS_DIR/common.sh"

previous_month() {
    year=$(date +%Y)
    month=$(date +%m)
    month=${month#0}
    if [ "$month" -eq 1 ]; then
        year=$((year - 1))
        month=12
    else
        month=$((month - 1))
    fi
    printf '%04d-%02d\n' "$year" "$month"
}

case ${1:-} in
    [0-9][0-9][0-9][0-9]-[0-9][0-9])
        month=$1
        shift
        set -- --month "$month" "$@"
        ;;
    *)
        if ! has_month "$@"; then
            month=$(previous_month)
            set -- --month "$month" "$@"
        fi
        ;;
esac

log "close $(shown_args "$@")"
status=0
run_jar close "$@" || status=$?

case $status in
    0) log "done" ;;
    1) log "FAILED (exit 1): restartable; run jobs/close.sh again with the same month, or see 'history'" ;;
    2) log "refused (exit 2): bad usage or configuration; see the error above" ;;
    3)
        if [ "${CCM_CLOSE_ALREADY_CLOSED_OK:-0}" = "1" ]; then
            log "already closed (exit 3); CCM_CLOSE_ALREADY_CLOSED_OK=1, so this run succeeds"
            status=0
        else
            log "refused (exit 3): the month is already closed"
        fi
        ;;
    4) log "refused (exit 4): another close of the month is running" ;;
    *) log "ended with exit code $status (killed?); run jobs/close.sh again: a close is restartable" ;;
esac
exit "$status"
