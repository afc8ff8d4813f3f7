#!/usr/bin/env bash
# CPU time of two or more builds on one input, on one core, interleaved run by run: the way to
# tell whether a change is faster on a machine whose speed drifts by half between minutes.
# Callgrind's instruction counts are exact but are not time (an inlining that saved 3% of the
# instructions cost 2-6% more time); this measures time, and cancels the drift by comparing
# each run with its neighbour.
#
#   bash benches/cpu-pairs.sh [-n RUNS] [-f json|text] FILE BIN BIN...
#
# Prints, for each build, the median and minimum CPU time and the median of its run-by-run
# ratio to the first build. Differences under about 4% are noise on the 2-core development
# machine; use 20 runs or more for those. Needs perf (perf stat -e task-clock) and taskset.
# Each build runs from a fresh copy: a binary just written starts up to 8% faster than the
# same bytes read back from disk, so an old build against a new one would measure the page
# cache, not the change.
set -euo pipefail
RUNS=15
FORMAT=json
while getopts "n:f:" opt; do
  case $opt in
    n) RUNS=$OPTARG ;;
    f) FORMAT=$OPTARG ;;
    *) echo "usage: $0 [-n RUNS] [-f json|text] FILE BIN BIN..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [ $# -lt 3 ]; then
  echo "usage: $0 [-n RUNS] [-f json|text] FILE BIN BIN..." >&2
  exit 2
fi
FILE=$1
shift
OUT=$(mktemp)
COPIES=$(mktemp -d)
trap 'rm -rf "$OUT" "$COPIES"' EXIT
i=0
for bin in "$@"; do
  i=$((i + 1))
  cp "$bin" "$COPIES/$i"
done

for _ in $(seq 1 "$RUNS"); do
  i=0
  for bin in "$@"; do
    i=$((i + 1))
    # One core: no threads start, so the time is the work itself, not the scheduling.
    ms=$(taskset -c 0 perf stat -x, -e task-clock "$COPIES/$i" --output "$FORMAT" "$FILE" 2>&1 >/dev/null |
      awk -F, '/task-clock/ {print $1}')
    echo "$bin $ms" >>"$OUT"
  done
done

python3 - "$OUT" "$@" <<'PY'
import statistics, sys
out, bins = sys.argv[1], sys.argv[2:]
times = {b: [] for b in bins}
for line in open(out):
    b, ms = line.rsplit(" ", 1)
    times[b].append(float(ms))
first = times[bins[0]]
for b in bins:
    ratio = statistics.median(t / f for t, f in zip(times[b], first))
    print(f"{b:40} median {statistics.median(times[b]):8.1f} ms  min {min(times[b]):8.1f} ms"
          f"  ratio to the first {ratio:.3f}")
PY
