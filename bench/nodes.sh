#!/usr/bin/env bash
# A three-node builder (node 0 on the runner's engine, node 1 on the mutual-TLS engine through a docker
# context, node 2 behind sshd), side by side: the action's main and post (its command line) against
# `docker buildx create` + two `create --append` + `docker buildx inspect --bootstrap`, and
# `docker buildx rm`, on the same engines (__tests__/harness/engines.sh starts the two extra ones).
# Medians of $ROUNDS rounds after one warm-up; prints a table.
source "$(dirname "$0")/lib.sh"
command -v bc >/dev/null || apt-get install -y -qq bc >/dev/null
bash "$(dirname "$0")/../__tests__/harness/engines.sh" 2>/dev/null
tls=${HARNESS_CACHE:-/var/cache/setup-buildkit}/engines/tls
DOCKER_CONFIG=$(mktemp -d)
export DOCKER_CONFIG
trap 'rm -rf "$DOCKER_CONFIG"' EXIT
ln -s "$HOME/.docker/cli-plugins" "$DOCKER_CONFIG/cli-plugins"
docker context create bench-tls --docker "host=tcp://127.0.0.1:23760,ca=$tls/ca.pem,cert=$tls/client.pem,key=$tls/client-key.pem" >/dev/null 2>&1
docker context create bench-ssh --docker host=ssh://sbk-ssh-engine >/dev/null 2>&1
append='- endpoint: bench-tls
  platforms: linux/arm64
- endpoint: bench-ssh
  platforms: linux/arm/v7'

create_ours() { $ACTION up --name bench-nodes-ours --pull-policy missing --platforms linux/amd64 --append "$append"; }
remove_ours() { $ACTION down --name bench-nodes-ours; }
create_buildx() {
  docker buildx create --name bench-nodes-buildx --driver docker-container --platform linux/amd64 unix:///var/run/docker.sock &&
    docker buildx create --name bench-nodes-buildx --append --platform linux/arm64 bench-tls &&
    docker buildx create --name bench-nodes-buildx --append --platform linux/arm/v7 bench-ssh &&
    docker buildx inspect --bootstrap bench-nodes-buildx
}
remove_buildx() { docker buildx rm bench-nodes-buildx; }
create_ours >/dev/null 2>&1; remove_ours >/dev/null 2>&1
create_buildx >/dev/null 2>&1; remove_buildx >/dev/null 2>&1
ours_up=(); ours_down=(); bx_up=(); bx_down=()
for _ in $(seq "$ROUNDS"); do
  ours_up+=("$(seconds create_ours)"); ours_down+=("$(seconds remove_ours)")
  bx_up+=("$(seconds create_buildx)"); bx_down+=("$(seconds remove_buildx)")
done
header "three-node builder (median s, $ROUNDS rounds)" "buildx $(docker buildx version | awk '{print $2}')"
row "create, wait until every BuildKit answers" "$(printf '%s\n' "${ours_up[@]}" | median)" "$(printf '%s\n' "${bx_up[@]}" | median)"
row "remove (containers, volumes, store entry)" "$(printf '%s\n' "${ours_down[@]}" | median)" "$(printf '%s\n' "${bx_down[@]}" | median)"
