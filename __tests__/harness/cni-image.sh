#!/usr/bin/env bash
# The seed's CNI recipe (seeds/003, "CNI networking"), as a local image:
#   setup-buildkit-test/buildkit-cni:local
# = the harness's BuildKit image + CNI plugins in /opt/cni/bin + iptables (the bridge plugin's
# ipMasq runs it) + BuildKit's own test CNI config (hack/fixtures/cni.json) at /etc/buildkit/cni.json.
# The seed downloads the plugins from GitHub; here they are Debian's containernetworking-plugins.
# Built with the classic builder (no BuildKit builder is needed to make this one), on the host
# network so apt reaches the Debian mirror the host uses. Rebuilt only when this recipe changes:
# the image carries the recipe's hash as a label.
source "$(dirname "$0")/lib.sh"

dockerfile=$(cat <<DOCKERFILE
FROM $BUILDKIT_IMAGE
RUN if command -v apt-get >/dev/null; then \\
      apt-get update -qq && \\
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends containernetworking-plugins iptables >/dev/null && \\
      rm -rf /var/lib/apt/lists/* && mkdir -p /opt/cni/bin && ln -s /usr/lib/cni/* /opt/cni/bin/; \\
    else \\
      apk add --no-cache cni-plugins iptables && mkdir -p /opt/cni/bin && ln -s /usr/libexec/cni/* /opt/cni/bin/; \\
    fi
COPY cni.json /etc/buildkit/cni.json
DOCKERFILE
)
# BuildKit v0.26.3 hack/fixtures/cni.json, the file the seed's recipe ADDs.
cni_json='{
  "cniVersion": "1.0.0",
  "name": "buildkit",
  "type": "bridge",
  "bridge": "buildkit0",
  "isDefaultGateway": true,
  "forceAddress": false,
  "ipMasq": true,
  "hairpinMode": true,
  "ipam": {
    "type": "host-local",
    "ranges": [[{ "subnet": "10.10.0.0/16" }]]
  }
}'
recipe=$(printf '%s\n%s\n%s' "$dockerfile" "$cni_json" "$(docker image inspect -f '{{.Id}}' "$BUILDKIT_IMAGE")" | sha256sum | cut -c1-16)

if [ "$(docker image inspect -f '{{index .Config.Labels "setup-buildkit.recipe"}}' "$CNI_IMAGE" 2>/dev/null)" = "$recipe" ]; then exit 0; fi
log "building $CNI_IMAGE (BuildKit image + Debian CNI plugins, recipe $recipe)"
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
printf '%s\nLABEL setup-buildkit.recipe=%s\n' "$dockerfile" "$recipe" >"$ctx/Dockerfile"
printf '%s\n' "$cni_json" >"$ctx/cni.json"
# The classic builder's RUN containers get the base image's VOLUME /var/lib/buildkit as anonymous
# volumes and leave them behind: remove the ones this build made.
anonymous() { docker volume ls -q --filter dangling=true | grep -E '^[0-9a-f]{64}$' | sort || true; }
before=$(anonymous)
DOCKER_BUILDKIT=0 docker build -q --network host -t "$CNI_IMAGE" "$ctx" >/dev/null
comm -13 <(echo "$before") <(anonymous) | xargs -r docker volume rm >/dev/null
