# Shared settings of the real-engine harness. Sourced, never run.
# Everything slow (Go builds, the debootstrap root filesystem) is cached outside the clone,
# keyed by version, so CI on the same machine reuses it and a fresh machine rebuilds it.
set -euo pipefail
HARNESS_CACHE=${HARNESS_CACHE:-/var/cache/setup-buildkit}
BUILDKIT_VERSION=${BUILDKIT_VERSION:-v0.26.3}
BUILDX_VERSION=${BUILDX_VERSION:-v0.38.2}
DISTRIBUTION_VERSION=${DISTRIBUTION_VERSION:-v3.1.2}
ACT_VERSION=${ACT_VERSION:-v0.2.89}
ACTIONLINT_VERSION=${ACTIONLINT_VERSION:-v1.7.12}
BUILDKIT_IMAGE=${BUILDKIT_IMAGE:-moby/buildkit:buildx-stable-1}
# The harness's own registry: base images for test Dockerfiles live here.
TEST_REGISTRY=127.0.0.1:5000
BASE_IMAGE=$TEST_REGISTRY/library/busybox:latest
GOBIN_DIR=$HARNESS_CACHE/bin
mkdir -p "$HARNESS_CACHE" "$GOBIN_DIR"

log() { printf '[harness] %s\n' "$*" >&2; }

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  if [ ! -f "$HARNESS_CACHE/.apt-updated" ] || [ -n "$(find "$HARNESS_CACHE/.apt-updated" -mmin +720)" ]; then
    apt-get update -qq && touch "$HARNESS_CACHE/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# go_tool NAME MODULE@VERSION [PACKAGE] [LDFLAGS]: a static binary in the cache, built once per version.
# Built inside the module's own directory rather than with `go install mod@version`: BuildKit's
# go.mod carries exclude directives, which `go install` refuses and a main-module build honours.
go_tool() {
  local name=$1 mod=$2 pkg=${3:-.} ldflags=${4:-} stamp="$GOBIN_DIR/.$1.version"
  if [ -x "$GOBIN_DIR/$name" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$mod $pkg $ldflags" ]; then return 0; fi
  log "building $name from $mod ($pkg)"
  local dir
  dir=$(go mod download -json "$mod" | jq -r .Dir)
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath -ldflags="-s $ldflags" -o "$GOBIN_DIR/$name" "$pkg")
  echo "$mod $pkg $ldflags" >"$stamp"
}

registry_answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 https://registry-1.docker.io/v2/ || true)" = 401 ]; }
