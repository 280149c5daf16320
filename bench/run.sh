#!/usr/bin/env bash
# Accord's benchmark: one command for every figure of the performance targets (bench/README.md).
#
#   bench/run.sh            # the full bench, ~18 minutes; writes bench/RESULTS.md
#   bench/run.sh --smoke    # the same pipeline with tiny sizes (~1-2 minutes); checks that every
#                           # scenario produced its figures, judges no target, leaves RESULTS.md alone
#
# It builds the packaged service if needed, starts it on its embedded default (throwaway data
# directory, non-default ports), runs the baselines (pgbench on the same PostgreSQL, Kafka's
# ProducerPerformance on the same broker) and the scenarios (wrk + Lua for commands, hey for a
# fixed rate of reads, the Java probes in bench/probes/), stops what it started, also on failure
# or Ctrl-C, and writes bench/target/<UTC timestamp>/ (results.tsv, every tool's output, the log).
#
# Settings (environment variables, defaults in brackets; --smoke changes the defaults):
#   BENCH_APP [target/quarkus-app]   directory with quarkus-run.jar (e.g. a "before" build)
#   BENCH_BUILD [0]                  1: run `mvn -B -o -DskipTests package` even if the jar exists
#   BENCH_INITIATIVES [1000] BENCH_PEOPLE [6]   seeded initiatives, participants each
#   BENCH_CONNECTIONS ["16 64 256"]  wrk connections of the command runs (and pgbench clients)
#   BENCH_DURATION [15] BENCH_WARMUP [5]        seconds per command run, and its warm-up
#   BENCH_JIT_WARMUP [150] BENCH_JIT_INITIATIVES [500]   before the first command run, the mix runs
#                                    this long at 64 connections on initiatives of its own, all as
#                                    popular, so the measured runs meet compiled code (0: none)
#   BENCH_PGBENCH_DURATION [10]      seconds per pgbench run
#   BENCH_KAFKA_RECORDS [200000] BENCH_RECORD_SIZE [600]   ProducerPerformance records, bytes each
#   BENCH_KAFKA_RATE [1000] BENCH_KAFKA_RATE_SECONDS [10]  its second run, at a fixed rate (latency)
#   BENCH_GET_RATE [2000] BENCH_GET_WORKERS [20] BENCH_GET_DURATION [30]   GET …/alignment load
#   BENCH_GET_WAIT [300]             seconds to wait for the read models to catch up before the GET
#                                    and Freshness scenarios, and for the GET to answer 200
#   BENCH_FRESH_RATE [1000] BENCH_FRESH_SECONDS [20]   Freshness probe
#   BENCH_HISTORY_EVENTS [20000]     HistoryLength probe: events of the long initiative (written by
#                                    JDBC, --direct, then its read models rebuilt)
#   BENCH_REBUILD_EVENTS [1000000]   Rebuild probe
#   BENCH_PROBE_TIMEOUT [300]        seconds before a probe is stopped (reported as failed)
#   BENCH_REBUILD_TIMEOUT [900]      the same for the Rebuild probe (writing 1M events takes minutes)
#   BENCH_LABEL [""]                 names the run in RESULTS.md's list of runs (e.g. "after X")
#   BENCH_JAVA_OPTS [""]             extra JVM options for the service
#   BENCH_HTTP_PORT [18482] BENCH_KAFKA_PORT [19494] BENCH_POSTGRES_PORT [15834]
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SMOKE=0
for arg in "$@"; do
    case "$arg" in
        --smoke) SMOKE=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument $arg (see --help)" >&2; exit 2 ;;
    esac
done
if [ "$SMOKE" = 1 ]; then
    d_initiatives=20 d_connections="4 16" d_duration=2 d_warmup=1 d_pgbench=2 d_kafka=5000
    d_get_rate=200 d_get_workers=4 d_get_duration=3 d_fresh_rate=50 d_fresh_seconds=2
    d_history=500 d_rebuild=10000 d_timeout=90 d_rebuild_timeout=90 d_kafka_seconds=2
    d_jit_warmup=2 d_jit_initiatives=5
else
    d_initiatives=1000 d_connections="16 64 256" d_duration=15 d_warmup=5 d_pgbench=10 d_kafka=200000
    d_get_rate=2000 d_get_workers=20 d_get_duration=30 d_fresh_rate=1000 d_fresh_seconds=20
    d_history=20000 d_rebuild=1000000 d_timeout=300 d_rebuild_timeout=900 d_kafka_seconds=10
    d_jit_warmup=150 d_jit_initiatives=500
fi
APP=${BENCH_APP:-$ROOT/target/quarkus-app}
INITIATIVES=${BENCH_INITIATIVES:-$d_initiatives}
PEOPLE=${BENCH_PEOPLE:-6}
CONNECTIONS=${BENCH_CONNECTIONS:-$d_connections}
DURATION=${BENCH_DURATION:-$d_duration}
WARMUP=${BENCH_WARMUP:-$d_warmup}
JIT_WARMUP=${BENCH_JIT_WARMUP:-$d_jit_warmup}
JIT_INITIATIVES=${BENCH_JIT_INITIATIVES:-$d_jit_initiatives}
PGBENCH_DURATION=${BENCH_PGBENCH_DURATION:-$d_pgbench}
KAFKA_RECORDS=${BENCH_KAFKA_RECORDS:-$d_kafka}
RECORD_SIZE=${BENCH_RECORD_SIZE:-600}
KAFKA_RATE=${BENCH_KAFKA_RATE:-$d_fresh_rate}
KAFKA_RATE_SECONDS=${BENCH_KAFKA_RATE_SECONDS:-$d_kafka_seconds}
GET_RATE=${BENCH_GET_RATE:-$d_get_rate}
GET_WORKERS=${BENCH_GET_WORKERS:-$d_get_workers}
GET_DURATION=${BENCH_GET_DURATION:-$d_get_duration}
GET_WAIT=${BENCH_GET_WAIT:-300}
FRESH_RATE=${BENCH_FRESH_RATE:-$d_fresh_rate}
FRESH_SECONDS=${BENCH_FRESH_SECONDS:-$d_fresh_seconds}
HISTORY_EVENTS=${BENCH_HISTORY_EVENTS:-$d_history}
REBUILD_EVENTS=${BENCH_REBUILD_EVENTS:-$d_rebuild}
PROBE_TIMEOUT=${BENCH_PROBE_TIMEOUT:-$d_timeout}
REBUILD_TIMEOUT=${BENCH_REBUILD_TIMEOUT:-$d_rebuild_timeout}
HTTP_PORT=${BENCH_HTTP_PORT:-18482}
KAFKA_PORT=${BENCH_KAFKA_PORT:-19494}
PG_PORT=${BENCH_POSTGRES_PORT:-15834}
KAFKA_TOOLS_VERSION=4.1.2

BASE="http://127.0.0.1:$HTTP_PORT"
API="$BASE/api/v1"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$HERE/target/$STAMP"
TSV="$OUT/results.tsv"
COMMAND_LINE="bench/run.sh${*:+ $*}"
SERVER_PID="" DATA="" SAMPLER_PID="" PG_PASSWORD=""
# shellcheck source=bench/lib/service.sh
. "$HERE/lib/service.sh"
declare -A FIG UNIT NOTE

mkdir -p "$OUT"
log() { printf '%s\n' "$*" | tee -a "$OUT/run.log"; }
die() { log "run.sh: $*"; exit 1; }

# ------------------------------------------------------------------ prerequisites

need_tool() { # command, Debian package
    command -v "$1" >/dev/null && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "== $1 is missing: apt-get install -y $2"
        apt-get install -y -qq "$2" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }
    fi
    command -v "$1" >/dev/null || die "$1 is missing: install the Debian package '$2' (sudo apt-get install $2)"
}
command -v java >/dev/null || die "java (17 or later) is needed"
need_tool curl curl
need_tool wrk wrk
need_tool hey hey
need_tool pgbench postgresql-client
need_tool psql postgresql-client
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$HTTP_PORT" "$KAFKA_PORT" "$PG_PORT"; do
    port_taken "$port" && die "port $port is taken: stop what uses it, or set BENCH_HTTP_PORT / BENCH_KAFKA_PORT / BENCH_POSTGRES_PORT"
done
[ $((GET_RATE % GET_WORKERS)) = 0 ] || die "BENCH_GET_RATE $GET_RATE is not a multiple of BENCH_GET_WORKERS $GET_WORKERS"

if [ -z "${BENCH_APP:-}" ] && { [ ! -f "$APP/quarkus-run.jar" ] || [ "${BENCH_BUILD:-0}" = 1 ]; }; then
    log "== building the service: mvn -B -o -DskipTests package"
    (cd "$ROOT" && mvn -B -o -q -DskipTests package) > "$OUT/build.log" 2>&1 \
        || { tail -30 "$OUT/build.log"; die "the build failed (log: $OUT/build.log)"; }
fi
[ -f "$APP/quarkus-run.jar" ] || die "no quarkus-run.jar in $APP"
APP=$(cd "$APP" && pwd)
APP_CP="$APP/lib/main/*:$APP/app/*:$APP/quarkus-run.jar"

KAFKA_TOOLS="$HERE/target/kafka-tools/kafka-tools-$KAFKA_TOOLS_VERSION.jar"
if [ ! -f "$KAFKA_TOOLS" ]; then
    log "== fetching org.apache.kafka:kafka-tools:$KAFKA_TOOLS_VERSION (ProducerPerformance) into bench/target/kafka-tools"
    artifact=org.apache.kafka:kafka-tools:$KAFKA_TOOLS_VERSION
    (cd "$HERE" && { mvn -B -q -o dependency:copy -Dartifact="$artifact" -DoutputDirectory=target/kafka-tools \
        || mvn -B -q dependency:copy -Dartifact="$artifact" -DoutputDirectory=target/kafka-tools; }) \
        > "$OUT/kafka-tools.log" 2>&1 || log "WARNING: could not fetch $artifact (log: $OUT/kafka-tools.log)"
fi

# ------------------------------------------------------------------ figures

# figure key value unit [note]: one measured figure, kept for results.tsv and RESULTS.md
figure() {
    FIG[$1]=$2; UNIT[$1]=$3; NOTE[$1]=${4:-}
    log "   figure $1 = $2 $3${4:+ ($4)}"
}
# not_run key reason: a figure that could not be measured
not_run() { NOTE[$1]="not run: $2"; log "   NOT RUN $1: $2"; }

# Waits until every read model has applied every recorded event (lagEvents 0 on the projection
# status), so that a scenario measures the read side in its steady state rather than the backlog
# the command runs left; records how long that took as the figure named $1.
wait_caught_up() {
    local started=$SECONDS lag=""
    for _ in $(seq 1 "$GET_WAIT"); do
        lag=$(curl -s "$API/admin/projections/status" | grep -o '"lagEvents":[0-9]*' | awk -F: '{n += $2} END {print NR ? n : ""}')
        [ "$lag" = 0 ] && break
        sleep 1
    done
    if [ "$lag" = 0 ]; then
        figure "$1" "$((SECONDS - started))" s "waited for the read models to catch up before it"
    else
        log "   the read models were still ${lag:-?} events behind after ${GET_WAIT}s; measuring anyway"
    fi
}

# ------------------------------------------------------------------ start and stop the service

stop_sampler() {
    if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; fi
    SAMPLER_PID=""
}
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_sampler
    service_stop "$OUT/accord.log"
    [ "$status" = 0 ] || echo "run.sh: FAILED (exit $status); everything is in $OUT" >&2
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "== starting $APP/quarkus-run.jar on port $HTTP_PORT"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
service_start "$APP" "$HTTP_PORT" "$KAFKA_PORT" "$PG_PORT" ${BENCH_JAVA_OPTS:-} >> "$OUT/run.log" 2>&1 \
    || die "the service did not start (its log: $OUT/accord.log)"
SERVER_PID=$SERVICE_PID DATA=$SERVICE_DATA
log "   ready (pid $SERVER_PID, data in $DATA)"
PG_PASSWORD=$(sed -n 's/^password=//p' "$DATA/postgres/credentials.properties")
[ -n "$PG_PASSWORD" ] || die "no password in $DATA/postgres/credentials.properties"
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=accord PGDATABASE=accord PGPASSWORD=$PG_PASSWORD
psql -qAtc 'select 1' >/dev/null || die "cannot connect to the embedded PostgreSQL"
{
    echo "date	$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine	$(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(awk '/^MemTotal:/ {printf "%.0f GiB RAM", $2 / 1048576}' /proc/meminfo), Linux $(uname -r)"
    echo "load	$(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the start"
    echo "java	$(java -version 2>&1 | head -1)"
    echo "accord	$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo ' (with uncommitted changes)') on $(git -C "$ROOT" rev-parse --abbrev-ref HEAD 2>/dev/null || echo '?'); app $APP"
    echo "postgresql	server $(psql -qAtc 'show server_version'), pgbench $(pgbench --version | awk '{print $3}')"
    echo "kafka	$(ls "$APP/lib/main" | sed -nE 's/^org\.apache\.kafka\.kafka-clients-(.*)\.jar$/\1/p') (embedded broker and clients), kafka-tools $KAFKA_TOOLS_VERSION"
    echo "wrk	$(wrk -v 2>&1 | head -1 | awk '{print $2}')"
    echo "hey	$(dpkg-query -W -f '${Version}' hey 2>/dev/null || echo unknown)"
} > "$OUT/versions.tsv"
PROBE_ARGS=(--base "$BASE" --pg-port "$PG_PORT" --pg-user accord --pg-password "$PG_PASSWORD" --kafka "localhost:$KAFKA_PORT")
[ "$SMOKE" = 1 ] && PROBE_ARGS+=(--smoke)

# ------------------------------------------------------------------ memory

rss_mib() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status"; }
# heap used and max (MiB) from the service's metrics: the sum over the heap pools
heap_mib() {
    curl -sf "$BASE/q/metrics" | awk -v what="$1" '
        $0 ~ "^jvm_memory_" what "_bytes\\{" && /area="heap"/ && $NF > 0 {s += $NF}
        END {if (s > 0) printf "%.0f", s / 1048576}'
}
sleep 2
figure rss_idle_mib "$(rss_mib)" MiB "VmRSS after start, nothing seeded"
heap=$(heap_mib used || true); [ -n "$heap" ] && figure heap_used_idle_mib "$heap" MiB "jvm_memory_used_bytes, heap pools"
heap=$(heap_mib max || true); [ -n "$heap" ] && figure heap_max_mib "$heap" MiB "jvm_memory_max_bytes, heap pools"

# ------------------------------------------------------------------ baselines

MAX_CONNECTIONS=$(psql -qAtc 'show max_connections')
log "== baseline: pgbench, one event row + one outbox row per transaction (PostgreSQL $(psql -qAtc 'show server_version'), fsync $(psql -qAtc 'show fsync'), max_connections $MAX_CONNECTIONS)"
psql -q -v ON_ERROR_STOP=1 > "$OUT/pgbench-setup.log" 2>&1 <<'SQL' || die "cannot create the scratch tables (log: $OUT/pgbench-setup.log)"
drop table if exists bench_outbox, bench_event_store;
drop sequence if exists bench_outbox_id_seq;
create table bench_event_store (like event_store including all);
create table bench_outbox (like outbox including all);
create sequence bench_outbox_id_seq owned by bench_outbox.id;
alter table bench_outbox alter column id set default nextval('bench_outbox_id_seq');
alter table bench_outbox add foreign key (event_id) references bench_event_store (event_id);
SQL
for c in $CONNECTIONS; do
    clients=$c
    # the service keeps its own pool open: leave it room
    if [ "$clients" -gt $((MAX_CONNECTIONS - 30)) ]; then clients=$((MAX_CONNECTIONS - 30)); fi
    file="$OUT/pgbench-c$c.txt"
    if pgbench -n -M prepared -c "$clients" -j 2 -T "$PGBENCH_DURATION" -f "$HERE/scenarios/append.sql" > "$file" 2>&1; then
        tps=$(awk '/^tps = / {printf "%.0f", $3}' "$file")
        lat=$(awk '/^latency average = / {print $4}' "$file")
        figure "pgbench_tps_c$c" "$tps" tx/s "$clients clients, latency average $lat ms"
    else
        tail -5 "$file" | tee -a "$OUT/run.log"
        not_run "pgbench_tps_c$c" "pgbench failed (see $file)"
    fi
done
psql -qc 'drop table bench_outbox, bench_event_store' >> "$OUT/pgbench-setup.log" 2>&1 || true

log "== baseline: Kafka ProducerPerformance, records of $RECORD_SIZE bytes, acks=all: $KAFKA_RECORDS as fast as it can, then $KAFKA_RATE/s for ${KAFKA_RATE_SECONDS}s"
# producer_performance records throughput: the last line, "N records sent, R records/sec (…), A ms avg latency, …"
producer_performance() {
    java -cp "$KAFKA_TOOLS:$APP/lib/main/*" org.apache.kafka.tools.ProducerPerformance \
        --topic accord-bench-scratch --num-records "$1" --record-size "$RECORD_SIZE" --throughput "$2" \
        --producer-props "bootstrap.servers=localhost:$KAFKA_PORT" acks=all >> "$OUT/kafka.txt" 2>&1 \
        && grep 'records sent' "$OUT/kafka.txt" | tail -1
}
if [ -f "$KAFKA_TOOLS" ]; then
    topics() { java -cp "$KAFKA_TOOLS:$APP/lib/main/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "localhost:$KAFKA_PORT" "$@"; }
    topics --create --topic accord-bench-scratch --partitions 1 --replication-factor 1 >> "$OUT/kafka.txt" 2>&1 || true
    if line=$(producer_performance "$KAFKA_RECORDS" -1); then
        figure kafka_records_per_second "$(sed -E 's/.*, ([0-9.]+) records\/sec.*/\1/' <<< "$line" | awk '{printf "%.0f", $1}')" records/s \
            "no rate limit; its latencies are queueing in the producer's buffer"
    else
        not_run kafka_records_per_second "ProducerPerformance failed (see $OUT/kafka.txt)"
    fi
    if line=$(producer_performance $((KAFKA_RATE * KAFKA_RATE_SECONDS)) "$KAFKA_RATE"); then
        figure kafka_p50_ms_at_rate "$(sed -nE 's/.* ([0-9.]+) ms 50th.*/\1/p' <<< "$line")" ms "at $KAFKA_RATE records/s"
        figure kafka_p99_ms_at_rate "$(sed -nE 's/.* ([0-9.]+) ms 99th.*/\1/p' <<< "$line")" ms "at $KAFKA_RATE records/s"
    else
        not_run kafka_p99_ms_at_rate "ProducerPerformance failed (see $OUT/kafka.txt)"
    fi
    topics --delete --topic accord-bench-scratch >> "$OUT/kafka.txt" 2>&1 || true
else
    not_run kafka_records_per_second "kafka-tools-$KAFKA_TOOLS_VERSION.jar could not be fetched"
fi

# ------------------------------------------------------------------ probes

# The probes (bench/probes/*.java, one class each plus shared helpers) are compiled together once.
PROBE_CLASSES="$OUT/probe-classes"
if compgen -G "$HERE/probes/*.java" >/dev/null; then
    if ! javac -d "$PROBE_CLASSES" -cp "$APP_CP" "$HERE"/probes/*.java > "$OUT/probes-javac.log" 2>&1; then
        tail -10 "$OUT/probes-javac.log" | tee -a "$OUT/run.log"
        log "WARNING: bench/probes/*.java do not compile (log: $OUT/probes-javac.log): no probe runs"
        rm -rf "$PROBE_CLASSES"
    fi
fi

# run_probe Name args...: a probe of bench/probes/ (prints "figure <key> <value> <unit>" lines)
run_probe() {
    local name=$1; shift
    local file="$OUT/probe-$name.txt"
    if [ ! -f "$PROBE_CLASSES/$name.class" ]; then
        PROBES_MISSING+=("$name")
        log "   WARNING: no probe $name (bench/probes/$name.java missing or not compiled): not run"
        return 1
    fi
    local limit=${TIMEOUT_OVERRIDE:-$PROBE_TIMEOUT}
    log "   probe $name $* (timeout ${limit}s)"
    local rc=0
    timeout "$limit" java -cp "$PROBE_CLASSES:$APP_CP" "$name" "$@" "${PROBE_ARGS[@]}" \
        > "$file" 2> "$OUT/probe-$name.log" || rc=$?
    local key value unit
    while read -r _ key value unit; do
        figure "$key" "$value" "$unit" "$name"
    done < <(grep '^figure ' "$file" || true)
    if [ "$rc" != 0 ]; then
        PROBES_FAILED+=("$name")
        for key in $(probe_figures "$name"); do
            [ -n "${FIG[$key]:-}" ] || NOTE[$key]="$name failed$([ "$rc" = 124 ] && echo " (timeout ${limit}s)")"
        done
        log "   $name FAILED (exit $rc$([ "$rc" = 124 ] && echo ", stopped after ${limit}s")); its log: $OUT/probe-$name.log"
        tail -5 "$OUT/probe-$name.log" | sed 's/^/     /' | tee -a "$OUT/run.log"
        return 1
    fi
}
# the figures a probe owes the targets
probe_figures() { case "$1" in
    CatchUp) echo catchup_seconds ;;
    Freshness) echo freshness_alignment_p99_ms freshness_topic_p99_ms ;;
    HistoryLength) echo command_ratio_long_to_fresh project_ratio_long_to_fresh ;;
    Rebuild) echo rebuild_events_per_second ;;
esac; }
PROBES_MISSING=() PROBES_FAILED=()

# ------------------------------------------------------------------ seed

# seed COUNT FILE LOG: seeds COUNT initiatives into FILE with the Seed probe, or with curl
# (scenarios/seed.sh, its output in LOG) when the probe fails; non-zero when both failed
seed() {
    local count=$1 file=$2 curl_log=$3
    run_probe Seed --initiatives "$count" --people-per-initiative "$PEOPLE" --concurrency 16 --out "$file" && return 0
    # the seeding is a set-up, not a figure: when the probe fails, curl does the same job
    local kept=() probe
    for probe in "${PROBES_FAILED[@]}"; do [ "$probe" = Seed ] || kept+=("$probe"); done
    PROBES_FAILED=("${kept[@]}")
    log "   WARNING: seeding with curl instead (bench/scenarios/seed.sh)"
    "$HERE/scenarios/seed.sh" "$API" "$count" "$PEOPLE" "$file" > "$curl_log" 2>&1 || { tail -5 "$curl_log"; return 1; }
}

SEED="$OUT/initiatives.txt"
log "== seeding $INITIATIVES initiatives with $PEOPLE participants each"
t0=$(date +%s.%N)
seed "$INITIATIVES" "$SEED" "$OUT/seed.log" || die "seeding failed (log: $OUT/seed.log)"
seeded=$(grep -c . "$SEED" || true)
[ "$seeded" -ge "$INITIATIVES" ] || die "only $seeded initiatives in $SEED, $INITIATIVES expected"
log "   $seeded initiatives in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"

# ------------------------------------------------------------------ JIT warm-up

# A freshly started JVM spends minutes compiling: a minute into the command mix C2 still took
# 0.15-0.35 of this machine's 2 cores, varying from run to run as much as the differences the
# command runs are there to show (docs/PERFORMANCE.md, "Under a sustained load"). So the mix
# first runs on initiatives of its own, seeded like the others and never named by a measured run
# (whose initiatives keep the histories they would have had without it), and the read models are
# left to catch up before the first measured run.
if [ "$JIT_WARMUP" -gt 0 ]; then
    JIT_SEED="$OUT/jit-initiatives.txt"
    log "== JIT warm-up: the command mix for ${JIT_WARMUP}s at 64 connections on $JIT_INITIATIVES initiatives of its own"
    if seed "$JIT_INITIATIVES" "$JIT_SEED" "$OUT/jit-seed.log"; then
        # every warm-up initiative as popular as the next (Zipf exponent 0): with the measured runs'
        # popularity the first few would reach tens of thousands of events, which every later
        # scenario over the whole store (the rebuild above all) would then carry
        wrk -t2 -c64 -d"${JIT_WARMUP}s" --timeout 30s -s "$HERE/scenarios/commands.lua" "$BASE" \
            -- "$JIT_SEED" "j$STAMP" 0 > "$OUT/wrk-jit-warmup.txt" 2>&1 || true
        log "   $(awk '$1 == "result" && $2 == "rate" {printf "%s commands/s", $3}' "$OUT/wrk-jit-warmup.txt")"
        wait_caught_up jit_warmup_wait_s
    else
        log "   WARNING: the warm-up initiatives could not be seeded; the command runs start on a cold JIT"
    fi
fi

# ------------------------------------------------------------------ commands (wrk + Lua)

complete_one() { # launches a separate initiative and completes it: the one command type left out of the loop
    local receipt id code
    receipt=$(curl -sf -H 'Content-Type: application/json' -d '{"title":"Bench completion","strategy":"Exercise InitiativeCompleted","sponsor":{"personId":"c0","displayName":"Sponsor","unit":"exec","role":"Sponsor"},"units":["exec"]}' "$API/initiatives") || return 1
    id=$(sed -E 's/.*"initiativeId" *: *"([^"]+)".*/\1/' <<< "$receipt")
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        -d '{"declaredBy":"c0","summary":"Done for the benchmark"}' "$API/initiatives/$id/completion")
    [ "$code" = 200 ]
}

# samples VmRSS and heap used every second while a run lasts; keeps the maximum
sample_memory() {
    local rss heap max_rss=0 max_heap=0
    while kill -0 "$SERVER_PID" 2>/dev/null; do
        rss=$(rss_mib); heap=$(heap_mib used || echo 0)
        [ "${rss:-0}" -gt "$max_rss" ] && max_rss=$rss
        [ "${heap:-0}" -gt "$max_heap" ] && max_heap=$heap
        echo "$max_rss $max_heap" > "$OUT/memory-under-load.txt"
        sleep 1
    done
}

LOAD_MEASURED=0
log "== commands: wrk, a mix of every command type over $seeded initiatives (Zipf s=1), ${WARMUP}s warm-up + ${DURATION}s per connection count"
for c in $CONNECTIONS; do
    threads=2; [ "$c" -lt 2 ] && threads=1
    wrk -t"$threads" -c"$c" -d"${WARMUP}s" --timeout 30s -s "$HERE/scenarios/commands.lua" "$BASE" \
        -- "$SEED" "w$c$STAMP" > "$OUT/wrk-warmup-c$c.txt" 2>&1 || true
    # memory and the catch-up are measured once: in the 64-connection run (smoke: the first run)
    measure_once=0
    if [ "$LOAD_MEASURED" = 0 ] && { [ "$c" = 64 ] || [ "$SMOKE" = 1 ]; }; then
        measure_once=1 LOAD_MEASURED=1
        sample_memory & SAMPLER_PID=$!
    fi
    file="$OUT/wrk-c$c.txt"
    wrk -t"$threads" -c"$c" -d"${DURATION}s" --timeout 30s --latency -s "$HERE/scenarios/commands.lua" "$BASE" \
        -- "$SEED" "m$c$STAMP" > "$file" 2>&1 || log "   wrk exited with an error at $c connections"
    if [ "$measure_once" = 1 ]; then
        stop_sampler
        rss=0 heap=0
        [ -f "$OUT/memory-under-load.txt" ] && read -r rss heap < "$OUT/memory-under-load.txt"
        [ "$rss" -gt 0 ] && figure rss_load_mib "$rss" MiB "max VmRSS during the $c-connection command run"
        [ "$heap" -gt 0 ] && figure heap_used_load_mib "$heap" MiB "max heap used during the $c-connection run"
        # the catch-up is measured once, right after this burst
        run_probe CatchUp || true
    fi
    grep -E '^(non-2xx sample|unmatched answer|kind )' "$file" | sed 's/^/   /' | tee -a "$OUT/run.log" || true
    get() { awk -v k="$1" '$1 == "result" && $2 == k {print $3}' "$file"; }
    if [ -n "$(get rate)" ]; then
        figure "cmd_rate_c$c" "$(get rate)" cmd/s "2xx per second, $(get ok) 2xx in $(get seconds) s"
        for p in p50 p90 p99 max; do figure "cmd_${p}_ms_c$c" "$(get "${p}_ms")" ms; done
        figure "cmd_non2xx_c$c" "$(get non2xx)" count
        figure "cmd_socket_errors_c$c" "$(get socket_errors)" count "wrk connect/read/write/timeout errors"
        if [ -n "${FIG[pgbench_tps_c$c]:-}" ]; then
            figure "cmd_ratio_c$c" "$(awk -v a="$(get rate)" -v b="${FIG[pgbench_tps_c$c]}" 'BEGIN {printf "%.3f", a / b}')" ratio \
                "commands/s over pgbench tx/s at $c connections"
        fi
    else
        tail -5 "$file" | tee -a "$OUT/run.log"
        not_run "cmd_rate_c$c" "wrk printed no result (see $file)"
    fi
    if complete_one; then figure "completion_c$c" 1 count "InitiativeCompleted on a separate initiative: 200"
    else not_run "completion_c$c" "completing a separate initiative did not answer 200"; fi
done

# ------------------------------------------------------------------ GET …/alignment at a fixed rate (hey)

# a typical initiative: the one of popularity rank 10 (or the last, when fewer are seeded)
typical=$(awk -v n=10 'NR <= n {id = $1} END {print id}' "$SEED")
url="$API/initiatives/$typical/alignment"
per_worker=$((GET_RATE / GET_WORKERS))
log "== GET …/alignment at $GET_RATE/s for ${GET_DURATION}s: hey -c $GET_WORKERS -q $per_worker (a worker's requests leave together; $GET_WORKERS × $per_worker/s is the least bursty split hey gives at this rate)"
wait_caught_up get_idle_wait_s
for i in $(seq 1 "$GET_WAIT"); do # the read model may still be catching up with the command runs
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
    [ "$code" = 200 ] && break
    sleep 1
done
if [ "$code" = 200 ]; then
    hey -z 5s -c "$GET_WORKERS" -q "$per_worker" "$url" > "$OUT/hey-warmup.txt" 2>&1 || true
    file="$OUT/hey-alignment.txt"
    hey -z "${GET_DURATION}s" -c "$GET_WORKERS" -q "$per_worker" "$url" > "$file" 2>&1 || true
    ms() { awk -v p="$1" '$1 == p && $2 == "in" {printf "%.1f", $3 * 1000}' "$file"; }
    rate=$(awk '/Requests\/sec:/ {printf "%.0f", $2}' "$file")
    bad=$(awk '/^Status code distribution:/ {s = 1; next} /^Error distribution:/ {s = 0; e = 1; next}
               s && /^ *\[/ && !/\[200\]/ {n += $2} e && /^ *\[/ {gsub(/[\[\]]/, "", $1); n += $1}
               END {print n + 0}' "$file")
    if [ -n "$rate" ]; then
        figure get_rate "$rate" req/s "achieved, of $GET_RATE/s asked"
        figure get_p50_ms "$(ms 50%)" ms
        figure get_p99_ms "$(ms 99%)" ms "initiative $typical"
        figure get_max_ms "$(awk '/Slowest:/ {printf "%.1f", $2 * 1000}' "$file")" ms
        figure get_errors "$bad" count
    else
        not_run get_p99_ms "hey printed no result (see $file)"
    fi
else
    not_run get_p99_ms "GET $url still answered $code after ${GET_WAIT}s (the read model had not caught up)"
fi

# ------------------------------------------------------------------ the other probes

log "== probes"
wait_caught_up freshness_idle_wait_s
run_probe Freshness --rate "$FRESH_RATE" --seconds "$FRESH_SECONDS" --seed-file "$SEED" || true
run_probe HistoryLength --events "$HISTORY_EVENTS" --direct || true
TIMEOUT_OVERRIDE=$REBUILD_TIMEOUT run_probe Rebuild --events "$REBUILD_EVENTS" || true

# ------------------------------------------------------------------ results

"$HERE/scenarios/report.sh" "$OUT" "$SMOKE" "$COMMAND_LINE" "$APP" "${BENCH_LABEL:-}" "$CONNECTIONS" \
    < <(for k in "${!FIG[@]}"; do printf '%s\x1f%s\x1f%s\x1f%s\n' "$k" "${FIG[$k]}" "${UNIT[$k]}" "${NOTE[$k]}"; done
        for k in "${!NOTE[@]}"; do [ -z "${FIG[$k]:-}" ] && printf '%s\x1f\x1f\x1f%s\n' "$k" "${NOTE[$k]}"; done)
[ "${#PROBES_MISSING[@]}" = 0 ] || log "WARNING: probes not run (missing): ${PROBES_MISSING[*]}"
[ "${#PROBES_FAILED[@]}" = 0 ] || log "probes that failed: ${PROBES_FAILED[*]}"

if [ "$SMOKE" = 1 ]; then
    missing=()
    required=(rss_idle_mib rss_load_mib kafka_records_per_second kafka_p99_ms_at_rate get_p99_ms)
    for c in $CONNECTIONS; do required+=("pgbench_tps_c$c" "cmd_rate_c$c" "cmd_p99_ms_c$c" "cmd_ratio_c$c" "completion_c$c"); done
    for probe in CatchUp Freshness HistoryLength Rebuild; do
        [ -f "$PROBE_CLASSES/$probe.class" ] && read -ra keys <<< "$(probe_figures "$probe")" && required+=("${keys[@]}")
    done
    for k in "${required[@]}"; do [ -n "${FIG[$k]:-}" ] || missing+=("no figure $k"); done
    for c in $CONNECTIONS; do
        [ "${FIG[cmd_non2xx_c$c]:-1}" = 0 ] || missing+=("cmd_non2xx_c$c=0 (got ${FIG[cmd_non2xx_c$c]:-none})")
    done
    [ "${#PROBES_FAILED[@]}" = 0 ] || missing+=("probes failed: ${PROBES_FAILED[*]}")
    if [ "${#missing[@]}" -gt 0 ]; then
        log "SMOKE FAILED: ${missing[*]}"
        exit 1
    fi
    log "SMOKE OK: every scenario produced its figures (targets not judged); $OUT"
else
    log "== results: $OUT/results.tsv and bench/RESULTS.md"
fi
