#!/usr/bin/env bash
# Runs the real workflows under nektos/act on this machine's engine, as a self-hosted runner would:
#   1. examples/keep-state.yml twice, sharing act's cache server storage: the first run saves the
#      builder's state, the second restores it and its build must be fully CACHED;
#   2. examples/registry-mirror.yml, with the harness's registry as the Docker Hub mirror;
#   3. examples/multi-arch.yml (both matrix jobs);
#   4. .github/workflows/ci.yml, every job (the action on itself);
#   5. 1 and 3 again against the harness's engine 29 (engine29.sh; the steps get DOCKER_HOST).
# Then no builder may be left on either engine. Offline: actions/checkout is act's local copy of the repository
# (act never fetches it), everything else is `uses: ./...` or `run:`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
source __tests__/harness/lib.sh
bash __tests__/harness/act.sh

work=$(mktemp -d /tmp/setup-buildkit-act.XXXXXX)
trap 'rm -rf "$work"' EXIT

# act runs the workflow of a git repository: a commit of the working tree as it is now (tracked and
# untracked files, .gitignore'd ones left out; dist/ as it is, which .ci/run has checked to be the
# bundle of src/), with the test Dockerfile at its root, FROM the harness's registry, for the examples
# that build `.`.
mkdir "$work/repo"
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  tar --null -T - -cf - | tar -xf - -C "$work/repo"
sed "s|^ARG BASE_IMAGE=.*|ARG BASE_IMAGE=$BASE_IMAGE|" __tests__/act/Dockerfile >"$work/repo/Dockerfile"
git -C "$work/repo" init -q
git -C "$work/repo" add -A
git -C "$work/repo" -c user.name=ci -c user.email=ci@localhost commit -qm "working tree"

# act_run NAME WORKFLOW [ACT FLAGS...]: one act run, its log in $work/NAME.log; the step output, without
# act's prefixes, in $work/NAME.out.
act_run() {
  local name=$1 workflow=$2
  shift 2
  log "act: $name ($workflow)"
  local rc=0
  (cd "$work/repo" && "$GOBIN_DIR/act" workflow_dispatch -W "$workflow" \
    -P ubuntu-latest=-self-hosted --action-offline-mode \
    --cache-server-addr 127.0.0.1 --cache-server-path "$work/cache" \
    --var BASE_IMAGE="$BASE_IMAGE" --var REGISTRY_MIRROR="$TEST_REGISTRY" \
    --var EXTRA_DRIVER_OPTS=network=host "$@") >"$work/$name.log" 2>&1 || rc=$?
  sed -n 's/^\[[^]]*\] *| //p' "$work/$name.log" >"$work/$name.out"
  if [ "$rc" != 0 ]; then
    tail -n 80 "$work/$name.log"
    echo "act run $name failed (exit $rc)" >&2
    exit 1
  fi
  grep -E '🏁|Job (succeeded|failed)' "$work/$name.log" >&2 || true
}

act_run keep-state-1 examples/keep-state.yml
act_run keep-state-2 examples/keep-state.yml
grep -q '^#[0-9]* \[.*\] RUN ' "$work/keep-state-2.out" || { echo "run 2 built nothing" >&2; exit 1; }
bash __tests__/act/assert-cached.sh "$work/keep-state-2.out"

act_run registry-mirror examples/registry-mirror.yml
grep -q '^#[0-9]* \[.*\] FROM docker.io/library/busybox:latest' "$work/registry-mirror.out"

act_run multi-arch examples/multi-arch.yml

act_run ci .github/workflows/ci.yml

on29=(--env "DOCKER_HOST=$DOCKER29_HOST")
act_run keep-state-1-docker29 examples/keep-state.yml "${on29[@]}"
act_run keep-state-2-docker29 examples/keep-state.yml "${on29[@]}"
grep -q '^#[0-9]* \[.*\] RUN ' "$work/keep-state-2-docker29.out" || { echo "run 2 on engine 29 built nothing" >&2; exit 1; }
bash __tests__/act/assert-cached.sh "$work/keep-state-2-docker29.out"
act_run multi-arch-docker29 examples/multi-arch.yml "${on29[@]}"

for host in "" "$DOCKER29_HOST"; do
  left=$(DOCKER_HOST=$host docker ps -aq --filter label=com.github.setup-buildkit.builder)
  if [ -n "$left" ]; then
    DOCKER_HOST=$host docker ps -a --filter label=com.github.setup-buildkit.builder
    echo "the act runs left builders behind on ${host:-the default engine}" >&2
    exit 1
  fi
done
log "act: every run green, no builder left"
