#!/usr/bin/env bash
# Makes the binfmt image the action runs available on the engine, under its real name:
#   tonistiigi/binfmt:qemu-v7.0.0-28
# Where a registry answers the real image is pulled. Otherwise (the offline test machines, where
# the Go module proxy does not serve github.com/tonistiigi/binfmt) an image of the same shape is
# built here: the test double of the installer in ./binfmt (main.go explains what differs) at
# /usr/bin/binfmt as entrypoint, and Debian's qemu-user-static binaries at /usr/bin/qemu-<arch>,
# without the -static suffix, which are the names the installer registers.
source "$(dirname "$0")/lib.sh"
QEMU_ARCHS=(aarch64 arm riscv64 s390x ppc64le i386 mips64el mips64 loongarch64 x86_64)

if docker image inspect "$BINFMT_IMAGE" >/dev/null 2>&1; then exit 0; fi
if registry_answers && docker pull -q "$BINFMT_IMAGE"; then exit 0; fi

apt_install qemu-user-static
src=$(cd "$(dirname "$0")/binfmt" && pwd)
qemu_version=v$(dpkg-query -W -f '${Version}' qemu-user-static | sed 's/^[0-9]*://; s/+dfsg.*//')
key="$(cat "$src/main.go" "$src/go.mod" | sha256sum | cut -c1-12) $qemu_version"
if [ ! -x "$GOBIN_DIR/binfmt-double" ] || [ "$(cat "$GOBIN_DIR/.binfmt-double.version" 2>/dev/null)" != "$key" ]; then
  log "building the binfmt installer test double"
  (cd "$src" && CGO_ENABLED=0 go build -trimpath \
    -ldflags="-s -X main.revision=double-${key%% *} -X main.qemuVersion=$qemu_version" \
    -o "$GOBIN_DIR/binfmt-double" .)
  echo "$key" >"$GOBIN_DIR/.binfmt-double.version"
fi

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs/usr/bin" "$rootfs/tmp"
chmod 1777 "$rootfs/tmp"
install -m 755 "$GOBIN_DIR/binfmt-double" "$rootfs/usr/bin/binfmt"
for a in "${QEMU_ARCHS[@]}"; do install -m 755 "/usr/bin/qemu-$a-static" "$rootfs/usr/bin/qemu-$a"; done
log "importing $BINFMT_IMAGE (test double of the installer, Debian qemu $qemu_version)"
tar --numeric-owner --owner=0 --group=0 -C "$rootfs" -c . |
  docker import \
    -c 'ENTRYPOINT ["/usr/bin/binfmt"]' \
    -c 'VOLUME /tmp' \
    -c "LABEL org.opencontainers.image.description=\"setup-buildkit harness: test double of tonistiigi/binfmt, Debian qemu-user-static $qemu_version\"" \
    - "$BINFMT_IMAGE" >/dev/null
