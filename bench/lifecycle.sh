#!/usr/bin/env bash
# Builder lifecycle, side by side on the same engine: the action's main and post steps, each a fresh
# `node dist/index.js` launched as the runner launches it, against
# `docker buildx create --driver docker-container --bootstrap` and `docker buildx rm`. Rounds
# alternate between the two; medians of $ROUNDS rounds after one warm-up; prints a table.
source "$(dirname "$0")/lib.sh"
command -v bc >/dev/null || apt-get install -y -qq bc >/dev/null

# A step as the runner runs it (as __tests__/support/action.ts does): inputs as INPUT_* variables,
# outputs and state through the runner's files; the post step gets main's last saved state back as
# its STATE_* variable.
STEPS=$(mktemp -d)
trap 'rm -rf "$STEPS"' EXIT
touch "$STEPS/output" "$STEPS/state" "$STEPS/env" "$STEPS/summary"
runner_step() {
  env GITHUB_ACTIONS=true GITHUB_OUTPUT="$STEPS/output" GITHUB_STATE="$STEPS/state" GITHUB_ENV="$STEPS/env" \
    GITHUB_STEP_SUMMARY="$STEPS/summary" "$@" $ACTION
}
saved_state() { awk '/^setup-buildkit<</ { getline; state = $0 } END { print state }' "$STEPS/state"; }

create_ours() { : >"$STEPS/state"; runner_step INPUT_NAME=bench-ours INPUT_PULL-POLICY=missing; }
remove_ours() { runner_step "STATE_setup-buildkit=$(saved_state)"; }
create_buildx() { docker buildx create --name bench-buildx --driver docker-container --bootstrap; }
remove_buildx() { docker buildx rm bench-buildx; }

create_ours >/dev/null 2>&1; remove_ours >/dev/null 2>&1
create_buildx >/dev/null 2>&1; remove_buildx >/dev/null 2>&1
ours_up=(); ours_down=(); bx_up=(); bx_down=()
for _ in $(seq "$ROUNDS"); do
  ours_up+=("$(seconds create_ours)"); ours_down+=("$(seconds remove_ours)")
  bx_up+=("$(seconds create_buildx)"); bx_down+=("$(seconds remove_buildx)")
done
header "builder lifecycle (median s, $ROUNDS rounds)" "buildx $(docker buildx version | awk '{print $2}')"
row "create and wait until BuildKit answers" "$(printf '%s\n' "${ours_up[@]}" | median)" "$(printf '%s\n' "${bx_up[@]}" | median)"
row "remove (container, volume, store entry)" "$(printf '%s\n' "${ours_down[@]}" | median)" "$(printf '%s\n' "${bx_down[@]}" | median)"
