#!/usr/bin/env bash
# The whole real-engine harness, idempotent: engine, images, docker buildx, test services' binaries.
# Run as root; every part caches its slow work under $HARNESS_CACHE (default /var/cache/setup-buildkit).
set -euo pipefail
here=$(dirname "$0")
bash "$here/engine.sh"
bash "$here/images.sh"
bash "$here/buildx.sh"
for extra in binfmt-image.sh cache-server.sh cni-image.sh act.sh; do
  if [ -f "$here/$extra" ]; then bash "$here/$extra"; fi
done
