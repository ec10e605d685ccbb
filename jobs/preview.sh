#!/bin/sh
# Preview a month in progress with ccm-month-end (a progress report per patient; nothing is billed):
# for a nightly cron job, systemd timer or Kubernetes CronJob.
#
#   jobs/preview.sh [YYYY-MM] [more arguments for 'preview', e.g. --ccm.output-dir=/exports]
#
# The month defaults to the current calendar month, from `date` in the environment's TZ. The report goes
# to <ccm.output-dir>/previews/<month>/<run>/ (preview.csv, preview-summary.json).
#
# Exit codes:
#   0  preview written
#   1  failed: run it again (a preview is never resumed, just run anew)
#   2  bad usage or bad configuration (no rule set for the month, a bad setting, no jar)
#   4  a preview of the month started in the same second: run it again
#
# Environment: as jobs/close.sh (CCM_JAR, CCM_HOME, CCM_ENV_FILE, JAVA, JAVA_HOME, JAVA_OPTS, SPRING_DATASOURCE_*).

set -u
CCM_SCRIPT=preview.sh
CCM_JOBS_DIR=$(cd "$(dirname "$0")" && pwd)
. "$CCM_JOBS_DIR/common.sh"

case ${1:-} in
    [0-9][0-9][0-9][0-9]-[0-9][0-9])
        month=$1
        shift
        set -- --month "$month" "$@"
        ;;
    *)
        if ! has_month "$@"; then
            set -- --month "$(date +%Y-%m)" "$@"
        fi
        ;;
esac

log "preview $(shown_args "$@")"
status=0
run_jar preview "$@" || status=$?
case $status in
    0) log "done" ;;
    *) log "ended with exit code $status" ;;
esac
exit "$status"
