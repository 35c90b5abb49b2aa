# Runs a benchmark script once per engine of the harness, each table under a heading: Debian's 20.10
# at the default socket, then engine29.sh's Docker 29 (containerd image store). Sourced at the top of
# a benchmark, before anything else runs; BENCH_ENGINE=20.10 or =29 runs it on that engine alone.
source "$(dirname "${BASH_SOURCE[0]}")/../__tests__/harness/lib.sh"
if [ -z "${BENCH_ENGINE_HOST+set}" ]; then
  status=0
  for engine in 20.10 29; do
    [ -n "${BENCH_ENGINE:-}" ] && [ "$BENCH_ENGINE" != "$engine" ] && continue
    host=; [ "$engine" = 29 ] && host=$DOCKER29_HOST
    printf '== engine %s (%s): %s\n' "$engine" "${host:-unix:///var/run/docker.sock}" \
      "$(DOCKER_HOST=$host docker version --format '{{.Server.Version}}, {{.Server.APIVersion}}')"
    BENCH_ENGINE=$engine BENCH_ENGINE_HOST=$host DOCKER_HOST=$host bash "$0" "$@" || status=1
    echo
  done
  exit $status
fi
