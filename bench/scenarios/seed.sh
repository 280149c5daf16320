#!/usr/bin/env bash
# Seeds initiatives over the API with curl, when bench/probes/Seed.java is not there:
#   seed.sh API_URL COUNT PEOPLE OUT_FILE
# Launches COUNT initiatives, each with PEOPLE participants (the sponsor included) spread over
# four units, and writes "<initiativeId> <person>:<unit>,..." one initiative a line, in launch
# order (the order commands.lua reads as popularity rank). A busy service may answer 503: each
# command carries an Idempotency-Key, so curl can safely send it again (--retry).
set -euo pipefail
API=$1 COUNT=$2 PEOPLE=$3 OUT=$4
UNITS=(engineering sales operations finance)

seed_one() { # index
    local i=$1 people=() receipt id args=()
    for ((k = 0; k < PEOPLE; k++)); do people+=("i${i}p$k:${UNITS[k % ${#UNITS[@]}]}"); done
    receipt=$(curl -sf --retry 8 --retry-delay 1 -H "Idempotency-Key: bench-seed-$RUN-$i" -H 'Content-Type: application/json' -d "{\"title\":\"Bench initiative $i\",\"strategy\":\"Carry the command mix of the benchmark\",\"sponsor\":{\"personId\":\"i${i}p0\",\"displayName\":\"Sponsor $i\",\"unit\":\"${UNITS[0]}\",\"role\":\"Sponsor\"},\"units\":[\"engineering\",\"sales\",\"operations\",\"finance\"]}" "$API/initiatives") \
        || { echo "launch $i failed" >&2; return 1; }
    id=$(sed -E 's/.*"initiativeId" *: *"([^"]+)".*/\1/' <<< "$receipt")
    for ((k = 1; k < PEOPLE; k++)); do
        [ "$k" -gt 1 ] && args+=(--next)
        args+=(-sf --retry 8 --retry-delay 1 -o /dev/null -H "Idempotency-Key: bench-seed-$RUN-$i-$k" -H 'Content-Type: application/json'
               -d "{\"personId\":\"i${i}p$k\",\"displayName\":\"Person $i.$k\",\"unit\":\"${UNITS[k % ${#UNITS[@]}]}\",\"role\":\"Member\"}"
               "$API/initiatives/$id/participants")
    done
    curl "${args[@]}" || { echo "joins of $i failed" >&2; return 1; }
    echo "$i $id $(IFS=,; echo "${people[*]}")"
}
export -f seed_one
RUN=$(date +%s%N)
export API PEOPLE RUN UNITS_LIST="${UNITS[*]}"
# bash cannot export arrays: rebuild UNITS in each worker
seq 0 $((COUNT - 1)) | xargs -P 6 -I{} bash -c 'UNITS=($UNITS_LIST); seed_one {}' > "$OUT.unsorted"
[ "$(wc -l < "$OUT.unsorted")" = "$COUNT" ] || { echo "seeded $(wc -l < "$OUT.unsorted") of $COUNT" >&2; exit 1; }
sort -n "$OUT.unsorted" | cut -d' ' -f2- > "$OUT"
rm -f "$OUT.unsorted"
