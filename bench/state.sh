#!/usr/bin/env bash
# keep-state's cost as the state grows. For states of about 0.25, 1 and 2 GB (SIZES_MB) and both
# cache protocols, the cache server behind a 100 MB/s link (RATE, bench/throttle-proxy.mjs):
#   save      the action's post step: prune, stop, list, look up and upload the pieces, the manifest
#   restore   the main step's restore (state-restore-seconds): manifest, lookups, pieces fetched
#             and unpacked into the new volume as they arrive, every download sharing the one link
#   download  the same entries fetched alone, nothing unpacked (bench/state-stages.mjs download)
#   unpack    the same pieces unpacked alone from local files (bench/state-stages.mjs unpack)
#   no link   the same restore with the link out of the way (the proxy passes bytes unthrottled)
#   ratio     restore / max(download, no link): 1.0 is full overlap of the download and the rest of
#             the restore (target 1.15)
# RESTORES rounds (default 1) of the two restores, alternating, for each state: medians, each round's
# figures in RESULTS (a file, when set). Needs the harness, dist/ built, and root.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cache-lib.sh"
SIZES_MB=${SIZES_MB:-250 1000 2000}
PROTOCOLS=${PROTOCOLS:-v1 v2}
RATE=${RATE:-100}
RESTORES=${RESTORES:-1}
RESULTS=${RESULTS:-/dev/null}
NAME=benchstate
NODE=buildx_buildkit_${NAME}0
IMAGE=moby/buildkit:buildx-stable-1
WORK=$(mktemp -d /tmp/bench-state-XXXX)
unpacker=bench-state-unpack
cleanup() {
  stop_cache
  docker rm -f "$NODE" "$unpacker" >/dev/null 2>&1 || true
  docker volume rm "${NODE}_state" "$unpacker" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
compile_lib
export RUNNER_TEMP=$WORK/tmp GITHUB_WORKSPACE=$WORK/ws GITHUB_RUN_ATTEMPT=1 GITHUB_JOB=bench
mkdir -p "$RUNNER_TEMP" "$GITHUB_WORKSPACE" "$WORK/ctx"

# A state of about MB megabytes: random (incompressible) and counted (compressible) data in one
# large layer (40 %), four of 10 %, 3000 small files, and a cache mount (10 %).
dockerfile() {
  local mb=$1 i
  echo "FROM 127.0.0.1:5000/library/busybox:latest"
  echo "RUN dd if=/dev/urandom of=/big.bin bs=1M count=$((mb * 25 / 100)) 2>/dev/null && seq 1 $((mb * 15 * 10000 / 8)) > /big.txt"
  for i in 1 2 3 4; do
    echo "RUN echo $i > /layer && dd if=/dev/urandom of=/mid$i.bin bs=1M count=$((mb * 6 / 100)) 2>/dev/null && seq $i $((mb * 4 * 10000 / 8)) > /mid$i.txt"
  done
  echo 'RUN mkdir /many && for i in $(seq 3000); do head -c 2000 /dev/urandom > /many/f$i; done'
  echo "RUN --mount=type=cache,target=/cache dd if=/dev/urandom of=/cache/objects bs=1M count=$((mb * 10 / 100)) 2>/dev/null"
}

up() { $ACTION up --name "$NAME" --keep-state true --state-max-size 8g --driver-opts network=host --use false "$@"; }
build() { docker buildx build --builder "$NAME" --progress plain --output type=cacheonly "$WORK/ctx"; }
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }
restore_seconds() { sed -n 's/^state-restore-seconds=//p' "$1"; }
# restore_once OUT: a run that restores the saved state and does not save; prints its restore's seconds.
restore_once() {
  GITHUB_RUN_ID=3 up --state-save never >"$1" 2>"${1%.out}.err"
  grep -q '^state-restored=prefix' "$1" || { cat "${1%.out}.err" >&2; return 1; }
  GITHUB_RUN_ID=3 $ACTION down --name "$NAME" >/dev/null 2>&1
  restore_seconds "$1"
}

rows=()
for protocol in $PROTOCOLS; do
  for mb in $SIZES_MB; do
    run=$WORK/$protocol-$mb
    mkdir -p "$run"
    start_cache "$protocol" "$RATE" "$run/cache"
    dockerfile "$mb" >"$WORK/ctx/Dockerfile"
    GITHUB_RUN_ID=1 up >"$run/up1.out" 2>"$run/up1.err"
    build >"$run/build1.log" 2>&1
    state=$(du -sb "$(docker volume inspect -f '{{.Mountpoint}}' "${NODE}_state")" | cut -f1)
    save=$(seconds env GITHUB_RUN_ID=1 $ACTION down --name "$NAME")
    GITHUB_RUN_ID=2 up >"$run/up2.out" 2>"$run/up2.err"
    grep -q '^state-restored=prefix' "$run/up2.out" || { cat "$run/up2.err" >&2; exit 1; }
    restores=("$(restore_seconds "$run/up2.out")")
    stored=$(sed -n 's/^state-restore-size=//p' "$run/up2.out")
    build >"$run/build2.log" 2>&1
    steps=$(grep -c '^RUN' "$WORK/ctx/Dockerfile")
    cached=$(grep -c ' CACHED$' "$run/build2.log" || true)
    GITHUB_RUN_ID=2 $ACTION down --name "$NAME" >/dev/null 2>&1
    prefix=$(sed -n 's/^state-key=\(.*-[0-9a-f]\{16\}-\).*/\1/p' "$run/up2.out")
    # The same restore again, without saving, as many rounds as asked: the link out of the way, then on it.
    unlinked=()
    for round in $(seq "$RESTORES"); do
      set_link 0
      unlinked+=("$(restore_once "$run/up-unlinked-$round.out")")
      set_link "$RATE"
      echo "$protocol ${mb}MB round $round: restore ${restores[-1]} s, no link ${unlinked[-1]} s, load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS"
      if [ "$round" -lt "$RESTORES" ]; then restores+=("$(restore_once "$run/up-linked-$round.out")"); fi
    done
    restore=$(printf '%s\n' "${restores[@]}" | median)
    nolink=$(printf '%s\n' "${unlinked[@]}" | median)
    download=$(node "$BENCH_DIR/state-stages.mjs" download "$prefix" "$run/fetched" | field seconds)
    docker volume create "$unpacker" >/dev/null
    docker create --name "$unpacker" -v "$unpacker:/var/lib/buildkit" "$IMAGE" >/dev/null
    unpack=$(node "$BENCH_DIR/state-stages.mjs" unpack "$unpacker" "$run/fetched" | field seconds)
    docker rm -f "$unpacker" >/dev/null
    docker volume rm "$unpacker" >/dev/null
    rm -rf "$run/fetched"
    stop_cache
    rows+=("$(printf '%-4s %7.0f %8.0f %7.2fs %7.2fs %7.0f %8.2fs %7.2fs %7.2fs %6.2f   %s/%s' "$protocol" "$(echo "$state/1000000" | bc -l)" "$(echo "$stored/1000000" | bc -l)" \
      "$save" "$restore" "$(echo "$state/1000000/$restore" | bc -l)" "$download" "$unpack" "$nolink" \
      "$(echo "r=$restore; d=$download; n=$nolink; m=d; if (n>d) m=n; r/m" | bc -l)" "$cached" "$steps")")
  done
done

printf '\nkeep-state at %s MB/s to the cache server (state: MB in the volume; stored: MB compressed, fetched by a restore)\n' "$RATE"
printf '%-4s %7s %8s %8s %8s %7s %9s %8s %8s %6s   %s\n' proto state stored save restore "MB/s" download unpack "no link" ratio "cached steps after restore"
printf '%s\n' "${rows[@]}"
