#!/usr/bin/env bash
# Builds act-cache-server (cache-server/main.go: nektos/act's real pkg/artifactcache, Actions cache
# protocol v1) into $HARNESS_CACHE/bin, only when its source changed: the stamp is the sha256 of
# main.go + go.mod + go.sum. Prints the binary's path on stdout (logs go to stderr).
# Safe to run concurrently: the binary is built under a temporary name and renamed into place.
source "$(dirname "$0")/lib.sh"
src=$(cd "$(dirname "$0")/cache-server" && pwd)
bin=$GOBIN_DIR/act-cache-server
stamp=$GOBIN_DIR/.act-cache-server.sha256
hash=$(cd "$src" && cat main.go go.mod go.sum | sha256sum | cut -d' ' -f1)
if [ ! -x "$bin" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
  log "building act-cache-server ($hash)"
  tmp=$bin.tmp.$$
  trap 'rm -f "$tmp"' EXIT
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -ldflags=-s -o "$tmp" .)
  mv -f "$tmp" "$bin"
  echo "$hash" >"$stamp"
fi
echo "$bin"
