#!/usr/bin/env bash
# Runs the real workflows under nektos/act on this machine's engine, as a self-hosted runner would:
#   1. examples/keep-state.yml twice, sharing act's cache server storage: the first run saves the
#      builder's state, the second restores it and its build must be fully CACHED;
#   2. examples/registry-mirror.yml, with the harness's registry as the Docker Hub mirror;
#   3. examples/multi-arch.yml (both matrix jobs);
#   4. examples/native-matrix.yml: its two legs (amd64 natively, arm64 through QEMU here, where the
#      runner is amd64) push by digest to the harness's registry, its merge job makes the manifest
#      list, which assert-manifest-list.sh checks against the digests the legs uploaded;
#   5. .github/workflows/ci.yml, every job (the action on itself).
# Then no builder may be left. Offline: actions/checkout is act's local copy of the repository
# (act never fetches it), actions/upload-artifact and download-artifact are the test doubles in
# artifact-doubles/, everything else is `uses: ./...` or `run:`.
# ACT_RUNS="native-matrix ci" runs only those (default: all, in the order above).
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

runs=" ${ACT_RUNS:-keep-state registry-mirror multi-arch native-matrix ci} "
wanted() { [[ $runs == *" $1 "* ]]; }

if wanted keep-state; then
  act_run keep-state-1 examples/keep-state.yml
  act_run keep-state-2 examples/keep-state.yml
  grep -q '^#[0-9]* \[.*\] RUN ' "$work/keep-state-2.out" || { echo "run 2 built nothing" >&2; exit 1; }
  bash __tests__/act/assert-cached.sh "$work/keep-state-2.out"
fi

if wanted registry-mirror; then
  act_run registry-mirror examples/registry-mirror.yml
  grep -q '^#[0-9]* \[.*\] FROM docker.io/library/busybox:latest' "$work/registry-mirror.out"
fi

if wanted multi-arch; then act_run multi-arch examples/multi-arch.yml; fi

if wanted native-matrix; then
  image=$TEST_REGISTRY/setup-buildkit-act/native-matrix-$$
  mkdir "$work/artifacts"
  act_run native-matrix examples/native-matrix.yml \
    -P ubuntu-24.04=-self-hosted -P ubuntu-24.04-arm=-self-hosted \
    --local-repository "actions/upload-artifact@v4=$here/artifact-doubles/upload-artifact" \
    --local-repository "actions/download-artifact@v4=$here/artifact-doubles/download-artifact" \
    --env ACT_ARTIFACTS="$work/artifacts" --var IMAGE="$image"
  bash __tests__/act/assert-manifest-list.sh "$image:latest" "$work/artifacts/digests-linux-amd64" "$work/artifacts/digests-linux-arm64"
fi

if wanted ci; then act_run ci .github/workflows/ci.yml; fi

left=$(docker ps -aq --filter label=com.github.setup-buildkit.builder)
if [ -n "$left" ]; then
  docker ps -a --filter label=com.github.setup-buildkit.builder
  echo "the act runs left builders behind" >&2
  exit 1
fi
log "act: every run green, no builder left"
