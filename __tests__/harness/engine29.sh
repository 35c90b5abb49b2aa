#!/usr/bin/env bash
# Makes a second Docker engine answer at $DOCKER29_HOST (unix:///run/setup-buildkit/docker-29.sock), as a
# fresh install on GitHub's hosted runners has it: Docker Engine 29.8.1 (moby/moby/v2 v2.0.0-beta.24, the
# 29.8 line; the proxy serves no docker-v29 tags), containerd 2.4.2 and runc 1.5.2, with the containerd
# image store on. Facts and traps: ../shared/reference/engines.md.
#   engine29.sh         build what is missing, start the engine unless it answers, copy the test images
#   engine29.sh build   only the Go builds (setup.sh runs them beside the rest of the harness)
# Built once from the Go module proxy into $HARNESS_CACHE/docker29/bin (a binary that reports the wanted
# version is not rebuilt). It runs beside engine 20.10 and touches nothing of it: its own data root, exec
# root, pidfile and containerd (which dockerd starts from its exec root), its own bridge and address
# pools, and no iptables rules at all (20.10's chains stay as 20.10 made them). Never `--bridge none`:
# dockerd would delete docker0. The images come from engine 20.10 (docker save | docker load), once per
# image ID.
source "$(dirname "$0")/lib.sh"
# Every docker command here names its engine: 20.10 at the default socket, or this one.
unset DOCKER_HOST
DOCKER29_VERSION=29.8.1
MOBY_VERSION=v2.0.0-beta.24
CONTAINERD29_VERSION=v2.4.2
RUNC29_VERSION=v1.5.2
BIN29=$HARNESS_CACHE/docker29/bin
DATA29=$HARNESS_CACHE/docker29/data-root
EXEC29=/run/setup-buildkit/docker29
PIDFILE29=/run/setup-buildkit/docker-29.pid
LOG29=/var/log/setup-buildkit-dockerd29.log
# Its default bridge, away from 20.10's 172.17.0.0/16. No default-address-pools: a dockerd that has
# them deletes the link named docker0 whenever it starts on a data root that holds a default bridge
# network (moby's initNetworkController, "clear stale bridge network"), i.e. at every restart. Its
# user-defined networks come from the default pools; the bridge driver skips ranges that a host route
# (20.10's) already uses.
BRIDGE29=sbk29
BRIDGE29_ADDRESS=10.229.255.1/24
docker29() { DOCKER_HOST=$DOCKER29_HOST docker "$@"; }

# reports WANT BINARY [ARGS...]: the binary exists and its version output contains WANT.
reports() {
  local want=$1 out
  shift
  [ -x "$1" ] && out=$("$@" 2>&1) && [[ $out == *"$want"* ]]
}

# go_install29 NAME LOG ARGS...: `go install ARGS` into $BIN29, its output in LOG.
go_install29() {
  local name=$1 out=$2 t0=$SECONDS
  shift 2
  log "building $name ($*)"
  if ! GOBIN=$BIN29 CGO_ENABLED=1 go install "$@" >"$out" 2>&1; then
    tail -20 "$out" >&2
    log "building $name failed"
    return 1
  fi
  log "built $name in $((SECONDS - t0)) s"
}

# The three builds run side by side: module downloads of one overlap with compiling another.
build() {
  mkdir -p "$BIN29"
  local jobs=() logs=$HARNESS_CACHE/docker29 failed=0 pid
  if ! reports "$CONTAINERD29_VERSION" "$BIN29/containerd" --version || ! reports "$CONTAINERD29_VERSION" "$BIN29/containerd-shim-runc-v2" -v; then
    go_install29 "containerd $CONTAINERD29_VERSION" "$logs/build-containerd.log" -tags no_btrfs \
      -ldflags "-X github.com/containerd/containerd/v2/version.Version=$CONTAINERD29_VERSION" \
      "github.com/containerd/containerd/v2/cmd/containerd@$CONTAINERD29_VERSION" \
      "github.com/containerd/containerd/v2/cmd/containerd-shim-runc-v2@$CONTAINERD29_VERSION" &
    jobs+=($!)
  fi
  if ! reports "Docker version $DOCKER29_VERSION," "$BIN29/dockerd" --version || [ ! -x "$BIN29/docker-proxy" ]; then
    go_install29 "dockerd $DOCKER29_VERSION" "$logs/build-dockerd.log" \
      -ldflags "-X github.com/moby/moby/v2/dockerversion.Version=$DOCKER29_VERSION -X github.com/moby/moby/v2/dockerversion.GitCommit=$MOBY_VERSION" \
      "github.com/moby/moby/v2/cmd/dockerd@$MOBY_VERSION" "github.com/moby/moby/v2/cmd/docker-proxy@$MOBY_VERSION" &
    jobs+=($!)
  fi
  # runc with seccomp (as the runners' runc has it) links libseccomp.
  if ! reports "runc version ${RUNC29_VERSION#v}" "$BIN29/runc" --version || ! reports libseccomp "$BIN29/runc" --version; then
    apt_install libseccomp-dev pkg-config
    go_install29 "runc $RUNC29_VERSION" "$logs/build-runc.log" -tags seccomp -ldflags "-X main.version=${RUNC29_VERSION#v}" \
      "github.com/opencontainers/runc@$RUNC29_VERSION" &
    jobs+=($!)
  fi
  for pid in "${jobs[@]}"; do wait "$pid" || failed=1; done
  return $failed
}

answers() { docker29 info >/dev/null 2>&1; }

start() {
  apt_install jq iproute2
  mkdir -p "$DATA29" "$EXEC29" "$(dirname "$PIDFILE29")"
  if ! ip link show "$BRIDGE29" >/dev/null 2>&1; then
    ip link add "$BRIDGE29" type bridge
    ip addr add "$BRIDGE29_ADDRESS" dev "$BRIDGE29"
  fi
  ip link set "$BRIDGE29" up
  local docker0
  docker0=$(ip -4 -o addr show docker0 2>/dev/null | awk '{print $4; exit}')
  # The containerd image store is what a fresh 29 install has; said here so that no older data root
  # or default change can switch it off unnoticed.
  local config=$HARNESS_CACHE/docker29/daemon.json wrapper=/usr/local/libexec/setup-buildkit/runc-capfix-29
  jq -n '{"features": {"containerd-snapshotter": true}}' >"$config"
  if capfix_runtime "$wrapper" "$BIN29/runc"; then
    jq --arg w "$wrapper" '. + {"default-runtime": "capfix", "runtimes": {"capfix": {"path": $w}}}' "$config" >"$config.new"
    mv "$config.new" "$config"
  fi
  pidfile_pid "$PIDFILE29" dockerd >/dev/null || true
  log "starting dockerd $DOCKER29_VERSION at $DOCKER29_HOST"
  # Its own session, as engine 20.10: the engine outlives whatever shell or test started it. The built
  # binaries first on PATH: dockerd starts the first containerd there, which finds the shim and runc.
  PATH="$BIN29:$PATH" setsid -f dockerd --config-file "$config" --host "$DOCKER29_HOST" \
    --data-root "$DATA29" --exec-root "$EXEC29" --pidfile "$PIDFILE29" \
    --bridge "$BRIDGE29" --iptables=false --ip6tables=false --cgroup-parent /docker29 \
    >>"$LOG29" 2>&1 </dev/null
  local up=
  for _ in $(seq 1 60); do answers && { up=1; break; }; sleep 0.5; done
  if [ -z "$up" ]; then
    tail -20 "$LOG29" >&2
    log "dockerd $DOCKER29_VERSION did not answer within 30 s"
    return 1
  fi
  # Engine 20.10's bridge must have come through the start; should it not have, it is put back (20.10
  # attaches new containers to it by name) and the harness fails, for the cause to be found.
  if [ -n "$docker0" ] && ! ip link show docker0 >/dev/null 2>&1; then
    ip link add docker0 type bridge
    ip addr add "$docker0" dev docker0
    ip link set docker0 up
    log "starting engine 29 deleted engine 20.10's bridge docker0 (re-created with $docker0)"
    return 1
  fi
  log "engine 29 answers"
}

# The images the tests run, from engine 20.10 (where images.sh and the others made them): one
# docker save | docker load for all that are missing or changed. A stamp in the data root records the
# 20.10 image ID each was copied from.
copy_images() {
  local stamp=$DATA29/.setup-buildkit-images want=() missing=() ref id
  # Every binfmt installer image binfmt-image.sh made (one per release the tests run).
  for ref in "$BUILDKIT_IMAGE" "$CNI_IMAGE" "$BASE_IMAGE" $(docker images --format '{{.Repository}}:{{.Tag}}' tonistiigi/binfmt); do
    id=$(docker image inspect -f '{{.Id}}' "$ref")
    want+=("$ref $id")
    grep -qxF "$ref $id" "$stamp" 2>/dev/null && docker29 image inspect "$ref" >/dev/null 2>&1 || missing+=("$ref")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local t0=$SECONDS
  log "copying ${missing[*]} from engine 20.10"
  docker save "${missing[@]}" | docker29 load -q >/dev/null
  printf '%s\n' "${want[@]}" >"$stamp"
  # The copies these replaced, now untagged.
  docker29 image prune -f >/dev/null
  log "copied in $((SECONDS - t0)) s"
}

build
[ "${1:-}" = build ] && exit 0
answers || start
copy_images
