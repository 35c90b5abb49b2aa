#!/usr/bin/env bash
# The real-engine harness, idempotent. Run as root; every part caches its slow work under
# $HARNESS_CACHE (default /var/cache/setup-buildkit).
#   setup.sh          everything the test suite needs
#   setup.sh --core   only what running the action needs: engine, BuildKit image, docker buildx
set -euo pipefail
here=$(dirname "$0")
bash "$here/engine.sh"
bash "$here/images.sh"
bash "$here/buildx.sh"
[ "${1:-}" = --core ] && exit 0
# Test services and images: the binfmt installer, the Actions cache server, the CNI builder image,
# act and actionlint; two more engines (mutual TLS, ssh) for the endpoint tests.
for extra in binfmt-image.sh cache-server.sh cni-image.sh act.sh engines.sh; do
  bash "$here/$extra"
done
