#!/usr/bin/env bash
# keep-state against the practical limit, on the same volume, side by side:
#   save:    the action's post step (prune, stop, GNU tar --xattrs | zstd -T0, @actions/cache upload)
#            vs plain `tar --xattrs | zstd -T0` of the stopped volume
#   restore: the action's main step (@actions/cache download, zstd -t, zstd -d | PUT archive)
#            vs plain `zstd -d | tar -x --xattrs` into an empty volume
#   builds:  cold, warm on a builder that never stopped, warm after a restore.
# The cache service is act's real v1 server on loopback (built by the harness). One round: the
# figures are seconds of single runs on this machine. Needs root, the harness and dist/ built.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${HARNESS_CACHE:-/var/cache/setup-buildkit}/bin
NAME=benchstate
NODE=buildx_buildkit_${NAME}0
VOL=${NODE}_state
WORK=$(mktemp -d /tmp/bench-state-XXXX)
TARX=(tar --format=posix --xattrs '--xattrs-include=*' --numeric-owner -S)

"$BIN/act-cache-server" -addr 127.0.0.1 -port 0 -dir "$WORK/cache" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  docker rm -f "$NODE" bench-state-plain >/dev/null 2>&1 || true
  docker volume rm "$VOL" bench-state-plain >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 50); do grep -q url "$WORK/server.out" && break; sleep 0.1; done
export ACTIONS_CACHE_URL=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$WORK/server.out" | head -1)
export ACTIONS_RUNTIME_TOKEN=bench RUNNER_TEMP=$WORK/tmp GITHUB_WORKSPACE=$WORK/ws GITHUB_RUN_ATTEMPT=1 GITHUB_JOB=bench
unset ACTIONS_RESULTS_URL ACTIONS_CACHE_SERVICE_V2 GITHUB_SERVER_URL ACTIONS_CACHE_MODE
mkdir -p "$RUNNER_TEMP" "$GITHUB_WORKSPACE" "$WORK/ctx"

# A state worth measuring: ~200 MB of layers (random and compressible data, 6000 small files, a
# whiteout and an opaque directory) and a cache mount.
cat >"$WORK/ctx/Dockerfile" <<'EOF'
FROM 127.0.0.1:5000/library/busybox:latest
RUN dd if=/dev/urandom of=/random.bin bs=1M count=80 2>/dev/null
RUN seq 1 12000000 > /numbers.txt
RUN mkdir -p /many /d && for i in $(seq 1 6000); do echo "file $i" > /many/f$i; done && echo x > /d/old
RUN --mount=type=cache,target=/cache sh -c 'dd if=/dev/urandom of=/cache/blob bs=1M count=20 2>/dev/null; seq 1 2000000 > /cache/seq'
RUN rm /numbers.txt && rm -rf /d && mkdir /d && echo new > /d/new
EOF
build() { docker buildx build --builder "$NAME" --output type=cacheonly "$WORK/ctx"; }
log_seconds() { sed -n "s/.*$1 \([0-9.]*\) s.*/\1/p" "$2" | head -1; }

GITHUB_RUN_ID=1 $ACTION up --name "$NAME" --keep-state true --driver-opts network=host --use false >"$WORK/up1.out" 2>"$WORK/up1.err"
cold=$(seconds build)
warm=$(seconds build)
MP=$(docker volume inspect -f '{{.Mountpoint}}' "$VOL")

# The plain pipeline on the stopped volume, then BuildKit again for the action's own save.
docker stop "$NODE" >/dev/null
bytes=$(du -sb "$MP" | cut -f1)
plain_save=$(seconds sh -c "$(printf '%q ' "${TARX[@]}") -C '$MP' -cf - . | zstd -T0 -3 -q -f -o '$WORK/plain.tar.zst'")
plain_size=$(stat -c %s "$WORK/plain.tar.zst")
docker start "$NODE" >/dev/null
for _ in $(seq 100); do docker exec "$NODE" buildctl debug workers >/dev/null 2>&1 && break; sleep 0.1; done

t0=$(date +%s.%N)
GITHUB_RUN_ID=1 $ACTION down --name "$NAME" >"$WORK/down.out" 2>"$WORK/down.err"
action_save=$(echo "$(date +%s.%N) - $t0" | bc -l)
action_archive=$(log_seconds 'archive' "$WORK/down.err")
action_size=$(sed -n 's/.*keep-state: saved \([0-9.]*\) MB.*/\1/p' "$WORK/down.err")
grep -q 'keep-state: saved' "$WORK/down.err" || { cat "$WORK/down.err" >&2; exit 1; }

docker volume create bench-state-plain >/dev/null
PMP=$(docker volume inspect -f '{{.Mountpoint}}' bench-state-plain)
plain_restore=$(seconds sh -c "zstd -d -c -q '$WORK/plain.tar.zst' | $(printf '%q ' "${TARX[@]}") -C '$PMP' -xpf -")

t0=$(date +%s.%N)
GITHUB_RUN_ID=2 $ACTION up --name "$NAME" --keep-state true --driver-opts network=host --use false >"$WORK/up2.out" 2>"$WORK/up2.err"
action_up=$(echo "$(date +%s.%N) - $t0" | bc -l)
grep -q 'state-restored=prefix' "$WORK/up2.out" || { cat "$WORK/up2.err" >&2; exit 1; }
action_restore=$(sed -n 's/^state-restore-seconds=//p' "$WORK/up2.out")
action_unpack=$(log_seconds 'checked and unpacked in' "$WORK/up2.err")
warm_restored=$(seconds build)
build >"$WORK/cached.log" 2>&1
cached=$(grep -c ' CACHED$' "$WORK/cached.log" || true)
GITHUB_RUN_ID=2 $ACTION down --name "$NAME" >/dev/null 2>&1

mbs() { echo "scale=1; $bytes / 1000000 / $1" | bc -l; }
printf '\nstate volume: %.1f MB on disk; archive: action %s MB, plain %.1f MB\n\n' "$(echo "$bytes/1000000" | bc -l)" "$action_size" "$(echo "$plain_size/1000000" | bc -l)"
printf '%-52s %10s %10s %8s\n' "" "action" "plain" "ratio"
printf '%-52s %9.2fs %9.2fs %8.2f   (%s vs %s MB/s)\n' "save: archive (tar --xattrs | zstd -T0)" "$action_archive" "$plain_save" "$(echo "$action_archive / $plain_save" | bc -l)" "$(mbs "$action_archive")" "$(mbs "$plain_save")"
printf '%-52s %9.2fs %9.2fs %8.2f\n' "save: whole post step (du, prune, stop, upload)" "$action_save" "$plain_save" "$(echo "$action_save / $plain_save" | bc -l)"
printf '%-52s %9.2fs %9.2fs %8.2f   (%s vs %s MB/s)\n' "restore: check + unpack (zstd -t, zstd -d | PUT)" "$action_unpack" "$plain_restore" "$(echo "$action_unpack / $plain_restore" | bc -l)" "$(mbs "$action_unpack")" "$(mbs "$plain_restore")"
printf '%-52s %9.2fs %9.2fs %8.2f\n' "restore: with the download (state-restore-seconds)" "$action_restore" "$plain_restore" "$(echo "$action_restore / $plain_restore" | bc -l)"
printf '%-52s %9.2fs\n' "main step with restore, until BuildKit answers" "$action_up"
printf '\n%-52s %9.2fs\n' "build: cold" "$cold"
printf '%-52s %9.2fs\n' "build: warm, builder never stopped" "$warm"
printf '%-52s %9.2fs   ratio %.2f to warm; %s steps CACHED on a second run\n' "build: warm after restore (first build)" "$warm_restored" "$(echo "$warm_restored / $warm" | bc -l)" "$cached"
