#!/usr/bin/env bash
# Makes the binfmt installer images the tests run available on the engine, under their real names:
#   tonistiigi/binfmt:qemu-v10.2.3-68  the action's default (deploy/v10.2.3-68): ten architectures
#   tonistiigi/binfmt:qemu-v7.0.0-28   the previous default (deploy/v7.0.0-28): no loong64
# Where a registry answers the real images are pulled. Otherwise (the offline test machines, where
# the Go module proxy does not serve github.com/tonistiigi/binfmt) an image of the same shape is
# built here for each: the test double of the installer in ./binfmt (main.go explains what differs),
# configured for the release's architectures, at /usr/bin/binfmt as entrypoint, Debian's
# qemu-user-static binaries of exactly those architectures at /usr/bin/qemu-<arch> (without the
# -static suffix, the names the installer registers), and QEMU_PRESERVE_ARGV0=1 as the release
# images set it (their entries carry the P flag: "flags: POCF").
source "$(dirname "$0")/lib.sh"
DEFAULT_BINFMT_IMAGE=tonistiigi/binfmt:qemu-v10.2.3-68
# image|architectures (the release's cmd/binfmt/config.go)|QEMU binaries (its emulators)
RELEASES=(
  "$DEFAULT_BINFMT_IMAGE|amd64,arm64,arm,s390x,ppc64le,riscv64,386,mips64le,mips64,loong64|x86_64 aarch64 arm s390x ppc64le riscv64 i386 mips64el mips64 loongarch64"
  "tonistiigi/binfmt:qemu-v7.0.0-28|amd64,arm64,arm,s390x,ppc64le,riscv64,386,mips64le,mips64|x86_64 aarch64 arm s390x ppc64le riscv64 i386 mips64el mips64"
)
src=$(cd "$(dirname "$0")/binfmt" && pwd)

# stand_in IMAGE ARCHS BINARIES: the double's image for one release, rebuilt when the double, the
# release's architectures or Debian's qemu changed (the key is the image's label).
stand_in() {
  local image=$1 archs=$2 binaries=$3
  apt_install qemu-user-static
  local qemu_version key
  qemu_version=v$(dpkg-query -W -f '${Version}' qemu-user-static | sed 's/^[0-9]*://; s/+dfsg.*//')
  key="$(cat "$src/main.go" "$src/go.mod" "$0" | sha256sum | cut -c1-12) $qemu_version $archs"
  if [ "$(docker image inspect -f '{{index .Config.Labels "setup-buildkit.stand-in"}}' "$image" 2>/dev/null)" = "$key" ]; then return 0; fi
  local rootfs
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/usr/bin" "$rootfs/tmp"
  chmod 1777 "$rootfs/tmp"
  log "building the binfmt installer test double for $image"
  (cd "$src" && CGO_ENABLED=0 go build -trimpath \
    -ldflags="-s -X main.revision=double-${key%% *} -X main.qemuVersion=$qemu_version -X main.architectures=$archs" \
    -o "$rootfs/usr/bin/binfmt" .)
  local b
  for b in $binaries; do install -m 755 "/usr/bin/qemu-$b-static" "$rootfs/usr/bin/qemu-$b"; done
  log "importing $image (test double of the installer, Debian qemu $qemu_version)"
  tar --numeric-owner --owner=0 --group=0 -C "$rootfs" -c . |
    docker import \
      -c 'ENTRYPOINT ["/usr/bin/binfmt"]' \
      -c 'VOLUME /tmp' \
      -c 'ENV QEMU_PRESERVE_ARGV0=1' \
      -c "LABEL setup-buildkit.stand-in=\"$key\"" \
      -c "LABEL org.opencontainers.image.description=\"setup-buildkit harness: test double of $image, Debian qemu-user-static $qemu_version\"" \
      - "$image" >/dev/null
  rm -rf "$rootfs"
}

# A real image (pulled earlier) is kept; a stand-in is brought up to date.
real_image() {
  docker image inspect "$1" >/dev/null 2>&1 &&
    ! docker image inspect -f '{{index .Config.Labels "org.opencontainers.image.description"}}' "$1" | grep -q '^setup-buildkit harness'
}

for release in "${RELEASES[@]}"; do
  IFS='|' read -r image archs binaries <<<"$release"
  if real_image "$image"; then continue; fi
  if registry_answers && docker pull -q "$image"; then continue; fi
  stand_in "$image" "$archs" "$binaries"
done
