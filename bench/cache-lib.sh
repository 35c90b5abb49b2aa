# Shared by the state benchmarks: a cache server behind the throttle proxy, as the runner's cache
# service is reached over a network link. Sourced after lib.sh, never run. Needs lib/ compiled
# (compile_lib) for the v2 server, which is the test suite's double.
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
BIN=${HARNESS_CACHE:-/var/cache/setup-buildkit}/bin
CACHE_PIDS=()
LINK_PID=''

# The action's modules and the test servers as plain JavaScript, under lib/ (git-ignored).
compile_lib() { (cd "$ROOT" && npx tsc -p tsconfig.json --noEmit false --outDir lib --sourceMap false); }

free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }

# start_cache PROTOCOL MB_PER_SECOND DIR: v1 is act's real server, v2 the suite's double; both
# behind bench/throttle-proxy.mjs. Exports what @actions/cache (and BuildKit's gha backend) read.
start_cache() {
  local protocol=$1 rate=$2 dir=$3 upstream proxy url=''
  upstream=$(free_port)
  proxy=$(free_port)
  mkdir -p "$dir"
  LINK_PORTS="$proxy $upstream"
  set_link "$rate"
  if [ "$protocol" = v1 ]; then
    "$BIN/act-cache-server" -addr 127.0.0.1 -port "$upstream" -dir "$dir" -external-url "http://127.0.0.1:$proxy" >"$dir/server.out" 2>"$dir/server.err" &
  else
    node --input-type=module -e "
      const m = await import('$ROOT/lib/__tests__/support/cache-v2-server.js');
      const s = await m.startCacheV2Server({ port: $upstream, publicUrl: 'http://127.0.0.1:$proxy/' });
      console.log(JSON.stringify({ url: s.url }));" >"$dir/server.out" 2>"$dir/server.err" &
  fi
  CACHE_PIDS+=($!)
  for _ in $(seq 100); do grep -q url "$dir/server.out" 2>/dev/null && break; sleep 0.1; done
  url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$dir/server.out" | head -1)
  [ -n "$url" ] || { cat "$dir/server.err" >&2; return 1; }
  ACTIONS_RUNTIME_TOKEN=$(node --input-type=module -e "const m = await import('$ROOT/lib/__tests__/support/cache-env.js'); console.log(m.fakeRuntimeToken());")
  export ACTIONS_RUNTIME_TOKEN
  unset ACTIONS_CACHE_URL ACTIONS_RESULTS_URL ACTIONS_CACHE_SERVICE_V2 GITHUB_SERVER_URL ACTIONS_CACHE_MODE
  if [ "$protocol" = v1 ]; then export ACTIONS_CACHE_URL=$url; else export ACTIONS_RESULTS_URL=$url ACTIONS_CACHE_SERVICE_V2=true; fi
  CACHE_URL=$url
}

# set_link MB_PER_SECOND: the link between the cache server and its clients at another rate (0: out of
# the way), on the same port, for the requests made from now on.
set_link() {
  if [ -n "$LINK_PID" ]; then kill "$LINK_PID" 2>/dev/null || true; wait "$LINK_PID" 2>/dev/null || true; fi
  # shellcheck disable=SC2086 # LINK_PORTS is the two ports
  node "$BENCH_DIR/throttle-proxy.mjs" $LINK_PORTS "$1" >"$WORK/link.out" &
  LINK_PID=$!
  for _ in $(seq 50); do grep -q listening "$WORK/link.out" 2>/dev/null && return; sleep 0.1; done
  echo "the throttle proxy did not start" >&2
  return 1
}

stop_cache() {
  local p
  if [ -n "$LINK_PID" ]; then kill "$LINK_PID" 2>/dev/null || true; wait "$LINK_PID" 2>/dev/null || true; fi
  LINK_PID=''
  for p in "${CACHE_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${CACHE_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  CACHE_PIDS=()
LINK_PID=''
}
