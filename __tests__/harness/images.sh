#!/usr/bin/env bash
# Makes the images the tests need available on the engine, under their real names:
#   moby/buildkit:buildx-stable-1  the builder image
#   127.0.0.1:5000/library/busybox the base image of test Dockerfiles, in the harness's registry
# Where a registry answers they are pulled; otherwise built here from the Go module proxy and
# Debian's packages, exactly as ../shared/reference/engine-here.md describes.
source "$(dirname "$0")/lib.sh"

buildkit_image() {
  if docker image inspect "$BUILDKIT_IMAGE" >/dev/null 2>&1; then return 0; fi
  if registry_answers && docker pull -q "$BUILDKIT_IMAGE"; then return 0; fi
  # The version stamp is what `buildctl debug info` and the action's buildkit-version output report.
  local version="-X github.com/moby/buildkit/version.Version=$BUILDKIT_VERSION -X github.com/moby/buildkit/version.Package=github.com/moby/buildkit"
  go_tool buildkitd "github.com/moby/buildkit@$BUILDKIT_VERSION" ./cmd/buildkitd "$version"
  go_tool buildctl "github.com/moby/buildkit@$BUILDKIT_VERSION" ./cmd/buildctl "$version"
  local rootfs=$HARNESS_CACHE/rootfs-bookworm
  if [ ! -f "$rootfs/.complete" ]; then
    apt_install debootstrap
    log "debootstrap the BuildKit image's root filesystem (about 3 minutes)"
    rm -rf "$rootfs"
    local mirror
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    debootstrap --variant=minbase --include=runc,ca-certificates,git,pigz,xz-utils,openssh-client,tar,iproute2 \
      bookworm "$rootfs" "${mirror:-http://deb.debian.org/debian}" >"$HARNESS_CACHE/debootstrap.log"
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    touch "$rootfs/.complete"
  fi
  install -m 755 "$GOBIN_DIR/buildkitd" "$GOBIN_DIR/buildctl" "$rootfs/usr/bin/"
  log "importing $BUILDKIT_IMAGE"
  tar --exclude=./.complete --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' -C "$rootfs" -c . |
    docker import \
      -c 'ENTRYPOINT ["buildkitd"]' \
      -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      -c 'VOLUME /var/lib/buildkit' \
      - "$BUILDKIT_IMAGE" >/dev/null
}

# The harness's registry on loopback, holding the base image of test Dockerfiles.
test_registry() {
  go_tool registry "github.com/distribution/distribution/v3@$DISTRIBUTION_VERSION" ./cmd/registry
  if ! curl -sf "http://$TEST_REGISTRY/v2/" >/dev/null; then
    mkdir -p "$HARNESS_CACHE/registry"
    cat >"$HARNESS_CACHE/registry/config.yml" <<CFG
version: 0.1
log: {level: warn}
storage: {filesystem: {rootdirectory: $HARNESS_CACHE/registry/data}}
http: {addr: $TEST_REGISTRY}
CFG
    OTEL_TRACES_EXPORTER=none nohup "$GOBIN_DIR/registry" serve "$HARNESS_CACHE/registry/config.yml" \
      >"$HARNESS_CACHE/registry/log" 2>&1 &
    for _ in $(seq 1 50); do curl -sf "http://$TEST_REGISTRY/v2/" >/dev/null && break; sleep 0.2; done
  fi
  if curl -sf "http://$TEST_REGISTRY/v2/library/busybox/manifests/latest" \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' >/dev/null; then return 0; fi
  if registry_answers && docker pull -q busybox:stable; then
    docker tag busybox:stable "$BASE_IMAGE"
  else
    apt_install busybox-static
    local dir
    dir=$(mktemp -d)
    mkdir -p "$dir/bin" "$dir/tmp" "$dir/etc"
    cp /bin/busybox "$dir/bin/busybox"
    for applet in $("$dir/bin/busybox" --list); do
      [ "$applet" = busybox ] || ln -sf busybox "$dir/bin/$applet"
    done
    echo 'root:x:0:0:root:/root:/bin/sh' >"$dir/etc/passwd"
    tar -C "$dir" -c . | docker import -c 'CMD ["sh"]' -c 'ENV PATH=/bin' - "$BASE_IMAGE" >/dev/null
    rm -rf "$dir"
  fi
  docker push -q "$BASE_IMAGE" >/dev/null
}

buildkit_image
test_registry
log "images ready: $BUILDKIT_IMAGE, $BASE_IMAGE"
