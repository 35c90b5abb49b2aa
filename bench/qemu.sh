#!/usr/bin/env bash
# Benchmark (issue 4): a builder with QEMU emulators in one step of this action, against the peers'
# sequence (docker/setup-qemu-action's binfmt install, then docker/setup-buildx-action's
# `docker buildx create --bootstrap`), side by side on the same engine. Every round starts with no
# emulator registered; one warm-up round is not counted. Prints the medians and their ratio.
#   bash bench/qemu.sh [rounds]        (default 5; needs `npm run build` and the harness images)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
BINFMT=tonistiigi/binfmt:qemu-v7.0.0-28
PLATFORMS=linux/amd64,linux/arm64

now() { date +%s.%N; }
uninstall() { docker run --rm --privileged "$BINFMT" --uninstall 'qemu-*' >/dev/null 2>&1; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# (a) this action: one step.
action() {
  local name=bench-action-$1 t
  t=$(now)
  node dist/index.js up --name "$name" --qemu true --platforms "$PLATFORMS" --use false >/tmp/bench-qemu-action.out 2>/tmp/bench-qemu-action.err
  t=$(echo "$(now) - $t" | bc)
  grep -q '^platforms=.*linux/arm64' /tmp/bench-qemu-action.out || { cat /tmp/bench-qemu-action.err >&2; echo "action: no linux/arm64" >&2; exit 1; }
  node dist/index.js down --name "$name" >/dev/null 2>&1
  echo "$t"
}

# (b) the peers: binfmt install, then buildx create --bootstrap.
peers() {
  local name=bench-peers-$1 t
  t=$(now)
  docker run --rm --privileged "$BINFMT" --install arm64 >/dev/null 2>&1
  docker buildx create --driver docker-container --bootstrap --name "$name" >/dev/null 2>&1
  t=$(echo "$(now) - $t" | bc)
  [[ $(docker buildx inspect "$name") == *linux/arm64* ]] || { echo "peers: no linux/arm64" >&2; exit 1; }
  docker buildx rm "$name" >/dev/null 2>&1
  echo "$t"
}

a=() b=()
for round in $(seq 0 "$ROUNDS"); do
  # Alternating which goes first spreads drift in the engine's load over both.
  if [ $((round % 2)) -eq 0 ]; then
    uninstall; ta=$(action "$round-$$")
    uninstall; tb=$(peers "$round-$$")
  else
    uninstall; tb=$(peers "$round-$$")
    uninstall; ta=$(action "$round-$$")
  fi
  if [ "$round" -eq 0 ]; then
    printf 'warm-up    action %.3fs  peers %.3fs (not counted)\n' "$ta" "$tb"
    continue
  fi
  printf 'round %-4s action %.3fs  peers %.3fs\n' "$round" "$ta" "$tb"
  a+=("$ta") b+=("$tb")
done
# The harness leaves arm64 registered, as the e2e tests expect.
docker run --rm --privileged "$BINFMT" --install arm64 >/dev/null 2>&1

ma=$(printf '%s\n' "${a[@]}" | median)
mb=$(printf '%s\n' "${b[@]}" | median)
printf '\nmedian of %d rounds, from no emulator registered:\n' "$ROUNDS"
printf '  %-62s %.3fs\n' "this action (up --qemu true --platforms $PLATFORMS)" "$ma"
printf '  %-62s %.3fs\n' "peers (binfmt --install arm64; buildx create --bootstrap)" "$mb"
printf '  ratio action/peers: %.2f (target <= 0.75)\n' "$(echo "$ma / $mb" | bc -l)"
