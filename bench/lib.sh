# Shared by the benchmark scripts: timing and medians. Sourced, never run.
set -euo pipefail
ROUNDS=${ROUNDS:-5}
# ACTION: the command under test; another build of the action can be given, e.g. ACTION="node /tmp/old/index.js".
ACTION=${ACTION:-"node $(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/dist/index.js"}

# seconds CMD...: runs CMD (output discarded) and prints the elapsed seconds.
seconds() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

# row LABEL MEDIAN_A MEDIAN_B: one line of the side-by-side table, with B/A... as A/B ratio.
row() { printf '%-44s %10s %10s %8.2f\n' "$1" "$2" "$3" "$(echo "$2 / $3" | bc -l)"; }
header() { printf '%-44s %10s %10s %8s\n' "$1" "setup-buildkit" "$2" "ratio"; }
