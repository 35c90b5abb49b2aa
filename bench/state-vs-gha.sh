#!/usr/bin/env bash
# keep-state against BuildKit's own cache exports, on a project shaped like a real one: a base image
# (from the harness registry), a dependency layer, a source COPY and a compile step. Run 1 is cold;
# run 2 follows a one-line source change, on a fresh builder. Per method, each run's total is
# setup + build + save/export (+ removal), with the cache server (act's v1 server, which BuildKit's
# gha backend speaks too) behind a RATE MB/s link (bench/throttle-proxy.mjs):
#   keep-state  this action's keep-state: the state restored before BuildKit starts, pieces saved by `down`
#               (state-prune unused: what the run's build did not use is dropped before the save)
#   keep-state-size  the same with state-prune size: earlier runs' layers stay (up to the 8g budget)
#   gha         --cache-from/--cache-to type=gha,mode=max (BuildKit reaches the server: network=host)
#   registry    --cache-from/--cache-to type=registry,mode=max, the harness registry behind the same link
# Two shapes (SHAPES): cachemount, whose compile step keeps its objects in a RUN --mount=type=cache
# (recompiling only what changed), and layers, the same step without the cache mount.
# DEPS_MB sizes the dependency layer (250: a state of about 0.3 GB). RUNS (2) is the number of runs:
# each after the first follows a one-line change of another file; the table shows the last one and
# every total from run 2 on (the steady state of a pipeline). One round; needs the harness, dist/
# built and root.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cache-lib.sh"
SHAPES=${SHAPES:-cachemount layers}
METHODS=${METHODS:-keep-state gha registry}
RATE=${RATE:-100}
DEPS_MB=${DEPS_MB:-250}
FILES=${FILES:-40}
RUNS=${RUNS:-2}
COMPILE_SECONDS=${COMPILE_SECONDS:-0.25}
NAME=benchgha
BASE=127.0.0.1:5000/bench/state-vs-gha-base:1
WORK=$(mktemp -d /tmp/bench-gha-XXXX)
cleanup() {
  stop_cache
  $ACTION down --name "$NAME" >/dev/null 2>&1 || true
  docker rm -f "buildx_buildkit_${NAME}0" >/dev/null 2>&1 || true
  docker volume rm "buildx_buildkit_${NAME}0_state" >/dev/null 2>&1 || true
  if [ -n "$KEEP_LOGS" ]; then cp -r "$WORK/logs" "$KEEP_LOGS" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
KEEP_LOGS=${KEEP_LOGS:-}
compile_lib
export RUNNER_TEMP=$WORK/tmp GITHUB_WORKSPACE=$WORK/ws GITHUB_RUN_ATTEMPT=1 GITHUB_JOB=bench
mkdir -p "$RUNNER_TEMP" "$GITHUB_WORKSPACE"

# The base image: busybox and a 40 MB "toolchain", pushed once to the harness registry.
if ! curl -sf "http://127.0.0.1:5000/v2/bench/state-vs-gha-base/manifests/1" -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' >/dev/null; then
  mkdir -p "$WORK/base"
  printf 'FROM 127.0.0.1:5000/library/busybox:latest\nRUN dd if=/dev/urandom of=/opt-toolchain bs=1M count=40 2>/dev/null\n' >"$WORK/base/Dockerfile"
  DOCKER_BUILDKIT=0 docker build -q -t "$BASE" "$WORK/base" >/dev/null
  docker push -q "$BASE" >/dev/null
  docker rmi "$BASE" >/dev/null
fi

# project DIR SHAPE: the build context. compile.sh "compiles" each source file (COMPILE_SECONDS, a
# 2 MB object) unless an object for its content is in /cache already. The base image comes through
# the throttled link too, as a pull from Docker Hub would.
project() {
  local dir=$1 shape=$2 mount='' i
  mkdir -p "$dir/src"
  [ "$shape" = cachemount ] && mount='--mount=type=cache,target=/cache '
  cat >"$dir/Dockerfile" <<EOF
FROM 127.0.0.1:$REGISTRY_PROXY/bench/state-vs-gha-base:1
RUN mkdir /deps && dd if=/dev/urandom of=/deps/lib.so bs=1M count=$((DEPS_MB / 2)) 2>/dev/null && seq 1 $((DEPS_MB / 2 * 1000000 / 8)) > /deps/index.txt
COPY compile.sh /compile.sh
COPY src /src
RUN ${mount}sh /compile.sh
EOF
  cat >"$dir/compile.sh" <<'EOF'
mkdir -p /cache/obj /out
for f in /src/*.c; do
  key=$(md5sum "$f" | cut -c1-32)
  if [ ! -e /cache/obj/$key ]; then sleep COMPILE_SECONDS; head -c 2000000 /dev/urandom > /cache/obj/$key; fi
  cp /cache/obj/$key /out/$(basename "$f" .c).o
done
EOF
  sed -i "s/COMPILE_SECONDS/$COMPILE_SECONDS/" "$dir/compile.sh"
  for i in $(seq "$FILES"); do printf 'int f%s(void) { return %s; }\n' "$i" "$i" >"$dir/src/f$i.c"; done
}

cache_flags() {
  local method=$1 tag=$2
  case $method in
    gha) echo "--cache-from type=gha,url=$CACHE_URL,token=$ACTIONS_RUNTIME_TOKEN,scope=$tag --cache-to type=gha,mode=max,url=$CACHE_URL,token=$ACTIONS_RUNTIME_TOKEN,scope=$tag" ;;
    registry) echo "--cache-from type=registry,ref=127.0.0.1:$REGISTRY_PROXY/bench/state-vs-gha-cache:$tag --cache-to type=registry,mode=max,ref=127.0.0.1:$REGISTRY_PROXY/bench/state-vs-gha-cache:$tag" ;;
  esac
}

# timed LOG CMD...: runs CMD with its output in LOG, prints the elapsed seconds; a failure stops the benchmark.
timed() {
  local log=$1 t0 t1
  shift
  t0=$(date +%s.%N)
  "$@" >"$log" 2>&1 || { echo "failed: $* (see below)" >&2; tail -20 "$log" >&2; exit 1; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

# run METHOD RUN_ID CONTEXT TAG: prints "setup build save" seconds of one run on a fresh builder.
run() {
  local method=$1 id=$2 ctx=$3 tag=$4 keep=false prune=unused setup build save log=$WORK/logs/$4-$1-$2
  case $method in keep-state) keep=true ;; keep-state-size) keep=true prune=size ;; esac
  mkdir -p "$WORK/logs"
  # A budget above the state: the benchmark measures moving it, not pruning it.
  setup=$(timed "$log-up.log" env GITHUB_RUN_ID="$id" $ACTION up --name "$NAME" --keep-state "$keep" --state-prune "$prune" --state-max-size 8g --driver-opts network=host --use false)
  # shellcheck disable=SC2046
  build=$(timed "$log-build.log" docker buildx build --builder "$NAME" --progress plain --output type=cacheonly $(cache_flags "$method" "$tag") "$ctx")
  save=$(timed "$log-down.log" env GITHUB_RUN_ID="$id" $ACTION down --name "$NAME")
  echo "$setup $build $save"
}

rows=()
round=$(date +%s)
for shape in $SHAPES; do
  gha_total=
  for method in $METHODS; do
    ctx=$WORK/$shape-$method
    start_cache v1 "$RATE" "$WORK/cache-$shape-$method"
    REGISTRY_PROXY=$(free_port)
    node "$BENCH_DIR/throttle-proxy.mjs" "$REGISTRY_PROXY" 5000 "$RATE" >/dev/null &
    CACHE_PIDS+=($!)
    project "$ctx" "$shape"
    sleep 0.3
    tag=$shape-$round
    read -r s1 b1 x1 <<<"$(run "$method" 1 "$ctx" "$tag")"
    totals=()
    for n in $(seq 2 "$RUNS"); do
      # Each run changes another file: run n's compile step re-runs, as after a commit.
      echo "// change $n" >>"$ctx/src/f$((n + 5)).c"
      read -r s2 b2 x2 <<<"$(run "$method" "$n" "$ctx" "$tag")"
      totals+=("$(printf '%.2f' "$(echo "$s2 + $b2 + $x2" | bc -l)")")
    done
    stop_cache
    total1=$(echo "$s1 + $b1 + $x1" | bc -l)
    total2=$(echo "$s2 + $b2 + $x2" | bc -l)
    [ "$method" = gha ] && gha_total=$total2
    rows+=("$shape|$method|$total1|$s2|$b2|$x2|$total2|${totals[*]}")
  done
  for i in "${!rows[@]}"; do
    IFS='|' read -r sh m t1 s2 b2 x2 t2 _ <<<"${rows[$i]}"
    [ "$sh" = "$shape" ] && [ -n "$gha_total" ] && rows[$i]="${rows[$i]}|$(echo "$t2 / $gha_total" | bc -l)"
  done
done

printf '\nrun %s after a one-line change per run on a fresh builder; cache server, registry cache and base image at %s MB/s;\ndependency layer %s MB, %s source files compiled in %s s each\n' "$RUNS" "$RATE" "$DEPS_MB" "$FILES" "$COMPILE_SECONDS"
printf '%-11s %-15s %9s %9s %9s %12s %9s %10s  %s\n' shape method "run 1" setup build "save/export" "run $RUNS" "vs gha" "runs 2..$RUNS"
for r in "${rows[@]}"; do
  IFS='|' read -r sh m t1 s2 b2 x2 t2 all ratio <<<"$r"
  printf '%-11s %-15s %8.2fs %8.2fs %8.2fs %11.2fs %8.2fs %10.2f  %s\n' "$sh" "$m" "$t1" "$s2" "$b2" "$x2" "$t2" "${ratio:-0}" "$all"
done
