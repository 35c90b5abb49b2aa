#!/usr/bin/env bash
# Installs the docker buildx CLI plugin the interop tests drive: built from the Go module proxy at a
# pinned release (Debian bookworm has none, and trixie's 0.13 predates default-load).
source "$(dirname "$0")/lib.sh"
plugin_dir=${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins
# The version stamp matters: the action writes only driver-opts the installed buildx release knows.
go_tool docker-buildx "github.com/docker/buildx@$BUILDX_VERSION" ./cmd/buildx \
  "-X github.com/docker/buildx/version.Version=$BUILDX_VERSION -X github.com/docker/buildx/version.Package=github.com/docker/buildx"
mkdir -p "$plugin_dir"
install -m 755 "$GOBIN_DIR/docker-buildx" "$plugin_dir/docker-buildx"
docker buildx version >&2
