#!/usr/bin/env bash
# Writes a run's results (called by bench/run.sh):
#   report.sh OUT_DIR SMOKE COMMAND APP LABEL CONNECTIONS < figures (key US value US unit US note,
#   US = the ASCII unit separator, \x1f: a tab would be whitespace to read, and swallow empty fields)
# OUT_DIR/results.tsv: figure, value, unit, target, baseline, ratio, verdict, note.
# OUT_DIR/results.md: the run as Markdown. Unless SMOKE is 1, that table also replaces the
# "latest run" section of bench/RESULTS.md, and the run gets a line in its list of runs.
set -euo pipefail
OUT=$1 SMOKE=$2 COMMAND=$3 APP=$4 LABEL=$5 CONNECTIONS=$6
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
declare -A V U N
while IFS=$'\x1f' read -r key value unit note; do V[$key]=$value; U[$key]=$unit; N[$key]=$note; done
declare -A VERSION
while IFS=$'\t' read -r key value; do VERSION[$key]=$value; done < "$OUT/versions.tsv"

# target of a figure: "<op> <number>" judged, or free text; empty when it has none
target_of() {
    case "$1" in
        cmd_ratio_c*) echo ">= 0.40" ;;
        cmd_p99_ms_c64) echo "<= 50" ;;
        cmd_non2xx_c*|cmd_socket_errors_c*|get_errors|freshness_errors) echo "= 0" ;;
        command_ratio_long_to_fresh|project_ratio_long_to_fresh) echo "<= 1.5" ;;
        freshness_alignment_p99_ms) echo "<= 250" ;;
        freshness_topic_p99_ms) echo "<= 100" ;;
        catchup_seconds) echo "<= 1" ;;
        rebuild_events_per_second) echo ">= 50000" ;;
        get_p99_ms) echo "<= 10" ;;
        rss_*|heap_*) echo "reported" ;;
        *) echo "" ;;
    esac
}
baseline_of() {
    case "$1" in
        cmd_rate_c*) echo "pgbench_tps_c${1#cmd_rate_c}" ;;
        freshness_topic_p99_ms) echo kafka_p99_ms_at_rate ;;
        *) echo "" ;;
    esac
}
verdict() { # value target
    local op=${2%% *} limit=${2#* }
    [[ "$1" =~ ^-?[0-9]+([.][0-9]+)?$ ]] || { [ -z "$op" ] || echo "no value"; return 0; }
    case "$op" in
        ">="|"<="|"=") awk -v v="$1" -v l="$limit" -v op="$op" 'BEGIN {
            ok = (op == ">=") ? v >= l : (op == "<=") ? v <= l : v == l; print ok ? "met" : "missed" }' ;;
        *) echo "" ;;
    esac
}

order=(rss_idle_mib heap_used_idle_mib heap_max_mib)
for c in $CONNECTIONS; do order+=("pgbench_tps_c$c"); done
order+=(kafka_records_per_second kafka_p50_ms_at_rate kafka_p99_ms_at_rate)
for c in $CONNECTIONS; do
    order+=("cmd_rate_c$c" "cmd_ratio_c$c" "cmd_p50_ms_c$c" "cmd_p90_ms_c$c" "cmd_p99_ms_c$c" "cmd_max_ms_c$c"
            "cmd_non2xx_c$c" "cmd_socket_errors_c$c" "completion_c$c")
done
order+=(rss_load_mib heap_used_load_mib catchup_seconds get_rate get_p50_ms get_p99_ms get_max_ms get_errors)
for k in "${!V[@]}"; do
    printf '%s\n' "${order[@]}" | grep -qxF "$k" || extra+=("$k")
done
mapfile -t extra < <(printf '%s\n' "${extra[@]:-}" | grep . | sort)
order+=("${extra[@]}")

{
    printf 'figure\tvalue\tunit\ttarget\tbaseline\tratio\tverdict\tnote\n'
    for k in "${order[@]}"; do
        [ -n "${V[$k]+x}" ] || continue
        t=$(target_of "$k"); b=$(baseline_of "$k"); bv=""; r=""; vd=""
        [ -n "$b" ] && bv=${V[$b]:-}
        [ "$k" = "${k#cmd_rate_c}" ] || r=${V[cmd_ratio_c${k#cmd_rate_c}]:-}
        [ -n "${V[$k]}" ] && vd=$(verdict "${V[$k]}" "$t")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$k" "${V[$k]}" "${U[$k]}" "$t" "$bv" "$r" "$vd" "${N[$k]}"
    done
} > "$OUT/results.tsv"

cell() { [ -n "${V[$1]:-}" ] && echo "${V[$1]}" || echo "${N[$1]:-not run}"; }
judged() { # figure: "value (met|missed)"
    local t v; t=$(target_of "$1"); v=${V[$1]:-}
    [ -z "$v" ] && { echo "${N[$1]:-not run}"; return; }
    echo "$v ($(verdict "$v" "$t"))"
}
{
    echo "Run of ${VERSION[date]}${LABEL:+, \"$LABEL\"}: \`$COMMAND\`"
    echo
    echo "- machine: ${VERSION[machine]}; load ${VERSION[load]}"
    echo "- java: ${VERSION[java]}; Accord ${VERSION[accord]}"
    echo "- PostgreSQL ${VERSION[postgresql]}; Kafka ${VERSION[kafka]}; wrk ${VERSION[wrk]}; hey ${VERSION[hey]}"
    echo "- raw figures: \`bench/target/$(basename "$OUT")/results.tsv\`"
    echo
    echo "| figure | target | measured | baseline | ratio |"
    echo "|---|---|---|---|---|"
    for c in $CONNECTIONS; do
        echo "| commands at $c connections: rate | ratio ≥ 0.40 (aim 0.60) | $(cell "cmd_rate_c$c") cmd/s | pgbench $(cell "pgbench_tps_c$c") tx/s | $(judged "cmd_ratio_c$c") |"
        echo "| commands at $c connections: p50 / p90 / p99 / max | $([ "$c" = 64 ] && echo 'p99 ≤ 50 ms' || echo '—') | $(cell "cmd_p50_ms_c$c") / $(cell "cmd_p90_ms_c$c") / $(cell "cmd_p99_ms_c$c") / $(cell "cmd_max_ms_c$c") ms | | |"
        echo "| commands at $c connections: non-2xx, socket errors | 0 | $(cell "cmd_non2xx_c$c"), $(cell "cmd_socket_errors_c$c") | | |"
    done
    echo "| one command, 20,000-event vs fresh initiative | ≤ 1.5× | $(cell command_p50_long_ms) vs $(cell command_p50_fresh_ms) ms ($(cell long_history_events) events) | | $(judged command_ratio_long_to_fresh) |"
    echo "| projecting one event, long vs fresh | ≤ 1.5× | $(cell project_p50_long_ms) vs $(cell project_p50_fresh_ms) ms | | $(judged project_ratio_long_to_fresh) |"
    echo "| freshness at $(cell freshness_rate_achieved) cmd/s answered (of $(cell freshness_rate_target)/s sent; errors $(cell freshness_errors); command p50 / p99 $(cell freshness_command_p50_ms) / $(cell freshness_command_p99_ms) ms): 2xx → GET …/alignment, p50 / p99 | p99 ≤ 250 ms | $(cell freshness_alignment_p50_ms) / $(judged freshness_alignment_p99_ms) ms | | |"
    echo "| freshness: 2xx → on the topic, p50 / p99 | p99 ≤ 100 ms | $(cell freshness_topic_p50_ms) / $(judged freshness_topic_p99_ms) ms | ProducerPerformance at a fixed rate, acks=all: p50 $(cell kafka_p50_ms_at_rate) / p99 $(cell kafka_p99_ms_at_rate) ms; unlimited: $(cell kafka_records_per_second) records/s | |"
    echo "| catch-up after the 64-connection burst | ≤ 1 s | $(judged catchup_seconds) s ($(cell catchup_initial_lag_events) events behind when its clock started) | | |"
    echo "| rebuild of $(cell rebuild_events) events, read models already projected and published | ≥ 50,000 events/s | $(judged rebuild_events_per_second) events/s in $(cell rebuild_seconds) s | | |"
    echo "| the first rebuild of the same events, also their first projection (publishes every first state and signal) | reported | $(cell rebuild_first_events_per_second) events/s in $(cell rebuild_first_seconds) s | | |"
    echo "| GET …/alignment at $(cell get_rate) req/s achieved: p50 / p99 / max | p99 ≤ 10 ms | $(cell get_p50_ms) / $(judged get_p99_ms) / $(cell get_max_ms) ms, errors $(cell get_errors) | | |"
    echo "| RSS idle / under load (64 connections) | reported | $(cell rss_idle_mib) / $(cell rss_load_mib) MiB | | |"
    echo "| heap used idle / under load, of max | bounded | $(cell heap_used_idle_mib) / $(cell heap_used_load_mib) of $(cell heap_max_mib) MiB | | |"
} > "$OUT/results.md"

[ "$SMOKE" = 1 ] && exit 0
RESULTS="$HERE/RESULTS.md"
[ -f "$RESULTS" ] || { echo "no $RESULTS to update" >&2; exit 1; }
line="| ${VERSION[date]} | ${LABEL:-—} | ${VERSION[accord]%% on *} | $(cell cmd_rate_c64) vs $(cell pgbench_tps_c64) = $(cell cmd_ratio_c64) | $(cell cmd_p99_ms_c64) | $(cell command_ratio_long_to_fresh) | $(cell freshness_alignment_p99_ms) / $(cell freshness_topic_p99_ms) | $(cell catchup_seconds) | $(cell rebuild_events_per_second) (first $(cell rebuild_first_events_per_second)) | $(cell get_p99_ms) | $(cell rss_idle_mib) / $(cell rss_load_mib) | ${VERSION[load]%% (*} |"
awk -v table="$OUT/results.md" -v line="$line" '
    /<!-- latest run: start -->/ {print; while ((getline l < table) > 0) print l; skip = 1; next}
    /<!-- latest run: end -->/ {skip = 0}
    /<!-- runs: next line -->/ {print line}
    !skip {print}' "$RESULTS" > "$RESULTS.tmp"
mv "$RESULTS.tmp" "$RESULTS"
