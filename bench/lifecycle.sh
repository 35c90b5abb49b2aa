#!/usr/bin/env bash
# Builder lifecycle, side by side on the same engine: the action's main and post steps, each a fresh
# `node dist/index.js` launched as the runner launches it, against
# `docker buildx create --driver docker-container --bootstrap` and `docker buildx rm`. Rounds
# alternate between the two; medians of $ROUNDS rounds after one warm-up; prints a table per engine.
source "$(dirname "$0")/engines.sh"
source "$(dirname "$0")/lib.sh"
command -v bc >/dev/null || apt-get install -y -qq bc >/dev/null

runner_files

create_ours() { : >"$STEPS/state"; runner_step INPUT_NAME=bench-ours INPUT_PULL-POLICY=missing; }
remove_ours() { runner_step "STATE_setup-buildkit=$(saved_state)"; }
create_buildx() { docker buildx create --name bench-buildx --driver docker-container --bootstrap; }
remove_buildx() { docker buildx rm bench-buildx; }

lifecycle_table "builder lifecycle" "create and wait until BuildKit answers" "remove (container, volume, store entry)"
