#!/usr/bin/env bash
# Load benchmark of GET /api/v1/initiatives/{id}/alignment (bench/load/README.md).
#
# One command: builds Accord if needed, starts it on non-default ports with a throwaway data
# directory, seeds the demo initiative and a large one through the public API, warms up, runs a
# constant-rate load with `hey` against each, prints hey's figures, and stops what it started.
#
#   bench/load/run.sh
#
# Settings (environment variables, defaults in brackets):
#   LOAD_RATE [500]            requests per second
#   LOAD_DURATION [60s]        measured run, per initiative and profile
#   LOAD_WARMUP [20s]          warm-up at the same rate before each initiative's runs
#   LOAD_PROFILES ["5 50"]     hey workers per run; each worker sends LOAD_RATE/workers per second.
#                              5 = smooth (5 requests at once every 10 ms), 50 = bursty (50 at once
#                              every 100 ms, hey -c 50 -q 10); see the README on hey's bursts.
#                              "max" = 10 workers without a rate limit: the capacity (not a pass/fail)
#   LOAD_SIZES ["demo large"]  which initiatives to seed and measure
#   LOAD_PEOPLE [200] LOAD_CONVERSATIONS [2000]   size of the large initiative
#   LOAD_JAVA_OPTS []          extra JVM options for Accord, e.g. "-XX:+UseParallelGC"
#   LOAD_BREAKDOWN [1]         1: time the read's steps alone (Breakdown.java) before the load
#   LOAD_HTTP_PORT [18282] LOAD_KAFKA_PORT [19294] LOAD_POSTGRES_PORT [15634]
#
# Output goes to the terminal and to bench/load/target/<UTC timestamp>/ (hey's full output, the
# seeding logs, Accord's log and summary.txt).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RATE=${LOAD_RATE:-500}
DURATION=${LOAD_DURATION:-60s}
WARMUP=${LOAD_WARMUP:-20s}
PROFILES=${LOAD_PROFILES:-"5 50"}
SIZES=${LOAD_SIZES:-"demo large"}
PEOPLE=${LOAD_PEOPLE:-200}
CONVERSATIONS=${LOAD_CONVERSATIONS:-2000}
JAVA_OPTS_EXTRA=${LOAD_JAVA_OPTS:-}
BREAKDOWN=${LOAD_BREAKDOWN:-1}
HTTP_PORT=${LOAD_HTTP_PORT:-18282}
KAFKA_PORT=${LOAD_KAFKA_PORT:-19294}
PG_PORT=${LOAD_POSTGRES_PORT:-15634}
TARGET_P99_MS=10

BASE="http://localhost:$HTTP_PORT"
API="$BASE/api/v1"
OUT="$HERE/target/$(date -u +%Y%m%dT%H%M%SZ)"
HZ=$(getconf CLK_TCK)
# shellcheck source=bench/lib/service.sh
. "$HERE/../lib/service.sh"

say() { printf '%s\n' "$*" | tee -a "$OUT/summary.txt"; }
die() { echo "run.sh: $*" >&2; exit 1; }

# ------------------------------------------------------------------ prerequisites

command -v java >/dev/null || die "java (17 or later) is needed"
command -v curl >/dev/null || die "curl is needed"
if ! command -v hey >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "hey is missing: installing the Debian package 'hey'"
        apt-get install -y -qq hey >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hey >/dev/null; }
    fi
    command -v hey >/dev/null || die "the load tool 'hey' is missing: install it with 'sudo apt-get install hey'
(Debian/Ubuntu package 'hey'), or put any hey 0.1.x on the PATH, then run this again"
fi
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$HTTP_PORT" "$KAFKA_PORT" "$PG_PORT"; do
    port_taken "$port" && die "port $port is taken: stop what uses it, or set LOAD_HTTP_PORT / LOAD_KAFKA_PORT / LOAD_POSTGRES_PORT"
done
for c in $PROFILES; do
    [ "$c" = max ] && continue
    [ $((RATE % c)) = 0 ] || die "LOAD_RATE $RATE is not a multiple of $c workers (LOAD_PROFILES)"
done

mkdir -p "$OUT"
if [ ! -f "$ROOT/target/quarkus-app/quarkus-run.jar" ]; then
    echo "== building Accord (target/quarkus-app is missing): mvn -B -DskipTests package"
    (cd "$ROOT" && mvn -B -q -DskipTests package) > "$OUT/build.log" 2>&1 \
        || { tail -40 "$OUT/build.log"; die "the build failed (log: $OUT/build.log)"; }
fi

# ------------------------------------------------------------------ start and stop Accord

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    service_stop "$OUT/accord.log"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== starting Accord on port $HTTP_PORT${JAVA_OPTS_EXTRA:+ (JVM options $JAVA_OPTS_EXTRA)}"
# shellcheck disable=SC2086 # LOAD_JAVA_OPTS is a list of options
service_start "$ROOT/target/quarkus-app" "$HTTP_PORT" "$KAFKA_PORT" "$PG_PORT" $JAVA_OPTS_EXTRA \
    || die "Accord did not start (its log: $OUT/accord.log)"
SERVER_PID=$SERVICE_PID
DATA=$SERVICE_DATA
PG_PID=$(head -1 "$DATA/postgres/pgdata/postmaster.pid")
echo "   ready (Accord pid $SERVER_PID, its PostgreSQL pid $PG_PID, data in $DATA)"

# ------------------------------------------------------------------ seed

declare -A IDS
for size in $SIZES; do
    case "$size" in
        demo)
            echo "== seeding the demo initiative: java demo/AccordDemo.java $BASE"
            java "$ROOT/demo/AccordDemo.java" "$BASE" > "$OUT/seed-demo.log" 2>&1 \
                || { tail -20 "$OUT/seed-demo.log"; die "the demo failed (log: $OUT/seed-demo.log)"; }
            # Seeded first, so it is the only initiative; the demo's last line names it too.
            IDS[demo]=$(curl -sf "$API/initiatives?size=1" | grep -o '"initiativeId":"[^"]*"' | head -1 | cut -d'"' -f4)
            grep -qF "${IDS[demo]}" <(tail -1 "$OUT/seed-demo.log") \
                || die "GET /initiatives?size=1 gave ${IDS[demo]}, not the demo's $(tail -1 "$OUT/seed-demo.log")"
            ;;
        large)
            echo "== seeding a large initiative: $PEOPLE people, $CONVERSATIONS conversations (about a minute)"
            java "$HERE/LargeInitiative.java" "$BASE" --people "$PEOPLE" --conversations "$CONVERSATIONS" \
                > "$OUT/seed-large.log" 2>&1 \
                || { tail -20 "$OUT/seed-large.log"; die "seeding failed (log: $OUT/seed-large.log)"; }
            sed 's/^/   /' "$OUT/seed-large.log"
            IDS[large]=$(tail -1 "$OUT/seed-large.log" | awk '$1 == "initiative" {print $2}')
            ;;
        *) die "unknown size '$size' in LOAD_SIZES (demo, large)" ;;
    esac
    [ -n "${IDS[$size]}" ] || die "no initiative id for $size"
done

# ------------------------------------------------------------------ measure

# CPU ticks (utime + stime) of a process and its children; of the whole machine (busy, all CPUs).
proc_ticks() {
    local total=0 p t
    for p in "$@" $(pgrep -P "$1" || true); do
        t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)
        total=$((total + t))
    done
    echo "$total"
}
machine_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
pct() { awk -v t="$1" -v hz="$HZ" -v s="$2" 'BEGIN {printf "%.0f%%", 100 * t / hz / s}'; }
seconds() { local d=$1; case "$d" in *m) echo $((${d%m} * 60)) ;; *s) echo "${d%s}" ;; *) echo "$d" ;; esac; }
ms() { awk -v p="$1" '$1 == p && $2 == "in" {printf "%.1f", $3 * 1000}' "$2"; }

# hey runs in a subshell that reports its finished children's CPU (cutime + cstime) afterwards.
run_hey() { # duration workers per-worker-qps (0: no limit) url output
    local limit=(-q "$3"); [ "$3" = 0 ] && limit=()
    ( hey -z "$1" -c "$2" "${limit[@]}" "$4" > "$5"; awk '{print $16 + $17}' "/proc/$BASHPID/stat" )
}

declare -a ROWS
for size in $SIZES; do
    id=${IDS[$size]}
    url="$API/initiatives/$id/alignment"
    read -r code bytes < <(curl -s -o /dev/null -w '%{http_code} %{size_download}\n' "$url")
    [ "$code" = 200 ] || die "GET $url answered $code"
    say ""
    say "==== $size initiative $id: GET $url answers 200 with $bytes bytes"
    if [ "$BREAKDOWN" = 1 ]; then
        java -cp "$ROOT/target/quarkus-app/app/*:$ROOT/target/quarkus-app/lib/main/*" "$HERE/Breakdown.java" \
            "$PG_PORT" "$id" 2000 2>&1 | tee -a "$OUT/summary.txt" | sed 's/^/   /'
    fi
    first=${PROFILES%% *}; [ "$first" = max ] && first=5
    echo "   warming up: $WARMUP at $RATE/s (hey -c $first -q $((RATE / first)))"
    run_hey "$WARMUP" "$first" $((RATE / first)) "$url" "$OUT/$size-warmup.txt" > /dev/null
    for c in $PROFILES; do
        if [ "$c" = max ]; then c=10; q=0; else q=$((RATE / c)); fi
        file="$OUT/$size-c$c-q$q.txt"
        load_before=$(cut -d' ' -f1-3 /proc/loadavg)
        j0=$(proc_ticks "$SERVER_PID"); p0=$(proc_ticks "$PG_PID"); m0=$(machine_ticks)
        h=$(run_hey "$DURATION" "$c" "$q" "$url" "$file")
        j1=$(proc_ticks "$SERVER_PID"); p1=$(proc_ticks "$PG_PID"); m1=$(machine_ticks)
        load_after=$(cut -d' ' -f1-3 /proc/loadavg)
        secs=$(seconds "$DURATION")
        other=$(( (m1 - m0) - (j1 - j0) - (p1 - p0) - h ))
        [ "$other" -lt 0 ] && other=0
        say ""
        say "--- $size: hey -z $DURATION -c $c $([ "$q" = 0 ] && echo "(no rate limit)" || echo "-q $q") $url"
        sed -n '/^Summary:/,/^Response time histogram:/p' "$file" | grep -v '^Response time histogram:' | tee -a "$OUT/summary.txt"
        sed -n '/^Latency distribution:/,/^$/p' "$file" | tee -a "$OUT/summary.txt"
        sed -n '/^Status code distribution:/,$p' "$file" | tee -a "$OUT/summary.txt"
        rate=$(awk '/Requests\/sec:/ {printf "%.1f", $2}' "$file")
        ok=$(awk '/^Status code distribution:/ {s = 1; next} s && /^ *\[200\]/ {print $2}' "$file")
        bad=$(awk '/^Status code distribution:/ {s = 1; next} /^Error distribution:/ {s = 0; e = 1; next}
                   s && /^ *\[/ && !/\[200\]/ {n += $2} e && /^ *\[/ {gsub(/[\[\]]/, "", $1); n += $1}
                   END {print n + 0}' "$file")
        p50=$(ms 50% "$file"); p90=$(ms 90% "$file"); p95=$(ms 95% "$file"); p99=$(ms 99% "$file")
        cpu="Accord $(pct $((j1 - j0)) "$secs"), PostgreSQL $(pct $((p1 - p0)) "$secs"), hey $(pct "$h" "$secs"), other processes $(pct "$other" "$secs") (of 100% per core, $(nproc) cores)"
        reasons=""
        awk -v p="$p99" -v t="$TARGET_P99_MS" 'BEGIN {exit !(p == "" || p >= t)}' && reasons+=" p99"
        awk -v r="$rate" -v t="$RATE" 'BEGIN {exit !(r < 0.98 * t)}' && reasons+=" rate"
        [ "$bad" -gt 0 ] && reasons+=" errors"
        verdict=PASS; [ -n "$reasons" ] && verdict="FAIL:$reasons"
        [ "$q" = 0 ] && verdict="capacity (no rate limit, not judged)"
        say "CPU during the run: $cpu"
        say "load average before $load_before, after $load_after"
        [ "$q" = 0 ] && q=max
        say "=> $size, $c workers x $q/s: $rate req/s, p50 $p50 ms, p90 $p90 ms, p95 $p95 ms, p99 $p99 ms, ${ok:-0} OK, $bad errors: $verdict"
        ROWS+=("$(printf '%-6s %3s x %-3s %9s %7s %7s %7s %7s %7s  %s' "$size" "$c" "$q" "$rate" "$p50" "$p90" "$p95" "$p99" "$bad" "$verdict")")
    done
done

say ""
say "==== summary: GET /alignment at $RATE/s for $DURATION each (target: p99 < $TARGET_P99_MS ms, rate >= 98% of $RATE/s, no errors)"
say "$(printf '%-6s %-9s %9s %7s %7s %7s %7s %7s  %s' size workers req/s p50ms p90ms p95ms p99ms errors verdict)"
for row in "${ROWS[@]}"; do say "$row"; done
say "(full hey output, seeding logs and Accord's log: $OUT)"
