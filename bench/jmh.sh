#!/usr/bin/env bash
# Builds the JMH uber-jar and runs the alignment benchmarks (a few minutes on 2 cores).
#   bench/jmh.sh                 # all three, results in bench/target/jmh-result.txt
#   bench/jmh.sh -prof gc        # extra JMH options are passed through
#   CHECK=1 bench/jmh.sh         # first replay the generated history through the decider
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -q package
if [[ "${CHECK:-0}" == 1 ]]; then
  java -cp target/benchmarks.jar dev.accord.bench.HistoryGenerator
fi
echo "load before: $(uptime)"
java -jar target/benchmarks.jar Alignment -rf text -rff target/jmh-result.txt "$@"
echo "load after:  $(uptime)"
