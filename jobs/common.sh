# Shared by close.sh and preview.sh (sourced, not run): finds java and the jar, loads the environment
# file, runs the jar with SIGTERM forwarded to it, and logs with a timestamp on stderr.

log() {
    printf '%s %s: %s\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$CCM_SCRIPT" "$*" >&2
}

# CCM_ENV_FILE: a file of VAR=value lines (SPRING_DATASOURCE_URL, _USERNAME, _PASSWORD, ...), readable only
# by the service user, so that no password sits in a crontab or on a command line.
if [ -n "${CCM_ENV_FILE:-}" ]; then
    if [ ! -r "$CCM_ENV_FILE" ]; then
        log "CCM_ENV_FILE=$CCM_ENV_FILE is not readable"
        exit 2
    fi
    set -a
    # shellcheck disable=SC1090
    . "$CCM_ENV_FILE"
    set +a
fi

# The jar: CCM_JAR, else next to a build (../target), an install (../) or this folder.
if [ -z "${CCM_JAR:-}" ]; then
    for candidate in "$CCM_JOBS_DIR/../target/ccm-month-end.jar" "$CCM_JOBS_DIR/../ccm-month-end.jar" "$CCM_JOBS_DIR/ccm-month-end.jar"; do
        if [ -f "$candidate" ]; then
            CCM_JAR=$candidate
            break
        fi
    done
fi
if [ -z "${CCM_JAR:-}" ] || [ ! -f "$CCM_JAR" ]; then
    log "no ccm-month-end.jar (set CCM_JAR, or build it: ./mvnw package)"
    exit 2
fi

# CCM_HOME: the working directory, where ./config/application.yml, ./out and ./data are (default: the jobs folder's parent).
CCM_HOME=${CCM_HOME:-$CCM_JOBS_DIR/..}
if ! cd "$CCM_HOME"; then
    log "cannot enter CCM_HOME=$CCM_HOME"
    exit 2
fi

if [ -n "${JAVA:-}" ]; then
    :
elif [ -n "${JAVA_HOME:-}" ]; then
    JAVA=$JAVA_HOME/bin/java
else
    JAVA=java
fi

# Runs the jar with the given arguments and returns its exit code. The JVM runs in the background so that
# this shell, which may be PID 1 in a container, passes SIGTERM/SIGINT on to it: the close then stops at
# its next chunk boundary, restartably, instead of being killed.
run_jar() {
    # shellcheck disable=SC2086
    "$JAVA" ${JAVA_OPTS:-} -jar "$CCM_JAR" "$@" &
    child=$!
    trap 'kill -TERM "$child" 2>/dev/null' TERM INT
    status=0
    wait "$child" || status=$?
    # a trapped signal interrupts wait: wait again for the JVM's own exit code
    while kill -0 "$child" 2>/dev/null; do
        status=0
        wait "$child" || status=$?
    done
    trap - TERM INT
    return "$status"
}

# The arguments, with the value of any --...password...=value hidden, for the log.
shown_args() {
    shown=
    for arg in "$@"; do
        case $arg in
            --*[Pp][Aa][Ss][Ss][Ww][Oo][Rr][Dd]*=*) arg="${arg%%=*}=***" ;;
        esac
        shown="$shown $arg"
    done
    printf '%s' "${shown# }"
}

# True when the arguments already name the month (--month M or --month=M).
has_month() {
    for arg in "$@"; do
        case $arg in
            --month | --month=*) return 0 ;;
        esac
    done
    return 1
}
