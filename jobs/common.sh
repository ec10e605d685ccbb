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

# CCM_CDS=1: start the JVM from a class data sharing archive (Spring Boot's CDS support). It halves the JVM and
# Spring start (3.5 s -> 1.9 s measured, see README "Performance"), which is most of a small practice's close and
# of a restart. The first run with it unpacks the jar into CCM_CDS_DIR (default $CCM_HOME/.cds/<jar checksum>) and
# records the archive with one training start of the application (it connects to the database, runs no command);
# later runs use it, and a new jar gets its own. A JVM that cannot use the archive warns and starts without it.
CCM_RUN_JAR=$CCM_JAR
CCM_CDS_OPTS=
if [ "${CCM_CDS:-0}" = 1 ]; then
    cds_dir=${CCM_CDS_DIR:-$CCM_HOME/.cds/$(cksum < "$CCM_JAR" | cut -d' ' -f1)}
    if [ ! -f "$cds_dir/app.jsa" ]; then
        log "preparing the class data sharing archive in $cds_dir (once per jar)"
        rm -rf "$cds_dir" && mkdir -p "$cds_dir" \
            && "$JAVA" -Djarmode=tools -jar "$CCM_JAR" extract --destination "$cds_dir/app" >/dev/null \
            && "$JAVA" -XX:ArchiveClassesAtExit="$cds_dir/app.jsa.tmp" -Dspring.context.exit=onRefresh \
                -jar "$cds_dir/app/$(basename "$CCM_JAR")" history >/dev/null 2>&1 \
            && mv "$cds_dir/app.jsa.tmp" "$cds_dir/app.jsa" \
            || log "could not prepare the archive in $cds_dir; starting without it"
    fi
    if [ -f "$cds_dir/app.jsa" ]; then
        CCM_RUN_JAR=$cds_dir/app/$(basename "$CCM_JAR")
        CCM_CDS_OPTS="-XX:SharedArchiveFile=$cds_dir/app.jsa"
    fi
fi

# CCM_AOT=1 (issue 15): start on a JDK 25 (CCM_AOT_JAVA) from the AOT cache jobs/aot-train.sh made for this jar:
# classes loaded and linked ahead of time and the method profiles of a training close, so a restart does not pay a
# cold start. Without a cache (run jobs/aot-train.sh once per jar) it starts as without CCM_AOT, and says so.
ccm_aot_java() {
    if [ -n "${CCM_AOT_JAVA:-}" ]; then
        echo "$CCM_AOT_JAVA"
    elif [ -n "${JAVA25_HOME:-}" ]; then
        echo "$JAVA25_HOME/bin/java"
    else
        echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
    fi
}
ccm_aot_dir() {
    echo "${CCM_AOT_DIR:-$CCM_HOME/.aot/$(cksum < "$CCM_JAR" | cut -d' ' -f1)}"
}
if [ "${CCM_AOT:-0}" = 1 ]; then
    if [ -f "$(ccm_aot_dir)/app.aot" ]; then
        JAVA=$(ccm_aot_java)
        CCM_RUN_JAR=$(ccm_aot_dir)/app/$(basename "$CCM_JAR")
        CCM_CDS_OPTS="-XX:AOTCache=$(ccm_aot_dir)/app.aot"
    else
        log "CCM_AOT=1 but no AOT cache in $(ccm_aot_dir): run jobs/aot-train.sh; starting without it"
    fi
fi

# Runs the jar with the given arguments and returns its exit code. The JVM runs in the background so that
# this shell, which may be PID 1 in a container, passes SIGTERM/SIGINT on to it: the close then stops at
# its next chunk boundary, restartably, instead of being killed.
run_jar() {
    # shellcheck disable=SC2086
    "$JAVA" $CCM_CDS_OPTS ${JAVA_OPTS:-} -jar "$CCM_RUN_JAR" "$@" &
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
