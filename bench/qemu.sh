#!/usr/bin/env bash
# Benchmark (issue 4): a builder with QEMU emulators in one step of this action, against the peers'
# sequence (docker/setup-qemu-action's binfmt install, then docker/setup-buildx-action's
# `docker buildx create --bootstrap`), side by side on the same engine. Every round starts with no
# emulator registered; one warm-up round is not counted. Two scenarios, each with medians and ratio:
#   cached: both images already on the engine (a warm self-hosted runner): no pull to overlap;
#   fresh:  neither image on the engine (a fresh hosted runner): both are pulled, here from the
#           harness's registry on loopback, which is what the action overlaps with the install;
#   network: the same, through bench/throttle-proxy.mjs at $PULL_MBPS MB/s (default 50): pulls bound
#           by the network, as from Docker Hub, rather than by unpacking on 2 cores.
#   bash bench/qemu.sh [rounds]        (default 5; needs `npm run build` and the harness images)
#   SCENARIOS="cached network" bash bench/qemu.sh 7     (a subset; default all three)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
SCENARIOS=${SCENARIOS:-cached fresh network}
BINFMT=tonistiigi/binfmt:qemu-v10.2.3-68
BUILDKIT=moby/buildkit:buildx-stable-1
REGISTRY=127.0.0.1:5000
THROTTLED=127.0.0.1:5001
PULL_MBPS=${PULL_MBPS:-50}
PLATFORMS=linux/amd64,linux/arm64

now() { date +%s.%N; }
# Straight through the kernel's interface (we are root on the engine's host): it must work while the
# fresh scenario has no binfmt image on the engine.
uninstall() { for entry in /proc/sys/fs/binfmt_misc/qemu-*; do [ -e "$entry" ] && echo -1 >"$entry"; done; return 0; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# (a) this action: one step.
action() {
  local name=bench-action-$1 t
  t=$(now)
  node dist/index.js up --name "$name" --qemu true --platforms "$PLATFORMS" --use false \
    --qemu-image "$binfmt_ref" --driver-opts "image=$buildkit_ref" >/tmp/bench-qemu-action.out 2>/tmp/bench-qemu-action.err
  t=$(echo "$(now) - $t" | bc)
  grep -q '^platforms=.*linux/arm64' /tmp/bench-qemu-action.out || { cat /tmp/bench-qemu-action.err >&2; echo "action: no linux/arm64" >&2; exit 1; }
  node dist/index.js down --name "$name" >/dev/null 2>&1
  echo "$t"
}

# (b) the peers: binfmt install, then buildx create --bootstrap.
peers() {
  local name=bench-peers-$1 t
  t=$(now)
  docker run --rm --privileged "$binfmt_ref" --install arm64 >/dev/null 2>&1
  docker buildx create --driver docker-container --driver-opt "image=$buildkit_ref" --bootstrap --name "$name" >/dev/null 2>&1
  t=$(echo "$(now) - $t" | bc)
  [[ $(docker buildx inspect "$name") == *linux/arm64* ]] || { echo "peers: no linux/arm64" >&2; exit 1; }
  docker buildx rm "$name" >/dev/null 2>&1
  echo "$t"
}

# (c) the floor: the builder alone (`buildx create --bootstrap`, no emulators), which no overlap can
# hide, so a ratio below floor/peers is out of reach for any one-step tool.
builder_alone() {
  local name=bench-floor-$1 t
  t=$(now)
  docker buildx create --driver docker-container --driver-opt "image=$buildkit_ref" --bootstrap --name "$name" >/dev/null 2>&1
  t=$(echo "$(now) - $t" | bc)
  docker buildx rm "$name" >/dev/null 2>&1
  echo "$t"
}

# Before each run: no emulator, and in the fresh scenario no local copy of either image.
reset() {
  uninstall
  # Every tag of both images goes, or their layers would stay and the "pull" would copy nothing.
  if [ "$scenario" != cached ]; then docker rmi -f "$binfmt_ref" "$buildkit_ref" "$BINFMT" "$BUILDKIT" >/dev/null 2>&1 || true; fi
}

# After the fresh scenario: the images back under their own names (same IDs, from the registry).
restore_images() {
  for image in "$BINFMT" "$BUILDKIT"; do
    docker pull -q "$REGISTRY/$image" >/dev/null && docker tag "$REGISTRY/$image" "$image" && docker rmi "$REGISTRY/$image" >/dev/null
  done
  docker rmi "$binfmt_ref" "$buildkit_ref" >/dev/null 2>&1 || true
}

run_scenario() {
  scenario=$1
  local rounds=$2 a=() b=() c=() ta tb tc
  if [ "$scenario" != cached ]; then
    for image in "$BINFMT" "$BUILDKIT"; do
      docker tag "$image" "$REGISTRY/$image" && docker push -q "$REGISTRY/$image" >/dev/null && docker rmi "$REGISTRY/$image" >/dev/null
    done
    local from=$REGISTRY
    [ "$scenario" = network ] && from=$THROTTLED
    binfmt_ref=$from/$BINFMT buildkit_ref=$from/$BUILDKIT
  else
    binfmt_ref=$BINFMT buildkit_ref=$BUILDKIT
  fi
  echo "scenario: $scenario"
  for round in $(seq 0 "$rounds"); do
    # Alternating which goes first spreads drift in the engine's load over both.
    if [ $((round % 2)) -eq 0 ]; then
      reset; ta=$(action "$round-$$")
      reset; tb=$(peers "$round-$$")
    else
      reset; tb=$(peers "$round-$$")
      reset; ta=$(action "$round-$$")
    fi
    reset; tc=$(builder_alone "$round-$$")
    if [ "$round" -eq 0 ]; then
      printf 'warm-up    action %.3fs  peers %.3fs  builder alone %.3fs (not counted)\n' "$ta" "$tb" "$tc"
      continue
    fi
    printf 'round %-4s action %.3fs  peers %.3fs  builder alone %.3fs\n' "$round" "$ta" "$tb" "$tc"
    a+=("$ta") b+=("$tb") c+=("$tc")
  done
  ma=$(printf '%s\n' "${a[@]}" | median)
  mb=$(printf '%s\n' "${b[@]}" | median)
  mc=$(printf '%s\n' "${c[@]}" | median)
  printf 'median of %d rounds (%s), from no emulator registered:\n' "$rounds" "$scenario"
  printf '  %-62s %.3fs\n' "this action (up --qemu true --platforms $PLATFORMS)" "$ma"
  printf '  %-62s %.3fs\n' "peers (binfmt --install arm64; buildx create --bootstrap)" "$mb"
  printf '  %-62s %.3fs\n' "floor: builder alone (buildx create --bootstrap, no emulators)" "$mc"
  printf '  ratio action/peers: %.2f (target <= 0.75; floor/peers: %.2f)\n\n' "$(echo "$ma / $mb" | bc -l)" "$(echo "$mc / $mb" | bc -l)"
  if [ "$scenario" != cached ]; then restore_images; fi
}

wanted() { [[ " $SCENARIOS " == *" $1 "* ]]; }

if wanted cached; then run_scenario cached "$ROUNDS"; fi
# The harness's CNI test image is built FROM the BuildKit image: while it exists, the BuildKit image's
# layers stay on the engine and its "pull" copies nothing. It goes for the pulling scenarios and is
# rebuilt (cached recipe) at the end.
if wanted fresh || wanted network; then
  docker rmi -f setup-buildkit-test/buildkit-cni:local >/dev/null 2>&1 || true
  trap 'bash __tests__/harness/cni-image.sh >/dev/null 2>&1' EXIT
fi
if wanted fresh; then run_scenario fresh "$ROUNDS"; fi
if wanted network; then
  node bench/throttle-proxy.mjs 5001 5000 "$PULL_MBPS" >/dev/null &
  proxy=$!
  trap 'kill $proxy 2>/dev/null || true; bash __tests__/harness/cni-image.sh >/dev/null 2>&1' EXIT
  sleep 0.3
  run_scenario network "$ROUNDS"
fi
# The harness leaves arm64 registered, as the e2e tests expect.
docker run --rm --privileged "$BINFMT" --install arm64 >/dev/null 2>&1
