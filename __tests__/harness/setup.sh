#!/usr/bin/env bash
# The real-engine harness, idempotent. Run as root; every part caches its slow work under
# $HARNESS_CACHE (default /var/cache/setup-buildkit).
#   setup.sh          everything the test suite needs, on both engines (20.10 and engine29.sh's 29)
#   setup.sh --core   only what running the action needs: engine, BuildKit image, docker buildx
#   setup.sh --kubernetes  everything, and the Kubernetes cluster started (kubernetes.sh; otherwise the
#                     kubernetes tests start it themselves; its binary is built here either way)
set -euo pipefail
here=$(dirname "$0")
source "$here/lib.sh"
if [ "${1:-}" != --core ]; then
  # Engine 29's Go builds (the slowest part of a fresh machine) run beside everything else.
  bash "$here/engine29.sh" build >"$HARNESS_CACHE/engine29-build.log" 2>&1 &
  build29=$!
  # The cluster's one binary (kubernetes.sh): the longest Go build, cached like the engines.
  bash "$here/kubernetes.sh" build >"$HARNESS_CACHE/kubernetes-build.log" 2>&1 &
  buildk8s=$!
fi
bash "$here/engine.sh"
bash "$here/images.sh"
bash "$here/buildx.sh"
[ "${1:-}" = --core ] && exit 0
# Test services and images: the binfmt installer, the Actions cache server, the CNI builder image,
# act and actionlint; two more engines (mutual TLS, ssh) for the endpoint tests.
for extra in binfmt-image.sh cache-server.sh cni-image.sh act.sh engines.sh; do
  bash "$here/$extra"
done
if ! wait "$build29"; then
  cat "$HARNESS_CACHE/engine29-build.log" >&2
  exit 1
fi
grep '^\[harness\]' "$HARNESS_CACHE/engine29-build.log" >&2 || true
# The second engine, started, with the images the extras made on 20.10.
bash "$here/engine29.sh"
if ! wait "$buildk8s"; then
  cat "$HARNESS_CACHE/kubernetes-build.log" >&2
  exit 1
fi
grep '^\[harness\]' "$HARNESS_CACHE/kubernetes-build.log" >&2 || true
[ "${1:-}" = --kubernetes ] && bash "$here/kubernetes.sh" start
exit 0
