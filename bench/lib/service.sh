# Starting and stopping the packaged service for a benchmark; sourced by bench/run.sh and
# bench/load/run.sh.
#
#   service_start APP_DIR HTTP_PORT KAFKA_PORT POSTGRES_PORT [JVM options...]
#       starts APP_DIR/quarkus-run.jar on its embedded default with a throwaway data directory
#       and the given ports, and waits (up to 180 s) for /q/health/ready. Sets SERVICE_PID and
#       SERVICE_DATA; returns non-zero (after printing the log's tail) when it does not get ready.
#   service_stop [LOG_COPY]
#       stops the service by its pid (SIGTERM, then SIGKILL after 30 s), and the embedded
#       PostgreSQL of OUR data directory should it outlive the service; copies the service's log
#       to LOG_COPY and removes the data directory. Safe to call twice, or before a start.

SERVICE_PID=""
SERVICE_DATA=""

service_start() {
    local app=$1 http=$2 kafka=$3 postgres=$4 i
    shift 4
    SERVICE_DATA=$(mktemp -d -t accord-bench.XXXXXX)
    java "$@" \
        -Dquarkus.http.port="$http" \
        -Daccord.embedded.kafka-port="$kafka" \
        -Daccord.embedded.postgres-port="$postgres" \
        -Daccord.embedded.data-dir="$SERVICE_DATA" \
        -jar "$app/quarkus-run.jar" > "$SERVICE_DATA/accord.log" 2>&1 &
    SERVICE_PID=$!
    for i in $(seq 1 360); do
        if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
            tail -30 "$SERVICE_DATA/accord.log"; echo "the service exited while starting" >&2; return 1
        fi
        curl -sf -o /dev/null "http://127.0.0.1:$http/q/health/ready" && return 0
        sleep 0.5
    done
    tail -30 "$SERVICE_DATA/accord.log"; echo "the service was not ready after 180 s" >&2; return 1
}

service_stop() {
    local log_copy=${1:-} pidfile pg
    if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
        echo "== stopping the service (pid $SERVICE_PID)"
        kill -TERM "$SERVICE_PID" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$SERVICE_PID" 2>/dev/null && kill -KILL "$SERVICE_PID" 2>/dev/null || true
        wait "$SERVICE_PID" 2>/dev/null || true
    fi
    SERVICE_PID=""
    if [ -n "$SERVICE_DATA" ] && [ -d "$SERVICE_DATA" ]; then
        # The service stops its embedded PostgreSQL on shutdown; should it have been killed
        # instead, stop the postmaster of our data directory only (by its postmaster.pid).
        pidfile="$SERVICE_DATA/postgres/pgdata/postmaster.pid"
        if [ -f "$pidfile" ]; then
            pg=$(head -1 "$pidfile")
            if [ -n "$pg" ] && tr '\0' ' ' < "/proc/$pg/cmdline" 2>/dev/null | grep -qF "$SERVICE_DATA"; then
                kill -INT "$pg" 2>/dev/null || true
                for _ in $(seq 1 40); do kill -0 "$pg" 2>/dev/null || break; sleep 0.5; done
            fi
        fi
        [ -n "$log_copy" ] && [ -f "$SERVICE_DATA/accord.log" ] && cp "$SERVICE_DATA/accord.log" "$log_copy"
        rm -rf "$SERVICE_DATA"
    fi
    SERVICE_DATA=""
}
