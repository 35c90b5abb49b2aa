#!/usr/bin/env bash
# Builder lifecycle, side by side on the same engine: the action's main and post (through its
# command line) against `docker buildx create --driver docker-container --bootstrap` and
# `docker buildx rm`. Medians of $ROUNDS rounds after one warm-up; prints a table per engine.
source "$(dirname "$0")/engines.sh"
source "$(dirname "$0")/lib.sh"
command -v bc >/dev/null || apt-get install -y -qq bc >/dev/null

create_ours() { $ACTION up --name bench-ours --pull-policy missing; }
remove_ours() { $ACTION down --name bench-ours; }
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
