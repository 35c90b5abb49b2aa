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

# lifecycle_table TITLE UP_LABEL DOWN_LABEL: one warm-up, then $ROUNDS rounds alternating the caller's
# create_ours, remove_ours, create_buildx and remove_buildx, and the table of their medians.
lifecycle_table() {
  create_ours >/dev/null 2>&1; remove_ours >/dev/null 2>&1
  create_buildx >/dev/null 2>&1; remove_buildx >/dev/null 2>&1
  local ours_up=() ours_down=() bx_up=() bx_down=()
  for _ in $(seq "$ROUNDS"); do
    ours_up+=("$(seconds create_ours)"); ours_down+=("$(seconds remove_ours)")
    bx_up+=("$(seconds create_buildx)"); bx_down+=("$(seconds remove_buildx)")
  done
  header "$1 (median s, $ROUNDS rounds)" "buildx $(docker buildx version | awk '{print $2}')"
  row "$2" "$(printf '%s\n' "${ours_up[@]}" | median)" "$(printf '%s\n' "${bx_up[@]}" | median)"
  row "$3" "$(printf '%s\n' "${ours_down[@]}" | median)" "$(printf '%s\n' "${bx_down[@]}" | median)"
}

# test_engine_contexts: the harness's mutual-TLS and ssh engines (__tests__/harness/engines.sh) as the
# docker contexts bench-tls and bench-ssh, in a DOCKER_CONFIG of this run's own.
test_engine_contexts() {
  bash "$(dirname "${BASH_SOURCE[0]}")/../__tests__/harness/engines.sh" 2>/dev/null
  local tls=${HARNESS_CACHE:-/var/cache/setup-buildkit}/engines/tls
  DOCKER_CONFIG=$(mktemp -d)
  export DOCKER_CONFIG
  trap 'rm -rf "$DOCKER_CONFIG"' EXIT
  ln -s "$HOME/.docker/cli-plugins" "$DOCKER_CONFIG/cli-plugins"
  docker context create bench-tls --docker "host=tcp://127.0.0.1:23760,ca=$tls/ca.pem,cert=$tls/client.pem,key=$tls/client-key.pem" >/dev/null 2>&1
  docker context create bench-ssh --docker host=ssh://sbk-ssh-engine >/dev/null 2>&1
}

# A step as the runner runs it (as __tests__/support/action.ts does): inputs as INPUT_* variables,
# outputs and state through the runner's files in $STEPS (made by runner_files, removed on exit); the
# post step gets main's last saved state back as its STATE_* variable (saved_state).
runner_files() {
  STEPS=$(mktemp -d)
  trap 'rm -rf "$STEPS"' EXIT
  touch "$STEPS/output" "$STEPS/state" "$STEPS/env" "$STEPS/summary"
}
runner_step() {
  env GITHUB_ACTIONS=true GITHUB_OUTPUT="$STEPS/output" GITHUB_STATE="$STEPS/state" GITHUB_ENV="$STEPS/env" \
    GITHUB_STEP_SUMMARY="$STEPS/summary" "$@" $ACTION
}
saved_state() { awk '/^setup-buildkit<</ { getline; state = $0 } END { print state }' "$STEPS/state"; }
